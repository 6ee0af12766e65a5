"""The handbook as a person uses it: in real headless Chromium (Debian's
``chromium``, driven by Playwright), the site served on 127.0.0.1.

As a memo writer (links into the original at a passage, a figure copied with
its citation), as a phone and keyboard reader (tooltips that fit, close on
Escape and can be reached), as a reader who prints a chapter or searches
without accents, and in dark mode."""

from __future__ import annotations

import base64
import contextlib
import csv
import functools
import html
import http.server
import io
import json
import re
import subprocess
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Browser, Page, sync_playwright
from playwright.sync_api import TimeoutError as PlaywrightTimeout
from pybtex.database import parse_file, parse_string

from tests.conftest import ROOT
from tests.test_handbook_build import sphinx, warnings_of

pytestmark = pytest.mark.build
CHROMIUM = "/usr/bin/chromium"
# As root and offline: no sandbox, and none of Chromium's background traffic.
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


#: A phone's screen, in CSS pixels.
PHONE = {"width": 390, "height": 844}
#: Where the handbook says it is published (conf.py's html_baseurl).
PUBLISHED = "https://fentanyl-firearms-handbook.readthedocs.io/en/latest/"


@contextlib.contextmanager
def served(directory: Path) -> Iterator[str]:
    """A folder served on 127.0.0.1, for as long as the block runs."""
    handler = functools.partial(QuietHandler, directory=str(directory))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, Path]]:
    outdir = tmp_path_factory.mktemp("site")
    result = sphinx("html", outdir)
    assert result.returncode == 0 and warnings_of(result) == [], result.stderr
    with served(outdir) as base:
        yield base, outdir


class QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass

    def handle(self) -> None:
        # A browser that drops a connection it no longer needs is no error.
        with contextlib.suppress(ConnectionError):
            super().handle()


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def page(browser: Browser) -> Iterator[Page]:
    context = browser.new_context()
    page = context.new_page()
    yield page
    context.close()


def pages_of(outdir: Path) -> list[str]:
    return sorted(
        str(p.relative_to(outdir))
        for p in outdir.rglob("*.html")
        if not p.relative_to(outdir).parts[0].startswith("_")
    )


def test_every_page_loads_without_console_errors(site, page):
    base, outdir = site
    errors: list[str] = []
    page.on(
        "console", lambda m: errors.append(f"{page.url}: {m.text}") if m.type == "error" else None
    )
    page.on("pageerror", lambda e: errors.append(f"{page.url}: {e}"))
    page.on(
        "response",
        lambda r: errors.append(f"{page.url}: {r.status} {r.url}") if r.status >= 400 else None,
    )
    for name in pages_of(outdir):
        response = page.goto(base + name)
        assert response is not None and response.ok, name
    assert errors == []


def test_search_finds_a_named_operation(site, page):
    base, _ = site
    page.goto(base + "search.html?q=Blue+Lotus")
    results = page.locator("#search-results li a")
    results.first.wait_for(timeout=15_000)
    hrefs = [results.nth(i).get_attribute("href") or "" for i in range(results.count())]
    assert any("border-enforcement" in href for href in hrefs), hrefs


def settle(page: Page) -> None:
    """Wait for two frames: what was shown is laid out and placed."""
    page.evaluate("new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)))")


def tooltip_of(page: Page, claim) -> object:
    return page.locator(f"#{claim.get_attribute('id')}-tip")


def test_a_figure_shows_its_passage_and_leads_to_its_evidence_and_back(site, page):
    base, _ = site
    page.goto(base + "chapters/violence-in-mexico.html")
    claim = page.locator("a.fc-claim", has_text="32,223").first
    tooltip = tooltip_of(page, claim)
    assert not tooltip.is_visible()
    claim.focus()  # the keyboard works as well as the mouse
    assert tooltip.is_visible()
    assert claim.get_attribute("aria-describedby") == claim.get_attribute("id") + "-desc"
    assert "32,223" in tooltip.locator("mark").inner_text()
    assert "New York Times" in tooltip.inner_text()
    claim_id = claim.get_attribute("id")
    claim.click()
    page.wait_for_url("**/evidence.html#ev-*")
    passage = page.locator(".fc-passage:target")
    assert passage.is_visible()
    assert "32,223" in passage.locator(".fc-highlight").all_inner_texts()[0] or any(
        "32,223" in text for text in passage.locator(".fc-highlight").all_inner_texts()
    )
    back = passage.locator(f"a[href$='violence-in-mexico.html#{claim_id}']").first
    back.click()
    page.wait_for_url(f"**/violence-in-mexico.html#{claim_id}")


