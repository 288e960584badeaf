"""The review page in Chromium: every mention highlighted and linked to its draft record,
ambiguous and new names first, nothing fetched from anywhere (the page is self-contained)."""

from pathlib import Path

import pytest

from graph.extract.build import extract
from graph.extract.known import from_files
from graph.extract.review import render_review, write_review
from tests.test_browser import CHROMIUM, CHROMIUM_ARGS, SCREENSHOTS

FIXTURES = Path(__file__).parent / "fixtures" / "extract"
DATA = Path(__file__).parent.parent / "data"


def test_review_lists_new_and_ambiguous_names_before_the_report():
    result = extract(FIXTURES / "mission-india.txt", from_files([DATA]))
    html = render_review(result)
    check = html.index("Check first")
    report = html.index("The report")
    assert check < report
    assert html.index("Polymeris", check) < report  # a new name, in the list to check
    assert (
        '<mark class="resolved" title="actors/plastipolis"><a href="#r-actors-plastipolis">' in html
    )
    assert 'id="r-actors-plastipolis"' in html
    assert "<script" not in html and "http" not in html.split("<main>")[0]


def test_review_page_in_chromium(tmp_path):
    if not CHROMIUM.exists():
        pytest.fail(f"No Chromium at {CHROMIUM}: the browser tests need it.", pytrace=False)
    from playwright.sync_api import sync_playwright

    result = extract(FIXTURES / "mou-news-pdf.pdf", from_files([DATA]))
    page_file = tmp_path / "review.html"
    write_review(page_file, result)
    remote: list[str] = []
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        page = browser.new_page(viewport={"width": 1400, "height": 900})

        def route(r):
            if r.request.url.startswith("file:"):
                r.continue_()
            else:
                remote.append(r.request.url)
                r.abort()

        page.route("**/*", route)
        page.goto(page_file.as_uri())
        marks = page.locator("mark")
        assert marks.count() >= 6
        page.locator("mark.new a", has_text="Hamburg Aviation").first.click()
        assert page.evaluate("location.hash") == "#r-actors-hamburg-aviation"
        target = page.locator("#r-actors-hamburg-aviation")
        assert "page 1, line 1" in target.inner_text()
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(SCREENSHOTS / "extract-review.png"))
        browser.close()
    assert remote == []
