"""The class report as one static HTML page: no script, no network, math as MathML, charts as SVG.

A renderer only: every number and cluster comes from grader.summary; this module formats them.
"""
from __future__ import annotations

import re
from html import escape

from grader.gradebook.student_view import student_view
from grader.report.mathml import to_mathml
from grader.report.svg import bar_chart, stacked_bar
from grader.results import SubmissionResult
from grader.summary import ClassSummary, QuestionSummary

STATUS_COLOR = {"correct": "#2e8540", "partial": "#d9a400", "incorrect": "#c0392b", "missing": "#8e8e8e",
                "invalid": "#8e44ad", "manual": "#2a7ab0", "error": "#000000"}
CLUSTERS_SHOWN = 8

_STYLE = """
body{font:15px/1.45 system-ui,-apple-system,"Segoe UI",sans-serif;margin:0 auto;max-width:1100px;padding:16px 24px;color:#222}
h1{font-size:1.6em;margin:.2em 0}h2{border-bottom:1px solid #ccc;padding-bottom:.2em;margin-top:1.6em}
h3{margin:1.2em 0 .4em}table{border-collapse:collapse;margin:.4em 0 1em}
th,td{border:1px solid #ddd;padding:3px 8px;text-align:left;vertical-align:top}th{background:#f4f4f4}
td.num,th.num{text-align:right;font-variant-numeric:tabular-nums}
.figures{display:flex;gap:24px;flex-wrap:wrap}.figure{background:#fafafa;border:1px solid #eee;padding:8px 12px}
.big{font-size:1.5em;font-weight:600}.status{display:inline-block;padding:0 6px;border-radius:3px;color:#fff;font-size:.85em}
.chart text{font-size:11px;fill:#333}.chart .axis{font-size:12px}.chart .count{font-size:10px}
code,pre{font-family:ui-monospace,Menlo,Consolas,monospace;font-size:.9em}pre{white-space:pre-wrap;background:#f7f7f7;padding:6px}
math{font-size:1.1em}.muted{color:#666}.question{border-top:2px solid #eee;margin-top:1.2em}
.submission{border:1px solid #ddd;border-radius:4px;padding:4px 14px;margin:12px 0}
nav a{margin-right:10px}.answer{max-width:420px;overflow-x:auto}
"""


def html_report(summary: ClassSummary) -> str:
    """The whole page as one string."""
    title = f"{summary.assignment}: class report"
    anchors = _anchors(summary)
    body = [f"<h1>{escape(title)}</h1>", _navigation(summary), _overview(summary, anchors), _question_table(summary)]
    body += [_question(summary, anchors, q) for q in summary.questions]
    body.append('<h2 id="submissions">Submissions: what each student sees</h2>')
    body.append('<p class="muted">Each section shows the feedback a student sees once grades are published '
                '(questions marked <em>after publishing</em> are withheld before; hidden questions never show).</p>')
    body += [_submission(summary, anchors, result) for result in summary.results]
    return ("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
            f"<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"><title>{escape(title)}</title>"
            f"<style>{_STYLE}</style></head><body>{''.join(body)}</body></html>\n")


def _navigation(summary: ClassSummary) -> str:
    links = ['<a href="#overview">overview</a>', '<a href="#questions">questions</a>']
    links += [f'<a href="#{_question_anchor(q.id)}">{escape(q.id)}</a>' for q in summary.questions]
    links.append('<a href="#submissions">submissions</a>')
    return f"<nav>{''.join(links)}</nav>"


