// The incident table: one page of the filtered incidents, newest first; a row opens the incident.
import { el, fill, figures, dateText } from "./dom.js";
import { typeColor } from "./colors.js";

const COLUMNS = ["Date", "Type", "Place", "Attacker", "Target", "Weapon", "Killed", "Injured", "Sources", "Status"];

function names(list) {
  return list && list.length ? list.join(", ") : "–";
}

/** The table in `container`; `update(page)` draws an /api/incidents page. */
export function createTable(container, pager, { onOpen, onPage }) {
  const table = el("table", { class: "incidents" },
    el("thead", {}, el("tr", {}, COLUMNS.map((c) => el("th", { scope: "col", text: c })))));
  const body = el("tbody");
  table.append(body);
  container.append(table);

  function update(page) {
    fill(body, page.items.map((item) => {
      const place = item.place_text || (item.place && item.place.name) || "–";
      const country = item.place && item.place.country ? ` (${item.place.country})` : "";
      const row = el("tr", { tabindex: "0", "data-id": item.id, class: item.status === "rejected" ? "rejected" : "" },
        el("td", { class: "nowrap", text: dateText(item.date) }),
        el("td", {}, el("span", { class: "swatch", bg: typeColor(item.sub_event_type) }), item.sub_event_type),
        el("td", { text: place + country }),
        el("td", { text: names(item.attacker) }),
        el("td", { text: names(item.target) }),
        el("td", { text: names(item.weapon) }),
        el("td", { class: "num", text: figures(item.fatalities) }),
        el("td", { class: "num", text: figures(item.injuries) }),
        el("td", { class: "num", text: String(item.sources.length) }),
        el("td", {}, el("span", { class: `status status-${item.status}`, text: item.status })));
      row.addEventListener("click", () => onOpen(item.id));
      row.addEventListener("keydown", (event) => { if (event.key === "Enter") onOpen(item.id); });
      return row;
    }));
    if (!page.items.length) fill(body, el("tr", {}, el("td", { colspan: String(COLUMNS.length), class: "empty", text: "No incidents match these filters." })));
    const first = page.total ? page.offset + 1 : 0;
    const last = page.offset + page.items.length;
    fill(pager,
      el("button", { type: "button", disabled: page.offset === 0 ? "" : null, onclick: () => onPage(Math.max(0, page.offset - page.limit)), text: "‹ Newer" }),
      el("span", { class: "range", text: `${first}–${last} of ${page.total}` }),
      el("button", { type: "button", disabled: last >= page.total ? "" : null, onclick: () => onPage(page.offset + page.limit), text: "Older ›" }));
  }

  return { update };
}
