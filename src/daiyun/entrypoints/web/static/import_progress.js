// The import page's progress bar: polls the import's progress while it runs. Once it stops
// (finished, failed, or held for an answer), the page is loaded again: the server shows what
// happened in the reader's language, problems, warnings and the buttons to answer included.
(function () {
  "use strict";
  var section = document.getElementById("import-job");
  if (!section || section.dataset.state !== "running") { return; }
  var url = section.dataset.url;
  function show(id, value) { document.getElementById(id).textContent = String(value); }
  function render(job) {
    var bar = document.getElementById("import-bar");
    bar.style.width = job.percent + "%";
    bar.parentElement.setAttribute("aria-valuenow", String(job.percent));
    show("import-percent", job.percent);
    show("import-done", job.done);
  }
  function poll() {
    fetch(url, { credentials: "same-origin", headers: { "Accept": "application/json" } })
      .then(function (answer) { return answer.json(); })
      .then(function (job) {
        if (job.state === "running") {
          render(job);
          window.setTimeout(poll, 250);
        } else {
          window.location.reload();
        }
      })
      .catch(function () { window.setTimeout(poll, 1000); });
  }
  poll();
}());