def test_downloads_parse(site, page):
    base, _ = site

    def fetch(name: str) -> str:
        response = page.request.get(base + "downloads/" + name)
        assert response.ok, name
        return response.text()

    rows = list(csv.DictReader(io.StringIO(fetch("key-figures.csv"))))
    records = json.loads(fetch("key-figures.json"))
    assert len(rows) == len(records)
    for row in rows:
        assert row["figure"] and row["source_key"] and row["citation"]
        # A figure the fact check finds nothing to check in ("Millions") has no passage.
        assert row["passage"] or row["status"] == "not checked", row
        assert row["permalink"].startswith("https://")
    bibliography = parse_string(fetch("references.bib"), "bibtex")
    csl = json.loads(fetch("references.json"))
    assert {item["id"] for item in csl} == set(bibliography.entries)


def test_every_page_cites_itself_with_a_copy_button(site, page):
    base, _ = site
    page.goto(base + "chapters/supply-chain.html")
    aside = page.locator("aside.cite-this-page")
    assert "@incollection{Handbook" in aside.locator("pre").inner_text()
    assert aside.locator("button.copy-citation").count() == 2


def test_no_serious_accessibility_violation_on_any_page(site, page):
    base, outdir = site
    axe = Axe()
    found = []
    for name in pages_of(outdir):
        page.goto(base + name)
        results = axe.run(page)
        for violation in results.response["violations"]:
            if violation["impact"] in ("serious", "critical"):
                found.append(
                    f"{name}: {violation['id']} ({violation['impact']}): "
                    f"{violation['nodes'][0]['target']}"
                )
    assert found == []


# -- Links that keep working ---------------------------------------------------


def archive_as_pages(folder: Path) -> dict[str, str]:
    """Each archived source as a web page, one paragraph per line, far apart.

    Every paragraph says where it starts and ends in the archived text; the
    first is far from the top, so a browser that finds a Text Fragment must
    scroll to it, and only the paragraph it found is then on screen.
    """
    bibliography = parse_file(ROOT / "references.bib")
    urls = {}
    for key, entry in bibliography.entries.items():
        text = (ROOT / entry.fields["file"]).read_text(encoding="utf-8")
        paragraphs, offset = [], 0
        for line in text.split("\n"):
            if line.strip():
                paragraphs.append(
                    f'<p data-start="{offset}" data-end="{offset + len(line)}" '
                    f'style="margin: 0 0 3000px">{html.escape(line)}</p>'
                )
            offset += len(line) + 1
        (folder / f"{key.lower()}.html").write_text(
            '<!doctype html><meta charset="utf-8"><title>Archived source</title>'
            f'<body style="padding-top: 3000px">{"".join(paragraphs)}</body>',
            encoding="utf-8",
        )
        urls[key.lower()] = entry.fields.get("url", "")
    return urls


