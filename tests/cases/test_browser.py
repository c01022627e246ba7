"""The officer's day on a tablet, in a real browser: open a case, the head files it, evidence goes up."""

import datetime
import io
import re

import pytest
from django.utils import timezone
from PIL import Image
from playwright.sync_api import expect

from cases.choices import CaseStatus
from cases.models import Case
from tests.cases.factories import build_team
from tests.plugins.browser import login, logout, watch_console

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

# Records the upload's progress across the page reload that follows a successful upload.
WATCH_PROGRESS = """() => {
  sessionStorage.setItem("maxProgress", "0");
  const bar = document.querySelector("#upload-progress");
  const percent = document.querySelector("#evidence-upload [data-role=percent]");
  const record = () => {
    const max = Math.max(Number(sessionStorage.getItem("maxProgress")), Number(bar.value));
    sessionStorage.setItem("maxProgress", String(max));
    sessionStorage.setItem("lastPercent", percent.textContent);
  };
  new MutationObserver(record).observe(percent, {childList: true, characterData: true, subtree: true});
  new MutationObserver(record).observe(bar, {attributes: true});
}"""


def jpeg_bytes() -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (64, 48), (40, 120, 200)).save(buffer, format="JPEG")
    return buffer.getvalue()


def mp4_bytes(size: int = 512 * 1024) -> bytes:
    """An ISO base media ``ftyp`` box (brand mp42) and filler: the server sniffs it as video/mp4."""
    ftyp = b"\x00\x00\x00\x18ftypmp42\x00\x00\x00\x00mp42isom"
    return ftyp + b"\x00" * (size - len(ftyp))


def upload(page, *, name: str, mime: str, data: bytes, title: str, kind: str) -> None:
    page.evaluate(WATCH_PROGRESS)
    page.set_input_files("#upload_file", files=[{"name": name, "mimeType": mime, "buffer": data}])
    expect(page.locator("#upload_kind")).to_have_value(kind)  # chosen from the file's type
    page.fill("#upload_title", title)
    page.fill("#upload_location", "阿尔丁大街8号店内")
    with page.expect_navigation():  # the page reloads once the server has the file
        page.locator("#evidence-upload").get_by_role("button", name="上传", exact=True).click()
    assert page.evaluate("sessionStorage.getItem('maxProgress')") == "100"
    assert page.evaluate("sessionStorage.getItem('lastPercent')") == "100%"


