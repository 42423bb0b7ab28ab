// Browser tests of the second half of issue 8: compliance checklist, outline tree, sortable and
// filterable figures, SVG charts, English switch, service worker offline reload, accessibility
// and print, the <baocao-report> custom element, and the page's User Timing marks.
//
//   bash scripts/build-wasm.sh && node --test --test-concurrency=1 tests/e2e/
//
// Each test checks the page against the Report object the page itself holds
// (globalThis.baocao.selected(), the same object the "Tải JSON" button downloads).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

import { serve, CSP } from '../../scripts/serve.mjs';
import { buildSingle } from '../../scripts/build-single.mjs';
import { WWW, SCREENSHOTS, launchShared, closeShared, seedText, openPage, pasteAndParse, copyWww, revealPanel } from './helpers.mjs';

const T = { timeout: 45_000 };
const SEED_004 = '004_af1806dc496f95cd.txt';

let browser;
let server;

before(async () => {
  ({ browser, server } = await launchShared());
});

after(() => closeShared({ browser, server }));

/** Same folding as the page is documented to use: NFD, no combining marks, đ → d, lower case. */
const fold = (s) =>
  String(s ?? '')
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[đĐ]/g, 'd')
    .toLowerCase()
    .replace(/\s+/g, ' ')
    .trim();
const searchText = (f) => fold([f.raw, f.what, f.unit, f.period].filter((x) => typeof x === 'string').join(' '));
const flatten = (list) => list.flatMap((s) => [s, ...flatten(s.children || [])]);
const VIETNAMESE = /[àáảãạăằắẳẵặâầấẩẫậèéẻẽẹêềếểễệìíỉĩịòóỏõọôồốổỗộơờớởỡợùúủũụưừứửữựỳýỷỹỵđ]/i;

async function openSeed(text = seedText(SEED_004), opts) {
  const o = await openPage(browser, opts);
  await o.page.goto(server.url);
  await pasteAndParse(o.page, text);
  const report = await o.page.evaluate(() => globalThis.baocao.selected());
  assert.ok(report, 'the page holds a parsed report');
  return { ...o, report };
}

/** Runs fn({ context, page, errors, consoleMessages, report }) on a page holding the parsed seed. */
async function withSeed(...args) {
  const fn = args.pop();
  const o = await openSeed(...args);
  try {
    return await fn(o);
  } finally {
    await o.context.close();
  }
}

async function markedText(page) {
  await page.waitForSelector('#text mark.span-mark');
  return page.locator('#text mark.span-mark').textContent();
}

// ---------------------------------------------------------------------------------------------
// 1. compliance checklist

test('1. compliance: seed 004 shows one check per metadata.compliance item, passed/failed, with its message', T, async () => {
  await withSeed(async ({ context, page, errors, report }) => {
    const comp = report.metadata.compliance;
    assert.ok(comp.length >= 5, `seed 004 has compliance items (${comp.length})`);
    const items = page.locator('#metadata .checklist li.check');
    assert.equal(await items.count(), comp.length, 'one line per check');
    const ok = comp.filter((c) => c.status === 'ok').length;
    const summary = page.locator('#metadata .compliance-summary');
    assert.equal(await summary.getAttribute('data-ok'), String(ok));
    assert.equal(await summary.getAttribute('data-total'), String(comp.length));
    assert.match(await summary.innerText(), new RegExp(`${ok}/${comp.length}`));
    for (const [i, c] of comp.entries()) {
      const li = items.nth(i);
      assert.equal(await li.getAttribute('data-status'), c.status);
      assert.equal(await li.evaluate((n) => n.classList.contains('check-pass')), c.status === 'ok', `${c.component} pass/fail`);
      const text = await li.innerText();
      assert.ok(text.includes(c.component), `component "${c.component}" shown`);
      assert.ok(text.includes(c.message), `message of "${c.component}" shown`);
      // Screen readers hear the verdict, not only a ✓/✗ glyph.
      assert.match(await li.locator('.visually-hidden').textContent(), c.status === 'ok' ? /^Đạt/ : /^Chưa đạt/);
    }
    assert.match(await page.locator('#metadata .compliance h3').textContent(), /Kiểm tra thể thức/);
    assert.deepEqual(errors, []);
  });
});

// ---------------------------------------------------------------------------------------------
// 2. outline tree

const ROLE_VI = {
  context: 'Bối cảnh',
  achievements: 'Kết quả',
  limitations: 'Hạn chế',
  causes: 'Nguyên nhân',
  tasks: 'Nhiệm vụ',
  proposals: 'Đề xuất',
  targets: 'Chỉ tiêu',
  assessment: 'Đánh giá',
  responsibility: 'Trách nhiệm',
  appendix: 'Phụ lục',
  other: 'Khác',
};