def test_every_text_fragment_on_the_evidence_page_leads_to_its_passage(site, page, tmp_path):
    base, _ = site
    page.goto(base + "evidence.html")
    boxes = page.evaluate(
        """[...document.querySelectorAll('.fc-passage')].map((box) => [box.id,
             [...box.querySelectorAll('a.reference.external')].map((a) => [a.href, a.textContent])])"""
    )
    urls = archive_as_pages(tmp_path)
    checked, missed = 0, []
    with served(tmp_path) as archive:
        for box_id, links in boxes:
            key, start = re.fullmatch(r"ev-(.+)-(\d+)", box_id).groups()
            if not urls[key]:
                assert links == [], box_id  # no address known, no link
                continue
            [(href, label)] = links
            url, _, fragment = href.partition("#")
            assert url == urls[key] and label == "Open the original at this passage", box_id
            assert fragment.startswith(":~:text="), href
            # Chromium's own Text Fragment matching, on the archived text.
            page.goto("about:blank")
            page.goto(f"{archive}{key}.html#{fragment}")
            try:
                page.wait_for_function("window.scrollY > 0", timeout=3000)
            except PlaywrightTimeout:
                missed.append(f"{box_id}: {fragment} finds nothing")
                continue
            shown = page.evaluate(
                """[...document.querySelectorAll('p[data-start]')]
                     .filter((p) => { const r = p.getBoundingClientRect();
                                      return r.bottom > 0 && r.top < innerHeight; })
                     .map((p) => [+p.dataset.start, +p.dataset.end])"""
            )
            if not any(first <= int(start) < last for first, last in shown):
                missed.append(f"{box_id}: {fragment} leads elsewhere ({shown})")
            checked += 1
    assert missed == []
    assert checked >= 90  # every passage of every source whose address is known


def test_a_figure_copies_with_its_citation_from_its_tooltip_and_its_evidence(site, browser):
    base, _ = site
    context = browser.new_context(permissions=["clipboard-read", "clipboard-write"])
    page = context.new_page()
    page.goto(base + "chapters/violence-in-mexico.html")
    claim = page.locator("a.fc-claim", has_text="32,223").first
    claim.focus()
    page.keyboard.press("Tab")  # into the tooltip, to its button
    button = tooltip_of(page, claim).locator("button.fc-copy")
    assert page.evaluate("document.activeElement.className") == "fc-copy"
    page.keyboard.press("Enter")
    page.wait_for_function("document.activeElement.textContent === 'Copied'")
    lines = page.evaluate("navigator.clipboard.readText()").splitlines()
    assert lines[0].startswith("There were 32,223 killings in Mexico in 2022"), lines
    assert lines[1].startswith("Source: The New York Times (2023-10), “Mexico-U.S. Ties"), lines
    assert lines[2].startswith("Passage: “") and "32,223" in lines[2], lines
    # The tooltip shows the source's citation, and the memo copies the passage whole
    # (where the tooltip shows all of it, the memo takes it from there).
    tooltip = tooltip_of(page, claim)
    assert "The New York Times (2023-10), “Mexico-U.S. Ties" in tooltip.inner_text()
    shown = " ".join(tooltip.locator(".fc-tip-passage").inner_text().split()).strip("…")
    assert shown in lines[2], (shown, lines)
    permalink = f"{PUBLISHED}chapters/violence-in-mexico.html#{claim.get_attribute('id')}"
    assert lines[-1].endswith(f"“Violence in Mexico”: {permalink}"), lines
    assert button.inner_text() == "Copied"
    verified = lines[-1]

    # A sentence's citation copies the same way: its memo holds the sentence and the
    # passage, the page holds the source, the work and the page's address once.
    # (one whose tooltip links to the original at its passage)
    cites = page.locator(".fc-cite")
    cite = next(
        cites.nth(i)
        for i in range(cites.count())
        if cites.nth(i).is_visible()
        and tooltip_of(page, cites.nth(i)).locator("a.fc-tip-original").count()
    )
    anchor = cite.get_attribute("id")
    cite.locator("a").first.focus()
    tooltip_of(page, cite).locator("button.fc-copy").click()
    page.wait_for_function(f"navigator.clipboard.readText().then((t) => t.endsWith('#{anchor}'))")
    lines = page.evaluate("navigator.clipboard.readText()").splitlines()
    assert lines[1].startswith("Source: ") and "(20" in lines[1], lines
    assert lines[2].startswith("Passage: “"), lines
    tooltip = tooltip_of(page, cite)
    shown = " ".join(tooltip.locator(".fc-tip-passage").inner_text().split())
    assert lines[2] == f"Passage: “{shown}”" or shown.endswith("…"), lines
    assert (
        lines[1]
        .removeprefix("Source: ")
        .startswith(tooltip.locator(".fc-tip-source").inner_text().split(" The passage in")[0])
    ), lines
    original = tooltip.locator("a.fc-tip-original").get_attribute("href")
    assert f"The original at this passage: {original}" in lines, lines
    assert lines[-1] == verified.replace(claim.get_attribute("id"), anchor), lines

    # An evidence entry copies its passage, the source, the original at the
    # passage and the entry's own permalink.
    page.goto(base + "evidence.html")
    entry = page.locator(".fc-passage", has_text="Felbab-Brown").first
    entry.locator("button.fc-copy").click()
    page.wait_for_function("navigator.clipboard.readText().then((t) => t.includes('Passage'))")
    copied = page.evaluate("navigator.clipboard.readText()")
    assert "Passage: “" in copied and "Felbab-Brown" in copied
    assert "Source: Carranza (2023-03-28), “Rising tensions" in copied
    assert re.search(r"The original at this passage: https://\S+#:~:text=\S+", copied), copied
    assert f"{PUBLISHED}evidence.html#{entry.get_attribute('id')}" in copied
    context.close()


