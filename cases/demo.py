"""Demo cases for ``make run``: a few cases of the demo agencies, each at a stage a newcomer wants to see.

Every case is made through the real services, acting as the demo accounts of ``officers/demo.py``, so every
guard held, every step issued its own document (``documents.steps``) and opened its own deadlines
(``deadlines.receivers``). Nothing travels in time: the violation and its discovery lie before ``today``,
every act is dated ``today`` (the services date filing and the on-the-spot decision themselves, and refuse
acts dated in the future), so the statement window and the payment period are running when the demo opens.

The people, businesses, identity numbers, credit codes and phone numbers are fictional, valid in format only.
"""

from __future__ import annotations

import datetime
import io
import struct
import zlib
from decimal import Decimal
from typing import Any

from django.db import transaction
from django.utils import timezone

from matters.choices import BenchmarkTierLevel
from matters.models import BenchmarkTier, Matter
from matters.selectors import current_benchmark
from officers.models import Officer

from .choices import CaseSource, EvidenceKind, Outcome, Procedure
from .demo_parties import BARBECUE, HOME_FURNISHING, NOODLE_SHOP, SUPERMARKET, TRADING, VENDOR
from .models import Case
from .models.correction import CorrectionUnit
from .models.execution import ServiceMethod
from .models.seizure import RecordSignature, SeizureMeasure
from .registry import action_named
from .services import cases as case_services
from .services import correction, deciding, evidence, execution, lifecycle, preservation, seizure

DEMO_AGENCIES = ("包市监", "包市城管")
USERNAMES = ("officer1", "officer2", "head1", "head2", "officer_b1", "officer_b2", "head_b1")


def _cn(day: datetime.date) -> str:
    return f"{day.year}年{day.month}月{day.day}日"


def _ago(today: datetime.date, days: int) -> datetime.date:
    return today - datetime.timedelta(days=days)


def _tier(matter: Matter, level: str, today: datetime.date) -> BenchmarkTier:
    benchmark = current_benchmark(matter, on=today)
    assert benchmark is not None, "the demo matters come with benchmarks from seed_demo"
    return benchmark.tiers.get(level=level)