def _overview(summary: ClassSummary, anchors: dict) -> str:
    n = len(summary.results)
    figures = [
        ("submissions", str(n)),
        ("mean", f"{_num(summary.mean)} / {summary.max_score:g}"),
        ("median", f"{_num(summary.median)} / {summary.max_score:g}"),
        ("with run errors", str(sum(1 for r in summary.results if r.errors))),
        ("flagged for the instructor", str(len(summary.flagged))),
        ("time per submission", f"median {_num(summary.seconds_median)} s, max {_num(summary.seconds_max)} s"),
    ]
    cards = "".join(f'<div class="figure"><div class="muted">{escape(label)}</div><div class="big">{escape(value)}</div></div>'
                    for label, value in figures)
    charts = (bar_chart([(b.label, b.count) for b in summary.histogram], "Distribution of total scores", "total score")
              + bar_chart([(b.label, b.count) for b in summary.time_histogram], "Time per submission",
                          "seconds per submission", width=420, color="#6b8e23"))
    parts = [f'<h2 id="overview">The class at a glance</h2><div class="figures">{cards}</div>', f"<div>{charts}</div>"]
    if summary.errors:
        rows = "".join(f"<tr><td>{_link(anchors, s)}</td><td><pre>{escape(e)}</pre></td></tr>"
                       for s, e in summary.errors)
        parts.append(f"<h3>Run errors ({len(summary.errors)})</h3><table><tr><th>submission</th><th>error</th></tr>{rows}</table>")
    else:
        parts.append("<p>No run errors.</p>")
    if summary.flagged:
        links = ", ".join(_link(anchors, s) for s in summary.flagged)
        parts.append(f"<p><strong>Flagged</strong> (the grader failed or could not decide; grade by hand): {links}</p>")
    return "".join(parts)


def _question_table(summary: ClassSummary) -> str:
    rows = []
    for q in summary.questions:
        counts = dict(q.statuses)
        stack = stacked_bar([(status, count, STATUS_COLOR[status]) for status, count in q.statuses])
        rows.append(f'<tr><td><a href="#{_question_anchor(q.id)}">{escape(q.id)}</a></td><td>{escape(q.title)}</td>'
                    f'<td class="num">{q.points:g}</td><td class="num">{_num(q.mean)}</td><td>{stack}</td>'
                    f'<td class="num">{counts["correct"]}</td><td class="num">{counts["partial"]}</td>'
                    f'<td class="num">{counts["incorrect"] + counts["invalid"]}</td><td class="num">{counts["missing"]}</td>'
                    f'<td class="num">{counts["error"]}</td></tr>')
    return ('<h2 id="questions">Questions</h2><table><tr><th>id</th><th>title</th><th class="num">points</th>'
            '<th class="num">mean</th><th>statuses</th><th class="num">correct</th><th class="num">partial</th>'
            '<th class="num">wrong or invalid</th><th class="num">missing</th><th class="num">grader failed</th></tr>'
            + "".join(rows) + "</table>")


def _question(summary: ClassSummary, anchors: dict, q: QuestionSummary) -> str:
    head = (f'<section class="question" id="{_question_anchor(q.id)}"><h2>{escape(q.id)}: {escape(q.title)}</h2>'
            f'<p class="muted">{q.points:g} points{", " + escape(q.kind) if q.kind else ""}; visibility '
            f'{escape(q.visibility)}; mean {_num(q.mean)}</p>')
    statuses = " ".join(f'<span class="status" style="background:{STATUS_COLOR[s]}">{escape(s)} {n}</span>'
                        for s, n in q.statuses if n)
    parts = [head, f"<p>{statuses}</p>",
             bar_chart([(b.label, b.count) for b in q.histogram], f"Scores on {q.id}", f"score on {q.id}", width=420)]
    if q.matches:
        rows = "".join(f'<tr><td>{escape(m.label)}</td><td>{escape(m.detail)}</td>'
                       f'<td class="num">{"" if m.score is None else f"{m.score:g}"}</td>'
                       f'<td class="num">{len(m.submissions)}</td>'
                       f'<td>{", ".join(_link(anchors, s) for s in m.submissions) or "none"}</td></tr>'
                       for m in q.matches)
        parts.append("<h3>Partial-credit rules and accepted alternatives</h3><table><tr><th>which</th><th>what</th>"
                     f'<th class="num">score</th><th class="num">matched</th><th>submissions</th></tr>{rows}</table>')
    if q.clusters:
        how = "clustered by equivalence (the engine proved or sampled them equal)" if summary.equivalence and q.kind == "expression" \
            else "grouped by their exact text"
        rows = "".join(_cluster_row(anchors, q, c) for c in q.clusters[:CLUSTERS_SHOWN])
        more = len(q.clusters) - CLUSTERS_SHOWN
        note = f'<p class="muted">and {more} smaller clusters.</p>' if more > 0 else ""
        parts.append(f"<h3>Most common wrong answers</h3><p class=\"muted\">Answers not given full marks, {how}.</p>"
                     '<table><tr><th class="num">count</th><th>answer</th><th>score</th><th>feedback</th><th>submissions</th></tr>'
                     f"{rows}</table>{note}")
    if q.texts:
        rows = "".join(f"<tr><td>{_link(anchors, t.submission)}</td><td>{escape(t.text)}</td>"
                       f"<td>{escape(t.feedback)}</td><td class=\"num\">{f'{t.score:g}' if t.graded else 'not yet'}</td></tr>"
                       for t in q.texts)
        parts.append("<h3>Free-text answers to grade by hand</h3><table><tr><th>submission</th><th>answer</th>"
                     f'<th>note</th><th class="num">score</th></tr>{rows}</table>')
    return "".join(parts) + "</section>"


