"""The officer's pages (/cases/): scoping, opening a case, the case page, transitions and actions."""

import datetime
import io
import re

import pytest
from django.urls import reverse
from django.utils import timezone
from PIL import Image

from cases.choices import CaseStatus, EventType, PartyKind
from cases.services import cases as case_services
from cases.services.evidence import add_evidence
from tests.cases.factories import INDIVIDUAL
from tests.officers.factories import certified_officer

ART_42 = "《中华人民共和国行政处罚法》第四十二条"
ART_57 = "《中华人民共和国行政处罚法》第五十七条"
FULL_ID = INDIVIDUAL["id_number"]
MASKED_ID = "1101**********002X"


def login(client, officer):
    client.force_login(officer.user)
    return client


def detail_url(case):
    return reverse("cases:detail", args=[case.pk])


def transition_url(case, name):
    return reverse("cases:transition", args=[case.pk, name])


def jpeg_bytes() -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (8, 8), (30, 90, 200)).save(buffer, format="JPEG")
    return buffer.getvalue()


def add_photo(case, officer, title="现场照片"):
    data = jpeg_bytes()
    return add_evidence(
        case=case,
        actor=officer.user,
        stream=io.BytesIO(data),
        original_filename="scene.jpg",
        kind="photo",
        title=title,
        head=data[:64],
        size=len(data),
    )


def new_case_form(team, **overrides):
    today = timezone.localdate()
    data = {
        "matter": team.matter.pk,
        "procedure": "general",
        "source": "inspection",
        "title": "销售过期食品案",
        "facts": "当事人在其经营场所销售超过保质期的食品。",
        "location": "包头市昆都仑区",
        "violation_date": (today - datetime.timedelta(days=30)).isoformat(),
        "discovered_on": (today - datetime.timedelta(days=2)).isoformat(),
        "co_handlers": [team.officer2.pk],
        "party-kind": PartyKind.INDIVIDUAL,
        "party-name": "张三",
        "party-identifier": FULL_ID,
        "party-address": "包头市昆都仑区阿尔丁大街8号",
        "party-phone": "13812345678",
        "request_filing": "on",
    }
    data.update(overrides)
    return data


@pytest.fixture
def lead(team):
    return team.open(request_filing=True)


@pytest.fixture
def filed(team):
    return team.open_and_file()


# --- Who may see what ------------------------------------------------------------------


@pytest.mark.parametrize("name", ["cases:list", "cases:new"])
def test_anonymous_users_are_sent_to_login_from_the_list_and_the_form(client, db, name):
    response = client.get(reverse(name))

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


def test_anonymous_users_are_sent_to_login_from_the_case_page_and_its_actions(client, filed):
    urls = [
        ("get", detail_url(filed)),
        ("post", transition_url(filed, "conclude_investigation")),
        ("post", reverse("cases:add_handler", args=[filed.pk])),
    ]
    for method, url in urls:
        response = getattr(client, method)(url)
        assert response.status_code == 302, url
        assert response["Location"].startswith(reverse("login")), url


def outsider_requests(case, evidence):
    return [
        ("get", detail_url(case), {}),
        ("post", transition_url(case, "conclude_investigation"), {"conclude_investigation-report": "报告"}),
        ("post", transition_url(case, "withdraw"), {"withdraw-reason": "理由"}),
        ("post", reverse("cases:request_filing", args=[case.pk]), {}),
        ("post", reverse("cases:add_handler", args=[case.pk]), {"handler-role": "assistant"}),
        ("post", reverse("cases:action", args=[case.pk, "apply_for_recusal"]), {"apply_for_recusal-grounds": "亲属"}),
        ("post", reverse("cases:add_party", args=[case.pk]), {"party-kind": "individual", "party-name": "某人"}),
        (
            "post",
            reverse("cases:supersede_evidence", args=[case.pk, evidence.pk]),
            {f"supersede-{evidence.pk}-reason": "x"},
        ),
    ]


def test_an_officer_of_another_agency_gets_404_on_the_case_page_and_every_action(client, team, filed, local_storage):
    photo = add_photo(filed, team.officer1)
    before = filed.events.count()
    login(client, team.outsider)

    for method, url, data in outsider_requests(filed, photo):
        response = getattr(client, method)(url, data)
        assert response.status_code == 404, url

    filed.refresh_from_db()
    assert filed.status == CaseStatus.INVESTIGATING
    assert filed.events.count() == before  # not even a refused attempt is written for an outsider


