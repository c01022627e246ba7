from django.db import models


class DayKind(models.TextChoices):
    # A day off that would otherwise be a working day, or any day of a holiday break.
    HOLIDAY = "holiday", "法定节假日/休息日"
    # 调休: a Saturday or Sunday the State Council notice turns into a working day.
    WORKDAY = "workday", "调休上班日"
