// The import page's progress bar: polls the import's progress until it finishes.
(function () {
  "use strict";
  var section = document.getElementById("import-job");
  if (!section) { return; }
  var url = section.dataset.url;
  function show(id, value) { document.getElementById(id).textContent = String(value); }
  function render(job) {
    var bar = document.getElementById("import-bar");
    bar.style.width = job.percent + "%";
    bar.parentElement.setAttribute("aria-valuenow", String(job.percent));
    show("import-percent", job.percent);
    show("import-done", job.done);
    var state = document.getElementById("import-state");
    state.dataset.state = job.state;
    if (job.state === "failed") {
      state.textContent = section.dataset.failed;
      var error = document.getElementById("import-error");
      error.textContent = job.error;
      error.hidden = false;
      return;
    }
    if (job.state !== "finished") { state.textContent = section.dataset.running; return; }
    var summary = job.summary;
    state.textContent = summary.stored ? section.dataset.finished : section.dataset.refused;
    bar.classList.add(summary.stored ? "done" : "refused");
    show("sum-new", summary.orders["new"]);
    show("sum-updated", summary.orders.updated);
    show("sum-unchanged", summary.orders.unchanged);
    show("sum-errors", summary.error_count);
    show("sum-violations", summary.price_violations);
    document.getElementById("import-summary").hidden = false;
    var list = document.getElementById("import-problems");
    list.textContent = "";
    summary.errors.slice(0, 50).forEach(function (problem) {
      var item = document.createElement("li");
      item.textContent = problem.file + " " + problem.row + " " + problem.column + ": " + problem.message;
      list.appendChild(item);
    });
  }
  function poll() {
    fetch(url, { credentials: "same-origin", headers: { "Accept": "application/json" } })
      .then(function (answer) { return answer.json(); })
      .then(function (job) {
        render(job);
        if (job.state === "running") { window.setTimeout(poll, 250); }
      })
      .catch(function () { window.setTimeout(poll, 1000); });
  }
  poll();
}());
