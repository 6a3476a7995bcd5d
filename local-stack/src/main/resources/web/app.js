// The demo page: plain JavaScript and SVG, no libraries, no network beyond this server's JSON API.
'use strict';

const SVG = 'http://www.w3.org/2000/svg';
const POLL_MS = 2000;

function el(tag, attrs, ...children) {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (v !== null && v !== undefined) e.setAttribute(k, v);
  }
  for (const c of children) {
    if (c === null || c === undefined) continue;
    e.append(c instanceof Node ? c : document.createTextNode(String(c)));
  }
  return e;
}

function svg(tag, attrs, ...children) {
  const e = document.createElementNS(SVG, tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (v !== null && v !== undefined) e.setAttribute(k, v);
  }
  for (const c of children) {
    if (c === null || c === undefined) continue;
    e.append(c instanceof Node ? c : document.createTextNode(String(c)));
  }
  return e;
}

function fill(tbody, rows) {
  tbody.replaceChildren(...rows);
}

const fmt = n => (n === null || n === undefined) ? '–' : Number(n).toLocaleString('en-US');

function ago(ms, now) {
  if (!ms) return 'never';
  const s = Math.max(0, Math.round(((now || Date.now()) - ms) / 1000));
  if (s < 60) return s + ' s ago';
  if (s < 3600) return Math.floor(s / 60) + ' min ago';
  return Math.floor(s / 3600) + ' h ago';
}

async function get(path) {
  const r = await fetch(path, { cache: 'no-store' });
  if (!r.ok) throw new Error(path + ': ' + r.status);
  return r.json();
}

// ---- data products -------------------------------------------------------------------------

function renderProducts(data) {
  const rows = data.data_products.map(p => {
    const tags = (p.tags || []).map(t => el('span', { class: 'tag' + (t === 'DataProduct' ? ' dp' : '') }, t));
    return el('tr', { class: 'data-product', 'data-topic': p.name },
      el('td', {}, el('strong', {}, p.name), ' ', el('span', { class: 'desc' }, p.kind + (p.produced_by ? ' · ' + p.produced_by : '')),
        el('div', { class: 'desc' }, p.description || (p.descriptor ? '' : 'no descriptor shipped'))),
      el('td', {}, p.owner || '–', el('div', { class: 'desc' }, p.domain || '')),
      el('td', {}, ...tags),
      el('td', { class: 'num records' }, fmt(p.record_count)),
      el('td', { class: 'num' }, p.live_keys === undefined ? '' : fmt(p.live_keys)),
      el('td', { class: p.last_update && data.server_time - p.last_update > 120000 ? 'stale' : '' }, ago(p.last_update, data.server_time)),
      el('td', { class: 'desc' }, p.freshness || ''));
  });
  fill(document.querySelector('#products tbody'), rows);
}

// ---- lineage: a layered drawing of the graph the API derives from the topologies -------------

function layout(nodes, edges) {
  const rank = new Map(nodes.map(n => [n.id, 0]));
  // longest path from the producers; the graph is a DAG, so |nodes| rounds settle it
  for (let i = 0; i < nodes.length; i++) {
    let changed = false;
    for (const e of edges) {
      const r = rank.get(e.from) + 1;
      if (rank.has(e.to) && r > rank.get(e.to)) { rank.set(e.to, r); changed = true; }
    }
    if (!changed) break;
  }
  const columns = [];
  for (const n of nodes) {
    const r = rank.get(n.id);
    (columns[r] = columns[r] || []).push(n);
  }
  // order each column by the mean row of its predecessors, so edges cross less
  const row = new Map();
  columns.forEach((col, c) => {
    if (c > 0) {
      const key = n => {
        const preds = edges.filter(e => e.to === n.id && row.has(e.from)).map(e => row.get(e.from));
        return preds.length ? preds.reduce((a, b) => a + b, 0) / preds.length : 0;
      };
      col.sort((a, b) => key(a) - key(b));
    }
    col.forEach((n, i) => row.set(n.id, i));
  });
  return { rank, row, columns };
}

