// The page's behaviour: files in (drop or pick), one POST /api/predict per file (two at a time), answers out as the
// batch table and one card per file, downloads of the batch as JSON (the shape of `bravais predict --format json`)
// and TSV.
"use strict";

(() => {
  const $ = id => document.getElementById(id);
  const answers = [];   // by position in the batch: the /api/predict object, or {file, error}
  let limits = null, queued = 0, finished = 0;
  const queue = [];
  let running = 0;
  const parallel = 2;

  fetch("api/health").then(r => r.json()).then(h => {
    limits = h.limits;
    const m = h.model;
    $("model").textContent = "model: " + m.kind + ", " + m.classes + " classes, " + m.instrument + (m.references ? ", with reference patterns" : "")
      + " · uploads up to " + (limits.maxUploadBytes / 1048576).toFixed(0) + " MiB";
    $("wavelength").placeholder = "CuKa, MoKa, 1.5406 … (model: " + m.wavelengthAngstrom + " Å)";
  }).catch(() => { $("model").textContent = "the server does not answer"; $("model").className = "error"; });

  const drop = $("drop");
  for (const type of ["dragenter", "dragover"]) drop.addEventListener(type, e => { e.preventDefault(); drop.classList.add("over"); });
  for (const type of ["dragleave", "drop"]) drop.addEventListener(type, e => { e.preventDefault(); drop.classList.remove("over"); });
  drop.addEventListener("drop", e => add(e.dataTransfer.files));
  $("files").addEventListener("change", e => { add(e.target.files); e.target.value = ""; });
  $("download-json").addEventListener("click", () => save("predictions.json", "application/json", json()));
  $("download-tsv").addEventListener("click", () => save("predictions.tsv", "text/tab-separated-values", tsv()));
  $("clear").addEventListener("click", () => {
    answers.length = 0; queued = finished = 0;
    $("results").tBodies[0].replaceChildren(); $("cards").replaceChildren(); $("batch").hidden = true; status("");
  });
  let resize = null;
  window.addEventListener("resize", () => { clearTimeout(resize); resize = setTimeout(() => answers.forEach((r, i) => r && View.redraw(i, r)), 150); });

  function status(text, error) { $("status").textContent = text; $("status").className = error ? "error" : ""; }

  function add(files) {
    for (const file of Array.from(files)) {
      const index = answers.length;
      answers.push(null);
      queued++;
      if (limits && file.size > limits.maxUploadBytes)
        done(index, { file: file.name, error: "bravais: " + file.name + ": " + (file.size / 1048576).toFixed(1) + " MiB is larger than the server's limit of " + (limits.maxUploadBytes / 1048576).toFixed(0) + " MiB (--max-upload-mb)" });
      else queue.push({ index, file });
    }
    pump();
  }

  function pump() {
    while (running < parallel && queue.length) {
      const job = queue.shift();
      running++;
      send(job.file).then(r => done(job.index, r)).finally(() => { running--; pump(); });
    }
    if (queued > finished) status("classifying: " + finished + " of " + queued + " done…");
  }

  async function send(file) {
    const form = new FormData();
    form.append("file", file, file.name);
    const wavelength = $("wavelength").value.trim();
    if (wavelength) form.append("fallbackWavelength", wavelength);
    try {
      const response = await fetch("api/predict?plot=1&top=5", { method: "POST", body: form });
      const body = await response.json().catch(() => null);
      if (response.ok && Array.isArray(body) && body.length) return body[0];
      return { file: file.name, error: (body && body.error) || ("the server answered " + response.status + " " + response.statusText) };
    } catch (e) {
      return { file: file.name, error: "the request failed: " + e.message };
    }
  }

  function done(index, answer) {
    answers[index] = answer;
    finished++;
    $("batch").hidden = false;
    const body = $("results").tBodies[0], cards = $("cards");
    // keep the table and the cards in batch order whatever order the answers come back in
    const row = View.resultRow(index, answer), card = View.card(index, answer);
    const nextRow = Array.from(body.rows).find(r => +r.id.slice(4) > index) || null;
    body.insertBefore(row, nextRow);
    const nextCard = Array.from(cards.children).find(c => +c.id.slice(5) > index) || null;
    cards.insertBefore(card, nextCard);
    const failed = answers.filter(a => a && a.error).length;
    if (finished === queued) status("done: " + (finished - failed) + " classified" + (failed ? ", " + failed + " could not be read" : ""), failed > 0 && failed === finished);
    else status("classifying: " + finished + " of " + queued + " done…");
  }

  const classified = () => answers.filter(a => a && !a.error);

  // The answers as `bravais predict --format json --top 5` writes them (the page's plot data left out).
  function json() {
    return JSON.stringify(classified().map(a => { const { plot, ...rest } = a; return rest; }), null, 2) + "\n";
  }

  // `predict --format tsv --probabilities --top 3`'s columns, then crystal system, space group, closest reference and best cell.
  function tsv() {
    const top = 3, clean = s => String(s === null || s === undefined ? "" : s).replace(/[\t\r\n]+/g, " ");
    const head = ["file", "prediction", "probability"];
    for (let t = 1; t <= top; t++) head.push("pred_" + t, "prob_" + t);
    head.push("crystal_system", "space_group", "closest_reference", "best_cell");
    const lines = [head.join("\t")];
    for (const a of classified()) {
      const cells = [a.file, a.prediction, a.probability];
      for (let t = 0; t < top; t++) { const c = (a.top || [])[t]; cells.push(c ? c.lattice : "", c ? c.probability : ""); }
      cells.push(a.crystalSystem, a.spaceGroup, a.closestReference, View.bestCell(a));
      lines.push(cells.map(clean).join("\t"));
    }
    return lines.join("\n") + "\n";
  }

  function save(name, type, text) {
    const url = URL.createObjectURL(new Blob([text], { type }));
    const a = View.el("a", { href: url, download: name });
    document.body.append(a); a.click(); a.remove();
    setTimeout(() => URL.revokeObjectURL(url), 1000);
  }
})();
