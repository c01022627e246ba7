"""送达回证 (行政处罚法 第六十一条; 民事诉讼法 的送达方式): which document, to whom, signed on receipt."""

from __future__ import annotations

from typing import Any

from cases.models import Service

from ..models import Document
from . import common as c


def service_receipt(src: c.Source) -> dict[str, Any]:
    served = src.extra.get("document")
    assert served is not None, "documents.rules refuses a receipt without the document served"
    document = Document.objects.get(case=src.case, pk=getattr(served, "pk", served))
    return {
        "case_number": src.case.number,
        "parties": c.party_blocks(src.case),
        "document": {"number": document.number, "title": document.get_kind_display(), "version": document.version},
        "officers": c.officer_blocks(src.case, src.today),
        # The Civil Procedure Law's methods; e-service only with the party's signed consent (第六十一条第二款).
        "methods": ["直接送达", "留置送达", "邮寄送达", "委托送达", "电子送达（当事人签订确认书）", "公告送达"],
        "served": _recorded(src),
    }


def _recorded(src: c.Source) -> dict[str, Any] | None:
    """The service as recorded (cases.Service), when the receipt is issued for a recorded service."""
    service_pk = src.extra.get("service")
    service = Service.objects.filter(case=src.case, pk=service_pk).first() if service_pk else None
    if service is None:
        return None
    return {
        "method": service.get_method_display(),
        "served_on": c.fmt_date(service.served_on),
        "recipient": service.recipient,
        "address": service.address,
        "tracking_number": service.tracking_number,
        "witnesses": service.witnesses,
        "note": service.note,
    }
