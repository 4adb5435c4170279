// SimCseService dashboard: plain browser JavaScript, no build step. Polls the service's own API
// (models, jobs, the selected job's curves) with the API key typed into the page, and draws the
// charts as SVG. URLs are relative to /ui/, so the page also works behind a path prefix.
'use strict';

const api = (path) => new URL(`../${path}`, window.location.href).toString();
const keyStorage = 'simcse.apiKey';
const svgNs = 'http://www.w3.org/2000/svg';
const state = { key: sessionStorage.getItem(keyStorage) ?? '', selectedJob: null, timer: null };

function headers() {
  const h = { Accept: 'application/json' };
  if (state.key) h.Authorization = `Bearer ${state.key}`;
  return h;
}

// Problem bodies carry `detail` (RFC 7807) and `error.message` (OpenAI); show whichever is there.
async function call(method, path) {
  const response = await fetch(api(path), { method, headers: headers() });
  const text = await response.text();
  const body = text ? JSON.parse(text) : null;
  if (!response.ok) {
    const reason = body?.detail ?? body?.error?.message ?? response.statusText;
    const error = new Error(`${method} /${path}: ${response.status} ${reason}`);
    error.status = response.status;
    throw error;
  }
  return body;
}

function show(message, kind = 'error') {
  const box = document.getElementById('message');
  box.textContent = message;
  box.className = kind === 'info' ? 'info' : '';
  box.hidden = !message;
}

function el(tag, attributes = {}, ...children) {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) {
    if (value === undefined || value === null) continue;
    if (name === 'class') node.className = value; else node.setAttribute(name, value);
  }
  for (const child of children) node.append(child instanceof Node ? child : document.createTextNode(String(child)));
  return node;
}

const pill = (text, kind = text) => el('span', { class: `pill ${kind}` }, text);
const fixed = (value, digits) => (typeof value === 'number' && Number.isFinite(value) ? value.toFixed(digits) : '–');

function duration(seconds) {
  if (seconds === null || seconds === undefined) return '';
  if (seconds < 90) return `${seconds} s left`;
  return `${Math.round(seconds / 60)} min left`;
}

async function refreshHealth() {
  const badge = document.getElementById('health');
  try {
    const response = await fetch(api('health/ready'));
    badge.replaceWith(Object.assign(pill(response.ok ? 'ready' : 'not ready', response.ok ? 'ready' : 'down'), { id: 'health' }));
  } catch {
    badge.replaceWith(Object.assign(pill('unreachable', 'down'), { id: 'health' }));
  }
}

async function refreshModels() {
  const models = (await call('GET', 'v1/models')).data;
  const body = document.querySelector('#models tbody');
  body.replaceChildren(...models.map((model) => {
    const states = el('td');
    if (model.active) states.append(pill('active'), ' ');
    if (model.pinned) states.append(pill('pinned'), ' ');
    states.append(pill(model.loaded ? 'loaded' : 'registered', model.loaded ? 'loaded' : 'registered'));
    const activate = el('button', { type: 'button', 'data-model': model.id }, model.active ? 'serving' : 'Activate');
    activate.disabled = model.active;
    activate.addEventListener('click', () => activateModel(model.id, activate));
    const metrics = model.metrics ?? {};
    return el('tr', { 'data-model': model.id },
      el('td', { class: 'id', title: model.id }, model.id), states, el('td', {}, model.base_model ?? ''),
      el('td', {}, fixed(metrics.valid_spearman, 2)), el('td', {}, fixed(metrics.alignment, 4)), el('td', {}, fixed(metrics.uniformity, 4)),
      el('td', {}, activate));
  }));
}

async function activateModel(id, button) {
  button.disabled = true;
  button.textContent = 'activating…';
  try {
    await call('POST', `v1/models/${encodeURIComponent(id)}/activate`);
    show(`Now serving ${id}.`, 'info');
  } catch (error) {
    show(error.message);
  }
  await refreshModels().catch((error) => show(error.message));
}

async function refreshJobs() {
  const jobs = (await call('GET', 'v1/fine_tuning/jobs?limit=50')).data;
  const body = document.querySelector('#jobs tbody');
  if (jobs.length === 0) {
    body.replaceChildren(el('tr', {}, el('td', { colspan: 5, class: 'empty' }, 'No fine-tuning jobs yet.')));
    return;
  }
  body.replaceChildren(...jobs.map((job) => {
    const step = job.progress?.step ?? 0;
    const total = job.progress?.total_steps ?? 0;
    const percent = total > 0 ? Math.round((100 * step) / total) : 0;
    const bar = el('span', { class: 'bar' }, el('span', { style: `width:${percent}%` }));
    const row = el('tr', { class: `selectable${job.id === state.selectedJob ? ' selected' : ''}`, 'data-job': job.id },
      el('td', { class: 'id' }, job.id), el('td', {}, job.model), el('td', {}, pill(job.status)),
      el('td', {}, bar, `${step}/${total || '?'} `, el('small', {}, job.status === 'running' ? duration(job.progress?.eta_seconds) : '')),
      el('td', { class: 'id', title: job.fine_tuned_model ?? '' }, job.fine_tuned_model ?? ''));
    row.addEventListener('click', () => selectJob(job.id));
    return row;
  }));
  if (!state.selectedJob) selectJob(jobs[0].id);
}

