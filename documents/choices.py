from django.db import models


class DocumentKind(models.TextChoices):
    """执法文书 (DOMAIN.md, "Documents"): the kinds this system issues, in the order of a case file."""

    FILING_APPROVAL = "filing_approval", "立案审批表"
    INSPECTION_RECORD = "inspection_record", "现场检查（勘验）笔录"
    INQUIRY_RECORD = "inquiry_record", "询问笔录"
    RECUSAL_DECISION = "recusal_decision", "回避决定书"
    SAMPLING_NOTICE = "sampling_notice", "抽样取证通知书"
    PRESERVATION_NOTICE = "preservation_notice", "先行登记保存证据通知书"
    PRESERVATION_DISPOSAL = "preservation_disposal", "先行登记保存证据处理决定书"
    CORRECTION_NOTICE = "correction_notice", "责令改正通知书"
    SEIZURE_DECISION = "seizure_decision", "查封、扣押决定书"
    SEIZURE_LIST = "seizure_list", "查封、扣押清单"
    SEIZURE_EXTENSION_NOTICE = "seizure_extension_notice", "延长查封、扣押期限通知书"
    SEIZURE_TESTING_NOTICE = "seizure_testing_notice", "检测检验期间告知书"
    SEIZURE_RELEASE = "seizure_release", "解除查封、扣押决定书"
    SEIZURE_DISPOSAL = "seizure_disposal", "查封、扣押物品处理决定书"
    PENALTY_NOTICE = "penalty_notice", "行政处罚事先告知书"
    HEARING_RIGHTS_NOTICE = "hearing_rights_notice", "听证告知书"
    HEARING_NOTICE = "hearing_notice", "听证通知书"
    HEARING_TRANSCRIPT = "hearing_transcript", "听证笔录"
    LEGAL_REVIEW_OPINION = "legal_review_opinion", "法制审核意见书"
    COLLECTIVE_DISCUSSION = "collective_discussion", "集体讨论记录"
    PENALTY_DECISION = "penalty_decision", "行政处罚决定书"
    ON_SPOT_DECISION = "on_spot_decision", "当场行政处罚决定书"
    NO_PENALTY_DECISION = "no_penalty_decision", "不予行政处罚决定书"
    DECISION_CHANGE = "decision_change", "变更行政处罚决定书"
    DECISION_REVOCATION = "decision_revocation", "撤销行政处罚决定书"
    SERVICE_RECEIPT = "service_receipt", "送达回证"
    PAYMENT_REMINDER = "payment_reminder", "催告书"
    ENFORCEMENT_APPLICATION = "enforcement_application", "强制执行申请书"
    CRIME_REFERRAL = "crime_referral", "涉嫌犯罪案件移送书"
    CASE_TRANSFER = "case_transfer", "案件移送函"
    CLOSING_REPORT = "closing_report", "结案报告"
    FILE_INDEX = "file_index", "案卷目录"


class DocumentStatus(models.TextChoices):
    ISSUED = "issued", "已制作，待生成"
    RENDERING = "rendering", "正在生成"
    RENDERED = "rendered", "已生成"
    FAILED = "failed", "生成失败"


# Case events written by this app. They are not yet members of ``cases.choices.EventType``; the
# lead adds them there (same values) so the timeline shows their labels.
DOCUMENT_ISSUED = "document_issued"  # 制作执法文书
DOCUMENT_ACCESSED = "document_accessed"  # 查看执法文书


class RedactionPolicy(models.TextChoices):
    """How a rendition (脱敏副本, ``documents.renditions``) redacts the frozen snapshot of a document."""

    # For the officers of the agency and the supervisors who may see the case but do not handle it: identity
    # numbers and phones masked (个人信息保护法 第五十一条第三项, 去标识化).
    MASKED = "masked", "内部脱敏"
    # For the public (publication of decisions): identifiers, phones and a natural person's address removed,
    # the name masked as published (国办发〔2018〕118号; 行政处罚法 第五十条, 第四十八条).
    PUBLIC = "public", "公开脱敏"
