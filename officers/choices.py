from django.db import models


class AgencyLevel(models.TextChoices):
    CITY = "city", "市级"
    DISTRICT = "district", "区级"
    BANNER = "banner", "旗级"
    COUNTY = "county", "县级"


class AgencyKind(models.TextChoices):
    ENFORCEMENT = "enforcement", "行政执法主体"
    SUPERVISION = "supervision", "执法监督机关"


class StaffCategory(models.TextChoices):
    # 行政处罚法 第四十二条: only officers with enforcement qualification enforce;
    # auxiliary staff assist but never count as one of the two.
    ENFORCEMENT = "enforcement", "执法人员"
    AUXILIARY = "auxiliary", "辅助人员"
    ADMINISTRATIVE = "administrative", "其他工作人员"


class CertificateStatus(models.TextChoices):
    VALID = "valid", "有效"
    SUSPENDED = "suspended", "暂扣"
    REVOKED = "revoked", "吊销"
