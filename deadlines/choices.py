from django.db import models


class Unit(models.TextChoices):
    """How a period is counted (clock.periods does the counting)."""

    # 行政处罚法 第八十五条; 行政强制法 第六十九条: periods of 2, 3, 5, 7 (and up to 10) days.
    WORKING_DAYS = "working_days", "工作日"
    # Longer periods: calendar days from the day after the event, the last day rolled past holidays.
    CALENDAR_DAYS = "calendar_days", "日"
    MONTHS = "months", "个月"
    HOURS = "hours", "小时"
    # A latest day counted back from a later date: "served at least N working days before".
    WORKING_DAYS_BEFORE = "working_days_before", "工作日前"


class Bearer(models.TextChoices):
    """Whose period it is: only the agency's own duties (and another organ's answer) are chased."""

    AGENCY = "agency", "本机关"
    PARTY = "party", "当事人"
    OTHER_ORGAN = "other_organ", "其他机关"


class Outcome(models.TextChoices):
    OPEN = "open", "未届满"
    MET = "met", "已履行"
    WAIVED = "waived", "当事人放弃"
    ENDED = "ended", "不再适用"


class Level(models.IntegerChoices):
    """The reminder levels, in order: a deadline is reminded once per level and due date."""

    NONE = 0, "正常"
    APPROACHING = 1, "临近（黄色）"
    OVERDUE = 2, "逾期（红色）"


class NotificationKind(models.TextChoices):
    APPROACHING = "approaching", "期限临近"
    OVERDUE = "overdue", "期限已逾期"
    CHANGED = "changed", "期限变更"


class ChangeReason(models.TextChoices):
    CALENDAR = "calendar", "节假日安排公布或更正，重新计算"
    EXTENSION = "extension", "经批准延长"
    SUSPENSION = "suspension", "期间中止（不计入期限）"
    DEFERRAL = "deferral", "批准暂缓或分期缴纳"
    RECOMPUTED = "recomputed", "重新计算"