def _png(width: int = 8, height: int = 6) -> bytes:
    """A small grey PNG made here (the demo ships no pictures): the stand-in for a photo taken on the inspection."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    rows = b"".join(b"\x00" + b"\x80" * width for _ in range(height))
    header = struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(rows)) + chunk(b"IEND", b"")


def _photo(people: dict[str, Officer], case: Case, *, by: str, title: str, location: str) -> None:
    """行政处罚法 第四十条: the file holds the evidence the proposal rests on — a photo taken on the inspection."""
    content = _png()
    evidence.add_evidence(
        case=case,
        actor=people[by].user,
        stream=io.BytesIO(content),
        original_filename="现场照片.png",
        kind=EvidenceKind.PHOTO,
        title=title,
        head=content[:64],
        size=len(content),
        location=location,
        captured_by=people[by],
    )


def _officers() -> dict[str, Officer]:
    officers = {o.user.username: o for o in Officer.objects.select_related("user").filter(user__username__in=USERNAMES)}
    missing = sorted(set(USERNAMES) - set(officers))
    if missing:
        raise LookupError(f"演示账号不存在（{', '.join(missing)}），请先运行 seed_demo。")
    return officers


def demo_cases() -> list[Case]:
    """The cases of the demo agencies, oldest first (what ``seed_demo`` lists)."""
    return list(Case.objects.filter(agency__short_name__in=DEMO_AGENCIES).select_related("agency").order_by("pk"))


@transaction.atomic
def seed_demo_cases(*, today: datetime.date | None = None) -> list[Case]:
    """Create the demo cases through the services, as the demo accounts; returns them (fresh from the database).

    Idempotent: when a demo agency already has cases (a second ``make run``, or cases entered by hand),
    nothing is created and the list is empty. Run after ``seed_demo``, ``seed_catalogue`` and
    ``seed_document_settings``: the cases need the accounts, the matters and the agencies' document settings.
    """
    if Case.objects.filter(agency__short_name__in=DEMO_AGENCIES).exists():
        return []
    today = today or timezone.localdate()
    people = _officers()
    made = [
        _lead_awaiting_filing(people, today),
        _under_investigation(people, today),
        _notified(people, today),
        _executing_unpaid(people, today),
        _decided_on_the_spot(people, today),
        _urban_filed(people, today),
    ]
    by_pk = Case.objects.select_related("agency").in_bulk([case.pk for case in made])
    return [by_pk[case.pk] for case in made]


def _open(people: dict[str, Officer], *, by: str, co: str, matter: str, **fields: Any) -> Case:
    return case_services.open_case(
        actor=people[by].user, co_handlers=[people[co]], matter=Matter.objects.get(code=matter), **fields
    )


def _lead_awaiting_filing(people: dict[str, Officer], today: datetime.date) -> Case:
    """(1) 线索登记: a complaint about an advertisement, the filing requested, awaiting the head's approval."""
    return _open(
        people,
        by="officer1",
        co="officer2",
        matter="SC-GG-001",
        title="包头市尚品家居有限公司发布使用“最佳”“最高级”用语广告案",
        source=CaseSource.COMPLAINT,
        source_detail="全国12315平台投诉举报",
        violation_date=_ago(today, 40),
        discovered_on=_ago(today, 3),
        location="包头市九原区建华南路88号尚品家居门店",
        violation_division_code="150207",  # 行政处罚法 第二十二条: 包头市 150200
        facts=(
            f"{_cn(_ago(today, 3))}，消费者通过全国12315平台投诉举报：当事人自{_cn(_ago(today, 40))}起在其门店入口及"
            "店内张贴宣传海报，称其销售的实木家具“品质最佳”“全市最高级”。经初步核查，海报仍在张贴。"
        ),
        parties=[HOME_FURNISHING],
        request_filing=True,
    )


def _under_investigation(people: dict[str, Officer], today: datetime.date) -> Case:
    """(2) 调查取证: expired food found on an inspection, filed by the deputy head; the expired goods preserved
    (先行登记保存, 第五十六条) with the head's approval, their disposal due within seven working days; unlabelled
    bulk cooked food impounded (查封、扣押, 行政强制法 第二十二条), its 30-day clock running."""
    case = _open(
        people,
        by="officer1",
        co="officer2",
        matter="SC-SP-001",
        title="包头市鹿城优品超市有限公司经营超过保质期的食品案",
        source=CaseSource.INSPECTION,
        source_detail="日常监督检查",
        violation_date=_ago(today, 12),
        discovered_on=_ago(today, 2),
        location="包头市昆都仑区钢铁大街126号鹿城优品超市",
        violation_division_code="150203",  # 行政处罚法 第二十二条: 包头市 150200
        facts=(
            f"{_cn(_ago(today, 2))}，执法人员对当事人经营场所进行日常监督检查，发现其食品区货架上陈列销售的"
            "某品牌酸奶（200克/杯）16杯、夹心饼干（400克/袋）9袋已超过标签标明的保质期，货值金额待查。"
        ),
        parties=[SUPERMARKET],
        request_filing=True,
    )
    case = lifecycle.file_case(case=case, actor=people["head2"].user, opinion="同意立案，由王强、李娜承办。")
    _preserve_expired_goods(people, case)
    # 行政强制法 第二十二条、第二十四条: the matter's law (食品安全法 第一百一十条第（四）项) empowers the impounding of
    # the unlabelled food; approved by the deputy head before it is carried out. Its 30-day clock runs on the page.
    now = timezone.now()
    seizure.seize(
        case=case,
        actor=people["officer1"].user,
        measure=SeizureMeasure.IMPOUND,
        items="无标签散装熟食（约3.5千克）",
        place="包头市市场监督管理局涉案物品保管室",
        reason="有证据证明不符合食品安全标准（无标签、来源不明），防止继续销售",
        approved_by=people["head2"],
        approved_at=now - datetime.timedelta(minutes=40),
        carried_out_at=now - datetime.timedelta(minutes=10),
        record_signature=RecordSignature.PARTY_SIGNED,
        party_informed=True,  # 行政强制法 第十八条第五项
        statement_heard=True,  # 第十八条第六项
        party_statement="当事人称熟食系当日自制，未及时加贴标签。",
    )
    return case