test('2. outline: a tree with as many nodes as the JSON, role badges per node, collapsible, heading → text', T, async () => {
  await withSeed(async ({ context, page, errors, report }) => {
    const all = flatten(report.outline);
    const items = page.locator('#outline .outline-item');
    assert.equal(await items.count(), all.length, 'nodes = sections, recursively');
    // Badges, in document order = pre-order of the JSON tree.
    const badges = await items.evaluateAll((lis) =>
      lis.map((li) => {
        const b = li.querySelector(':scope > .outline-row .badge.role');
        return b ? { role: b.dataset.role, text: b.textContent, cls: b.className } : null;
      }),
    );
    for (const [i, s] of all.entries()) {
      if (!s.role) {
        assert.equal(badges[i], null);
        continue;
      }
      assert.equal(badges[i].role, s.role, `badge role of "${s.title}"`);
      assert.equal(badges[i].text, ROLE_VI[s.role], `Vietnamese label of ${s.role}`);
      assert.ok(badges[i].cls.includes(`role-${s.role}`), `colour class of ${s.role}`);
    }

    // Collapse the first node with children: its children disappear, aria-expanded follows.
    const parentIdx = report.outline.findIndex((s) => (s.children || []).length);
    assert.ok(parentIdx >= 0, 'seed 004 has a nested section');
    const parent = report.outline[parentIdx];
    const li = page.locator('#outline .outline-list.depth-1 > .outline-item').nth(parentIdx);
    const toggle = li.locator(':scope > .outline-row .outline-toggle');
    const firstChild = li.locator('.outline-item').first();
    assert.equal(await toggle.getAttribute('aria-expanded'), 'true');
    await revealPanel(page, '#outline');
    assert.ok(await firstChild.isVisible());
    assert.ok((await firstChild.innerText()).includes(parent.children[0].title));
    await toggle.click();
    assert.equal(await toggle.getAttribute('aria-expanded'), 'false');
    assert.ok(await firstChild.isHidden(), 'children hidden when collapsed');
    assert.equal(await li.locator('.outline-item:visible').count(), 0);
    assert.ok(/Mở rộng/.test(await toggle.getAttribute('aria-label')), 'the button says what it will do');
    await toggle.press('Enter'); // keyboard works too
    assert.equal(await toggle.getAttribute('aria-expanded'), 'true');
    assert.ok(await firstChild.isVisible());
    // Collapse all / expand all.
    await page.click('#outline .outline-collapse-all');
    assert.equal(await page.locator('#outline .outline-list.depth-2:visible').count(), 0);
    await page.click('#outline .outline-expand-all');
    assert.ok((await page.locator('#outline .outline-list.depth-2:visible').count()) > 0);

    // Clicking a heading scrolls the text panel to it and highlights it.
    const target = parent.children.at(-1);
    await li.locator('.outline-item').last().locator('button.outline-heading').click();
    assert.equal(await markedText(page), report.text.slice(target.span.start, target.span.end));
    await page.waitForFunction(() => {
      const r = document.querySelector('#text mark.span-mark').getBoundingClientRect();
      return r.top >= 0 && r.bottom <= window.innerHeight;
    });
    assert.deepEqual(errors, []);
  });
});

// ---------------------------------------------------------------------------------------------
// 3. figures table

const LUONG_THUC = [
  'ỦY BAN NHÂN DÂN HUYỆN A',
  'Số: 12/BC-UBND',
  'BÁO CÁO',
  'Tình hình sản xuất nông nghiệp 6 tháng đầu năm 2024',
  'I. KẾT QUẢ ĐẠT ĐƯỢC',
  '1. Tổng sản lượng lương thực đạt 125.400 tấn, tăng 3,2% so với cùng kỳ.',
  '2. Sản lượng lương thực bình quân đầu người đạt 820 kg.',
  '3. Diện tích lúa gieo trồng 21.300 ha, đạt 98,5% kế hoạch.',
  '4. Tổng đàn heo 34.161 con, giảm 5% so với cùng kỳ.',
  '5. Kinh phí hỗ trợ 12,5 tỷ đồng, đạt 104% kế hoạch.',
].join('\n');

async function visibleIndexes(page) {
  return page.locator('#figures tbody tr:not([hidden])').evaluateAll((trs) => trs.map((tr) => Number(tr.dataset.index)));
}

