// Page benchmark in headless Chromium: the real page (www/, served on localhost by
// scripts/serve.mjs), measured against the page budget — "interactive in < 1 s on localhost; a
// 100 KB report parsed and rendered in < 200 ms". It reads the page's own User Timing marks
// (www/main.js: baocao:interactive, baocao:parser-ready, baocao:doc-added, baocao:doc-rendered,
// baocao:doc-complete)
// and, for "rendered", waits for the frame after the render to be painted (rAF, then a task).
//
// Per run: a fresh browser context (nothing cached) loads the page → navigation timings; then each
// input is picked through the page's file input, once cold (the worker's first parse compiles the
// regexes, mostly paid by the worker's warm-up parse and its idle tier-up rounds, which the bench lets finish first, as an
// official choosing a file would) and WARM more times → "file picked → report painted"; then a reload in the same context
// (scripts/serve.mjs sends no-store: a fresh compile, see BENCHMARKS.md) → the repeat-visit timings, and the first document picked after it. Medians over RUNS runs.
//
//   bash scripts/build-wasm.sh && node bench/page-chromium.mjs
//   RUNS=7 WARM=5 CHROMIUM_PATH=/usr/bin/chromium node bench/page-chromium.mjs
//   BAOCAO_WWW=/tmp/other-www node bench/page-chromium.mjs      (another copy of the page)
//
// The page's timer is coarsened to 0.1 ms (not cross-origin isolated): fine for these sizes.
import { chromium } from 'playwright-core';
import { serve } from '../scripts/serve.mjs';
import { ROOT, benchInputs, median } from './inputs.mjs';
import path from 'node:path';

const CHROMIUM = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
const RUNS = Number(process.env.RUNS || 7);
const WARM = Number(process.env.WARM || 5);

const { rows } = benchInputs();
const inputs = rows.filter(([label]) => label === 'first 100 KB of concat' || label === 'seed 001');

// Runs in the page before its scripts: records when the frame after each render was painted.
function recordPaints() {
  window.__painted = {};
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) {
      if (e.name !== 'baocao:doc-rendered') continue;
      const id = e.detail?.id;
      requestAnimationFrame(() => setTimeout(() => { window.__painted[id] = performance.now(); }, 0));
    }
  }).observe({ type: 'mark', buffered: true });
}

async function navTimings(page) {
  await page.waitForFunction(() => performance.getEntriesByName('baocao:parser-warm').length > 0, null, { timeout: 60_000 });
  // Then the idle rounds that get the wasm optimised (a page without them — an older copy in
  // BAOCAO_WWW — has no such mark: after 5 s the bench goes on).
  await page.waitForFunction(() => performance.getEntriesByName('baocao:parser-tiered').length > 0, null, { timeout: 5_000 }).catch(() => {});
  return page.evaluate(() => {
    const at = (n) => performance.getEntriesByName(n)[0]?.startTime ?? NaN;
    const nav = performance.getEntriesByType('navigation')[0];
    return { dcl: nav.domContentLoadedEventEnd, interactive: at('baocao:interactive'), parserReady: at('baocao:parser-ready'),
      parserWarm: at('baocao:parser-warm'), parserTiered: at('baocao:parser-tiered') };
  });
}

// A page that builds its panels below the screen after the first paint marks
// baocao:doc-complete when all are built; an older copy (BAOCAO_WWW) has no such mark.
let hasComplete = true;

/**
 * Picks one file through the page's file input; returns ms from "added" to "rendered" /
 * "painted" / "complete" (all panels built; the next pick starts from a quiet page).
 */
async function pick(page, name, bytes) {
  const before = await page.evaluate(() => performance.getEntriesByName('baocao:doc-added').length);
  await page.setInputFiles('#file', { name, mimeType: 'text/plain', buffer: Buffer.from(bytes) });
  await page.waitForFunction((n) => {
    const added = performance.getEntriesByName('baocao:doc-added');
    return added.length > n && window.__painted[added[n].detail.id] !== undefined;
  }, before, { timeout: 60_000 });
  if (hasComplete) {
    await page.waitForFunction((n) => {
      const id = performance.getEntriesByName('baocao:doc-added')[n].detail.id;
      return performance.getEntriesByName('baocao:doc-complete').some((e) => e.detail.id === id);
    }, before, { timeout: 5_000 }).catch(() => { hasComplete = false; });
  }
  return page.evaluate((n) => {
    const added = performance.getEntriesByName('baocao:doc-added')[n];
    const id = added.detail.id;
    const rendered = performance.getEntriesByName('baocao:doc-rendered').find((e) => e.detail.id === id);
    const complete = performance.getEntriesByName('baocao:doc-complete').find((e) => e.detail.id === id);
    const d = globalThis.baocao.docs().find((x) => x.id === id);
    return { status: d?.status, parse: d?.ms, rendered: rendered.startTime - added.startTime, painted: window.__painted[id] - added.startTime,
      complete: complete ? complete.startTime - added.startTime : NaN };
  }, before);
}