def _preserve_expired_goods(people: dict[str, Officer], case: Case) -> None:
    """The goods could be sold or thrown away before the investigation ends: preserved today, the seven working
    days of the disposal running from today (deadline ``evidence_preservation``)."""
    item = preservation.request_preservation(
        case=case,
        actor=people["officer1"].user,
        reason="超过保质期的食品可能被当事人销售或者销毁，证据可能灭失。",
        items=[
            {"name": "某品牌酸奶（200克/杯）", "quantity": "16杯", "location": "食品区货架"},
            {"name": "夹心饼干（400克/袋）", "quantity": "9袋", "location": "食品区货架"},
        ],
    )
    preservation.approve_preservation(case=case, actor=people["head2"].user, preservation=item, opinion="同意。")
    preservation.preserve_evidence(
        case=case,
        actor=people["officer1"].user,
        preservation=item,
        registered_at=timezone.now(),
        place="本局证据保管室",
    )


def _refused_correction(people: dict[str, Officer], case: Case, *, today: datetime.date) -> None:
    """食品安全法 第一百二十六条 fines only 拒不改正的 (行政处罚法 第二十八条第一款): after filing, the written order
    and its 责令改正通知书 served on the party, who refuses on the spot — recorded before the fine is proposed. The
    notice is served through the registry's ``serve_document`` (the documents app's action)."""
    row = correction.order_correction(
        case=case,
        actor=people["officer2"].user,
        content="立即停止安排未取得健康证明的人员从事接触直接入口食品的工作，并为其办理健康证明。",
        period_count=3,
        period_unit=CorrectionUnit.WORKING_DAYS,
        ordered_on=today,
    )
    action_named("serve_document").perform(
        case=case,
        actor=people["officer2"].user,
        document=case.documents.get(kind="correction_notice"),
        served_on=today,
        method=ServiceMethod.DIRECT,
        recipient=NOODLE_SHOP["name"],
    )
    correction.record_refusal_to_correct(
        case=case,
        actor=people["officer2"].user,
        correction_order=row,
        refused_on=today,
        note="当事人签收责令改正通知书后当场表示不予改正，执法人员已在笔录中注明。",
    )