test('3a. figures: sorting by value is numeric with aria-sort; comparison filters match the JSON; a row click shows the figure', T, async () => {
  await withSeed(async ({ context, page, errors, report }) => {
    const figures = report.figures;
    const th = page.locator('#figures th[data-key="value"]');
    assert.equal(await th.getAttribute('aria-sort'), null);
    await th.locator('button').click();
    assert.equal(await th.getAttribute('aria-sort'), 'ascending');
    let order = await visibleIndexes(page);
    assert.equal(order.length, figures.length);
    const values = order.map((i) => figures[i].value).filter((v) => typeof v === 'number');
    assert.deepEqual(values, [...values].sort((a, b) => a - b), 'ascending numeric order (not text order)');
    assert.ok(values[0] < values.at(-1));
    // The text of the cells follows: the first row shows the smallest value.
    await th.locator('button').click();
    assert.equal(await th.getAttribute('aria-sort'), 'descending');
    order = await visibleIndexes(page);
    const desc = order.map((i) => figures[i].value).filter((v) => typeof v === 'number');
    assert.deepEqual(desc, [...desc].sort((a, b) => b - a), 'descending numeric order');
    assert.equal(await page.locator('#figures th[aria-sort]').count(), 1, 'one sorted column at a time');

    // Text filter without diacritics, checked against a count computed here from the JSON.
    await page.fill('#figures .fig-filter', 'ty dong');
    const expected = figures.filter((f) => searchText(f).includes('ty dong')).length;
    assert.ok(expected > 5, `seed 004 has "tỷ đồng" figures (${expected})`);
    assert.equal((await visibleIndexes(page)).length, expected);
    assert.match(await page.locator('#figures .fig-status').innerText(), new RegExp(`${expected}/${figures.length}`));

    // Comparison filters.
    await page.fill('#figures .fig-filter', '');
    const cases = {
      abovePlan: (f) => f.comparison?.kind === 'vsPlan' && f.comparison.value >= 100,
      belowPlan: (f) => f.comparison?.kind === 'vsPlan' && typeof f.comparison.value === 'number' && f.comparison.value < 100,
      up: (f) => f.comparison?.kind === 'vsPreviousPeriod' && f.comparison.direction === 'up',
      down: (f) => f.comparison?.kind === 'vsPreviousPeriod' && f.comparison.direction === 'down',
      all: () => true,
    };
    for (const [value, pred] of Object.entries(cases)) {
      await page.selectOption('#figures .fig-cmp', value);
      const want = figures.map((f, i) => (pred(f) ? i : -1)).filter((i) => i >= 0);
      assert.deepEqual((await visibleIndexes(page)).sort((a, b) => a - b), want, `filter ${value}`);
    }

    // A row click scrolls the text to the figure.
    const i = figures.findIndex((f) => f.raw === '261.786 tấn');
    assert.ok(i >= 0);
    await page.locator(`#figures tbody tr[data-index="${i}"] td`).nth(3).click();
    assert.equal(await markedText(page), report.text.slice(figures[i].span.start, figures[i].span.end));
    assert.deepEqual(errors, []);
  });
});

test('3b. figures: "luong thuc" (no diacritics) finds the "lương thực" rows', T, async () => {
  await withSeed(LUONG_THUC, async ({ context, page, errors, report }) => {
    await page.fill('#figures .fig-filter', 'luong thuc');
    const expected = report.figures.filter((f) => searchText(f).includes('luong thuc'));
    assert.ok(expected.length >= 1, `the parser found a "lương thực" figure: ${JSON.stringify(report.figures.map((f) => [f.raw, f.what]))}`);
    const shown = await visibleIndexes(page);
    assert.equal(shown.length, expected.length);
    for (const i of shown) assert.match(fold(report.figures[i].what + ' ' + report.figures[i].raw), /luong thuc/);
    const texts = await page.locator('#figures tbody tr:not([hidden])').allInnerTexts();
    assert.ok(texts.every((t) => t.includes('lương thực')), texts.join(' | '));
    // Upper case and diacritics in the query fold the same way.
    await page.fill('#figures .fig-filter', 'LƯƠNG THỰC');
    assert.equal((await visibleIndexes(page)).length, expected.length);
    await page.fill('#figures .fig-filter', 'khong co dau nay');
    assert.equal((await visibleIndexes(page)).length, 0);
    assert.deepEqual(errors, []);
  });
});

// ---------------------------------------------------------------------------------------------
// 4. charts

const isPlan = (f) => f.comparison?.kind === 'vsPlan' && typeof f.comparison.value === 'number';
const isChange = (f) => f.comparison?.kind === 'vsPreviousPeriod' && ['up', 'down'].includes(f.comparison.direction);

async function checkCharts(page, report) {
  const plan = report.figures.filter(isPlan);
  const change = report.figures.filter(isChange);
  assert.ok(plan.length > 5 && change.length > 5, `seed 004 has both kinds (${plan.length}, ${change.length})`);
  assert.equal(await page.locator('#charts svg.chart-plan rect.bar').count(), plan.length, 'one bar per vsPlan figure');
  assert.equal(await page.locator('#charts svg.chart-plan line.ref-100').count(), 1, 'the 100% line');
  assert.equal(await page.locator('#charts svg.chart-change rect.bar').count(), change.length, 'one bar per change figure');
  assert.equal(await page.locator('#charts svg.chart-change rect.bar-up').count(), change.filter((f) => f.comparison.direction === 'up').length);
  assert.equal(await page.locator('#charts svg.chart-change rect.bar-down').count(), change.filter((f) => f.comparison.direction === 'down').length);
  // Met-plan bars reach past the 100 % line, the others stop before it.
  const geo = await page.evaluate(() => {
    const line = document.querySelector('#charts svg.chart-plan line.ref-100');
    const x100 = Number(line.getAttribute('x1'));
    return [...document.querySelectorAll('#charts svg.chart-plan rect.bar')].map((r) => ({
      v: Number(r.dataset.value),
      end: Number(r.getAttribute('x')) + Number(r.getAttribute('width')),
      x100,
    }));
  });
  for (const g of geo) {
    if (g.v > 100.5) assert.ok(g.end > g.x100, `bar ${g.v}% ends after the 100% line`);
    if (g.v < 99.5) assert.ok(g.end < g.x100, `bar ${g.v}% ends before the 100% line`);
  }
  // Accessible: role=img with a title and a description.
  for (const cls of ['chart-plan', 'chart-change']) {
    const svg = page.locator(`#charts svg.${cls}`);
    assert.equal(await svg.getAttribute('role'), 'img');
    const ids = (await svg.getAttribute('aria-labelledby')).split(' ');
    assert.equal(ids.length, 2);
    assert.ok((await page.locator(`#charts svg.${cls} > title`).textContent()).length > 5);
  }
  assert.equal(await page.locator('#charts [style]').count(), 0, 'no inline style attribute');
}

