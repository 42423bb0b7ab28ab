#!/usr/bin/env bash
# Builds the npm package directory target/npm/baocao/ from the wasm builds:
#   web/      --target web glue + wasm + .d.ts (browser, bundler, Web Worker)
#   node/     --target nodejs glue (CommonJS) + an ES module entry (index.mjs) + .d.ts
#   element/  <baocao-report> custom element (+ render.js, i18n.js it imports)
#   package.json (name baocao, version from Cargo.toml, exports with a "node" condition), README.md
# Runs scripts/build-wasm.sh first if www/pkg or pkg/node is missing.
# Then: (cd target/npm/baocao && npm pack)  →  baocao-<version>.tgz
set -euo pipefail
cd "$(dirname "$0")/.."
if [ ! -f www/pkg/baocao_bg.wasm ] || [ ! -f pkg/node/baocao_bg.wasm ]; then
  bash scripts/build-wasm.sh
fi
VERSION=$(awk -F'"' '/^\[package\]/{p=1} p && /^version *=/{print $2; exit}' Cargo.toml)
[ -n "$VERSION" ] || { echo "build-npm: no version in Cargo.toml" >&2; exit 1; }
OUT=target/npm/baocao
rm -rf "$OUT"
mkdir -p "$OUT/web" "$OUT/node" "$OUT/element"
cp www/pkg/baocao.js www/pkg/baocao_bg.wasm www/pkg/baocao.d.ts www/pkg/baocao_bg.wasm.d.ts "$OUT/web/"
cp pkg/node/baocao.js pkg/node/baocao_bg.wasm pkg/node/baocao.d.ts pkg/node/baocao_bg.wasm.d.ts "$OUT/node/"
echo '{ "type": "commonjs" }' > "$OUT/node/package.json"
cp scripts/npm/node-index.mjs "$OUT/node/index.mjs"
cp scripts/npm/node-index.d.ts "$OUT/node/index.d.mts"
cp www/baocao-element.js www/render.js www/i18n.js "$OUT/element/"
cp scripts/npm/baocao-element.d.ts "$OUT/element/"
sed "s/@VERSION@/$VERSION/g" scripts/npm/README.md > "$OUT/README.md"
if [ -f LICENSE ]; then cp LICENSE "$OUT/"; fi
DESC=$(awk -F'"' '/^description *=/{print $2; exit}' Cargo.toml)
VERSION="$VERSION" DESC="$DESC" node -e '
const pkg = {
  name: "baocao",
  version: process.env.VERSION,
  description: process.env.DESC,
  license: "MIT",
  type: "module",
  main: "./node/baocao.js",
  module: "./web/baocao.js",
  types: "./web/baocao.d.ts",
  exports: {
    ".": {
      node: {
        types: "./node/index.d.mts",
        import: "./node/index.mjs",
        require: "./node/baocao.js",
      },
      types: "./web/baocao.d.ts",
      default: "./web/baocao.js",
    },
    "./web": { types: "./web/baocao.d.ts", default: "./web/baocao.js" },
    "./node": { types: "./node/baocao.d.ts", require: "./node/baocao.js", default: "./node/index.mjs" },
    "./baocao_bg.wasm": "./web/baocao_bg.wasm",
    "./element": { types: "./element/baocao-element.d.ts", default: "./element/baocao-element.js" },
    "./package.json": "./package.json",
  },
  files: ["web/", "node/", "element/", "README.md"],
  sideEffects: ["./element/baocao-element.js"],
  keywords: ["vietnamese", "government", "report", "parser", "wasm", "offline"],
  engines: { node: ">=18" },
};
process.stdout.write(JSON.stringify(pkg, null, 2) + "\n");
' > "$OUT/package.json"
printf '[build-npm] %s: baocao %s\n' "$OUT" "$VERSION" >&2
