"""The notebook table of `Checker`, rendered in real headless Chromium inside stand-ins for the three
front ends: each stand-in carries the front end's own rules that touch tables (JupyterLab and classic
Notebook right-align table cells; their themes and VS Code's set the text and error colours through
CSS variables). The front ends themselves are not run here."""
from __future__ import annotations

import dataclasses

import pytest

from tests.conftest import chromium

HOSTS = {
    "JupyterLab, dark theme": (
        "<body style='--jp-error-color1:#f48771;background:#111;color:rgb(221, 221, 221)'>"
        "<style>.jp-RenderedHTMLCommon td, .jp-RenderedHTMLCommon th {text-align:right;vertical-align:middle}"
        "</style><div class='jp-RenderedHTMLCommon'>{}</div></body>", "rgb(244, 135, 113)", "rgb(221, 221, 221)"),
    "classic Notebook": (
        "<body style='color:rgb(0, 0, 0)'><style>.rendered_html td, .rendered_html th {text-align:right}"
        ".rendered_html pre {background:#f7f7f7;padding:1em}</style><div class='rendered_html'>{}</div></body>",
        "rgb(187, 0, 0)", "rgb(0, 0, 0)"),
    "VS Code, dark theme": (
        "<body style='--vscode-errorForeground:#f48771;background:#1e1e1e;color:rgb(204, 204, 204)'>{}</body>",
        "rgb(244, 135, 113)", "rgb(204, 204, 204)"),
}
MEASURE = """() => {
  const rows = [...document.querySelectorAll('tbody tr')];
  const cells = [...document.querySelectorAll('th, td')];
  const caret = (pre) => {  // the caret's x and that of the character above it
    const text = pre.firstChild, lines = text.data.split('\\n'), i = lines.findIndex(l => /^\\s*\\^\\s*$/.test(l));
    if (i < 1) return null;
    const at = (offset) => { const r = document.createRange(); r.setStart(text, offset); r.setEnd(text, offset + 1);
                              return r.getBoundingClientRect().left; };
    const start = (n) => lines.slice(0, n).reduce((sum, l) => sum + l.length + 1, 0);
    const column = lines[i].indexOf('^');
    return [at(start(i) + column), at(start(i - 1) + column)];
  };
  return {
    columns: [...document.querySelectorAll('thead th')].map(th => th.textContent),
    rows: rows.map(tr => [tr.cells[0].textContent, getComputedStyle(tr.cells[5]).color,
                          tr.cells.length, tr.cells[5].getBoundingClientRect().width > 0]),
    aligned: cells.every(c => getComputedStyle(c).textAlign === 'left'),
    carets: [...document.querySelectorAll('pre')].map(caret).filter(Boolean),
    backgrounds: [...document.querySelectorAll('pre')].map(p => getComputedStyle(p).backgroundColor),
    problem: getComputedStyle(document.querySelector('div > p + table + p')).color,
  };
}"""


@pytest.fixture(scope="module")
def report(check_file):
    from grader import Checker

    namespace = {"sigmoid_prime": "sigma(z)*(1 - sigma(z)", "conv_d_params": 100353, "conv_a_shape": (26, 28)}
    every = Checker(check_file, namespace=namespace).check_all()
    return dataclasses.replace(every, errors=("line 10: IndexError: list index out of range",))


@pytest.mark.parametrize("host", HOSTS, ids=list(HOSTS))
def test_the_checker_table_renders_alike_in_each_front_end(report, host):
    sync_playwright = pytest.importorskip("playwright.sync_api").sync_playwright
    page_html, error_colour, text_colour = HOSTS[host]
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=chromium(), args=["--no-sandbox"])
        try:
            tab = browser.new_page(viewport={"width": 900, "height": 800})  # a notebook's output width
            tab.set_content(page_html.replace("{}", report._repr_html_()))
            seen = tab.evaluate(MEASURE)
        finally:
            browser.close()
    assert seen["columns"] == ["question", "answer", "found", "well-formed", "right?", "details"]
    assert [row[0].split(" (")[0] for row in seen["rows"]] == [row.id for row in report.rows]
    assert all(cells == 6 and visible for _, _, cells, visible in seen["rows"])
    assert seen["aligned"]  # the front end's right-aligned table cells do not apply
    colours = {row.id: colour for row, (_, colour, _, _) in zip(report.rows, seen["rows"])}
    assert colours["1c"] == colours["1b"] == error_colour  # malformed, missing: the theme's error colour
    assert colours["2a"] == colours["2d"] == text_colour  # well-formed, right or not yet: the theme's text
    assert seen["problem"] == error_colour
    assert seen["carets"] and all(abs(caret - above) < 0.5 for caret, above in seen["carets"])
    assert set(seen["backgrounds"]) == {"rgba(0, 0, 0, 0)"}  # no light box on a dark theme
