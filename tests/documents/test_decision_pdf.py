"""The 行政处罚决定书 as a PDF: Chinese drawn in an embedded CJK font (STACK.md, "the trap"), every
item of 行政处罚法 第五十九条, the bank, the 15 days, the 3 % surcharge and the remedies."""

from __future__ import annotations

import hashlib
import re
import subprocess
from decimal import Decimal
from pathlib import Path

import pytest

from documents.choices import DocumentStatus
from documents.render import qr_data_uri
from documents.services import render_html
from kernel.money import capitals
from tests.documents.conftest import BANK, PUBLIC, body_text, need, pdf_bytes, pdffonts, pdftotext

ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts"


@pytest.fixture
def decision_pdf(decision, tmp_path):
    document = decision
    path = tmp_path / "decision.pdf"
    path.write_bytes(pdf_bytes(document))
    return document, path


def test_an_issued_decision_is_rendered_stored_and_hashed(decision_pdf):
    document, path = decision_pdf
    data = path.read_bytes()

    assert document.status == DocumentStatus.RENDERED
    assert data.startswith(b"%PDF-")
    assert document.size == len(data)
    assert document.sha256 == hashlib.sha256(data).hexdigest()


def test_the_decision_pdf_embeds_the_wenquanyi_font(decision_pdf):
    _document, path = decision_pdf

    fonts = pdffonts(path)
    cjk = [f for f in fonts if "WenQuanYi" in f["name"]]

    assert cjk, f"no CJK font in the PDF: {fonts}"
    assert all(f["emb"] == "yes" for f in cjk), fonts
    assert all(f["emb"] == "yes" for f in fonts), "every font is embedded"


def test_page_one_renders_to_a_png(decision_pdf):
    _document, path = decision_pdf
    ARTIFACTS.mkdir(exist_ok=True)
    target = ARTIFACTS / "decision-page1"

    subprocess.run(
        [need("pdftoppm"), "-png", "-r", "60", "-f", "1", "-l", "1", "-singlefile", str(path), str(target)],
        check=True,
    )

    png = target.with_suffix(".png")
    assert png.read_bytes().startswith(b"\x89PNG\r\n\x1a\n")
    assert png.stat().st_size > 10_000  # a page of drawn text, not an empty sheet


def test_the_decision_says_what_article_59_requires(team, decision_pdf):
    document, path = decision_pdf
    text = body_text(path, document)

    assert document.number == f"{team.agency.short_name}罚决〔{document.issued_at.year}〕1号"
    for expected in (
        document.number,
        "张三",  # （一）name …
        "包头市昆都仑区阿尔丁大街8号",  # … and address
        "11010519491231002X",  # the party's own document: the identifier in full
        "销售超过保质期的食品",  # （二）facts
        "罚款人民币捌仟元整（¥8,000.00）",  # （三）kind and amount
        BANK,  # （四）manner: the designated bank (第六十七条)
        "十五日",
        "百分之三",  # 第七十二条 surcharge
        "不超出罚款的数额",
        "六十日",  # （五）remedies
        "包头市人民政府",
        "六个月",
        "包头市昆都仑区人民法院",
        "不停止执行",  # 第七十三条
        team.agency.name,  # （六）agency and date
        "（印章）",
    ):
        assert expected in text, expected


def test_every_page_carries_the_number_and_the_verification_qr_code(decision_pdf):
    document, path = decision_pdf
    text = re.sub(r"\s+", "", pdftotext(path))
    html = render_html(document)

    assert f"{PUBLIC}/verify/{document.token}/" in text
    assert text.count(document.number) >= 3  # the title block, beside the QR code and in the footer
    # The QR code is segno's encoding of the verification URL, drawn from an inline SVG.
    assert qr_data_uri(f"{PUBLIC}/verify/{document.token}/") in html
    assert '<html lang="zh-CN">' in html


@pytest.mark.parametrize(
    ("amount", "upper"),
    [
        ("8000", "捌仟元整"),
        ("50000", "伍万元整"),
        ("10500", "壹万零伍佰元整"),
        ("100000", "壹拾万元整"),
        ("1005.50", "壹仟零伍元伍角整"),
        ("200.05", "贰佰元零伍分"),
        ("30000000", "叁仟万元整"),
        ("100000001", "壹亿零壹元整"),
    ],
)
def test_sums_are_written_in_capitals(amount, upper):
    assert capitals(Decimal(amount)) == upper
