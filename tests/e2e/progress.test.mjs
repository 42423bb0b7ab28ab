// End-to-end tests of the page's long-running work (issue 8): progress while a large file is read
// and parsed, and cancelling documents — queued (leaves the queue) or in flight (the worker is
// terminated and replaced, the queue goes on).
//
//   bash scripts/build-wasm.sh && node --test tests/e2e/progress.test.mjs
//
// Inputs are seed reports repeated to a few MB, so that a parse lasts long enough (seconds) to be
// seen and cancelled.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

import { serve, CSP } from '../../scripts/serve.mjs';
import { buildSingle } from '../../scripts/build-single.mjs';
import { WWW, launchShared, closeShared, seedText, openPage, withPage, docStatuses, panelText } from './helpers.mjs';

const T = { timeout: 120_000 };
const SEED_002 = '002_62609cbce7f33bda.txt'; // OCR text, 7763/BC-UBND
const SEED_004 = '004_af1806dc496f95cd.txt'; // Báo cáo, docx text

let browser;
let server;

before(async () => {
  ({ browser, server } = await launchShared({ csp: true }));
});

after(() => closeShared({ browser, server }));

/** A text file of about `mb` MB: a seed report repeated. */
function bigFile(name, mb, seed = SEED_004) {
  const text = seedText(seed);
  const one = Buffer.byteLength(text);
  return { name, mimeType: 'text/plain', buffer: Buffer.from(text.repeat(Math.ceil((mb * 1e6) / one))) };
}

/** Statuses of window.baocao.docs(), in order. */
const statuses = (page) => page.evaluate(() => globalThis.baocao.docs().map((d) => d.status));

async function waitPhase(page, index, phase, timeout = 30_000) {
  await page.waitForFunction(([i, p]) => globalThis.baocao.docs()[i]?.phase === p, [index, phase], { timeout });
}

async function waitAllSettled(page, n, timeout = 90_000) {
  await page.waitForFunction(
    (count) =>
      document.body.dataset.state === 'ready' &&
      document.querySelectorAll('#docs li[data-status]').length === count &&
      !document.querySelector('#docs li[data-status="parsing"]'),
    n,
    { timeout },
  );
}

