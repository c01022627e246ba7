"""脱敏副本 (renditions): the one mechanism that gives a document to someone who may not see the personal data
it carries in full. Reused by the public portal (policy ``public``).

**Who gets the original.** 个人信息保护法 第二十八条 makes an identity number sensitive personal information,
processed only for a specific purpose and where strictly necessary; 第五十一条第三项 and 等保 2.0 (GB/T
22239-2019) 8.1.4.8/8.1.4.9 ask for de-identification and least privilege. So the full PDF goes only to

- the case's **active handlers** (承办人, 行政处罚法 第四十二条), who serve it on the party, and
- the **heads of the case's agency** (机关负责人): they approve and sign the file's documents (第五十七条: the
  head decides; the system does not record one signing head before the act, and any head of the agency may
  be the one who signs), and sign the 强制执行申请书 and the 移送书.

Everyone else who may see the case — officers of the agency not assigned to it, auxiliary staff, legal
reviewers (法制审核 reviews the facts, the law and the procedure, 第五十八条; the party's full identity number is
not needed for it, and the case page shows it masked to them already), supervisors of a supervising body —
downloads the ``masked`` rendition. A document whose snapshot carries no identifier or phone (an internal
record naming only parties) is served as it is to everyone: there is nothing to redact.

**What a rendition is.** The frozen snapshot of the original (never the live case) redacted under the policy,
rendered by the same template and pipeline (weasyprint, embedded CJK font), stamped "脱敏副本" on every page
with the original's 文号 and SHA-256, stored and hashed, and given its own verification token: its QR code opens
the verification page, which says it is a redacted copy of the original. Rendered lazily, once per policy
(``DocumentRendition``, unique per document and policy), then served from storage.
"""

from __future__ import annotations

import copy
import hashlib
import io
import logging
from typing import Any

from django.db import IntegrityError, transaction
from django.utils import timezone

from cases.models import Case
from cases.selectors import is_active_handler
from cases.services.runner import lock_case
from kernel.privacy import mask_middle, mask_name, mask_phone
from kernel.rules import Reason
from media_storage.exceptions import StorageError
from media_storage.storage import get_storage
from officers.selectors import officer_for_user
from security.audit import record_security_event
from security.choices import SecurityEventKind

from .choices import RedactionPolicy
from .models import Document, DocumentRendition, new_token
from .render import qr_data_uri, render_to_pdf, verify_url
from .services import DocumentRefused, document_url, hand_out_pdf
from .snapshots import unseal

logger = logging.getLogger(__name__)

MARK = "脱敏副本"
# The snapshot keys that hold personal identifiers (documents.contexts.common.party_blocks).
IDENTIFIER_KEY, PHONE_KEY = "id_number", "phone"


# --- Who gets what ----------------------------------------------------------------------------------------------


def receives_original(user, case: Case) -> bool:
    """The case's active handlers and the heads of its agency get its documents in full (see the module)."""
    officer = officer_for_user(user)
    if officer is None:
        return False
    if officer.is_head and officer.agency_id == case.agency_id:
        return True
    return is_active_handler(case, officer)


def carries_personal_data(document: Document) -> bool:
    """Whether the masked rendition would differ from the original: an identifier or phone is printed."""
    snapshot = unseal(document.snapshot)
    return redact(snapshot, RedactionPolicy.MASKED) != snapshot


def policy_for(user, document: Document) -> str | None:
    """None: the original; otherwise the policy of the rendition ``user`` receives."""
    if receives_original(user, document.case) or not carries_personal_data(document):
        return None
    return RedactionPolicy.MASKED


# --- Redaction of a snapshot ------------------------------------------------------------------------------------


def _walk(value: Any, visit) -> Any:
    if isinstance(value, dict):
        return visit({k: _walk(v, visit) for k, v in value.items()})
    if isinstance(value, list):
        return [_walk(v, visit) for v in value]
    return value


def _replace_everywhere(value: Any, replacements: dict[str, str]) -> Any:
    """Every occurrence of a sensitive value in any text of the snapshot (typed into facts or a record, too)."""
    if isinstance(value, dict):
        return {k: _replace_everywhere(v, replacements) for k, v in value.items()}
    if isinstance(value, list):
        return [_replace_everywhere(v, replacements) for v in value]
    if isinstance(value, str):
        for original in sorted(replacements, key=len, reverse=True):
            value = value.replace(original, replacements[original])
    return value


def redact(snapshot: dict[str, Any], policy: str) -> dict[str, Any]:
    """The ``snapshot`` as ``policy`` lets it be printed (a new dict; the original is never changed).

    ``masked``: a natural person's identity number as ``1101**********002X``, every phone as ``138****5678``;
    a 统一社会信用代码 stays (public registration data). ``public``: identity numbers, phones and a natural
    person's address removed, the natural person's name masked as published (``张某某``, kernel.privacy.mask_name).
    The same values are replaced wherever else they occur in the snapshot's texts."""
    if policy not in RedactionPolicy.values:
        raise ValueError(f"unknown redaction policy {policy!r}")
    public = policy == RedactionPolicy.PUBLIC
    replacements: dict[str, str] = {}

    def visit(block: dict[str, Any]) -> dict[str, Any]:
        individual = block.get("individual") is True
        identifier = block.get(IDENTIFIER_KEY)
        if isinstance(identifier, str) and identifier and (individual or "individual" not in block):
            replacements[identifier] = "" if public else mask_middle(identifier)
            block[IDENTIFIER_KEY] = replacements[identifier]
        phone = block.get(PHONE_KEY)
        if isinstance(phone, str) and phone:
            replacements[phone] = "" if public else mask_phone(phone)
            block[PHONE_KEY] = replacements[phone]
        if public and individual:
            name = block.get("name")
            if isinstance(name, str) and name:
                replacements[name] = mask_name(name)
                block["name"] = replacements[name]
            if block.get("address"):
                block["address"] = ""
        return block

    redacted = _walk(copy.deepcopy(snapshot), visit)
    replacements = {k: v for k, v in replacements.items() if k and k != v}
    return _replace_everywhere(redacted, replacements) if replacements else redacted


