// The users page (issue 15, point 12): the brand list shows only while a brand role is
// chosen. Without this script it is always there, and the server says when it is missing.
document.addEventListener("DOMContentLoaded", () => {
  const role = document.querySelector("select[data-role-select]");
  const brand = document.querySelector("[data-brand-field]");
  if (!role || !brand) return;
  const show = () => {
    const option = role.options[role.selectedIndex];
    brand.hidden = !option || option.dataset.brandRole !== "yes";
  };
  role.addEventListener("change", show);
  show();
});
