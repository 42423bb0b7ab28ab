// End-to-end tests of the baocao web page: node --test + playwright-core + /usr/bin/chromium.
//
//   bash scripts/build-wasm.sh && node --test tests/e2e/
//
// One browser for the whole file, one context per test; every test starts its own page and
// does not depend on the others. The wasm module must already be built into www/pkg/.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import http from 'node:http';
import { pathToFileURL } from 'node:url';

import { serve, CSP } from '../../scripts/serve.mjs';
import { buildSingle } from '../../scripts/build-single.mjs';
import {
  WWW,
  DIST_HTML,
  SCREENSHOTS,
  launchShared,
  closeShared,
  seedText,
  seedBytes,
  openPage,
  withPage,
  waitSettled,
  pasteAndParse,
  docStatuses,
  downloadReport,
  copyWww,
  revealPanel,
  renderAllPanels,
  panelText,
} from './helpers.mjs';

const T = { timeout: 30_000 };
const SEED_002 = '002_62609cbce7f33bda.txt'; // OCR text, 7763/BC-UBND
const SEED_003 = '003_7bc67e6dd45e28e8.txt'; // Tờ trình
const SEED_004 = '004_af1806dc496f95cd.txt'; // Báo cáo, docx text with footnotes

let browser;
let server; // plain server shared by tests that need nothing special

before(async () => {
  ({ browser, server } = await launchShared());
});

after(() => closeShared({ browser, server }));

/** Texts of the panels of the selected report. */
async function panelTexts(page) {
  return page.evaluate(() => {
    const out = {};
    for (const id of ['summary', 'metadata', 'outline', 'figures', 'citations', 'footnotes', 'diagnostics', 'text', 'source']) {
      const el = document.getElementById(id);
      out[id] = el ? el.textContent : null;
    }
    return out;
  });
}

// ---------------------------------------------------------------------------------------------
// a. paste → report rendered and consistent with the report object

test('a. pasted seed 004 is parsed in the worker and every panel renders the report', T, async () => {
  await withPage(browser, async ({ context, page, errors }) => {
    await page.goto(server.url);
    assert.equal(await page.evaluate(() => document.body.dataset.state), 'idle');
    await pasteAndParse(page, seedText(SEED_004));

    const [doc] = await docStatuses(page);
    assert.equal(doc.status, 'done', `document status: ${doc.text}`);
    assert.match(doc.text, /Xong/);
    assert.ok(page.workers().length >= 1, 'the parser must run in a Web Worker');

    const panels = await panelTexts(page);
    assert.match(panels.metadata, /Báo cáo/, '#metadata shows the document type');
    for (const id of ['summary', 'metadata', 'outline', 'figures', 'citations', 'footnotes', 'diagnostics', 'text']) {
      await revealPanel(page, `#${id}`);
      assert.ok(await page.locator(`#${id}`).isVisible(), `#${id} is visible`);
      assert.ok(await page.locator(`#${id} h2`).isVisible(), `#${id} has a heading`);
      const body = (await page.locator(`#${id} .panel-body`).innerText()).trim();
      assert.ok(body.length > 0, `#${id} has content (data or an empty-state message)`);
      assert.doesNotMatch(body, /Không hiển thị được phần này/, `#${id} rendered without error`);
    }
    assert.match(panels.source, /Định dạng/);
    assert.match(panels.source, /Mã hoá/);

    // The page and the downloaded JSON tell the same story.
    const { report } = await downloadReport(page);
    assert.equal(report.schemaVersion, 1);
    assert.equal(report.metadata.docType?.name, 'Báo cáo');
    assert.equal(report.source.format, 'text');
    assert.ok(panels.source.toLowerCase().includes(report.source.encoding), 'encoding shown');
    assert.ok(panels.source.includes(`${new Intl.NumberFormat('vi-VN').format(report.source.bytes)} byte`), 'bytes shown');
    assert.equal(typeof report.text, 'string', 'the page asks for text: true');
    assert.equal(await page.locator('#text pre').textContent(), report.text, 'the text panel shows report.text');
    if (report.metadata.subject) assert.ok(panels.metadata.includes(report.metadata.subject), 'subject shown');
    if (report.metadata.numberSymbol) assert.ok(panels.metadata.includes(report.metadata.numberSymbol), 'numberSymbol shown');
    if (report.metadata.period?.label) assert.ok(panels.metadata.includes(report.metadata.period.label), 'period shown');
    if (report.summary?.headline) assert.ok(panels.summary.includes(report.summary.headline), 'headline shown');

    const countSections = (list) => list.reduce((n, s) => n + 1 + countSections(s.children || []), 0);
    assert.equal(await page.locator('#outline .outline-item').count(), countSections(report.outline));
    for (const s of report.outline) assert.ok(panels.outline.includes(s.title), `outline shows "${s.title}"`);
    assert.equal(await page.locator('#figures tbody tr').count(), report.figures.length);
    assert.equal(await page.locator('#citations tbody tr').count(), report.citations.length);
    assert.equal(await page.locator('#footnotes li.footnote').count(), report.footnotes.length);
    assert.equal(await page.locator('#diagnostics li.diag').count(), report.diagnostics.length);
    if (!report.figures.length) assert.match(panels.figures, /Chưa tìm thấy/);
    if (!report.citations.length) assert.match(panels.citations, /Chưa tìm thấy/);

    // A "¶" button shows exactly report.text.slice(span.start, span.end).
    const first = report.outline[0] ?? null;
    if (first?.span) {
      await page.locator('#outline .span-link').first().click();
      const marked = await page.locator('#text mark').textContent();
      assert.equal(marked, report.text.slice(first.span.start, first.span.end) || '\u200b');
    }
    assert.deepEqual(errors, []);
  });
});

