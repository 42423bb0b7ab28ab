#!/usr/bin/env bash
# Runs every test: native unit/spec/golden/invariant/CLI tests, the scorecard, the wasm module in
# headless Chromium (wasm-bindgen-test), the node API/differential/type tests, and the page's
# end-to-end tests in Chromium. Installs what is missing first (scripts/setup.sh).
set -euo pipefail
cd "$(dirname "$0")/.."
step() { printf '\n\033[1m== %s\033[0m\n' "$*"; }

step "setup"
bash scripts/setup.sh
export CHROMEDRIVER=${CHROMEDRIVER:-/usr/bin/chromedriver}

step "native tests (unit, spec examples, golden snapshots, invariants, CLI)"
cargo test --all-targets
cargo test --doc

step "release CLI + scorecard (must run without errors; legacy decoding ≥ 0.995 of transcript tokens)"
cargo build --release --bin baocao
score=$(python3 ../shared/tools/score.py --legacy --cmd "target/release/baocao parse {file}")
echo "$score"
echo "$score" | tail -n 1 | grep -q 'failed 0' || { echo "scorecard: the parser failed on some seed"; exit 1; }
# Issue 3's bar, on the exact counts (the printed 0.995 is rounded): "(hit/total, N files)".
echo "$score" | sed -n 's/^legacy\.tokens.*(\([0-9]*\)\/\([0-9]*\),.*/\1 \2/p' |
  awk '{ if ($2 == 0 || $1 / $2 < 0.995) { print "legacy decoding below 0.995: " $1 "/" $2; exit 1 } }'
echo "$score" | grep -q '^legacy\.tokens' || { echo "scorecard: no legacy line"; exit 1; }

step "wasm build (web + node) and the panic-probe build"
bash scripts/build-wasm.sh
CARGO_TARGET_DIR=target/probe OUT_WEB=target/probe/web OUT_NODE=target/probe/node \
  bash scripts/build-wasm.sh --features panic-probe
node scripts/build-single.mjs

step "wasm in headless Chromium (wasm-bindgen-test)"
cargo test --target wasm32-unknown-unknown --test web

step "node: JS API, CLI == wasm differential, TypeScript types; browser end-to-end"
node --test --test-concurrency=1 tests/node/ tests/e2e/

step "fuzzing: a short libFuzzer run per target (FUZZ_SECONDS each, default 30; longer runs: scripts/fuzz.sh)"
bash scripts/fuzz.sh "${FUZZ_SECONDS:-30}"
