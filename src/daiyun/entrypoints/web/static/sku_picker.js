// SKU pickers (issue 15, point 11): an input with a <datalist> of the catalogue ("code" and
// "name — guide price") filters as one types; each picked SKU shows its name and guide price
// beside it, and "add a row" adds one more. Without this script the form still works: the
// server renders a few empty rows and names an unknown SKU next to its row.
(() => {
  const optionOf = (input) => {
    const list = input.list;
    if (!list) return null;
    const typed = input.value.trim().split(/[\s—]/)[0];
    return Array.from(list.options).find((option) => option.value === typed) || null;
  };

  const describe = (input) => {
    const row = input.closest("[data-sku-row]");
    const name = row && row.querySelector("[data-sku-name]");
    if (!name) return;
    const option = optionOf(input);
    name.textContent = option ? option.label || option.textContent : "";
  };

  const addRow = (rows) => {
    const all = rows.querySelectorAll("[data-sku-row]");
    const last = all[all.length - 1];
    if (!last) return;
    const row = last.cloneNode(true);
    row.querySelectorAll("input").forEach((input) => {
      input.value = "";
      input.removeAttribute("aria-invalid");
      input.removeAttribute("aria-describedby");
    });
    row.querySelectorAll(".field-error").forEach((error) => error.remove());
    row.querySelectorAll("[data-sku-name]").forEach((name) => { name.textContent = ""; });
    rows.appendChild(row);
    const first = row.querySelector("input");
    if (first) first.focus();
  };

  document.addEventListener("input", (event) => {
    const target = event.target;
    if (target instanceof HTMLInputElement && target.list) describe(target);
  });

  document.addEventListener("DOMContentLoaded", () => {
    document.querySelectorAll("input[list]").forEach((input) => describe(input));
    document.querySelectorAll("[data-add-row]").forEach((button) => {
      const rows = button.parentElement.querySelector("[data-sku-rows]");
      if (!rows) return;
      button.hidden = false;
      button.addEventListener("click", () => addRow(rows));
    });
  });
})();
