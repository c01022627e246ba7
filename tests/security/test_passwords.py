"""Self-service password change and the password policy (等保 2.0 8.1.4.1 a)."""

from __future__ import annotations

import pytest
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.urls import reverse

from officers.demo import DEMO_PASSWORD
from security.choices import SecurityEventKind
from security.models import ApiToken, SecurityEvent
from security.tokens import issue_token
from tests.officers.factories import PASSWORD, OfficerFactory

pytestmark = pytest.mark.django_db

STRONG = "Kaiyuan-Road-88!"


@pytest.mark.parametrize(
    ("password", "code"),
    [
        ("Short-1!", "password_too_short"),
        ("abcdefghijklmnop", "password_too_simple"),
        ("Password1234", "password_too_common"),
        (DEMO_PASSWORD, "password_is_demo"),
        ("123456789012345", "password_entirely_numeric"),
    ],
)
def test_the_policy_refuses(password, code):
    user = OfficerFactory(user__username="wangqiang").user
    with pytest.raises(ValidationError) as refused:
        validate_password(password, user)
    assert code in {e.code for e in refused.value.error_list}


def test_a_password_like_the_username_is_refused():
    user = OfficerFactory(user__username="wangqiang2026x").user
    with pytest.raises(ValidationError) as refused:
        validate_password("Wangqiang2026x!", user)
    assert "password_too_similar" in {e.code for e in refused.value.error_list}


def test_a_strong_password_passes():
    validate_password(STRONG, OfficerFactory().user)


def test_the_officer_changes_the_password_from_the_menu(client):
    officer = OfficerFactory()
    issue_token(user=officer.user)
    client.force_login(officer.user)
    home = client.get("/").content.decode()
    assert reverse("security:password_change") in home

    page = client.get(reverse("security:password_change"))
    assert page.status_code == 200 and "至少 12 个字符" in page.content.decode()
    weak = client.post(
        reverse("security:password_change"),
        {"old_password": PASSWORD, "new_password1": DEMO_PASSWORD, "new_password2": DEMO_PASSWORD},
    )
    assert weak.status_code == 200
    assert "不能使用公开的演示密码" in weak.content.decode()
    wrong_old = client.post(
        reverse("security:password_change"),
        {"old_password": "not-it", "new_password1": STRONG, "new_password2": STRONG},
    )
    assert wrong_old.status_code == 200
    assert not SecurityEvent.objects.filter(kind=SecurityEventKind.PASSWORD_CHANGED, user_id=officer.user.pk).exists()

    done = client.post(
        reverse("security:password_change"),
        {"old_password": PASSWORD, "new_password1": STRONG, "new_password2": STRONG},
    )
    assert done.status_code == 302
    assert client.get("/").status_code == 200  # the session survives its own password change
    officer.user.refresh_from_db()
    assert officer.user.check_password(STRONG)
    assert not ApiToken.objects.filter(user=officer.user, revoked_at__isnull=True).exists()
    event = SecurityEvent.objects.get(kind=SecurityEventKind.PASSWORD_CHANGED, user_id=officer.user.pk)
    assert event.detail["self_service"] is True
