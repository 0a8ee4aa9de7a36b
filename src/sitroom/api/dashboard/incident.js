// The incident page: what sitroom recorded, the evidence behind each field highlighted in every
// source report, the merge history and audit log, and review actions for editors.
import { el, fill, figures, dateText, safeLink } from "./dom.js";
import { get, send } from "./api.js";
import { typeColor, fieldClass, fieldLabel, fieldRank } from "./colors.js";
import { highlightedReport } from "./highlight.js";
import { mountTokenControl } from "./token.js";
import { createMap } from "./map.js";

const EDITABLE = ["event_type", "sub_event_type", "date", "location", "attacker", "target", "interceptor",
  "weapon", "count", "fatalities", "injuries", "damage"];
const LISTS = ["attacker", "target", "interceptor", "weapon"];
const COUNTS = ["count", "fatalities", "injuries"];
const incidentId = decodeURIComponent(window.location.pathname.split("/").pop());
const message = document.getElementById("message");
let who = { authenticated: false };

document.getElementById("back").setAttribute("href", `/${window.location.search}`);

function say(kind, text) {
  fill(message, el("p", { class: kind, role: kind === "error" ? "alert" : "status", text }));
}

function values(incident) {
  const place = incident.place;
  return [
    ["sub_event_type", incident.sub_event_type, "type"],
    ["event_type", incident.event_type, "event type"],
    ["date", dateText(incident.date), "date"],
    ["location", [incident.place_text, place && `${place.name}${place.country ? `, ${place.country}` : ""} (${place.kind}, ${place.lat.toFixed(3)}, ${place.lon.toFixed(3)})`].filter(Boolean).join(" → ") || "–", "location"],
    ["attacker", incident.attacker.join(", ") || "–", "attacker"],
    ["target", incident.target.join(", ") || "–", "target"],
    ["interceptor", incident.interceptor.join(", ") || "–", "interceptor"],
    ["weapon", incident.weapon.join(", ") || "–", "weapon"],
    ["count", incident.count ?? "–", "projectiles"],
    ["fatalities", figures(incident.fatalities), "killed"],
    ["injuries", figures(incident.injuries), "injured"],
    ["damage", incident.damage || "–", "damage"],
  ];
}

function evidenceChips(evidence, field) {
  const related = field === "location" ? ["location", "place"] : field === "sub_event_type" ? ["sub_event_type", "event_type", "trigger"] : [field];
  // One chip per distinct wording; the count says how often the reports use it.
  const chips = new Map();
  for (const e of evidence.filter((item) => related.includes(item.field))) {
    const key = e.text.toLowerCase();
    if (chips.has(key)) chips.get(key).count += 1;
    else chips.set(key, { e, count: 1 });
  }
  return [...chips.values()].map(({ e, count }) => el("a", {
    class: `chip ev ${fieldClass(e.field)}`, href: `#ev-${e.document_id.slice(0, 12)}-${e.start}`,
    text: count > 1 ? `${e.text} ×${count}` : e.text,
    title: `${fieldLabel(e.field)} · characters ${e.start}–${e.end}`,
  }));
}

function fieldsTable(detail) {
  const { incident, evidence } = detail;
  return el("table", { class: "fields" }, el("tbody", {}, values(incident).map(([field, value, label]) =>
    el("tr", { "data-field": field },
      el("th", { scope: "row", text: label }),
      el("td", { class: "value" }, String(value), incident.edited.includes(field) ? el("span", { class: "badge edited", text: "edited" }) : null),
      el("td", { class: "evidence" }, evidenceChips(evidence, field))))));
}

function sourceSection(source, document_, evidence) {
  const spans = evidence.filter((e) => e.document_id === source.id);
  const meta = [source.publisher, source.published].filter(Boolean).join(" · ");
  const section = el("article", { class: "source", "data-document": source.id },
    el("h3", { text: source.title || "(untitled report)" }),
    el("p", { class: "meta" }, meta, meta ? " · " : "", source.url ? safeLink(source.url) : "no address", " · ",
      el("code", { text: source.id.slice(0, 12) })));
  if (!document_) {
    section.append(el("p", { class: "error", text: "The report text could not be loaded." }));
    return section;
  }
  const { node, mismatched } = highlightedReport(document_.text, spans);
  section.append(node);
  if (mismatched.length) {
    section.append(el("p", { class: "note", text: `${mismatched.length} evidence spans no longer match this text: ` },
      mismatched.map((m) => el("q", { text: m.text }))));
  }
  return section;
}

function fieldLegend(evidence) {
  const fields = [...new Set(evidence.map((e) => e.field))].sort((a, b) => fieldRank(a) - fieldRank(b));
  return fields.map((f) => el("span", { class: `chip ev ${fieldClass(f)}`, text: fieldLabel(f) }));
}

