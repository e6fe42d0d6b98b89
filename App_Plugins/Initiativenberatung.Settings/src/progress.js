// Progressive enhancement for forms marked with data-ib-progress="Import läuft …": while the POST runs, the text is
// announced in the page's [data-ib-progress-target] live region and the form's buttons are disabled (no double submit).
// Without JavaScript the forms post as usual and the result page shows the outcome.
document.addEventListener("submit", (event) => {
  const form = event.target;
  if (!(form instanceof HTMLFormElement) || !form.dataset.ibProgress) return;
  const target = document.querySelector("[data-ib-progress-target]");
  if (target) target.textContent = form.dataset.ibProgress;
  form.setAttribute("aria-busy", "true");
  // Disable after the submission has been collected, so the button's own name/value still goes along.
  setTimeout(() => {
    for (const button of document.querySelectorAll("form[data-ib-progress] button")) button.disabled = true;
  }, 0);
});
