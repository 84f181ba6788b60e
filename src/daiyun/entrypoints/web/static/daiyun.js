// daiyun's pages: one small script, served by daiyun itself.
// A form with data-confirm="…" asks before it is sent: the irreversible actions restate what
// they do and how much (issue 15, point 5).
document.addEventListener("submit", (event) => {
  const form = event.target;
  const question = form instanceof HTMLFormElement ? form.dataset.confirm : undefined;
  if (question && !window.confirm(question)) {
    event.preventDefault();
  }
});

// On a narrow screen the navigation folds behind the menu button (issue 15, point 1).
document.addEventListener("click", (event) => {
  const toggle = event.target instanceof Element ? event.target.closest(".nav-toggle") : null;
  if (toggle) {
    const open = toggle.getAttribute("aria-expanded") !== "true";
    toggle.setAttribute("aria-expanded", String(open));
  }
  // An error page's "go back": the page before, when there is one (else the link's address).
  const back = event.target instanceof Element ? event.target.closest("a[data-back]") : null;
  if (back && window.history.length > 1) {
    event.preventDefault();
    window.history.back();
  }
});

// Every table of a page scrolls sideways inside a box of its own, so that the page itself
// never does; a box that scrolls can be reached and scrolled with the keyboard.
function boxTables() {
  for (const table of document.querySelectorAll("main table")) {
    let box = table.parentElement;
    if (!box.classList.contains("table-scroll")) {
      box = document.createElement("div");
      box.className = "table-scroll";
      table.replaceWith(box);
      box.append(table);
    }
    if (box.scrollWidth > box.clientWidth) {
      box.tabIndex = 0;
    } else {
      box.removeAttribute("tabindex");
    }
  }
}
document.addEventListener("DOMContentLoaded", boxTables);
window.addEventListener("resize", boxTables);
