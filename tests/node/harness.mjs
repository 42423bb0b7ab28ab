// Shared paths and loaders for the node tests: the built modules must exist (the test script
// builds them first); a missing build is a failure, not a skip.
import { createRequire } from 'node:module';
import { existsSync, readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import path from 'node:path';

export const root = fileURLToPath(new URL('../../', import.meta.url));
export const seedsDir = path.join(root, '../shared/corpus/seeds');
export const fixturesDir = path.join(root, 'tests/fixtures');
export const cli = path.join(root, 'target/release/baocao');

const require = createRequire(import.meta.url);

export function loadNode(dir = 'pkg/node') {
  const file = path.join(root, dir, 'baocao.js');
  if (!existsSync(file)) throw new Error(`${file} is missing: run scripts/build-wasm.sh first`);
  return require(file);
}

export function inputs() {
  const seeds = readdirSync(seedsDir).filter((f) => f.endsWith('.txt')).sort().map((f) => path.join(seedsDir, f));
  const fixtures = readdirSync(fixturesDir).filter((f) => f.endsWith('.txt')).sort().map((f) => path.join(fixturesDir, f));
  if (seeds.length < 5) throw new Error(`expected 5 seed reports in ${seedsDir}`);
  return [...seeds, ...fixtures];
}