// ---------------------------------------------------------------------------------------------
// b. file picker

test('b. a file chosen with the file input (seed 002) renders 7763/BC-UBND in #metadata', T, async () => {
  await withPage(browser, async ({ context, page, errors }) => {
    await page.goto(server.url);
    assert.equal(await page.locator('label[for="file"]').count(), 1, 'the file input has a label');
    await page.setInputFiles('#file', { name: SEED_002, mimeType: 'text/plain', buffer: seedBytes(SEED_002) });
    await waitSettled(page, 1);
    const [doc] = await docStatuses(page);
    assert.equal(doc.status, 'done', `document status: ${doc.text}`);
    assert.equal(doc.name, SEED_002);
    const meta = await panelText(page, '#metadata');
    assert.ok(meta.includes('7763/BC-UBND'), `#metadata should show 7763/BC-UBND, got:\n${meta}`);
    assert.match(await page.locator('#source').innerText(), /35\.450 byte/, 'source bytes shown (vi-VN grouping)');
    assert.deepEqual(errors, []);
  });
});

test('b2. real containers through the page: a PDF and a legacy TCVN3 .rtf are read in the worker', T, async () => {
  const { context, page, errors } = await openPage(browser);
  const fixtures = new URL('../fixtures/', import.meta.url);
  const legacy = new URL('../../../shared/corpus/legacy/corpus/public-domain/tcvn3/', import.meta.url);
  try {
    await page.goto(server.url);
    await page.setInputFiles('#file', [
      { name: 'report.pdf', mimeType: 'application/pdf', buffer: fs.readFileSync(new URL('pdf/report.pdf', fixtures)) },
      { name: '2003-A30.rtf', mimeType: 'application/rtf', buffer: fs.readFileSync(new URL('2003-A30.rtf', legacy)) },
    ]);
    await waitSettled(page, 2);
    const docs = await docStatuses(page);
    assert.deepEqual(docs.map((d) => d.status), ['done', 'done'], JSON.stringify(docs));
    await page.locator('#docs li').nth(0).click();
    assert.ok((await panelText(page, '#metadata')).includes('125/BC-SKHĐT'), 'PDF metadata shown');
    await page.locator('#docs li').nth(1).click();
    const meta = await panelText(page, '#metadata');
    // TCVN3 (.VnTime) text decoded to Unicode in the browser: the number and the place.
    assert.ok(meta.includes('117/2000/TT-BTC') && meta.includes('Hà nội'), meta);
    assert.deepEqual(errors, []);
  } finally {
    await context.close();
  }
});

