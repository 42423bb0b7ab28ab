// The npm package built by scripts/build-npm.sh (target/npm/baocao): the files `npm pack` would
// publish, package.json (name, version from Cargo.toml, exports with a node condition), and the
// package used the way a consumer would — ES import, require(), and the README's own example.
import test, { before } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { root, seedsDir } from './harness.mjs';

const PKG = path.join(root, 'target/npm/baocao');
const SEED = path.join(seedsDir, '004_af1806dc496f95cd.txt');
const cargoVersion = /^\[package\][^[]*?^version\s*=\s*"([^"]+)"/ms.exec(fs.readFileSync(path.join(root, 'Cargo.toml'), 'utf8'))[1];

function run(cmd, args, opts = {}) {
  const r = spawnSync(cmd, args, { encoding: 'utf8', ...opts });
  assert.equal(r.status, 0, `${cmd} ${args.join(' ')} failed:\n${r.stdout}\n${r.stderr}`);
  return r.stdout;
}

/** A temp project whose node_modules/baocao links to the built package. */
function consumer() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'baocao-npm-'));
  fs.mkdirSync(path.join(dir, 'node_modules'));
  fs.symlinkSync(PKG, path.join(dir, 'node_modules', 'baocao'), 'dir');
  return dir;
}

before(() => {
  run('bash', [path.join(root, 'scripts/build-npm.sh')], { cwd: root });
});

test('npm pack --dry-run lists the web build, the node build, the element, README and package.json', () => {
  const out = run('npm', ['pack', '--dry-run', '--json', '--loglevel=error'], { cwd: PKG });
  const [info] = JSON.parse(out);
  const files = info.files.map((f) => f.path).sort();
  for (const f of [
    'package.json',
    'README.md',
    'web/baocao.js',
    'web/baocao_bg.wasm',
    'web/baocao.d.ts',
    'node/baocao.js',
    'node/baocao_bg.wasm',
    'node/baocao.d.ts',
    'node/index.mjs',
    'node/package.json',
    'element/baocao-element.js',
    'element/render.js',
    'element/i18n.js',
  ]) {
    assert.ok(files.includes(f), `${f} is packed: ${files.join(', ')}`);
  }
  assert.equal(info.name, 'baocao');
  assert.equal(info.version, cargoVersion);
});

test('package.json: name, version from Cargo.toml, type module, exports with node and default conditions', () => {
  const pkg = JSON.parse(fs.readFileSync(path.join(PKG, 'package.json'), 'utf8'));
  assert.equal(pkg.name, 'baocao');
  assert.equal(pkg.version, cargoVersion);
  assert.equal(pkg.type, 'module');
  const dot = pkg.exports['.'];
  assert.equal(dot.default, './web/baocao.js');
  assert.equal(dot.types, './web/baocao.d.ts');
  assert.equal(dot.node.import, './node/index.mjs');
  assert.equal(dot.node.require, './node/baocao.js');
  assert.equal(pkg.exports['./element'].default, './element/baocao-element.js');
  for (const target of [dot.default, dot.types, dot.node.import, dot.node.require, dot.node.types, pkg.exports['./element'].default]) {
    assert.ok(fs.existsSync(path.join(PKG, target)), `${target} exists`);
  }
});

test('the packaged module imported by path parses a seed (node build, ES module entry)', async () => {
  const mod = await import(pathToFileURL(path.join(PKG, 'node/index.mjs')).href);
  await mod.default(); // no-op in node, same code as the web build
  const report = mod.parse(fs.readFileSync(SEED), { text: false });
  assert.equal(report.schemaVersion, 1);
  assert.equal(report.metadata.docType.name, 'Báo cáo');
  assert.ok(report.figures.length > 100);
  assert.equal(mod.version(), cargoVersion);
});

test('a consumer project: import and require of "baocao" both resolve to the node build and parse', () => {
  const dir = consumer();
  try {
    const esm = run(process.execPath, ['--input-type=module', '-e',
      `import init, { parse, version } from 'baocao';
       import { readFileSync } from 'node:fs';
       await init();
       const r = parse(readFileSync(${JSON.stringify(SEED)}));
       console.log(JSON.stringify({ v: version(), type: r.metadata.docType.name, n: r.outline.length }));`], { cwd: dir });
    const a = JSON.parse(esm.trim());
    assert.deepEqual(a, { v: cargoVersion, type: 'Báo cáo', n: a.n });
    assert.ok(a.n > 0);
    const cjs = run(process.execPath, ['-e',
      `const { parse } = require('baocao');
       const r = parse(require('node:fs').readFileSync(${JSON.stringify(SEED)}));
       console.log(r.outline.length);`], { cwd: dir });
    assert.equal(Number(cjs.trim()), a.n);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

test("the README's Node example runs as written", () => {
  const readme = fs.readFileSync(path.join(PKG, 'README.md'), 'utf8');
  assert.ok(!readme.includes('@VERSION@'), 'version substituted');
  const example = /## Node[^\n]*\n+```js\n([\s\S]*?)```/.exec(readme)?.[1];
  assert.ok(example, 'README has a Node example');
  const dir = consumer();
  try {
    fs.writeFileSync(path.join(dir, 'try.mjs'), example);
    const out = run(process.execPath, ['try.mjs', SEED], { cwd: dir });
    assert.ok(out.startsWith(cargoVersion), out);
    assert.ok(out.split('\n').length >= 6, out);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

test('TypeScript: a consumer type-checks against the package types (bundler and node16 resolution)', () => {
  const tsc = path.join(root, 'node_modules/.bin/tsc');
  const dir = consumer();
  try {
    fs.writeFileSync(
      path.join(dir, 'check.mts'),
      `import init, { parse, version, type Report } from 'baocao';
import type { BaocaoReport } from 'baocao/element';
await init();
const r: Report = parse('BÁO CÁO', { text: true });
const n: string | null = r.metadata.numberSymbol;
const v: string = version();
declare const el: BaocaoReport;
el.report = r;
// @ts-expect-error: the options are checked
parse('x', { nonsense: true });
export { n, v };
`,
    );
    for (const resolution of [['--module', 'esnext', '--moduleResolution', 'bundler'], ['--module', 'node16', '--moduleResolution', 'node16']]) {
      const res = spawnSync(tsc, ['--noEmit', '--strict', '--target', 'es2022', '--lib', 'es2022,dom', '--skipLibCheck', ...resolution, 'check.mts'], { cwd: dir, encoding: 'utf8' });
      assert.equal(res.status, 0, `${resolution.join(' ')}:\n${res.stdout}${res.stderr}`);
    }
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
