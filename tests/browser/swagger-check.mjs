// Drives headless Chromium through Swagger UI: opens /swagger, runs the embeddings example
// ("Try it out" -> "Execute"), checks the response is 200 with vectors, and saves a screenshot.
// Usage: node swagger-check.mjs <base-url> <screenshot-path>
import { chromium } from 'playwright-core';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const [baseUrl, screenshot] = process.argv.slice(2);
const userDataDir = mkdtempSync(join(tmpdir(), 'simcse-chromium-'));
const context = await chromium.launchPersistentContext(userDataDir, {
  executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
  headless: true,
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
    '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  viewport: { width: 1280, height: 1400 },
});
try {
  const page = context.pages()[0] ?? await context.newPage();
  await page.goto(new URL('swagger', baseUrl).toString(), { waitUntil: 'networkidle' });
  const operation = page.locator('#operations-Inference-CreateEmbeddings');
  await operation.locator('.opblock-summary').click();
  await operation.getByRole('button', { name: 'Try it out' }).click();
  const responsePromise = page.waitForResponse(r => r.url().endsWith('/v1/embeddings') && r.request().method() === 'POST');
  await operation.getByRole('button', { name: 'Execute' }).click();
  const response = await responsePromise;
  const body = await response.json();
  await operation.locator('.live-responses-table .response-col_status').first().waitFor();
  await operation.scrollIntoViewIfNeeded();
  await page.screenshot({ path: screenshot, fullPage: false });
  if (response.status() !== 200 || body.data?.length !== 2 || body.data[0].embedding.length !== 384) {
    throw new Error(`Unexpected response ${response.status()}: ${JSON.stringify(body).slice(0, 300)}`);
  }
  console.log(`Swagger UI executed POST /v1/embeddings: ${response.status()}, ${body.data.length} vectors of ${body.data[0].embedding.length} from ${body.model}; screenshot ${screenshot}`);
} finally {
  await context.close();
}
