from django.db import models


class CaseStatus(models.TextChoices):
    LEAD = "lead", "线索登记"
    INVESTIGATING = "investigating", "调查取证"
    INVESTIGATED = "investigated", "调查终结"
    NOTIFIED = "notified", "已事先告知"
    HEARING = "hearing", "听证"
    LEGAL_REVIEW = "legal_review", "法制审核"
    DELIBERATION = "deliberation", "负责人审查"
    DECIDED = "decided", "已作出决定"
    EXECUTING = "executing", "执行中"
    CLOSED = "closed", "已结案"
    NOT_FILED = "not_filed", "不予立案"
    WITHDRAWN = "withdrawn", "已撤销立案"
    TRANSFERRED = "transferred", "已移送有关机关"
    REFERRED = "referred", "已移送公安机关"


# States in which the case file has been opened formally (立案): evidence is kept for good from here.
FILED_STATES = frozenset(
    {
        CaseStatus.INVESTIGATING,
        CaseStatus.INVESTIGATED,
        CaseStatus.NOTIFIED,
        CaseStatus.HEARING,
        CaseStatus.LEGAL_REVIEW,
        CaseStatus.DELIBERATION,
        CaseStatus.DECIDED,
        CaseStatus.EXECUTING,
        CaseStatus.CLOSED,
        CaseStatus.WITHDRAWN,
        CaseStatus.REFERRED,
    }
)
# States a legal reviewer's view reaches: the case has been submitted for legal review at least once.
TERMINAL_STATES = frozenset({CaseStatus.CLOSED, CaseStatus.NOT_FILED, CaseStatus.WITHDRAWN, CaseStatus.TRANSFERRED})


class Procedure(models.TextChoices):
    GENERAL = "general", "普通程序"
    SUMMARY = "summary", "简易程序（当场处罚）"


class CaseSource(models.TextChoices):
    INSPECTION = "inspection", "监督检查发现"
    COMPLAINT = "complaint", "投诉举报"
    ASSIGNED = "assigned", "上级交办"
    TRANSFERRED_IN = "transferred_in", "其他机关移送"
    MONITORING = "monitoring", "监测抽检"
    OTHER = "other", "其他途径"


class PartyKind(models.TextChoices):
    INDIVIDUAL = "individual", "自然人"
    ORGANIZATION = "organization", "法人或其他组织"


class HandlerRole(models.TextChoices):
    LEAD = "lead", "主办"
    ASSISTANT = "assistant", "协办"


class RecusalInitiator(models.TextChoices):
    SELF = "self", "执法人员自行回避"
    PARTY = "party", "当事人申请回避"
    HEAD = "head", "负责人决定回避"


class RecusalApplicant(models.TextChoices):
    """Who asks for a handler's recusal (行政处罚法 第四十三条第一款、第二款); the values are those of
    :class:`RecusalInitiator`, which the ended assignment records."""

    PARTY = "party", "当事人申请回避"
    SELF = "self", "执法人员申请回避"


class RecusalDecision(models.TextChoices):
    """The head's decision on an application for recusal (第四十三条第三款)."""

    APPROVED = "approved", "决定回避"
    REJECTED = "rejected", "驳回申请"


class ChairRecusalState(models.TextChoices):
    """Where an application against the hearing's chair stands (行政处罚法 第六十四条第四项): waiting for the head, or
    decided — the chair withdraws, or the application is rejected and stays on file. Read, not stored
    (``ChairRecusal.state``)."""

    PENDING = "pending", "待决定"
    GRANTED = "granted", "决定回避"
    REJECTED = "rejected", "驳回申请"


class EvidenceKind(models.TextChoices):
    PHOTO = "photo", "照片"
    AUDIO = "audio", "录音"
    VIDEO = "video", "录像"
    SCANNED_RECORD = "scanned_record", "书面材料扫描件"
    ONSITE_RECORD = "onsite_record", "现场笔录"
    OTHER = "other", "其他"