# --- Rendering and storing, once per policy ---------------------------------------------------------------------


def rendering_context(document: Document, *, policy: str, token: str) -> dict[str, Any]:
    """What the document's own template sees for the rendition: the redacted snapshot, the rendition's own
    verification link and QR code, and ``doc.rendition`` (the mark, the original's 文号 and hash)."""
    redacted = redact(unseal(document.snapshot), policy)  # the plain numbers, to be masked (documents.snapshots)
    url = verify_url(token)
    meta = {
        **redacted["meta"],
        "verify_url": url,
        "rendition": {
            "mark": MARK,
            "policy": policy,
            "policy_label": RedactionPolicy(policy).label,
            "of_number": document.number,
            "of_version": document.version,
            "of_sha256": document.sha256,
        },
    }
    return {"doc": meta, "d": redacted["data"], "qr": qr_data_uri(url)}


def rendition_of(document: Document, policy: str) -> DocumentRendition:
    """The document's rendition under ``policy``, rendered and stored now if it is the first asked for.

    Two first requests at once: the document's row lock makes the second wait and then find the first's
    rendition. A failure leaves nothing: the stored object is removed unless its row committed."""
    if not document.is_rendered:
        raise DocumentRefused([Reason("not_rendered", "文书尚未生成PDF，请稍后再试。", "")])
    existing = DocumentRendition.objects.filter(document=document, policy=policy).first()
    if existing is not None:
        return existing
    storage = get_storage()
    stored_name = None
    try:
        with transaction.atomic():
            Document.objects.select_for_update().get(pk=document.pk)
            existing = DocumentRendition.objects.filter(document=document, policy=policy).first()
            if existing is not None:
                return existing
            token = new_token()
            _html, pdf = render_to_pdf(document.template, rendering_context(document, policy=policy, token=token))
            digest = hashlib.sha256(pdf).hexdigest()
            stored = storage.save_stream(
                f"documents/{document.agency_id}/{document.case_id}/{document.pk}-v{document.version}-{policy}.pdf",
                io.BytesIO(pdf),
                content_type="application/pdf",
                metadata={"document": str(document.pk), "case": str(document.case_id), "rendition": policy},
                length=len(pdf),
            )
            stored_name = stored.name
            if stored.sha256 and stored.sha256 != digest:
                raise RuntimeError(f"stored rendition hash {stored.sha256} differs from the rendered {digest}")
            return DocumentRendition.objects.create(
                document=document,
                policy=policy,
                token=token,
                storage_key=stored.name,
                size=stored.size,
                sha256=digest,
                rendered_at=timezone.now(),
            )
    except BaseException as exc:
        if stored_name is not None:
            try:
                storage.delete(stored_name)
            except StorageError:
                logger.exception("rendition object %s left behind (its row did not commit)", stored_name)
        if isinstance(exc, IntegrityError):  # a concurrent first request won (SQLite takes no row lock)
            won = DocumentRendition.objects.filter(document=document, policy=policy).first()
            if won is not None:
                return won
        if isinstance(exc, (DocumentRefused, StorageError, IntegrityError)) or not isinstance(exc, Exception):
            raise
        logger.exception("rendering the %s rendition of document %s failed", policy, document.pk)
        raise DocumentRefused([Reason("rendition_failed", "脱敏副本生成失败，请稍后再试。", "")]) from exc


# --- The download: one rule for the pages and the API -----------------------------------------------------------


def download_url(*, document: Document, actor, purpose: str = "download") -> str:
    """A short-lived link to what ``actor`` may receive of ``document``: the original (recorded on the case
    by ``services.document_url``, and reported to the security log as a view of personal data when it carries
    any) or the masked rendition (recorded on the case likewise, naming the rendition)."""
    policy = policy_for(actor, document)
    if policy is None:
        url = document_url(document=document, actor=actor, purpose=purpose)
        if carries_personal_data(document):
            # 个人信息保护法 第五十一条; 等保 2.0 8.1.4.3: who received a document's identifiers in full.
            record_security_event(
                SecurityEventKind.PERSONAL_DATA_VIEWED,
                user=actor,
                object_ref=f"documents.Document:{document.pk}",
                fields=[IDENTIFIER_KEY, PHONE_KEY],
                channel=f"document_{purpose}",
            )
        return url
    rendition = rendition_of(document, policy)
    with transaction.atomic():
        return hand_out_pdf(
            case=lock_case(document.case_id),
            document=document,
            storage_key=rendition.storage_key,
            filename=rendition.pdf_filename,
            actor=actor,
            purpose=purpose,
            rendition=policy,
        )


# --- Verification ------------------------------------------------------------------------------------------------


def rendition_by_token(token: str) -> DocumentRendition | None:
    return DocumentRendition.objects.select_related("document__agency").filter(token=token).first()


def rendition_matching(document: Document, sha256: str) -> DocumentRendition | None:
    """The rendition of ``document`` whose PDF has this hash (an uploaded 脱敏副本 checked on the original's page)."""
    if not sha256:
        return None
    return document.renditions.filter(sha256=sha256).first()