async function selectJob(id) {
  state.selectedJob = id;
  document.querySelectorAll('#jobs tr[data-job]').forEach((row) => row.classList.toggle('selected', row.dataset.job === id));
  await refreshCurves().catch((error) => show(error.message));
}

async function refreshCurves() {
  if (!state.selectedJob) return;
  const curves = await call('GET', `v1/fine_tuning/jobs/${encodeURIComponent(state.selectedJob)}/curves`);
  document.getElementById('job-detail').hidden = false;
  document.getElementById('job-title').textContent = `Job ${curves.job_id}`;
  const evaluated = curves.evaluations.filter((e) => e.step > 0);
  const best = evaluated.reduce((a, b) => (b.spearman > (a?.spearman ?? -Infinity) ? b : a), null);
  const base = curves.evaluations.find((e) => e.step === 0);
  document.getElementById('job-summary').textContent =
    `base ${curves.model} · ${curves.status} · ${curves.loss.length} logged steps · ${evaluated.length} evaluations` +
    (base ? ` · base Spearman ${fixed(base.spearman, 2)}` : '') + (best ? ` · best ${fixed(best.spearman, 2)} at step ${best.step}` : '');
  document.getElementById('report-link').href = api(`v1/fine_tuning/jobs/${encodeURIComponent(curves.job_id)}/report`);
  lineChart(document.getElementById('chart-loss'), curves.loss.map((p) => [p.step, p.loss]), 'step', 'loss', false);
  lineChart(document.getElementById('chart-spearman'), curves.evaluations.map((e) => [e.step, e.spearman]), 'step', 'Spearman', true);
  trajectoryChart(document.getElementById('chart-trajectory'), curves.evaluations.filter((e) => e.alignment !== null && e.uniformity !== null));
}

// ---- SVG charts -------------------------------------------------------------------------------
const frame = { width: 400, height: 260, left: 52, right: 16, top: 14, bottom: 40 };

function svg(tag, attributes = {}, text) {
  const node = document.createElementNS(svgNs, tag);
  for (const [name, value] of Object.entries(attributes)) node.setAttribute(name, value);
  if (text !== undefined) node.textContent = text;
  return node;
}

function extent(values, pad) {
  let min = Math.min(...values);
  let max = Math.max(...values);
  if (min === max) { min -= Math.abs(min) * 0.05 || 0.5; max += Math.abs(max) * 0.05 || 0.5; }
  const margin = (max - min) * pad;
  return [min - margin, max + margin];
}

// "Nice" ticks (1, 2 or 5 × 10^k apart) inside [min, max]; whole numbers only for step axes.
function ticks([min, max], count, whole) {
  const raw = (max - min) / count;
  const magnitude = 10 ** Math.floor(Math.log10(raw));
  const norm = raw / magnitude;
  let step = (norm < 1.5 ? 1 : norm < 3 ? 2 : norm < 7 ? 5 : 10) * magnitude;
  if (whole) step = Math.max(1, Math.round(step));
  const values = [];
  for (let v = Math.ceil(min / step) * step; v <= max + step * 1e-9; v += step) values.push(v);
  return { values, step };
}

function format(value, step) {
  const digits = Math.max(0, -Math.floor(Math.log10(step)));
  if (digits > 4) return value === 0 ? '0' : value.toExponential(1);
  return value.toFixed(digits);
}

