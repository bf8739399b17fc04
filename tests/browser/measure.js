// Injected (into a copy of the report only) to measure what Chromium drew; the result is written
// into the page as JSON, which --dump-dom then returns. All SVG boxes are in the picture's units.
(function () {
  const inside = (el) => el.closest(".picture, .table-scroll");
  const box = (el) => { const b = el.getBBox(); return [b.x, b.y, b.width, b.height]; };
  const shown = (el) => { const b = el.getBoundingClientRect(); return b.width > 0 && b.height > 0; };
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
  // The pictures the reader sees at this width (each is drawn wide and narrow; CSS hides one).
  // The narrow timeline is a few pictures, one under the other (each of a few years).
  const svgs = [...document.querySelectorAll(".picture > svg")].filter(shown);
  const timelines = svgs.filter((s) => s.classList.contains("timeline"));
  const healths = svgs.filter((s) => s.classList.contains("health"));
  // Text as the reader sees it: its font size times the scale the picture is drawn at.
  const texts = [];
  for (const svg of svgs) {
    for (const t of svg.querySelectorAll("text")) {
      const words = [...t.childNodes].filter((n) => n.nodeName !== "title").map((n) => n.textContent).join(" ").trim();
      if (!words) continue;
      const scale = t.getScreenCTM().a;
      texts.push({ text: words, px: Math.round(parseFloat(getComputedStyle(t).fontSize) * scale * 100) / 100 });
    }
  }
  for (const el of document.querySelectorAll("ul.legend li span, p.note")) {
    if (shown(el)) texts.push({ text: el.textContent.trim(), px: parseFloat(getComputedStyle(el).fontSize) });
  }
  texts.sort((a, b) => a.px - b.px);
  const result = {
    viewport: width,
    page_width: document.documentElement.scrollWidth,
    overflow: overflow.slice(0, 20),
    dates: document.querySelectorAll(".date, td.date").length,
    wrapped_dates: wrapped,
    shown: svgs.map((s) => s.getAttribute("class")),
    pictures: svgs.map((svg) => {
      const box = svg.parentElement, frame = box.getBoundingClientRect(), drawn = svg.getBoundingClientRect();
      return {
        picture: svg.getAttribute("class"),
        years: svg.dataset.years || null,
        scrolls: box.scrollWidth > box.clientWidth + 0.5,
        inside: drawn.left >= frame.left - 0.5 && drawn.right <= frame.right + 0.5,
        right: Math.round(frame.right),
        scale: Math.round(svg.getScreenCTM().a * 1000) / 1000,
      };
    }),
    smallest_text: texts.slice(0, 5),
    lanes: timelines.flatMap((svg, picture) => [...svg.querySelectorAll("g.lane")].map((g) => ({
      picture: picture,
      slug: g.dataset.channel,
      label: [...g.querySelectorAll(".lane-label tspan")].map((t) => t.textContent).filter(Boolean).join(" "),
      label_box: box(g.querySelector(".lane-label")),
      label_right: Number(svg.dataset.labelRight),
      bars: [...g.querySelectorAll("rect.span")].map(box),
      marks: [...g.querySelectorAll("g.mark")].map((m) => ({ kind: m.dataset.mark, box: box(m), link: m.closest("a") ? m.closest("a").getAttribute("href") : null })),
      windows: [...g.querySelectorAll("g.window")].map((w) => ({ kind: w.dataset.mark, box: box(w) })),
    }))),
    ids: [...document.querySelectorAll("[id]")].map((e) => e.id),
    used: [...new Set(timelines.flatMap((svg) => [...svg.querySelectorAll("[data-mark]")].map((e) => e.dataset.mark)))],
    legend: [...document.querySelectorAll("ul.legend li")].map((li) => {
      const b = li.getBoundingClientRect();
      return { kind: li.dataset.mark, text: li.textContent.trim(), visible: b.width > 0 && b.height > 0 && b.right <= width + 0.5 };
    }),
    health: healths.flatMap((svg) => [...svg.querySelectorAll("g.pair")].map((g) => ({
      pair: g.dataset.pair,
      box: box(g),
      width: svg.viewBox.baseVal.width,
      active: g.querySelectorAll("rect.active").length,
      suspended: g.querySelectorAll("rect.suspended").length,
      meetings: g.querySelectorAll("rect.meetings").length,
    }))),
    health_text: healths.length && healths[0].querySelector("desc") ? healths[0].querySelector("desc").textContent : null,
    health_tables: document.querySelectorAll("table.health-table").length,
  };
  // Measured in a frame of the width asked for: the answer goes to the page holding the frame.
  const host = window.parent.document;
  const out = host.createElement("pre");
  out.id = "measurements";
  out.textContent = JSON.stringify(result);
  host.body.appendChild(out);
})();