def test_an_officer_opens_a_case_the_head_files_it_and_evidence_is_uploaded(
    live_server, page, local_storage, artifacts
):
    team = build_team()
    today = timezone.localdate()
    problems = watch_console(page)  # a Content-Security-Policy violation would be one

    # officer1 opens the case, naming officer2, and asks for filing.
    login(page, live_server, team.officer1.user.username)
    page.get_by_role("link", name="我的案件").click()
    page.get_by_role("link", name="登记案件").click()
    page.select_option("#id_matter", str(team.matter.pk))
    page.select_option("#id_source", "inspection")
    page.fill("#id_title", "销售过期食品案")
    page.fill("#id_facts", "当事人在其经营场所销售超过保质期的食品。")
    page.fill("#id_violation_date", (today - datetime.timedelta(days=30)).isoformat())
    page.fill("#id_discovered_on", (today - datetime.timedelta(days=2)).isoformat())
    page.get_by_label(re.compile(team.officer2.name)).check()
    page.fill("#id_party-name", "张三")
    page.fill("#id_party-identifier", "11010519491231002X")
    page.fill("#id_party-phone", "13812345678")
    page.get_by_label("提交立案审批").check()
    page.get_by_role("button", name="登记", exact=True).click()
    page.wait_for_url(re.compile(r"/cases/\d+/$"))
    case = Case.objects.get(agency=team.agency)
    case_url = f"{live_server.url}/cases/{case.pk}/"
    expect(page.locator(".case-head .status-badge")).to_have_text("线索登记")
    expect(page.locator("#timeline")).to_contain_text("提请立案审批")
    logout(page)

    # head1 approves filing.
    login(page, live_server, team.head.user.username)
    page.goto(case_url)
    page.locator("#step-file summary").click()
    page.fill("#id_file-opinion", "同意立案")
    page.locator("#step-file").get_by_role("button", name="批准立案").click()
    expect(page.locator(".messages")).to_contain_text("已完成：批准立案")
    expect(page.locator(".case-head .status-badge")).to_have_text("调查取证")
    case.refresh_from_db()
    assert case.status == CaseStatus.INVESTIGATING
    expect(page.locator(".case-number")).to_have_text(case.number)
    logout(page)

    # officer1 uploads a photo and a recording from the case page.
    login(page, live_server, team.officer1.user.username)
    page.goto(case_url)
    upload(page, name="scene.jpg", mime="image/jpeg", data=jpeg_bytes(), title="现场照片", kind="photo")
    upload(page, name="patrol.mp4", mime="video/mp4", data=mp4_bytes(), title="现场执法录像", kind="video")

    evidence = page.locator("#evidence .evidence-item")
    expect(evidence).to_have_count(2)
    expect(evidence.nth(0)).to_contain_text("现场照片")
    expect(evidence.nth(1)).to_contain_text("现场执法录像")
    expect(evidence.nth(1)).to_contain_text("录像")
    timeline = page.locator("#timeline .event-evidence_added")
    expect(timeline).to_have_count(2)
    expect(timeline.nth(0)).to_contain_text("现场照片")
    expect(timeline.nth(1)).to_contain_text("现场执法录像")
    stored = {e.title: (e.content_type, e.size) for e in case.evidence.all()}
    assert stored == {"现场照片": ("image/jpeg", len(jpeg_bytes())), "现场执法录像": ("video/mp4", 512 * 1024)}

    # Comfortable on the tablet both ways: nothing wider than the screen.
    page.evaluate("window.scrollTo(0, 0)")
    page.screenshot(path=str(artifacts / "case-page.png"), full_page=True)
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
    page.set_viewport_size({"width": 800, "height": 1280})
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
    page.screenshot(path=str(artifacts / "case-page-portrait.png"), full_page=True)
    assert problems == []


def test_a_file_the_server_refuses_shows_its_reason_and_nothing_is_added(live_server, page, local_storage):
    team = build_team()
    case = team.open_and_file()
    login(page, live_server, team.officer1.user.username)
    page.goto(f"{live_server.url}/cases/{case.pk}/")

    page.set_input_files("#upload_file", files=[{"name": "notes.txt", "mimeType": "text/plain", "buffer": b"hello"}])
    page.fill("#upload_title", "随手记")
    page.locator("#evidence-upload").get_by_role("button", name="上传", exact=True).click()

    message = page.locator("#evidence-upload [data-role=message]")
    expect(message).to_contain_text("不接受此类文件")
    expect(message).to_have_class(re.compile(r"\berror\b"))
    expect(page.locator("#evidence-upload [data-role=submit]")).to_be_enabled()
    assert not case.evidence.exists()


# --- the deadlines panel at tablet widths --------------------------------------------------------

# Page-level horizontal overflow, any element of the deadlines panel sticking out of its card, and
# any last day broken over two lines ("2026-" / "11-27", as the five-column table did at these widths).
OVERFLOW = """() => {
  const card = document.querySelector("#deadlines").getBoundingClientRect();
  const out = [...document.querySelectorAll("#deadlines *")]
    .filter((el) => el.getClientRects().length)
    .filter((el) => {
      const r = el.getBoundingClientRect();
      return r.left < card.left - 1 || r.right > card.right + 1;
    })
    .map((el) => el.tagName + "." + el.className);
  const broken = [...document.querySelectorAll("#deadlines time")]
    .filter((el) => el.getClientRects().length > 1).map((el) => el.textContent);
  return {page: document.scrollingElement.scrollWidth, inner: window.innerWidth, out, broken};
}"""


PAGE_BOX = """() => {
  const r = document.querySelector("#deadlines").getBoundingClientRect();
  return {x: r.left + window.scrollX, y: r.top + window.scrollY, width: r.width, height: r.height};
}"""


