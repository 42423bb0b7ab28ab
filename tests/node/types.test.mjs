// The TypeScript types are generated from the Rust types (tsify → baocao.d.ts). This checks them
// against reality: real reports (JSON from the CLI) must type-check as `Report`, and an object
// with a wrong field type must not — so the check can fail.
import test from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync, copyFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { cli, inputs, root } from './harness.mjs';

const tsc = path.join(root, 'node_modules/.bin/tsc');
const dts = path.join(root, 'www/pkg/baocao.d.ts');

function typecheck(body) {
  const dir = mkdtempSync(path.join(tmpdir(), 'baocao-ts-'));
  copyFileSync(dts, path.join(dir, 'baocao.d.ts'));
  writeFileSync(path.join(dir, 'check.ts'), `import type { Report, ParseOptions } from './baocao';\nimport { parse } from './baocao';\n${body}\n`);
  return spawnSync(tsc, ['--noEmit', '--strict', '--target', 'es2022', '--module', 'es2022', '--moduleResolution', 'bundler', path.join(dir, 'check.ts')], { encoding: 'utf8' });
}

test('generated d.ts declares Report, ParseOptions and parse()', () => {
  const d = readFileSync(dts, 'utf8');
  assert.match(d, /export interface Report \{/);
  assert.match(d, /export interface ParseOptions \{/);
  assert.match(d, /export function parse\(input: string \| Uint8Array \| ArrayBuffer, options\?: ParseOptions \| null\): Report;/);
});

test('real reports type-check as Report', () => {
  const reports = inputs().map((f) => execFileSync(cli, ['parse', '--text', f]).toString('utf8').trim());
  const body = reports.map((j, i) => `const r${i}: Report = ${j};`).join('\n') +
    `\nconst o: ParseOptions = { name: 'a.txt', text: true };\nconst r: Report = parse('x', o);\nconst n: string | null = r.metadata.numberSymbol;\n`;
  const res = typecheck(body);
  assert.equal(res.status, 0, res.stdout + res.stderr);
});

test('a wrongly typed report is rejected', () => {
  const good = JSON.parse(execFileSync(cli, ['parse', inputs()[0]]).toString('utf8'));
  good.metadata.motto = 'yes';
  const res = typecheck(`const r: Report = ${JSON.stringify(good)};`);
  assert.notEqual(res.status, 0, 'tsc must reject motto: string');
  assert.match(res.stdout + res.stderr, /TS2322: Type 'string' is not assignable to type 'boolean'/);
});
