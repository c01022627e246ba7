"""Demo data for ``make run``: two agencies supervised by a justice bureau, and their people.

Every account shares one password, documented in the README. Dates are relative
to today so that the demo stays meaningful whenever it is seeded.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import check_password, identify_hasher, make_password
from django.db import transaction
from django.utils import timezone

from kernel.validators import credit_code_check_char

from . import services
from .choices import AgencyKind, AgencyLevel, StaffCategory
from .models import Agency, Certificate, EnforcementDomain, Officer

DEMO_PASSWORD = "zhifa-demo-2026"  # noqa: S105 — documented demo password, never used in production
MARKET = "market_regulation"
URBAN = "urban_management"
ISSUER = "内蒙古自治区人民政府"


def _credit_code(body: str) -> str:
    return body + credit_code_check_char(body)


@dataclass(frozen=True)
class DemoAccount:
    username: str
    name: str
    agency: str  # short name
    description: str
    category: str = StaffCategory.ENFORCEMENT
    certificate: tuple[str, int, int] | None = None  # (domain code, days from today to valid_to, number suffix)
    roles: tuple[str, ...] = ()


# valid_to offsets: most certificates run for years; officer2's expires within the warning window,
# expired1's ended a month ago.
ACCOUNTS: tuple[DemoAccount, ...] = (
    DemoAccount("officer1", "王强", "包市监", "执法人员，证件有效（市场监管）", certificate=(MARKET, 900, 1)),
    DemoAccount("officer2", "李娜", "包市监", "执法人员，证件有效、20天内到期", certificate=(MARKET, 20, 2)),
    DemoAccount("aux1", "赵晓东", "包市监", "执法辅助人员（不计入两名执法人员）", category=StaffCategory.AUXILIARY),
    DemoAccount("expired1", "钱明", "包市监", "执法人员，证件已过期", certificate=(MARKET, -30, 3)),
    DemoAccount(
        "reviewer1",
        "孙立法",
        "包市监",
        "法制审核人员，具有法律职业资格",
        category=StaffCategory.ADMINISTRATIVE,
        roles=("is_legal_reviewer", "has_legal_qualification"),
    ),
    DemoAccount("chair1", "周文", "包市监", "听证主持人", certificate=(MARKET, 700, 4), roles=("is_hearing_chair",)),
    DemoAccount(
        "head1",
        "吴建国",
        "包市监",
        "正职负责人（局长）",
        certificate=(MARKET, 1000, 5),
        roles=("is_head", "is_principal_head"),
    ),
    DemoAccount("head2", "郑海燕", "包市监", "副职负责人（副局长）", certificate=(MARKET, 800, 6), roles=("is_head",)),
    DemoAccount(
        "supervisor1",
        "冯正",
        "包市司",
        "执法监督人员（司法局）",
        category=StaffCategory.ADMINISTRATIVE,
        roles=("is_supervisor",),
    ),
    DemoAccount("officer_b1", "陈刚", "包市城管", "城管执法人员", certificate=(URBAN, 600, 7)),
    DemoAccount("officer_b2", "刘洋", "包市城管", "城管执法人员", certificate=(URBAN, 650, 8)),
    DemoAccount(
        "head_b1",
        "杨帆",
        "包市城管",
        "正职负责人（局长）",
        certificate=(URBAN, 900, 9),
        roles=("is_head", "is_principal_head"),
    ),
)


@transaction.atomic
def seed_demo(*, today: datetime.date | None = None) -> list[DemoAccount]:
    """Create or refresh the demo agencies, people and certificates (idempotent)."""
    today = today or timezone.localdate()
    market, _ = EnforcementDomain.objects.get_or_create(code=MARKET, defaults={"name": "市场监管"})
    urban, _ = EnforcementDomain.objects.get_or_create(code=URBAN, defaults={"name": "城市管理"})
    domains = {MARKET: market, URBAN: urban}

    justice, _ = Agency.objects.update_or_create(
        short_name="包市司",
        defaults={
            "name": "包头市司法局",
            "division_code": "150200",  # 包头市 (行政处罚法 第二十二条: the area of its jurisdiction)
            "division_name": "包头市",
            "kind": AgencyKind.SUPERVISION,
            "level": AgencyLevel.CITY,
            "credit_code": _credit_code("11150200MB1234567"),
            "address": "内蒙古自治区包头市昆都仑区钢铁大街1号",
        },
    )
    agency_a, _ = Agency.objects.update_or_create(
        short_name="包市监",
        defaults={
            "name": "包头市市场监督管理局",
            "division_code": "150200",  # 包头市 (行政处罚法 第二十二条: the area of its jurisdiction)
            "division_name": "包头市",
            "kind": AgencyKind.ENFORCEMENT,
            "level": AgencyLevel.CITY,
            "credit_code": _credit_code("11150200MB2345678"),
            "supervised_by": justice,
            "address": "内蒙古自治区包头市青山区文化路18号",
        },
    )
    agency_a.domains.set([market])
    agency_b, _ = Agency.objects.update_or_create(
        short_name="包市城管",
        defaults={
            "name": "包头市城市管理综合行政执法局",
            "division_code": "150200",  # 包头市 (行政处罚法 第二十二条: the area of its jurisdiction)
            "division_name": "包头市",
            "kind": AgencyKind.ENFORCEMENT,
            "level": AgencyLevel.CITY,
            "credit_code": _credit_code("11150200MB3456789"),
            "supervised_by": justice,
            "address": "内蒙古自治区包头市九原区建华南路6号",
        },
    )
    agency_b.domains.set([urban])
    agencies = {a.short_name: a for a in (justice, agency_a, agency_b)}

    User = get_user_model()
    usernames = ["admin", *(a.username for a in ACCOUNTS)]
    password = _demo_password_hash(User.objects.filter(username__in=usernames).values_list("password", flat=True))
    admin_user, _ = User.objects.get_or_create(username="admin", defaults={"is_staff": True, "is_superuser": True})
    admin_user.is_staff = admin_user.is_superuser = True
    admin_user.password = password
    admin_user.save()

    for account in ACCOUNTS:
        user, _ = User.objects.get_or_create(username=account.username)
        user.first_name = account.name
        user.is_active = True
        user.password = password
        user.save()
        flags = {role: True for role in account.roles}
        officer, _ = Officer.objects.update_or_create(
            user=user,
            defaults={
                "agency": agencies[account.agency],
                "name": account.name,
                "category": account.category,
                "is_active": True,
                "is_legal_reviewer": flags.get("is_legal_reviewer", False),
                "has_legal_qualification": flags.get("has_legal_qualification", False),
                "legal_qualification_number": "A20151502000123" if flags.get("has_legal_qualification") else "",
                "is_hearing_chair": flags.get("is_hearing_chair", False),
                "is_head": flags.get("is_head", False),
                "is_principal_head": flags.get("is_principal_head", False),
                "is_supervisor": flags.get("is_supervisor", False),
            },
        )
        if account.certificate:
            domain_code, valid_to_offset, suffix = account.certificate
            _ensure_certificate(
                officer=officer,
                number=f"1502{today.year - 3}{suffix:05d}",
                domain=domains[domain_code],
                valid_from=today - datetime.timedelta(days=3 * 365),
                valid_to=today + datetime.timedelta(days=valid_to_offset),
            )
    return list(ACCOUNTS)


def _demo_password_hash(stored) -> str:
    """The hash every demo account gets: one the accounts already hold when it verifies the demo password, so
    that seeding again (every ``make run``) costs one deliberate-slow hash check instead of one per account."""
    for encoded in dict.fromkeys(p for p in stored if p):
        try:
            current = not identify_hasher(encoded).must_update(encoded)
        except ValueError:  # an unusable or unknown hash
            continue
        if current and check_password(DEMO_PASSWORD, encoded):
            return encoded
    return make_password(DEMO_PASSWORD)


def _ensure_certificate(
    *, officer: Officer, number: str, domain: EnforcementDomain, valid_from: datetime.date, valid_to: datetime.date
) -> Certificate:
    existing = Certificate.objects.filter(officer=officer, domains=domain).order_by("-valid_to").first()
    if existing is None:
        return services.issue_certificate(
            officer=officer,
            number=number,
            issuing_authority=ISSUER,
            domains=[domain],
            valid_from=valid_from,
            valid_to=valid_to,
        )
    # Refresh the demo dates so the demo stays as described whenever it is re-seeded.
    Certificate.objects.filter(pk=existing.pk).update(valid_from=valid_from, valid_to=valid_to)
    existing.status_changes.filter(from_status="").update(effective_on=valid_from)
    return existing