// Axes, grid and tick labels for x/y extents; returns the data→pixel mapping.
function axes(chart, xs, ys, xTitle, yTitle, pad, wholeX = false) {
  const x = extent(xs, pad.x);
  const y = extent(ys, pad.y);
  const plotW = frame.width - frame.left - frame.right;
  const plotH = frame.height - frame.top - frame.bottom;
  const px = (v) => frame.left + ((v - x[0]) / (x[1] - x[0])) * plotW;
  const py = (v) => frame.top + plotH - ((v - y[0]) / (y[1] - y[0])) * plotH;
  const yTicks = ticks(y, 4, false);
  for (const t of yTicks.values) {
    chart.append(svg('line', { class: 'grid', x1: frame.left, x2: frame.width - frame.right, y1: py(t), y2: py(t) }));
    chart.append(svg('text', { class: 'tick', x: frame.left - 6, y: py(t) + 3, 'text-anchor': 'end' }, format(t, yTicks.step)));
  }
  const xTicks = ticks(x, 4, wholeX);
  for (const t of xTicks.values) {
    chart.append(svg('text', { class: 'tick', x: px(t), y: frame.height - frame.bottom + 14, 'text-anchor': 'middle' }, format(t, xTicks.step)));
  }
  chart.append(svg('line', { class: 'axis', x1: frame.left, x2: frame.left, y1: frame.top, y2: frame.height - frame.bottom }));
  chart.append(svg('line', { class: 'axis', x1: frame.left, x2: frame.width - frame.right, y1: frame.height - frame.bottom, y2: frame.height - frame.bottom }));
  chart.append(svg('text', { class: 'title', x: frame.left + plotW / 2, y: frame.height - 6, 'text-anchor': 'middle' }, xTitle));
  chart.append(svg('text', { class: 'title', x: 12, y: frame.top + plotH / 2, 'text-anchor': 'middle', transform: `rotate(-90 12 ${frame.top + plotH / 2})` }, yTitle));
  return { px, py };
}

function empty(chart, text) {
  chart.append(svg('text', { class: 'empty', x: frame.width / 2, y: frame.height / 2, 'text-anchor': 'middle' }, text));
}

function lineChart(chart, points, xTitle, yTitle, markers) {
  chart.replaceChildren();
  if (points.length === 0) { empty(chart, 'no data yet'); return; }
  const { px, py } = axes(chart, points.map((p) => p[0]), points.map((p) => p[1]), xTitle, yTitle, { x: 0.03, y: 0.08 }, true);
  chart.append(svg('polyline', { class: 'series', points: points.map(([x, y]) => `${px(x)},${py(y)}`).join(' ') }));
  if (markers || points.length === 1) {
    for (const [x, y] of points) chart.append(svg('circle', { class: 'point', cx: px(x), cy: py(y), r: 3.5 }));
  }
}

// The SimCSE paper's figure 2: the path of (uniformity, alignment) from the base model through the
// checkpoints. Labels go on the side away from the nearer edge, and one that would overlap an
// already placed label is left out (the base, the last and the best point are placed first).
function trajectoryChart(chart, points) {
  chart.replaceChildren();
  if (points.length === 0) { empty(chart, 'no evaluations yet'); return; }
  const { px, py } = axes(chart, points.map((p) => p.uniformity), points.map((p) => p.alignment), 'uniformity', 'alignment', { x: 0.2, y: 0.15 });
  chart.append(svg('polyline', { class: 'series', points: points.map((p) => `${px(p.uniformity)},${py(p.alignment)}`).join(' ') }));
  points.forEach((p, i) => chart.append(svg('circle', { class: p.step === 0 ? 'base point' : 'point', cx: px(p.uniformity), cy: py(p.alignment), r: p.step === 0 ? 5 : 3.5, 'data-step': p.step })));
  const bestIndex = points.reduce((best, p, i) => (p.step > 0 && p.spearman > (points[best]?.step > 0 ? points[best].spearman : -Infinity) ? i : best), 0);
  const order = [...new Set([0, points.length - 1, bestIndex, ...points.keys()])];
  const placed = [];
  const middle = (frame.left + frame.width - frame.right) / 2;
  for (const i of order) {
    const x = px(points[i].uniformity);
    const y = py(points[i].alignment);
    const width = points[i].label.length * 6.2 + 10;
    if (placed.some((o) => Math.abs(o.x - x) < width && Math.abs(o.y - y) < 14)) continue;
    placed.push({ x, y });
    const left = x <= middle;
    chart.append(svg('text', { class: 'label', x: left ? x + 8 : x - 8, y: y + 4, 'text-anchor': left ? 'start' : 'end' }, points[i].label));
  }
}

// ---- wiring ------------------------------------------------------------------------------------
async function refresh() {
  refreshHealth();
  try {
    await refreshModels();
    await refreshJobs();
    await refreshCurves();
    show('');
  } catch (error) {
    show(error.status === 401 ? `${error.message} Enter an API key above.` : error.message);
  }
}

document.getElementById('api-key').value = state.key;
document.getElementById('key-form').addEventListener('submit', (event) => {
  event.preventDefault();
  state.key = document.getElementById('api-key').value.trim();
  sessionStorage.setItem(keyStorage, state.key);
  refresh();
});
refresh();
state.timer = setInterval(refresh, 3000);