function renderLineage(data) {
  const root = document.getElementById('lineage');
  const { rank, row, columns } = layout(data.nodes, data.edges);
  const colW = 190, rowH = 40, boxW = 160, boxH = 26, pad = 16;
  const maxRows = Math.max(...columns.map(c => (c || []).length));
  const width = columns.length * colW + pad, height = maxRows * rowH + pad * 2;
  root.setAttribute('width', width);
  root.setAttribute('height', height);
  root.setAttribute('viewBox', `0 0 ${width} ${height}`);
  const pos = new Map();
  data.nodes.forEach(n => {
    const col = columns[rank.get(n.id)];
    const offset = (maxRows - col.length) * rowH / 2;
    pos.set(n.id, { x: pad + rank.get(n.id) * colW + boxW / 2, y: pad + offset + row.get(n.id) * rowH + boxH / 2 });
  });
  const defs = svg('defs', {}, svg('marker', { id: 'lin-arrow', viewBox: '0 0 10 10', refX: 10, refY: 5, markerWidth: 7, markerHeight: 7, orient: 'auto-start-reverse' },
    svg('path', { d: 'M 0 0 L 10 5 L 0 10 z', fill: '#8a96a3' })));
  const edgeEls = data.edges.filter(e => pos.has(e.from) && pos.has(e.to)).map(e => {
    const a = pos.get(e.from), b = pos.get(e.to);
    const x1 = a.x + boxW / 2, x2 = b.x - boxW / 2, mx = (x1 + x2) / 2;
    return svg('path', { class: 'lineage-edge', d: `M ${x1} ${a.y} C ${mx} ${a.y}, ${mx} ${b.y}, ${x2} ${b.y}`, 'marker-end': 'url(#lin-arrow)',
      'data-from': e.from, 'data-to': e.to });
  });
  const nodeEls = data.nodes.map(n => {
    const p = pos.get(n.id), kind = n.kind.toLowerCase();
    const cls = 'lineage-node ' + kind + (n.data_product ? ' data-product' : '');
    let shape;
    if (kind === 'producer') {
      const x = p.x - boxW / 2, y = p.y - boxH / 2;
      shape = svg('polygon', { points: `${x + 8},${y} ${x + boxW},${y} ${x + boxW - 8},${y + boxH} ${x},${y + boxH}` });
    } else if (kind === 'store') {
      shape = svg('ellipse', { cx: p.x, cy: p.y, rx: boxW / 2, ry: boxH / 2 });
    } else {
      shape = svg('rect', { x: p.x - boxW / 2, y: p.y - boxH / 2, width: boxW, height: boxH, rx: kind === 'topic' ? 12 : 3 });
    }
    const title = svg('title', {}, n.id + (n.records !== undefined ? ' · ' + n.records + ' records' : ''));
    const label = svg('text', { x: p.x, y: p.y }, n.label);
    return svg('g', { class: cls, 'data-id': n.id }, title, shape, label);
  });
  root.replaceChildren(defs, ...edgeEls, ...nodeEls);
}

// ---- bikes ---------------------------------------------------------------------------------

function projector(points, w, h, margin) {
  const lats = points.map(p => p[0]), lons = points.map(p => p[1]);
  let minLat = Math.min(...lats), maxLat = Math.max(...lats), minLon = Math.min(...lons), maxLon = Math.max(...lons);
  if (maxLat - minLat < 1e-6) { minLat -= 0.01; maxLat += 0.01; }
  if (maxLon - minLon < 1e-6) { minLon -= 0.01; maxLon += 0.01; }
  const k = Math.cos((minLat + maxLat) / 2 * Math.PI / 180);
  const sx = (w - 2 * margin) / ((maxLon - minLon) * k), sy = (h - 2 * margin) / (maxLat - minLat);
  const s = Math.min(sx, sy);
  const ox = (w - (maxLon - minLon) * k * s) / 2, oy = (h - (maxLat - minLat) * s) / 2;
  return (lat, lon) => [ox + (lon - minLon) * k * s, h - oy - (lat - minLat) * s];
}