def test_a_tooltip_naming_an_earlier_ones_passage_shows_it_with_its_own_claim_marked(site, page):
    base, _ = site
    page.goto(base + "chapters/supply-chain.html")
    # A figure whose passage another tooltip of the page shows (another figure of its
    # sentence): the page writes the passage once, and the script writes it here.
    anchor, first, written = page.evaluate(
        """() => {
          const tips = [...document.querySelectorAll("template.fc-tip-content")];
          const later = tips.find((t) => t.content.querySelector(".fc-tip-passage[data-fc-mark]"));
          const first = later.content.querySelector(".fc-tip-passage").dataset.fcAs;
          const earlier = tips.find((t) => t.dataset.fcClaim === first);
          return [later.dataset.fcClaim, first, earlier.content.querySelector(".fc-tip-passage").textContent];
        }"""
    )
    claim = page.locator(f"[id='{anchor}']")
    claim.focus()
    tooltip = tooltip_of(page, claim)
    tooltip.wait_for(state="visible")
    passage = tooltip.locator(".fc-tip-passage")
    assert passage.text_content() == written
    # Its own claim highlighted (a quotation's words without its quotation marks).
    marked = passage.locator("mark").text_content()
    assert marked and marked in claim.text_content()
    assert passage.get_attribute("data-fc-as") is None  # what the script read is gone
    # The earlier tooltip highlights its own claim in the same passage.
    earlier = page.locator(f"[id='{first}']")
    earlier.focus()
    marked = tooltip_of(page, earlier).locator(".fc-tip-passage mark").text_content()
    assert marked and marked in earlier.text_content()


def test_a_memo_naming_an_earlier_one_copies_the_sentence_written_there(site, browser):
    base, _ = site
    context = browser.new_context(permissions=["clipboard-read", "clipboard-write"])
    page = context.new_page()
    page.goto(base + "chapters/supply-chain.html")
    # A figure whose sentence another memo of the page holds (a second figure of it,
    # or its citation's): its memo names that one's tooltip, and the page writes the
    # sentence once.
    anchor, first = page.evaluate(
        """() => {
          const tips = [...document.querySelectorAll("template.fc-tip-content")];
          const sentence = (t) =>
            t.content.querySelector("template.fc-memo").content.querySelector('[data-fc-part="sentence"]');
          const later = tips.find((t) => document.getElementById(t.dataset.fcClaim).matches("a.fc-claim")
            && sentence(t).dataset.fcAs);
          return [later.dataset.fcClaim, sentence(later).dataset.fcAs];
        }"""
    )
    claim = page.locator(f"[id='{anchor}']")
    claim.focus()
    page.keyboard.press("Tab")  # into the tooltip, to its button
    page.keyboard.press("Enter")
    page.wait_for_function("document.activeElement.textContent === 'Copied'")
    lines = page.evaluate("navigator.clipboard.readText()").splitlines()
    # The sentence as the first memo writes it, and the claim's own permalink.
    held = re.search(
        rf'data-fc-claim="{re.escape(first)}">.*?<span data-fc-part="sentence">(.*?)</span>',
        page.content(),
        re.S,
    )
    assert held is not None
    assert lines[0] == html.unescape(held.group(1)).strip(), lines
    assert lines[-1].endswith(f"#{anchor}"), lines
    context.close()


