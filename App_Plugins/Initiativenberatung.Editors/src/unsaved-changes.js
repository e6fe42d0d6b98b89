// Warns before edits in an editor form are lost: a form marked data-unsaved-warning is compared with its state at load;
// once it differs (or the server re-rendered posted, unsaved state: data-unsaved-warning="dirty"), leaving the page asks
// first – links and other forms of the back office through the German <dialog id="bo-unsaved-dialog"> the layout renders
// (texts from the resx), closing or reloading the tab through the browser's own beforeunload prompt. Submitting the form
// itself never asks. Progressive enhancement: without JavaScript nothing changes.
const forms = [...document.querySelectorAll("form[data-unsaved-warning]")];
// Without the dialog (signed out) only the browser's beforeunload prompt warns.
const dialog = document.getElementById("bo-unsaved-dialog") instanceof HTMLDialogElement ? document.getElementById("bo-unsaved-dialog") : null;

if (forms.length > 0) {
  // FormData covers every control (also inputs outside the form with form="…", and textareas a rich-text editor keeps
  // up to date); files count by name and size.
  const serialize = (form) =>
    JSON.stringify([...new FormData(form)].filter(([name]) => name !== "__RequestVerificationToken")
      .map(([name, value]) => [name, typeof value === "string" ? value : `${value.name}:${value.size}`]));

  const initial = new Map(forms.map((form) => [form, serialize(form)]));
  let leaving = false;

  const isDirty = () => forms.some((form) => form.dataset.unsavedWarning === "dirty" || serialize(form) !== initial.get(form));

  // Submitting a tracked form saves (or re-renders) its state: never warn for that navigation.
  document.addEventListener("submit", (event) => {
    const form = event.target;
    if (event.defaultPrevented || !(form instanceof HTMLFormElement) || form.method === "dialog") return;
    if (forms.includes(form)) {
      leaving = true;
      // A script that handles the submit itself (and stays on the page) keeps the warning on.
      setTimeout(() => { if (event.defaultPrevented) leaving = false; });
      return;
    }
    // Another form (log out, move, schedule …) leaves the page, too.
    if (dialog && !leaving && isDirty()) {
      event.preventDefault();
      ask(() => {
        leaving = true;
        form.requestSubmit(event.submitter ?? undefined);
      });
    }
  }, true);

  document.addEventListener("click", (event) => {
    if (!dialog || leaving || event.defaultPrevented || event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
    const link = event.target instanceof Element ? event.target.closest("a[href]") : null;
    if (!link || link.hasAttribute("download") || (link.target && link.target !== "_self")) return;
    const url = new URL(link.href, location.href);
    // A jump within the page (skip link, error summary) keeps the edits.
    if (url.origin === location.origin && url.pathname === location.pathname && url.search === location.search && url.hash) return;
    if (!isDirty()) return;
    event.preventDefault();
    ask(() => {
      leaving = true;
      location.assign(url.href);
    });
  }, true);

  window.addEventListener("beforeunload", (event) => {
    if (leaving || !isDirty()) return;
    event.preventDefault();
    // Older browsers need returnValue; the text shown is the browser's own.
    event.returnValue = "";
  });

  // A page restored from the back/forward cache may navigate again.
  window.addEventListener("pageshow", () => { leaving = false; });
}

/** Shows the dialog; runs onLeave only when the editor chooses to discard the changes. */
function ask(onLeave) {
  if (dialog.open) return;
  const opener = document.activeElement;
  dialog.returnValue = "";
  dialog.addEventListener("close", () => {
    if (dialog.returnValue === "leave") {
      onLeave();
    } else if (opener instanceof HTMLElement) {
      opener.focus();
    }
  }, { once: true });
  dialog.showModal();
}