def _notified(people: dict[str, Officer], today: datetime.date) -> Case:
    """(3) 已事先告知: a fine that carries the hearing right (and makes the case major), notified today;
    the statement and hearing-request windows are running."""
    matter = Matter.objects.get(code="SC-SP-003")
    case = _open(
        people,
        by="officer2",
        co="officer1",
        matter=matter.code,
        title="刘桂芝安排未取得健康证明的人员从事接触直接入口食品的工作案",
        source=CaseSource.INSPECTION,
        source_detail="餐饮服务单位专项检查",
        violation_date=_ago(today, 30),
        discovered_on=_ago(today, 9),
        location="包头市青山区富强路17号刘记手擀面馆",
        violation_division_code="150204",  # 行政处罚法 第二十二条: 包头市 150200
        facts=(
            f"{_cn(_ago(today, 9))}，执法人员检查发现当事人经营的刘记手擀面馆安排两名未取得健康证明的人员在后厨从事"
            f"面食制作、凉菜分装等接触直接入口食品的工作，当场责令改正；{_cn(_ago(today, 4))}复查时，上述两人仍未取得"
            "健康证明并继续在后厨工作，当事人拒不改正。"
        ),
        parties=[NOODLE_SHOP],
        request_filing=True,
    )
    lifecycle.file_case(case=case, actor=people["head1"].user, opinion="同意立案。")
    _refused_correction(people, case, today=today)
    _photo(
        people,
        case,
        by="officer2",
        title="现场照片：两名未取得健康证明的人员在后厨制作面食",
        location="包头市青山区富强路17号刘记手擀面馆后厨",
    )
    deciding.conclude_investigation(
        case=case,
        actor=people["officer2"].user,
        report=(
            "经调查，当事人安排两名未取得健康证明的人员从事接触直接入口食品的工作，经责令改正后拒不改正，"
            "有现场检查笔录、询问笔录、员工花名册及复查记录为证。涉及人员二名，立案后已主动安排二人办理健康证明。"
        ),
        facts="当事人安排两名未取得健康证明的人员从事接触直接入口食品的工作，经责令改正后拒不改正。",
        outcome=Outcome.PENALTY,
        penalty_kinds=["fine"],
        fine_amount=Decimal("15000"),
        tier=_tier(matter, BenchmarkTierLevel.LIGHTER, today),
        circumstances="拒不改正，涉及人员二名，立案后主动改正。",
    )
    return deciding.notify_party(
        case=case,
        actor=people["officer2"].user,
        served_on=today,
        facts="当事人安排两名未取得健康证明的人员从事接触直接入口食品的工作，经责令改正后拒不改正。",
        reasons="事实清楚，证据确凿；涉及人员二名，立案后主动改正，依照裁量基准从轻处罚。",
        basis=f"违反{matter.violated_provision}的规定，依据{matter.penalty_provision}。",
    )


def _executing_unpaid(people: dict[str, Officer], today: datetime.date) -> Case:
    """(4) 执行中: notified, the party waived, decided by the principal head and served today;
    the fine is unpaid and the payment period is running."""
    matter = Matter.objects.get(code="SC-SP-002")
    case = _open(
        people,
        by="officer1",
        co="officer2",
        matter=matter.code,
        title="包头市北辰商贸有限责任公司经营无标签的预包装食品案",
        source=CaseSource.MONITORING,
        source_detail="食品安全监督抽检",
        violation_date=_ago(today, 40),
        discovered_on=_ago(today, 8),
        location="包头市青山区青年路36号北辰商贸仓库",
        violation_division_code="150204",  # 行政处罚法 第二十二条: 包头市 150200
        facts=(
            f"{_cn(_ago(today, 8))}，执法人员在当事人仓库检查发现，当事人经营的芝麻酱（500克/瓶）42瓶无任何标签，"
            "无法识别生产者、生产日期和保质期，货值金额1,260元。"
        ),
        parties=[TRADING],
        request_filing=True,
    )
    lifecycle.file_case(case=case, actor=people["head1"].user, opinion="同意立案。")
    _photo(
        people,
        case,
        by="officer1",
        title="现场照片：仓库货架上无标签的芝麻酱（500克/瓶）42瓶",
        location="包头市青山区青年路36号北辰商贸仓库",
    )
    deciding.conclude_investigation(
        case=case,
        actor=people["officer1"].user,
        report="经调查，当事人经营无标签的预包装食品芝麻酱42瓶，货值金额1,260元，能够提供合法进货来源，尚未售出。",
        facts="当事人经营无标签的预包装食品芝麻酱42瓶，货值金额1,260元，能够提供合法进货来源，尚未售出。",
        # 行政处罚法 第二十八条第一款: the decision orders the correction (no separate notice on this case).
        correction="立即停止经营无标签的预包装食品，对尚未售出的芝麻酱依法补正标签或者予以销毁。",
        outcome=Outcome.PENALTY,
        penalty_kinds=["fine"],
        fine_amount=Decimal("8000"),
        base_amount=Decimal("1260"),
        tier=_tier(matter, BenchmarkTierLevel.LIGHTER, today),
        circumstances="能够提供合法进货来源，数量较少且尚未售出。",
    )
    deciding.notify_party(
        case=case,
        actor=people["officer1"].user,
        served_on=today,
        facts="当事人经营无标签的预包装食品芝麻酱42瓶，货值金额1,260元。",
        reasons="事实清楚，证据确凿；能够提供合法进货来源，数量较少且尚未售出，依照裁量基准从轻处罚。",
        basis=f"违反{matter.violated_provision}的规定，依据{matter.penalty_provision}。",
    )
    deciding.waive_hearing(
        case=case, actor=people["officer1"].user, waived_on=today, note="当事人法定代表人书面表示放弃陈述、申辩。"
    )
    deciding.decide_case(
        case=case,
        actor=people["head1"].user,
        outcome=Outcome.PENALTY,
        decided_on=today,
        decided_penalty_kinds=["fine"],
        decided_fine_amount=Decimal("8000"),
    )
    return execution.serve_decision(
        case=case,
        actor=people["officer1"].user,
        served_on=today,
        method=ServiceMethod.DIRECT,
        recipient="王志刚（法定代表人）",
        address=TRADING["address"],
    )


