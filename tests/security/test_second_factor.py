"""The second factor (TOTP): required for heads, reviewers, chairs, supervisors and staff when OTP_REQUIRED."""

from __future__ import annotations

import datetime
import re
from io import StringIO

import pytest
import time_machine
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone
from django_otp.plugins.otp_totp.models import TOTPDevice
from rest_framework.test import APIClient

from security.choices import SecurityEventKind
from security.models import SecurityEvent
from security.otp import requires_second_factor
from tests.officers.factories import PASSWORD, OfficerFactory
from tests.security.auth import api_client_for, enrol_totp, totp_code, verified_login

pytestmark = pytest.mark.django_db


def _token(username: str, password: str = PASSWORD, **extra):
    return APIClient().post("/api/v1/auth/token/", {"username": username, "password": password, **extra}, format="json")


def test_the_decisive_roles_and_staff_require_it_others_do_not(otp_required, team, django_user_model):
    for officer in (team.head, team.reviewer, team.supervisor):
        assert requires_second_factor(officer.user), officer
    assert requires_second_factor(OfficerFactory(is_hearing_chair=True).user)
    assert requires_second_factor(django_user_model.objects.create_user("staff", is_staff=True))
    assert not requires_second_factor(team.officer1.user)


def test_off_unless_required(settings, team):
    settings.OTP_REQUIRED = False
    assert not requires_second_factor(team.head.user)


def test_the_head_cannot_act_through_the_page_with_the_password_only(otp_required, client, team):
    case = team.open(request_filing=True)
    enrol_totp(team.head.user)
    client.force_login(team.head.user)

    response = client.post(reverse("cases:transition", args=[case.pk, "file"]), {"file-opinion": "同意立案"})

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("security:otp_verify"))
    case.refresh_from_db()
    assert case.status == "lead"
    assert client.get(reverse("cases:detail", args=[case.pk])).status_code == 302
    assert client.get("/admin/").status_code == 302


def test_the_head_cannot_act_through_the_api_without_the_code(otp_required, team):
    case = team.open(request_filing=True)
    enrol_totp(team.head.user)

    missing = _token(team.head.user.username)
    assert (missing.status_code, missing.json()["code"]) == (401, "otp_required")
    wrong = _token(team.head.user.username, otp="000000" if totp_code(team.head.user) != "000000" else "111111")
    assert (wrong.status_code, wrong.json()["code"]) == (401, "otp_invalid")
    assert "token" not in missing.json() and "token" not in wrong.json()

    session = APIClient()
    session.force_login(team.head.user)  # a password-only web session does not reach the API either
    refused = session.post(f"/api/v1/cases/{case.pk}/transitions/file/", {"opinion": "同意"}, format="json")
    assert (refused.status_code, refused.json()["code"]) == (401, "otp_required")
    case.refresh_from_db()
    assert case.status == "lead"

    # After a wrong code django-otp makes the device wait (1 s, doubling with each failure in a row).
    with time_machine.travel(timezone.now() + datetime.timedelta(seconds=2)):
        good = _token(team.head.user.username, otp=totp_code(team.head.user))
    assert good.status_code == 200
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {good.json()['token']}")
    filed = client.post(f"/api/v1/cases/{case.pk}/transitions/file/", {"opinion": "同意"}, format="json")
    assert filed.status_code == 200, filed.json()
    kinds = set(SecurityEvent.objects.filter(user_id=team.head.user.pk).values_list("kind", flat=True))
    assert {SecurityEventKind.OTP_FAILED, SecurityEventKind.OTP_VERIFIED, SecurityEventKind.TOKEN_ISSUED} <= kinds


def test_a_code_is_accepted_once(otp_required, team):
    enrol_totp(team.head.user)
    code = totp_code(team.head.user)
    assert _token(team.head.user.username, otp=code).status_code == 200
    replay = _token(team.head.user.username, otp=code)
    assert (replay.status_code, replay.json()["code"]) == (401, "otp_invalid")


def test_without_an_enrolled_device_the_api_says_to_enrol_on_the_web(otp_required, team):
    answer = _token(team.reviewer.user.username)
    assert answer.status_code == 401
    assert answer.json()["code"] == "otp_required"
    assert "绑定身份验证器" in answer.json()["detail"]


