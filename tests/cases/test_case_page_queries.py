"""The case page of an executing case reads the holiday table once for all its periods, and the
documents section reads the handlers once for all its document kinds, not once per kind."""

from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.cases.test_execution import attach_receipt, clock, decided, serve, team

__all__ = ["clock", "team"]  # fixtures


def _reads(captured, table: str) -> int:
    return sum(f'"{table}"' in q["sql"] for q in captured.captured_queries)


def test_the_case_page_reads_the_holiday_table_once_and_the_handlers_a_few_times(client, team, local_storage):
    case = serve(team, decided(team))
    attach_receipt(team, case)
    client.force_login(team.officer1.user)

    with CaptureQueriesContext(connection) as page:
        assert client.get(f"/cases/{case.pk}/").status_code == 200

    # Deadlines, execution clocks, the limitation period: one reading (clock.periods.preloaded).
    assert _reads(page, "clock_calendarday") == 1
    # Was 26: one query per document kind on top of the page's own (documents.selectors.case_panel). One per section
    # that asks its actions' guards (the 责令改正 section, 行政处罚法 第二十八条, added the 11th), never one per kind.
    assert _reads(page, "cases_casehandler") <= 13  # one per section that asks who acts (issue 12: load once)
