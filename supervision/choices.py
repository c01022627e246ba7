from django.db import models


class InterferenceManner(models.TextChoices):
    IN_PERSON = "in_person", "当面"
    PHONE = "phone", "电话"
    MESSAGE = "message", "短信/即时通讯"
    WRITTEN = "written", "批条/书面"
    RELAYED = "relayed", "请托转达"
    OTHER = "other", "其他"
