#!/usr/bin/env bash
# Builds the wasm module and the page, then serves www/ on 127.0.0.1 and prints its address.
# PORT=8080 by default; if it is taken, a free port is used. Ctrl-C stops the server.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
bash scripts/build-wasm.sh
node scripts/build-single.mjs
echo "[run] single-file offline build: $(pwd)/dist/baocao.html (open it from disk)" >&2
exec node scripts/serve.mjs --root www --port "${PORT:-8080}"