test('4a. charts: one bar per vsPlan figure with a 100% line, one up/down bar per change figure', T, async () => {
  await withSeed(async ({ context, page, errors, report }) => {
    await checkCharts(page, report);
    // A bar click shows the figure in the text.
    const first = report.figures.find(isPlan);
    await page.locator('#charts svg.chart-plan .bar-row').first().dispatchEvent('click');
    assert.equal(await markedText(page), report.text.slice(first.span.start, first.span.end));
    assert.deepEqual(errors, []);
  });
});

test('4b. charts under the strict CSP header: drawn, no violation, no request', T, async () => {
  const srv = await serve({ root: WWW, port: 0, csp: true });
  const { context, page, errors, consoleMessages } = await openPage(browser);
  const requests = [];
  context.on('request', (r) => requests.push(r.url()));
  try {
    const resp = await page.goto(srv.url);
    assert.equal(resp.headers()['content-security-policy'], CSP);
    await pasteAndParse(page, seedText(SEED_004));
    const report = await page.evaluate(() => globalThis.baocao.selected());
    await checkCharts(page, report);
    assert.deepEqual(await page.evaluate(() => window.__cspViolations), []);
    assert.deepEqual(consoleMessages.filter((m) => /Content Security Policy|Refused to/i.test(m)), []);
    assert.deepEqual(requests.filter((u) => !u.startsWith(srv.url) && !u.startsWith('blob:')), []);
    assert.deepEqual(errors, []);
  } finally {
    await context.close();
    await srv.close();
  }
});

// ---------------------------------------------------------------------------------------------
// 5. English switch

async function uiLabels(page) {
  return page.evaluate(() => {
    const sel = [
      '#report-view .panel-title',
      '.panel-nav a',
      '#report-view .report-head-side button',
      '.sidebar .card-title',
      '.sidebar button',
      '.sidebar label',
      '#metadata .sub-title',
      '#metadata dt',
      '#figures th',
      '#figures label',
      '#charts figcaption',
      '#outline .outline-buttons button',
    ].join(',');
    return [...document.querySelectorAll(sel)]
      .filter((n) => !n.closest('.doc-item')) // document names are data, not UI
      .map((n) => n.textContent.replace(/\s+/g, ' ').trim())
      .filter(Boolean);
  });
}

test('5. language: the toggle switches every UI label to English and back, remembered, html[lang] follows', T, async () => {
  await withSeed(async ({ context, page, errors, report }) => {
    assert.equal(await page.getAttribute('html', 'lang'), 'vi');
    assert.match(await page.locator('#outline-heading').innerText(), /^Bố cục/);
    const vi = await uiLabels(page);
    assert.ok(vi.some((s) => VIETNAMESE.test(s)), 'Vietnamese by default');

    await page.click('#lang-toggle');
    assert.equal(await page.getAttribute('html', 'lang'), 'en');
    assert.equal(await page.locator('#summary-heading').innerText(), 'Summary');
    assert.equal(await page.locator('#metadata-heading').innerText(), 'Document details');
    assert.match(await page.locator('#outline-heading').innerText(), /^Outline/);
    assert.match(await page.locator('#figures-heading').innerText(), /^Figures/);
    assert.equal(await page.locator('#charts-heading').innerText(), 'Charts');
    assert.equal(await page.locator('#parse-paste').innerText(), 'Parse');
    assert.match(await page.locator('#download-json').innerText(), /Download JSON/);
    assert.equal(await page.locator('#lang-toggle').innerText(), 'Tiếng Việt');
    const en = await uiLabels(page);
    const left = en.filter((s) => VIETNAMESE.test(s));
    assert.deepEqual(left, [], 'no Vietnamese UI label left in English mode');
    // The report itself is not translated.
    await revealPanel(page, '#summary');
    if (report.summary.headline) assert.ok((await page.locator('#summary').innerText()).includes(report.summary.headline));
    await revealPanel(page, '#outline');
    assert.ok((await page.locator('#outline').innerText()).includes(report.outline[0].title));
    assert.match(await page.locator('#outline .outline-row .badge.role').first().innerText(), /^(Results|Assessment|Context|Tasks|Targets|Shortcomings|Causes|Proposals|Responsibility|Appendix|Other)$/);
    await revealPanel(page, '#metadata');
    assert.match(await page.locator('#metadata .compliance-summary').innerText(), /components pass/);
    assert.match(await page.locator('#docs .doc-status').first().innerText(), /Done/);

    // Remembered across a reload (localStorage).
    await page.reload();
    assert.equal(await page.getAttribute('html', 'lang'), 'en');
    assert.equal(await page.locator('#input-heading').innerText(), 'Add documents');
    await pasteAndParse(page, seedText(SEED_004));
    assert.equal(await page.locator('#summary-heading').innerText(), 'Summary');

    await page.click('#lang-toggle');
    assert.equal(await page.getAttribute('html', 'lang'), 'vi');
    assert.equal(await page.locator('#summary-heading').innerText(), 'Tóm tắt');
    assert.equal(await page.locator('#input-heading').innerText(), 'Nhập văn bản');
    assert.equal(await page.locator('#lang-toggle').innerText(), 'English');
    assert.equal(await page.evaluate(() => localStorage.getItem('baocao.lang')), 'vi');
    assert.deepEqual(errors, []);
  });
});

