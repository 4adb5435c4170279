// Real-browser check of the /ui dashboard against a running service that has API keys configured.
// Runs a tiny fine-tuning job through the API, then drives headless Chromium: enters the admin key,
// waits for the models, the job and its three charts in the rendered DOM, activates the job's
// checkpoint with the page's button, and saves screenshots of the dashboard and the job report.
// Usage: node dashboard-check.mjs <base-url> <admin-key> <results-folder> <shared-data-folder>
import { chromium } from 'playwright-core';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const [baseUrl, adminKey, results, sharedData] = process.argv.slice(2);
const url = (path) => new URL(path, baseUrl).toString();
const auth = { Authorization: `Bearer ${adminKey}` };
const model = 'all-MiniLM-L6-v2';

function check(condition, message) {
  if (!condition) throw new Error(`dashboard check failed: ${message}`);
}

async function json(response) {
  const text = await response.text();
  check(response.ok, `${response.url} answered ${response.status}: ${text}`);
  return JSON.parse(text);
}

const lines = (file, count) => readFileSync(join(sharedData, file), 'utf8').split('\n').filter((l) => l.trim()).slice(0, count).join('\n') + '\n';

async function upload(text, name, purpose) {
  const form = new FormData();
  form.append('file', new Blob([text], { type: 'text/plain' }), name);
  form.append('purpose', purpose);
  return (await json(await fetch(url('v1/files'), { method: 'POST', headers: auth, body: form }))).id;
}

// 1. A tiny job: 6 steps, evaluated every 2, on 40 STS-B dev pairs.
const training = await upload(lines('train/unlabeled.txt', 96), 'sentences.txt', 'fine-tune');
const validation = await upload(lines('sts/stsb-dev.tsv', 40), 'dev.tsv', 'evaluation');
const created = await json(await fetch(url('v1/fine_tuning/jobs'), {
  method: 'POST',
  headers: { ...auth, 'Content-Type': 'application/json' },
  body: JSON.stringify({ model, training_file: training, validation_file: validation,
    method: { type: 'unsupervised', hyperparameters: { batch_size: 8, max_steps: 6, eval_steps: 2, learning_rate: 1e-4 } } }),
}));
let job = created;
const deadline = Date.now() + 10 * 60 * 1000; // only so a stuck job fails the run; not a timing assertion
while (!['succeeded', 'failed', 'cancelled'].includes(job.status)) {
  check(Date.now() < deadline, `job ${job.id} still ${job.status}`);
  await new Promise((resolve) => setTimeout(resolve, 500));
  job = await json(await fetch(url(`v1/fine_tuning/jobs/${job.id}`), { headers: auth }));
}
check(job.status === 'succeeded', `job ${job.id} ended ${job.status}: ${JSON.stringify(job.error)}`);
const checkpoint = job.fine_tuned_model;

// 2. The dashboard in headless Chromium.
const context = await chromium.launchPersistentContext(mkdtempSync(join(tmpdir(), 'simcse-chromium-')), {
  executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
  headless: true,
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
    '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  viewport: { width: 1280, height: 1000 },
});
try {
  const page = context.pages()[0] ?? await context.newPage();
  const pageErrors = [];
  page.on('pageerror', (error) => pageErrors.push(error.message));
  await page.goto(url('ui'), { waitUntil: 'load' });
  // Keys are configured: without one the page says so instead of showing data.
  await page.locator('#message', { hasText: '401' }).waitFor({ timeout: 30000 });
  await page.fill('#api-key', adminKey);
  await page.click('#key-form button[type=submit]');

  await page.locator(`#models tr[data-model="${model}"]`).waitFor({ timeout: 30000 });
  await page.locator(`#models tr[data-model="${checkpoint}"]`).waitFor({ timeout: 30000 });
  const jobRow = page.locator(`#jobs tr[data-job="${job.id}"]`);
  await jobRow.waitFor({ timeout: 30000 });
  check((await jobRow.innerText()).includes('succeeded'), `job row says: ${await jobRow.innerText()}`);
  check((await jobRow.innerText()).includes('6/6'), `job row progress: ${await jobRow.innerText()}`);
  await jobRow.click();
  // Loss line, Spearman points, and the trajectory starting at the base model (step 0).
  await page.locator('#chart-loss polyline.series').waitFor({ timeout: 120000 });
  await page.locator('#chart-trajectory circle.base').waitFor({ timeout: 120000 });
  const trajectory = await page.locator('#chart-trajectory circle').count();
  const spearman = await page.locator('#chart-spearman circle').count();
  const labels = await page.locator('#chart-trajectory text.label').allTextContents();
  check(trajectory === 4, `trajectory has ${trajectory} points, expected base + 3 evaluations`);
  check(spearman === 4, `Spearman chart has ${spearman} points`);
  check(labels.includes('base'), `trajectory labels: ${labels}`);

  // The activate button serves the checkpoint.
  await page.click(`#models tr[data-model="${checkpoint}"] button`);
  await page.locator(`#models tr[data-model="${checkpoint}"] .pill.active`).waitFor({ timeout: 120000 });
  // The model it replaced stays loaded for clients that name it (SimCse:Serving:KeepPrevious = 1): the page says "pinned".
  await page.locator(`#models tr[data-model="${model}"] .pill.pinned`).waitFor({ timeout: 10000 });
  check(await page.locator(`#models tr[data-model="${checkpoint}"] .pill.pinned`).count() === 0, 'the active checkpoint is shown pinned');
  const served = await json(await fetch(url('v1/embeddings'), {
    method: 'POST', headers: { ...auth, 'Content-Type': 'application/json' }, body: JSON.stringify({ input: 'A man is playing a guitar.' }),
  }));
  check(served.model === checkpoint, `after Activate the service serves ${served.model}`);
  check(pageErrors.length === 0, `page errors: ${pageErrors.join('; ')}`);
  await page.screenshot({ path: join(results, 'dashboard.png'), fullPage: true });

  // 3. The SVG report rendered by the same browser.
  const report = await fetch(url(`v1/fine_tuning/jobs/${job.id}/report`), { headers: auth });
  const svg = await report.text();
  check(report.ok && svg.startsWith('<svg'), `report: ${report.status}`);
  writeFileSync(join(results, 'job-report.svg'), svg);
  const reportPage = await context.newPage();
  await reportPage.setViewportSize({ width: 1320, height: 394 });
  await reportPage.setContent(`<html><body style="margin:0">${svg}</body></html>`);
  await reportPage.screenshot({ path: join(results, 'job-report.png') });

  console.log(`dashboard: models ${model} and ${checkpoint}, job ${job.id} (succeeded), loss/Spearman/trajectory charts (${trajectory} points from base), activated via the page (the base model shown pinned); screenshots in ${results}`);
} finally {
  await context.close();
}
