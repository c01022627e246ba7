"""抽样取证 (行政处罚法 第五十六条): while evidence is collected, the handlers take samples, record the list, and the
step issues the 抽样取证通知书 with it. The clock is frozen on Monday 2026-06-01 09:00 (Asia/Shanghai)."""

import datetime
import re

from django.urls import reverse
from django.utils import timezone

from cases.models import CaseEvent
from cases.services import preservation as svc
from documents.models import Document
from documents.services import render_html
from tests.cases.test_execution import clock, codes, refused, team

ART_56 = "《中华人民共和国行政处罚法》第五十六条"
SAMPLES = [{"name": "某品牌酸奶", "specification": "200克/杯，批号20260415", "quantity": "4杯"}]
__all__ = ["clock", "team"]  # fixtures shared with test_execution


def sample(team, case, *, by=None, samples=None, when=None):
    return svc.record_sampling(
        case=case,
        actor=(by or team.officer1).user,
        sampled_at=when or timezone.now(),
        place="鹿城优品超市食品区",
        samples=SAMPLES if samples is None else samples,
        purpose="送检验",
    )


def test_a_sampling_is_recorded_with_its_list_and_issues_its_notice(team):
    case = team.open_and_file()
    item = sample(team, case)
    assert item.samples == SAMPLES and item.recorded_by == team.officer1
    event = CaseEvent.objects.get(case=case, name="record_sampling")
    assert event.data.samples[0].specification == "200克/杯，批号20260415"
    notice = Document.objects.get(case=case, kind="sampling_notice")
    assert notice.number.startswith(f"{team.agency.short_name}抽样〔2026〕")
    text = re.sub(r"<[^>]+>|\s", "", render_html(notice))
    for snippet in ("某品牌酸奶", "200克/杯，批号20260415", "4杯", "鹿城优品超市食品区", "第五十六条", "送检验"):
        assert snippet in text, snippet


def test_a_sampling_lists_its_samples_and_is_not_dated_ahead(team):
    case = team.open_and_file()
    reasons = refused(sample, team=team, case=case, samples=[{"name": " "}])
    assert codes(reasons) == ["sampling_no_samples"] and reasons[0].article == ART_56
    later = timezone.now() + datetime.timedelta(hours=2)
    assert codes(refused(sample, team=team, case=case, when=later)) == ["sampling_in_future"]
    assert not case.samplings.exists()


def test_only_a_handler_samples_and_only_while_investigating(team):
    assert "wrong_state" in codes(refused(sample, team=team, case=team.open(request_filing=True)))
    assert codes(refused(sample, team=team, case=team.open_and_file(), by=team.officer3)) == ["not_a_handler"]


def test_the_api_and_the_page_record_and_show_a_sampling(team, api, client):
    case = team.open_and_file()
    payload = {
        "sampled_at": "2026-06-01T08:30:00+08:00",
        "place": "食品区",
        "samples": "某品牌酸奶，200克/杯，4杯\n夹心饼干，400克/袋，2袋",
    }
    answer = api(team.officer1).post(f"/api/v1/cases/{case.pk}/actions/record_sampling/", payload, format="json")
    assert answer.status_code == 200, answer.content
    (record,) = api(team.officer1).get(f"/api/v1/cases/{case.pk}/").json()["samplings"]
    assert record["samples"][1] == {"name": "夹心饼干", "specification": "400克/袋", "quantity": "2袋"}
    client.force_login(team.officer1.user)
    page = client.get(reverse("cases:detail", args=[case.pk])).content.decode()
    assert f'data-sampling="{record["id"]}"' in page and "夹心饼干" in page