// ---------------------------------------------------------------------------------------------
// 6. service worker: offline reload

test('6. service worker: once it controls the page, a reload with the network off (server gone) still parses', T, async () => {
  const srv = await serve({ root: WWW, port: 0, csp: true });
  const { context, page, errors } = await openPage(browser);
  try {
    await page.goto(srv.url);
    await pasteAndParse(page, seedText(SEED_004));
    await page.waitForFunction(() => navigator.serviceWorker.controller !== null, null, { timeout: 20_000 });
    const version = await page.locator('#version').innerText();
    const cacheNames = await page.evaluate(() => caches.keys());
    assert.deepEqual(cacheNames, [`baocao-${version}`], 'one cache, named after the version');
    const cached = await page.evaluate(async (name) => (await (await caches.open(name)).keys()).map((r) => new URL(r.url).pathname), cacheNames[0]);
    for (const need of ['/', '/main.js', '/render.js', '/i18n.js', '/worker.js', '/style.css', '/pkg/baocao.js', '/pkg/baocao_bg.wasm']) {
      assert.ok(cached.includes(need), `${need} cached: ${cached.join(', ')}`);
    }
    const served = srv.requests.length;

    await srv.close(); // nothing answers on that port any more
    await context.setOffline(true);
    await page.reload();
    assert.equal(await page.locator('#input-heading').innerText(), 'Nhập văn bản');
    await pasteAndParse(page, seedText(SEED_004));
    const [status] = await page.locator('#docs li').evaluateAll((lis) => lis.map((li) => li.dataset.status));
    assert.equal(status, 'done');
    assert.match(await page.locator('#metadata').innerText(), /Báo cáo/);
    assert.equal(srv.requests.length, served, 'the server saw nothing after going away');
    assert.deepEqual(errors.filter((e) => !/Failed to fetch|ERR_INTERNET_DISCONNECTED|net::/.test(e)), []);
  } finally {
    await context.close();
    await srv.close().catch(() => {});
  }
});

test('6b. the single-file build, even when served over http, registers no service worker', T, async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'baocao-single-'));
  buildSingle({ www: WWW, out: path.join(dir, 'index.html') });
  const srv = await serve({ root: dir, port: 0 });
  const { context, page, errors } = await openPage(browser);
  try {
    await page.goto(srv.url);
    await pasteAndParse(page, seedText(SEED_004));
    await page.waitForTimeout(300);
    assert.equal(await page.evaluate(async () => (await navigator.serviceWorker.getRegistrations()).length), 0);
    assert.ok(!srv.requests.some((r) => r.url.includes('sw.js')), 'sw.js never requested');
    assert.deepEqual(errors.filter((e) => !/favicon/.test(e)), []);
  } finally {
    await context.close();
    await srv.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

// ---------------------------------------------------------------------------------------------
// 7. accessibility and print

async function unnamedControls(page) {
  const cdp = await page.context().newCDPSession(page);
  const { nodes } = await cdp.send('Accessibility.getFullAXTree');
  await cdp.detach();
  const roles = new Set(['button', 'textbox', 'searchbox', 'combobox', 'checkbox', 'radio', 'link', 'slider', 'spinbutton', 'switch', 'tab', 'menuitem', 'ListBox', 'listbox']);
  return nodes
    .filter((n) => !n.ignored && roles.has(n.role?.value) && !String(n.name?.value ?? '').trim())
    .map((n) => `${n.role.value}#${n.backendDOMNodeId}`);
}

test('7a. accessibility: every button, input and select has an accessible name, in Vietnamese and in English', T, async () => {
  const { context, page, errors } = await openSeed();
  try {
    assert.deepEqual(await unnamedControls(page), [], 'every control is named (Chromium accessibility tree)');
    const named = await page.evaluate(() =>
      [...document.querySelectorAll('button, input, select, textarea')]
        .filter((n) => n.type !== 'hidden')
        .filter((n) => {
          const label = n.getAttribute('aria-label') || n.getAttribute('aria-labelledby') || (n.labels && n.labels.length) || n.textContent.trim() || n.title;
          return !label;
        })
        .map((n) => n.outerHTML.slice(0, 80)),
    );
    assert.deepEqual(named, [], 'labels, aria-label or text on every control');
    // Same in English.
    await page.click('#lang-toggle');
    assert.deepEqual(await unnamedControls(page), []);
    await page.click('#lang-toggle');

    assert.deepEqual(errors, []);
  } finally {
    await context.close();
  }
});

test('7b. keyboard only: skip link first, then the main flow (paste → parse → report) with a visible focus ring', T, async () => {
  const { context, page, errors } = await openPage(browser);
  const focused = () =>
    page.evaluate(() => {
      const a = document.activeElement;
      // The file input is visually hidden: its label shows the focus.
      const shown = a.id === 'file' ? a.nextElementSibling : a;
      const s = getComputedStyle(shown);
      const ring = (s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) >= 2) || s.boxShadow !== 'none';
      return { id: a.id, cls: String(a.className), tag: a.tagName, ring };
    });
  try {
    await page.goto(server.url);
    await page.keyboard.press('Tab');
    assert.equal((await focused()).cls, 'skip-link', 'the first Tab reaches the skip link');
    const seen = [];
    for (let i = 0; i < 6 && (seen.at(-1)?.id !== 'paste'); i++) {
      await page.keyboard.press('Tab');
      seen.push(await focused());
    }
    const ids = seen.map((o) => o.id);
    assert.deepEqual(ids, ['lang-toggle', 'file', 'paste'], `header, then the inputs in reading order: ${ids}`);
    for (const o of seen) assert.ok(o.ring, `visible focus on ${o.id || o.cls}`);
    await page.keyboard.insertText(seedText(SEED_004));
    await page.keyboard.press('Tab');
    assert.equal((await focused()).id, 'parse-paste');
    assert.ok((await focused()).ring);
    await page.keyboard.press('Enter');
    await page.waitForFunction(() => document.querySelector('#docs li[data-status="done"]'));
    // On through the document list to the report: every stop shows a focus ring.
    const stops = [];
    for (let i = 0; i < 40; i++) {
      await page.keyboard.press('Tab');
      const f = await focused();
      stops.push(f);
      if (f.id === 'download-json') break;
    }
    assert.equal(stops.at(-1).id, 'download-json', `reaches the report: ${stops.map((s) => s.id || s.cls).join(' → ')}`);
    const docsAt = stops.findIndex((s) => s.cls.includes('doc-select'));
    assert.ok(docsAt >= 0, 'the document list is on the way');
    for (const o of stops) assert.ok(o.ring, `visible focus on ${o.id || o.cls}`);
    // Enter on a figures sort button sorts.
    await page.focus('#figures th[data-key="value"] button');
    await page.keyboard.press('Enter');
    assert.equal(await page.getAttribute('#figures th[data-key="value"]', 'aria-sort'), 'ascending');
    assert.deepEqual(errors, []);
  } finally {
    await context.close();
  }
});

