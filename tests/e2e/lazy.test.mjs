// Browser tests of progressive rendering (issue 8, page budget for the first document): the page
// builds the panels on screen, marks `baocao:doc-rendered`, and builds the others afterwards —
// in idle periods, at once when scrolled near, and all at once before a jump or printing
// (www/main.js, `lazy`). Some tests turn the idle building off (requestIdleCallback never calls
// back) so that a panel is reliably still pending when the test acts.
//
//   bash scripts/build-wasm.sh && node --test --test-concurrency=1 tests/e2e/lazy.test.mjs
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { launchShared, closeShared, seedText, openPage, revealPanel } from './helpers.mjs';

const T = { timeout: 60_000 };
const SEED_001 = '001_436e78838e737410.txt'; // 92 KB OCR report, ~400 figures

let browser;
let server;

before(async () => {
  ({ browser, server } = await launchShared());
});

after(() => closeShared({ browser, server }));

/** Opens the page, optionally without idle callbacks, and pastes a seed; resolves once rendered. */
async function openRendered({ idle = true, text = seedText(SEED_001) } = {}) {
  const o = await openPage(browser);
  if (!idle) {
    await o.page.addInitScript(() => {
      window.requestIdleCallback = () => 0;
      window.cancelIdleCallback = () => {};
    });
  }
  await o.page.goto(server.url);
  await o.page.fill('#paste', text);
  await o.page.click('#parse-paste');
  await o.page.waitForFunction(() => performance.getEntriesByName('baocao:doc-rendered').length > 0, null, { timeout: 30_000 });
  const report = await o.page.evaluate(() => globalThis.baocao.selected());
  assert.ok(report, 'the page holds a parsed report');
  return { ...o, report };
}

const pendingPanels = (page) =>
  page.evaluate(() => [...document.querySelectorAll('#report-view .panel-body[data-pending]')].map((b) => b.closest('.panel').id));

const countSections = (list) => (list || []).reduce((n, s) => n + 1 + countSections(s.children), 0);

test('lazy a. the panels on screen are built first; the others are pending (aria-busy) with their counts shown', T, async () => {
  const { context, page, errors, report } = await openRendered({ idle: false });
  try {
    const pending = await pendingPanels(page);
    assert.ok(pending.includes('figures') && pending.includes('text'), `the panels far below wait: ${pending}`);
    assert.ok(!pending.includes('summary'), 'the summary card is built at once');
    assert.ok((await page.locator('#summary .panel-body').innerText()).trim().length > 0);
    assert.equal(await page.getAttribute('#figures .panel-body', 'aria-busy'), 'true');
    assert.equal(await page.locator('#figures tbody tr').count(), 0, 'not built yet');
    // The counts are there before the panels.
    const count = (id) => page.locator(`.panel-nav [data-count-for="${id}"]`).textContent();
    assert.equal(await count('figures'), String(report.figures.length));
    assert.equal(await count('citations'), String(report.citations.length));
    assert.equal(await count('outline'), String(countSections(report.outline)));
    assert.equal(await page.evaluate(() => performance.getEntriesByName('baocao:doc-complete').length), 0);
    assert.deepEqual(errors, []);
  } finally {
    await context.close();
  }
});

test('lazy b. a jump from the summary into the text panel not built yet builds it and lands on the span', T, async () => {
  const { context, page, errors, report } = await openRendered({ idle: false });
  try {
    assert.ok((await pendingPanels(page)).includes('text'));
    const point = report.summary.keyPoints.findIndex((p) => p.span);
    assert.ok(point >= 0, 'seed 001 has a key point with a span');
    const { span } = report.summary.keyPoints[point];
    await page.locator('#summary .key-points li').nth(point).locator('.span-link').click();
    assert.deepEqual(await pendingPanels(page), [], 'every panel built by the jump');
    assert.equal(await page.locator('#text mark.span-mark').textContent(), report.text.slice(span.start, span.end));
    await page.waitForFunction(() => {
      const r = document.querySelector('#text mark.span-mark').getBoundingClientRect();
      return r.top >= 0 && r.bottom <= window.innerHeight;
    });
    // The panels built by the jump are complete: every figure row, the mark says so.
    assert.equal(await page.locator('#figures tbody tr').count(), report.figures.length);
    const complete = await page.evaluate(() => performance.getEntriesByName('baocao:doc-complete').map((m) => m.detail));
    const [{ id }] = await page.evaluate(() => globalThis.baocao.docs());
    assert.deepEqual(complete, [{ id }]);
    assert.deepEqual(errors, []);
  } finally {
    await context.close();
  }
});