function renderBikes(stations, redistribution) {
  const map = document.getElementById('map');
  const list = stations.stations;
  document.getElementById('bike-counts').textContent =
    `${list.length} stations · ${stations.high} surplus · ${stations.low} shortage · ${redistribution.count} pairs`;
  if (!list.length) { map.replaceChildren(svg('text', { x: 20, y: 30 }, 'waiting for stations.enriched …')); return; }
  // the map takes the city's shape: a tall city gets a tall map
  const lats = list.map(s => s.lat), lons = list.map(s => s.lon);
  const k = Math.cos((Math.min(...lats) + Math.max(...lats)) / 2 * Math.PI / 180);
  const aspect = (Math.max(...lats) - Math.min(...lats) + 1e-6) / ((Math.max(...lons) - Math.min(...lons) + 1e-6) * k);
  const W = 400, H = Math.round(Math.min(600, Math.max(260, W * aspect)));
  map.setAttribute('viewBox', `0 0 ${W} ${H}`);
  const project = projector(list.map(s => [s.lat, s.lon]), W, H, 14);
  const byId = new Map(list.map(s => [String(s.station_id), s]));
  const defs = svg('defs', {}, svg('marker', { id: 'pair-arrow', viewBox: '0 0 10 10', refX: 9, refY: 5, markerWidth: 5, markerHeight: 5, orient: 'auto' },
    svg('path', { d: 'M 0 0 L 10 5 L 0 10 z', fill: '#ef6c00' })));
  const maxMove = Math.max(1, ...redistribution.pairs.map(p => p.redistribution || 0));
  const arrows = [];
  for (const p of redistribution.pairs) {
    const s = byId.get(String(p.source_station_id)), d = byId.get(String(p.dest_station_id));
    if (!s || !d) continue;
    const [x1, y1] = project(s.lat, s.lon), [x2, y2] = project(d.lat, d.lon);
    // stop short of the destination's circle so the arrow head stays visible
    const len = Math.hypot(x2 - x1, y2 - y1) || 1, cut = Math.min(7, len / 3);
    arrows.push(svg('line', { class: 'pair', x1, y1, x2: x2 - (x2 - x1) * cut / len, y2: y2 - (y2 - y1) * cut / len,
      'stroke-width': (0.5 + 1.8 * (p.redistribution || 0) / maxMove).toFixed(2), 'marker-end': 'url(#pair-arrow)',
      'data-key': p.key }, svg('title', {}, `${p.source_name} → ${p.dest_name}: ${p.redistribution} bikes, ${p.distance} mi`)));
  }
  const dots = list.map(s => {
    const [x, y] = project(s.lat, s.lon);
    const r = 2 + Math.sqrt(s.capacity || 10) / 2.2;
    return svg('circle', { class: 'station ' + s.availability, cx: x.toFixed(1), cy: y.toFixed(1), r: r.toFixed(1), 'data-id': s.station_id },
      svg('title', {}, `${s.name || s.station_id} (${s.region_name || 'no region'}): ${s.num_bikes_available ?? '?'} bikes / ${s.capacity ?? '?'} docks`));
  });
  map.replaceChildren(defs, ...arrows, ...dots);

  const top = redistribution.pairs.slice(0, 12).map(p => el('tr', {},
    el('td', { class: 'name', title: p.source_name }, p.source_name || p.source_station_id),
    el('td', { class: 'name', title: p.dest_name }, p.dest_name || p.dest_station_id),
    el('td', {}, p.region_name),
    el('td', { class: 'num' }, p.redistribution),
    el('td', { class: 'num' }, p.distance)));
  fill(document.querySelector('#pairs tbody'), top);
}

// ---- marketplace and trucks ---------------------------------------------------------------

function renderMarketplace(m) {
  document.getElementById('accepted').textContent = fmt(m.accepted);
  document.getElementById('rejected').textContent = fmt(m.rejected);
  document.getElementById('mongo-docs').textContent = m.mongodb.documents === null ? '–' : fmt(m.mongodb.documents);
  document.getElementById('mongo-ns').textContent = 'MongoDB ' + (m.mongodb.collection || '') + ' documents';
  fill(document.querySelector('#jobs tbody'), m.latest.slice(0, 8).map(j => el('tr', { class: 'job' },
    el('td', {}, j.job_id), el('td', {}, j.service_option), el('td', { class: 'num' }, j.price), el('td', { class: 'num' }, j.price_quoted),
    el('td', {}, el('span', { class: 'badge ' + j.current_status }, j.current_status)))));
}