test('7c. print: summary, metadata, outline and figures print; the document list and buttons do not', T, async () => {
  await withSeed(async ({ context, page, errors }) => {
    await page.emulateMedia({ media: 'print' });
    for (const sel of ['#docs', '.sidebar', '#lang-toggle', '#download-json', '.panel-nav', '#text', '#outline .outline-toggle', '#figures .fig-controls']) {
      assert.ok(await page.locator(sel).first().isHidden(), `${sel} hidden in print`);
    }
    for (const sel of ['#summary', '#metadata', '#outline', '#figures', '#charts', '#figures table']) {
      assert.ok(await page.locator(sel).isVisible(), `${sel} printed`);
    }
    // Collapsed branches still print.
    await page.emulateMedia({ media: 'screen' });
    await page.click('#outline .outline-collapse-all');
    await page.emulateMedia({ media: 'print' });
    assert.ok((await page.locator('#outline .outline-list.depth-2:visible').count()) > 0, 'collapsed outline printed in full');
    const pdf = await page.pdf({ format: 'A4' });
    assert.ok(pdf.length > 10_000);
    await page.emulateMedia({ media: 'screen' });
    assert.ok(await page.locator('#docs').isVisible());
    assert.deepEqual(errors, []);
  });
});

// ---------------------------------------------------------------------------------------------
// 8. <baocao-report> custom element

