// The token control in the top bar: read-only until a person pastes an editor's token.
import { el, fill } from "./dom.js";
import { get, getToken, setToken } from "./api.js";

/** Mount the control in `node`; `onChange(who)` runs with /api/whoami's answer after every change. */
export function mountTokenControl(node, onChange = () => {}) {
  const status = el("span", { class: "who", id: "who" });
  const input = el("input", { type: "password", id: "token-input", placeholder: "paste an editor token", autocomplete: "off", "aria-label": "API token" });
  const form = el("form", { class: "token-form", id: "token-form", hidden: "" },
    input, el("button", { type: "submit", text: "Use token" }));
  const toggle = el("button", { type: "button", class: "ghost", id: "token-toggle" });
  fill(node, status, toggle, form);

  async function refresh() {
    let who = { authenticated: false };
    try {
      who = await get("whoami");
    } catch (error) {
      setToken("");
      fill(status, el("span", { class: "badge bad", text: `token refused: ${error.message}` }));
      toggle.textContent = "Sign in";
      onChange(who);
      return;
    }
    if (who.authenticated) {
      fill(status, el("span", { class: `badge ${who.role === "editor" ? "good" : ""}`, text: `${who.role}: ${who.name}` }));
      toggle.textContent = "Sign out";
    } else {
      fill(status, el("span", { class: "badge", text: "read-only" }));
      toggle.textContent = "Sign in";
    }
    onChange(who);
  }

  toggle.addEventListener("click", () => {
    if (getToken()) {
      setToken("");
      refresh();
    } else {
      form.hidden = !form.hidden;
      if (!form.hidden) input.focus();
    }
  });
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    setToken(input.value);
    input.value = "";
    form.hidden = true;
    refresh();
  });
  refresh();
}
