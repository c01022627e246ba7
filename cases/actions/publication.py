"""The publication of the penalty decision and its withdrawal, declared in the registry (``cases.registry``;
行政处罚法 第四十八条、第五十条、第八十五条; 国办发〔2018〕118号). Publishing is beside the lifecycle: it may follow
the decision in any state, the closing included; the guards say when there is a decision to publish."""

from __future__ import annotations

from typing import Any

from ..choices import EventType
from ..forms import execution as forms
from ..guards import publication as p
from ..guards.core import performed_by_head
from ..models import Case, Publication
from ..registry import Action, register
from ..services.execution import publication as services
from .states import EVERY_STATE


def publication_named(case: Case, data: dict[str, Any]) -> Publication | None:
    """The publication named in the payload (an instance or its id), else the case's live one."""
    value = data.get("publication")
    pk = getattr(value, "pk", value)
    if pk is None or pk == "":
        return p.live_publication(case)
    return case.publications.filter(pk=pk).first()


def _withdraw(*, case: Case, actor, publication: Publication | None = None, **data: Any) -> Publication:
    target = publication_named(case, {"publication": publication})
    return services.withdrawal(case=case, actor=actor, publication=target.pk if target else None, **data)


register(
    Action(
        name="publish_decision",
        label="登记行政处罚决定的公开",
        label_en="Record the publication of the decision",
        performer=p.published_by_handler_or_head,
        guards=(p.decision_publishable, p.not_yet_published, p.not_withheld, p.publication_dated),
        form=forms.PublicationForm,
        perform=services.publish_decision,
        event_type=EventType.PUBLICATION,
        states=EVERY_STATE,
        section="publication",
        summary="行政处罚决定作出之日起七个工作日内公开（国办发〔2018〕118号）；自然人姓名隐去名字（第五十条）",
    ),
    Action(
        name="withdraw_publication",
        label="撤回已公开的行政处罚决定信息",
        label_en="Withdraw the published decision",
        performer=p.withdrawn_by_handler_or_head,
        guards=(p.publication_to_withdraw, p.withdrawal_reason_stated, p.withdrawal_dated),
        form=forms.PublicationWithdrawalForm,
        perform=_withdraw,
        event_type=EventType.PUBLICATION,
        states=EVERY_STATE,
        section="publication",
        target=publication_named,
        summary="决定被变更、撤销、确认违法或者确认无效的，三个工作日内撤回并公开说明理由（第四十八条第二款）",
    ),
    Action(
        name="decide_not_to_publish",
        label="决定不予公开行政处罚决定",
        label_en="Decide not to publish the decision",
        performer=performed_by_head,
        guards=(
            p.decision_publishable,
            p.nothing_published_to_withhold,
            p.not_withheld,
            p.non_publication_reason_stated,
            p.non_publication_dated,
        ),
        form=forms.NonPublicationForm,
        perform=services.decide_not_to_publish,
        event_type=EventType.PUBLICATION,
        states=EVERY_STATE,
        section="publication",
        summary="涉及国家秘密、商业秘密、个人隐私或者政府信息公开条例规定不予公开的，载明理由；公示期限不再计算为逾期"
        "（第五十条；政府信息公开条例第十四条至第十六条）",
    ),
    Action(
        name="lift_non_publication",
        label="解除不予公开的决定",
        label_en="Lift the decision not to publish",
        performer=performed_by_head,
        guards=(p.decision_publishable, p.non_publication_to_lift, p.lift_reason_stated, p.lift_dated),
        form=forms.NonPublicationLiftForm,
        perform=services.lift_non_publication,
        event_type=EventType.PUBLICATION,
        states=EVERY_STATE,
        section="publication",
        target=lambda case, data: p.standing_non_publication(case),
        summary="不予公开的情形消失的，由负责人解除，载明理由；自解除之日起七个工作日内公开（第四十八条第一款；"
        "国办发〔2018〕118号）",
    ),
)