// ---------------------------------------------------------------------------------------------
// c. drag and drop of two files, one unreadable

test('c. dropping a valid seed and a binary file: one done, one error with a reason, page still usable', T, async () => {
  await withPage(browser, async ({ context, page, errors }) => {
    await page.goto(server.url);
    const bad = Array.from({ length: 8 * 256 }, (_, i) => i % 256);
    const dt = await page.evaluateHandle(
      ({ text, name, bad }) => {
        const d = new DataTransfer();
        d.items.add(new File([text], name, { type: 'text/plain' }));
        d.items.add(new File([new Uint8Array(bad)], 'bad.bin', { type: 'application/octet-stream' }));
        return d;
      },
      { text: seedText(SEED_003), name: SEED_003, bad },
    );
    await page.dispatchEvent('#drop', 'dragenter', { dataTransfer: dt });
    await page.dispatchEvent('#drop', 'dragover', { dataTransfer: dt });
    await page.dispatchEvent('#drop', 'drop', { dataTransfer: dt });
    await waitSettled(page, 2);

    const docs = await docStatuses(page);
    assert.deepEqual(docs.map((d) => d.name), [SEED_003, 'bad.bin']);
    assert.equal(docs[0].status, 'done', `seed: ${docs[0].text}`);
    assert.equal(docs[1].status, 'error', `bad.bin: ${docs[1].text}`);
    assert.match(docs[1].text, /Lỗi/);
    assert.ok(docs[1].reason.trim().length > 5, `bad.bin shows a reason, got "${docs[1].reason}"`);

    // Selecting the failed document shows the error card with the code.
    await page.click('#docs li[data-status="error"] .doc-select');
    assert.ok(await page.locator('#doc-error').isVisible());
    assert.match(await page.locator('#error-code').innerText(), /^[A-Z_]+$/);
    // Selecting the good one shows its report (Tờ trình).
    await page.click('#docs li[data-status="done"] .doc-select');
    assert.ok(await page.locator('#report-view').isVisible());
    assert.match(await panelText(page, '#metadata'), /Tờ trình/);

    // Still usable: a third document goes through.
    await pasteAndParse(page, seedText(SEED_004), 3);
    const after = await docStatuses(page);
    assert.equal(after[2].status, 'done', `third: ${after[2].text}`);
    assert.ok(await page.locator('#report-view').isVisible());
    assert.deepEqual(errors, []);
  });
});

// ---------------------------------------------------------------------------------------------
// d. JSON download

test('d. "Tải JSON" downloads <name>.json with schemaVersion 1 and the metadata shown', T, async () => {
  await withPage(browser, async ({ context, page, errors }) => {
    await page.goto(server.url);
    await page.setInputFiles('#file', { name: SEED_002, mimeType: 'text/plain', buffer: seedBytes(SEED_002) });
    await waitSettled(page, 1);
    const { name, report } = await downloadReport(page);
    assert.equal(name, SEED_002.replace(/\.txt$/, '.json'));
    assert.equal(report.schemaVersion, 1);
    assert.equal(report.metadata.numberSymbol, '7763/BC-UBND');
    assert.equal(report.source.name, SEED_002);
    assert.equal(report.source.bytes, seedBytes(SEED_002).length);
    for (const key of ['source', 'metadata', 'outline', 'figures', 'citations', 'footnotes', 'summary', 'diagnostics', 'text']) {
      assert.ok(key in report, `report has "${key}"`);
    }
    assert.ok((await panelText(page, '#metadata')).includes(report.metadata.numberSymbol));
    assert.deepEqual(errors, []);
  });
});