def _cluster_row(anchors: dict, q: QuestionSummary, cluster) -> str:
    shown = to_mathml(cluster.expression) if cluster.expression is not None else f"<code>{escape(cluster.texts[0])}</code>"
    spellings = ""
    if len(cluster.texts) > 1:
        listed = "".join(f"<li><code>{escape(t)}</code></li>" for t in cluster.texts)
        spellings = f"<details><summary>{len(cluster.texts)} spellings</summary><ul>{listed}</ul></details>"
    scores = sorted(set(cluster.scores))
    feedback = "".join(f"<div>{escape(text)}{f' <span class=muted>({n})</span>' if len(cluster.feedback) > 1 else ''}</div>"
                       for text, n in cluster.feedback)
    links = ", ".join(_link(anchors, s) for s in cluster.submissions)
    return (f'<tr><td class="num">{cluster.count}</td><td class="answer">{shown}{spellings}</td>'
            f'<td>{", ".join(f"{s:g}" for s in scores)} / {q.points:g} ({escape(", ".join(cluster.statuses))})</td>'
            f"<td>{feedback}</td><td>{links}</td></tr>")


def _submission(summary: ClassSummary, anchors: dict, result: SubmissionResult) -> str:
    view = student_view(result, published=True)
    rows = []
    for q in view.shown.questions:
        tree = summary.expressions.get((q.id, q.answer)) if q.answer else None
        answer = to_mathml(tree) if tree is not None else (f"<code>{escape(q.answer)}</code>" if q.answer else "")
        later = ' <span class="muted">(after publishing)</span>' if q.visibility == "after_published" else ""
        rows.append(f'<tr><td>{escape(q.id)}{later}</td><td class="num">{q.score:g}/{q.max_score:g}</td>'
                    f'<td><span class="status" style="background:{STATUS_COLOR[q.status.value]}">{escape(q.status.value)}</span></td>'
                    f'<td class="answer">{answer}</td><td>{escape(q.feedback)}</td><td class="muted">{escape(q.method)}</td></tr>')
    errors = "".join(f"<pre>{escape(e)}</pre>" for e in view.shown.errors)
    hidden = f'<p class="muted">{view.hidden} hidden question(s) not shown to the student.</p>' if view.hidden else ""
    return (f'<section class="submission" id="{anchors[result.submission]}">'
            f"<h3>{escape(result.submission)}: {result.score:g} / {result.max_score:g}</h3>"
            f"{'<p>Problems running the file:</p>' + errors if errors else ''}"
            '<table><tr><th>question</th><th class="num">score</th><th>status</th><th>answer</th><th>feedback</th>'
            f'<th>how it was decided</th></tr>{"".join(rows)}</table>{hidden}</section>')


def _question_anchor(qid: str) -> str:
    return "q-" + re.sub(r"[^A-Za-z0-9_-]", "-", qid)


def _anchors(summary: ClassSummary) -> dict[str, str]:
    """A unique anchor per submission: its position, then its file name made safe."""
    return {r.submission: f"s{i}-" + re.sub(r"[^A-Za-z0-9_-]", "-", r.submission.rsplit("/", 1)[-1])
            for i, r in enumerate(summary.results)}


def _link(anchors: dict, submission: str) -> str:
    return f'<a href="#{anchors[submission]}">{escape(submission.rsplit("/", 1)[-1])}</a>'


def _num(value: float | None, digits: int = 2) -> str:
    """A figure rounded to `digits` decimals without trailing zeros; a dash when there is none."""
    if value is None:
        return "–"
    text = f"{value:.{digits}f}"
    return text.rstrip("0").rstrip(".") if "." in text else text
