from __future__ import annotations

import datetime
import uuid
from dataclasses import dataclass
from decimal import Decimal

from django.utils import timezone

from cases.choices import CaseSource, EvidenceKind, PartyKind, Procedure
from cases.models import Case, Evidence
from cases.services import cases as case_services
from officers.choices import StaffCategory
from officers.models import Agency, EnforcementDomain, Officer
from tests.matters.factories import MatterFactory
from tests.officers.factories import (
    AgencyFactory,
    CertificateFactory,
    EnforcementDomainFactory,
    OfficerFactory,
    SupervisoryBodyFactory,
    certified_officer,
)

INDIVIDUAL = {
    "kind": PartyKind.INDIVIDUAL,
    "name": "张三",
    "id_number": "11010519491231002X",
    "address": "包头市昆都仑区阿尔丁大街8号",
    "phone": "13812345678",
}
ORGANIZATION = {
    "kind": PartyKind.ORGANIZATION,
    "name": "包头市某某食品有限公司",
    "credit_code": "91110000600037341L",
    "legal_representative": "李四",
    "address": "包头市青山区幸福路1号",
}


@dataclass
class Team:
    """An agency with the people of DOMAIN.md, a matter it holds, and an outsider agency."""

    domain: EnforcementDomain
    agency: Agency
    justice: Agency
    officer1: Officer
    officer2: Officer
    officer3: Officer
    aux: Officer
    expired: Officer
    head: Officer
    deputy: Officer
    reviewer: Officer
    chair: Officer
    supervisor: Officer
    outsider: Officer
    matter: object

    def open(self, *, by: Officer | None = None, co: list[Officer] | None = None, **overrides) -> Case:
        today = timezone.localdate()
        fields = {
            "matter": self.matter,
            "title": "销售过期食品案",
            "source": CaseSource.INSPECTION,
            "violation_date": today - datetime.timedelta(days=30),
            "discovered_on": today - datetime.timedelta(days=2),
            "facts": "当事人在其经营场所销售超过保质期的食品。",
            "parties": [dict(INDIVIDUAL)],
            "procedure": Procedure.GENERAL,
        }
        fields.update(overrides)
        return case_services.open_case(
            actor=(by or self.officer1).user, co_handlers=co if co is not None else [self.officer2], **fields
        )

    def gather_evidence(self, case: Case, title: str = "现场照片：货架上超过保质期的食品") -> Evidence:
        """An evidence item on file, written directly (no object storage): 行政处罚法 第四十条 refuses a penalty on
        a file without evidence (documents.evidence.evidence_gathered)."""
        return Evidence.objects.create(
            case=case,
            kind=EvidenceKind.PHOTO,
            title=title,
            storage_key=f"tests/{uuid.uuid4().hex}",
            original_filename="photo.jpg",
            content_type="image/jpeg",
            size=1,
            sha256="0" * 64,
            uploaded_by=self.officer1.user,
        )

    def conclude(self, case: Case, *, by: Officer | None = None, evidence: bool = True, **overrides) -> Case:
        """调查终结 with a lawful proposal: a fine of 8,000 yuan (the factory matter allows 5,000–50,000), on a file
        holding one evidence item (:meth:`gather_evidence`; ``evidence=False``: the test files its own)."""
        from cases.services import deciding

        if evidence:
            self.gather_evidence(case)
        fields = {
            "report": "调查终结，事实清楚，证据确凿。",
            # 行政处罚法 第五十九条第一款第二项: what the decision prints as “经查” (established_facts_stated).
            "facts": case.facts or "当事人在其经营场所销售超过保质期的食品。",
            # 行政处罚法 第二十八条第一款: the order the decision carries (correction_ordered).
            "correction": "立即停止销售超过保质期的食品，并予以下架销毁。",
            "outcome": "penalty",
            "penalty_kinds": ["fine"],
            "fine_amount": Decimal("8000"),
        }
        fields.update(overrides)
        return deciding.conclude_investigation(case=case, actor=(by or self.officer1).user, **fields)

    def notify(self, case: Case, *, served_on: datetime.date | None = None) -> Case:
        from cases.services import deciding

        return deciding.notify_party(
            case=case,
            actor=self.officer1.user,
            served_on=served_on or timezone.localdate(),
            facts=case.facts or "违法事实",
            reasons="事实清楚，证据确凿。",
            basis="依据有关规定。",
        )

    def waive(self, case: Case) -> Case:
        from cases.services import deciding

        notice = case.notices.order_by("-pk").first()
        return deciding.waive_hearing(
            case=case, actor=self.officer1.user, waived_on=notice.served_on, note="当事人书面表示放弃陈述、申辩和听证。"
        )

    def decide(
        self,
        case: Case,
        *,
        fine: str | None = "8000",
        kinds: tuple[str, ...] = ("fine",),
        on: datetime.date | None = None,
    ) -> Case:
        """作出行政处罚决定 by the head: ``kinds`` (a fine of ``fine`` yuan by default), dated ``on`` or today."""
        from cases.services import deciding

        return deciding.decide_case(
            case=case,
            actor=self.head.user,
            outcome="penalty",
            decided_on=on or timezone.localdate(),
            decided_penalty_kinds=list(kinds),
            decided_fine_amount=Decimal(fine) if fine else None,
        )

    def petty_matter(self) -> object:
        """A matter the agency holds whose fine has no minimum (“五千元以下”), with a warning: one a small fine can
        lawfully be set for on the spot (行政处罚法 第五十一条) — the team's own matter starts at 5,000 yuan."""
        return MatterFactory(domain=self.domain, agencies=[self.agency], fine_min=None, fine_max=Decimal("5000"))

    def open_on_the_spot(self, **overrides) -> Case:
        """A summary-procedure lead on :meth:`petty_matter` (unless ``matter`` is given)."""
        overrides.setdefault("matter", self.petty_matter())
        return self.open(procedure=Procedure.SUMMARY, **overrides)

    def open_and_file(self, **overrides) -> Case:
        from cases.services import lifecycle

        case = self.open(request_filing=True, **overrides)
        return lifecycle.file_case(case=case, actor=self.head.user)


