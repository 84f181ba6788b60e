// The layout's bell (issue 21): the signed-in user's unread notifications, fetched after the
// page so that no page pays a query for it.
(function () {
  "use strict";
  function fill() {
    var bell = document.querySelector("[data-bell]");
    if (!bell) return;
    var count = bell.querySelector(".bell-count");
    fetch("/notifications/count", { credentials: "same-origin", headers: { Accept: "application/json" } })
      .then(function (answer) { return answer.ok ? answer.json() : null; })
      .then(function (found) {
        if (!found || !count) return;
        count.textContent = String(found.unread);
        count.hidden = found.unread === 0;
        bell.setAttribute("aria-label", bell.getAttribute("data-label") + " (" + found.unread + ")");
      })
      .catch(function () {});
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", fill);
  else fill();
})();
