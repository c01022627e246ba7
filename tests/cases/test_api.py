"""REST API v1 (API.md): auth, scoping (404 for outsiders), 409 with reasons, the case file."""

import io
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from PIL import Image
from rest_framework.test import APIClient

from cases.api.views import CaseFilter
from cases.choices import EventType
from cases.models import Case
from cases.services import deciding
from security.tokens import find_token

ART_42 = "《中华人民共和国行政处罚法》第四十二条"


def jpeg_bytes() -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (8, 8), (200, 30, 30)).save(buffer, format="JPEG")
    return buffer.getvalue()


def new_case_payload(team, **overrides):
    payload = {
        "matter": team.matter.code,
        "source": "inspection",
        "title": "销售过期食品案",
        "facts": "当事人销售超过保质期的食品。",
        "violation_date": "2026-10-01",
        "discovered_on": "2026-11-20",
        "handlers": [team.officer2.pk],
        "parties": [{"kind": "individual", "name": "张三", "id_number": "11010519491231002X", "phone": "13812345678"}],
        "request_filing": True,
    }
    payload.update(overrides)
    return payload


# --- authentication -------------------------------------------------------------------


def test_a_token_is_issued_for_valid_credentials_and_works(team):
    client = APIClient()
    response = client.post(
        "/api/v1/auth/token/", {"username": team.officer1.user.username, "password": "test-password-123"}
    )
    assert response.status_code == 200
    token = response.json()["token"]
    assert find_token(token).user == team.officer1.user

    client.credentials(HTTP_AUTHORIZATION=f"Token {token}")
    assert client.get("/api/v1/cases/").status_code == 200


def test_wrong_credentials_get_400_with_the_error_shape(team):
    response = APIClient().post("/api/v1/auth/token/", {"username": "nobody", "password": "x"})
    assert response.status_code == 400
    assert response.json()["code"] == "invalid_credentials"


@pytest.mark.parametrize(
    "url",
    ["/api/v1/cases/", "/api/v1/matters/", "/api/v1/officers/", "/api/v1/cases/1/", "/api/v1/evidence/1/content/"],
)
def test_no_credentials_get_401(db, url):
    response = APIClient().get(url)
    assert response.status_code == 401
    assert response.json()["code"] == "not_authenticated"


# --- scoping: one outsider test per endpoint ---------------------------------------------


@pytest.fixture
def filed(team):
    return team.open_and_file()


@pytest.mark.parametrize(
    ("method", "path"),
    [
        ("get", "/api/v1/cases/{id}/"),
        ("get", "/api/v1/cases/{id}/events/"),
        ("get", "/api/v1/cases/{id}/documents/"),
        ("get", "/api/v1/cases/{id}/evidence/"),
        ("post", "/api/v1/cases/{id}/evidence/"),
        ("post", "/api/v1/cases/{id}/transitions/conclude_investigation/"),
    ],
)
def test_an_officer_of_another_agency_gets_404(team, filed, api, method, path):
    response = getattr(api(team.outsider), method)(path.format(id=filed.pk), {})
    assert response.status_code == 404
    assert response.json() == {"code": "not_found", "detail": "不存在或无权查看。"}


def test_evidence_content_of_another_agency_is_404(team, filed, api, local_storage):
    item = _upload(api(team.officer1), filed).json()
    response = api(team.outsider).get(f"/api/v1/evidence/{item['id']}/content/")
    assert response.status_code == 404


def test_lists_show_only_what_the_caller_may_see(team, filed, api):
    outsider_case = team.open()  # opened in agency A as well
    assert outsider_case.agency == team.agency

    mine = api(team.officer1).get("/api/v1/cases/").json()
    theirs = api(team.outsider).get("/api/v1/cases/").json()
    supervisor = api(team.supervisor).get("/api/v1/cases/").json()
    reviewer = api(team.reviewer).get("/api/v1/cases/").json()

    assert {c["id"] for c in mine["results"]} == {filed.pk, outsider_case.pk}
    assert theirs["results"] == []
    assert {c["id"] for c in supervisor["results"]} == {filed.pk, outsider_case.pk}
    assert reviewer["results"] == []  # nothing has reached legal review yet


