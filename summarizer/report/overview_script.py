"""The overview page's script: sorts and filters the index of every article, whose rows sit in
the page as JSON, and shows INDEX_ROWS of them at a time."""

INDEX_ROWS = 100

OVERVIEW_JS = """
(() => {
  const data = JSON.parse(document.getElementById("index-data").textContent);
  const table = document.getElementById("articles");
  const pages = table.dataset.pages;
  const metrics = JSON.parse(table.dataset.metrics);
  const body = table.tBodies[0];
  const get = (id) => document.getElementById(id);
  const names = ["filter", "which", "metric", "min", "shown"];
  const [text, which, metric, least, shown] = names.map(get);
  const [prev, next] = [get("prev"), get("next")];
  const SIZE = INDEX_ROWS;
  for (const r of data) r.key = `${r[2]} ${r[1]}`.toLowerCase();
  const keys = [0, "key", 3, 4, 5, 7, 8].map((i) => (r) => r[i]);
  for (const m of metrics) keys.push((r) => r[12][m] ?? null);
  keys.push((r) => r[9]);
  let rows = data, start = 0, order = null;
  const page = (n) => `${pages}page-${String(n).padStart(4, "0")}.html`;
  const cell = (tr, value, number) => {
    const td = tr.insertCell();
    td.textContent = value ?? "";
    if (number) td.dataset.v = value ?? "";
    return td;
  };
  const line = (r) => {
    const tr = document.createElement("tr");
    cell(tr, r[0], true);
    const title = tr.insertCell();
    const link = document.createElement("a");
    link.href = r[11] === null ? `${page(r[10])}#a-${r[0]}` : page(r[10]);
    link.textContent = r[2];
    const stem = document.createElement("small");
    stem.textContent = r[1];
    title.append(link, document.createElement("br"), stem);
    if (r[11] !== null) {
      tr.className = "failed";
      for (let i = 0; i < 5 + metrics.length; i++) tr.insertCell();
      cell(tr, `failed: ${r[11]}`);
      return tr;
    }
    cell(tr, r[3], true);
    cell(tr, r[4].toLocaleString(), true);
    cell(tr, r[5].toFixed(2), true);
    cell(tr, r[6], true);
    cell(tr, r[8] || "–", true);
    for (const m of metrics) {
      const v = r[12][m];
      cell(tr, v === undefined ? "" : v.toFixed(3), true);
    }
    const summary = tr.insertCell();
    summary.className = "summary";
    const clamp = document.createElement("div");
    clamp.className = "clamp";
    clamp.textContent = r[9];
    summary.append(clamp);
    return tr;
  };
  const draw = () => {
    const part = rows.slice(start, start + SIZE);
    body.replaceChildren(...part.map(line));
    const n = (x) => x.toLocaleString("en-US");
    const all = rows.length < data.length ? ` (${n(data.length)} in all)` : "";
    shown.textContent = rows.length
      ? `${n(start + 1)}–${n(start + part.length)} of ${n(rows.length)}${all}`
      : `none of ${n(data.length)}`;
    prev.disabled = start === 0;
    next.disabled = start + SIZE >= rows.length;
  };
  const apply = () => {
    const query = text.value.trim().toLowerCase();
    const col = metric && metric.value ? metric.value : null;
    const floor = least && least.value !== "" ? Number(least.value) : NaN;
    rows = data.filter((r) =>
      r.key.includes(query) &&
      (which.value !== "failed" || r[11] !== null) &&
      (which.value !== "flagged" || r[8] > 0) &&
      (col === null || Number.isNaN(floor) || (r[12][col] ?? -Infinity) >= floor));
    if (order) rows.sort(order);
    start = 0;
    draw();
  };
  for (const [col, th] of Array.from(table.tHead.rows[0].cells).entries()) {
    const button = document.createElement("button");
    button.type = "button";
    button.textContent = th.textContent;
    th.replaceChildren(button);
    button.addEventListener("click", () => {
      const dir = th.getAttribute("aria-sort") === "ascending" ? -1 : 1;
      for (const other of table.tHead.rows[0].cells) other.removeAttribute("aria-sort");
      th.setAttribute("aria-sort", dir > 0 ? "ascending" : "descending");
      const key = keys[col];
      order = (a, b) => {
        const x = key(a), y = key(b);
        if (x === null || y === null) return (x === null) - (y === null);
        if (typeof x === "number") return dir * (x - y);
        return x < y ? -dir : x > y ? dir : 0;
      };
      apply();
    });
  }
  for (const input of [text, which, metric, least]) {
    if (input) for (const kind of ["input", "change"]) input.addEventListener(kind, apply);
  }
  prev.addEventListener("click", () => { start = Math.max(0, start - SIZE); draw(); });
  next.addEventListener("click", () => { start += SIZE; draw(); });
  get("controls").hidden = false;
  apply();
})();
""".replace("INDEX_ROWS", str(INDEX_ROWS))
