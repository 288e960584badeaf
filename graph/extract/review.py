"""The review page: the report with every mention highlighted and linked to its draft record;
ambiguous and new (not yet in the graph) names first. One self-contained HTML file."""

from collections import defaultdict
from html import escape
from pathlib import Path

import yaml

from graph.extract.build import Extraction
from graph.extract.records import Ref

STYLE = """
body{font:14px/1.5 system-ui,sans-serif;margin:0;color:#222}
header{background:#1f3b57;color:#fff;padding:12px 20px}
header h1{font-size:18px;margin:0}
main{display:grid;grid-template-columns:minmax(0,3fr) minmax(0,2fr);gap:16px;padding:16px}
section{margin-bottom:18px}
h2{font-size:15px;border-bottom:1px solid #ccc;padding-bottom:4px}
.report{font:13px/1.45 ui-monospace,monospace;white-space:pre-wrap;word-break:break-word}
.ln{color:#999;display:inline-block;width:5em;user-select:none}
mark{padding:0 2px;border-radius:3px}
mark.resolved{background:#cfe8ff} mark.new{background:#ffe7a3}
mark.ambiguous{background:#ffc2c2} mark.country{background:#e2f2d9}
mark a{color:inherit;text-decoration:none}
.record{border:1px solid #ddd;border-radius:4px;margin:6px 0;padding:6px 8px;background:#fafafa}
.record:target{outline:3px solid #f0a500}
.record pre{margin:4px 0 0;font-size:12px;white-space:pre-wrap}
.check li{margin:2px 0} .tag{font-size:11px;padding:0 5px;border-radius:3px;background:#eee}
.legend mark{margin-right:6px}
"""


def _anchor(record: str) -> str:
    return "r-" + record.replace("/", "-")


def _line_html(text: str, refs: list[Ref]) -> str:
    out, pos = [], 0
    for r in sorted(refs, key=lambda r: r.start):
        if r.start < pos:
            continue
        out.append(escape(text[pos : r.start]))
        cls = "country" if r.record.startswith("countries/") else r.status
        title = ", ".join(r.candidates) if r.candidates else r.record
        inner = escape(text[r.start : r.end])
        if r.status == "ambiguous":
            out.append(f'<mark class="{cls}" title="ambiguous: {escape(title)}">{inner}</mark>')
        else:
            out.append(
                f'<mark class="{cls}" title="{escape(title)}">'
                f'<a href="#{_anchor(r.record)}">{inner}</a></mark>'
            )
        pos = r.end
    out.append(escape(text[pos:]))
    return "".join(out)


def _records(data: dict) -> list[tuple[str, str, dict]]:
    rows = []
    for section in ("actors", "partnerships", "agreements", "events"):
        for rec in data.get(section) or []:
            rows.append((section, f"{section}/{rec['id']}", rec))
    return rows


def render_review(result: Extraction) -> str:
    data, draft = result.data, result.draft
    by_line: dict[int, list[Ref]] = defaultdict(list)
    for r in draft.refs:
        by_line[id(r.line)].append(r)
    ambiguous = [r for r in draft.refs if r.status == "ambiguous"]
    new = [e for e in draft.entities.values() if not e.known]
    check = []
    for r in ambiguous:
        check.append(
            f'<li><span class="tag">ambiguous</span> {escape(r.text)} '
            f"({escape(r.line.locator)}): {escape(', '.join(r.candidates))}</li>"
        )
    for e in sorted(new, key=lambda e: e.lines[0].number if e.lines else 0):
        check.append(
            f'<li><span class="tag">new {escape(e.type)}</span> '
            f'<a href="#{_anchor(f"{e.type}s/{e.id}")}">{escape(e.name)}</a> '
            f"({escape(e.locator(1))}; proposed id <code>{escape(e.id)}</code>, "
            f"kind {escape(e.kind)}, country {escape(e.country or '?')})</li>"
        )
    lines_html = []
    page = None
    for line in result.document.lines:
        if line.page != page and line.page is not None:
            page = line.page
            lines_html.append(f'<div class="ln">page {page}</div>')
        lines_html.append(
            f'<div id="l-{escape(line.locator.replace(", ", "-").replace(" ", ""))}">'
            f'<span class="ln">{line.number}{f"–{line.last}" if line.last else ""}</span>'
            f"{_line_html(line.text, by_line[id(line)])}</div>"
        )
    cards = []
    for section, key, rec in _records(data):
        body = yaml.safe_dump(rec, sort_keys=False, allow_unicode=True, width=90)
        cards.append(
            f'<div class="record" id="{_anchor(key)}"><b>{escape(section[:-1])}</b> '
            f"<code>{escape(rec['id'])}</code><pre>{escape(body)}</pre></div>"
        )
    doc = data["document"]
    counts = ", ".join(
        f"{len(data.get(s) or [])} {s}" for s in ("actors", "partnerships", "agreements", "events")
    )
    return f"""<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Review: {escape(doc["title"])}</title>
<style>{STYLE}</style></head><body>
<header><h1>Review the draft of {escape(doc.get("file", ""))}</h1>
<div>{escape(doc["title"])} — {counts}. Nothing is loaded until you load the draft.</div></header>
<main><div>
<section><h2>Check first: {len(ambiguous)} ambiguous, {len(new)} new names</h2>
<ul class="check">{"".join(check) or "<li>none</li>"}</ul></section>
<section><h2>The report</h2><div class="legend"><mark class="resolved">known</mark>
<mark class="new">new (proposed)</mark><mark class="ambiguous">ambiguous</mark>
<mark class="country">country</mark></div>
<div class="report">{"".join(lines_html)}</div></section>
</div><div><section><h2>Draft records</h2>{"".join(cards)}</section></div></main>
</body></html>
"""


def write_review(path: Path, result: Extraction) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(render_review(result), encoding="utf-8")