def build_team() -> Team:
    domain = EnforcementDomainFactory(code="market_regulation")
    justice = SupervisoryBodyFactory()
    agency = AgencyFactory(domains=[domain], supervised_by=justice)
    other = AgencyFactory(domains=[domain], supervised_by=None)
    matter = MatterFactory(domain=domain, agencies=[agency, other])

    def certified(**kwargs) -> Officer:
        return certified_officer(agency=agency, domain=domain, **kwargs)

    expired = OfficerFactory(agency=agency, name="钱过期")
    CertificateFactory(
        officer=expired,
        domains=[domain],
        valid_from=timezone.localdate() - datetime.timedelta(days=1000),
        valid_to=timezone.localdate() - datetime.timedelta(days=30),
    )
    return Team(
        domain=domain,
        agency=agency,
        justice=justice,
        officer1=certified(name="王强"),
        officer2=certified(name="李娜"),
        officer3=certified(name="马骏"),
        aux=OfficerFactory(agency=agency, category=StaffCategory.AUXILIARY, name="赵辅"),
        expired=expired,
        head=certified(name="吴局长", is_head=True, is_principal_head=True),
        deputy=certified(name="郑副局长", is_head=True),
        reviewer=OfficerFactory(
            agency=agency,
            name="孙审核",
            category=StaffCategory.ADMINISTRATIVE,
            is_legal_reviewer=True,
            has_legal_qualification=True,
        ),
        chair=certified(name="周主持", is_hearing_chair=True),
        supervisor=OfficerFactory(
            agency=justice, name="冯监督", category=StaffCategory.ADMINISTRATIVE, is_supervisor=True
        ),
        outsider=certified_officer(agency=other, domain=domain, name="陈外人"),
        matter=matter,
    )
