// One file's card (plot, ranked classes, evidence) and the pieces of the batch table, built with DOM calls only
// (no innerHTML of server text: file names and labels are shown as text).
"use strict";

const View = (() => {
  function el(tag, props, ...children) {
    const e = document.createElement(tag);
    for (const [k, v] of Object.entries(props || {})) {
      if (k === "class") e.className = v; else if (k === "text") e.textContent = v; else e.setAttribute(k, v);
    }
    for (const c of children) if (c !== null && c !== undefined) e.append(c);
    return e;
  }

  const pct = p => (p === null || p === undefined) ? "–" : (100 * p).toFixed(1) + " %";
  const num = (v, digits) => (v === null || v === undefined) ? "–" : (+v).toFixed(digits);

  // The best indexed cell of an answer, as one short line (null when the model did not index).
  function bestCell(r) {
    const ix = r.evidence && r.evidence.indexing;
    if (!ix || !ix.length) return null;
    const c = ix[0], x = c.extinctionSymbols && c.extinctionSymbols[0];
    return c.lattice + " a=" + num(c.a, 4) + " b=" + num(c.b, 4) + " c=" + num(c.c, 4) + " α=" + num(c.alpha, 2) + " β=" + num(c.beta, 2) + " γ=" + num(c.gamma, 2)
      + (x ? ", " + x.symbol : "");
  }

  function bars(title, ranked, id) {
    const box = el("div", { class: "level", id });
    box.append(el("h4", { text: title }));
    if (!ranked || !ranked.length) { box.append(el("p", { class: "hint", text: "not ranked by this model" })); return box; }
    for (const c of ranked) {
      const fill = el("div", { class: "fill" });
      fill.style.width = Math.max(0, Math.min(100, 100 * (c.probability || 0))).toFixed(1) + "%";
      box.append(el("div", { class: "bar" }, el("span", { text: c.label }), el("div", { class: "track" }, fill), el("span", { class: "p", text: pct(c.probability) })));
    }
    return box;
  }

  function row(table, key, value) { table.append(el("tr", {}, el("td", { text: key }), el("td", { text: value }))); }

  // The evidence: what the model looked at and found, one row per fact.
  function evidence(r, id) {
    const t = el("table", { id });
    const e = r.evidence || {};
    if (r.coveredDegrees) row(t, "2θ covered", num(r.coveredDegrees[0], 2) + "–" + num(r.coveredDegrees[1], 2) + "°");
    if (r.preprocessing) row(t, "cleaning", r.preprocessing.join("; "));
    if (e.searchMatch) for (const n of e.searchMatch.neighbours)
      row(t, "reference " + n.reference, n.lattice + ", SG " + n.spaceGroup + ", cosine " + num(n.cosine, 3) + ", d × " + num(n.dScale, 4) + ", cell change " + pct(n.cellChange));
    if (e.peaks) row(t, "peaks", e.peaks.length + " found; strongest at 2θ " + e.peaks.slice(0, 6).map(p => num(p.twoThetaDegrees, 3)).join(", ") + "°");
    if (e.indexing) for (const c of e.indexing)
      row(t, "cell " + c.lattice, "a=" + num(c.a, 4) + " b=" + num(c.b, 4) + " c=" + num(c.c, 4) + " Å, α=" + num(c.alpha, 2) + " β=" + num(c.beta, 2) + " γ=" + num(c.gamma, 2)
        + "°, V=" + num(c.volume, 2) + " Å³, M20=" + num(c.m20, 1) + ", " + c.indexedLines + "/" + c.peaksUsed + " lines"
        + (c.extinctionSymbols && c.extinctionSymbols.length ? "; extinction " + c.extinctionSymbols.map(x => x.symbol + " " + pct(x.probability)).join(", ") : ""));
    if (e.neural) row(t, "network alone", e.neural.bravaisLattice.map(c => c.label + " " + pct(c.probability)).join(", "));
    if (e.uncalibrated) row(t, "before calibration", e.uncalibrated.map(c => c.label + " " + pct(c.probability)).join(", "));
    if (!t.rows.length) row(t, "evidence", "this model reports none");
    return t;
  }

  // The card of answer i: heading, plot with legend, bars of three levels, evidence.
  function card(i, r) {
    const box = el("article", { class: "card", id: "card-" + i });
    const head = el("h3", { text: (i + 1) + ". " + r.file });
    if (r.error) {
      box.append(head, el("p", { class: "error", id: "error-" + i, text: r.error }));
      return box;
    }
    head.append(el("span", { class: "answer", text: r.prediction + " " + pct(r.probability) }));
    box.append(head);
    if (r.plot) {
      const canvas = el("canvas", { class: "plot", id: "plot-" + i, role: "img", "aria-label": "pattern of " + r.file });
      const legend = el("div", { class: "legend" });
      for (const item of Plot.legend(r.plot)) {
        const swatch = el("i"); swatch.style.background = item.color;
        legend.append(el("span", {}, swatch, item.text));
      }
      box.append(canvas, legend);
      requestAnimationFrame(() => Plot.draw(canvas, r.plot));
    }
    const levels = r.levels || {};
    box.append(el("div", { class: "columns" },
      el("div", { class: "bars", id: "bars-" + i },
        bars("Crystal system", levels.crystalSystem, "bars-" + i + "-system"),
        bars("Bravais lattice", levels.bravaisLattice, "bars-" + i + "-lattice"),
        bars("Space group", levels.spaceGroup, "bars-" + i + "-group")),
      el("div", { class: "evidence" }, el("h4", { text: "Evidence" }), evidence(r, "evidence-" + i))));
    return box;
  }

  // The batch table's row for answer i.
  function resultRow(i, r) {
    const tr = el("tr", { id: "row-" + i, "data-file": r.file });
    const cells = r.error
      ? [String(i + 1), r.file, { text: r.error, class: "error", span: 6 }]
      : [String(i + 1), r.file, r.prediction, { text: pct(r.probability), class: "num" }, r.crystalSystem || "–",
         r.spaceGroup === null || r.spaceGroup === undefined ? "–" : String(r.spaceGroup), r.closestReference || "–", bestCell(r) || "–"];
    for (const c of cells) {
      const td = typeof c === "string" ? el("td", { text: c }) : el("td", { text: c.text, class: c.class });
      if (c.span) td.colSpan = c.span;
      tr.append(td);
    }
    tr.addEventListener("click", () => document.getElementById("card-" + i).scrollIntoView({ behavior: "smooth" }));
    return tr;
  }

  return { el, card, resultRow, bestCell, redraw: (i, r) => { const c = document.getElementById("plot-" + i); if (c && r.plot) Plot.draw(c, r.plot); } };
})();
