// Injected (into a copy of the report only) to measure what Chromium drew; the result is written
// into the page as JSON, which --dump-dom then returns. All SVG boxes are in the picture's units.
(function () {
  const inside = (el) => el.closest(".picture, .table-scroll");
  const box = (el) => { const b = el.getBBox(); return [b.x, b.y, b.width, b.height]; };
  const width = document.documentElement.clientWidth;
  const overflow = [];
  for (const el of document.body.querySelectorAll("*")) {
    if (el.parentElement && inside(el.parentElement)) continue;  // its container scrolls
    const b = el.getBoundingClientRect();
    if (b.width && (b.right > width + 0.5 || b.left < -0.5)) {
      overflow.push(el.tagName.toLowerCase() + "." + (el.getAttribute("class") || "") + " " + Math.round(b.left) + ".." + Math.round(b.right));
    }
  }
  const wrapped = [];
  for (const el of document.querySelectorAll(".date, td.date")) {
    const range = document.createRange();
    range.selectNodeContents(el);
    const tops = new Set([...range.getClientRects()].filter((r) => r.width > 0).map((r) => Math.round(r.top)));
    if (tops.size > 1) wrapped.push(el.textContent);
  }
  const timeline = document.querySelector("svg.timeline");
  const result = {
    viewport: width,
    page_width: document.documentElement.scrollWidth,
    overflow: overflow.slice(0, 20),
    dates: document.querySelectorAll(".date, td.date").length,
    wrapped_dates: wrapped,
    label_column: timeline ? Number(timeline.dataset.left) : null,
    lanes: [...document.querySelectorAll("svg.timeline g.lane")].map((g) => ({
      slug: g.dataset.channel,
      label: [...g.querySelectorAll(".lane-label tspan")].map((t) => t.textContent).filter(Boolean).join(" "),
      label_box: box(g.querySelector(".lane-label")),
      marks: [...g.querySelectorAll("g.mark")].map((m) => ({ kind: m.dataset.mark, box: box(m) })),
      windows: [...g.querySelectorAll("g.window")].map((w) => ({ kind: w.dataset.mark, box: box(w) })),
    })),
    used: [...new Set([...document.querySelectorAll("svg.timeline [data-mark]")].map((e) => e.dataset.mark))],
    legend: [...document.querySelectorAll("ul.legend li")].map((li) => {
      const b = li.getBoundingClientRect();
      return { kind: li.dataset.mark, text: li.textContent.trim(), visible: b.width > 0 && b.height > 0 && b.right <= width + 0.5 };
    }),
    health: [...document.querySelectorAll("svg.health g.pair")].map((g) => ({
      pair: g.dataset.pair,
      box: box(g),
      active: g.querySelectorAll("rect.active").length,
      suspended: g.querySelectorAll("rect.suspended").length,
      meetings: g.querySelectorAll("rect.meetings").length,
    })),
    health_text: document.querySelector("svg.health desc") ? document.querySelector("svg.health desc").textContent : null,
    health_tables: document.querySelectorAll("table.health-table").length,
  };
  // Measured in a frame of the width asked for: the answer goes to the page holding the frame.
  const host = window.parent.document;
  const out = host.createElement("pre");
  out.id = "measurements";
  out.textContent = JSON.stringify(result);
  host.body.appendChild(out);
})();