def test_officers_endpoint_lists_my_agency_only(team, api):
    names = {o["name"] for o in api(team.officer1).get("/api/v1/officers/").json()["results"]}
    assert "王强" in names
    assert "陈外人" not in names


def test_matters_endpoint_gives_legal_basis_and_benchmarks(team, api):
    matter = api(team.officer1).get("/api/v1/matters/").json()["results"][0]
    assert set(matter) >= {"code", "name", "domain", "legal_basis", "penalty_kinds", "benchmarks"}
    assert matter["legal_basis"]["penalty"]["text"]


# --- opening a case ---------------------------------------------------------------------------


def test_opening_a_case_returns_the_case_file(team, api):
    response = api(team.officer1).post("/api/v1/cases/", new_case_payload(team), format="json")

    assert response.status_code == 201, response.json()
    body = response.json()
    assert body["status"] == "lead"
    assert body["handlers"] == [team.officer1.pk, team.officer2.pk]
    assert body["parties"][0]["id_number"] == "11010519491231002X"  # the handler sees it whole
    assert {t["name"] for t in body["transitions"]} >= {"file", "decline", "transfer"}


def test_opening_a_case_with_auxiliary_staff_is_refused_with_the_article(team, api):
    response = api(team.officer1).post("/api/v1/cases/", new_case_payload(team, handlers=[team.aux.pk]), format="json")

    assert response.status_code == 409
    body = response.json()
    assert body["code"] == "action_not_allowed"
    assert body["reasons"] == [
        {
            "code": "auxiliary_staff",
            "detail": "赵辅是执法辅助人员，不具有行政执法资格，不能计入执法人员。",
            "article": ART_42,
        }
    ]


def test_malformed_input_gets_400_with_field_errors(team, api):
    response = api(team.officer1).post(
        "/api/v1/cases/", new_case_payload(team, violation_date="not a date", matter="NOPE"), format="json"
    )

    assert response.status_code == 400
    body = response.json()
    assert body["code"] == "invalid"
    assert set(body["errors"]) == {"violation_date", "matter"}


# --- transitions ----------------------------------------------------------------------------


def test_the_head_files_through_the_transitions_endpoint(team, api):
    case = team.open(request_filing=True)

    response = api(team.head).post(f"/api/v1/cases/{case.pk}/transitions/file/", {"opinion": "同意"}, format="json")

    assert response.status_code == 200, response.json()
    assert response.json()["status"] == "investigating"
    assert response.json()["number"].startswith(team.agency.short_name)


def test_a_blocked_transition_is_409_with_reasons_and_writes_only_the_attempt(team, api):
    case = team.open(request_filing=True)
    before = case.events.count()

    response = api(team.officer1).post(f"/api/v1/cases/{case.pk}/transitions/file/", {}, format="json")

    assert response.status_code == 409
    assert response.json()["code"] == "transition_not_allowed"
    assert [r["code"] for r in response.json()["reasons"]] == ["not_agency_head"]
    case.refresh_from_db()
    assert case.status == "lead"
    assert list(case.events.values_list("event_type", flat=True)[before:]) == [EventType.ATTEMPT_REFUSED]


def test_a_summary_fine_of_201_yuan_is_refused_and_200_accepted(team, api):
    case = team.open_on_the_spot()
    url = f"/api/v1/cases/{case.pk}/transitions/decide_on_spot/"
    payload = {"penalty_kinds": ["fine"], "legal_basis": "《食品安全法》第一百二十六条", "place": "现场"}
    payload["correction"] = "立即为从业人员办理健康证明。"  # 行政处罚法 第二十八条第一款

    refused = api(team.officer1).post(url, {**payload, "fine_amount": "201"}, format="json")
    accepted = api(team.officer1).post(url, {**payload, "fine_amount": "200"}, format="json")

    assert refused.status_code == 409
    assert refused.json()["reasons"][0]["article"] == "《中华人民共和国行政处罚法》第五十一条"
    assert accepted.status_code == 200
    assert accepted.json()["decided_penalty"]["fine_amount"] == "200.00"


