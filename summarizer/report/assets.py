"""The report's inline style sheet and script, and the Content Security Policy that admits
exactly these two (by hash) and nothing else."""

from __future__ import annotations

import base64
import hashlib
from html import escape

from summarizer.report.flags import FLAGS_CSS, FLAGS_JS

CSS = """
:root{--fg:#1d2330;--muted:#5c6473;--line:#d8dce3;--bg:#fff;--alt:#f5f7fa;--accent:#2d5fb8;
--read:#9aa5b8;--segment:#c8a24a;--translate:#3f7fd1;--summarize:#3aa37a;--bad:#c8423b;
--good:#2f9e5a;--base:#b9c0cc}
*{box-sizing:border-box}
body{margin:0 auto;max-width:1400px;padding:1rem 1.5rem 4rem;font:15px/1.45 system-ui,
-apple-system,"Segoe UI",Roboto,"Noto Sans KR","Noto Sans CJK KR","Apple SD Gothic Neo",
"Malgun Gothic","맑은 고딕",NanumGothic,"Nanum Gothic",sans-serif;color:var(--fg);
background:var(--bg);word-break:keep-all}
h1{font-size:1.5rem;margin:.2rem 0}h2{font-size:1.2rem;margin:1.6rem 0 .4rem}
h3{font-size:1rem;margin:.8rem 0 .2rem}
a{color:var(--accent)}small,.meta{color:var(--muted)}
code{font-size:.85em;word-break:break-all}
.notes{background:#fff6df;border:1px solid #ecd38f;padding:.4rem 1.6rem;border-radius:4px}
table{border-collapse:collapse;width:100%}
th,td{border-bottom:1px solid var(--line);padding:.25rem .45rem;text-align:left;vertical-align:top;
overflow-wrap:anywhere}
thead th{background:var(--alt);position:sticky;top:0;z-index:1;white-space:nowrap}
#articles td[data-v]{text-align:right;font-variant-numeric:tabular-nums;white-space:nowrap}
#index .wide{overflow:auto;max-height:85vh;border-bottom:1px solid var(--line)}
#articles td:nth-child(2){min-width:11rem}
#articles td.summary{min-width:15rem}
#articles .clamp{display:-webkit-box;-webkit-box-orient:vertical;-webkit-line-clamp:3;
line-clamp:3;overflow:hidden}
#articles tr.failed td{color:var(--bad)}
#articles th button{all:unset;cursor:pointer}
#articles th[aria-sort=ascending] button::after{content:" ▲"}
#articles th[aria-sort=descending] button::after{content:" ▼"}
#controls{display:flex;gap:1rem;align-items:center;flex-wrap:wrap;margin:.4rem 0}
#controls[hidden]{display:none}
.charts{display:flex;gap:2rem;flex-wrap:wrap}
.chart{margin:0}.chart figcaption{font-weight:600;margin-bottom:.3rem}
.chart small{font-weight:400}
.scroll{max-height:22rem;overflow-y:auto;border:1px solid var(--line);border-radius:4px}
svg text{font-size:11px;fill:var(--muted)}svg .label{text-anchor:end}
svg .grid{stroke:var(--line)}svg a:hover rect{opacity:.75}
.key{display:inline-block;width:.8em;height:.8em;margin:0 .2em 0 .6em;vertical-align:-.05em}
rect.read{fill:var(--read)}.key.read{background:var(--read)}
rect.segment{fill:var(--segment)}.key.segment{background:var(--segment)}
rect.translate{fill:var(--translate)}.key.translate{background:var(--translate)}
rect.summarize{fill:var(--summarize)}.key.summarize{background:var(--summarize)}
rect.baseline{fill:var(--base)}.key.baseline{background:var(--base)}
rect.unchanged{fill:var(--accent)}.key.unchanged{background:var(--accent)}
rect.regression{fill:var(--bad)}.key.regression{background:var(--bad)}
rect.improvement{fill:var(--good)}.key.improvement{background:var(--good)}
td.regression{color:var(--bad)}td.improvement{color:var(--good)}
.article{border-top:2px solid var(--line);margin-top:2rem;content-visibility:auto;
contain-intrinsic-size:auto 900px}
.article h2 .num{color:var(--muted);font-weight:400;margin-right:.3rem}
.article .summary{font-size:1.05rem;background:var(--alt);padding:.5rem .7rem;border-radius:4px}
details{margin:.6rem 0}summary{cursor:pointer;font-weight:600}
.aligned td:first-child{color:var(--muted);width:3.5rem;white-space:nowrap}
.aligned td:nth-child(2),.aligned td:nth-child(3){width:48%}
.aligned tr.para td{border-top:2px solid var(--line)}
.aligned tr.cached td:first-child::after{content:" ●";color:var(--summarize)}
.aligned tr.flagged td{background:#fff4d6}
.aligned .flag{display:block;color:#8a5a00;font-size:.85em}
.removed td:first-child,.removed td:nth-child(2){white-space:nowrap;color:var(--muted);width:5rem}
.fields th{font-weight:400;color:var(--muted);width:18rem}
.scores{width:auto}.scores td{text-align:right;font-variant-numeric:tabular-nums}
.sides{table-layout:fixed}.sides td{width:50%}
[hidden]{display:none!important}
"""

