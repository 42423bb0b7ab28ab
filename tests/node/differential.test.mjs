// SPEC: "The CLI and the WASM module must produce the same JSON for the same input bytes."
// Every seed report and fixture goes through the native CLI and through the wasm module (node
// target); the two JSON texts must be identical after a JSON round trip (which only normalises
// number spelling such as 1.0 vs 1).
import test from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { cli, inputs, loadNode } from './harness.mjs';

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
