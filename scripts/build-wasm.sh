#!/usr/bin/env bash
# Builds the wasm module (release) and its JS glue + TypeScript types:
#   www/pkg/   --target web     (the page, the worker, the single-file build)
#   pkg/node/  --target nodejs  (node tests and benchmarks)
# Extra cargo flags may be passed (e.g. --features panic-probe) with OUT_WEB/OUT_NODE overridden.
set -euo pipefail
cd "$(dirname "$0")/.."
OUT_WEB=${OUT_WEB:-www/pkg}
OUT_NODE=${OUT_NODE:-pkg/node}
TARGET_DIR=${CARGO_TARGET_DIR:-target}
cargo build --release --target wasm32-unknown-unknown --lib "$@"
WASM="$TARGET_DIR/wasm32-unknown-unknown/release/baocao.wasm"
FLAGS=(--remove-name-section --remove-producers-section)
wasm-bindgen --target web "${FLAGS[@]}" --out-dir "$OUT_WEB" "$WASM"
wasm-bindgen --target nodejs "${FLAGS[@]}" --out-dir "$OUT_NODE" "$WASM"
# The repo's package.json says "type": "module"; the nodejs glue is CommonJS.
echo '{ "type": "commonjs" }' > "$OUT_NODE/package.json"
printf '[build-wasm] %s: %s bytes (gzip %s)\n' "$OUT_WEB/baocao_bg.wasm" \
  "$(wc -c < "$OUT_WEB/baocao_bg.wasm")" "$(gzip -9 -c "$OUT_WEB/baocao_bg.wasm" | wc -c)" >&2
