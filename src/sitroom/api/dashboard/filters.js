// The filters live in the page's URL, so a view can be bookmarked, shared and restored with Back.

export const FILTER_KEYS = ["since", "until", "country", "type", "attacker", "target", "weapon", "q", "status"];

/** The filters of the current URL as {name: value} (only the ones set). */
export function readFilters(search = window.location.search) {
  const params = new URLSearchParams(search);
  const filters = {};
  for (const key of FILTER_KEYS) {
    const value = params.get(key);
    if (value) filters[key] = value;
  }
  return filters;
}

/** The query string of a set of filters (and an optional page). */
export function filterQuery(filters, extra = {}) {
  const params = new URLSearchParams();
  for (const key of FILTER_KEYS) if (filters[key]) params.set(key, filters[key]);
  for (const [key, value] of Object.entries(extra)) if (value) params.set(key, value);
  const text = params.toString();
  return text ? `?${text}` : "";
}

/** Put the filters in the address bar as a new history entry. */
export function pushFilters(filters, extra = {}) {
  const next = `${window.location.pathname}${filterQuery(filters, extra)}`;
  if (next !== `${window.location.pathname}${window.location.search}`) window.history.pushState(null, "", next);
}
