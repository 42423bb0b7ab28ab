#!/usr/bin/env bash
# Installs whatever this project needs and is missing; idempotent, ~2 s when all is there.
# Fresh machine: wasm32 target (3 s), wasm-bindgen CLI at the version pinned in Cargo.lock
# (cargo install, 2–3 min), Debian chromium + chromium-driver + fonts-noto-mono (about 1 min),
# npm packages from package-lock.json.
set -euo pipefail
cd "$(dirname "$0")/.."

say() { printf '\033[1m[setup]\033[0m %s\n' "$*" >&2; }

if ! rustup target list --installed 2>/dev/null | grep -qx wasm32-unknown-unknown; then
  say "adding Rust target wasm32-unknown-unknown"
  rustup target add wasm32-unknown-unknown
fi

[ -f Cargo.lock ] || cargo generate-lockfile
WB=$(awk '/^name = "wasm-bindgen"$/{getline; gsub(/[^0-9.]/,""); print; exit}' Cargo.lock)
if [ "$(wasm-bindgen --version 2>/dev/null)" != "wasm-bindgen $WB" ]; then
  say "installing wasm-bindgen-cli $WB (takes 2–3 minutes once)"
  # --locked fails on this registry (a pinned webpki-roots is missing), so fall back without it.
  cargo install wasm-bindgen-cli --version "$WB" --locked 2>/dev/null || cargo install wasm-bindgen-cli --version "$WB"
fi

need_apt=()
command -v chromium >/dev/null 2>&1 || need_apt+=(chromium)
command -v chromedriver >/dev/null 2>&1 || need_apt+=(chromium-driver)
fc-list 2>/dev/null | grep -q "Noto Sans Mono" || need_apt+=(fonts-noto-mono)
if [ ${#need_apt[@]} -gt 0 ]; then
  say "installing Debian packages: ${need_apt[*]}"
  SUDO=""; [ "$(id -u)" = 0 ] || SUDO="sudo"
  export DEBIAN_FRONTEND=noninteractive
  $SUDO apt-get update -qq
  $SUDO apt-get install -y -qq --no-install-recommends "${need_apt[@]}" >/dev/null
fi

if [ ! -d node_modules/playwright-core ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  say "installing npm packages"
  npm ci --no-audit --no-fund --loglevel=error
fi