test('cancel: the document in flight (worker replaced) and a queued one; the rest finish and render', T, async () => {
  const { context, page, errors } = await openPage(browser);
  let workersStarted = 0;
  page.on('worker', () => (workersStarted += 1));
  try {
    const resp = await page.goto(server.url);
    assert.equal(resp.headers()['content-security-policy'], CSP);
    await page.waitForFunction(() => document.getElementById('version').textContent !== '');
    const before = workersStarted;
    await page.setInputFiles('#file', [
      bigFile('lon-1.txt', 8),
      bigFile('vua-2.txt', 2),
      bigFile('lon-3.txt', 8),
      { name: 'seed-002.txt', mimeType: 'text/plain', buffer: Buffer.from(seedText(SEED_002)) },
    ]);
    // The first one reaches the worker; the others wait, each with a Cancel button.
    await waitPhase(page, 0, 'parsing');
    assert.equal(await page.locator('#docs li').count(), 4);
    assert.equal(await page.locator('#docs li .doc-cancel').count(), 4, 'one Cancel button per pending document');
    assert.equal(await page.locator('#docs li:nth-child(1) .doc-cancel').innerText(), 'Hủy');
    assert.equal(await page.locator('#cancel-all').isVisible(), true, 'cancel-all shown with several pending');
    assert.match(await page.locator('#docs li:nth-child(3) .doc-busy').innerText(), /Đang chờ/);

    // A queued one leaves the queue without touching the worker.
    await page.click('#docs li:nth-child(3) .doc-cancel');
    assert.deepEqual(await statuses(page), ['parsing', 'parsing', 'cancelled', 'parsing']);
    assert.equal(await page.evaluate(() => globalThis.baocao.docs()[0].phase), 'parsing', 'the first is still parsing');
    assert.equal(workersStarted, before, 'no worker restart for a queued document');

    // The one in the worker: terminated, "đã hủy", a fresh worker takes the next document.
    await page.click('#docs li:nth-child(1) .doc-cancel');
    assert.equal((await statuses(page))[0], 'cancelled');
    await waitAllSettled(page, 4);
    const docs = await docStatuses(page);
    assert.deepEqual(docs.map((d) => d.status), ['cancelled', 'done', 'cancelled', 'done'], docs.map((d) => d.text).join(' | '));
    assert.match(docs[0].text, /Đã hủy/);
    assert.match(docs[2].text, /Đã hủy/);
    assert.ok(workersStarted > before, `a new worker after cancelling the parse in flight (started ${workersStarted - before})`);
    assert.equal(await page.locator('#docs [role="progressbar"]').count(), 0, 'no progress bar left');
    assert.equal(await page.locator('#docs .doc-cancel').count(), 0, 'no Cancel button left');
    assert.equal(await page.locator('#cancel-all').isVisible(), false);

    // The remaining ones render; a cancelled one says so.
    await page.click('#docs li:nth-child(2) .doc-select');
    await page.locator('#report-view').waitFor({ state: 'visible' });
    assert.match(await panelText(page, '#metadata'), /Báo cáo/);
    await page.click('#docs li:nth-child(4) .doc-select');
    assert.match(await panelText(page, '#metadata'), /7763/);
    await page.click('#docs li:nth-child(1) .doc-select');
    assert.equal(await page.locator('#doc-cancelled').isVisible(), true);
    assert.match(await page.locator('#cancelled-name').innerText(), /lon-1\.txt/);

    // The page stays usable: one more document through the fresh worker.
    await page.fill('#paste', seedText(SEED_004));
    await page.click('#parse-paste');
    await waitAllSettled(page, 5);
    assert.equal((await statuses(page))[4], 'done');
    assert.match(await panelText(page, '#metadata'), /Báo cáo/);
    assert.deepEqual(await page.evaluate(() => window.__cspViolations), []);
    assert.deepEqual(errors, []);
  } finally {
    await context.close();
  }
});

test('cancel all: every pending document is cancelled at once; English labels', T, async () => {
  await withPage(browser, async ({ context, page, errors }) => {
    await page.goto(server.url);
    await page.click('#lang-toggle');
    await page.setInputFiles('#file', [bigFile('a.txt', 6), bigFile('b.txt', 6), bigFile('c.txt', 6)]);
    await waitPhase(page, 0, 'parsing');
    assert.equal(await page.locator('#cancel-all').innerText(), 'Cancel all');
    assert.equal(await page.locator('#docs li:nth-child(2) .doc-cancel').innerText(), 'Cancel');
    assert.equal(await page.locator('#docs li:nth-child(2) .doc-cancel').getAttribute('aria-label'), 'Cancel parsing “b.txt”');
    await page.click('#cancel-all');
    assert.deepEqual(await statuses(page), ['cancelled', 'cancelled', 'cancelled']);
    assert.equal(await page.evaluate(() => document.body.dataset.state), 'ready');
    assert.match((await docStatuses(page))[1].text, /Cancelled/);
    assert.equal(await page.locator('#cancel-all').isVisible(), false);
    // The fresh worker parses the next document.
    await page.fill('#paste', seedText(SEED_002));
    await page.click('#parse-paste');
    await waitAllSettled(page, 4, 30_000);
    assert.equal((await statuses(page))[3], 'done');
    assert.match(await panelText(page, '#metadata'), /7763/);
    assert.deepEqual(errors, []);
  });
});

