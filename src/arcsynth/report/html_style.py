"""The report's stylesheet, inlined into the page (no fetched fonts or files)."""

from __future__ import annotations

from arcsynth.report.terminal import ARC_PALETTE

__all__ = ["report_css"]

_BASE_CSS = """
:root { --cell: 12px; --line: #d0d4da; --fg: #1c2430; --muted: #66707c; --bg: #f5f6f8;
        --ok: #1e8e3e; --bad: #c5221f; --near: #b06000; --unknown: #5f6368; }
* { box-sizing: border-box; }
body { margin: 0; font: 14px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif;
       color: var(--fg); background: var(--bg); }
header.top { background: #fff; border-bottom: 1px solid var(--line); padding: 16px 24px; }
h1 { margin: 0 0 8px; font-size: 20px; }
.summary { display: grid; grid-template-columns: repeat(auto-fill, minmax(170px, 1fr)); gap: 8px 16px; }
.summary div { background: var(--bg); border-radius: 6px; padding: 6px 10px; }
.summary dt { color: var(--muted); font-size: 12px; }
.summary dd { margin: 0; font-weight: 600; word-break: break-all; }
.headline dd { font-size: 20px; }
nav.controls { position: sticky; top: 0; z-index: 2; background: #fff; border-bottom: 1px solid var(--line);
               padding: 8px 24px; display: flex; flex-wrap: wrap; gap: 8px; align-items: center; }
nav.controls button { border: 1px solid var(--line); background: #fff; border-radius: 14px; padding: 4px 12px;
                      cursor: pointer; font: inherit; }
nav.controls button[aria-pressed="true"] { background: var(--fg); color: #fff; border-color: var(--fg); }
nav.controls form { margin-left: auto; display: flex; gap: 4px; }
nav.controls input { font: inherit; padding: 3px 6px; border: 1px solid var(--line); border-radius: 4px; }
#shown { color: var(--muted); }
#jump-error { color: var(--bad); }
main { padding: 16px 24px; display: flex; flex-direction: column; gap: 16px; }
.note-box { background: #fff8e1; border: 1px solid #f0d98c; padding: 8px 12px; border-radius: 6px; }
article.card { background: #fff; border: 1px solid var(--line); border-left: 6px solid var(--unknown);
               border-radius: 6px; padding: 12px 16px; content-visibility: auto; contain-intrinsic-size: auto 420px; }
article.card[data-outcome="solved"] { border-left-color: var(--ok); }
article.card[data-outcome="partial"], article.card[data-outcome="failed"],
article.card[data-outcome="error"], article.card[data-outcome="missing"] { border-left-color: var(--bad); }
article.card[data-near-miss="true"] { border-left-color: var(--near); }
article.card.flash { outline: 3px solid #1a73e8; }
.card h2 { display: inline; font-size: 16px; margin: 0 8px 0 0; font-family: ui-monospace, monospace; }
.card .facts { color: var(--muted); }
.badge { display: inline-block; border-radius: 10px; padding: 0 8px; font-size: 12px; color: #fff;
         background: var(--unknown); margin-right: 6px; }
.badge.solved { background: var(--ok); }
.badge.partial, .badge.failed, .badge.error, .badge.missing { background: var(--bad); }
.badge.near { background: var(--near); }
.errmsg { color: var(--bad); font-family: ui-monospace, monospace; white-space: pre-wrap; margin: 6px 0; }
.card h3 { font-size: 13px; color: var(--muted); margin: 10px 0 4px; font-weight: 600; }
.row { display: flex; flex-wrap: wrap; gap: 14px; align-items: flex-start; }
.pair { display: flex; gap: 6px; align-items: center; padding: 4px; border: 1px dashed var(--line); border-radius: 4px; }
.arrow { color: var(--muted); }
figure.g { margin: 0; }
figure.g figcaption { font-size: 12px; color: var(--muted); margin-bottom: 2px; }
figure.g .dim { margin-left: 6px; color: #9aa0a6; }
figure.g .note { display: block; font-size: 11px; color: var(--bad); }
.cells { display: grid; grid-template-columns: repeat(var(--w), var(--cell)); grid-auto-rows: var(--cell);
         gap: 1px; background: #555; border: 1px solid #555; width: max-content; }
.cells b { display: block; width: var(--cell); height: var(--cell); }
.cells b.x { box-shadow: inset 0 0 0 1px #000, inset 0 0 0 2px #fff; background-image:
             linear-gradient(45deg, transparent 42%, #fff 42%, #fff 58%, transparent 58%); }
.v { border-radius: 8px; padding: 0 6px; color: #fff; font-size: 11px; }
.v.right { background: var(--ok); }
.v.wrong { background: var(--bad); }
.attempt { display: flex; flex-direction: column; gap: 4px; max-width: 420px; }
pre.program { margin: 0; background: #f1f3f4; padding: 6px 8px; border-radius: 4px; font-size: 12px;
              white-space: pre-wrap; word-break: break-word; }
.test { border-top: 1px solid #eceff1; padding-top: 6px; margin-top: 6px; }
section.chart, section.overview { background: #fff; border: 1px solid var(--line); border-radius: 6px;
                                  padding: 12px 16px; }
section.chart img { max-width: min(100%, 860px); height: auto; display: block; }
section.overview h2 { font-size: 16px; margin: 0 0 8px; }
#overview { border-collapse: collapse; width: 100%; font-size: 13px; }
#overview th, #overview td { border-bottom: 1px solid #eceff1; padding: 3px 8px; text-align: left;
                             vertical-align: middle; }
#overview td.num { text-align: right; font-variant-numeric: tabular-nums; }
#overview td:first-child { font-family: ui-monospace, monospace; }
#overview th button { font: inherit; font-weight: 600; border: 0; background: none; padding: 0; cursor: pointer;
                      color: var(--fg); }
#overview th[aria-sort="ascending"] button::after { content: " \\25B2"; }
#overview th[aria-sort="descending"] button::after { content: " \\25BC"; }
#overview tr[hidden] { display: none; }
#overview thead th { position: sticky; top: var(--nav-height, 0px); background: #fff; z-index: 1; }
td.thumbs { display: flex; gap: 4px; align-items: center; }
canvas.thumb { image-rendering: pixelated; border: 1px solid #555; }
a.arc-link { margin-left: 8px; font-size: 12px; }
"""


def report_css() -> str:
    """The whole stylesheet: the base rules plus one class per ARC color."""
    palette = "\n".join(f".c{index} {{ background: {color}; }}" for index, color in enumerate(ARC_PALETTE))
    return _BASE_CSS + palette + "\n"
