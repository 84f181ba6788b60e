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
