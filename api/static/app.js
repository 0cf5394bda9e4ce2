// The partnergraph page: the most connected companies, search, an entity's neighbourhood
// at a date (one URL per view), details, paths.
// Plain browser JavaScript over the JSON API; every text from the API goes through
// textContent (never innerHTML), and only http(s) links are made clickable.
"use strict";

(() => {
  const FIRST_YEAR = 1995;
  const COLORS = { Organization: "#2563eb", Person: "#16a34a", Product: "#d97706" };
  const $ = (id) => document.getElementById(id);

  const state = { center: null, asOf: null, token: 0, body: null, hash: null, drawnDepth: null };

  // -- small helpers ---------------------------------------------------------------

  function el(tag, props = {}, ...children) {
    const node = document.createElement(tag);
    for (const [key, value] of Object.entries(props)) {
      if (key === "class") node.className = value;
      else if (key === "dataset") Object.assign(node.dataset, value);
      else if (key.startsWith("on")) node.addEventListener(key.slice(2), value);
      else node.setAttribute(key, value);
    }
    for (const child of children.flat(Infinity)) {
      if (child !== null && child !== undefined) {
        node.append(child instanceof Node ? child : document.createTextNode(String(child)));
      }
    }
    return node;
  }

  function safeLink(url, text) {
    try {
      const parsed = new URL(url);
      if (parsed.protocol === "http:" || parsed.protocol === "https:") {
        return el("a", { href: parsed.href, target: "_blank", rel: "noopener noreferrer" }, text);
      }
    } catch (_) {
      /* not a URL: shown as text */
    }
    return el("span", {}, text);
  }

  function status(message, isError = false) {
    const node = $("status");
    node.textContent = message;
    node.classList.toggle("error", isError);
  }

  async function api(path, params = {}) {
    const url = new URL(path, window.location.origin);
    for (const [key, value] of Object.entries(params)) {
      if (value !== null && value !== undefined && value !== "") url.searchParams.set(key, value);
    }
    const response = await fetch(url, { headers: { Accept: "application/json" } });
    const body = await response.json().catch(() => ({}));
    if (!response.ok) {
      const error = new Error(body.detail || `${response.status} ${response.statusText}`);
      error.status = response.status;
      error.problem = body;
      throw error;
    }
    return body;
  }

  const relationLabel = (relation) => relation.replaceAll("_", " ");
  const period = (fact) =>
    `${fact.valid_from || "?"} – ${fact.valid_to || (fact.valid_from ? "open" : "?")}`;

  // -- the time slider ---------------------------------------------------------------

  function sliderMonth(value) {
    const index = Number(value);
    return { year: FIRST_YEAR + Math.floor(index / 12), month: (index % 12) + 1 };
  }

  function asOfFromSlider() {
    const { year, month } = sliderMonth($("time").value);
    const last = new Date(Date.UTC(year, month, 0)).getUTCDate(); // the month's last day
    return `${year}-${String(month).padStart(2, "0")}-${String(last).padStart(2, "0")}`;
  }

  function showSliderLabel() {
    const { year, month } = sliderMonth($("time").value);
    $("time-label").textContent = `${year}-${String(month).padStart(2, "0")}`;
  }

  function setSliderToToday() {
    const now = new Date();
    const index = (now.getUTCFullYear() - FIRST_YEAR) * 12 + now.getUTCMonth();
    const slider = $("time");
    slider.value = String(Math.max(0, Math.min(Number(slider.max), index)));
    showSliderLabel();
  }

  // -- the graph ---------------------------------------------------------------------
  //
  // What is drawn is derived from the answer (state.body) by view(): relation types the
  // chips switch off and undated facts (when hidden) are left out; beyond TOP_LEAVES
  // leaves of one hub by one relation are folded into a "+N more" node; several facts
  // between the same two entities are one edge with a count. Clicks expand either.

  const TOP_LEAVES = 6;
  const LABEL_ZOOM = 1.15; // edge labels show from this zoom on (and on hover, always)

  if (window.cytoscapeFcose) window.cytoscape.use(window.cytoscapeFcose);
  const HAS_FCOSE = Boolean(window.cytoscapeFcose);

  const cy = window.cytoscape({
    container: $("graph"),
    maxZoom: 2.5,
    minZoom: 0.15,
    style: [
      {
        selector: "node",
        style: {
          label: "data(name)",
          "background-color": "data(color)",
          color: "#1f2937",
          "font-size": 11,
          "text-valign": "bottom",
          "text-margin-y": 3,
          "text-wrap": "wrap",
          "text-max-width": 110,
          "text-background-color": "#ffffff",
          "text-background-opacity": 0.7,
          "text-background-padding": 1,
          width: 22,
          height: 22,
        },
      },
      { selector: "node.center", style: { width: 38, height: 38, "font-weight": "bold", "font-size": 13 } },
      {
        selector: "node.more",
        style: {
          shape: "round-rectangle",
          "background-color": "#e2e8f0",
          "border-width": 1,
          "border-color": "#94a3b8",
          width: 18,
          height: 18,
          color: "#475569",
          "font-style": "italic",
        },
      },
      {
        selector: "edge",
        style: {
          label: "",
          "curve-style": "bezier",
          width: 1.6,
          "line-color": "#94a3b8",
          "target-arrow-color": "#94a3b8",
          "target-arrow-shape": "triangle",
          "arrow-scale": 0.8,
          "font-size": 10,
          color: "#334155",
          "text-rotation": "autorotate",
          "text-background-color": "#ffffff",
          "text-background-opacity": 0.9,
          "text-background-padding": 2,
        },
      },
      { selector: "edge.labelled, edge.hover", style: { label: "data(label)" } },
      { selector: "edge.hover", style: { "z-index": 10, "font-size": 12 } },
      { selector: "edge.symmetric, edge.bundle", style: { "target-arrow-shape": "none" } },
      {
        selector: "edge.bundle",
        style: { width: "mapData(count, 2, 6, 3, 7)", "line-color": "#64748b" },
      },
      { selector: "edge.undated", style: { "line-style": "dotted" } },
      { selector: "edge.ended", style: { opacity: 0.3, "line-style": "dashed" } },
      {
        selector: ":selected",
        style: { "line-color": "#f59e0b", "target-arrow-color": "#f59e0b", "border-width": 3 },
      },
    ],
  });
  window.partnergraph = { cy, view: () => lastView }; // for the browser test and the curious

  // The list under the graph grows and shrinks, and windows resize: keep the graph in view.
  let fitTimer = null;
  new ResizeObserver(() => {
    cy.resize();
    clearTimeout(fitTimer);
    fitTimer = setTimeout(() => cy.fit(undefined, 30), 60);
  }).observe($("graph"));

  const showLabels = () => cy.edges().toggleClass("labelled", cy.zoom() >= LABEL_ZOOM);
  cy.on("zoom", showLabels);
  cy.on("mouseover", "edge", (event) => event.target.addClass("hover"));
  cy.on("mouseout", "edge", (event) => event.target.removeClass("hover"));
  cy.on("mouseover", "node", (event) => event.target.connectedEdges().addClass("hover"));
  cy.on("mouseout", "node", (event) => event.target.connectedEdges().removeClass("hover"));

  const undated = (f) => !f.valid_from && !f.valid_to;
  const pairKey = (a, b) => (a < b ? `${a}|${b}` : `${b}|${a}`);

  function factLabel(f) {
    let label = relationLabel(f.relation);
    if (f.qualifiers?.role) label += ` (${f.qualifiers.role})`;
    if (undated(f)) label += " · dates unknown";
    return label;
  }

  function edgeWeight(edge) {
    const f = edge.fact;
    return (f.evidence?.length || 1) * (f.confidence || 0.5) + (edge.state === "valid" ? 1 : 0);
  }

  const view = {
    hidden: new Set(), // relation types switched off
    unfolded: new Set(), // "+N more" groups opened: `${hub}|${relation}`
    expanded: new Set(), // entity pairs drawn with one edge per fact
  };
  let lastView = null;

  function resetView() {
    view.hidden.clear();
    view.unfolded.clear();
    view.expanded.clear();
  }

  // The edges and nodes to draw, from the answer and the view's switches.
  function deriveView(body) {
    const showUndated = $("show-undated").checked;
    const centerId = body.center?.id ?? null;
    let edges = body.edges.filter((e) => !view.hidden.has(e.relation) && (showUndated || !undated(e.fact)));
    // Fold leaves: a leaf is a node (not the centre) with one neighbour, its hub.
    const neighbours = new Map();
    for (const e of edges) {
      for (const [a, b] of [[e.source, e.target], [e.target, e.source]]) {
        if (!neighbours.has(a)) neighbours.set(a, new Set());
        neighbours.get(a).add(b);
      }
    }
    const groups = new Map(); // `${hub}|${relation}` -> [{edge, leaf}]
    for (const e of edges) {
      for (const [leaf, hub] of [[e.source, e.target], [e.target, e.source]]) {
        if (leaf !== centerId && neighbours.get(leaf).size === 1 && neighbours.get(hub).size > 1) {
          const key = `${hub}|${e.relation}`;
          if (!groups.has(key)) groups.set(key, []);
          groups.get(key).push({ edge: e, leaf });
        }
      }
    }
    const folded = new Set(); // edge ids folded away
    const more = [];
    for (const [key, members] of groups) {
      const leaves = [...new Set(members.map((m) => m.leaf))];
      if (leaves.length <= TOP_LEAVES || view.unfolded.has(key)) continue;
      const weight = new Map();
      for (const m of members) weight.set(m.leaf, (weight.get(m.leaf) || 0) + edgeWeight(m.edge));
      leaves.sort((a, b) => weight.get(b) - weight.get(a) || a.localeCompare(b));
      const hidden = new Set(leaves.slice(TOP_LEAVES));
      for (const m of members) if (hidden.has(m.leaf)) folded.add(m.edge.id);
      const [hub, relation] = key.split("|");
      more.push({ key, hub, relation, count: hidden.size });
    }
    edges = edges.filter((e) => !folded.has(e.id));
    // Bundle parallel edges, unless the pair was expanded.
    const byPair = new Map();
    for (const e of edges) {
      const key = pairKey(e.source, e.target);
      if (!byPair.has(key)) byPair.set(key, []);
      byPair.get(key).push(e);
    }
    const drawn = [];
    for (const [key, group] of byPair) {
      if (group.length === 1 || view.expanded.has(key)) {
        for (const e of group) drawn.push({ kind: "fact", key, edges: [e] });
      } else {
        drawn.push({ kind: "bundle", key, edges: group });
      }
    }
    const nodeIds = new Set(drawn.flatMap((d) => [d.edges[0].source, d.edges[0].target]));
    if (centerId) nodeIds.add(centerId);
    const nodes = body.nodes.filter((n) => nodeIds.has(n.id));
    return { centerId, depth: body.depth ?? null, nodes, drawn, more, counts: relationCounts(body) };
  }

  function relationCounts(body) {
    const counts = new Map();
    for (const e of body.edges) counts.set(e.relation, (counts.get(e.relation) || 0) + 1);
    return [...counts.entries()].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
  }

  function renderChips(counts) {
    $("chips").replaceChildren(
      ...counts.map(([relation, count]) =>
        el(
          "button",
          {
            type: "button",
            "aria-pressed": String(!view.hidden.has(relation)),
            dataset: { relation },
            onclick: () => {
              if (view.hidden.has(relation)) view.hidden.delete(relation);
              else view.hidden.add(relation);
              redraw(true);
            },
          },
          relationLabel(relation),
          el("span", { class: "count" }, String(count)),
        ),
      ),
    );
  }

  function elementsOf(v) {
    const elements = v.nodes.map((n) => ({
      group: "nodes",
      data: { id: n.id, name: n.name, type: n.type, depth: n.depth ?? 1, color: COLORS[n.type] },
      classes: n.id === v.centerId ? "center" : "",
    }));
    for (const m of v.more) {
      const id = `more:${m.key}`;
      elements.push({
        group: "nodes",
        data: { id, name: `+${m.count} more ${relationLabel(m.relation)}`, more: m.key, color: "#e2e8f0" },
        classes: "more",
      });
      elements.push({ group: "edges", data: { id: `${id}:edge`, source: m.hub, target: id, label: "" }, classes: "symmetric" });
    }
    for (const d of v.drawn) {
      const first = d.edges[0];
      const state = d.edges.some((e) => e.state === "valid") ? "valid" : "ended";
      const allUndated = d.edges.every((e) => undated(e.fact));
      if (d.kind === "bundle") {
        const names = [...new Set(d.edges.map((e) => relationLabel(e.relation)))].sort();
        elements.push({
          group: "edges",
          data: {
            id: `pair:${d.key}`,
            source: first.source,
            target: first.target,
            pair: d.key,
            count: d.edges.length,
            relations: d.edges.map((e) => e.relation),
            label: `${d.edges.length} relations: ${names.join(", ")}`,
          },
          classes: ["bundle", state === "ended" ? "ended" : "", allUndated ? "undated" : ""].join(" "),
        });
      } else {
        elements.push({
          group: "edges",
          data: {
            id: first.id,
            source: first.source,
            target: first.target,
            relation: first.relation,
            relations: [first.relation],
            label: factLabel(first.fact),
          },
          classes: [
            first.state === "ended" ? "ended" : "",
            first.symmetric ? "symmetric" : "",
            allUndated ? "undated" : "",
          ].join(" "),
        });
      }
    }
    return elements;
  }

  // Moves nodes apart until no two labels (with their nodes) overlap: fcose spaces nodes
  // by their boxes, but a long label can still reach a neighbour's.
  function separateLabels() {
    const nodes = cy.nodes().toArray();
    const gap = 4;
    for (let round = 0; round < 60; round++) {
      const boxes = nodes.map((n) => n.boundingBox({ includeLabels: true, includeOverlays: false }));
      let moved = false;
      for (let i = 0; i < nodes.length; i++) {
        for (let j = i + 1; j < nodes.length; j++) {
          const a = boxes[i];
          const b = boxes[j];
          const dx = Math.min(a.x2, b.x2) - Math.max(a.x1, b.x1) + gap;
          const dy = Math.min(a.y2, b.y2) - Math.max(a.y1, b.y1) + gap;
          if (dx <= 0 || dy <= 0) continue;
          moved = true;
          const pa = nodes[i].position();
          const pb = nodes[j].position();
          const fixedA = nodes[i].hasClass("center");
          const fixedB = nodes[j].hasClass("center");
          const shareA = fixedA ? 0 : fixedB ? 1 : 0.5;
          const shareB = 1 - shareA;
          if (dx < dy) {
            const sign = pa.x <= pb.x ? -1 : 1;
            nodes[i].position({ x: pa.x + sign * dx * shareA, y: pa.y });
            nodes[j].position({ x: pb.x - sign * dx * shareB, y: pb.y });
          } else {
            const sign = pa.y <= pb.y ? -1 : 1;
            nodes[i].position({ x: pa.x, y: pa.y + sign * dy * shareA });
            nodes[j].position({ x: pb.x, y: pb.y - sign * dy * shareB });
          }
          boxes[i] = nodes[i].boundingBox({ includeLabels: true, includeOverlays: false });
          boxes[j] = nodes[j].boundingBox({ includeLabels: true, includeOverlays: false });
        }
      }
      if (!moved) return;
    }
  }

  function layoutOptions(centerId, count) {
    const graph = $("graph");
    const aspect = Math.max(0.4, Math.min(2.5, graph.clientWidth / Math.max(1, graph.clientHeight)));
    if (!centerId) {
      return { name: "breadthfirst", directed: false, spacingFactor: 1.2, animate: false };
    }
    if (!HAS_FCOSE || count <= 3) {
      return { name: "concentric", concentric: (n) => 10 - (n.data("depth") ?? 1), levelWidth: () => 1, minNodeSpacing: 60, animate: false };
    }
    return {
      name: "fcose",
      quality: "proof",
      randomize: true,
      animate: false,
      fit: false,
      nodeDimensionsIncludeLabels: true,
      uniformNodeDimensions: false,
      packComponents: true,
      nodeRepulsion: () => 9000,
      idealEdgeLength: (edge) => (edge.target().hasClass("more") ? 50 : 90),
      edgeElasticity: () => 0.35,
      gravity: 0.2,
      gravityRange: 3.8,
      numIter: 2500,
      tile: true,
      // Stretch the drawing towards the canvas's shape so it fills the width.
      fixedNodeConstraint: undefined,
      relativePlacementConstraint: undefined,
      samplingType: true,
      sampleSize: 25,
      nodeSeparation: 75,
      stop: () => {
        const box = cy.nodes().boundingBox();
        const shape = box.w / Math.max(1, box.h);
        if (shape < aspect) {
          const stretch = Math.min(2.2, aspect / shape);
          const cx = (box.x1 + box.x2) / 2;
          cy.nodes().positions((n) => ({ x: cx + (n.position("x") - cx) * stretch, y: n.position("y") }));
        } else if (shape > aspect) {
          const stretch = Math.min(2.2, shape / aspect);
          const cyy = (box.y1 + box.y2) / 2;
          cy.nodes().positions((n) => ({ x: n.position("x"), y: cyy + (n.position("y") - cyy) * stretch }));
        }
      },
    };
  }

  let positions = new Map(); // node id -> position, kept while only the view's switches change

  function draw(v, relayout) {
    lastView = v;
    const rendered = new Promise((resolve) => {
      cy.one("render", resolve);
      setTimeout(resolve, 1000); // a hidden tab may never render
    });
    listEdges(v.drawn.flatMap((d) => d.edges)); // first: the list's height decides the graph's
    renderChips(v.counts);
    cy.elements().remove();
    cy.add(elementsOf(v));
    cy.resize();
    const known = cy.nodes().every((n) => positions.has(n.id()));
    if (!relayout && known) {
      cy.nodes().positions((n) => positions.get(n.id()));
      // Only new nodes ("+N more" opened) need a place: near their hub.
    } else {
      cy.layout(layoutOptions(v.centerId, cy.nodes().length)).run();
      if (!relayout) {
        cy.nodes().forEach((n) => {
          if (positions.has(n.id())) n.position(positions.get(n.id()));
        });
      }
    }
    separateLabels();
    positions = new Map(cy.nodes().map((n) => [n.id(), { ...n.position() }]));
    cy.fit(undefined, 30);
    showLabels();
    return rendered;
  }

  function redraw(relayout) {
    if (!state.body) return Promise.resolve();
    return draw(deriveView(state.body), relayout);
  }

  const factsById = new Map();

  function listEdges(edges) {
    const list = $("edge-list");
    list.replaceChildren();
    for (const edge of edges) {
      const f = edge.fact;
      factsById.set(f.id, f);
      const classes = [edge.state === "ended" ? "ended" : "valid", undated(f) ? "undated" : ""];
      list.append(
        el(
          "li",
          {
            class: classes.join(" ").trim(),
            dataset: { factId: f.id, relation: f.relation, state: edge.state },
            onclick: () => selectFact(f.id),
          },
          `${f.subject.name} — ${factLabel(f)} → ${f.object.name}` +
            (undated(f) ? "" : ` (${period(f)})`),
        ),
      );
    }
    $("edge-count").textContent = String(edges.length);
  }

  async function loadNeighbourhood() {
    if (!state.center) {
      if (!state.body) showStart(); // the start follows the slider too
      return;
    }
    const token = ++state.token; // answers that arrive late are dropped
    state.asOf = asOfFromSlider();
    writeHash();
    status(`Loading ${state.center.name} as of ${state.asOf}…`);
    try {
      const body = await api(`/entities/${encodeURIComponent(state.center.id)}/neighbourhood`, {
        as_of: state.asOf,
        depth: $("depth").value,
        ended: $("show-ended").checked ? "true" : "false",
      });
      if (token !== state.token) return;
      state.center = { id: body.center.id, name: body.center.name };
      $("search").value = body.center.name;
      const sameCenter = state.body?.center?.id === body.center.id;
      if (!sameCenter) {
        resetView();
        positions = new Map();
      }
      state.body = body;
      // A new centre or depth gets a new layout; the slider keeps what it can in place.
      const relayout = !sameCenter || state.body.depth !== state.drawnDepth;
      state.drawnDepth = body.depth;
      await draw(deriveView(body), relayout);
      if (token !== state.token) return;
      const valid = body.edges.filter((e) => e.state === "valid").length;
      const unknown = body.edges.filter((e) => undated(e.fact)).length;
      status(
        `${body.center.name} as of ${body.as_of}: ${valid} relationship(s) in force` +
          (body.edges.length > valid ? `, ${body.edges.length - valid} ended` : "") +
          (unknown ? `; ${unknown} with dates unknown (dotted)` : ""),
      );
      document.body.dataset.asOf = body.as_of; // the graph is drawn (a test waits for it)
    } catch (error) {
      if (token === state.token) status(error.message, true);
    }
  }

  // -- the start: the most connected companies -----------------------------------------

  async function showStart() {
    const token = ++state.token;
    state.center = null;
    state.body = null;
    writeHash();
    status("Loading the most connected companies…");
    let body;
    try {
      body = await api("/rankings", { type: "Organization", limit: 15, as_of: asOfFromSlider() });
    } catch (error) {
      if (token === state.token) status(error.message, true);
      return;
    }
    if (token !== state.token) return;
    $("details").replaceChildren(
      el("h2", {}, `Most connected companies as of ${body.as_of}`),
      el(
        "ol",
        { class: "ranking", id: "ranking" },
        body.items.map((item) =>
          el(
            "li",
            { dataset: { id: item.entity.id } },
            el("a", { href: entityHash(item.entity.id) }, item.entity.name),
            el("span", { class: "score" }, `${item.degree} relations`),
          ),
        ),
      ),
    );
    cy.elements().remove();
    $("chips").replaceChildren();
    listEdges([]);
    cy.add(
      body.items.map((item) => ({
        group: "nodes",
        data: { id: item.entity.id, name: item.entity.name, type: item.entity.type, color: COLORS[item.entity.type], start: true },
        style: { width: 14 + 60 * Math.sqrt(item.pagerank), height: 14 + 60 * Math.sqrt(item.pagerank) },
      })),
    );
    cy.layout({ name: "grid", avoidOverlap: true, animate: false, condense: false }).run();
    separateLabels();
    cy.fit(undefined, 40);
    status(
      body.items.length
        ? `The ${body.items.length} most connected companies as of ${body.as_of} (PageRank). Pick one, or search.`
        : "The graph is empty: load articles or facts with `partnergraph ingest`.",
    );
    document.body.dataset.start = body.as_of;
  }

  // -- links: every view has a URL ------------------------------------------------------
  //   #/                                       the most connected companies
  //   #/entity/microsoft?as_of=2024-06&depth=2   an entity's neighbourhood

  const sliderValue = () => $("time-label").textContent;
  const entityHash = (id) => `#/entity/${encodeURIComponent(id)}?as_of=${sliderValue()}`;

  function writeHash() {
    let hash = "#/";
    if (state.center) {
      const params = new URLSearchParams({ as_of: sliderValue() });
      if ($("depth").value !== "1") params.set("depth", $("depth").value);
      hash = `#/entity/${encodeURIComponent(state.center.id)}?${params}`;
    }
    state.hash = hash;
    if (window.location.hash !== hash) history.replaceState(null, "", hash);
  }

  function setSliderTo(asOf) {
    const match = /^(\d{4})(?:-(\d{2}))?/.exec(asOf || "");
    if (!match) return;
    const index = (Number(match[1]) - FIRST_YEAR) * 12 + (match[2] ? Number(match[2]) - 1 : 11);
    const slider = $("time");
    slider.value = String(Math.max(0, Math.min(Number(slider.max), index)));
    showSliderLabel();
  }

  function route() {
    const hash = window.location.hash || "#/";
    if (hash === state.hash) return;
    const [path, query] = hash.slice(1).split("?");
    const params = new URLSearchParams(query || "");
    if (params.get("as_of")) setSliderTo(params.get("as_of"));
    if (params.get("depth") === "1" || params.get("depth") === "2") $("depth").value = params.get("depth");
    const match = /^\/entity\/([^/]+)$/.exec(path);
    if (match) {
      const id = decodeURIComponent(match[1]);
      state.center = { id, name: id };
      loadNeighbourhood();
    } else {
      showStart();
    }
  }

  window.addEventListener("hashchange", () => {
    // A link to another view is a new history entry (the back button returns).
    state.hash = null;
    route();
  });

  // -- details: an edge's fact, a node's timeline ------------------------------------

  function selectFact(factId) {
    const fact = factsById.get(factId);
    if (!fact) return;
    cy.elements().unselect();
    cy.getElementById(factId).select();
    showFact(fact);
  }

  function showFact(f) {
    const rows = [
      ["Relation", relationLabel(f.relation)],
      ["From", f.valid_from ? `${f.valid_from} (${f.valid_from_precision})` : "unknown"],
      ["To", f.valid_to ? `${f.valid_to} (${f.valid_to_precision})` : "open"],
      ["Status", f.qualifiers.status || "—"],
      ["Confidence", f.confidence.toFixed(2)],
      ["Stated", f.stated_at || "—"],
    ];
    for (const [key, value] of Object.entries(f.qualifiers)) {
      if (key !== "status") rows.push([key, String(value)]);
    }
    const details = $("details");
    details.replaceChildren(
      el("h2", { id: "fact-title" }, `${f.subject.name} — ${relationLabel(f.relation)} → ${f.object.name}`),
      el("dl", { class: "facts" }, rows.map(([k, v]) => [el("dt", {}, k), el("dd", {}, v)])),
      el("h3", {}, `Evidence (${f.evidence.length})`),
      el(
        "ul",
        { class: "evidence", id: "evidence" },
        f.evidence.map((e) =>
          el(
            "li",
            {},
            el("blockquote", {}, e.sentence),
            el(
              "div",
              { class: "source" },
              e.url ? safeLink(e.url, e.url) : e.document_id,
              e.published ? ` · ${e.published}` : "",
              ` · ${e.extractor} · ${e.confidence.toFixed(2)}`,
            ),
          ),
        ),
      ),
    );
    details.dataset.factId = f.id;
  }

  async function showTimeline(entityId, name) {
    const details = $("details");
    details.replaceChildren(el("h2", {}, `${name}: timeline`), el("p", { class: "hint" }, "Loading…"));
    let items;
    try {
      items = (await api(`/entities/${encodeURIComponent(entityId)}/timeline`)).items;
    } catch (error) {
      if (error.status !== 404 || error.problem?.name_tried) {
        status(error.message, true);
        return;
      }
      // No timeline route on this server: the relations over all time say the same.
      items = (await api(`/entities/${encodeURIComponent(entityId)}/relations`, { all_time: "true" }))
        .items;
    }
    const today = state.asOf || new Date().toISOString().slice(0, 10);
    details.replaceChildren(
      el("h2", {}, `${name}: timeline`),
      el(
        "ol",
        { class: "timeline", id: "timeline" },
        items.map((f) => {
          factsById.set(f.id, f);
          const ended = f.valid_to !== null && f.valid_to <= today;
          return el(
            "li",
            { class: ended ? "ended" : "", dataset: { factId: f.id }, onclick: () => showFact(f) },
            el("span", { class: "when" }, period(f)),
            `${f.subject.name} — ${relationLabel(f.relation)} → ${f.object.name}`,
          );
        }),
      ),
    );
  }

  function openEntity(id, name) {
    state.center = { id, name };
    $("search").value = name;
    const hash = entityHash(id);
    if (window.location.hash === hash) loadNeighbourhood();
    else window.location.hash = hash; // a new history entry; route() loads it
  }

  cy.on("tap", "edge", (event) => {
    const edge = event.target;
    if (edge.data("pair")) {
      view.expanded.add(edge.data("pair")); // one edge per fact between these two
      redraw(false);
    } else if (factsById.has(edge.id())) {
      selectFact(edge.id());
    }
  });
  cy.on("tap", "node", (event) => {
    const node = event.target;
    if (node.data("more")) {
      view.unfolded.add(node.data("more"));
      redraw(true);
    } else if (node.data("start")) {
      openEntity(node.id(), node.data("name"));
    } else {
      showTimeline(node.id(), node.data("name"));
    }
  });
  cy.on("dbltap", "node", (event) => {
    if (!event.target.data("more")) openEntity(event.target.id(), event.target.data("name"));
  });

  // -- search with suggestions ---------------------------------------------------------

  function suggest(input, list, onPick) {
    let timer = null;
    let items = [];
    let active = -1;
    const close = () => {
      list.hidden = true;
      input.setAttribute("aria-expanded", "false");
      active = -1;
    };
    const pick = (entity) => {
      input.value = entity.name;
      input.dataset.entityId = entity.id;
      close();
      onPick(entity);
    };
    const render = () => {
      list.replaceChildren(
        ...items.map((e, i) =>
          el(
            "li",
            {
              role: "option",
              "aria-selected": String(i === active),
              dataset: { id: e.id },
              onmousedown: (event) => {
                event.preventDefault(); // keep focus; pick on mousedown before blur
                pick(e);
              },
            },
            el("span", { class: `dot ${e.type}` }),
            e.name,
            el("span", { class: "type" }, e.type),
          ),
        ),
      );
      list.hidden = items.length === 0;
      input.setAttribute("aria-expanded", String(!list.hidden));
    };
    input.addEventListener("input", () => {
      delete input.dataset.entityId;
      clearTimeout(timer);
      const q = input.value.trim();
      if (!q) {
        items = [];
        render();
        return;
      }
      timer = setTimeout(async () => {
        try {
          items = (await api("/entities", { q, limit: 8 })).items;
          active = items.length ? 0 : -1;
          render();
        } catch (error) {
          status(error.message, true);
        }
      }, 120);
    });
    input.addEventListener("keydown", async (event) => {
      if (event.key === "Enter" && (list.hidden || active < 0) && input.value.trim()) {
        event.preventDefault();
        clearTimeout(timer);
        try {
          const best = (await api("/entities", { q: input.value.trim(), limit: 1 })).items;
          if (best.length) pick(best[0]);
          else status(`Nothing found for "${input.value.trim()}".`, true);
        } catch (error) {
          status(error.message, true);
        }
        return;
      }
      if (list.hidden) return;
      if (event.key === "ArrowDown" || event.key === "ArrowUp") {
        event.preventDefault();
        const step = event.key === "ArrowDown" ? 1 : -1;
        active = (active + step + items.length) % items.length;
        render();
      } else if (event.key === "Enter" && active >= 0) {
        event.preventDefault();
        pick(items[active]);
      } else if (event.key === "Escape") {
        close();
      }
    });
    input.addEventListener("blur", () => setTimeout(close, 150));
  }

  suggest($("search"), $("search-suggestions"), (entity) => openEntity(entity.id, entity.name));
  suggest($("path-from"), $("path-from-suggestions"), () => {});
  suggest($("path-to"), $("path-to-suggestions"), () => {});

  // -- paths ---------------------------------------------------------------------------

  async function findPaths() {
    const from = $("path-from");
    const to = $("path-to");
    const source = from.dataset.entityId || from.value.trim();
    const target = to.dataset.entityId || to.value.trim();
    if (!source || !target) {
      status("Name two entities to find how they are connected.", true);
      return;
    }
    state.asOf = asOfFromSlider();
    status(`Searching paths as of ${state.asOf}…`);
    let body;
    try {
      body = await api("/paths", { source, target, as_of: state.asOf, k: 3, max_hops: 4 });
    } catch (error) {
      status(error.message, true);
      return;
    }
    const nodes = new Map();
    const edges = new Map();
    for (const path of body.items) {
      path.nodes.forEach((n, i) => nodes.set(n.id, { ...n, depth: Math.min(i, 9) }));
      for (const hop of path.hops) {
        for (const f of hop.facts) {
          edges.set(f.id, {
            id: f.id,
            source: f.subject.id,
            target: f.object.id,
            relation: f.relation,
            symmetric: f.relation === "partners_with" || f.relation === "competes_with",
            state: "valid",
            fact: f,
          });
        }
      }
    }
    state.center = null;
    state.body = { center: null, nodes: [...nodes.values()], edges: [...edges.values()] };
    resetView();
    view.expanded = new Set(state.body.edges.map((e) => pairKey(e.source, e.target)));
    writeHash();
    draw(deriveView(state.body), true);
    const results = el("section", { id: "path-results" }, el("h2", {}, "Paths"));
    if (!body.items.length) {
      results.append(el("p", {}, `No connection within 4 hops as of ${body.as_of}.`));
    }
    body.items.forEach((path, i) => {
      results.append(
        el(
          "div",
          { class: "path-result" },
          el("strong", {}, `${i + 1}. `),
          path.nodes.map((n) => n.name).join(" → "),
          el("br"),
          path.hops.flatMap((hop) =>
            hop.facts.map((f) =>
              el("button", { type: "button", onclick: () => selectFact(f.id) }, relationLabel(f.relation)),
            ),
          ),
        ),
      );
    });
    $("details").replaceChildren(results);
    status(`${body.count} path(s) from ${body.source.name} to ${body.target.name} as of ${body.as_of}`);
  }

  $("path-find").addEventListener("click", findPaths);

  // -- wiring ----------------------------------------------------------------------------

  let slideTimer = null;
  $("time").addEventListener("input", () => {
    showSliderLabel();
    clearTimeout(slideTimer);
    slideTimer = setTimeout(loadNeighbourhood, 150);
  });
  $("time").addEventListener("change", () => {
    showSliderLabel();
    clearTimeout(slideTimer);
    loadNeighbourhood();
  });
  $("depth").addEventListener("change", loadNeighbourhood);
  $("show-ended").addEventListener("change", loadNeighbourhood);
  $("show-undated").addEventListener("change", () => redraw(false));

  const ticks = el("datalist", { id: "years" });
  for (let year = FIRST_YEAR; year <= FIRST_YEAR + Math.floor(Number($("time").max) / 12); year++) {
    ticks.append(el("option", { value: String((year - FIRST_YEAR) * 12), label: String(year) }));
  }
  document.body.append(ticks);
  $("time").setAttribute("list", "years");
  setSliderToToday();
  route();
  document.body.dataset.ready = "true";
})();