test('8. <baocao-report>: .report = json and src= both render the headline and the outline, under the strict CSP', T, async () => {
  const { context: c0, page: p0, report } = await openSeed();
  await c0.close();
  const root = copyWww(fs.mkdtempSync(path.join(os.tmpdir(), 'baocao-el-')));
  fs.writeFileSync(path.join(root, 'report.json'), JSON.stringify(report));
  fs.writeFileSync(
    path.join(root, 'element-demo.html'),
    `<!doctype html><html lang="vi"><head><meta charset="utf-8"><title>demo</title><link rel="icon" href="favicon.svg">
<script type="module" src="element-demo.js"></script></head>
<body><h1>Cổng thông tin</h1>
<baocao-report id="a"></baocao-report>
<baocao-report id="b" src="report.json" lang="en"></baocao-report>
</body></html>`,
  );
  fs.writeFileSync(
    path.join(root, 'element-demo.js'),
    `import './baocao-element.js';
const r = await (await fetch('report.json')).json();
document.getElementById('a').report = r;
window.__ready = true;`,
  );
  const srv = await serve({ root, port: 0, csp: true });
  const { context, page, errors } = await openPage(browser);
  try {
    await page.goto(`${srv.url}element-demo.html`);
    await page.waitForFunction(() => window.__ready === true);
    const a = page.locator('#a');
    await page.waitForFunction(() => document.getElementById('b').shadowRoot.querySelector('.headline'));
    // Playwright locators pierce open shadow roots.
    assert.equal(await a.locator('.headline').innerText(), report.summary.headline);
    assert.equal(await page.locator('#b .headline').innerText(), report.summary.headline);
    assert.equal(await a.locator('.outline-item').count(), flatten(report.outline).length);
    assert.equal(await a.locator('.outline-row .badge.role').first().innerText(), ROLE_VI[report.outline[0].role]);
    assert.match(await page.locator('#b h3').first().innerText(), /Key points|Outline/i, 'lang="en" on the element');
    // Shadow DOM: nothing leaks into the host document.
    assert.equal(await page.evaluate(() => document.querySelectorAll('.headline, .outline-item').length), 0);
    assert.equal(await page.evaluate(() => Object.keys(window).filter((k) => /baocao/i.test(k))).then((k) => k.length), 0, 'no global');
    // Collapsing works inside the element too.
    const toggle = a.locator('.outline-toggle').first();
    await toggle.click();
    assert.equal(await toggle.getAttribute('aria-expanded'), 'false');
    // A report with markup renders as text.
    await page.evaluate(() => {
      document.getElementById('a').report = { summary: { headline: '<img src=x onerror="window.__xss=1">', keyPoints: [] }, outline: [{ marker: 'I.', title: '<script>window.__xss=2</script>', role: 'tasks', children: [] }], metadata: {} };
    });
    assert.equal(await a.locator('.headline').innerText(), '<img src=x onerror="window.__xss=1">');
    assert.equal(await page.evaluate(() => window.__xss), undefined);
    assert.equal(await a.locator('img, script').count(), 0);
    assert.deepEqual(await page.evaluate(() => window.__cspViolations), []);
    assert.deepEqual(errors, []);
  } finally {
    await context.close();
    await srv.close();
    fs.rmSync(root, { recursive: true, force: true });
  }
});

// ---------------------------------------------------------------------------------------------
// screenshots of the new views (in target/screenshots with the others)

test('9. User Timing marks for portals: interactive, parser ready, warm-up done (parser, rendering), tier-up rounds done, each document added and rendered', T, async () => {
  const { context, page, errors } = await openSeed();
  try {
    await page.waitForFunction(() =>
      ['baocao:render-warm', 'baocao:parser-tiered'].every((n) => performance.getEntriesByName(n).length > 0),
    );
    const marks = await page.evaluate(() =>
      performance.getEntriesByType('mark').filter((m) => m.name.startsWith('baocao:')).map((m) => ({ name: m.name, t: m.startTime, detail: m.detail })),
    );
    const one = (name) => {
      const list = marks.filter((m) => m.name === name);
      assert.equal(list.length, 1, `${name} once: ${JSON.stringify(marks)}`);
      return list[0];
    };
    const interactive = one('baocao:interactive');
    const ready = one('baocao:parser-ready');
    const warm = one('baocao:parser-warm');
    assert.ok(ready.detail.version, 'parser-ready carries the version');
    assert.ok(warm.detail.ms > 0 && warm.t >= ready.t, JSON.stringify(warm));
    // The page renders the warm-up report once, detached, after the parser's warm-up; nothing of
    // it reaches the page (only the seed's report is shown).
    const renderWarm = one('baocao:render-warm');
    assert.ok(renderWarm.t >= warm.t && renderWarm.detail.ms > 0, JSON.stringify(renderWarm));
    assert.equal(await page.locator('[id^="warm-"]').count(), 0);
    // The idle rounds that get the wasm optimised run after the warm-up, once.
    const tiered = one('baocao:parser-tiered');
    assert.ok(tiered.t >= warm.t && tiered.detail.ms > 0, JSON.stringify(tiered));
    const [{ id }] = await page.evaluate(() => globalThis.baocao.docs());
    const added = one('baocao:doc-added');
    const rendered = one('baocao:doc-rendered');
    assert.deepEqual([added.detail, rendered.detail], [{ id }, { id }]);
    assert.ok(interactive.t <= added.t && added.t < rendered.t, JSON.stringify(marks));
    assert.deepEqual(errors, []);
  } finally {
    await context.close();
  }
});

test('10. places and abbreviations: one row per place of the JSON, each abbreviation written out in an <abbr title>', T, async () => {
  await withSeed(async ({ context, page, errors, report }) => {
    const places = report.places.filter((p) => p.level !== 'abbreviation');
    const abbrs = report.places.filter((p) => p.level === 'abbreviation');
    assert.ok(places.length > 0 && abbrs.length > 0, 'seed 004 names places and uses abbreviations');
    // The panel list jumps to it (panels above off screen have no real height until laid out).
    await page.click('.panel-nav a[href="#places"]');
    await page.waitForFunction(() => {
      const top = document.getElementById('places').getBoundingClientRect().top;
      return top >= 0 && top < window.innerHeight / 3;
    });
    await revealPanel(page, '#places');
    assert.equal(await page.locator('#places-heading .count').textContent(), String(report.places.length));
    const rows = await page.locator('#places .places-table tbody tr').allInnerTexts();
    assert.equal(rows.length, places.length);
    for (const [i, p] of places.entries()) assert.ok(rows[i].includes(p.name), `row ${i} names ${p.name}: ${JSON.stringify(rows[i])}`);
    const shown = await page.locator('#places .abbr-list abbr').evaluateAll((as) => as.map((a) => ({ name: a.textContent, title: a.getAttribute('title') })));
    assert.deepEqual(shown, abbrs.map((a) => ({ name: a.name, title: a.expansion ?? null })));
    // The ¶ button of a place shows it in the text.
    const first = places[0];
    await page.locator('#places .places-table tbody tr').first().locator('button').click();
    await page.waitForSelector('#text mark.span-mark');
    assert.equal(await page.locator('#text mark.span-mark').textContent(), report.text.slice(first.span.start, first.span.end));
    // English labels.
    await page.click('#lang-toggle');
    await revealPanel(page, '#places');
    assert.match(await page.locator('#places-heading').innerText(), /^Places and abbreviations/);
    assert.deepEqual(errors, []);
  });
});

