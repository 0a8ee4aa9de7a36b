// The timeline: incidents per day, week or month stacked by type; brushing a stretch filters dates.
/* global d3 */
import { el, tooltip } from "./dom.js";
import { typeColor } from "./colors.js";

const MARGIN = { top: 10, right: 12, bottom: 24, left: 34 };

function addPeriod(start, by) {
  const next = new Date(start);
  if (by === "day") next.setUTCDate(next.getUTCDate() + 1);
  else if (by === "week") next.setUTCDate(next.getUTCDate() + 7);
  else next.setUTCMonth(next.getUTCMonth() + 1);
  return next;
}

function isoDay(date) {
  return date.toISOString().slice(0, 10);
}

/** A timeline in `container`; `update(timeline)` draws /api/timeline; `onRange(since, until)` on brush. */
export function createTimeline(container, { onRange }) {
  const tip = tooltip();
  const svg = d3.select(container).append("svg").attr("class", "timeline-svg").attr("role", "img")
    .attr("aria-label", "Incidents over time, stacked by type");
  const bars = svg.append("g");
  const xAxis = svg.append("g").attr("class", "axis");
  const yAxis = svg.append("g").attr("class", "axis");
  const brushLayer = svg.append("g").attr("class", "brush");
  const empty = svg.append("text").attr("class", "empty").attr("text-anchor", "middle");

  let shown = null;
  new ResizeObserver(() => { if (shown) update(shown); }).observe(container);

  function update(data) {
    shown = data;
    const width = container.clientWidth;
    const height = container.clientHeight;
    // Before layout (or when hidden) the box has no room: an extent would come out negative and the
    // brush would draw invalid rects. The ResizeObserver draws again once the box has its size.
    if (width <= MARGIN.left + MARGIN.right || height <= MARGIN.top + MARGIN.bottom) return;
    svg.attr("viewBox", `0 0 ${width} ${height}`);
    const periods = data.periods.map((p) => new Date(`${p}T00:00:00Z`));
    empty.attr("x", width / 2).attr("y", height / 2).text(periods.length ? "" : "No dated incidents match these filters");
    const rows = periods.map((start, i) => {
      const row = { start, end: addPeriod(start, data.by) };
      data.types.forEach((type, j) => { row[type] = data.counts[i][j]; });
      return row;
    });
    const series = d3.stack().keys(data.types)(rows);
    const first = periods[0] || new Date();
    const last = rows.length ? rows[rows.length - 1].end : addPeriod(first, "day");
    const x = d3.scaleUtc().domain([first, last]).range([MARGIN.left, width - MARGIN.right]);
    const top = d3.max(rows, (r) => d3.sum(data.types, (t) => r[t])) || 1;
    const y = d3.scaleLinear().domain([0, top]).nice().range([height - MARGIN.bottom, MARGIN.top]);
    bars.selectAll("g.layer").data(series, (s) => s.key).join("g").attr("class", "layer")
      .attr("fill", (s) => typeColor(s.key))
      .selectAll("rect").data((s) => s.filter((d) => d[1] > d[0]).map((d) => Object.assign(d, { key: s.key })))
      .join("rect")
      .attr("x", (d) => x(d.data.start) + 0.5)
      .attr("width", (d) => Math.max(1, x(d.data.end) - x(d.data.start) - 1))
      .attr("y", (d) => y(d[1]))
      .attr("height", (d) => Math.max(0, y(d[0]) - y(d[1])))
      .on("mousemove", (event, d) => tip.show(event,
        el("strong", { text: `${isoDay(d.data.start)}${data.by === "day" ? "" : ` (${data.by})`}` }),
        el("div", { text: `${d[1] - d[0]} × ${d.key}` }),
        el("div", { text: `${d3.sum(data.types, (t) => d.data[t])} incidents in all` })))
      .on("mouseleave", () => tip.hide());
    xAxis.attr("transform", `translate(0,${height - MARGIN.bottom})`)
      .call(d3.axisBottom(x).ticks(Math.max(2, Math.floor(width / 90))).tickSizeOuter(0));
    yAxis.attr("transform", `translate(${MARGIN.left},0)`).call(d3.axisLeft(y).ticks(4).tickFormat(d3.format("d")));
    const brush = d3.brushX().extent([[MARGIN.left, MARGIN.top], [width - MARGIN.right, height - MARGIN.bottom]])
      .on("end", (event) => {
        if (!event.sourceEvent || !event.selection) return;
        const [a, b] = event.selection.map(x.invert);
        const until = new Date(b.getTime() - 1);
        brushLayer.call(brush.move, null);
        onRange(isoDay(a), isoDay(until));
      });
    brushLayer.call(brush);
  }

  return { update };
}
