// Wasm benchmark in headless Chromium: the web build (www/pkg/baocao.js + baocao_bg.wasm, the one
// the page's worker runs) loaded by bench/chromium.html from a local server (scripts/serve.mjs),
// one long-lived instance on the page's main thread, over the same inputs as bench/wasm-node.mjs
// (bench/inputs.mjs). Reports init (fetch + compile + instantiate), the first parse of seed 000
// and the steady-state median per input, in ms and MB/s, in the same table as the Node bench.
//
//   bash scripts/build-wasm.sh && node bench/wasm-chromium.mjs
//   CHROMIUM_PATH=/path/to/chrome node bench/wasm-chromium.mjs      (default /usr/bin/chromium)
//
// Timer: performance.now() of a page that is not cross-origin isolated is coarsened to 0.1 ms,
// fine for medians of ≥ 1 ms.
import { statSync } from 'node:fs';
import path from 'node:path';
import { chromium } from 'playwright-core';
import { serve } from '../scripts/serve.mjs';
import { ROOT, benchInputs, printTable } from './inputs.mjs';

const CHROMIUM = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
const WASM = path.join(ROOT, 'www/pkg/baocao_bg.wasm');

const { rows } = benchInputs();
const srv = await serve({ root: ROOT, port: 0 });
const browser = await chromium.launch({
  executablePath: CHROMIUM,
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update',
    '--disable-sync', '--no-first-run', '--disable-quic'],
});
try {
  const page = await browser.newPage(); // a fresh context: nothing cached, no compiled-module cache
  page.setDefaultTimeout(600_000);
  const errors = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto(new URL('bench/chromium.html', srv.url).href);
  await page.waitForFunction(() => window.benchReady === true);
  const { initMs, version } = await page.evaluate(() => window.benchInit());
  await page.evaluate((b64s) => window.benchSetInputs(b64s), rows.map(([, b]) => Buffer.from(b).toString('base64')));
  const firstMs = await page.evaluate(() => window.benchFirst(0)); // seed 000
  const results = [];
  for (let i = 0; i < rows.length; i++) {
    const { median } = await page.evaluate((k) => window.benchSteady(k), i);
    results.push([rows[i][0], rows[i][1].length, median]);
  }
  if (errors.length) throw new Error(`page errors: ${errors.join('; ')}`);
  console.log(`chromium ${browser.version()} (headless), baocao ${version}, wasm ${statSync(WASM).size} bytes`);
  console.log(`init (fetch + compile + instantiate): ${initMs.toFixed(1)} ms; first parse of seed 000: ${firstMs.toFixed(1)} ms`);
  printTable(results);
} finally {
  await browser.close();
  await srv.close();
}
