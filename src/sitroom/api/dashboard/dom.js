// Building DOM from data: every text goes in through textContent, never innerHTML, so a report that
// contains "<script>" is shown as those characters and never run.

/** An element with attributes (strings only; "class", "href"...) and children (nodes or texts). */
export function el(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs)) {
    if (value === null || value === undefined || value === false) continue;
    if (name === "text") node.textContent = String(value);
    // Colours go through the CSSOM: the CSP forbids style attributes, not element.style.
    else if (name === "bg") node.style.backgroundColor = String(value);
    else if (name.startsWith("on") && typeof value === "function") node.addEventListener(name.slice(2), value);
    else node.setAttribute(name, String(value));
  }
  for (const child of children.flat()) {
    if (child === null || child === undefined || child === false) continue;
    node.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return node;
}

/** Replace every child of `node` with `children`. */
export function fill(node, ...children) {
  node.replaceChildren();
  for (const child of children.flat()) {
    if (child === null || child === undefined || child === false) continue;
    node.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return node;
}

/** A link only to http(s) addresses: a report's url could be "javascript:..." and must not be clickable. */
export function safeLink(url, text) {
  let parsed = null;
  try {
    parsed = new URL(url);
  } catch {
    parsed = null;
  }
  if (!parsed || (parsed.protocol !== "http:" && parsed.protocol !== "https:")) {
    return el("span", { class: "url", text: text || url || "" });
  }
  return el("a", { href: parsed.href, rel: "noopener noreferrer", target: "_blank", text: text || parsed.href });
}

/** "12" or "12 (8–15)": a best figure and its range across reports. */
export function figures(f) {
  if (!f || f.best === null || f.best === undefined) return "–";
  if (f.low !== null && f.high !== null && (f.low !== f.best || f.high !== f.best)) {
    return `${f.best} (${f.low}–${f.high})`;
  }
  return String(f.best);
}

/** A date range as a reader says it. */
export function dateText(d) {
  if (!d) return "undated";
  if (d.start === d.end) return d.start;
  const label = d.precision === "range" ? "" : ` (${d.precision})`;
  return `${d.start} – ${d.end}${label}`;
}

/** A floating tooltip that follows the pointer; its content is built with el(). */
export function tooltip() {
  const tip = el("div", { class: "tooltip", role: "tooltip", hidden: "" });
  document.body.append(tip);
  return {
    show(event, ...children) {
      fill(tip, ...children);
      tip.hidden = false;
      const pad = 14;
      const width = tip.offsetWidth;
      const x = event.clientX + pad + width > window.innerWidth ? event.clientX - pad - width : event.clientX + pad;
      tip.style.left = `${Math.max(4, x)}px`;
      tip.style.top = `${event.clientY + pad}px`;
    },
    hide() {
      tip.hidden = true;
    },
  };
}
