// daiyun's pages: one small script, served by daiyun itself.
// A form with data-confirm="…" asks before it is sent: the irreversible actions restate what
// they do and how much (issue 15, point 5).
// In the question, {0} is the amount typed (the form's field `amount`) and {1} what stays owed
// after it: the form's data-outstanding-fen less that amount, in whole fen (never a float).
function fenOf(text) {
  const found = /^(\d+)(?:\.(\d{1,2}))?$/.exec(text.replace(/[¥,\s]/g, ""));
  return found ? BigInt(found[1]) * 100n + BigInt((found[2] || "").padEnd(2, "0")) : null;
}
function yuanOf(fen) {
  const sign = fen < 0n ? "-" : "";
  const size = fen < 0n ? -fen : fen;
  const cents = String(size % 100n).padStart(2, "0");
  return `${sign}¥${(size / 100n).toLocaleString("en-US")}.${cents}`;
}
function questionOf(form) {
  const text = form.dataset.confirm;
  const amount = form.elements.namedItem("amount");
  if (!text || !amount || form.dataset.outstandingFen === undefined) {
    return text;
  }
  const fen = fenOf(amount.value);
  const left = fen === null ? "—" : yuanOf(BigInt(form.dataset.outstandingFen) - fen);
  return text.replaceAll("{0}", amount.value).replaceAll("{1}", left);
}
document.addEventListener("submit", (event) => {
  const form = event.target;
  const question = form instanceof HTMLFormElement ? questionOf(form) : undefined;
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

// A cell about ten Chinese characters wide (twenty Latin ones) or less — a date, a code, an
// amount, a name — keeps to one line; longer texts wrap.
function isShort(cell) {
  let width = 0;
  for (const character of cell.textContent.replace(/\s+/g, " ").trim()) {
    width += character.codePointAt(0) > 0x2e7f ? 2 : 1;
  }
  return width <= 20 && !cell.querySelector("br");
}

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
    for (const cell of table.querySelectorAll("td, th")) {
      cell.classList.toggle("short", isShort(cell));
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