# -- Reading on a phone, by keyboard -------------------------------------------


def test_every_tooltip_fits_a_phone_screen(site, browser):
    base, _ = site
    context = browser.new_context(viewport=PHONE)
    page = context.new_page()
    off_screen, shown = [], 0
    for name in ("chapters/violence-in-mexico.html", "key-figures.html"):
        page.goto(base + name)
        claims = page.locator(".fc-claim")
        for index in range(claims.count()):
            claim = claims.nth(index)
            if not claim.is_visible():  # in a tab not open
                continue
            claim.evaluate("(c) => c.scrollIntoView({block: 'center', behavior: 'instant'})")
            claim.focus()
            settle(page)
            tip = tooltip_of(page, claim)
            assert tip.is_visible(), claim.get_attribute("id")
            box = tip.bounding_box()
            shown += 1
            if not (
                box["x"] >= 0
                and box["x"] + box["width"] <= PHONE["width"]
                and box["y"] >= 0
                and box["y"] + box["height"] <= PHONE["height"]
            ):
                off_screen.append(f"{name}#{claim.get_attribute('id')}: {box}")
    context.close()
    assert shown > 50
    assert off_screen == []


def test_a_tooltip_is_hoverable_persistent_and_closes_on_escape(site, page):
    base, _ = site
    page.goto(base + "chapters/violence-in-mexico.html")
    claim = page.locator("a.fc-claim", has_text="32,223").first
    tip = tooltip_of(page, claim)
    # The pointer moves from the claim onto its tooltip: the tooltip stays.
    claim.hover()
    assert tip.is_visible()
    box = tip.bounding_box()
    page.mouse.move(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2, steps=8)
    page.wait_for_timeout(800)
    assert tip.is_visible()
    assert page.evaluate("document.querySelector('.fc-tip:popover-open') !== null")
    # Escape closes it where the pointer is, and it stays closed there ...
    claim.hover()
    assert tip.is_visible()
    page.keyboard.press("Escape")
    assert not tip.is_visible()
    box = claim.bounding_box()
    page.mouse.move(box["x"] + 2, box["y"] + box["height"] / 2, steps=4)  # along the figure
    page.wait_for_timeout(100)
    assert not tip.is_visible()
    # ... until the pointer has left and comes back.
    page.mouse.move(2, 2)
    claim.hover()
    assert tip.is_visible()
    page.mouse.move(2, 2)
    page.wait_for_timeout(800)
    assert not tip.is_visible()

    # By keyboard: Escape closes it, the focus stays on the figure.
    claim.focus()
    assert tip.is_visible()
    page.keyboard.press("Escape")
    assert not tip.is_visible()
    assert page.evaluate("document.activeElement.id") == claim.get_attribute("id")
    page.keyboard.press("Tab")
    page.keyboard.press("Shift+Tab")
    assert tip.is_visible()


def test_a_sentence_without_a_figure_shows_its_passage_behind_its_citation(site, page, tmp_path):
    """Every statement one click from its source: hovering or focusing the citation
    of a sentence with no figure shows the passage it is aligned to, whose link
    opens the original at that passage (Chromium's own Text Fragment matching)."""
    base, _ = site
    page.goto(base + "chapters/cartels.html")
    cites = page.locator(".fc-cite")
    assert cites.count() >= 20
    cite = next(cites.nth(i) for i in range(cites.count()) if cites.nth(i).is_visible())
    tip = tooltip_of(page, cite)
    cite.hover()
    assert tip.is_visible()
    assert "The passage this sentence rests on" in tip.inner_text()
    passage = tip.locator(".fc-tip-passage").inner_text()
    page.mouse.move(2, 2)
    page.wait_for_timeout(800)
    assert not tip.is_visible()
    # By keyboard: focusing the citation's link shows it too.
    cite.locator("a").first.focus()
    assert tip.is_visible()
    page.keyboard.press("Escape")
    assert not tip.is_visible()
    assert page.evaluate("document.activeElement.closest('.fc-cite') !== null")
    # The link leads to that passage in the original (served from the archive).
    href = tip.locator("a.fc-tip-original").get_attribute("href")
    urls = archive_as_pages(tmp_path)
    key = next(k for k, url in urls.items() if url and href.startswith(url + "#"))
    fragment = href.partition("#")[2]
    with served(tmp_path) as archive:
        page.goto(f"{archive}{key}.html#{fragment}")
        page.wait_for_function("window.scrollY > 0", timeout=3000)
        shown = page.evaluate(
            """[...document.querySelectorAll('p[data-start]')]
                 .filter((p) => { const r = p.getBoundingClientRect();
                                  return r.bottom > 0 && r.top < innerHeight; })
                 .map((p) => p.textContent).join(' ')"""
        )
    assert " ".join(passage.split())[:60] in " ".join(shown.split())