JS = """
(() => {
  const table = document.getElementById("articles");
  if (!table) return;
  const body = table.tBodies[0];
  const rows = Array.from(body.rows);
  const text = document.getElementById("filter");
  const metric = document.getElementById("metric");
  const least = document.getElementById("min");
  const shown = document.getElementById("shown");
  const value = (row, col, numeric) => {
    const cell = row.cells[col];
    const raw = cell.dataset.v ?? cell.textContent.trim();
    return numeric ? (raw === "" ? NaN : Number(raw)) : raw;
  };
  const sort = (th) => {
    const col = th.cellIndex;
    const numeric = th.dataset.type === "num";
    const dir = th.getAttribute("aria-sort") === "ascending" ? -1 : 1;
    for (const other of table.tHead.rows[0].cells) other.removeAttribute("aria-sort");
    th.setAttribute("aria-sort", dir > 0 ? "ascending" : "descending");
    rows.sort((a, b) => {
      const x = value(a, col, numeric), y = value(b, col, numeric);
      if (numeric) {
        if (Number.isNaN(x) || Number.isNaN(y)) return Number.isNaN(x) - Number.isNaN(y);
        return dir * (x - y);
      }
      return dir * x.localeCompare(y);
    });
    body.append(...rows);
  };
  for (const th of table.tHead.rows[0].cells) {
    const button = document.createElement("button");
    button.type = "button";
    button.textContent = th.textContent;
    th.replaceChildren(button);
    button.addEventListener("click", () => sort(th));
  }
  const apply = () => {
    const query = text.value.trim().toLowerCase();
    const col = metric && metric.value ? Number(metric.value) : -1;
    const floor = least && least.value !== "" ? Number(least.value) : NaN;
    let count = 0;
    for (const row of rows) {
      let keep = row.dataset.key.includes(query);
      if (keep && col >= 0 && !Number.isNaN(floor)) {
        const v = value(row, col, true);
        keep = !Number.isNaN(v) && v >= floor;
      }
      row.hidden = !keep;
      const section = row.dataset.target && document.getElementById(row.dataset.target);
      if (section) section.hidden = !keep;
      count += keep;
    }
    shown.textContent = `${count} of ${rows.length} shown`;
  };
  for (const input of [text, metric, least]) if (input) input.addEventListener("input", apply);
  document.getElementById("controls").hidden = false;
  apply();
})();
"""


CSS += FLAGS_CSS
JS += FLAGS_JS


def _hash(source: str) -> str:
    digest = hashlib.sha256(source.encode("utf-8")).digest()
    return f"'sha256-{base64.b64encode(digest).decode('ascii')}'"


def policy(script: str) -> str:
    """The Content Security Policy admitting the style sheet and `script`, nothing else."""
    return (
        f"default-src 'none'; style-src {_hash(CSS)}; "
        f"script-src {_hash(script)}; img-src data:; "
        "base-uri 'none'; form-action 'none'"
    )


# Bidirectional controls in a name or a model's output could make text display in another
# order than it is read in; the page shows none.
_BIDI_CONTROLS = dict.fromkeys(map(ord, "\u061c\u200e\u200f\u202a\u202b\u202c\u202d\u202e"))
_BIDI_CONTROLS |= dict.fromkeys(map(ord, "\u2066\u2067\u2068\u2069"))


def without_bidi(text: str) -> str:
    """`text` without bidirectional controls."""
    return text.translate(_BIDI_CONTROLS)


def page_head(title: str, script: str = JS) -> str:
    """A page up to its body: the policy for `script`, the style sheet, the title."""
    title = without_bidi(title)
    return (
        "<!DOCTYPE html>\n"
        '<html lang="en"><head><meta charset="utf-8">'
        f'<meta http-equiv="Content-Security-Policy" content="{escape(policy(script))}">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        '<link rel="icon" href="data:,">'
        f"<title>{escape(title)}</title><style>{CSS}</style></head>\n<body>"
    )


def page_tail(script: str = JS) -> str:
    return f"<script>{script}</script></body></html>\n"


def html_page(title: str, body: str, script: str = JS) -> str:
    """A whole page: the policy, the style sheet, `body` (already escaped) and `script`,
    without bidirectional controls."""
    return page_head(title, script) + without_bidi(body) + page_tail(script)
