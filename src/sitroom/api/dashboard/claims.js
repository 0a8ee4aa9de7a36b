// Reported tallies ("76 attacks since October 17") against sitroom's own running count.
/* global d3 */
import { el, fill, tooltip } from "./dom.js";

const MARGIN = { top: 14, right: 16, bottom: 24, left: 38 };

/** The claims chart in `container` with a list of the claims in `listNode`. */
export function createClaims(container, listNode, picker) {
  const tip = tooltip();
  const svg = d3.select(container).append("svg").attr("class", "claims-svg").attr("role", "img")
    .attr("aria-label", "Reported tallies against sitroom's running count");
  let series = [];
  let shown = null;
  new ResizeObserver(() => { if (shown !== null) draw(shown); }).observe(container);

  function draw(chosen) {
    shown = chosen;
    const width = container.clientWidth;
    const height = container.clientHeight;
    svg.attr("viewBox", `0 0 ${width} ${height}`).selectAll("*").remove();
    if (!chosen) {
      svg.append("text").attr("class", "empty").attr("x", width / 2).attr("y", height / 2)
        .attr("text-anchor", "middle").text("No reported tallies in the store");
      fill(listNode);
      return;
    }
    const running = chosen.running.map((p) => ({ day: new Date(`${p.day}T00:00:00Z`), count: p.count }));
    const claims = chosen.claims.filter((c) => c.as_of).map((c) => ({ ...c, day: new Date(`${c.as_of}T00:00:00Z`) }));
    const days = [...running.map((p) => p.day), ...claims.map((c) => c.day)];
    if (chosen.since) days.push(new Date(`${chosen.since}T00:00:00Z`));
    const x = d3.scaleUtc().domain(d3.extent(days)).nice().range([MARGIN.left, width - MARGIN.right]);
    const top = d3.max([...running.map((p) => p.count), ...claims.map((c) => c.quantity)]) || 1;
    const y = d3.scaleLinear().domain([0, top]).nice().range([height - MARGIN.bottom, MARGIN.top]);
    svg.append("g").attr("class", "axis").attr("transform", `translate(0,${height - MARGIN.bottom})`)
      .call(d3.axisBottom(x).ticks(Math.max(2, Math.floor(width / 90))).tickSizeOuter(0));
    svg.append("g").attr("class", "axis").attr("transform", `translate(${MARGIN.left},0)`)
      .call(d3.axisLeft(y).ticks(4).tickFormat(d3.format("d")));
    if (running.length) {
      svg.append("path").datum(running).attr("class", "running")
        .attr("d", d3.line().curve(d3.curveStepAfter).x((p) => x(p.day)).y((p) => y(p.count)));
    }
    svg.append("g").selectAll("circle").data(claims).join("circle").attr("class", "claim-dot claim-point")
      .attr("cx", (c) => x(c.day)).attr("cy", (c) => y(c.quantity)).attr("r", 5.5)
      .on("mousemove", (event, c) => tip.show(event,
        el("strong", { text: `${c.quantity} ${c.unit} reported` }),
        el("div", { text: `${c.attributed_to || "unattributed"}, as of ${c.as_of}` }),
        el("div", { text: `sitroom counts ${c.counted} (${c.difference >= 0 ? "+" : ""}${c.difference})` })))
      .on("mouseleave", () => tip.hide());
    const legend = svg.append("g").attr("class", "legend").attr("transform", `translate(${MARGIN.left + 8},${MARGIN.top + 4})`);
    legend.append("line").attr("class", "running").attr("x1", 0).attr("x2", 18).attr("y1", 0).attr("y2", 0);
    legend.append("text").attr("x", 24).attr("dy", "0.35em").text("sitroom running count");
    legend.append("circle").attr("class", "claim-dot").attr("cx", 9).attr("cy", 16).attr("r", 5);
    legend.append("text").attr("x", 24).attr("y", 16).attr("dy", "0.35em").text("reported tally");
    fill(listNode, chosen.claims.map((c) => el("li", {},
      el("span", { class: "claim-q", text: `${c.quantity} ${c.unit}` }),
      ` ${c.since ? `since ${c.since}` : ""} · ${c.attributed_to || "unattributed"}${c.as_of ? `, ${c.as_of}` : ""} · `,
      el("span", { class: c.difference === 0 ? "diff ok" : "diff", text: `sitroom ${c.counted} (${c.difference >= 0 ? "+" : ""}${c.difference})` }))));
  }

  function update(data) {
    series = data;
    fill(picker, series.map((s, i) => el("option", { value: String(i), text: `${s.scope_text} (${s.claims.length})` })));
    picker.hidden = series.length < 2;
    draw(series[0]);
  }

  picker.addEventListener("change", () => draw(series[Number(picker.value)]));
  return { update };
}