test('d2. exports: Markdown brief and CSV tables download, parse back and match the report', T, async () => {
  await withPage(browser, async ({ context, page, errors }) => {
    await page.goto(server.url);
    await page.setInputFiles('#file', { name: SEED_002, mimeType: 'text/plain', buffer: seedBytes(SEED_002) });
    await waitSettled(page, 1);
    const { report } = await downloadReport(page);
    assert.ok(!('exports' in report), 'the JSON download is the Report without the exports');
    const grab = async (kind) => {
      const [d] = await Promise.all([page.waitForEvent('download'), page.click(`[data-export="${kind}"]`)]);
      return { name: d.suggestedFilename(), text: fs.readFileSync(await d.path(), 'utf8') };
    };
    const md = await grab('md');
    assert.equal(md.name, SEED_002.replace(/\.txt$/, '.md'));
    assert.ok(md.text.startsWith(`# ${report.summary.headline.replace(/[|*_`[\]<>#\\]/g, (c) => `\\${c}`)}`), md.text.slice(0, 200));
    for (const k of report.summary.keyPoints) assert.ok(md.text.includes(k.text.slice(0, 20)), 'each key point is in the brief');
    const figures = await grab('csv-figures');
    assert.ok(figures.text.startsWith('\uFEFFfile,section,what,value,unit'), 'BOM + header');
    assert.equal(figures.text.split('\r\n').filter(Boolean).length - 1, report.figures.length);
    const citations = await grab('csv-citations');
    assert.ok(citations.text.startsWith('\uFEFFfile,type,numberSymbol'));
    assert.equal(citations.text.split('\r\n').filter(Boolean).length - 1, report.citations.length);
    assert.deepEqual(errors, []);
  });
});

test('d3. comparing two reports: the same report twice aligns every indicator, with a CSV', T, async () => {
  await withPage(browser, async ({ context, page, errors }) => {
    await page.goto(server.url);
    const bytes = seedBytes(SEED_004);
    await page.setInputFiles('#file', [
      { name: 'quy-3-a.txt', mimeType: 'text/plain', buffer: bytes },
      { name: 'quy-3-b.txt', mimeType: 'text/plain', buffer: bytes },
    ]);
    await waitSettled(page, 2);
    const { report } = await downloadReport(page);
    await page.click('#compare-docs');
    await page.waitForSelector('#compare-body table');
    const rows = await page.locator('#compare-body tbody tr').count();
    const withWhat = new Set(report.figures.filter((f) => f.what).map((f) => `${f.what}|${f.unit}`)).size;
    assert.ok(rows > 0 && rows <= withWhat, `rows ${rows}, figures with what ${withWhat}`);
    const head = await page.locator('#compare-body thead').textContent();
    assert.ok(head.includes('quy-3-a.txt') && head.includes('quy-3-b.txt'), head);
    assert.equal(await page.locator('#compare-body td.missing').count(), 0, 'nothing missing between identical reports');
    assert.equal(await page.locator('#compare-body .change').count(), 0, 'no change between identical reports');
    assert.match(await page.locator('#compare-status').innerText(), new RegExp(`^${rows} chỉ tiêu, ${rows} chỉ tiêu có trong mọi văn bản`));
    const [d] = await Promise.all([page.waitForEvent('download'), page.click('#compare-csv')]);
    const csv = fs.readFileSync(await d.path(), 'utf8');
    assert.ok(csv.startsWith('\uFEFFwhat,unit,quy-3-a.txt,quy-3-b.txt,'), csv.slice(0, 80));
    assert.equal(csv.split('\r\n').filter(Boolean).length - 1, rows);
    await page.click('#compare-close');
    assert.ok(await page.locator('#compare-view').isHidden());
    assert.deepEqual(errors, []);
  });
});

// ---------------------------------------------------------------------------------------------
// e. XSS

test('e. markup in the input is shown as text, never executed', T, async () => {
  const srv = await serve({ root: WWW, port: 0 });
  const { context, page, errors } = await openPage(browser);
  try {
    await page.goto(srv.url);
    const evil = [
      'BÁO CÁO <b>x</b>',
      'Tình hình <script>window.__xss=1</script> quý III/2023',
      '<img src=x onerror="window.__xss=1">',
      'I. KẾT QUẢ ĐẠT ĐƯỢC <img src=x onerror="window.__xss=2">',
      '1. Tổng kinh phí 86,27 tỷ đồng <svg onload="window.__xss=3">',
      'Nơi nhận:',
      '- <iframe src="javascript:window.__xss=4">;',
    ].join('\n');
    await pasteAndParse(page, evil);
    await page.waitForTimeout(300); // give any injected handler a chance to run
    assert.equal(await page.evaluate(() => window.__xss), undefined);
    assert.equal(await page.locator('#report img, #report script, #report iframe, #report b, #docs img').count(), 0);
    assert.equal(await page.locator('#report svg[onload]').count(), 0);
    const text = await page.locator('#text pre').textContent();
    assert.ok(text.includes('<script>window.__xss=1</script>'), 'raw <script> shown as text');
    assert.ok(text.includes('<img src=x onerror="window.__xss=1">'), 'raw <img> shown as text');
    assert.ok(text.includes('BÁO CÁO <b>x</b>'), 'raw <b> shown as text');
    assert.ok(!srv.requests.some((r) => r.url === '/x'), 'no <img src=x> was loaded');
    assert.deepEqual(errors, []);
  } finally {
    await context.close();
    await srv.close();
  }
});

// ---------------------------------------------------------------------------------------------
// f. strict CSP

test('f. under the strict CSP header the page parses, downloads, and reports no violation', T, async () => {
  const srv = await serve({ root: WWW, port: 0, csp: true });
  const { context, page, errors, consoleMessages } = await openPage(browser);
  try {
    const resp = await page.goto(srv.url);
    assert.equal(resp.headers()['content-security-policy'], CSP);
    await pasteAndParse(page, seedText(SEED_004));
    const [doc] = await docStatuses(page);
    assert.equal(doc.status, 'done', `document status: ${doc.text}`);
    assert.match(await panelText(page, '#metadata'), /Báo cáo/);
    const { report } = await downloadReport(page);
    assert.equal(report.schemaVersion, 1);
    assert.deepEqual(await page.evaluate(() => window.__cspViolations), []);
    const csp = consoleMessages.filter((m) => /Content Security Policy|Refused to/i.test(m));
    assert.deepEqual(csp, []);
    assert.deepEqual(errors, []);
  } finally {
    await context.close();
    await srv.close();
  }
});

// ---------------------------------------------------------------------------------------------
// g. single-file build from file://

function singleFileIsStale() {
  if (!fs.existsSync(DIST_HTML)) return true;
  const built = fs.statSync(DIST_HTML).mtimeMs;
  const inputs = ['index.html', 'style.css', 'main.js', 'render.js', 'i18n.js', 'worker.js', 'favicon.svg', 'pkg/baocao.js', 'pkg/baocao_bg.wasm'];
  return inputs.some((f) => fs.statSync(path.join(WWW, f)).mtimeMs > built);
}

test('g. dist/baocao.html works from file:// (inline glue + base64 wasm, worker from a Blob URL)', T, async () => {
  if (singleFileIsStale()) buildSingle({ www: WWW, out: DIST_HTML });
  const html = fs.readFileSync(DIST_HTML, 'utf8');
  assert.ok(!/<script[^>]+src=/i.test(html), 'no external scripts');
  assert.ok(!/<link[^>]+rel="stylesheet"/i.test(html), 'no external stylesheet');
  const { context, page, errors } = await openPage(browser);
  const requests = [];
  context.on('request', (r) => requests.push(r.url()));
  try {
    await page.goto(pathToFileURL(DIST_HTML).href);
    await pasteAndParse(page, seedText(SEED_004));
    const [doc] = await docStatuses(page);
    assert.equal(doc.status, 'done', `document status: ${doc.text}`);
    await revealPanel(page, '#metadata');
    assert.match(await panelText(page, '#metadata'), /Báo cáo/);
    await revealPanel(page, '#outline');
    assert.ok(await page.locator('#outline .panel-body').innerText());
    assert.ok(page.workers().length >= 1, 'the parser runs in a worker in the single file too');
    assert.ok((await page.locator('#version').innerText()).startsWith('v'), 'worker reported its version');
    const { report } = await downloadReport(page);
    assert.equal(report.schemaVersion, 1);
    const foreign = requests.filter((u) => !/^(file|data|blob):/.test(u));
    assert.deepEqual(foreign, [], 'the single file loads nothing over the network');
    assert.deepEqual(await page.evaluate(() => window.__cspViolations), []);
    assert.deepEqual(errors, []);
  } finally {
    await context.close();
  }
});

// ---------------------------------------------------------------------------------------------
// h. nothing leaves the page

test('h. every request goes to the local server (browser view, route guard and server log)', T, async () => {
  const log = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'baocao-log-')), 'requests.log');
  const srv = await serve({ root: WWW, port: 0, log });
  const base = srv.url; // http://127.0.0.1:PORT/
  const { context, page, errors } = await openPage(browser);
  const seen = [];
  let aborted = 0;
  context.on('request', (r) => seen.push(r.url()));
  await context.route('**/*', (route) => {
    if (route.request().url().startsWith(base)) return route.continue();
    aborted += 1;
    return route.abort();
  });
  try {
    await page.goto(base);
    await pasteAndParse(page, seedText(SEED_004));
    await page.setInputFiles('#file', { name: SEED_002, mimeType: 'text/plain', buffer: seedBytes(SEED_002) });
    await waitSettled(page, 2);
    await downloadReport(page);
    await page.waitForTimeout(200);

    assert.ok(seen.length >= 3, `requests seen: ${seen.join(', ')}`);
    const foreign = seen.filter((u) => !u.startsWith(base) && !u.startsWith('blob:'));
    assert.deepEqual(foreign, [], 'no request leaves 127.0.0.1');
    assert.equal(aborted, 0, 'the route guard aborted nothing');
    const logged = fs.readFileSync(log, 'utf8').trim().split('\n');
    for (const line of logged) assert.match(line, /^GET \/\S* \d{3}$/);
    const urls = logged.map((l) => l.split(' ')[1]);
    for (const need of ['/', '/main.js', '/style.css', '/worker.js', '/favicon.svg', '/pkg/baocao.js', '/pkg/baocao_bg.wasm']) {
      assert.ok(urls.includes(need), `server log includes ${need}: ${urls.join(', ')}`);
    }
    const failed = logged.filter((l) => !l.endsWith(' 200') && !l.includes('/favicon.ico'));
    assert.deepEqual(failed, [], 'every request succeeded');
    assert.deepEqual(errors, []);
  } finally {
    await context.close();
    await srv.close();
  }
});

