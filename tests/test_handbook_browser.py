"""The handbook as a person uses it: in real headless Chromium (Debian's
``chromium``, driven by Playwright), the site served on 127.0.0.1."""

from __future__ import annotations

import csv
import functools
import http.server
import io
import json
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Browser, Page, sync_playwright
from pybtex.database import parse_string

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


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, Path]]:
    outdir = tmp_path_factory.mktemp("site")
    result = sphinx("html", outdir)
    assert result.returncode == 0 and warnings_of(result) == [], result.stderr
    handler = functools.partial(QuietHandler, directory=str(outdir))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}/", outdir
    server.shutdown()


class QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass


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


def test_a_figure_shows_its_passage_and_leads_to_its_evidence_and_back(site, page):
    base, _ = site
    page.goto(base + "chapters/violence-in-mexico.html")
    claim = page.locator("a.fc-claim", has_text="32,223").first
    tooltip = page.locator("#" + (claim.get_attribute("aria-describedby") or ""))
    assert not tooltip.is_visible()
    claim.focus()  # the keyboard works as well as the mouse
    assert tooltip.is_visible()
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
    back = passage.locator(f"a[href$='violence-in-mexico.html#{claim_id}']")
    assert back.count() == 1
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