def _deadline(case, kind, *, due_on, starts_on=None, **fields):
    """A stored deadline of ``kind`` as the engine would open it, with the given last day."""
    from deadlines.kinds import KINDS
    from deadlines.models import Deadline

    spec = KINDS[kind]
    return Deadline.objects.create(
        case=case,
        kind=kind,
        label=spec.label,
        legal_basis=spec.article,
        bearer=spec.bearer,
        watched=spec.watched,
        unit=spec.unit,
        count=spec.count if isinstance(spec.count, int) else 3,
        starts_on=starts_on or due_on - datetime.timedelta(days=3),
        due_on=due_on,
        **fields,
    )


def case_with_deadlines(team) -> Case:
    """A filed case whose panel holds a red, a yellow, a provisional, a suspended and an extended deadline."""
    from clock.periods import add_working_days
    from deadlines.models import Deadline, DeadlineExtension, DeadlineSuspension

    today = timezone.localdate()
    case = team.open_and_file()
    _deadline(case, "police_filing_decision", due_on=today - datetime.timedelta(days=6))  # red
    _deadline(case, "referral_decision", due_on=add_working_days(today, 1).date)  # yellow
    _deadline(case, "statement", due_on=add_working_days(today, 3).date)  # the party's window
    far = datetime.date(today.year + 3, 3, 1)
    _deadline(case, "court_application", due_on=far, starts_on=far - datetime.timedelta(days=92), provisional=True)
    limit = Deadline.objects.get(case=case, kind="case_time_limit")
    DeadlineSuspension.objects.create(
        deadline=limit, starts_on=today, reason="委托检测机构对涉案食品进行检验", approved_by=team.head
    )
    seizure = _deadline(case, "seizure", due_on=today + datetime.timedelta(days=40))
    DeadlineExtension.objects.create(
        deadline=seizure, days=30, previous_due_on=today + datetime.timedelta(days=10), approved_by=team.head,
        reason="情况复杂，需进一步检验鉴定", by_collective_discussion=True,
    )  # fmt: skip
    return case


@pytest.mark.parametrize("width", [768, 1024])
def test_the_deadlines_panel_reads_at_tablet_widths(live_server, page, artifacts, width):
    team = build_team()
    case = case_with_deadlines(team)
    login(page, live_server, team.head.user.username)  # the head also sees the approve/suspend controls
    page.set_viewport_size({"width": width, "height": 1024 if width == 768 else 768})
    page.goto(f"{live_server.url}/cases/{case.pk}/#deadlines")

    panel = page.locator("#deadlines")
    # The panel cut from the whole page, scrolled to the top: an element screenshot shows the sticky top bar over it.
    page.evaluate("window.scrollTo(0, 0)")
    page.screenshot(path=str(artifacts / f"deadlines-panel-{width}.png"), full_page=True, clip=page.evaluate(PAGE_BOX))
    page.screenshot(path=str(artifacts / f"deadlines-page-{width}.png"), full_page=True)
    overflow = page.evaluate(OVERFLOW)
    assert overflow["page"] <= overflow["inner"], overflow
    assert overflow["out"] == [] and overflow["broken"] == [], overflow

    def status(kind):
        return panel.locator(f"tr[data-kind={kind}] .deadline-status .badge.status")

    # The yellow and red statuses and the 暂定 mark are shown, whole, inside the screen's width.
    expect(status("police_filing_decision")).to_have_text("已逾期")
    expect(status("police_filing_decision")).to_have_class(re.compile(r"\bdanger\b"))
    expect(status("referral_decision")).to_have_class(re.compile(r"\bwarn\b"))
    provisional = panel.locator("tr[data-kind=court_application] .badge.provisional")
    expect(provisional).to_have_text("暂定")
    for badge in (status("police_filing_decision"), status("referral_decision"), provisional):
        badge.scroll_into_view_if_needed()
        expect(badge).to_be_in_viewport(ratio=1)
    expect(panel.locator("tr[data-kind=case_time_limit] input[type=date]")).to_be_visible()
