"""The Content-Security-Policy as Chromium enforces it: the API docs page and a case page render with no
console error (a CSP violation is logged as one), from vendored files only."""

from __future__ import annotations

from decimal import Decimal

import pytest
from playwright.sync_api import expect

from tests.cases.factories import build_team
from tests.plugins.browser import login, watch_console

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_the_api_docs_render_under_the_policy_from_this_server_only(live_server, page):
    team = build_team()
    problems = watch_console(page)
    requested: list[str] = []
    page.on("request", lambda request: requested.append(request.url))

    login(page, live_server, team.officer1.user.username)
    page.goto(f"{live_server.url}/api/v1/docs/")

    expect(page.locator(".swagger-ui .info .title")).to_contain_text("Zhifa API")
    expect(page.locator(".swagger-ui .opblock").first).to_be_visible()
    assert problems == []
    assert requested and all(url.startswith(live_server.url) for url in requested), requested


def test_a_case_page_with_its_gauge_and_upload_script_runs_under_the_policy(live_server, page):
    team = build_team()
    case = team.open_and_file()
    team.conclude(case, fine_amount=Decimal("8000"))
    problems = watch_console(page)

    login(page, live_server, team.officer1.user.username)
    page.goto(f"{live_server.url}/cases/{case.pk}/")

    expect(page.locator(".gauge-mark")).to_have_count(1)
    box = page.locator(".gauge-draw").bounding_box()
    assert box is not None and box["width"] > 100  # the SVG spans the track
    assert problems == []


def test_the_admin_widgets_run_under_the_policy(live_server, page):
    """The agency form: autocomplete (select2), the two-list selector and an inline — all scripted widgets."""
    from django.contrib.auth import get_user_model

    from tests.officers.factories import PASSWORD

    team = build_team()
    get_user_model().objects.create_superuser("csp-admin", "csp-admin@example.gov.cn", PASSWORD)
    problems = watch_console(page)

    login(page, live_server, "csp-admin")
    page.goto(f"{live_server.url}/admin/officers/agency/{team.agency.pk}/change/")

    expect(page.locator("#id_domains_from")).to_be_visible()  # SelectFilter2 built the two lists
    page.locator(".field-supervised_by .select2-selection").click()  # select2 opens and queries
    expect(page.locator(".select2-results__option").first).to_be_visible()
    assert problems == []
