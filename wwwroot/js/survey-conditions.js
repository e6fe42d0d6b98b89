// Progressive enhancement of the survey's show/hide conditions (the survey works without it; see README "The survey").
// The server marks every field whose condition depends on answers of the same page with
//   data-condition-action="Show|Hide" data-condition-logic="All|Any"
//   data-condition-rules='[{"field":"alias","operator":"Is","value":"…"}]'
// (rules on other pages are already decided by the server and left out). This script evaluates them with the semantics
// of Core/Forms/FormConditions.cs on load and on every input/change: it toggles `hidden` on the field, disables its
// inputs while hidden (so they are not posted) and removes the „Nur beantworten, wenn …“ hint meant for visitors
// without JavaScript. The server still applies every condition itself and ignores answers of hidden fields.

const isTicked = (v) => /^(on|true)$/i.test(v.trim());
const same = (v, e) => v.trim().toLowerCase() === e.trim().toLowerCase() || (isTicked(v) && isTicked(e));
const lower = (v) => v.toLowerCase();

/** Like FormValidator.TryParseNumber: optional sign, digits, one decimal point or comma. */
function parseNumber(text) {
  const s = text.trim().replaceAll(',', '.');
  return /^[+-]?(\d+\.?\d*|\.\d+)$/.test(s) ? Number(s) : null;
}

/** An ISO date (yyyy-MM-dd) that exists, as a comparable number; otherwise null. */
function parseDate(text) {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text.trim());
  if (!m) return null;
  const [y, mo, d] = m.slice(1).map(Number);
  const date = new Date(Date.UTC(y, mo - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === mo - 1 && date.getUTCDate() === d ? date.getTime() : null;
}

/** Numbers compare as numbers, ISO dates as dates; anything else does not compare (null). */
function compare(value, expected) {
  const a = parseNumber(value);
  const b = parseNumber(expected);
  if (a !== null && b !== null) return Math.sign(a - b);
  const c = parseDate(value);
  const d = parseDate(expected);
  return c !== null && d !== null ? Math.sign(c - d) : null;
}

/** FormConditions.Holds(operator, values, expected). */
export function holds(operator, values, expected) {
  const e = lower(expected);
  switch (operator) {
    case 'Is': return values.some((v) => same(v, expected));
    case 'IsNot': return !values.some((v) => same(v, expected));
    case 'Contains': return values.some((v) => lower(v).includes(e));
    case 'NotContains': return !values.some((v) => lower(v).includes(e));
    case 'StartsWith': return values.some((v) => lower(v).startsWith(e));
    case 'EndsWith': return values.some((v) => lower(v).endsWith(e));
    case 'GreaterThan': case 'GreaterThen': return values.some((v) => compare(v, expected) > 0);
    case 'LessThan': case 'LessThen': return values.some((v) => compare(v, expected) < 0);
    default: return false;
  }
}

const controlsOf = (wrapper) =>
  wrapper.matches('input, select, textarea') ? [wrapper] : [...wrapper.querySelectorAll('input, select, textarea')];

function enhance(form) {
  const conditions = new Map();
  const ownerOf = new Map();
  for (const wrapper of form.querySelectorAll('[data-condition-action]')) {
    let rules;
    try {
      rules = JSON.parse(wrapper.dataset.conditionRules ?? '[]');
    } catch {
      continue; // unreadable: leave the field as the server rendered it
    }
    if (!Array.isArray(rules) || rules.length === 0) continue;
    conditions.set(wrapper, { action: wrapper.dataset.conditionAction, logic: wrapper.dataset.conditionLogic, rules });
    for (const control of controlsOf(wrapper)) ownerOf.set(control.name, wrapper);
    // The hint is for visitors without JavaScript: from now on the field itself appears only when it applies.
    for (const hint of wrapper.querySelectorAll('.survey__condition')) {
      for (const described of wrapper.querySelectorAll('[aria-describedby]')) {
        const ids = described.getAttribute('aria-describedby').split(/\s+/).filter((id) => id && id !== hint.id);
        if (ids.length > 0) described.setAttribute('aria-describedby', ids.join(' '));
        else described.removeAttribute('aria-describedby');
      }
      hint.remove();
    }
  }
  if (conditions.size === 0) return;

  let known = new Map();
  const evaluating = new Set();

  function valuesOf(name) {
    const owner = ownerOf.get(name);
    if (owner && !isVisible(owner)) return []; // a hidden field counts as unanswered
    const values = [];
    for (const el of form.querySelectorAll(`[name="${CSS.escape(name)}"]`)) {
      if (el instanceof HTMLSelectElement) values.push(...[...el.selectedOptions].map((o) => o.value));
      else if (el.type === 'checkbox' || el.type === 'radio') { if (el.checked) values.push(el.value); }
      else values.push(el.value);
    }
    return values.filter((v) => v.trim().length > 0);
  }

  function isVisible(wrapper) {
    const condition = conditions.get(wrapper);
    if (!condition) return true;
    if (known.has(wrapper)) return known.get(wrapper);
    if (evaluating.has(wrapper)) return false; // a cycle counts as hidden, as on the server
    evaluating.add(wrapper);
    const rule = (r) => holds(r.operator, valuesOf(r.field), String(r.value ?? ''));
    const met = condition.logic === 'Any' ? condition.rules.some(rule) : condition.rules.every(rule);
    evaluating.delete(wrapper);
    const visible = condition.action === 'Hide' ? !met : met;
    known.set(wrapper, visible);
    return visible;
  }

  function update() {
    known = new Map();
    let lostFocus = null;
    for (const wrapper of conditions.keys()) {
      const show = isVisible(wrapper);
      if (!show && wrapper.contains(document.activeElement)) lostFocus = wrapper;
      if (wrapper.type !== 'hidden') wrapper.hidden = !show;
      for (const control of controlsOf(wrapper)) control.disabled = !show;
    }
    if (lostFocus) {
      // Keep the keyboard where it was: the last usable control before the field that disappeared.
      const before = [...form.elements].filter((el) => !el.disabled && el.type !== 'hidden' && el.getClientRects().length > 0
        && (el.compareDocumentPosition(lostFocus) & Node.DOCUMENT_POSITION_FOLLOWING));
      before.at(-1)?.focus();
    }
  }

  form.addEventListener('input', update);
  form.addEventListener('change', update);
  window.addEventListener('pageshow', update); // back/forward cache restores the inputs' state
  update();
}

for (const form of document.querySelectorAll('form.survey__form')) enhance(form);
