"""On a tablet, in a real browser: an officer records an intervention, the supervisor reads it."""

import datetime

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from supervision.models import InterferenceRecord
from tests.cases.factories import build_team
from tests.plugins.browser import login, logout

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_an_officer_records_an_intervention_and_the_supervisor_reads_it(page, live_server, artifacts):
    team = build_team()
    case = team.open()
    occurred = (timezone.localtime() - datetime.timedelta(hours=2)).strftime("%Y-%m-%dT%H:%M")

    login(page, live_server, team.officer1.user.username)
    page.set_viewport_size({"width": 800, "height": 1280})  # portrait
    page.click("text=干预记录")
    expect(page.locator("h1")).to_have_text("登记干预记录")
    page.goto(f"{live_server.url}/supervision/interference/new/?case={case.pk}")
    expect(page.locator("form.case-form")).to_contain_text(case.title)
    page.fill("#id_occurred_at", occurred)
    page.check("input[name=manner][value=phone]")
    page.select_option("#id_intervener_officer", str(team.head.pk))
    page.fill("#id_what_was_asked", "电话要求对当事人从轻处理。")
    page.fill("#id_how_handled", "表示须依法办理，未予采纳。")
    page.screenshot(path=str(artifacts / "supervision-new-portrait.png"), full_page=True)
    page.click("form.case-form button[type=submit]")

    expect(page.locator(".messages")).to_contain_text("干预记录已登记")
    made = InterferenceRecord.objects.get()
    assert made.intervener_name == team.head.name
    assert made.case == case
    logout(page)

    login(page, live_server, team.supervisor.user.username)
    page.set_viewport_size({"width": 1280, "height": 800})  # landscape
    page.click("text=干预记录")
    expect(page.locator("table")).to_contain_text(team.head.name)
    page.screenshot(path=str(artifacts / "supervision-list-landscape.png"), full_page=True)
    page.click(f"a[href='/supervision/interference/{made.pk}/'] >> nth=0")
    expect(page.locator("main")).to_contain_text("未予采纳")
    logout(page)

    login(page, live_server, team.head.user.username)
    page.goto(f"{live_server.url}/supervision/interference/{made.pk}/")
    expect(page.locator("body")).not_to_contain_text("未予采纳")
