// Focal point by clicking on the image preview (progressive enhancement of the two number inputs 0–1).
// The marker is positioned through the CSSOM (allowed by the CSP, unlike style attributes in markup).

function enhance(container) {
  const img = container.querySelector("img");
  const marker = container.querySelector("[data-focal-marker]");
  const left = document.querySelector("[data-focal-left]");
  const top = document.querySelector("[data-focal-top]");
  if (!img || !marker || !left || !top || container.dataset.focalReady) return;
  container.dataset.focalReady = "true";
  container.classList.add("is-interactive");

  const show = () => {
    const l = parseFloat(String(left.value).replace(",", "."));
    const t = parseFloat(String(top.value).replace(",", "."));
    if (Number.isFinite(l) && Number.isFinite(t) && l >= 0 && l <= 1 && t >= 0 && t <= 1) {
      marker.style.left = `${l * 100}%`;
      marker.style.top = `${t * 100}%`;
      marker.hidden = false;
    } else {
      marker.hidden = true;
    }
  };

  img.addEventListener("click", (event) => {
    const box = img.getBoundingClientRect();
    const round = (v) => Math.min(1, Math.max(0, Math.round(v * 1000) / 1000));
    left.value = String(round((event.clientX - box.left) / box.width));
    top.value = String(round((event.clientY - box.top) / box.height));
    show();
  });
  left.addEventListener("input", show);
  top.addEventListener("input", show);
  show();
}

function init() {
  document.querySelectorAll("[data-focal-point]").forEach(enhance);
}

if (document.readyState === "loading") {
  document.addEventListener("DOMContentLoaded", init);
} else {
  init();
}
