// The layout's bell (issue 21): the signed-in user's unread notifications, fetched after the
// page so that no page pays a query for it.
(function () {
  "use strict";
  function fill() {
    var bell = document.querySelector("[data-bell]");
    if (!bell) return;
    var count = bell.querySelector(".bell-count");
    fetch("/notifications/count", { credentials: "same-origin", headers: { Accept: "text/plain" } })
      .then(function (answer) { return answer.ok ? answer.text() : null; })
      .then(function (text) {
        var unread = parseInt(text || "", 10);
        if (isNaN(unread) || !count) return;
        count.textContent = String(unread);
        count.hidden = unread === 0;
        bell.setAttribute("aria-label", bell.getAttribute("data-label") + " (" + unread + ")");
      })
      .catch(function () {});
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", fill);
  else fill();
})();
