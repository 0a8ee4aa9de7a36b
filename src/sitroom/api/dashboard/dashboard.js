// The dashboard page: filters in the URL drive the map, the timeline and the table together.
import { el, fill } from "./dom.js";
import { get, href } from "./api.js";
import { FILTER_KEYS, readFilters, filterQuery, pushFilters } from "./filters.js";
import { typeColor } from "./colors.js";
import { createMap } from "./map.js";
import { createTimeline } from "./timeline.js";
import { createTable } from "./table.js";
import { createClaims } from "./claims.js";
import { mountTokenControl } from "./token.js";

const PAGE = 25;
const WEAPONS = ["drone", "rocket", "ballistic_missile", "cruise_missile", "anti_ship_missile", "missile",
  "artillery", "mortar", "ied", "small_arms", "aircraft", "naval_gunfire", "unknown"];
const form = document.getElementById("filters");
const summary = document.getElementById("summary");
const errorBox = document.getElementById("error");
let loads = 0;

function offsetOfUrl() {
  const offset = Number(new URLSearchParams(window.location.search).get("offset"));
  return Number.isInteger(offset) && offset > 0 ? offset : 0;
}

function openIncident(id) {
  window.location.assign(`/incident/${encodeURIComponent(id)}${filterQuery(readFilters())}`);
}

const map = createMap(document.getElementById("map"), { onOpen: openIncident });
const timeline = createTimeline(document.getElementById("timeline"), {
  onRange: (since, until) => apply({ ...readFilters(), since, until }),
});
const table = createTable(document.getElementById("table"), document.getElementById("pager"), {
  onOpen: openIncident,
  onPage: (offset) => { pushFilters(readFilters(), { offset: String(offset) }); refresh(); },
});
const claims = createClaims(document.getElementById("claims"), document.getElementById("claim-list"),
  document.getElementById("claim-scope"));

function options(select, rows, label) {
  const current = select.value;
  fill(select, el("option", { value: "", text: label }),
    rows.filter((row) => !row.key.startsWith("(")).map((row) => el("option", { value: row.key, text: `${row.key} (${row.count})` })));
  select.value = current;
}

async function loadFacets() {
  const [countries, types, attackers] = await Promise.all(
    ["country", "type", "attacker"].map((by) => get("tally", { by })));
  options(form.elements.country, countries.rows, "any country");
  options(form.elements.type, types.rows, "any type");
  fill(document.getElementById("attackers"), attackers.rows.filter((row) => !row.key.startsWith("(")).map((row) => el("option", { value: row.key })));
  fill(form.elements.weapon, el("option", { value: "", text: "any weapon" }),
    WEAPONS.map((w) => el("option", { value: w, text: w.replaceAll("_", " ") })));
}

function showFilters(filters) {
  for (const key of FILTER_KEYS) {
    const field = form.elements[key];
    if (!field) continue;
    if (field.tagName === "SELECT" && filters[key] && ![...field.options].some((o) => o.value === filters[key])) {
      field.append(el("option", { value: filters[key], text: filters[key] }));
    }
    field.value = filters[key] || "";
  }
}

function formFilters() {
  const filters = {};
  for (const key of FILTER_KEYS) {
    const value = (form.elements[key].value || "").trim();
    if (value) filters[key] = value;
  }
  return filters;
}

function apply(filters) {
  pushFilters(filters);
  refresh();
}

function legend(types) {
  fill(document.getElementById("legend"), types.map((type) =>
    el("span", { class: "legend-item" }, el("span", { class: "swatch", bg: typeColor(type) }), type)));
}

function exports(filters) {
  const params = {};
  for (const [key, value] of Object.entries(filters)) params[key] = value;
  fill(document.getElementById("exports"), ["acled-csv", "geojson", "jsonl", "parquet"].map((format) =>
    el("a", { href: href(`exports/${format}`, params), download: "", class: "export", text: format })));
}

async function refresh() {
  const filters = readFilters();
  const offset = offsetOfUrl();
  showFilters(filters);
  exports(filters);
  const busy = ++loads;
  document.body.dataset.loading = "true";
  try {
    const [page, points, series] = await Promise.all([
      get("incidents", { ...filters, limit: PAGE, offset }),
      get("map", filters),
      get("timeline", filters),
    ]);
    if (busy !== loads) return;
    fill(errorBox);
    table.update(page);
    timeline.update(series);
    await map.ready;
    map.update(points.points);
    legend(series.types);
    const notes = [];
    if (points.unlocated) notes.push(`${points.unlocated} without a place`);
    if (points.truncated) notes.push("map shows the first 20,000");
    fill(summary, el("strong", { text: String(page.total) }), ` incidents${notes.length ? ` · ${notes.join(" · ")}` : ""}`);
  } catch (error) {
    fill(errorBox, el("p", { class: "error", role: "alert", text: `Could not load: ${error.message}` }));
  } finally {
    if (busy === loads) {
      document.body.dataset.loading = "false";
      document.body.dataset.loaded = String(Number(document.body.dataset.loaded || 0) + 1);
    }
  }
}

let typing = null;
form.addEventListener("input", (event) => {
  // Text boxes wait for a pause in typing; dates and lists apply at once.
  clearTimeout(typing);
  const wait = event.target.type === "search" || event.target.type === "text" ? 350 : 0;
  typing = setTimeout(() => apply(formFilters()), wait);
});
form.addEventListener("submit", (event) => { event.preventDefault(); clearTimeout(typing); apply(formFilters()); });
document.getElementById("clear").addEventListener("click", () => { form.reset(); apply({}); });
window.addEventListener("popstate", refresh);

mountTokenControl(document.getElementById("token"));
loadFacets().then(refresh, (error) => {
  fill(errorBox, el("p", { class: "error", role: "alert", text: `Could not load: ${error.message}` }));
});
get("claims/series").then((data) => claims.update(data), (error) => {
  fill(document.getElementById("claim-list"), el("li", { class: "error", text: error.message }));
});
