// The partnergraph page: search, an entity's neighbourhood at a date, details, paths.
// Plain browser JavaScript over the JSON API; every text from the API goes through
// textContent (never innerHTML), and only http(s) links are made clickable.
"use strict";

(() => {
  const FIRST_YEAR = 1995;
  const COLORS = { Organization: "#2563eb", Person: "#16a34a", Product: "#d97706" };
  const $ = (id) => document.getElementById(id);

  const state = { center: null, asOf: null, token: 0 };

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

  const cy = window.cytoscape({
    container: $("graph"),
    maxZoom: 1.6,
    minZoom: 0.2,
    style: [
      {
        selector: "node",
        style: {
          label: "data(name)",
          "background-color": "data(color)",
          color: "#1f2937",
          "font-size": 12,
          "text-valign": "bottom",
          "text-margin-y": 4,
          width: 28,
          height: 28,
        },
      },
      { selector: "node.center", style: { width: 42, height: 42, "font-weight": "bold" } },
      {
        selector: "edge",
        style: {
          label: "data(label)",
          "curve-style": "bezier",
          width: 2,
          "line-color": "#94a3b8",
          "target-arrow-color": "#94a3b8",
          "target-arrow-shape": "triangle",
          "font-size": 10,
          color: "#475569",
          "text-rotation": "autorotate",
          "text-background-color": "#ffffff",
          "text-background-opacity": 0.85,
          "text-background-padding": 2,
          "min-zoomed-font-size": 7, // edge labels show once zoomed in enough to read
        },
      },
      { selector: "edge.symmetric", style: { "target-arrow-shape": "none" } },
      { selector: "edge.ended", style: { opacity: 0.3, "line-style": "dashed" } },
      {
        selector: ":selected",
        style: { "line-color": "#f59e0b", "target-arrow-color": "#f59e0b", "border-width": 3 },
      },
    ],
  });
  window.partnergraph = { cy }; // for the browser test and the curious
  // The list under the graph grows and shrinks: keep Cytoscape's idea of its size true.
  new ResizeObserver(() => cy.resize()).observe($("graph"));

  function draw(nodes, edges, centerId) {
    cy.elements().remove();
    cy.add(
      nodes.map((n) => ({
        group: "nodes",
        data: { id: n.id, name: n.name, type: n.type, depth: n.depth ?? 1, color: COLORS[n.type] },
        classes: n.id === centerId ? "center" : "",
      })),
    );
    cy.add(
      edges.map((e) => ({
        group: "edges",
        data: { id: e.id, source: e.source, target: e.target, label: relationLabel(e.relation) },
        classes: [e.state === "ended" ? "ended" : "", e.symmetric ? "symmetric" : ""].join(" "),
      })),
    );
    // Rings by distance read best for a few neighbours; a force layout uses the space better
    // for many. Paths read left to right.
    let layout;
    if (!centerId) {
      layout = { name: "breadthfirst", directed: false, spacingFactor: 1.2, animate: false };
    } else if (nodes.length <= 14) {
      layout = {
        name: "concentric",
        concentric: (node) => 10 - node.data("depth"),
        levelWidth: () => 1,
        minNodeSpacing: 60,
        animate: false,
      };
    } else {
      // Rings again, the best connected neighbours inside, a dozen or so per ring.
      const perRing = Math.max(8, Math.ceil(Math.sqrt(nodes.length) * 2));
      layout = {
        name: "concentric",
        concentric: (node) => (node.data("depth") === 0 ? 1e6 : node.degree(false)),
        levelWidth: (all) => Math.max(1, all.maxDegree(false) / Math.ceil(all.length / perRing)),
        minNodeSpacing: 30,
        animate: false,
      };
    }
    const rendered = new Promise((resolve) => {
      cy.one("render", resolve);
      setTimeout(resolve, 1000); // a hidden tab may never render
    });
    listEdges(edges); // first: the list's height decides the graph's
    cy.resize();
    cy.layout(layout).run();
    cy.fit(undefined, 40);
    return rendered;
  }

  const factsById = new Map();

  function listEdges(edges) {
    const list = $("edge-list");
    list.replaceChildren();
    for (const edge of edges) {
      const f = edge.fact;
      factsById.set(f.id, f);
      list.append(
        el(
          "li",
          {
            class: edge.state === "ended" ? "ended" : "valid",
            dataset: { factId: f.id, relation: f.relation, state: edge.state },
            onclick: () => selectFact(f.id),
          },
          `${f.subject.name} — ${relationLabel(f.relation)} → ${f.object.name} (${period(f)})`,
        ),
      );
    }
    $("edge-count").textContent = String(edges.length);
  }

  async function loadNeighbourhood() {
    if (!state.center) return;
    const token = ++state.token; // answers that arrive late are dropped
    state.asOf = asOfFromSlider();
    status(`Loading ${state.center.name} as of ${state.asOf}…`);
    try {
      const body = await api(`/entities/${encodeURIComponent(state.center.id)}/neighbourhood`, {
        as_of: state.asOf,
        depth: $("depth").value,
        ended: $("show-ended").checked ? "true" : "false",
      });
      if (token !== state.token) return;
      await draw(body.nodes, body.edges, body.center.id);
      if (token !== state.token) return;
      const valid = body.edges.filter((e) => e.state === "valid").length;
      status(
        `${body.center.name} as of ${body.as_of}: ${valid} relationship(s) in force` +
          (body.edges.length > valid ? `, ${body.edges.length - valid} ended` : ""),
      );
      document.body.dataset.asOf = body.as_of; // the graph is drawn (a test waits for it)
    } catch (error) {
      if (token === state.token) status(error.message, true);
    }
  }

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

  cy.on("tap", "edge", (event) => selectFact(event.target.id()));
  cy.on("tap", "node", (event) => showTimeline(event.target.id(), event.target.data("name")));
  cy.on("dbltap", "node", (event) => {
    state.center = { id: event.target.id(), name: event.target.data("name") };
    $("search").value = state.center.name;
    loadNeighbourhood();
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
    input.addEventListener("keydown", (event) => {
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

  suggest($("search"), $("search-suggestions"), (entity) => {
    state.center = entity;
    loadNeighbourhood();
  });
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
    draw([...nodes.values()], [...edges.values()], null);
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

  const ticks = el("datalist", { id: "years" });
  for (let year = FIRST_YEAR; year <= FIRST_YEAR + Math.floor(Number($("time").max) / 12); year++) {
    ticks.append(el("option", { value: String((year - FIRST_YEAR) * 12), label: String(year) }));
  }
  document.body.append(ticks);
  $("time").setAttribute("list", "years");
  setSliderToToday();
  document.body.dataset.ready = "true";
})();
