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

const CONTAINERS = /\.(docx|doc|rtf|pdf|html?|md)$/i;

function listDir(dir, re) {
  if (!existsSync(dir)) return [];
  return readdirSync(dir).filter((f) => re.test(f)).sort().map((f) => path.join(dir, f));
}

/** Container files: our fixtures and the real legacy corpus (.doc/.rtf/.pdf/.docx). */
export function containerInputs() {
  const legacy = path.join(root, '../shared/corpus/legacy/corpus');
  return [
    ...listDir(path.join(root, 'tests/fixtures/containers'), CONTAINERS),
    ...listDir(path.join(root, 'tests/fixtures/pdf'), CONTAINERS),
    ...listDir(path.join(legacy, 'public-domain/tcvn3'), CONTAINERS),
    ...listDir(path.join(legacy, 'public-domain/vni'), CONTAINERS),
    ...listDir(path.join(legacy, 'synthetic'), CONTAINERS),
  ];
}

export function inputs() {
  const seeds = readdirSync(seedsDir).filter((f) => f.endsWith('.txt')).sort().map((f) => path.join(seedsDir, f));
  const fixtures = readdirSync(fixturesDir).filter((f) => f.endsWith('.txt')).sort().map((f) => path.join(fixturesDir, f));
  if (seeds.length < 5) throw new Error(`expected 5 seed reports in ${seedsDir}`);
  return [...seeds, ...fixtures];
}