test('screenshots: charts, outline, figures and the English page', T, async () => {
  fs.mkdirSync(SCREENSHOTS, { recursive: true });
  await withSeed(async ({ context, page, errors }) => {
    await page.locator('#charts').screenshot({ path: path.join(SCREENSHOTS, 'charts.png') });
    await page.locator('#metadata').screenshot({ path: path.join(SCREENSHOTS, 'metadata-compliance.png') });
    await page.locator('#outline').screenshot({ path: path.join(SCREENSHOTS, 'outline.png') });
    await page.click('#lang-toggle');
    await page.screenshot({ path: path.join(SCREENSHOTS, 'report-en.png') });
    assert.deepEqual(errors, []);
  });
});

test('11. tables: header row over the rows, text only (markup in a cell stays text), ¶ jumps to the table', T, async () => {
  const text = [
    'BÁO CÁO',
    'Kết quả thực hiện chỉ tiêu năm 2023',
    'I. KẾT QUẢ',
    'Chỉ tiêu | Kế hoạch | Thực hiện',
    'Lúa (tấn) | 1.000 | 1.034,5',
    '<img src=x onerror="window.__pwned=1"> | 200 | 210',
    'Trên đây là báo cáo kết quả thực hiện chỉ tiêu năm 2023.',
  ].join('\n');
  await withSeed(text, async ({ page, errors, report }) => {
    assert.equal(report.tables.length, 1);
    await revealPanel(page, '#tables');
    const shown = await page.$$eval('#tables table.doc-table', (ts) =>
      ts.map((t) => ({
        head: [...t.querySelectorAll('thead th')].map((th) => th.textContent.trim()),
        rows: [...t.querySelectorAll('tbody tr')].map((tr) => [...tr.querySelectorAll('td')].map((td) => td.textContent.trim())),
      })),
    );
    assert.deepEqual(shown, [
      {
        head: ['Chỉ tiêu', 'Kế hoạch', 'Thực hiện'],
        rows: [
          ['Lúa (tấn)', '1.000', '1.034,5'],
          ['<img src=x onerror="window.__pwned=1">', '200', '210'],
        ],
      },
    ]);
    assert.equal(await page.locator('#tables img').count(), 0, 'markup in a cell is never HTML');
    assert.equal(await page.evaluate(() => window.__pwned), undefined);
    assert.equal((await page.locator('[data-count-for="tables"]').first().textContent()).trim(), '1');
    await page.click('#tables .span-link');
    const marked = await page.locator('#text mark.span-mark').textContent();
    assert.ok(marked.startsWith('Chỉ tiêu | Kế hoạch') && marked.endsWith('| 200 | 210'), marked);
    assert.deepEqual(errors, []);
  });
});

test('12. outline: "gốc:" shows a marker the parser repaired, not one it only tidied ("Điều 1" → "Điều 1.")', T, async () => {
  const text = [
    'BÁO CÁO',
    'Kết quả năm 2023',
    '',
    'I. KẾT QUẢ ĐẠT ĐƯỢC',
    'Thu ngân sách đạt 100 tỷ đồng.',
    'Il. HẠN CHẾ',
    'Một số chỉ tiêu chưa đạt.',
    'III. NHIỆM VỤ NĂM 2024',
    'Phấn đấu hoàn thành.',
    'Điều 1 Phạm vi',
    'Nội dung.',
  ].join('\n');
  await withSeed(text, async ({ page, errors, report }) => {
    const flat = [];
    const walk = (ss) => ss.forEach((s) => { flat.push(s); walk(s.children || []); });
    walk(report.outline);
    // The JSON keeps both markers as they are; only the page's note is selective.
    assert.ok(flat.some((s) => s.rawMarker === 'Il.' && s.marker === 'II.'), JSON.stringify(flat.map((s) => [s.marker, s.rawMarker])));
    const tidied = flat.filter((s) => s.rawMarker && s.rawMarker !== s.marker && s.rawMarker !== 'Il.');
    assert.ok(tidied.length >= 1, 'some marker is only tidied (punctuation)');
    await revealPanel(page, '#outline');
    const notes = await page.$$eval('#outline .raw-marker', (xs) => xs.map((x) => x.textContent.trim()));
    assert.deepEqual(notes, ['gốc: Il.']);
    assert.deepEqual(errors, []);
  });
});