def test_invalid_transition_payload_is_400_and_unknown_transition_404(team, filed, api):
    client = api(team.officer1)
    bad = client.post(f"/api/v1/cases/{filed.pk}/transitions/conclude_investigation/", {}, format="json")
    unknown = client.post(f"/api/v1/cases/{filed.pk}/transitions/fly_away/", {}, format="json")

    assert bad.status_code == 400
    assert "report" in bad.json()["errors"]
    assert unknown.status_code == 404


def test_a_body_that_is_not_an_object_is_400_not_500(team, filed, api):
    client = api(team.officer1)

    for url in (f"/api/v1/cases/{filed.pk}/transitions/notify/", f"/api/v1/cases/{filed.pk}/actions/add_party/"):
        answer = client.post(url, [{"name": "赵六"}], format="json")

        assert answer.status_code == 400, url
        assert answer.json()["code"] == "invalid"
        assert "JSON 对象" in answer.json()["errors"]["non_field_errors"][0]


def test_an_object_or_a_list_where_one_value_is_expected_is_400_and_records_nothing(team, filed, api):
    """Django would keep the value's Python repr as the party's name, in the case and in the event log."""
    client = api(team.officer1)
    before = filed.events.count()

    for name in ({"a": 1}, ["甲", "乙"]):
        answer = client.post(
            f"/api/v1/cases/{filed.pk}/actions/add_party/", {"kind": "individual", "name": name}, format="json"
        )

        assert answer.status_code == 400
        assert answer.json()["errors"]["name"][0]["code"] == "not_a_value"
    assert filed.parties.count() == 1
    assert filed.events.count() == before


def test_malformed_json_is_refused_in_chinese(team, filed, api):
    answer = api(team.officer1).post(
        f"/api/v1/cases/{filed.pk}/actions/add_party/", "{bad", content_type="application/json"
    )

    assert answer.status_code == 400
    assert answer.json() == {"code": "parse_error", "detail": "请求内容无法解析，请提交有效的 JSON。"}


def test_a_handler_id_beyond_any_officer_lists_nothing(team, filed, api):
    """Such an id never reaches the database: SQLite (the embedded default) cannot compare it and answered 500."""
    answer = api(team.officer1).get("/api/v1/cases/", {"handler": "99999999999999999999"})

    assert answer.status_code == 200
    assert answer.json()["results"] == []
    assert CaseFilter().filter_handler(Case.objects.all(), "handler", Decimal("1e20")).query.is_empty()


def test_the_case_file_lists_next_steps_with_reasons_for_the_caller(team, filed, api):
    body = api(team.officer1).get(f"/api/v1/cases/{filed.pk}/").json()

    steps = {t["name"]: t for t in body["transitions"]}
    assert steps["conclude_investigation"]["allowed"] is True
    assert steps["withdraw"]["allowed"] is False
    assert steps["withdraw"]["reasons"][0]["code"] == "not_agency_head"
    assert {d["kind"] for d in body["deadlines"]} == {"limitation", "lead_verification", "case_time_limit"}
    # The filing approval, issued by ``file`` itself (documents.steps).
    assert [(d["type"], d["number"]) for d in body["documents"]] == [("filing_approval", filed.number)]


def test_identifiers_are_masked_for_those_who_do_not_handle_the_case(team, filed, api):
    handler = api(team.officer1).get(f"/api/v1/cases/{filed.pk}/").json()
    head = api(team.head).get(f"/api/v1/cases/{filed.pk}/").json()
    listed = api(team.officer1).get("/api/v1/cases/").json()["results"][0]

    assert handler["parties"][0]["id_number"] == "11010519491231002X"
    assert head["parties"][0]["id_number"] == "1101**********002X"
    assert head["parties"][0]["phone"] == "138****5678"
    assert listed["parties"][0]["id_number"] == "1101**********002X"


