// Progressive enhancement for the entries export. Without JavaScript the export button/link simply downloads the file.
// With it, the export is fetched as a stream: a <progress> and a polite live region show "n von N Einträgen" (N from the
// page when it knows it — the filtered count it shows, or the number of ticked entries — otherwise from the response header
// X-Entry-Count; n = CSV records received so far), then the file is saved under the server's file name.

const COUNT_HEADER = 'X-Entry-Count';
const ANNOUNCE_MS = 1500;

/** Counts complete CSV records in a chunk: line feeds outside quotes (RFC 4180 quotes toggle on every '"'). */
export function createCsvRecordCounter() {
  let inQuotes = false;
  let records = 0;
  return {
    push(bytes) {
      for (let i = 0; i < bytes.length; i++) {
        const b = bytes[i];
        if (b === 0x22) {
          inQuotes = !inQuotes;
        } else if (b === 0x0a && !inQuotes) {
          records++;
        }
      }
      return records;
    },
    get records() { return records; },
  };
}

/** The file name of a Content-Disposition header (RFC 6266: filename* first, then filename). */
export function fileNameFrom(disposition, fallback) {
  if (!disposition) {
    return fallback;
  }
  const star = /filename\*\s*=\s*UTF-8''([^;]+)/i.exec(disposition);
  if (star) {
    try {
      return decodeURIComponent(star[1].trim());
    } catch {
      // fall through to the plain name
    }
  }
  const plain = /filename\s*=\s*"?([^";]+)"?/i.exec(disposition);
  return plain ? plain[1].trim() : fallback;
}

function format(template, ...values) {
  return (template || '').replace(/\{(\d+)\}/g, (_, i) => values[Number(i)] ?? '');
}

function progressElement(status) {
  let progress = status.parentElement.querySelector('progress.ib-export-progress');
  if (!progress) {
    progress = document.createElement('progress');
    progress.className = 'ib-export-progress';
    progress.setAttribute('aria-label', status.dataset.label || '');
    status.before(progress);
  }
  return progress;
}

const numberFormat = new Intl.NumberFormat('de-DE');

/** @param {string} url @param {number | null} knownTotal the count the page knows, or null to ask the server */
async function runExport(url, knownTotal) {
  const status = document.querySelector('[data-ib-export-status]');
  if (!status) {
    window.location.assign(url);
    return;
  }
  const progress = progressElement(status);
  progress.hidden = false;
  progress.removeAttribute('value');
  delete progress.dataset.complete;
  status.textContent = status.dataset.text || '';

  try {
    // Asking for the count costs the server one count query before the first byte, so only when the page does not know it.
    const headers = knownTotal === null ? { 'X-Want-Entry-Count': '1' } : {};
    const response = await fetch(url, { headers, credentials: 'same-origin' });
    if (!response.ok || !response.body) {
      throw new Error(`HTTP ${response.status}`);
    }
    const total = knownTotal ?? Number(response.headers.get(COUNT_HEADER) || '0');
    const type = response.headers.get('Content-Type') || 'application/octet-stream';
    const isCsv = type.startsWith('text/csv');
    const name = fileNameFrom(response.headers.get('Content-Disposition'), isCsv ? 'export.csv' : 'export.xlsx');
    progress.dataset.total = String(total);
    if (total > 0) {
      progress.max = total;
      progress.value = 0;
    }

    const counter = createCsvRecordCounter();
    const chunks = [];
    const reader = response.body.getReader();
    let lastAnnounce = 0;
    for (;;) {
      const { done, value } = await reader.read();
      if (done) {
        break;
      }
      chunks.push(value);
      if (isCsv) {
        const received = Math.max(counter.push(value) - 1, 0);
        if (total > 0) {
          progress.value = Math.min(received, total);
          const now = Date.now();
          if (now - lastAnnounce > ANNOUNCE_MS) {
            lastAnnounce = now;
            status.textContent = format(total === 1 ? status.dataset.progressOne : status.dataset.progress, numberFormat.format(Math.min(received, total)), numberFormat.format(total));
          }
        }
      }
    }

    const rows = isCsv ? Math.max(counter.records - 1, 0) : total;
    progress.max = Math.max(rows, 1);
    progress.value = Math.max(rows, 1);
    progress.dataset.rows = String(rows);
    progress.dataset.complete = 'true';
    status.textContent = format(rows === 1 ? status.dataset.doneOne : status.dataset.done, numberFormat.format(rows));

    const link = document.createElement('a');
    link.href = URL.createObjectURL(new Blob(chunks, { type }));
    link.download = name;
    link.hidden = true;
    document.body.append(link);
    link.click();
    window.setTimeout(() => { URL.revokeObjectURL(link.href); link.remove(); }, 60_000);
  } catch (error) {
    progress.hidden = true;
    status.textContent = status.dataset.failed || String(error);
  }
}

/** Ticked entries, else the filtered count the page shows (data-ib-export-count), else null. */
function knownTotal(form) {
  const ticked = form.querySelectorAll('input[type=checkbox][name=ids]:checked').length;
  if (ticked > 0) {
    return ticked;
  }
  const count = document.querySelector('[data-ib-export-count]')?.getAttribute('data-ib-export-count');
  return count && /^\d+$/.test(count) ? Number(count) : null;
}

/** The export URL a GET form would navigate to, or null when the form (or the pressed button) does not export. */
function exportUrl(form, submitter) {
  const action = new URL(submitter?.getAttribute('formaction') || form.getAttribute('action') || window.location.href, window.location.href);
  if (!action.pathname.endsWith('/export')) {
    return null;
  }
  const data = new FormData(form, submitter || undefined);
  const params = new URLSearchParams();
  for (const [key, value] of data) {
    if (typeof value === 'string') {
      params.append(key, value);
    }
  }
  action.search = params.toString();
  return action.toString();
}

document.addEventListener('submit', (event) => {
  const form = event.target;
  if (!(form instanceof HTMLFormElement) || !window.ReadableStream || (form.getAttribute('method') || 'get').toLowerCase() !== 'get') {
    return;
  }
  const url = exportUrl(form, event.submitter);
  if (url) {
    event.preventDefault();
    runExport(url, knownTotal(form));
  }
});

document.addEventListener('click', (event) => {
  const link = event.target instanceof Element ? event.target.closest('a[download][data-ib-export-link]') : null;
  if (link && window.ReadableStream && !event.ctrlKey && !event.metaKey && !event.shiftKey) {
    event.preventDefault();
    runExport(link.href, null);
  }
});
