"""The next steps on the case page and the ``transitions`` of the API's case file come from the one registry: they
agree on every demo case for every demo account (issue 6: "Done when")."""

from __future__ import annotations

import io
import re

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.urls import reverse

from cases.demo import demo_cases
from officers.demo import ACCOUNTS

pytestmark = pytest.mark.django_db

STEP = re.compile(r'class="(?:step|review-form)( blocked)?" id="step-(\w+)" data-step="\w+"')


def _page_steps(html: str) -> dict[str, bool]:
    return {name: not blocked for blocked, name in STEP.findall(html)}


def test_the_page_and_the_api_offer_the_same_steps_on_every_demo_case_for_every_demo_account(client, api):
    call_command("seed_demo", stdout=io.StringIO())
    cases = demo_cases()
    assert len(cases) >= 6
    users = get_user_model().objects.filter(username__in=["admin", *(a.username for a in ACCOUNTS)])
    compared = 0
    for user in users:
        client.force_login(user)
        http = api()
        http.force_authenticate(user)
        for case in cases:
            page = client.get(reverse("cases:detail", args=[case.pk]))
            body = http.get(f"/api/v1/cases/{case.pk}/")
            assert page.status_code == body.status_code, (user.username, case.pk)
            if body.status_code != 200:
                continue
            from_api = {t["name"]: t["allowed"] for t in body.json()["transitions"]}
            assert _page_steps(page.content.decode()) == from_api, (user.username, case.pk)
            compared += 1
    assert compared >= 30  # agency A's and B's staff see their own cases; the supervisor sees both