def test_list_filters(team, api):
    lead = team.open(title="无证经营线索")
    filed = team.open_and_file(title="销售过期食品案")
    client = api(team.officer1)

    by_status = client.get("/api/v1/cases/", {"status": "investigating"}).json()["results"]
    by_q = client.get("/api/v1/cases/", {"q": "无证"}).json()["results"]
    by_handler = client.get("/api/v1/cases/", {"handler": team.officer2.pk}).json()["results"]
    not_overdue = client.get("/api/v1/cases/", {"overdue": "false"}).json()["results"]

    assert [c["id"] for c in by_status] == [filed.pk]
    assert [c["id"] for c in by_q] == [lead.pk]
    assert {c["id"] for c in by_handler} == {lead.pk, filed.pk}
    assert {c["id"] for c in not_overdue} == {lead.pk, filed.pk}


@pytest.mark.parametrize("name", ["overdue", "on_spot_unfiled"])
def test_a_boolean_filter_refuses_what_is_not_a_boolean(team, api, name):
    team.open_and_file()

    response = api(team.officer1).get("/api/v1/cases/", {name: "abc"})

    assert response.status_code == 400
    body = response.json()
    assert body["code"] == "invalid"
    assert body["errors"][name] == ["只能是 true 或 false。"]


def test_the_events_endpoint_gives_the_chain(team, filed, api):
    events = api(team.officer1).get(f"/api/v1/cases/{filed.pk}/events/").json()["results"]

    assert [e["seq"] for e in events] == list(range(1, len(events) + 1))
    assert events[-2]["name"] == "file"
    assert events[-2]["label"] == "批准立案"
    # the step's document, issued in the step's transaction, right after it
    assert (events[-1]["event_type"], events[-1]["payload"]["kind"]) == ("document_issued", "filing_approval")
    assert events[1]["prev_hash"] == events[0]["hash"]


# --- query counts do not grow with the file -------------------------------------------------


def _count_queries(client, url):
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(url).status_code == 200
    return len(ctx.captured_queries)


def test_case_detail_queries_do_not_grow_with_events_evidence_or_parties(team, api, local_storage):
    from cases.services import cases as case_services

    case = team.open_and_file()
    team.conclude(case)
    client = api(team.officer1)
    url = f"/api/v1/cases/{case.pk}/"
    small = _count_queries(client, url)

    for i in range(4):
        case_services.add_party(case=case, actor=team.officer1.user, kind="individual", name=f"当事人{i}")
        _upload(client, case)
    large = _count_queries(client, url)

    assert case.events.count() > 10
    assert large == small


def test_case_list_and_events_queries_do_not_grow(team, api):
    client = api(team.officer1)
    case = team.open_and_file()
    list_small = _count_queries(client, "/api/v1/cases/")
    events_small = _count_queries(client, f"/api/v1/cases/{case.pk}/events/")
    for _ in range(5):
        team.open_and_file()
    team.conclude(case)

    assert _count_queries(client, "/api/v1/cases/") == list_small
    assert _count_queries(client, f"/api/v1/cases/{case.pk}/events/") == events_small


# --- evidence upload (local storage; the S3 path is proven in test_evidence_s3.py) ------------


def _upload(client, case, data=None, name="photo.jpg", **extra):
    from django.core.files.uploadedfile import SimpleUploadedFile

    payload = {"kind": "photo", "title": "现场照片", "file": SimpleUploadedFile(name, data or jpeg_bytes())}
    payload.update(extra)
    return client.post(f"/api/v1/cases/{case.pk}/evidence/", payload, format="multipart")


def test_evidence_upload_stores_hash_size_and_sniffed_type(team, filed, api, local_storage):
    import hashlib

    data = jpeg_bytes()
    response = _upload(api(team.officer1), filed, data=data, name="claims-to-be.mp4")

    assert response.status_code == 201, response.json()
    body = response.json()
    assert body["sha256"] == hashlib.sha256(data).hexdigest()
    assert body["size"] == len(data)
    assert body["content_type"] == "image/jpeg"  # from the bytes, not the name
    assert filed.events.filter(event_type=EventType.EVIDENCE_ADDED).count() == 1