function mentionsList(detail) {
  return el("ul", { class: "mentions" }, detail.mentions.map((m) => el("li", {},
    el("label", {}, el("input", { type: "checkbox", name: "mention", value: m.key }),
      el("code", { title: m.key, text: shortKey(m.key) }), ` ${m.sub_event_type} · ${dateText(m.date)} · ${m.place_text || "no place"} · `,
      `${m.attacker.join(", ") || "?"} → ${m.target.join(", ") || "?"}`))));
}

function shortKey(key) {
  // "<64-hex document id>@46-233" reads as "3e2867bee9…@46-233"; the full key is in the tooltip.
  const at = key.indexOf("@");
  return at > 12 ? `${key.slice(0, 10)}…${key.slice(at)}` : key;
}

function auditTable(detail, history) {
  // A merge or split is logged under the incidents it started from; show it on those it made too.
  const id = detail.incident.id;
  const mentions = (value) => Array.isArray(value) && value.includes(id);
  const seen = new Set(detail.audit.map((a) => a.id));
  const related = history.filter((a) => !seen.has(a.id) && (mentions(a.before) || mentions(a.after)));
  const entries = [...detail.audit, ...related].sort((a, b) => a.id - b.id);
  if (!entries.length) return el("p", { class: "muted", text: "No human action yet." });
  return el("table", { class: "audit" },
    el("thead", {}, el("tr", {}, ["When", "Who", "Action", "Field", "Before", "After"].map((h) => el("th", { text: h })))),
    el("tbody", {}, entries.map((a) => el("tr", {},
      el("td", { class: "nowrap", text: a.at.replace("T", " ").slice(0, 19) }),
      el("td", { text: a.actor }), el("td", { text: a.action }), el("td", { text: a.field || "" }),
      el("td", {}, el("code", { text: JSON.stringify(a.before) })),
      el("td", {}, el("code", { text: JSON.stringify(a.after) }))))));
}

function mergesList(detail) {
  if (!detail.merges.length) return el("p", { class: "muted", text: "Told by one report, or merged by no rule." });
  return el("ul", { class: "merges" }, detail.merges.map((m) => el("li", {},
    el("strong", { text: m.rule }), ` score ${m.score.toFixed(2)} · joined `,
    el("code", { text: m.merged_from.join(" + ") }))));
}

function parseValue(field, text) {
  const raw = text.trim();
  if (LISTS.includes(field)) return raw ? raw.split(",").map((s) => s.trim()).filter(Boolean) : [];
  if (COUNTS.includes(field)) {
    if (!raw) return null;
    if (!/^\d+$/.test(raw)) throw new Error(`${field} takes a whole number`);
    return Number(raw);
  }
  if (field === "date") {
    const [start, end] = raw.split(/\s*(?:\.\.|–|to)\s*/);
    return { start, end: end || start, precision: end && end !== start ? "range" : "day" };
  }
  if (field === "location") {
    const [name, lat, lon, country] = raw.split(";").map((s) => s.trim());
    return { name, lat: Number(lat), lon: Number(lon), country: country || null };
  }
  return raw;
}

const HINTS = {
  date: "YYYY-MM-DD, or YYYY-MM-DD..YYYY-MM-DD",
  location: "name; lat; lon; country code",
  attacker: "names, comma-separated", target: "names, comma-separated", interceptor: "names, comma-separated",
  weapon: "drone, rocket, ballistic_missile, ... comma-separated",
};

async function act(promise, done) {
  try {
    const result = await promise;
    await done(result);
  } catch (error) {
    const refused = error.status === 401 || error.status === 403;
    say("error", refused ? `Refused (${error.status}): ${error.message}` : `Failed (${error.status || "?"}): ${error.message}`);
  }
}

