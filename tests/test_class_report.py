"""The HTML class report: written by `grader grade --html`, rendered in a real headless Chromium
(the distribution's package, installed by .ci/run), and what it tells an instructor."""
from __future__ import annotations

import re

import pytest

from tests.conftest import EXAMPLES, WEEK08, chromium, run_grader


@pytest.fixture(scope="module")
def page(tmp_path_factory):
    out = tmp_path_factory.mktemp("html")
    done = run_grader("grade", str(WEEK08), str(EXAMPLES), "--json", str(out / "r.json"), "--html", str(out / "r.html"))
    assert done.returncode == 0, done.stderr
    assert f"HTML report: {out / 'r.html'}" in done.stdout
    return out


def test_the_page_renders_in_chromium_without_errors_and_the_math_has_layout(page):
    from playwright.sync_api import sync_playwright

    problems, requests = [], []
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=chromium(), args=["--no-sandbox"])
        tab = browser.new_page(viewport={"width": 1150, "height": 1400})
        tab.on("console", lambda m: problems.append(m.text) if m.type in ("error", "warning") else None)
        tab.on("pageerror", lambda e: problems.append(str(e)))
        tab.on("request", lambda r: requests.append(r.url))
        tab.goto((page / "r.html").as_uri())
        tab.wait_for_load_state("load")
        boxes = tab.evaluate("""() => [...document.querySelectorAll('math')].map(m => {
            const r = m.getBoundingClientRect(); return [r.width, r.height]; })""")
        # a fraction laid out as MathML puts its numerator above its denominator
        fractions = tab.evaluate("""() => [...document.querySelectorAll('mfrac')].map(f => {
            const [top, bottom] = [...f.children].map(c => c.getBoundingClientRect());
            return top.bottom <= bottom.top + 1; })""")
        sigma = tab.evaluate("""() => [...document.querySelectorAll('math mi')].some(m => m.textContent === 'σ')""")
        tab.screenshot(path=str(page / "report.png"), full_page=True)
        browser.close()
    assert problems == []
    assert [url for url in requests if not url.startswith("file:")] == []  # works offline
    assert len(boxes) >= 10 and all(w > 0 and h > 0 for w, h in boxes)
    assert fractions and all(fractions)
    assert sigma
    png = (page / "report.png").read_bytes()
    assert png.startswith(b"\x89PNG") and len(png) > 50_000


def test_the_page_is_one_self_contained_file(page):
    html = (page / "r.html").read_text()
    assert "<script" not in html and "<link" not in html and "<img" not in html
    assert not re.search(r'(src|href)="(https?:)?//', html)


def _section(html: str, anchor: str) -> str:
    start = html.index(f'id="{anchor}"')
    end = html.find("<section", start + 1)
    return html[start:end if end > 0 else None]


def test_the_class_at_a_glance(page):
    html = (page / "r.html").read_text()
    glance = html[html.index('id="overview"'):html.index('id="questions"')]
    assert ">6<" in glance and "12 / 20" in glance and "11 / 20" in glance  # count, mean, median
    assert "IndexError: list index out of range" in glance and "NameError" in glance
    assert "time per submission" in glance and "Distribution of total scores" in glance


def test_each_question_shows_rules_clusters_and_statuses(page):
    html = (page / "r.html").read_text()
    d = _section(html, "q-1d")
    # the known mistake of 1d (rule 1) fired for the three submissions that made it (one in LaTeX), and
    # those answers form one cluster shown once as math
    rule = re.search(r"<td>rule 1</td>.*?</tr>", d, flags=re.S).group(0)
    assert '<td class="num">3</td>' in rule and "partly_wrong.py" in rule and "seed_student.py" in rule
    assert "seed_student_latex.ipynb" in rule
    cluster = re.search(r'<tr><td class="num">3</td><td class="answer"><math.*?</tr>', d, flags=re.S).group(0)
    assert "The columns are scaled" in cluster and "1 / 2 (partial)" in cluster
    assert "correct 1" in d and "partial 3" in d and "invalid 1" in d
    accepted = _section(html, "q-2f")
    assert "accepted value 1" in accepted and "accumulating into zero" in accepted


def test_free_text_answers_are_ready_to_read_with_their_warnings(page):
    why = _section((page / "r.html").read_text(), "q-1a-why")
    assert "Free-text answers to grade by hand" in why
    assert "This is how the LSTM remembers" in why and "about 5 sentences" in why


def test_each_submission_has_an_anchor_with_what_the_student_sees(page):
    html = (page / "r.html").read_text()
    anchors = re.findall(r'<section class="submission" id="([^"]+)"', html)
    assert len(anchors) == 6
    for anchor in anchors:
        assert f'href="#{anchor}"' in html or anchor.endswith("correct-py")
    partly = _section(html, next(a for a in anchors if a.endswith("partly_wrong-py")))
    assert "9 / 20" in partly and "lacks the term" in partly and "<math" in partly
    assert "(after publishing)" in partly  # the free-text questions' visibility


def test_report_renders_a_saved_json_report_with_or_without_the_spec(page, tmp_path):
    done = run_grader("report", str(page / "r.json"), "--html", str(tmp_path / "plain.html"))
    assert done.returncode == 0, done.stderr
    plain = (tmp_path / "plain.html").read_text()
    assert "grouped by their exact text" in plain and "clustered by equivalence" not in plain
    done = run_grader("report", str(page / "r.json"), "--spec", str(WEEK08), "--html", str(tmp_path / "spec.html"))
    assert done.returncode == 0, done.stderr
    with_spec = (tmp_path / "spec.html").read_text()
    assert "clustered by equivalence" in with_spec
    assert "equals Uf@diag(sigma_prime(Wf@x + Uf@h_prev))" in with_spec  # the rule named by its text
    nothing = run_grader("report", str(page / "r.json"))
    assert nothing.returncode == 2 and "nothing to write" in nothing.stderr