// one row per truck: the job it drives to now (with --loop a truck gets a new job when it arrives)
function latestPerTruck(rows) {
  const byTruck = new Map();
  for (const r of rows) {
    const prev = byTruck.get(r.vehicle_id);
    if (!prev || (r.updated_at || 0) > (prev.updated_at || 0)) byTruck.set(r.vehicle_id, r);
  }
  return [...byTruck.values()].sort((a, b) => String(a.vehicle_id).localeCompare(String(b.vehicle_id)));
}

function renderTrucks(t) {
  const map = document.getElementById('trucks-map');
  const rows = latestPerTruck(t.trucks.filter(r => r.lat !== undefined && r.dest_lat !== undefined));
  const driving = rows.filter(r => String(r.state).toUpperCase() !== 'ARRIVED').length;
  document.getElementById('truck-counts').textContent = t.error ? '· ' + t.error
    : `${rows.length} trucks · ${driving} driving · ${t.trucks.length} jobs tracked`;
  if (!rows.length) { map.replaceChildren(svg('text', { x: 20, y: 30 }, t.error || 'waiting for truck_tracker …')); }
  else {
    const pts = rows.flatMap(r => [[r.lat, r.long], [r.dest_lat, r.dest_long]]);
    const project = projector(pts, 640, 400, 24);
    const items = [];
    for (const r of rows) {
      const [x, y] = project(r.lat, r.long), [dx, dy] = project(r.dest_lat, r.dest_long);
      const arrived = String(r.state).toUpperCase() === 'ARRIVED';
      items.push(svg('line', { class: 'route', x1: x, y1: y, x2: dx, y2: dy }));
      items.push(svg('circle', { class: 'destination', cx: dx, cy: dy, r: 5 }, svg('title', {}, 'job ' + r.job_id)));
      const angle = Math.atan2(dy - y, dx - x) * 180 / Math.PI;
      items.push(svg('g', { class: 'truck' + (arrived ? ' arrived' : ''), transform: `translate(${x.toFixed(1)},${y.toFixed(1)})`,
          'data-job': r.job_id, 'data-truck': r.vehicle_id },
        svg('title', {}, `${r.vehicle_id} → job ${r.job_id}: ${r.distance_from_destination} km, ETA ${r.eta_seconds} s`),
        svg('path', { d: 'M -8 -5 L 8 0 L -8 5 z', transform: `rotate(${angle.toFixed(0)})` }),
        // labels point inwards so the ones near the right edge stay readable
        svg('text', x > 430 ? { x: -8, y: -7, 'text-anchor': 'end' } : { x: 8, y: -7 },
          arrived ? r.vehicle_id + ' ✓' : `${r.vehicle_id} ${r.distance_from_destination} km`)));
    }
    map.replaceChildren(...items);
  }
  fill(document.querySelector('#trucks tbody'), rows.map(r => el('tr', { class: 'truck-row' },
    el('td', {}, r.vehicle_id), el('td', {}, r.job_id), el('td', {}, r.state),
    el('td', { class: 'num' }, r.distance_from_destination), el('td', { class: 'num' }, r.eta_seconds))));
}

// ---- status ------------------------------------------------------------------------------