def test_an_unaccepted_file_type_is_415(team, filed, api, local_storage):
    response = _upload(api(team.officer1), filed, data=b"MZ\x90\x00 an executable", name="x.jpg")
    assert response.status_code == 415
    assert response.json()["code"] == "unsupported_type"
    assert filed.evidence.count() == 0


def test_an_upload_over_the_limit_is_413_and_leaves_nothing(team, filed, api, local_storage, settings):
    settings.EVIDENCE_MAX_BYTES = 1024
    response = _upload(api(team.officer1), filed, data=jpeg_bytes() + b"\0" * 4096)
    assert response.status_code == 413
    assert response.json()["code"] == "too_large"
    assert filed.evidence.count() == 0
    assert not any(p.is_file() and not p.name.endswith(".json") for p in local_storage.rglob("*"))


def test_fetching_evidence_content_redirects_and_is_recorded(team, filed, api, local_storage):
    client = api(team.head)
    item = _upload(api(team.officer1), filed).json()

    response = client.get(f"/api/v1/evidence/{item['id']}/content/")

    assert response.status_code == 302
    assert "/media/" in response["Location"]
    accessed = filed.events.filter(event_type=EventType.EVIDENCE_ACCESSED).get()
    assert accessed.actor == team.head.user
    assert accessed.payload["evidence"] == item["id"]


def test_evidence_cannot_be_deleted_only_superseded_with_a_reason(team, filed, api, local_storage):
    from django.db.models import ProtectedError

    from cases.models import Evidence
    from cases.services.evidence import supersede_evidence

    item = Evidence.objects.get(pk=_upload(api(team.officer1), filed).json()["id"])
    with pytest.raises(ProtectedError):
        item.delete()
    superseded = supersede_evidence(evidence=item, actor=team.officer1.user, reason="拍摄对象错误，已重新拍摄")

    assert superseded.superseded_reason == "拍摄对象错误，已重新拍摄"
    assert filed.evidence.count() == 1


# --- schema ------------------------------------------------------------------------------------


def test_the_openapi_schema_and_docs_page_are_served(team, api):
    client = api(team.officer1)
    schema = client.get("/api/v1/schema/")
    docs = client.get("/api/v1/docs/")

    assert schema.status_code == 200
    assert docs.status_code == 200


def test_every_transition_and_its_payload_is_in_the_openapi_schema(team, api):
    import yaml

    from cases.transitions import TRANSITIONS

    schema = yaml.safe_load(api(team.officer1).get("/api/v1/schema/").content)
    paths = schema["paths"]

    assert "/api/v1/cases/{id}/transitions/{name}/" not in paths
    for name in TRANSITIONS:
        assert f"/api/v1/cases/{{id}}/transitions/{name}/" in paths, name
    body = paths["/api/v1/cases/{id}/transitions/decide_on_spot/"]["post"]["requestBody"]
    payload = body["content"]["application/json"]["schema"]
    assert set(payload["required"]) == {"penalty_kinds", "legal_basis", "place"}
    assert payload["properties"]["fine_amount"]["format"] == "decimal"
    assert payload["properties"]["penalty_kinds"]["items"]["enum"] == ["warning", "fine"]


def test_the_case_file_carries_the_proposal_with_its_benchmark_position_and_the_notice(team, api):
    case = team.open_and_file()
    team.conclude(case, fine_amount=Decimal("50000"))
    team.notify(case)

    body = api(team.officer1).get(f"/api/v1/cases/{case.pk}/").json()

    assert body["proposal"]["fine_amount"] == "50000.00"
    assert body["proposal"]["benchmark"]["statutory_range"] == {"min": "5000.00", "max": "50000.00"}
    assert body["notice"]["hearing_right"] is True
    assert body["is_major"] is True
    assert {r["code"] for r in body["major_reasons"]} >= {"large_fine"}


def test_a_worker_reads_stored_evidence_back_after_the_commit(
    team, filed, api, local_storage, django_capture_on_commit_callbacks
):
    from cases.models import Evidence

    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        item = _upload(api(team.officer1), filed).json()

    assert len(callbacks) == 1
    assert Evidence.objects.get(pk=item["id"]).last_verified_at is not None


