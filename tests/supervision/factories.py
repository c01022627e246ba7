from __future__ import annotations

import datetime

from django.utils import timezone

from officers.models import Officer
from supervision.models import InterferenceRecord
from supervision.services import record_interference
from tests.officers.factories import AgencyFactory, certified_officer


def an_hour_ago() -> datetime.datetime:
    return timezone.now() - datetime.timedelta(hours=1)


def record(by: Officer, **overrides) -> InterferenceRecord:
    """An interference record written through the service, as ``by``."""
    fields = {
        "intervener_name": "刘某",
        "intervener_position": "副区长",
        "intervener_unit": "某区人民政府",
        "occurred_at": an_hour_ago(),
        "manner": "phone",
        "what_was_asked": "打电话要求对当事人“从轻处理，罚款就免了吧”。",
        "how_handled": "当即表示须依法办理，并向局长报告。",
    }
    fields.update(overrides)
    return record_interference(actor=by.user, **fields)


def branch_of(team, **kwargs) -> Officer:
    """An officer of a branch below the team's agency, supervised by it (so by the justice bureau too)."""
    branch = AgencyFactory(domains=[team.domain], parent=team.agency, supervised_by=team.agency)
    return certified_officer(agency=branch, domain=team.domain, **kwargs)
