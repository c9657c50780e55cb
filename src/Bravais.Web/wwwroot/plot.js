// The pattern plot, drawn by hand on a <canvas>. A chart library would have to be vendored into the assembly (the
// page must work offline and loads nothing from another origin) and kept up to date, for what is here one line, one
// dashed line, markers and two rows of sticks on a linear axis: about 150 lines of plain canvas code.
"use strict";

const Plot = (() => {
  const colors = { measured: "#1d2430", background: "#e07a10", peaks: "#c0262d", ticks: "#1a7f37", reference: "#7a3db8", grid: "#e3e7ec", text: "#5b6470" };

  function niceStep(span, count) {
    const raw = span / Math.max(1, count), mag = Math.pow(10, Math.floor(Math.log10(raw)));
    const f = raw / mag;
    return (f < 1.5 ? 1 : f < 3.5 ? 2 : f < 7.5 ? 5 : 10) * mag;
  }

  function extent(values) {
    let lo = Infinity, hi = -Infinity;
    for (const v of values) if (v !== null && Number.isFinite(v)) { if (v < lo) lo = v; if (v > hi) hi = v; }
    return [lo, hi];
  }

  // Draws plot (the "plot" member of an /api/predict answer) on canvas; returns the layout for readouts.
  function draw(canvas, plot) {
    const ratio = window.devicePixelRatio || 1;
    const width = canvas.clientWidth || 900, height = canvas.clientHeight || 340;
    canvas.width = Math.round(width * ratio);
    canvas.height = Math.round(height * ratio);
    const g = canvas.getContext("2d");
    g.setTransform(ratio, 0, 0, ratio, 0, 0);
    g.clearRect(0, 0, width, height);
    g.font = "12px system-ui, sans-serif";

    const m = plot.measured;
    const [x0, x1] = extent(m.x);
    const [, yTop] = extent(m.y.concat(plot.background ? plot.background.y : []));
    const yMax = 1.06 * yTop; // room above the tallest peak for its marker
    const left = 62, right = 12, top = 10;
    const hasTicks = !!plot.ticks, hasRef = !!plot.reference;
    const rowTicks = hasTicks ? 16 : 0, rowRef = hasRef ? 34 : 0, axis = 34;
    const mainBottom = height - axis - rowTicks - rowRef;
    const sx = x => left + (x - x0) / (x1 - x0 || 1) * (width - left - right);
    const sy = y => mainBottom - Math.max(0, y) / (yMax || 1) * (mainBottom - top);

    // grid and axes
    g.strokeStyle = colors.grid; g.fillStyle = colors.text; g.lineWidth = 1;
    const xs = niceStep(x1 - x0, 10);
    g.textAlign = "center"; g.textBaseline = "top";
    for (let t = Math.ceil(x0 / xs) * xs; t <= x1 + 1e-9; t += xs) {
      const px = Math.round(sx(t)) + 0.5;
      g.beginPath(); g.moveTo(px, top); g.lineTo(px, height - axis); g.stroke();
      g.fillText(+t.toFixed(6) + "", px, height - axis + 4);
    }
    g.fillText("2θ (°), λ = " + plot.wavelengthAngstrom + " Å" + (plot.radiation ? " (" + plot.radiation + ")" : ""), (left + width - right) / 2, height - 16);
    const ys = niceStep(yMax, 5);
    g.textAlign = "right"; g.textBaseline = "middle";
    for (let t = 0; t <= yMax + 1e-9; t += ys) {
      const py = Math.round(sy(t)) + 0.5;
      g.beginPath(); g.moveTo(left, py); g.lineTo(width - right, py); g.stroke();
      g.fillText(t >= 1e5 ? t.toExponential(1) : +t.toPrecision(6) + "", left - 5, py);
    }
    g.strokeStyle = colors.text;
    g.strokeRect(left + 0.5, top + 0.5, width - left - right, height - axis - top);

    g.save();
    g.beginPath(); g.rect(left, top, width - left - right, height - axis - top); g.clip();
    line(g, m, sx, sy, colors.measured, []);
    if (plot.background) line(g, plot.background, sx, sy, colors.background, [6, 4]);
    if (plot.peaks) {
      g.fillStyle = colors.peaks;
      for (const p of plot.peaks) {
        const px = sx(p.x), py = sy(p.y) - 4;
        g.beginPath(); g.moveTo(px, py); g.lineTo(px - 4, py - 7); g.lineTo(px + 4, py - 7); g.closePath(); g.fill();
      }
    }
    if (hasTicks) {
      g.strokeStyle = colors.ticks; g.lineWidth = 1.5;
      const y0 = mainBottom + 3, y1 = mainBottom + rowTicks - 2;
      for (const t of plot.ticks.x) { const px = sx(t); g.beginPath(); g.moveTo(px, y0); g.lineTo(px, y1); g.stroke(); }
    }
    if (hasRef) {
      const r = plot.reference, [, iMax] = extent(r.intensity);
      g.strokeStyle = colors.reference; g.lineWidth = 1.5;
      const base = mainBottom + rowTicks + rowRef - 2, span = rowRef - 6;
      for (let i = 0; i < r.x.length; i++) {
        const px = sx(r.x[i]);
        g.beginPath(); g.moveTo(px, base); g.lineTo(px, base - Math.max(1.5, r.intensity[i] / (iMax || 1) * span)); g.stroke();
      }
    }
    g.restore();
    return { sx, x0, x1, left, right, width };
  }

  function line(g, series, sx, sy, color, dash) {
    g.strokeStyle = color; g.lineWidth = 1.2; g.setLineDash(dash);
    g.beginPath();
    let pen = false;
    for (let i = 0; i < series.x.length; i++) {
      const x = series.x[i], y = series.y[i];
      if (x === null || y === null) { pen = false; continue; }
      if (pen) g.lineTo(sx(x), sy(y)); else { g.moveTo(sx(x), sy(y)); pen = true; }
    }
    g.stroke(); g.setLineDash([]);
  }

  // The legend's entries for what this plot holds.
  function legend(plot) {
    const items = [["measured", "measured counts"]];
    if (plot.background) items.push(["background", "background (SNIP)"]);
    if (plot.peaks) items.push(["peaks", plot.peaks.length + " fitted peaks"]);
    if (plot.ticks) items.push(["ticks", "ticks of the best cell: " + plot.ticks.label]);
    if (plot.reference) items.push(["reference", "closest reference " + plot.reference.id + " (" + plot.reference.lattice + ", SG " + plot.reference.spaceGroup + ") at its matched d-scale " + plot.reference.dScale.toFixed(4)]);
    return items.map(([key, text]) => ({ color: colors[key], text }));
  }

  return { draw, legend };
})();
