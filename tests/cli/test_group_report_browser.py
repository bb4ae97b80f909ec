"""`cetl group report --html`: the page, rendered by a real browser (headless Chromium).

Chromium loads the page and the test reads what it rendered (`--dump-dom`): the members, their
pace, the weak-area chart, the agenda with a shared answer whose `<` and `&` are text, and a
skipped file whose name is markup, shown as text. A copy of the page with a probe script checks
that nothing is wider than a phone's screen; a PDF print and a phone-sized screenshot are made.
Under CI (CI=true, as .ci/run runs there) a missing Chromium fails the test instead of skipping it.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import struct
import subprocess
from html import escape
from html.parser import HTMLParser
from pathlib import Path

import pytest
from groupkit import build_group, fix_clock

PROBE = """<!DOCTYPE html><html><head><meta charset="utf-8"></head><body style="margin:0">
<iframe id="f" style="width:360px;height:2400px;border:0" srcdoc="SRCDOC"></iframe>
<script>
window.addEventListener('load', function () {
  var frame = document.getElementById('f'), d = frame.contentDocument, wide = [];
  d.querySelectorAll('body *').forEach(function (e) {
    if (e.getBoundingClientRect().right > frame.contentWindow.innerWidth + 0.5) wide.push(e.tagName);
  });
  document.body.setAttribute('data-inner', String(frame.contentWindow.innerWidth));
  document.body.setAttribute('data-width', String(d.documentElement.scrollWidth));
  document.body.setAttribute('data-wide', wide.slice(0, 10).join(','));
});
</script></body></html>"""
BROWSERS = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable")


@pytest.fixture(autouse=True)
def fixed_clock(monkeypatch):
    fix_clock(monkeypatch)


@pytest.fixture(scope="module")
def browser() -> str:
    found = next((p for b in BROWSERS if (p := shutil.which(b))), None)
    if found is None:
        if os.environ.get("CI") == "true":
            pytest.fail("headless Chromium is not installed; .ci/run installs the Debian package chromium")
        pytest.skip("headless Chromium is not installed (Debian: apt-get install chromium)")
    return found


def chromium(browser: str, tmp_path: Path, *args: str) -> subprocess.CompletedProcess[str]:
    profile = tmp_path / "chromium-profile"
    cmd = [browser, "--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
           "--no-first-run", "--no-default-browser-check", f"--user-data-dir={profile}", *args]
    r = subprocess.run(cmd, capture_output=True, text=True, timeout=180)
    assert r.returncode == 0, r.stderr[-2000:]
    return r


class Text(HTMLParser):
    """The visible text of a DOM, and the tags in it."""

    def __init__(self) -> None:
        super().__init__()
        self.parts: list[str] = []
        self.tags: list[str] = []
        self.skip = 0

    def handle_starttag(self, tag, attrs):
        self.tags.append(tag)
        if tag in ("style", "title"):
            self.skip += 1

    def handle_endtag(self, tag):
        if tag in ("style", "title"):
            self.skip -= 1

    def handle_data(self, data):
        if not self.skip:
            self.parts.append(data)

    @property
    def text(self) -> str:
        return " ".join(" ".join(self.parts).split())


@pytest.fixture
def page(tmp_path, cetl) -> Path:
    homes, folder = build_group(tmp_path, cetl)
    out = tmp_path / "report.html"
    r = cetl("group", "report", "--html", str(out), env=homes["fac"])
    assert r.exit_code == 0, r.output
    assert r.stderr.count("cetl: skipped") == 1
    return out


def test_the_report_renders_in_headless_chromium(browser, page, tmp_path):
    dom = chromium(browser, tmp_path, "--dump-dom", page.as_uri()).stdout
    parsed = Text()
    parsed.feed(dom)
    text = parsed.text
    assert "Utah Fall Cohort" in text and "exam 2027-01-15" in text
    assert "Pat Lee" in text and "Sam Ortiz" in text
    assert "on pace" in text and "behind" in text
    assert "Members against the schedule" in text and "Next meeting" in text and "Schedule" in text
    assert "2026-10-13 (meeting 4 of 10): 4. Ethics & Policies" in text
    assert 'Budget < 5% & "rising" fast' in text  # shared answer: its markup characters are text
    assert "members/<b onclick=alert(1)>bold.json" in text  # a skipped file named like markup, shown as text
    assert "b" not in parsed.tags and "script" not in parsed.tags
    assert parsed.tags.count("svg") >= 3 and "rect" in parsed.tags
    assert "I.C" in text and "%" in text


def test_the_page_fetches_nothing_and_fits_a_phone(browser, page, tmp_path):
    html = page.read_text(encoding="utf-8")
    assert not re.search(r"""(?:src|href)\s*=|url\(|@import|<script|<link""", html, re.IGNORECASE)
    assert "Content-Security-Policy" in html and "default-src 'none'" in html
    # A phone's viewport: the page, as it is, in a 360-pixel frame of a probe page that measures it
    # (a headless window cannot be narrower than 500 pixels; a frame can).
    probe = tmp_path / "probe.html"
    probe.write_text(PROBE.replace("SRCDOC", escape(html, quote=True)), encoding="utf-8")
    dom = chromium(browser, tmp_path, "--dump-dom", probe.as_uri()).stdout
    found = dict(re.findall(r'data-(\w+)="([^"]*)"', dom))
    assert found["inner"] == "360", found
    assert int(found["width"]) <= 360 and found["wide"] == "", f"wider than a phone: {found}"

    shot = tmp_path / "phone.png"  # the page in its phone frame, as a picture (to look at)
    chromium(browser, tmp_path, "--window-size=500,2400", "--hide-scrollbars", f"--screenshot={shot}",
             probe.as_uri())
    head = shot.read_bytes()[:24]
    assert head[:8] == b"\x89PNG\r\n\x1a\n" and struct.unpack(">II", head[16:24]) == (500, 2400)

    pdf = tmp_path / "report.pdf"
    chromium(browser, tmp_path, "--no-pdf-header-footer", f"--print-to-pdf={pdf}", page.as_uri())
    assert pdf.read_bytes()[:5] == b"%PDF-" and pdf.stat().st_size > 5000
    if os.environ.get("CETL_KEEP_SCREENSHOT"):
        shutil.copy(shot, os.environ["CETL_KEEP_SCREENSHOT"])


def test_the_page_escapes_every_name_and_text(page):
    html = page.read_text(encoding="utf-8")
    assert "Budget &lt; 5% &amp; &quot;rising&quot; fast" in html
    assert "&lt;b onclick=alert(1)&gt;bold.json" in html
    assert "<b>" not in html
    assert json.dumps("Pat Lee")[1:-1] in html
