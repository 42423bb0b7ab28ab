// The npm package (scripts/build-npm.sh → target/npm/baocao) used in a browser the two ways a
// portal engineer would: as it is, from a plain <script type="module"> with a module Web Worker;
// and through a bundler (Vite), main thread and a bundled worker. The worker is the package
// README's example as written. Each app is served under the strict Content-Security-Policy and
// run in Chromium; its reports must equal the Node build's, and no request may leave its server.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium } from 'playwright-core';
import { build } from 'vite';

import { serve } from '../../scripts/serve.mjs';
import { REPO, LAUNCH, requirePrerequisites, seedPath, openPage } from './helpers.mjs';

const T = { timeout: 120_000 };
const NPM = path.join(REPO, 'target/npm/baocao');
const SEED = '004_af1806dc496f95cd.txt'; // Báo cáo, docx text with footnotes

let browser;
let expected; // what the Node build of the same package reports for the seed

/** The consumer's app: parses the seed on the main thread and in a module worker. */
function writeApp(dir, specifier) {
  fs.writeFileSync(
    path.join(dir, 'index.html'),
    '<!doctype html><html lang="vi"><head><meta charset="utf-8"><title>consumer</title></head>\n' +
      '<body><pre id="out">…</pre><script type="module" src="./main.js"></script></body></html>\n',
  );
  fs.writeFileSync(
    path.join(dir, 'main.js'),
    `import init, { parse, version } from '${specifier}';
import seedUrl from './seed.js';
const summary = (r) => ({ type: r.metadata.docType?.name ?? null, number: r.metadata.number?.value ?? null,
  outline: r.outline.length, figures: r.figures.length, citations: r.citations.length,
  points: r.summary.keyPoints.map((k) => k.text) });
try {
  const bytes = new Uint8Array(await (await fetch(seedUrl)).arrayBuffer());
  await init();
  const main = summary(parse(bytes));
  const worker = new Worker(new URL('./worker.js', import.meta.url), { type: 'module' });
  const inWorker = await new Promise((resolve, reject) => {
    worker.onmessage = (e) => (e.data.error ? reject(new Error(e.data.code + ' ' + e.data.error)) : resolve(summary(e.data.report)));
    worker.onerror = (e) => reject(new Error('worker: ' + e.message));
    worker.postMessage(bytes);
  });
  worker.terminate();
  window.__result = { version: version(), main, inWorker };
} catch (e) {
  window.__result = { error: String(e && e.stack || e) };
}
document.getElementById('out').textContent = JSON.stringify(window.__result);
`,
  );
  // The worker is the package README's example, as written (its import adjusted to the specifier).
  const readme = fs.readFileSync(path.join(NPM, 'README.md'), 'utf8');
  const worker = /```js\n(\/\/ worker\.js[\s\S]*?)```/.exec(readme)?.[1];
  assert.ok(worker, 'the package README has a worker example');
  fs.writeFileSync(path.join(dir, 'worker.js'), worker.replace("from 'baocao'", `from '${specifier}'`));
  // No 404 for the browser's favicon request (Vite copies public/ into the build).
  fs.mkdirSync(path.join(dir, 'public'));
  for (const f of ['favicon.ico', 'public/favicon.ico']) fs.writeFileSync(path.join(dir, f), '');
  // The seed travels as a static asset next to the app (a URL the bundler also rewrites).
  fs.copyFileSync(seedPath(SEED), path.join(dir, 'seed.txt'));
  fs.writeFileSync(path.join(dir, 'seed.js'), "export default new URL('./seed.txt', import.meta.url).href;\n");
}

/** A temp consumer project whose node_modules/baocao is a copy of the built package. */
function consumer() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'baocao-consumer-'));
  fs.cpSync(NPM, path.join(dir, 'node_modules', 'baocao'), { recursive: true });
  return dir;
}

/** Serves root under the strict CSP, runs the app, returns its result and every request made. */
async function runApp(root) {
  const server = await serve({ root, port: 0, csp: true });
  const { context, page, errors } = await openPage(browser);
  const requests = [];
  page.on('request', (r) => requests.push(r.url()));
  try {
    await page.goto(server.url);
    await page.waitForFunction(() => window.__result !== undefined, null, { timeout: 60_000 });
    const result = await page.evaluate(() => window.__result);
    const csp = await page.evaluate(() => window.__cspViolations);
    return { result, requests, errors, csp, origin: new URL(server.url).origin };
  } finally {
    await context.close();
    await server.close();
  }
}

function assertLikeNode({ result, requests, errors, csp, origin }) {
  assert.equal(result.error, undefined, result.error);
  assert.deepEqual(errors, []);
  assert.deepEqual(csp, [], 'no Content-Security-Policy violation');
  assert.equal(result.version, expected.version);
  assert.deepEqual(result.main, expected.summary, 'main thread = Node build');
  assert.deepEqual(result.inWorker, expected.summary, 'Web Worker = Node build');
  const foreign = requests.filter((u) => new URL(u).origin !== origin);
  assert.deepEqual(foreign, [], 'no request leaves the app');
  assert.ok(requests.some((u) => u.endsWith('.wasm')), `the wasm was fetched: ${requests.join(', ')}`);
}

before(async () => {
  requirePrerequisites();
  const r = spawnSync('bash', [path.join(REPO, 'scripts/build-npm.sh')], { cwd: REPO, encoding: 'utf8' });
  assert.equal(r.status, 0, `build-npm.sh failed:\n${r.stdout}\n${r.stderr}`);
  const mod = await import(pathToFileURL(path.join(NPM, 'node/index.mjs')).href);
  const report = mod.parse(fs.readFileSync(seedPath(SEED)));
  expected = {
    version: mod.version(),
    summary: {
      type: report.metadata.docType?.name ?? null,
      number: report.metadata.number?.value ?? null,
      outline: report.outline.length,
      figures: report.figures.length,
      citations: report.citations.length,
      points: report.summary.keyPoints.map((k) => k.text),
    },
  };
  assert.equal(expected.summary.type, 'Báo cáo');
  assert.ok(expected.summary.figures > 100 && expected.summary.points.length >= 5, JSON.stringify(expected.summary));
  browser = await chromium.launch(LAUNCH);
});

after(async () => {
  await browser?.close();
});

test('the package as published, from a plain <script type="module"> and a module Web Worker, under the strict CSP', T, async () => {
  const dir = consumer();
  try {
    writeApp(dir, './node_modules/baocao/web/baocao.js');
    assertLikeNode(await runApp(dir));
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

test('the package through a bundler: Vite builds an app importing "baocao" (main thread + bundled worker)', T, async () => {
  const dir = consumer();
  try {
    writeApp(dir, 'baocao');
    const out = path.join(dir, 'dist');
    await build({ root: dir, logLevel: 'silent', configFile: false, build: { outDir: out, emptyOutDir: true }, worker: { format: 'es' } });
    const assets = fs.readdirSync(path.join(out, 'assets'));
    assert.ok(assets.some((f) => /^baocao_bg-.*\.wasm$/.test(f)), `the bundler emitted the wasm: ${assets.join(', ')}`);
    assert.ok(assets.some((f) => /^worker-.*\.js$/.test(f)), `the bundler emitted the worker: ${assets.join(', ')}`);
    // The bundle is self-contained: the package itself is not served next to it.
    assertLikeNode(await runApp(out));
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
