"""What the seizure's record states (行政强制法 第十八条第五项、第六项, 第二十三条, 第二十六条) and its testing periods
(第二十五条第三款: more than one, each left out of the period)."""

from __future__ import annotations

import pytest

from cases.services import seizure as svc
from deadlines.models import Deadline
from kernel.rules import ACEL_18, ACEL_23, ACEL_25, ACEL_26
from tests.cases.test_seizure import D, _strict_deadlines, at, case, clock, empowered, refused, seize, seizure_data  # noqa: F401 (fixtures)

pytestmark = pytest.mark.django_db


def test_what_another_organ_has_sealed_is_not_sealed_again(team, case):  # noqa: F811
    assert refused(seize, team, case, measure="seal", sealed_elsewhere=True) == [("seizure_already_sealed", ACEL_23)]
    assert refused(seize, team, case, sealed_elsewhere=True) == [("seizure_already_sealed", ACEL_23)]

    assert seize(team, case, measure="seal", sealed_elsewhere=False).sealed_elsewhere is False


def test_the_party_present_is_told_the_reasons_and_remedies_and_heard(team, case):  # noqa: F811
    assert refused(seize, team, case, party_informed=False) == [("seizure_party_not_informed", f"{ACEL_18}第五项")]
    assert refused(seize, team, case, statement_heard=False) == [("seizure_statement_not_heard", f"{ACEL_18}第六项")]

    seizure = seize(team, case, party_statement="当事人称面包系当日进货")
    assert (seizure.party_informed, seizure.statement_heard, seizure.party_statement) == (
        True,
        True,
        "当事人称面包系当日进货",
    )


def test_an_absent_party_cannot_be_told_on_the_spot_the_witness_signs(team, case):  # noqa: F811
    absent = {"party_present": False, "witness": "王五", "record_signature": "witness_signed"}
    seizure = seize(team, case, **absent, party_informed=False, statement_heard=False)
    assert seizure.witness == "王五" and not seizure.party_informed


def test_only_what_is_sealed_may_be_entrusted_to_a_named_third_party(team, case):  # noqa: F811
    third = {"custody": "third_party", "custodian": "某仓储公司"}
    assert refused(seize, team, case, **third) == [("custody_third_party_not_sealed", ACEL_26)]
    assert refused(seize, team, case, measure="seal", custody="third_party") == [("custodian_missing", ACEL_26)]

    assert seize(team, case, measure="seal", **third).custodian == "某仓储公司"
    assert seize(team, case).custody == "agency"


def test_the_api_refuses_a_seizure_of_what_is_already_sealed(team, case, api):  # noqa: F811
    payload = {
        **seizure_data(team),
        "approved_by": team.head.pk,
        "approved_at": "2026-09-01T09:00:00+08:00",
        "carried_out_at": "2026-09-01T10:00:00+08:00",
        "sealed_elsewhere": True,
    }
    response = api(team.officer1).post(f"/api/v1/cases/{case.pk}/actions/seize/", payload, format="json")
    assert response.status_code == 409
    assert [r["code"] for r in response.json()["reasons"]] == ["seizure_already_sealed"]


def test_the_items_may_be_tested_more_than_once_each_period_left_out(team, case, clock):  # noqa: F811
    seizure = seize(team, case)
    clock.move_to(at(D(2026, 10, 1), 9))
    on = {"case": case, "actor": team.officer1.user, "seizure": seizure}

    svc.start_seizure_testing(**on, started_on=D(2026, 9, 5), until=D(2026, 9, 10), notified_on=D(2026, 9, 5))
    svc.end_seizure_testing(**on, ended_on=D(2026, 9, 9))  # 5 days left out
    overlapping = {"started_on": D(2026, 9, 9), "until": D(2026, 9, 20), "notified_on": D(2026, 9, 9)}
    assert refused(svc.start_seizure_testing, **on, **overlapping) == [("seizure_step_too_early", ACEL_25)]
    svc.start_seizure_testing(
        **on, started_on=D(2026, 9, 15), until=D(2026, 9, 30), notified_on=D(2026, 9, 15), purpose="微生物检验"
    )
    assert refused(svc.start_seizure_testing, **on, started_on=D(2026, 9, 20), until=D(2026, 9, 30),
                   notified_on=D(2026, 9, 20))[0][0] == "seizure_testing_running"  # fmt: skip
    svc.end_seizure_testing(**on, ended_on=D(2026, 9, 24))  # 10 more days left out

    assert [(t.started_on, t.ended_on) for t in seizure.testings.all()] == [
        (D(2026, 9, 5), D(2026, 9, 9)),
        (D(2026, 9, 15), D(2026, 9, 24)),
    ]
    # 09-01 + 30 = 10-01; 15 days not counted: 10-16 (a Friday).
    assert Deadline.objects.get(case=case, kind="seizure").due_on == D(2026, 10, 16)