// ---------------------------------------------------------------------------------------------
// i. screenshots

test('i. screenshots of a rendered report at 1280 px and 400 px (no horizontal overflow)', T, async () => {
  fs.mkdirSync(SCREENSHOTS, { recursive: true });
  for (const width of [1280, 400]) {
    const { context, page, errors } = await openPage(browser, { viewport: { width, height: 900 } });
    try {
      await page.goto(server.url);
      await pasteAndParse(page, seedText(SEED_004));
      await page.evaluate(() => document.fonts.ready.then(() => true));
      await renderAllPanels(page);
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      assert.ok(overflow <= 0, `no horizontal scrolling at ${width}px (overflow ${overflow}px)`);
      const file = path.join(SCREENSHOTS, width === 1280 ? 'report.png' : `report-${width}.png`);
      await page.screenshot({ path: file, fullPage: true });
      assert.ok(fs.statSync(file).size > 20_000, `${file} looks like a real screenshot`);
      assert.deepEqual(errors, []);
    } finally {
      await context.close();
    }
  }
});

// ---------------------------------------------------------------------------------------------
// j. a crashing parser does not lose other results

test('j. after a wasm trap (INTERNAL) or a dead worker, the worker is replaced and the queue continues', T, async () => {
  // A copy of www/ whose worker traps on __TRAP__ and crashes outright on __CRASH__.
  const root = copyWww(fs.mkdtempSync(path.join(os.tmpdir(), 'baocao-www-')));
  const wfile = path.join(root, 'worker.js');
  const src = fs.readFileSync(wfile, 'utf8');
  const hooked = src.replace(
    'report = parse(input,',
    "if (typeof input === 'string' && input.includes('__TRAP__')) throw new WebAssembly.RuntimeError('unreachable');\n" +
      "    if (typeof input === 'string' && input.includes('__CRASH__')) { setTimeout(() => { throw new Error('worker crashed'); }); return; }\n" +
      '    report = parse(input,',
  );
  assert.notEqual(hooked, src, 'worker.js test hook applied');
  fs.writeFileSync(wfile, hooked);
  const srv = await serve({ root, port: 0 });
  const { context, page } = await openPage(browser);
  let workersStarted = 0;
  page.on('worker', () => (workersStarted += 1));
  try {
    await page.goto(srv.url);
    const add = async (text) => {
      await page.fill('#paste', text);
      await page.click('#parse-paste');
    };
    await add(seedText(SEED_004));
    await add('BÁO CÁO\n__TRAP__');
    await add(seedText(SEED_003));
    await add('BÁO CÁO\n__CRASH__');
    await add(seedText(SEED_002));
    await waitSettled(page, 5);
    const docs = await docStatuses(page);
    assert.deepEqual(docs.map((d) => d.status), ['done', 'error', 'done', 'error', 'done'], docs.map((d) => d.text).join(' | '));
    assert.ok(workersStarted >= 3, `a new worker after each failure (started ${workersStarted})`);
    // The earlier result is still there and selectable.
    await page.click('#docs li:nth-child(1) .doc-select');
    assert.match(await panelText(page, '#metadata'), /Báo cáo/);
    await page.click('#docs li:nth-child(2) .doc-select');
    assert.equal(await page.locator('#error-code').innerText(), 'INTERNAL');
    await page.click('#docs li:nth-child(4) .doc-select');
    assert.equal(await page.locator('#error-code').innerText(), 'WORKER_CRASHED');
  } finally {
    await context.close();
    await srv.close();
    fs.rmSync(root, { recursive: true, force: true });
  }
});