class EventType(models.TextChoices):
    CREATED = "created", "登记案件"
    TRANSITION = "transition", "程序流转"
    FILING_REQUESTED = "filing_requested", "提请立案审批"
    HANDLER_ADDED = "handler_added", "增加承办人"
    HANDLER_RECUSED = "handler_recused", "承办人回避"
    PARTY_ADDED = "party_added", "登记当事人"
    EVIDENCE_ADDED = "evidence_added", "上传证据"
    EVIDENCE_SUPERSEDED = "evidence_superseded", "证据作废"
    EVIDENCE_ACCESSED = "evidence_accessed", "查看证据"
    ATTEMPT_REFUSED = "attempt_refused", "操作被拒绝"
    REFERRAL = "referral", "涉嫌犯罪案件移送"
    EXECUTION = "execution", "执行"
    REMEDY = "remedy", "行政复议和行政诉讼"
    PUBLICATION = "publication", "行政处罚决定公开"
    DOCUMENT_ISSUED = "document_issued", "制作执法文书"
    DOCUMENT_ACCESSED = "document_accessed", "查看执法文书"
    DEADLINE = "deadline", "法定期限"
    ON_SPOT_FILED = "on_spot_filed", "当场处罚决定备案"
    PRESERVATION = "preservation", "先行登记保存证据"
    SAMPLING = "sampling", "抽样取证"
    SEIZURE = "seizure", "查封、扣押"
    DISCUSSION = "discussion", "集体讨论"
    HEARING = "hearing", "听证"
    RECUSAL = "recusal", "回避申请"
    JURISDICTION = "jurisdiction", "管辖"
    CORRECTION = "correction", "责令改正"


class Outcome(models.TextChoices):
    """调查终结的处理意见 (行政处罚法 第五十七条)."""

    PENALTY = "penalty", "给予行政处罚"
    NO_PENALTY = "no_penalty", "不予行政处罚"
    NOT_ESTABLISHED = "not_established", "违法事实不能成立"
    TRANSFER = "transfer", "移送其他机关"
    REFERRAL = "referral", "涉嫌犯罪移送司法机关"


class NoPenaltyGround(models.TextChoices):
    MINOR_CORRECTED = "minor_corrected", "违法行为轻微并及时改正，没有造成危害后果（第三十三条第一款）"
    FIRST_MINOR_CORRECTED = "first_minor_corrected", "初次违法且危害后果轻微并及时改正（第三十三条第一款）"
    NO_FAULT = "no_fault", "有证据足以证明没有主观过错（第三十三条第二款）"
    UNDER_FOURTEEN = "under_fourteen", "不满十四周岁（第三十条）"
    MENTAL_ILLNESS = "mental_illness", "不能辨认或者控制自己行为时有违法行为的精神病人、智力残疾人（第三十一条）"


class MitigationGround(models.TextChoices):
    """从轻或者减轻处罚的情形 (行政处罚法 第三十条至第三十二条)."""

    MINOR_14_18 = "minor_14_18", "已满十四周岁不满十八周岁（第三十条）"
    LIMITED_CAPACITY = "limited_capacity", "尚未完全丧失辨认或者控制能力的精神病人、智力残疾人（第三十一条）"
    ELIMINATED_HARM = "eliminated_harm", "主动消除或者减轻违法行为危害后果（第三十二条第一项）"
    COERCED = "coerced", "受他人胁迫或者诱骗实施违法行为（第三十二条第二项）"
    CONFESSED = "confessed", "主动供述行政机关尚未掌握的违法行为（第三十二条第三项）"
    MERITORIOUS = "meritorious", "配合行政机关查处违法行为有立功表现（第三十二条第四项）"
    OTHER_RULE = "other_rule", "法律、法规、规章规定其他应当从轻或者减轻（第三十二条第五项）"


class HearingGrant(models.TextChoices):
    """The handler's own grant of the hearing right beyond the computed grounds (行政处罚法 第六十三条第一款)."""

    HEAVIER = "63_5", "其他较重的行政处罚（第六十三条第一款第五项）"
    OTHER_PROVISION = "63_6", "法律、法规、规章规定的其他情形（第六十三条第一款第六项）"


class TranscriptSignature(models.TextChoices):
    """How the hearing transcript was checked and signed (行政处罚法 第六十四条第八项)."""

    PARTY = "party", "当事人核对无误后签字或者盖章"
    AGENT = "agent", "委托代理人核对无误后签字或者盖章"
    REFUSED = "refused", "当事人或者代理人拒绝签字或者盖章，由听证主持人在笔录中注明"


class HearingOutcome(models.TextChoices):
    HELD = "held", "已举行听证"
    ABSENT = "absent", "当事人无正当理由拒不出席或中途退出，终止听证（第六十四条第六项）"
    WITHDRAWN = "withdrawn", "当事人撤回听证申请"


class DiscussionPurpose(models.TextChoices):
    """集体讨论的事项 (行政处罚法 第五十七条第二款; 第六十条 and the sector rules under it)."""

    DECIDE = "decide", "作出处理决定"
    EXTEND = "extend", "继续延长办案期限"
    OTHER = "other", "其他事项"


class ReviewOutcome(models.TextChoices):
    PENDING = "pending", "待审核"
    PASSED = "passed", "审核通过"
    RETURNED = "returned", "退回"