def test_the_first_figure_is_a_few_key_presses_away(site, browser):
    base, _ = site
    chapter = base + "chapters/violence-in-mexico.html"

    def first_figure_after(page: Page, limit: int) -> tuple[int, list[str]]:
        hidden_stops = []
        for presses in range(1, limit + 1):
            page.keyboard.press("Tab")
            focused = page.evaluate(
                """(() => { const e = document.activeElement;
                    const drawer = e.closest('.sidebar-drawer, .toc-drawer');
                    const r = e.getBoundingClientRect();
                    return [e.classList.contains('fc-claim'), e.outerHTML.slice(0, 80),
                            !!drawer && (r.right <= 0 || r.left >= innerWidth)]; })()"""
            )
            if focused[2]:
                hidden_stops.append(focused[1])
            if focused[0]:
                return presses, hidden_stops
        return limit + 1, hidden_stops

    # On a phone: no stops in the closed, off-screen drawers.
    context = browser.new_context(viewport=PHONE)
    page = context.new_page()
    page.goto(chapter)
    presses, hidden_stops = first_figure_after(page, 40)
    assert hidden_stops == []
    assert presses <= 8
    # The menu is a button the keyboard opens, and its links are then reachable.
    page.goto(chapter)
    page.keyboard.press("Tab")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.getAttribute('aria-label')") == "Site navigation"
    page.keyboard.press("Enter")
    assert page.evaluate("document.getElementById('__navigation').checked")
    page.wait_for_timeout(400)
    assert page.locator(".sidebar-drawer a.reference", has_text="Timeline").first.is_visible()
    context.close()

    # On a wide screen: the skip link comes first and leads past the navigation.
    context = browser.new_context(viewport={"width": 1280, "height": 800})
    page = context.new_page()
    page.goto(chapter)
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.textContent") == "Skip to content"
    page.keyboard.press("Enter")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.classList.contains('fc-claim')")
    context.close()


# -- In print ------------------------------------------------------------------


