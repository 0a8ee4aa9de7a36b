// One colour per event type and per evidence field, the same on every page and chart.

const TYPE_COLORS = {
  "Air/drone strike": "#ef6f3c",
  "Shelling/artillery/missile attack": "#f2b134",
  "Disrupted weapons use": "#4aa3f0",
  "Armed clash": "#b07cd8",
  "Remote explosive/landmine/IED": "#a8845a",
  "Suicide bomb": "#e0474c",
  Grenade: "#d8c44a",
  Attack: "#ea5f9a",
  "Abduction/forced disappearance": "#8b7ff0",
  "Looting/property destruction": "#9aa5b1",
  Arrests: "#6fc2b0",
  "Chemical weapon": "#7ed957",
};
const SPARE = ["#5fd1c9", "#c9a0ff", "#ffb4a2", "#9fd356", "#ff9f1c", "#7aa6c2", "#e6a0c4"];
const assigned = new Map();

/** The colour of an event or sub-event type. */
export function typeColor(type) {
  if (TYPE_COLORS[type]) return TYPE_COLORS[type];
  if (!assigned.has(type)) assigned.set(type, SPARE[assigned.size % SPARE.length]);
  return assigned.get(type);
}

const FIELD_ORDER = [
  "event_type", "sub_event_type", "trigger", "date", "location", "attacker", "target", "interceptor",
  "weapon", "count", "fatalities", "injuries", "damage",
];

/** Evidence fields in the order a reader goes through an incident; unknown ones at the end. */
export function fieldRank(field) {
  const i = FIELD_ORDER.indexOf(field);
  return i < 0 ? FIELD_ORDER.length : i;
}

/** The CSS class that colours a field's highlight (style.css defines ev-0 .. ev-11). */
export function fieldClass(field) {
  return `ev-${Math.min(fieldRank(field), 12)}`;
}

/** A field name as a label. */
export function fieldLabel(field) {
  return field.replaceAll("_", " ");
}
