// A report's text with the evidence spans of each field marked, built node by node (no HTML parsing).
import { el } from "./dom.js";
import { fieldClass, fieldLabel, fieldRank } from "./colors.js";

/**
 * The text of one report as a <div> whose evidence spans are <mark>s: overlapping spans are cut at
 * every boundary, and each piece carries every field that covers it. Spans whose text does not match
 * the report at their offsets are left out and returned, so the page can list them instead.
 */
export function highlightedReport(text, spans) {
  const usable = [];
  const mismatched = [];
  for (const span of spans) {
    if (span.start >= 0 && span.end <= text.length && span.start < span.end && text.slice(span.start, span.end) === span.text) usable.push(span);
    else mismatched.push(span);
  }
  const cuts = new Set([0, text.length]);
  for (const span of usable) { cuts.add(span.start); cuts.add(span.end); }
  const points = [...cuts].sort((a, b) => a - b);
  const root = el("div", { class: "report-text" });
  for (let i = 0; i + 1 < points.length; i += 1) {
    const [a, b] = [points[i], points[i + 1]];
    const piece = text.slice(a, b);
    const covering = usable.filter((s) => s.start <= a && s.end >= b);
    if (!covering.length) {
      root.append(document.createTextNode(piece));
      continue;
    }
    const fields = [...new Set(covering.map((s) => s.field))].sort((x, y) => fieldRank(x) - fieldRank(y));
    const mark = el("mark", {
      class: `ev ${fieldClass(fields[0])}${fields.length > 1 ? " ev-multi" : ""}`,
      title: fields.map(fieldLabel).join(", "),
      "data-fields": fields.join(" "),
    }, piece);
    // The evidence chips on the page link here: one anchor where each span begins.
    if (covering.some((s) => s.start === a)) mark.id = `ev-${covering[0].document_id.slice(0, 12)}-${a}`;
    root.append(mark);
  }
  return { node: root, mismatched };
}
