"""The admin pages for the catalogue render, and its forms apply the same rules as the models."""

from __future__ import annotations

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse

from matters.admin import MatterForm, statutory_fine_text
from matters.models import Benchmark, Matter
from matters.services import seed_catalogue

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_client(client):
    user = get_user_model().objects.create_superuser("admin", "admin@example.com", "pw-123456")
    client.force_login(user)
    return client


def test_the_catalogue_pages_render(admin_client):
    seed_catalogue()
    matter = Matter.objects.get(code="SC-SP-001")
    benchmark = Benchmark.objects.get(matter=matter)
    for url in (
        reverse("admin:matters_matter_changelist"),
        reverse("admin:matters_matter_changelist") + "?q=SC-SP",
        reverse("admin:matters_matter_change", args=[matter.pk]),
        reverse("admin:matters_benchmark_changelist"),
        reverse("admin:matters_benchmark_change", args=[benchmark.pk]),
        reverse("admin:matters_legalprovision_changelist"),
        reverse("admin:matters_legalprovision_change", args=[matter.penalty_provision_id]),
    ):
        response = admin_client.get(url)
        assert response.status_code == 200, url
    assert "经营超过保质期的食品" in admin_client.get(reverse("admin:matters_matter_changelist")).content.decode()


def test_the_statutory_fine_reads_at_a_glance():
    seed_catalogue()
    assert statutory_fine_text(Matter.objects.get(code="SC-SP-001")) == "50000–100000元；货值金额10000元以上：10–20倍"
    assert statutory_fine_text(Matter.objects.get(code="SC-JG-001")) == "0–5000元"
    assert statutory_fine_text(Matter.objects.get(code="CG-GH-001")) == "建设工程造价0.05–0.1倍"


def test_the_matter_form_refuses_a_fine_range_without_the_fine_kind():
    seed_catalogue()
    matter = Matter.objects.get(code="SC-JG-001")
    data = {
        "code": matter.code,
        "name": matter.name,
        "domain": matter.domain_id,
        "violated_provision": matter.violated_provision_id,
        "penalty_provision": matter.penalty_provision_id,
        "penalty_kinds": ["confiscate_gains"],
        "fine_max": "5000",
        "is_active": "on",
    }
    form = MatterForm(data=data, instance=matter)
    assert not form.is_valid()
    assert "处罚种类应包含罚款" in form.errors["penalty_kinds"][0]
    form = MatterForm(data={**data, "penalty_kinds": ["confiscate_gains", "fine"]}, instance=matter)
    assert form.is_valid(), form.errors
    assert form.cleaned_data["penalty_kinds"] == ["fine", "confiscate_gains"]  # 行政处罚法 第九条's order