def test_a_printed_chapter_has_every_tab_its_address_and_no_screen_controls(site, page, tmp_path):
    base, _ = site
    page.goto(base + "chapters/cartels.html")
    page.locator("a.fc-claim").first.focus()  # a tooltip open as the reader prints
    page.emulate_media(media="print")
    assert page.locator(".sd-tab-content").count() >= 4
    assert all(tab.is_visible() for tab in page.locator(".sd-tab-content").all())
    assert not page.locator(".skip-to-content").is_visible()
    assert not page.locator(".fc-tip:popover-open").first.is_visible()
    pdf = tmp_path / "cartels.pdf"
    page.pdf(path=str(pdf))
    text = subprocess.run(
        ["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True
    ).stdout
    flat = " ".join(text.split())
    for label, said in [
        ("U.S. administration", "The sources report no response by the Biden administration"),
        ("Members of Congress and Republican candidates", "Sens. Lindsey Graham"),
        ("Mexico's government", "were met with resistance by the Mexican government"),
        ("Analysts", "Wayne urges continued"),
    ]:
        assert label.replace("'", "’") in flat or label in flat, label
        assert said in flat, said
    assert f"Online:{PUBLISHED}chapters/cartels.html" in re.sub(r"\s+", "", text)
    assert "Skip to content" not in flat
    assert "Copy with citation" not in flat and "Copy BibTeX" not in flat


# -- By search -----------------------------------------------------------------


def search(page: Page, base: str, query: str) -> list[tuple[str, str]]:
    """The pages a search finds (address without anchor), each with its summary."""
    page.goto(base + "search.html?q=" + query.replace(" ", "+"))
    # Sphinx says "Search finished" when every summary is shown, or that nothing matched.
    page.wait_for_function(
        """/finished|did not match/.test(
             document.querySelector('#search-results .search-summary')?.textContent ?? '')""",
        timeout=30_000,
    )
    return page.evaluate(
        """[...document.querySelectorAll('#search-results li')].map((li) => [
             li.querySelector('a').getAttribute('href').split('#')[0].split('?')[0],
             li.querySelector('p.context')?.textContent ?? ''])"""
    )


def test_search_ignores_accents(site, page):
    base, _ = site
    for accented, plain in [("Guzmán", "Guzman"), ("López Obrador", "Lopez Obrador")]:
        with_accents = {href for href, _ in search(page, base, accented)}
        without = {href for href, _ in search(page, base, plain)}
        assert len(with_accents) >= 5, accented
        assert without == with_accents, (plain, len(without), len(with_accents))


def test_search_summaries_hold_no_tooltip_text(site, page):
    base, _ = site
    text_of = """async (href) => {
      const doc = new DOMParser().parseFromString(await (await fetch(href)).text(), 'text/html');
      doc.querySelectorAll('.fc-tip, template, .headerlink, script, style').forEach((e) => e.remove());
      return doc.querySelector('[role=main]').textContent.replace(/\\s+/g, ' ');
    }"""
    summaries = 0
    for query in ("Guzmán", "fentanyl", "Blinken"):
        for href, summary in search(page, base, query):
            if not summary:
                continue
            summaries += 1
            words = " ".join(summary.split()).removeprefix("...").removesuffix("...").strip()
            # Every summary is the page's own text, with no tooltip run into it.
            assert words in page.evaluate(text_of, href), (query, href, words)
    assert summaries >= 20


# -- Charts --------------------------------------------------------------------


#: The colours of the four corner pixels of a PNG screenshot, decoded by the browser.
CORNER_PIXELS = """async (png) => {
  const image = new Image();
  image.src = `data:image/png;base64,${png}`;
  await image.decode();
  const canvas = new OffscreenCanvas(image.width, image.height);
  const context = canvas.getContext("2d");
  context.drawImage(image, 0, 0);
  return [[1, 1], [image.width - 2, 1], [1, image.height - 2], [image.width - 2, image.height - 2]]
    .map(([x, y]) => [...context.getImageData(x, y, 1, 1).data.slice(0, 3)]);
}"""


def test_charts_read_in_dark_mode_on_a_phone(site, browser):
    base, _ = site
    context = browser.new_context(viewport=PHONE, color_scheme="dark")
    page = context.new_page()
    charts = 0
    for name in ("chapters/violence-in-mexico.html", "chapters/border-enforcement.html"):
        page.goto(base + name)
        for chart in page.locator("figure.verified-chart").all():
            drawing = chart.locator("svg[role=img]")
            drawing.scroll_into_view_if_needed()
            # What the reader sees in its corners: the dark page, not a white box.
            corners = page.evaluate(CORNER_PIXELS, base64.b64encode(drawing.screenshot()).decode())
            for corner in corners:
                assert max(corner) < 80, (name, corners)
            # Its labels are text in the page's (light) colour, 10 px high or more.
            labels = drawing.evaluate(
                """(svg) => [...svg.querySelectorAll('text')].map((t) =>
                     [t.getBoundingClientRect().height, getComputedStyle(t).fill])"""
            )
            assert labels
            for label_height, fill in labels:
                assert label_height >= 10, (name, label_height)
                assert min(int(c) for c in re.findall(r"\d+", fill)[:3]) > 150, fill
            charts += 1
    context.close()
    assert charts == 2