def test_a_legal_reviewer_sees_a_case_once_it_reached_legal_review(team, api):

    case = team.open_and_file()
    user = team.officer1.user
    team.conclude(case)
    team.notify(case)
    team.waive(case)
    assert api(team.reviewer).get(f"/api/v1/cases/{case.pk}/").status_code == 404

    deciding.submit_legal_review(case=case, actor=user)

    assert api(team.reviewer).get(f"/api/v1/cases/{case.pk}/").status_code == 200
    assert [c["id"] for c in api(team.reviewer).get("/api/v1/cases/").json()["results"]] == [case.pk]


# --- people on the case -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("path", "payload"),
    [
        ("filing-request", {}),
        ("handlers", {"officer": 0}),
        ("actions/apply_for_recusal", {"officer": 0, "applicant": "self", "grounds": "亲属"}),
        ("parties", {"kind": "individual", "name": "某人"}),
    ],
)
def test_people_endpoints_are_404_for_another_agency(team, api, path, payload):
    case = team.open()
    response = api(team.outsider).post(f"/api/v1/cases/{case.pk}/{path}/", payload, format="json")
    assert response.status_code == 404


def test_handlers_request_filing_then_the_head_files(team, api):
    case = team.open()

    requested = api(team.officer1).post(
        f"/api/v1/cases/{case.pk}/filing-request/", {"opinion": "请批准"}, format="json"
    )
    again = api(team.officer1).post(f"/api/v1/cases/{case.pk}/filing-request/", {}, format="json")
    filed = api(team.head).post(f"/api/v1/cases/{case.pk}/transitions/file/", {}, format="json")

    assert requested.status_code == 200
    assert again.status_code == 409
    assert again.json()["reasons"][0]["code"] == "filing_already_requested"
    assert filed.json()["status"] == "investigating"


def test_recusal_and_a_new_handler_through_the_api(team, filed, api):
    client = api(team.officer2)
    client.post(
        f"/api/v1/cases/{filed.pk}/actions/apply_for_recusal/",
        {"officer": team.officer2.pk, "applicant": "self", "applied_on": timezone.localdate().isoformat(),
         "grounds": "与当事人系同学"},
        format="json",
    )  # fmt: skip
    recused = api(team.head).post(
        f"/api/v1/cases/{filed.pk}/actions/decide_recusal/",
        {"application": filed.recusal_applications.get().pk, "decision": "approved", "reasons": "理由成立"},
        format="json",
    )
    blocked = {t["name"]: t for t in recused.json()["transitions"]}["conclude_investigation"]
    aux = api(team.officer1).post(f"/api/v1/cases/{filed.pk}/handlers/", {"officer": team.aux.pk}, format="json")
    added = api(team.officer1).post(f"/api/v1/cases/{filed.pk}/handlers/", {"officer": team.officer3.pk}, format="json")

    assert recused.status_code == 200
    assert "fewer_than_two_officers" in [r["code"] for r in blocked["reasons"]]
    assert aux.status_code == 409
    assert aux.json()["reasons"][0]["article"] == ART_42
    assert added.status_code == 200
    assert added.json()["handlers"] == [team.officer1.pk, team.officer3.pk]


def test_an_officer_of_another_agency_cannot_be_named_a_handler(team, filed, api):
    response = api(team.officer1).post(
        f"/api/v1/cases/{filed.pk}/handlers/", {"officer": team.outsider.pk}, format="json"
    )

    assert response.status_code == 400
    assert "officer" in response.json()["errors"]


def test_a_party_with_a_bad_id_number_is_400_with_the_reason(team, filed, api):
    response = api(team.officer1).post(
        f"/api/v1/cases/{filed.pk}/parties/",
        {"kind": "individual", "name": "王五", "id_number": "110105194912310021"},
        format="json",
    )

    assert response.status_code == 400
    assert response.json()["errors"]["id_number"] == ["公民身份号码校验位不正确。"]
    assert filed.parties.count() == 1
