"""A demo case from complaint to closure through HTTP alone — no page, admin or ORM call — as the demo accounts:
an API-only client can do everything the officer's pages can (issue 6, item 5).

The walk: officer1 opens the case (officer2 co-handling) and asks for filing; head1 files; officer1 uploads
evidence, concludes the investigation on the benchmark tier the matters API names, serves the notice and records
the party's statement; after the statement window the legal office (reviewer1) passes the review and head1 decides;
officer1 serves the decision, files the signed 送达回证 and publishes the decision; the party seeks reconsideration,
which is recorded and decided; head1 approves a deferral; once it has run out, officer1 issues and serves a
reminder; the party pays what is owed with the surcharge; head1 closes. Along the way every other demo account
sees what its role allows: the supervisor reads, the officers of the other agency get 404, the auxiliary and the
expired officer are refused with reasons.
"""

from __future__ import annotations

import datetime
import io
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.core.management import call_command
from rest_framework.test import APIClient

from kernel.validators import credit_code_check_char
from officers.demo import DEMO_PASSWORD

pytestmark = pytest.mark.django_db

SH = ZoneInfo("Asia/Shanghai")
D = datetime.date
# A stamp-sized JPEG: evidence and the scanned receipt are sniffed, never trusted by name.
JPEG = bytes.fromhex("ffd8ffe000104a46494600010100000100010000ffdb004300") + b"\x08" * 64 + bytes.fromhex("ffd9")
CREDIT_CODE = "91150203MA0Q7K3D5" + credit_code_check_char("91150203MA0Q7K3D5")  # a fictional, well-formed code


class Client:
    """One demo account signed in with its token — nothing but HTTP. The walk spans months: a token unused for
    API_TOKEN_IDLE_HOURS expires (401 ``token_expired``) and the client signs in again, as a tablet does."""

    def __init__(self, username: str) -> None:
        self.username = username
        self.http = APIClient()
        self._sign_in()

    def _sign_in(self) -> None:
        body = {"username": self.username, "password": DEMO_PASSWORD}
        answer = self.http.post("/api/v1/auth/token/", body, format="json")
        assert answer.status_code == 200, (self.username, answer.content)
        self.http.credentials(HTTP_AUTHORIZATION=f"Token {answer.json()['token']}")

    def _call(self, send):
        answer = send()
        if answer.status_code == 401 and answer.json().get("code") == "token_expired":
            self._sign_in()
            answer = send()
        return answer

    def get(self, path: str):
        return self._call(lambda: self.http.get(f"/api/v1{path}"))

    def post(self, path: str, body: dict | None = None, *, multipart: bool = False, key: str | None = None):
        extra = {"HTTP_IDEMPOTENCY_KEY": key} if key else {}
        kind = "multipart" if multipart else "json"

        def send():
            for value in (body or {}).values():
                if hasattr(value, "seek"):
                    value.seek(0)  # a retry sends the file again from its start
            return self.http.post(f"/api/v1{path}", body or {}, format=kind, **extra)

        return self._call(send)

    def step(self, case: int, name: str, body: dict | None = None, *, transition: bool = True, multipart: bool = False):
        kind = "transitions" if transition else "actions"
        answer = self.post(f"/cases/{case}/{kind}/{name}/", body, multipart=multipart, key=f"{name}-{case}")
        assert answer.status_code == 200, (name, answer.status_code, answer.content.decode()[:1500])
        return answer.json()


def at(day: D):
    return time_machine.travel(datetime.datetime(day.year, day.month, day.day, 10, tzinfo=SH), tick=False)


def upload(name: str):
    from django.core.files.uploadedfile import SimpleUploadedFile

    return SimpleUploadedFile(name, JPEG, content_type="image/jpeg")


def allowed(casefile: dict, name: str) -> bool:
    steps = {s["name"]: s for s in casefile["transitions"] + casefile["actions"]}
    return steps[name]["allowed"]


@pytest.fixture
def demo(settings, tmp_path):
    settings.MEDIA_ROOT = str(tmp_path / "media")
    with at(D(2026, 11, 2)):
        call_command("seed_demo", stdout=io.StringIO())  # the accounts, the catalogue, the demo cases


