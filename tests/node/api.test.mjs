// The JS API contract: inputs (string, Uint8Array, ArrayBuffer), options, JSON-compatible output,
// errors as Error objects with a code, and recovery after a panic (panic-probe build).
import test from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { loadNode } from './harness.mjs';

const baocao = loadNode();
const REPORT = 'Số: 45/KH-UBND\nHà Nội, ngày 05 tháng 02 năm 2024\nKẾ HOẠCH\nTriển khai chuyển đổi số năm 2024\nI. MỤC TIÊU\n';

test('string, Uint8Array and ArrayBuffer give the same report', () => {
  const bytes = new TextEncoder().encode(REPORT);
  const a = baocao.parse(REPORT, { text: true });
  const b = baocao.parse(bytes, { text: true });
  const c = baocao.parse(bytes.buffer, { text: true });
  assert.deepEqual(b, a);
  assert.deepEqual(c, a);
  assert.equal(a.metadata.numberSymbol, '45/KH-UBND');
  assert.equal(a.metadata.date, '2024-02-05');
  assert.equal(a.metadata.docType.name, 'Kế hoạch');
  assert.equal(a.outline[0].role, 'targets');
});

test('output is plain JSON data: null not undefined, no Map, every key present', () => {
  const r = baocao.parse('x');
  assert.equal(Object.getPrototypeOf(r), Object.prototype);
  assert.deepEqual(JSON.parse(JSON.stringify(r)), r);
  for (const k of ['schemaVersion', 'source', 'metadata', 'outline', 'figures', 'citations', 'footnotes', 'summary', 'diagnostics', 'text']) {
    assert.ok(k in r, `key ${k}`);
  }
  assert.equal(r.text, null);
  assert.equal(r.metadata.signature, null);
  assert.deepEqual(r.metadata.recipients, []);
});

test('errors are Error objects with a code', () => {
  const cases = [
    [new Uint8Array([0x25, 0x50, 0x44, 0x46, 0x2d]), undefined, 'CORRUPT_FILE'],
    [new Uint8Array([0x50, 0x4b, 3, 4, 0, 0]), undefined, 'CORRUPT_FILE'],
    [new Uint8Array(readFileSync(new URL('../fixtures/pdf/encrypted.pdf', import.meta.url))), undefined, 'ENCRYPTED_FILE'],
    [new Uint8Array(readFileSync(new URL('../fixtures/containers/encrypted.docx', import.meta.url))), undefined, 'ENCRYPTED_FILE'],
    [new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0, 0]), undefined, 'BINARY_INPUT'],
    [42, undefined, 'INVALID_INPUT'],
    [{}, undefined, 'INVALID_INPUT'],
    ['x', { txt: true }, 'INVALID_OPTIONS'],
    ['x', { text: 'yes' }, 'INVALID_OPTIONS'],
    ['x', 7, 'INVALID_OPTIONS'],
  ];
  for (const [input, options, code] of cases) {
    assert.throws(() => baocao.parse(input, options), (e) => e instanceof Error && e.code === code && e.message.length > 0, code);
  }
  // The module is still usable after errors.
  assert.equal(baocao.parse(REPORT).metadata.number, '45');
});

test('a panic becomes an Error with code INTERNAL and the next call works (panic-probe build)', () => {
  const probe = loadNode('target/probe/node');
  assert.equal(probe.parse(REPORT).metadata.number, '45');
  for (let i = 0; i < 3; i++) {
    assert.throws(() => probe.__panicProbe(), (e) => e instanceof Error && e.code === 'INTERNAL' && /panic probe/.test(e.message));
    assert.equal(probe.parse(REPORT).metadata.number, '45', 'fresh instance after the panic');
  }
});

test('the shipped module has no panic probe', () => {
  assert.equal(typeof baocao.__panicProbe, 'undefined');
});

test('version() matches Cargo.toml', async () => {
  const { readFileSync } = await import('node:fs');
  const cargo = readFileSync(new URL('../../Cargo.toml', import.meta.url), 'utf8');
  assert.equal(baocao.version(), cargo.match(/^version = "([^"]+)"/m)[1]);
});