def test_the_404_page_an_outsider_sees_is_in_chinese_and_says_nothing_of_the_case(client, team, filed):
    response = login(client, team.outsider).get(detail_url(filed))

    body = response.content.decode()
    assert response.status_code == 404
    assert "页面不存在或无权查看" in body
    assert "Not Found" not in body
    assert filed.title not in body


def test_evidence_of_another_case_cannot_be_superseded_through_this_one(client, team, filed, local_storage):
    other = team.open_and_file(title="另一案")
    photo = add_photo(other, team.officer1)
    login(client, team.officer1)

    response = client.post(
        reverse("cases:supersede_evidence", args=[filed.pk, photo.pk]), {f"supersede-{photo.pk}-reason": "x"}
    )

    assert response.status_code == 404


def test_the_list_shows_only_my_agencys_cases(client, team, filed):
    colleague = certified_officer(agency=team.outsider.agency, domain=team.domain, name="林同事")
    theirs = case_services.open_case(
        actor=team.outsider.user,
        co_handlers=[colleague],
        matter=team.matter,
        title="外机关的案件",
        source="complaint",
        violation_date=filed.violation_date,
        discovered_on=filed.discovered_on,
    )

    mine = login(client, team.officer3).get(reverse("cases:list"))

    assert mine.status_code == 200
    assert filed.title in mine.content.decode()
    assert filed.number in mine.content.decode()
    assert theirs.title not in mine.content.decode()
    assert list(mine.context["cases"]) == [filed]


def test_the_list_never_shows_full_id_numbers(client, team, filed):
    body = login(client, team.officer1).get(reverse("cases:list")).content.decode()

    assert FULL_ID not in body
    assert "13812345678" not in body


def test_the_list_filters_by_status_mine_and_search(client, team, filed):
    lead = team.open(by=team.officer3, co=[team.officer2], title="无证经营案", parties=[{**INDIVIDUAL, "name": "王五"}])
    login(client, team.officer1)

    def listed(**params):
        return list(client.get(reverse("cases:list"), params).context["cases"])

    assert listed() == [lead, filed]
    assert listed(status="lead") == [lead]
    assert listed(mine="on") == [filed]
    assert listed(q="王五") == [lead]
    assert listed(q=filed.number) == [filed]
    assert listed(q="无证") == [lead]


def test_the_list_paginates(client, team, settings):
    for i in range(21):
        team.open(title=f"案件{i}", parties=[])
    login(client, team.officer1)

    first = client.get(reverse("cases:list"))
    second = client.get(reverse("cases:list"), {"page": 2})

    assert len(first.context["cases"]) == 20
    assert len(second.context["cases"]) == 1
    assert "page=2" in first.content.decode()


# --- Opening a case --------------------------------------------------------------------


def test_the_form_offers_only_matters_my_agency_holds_and_officers_of_my_agency(client, team):
    from tests.matters.factories import MatterFactory

    foreign = MatterFactory(domain=team.domain, agencies=[team.outsider.agency])

    form = login(client, team.officer1).get(reverse("cases:new")).context["form"]

    assert list(form.fields["matter"].queryset) == [team.matter]
    assert foreign not in form.fields["matter"].queryset
    offered = set(form.fields["co_handlers"].queryset)
    assert {team.officer2, team.aux} <= offered
    assert team.outsider not in offered
    assert team.officer1 not in offered  # the opener is the lead handler already


def test_an_officer_opens_a_case_through_the_form_and_asks_for_filing(client, team):
    response = login(client, team.officer1).post(reverse("cases:new"), new_case_form(team))

    case = team.agency.cases.get()
    assert response.status_code == 302
    assert response["Location"] == detail_url(case)
    assert case.status == CaseStatus.LEAD
    assert [a.officer for a in case.assignments.all()] == [team.officer1, team.officer2]
    party = case.parties.get()
    assert (party.name, party.id_number, party.phone) == ("张三", FULL_ID, "13812345678")
    assert case.filing_requested_at is not None
    page = client.get(response["Location"]).content.decode()
    assert "案件已登记" in page
    assert "销售过期食品案" in page