const srv = await serve({ root: process.env.BAOCAO_WWW || path.join(ROOT, 'www'), port: 0 });
const browser = await chromium.launch({
  executablePath: CHROMIUM,
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update',
    '--disable-sync', '--no-first-run', '--disable-quic'],
});
const cold = { dcl: [], interactive: [], parserReady: [], parserWarm: [], parserTiered: [] };
const reload = { dcl: [], interactive: [], parserReady: [], parserWarm: [], parserTiered: [] };
const doc = Object.fromEntries(inputs.map(([label]) => [label, { first: [], firstRendered: [], firstParse: [], firstComplete: [], warm: [], warmRendered: [], warmComplete: [], parse: [] }]));
// The first document after a reload (no-store: the module is compiled afresh).
const afterReload = { painted: [], rendered: [], parse: [] };
try {
  for (let run = 0; run < RUNS; run++) {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, serviceWorkers: 'block' });
    try {
      await context.addInitScript(recordPaints);
      const page = await context.newPage();
      const errors = [];
      page.on('pageerror', (e) => errors.push(e.message));
      await page.goto(srv.url);
      const t = await navTimings(page);
      for (const k of Object.keys(cold)) cold[k].push(t[k]);
      for (const [label, bytes] of inputs) {
        const first = await pick(page, `${label}.txt`, bytes);
        if (first.status !== 'done') throw new Error(`${label}: status ${first.status}`);
        if (label === inputs[0][0]) { // only the very first document of the page pays the cold parse
          doc[label].first.push(first.painted);
          doc[label].firstRendered.push(first.rendered);
          doc[label].firstParse.push(first.parse);
          doc[label].firstComplete.push(first.complete);
        }
        for (let i = 0; i < WARM; i++) {
          const w = await pick(page, `${label}-${i}.txt`, bytes);
          doc[label].warm.push(w.painted);
          doc[label].warmRendered.push(w.rendered);
          doc[label].warmComplete.push(w.complete);
          doc[label].parse.push(w.parse);
        }
      }
      await page.reload();
      const r = await navTimings(page);
      for (const k of Object.keys(reload)) reload[k].push(r[k]);
      const [label0, bytes0] = inputs[0];
      const again = await pick(page, `${label0}-reload.txt`, bytes0);
      afterReload.painted.push(again.painted);
      afterReload.rendered.push(again.rendered);
      afterReload.parse.push(again.parse);
      if (errors.length) throw new Error(`page errors: ${errors.join('; ')}`);
    } finally {
      await context.close();
    }
  }
  const ms = (xs) => `${median(xs).toFixed(1)} ms`;
  const range = (xs) => `${Math.min(...xs).toFixed(0)}–${Math.max(...xs).toFixed(0)}`;
  console.log(`chromium ${browser.version()} (headless), ${RUNS} runs (fresh context each), ${WARM} warm picks per input; medians (min–max)`);
  console.log('| page load | first visit | reload (cached) |');
  console.log('|---|---:|---:|');
  console.log(`| DOMContentLoaded | ${ms(cold.dcl)} (${range(cold.dcl)}) | ${ms(reload.dcl)} (${range(reload.dcl)}) |`);
  console.log(`| interactive (baocao:interactive) | ${ms(cold.interactive)} (${range(cold.interactive)}) | ${ms(reload.interactive)} (${range(reload.interactive)}) |`);
  console.log(`| parser ready (worker wasm compiled) | ${ms(cold.parserReady)} (${range(cold.parserReady)}) | ${ms(reload.parserReady)} (${range(reload.parserReady)}) |`);
  console.log(`| parser warm (warm-up parse done) | ${ms(cold.parserWarm)} (${range(cold.parserWarm)}) | ${ms(reload.parserWarm)} (${range(reload.parserWarm)}) |`);
  if (cold.parserTiered.every(Number.isFinite)) console.log(`| parser tiered (idle optimising rounds done) | ${ms(cold.parserTiered)} (${range(cold.parserTiered)}) | ${ms(reload.parserTiered)} (${range(reload.parserTiered)}) |`);
  console.log('');
  console.log('| file picked → report painted | bytes | first document of the page | warm | of which parse in the worker |');
  console.log('|---|---:|---:|---:|---:|');
  // "complete": all panels built (baocao:doc-complete), for a page that builds some after the paint.
  const complete = (xs) => (xs.length && xs.every(Number.isFinite) ? `; complete ${ms(xs)}` : '');
  for (const [label, bytes] of inputs) {
    const d = doc[label];
    const first = d.first.length ? `${ms(d.first)} (${range(d.first)}; rendered ${ms(d.firstRendered)}; parse ${ms(d.firstParse)}${complete(d.firstComplete)})` : '–';
    console.log(`| ${label} | ${bytes.length} | ${first} | ${ms(d.warm)} (${range(d.warm)}; rendered ${ms(d.warmRendered)}${complete(d.warmComplete)}) | ${ms(d.parse)} |`);
  }
  console.log('');
  console.log(`first document after a reload (${inputs[0][0]}): painted ${ms(afterReload.painted)} (${range(afterReload.painted)}; rendered ${ms(afterReload.rendered)}; parse ${ms(afterReload.parse)})`);
} finally {
  await browser.close();
  await srv.close();
}
