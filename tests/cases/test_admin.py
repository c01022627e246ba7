import pytest

from tests.officers.factories import UserFactory


@pytest.fixture
def admin_client_(client, db):
    user = UserFactory(username="root", is_staff=True, is_superuser=True)
    client.force_login(user)
    return client


@pytest.mark.parametrize("model", ["case", "caseevent", "evidence"])
def test_cases_are_readable_in_the_admin_but_never_writable(admin_client_, team, model):
    case = team.open_and_file()
    obj = {"case": case, "caseevent": case.events.first()}.get(model)

    assert admin_client_.get(f"/admin/cases/{model}/").status_code == 200
    assert admin_client_.get(f"/admin/cases/{model}/add/").status_code == 403
    if obj is not None:
        assert admin_client_.get(f"/admin/cases/{model}/{obj.pk}/change/").status_code == 200
        assert admin_client_.post(f"/admin/cases/{model}/{obj.pk}/delete/", {"post": "yes"}).status_code == 403


def test_the_admin_never_shows_a_party_identifier_whole(admin_client_, team):
    case = team.open_and_file()
    body = admin_client_.get(f"/admin/cases/case/{case.pk}/change/").content.decode()
    assert "11010519491231002X" not in body
    assert "1101**********002X" in body


@pytest.mark.parametrize(
    "path",
    ["officers/agency", "officers/officer", "officers/certificate", "matters/matter", "matters/benchmark"],
)
def test_master_data_admin_pages_load_in_chinese(admin_client_, team, path):
    response = admin_client_.get(f"/admin/{path}/")
    assert response.status_code == 200
    assert "管理后台" in response.content.decode() or "执法" in response.content.decode()