function reviewPanel(detail) {
  const id = detail.incident.id;
  const field = el("select", { name: "field", "aria-label": "Field to edit" }, EDITABLE.map((f) => el("option", { value: f, text: fieldLabel(f) })));
  const value = el("input", { type: "text", name: "value", maxlength: "500", "aria-label": "New value" });
  const hint = () => { value.placeholder = HINTS[field.value] || "new value"; };
  field.addEventListener("change", hint);
  hint();
  const mergeWith = el("input", { type: "text", name: "merge", placeholder: "incident ids, comma-separated", "aria-label": "Incidents to merge with" });
  const note = who.authenticated && who.role === "editor"
    ? el("p", { class: "muted", text: `Signed in as ${who.name}. Every action is logged with your name.` })
    : el("p", { class: "muted", text: "Read-only: sign in with an editor token (sitroom token create --role editor) to review. The server refuses changes without one." });
  const edit = el("form", { class: "edit-form", id: "edit-form" }, field, value, el("button", { type: "submit", text: "Save field" }));
  edit.addEventListener("submit", (event) => {
    event.preventDefault();
    let parsed;
    try { parsed = parseValue(field.value, value.value); } catch (error) { say("error", error.message); return; }
    act(send("PATCH", `incidents/${encodeURIComponent(id)}`, { field: field.value, value: parsed }), (d) => {
      say("ok", `Saved ${fieldLabel(field.value)}.`);
      render(d);
    });
  });
  const merge = el("form", { class: "merge-form" }, mergeWith, el("button", { type: "submit", text: "Merge" }));
  merge.addEventListener("submit", (event) => {
    event.preventDefault();
    const ids = [id, ...mergeWith.value.split(",").map((s) => s.trim()).filter(Boolean)];
    act(send("POST", "incidents/merge", { ids }), (d) => { window.location.assign(`/incident/${encodeURIComponent(d.incident.id)}${window.location.search}`); });
  });
  const split = el("button", { type: "button", id: "split", text: "Split checked mentions into a new incident" });
  split.addEventListener("click", () => {
    const keys = [...document.querySelectorAll("input[name=mention]:checked")].map((box) => box.value);
    if (!keys.length) { say("error", "Check the mentions that form the new incident first."); return; }
    act(send("POST", `incidents/${encodeURIComponent(id)}/split`, { groups: [keys] }), (parts) => {
      window.location.assign(`/incident/${encodeURIComponent(parts[0].incident.id)}${window.location.search}`);
    });
  });
  const accept = el("button", { type: "button", id: "accept", class: "good", text: "Accept" });
  accept.addEventListener("click", () => act(send("POST", `incidents/${encodeURIComponent(id)}/accept`, {}), (d) => { say("ok", "Accepted."); render(d); }));
  const reject = el("button", { type: "button", id: "reject", class: "bad", text: "Reject" });
  reject.addEventListener("click", () => act(send("POST", `incidents/${encodeURIComponent(id)}/reject`, {}), (d) => { say("ok", "Rejected."); render(d); }));
  return el("div", { class: "review" }, note, el("div", { class: "actions" }, accept, reject), edit, merge, split);
}

let locator = null;

async function showPlace(incident) {
  // A small map of where the incident is; the same map code as the dashboard, with one point.
  const place = incident.place;
  fill(document.getElementById("where-note"), place ? `${place.name} · ${place.kind} · ${place.lat.toFixed(3)}, ${place.lon.toFixed(3)}` : "no place resolved");
  if (!locator) locator = createMap(document.getElementById("where"), { onOpen: () => {} });
  await locator.ready;
  const casualties = (incident.fatalities.best || 0) + (incident.injuries.best || 0);
  locator.update(place ? [{ id: incident.id, lat: place.lat, lon: place.lon, type: incident.sub_event_type, casualties, date: incident.date && incident.date.start, place: incident.place_text || place.name }] : []);
}

async function render(detail) {
  const { incident } = detail;
  await showPlace(incident);
  document.title = `sitroom · ${incident.sub_event_type} · ${dateText(incident.date)}`;
  const [documents, history] = await Promise.all([
    Promise.all(detail.sources.map((s) => get(`documents/${encodeURIComponent(s.id)}`).catch(() => null))),
    get("audit").catch(() => []),
  ]);
  fill(document.getElementById("title"),
    el("span", { class: "swatch big", bg: typeColor(incident.sub_event_type) }),
    `${incident.sub_event_type} · ${dateText(incident.date)} · ${incident.place_text || (incident.place && incident.place.name) || "no place"}`);
  fill(document.getElementById("badges"),
    el("span", { class: `status status-${incident.status}`, id: "status", text: incident.status }),
    el("span", { class: "badge", text: `confidence ${incident.confidence.toFixed(2)}` }),
    el("span", { class: "badge", text: `${detail.sources.length} source${detail.sources.length === 1 ? "" : "s"}` }),
    el("code", { class: "badge", text: incident.id }));
  fill(document.getElementById("fields"), fieldsTable(detail));
  fill(document.getElementById("legend"), fieldLegend(detail.evidence));
  fill(document.getElementById("sources"), detail.sources.map((s, i) => sourceSection(s, documents[i], detail.evidence)));
  fill(document.getElementById("mentions"), mentionsList(detail));
  fill(document.getElementById("merges"), mergesList(detail));
  fill(document.getElementById("audit"), auditTable(detail, history));
  fill(document.getElementById("review"), reviewPanel(detail));
  document.body.dataset.loaded = String(Number(document.body.dataset.loaded || 0) + 1);
}

async function load() {
  try {
    await render(await get(`incidents/${encodeURIComponent(incidentId)}`));
  } catch (error) {
    fill(document.getElementById("title"), error.status === 404 ? "No such incident" : "Could not load the incident");
    say("error", error.message);
    document.body.dataset.loaded = "error";
  }
}

mountTokenControl(document.getElementById("token"), (answer) => {
  const changed = answer.authenticated !== who.authenticated || answer.name !== who.name;
  who = answer;
  if (changed || !document.body.dataset.loaded) load();
});
