"""Demo document settings for ``make run``: a collecting bank, the reconsideration organ and the court
of each demo agency, so demo decisions read as real ones (labelled as demonstration data)."""

from __future__ import annotations

from officers.models import Agency

from .models import AgencyDocumentSettings

DEMO = {
    "包市监": (
        "示例：中国工商银行包头分行营业部",
        "包头市非税收入财政专户",
        "包头市人民政府",
        "包头市昆都仑区人民法院",
    ),
    "包市城管": (
        "示例：中国建设银行包头分行营业部",
        "包头市非税收入财政专户",
        "包头市人民政府",
        "包头市青山区人民法院",
    ),
}


def seed_document_settings() -> int:
    """Create or refresh the demo agencies' document settings (idempotent); returns how many."""
    count = 0
    for short_name, (bank, account, organ, court) in DEMO.items():
        agency = Agency.objects.filter(short_name=short_name).first()
        if agency is None:
            continue
        AgencyDocumentSettings.objects.update_or_create(
            agency=agency,
            defaults={
                "fine_bank": bank,
                "fine_account_name": account,
                "reconsideration_organ": organ,
                "court": court,
            },
        )
        count += 1
    return count