def test_verification_after_the_password_opens_the_pages(otp_required, client, team):
    case = team.open(request_filing=True)
    enrol_totp(team.head.user)
    client.post("/login/", {"username": team.head.user.username, "password": PASSWORD})
    target = reverse("cases:detail", args=[case.pk])
    assert client.get(target)["Location"] == f"{reverse('security:otp_verify')}?next={target.replace('/', '%2F')}"

    wrong = client.post(reverse("security:otp_verify"), {"code": "12345x", "next": target})
    assert wrong.status_code == 400
    assert "验证码不正确" in wrong.content.decode()
    with time_machine.travel(timezone.now() + datetime.timedelta(seconds=2)):  # not throttled: a wrong format
        right = client.post(reverse("security:otp_verify"), {"code": totp_code(team.head.user), "next": target})
    assert right["Location"] == target
    assert client.get(target).status_code == 200
    filed = client.post(reverse("cases:transition", args=[case.pk, "file"]), {"file-opinion": "同意立案"})
    assert filed.status_code == 302
    case.refresh_from_db()
    assert case.status == "investigating"


def test_first_login_enrols_with_a_qr_code_and_a_confirming_code(otp_required, client, team):
    user = team.supervisor.user
    client.post("/login/", {"username": user.username, "password": PASSWORD})
    assert client.get("/")["Location"].startswith(reverse("security:otp_enrol"))

    page = client.get(reverse("security:otp_enrol"))
    body = page.content.decode()
    assert page.status_code == 200
    assert "<svg" in body
    secret = re.search(r"data-secret>([A-Z2-7]+)<", body).group(1)
    device = TOTPDevice.objects.get(user=user, confirmed=False)
    from base64 import b32encode

    assert secret == b32encode(device.bin_key).decode()
    from security.otp import current_code

    confirmed = client.post(reverse("security:otp_enrol"), {"code": current_code(device)})
    assert confirmed.status_code == 302
    assert TOTPDevice.objects.get(user=user).confirmed
    assert client.get("/").status_code == 200
    assert SecurityEvent.objects.filter(kind=SecurityEventKind.OTP_ENROLLED, user_id=user.pk).exists()


def test_resetting_the_second_factor_is_logged(otp_required, team):
    from security.services import reset_second_factor

    enrol_totp(team.head.user)
    assert reset_second_factor(user=team.head.user) == 1
    assert SecurityEvent.objects.filter(kind=SecurityEventKind.OTP_RESET, agency_id=team.agency.pk).exists()


def test_the_test_helpers_authenticate_with_both_factors(otp_required, client, team):
    via_login = api_client_for(team.head.user, via_login=True)
    assert via_login.get("/api/v1/cases/").status_code == 200
    assert api_client_for(team.head.user).get("/api/v1/cases/").status_code == 200
    assert verified_login(client, team.head.user).get("/").status_code == 200


def test_seed_demo_enrols_the_demo_roles_and_totp_code_prints_their_code(otp_required):
    out = StringIO()
    call_command("seed_demo", stdout=out, stderr=StringIO())
    listing = out.getvalue()
    head_line = next(line for line in listing.splitlines() if line.strip().startswith("head1 "))
    officer_line = next(line for line in listing.splitlines() if line.strip().startswith("officer1 "))
    assert "TOTP " in head_line and "TOTP" not in officer_line
    assert re.search(r"admin .*TOTP [A-Z2-7]{32}", listing)

    code = StringIO()
    call_command("totp_code", "head1", stdout=code)
    answer = _token("head1", password="zhifa-demo-2026", otp=code.getvalue().strip())
    assert answer.status_code == 200, answer.json()


def test_the_admin_site_requires_the_second_factor(otp_required, client, django_user_model):
    root = django_user_model.objects.create_superuser("root", password=PASSWORD)
    enrol_totp(root)
    login = client.post("/admin/login/?next=/admin/", {"username": "root", "password": PASSWORD})
    assert login.status_code == 302
    refused = client.get("/admin/auth/user/")
    assert refused.status_code == 302
    assert refused["Location"].startswith(reverse("security:otp_verify"))
    client.post(reverse("security:otp_verify"), {"code": totp_code(root)})
    assert client.get("/admin/auth/user/").status_code == 200


def test_officers_without_a_decisive_role_are_not_asked(otp_required, client, team):
    client.post("/login/", {"username": team.officer1.user.username, "password": PASSWORD})
    assert client.get("/").status_code == 200
    assert _token(team.officer1.user.username).status_code == 200