test('lazy c. a panel scrolled to is built complete (figures: every row, sorting and filtering work); the panel list and printing build the rest', T, async () => {
  const { context, page, errors, report } = await openRendered({ idle: false });
  try {
    await revealPanel(page, '#figures');
    assert.equal(await page.locator('#figures tbody tr').count(), report.figures.length, 'every figure row');
    assert.equal(await page.locator('#figures .panel-body').getAttribute('aria-busy'), null);
    assert.ok((await pendingPanels(page)).includes('text'), 'the text, far below, still waits');
    await page.click('#figures th[data-key="value"] button');
    assert.equal(await page.getAttribute('#figures th[data-key="value"]', 'aria-sort'), 'ascending');
    const values = await page.locator('#figures tbody tr td.col-value').evaluateAll((tds) => tds.length);
    assert.equal(values, report.figures.length);
    await page.fill('#figures .fig-filter', 'zzzz-khong-co');
    assert.equal(await page.locator('#figures tbody tr:not([hidden])').count(), 0);
    // Printing (the browser fires beforeprint) shows every panel.
    await page.evaluate(() => window.dispatchEvent(new Event('beforeprint')));
    assert.deepEqual(await pendingPanels(page), []);
    assert.equal(await page.locator('#text pre').textContent(), report.text);
    assert.deepEqual(errors, []);
  } finally {
    await context.close();
  }

  // The panel list: a click on "Văn bản" builds every panel before the browser jumps.
  const o = await openRendered({ idle: false });
  try {
    assert.ok((await pendingPanels(o.page)).includes('text'));
    await o.page.click('.panel-nav a[href="#text"]');
    assert.deepEqual(await pendingPanels(o.page), []);
    await o.page.waitForFunction(() => {
      const r = document.getElementById('text').getBoundingClientRect();
      return r.top >= -2 && r.top < window.innerHeight / 2;
    });
    assert.deepEqual(o.errors, []);
  } finally {
    await o.context.close();
  }
});

test('lazy d. with idle periods the report completes by itself (doc-complete after doc-rendered); a language switch right after the first paint rebuilds it in English', T, async () => {
  const { context, page, errors, report } = await openRendered({ idle: true });
  try {
    await page.click('#lang-toggle');
    await page.waitForFunction(() => performance.getEntriesByName('baocao:doc-complete').length > 0 && !document.querySelector('.panel-body[data-pending]'));
    const [{ id }] = await page.evaluate(() => globalThis.baocao.docs());
    const marks = await page.evaluate(() => performance.getEntriesByType('mark').filter((m) => m.name.startsWith('baocao:doc-')).map((m) => ({ name: m.name, t: m.startTime, detail: m.detail })));
    const rendered = marks.filter((m) => m.name === 'baocao:doc-rendered');
    const complete = marks.filter((m) => m.name === 'baocao:doc-complete');
    assert.ok(rendered.length >= 1 && complete.length >= 1, JSON.stringify(marks));
    for (const m of [...rendered, ...complete]) assert.deepEqual(m.detail, { id });
    assert.ok(complete.at(-1).t >= rendered.at(-1).t, 'complete after the last render');
    assert.equal(await page.locator('#figures tbody tr').count(), report.figures.length);
    assert.match(await page.locator('#figures th[data-key="value"] button').textContent(), /^Value/);
    assert.equal(await page.locator('#citations tbody tr').count(), report.citations.length);
    assert.equal(await page.locator('#text pre').textContent(), report.text);
    for (const id of ['outline', 'figures', 'citations', 'footnotes']) {
      assert.equal(await page.getAttribute(`#${id} .panel-body`, 'aria-busy'), null);
    }
    assert.deepEqual(errors, []);
  } finally {
    await context.close();
  }
});