def test_naming_auxiliary_staff_is_refused_on_the_form_with_the_article_and_the_input_kept(client, team):
    response = login(client, team.officer1).post(
        reverse("cases:new"), new_case_form(team, co_handlers=[team.aux.pk], title="aux 测试案")
    )

    body = response.content.decode()
    assert response.status_code == 409
    assert [r.code for r in response.context["reasons"]] == ["auxiliary_staff"]
    assert "赵辅是执法辅助人员" in body
    assert ART_42 in body
    assert 'value="aux 测试案"' in body
    assert re.search(rf'name="co_handlers" value="{team.aux.pk}"[^>]*checked', body)
    assert not team.agency.cases.exists()


def test_opening_a_case_alone_is_refused_with_the_article(client, team):
    response = login(client, team.officer1).post(reverse("cases:new"), new_case_form(team, co_handlers=[]))

    assert response.status_code == 409
    assert [r.code for r in response.context["reasons"]] == ["fewer_than_two_officers"]
    assert ART_42 in response.content.decode()


def test_a_bad_id_number_is_a_form_error_on_the_party_and_nothing_is_opened(client, team):
    response = login(client, team.officer1).post(
        reverse("cases:new"), new_case_form(team, **{"party-identifier": "110105194912310021"})
    )

    assert response.status_code == 400
    assert "公民身份号码校验位不正确" in response.context["party_form"].errors["identifier"][0]
    assert not team.agency.cases.exists()


def test_missing_required_fields_are_form_errors(client, team):
    response = login(client, team.officer1).post(reverse("cases:new"), new_case_form(team, title="", matter=""))

    assert response.status_code == 400
    assert set(response.context["form"].errors) == {"title", "matter"}


def test_someone_without_an_officer_record_may_not_open_cases(client, django_user_model):
    user = django_user_model.objects.create_user("visitor", password="x-password-1")
    client.force_login(user)

    response = client.get(reverse("cases:new"))

    assert response.status_code == 403
    assert "当前角色无权使用此功能" in response.content.decode()


# --- The case page ---------------------------------------------------------------------


def test_handlers_see_the_full_id_and_phone(client, team, filed):
    body = login(client, team.officer1).get(detail_url(filed)).content.decode()

    assert FULL_ID in body
    assert "13812345678" in body


def test_officers_who_do_not_handle_the_case_see_them_masked(client, team, filed):
    for viewer in (team.officer3, team.head):
        body = login(client, viewer).get(detail_url(filed)).content.decode()
        assert MASKED_ID in body
        assert "138****5678" in body
        assert FULL_ID not in body
        assert "13812345678" not in body


def test_the_case_page_shows_header_timeline_and_next_steps(client, team, filed):
    response = login(client, team.officer1).get(detail_url(filed))

    body = response.content.decode()
    assert response.status_code == 200
    assert filed.number in body
    assert "调查取证" in body  # status label
    assert team.matter.name in body and team.agency.name in body
    labels = [(e.type_label, e.step_label, e.from_label, e.to_label) for e in response.context["timeline"]]
    assert labels == [
        ("登记案件", "", "", "线索登记"),
        ("登记当事人", "", "", ""),
        ("提请立案审批", "", "", ""),
        ("程序流转", "批准立案", "线索登记", "调查取证"),
        ("制作执法文书", "", "", ""),
    ]
    steps = {p.key: p for p in response.context["next_steps"]}
    assert list(steps) == ["conclude_investigation", "withdraw", "transfer", "refer_to_police"]
    assert steps["conclude_investigation"].blocked == []
    assert 'action="{}"'.format(transition_url(filed, "conclude_investigation")) in body


def test_a_step_blocked_for_the_user_shows_its_reasons_with_the_article(client, team, lead):
    response = login(client, team.officer1).get(detail_url(lead))

    file_step = next(p for p in response.context["next_steps"] if p.key == "file")
    assert [r.code for r in file_step.blocked] == ["not_agency_head"]
    body = response.content.decode()
    assert "批准立案须由本机关负责人决定。" in body
    assert ART_57 in body
    assert 'action="{}"'.format(transition_url(lead, "file")) not in body  # no form for a blocked step


