// The incident map: Natural Earth countries (world-atlas, served locally) in Mercator, incidents as
// circles coloured by type and sized by casualties, clustered with supercluster when they crowd.
/* global d3, topojson, Supercluster */
import { el, tooltip } from "./dom.js";
import { typeColor } from "./colors.js";

const TAU = 2 * Math.PI;
// Supercluster works in web-map zoom levels, where the world is 256 * 2^z pixels wide.
const TILE = 256;

function radius(casualties) {
  return Math.min(26, 4.5 + 2.2 * Math.sqrt(casualties || 0));
}

function dominantType(types) {
  let best = null;
  for (const [type, count] of Object.entries(types)) if (!best || count > types[best]) best = type;
  return best;
}

/** A map in `container`; call `update(points)` with /api/map points. `onOpen(id)` opens an incident. */
export function createMap(container, { onOpen }) {
  const tip = tooltip();
  const svg = d3.select(container).append("svg").attr("class", "map-svg").attr("role", "img")
    .attr("aria-label", "Map of incidents");
  const world = svg.append("g").attr("class", "world");
  const land = world.append("g");
  const borders = world.append("path").attr("class", "borders");
  const marks = svg.append("g").attr("class", "marks");
  const projection = d3.geoMercator();
  const path = d3.geoPath(projection);
  let transform = d3.zoomIdentity;
  let index = null;
  let width = 0;
  let height = 0;
  let lastPoints = null;

  const zoom = d3.zoom().scaleExtent([1, 400]).on("zoom", (event) => {
    transform = event.transform;
    world.attr("transform", transform);
    drawMarks();
  });
  svg.call(zoom).on("dblclick.zoom", null);

  function resize() {
    width = container.clientWidth;
    height = container.clientHeight;
    svg.attr("viewBox", `0 0 ${width} ${height}`);
    // The world's width fills the map at zoom 1; fit() then zooms to the incidents.
    projection.scale(width / TAU).translate([width / 2, height / 2 + 0.08 * width]);
    land.selectAll("path").attr("d", path);
    borders.attr("d", path);
    zoom.extent([[0, 0], [width, height]]).translateExtent([[-width, -height], [2 * width, 2 * height]]);
  }

  async function loadBasemap() {
    const atlas = await d3.json("/vendor/countries-50m.json");
    const countries = topojson.feature(atlas, atlas.objects.countries).features;
    land.selectAll("path").data(countries).join("path").attr("class", "country").attr("d", path)
      .append("title").text((d) => d.properties.name);
    borders.datum(topojson.mesh(atlas, atlas.objects.countries, (a, b) => a !== b)).attr("d", path);
  }

  function mapZoom() {
    return Math.log2((TAU * projection.scale() * transform.k) / TILE);
  }

  function screen(lon, lat) {
    return transform.apply(projection([lon, lat]));
  }

  function drawMarks() {
    if (!index) return;
    const z = Math.max(0, Math.min(17, Math.floor(mapZoom())));
    const shown = index.getClusters([-180, -85, 180, 85], z).map((feature) => {
      const [x, y] = screen(...feature.geometry.coordinates);
      return { feature, x, y };
    }).filter((d) => d.x > -40 && d.y > -40 && d.x < width + 40 && d.y < height + 40);
    marks.selectAll("g.mark").data(shown, (d) => (d.feature.properties.cluster ? `c${d.feature.id}` : d.feature.properties.id))
      .join((enter) => {
        const g = enter.append("g").attr("class", "mark");
        g.append("circle");
        g.append("text").attr("class", "mark-count").attr("dy", "0.35em");
        return g;
      })
      .attr("transform", (d) => `translate(${d.x},${d.y})`)
      .classed("cluster", (d) => Boolean(d.feature.properties.cluster))
      .each(function drawOne(d) {
        const p = d.feature.properties;
        const g = d3.select(this);
        const type = p.cluster ? dominantType(p.types) : p.type;
        const r = p.cluster ? Math.max(11, radius(p.casualties) + 4 * Math.log2(p.point_count)) : radius(p.casualties);
        g.select("circle").attr("r", r).attr("fill", typeColor(type));
        g.select("text").text(p.cluster ? p.point_count_abbreviated : "");
      })
      .on("mousemove", (event, d) => tip.show(event, describe(d.feature.properties)))
      .on("mouseleave", () => tip.hide())
      .on("click", (event, d) => {
        tip.hide();
        const p = d.feature.properties;
        if (!p.cluster) {
          onOpen(p.id);
          return;
        }
        const target = Math.min(index.getClusterExpansionZoom(p.cluster_id), 17);
        const k = (TILE * 2 ** (target + 0.2)) / (TAU * projection.scale());
        const [px, py] = projection(d.feature.geometry.coordinates);
        svg.transition().duration(450).call(zoom.transform,
          d3.zoomIdentity.translate(width / 2 - k * px, height / 2 - k * py).scale(k));
      });
  }

  function describe(p) {
    if (p.cluster) {
      const types = Object.entries(p.types).sort((a, b) => b[1] - a[1]);
      return [
        el("strong", { text: `${p.point_count} incidents` }),
        el("div", { text: `${p.casualties} killed or injured` }),
        ...types.map(([type, count]) => el("div", { class: "tip-type" },
          el("span", { class: "swatch", bg: typeColor(type) }), `${count} × ${type}`)),
        el("div", { class: "tip-hint", text: "click to zoom in" }),
      ];
    }
    return [
      el("strong", { text: p.type }),
      el("div", { text: `${p.date || "undated"} · ${p.place || ""}` }),
      el("div", { text: `${p.casualties} killed or injured` }),
      el("div", { class: "tip-hint", text: "click to open" }),
    ];
  }

  /** Fit the view around the points (the whole world when there are none). */
  function fit(points, duration = 500) {
    if (!points.length) {
      svg.transition().duration(duration).call(zoom.transform, d3.zoomIdentity);
      return;
    }
    // The central 90% of the points: one misplaced incident on another continent must not zoom the
    // whole theatre out to a world view.
    const xy = points.map((p) => projection([p.lon, p.lat]));
    const trim = xy.length >= 10 ? 0.05 : 0;
    const xs = xy.map((d) => d[0]).sort((a, b) => a - b);
    const ys = xy.map((d) => d[1]).sort((a, b) => a - b);
    const [x0, x1] = [d3.quantileSorted(xs, trim), d3.quantileSorted(xs, 1 - trim)];
    const [y0, y1] = [d3.quantileSorted(ys, trim), d3.quantileSorted(ys, 1 - trim)];
    const span = Math.max(x1 - x0, y1 - y0, 4);
    // A lone point gets the view of a region around it (about 3,000 km across), not of a street.
    const cap = points.length < 3 ? 12 : 60;
    const k = Math.min(cap, 0.7 * Math.min(width / Math.max(x1 - x0, span / 2), height / Math.max(y1 - y0, span / 2)));
    const cx = (x0 + x1) / 2;
    const cy = (y0 + y1) / 2;
    svg.transition().duration(duration).call(zoom.transform, d3.zoomIdentity.translate(width / 2 - k * cx, height / 2 - k * cy).scale(Math.max(1, k)));
  }

  function update(points) {
    index = new Supercluster({
      radius: 28,
      extent: TILE,
      maxZoom: 16,
      map: (p) => ({ casualties: p.casualties, types: { [p.type]: 1 } }),
      reduce: (acc, p) => {
        acc.casualties += p.casualties;
        for (const [type, count] of Object.entries(p.types)) acc.types[type] = (acc.types[type] || 0) + count;
      },
    });
    index.load(points.map((p) => ({
      type: "Feature",
      geometry: { type: "Point", coordinates: [p.lon, p.lat] },
      properties: { id: p.id, type: p.type, casualties: p.casualties, date: p.date, place: p.place },
    })));
    lastPoints = points;
    fit(points);
    drawMarks();
  }

  resize();
  // The panel changes size as the legend fills and the window moves: re-fit to what it shows then.
  new ResizeObserver(() => {
    if (container.clientWidth === width && container.clientHeight === height) return;
    resize();
    if (lastPoints) fit(lastPoints, 0);
    drawMarks();
  }).observe(container);
  const ready = loadBasemap();
  return { update, ready };
}