def _decided_on_the_spot(people: dict[str, Officer], today: datetime.date) -> Case:
    """(5) 简易程序: a price-tag violation at a market stall, fined 100 yuan on the spot, the decision handed over."""
    place = "包头市九原区赛罕路农贸市场12号摊位"
    case = _open(
        people,
        by="officer1",
        co="officer2",
        matter="SC-JG-001",
        title="赵永强未明码标价案",
        source=CaseSource.INSPECTION,
        source_detail="农贸市场价格检查",
        violation_date=today,
        discovered_on=today,
        location=place,
        violation_division_code="150207",  # 行政处罚法 第二十二条: 包头市 150200
        procedure=Procedure.SUMMARY,
        facts="当事人在农贸市场摊位销售蔬菜、水果共11个品种，均未标明价格，经执法人员现场检查确认，当事人无异议。",
        parties=[VENDOR],
    )
    lifecycle.decide_on_spot(
        case=case,
        actor=people["officer1"].user,
        penalty_kinds=["fine"],
        fine_amount=Decimal("100"),
        legal_basis="《中华人民共和国价格法》第十三条、第四十二条",
        place=place,
        correction="立即对所售蔬菜、水果明码标价。",  # 行政处罚法 第二十八条第一款
    )
    return execution.serve_decision(
        case=case, actor=people["officer1"].user, served_on=today, method=ServiceMethod.ON_SPOT, recipient="赵永强"
    )


def _urban_filed(people: dict[str, Officer], today: datetime.date) -> Case:
    """包市城管: open-air barbecue in a prohibited area, filed."""
    case = _open(
        people,
        by="officer_b1",
        co="officer_b2",
        matter="CG-DQ-001",
        title="马国栋在禁止区域内露天烧烤食品案",
        source=CaseSource.INSPECTION,
        source_detail="夜间巡查",
        violation_date=_ago(today, 1),
        discovered_on=_ago(today, 1),
        location="包头市东河区巴彦塔拉大街与和平路交叉口东北角人行道",
        violation_division_code="150202",  # 行政处罚法 第二十二条: 包头市 150200
        facts=(
            f"{_cn(_ago(today, 1))}21时许，执法人员巡查发现当事人在市人民政府划定的禁止露天烧烤区域内，"
            "使用木炭烤炉一台露天烧烤肉串对外销售，现场烟尘较大，当场责令停止。"
        ),
        parties=[BARBECUE],
        request_filing=True,
    )
    return lifecycle.file_case(case=case, actor=people["head_b1"].user, opinion="同意立案。")
