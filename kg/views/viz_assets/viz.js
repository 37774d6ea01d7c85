// kg viz: draws the graph embedded in #kg-data on a canvas and shows where each node and edge
// comes from. No library, no network. Data is only ever put into the page with textContent,
// never parsed as HTML. The layout is a seeded force-directed one (Fruchterman-Reingold with a
// Barnes-Hut quadtree) run for a fixed number of iterations, so the same data gives the same
// picture.
(function () {
  "use strict";

  var DATA = JSON.parse(document.getElementById("kg-data").textContent);
  var nodes = DATA.nodes;
  var edges = DATA.edges;
  var classes = DATA.classes;
  var articles = DATA.articles;
  var sentences = DATA.sentences;
  var N = nodes.length;
  var E = edges.length;

  var canvas = document.getElementById("kg-canvas");
  var ctx = canvas.getContext("2d");
  var panel = document.getElementById("kg-panel");
  var search = document.getElementById("kg-search");
  var results = document.getElementById("kg-results");
  var articleSelect = document.getElementById("kg-article");
  var status = document.getElementById("kg-status");

  // ------------------------------------------------------------------ helpers

  function el(tag, className, text) {
    var e = document.createElement(tag);
    if (className) e.className = className;
    if (text !== undefined && text !== null) e.textContent = String(text);
    return e;
  }

  function fold(s) {
    return String(s).normalize("NFD").replace(/[\u0300-\u036f]/g, "").toLowerCase();
  }

  function isEvent(i) {
    return classes[nodes[i].cls].top === "Event";
  }

  function classLabel(c) {
    return c.name === c.top ? c.name : c.name + " (" + c.top + ")";
  }

  // mulberry32: a small seeded generator, so the layout is the same on every load
  function rng(seed) {
    var a = seed >>> 0;
    return function () {
      a = (a + 0x6d2b79f5) >>> 0;
      var t = a;
      t = Math.imul(t ^ (t >>> 15), t | 1);
      t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
      return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
    };
  }

  // ------------------------------------------------------------------ geometry

  var X = new Float64Array(N);
  var Y = new Float64Array(N);
  var R = new Float64Array(N);
  var FX = new Float64Array(N);
  var FY = new Float64Array(N);
  var M = new Float64Array(N); // mass: 1 + degree, so hubs push harder and move slower
  var pinned = new Uint8Array(N);
  var adjacency = [];
  var i, j, k;
  for (i = 0; i < N; i++) {
    R[i] = Math.min(30, 4 + 2.6 * Math.sqrt(nodes[i].count));
    adjacency.push([]);
  }
  for (k = 0; k < E; k++) {
    adjacency[edges[k].s].push(k);
    adjacency[edges[k].t].push(k);
  }
  for (i = 0; i < N; i++) M[i] = 1 + adjacency[i].length;

  // parallel edges between one pair bend apart so each stays visible and clickable
  var bend = new Float64Array(E);
  (function () {
    var groups = {};
    for (k = 0; k < E; k++) {
      var a = Math.min(edges[k].s, edges[k].t);
      var b = Math.max(edges[k].s, edges[k].t);
      var key = a + ":" + b;
      (groups[key] = groups[key] || []).push(k);
    }
    Object.keys(groups).forEach(function (key) {
      var g = groups[key];
      for (var n = 0; n < g.length; n++) {
        var off = n - (g.length - 1) / 2;
        // the bend is measured from the lower-numbered end, whichever way the edge points
        bend[g[n]] = edges[g[n]].s < edges[g[n]].t ? off : -off;
      }
    });
  })();

  // ------------------------------------------------------------------ layout

  var SPRING = 45; // the ideal edge length, in world units
  var GRAVITY = 2.0;
  var THETA2 = 0.81; // Barnes-Hut opening angle, squared
  var ITERATIONS = N > 2000 ? 180 : N > 600 ? 250 : 300;
  var iteration = 0;
  var layoutDone = false;

  // Start on a spiral in breadth-first order from the most mentioned node of each component,
  // biggest component in the middle, so linked nodes start near each other.
  (function () {
    var comp = new Int32Array(N).fill(-1);
    var comps = [];
    for (i = 0; i < N; i++) {
      if (comp[i] >= 0) continue;
      var order = [i];
      comp[i] = comps.length;
      for (var h = 0; h < order.length; h++) {
        var adj = adjacency[order[h]];
        for (var a = 0; a < adj.length; a++) {
          var e = edges[adj[a]];
          var m = e.s === order[h] ? e.t : e.s;
          if (comp[m] < 0) {
            comp[m] = comps.length;
            order.push(m);
          }
        }
      }
      comps.push(order);
    }
    comps.sort(function (p, q) {
      return q.length - p.length || p[0] - q[0];
    });
    var random = rng(0x6b67);
    var slot = 0;
    var golden = Math.PI * (3 - Math.sqrt(5));
    comps.forEach(function (order) {
      order.forEach(function (n) {
        var r = SPRING * 0.8 * Math.sqrt(slot + 0.5);
        var t = slot * golden;
        X[n] = r * Math.cos(t) + (random() - 0.5) * 2;
        Y[n] = r * Math.sin(t) + (random() - 0.5) * 2;
        slot++;
      });
    });
  })();

  function Quad(x0, y0, size) {
    this.x0 = x0;
    this.y0 = y0;
    this.size = size;
    this.mass = 0;
    this.cx = 0;
    this.cy = 0;
    this.body = -1;
    this.kids = null;
  }

  function child(q, b) {
    var h = q.size / 2;
    var c = (X[b] >= q.x0 + h ? 1 : 0) + (Y[b] >= q.y0 + h ? 2 : 0);
    if (!q.kids[c]) q.kids[c] = new Quad(q.x0 + (c & 1) * h, q.y0 + (c >> 1) * h, h);
    return q.kids[c];
  }

  function insert(q, b, depth) {
    for (;;) {
      q.cx = (q.cx * q.mass + X[b] * M[b]) / (q.mass + M[b]);
      q.cy = (q.cy * q.mass + Y[b] * M[b]) / (q.mass + M[b]);
      q.mass += M[b];
      if (q.kids === null) {
        if (q.body === -1 && q.mass === M[b]) {
          q.body = b;
          return;
        }
        if (depth > 48) return; // bodies on one spot stay in one leaf
        q.kids = [null, null, null, null];
        var old = q.body;
        q.body = -1;
        insert(child(q, old), old, depth + 1);
      }
      q = child(q, b);
      depth += 1;
    }
  }

  function repulse(q, b) {
    var dx = q.cx - X[b];
    var dy = q.cy - Y[b];
    var d2 = dx * dx + dy * dy;
    if (q.kids === null || q.size * q.size < THETA2 * d2) {
      if (q.kids === null && q.body === b) return;
      if (d2 < 0.01) {
        dx = b % 2 ? 0.1 : -0.1;
        dy = b % 3 ? 0.1 : -0.1;
        d2 = 0.02;
      }
      var f = (SPRING * SPRING * q.mass * M[b]) / d2;
      FX[b] -= dx * f;
      FY[b] -= dy * f;
      return;
    }
    for (var c = 0; c < 4; c++) if (q.kids[c]) repulse(q.kids[c], b);
  }

  function step() {
    var minX = Infinity, minY = Infinity, maxX = -Infinity, maxY = -Infinity;
    for (i = 0; i < N; i++) {
      if (X[i] < minX) minX = X[i];
      if (Y[i] < minY) minY = Y[i];
      if (X[i] > maxX) maxX = X[i];
      if (Y[i] > maxY) maxY = Y[i];
    }
    var root = new Quad(minX - 1, minY - 1, Math.max(maxX - minX, maxY - minY) + 2);
    for (i = 0; i < N; i++) insert(root, i, 0);
    for (i = 0; i < N; i++) {
      FX[i] = -GRAVITY * M[i] * X[i];
      FY[i] = -GRAVITY * M[i] * Y[i];
      repulse(root, i);
    }
    for (k = 0; k < E; k++) {
      var a = edges[k].s, b = edges[k].t;
      if (a === b) continue;
      var dx = X[b] - X[a], dy = Y[b] - Y[a];
      var d = Math.sqrt(dx * dx + dy * dy);
      var f = d / SPRING;
      FX[a] += dx * f;
      FY[a] += dy * f;
      FX[b] -= dx * f;
      FY[b] -= dy * f;
    }
    var temperature = SPRING * 3 * (1 - iteration / ITERATIONS) + 0.5;
    for (i = 0; i < N; i++) {
      if (pinned[i]) continue;
      var fl = Math.sqrt(FX[i] * FX[i] + FY[i] * FY[i]);
      if (fl > 0) {
        fl /= M[i];
        var move = Math.min(fl, temperature) / (fl * M[i]);
        X[i] += FX[i] * move;
        Y[i] += FY[i] * move;
      }
    }
    iteration += 1;
  }

  function runLayout() {
    var until = performance.now() + 25;
    while (iteration < ITERATIONS && performance.now() < until) step();
    if (autoFit) fitView();
    draw();
    if (iteration < ITERATIONS) {
      setTimeout(runLayout, 0);
      return;
    }
    layoutDone = true;
    if (autoFit) fitView();
    draw();
    if (DATA.centre !== null && selected === null) selectNode(DATA.centre, false);
    document.documentElement.setAttribute("data-layout", "done");
  }

  // ------------------------------------------------------------------ view

  var view = { scale: 1, tx: 0, ty: 0 };
  var autoFit = true;
  var width = 0, height = 0, ratio = 1;

  function resize() {
    var rect = canvas.getBoundingClientRect();
    ratio = window.devicePixelRatio || 1;
    width = Math.max(1, rect.width);
    height = Math.max(1, rect.height);
    canvas.width = Math.round(width * ratio);
    canvas.height = Math.round(height * ratio);
    if (autoFit) fitView();
    draw();
  }

  function fitView() {
    var minX = Infinity, minY = Infinity, maxX = -Infinity, maxY = -Infinity, any = false;
    for (i = 0; i < N; i++) {
      if (!visible[i]) continue;
      any = true;
      minX = Math.min(minX, X[i] - R[i]);
      maxX = Math.max(maxX, X[i] + R[i]);
      minY = Math.min(minY, Y[i] - R[i]);
      maxY = Math.max(maxY, Y[i] + R[i]);
    }
    if (!any) return;
    var pad = 30;
    var labels = Math.min(160, width / 4); // room for the labels right of the rightmost nodes
    var s = Math.min(
      (width - 2 * pad - labels) / Math.max(maxX - minX, 1),
      (height - 2 * pad) / Math.max(maxY - minY, 1)
    );
    view.scale = Math.max(0.02, Math.min(s, 2.5));
    view.tx = (width - labels) / 2 - ((minX + maxX) / 2) * view.scale;
    view.ty = height / 2 - ((minY + maxY) / 2) * view.scale;
  }

  // a node's drawn radius in world units: never under 3 screen pixels
  function radius(n) {
    return Math.max(R[n], 3 / view.scale) * (isEvent(n) ? 1.2 : 1);
  }

  function toScreen(x, y) {
    return [x * view.scale + view.tx, y * view.scale + view.ty];
  }

  function toWorld(sx, sy) {
    return [(sx - view.tx) / view.scale, (sy - view.ty) / view.scale];
  }

  function centreOn(n) {
    autoFit = false;
    view.scale = Math.max(view.scale, 0.9);
    view.tx = width / 2 - X[n] * view.scale;
    view.ty = height / 2 - Y[n] * view.scale;
  }

  // the point the edge's curve passes through halfway, and its control point
  function edgeGeometry(k) {
    var a = edges[k].s, b = edges[k].t;
    var lo = Math.min(a, b), hi = Math.max(a, b);
    var dx = X[hi] - X[lo], dy = Y[hi] - Y[lo];
    var d = Math.sqrt(dx * dx + dy * dy) || 1;
    var off = bend[k] * Math.min(22, d / 4) * (edges[k].s === lo ? 1 : -1);
    var mx = (X[a] + X[b]) / 2 - (dy / d) * off;
    var my = (Y[a] + Y[b]) / 2 + (dx / d) * off;
    return { mx: mx, my: my, cx: 2 * mx - (X[a] + X[b]) / 2, cy: 2 * my - (Y[a] + Y[b]) / 2 };
  }

  // ------------------------------------------------------------------ filters and state

  var visible = new Uint8Array(N).fill(1);
  var edgeVisible = new Uint8Array(E).fill(1);
  var matched = new Uint8Array(N);
  var classOn = classes.map(function () {
    return true;
  });
  var articleFilter = -1;
  var query = "";
  var selected = null; // {kind: "node"|"edge", index}

  function applyFilters() {
    var shown = 0, shownEdges = 0;
    for (i = 0; i < N; i++) {
      var ok = classOn[nodes[i].cls];
      if (ok && articleFilter >= 0) ok = nodes[i].arts.indexOf(articleFilter) >= 0;
      visible[i] = ok ? 1 : 0;
      shown += visible[i];
    }
    for (k = 0; k < E; k++) {
      var e = edges[k];
      var okE = visible[e.s] && visible[e.t];
      if (okE && articleFilter >= 0 && e.arts.length) okE = e.arts.indexOf(articleFilter) >= 0;
      edgeVisible[k] = okE ? 1 : 0;
      shownEdges += edgeVisible[k];
    }
    var filtered = document.getElementById("kg-filtered");
    if (shown !== N || shownEdges !== E) {
      filtered.textContent = " With the filters: " + shown + " nodes and " + shownEdges + " edges visible.";
    } else {
      filtered.textContent = "";
    }
    visibleEdgeCount = shownEdges;
    draw();
  }
  var visibleEdgeCount = E;

  // ------------------------------------------------------------------ drawing

  var pending = false;
  function draw() {
    if (pending) return;
    pending = true;
    (window.requestAnimationFrame || setTimeout)(paint);
  }

  function highlightSet() {
    var h = new Uint8Array(N);
    if (selected && selected.kind === "node") {
      h[selected.index] = 1;
      adjacency[selected.index].forEach(function (k) {
        h[edges[k].s] = 1;
        h[edges[k].t] = 1;
      });
    } else if (selected && selected.kind === "edge") {
      h[edges[selected.index].s] = 1;
      h[edges[selected.index].t] = 1;
    }
    return h;
  }

  function paint() {
    pending = false;
    var s = view.scale;
    ctx.setTransform(ratio, 0, 0, ratio, 0, 0);
    ctx.clearRect(0, 0, width, height);
    ctx.setTransform(ratio * s, 0, 0, ratio * s, ratio * view.tx, ratio * view.ty);
    var searching = query.length > 0;
    var near = highlightSet();
    var selNode = selected && selected.kind === "node" ? selected.index : -1;
    var selEdge = selected && selected.kind === "edge" ? selected.index : -1;
    var edgeLabels = s >= 0.9 || (visibleEdgeCount <= 40 && s >= 0.6);

    // edges
    for (k = 0; k < E; k++) {
      if (!edgeVisible[k]) continue;
      var e = edges[k];
      var hot = k === selEdge || e.s === selNode || e.t === selNode;
      var g = edgeGeometry(k);
      ctx.globalAlpha = searching && !(matched[e.s] || matched[e.t]) && !hot ? 0.12 : 1;
      ctx.strokeStyle = k === selEdge ? "#0969da" : hot ? "#444c56" : e.asserted ? "#a8b1bb" : "#c9a4a4";
      ctx.lineWidth = (k === selEdge ? 3 : hot ? 1.8 : 1) / s;
      ctx.setLineDash(e.asserted ? [] : [5 / s, 4 / s]);
      ctx.beginPath();
      ctx.moveTo(X[e.s], Y[e.s]);
      ctx.quadraticCurveTo(g.cx, g.cy, X[e.t], Y[e.t]);
      ctx.stroke();
      // arrowhead at the object's rim
      if (s * SPRING > 18 || hot) {
        var ax = X[e.t] - g.cx, ay = Y[e.t] - g.cy;
        var al = Math.sqrt(ax * ax + ay * ay) || 1;
        ax /= al;
        ay /= al;
        var tipX = X[e.t] - ax * (radius(e.t) + 1 / s), tipY = Y[e.t] - ay * (radius(e.t) + 1 / s);
        var size = (hot ? 8 : 6) / s;
        ctx.setLineDash([]);
        ctx.fillStyle = ctx.strokeStyle;
        ctx.beginPath();
        ctx.moveTo(tipX, tipY);
        ctx.lineTo(tipX - ax * size - ay * size * 0.5, tipY - ay * size + ax * size * 0.5);
        ctx.lineTo(tipX - ax * size + ay * size * 0.5, tipY - ay * size - ax * size * 0.5);
        ctx.closePath();
        ctx.fill();
      }
    }
    ctx.setLineDash([]);

    // nodes
    for (i = N - 1; i >= 0; i--) {
      if (!visible[i]) continue;
      ctx.globalAlpha = searching && !matched[i] && !near[i] ? 0.15 : 1;
      ctx.fillStyle = classes[nodes[i].cls].color;
      ctx.beginPath();
      var r = radius(i);
      if (isEvent(i)) {
        ctx.moveTo(X[i], Y[i] - r);
        ctx.lineTo(X[i] + r, Y[i]);
        ctx.lineTo(X[i], Y[i] + r);
        ctx.lineTo(X[i] - r, Y[i]);
        ctx.closePath();
      } else {
        ctx.arc(X[i], Y[i], r, 0, 2 * Math.PI);
      }
      ctx.fill();
      ctx.lineWidth = (i === selNode ? 3 : searching && matched[i] ? 2.5 : 1) / s;
      ctx.strokeStyle = i === selNode ? "#0969da" : searching && matched[i] ? "#1f2328" : "#ffffff";
      ctx.stroke();
    }

    // labels, in screen pixels: the big nodes, the matches and whatever is selected
    ctx.setTransform(ratio, 0, 0, ratio, 0, 0);
    ctx.textBaseline = "middle";
    ctx.lineJoin = "round";
    if (edgeLabels || selNode >= 0 || selEdge >= 0) {
      ctx.font = "10px system-ui, sans-serif";
      ctx.textAlign = "center";
      for (k = 0; k < E; k++) {
        if (!edgeVisible[k]) continue;
        var hotE = k === selEdge || edges[k].s === selNode || edges[k].t === selNode;
        if (!edgeLabels && !hotE) continue;
        var ends = toScreen(X[edges[k].s], Y[edges[k].s]), ende = toScreen(X[edges[k].t], Y[edges[k].t]);
        var long = Math.hypot(ends[0] - ende[0], ends[1] - ende[1]) > 80;
        if (!long && k !== selEdge) continue; // too short on screen to carry a readable label
        if (searching && !hotE && !(matched[edges[k].s] || matched[edges[k].t])) continue;
        var ge = edgeGeometry(k);
        var p = toScreen(ge.mx, ge.my);
        ctx.globalAlpha = 1;
        ctx.lineWidth = 3;
        ctx.strokeStyle = "rgba(255,255,255,0.9)";
        ctx.strokeText(edges[k].p, p[0], p[1]);
        ctx.fillStyle = hotE ? "#0b3d91" : "#57606a";
        ctx.fillText(edges[k].p, p[0], p[1]);
      }
    }
    // node labels: the selection and the matches always, then the most mentioned that fit
    ctx.font = "12px system-ui, sans-serif";
    ctx.textAlign = "left";
    var boxes = [];
    var order = [];
    for (i = 0; i < N; i++) {
      if (visible[i] && i !== selNode && (near[i] || (searching && matched[i]))) order.push(i);
    }
    if (selNode >= 0 && visible[selNode]) order.push(selNode); // drawn over its neighbours'
    if (!searching) for (i = 0; i < N; i++) if (visible[i] && !near[i]) order.push(i);
    for (var o = 0; o < order.length && boxes.length < 400; o++) {
      i = order[o];
      var forced = near[i] || (searching && matched[i]);
      var q = toScreen(X[i], Y[i]);
      var lx = q[0] + radius(i) * s + 3;
      if (!forced && (q[0] < -50 || q[0] > width + 50 || q[1] < -10 || q[1] > height + 10)) continue;
      var text = nodes[i].label.length > 40 ? nodes[i].label.slice(0, 39) + "…" : nodes[i].label;
      ctx.font = i === selNode ? "bold 13px system-ui, sans-serif" : "12px system-ui, sans-serif";
      var box = [lx, q[1] - 8, lx + ctx.measureText(text).width, q[1] + 8];
      var clash = false;
      for (var b = 0; b < boxes.length && !forced; b++) {
        var c = boxes[b];
        if (box[0] < c[2] && c[0] < box[2] && box[1] < c[3] && c[1] < box[3]) {
          clash = true;
          break;
        }
      }
      if (clash) continue;
      boxes.push(box);
      ctx.globalAlpha = 1;
      ctx.lineWidth = i === selNode ? 5 : 3;
      ctx.strokeStyle = "rgba(255,255,255,0.92)";
      ctx.strokeText(text, lx, q[1]);
      ctx.fillStyle = near[i] && selected ? "#0b3d91" : "#1f2328";
      ctx.fillText(text, lx, q[1]);
    }
    ctx.globalAlpha = 1;
  }

  // ------------------------------------------------------------------ hit testing

  function nodeAt(sx, sy) {
    var w = toWorld(sx, sy);
    var best = -1, bestD = Infinity;
    for (i = 0; i < N; i++) {
      if (!visible[i]) continue;
      var dx = X[i] - w[0], dy = Y[i] - w[1];
      var d = Math.sqrt(dx * dx + dy * dy);
      var reach = radius(i) + 3 / view.scale;
      // nearest relative to size, so a small node on top of a big one can still be picked
      if (d <= reach && d / reach < bestD) {
        best = i;
        bestD = d / reach;
      }
    }
    return best;
  }

  function segmentDistance(px, py, ax, ay, bx, by) {
    var dx = bx - ax, dy = by - ay;
    var l2 = dx * dx + dy * dy;
    var t = l2 ? Math.max(0, Math.min(1, ((px - ax) * dx + (py - ay) * dy) / l2)) : 0;
    var qx = ax + t * dx - px, qy = ay + t * dy - py;
    return Math.sqrt(qx * qx + qy * qy);
  }

  // the point at t (0..1) of an edge's curve, in world units
  function curvePoint(e, g, t) {
    var u = 1 - t;
    return [
      u * u * X[e.s] + 2 * u * t * g.cx + t * t * X[e.t],
      u * u * Y[e.s] + 2 * u * t * g.cy + t * t * Y[e.t],
    ];
  }

  function edgeAt(sx, sy) {
    var w = toWorld(sx, sy);
    var best = -1, bestD = 5 / view.scale;
    for (k = 0; k < E; k++) {
      if (!edgeVisible[k]) continue;
      var e = edges[k];
      var g = edgeGeometry(k);
      // the curve, as eight straight pieces
      var px = X[e.s], py = Y[e.s];
      for (var n = 1; n <= 8; n++) {
        var q = curvePoint(e, g, n / 8), qx = q[0], qy = q[1];
        var d = segmentDistance(w[0], w[1], px, py, qx, qy);
        if (d < bestD) {
          bestD = d;
          best = k;
        }
        px = qx;
        py = qy;
      }
    }
    return best;
  }

  // ------------------------------------------------------------------ pointer

  var drag = null;
  canvas.addEventListener("pointerdown", function (ev) {
    var rect = canvas.getBoundingClientRect();
    var sx = ev.clientX - rect.left, sy = ev.clientY - rect.top;
    var n = nodeAt(sx, sy);
    drag = { x: ev.clientX, y: ev.clientY, node: n, moved: false, sx: sx, sy: sy };
    canvas.setPointerCapture(ev.pointerId);
  });
  canvas.addEventListener("pointermove", function (ev) {
    if (!drag) return;
    var dx = ev.clientX - drag.x, dy = ev.clientY - drag.y;
    if (!drag.moved && dx * dx + dy * dy < 16) return;
    drag.moved = true;
    autoFit = false;
    canvas.classList.add("dragging");
    if (drag.node >= 0) {
      var rect = canvas.getBoundingClientRect();
      var w = toWorld(ev.clientX - rect.left, ev.clientY - rect.top);
      X[drag.node] = w[0];
      Y[drag.node] = w[1];
      pinned[drag.node] = 1;
    } else {
      view.tx += dx;
      view.ty += dy;
      drag.x = ev.clientX;
      drag.y = ev.clientY;
    }
    draw();
  });
  canvas.addEventListener("pointerup", function () {
    if (!drag) return;
    canvas.classList.remove("dragging");
    if (!drag.moved) {
      if (drag.node >= 0) selectNode(drag.node, false);
      else {
        var k = edgeAt(drag.sx, drag.sy);
        if (k >= 0) selectEdge(k, false);
        else clearSelection();
      }
    }
    drag = null;
  });
  canvas.addEventListener(
    "wheel",
    function (ev) {
      ev.preventDefault();
      autoFit = false;
      var rect = canvas.getBoundingClientRect();
      var sx = ev.clientX - rect.left, sy = ev.clientY - rect.top;
      var w = toWorld(sx, sy);
      var factor = Math.exp(-ev.deltaY * 0.0015);
      view.scale = Math.max(0.01, Math.min(20, view.scale * factor));
      view.tx = sx - w[0] * view.scale;
      view.ty = sy - w[1] * view.scale;
      draw();
    },
    { passive: false }
  );
  window.addEventListener("resize", resize);
  document.addEventListener("keydown", function (ev) {
    if (ev.key === "Escape") {
      clearSelection();
      if (document.activeElement === search) {
        search.value = "";
        runSearch();
      }
    }
  });

  // ------------------------------------------------------------------ panel

  function swatch(c) {
    var s = el("span", "swatch" + (c.top === "Event" ? " event" : ""));
    s.style.background = c.color;
    return s;
  }

  function nodeButton(n) {
    var b = el("button", "kg-link");
    b.type = "button";
    b.appendChild(swatch(classes[nodes[n].cls]));
    b.appendChild(el("span", null, nodes[n].label));
    b.addEventListener("click", function () {
      selectNode(n, true);
    });
    return b;
  }

  function articleHeading(a) {
    var art = articles[a];
    var frag = document.createDocumentFragment();
    var h = el("h4", "prov-article" + (art.untitled ? " untitled" : ""));
    if (art.url && /^https?:\/\//i.test(art.url)) {
      var link = el("a", null, art.title);
      link.href = art.url;
      link.target = "_blank";
      link.rel = "noopener noreferrer";
      h.appendChild(link);
    } else {
      h.textContent = art.title;
    }
    frag.appendChild(h);
    var meta = [art.date, art.publisher, "article " + art.id].filter(Boolean).join(" · ");
    frag.appendChild(el("p", "prov-meta", meta));
    return frag;
  }

  function sentenceBlock(ev) {
    var q = el("blockquote", "prov-sentence");
    var text = sentences[ev.sentence][1];
    if (ev.start >= 0 && ev.end >= ev.start && ev.end <= text.length) {
      q.appendChild(document.createTextNode(text.slice(0, ev.start)));
      q.appendChild(el("mark", null, text.slice(ev.start, ev.end)));
      q.appendChild(document.createTextNode(text.slice(ev.end)));
    } else {
      q.textContent = text;
    }
    return q;
  }

  function section(title) {
    return el("h3", "section", title);
  }

  function clearPanel() {
    while (panel.firstChild) panel.removeChild(panel.firstChild);
    panel.scrollTop = 0;
  }

  function fmt(x) {
    return typeof x === "number" ? String(Math.round(x * 100) / 100) : String(x);
  }

  function showNode(n) {
    var node = nodes[n];
    var c = classes[node.cls];
    clearPanel();
    panel.appendChild(el("h2", "node-label", node.label));
    var kind = el("p", "kind");
    kind.appendChild(swatch(c));
    kind.appendChild(el("span", null, classLabel(c)));
    panel.appendChild(kind);
    panel.appendChild(el("p", "iri", node.iri));
    var nArts = node.arts.length;
    panel.appendChild(
      el(
        "p",
        null,
        node.mentionTotal + (node.mentionTotal === 1 ? " mention" : " mentions") +
          " in " + nArts + (nArts === 1 ? " article" : " articles") +
          (node.count !== node.mentionTotal && c.top !== "Event" ? " (mention count " + node.count + ")" : "")
      )
    );
    if (node.alt.length) panel.appendChild(el("p", "prov-note", "Also named: " + node.alt.join(", ")));
    if (node.event) {
      var dl = el("dl");
      var ev = node.event;
      var rows = [["trigger", ev.trigger], ["modality", ev.modality]];
      if (ev.time.length) rows.push(["time", ev.time.join(", ")]);
      ev.textRoles.forEach(function (r) {
        rows.push([r[0] + " (text)", r[1]]);
      });
      if (ev.reportCount) rows.push(["reports", ev.reportCount]);
      if (ev.placeInferred) rows.push(["place", "inferred from the article"]);
      rows.forEach(function (r) {
        if (r[1] === null || r[1] === undefined) return;
        dl.appendChild(el("dt", null, r[0]));
        dl.appendChild(el("dd", null, r[1]));
      });
      panel.appendChild(dl);
    }
    var links = adjacency[n].slice().sort(function (a, b) {
      return edges[a].p < edges[b].p ? -1 : edges[a].p > edges[b].p ? 1 : a - b;
    });
    if (links.length) {
      panel.appendChild(section("Links (" + links.length + ")"));
      var ul = el("ul", "links");
      links.forEach(function (k) {
        var e = edges[k];
        var other = e.s === n ? e.t : e.s;
        var b = el("button", "kg-link");
        b.type = "button";
        b.appendChild(el("span", "pred", e.s === n ? e.p + " →" : "← " + e.p));
        b.appendChild(swatch(classes[nodes[other].cls]));
        b.appendChild(el("span", null, nodes[other].label));
        b.addEventListener("click", function () {
          selectEdge(k, true);
        });
        var li = el("li");
        li.appendChild(b);
        ul.appendChild(li);
      });
      panel.appendChild(ul);
    }
    panel.appendChild(section(c.top === "Event" ? "Reported in" : "Mentions"));
    var last = -1;
    node.mentions.forEach(function (m) {
      var a = sentences[m.sentence][0];
      if (a !== last) panel.appendChild(articleHeading(a));
      last = a;
      panel.appendChild(sentenceBlock(m));
    });
    if (!node.mentions.length) {
      panel.appendChild(
        el("p", "prov-note", "No article mentions it: it is in the graph as a description from the gazetteer.")
      );
    }
    if (node.mentionTotal > node.mentions.length && node.mentions.length) {
      panel.appendChild(
        el("p", "prov-note", "… and " + (node.mentionTotal - node.mentions.length) + " more (kg show lists them all).")
      );
    }
  }

  function showEdge(k) {
    var e = edges[k];
    clearPanel();
    var h = el("h2", "edge-title");
    h.appendChild(nodeButton(e.s));
    h.appendChild(el("span", "pred", e.p + " →"));
    h.appendChild(nodeButton(e.t));
    panel.appendChild(h);
    if (!e.statements.length) {
      panel.appendChild(
        el(
          "p",
          "prov-note",
          e.eventRole
            ? "Part of the event's record, with no statement of its own: see the event for its sentences."
            : "From the gazetteer: a description, not a fact extracted from an article."
        )
      );
      return;
    }
    if (!e.asserted) {
      panel.appendChild(el("p", "prov-note", "Only claimed inside a quote: the articles do not assert it."));
    }
    panel.appendChild(section(e.statementTotal === 1 ? "Statement" : "Statements (" + e.statementTotal + ")"));
    var last = -2;
    e.statements.forEach(function (st) {
      if (st.art !== last && st.art >= 0) panel.appendChild(articleHeading(st.art));
      last = st.art;
      if (st.evidence) panel.appendChild(sentenceBlock(st.evidence));
      var bits = [];
      if (st.confidence !== null) bits.push("confidence " + fmt(st.confidence));
      if (st.extractor) bits.push(st.extractor);
      if (st.claimedBy) bits.push("claimed by " + st.claimedBy);
      if (bits.length) panel.appendChild(el("p", "prov-note", bits.join(" · ")));
    });
    if (e.statementTotal > e.statements.length) {
      panel.appendChild(el("p", "prov-note", "… and " + (e.statementTotal - e.statements.length) + " more."));
    }
  }

  function selectNode(n, centre) {
    selected = { kind: "node", index: n };
    if (centre) centreOn(n);
    showNode(n);
    draw();
  }

  function selectEdge(k, centre) {
    selected = { kind: "edge", index: k };
    if (centre) {
      var g = edgeGeometry(k);
      autoFit = false;
      view.tx = width / 2 - g.mx * view.scale;
      view.ty = height / 2 - g.my * view.scale;
    }
    showEdge(k);
    draw();
  }

  function clearSelection() {
    if (selected === null) return;
    selected = null;
    clearPanel();
    panel.appendChild(el("p", "hint", "Click a node or an edge to see where it comes from."));
    draw();
  }

  // ------------------------------------------------------------------ search

  var folded = nodes.map(function (n) {
    return [n.label].concat(n.alt).map(fold);
  });
  var hits = [];

  function runSearch() {
    query = fold(search.value.trim());
    hits = [];
    matched.fill(0);
    if (query) {
      for (i = 0; i < N; i++) {
        if (!visible[i]) continue;
        var names = folded[i];
        for (j = 0; j < names.length; j++) {
          if (names[j].indexOf(query) >= 0) {
            matched[i] = 1;
            hits.push(i);
            break;
          }
        }
      }
    }
    // the whole name first, then names that start with it, then a word that does; within
    // each, the most mentioned
    function rank(n) {
      var name = folded[n][0];
      if (name === query) return 0;
      if (name.indexOf(query) === 0) return 1;
      return (" " + name).indexOf(" " + query) >= 0 ? 2 : 3;
    }
    hits.sort(function (a, b) {
      return rank(a) - rank(b) || a - b;
    });
    while (results.firstChild) results.removeChild(results.firstChild);
    hits.slice(0, 30).forEach(function (n) {
      var li = el("li");
      li.setAttribute("role", "option");
      var b = nodeButton(n);
      b.appendChild(el("span", "cls", classes[nodes[n].cls].name));
      b.addEventListener("click", function () {
        results.hidden = true;
      });
      li.appendChild(b);
      results.appendChild(li);
    });
    if (query && !hits.length) results.appendChild(el("li", "hint", "No node matches."));
    if (hits.length > 30) results.appendChild(el("li", "hint", "… " + (hits.length - 30) + " more"));
    results.hidden = !query;
    draw();
  }

  search.addEventListener("input", runSearch);
  search.addEventListener("keydown", function (ev) {
    if (ev.key === "Enter" && hits.length) {
      selectNode(hits[0], true);
      results.hidden = true;
    }
  });
  search.addEventListener("focus", function () {
    if (query) results.hidden = false;
  });

  // ------------------------------------------------------------------ legend and article filter

  (function () {
    var box = document.getElementById("kg-classes");
    var headings = { Person: "People", Region: "Places", Group: "Groups", Event: "Events" };
    var lastTop = null;
    classes.forEach(function (c, ci) {
      if (c.top !== lastTop) box.appendChild(el("h3", null, headings[c.top] || c.top));
      lastTop = c.top;
      var label = el("label");
      var cb = el("input");
      cb.type = "checkbox";
      cb.checked = true;
      cb.setAttribute("data-class", c.name);
      cb.addEventListener("change", function () {
        classOn[ci] = cb.checked;
        applyFilters();
        runSearch();
      });
      label.appendChild(cb);
      label.appendChild(swatch(c));
      var name = el("span", "name", c.name);
      name.title = c.name;
      label.appendChild(name);
      label.appendChild(el("span", "count", c.shown === c.total ? String(c.total) : c.shown + " of " + c.total));
      box.appendChild(label);
    });
    articles.forEach(function (a, ai) {
      var o = el("option", null, (a.date ? a.date + " · " : "") + a.title);
      o.value = String(ai);
      articleSelect.appendChild(o);
    });
    articleSelect.addEventListener("change", function () {
      articleFilter = articleSelect.value === "" ? -1 : Number(articleSelect.value);
      applyFilters();
      runSearch();
      if (autoFit || layoutDone) {
        autoFit = true;
        fitView();
        draw();
      }
    });
  })();

  // ------------------------------------------------------------------ status and start

  status.appendChild(el("span", null, DATA.summary));
  var filteredNote = el("span");
  filteredNote.id = "kg-filtered";
  status.appendChild(filteredNote);
  status.setAttribute("data-shown", String(DATA.shown.nodes));
  status.setAttribute("data-total", String(DATA.total.nodes));

  // A small read-only handle for tests and the console: where things are drawn.
  window.kgView = Object.freeze({
    done: function () {
      return layoutDone;
    },
    nodeIndex: function (iri) {
      for (var n = 0; n < N; n++) if (nodes[n].iri === iri) return n;
      return -1;
    },
    // viewport (client) coordinates of a node's centre, or of an edge's midpoint
    nodePoint: function (n) {
      var rect = canvas.getBoundingClientRect();
      var p = toScreen(X[n], Y[n]);
      return { x: rect.left + p[0], y: rect.top + p[1] };
    },
    edgePoint: function (k) {
      var rect = canvas.getBoundingClientRect();
      var g = edgeGeometry(k);
      var p = toScreen(g.mx, g.my);
      return { x: rect.left + p[0], y: rect.top + p[1] };
    },
    // a point of an edge's curve where a click picks that edge (no node, no nearer edge
    // there), nearest its midpoint; null when every point of it is covered
    edgeClearPoint: function (k) {
      var rect = canvas.getBoundingClientRect();
      var e = edges[k], g = edgeGeometry(k);
      var ts = [0.5, 0.42, 0.58, 0.34, 0.66, 0.26, 0.74, 0.18, 0.82];
      for (var j = 0; j < ts.length; j++) {
        var w = curvePoint(e, g, ts[j]);
        var p = toScreen(w[0], w[1]);
        if (nodeAt(p[0], p[1]) === -1 && edgeAt(p[0], p[1]) === k) {
          return { x: rect.left + p[0], y: rect.top + p[1] };
        }
      }
      return null;
    },
    edgeIndex: function (sIri, p, oIri) {
      for (var n = 0; n < E; n++) {
        if (edges[n].p === p && nodes[edges[n].s].iri === sIri && nodes[edges[n].t].iri === oIri) return n;
      }
      return -1;
    },
    focus: function (n) {
      centreOn(n);
      view.scale = Math.max(view.scale, 1.5);
      view.tx = width / 2 - X[n] * view.scale;
      view.ty = height / 2 - Y[n] * view.scale;
      paint();
    },
  });

  resize();
  applyFilters();
  runLayout();
})();
