// Talking to the sitroom API: JSON reads, writes with the editor's token, errors as messages.

const TOKEN_KEY = "sitroom.token";

/** The editor's token kept for this browser tab only (sessionStorage: gone when the tab closes). */
export function getToken() {
  return sessionStorage.getItem(TOKEN_KEY) || "";
}

export function setToken(token) {
  if (token) sessionStorage.setItem(TOKEN_KEY, token.trim());
  else sessionStorage.removeItem(TOKEN_KEY);
}

/** An error the API answered with: its HTTP status and the message it gave. */
export class ApiError extends Error {
  constructor(status, message) {
    super(message);
    this.status = status;
  }
}

function query(params) {
  const search = new URLSearchParams();
  for (const [name, value] of Object.entries(params || {})) {
    if (Array.isArray(value)) value.forEach((v) => search.append(name, v));
    else if (value !== null && value !== undefined && value !== "") search.append(name, value);
  }
  const text = search.toString();
  return text ? `?${text}` : "";
}

async function answer(response) {
  const body = await response.json().catch(() => null);
  if (response.ok) return body;
  let message = response.statusText;
  if (body && typeof body.detail === "string") message = body.detail;
  else if (body && Array.isArray(body.detail)) message = body.detail.map((d) => `${(d.loc || []).join(".")}: ${d.msg}`).join("; ");
  else if (body && body.message) message = body.message;
  throw new ApiError(response.status, message);
}

/** GET /api/<path> with query parameters. */
export async function get(path, params) {
  const headers = { Accept: "application/json" };
  const token = getToken();
  if (token) headers.Authorization = `Bearer ${token}`;
  return answer(await fetch(`/api/${path}${query(params)}`, { headers }));
}

/** A write (POST, PATCH) with a JSON body; carries the token when there is one. */
export async function send(method, path, body) {
  const headers = { Accept: "application/json", "Content-Type": "application/json" };
  const token = getToken();
  if (token) headers.Authorization = `Bearer ${token}`;
  return answer(await fetch(`/api/${path}`, { method, headers, body: JSON.stringify(body ?? {}) }));
}

/** The address of an API download (exports) with the same filters. */
export function href(path, params) {
  return `/api/${path}${query(params)}`;
}
