// Drag-and-drop upload with per-file progress for the media library (progressive enhancement).
// Without JavaScript the multipart form posts all chosen files at once. With it, every file (chosen or dropped)
// is posted on its own to the same handler with XMLHttpRequest, so each gets a progress bar; the server answers
// JSON when asked with "Accept: application/json". The server checks everything again — this is convenience only.

const text = {
  waiting: "wartet …",
  uploading: (p) => `${p} % hochgeladen`,
  done: "Hochgeladen.",
  failed: "Fehler beim Hochladen.",
  network: "Die Verbindung wurde unterbrochen. Bitte versuchen Sie es erneut.",
  reload: "Ansicht aktualisieren",
  none: "Bitte wählen Sie mindestens eine Datei aus.",
};

function enhance(form) {
  if (form.dataset.mediaUploadReady) return;
  form.dataset.mediaUploadReady = "true";
  const input = form.querySelector('input[type="file"]');
  const zone = form.querySelector("[data-media-dropzone]");
  const list = form.querySelector("[data-media-progress]");
  const token = form.querySelector('input[name="__RequestVerificationToken"]');
  if (!input || !list || !token) return;

  if (zone) {
    zone.hidden = false;
    const over = (event) => {
      event.preventDefault();
      zone.classList.add("is-dragover");
    };
    zone.addEventListener("dragenter", over);
    zone.addEventListener("dragover", over);
    zone.addEventListener("dragleave", () => zone.classList.remove("is-dragover"));
    zone.addEventListener("drop", (event) => {
      event.preventDefault();
      zone.classList.remove("is-dragover");
      const files = Array.from(event.dataTransfer?.files ?? []);
      if (files.length > 0) uploadAll(form, files, list, token.value);
    });
  }

  form.addEventListener("submit", (event) => {
    event.preventDefault();
    const files = Array.from(input.files ?? []);
    if (files.length === 0) {
      list.replaceChildren(row(text.none, null, "is-error").item);
      return;
    }
    uploadAll(form, files, list, token.value).then(() => {
      input.value = "";
    });
  });
}

function row(name, progress, state) {
  const item = document.createElement("li");
  const label = document.createElement("span");
  label.textContent = name;
  item.append(label);
  let bar = null;
  if (progress !== null) {
    bar = document.createElement("progress");
    bar.max = 100;
    bar.value = progress;
    bar.setAttribute("aria-label", name);
    item.append(bar);
  }
  const status = document.createElement("span");
  status.className = state ?? "";
  status.textContent = progress !== null ? text.waiting : "";
  if (progress === null) label.className = state ?? "";
  item.append(status);
  return { item, bar, status };
}

async function uploadAll(form, files, list, token) {
  list.replaceChildren();
  const rows = files.map((file) => {
    const r = row(file.name, 0, null);
    list.append(r.item);
    return r;
  });
  let failures = 0;
  // One after the other: progress stays readable and the server is not flooded.
  for (let i = 0; i < files.length; i++) {
    const ok = await uploadOne(form.action, files[i], rows[i], token);
    if (!ok) failures++;
  }
  if (failures === 0) {
    window.location.reload();
    return;
  }
  const again = document.createElement("a");
  again.href = window.location.href;
  again.textContent = text.reload;
  const item = document.createElement("li");
  item.append(again);
  list.append(item);
}

function uploadOne(action, file, r, token) {
  return new Promise((resolve) => {
    const data = new FormData();
    data.append("__RequestVerificationToken", token);
    data.append("files", file, file.name);
    const xhr = new XMLHttpRequest();
    xhr.open("POST", action);
    xhr.setRequestHeader("Accept", "application/json");
    xhr.responseType = "json";
    xhr.upload.addEventListener("progress", (event) => {
      if (!event.lengthComputable) return;
      const percent = Math.round((event.loaded / event.total) * 100);
      r.bar.value = percent;
      r.status.textContent = text.uploading(percent);
    });
    xhr.addEventListener("load", () => {
      const body = xhr.response;
      // Success only with the JSON answer of the upload handler (anything else, e.g. a login page, is a failure).
      if (xhr.status >= 200 && xhr.status < 300 && Array.isArray(body?.items) && !body.errors) {
        r.bar.value = 100;
        r.status.textContent = text.done;
        r.status.className = "is-done";
        resolve(true);
        return;
      }
      const messages = body?.errors ? Object.values(body.errors).flat() : [`${text.failed} (${xhr.status})`];
      r.status.textContent = messages.join(" ");
      r.status.className = "is-error";
      r.status.setAttribute("role", "alert");
      resolve(false);
    });
    xhr.addEventListener("error", () => {
      r.status.textContent = text.network;
      r.status.className = "is-error";
      resolve(false);
    });
    xhr.send(data);
  });
}

function init() {
  document.querySelectorAll("form[data-media-upload]").forEach(enhance);
}

if (document.readyState === "loading") {
  document.addEventListener("DOMContentLoaded", init);
} else {
  init();
}
