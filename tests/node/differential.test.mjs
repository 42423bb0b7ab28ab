// SPEC: "The CLI and the WASM module must produce the same JSON for the same input bytes."
// Every seed report and fixture goes through the native CLI and through the wasm module (node
// target); the two JSON texts must be identical after a JSON round trip (which only normalises
// number spelling such as 1.0 vs 1).
import test from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import { cli, containerInputs, inputs, loadNode } from './harness.mjs';

const baocao = loadNode();

test('the release CLI exists', () => {
  assert.ok(existsSync(cli), `${cli} missing: cargo build --release first`);
});

for (const file of inputs()) {
  const name = path.basename(file);
  test(`CLI JSON == wasm JSON: ${name}`, () => {
    for (const withText of [false, true]) {
      const args = ['parse', ...(withText ? ['--text'] : []), file];
      const fromCli = JSON.parse(execFileSync(cli, args, { maxBuffer: 64 << 20 }).toString('utf8'));
      const fromWasm = baocao.parse(new Uint8Array(readFileSync(file)), { name, text: withText });
      assert.equal(JSON.stringify(fromWasm), JSON.stringify(fromCli));
      assert.equal(fromWasm.source.name, name);
      if (withText) assert.ok(fromWasm.text.length > 0);
    }
  });
}

// Container files: the same JSON when both read them, the same error code when both refuse them.
test('container files: CLI and wasm agree (JSON or error code)', () => {
  const files = containerInputs();
  assert.ok(files.length >= 50, `expected the legacy corpus and fixtures, found ${files.length}`);
  let parsed = 0;
  for (const file of files) {
    const name = path.basename(file);
    const res = spawnSync(cli, ['parse', '--text', file], { maxBuffer: 256 << 20 });
    let wasm;
    let wasmError = null;
    try {
      wasm = baocao.parse(new Uint8Array(readFileSync(file)), { name, text: true });
    } catch (e) {
      wasmError = e;
    }
    if (res.status === 0) {
      assert.equal(wasmError, null, `${name}: CLI parsed it, wasm threw ${wasmError && wasmError.code}`);
      assert.equal(JSON.stringify(wasm), JSON.stringify(JSON.parse(res.stdout.toString('utf8'))), name);
      parsed += 1;
    } else {
      assert.equal(res.status, 1, `${name}: exit ${res.status}`);
      assert.ok(wasmError, `${name}: CLI refused it, wasm parsed it`);
      assert.ok(res.stderr.toString('utf8').includes(`[${wasmError.code}]`), `${name}: ${res.stderr} vs ${wasmError.code}`);
    }
  }
  assert.ok(parsed > 0, 'some container files parse');
});

// Exports: the wasm `exportReport` gives the same bytes as the CLI's --format md / csv.
test('exports: CLI --format md|csv == wasm exportReport', () => {
  for (const file of inputs()) {
    const name = path.basename(file);
    const bytes = new Uint8Array(readFileSync(file));
    const run = (...args) => execFileSync(cli, ['parse', ...args, file], { maxBuffer: 64 << 20 }).toString('utf8');
    assert.equal(baocao.exportReport(bytes, 'md', { name }), run('--format', 'md'), `${name} md`);
    assert.equal(baocao.exportReport(bytes, 'csv-figures', { name }), run('--format', 'csv'), `${name} figures csv`);
    assert.equal(baocao.exportReport(bytes, 'csv-citations', { name }), run('--format', 'csv', '--table', 'citations'), `${name} citations csv`);
  }
  assert.throws(() => baocao.exportReport('x', 'pdf'), (e) => e.code === 'INVALID_OPTIONS');
});

// Comparing reports: wasm compareReports == CLI `compare` on the same figures (saved Report JSON).
test('compare: CLI compare (CSV and JSON) == wasm compareReports', async () => {
  const { mkdtempSync, writeFileSync, rmSync } = await import('node:fs');
  const os = await import('node:os');
  const dir = mkdtempSync(path.join(os.tmpdir(), 'baocao-cmp-'));
  try {
    const fig = (what, value, unit, raw) => ({ raw, value, unit, what, period: null, comparison: null, sectionPath: [], span: { start: 0, end: 1 } });
    const reports = [
      { source: { name: 'quy-2.docx' }, figures: [fig('Tổng sản lượng lương thực', 70000, 'tấn', '70.000 tấn'), fig('Thu ngân sách', 300, 'tỷ đồng', '300 tỷ đồng')] },
      { source: { name: 'quy-3.docx' }, figures: [fig('tong san luong luong thuc', 78822, 'tấn', '78.822 tấn'), fig('Số hộ nghèo', 12, 'hộ', '12 hộ')] },
    ];
    const files = reports.map((r, i) => {
      const f = path.join(dir, `r${i}.json`);
      writeFileSync(f, JSON.stringify(r));
      return f;
    });
    const items = reports.map((r) => ({ name: r.source.name, figures: r.figures }));
    const csvCli = execFileSync(cli, ['compare', ...files]).toString('utf8');
    assert.equal(baocao.compareReports(items, 'csv'), csvCli);
    const jsonCli = JSON.parse(execFileSync(cli, ['compare', '--format', 'json', ...files]).toString('utf8'));
    const table = baocao.compareReports(items);
    assert.equal(JSON.stringify(table), JSON.stringify(jsonCli));
    assert.deepEqual(table.rows[0].values, [70000, 78822]);
    assert.deepEqual(table.rows[2].missingIn, [0]);
    assert.throws(() => baocao.compareReports([{ name: 1 }]), (e) => e.code === 'INVALID_INPUT');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
