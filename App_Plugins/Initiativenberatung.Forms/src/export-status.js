// Progressive enhancement for the entries export: while the server prepares a (possibly large) download, show
// "Export wird erstellt …" in the form's live region. Without JavaScript the export works the same, just silently.
const STATUS_SECONDS = 8;

function showStatus(form) {
  const status = form.querySelector('[data-ib-export-status]');
  if (!status) {
    return;
  }
  status.textContent = status.dataset.text || '';
  window.clearTimeout(Number(status.dataset.timer || 0));
  status.dataset.timer = String(window.setTimeout(() => { status.textContent = ''; }, STATUS_SECONDS * 1000));
}

document.addEventListener('submit', (event) => {
  const form = event.target;
  if (form instanceof HTMLFormElement && form.hasAttribute('data-ib-export')) {
    showStatus(form);
  }
});

document.addEventListener('click', (event) => {
  const link = event.target instanceof Element ? event.target.closest('a[download]') : null;
  const form = link?.closest('form[data-ib-export]');
  if (form) {
    showStatus(form);
  }
});