// ---------------------------------------------------------------------------------------------
// serve.mjs itself

function get(url) {
  return new Promise((resolve, reject) => {
    http
      .get(url, (res) => {
        const chunks = [];
        res.on('data', (c) => chunks.push(c));
        res.on('end', () => resolve({ status: res.statusCode, headers: res.headers, body: Buffer.concat(chunks).toString('utf8') }));
      })
      .on('error', reject);
  });
}

function rawRequest(port, rawPath) {
  return new Promise((resolve, reject) => {
    const req = http.request({ host: '127.0.0.1', port, path: rawPath, method: 'GET' }, (res) => {
      res.resume();
      res.on('end', () => resolve(res.statusCode));
    });
    req.on('error', reject);
    req.end();
  });
}

test('serve.mjs: MIME types, CSP header, 404, no path traversal', T, async () => {
  const srv = await serve({ root: WWW, port: 0, csp: true });
  try {
    assert.match(srv.url, /^http:\/\/127\.0\.0\.1:\d+\/$/);
    const cases = [
      ['', 'text/html; charset=utf-8'],
      ['main.js', 'text/javascript; charset=utf-8'],
      ['style.css', 'text/css; charset=utf-8'],
      ['favicon.svg', 'image/svg+xml'],
      ['pkg/baocao_bg.wasm', 'application/wasm'],
    ];
    for (const [p, type] of cases) {
      const r = await get(srv.url + p);
      assert.equal(r.status, 200, p);
      assert.equal(r.headers['content-type'], type, p);
      assert.equal(r.headers['content-security-policy'], CSP, p);
    }
    assert.equal((await get(srv.url + 'nope.js')).status, 404);
    for (const evil of ['/../package.json', '/%2e%2e/package.json', '/pkg/..%2f..%2fpackage.json', '/..%5c..%5cpackage.json']) {
      const status = await rawRequest(srv.port, evil);
      assert.ok(status === 400 || status === 403 || status === 404, `${evil} → ${status}`);
    }
    assert.ok(srv.requests.length >= 6);
  } finally {
    await srv.close();
  }
});