def test_the_head_files_the_case_through_the_page(client, team, lead):
    response = login(client, team.head).post(transition_url(lead, "file"), {"file-opinion": "同意立案"})

    lead.refresh_from_db()
    assert response.status_code == 302
    assert response["Location"] == detail_url(lead)
    assert lead.status == CaseStatus.INVESTIGATING
    assert lead.number
    event = lead.events.filter(event_type="transition").order_by("-seq").first()
    assert (event.name, event.actor, event.payload["opinion"]) == ("file", team.head.user, "同意立案")
    page = client.get(response["Location"]).content.decode()
    assert lead.number in page
    assert "已完成：批准立案。" in page


def test_a_blocked_transition_posted_anyway_shows_the_reasons_and_records_the_attempt(client, team, lead):
    response = login(client, team.officer1).post(transition_url(lead, "file"), {"file-opinion": "自己批"})

    body = response.content.decode()
    lead.refresh_from_db()
    assert response.status_code == 409
    assert lead.status == CaseStatus.LEAD
    assert "未能批准立案" in body
    assert "批准立案须由本机关负责人决定。" in body and ART_57 in body
    assert "自己批</textarea>" in body  # the input is kept
    last = lead.events.order_by("-seq").first()
    assert (last.event_type, last.name) == (EventType.ATTEMPT_REFUSED, "file")
    refused = response.context["timeline"][-1]
    assert refused.reasons[0]["code"] == "not_agency_head"


def test_a_refused_summary_fine_keeps_the_input_with_the_reasons(client, team):
    case = team.open_on_the_spot()
    data = {
        "decide_on_spot-penalty_kinds": ["fine"],
        "decide_on_spot-fine_amount": "201",
        "decide_on_spot-legal_basis": "《食品安全法》第一百二十四条",
        "decide_on_spot-place": "阿尔丁大街8号",
    }

    response = login(client, team.officer1).post(transition_url(case, "decide_on_spot"), data)

    body = response.content.decode()
    assert response.status_code == 409
    assert "不得超过200元" in body
    assert "《中华人民共和国行政处罚法》第五十一条" in body
    assert 'value="201"' in body
    assert 'value="阿尔丁大街8号"' in body


def test_an_invalid_transition_payload_is_a_form_error_and_changes_nothing(client, team, filed):
    response = login(client, team.head).post(transition_url(filed, "withdraw"), {"withdraw-reason": ""})

    filed.refresh_from_db()
    assert response.status_code == 400
    assert filed.status == CaseStatus.INVESTIGATING
    step = next(p for p in response.context["next_steps"] if p.key == "withdraw")
    assert "reason" in step.form.errors


def test_date_fields_of_step_forms_use_the_tablets_date_picker(client, team, filed):
    team.conclude(filed)

    body = login(client, team.officer1).get(detail_url(filed)).content.decode()

    assert re.search(r'<input type="date" name="notify-served_on"', body)


def test_an_unknown_transition_is_404(client, team, filed):
    assert login(client, team.head).post(transition_url(filed, "abolish"), {}).status_code == 404


# --- People: filing request, handlers, recusal, parties ----------------------------------


def test_a_handler_requests_filing_from_the_page(client, team):
    case = team.open()

    response = login(client, team.officer2).post(
        reverse("cases:request_filing", args=[case.pk]), {"filing-opinion": "证据确凿，建议立案"}
    )

    case.refresh_from_db()
    assert response.status_code == 302
    assert case.filing_requested_at is not None


def test_an_officer_who_is_not_a_handler_cannot_request_filing(client, team):
    case = team.open()

    response = login(client, team.officer3).post(reverse("cases:request_filing", args=[case.pk]), {})

    assert response.status_code == 409
    assert "只有本案的承办人才能提请立案审批" in response.content.decode()


def test_a_handler_adds_a_colleague_and_auxiliary_staff_are_refused_with_the_article(client, team, filed):
    login(client, team.officer1)
    url = reverse("cases:add_handler", args=[filed.pk])

    added = client.post(url, {"handler-officer": team.officer3.pk, "handler-role": "assistant"})
    refused = client.post(url, {"handler-officer": team.aux.pk, "handler-role": "assistant"})

    assert added.status_code == 302
    assert team.officer3.assignments.filter(case=filed, recused_at__isnull=True).exists()
    assert refused.status_code == 409
    assert "赵辅是执法辅助人员" in refused.content.decode() and ART_42 in refused.content.decode()