function renderStatus(s) {
  const running = s.components.filter(c => ['RUNNING', 'REBALANCING', 'DONE'].includes(c.state)).length;
  const chips = [
    el('span', { class: 'chip' }, 'up ' + new Date(s.uptime_seconds * 1000).toISOString().substring(11, 19)),
    el('span', { class: 'chip' }, 'Kafka ' + s.bootstrap_servers + (s.embedded_broker ? ' (embedded)' : '')),
    el('span', { class: 'chip ' + (running === s.components.length ? 'ok' : 'bad') }, `${running}/${s.components.length} running`),
    el('span', { class: 'chip ' + (s.dead_letters > 0 ? 'bad' : '') }, 'dead letters ' + s.dead_letters),
  ];
  document.getElementById('chips').replaceChildren(...chips);
  fill(document.querySelector('#components tbody'), s.components.map(c => el('tr', { class: 'component' },
    el('td', {}, c.name), el('td', {}, c.state),
    el('td', { class: 'num' }, c.http_port ? el('a', { href: `http://${location.hostname}:${c.http_port}/health` }, c.http_port) : ''),
    el('td', { class: 'num' }, c.lag === undefined ? '' : fmt(c.lag)),
    el('td', { class: 'num' }, c.dead_letters === undefined ? '' : fmt(c.dead_letters)),
    el('td', { class: 'num rerouted' + (c.rerouted_hint ? ' warn' : ''), title: c.rerouted_hint || 'records the key rule re-routed, by input topic' },
      c.rerouted === undefined ? '' : rerouted(c.rerouted)))));
  const hints = [...new Set(s.components.map(c => c.rerouted_hint).filter(h => h))];
  document.getElementById('rerouted-hint').textContent = hints.length ? '⚠ ' + hints[0] : '';
  document.getElementById('footer').textContent = 'logs: ' + (s.log_file || '(stdout)') + ' · JSON: /api/status, /api/data-products, /api/lineage, /api/stations, /api/redistribution, /api/marketplace, /api/trucks, /api/feeds · query API: /v1/catalog, /v1/tables/{table}[/{key}], /v1/streams/{topic}/changes';
}

// re-routed records per input topic: "stations.status 12" lines, or 0
function rerouted(byTopic) {
  const busy = Object.entries(byTopic).filter(([, n]) => n > 0);
  if (!busy.length) return '0';
  return busy.map(([t, n]) => `${t} ${fmt(n)}`).join(', ');
}

// ---- GBFS feeds (with --gbfs-url) ------------------------------------------------------------

function renderFeeds(f) {
  const section = document.getElementById('feeds-section');
  section.hidden = !f.feeds.length;
  if (!f.feeds.length) return;
  document.getElementById('feed-counts').textContent = `${f.feeds.length} files · ${f.stale} stale · ${f.failing} failing`;
  fill(document.querySelector('#feeds tbody'), f.feeds.map(h => el('tr', { class: 'feed' + (h.stale ? ' stale' : '') },
    el('td', { title: h.url }, h.feed), el('td', {}, h.last_result || '–'),
    el('td', {}, h.last_success ? ago(Date.parse(h.last_success)) : 'never'),
    el('td', {}, h.refresh_interval || ''), el('td', {}, h.stale ? 'STALE' : 'fresh'),
    el('td', { class: 'num' }, fmt(h.requests)), el('td', { class: 'num' }, fmt(h.not_modified)),
    el('td', { class: 'num', title: h.last_error || '' }, fmt(h.errors)), el('td', { class: 'num' }, fmt(h.published)),
    el('td', { class: 'desc' }, [h.duplicates && `${h.duplicates} duplicates`, h.other_version_names && `${h.other_version_names} other-version names`,
      h.implausible && `${h.implausible} implausible last_reported`, h.unknown_stations && `${h.unknown_stations} unknown stations`]
      .filter(x => x).join(', ')))));
}

// ---- polling -------------------------------------------------------------------------------

let tick = 0;
async function refresh() {
  const jobs = [
    get('/api/data-products').then(renderProducts),
    Promise.all([get('/api/stations'), get('/api/redistribution')]).then(([s, r]) => renderBikes(s, r)),
    get('/api/marketplace').then(renderMarketplace),
    get('/api/trucks').then(renderTrucks),
    get('/api/status').then(renderStatus),
    get('/api/feeds').then(renderFeeds),
  ];
  if (tick++ % 5 === 0) jobs.push(get('/api/lineage').then(renderLineage));
  const results = await Promise.allSettled(jobs);
  results.filter(r => r.status === 'rejected').forEach(r => console.warn(r.reason));
  document.body.dataset.refreshed = String(tick);
}

refresh();
setInterval(refresh, POLL_MS);