def test_a_demo_case_runs_from_complaint_to_closure_through_http_alone(demo):
    with at(D(2026, 11, 2)):
        officer1, head1 = Client("officer1"), Client("head1")
        officer2 = next(o for o in officer1.get("/officers/").json()["results"] if o["name"] == "李娜")
        matter = officer1.get("/matters/SC-SP-002/").json()
        benchmark = next(b for b in matter["benchmarks"] if b["in_force"])
        lighter = next(t for t in benchmark["tiers"] if t["level"] == "lighter")

        # 线索登记 and the filing request, with the party.
        opened = officer1.post(
            "/cases/",
            {
                "matter": "SC-SP-002",
                "source": "complaint",
                "source_detail": "12315投诉",
                "title": "包头市鹿城优品超市有限公司经营无标签的预包装食品案",
                "facts": "当事人经营的芝麻酱42瓶无任何标签，货值金额1,260元。",
                "violation_date": "2026-10-01",
                "discovered_on": "2026-10-28",
                "violation_division_code": "150203",  # 昆都仑区, inside 包头市: filing checks it (第二十二条)
                "handlers": [officer2["id"]],
                "parties": [
                    {
                        "kind": "organization",
                        "name": "包头市鹿城优品超市有限公司",
                        "credit_code": CREDIT_CODE,
                        "legal_representative": "韩卫东",
                    }
                ],
                "request_filing": True,
            },
        )
        assert opened.status_code == 201, opened.content.decode()[:1000]
        case = opened.json()["id"]
        assert opened.json()["status"] == "lead"

        # Every other account sees what its role allows.
        assert Client("officer_b1").get(f"/cases/{case}/").status_code == 404  # another agency
        assert Client("supervisor1").get(f"/cases/{case}/").status_code == 200  # supervises agency A
        aux = Client("aux1").get(f"/cases/{case}/").json()
        assert not allowed(aux, "file") and not allowed(aux, "request_filing")

        head1.step(case, "file", {"opinion": "同意立案。"})
        evidence = officer1.post(
            f"/cases/{case}/actions/add_evidence/",
            {"file": upload("现场照片.jpg"), "kind": "photo", "title": "现场照片：无标签芝麻酱"},
            multipart=True,
        )
        assert evidence.status_code == 200, evidence.content.decode()[:500]
        casefile = officer1.step(
            case,
            "conclude_investigation",
            {
                "report": "经调查，当事人经营无标签的预包装食品芝麻酱42瓶，货值金额1,260元。",
                "facts": "当事人经营无标签的预包装食品芝麻酱42瓶，货值金额1,260元。",
                "correction": "立即停止经营无标签的预包装食品。",
                "outcome": "penalty",
                "penalty_kinds": ["fine"],
                "fine_amount": "8000",
                "base_amount": "1260",
                "tier": lighter["id"],
                "circumstances": "能够提供合法进货来源，数量较少且尚未售出。",
            },
        )
        assert casefile["proposal"]["tier"] == "lighter"
        casefile = officer1.step(
            case,
            "notify",
            {
                "served_on": "2026-11-02",
                "facts": "经营无标签的预包装食品。",
                "reasons": "事实清楚。",
                "basis": "依据有关规定。",
            },
        )
        statement_due = casefile["notice"]["statement_due"]
        assert statement_due == next(d["due_on"] for d in casefile["deadlines"] if d["kind"] == "statement")

    with at(D(2026, 11, 4)):
        Client("officer2").step(
            case,
            "record_statement",
            {"received_on": "2026-11-04", "content": "请求从轻处罚。", "answer": "已按从轻档次拟罚，不予调整。"},
        )
        early = head1.post(f"/cases/{case}/transitions/decide/", {"outcome": "penalty", "decided_on": "2026-11-04"})
        assert early.status_code == 409
        assert "statement_period_open" in [r["code"] for r in early.json()["reasons"]]

    decided_on = D.fromisoformat(statement_due) + datetime.timedelta(days=1)
    with at(decided_on):
        officer1.step(case, "submit_legal_review", {"note": "请审核。"})
        Client("reviewer1").step(case, "pass_legal_review", {"opinions": "事实清楚，适用依据正确，程序合法。"})
        casefile = head1.step(
            case,
            "decide",
            {
                "outcome": "penalty",
                "decided_on": decided_on.isoformat(),
                "decided_penalty_kinds": ["fine"],
                "decided_fine_amount": "8000",
            },
        )
        assert casefile["status"] == "decided"
        casefile = officer1.step(
            case,
            "serve",
            {"served_on": decided_on.isoformat(), "method": "direct", "recipient": "韩卫东", "address": "超市"},
        )
        assert casefile["status"] == "executing"
        service = casefile["execution"]["services"][0]
        officer1.step(
            case,
            "attach_service_receipt",
            {"service": service["id"], "file": upload("送达回证.jpg")},
            transition=False,
            multipart=True,
        )
        officer1.step(
            case, "publish_decision", {"published_on": decided_on.isoformat(), "channel": "portal"}, transition=False
        )

    filed_on = decided_on + datetime.timedelta(days=2)
    with at(filed_on):
        officer1.step(
            case,
            "file_remedy",
            {"kind": "reconsideration", "filed_on": filed_on.isoformat(), "organ": "包头市人民政府"},
            transition=False,
        )
    ruled_on = filed_on + datetime.timedelta(days=8)
    with at(ruled_on):
        casefile = officer1.step(
            case,
            "record_remedy_outcome",
            {"outcome": "upheld", "decided_on": ruled_on.isoformat(), "received_on": ruled_on.isoformat()},
            transition=False,
        )
        assert casefile["execution"]["remedies"][0]["outcome"] == "upheld"
        deferred_until = D.fromisoformat(casefile["execution"]["payment_due_on"]) + datetime.timedelta(days=7)
        casefile = head1.step(
            case,
            "approve_arrangement",
            {
                "kind": "deferral",
                "applied_on": ruled_on.isoformat(),
                "reason": "当事人经营困难，申请暂缓缴纳。",
                "deferred_until": deferred_until.isoformat(),
            },
            transition=False,
        )
        assert casefile["execution"]["arrangement"]["ends_on"] == deferred_until.isoformat()

    reminded_on = deferred_until + datetime.timedelta(days=3)
    with at(reminded_on):
        casefile = officer1.step(
            case,
            "issue_reminder",
            {
                "issued_on": reminded_on.isoformat(),
                "performance_deadline": (reminded_on + datetime.timedelta(days=10)).isoformat(),
                "manner": "至指定银行缴纳罚款及加处罚款",
            },
            transition=False,
        )
        casefile = officer1.step(
            case,
            "serve_reminder",
            {"served_on": reminded_on.isoformat(), "method": "direct", "recipient": "韩卫东"},
            transition=False,
        )
        assert casefile["execution"]["reminders"][0]["served_on"] == reminded_on.isoformat()
        # officer2's certificate ran out on the way (seed_demo: within 20 days): only certified officers act
        # (第四十二条), so head1 names another co-handler, and officer2 leaves the case on their own request, which
        # head1 grants (第四十三条: a handler leaves by recusal only on a recorded application, decided by the head).
        assert not allowed(casefile, "record_payment")
        zhou = next(o for o in officer1.get("/officers/").json()["results"] if o["name"] == "周文")
        head1.step(case, "add_handler", {"officer": zhou["id"]}, transition=False)
        casefile = Client("officer2").step(
            case,
            "apply_for_recusal",
            {"officer": officer2["id"], "applicant": "self", "applied_on": reminded_on.isoformat(),
             "grounds": "行政执法证已过期，申请不再承办本案。"},
            transition=False,
        )  # fmt: skip
        casefile = head1.step(
            case,
            "decide_recusal",
            {"application": casefile["recusal_applications"][0]["id"], "decision": "approved",
             "reasons": "行政执法证已过期，更换承办人。"},
            transition=False,
        )  # fmt: skip
        owed = Decimal(casefile["execution"]["outstanding"])
        assert owed > Decimal("8000")  # the 3 % a day surcharge since the deferral ran out (第七十二条)

        casefile = officer1.step(
            case,
            "record_payment",
            {"paid_on": reminded_on.isoformat(), "amount": str(owed), "channel": "bank", "bank": "工商银行",
             "receipt_number": "FK-2026-0001"},
        )  # fmt: skip
        assert casefile["execution"]["outstanding"] == "0.00"
        casefile = head1.step(case, "close", {"report": "罚款及加处罚款已缴清，执行完毕，结案。"})

    assert casefile["status"] == "closed"
    assert {"filing_approval", "penalty_notice", "penalty_decision", "service_receipt", "payment_reminder"} <= {
        d["type"] for d in casefile["documents"]
    }
    events = officer1.get(f"/cases/{case}/events/").json()
    assert events["count"] > 20