test('progress: a large file picked through the input shows a progress bar while read and parsed, gone when done', T, async () => {
  await withPage(browser, async ({ context, page, errors }) => {
    // Record every state the bars go through (they may change faster than a poll).
    await page.addInitScript(() => {
      window.__bars = [];
      new MutationObserver(() => {
        for (const p of document.querySelectorAll('[role="progressbar"]')) {
          if (p.closest('[hidden]')) continue;
          window.__bars.push({ now: p.getAttribute('aria-valuenow'), text: p.getAttribute('aria-valuetext') });
        }
      }).observe(document, { subtree: true, childList: true, attributes: true, attributeFilter: ['aria-valuenow', 'aria-valuetext'] });
    });
    await page.goto(server.url);
    await page.setInputFiles('#file', [bigFile('bao-cao-lon.txt', 8)]);
    await waitPhase(page, 0, 'parsing');

    // While the worker parses: an indeterminate bar, elapsed seconds, in the list and the pending card.
    const bar = page.locator('#docs li:nth-child(1) [role="progressbar"]');
    assert.equal(await bar.count(), 1);
    assert.equal(await bar.evaluate((b) => b.tagName), 'PROGRESS');
    assert.equal(await bar.getAttribute('aria-valuenow'), null, 'indeterminate while parsing');
    assert.match(await bar.getAttribute('aria-valuetext'), /Đang phân tích… \d+ giây/);
    assert.match(await bar.getAttribute('aria-label'), /bao-cao-lon\.txt/);
    assert.equal(await page.locator('#pending-progress').isVisible(), true);
    assert.match(await page.locator('#pending-progress .progress-label').innerText(), /giây/);

    await waitAllSettled(page, 1);
    assert.equal((await statuses(page))[0], 'done');
    assert.equal(await page.locator('[role="progressbar"]:visible').count(), 0, 'the bars are gone');
    assert.equal(await page.locator('#doc-pending').isVisible(), false);
    assert.match(await panelText(page, '#metadata'), /Báo cáo/);

    // Reading was shown as a determinate bar (0–100), parsing as an indeterminate one.
    const bars = await page.evaluate(() => window.__bars);
    const read = bars.filter((b) => b.now !== null);
    assert.ok(read.length > 0, 'a determinate bar while reading');
    for (const b of read) {
      assert.ok(Number(b.now) >= 0 && Number(b.now) <= 100, b.now);
      assert.match(b.text, /Đang đọc tệp… \d+%/);
    }
    assert.ok(bars.some((b) => b.now === null && /Đang phân tích/.test(b.text)), 'an indeterminate bar while parsing');
    // The elapsed seconds count up when the parse lasts long enough to see it.
    const ms = await page.evaluate(() => Number(document.querySelector('#source-info').textContent.match(/([\d.,]+) ms/)?.[1].replace(/[.,]/g, '')));
    if (ms > 1600) assert.ok(bars.some((b) => /[1-9]\d* giây/.test(b.text || '')), `elapsed seconds shown (parse took ${ms} ms)`);
    assert.deepEqual(await page.evaluate(() => window.__cspViolations), []);
    assert.deepEqual(errors, []);
  });
});

test('single file from file://: cancelling the parse in flight respawns the Blob-URL worker, the queue goes on', T, async () => {
  // Built from the current www/ into a temp dir (dist/ is left to page.test.mjs).
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'baocao-single-'));
  const out = path.join(dir, 'baocao.html');
  buildSingle({ www: WWW, out });
  const { context, page, errors } = await openPage(browser);
  let workersStarted = 0;
  page.on('worker', () => (workersStarted += 1));
  try {
    await page.goto(pathToFileURL(out).href);
    await page.waitForFunction(() => document.getElementById('version').textContent !== '');
    const before = workersStarted;
    await page.setInputFiles('#file', [bigFile('lon.txt', 8), { name: 'seed-002.txt', mimeType: 'text/plain', buffer: Buffer.from(seedText(SEED_002)) }]);
    await waitPhase(page, 0, 'parsing');
    await page.click('#pending-cancel'); // the pending card's button: the selected (first) document
    await waitAllSettled(page, 2, 30_000);
    assert.deepEqual(await statuses(page), ['cancelled', 'done']);
    assert.ok(workersStarted > before, 'a fresh worker from the Blob URL');
    await page.click('#docs li:nth-child(2) .doc-select');
    assert.match(await panelText(page, '#metadata'), /7763/);
    assert.deepEqual(await page.evaluate(() => window.__cspViolations), []);
    assert.deepEqual(errors, []);
  } finally {
    await context.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