def test_the_head_recuses_a_handler_who_is_then_struck_through_with_the_reason(client, team, filed):
    from cases.services import cases as case_services

    application = case_services.apply_for_recusal(
        case=filed, actor=team.officer1.user, officer=team.officer2, applicant="party", party=filed.parties.first(),
        applied_on=timezone.localdate(), grounds="与当事人系近亲属",
    )  # fmt: skip
    response = login(client, team.head).post(
        reverse("cases:action", args=[filed.pk, "decide_recusal"]),
        {"decide_recusal-application": application.pk, "decide_recusal-decision": "approved",
         "decide_recusal-reasons": "理由成立"},
    )  # fmt: skip

    assert response.status_code == 302
    page = client.get(detail_url(filed))
    body = page.content.decode()
    assert f"<s>{team.officer2.name}</s>" in body
    assert "与当事人系近亲属" in body
    # Art. 43: the case needs two eligible handlers again before it moves on.
    conclude = next(p for p in page.context["next_steps"] if p.key == "conclude_investigation")
    assert conclude.blocked


def test_a_handler_cannot_recuse_a_colleague(client, team, filed):
    response = login(client, team.officer1).post(
        reverse("cases:action", args=[filed.pk, "apply_for_recusal"]),
        {"apply_for_recusal-officer": team.officer2.pk, "apply_for_recusal-applicant": "self",
         "apply_for_recusal-applied_on": timezone.localdate().isoformat(), "apply_for_recusal-grounds": "回避"},
    )  # fmt: skip

    assert response.status_code == 409
    assert "《中华人民共和国行政处罚法》第四十三条" in response.content.decode()


def test_a_handler_adds_an_organization_as_a_party(client, team, filed):
    response = login(client, team.officer1).post(
        reverse("cases:add_party", args=[filed.pk]),
        {
            "party-kind": "organization",
            "party-name": "包头市某某食品有限公司",
            "party-identifier": "91110000600037341l",
            "party-legal_representative": "李四",
        },
    )

    assert response.status_code == 302
    party = filed.parties.get(kind="organization")
    assert (party.credit_code, party.id_number) == ("91110000600037341L", "")


def test_an_organization_without_a_legal_representative_is_a_form_error(client, team, filed):
    response = login(client, team.officer1).post(
        reverse("cases:add_party", args=[filed.pk]),
        {"party-kind": "organization", "party-name": "某公司", "party-identifier": "91110000600037341L"},
    )

    assert response.status_code == 400
    assert "legal_representative" in response.context["manage"]["add_party"].form.errors


# --- Evidence on the page ----------------------------------------------------------------


def test_the_evidence_list_shows_hash_size_and_a_logged_view_link(client, team, filed, local_storage):
    photo = add_photo(filed, team.officer1)

    body = login(client, team.officer1).get(detail_url(filed)).content.decode()

    assert "现场照片" in body
    assert photo.sha256[:12] in body
    assert f'href="/api/v1/evidence/{photo.pk}/content/"' in body
    assert 'capture="environment"' in body
    assert 'accept="image/*,video/*,audio/*,application/pdf"' in body
    assert f'data-url="/api/v1/cases/{filed.pk}/evidence/"' in body


def test_superseding_evidence_keeps_it_with_the_reason(client, team, filed, local_storage):
    photo = add_photo(filed, team.officer1)
    key = f"supersede-{photo.pk}"

    empty = login(client, team.officer1).post(
        reverse("cases:supersede_evidence", args=[filed.pk, photo.pk]), {f"{key}-reason": ""}
    )
    done = client.post(
        reverse("cases:supersede_evidence", args=[filed.pk, photo.pk]), {f"{key}-reason": "拍摄对象错误"}
    )

    assert empty.status_code == 400
    assert done.status_code == 302
    photo.refresh_from_db()
    assert photo.is_superseded
    body = client.get(detail_url(filed)).content.decode()
    assert "已作废" in body and "拍摄对象错误" in body
    assert f"<s>{photo.title}</s>" in body
