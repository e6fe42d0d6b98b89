// <ib-rich-text-editor>: Tiptap rich-text editing for Umbraco.RichText properties.
// Progressive enhancement: the server renders a <textarea> inside the element with the stored HTML;
// the editor keeps that textarea up to date, so the surrounding form posts as without JavaScript.
// The server sanitizes whatever arrives (HtmlSanitizer) – this editor is a convenience, not a safety net.
import { Editor } from "@tiptap/core";
import StarterKit from "@tiptap/starter-kit";

const buttons = [
  { label: "Fett", command: (c) => c.toggleBold(), active: "bold" },
  { label: "Kursiv", command: (c) => c.toggleItalic(), active: "italic" },
  { label: "Überschrift 2", command: (c) => c.toggleHeading({ level: 2 }), active: ["heading", { level: 2 }] },
  { label: "Überschrift 3", command: (c) => c.toggleHeading({ level: 3 }), active: ["heading", { level: 3 }] },
  { label: "Aufzählung", command: (c) => c.toggleBulletList(), active: "bulletList" },
  { label: "Nummerierung", command: (c) => c.toggleOrderedList(), active: "orderedList" },
  { label: "Zitat", command: (c) => c.toggleBlockquote(), active: "blockquote" },
  { label: "Link", command: null, active: "link" },
  { label: "Rückgängig", command: (c) => c.undo(), active: null },
  { label: "Wiederholen", command: (c) => c.redo(), active: null },
];

class RichTextEditor extends HTMLElement {
  connectedCallback() {
    const textarea = this.querySelector("textarea");
    if (!textarea || this.editor) return;
    const label = textarea.getAttribute("aria-label") || document.querySelector(`label[for="${textarea.id}"]`)?.textContent?.trim() || "Text";

    const toolbar = document.createElement("div");
    toolbar.className = "ib-rte__toolbar";
    toolbar.setAttribute("role", "toolbar");
    toolbar.setAttribute("aria-label", `Formatierung: ${label}`);
    const surface = document.createElement("div");
    surface.className = "ib-rte__surface";

    textarea.hidden = true;
    this.append(toolbar, surface);

    this.editor = new Editor({
      element: surface,
      // No <style> element: the back office's CSP allows stylesheets from 'self' only; the editor's CSS ships in backoffice.css.
      injectCSS: false,
      extensions: [StarterKit.configure({ link: { openOnClick: false, autolink: true, protocols: ["https", "http", "mailto", "tel"] } })],
      content: textarea.value,
      editorProps: {
        attributes: {
          role: "textbox",
          "aria-multiline": "true",
          "aria-label": label,
          ...(textarea.getAttribute("aria-describedby") ? { "aria-describedby": textarea.getAttribute("aria-describedby") } : {}),
          ...(textarea.getAttribute("aria-invalid") ? { "aria-invalid": textarea.getAttribute("aria-invalid") } : {}),
        },
      },
      onUpdate: ({ editor }) => {
        textarea.value = editor.isEmpty ? "" : editor.getHTML();
        textarea.dispatchEvent(new Event("input", { bubbles: true }));
        this.#refresh(toolbar);
      },
      onSelectionUpdate: () => this.#refresh(toolbar),
    });

    for (const def of buttons) {
      const button = document.createElement("button");
      button.type = "button";
      button.textContent = def.label;
      button.dataset.active = JSON.stringify(def.active);
      button.addEventListener("click", () => {
        const chain = this.editor.chain().focus();
        if (def.label === "Link") {
          const previous = this.editor.getAttributes("link").href || "";
          const url = window.prompt("Adresse des Links (leer lassen, um den Link zu entfernen):", previous);
          if (url === null) return;
          (url === "" ? chain.extendMarkRange("link").unsetLink() : chain.extendMarkRange("link").setLink({ href: url })).run();
          return;
        }
        def.command(chain).run();
      });
      toolbar.append(button);
    }
    this.#refresh(toolbar);
  }

  disconnectedCallback() {
    this.editor?.destroy();
    this.editor = undefined;
  }

  #refresh(toolbar) {
    for (const button of toolbar.querySelectorAll("button")) {
      const active = JSON.parse(button.dataset.active);
      if (active === null) continue;
      const on = Array.isArray(active) ? this.editor.isActive(active[0], active[1]) : this.editor.isActive(active);
      button.setAttribute("aria-pressed", on ? "true" : "false");
    }
  }
}

customElements.define("ib-rich-text-editor", RichTextEditor);
