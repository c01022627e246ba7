"""Who may issue and read documents: handlers and heads issue; whoever may see the case downloads, and
every download is recorded; an officer of another agency gets 404 everywhere (STYLE.md 9)."""

from __future__ import annotations

from documents.choices import DOCUMENT_ACCESSED
from documents.models import Document


def login(client, officer):
    client.force_login(officer.user)
    return client


# --- the page: issue -------------------------------------------------------------------------------


def test_a_handler_issues_a_document_from_the_case_page(client, team, decided, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        response = login(client, team.officer1).post(f"/documents/cases/{decided.pk}/issue/closing_report/")

    assert response.status_code == 302
    assert response["Location"] == f"/cases/{decided.pk}/"
    document = Document.objects.get(case=decided, kind="closing_report")
    assert document.is_rendered
    assert document.issued_by == team.officer1.user


def test_an_outsider_gets_404_on_issue_and_nothing_is_issued(client, team, decided):
    before = Document.objects.count()
    response = login(client, team.outsider).post(f"/documents/cases/{decided.pk}/issue/closing_report/")

    assert response.status_code == 404
    assert Document.objects.count() == before


def test_a_supervisor_sees_the_case_but_may_not_issue(client, team, decided):
    before = Document.objects.count()
    response = login(client, team.supervisor).post(f"/documents/cases/{decided.pk}/issue/closing_report/")

    assert response.status_code == 409
    assert "只有本案承办人或本机关负责人才能制作执法文书" in response.content.decode()
    assert Document.objects.count() == before


def test_a_document_the_state_does_not_allow_is_refused_with_the_article(client, team, decided):
    response = login(client, team.officer1).post(f"/documents/cases/{decided.pk}/issue/hearing_notice/")

    assert response.status_code == 409
    body = response.content.decode()
    assert "不能制作听证通知书" in body
    assert "第六十四条" in body


def test_an_unknown_kind_is_404(client, team, decided):
    assert login(client, team.officer1).post(f"/documents/cases/{decided.pk}/issue/nonsense/").status_code == 404


def test_issuing_needs_a_post(client, team, decided):
    assert login(client, team.officer1).get(f"/documents/cases/{decided.pk}/issue/penalty_decision/").status_code == 405


# --- the page: download ------------------------------------------------------------------------------


def test_a_download_redirects_to_a_presigned_link_and_is_recorded(client, team, decided, decision):
    response = login(client, team.head).get(f"/documents/{decision.pk}/download/")

    assert response.status_code == 302
    assert "/media/s/" in response["Location"]
    event = decided.events.get(event_type=DOCUMENT_ACCESSED)
    assert event.actor == team.head.user
    assert event.payload["document"] == decision.pk
    pdf = client.get(response["Location"])
    assert b"".join(pdf.streaming_content).startswith(b"%PDF-")


def test_a_supervisor_may_download_and_is_recorded(client, team, decided, decision):
    response = login(client, team.supervisor).get(f"/documents/{decision.pk}/download/")

    assert response.status_code == 302
    assert decided.events.filter(event_type=DOCUMENT_ACCESSED, actor=team.supervisor.user).count() == 1


def test_an_outsider_gets_404_on_download_and_nothing_is_recorded(client, team, decided, decision):
    response = login(client, team.outsider).get(f"/documents/{decision.pk}/download/")

    assert response.status_code == 404
    assert not decided.events.filter(event_type=DOCUMENT_ACCESSED).exists()


def test_anonymous_users_are_sent_to_login(client, decided, decision):
    assert client.get(f"/documents/{decision.pk}/download/").status_code == 302
    assert client.post(f"/documents/cases/{decided.pk}/issue/penalty_decision/").status_code == 302


# --- the API -----------------------------------------------------------------------------------------


def test_the_api_lists_a_cases_documents(api, team, decided, decision):
    response = api(team.officer2).get(f"/api/v1/documents/?case={decided.pk}")

    assert response.status_code == 200
    rows = response.json()["results"]
    # Each step's document, in the order of the file: 立案审批表, 事先告知书, 决定书.
    assert [r["type"] for r in rows] == ["filing_approval", "penalty_notice", "penalty_decision"]
    row = rows[-1]
    assert row["type"] == "penalty_decision"
    assert row["number"] == decision.number
    assert row["version"] == 1
    assert row["sha256"] == decision.sha256
    assert row["status"] == "rendered"
    assert row["url"].endswith(f"/api/v1/documents/{decision.pk}/content/")
    assert row["verify_url"].endswith(f"/verify/{decision.token}/")


def test_case_documents_serialises_for_the_case_file(rf, team, decided, decision):
    from documents.api import case_documents

    rows = case_documents(decided, rf.get("/"))

    assert [r["number"] for r in rows][-1] == decision.number
    assert [r["type"] for r in rows] == ["filing_approval", "penalty_notice", "penalty_decision"]


def test_the_api_content_redirects_and_is_recorded(api, team, decided, decision):
    response = api(team.officer1).get(f"/api/v1/documents/{decision.pk}/content/")

    assert response.status_code == 302
    assert decided.events.filter(event_type=DOCUMENT_ACCESSED, actor=team.officer1.user).count() == 1


def test_the_api_hides_documents_from_an_outsider(api, team, decided, decision):
    client = api(team.outsider)

    assert client.get(f"/api/v1/documents/{decision.pk}/content/").status_code == 404
    assert client.get(f"/api/v1/documents/{decision.pk}/").status_code == 404
    assert client.get(f"/api/v1/documents/?case={decided.pk}").json()["results"] == []
    assert client.post("/api/v1/documents/", {"case": decided.pk, "kind": "penalty_decision"}).status_code == 404


def test_the_api_issues_and_refuses_with_reasons(api, team, decided, django_capture_on_commit_callbacks):
    client = api(team.officer1)
    with django_capture_on_commit_callbacks(execute=True):
        created = client.post("/api/v1/documents/", {"case": decided.pk, "kind": "closing_report"})
    refused = client.post("/api/v1/documents/", {"case": decided.pk, "kind": "hearing_notice"})
    again = client.post("/api/v1/documents/", {"case": decided.pk, "kind": "penalty_decision"})

    assert created.status_code == 201, created.json()
    assert created.json()["number"] == decided.number  # an internal record carries the case number
    assert again.status_code == 409  # ``decide`` issued it: only a correction may follow
    assert again.json()["reasons"][0]["code"] == "already_issued"
    assert refused.status_code == 409
    assert refused.json()["code"] == "document_not_allowed"
    assert refused.json()["reasons"][0]["code"] == "wrong_state"


def test_the_page_form_issues_a_correction_and_a_service_receipt(
    client, team, decided, decision, django_capture_on_commit_callbacks
):
    login(client, team.officer1)
    with django_capture_on_commit_callbacks(execute=True):
        corrected = client.post(
            f"/documents/cases/{decided.pk}/issue/penalty_decision/",
            {"doc-penalty_decision-correction_of": decision.pk, "doc-penalty_decision-reason": "地址笔误"},
        )
        v2 = Document.objects.get(supersedes=decision)
        stale = client.post(
            f"/documents/cases/{decided.pk}/issue/service_receipt/", {"doc-service_receipt-document": decision.pk}
        )
        receipt = client.post(
            f"/documents/cases/{decided.pk}/issue/service_receipt/", {"doc-service_receipt-document": v2.pk}
        )

    assert corrected.status_code == receipt.status_code == 302
    assert stale.status_code == 400  # the corrected version is the one to serve
    assert (v2.version, v2.correction_reason, v2.number) == (2, "地址笔误", decision.number)
    served = Document.objects.get(kind="service_receipt")
    assert served.snapshot["data"]["document"] == {"number": decision.number, "title": "行政处罚决定书", "version": 2}


def test_a_correction_of_another_cases_document_is_refused_by_the_form(client, team, decided, decision):
    from tests.documents.conftest import decide

    other = decide(team)

    response = login(client, team.officer1).post(
        f"/documents/cases/{other.pk}/issue/penalty_decision/",
        {"doc-penalty_decision-correction_of": decision.pk, "doc-penalty_decision-reason": "x"},
    )

    assert response.status_code == 400
    assert not Document.objects.filter(case=other, supersedes__isnull=False).exists()
