"""make run's demo data: idempotent, with every documented account able to log in."""

import pytest
from django.core.management import CommandError, call_command
from django.utils import timezone

from officers.demo import ACCOUNTS, DEMO_PASSWORD
from officers.eligibility import check_eligibility
from officers.models import Agency, Officer

pytestmark = pytest.mark.django_db

README_ACCOUNTS = {
    "officer1", "officer2", "aux1", "expired1", "reviewer1", "chair1",
    "head1", "head2", "supervisor1", "officer_b1",
}  # fmt: skip


def test_seed_demo_is_idempotent(capsys):
    call_command("seed_demo")
    counts = (Agency.objects.count(), Officer.objects.count())
    call_command("seed_demo")

    assert (Agency.objects.count(), Officer.objects.count()) == counts
    assert DEMO_PASSWORD in capsys.readouterr().out


def test_seed_demo_refuses_to_run_in_production(settings, django_user_model):
    settings.PRODUCTION = True
    before = (django_user_model.objects.count(), Officer.objects.count(), Agency.objects.count())

    with pytest.raises(CommandError, match="生产环境"):
        call_command("seed_demo")

    assert (django_user_model.objects.count(), Officer.objects.count(), Agency.objects.count()) == before


@pytest.mark.parametrize("username", sorted({a.username for a in ACCOUNTS} | {"admin"}))
def test_every_demo_account_logs_in(client, username):
    call_command("seed_demo")

    response = client.post("/login/", {"username": username, "password": DEMO_PASSWORD})

    assert response.status_code == 302, response.content.decode()[:500]
    assert client.get("/").status_code == 200


def test_the_demo_people_are_as_documented():
    call_command("seed_demo")
    people = {o.user.username: o for o in Officer.objects.select_related("user", "agency")}
    market = people["officer1"].agency.domains.get()
    today = timezone.localdate()

    assert set(people) >= README_ACCOUNTS
    assert check_eligibility(people["officer1"], market, today).eligible
    assert check_eligibility(people["officer2"], market, today).eligible
    assert check_eligibility(people["aux1"], market, today).reasons[0].code == "auxiliary_staff"
    assert check_eligibility(people["expired1"], market, today).reasons[0].code == "certificate_expired"
    assert people["reviewer1"].is_qualified_legal_reviewer
    assert people["chair1"].is_hearing_chair
    assert people["head1"].is_principal_head
    assert people["head2"].is_head
    assert not people["head2"].is_principal_head
    assert people["supervisor1"].is_supervisor
    a, b = people["officer1"].agency, people["officer_b1"].agency
    assert a != b
    assert a.supervised_by == b.supervised_by == people["supervisor1"].agency
    assert set(a.domains.all()) != set(b.domains.all())


def test_the_login_page_is_in_chinese(client):
    body = client.get("/login/").content.decode()
    assert 'lang="zh-CN"' in body
    assert "执法案件管理系统" in body
    assert 'name="viewport"' in body


def test_a_wrong_password_is_refused_with_a_chinese_message(client):
    call_command("seed_demo")
    body = client.post("/login/", {"username": "officer1", "password": "wrong"}).content.decode()
    assert "请输入一个正确的" in body or "用户名和密码" in body


def test_the_demo_agencies_print_a_bank_on_their_decisions():
    from documents.models import AgencyDocumentSettings

    call_command("seed_demo")
    call_command("seed_demo")

    banks = dict(AgencyDocumentSettings.objects.values_list("agency__short_name", "fine_bank"))
    assert set(banks) == {"包市监", "包市城管"}
    assert all(bank.startswith("示例：") for bank in banks.values())


def test_seeding_again_hashes_the_demo_password_at_most_once(monkeypatch):
    """make run seeds on every start: the accounts that already hold the demo password are not re-hashed
    (one deliberately slow hash per account cost ~15 s of every start)."""
    from django.contrib.auth.hashers import get_hasher

    from officers.demo import seed_demo

    seed_demo()
    hasher = type(get_hasher())
    real = hasher.encode
    calls = []

    def counting(self, password, salt, *args, **kwargs):
        calls.append(salt)
        return real(self, password, salt, *args, **kwargs)

    monkeypatch.setattr(hasher, "encode", counting)
    seed_demo()

    assert len(calls) <= 1
