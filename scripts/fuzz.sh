#!/usr/bin/env bash
# Fuzzes the parser with libFuzzer (cargo-fuzz): each target for SECONDS (default 60), seeded
# from the repo's fixtures. A crash stops the run with the crashing input in fuzz/artifacts/;
# turn it into a named regression test (tests/fuzz_regressions.rs) before fixing it.
#   bash scripts/fuzz.sh [SECONDS] [TARGET…]
# Runs on the stable toolchain: no sanitizer (-s none); RUSTC_BOOTSTRAP lets cargo-fuzz pass the
# coverage flags it needs.
set -euo pipefail
cd "$(dirname "$0")/.."
secs=${1:-60}
shift || true
targets=("$@")
[ ${#targets[@]} -gt 0 ] || targets=(parse decode docx rtf doc pdf)
command -v cargo-fuzz >/dev/null || cargo install cargo-fuzz --locked --version 0.13.2
export RUSTC_BOOTSTRAP=1
for t in "${targets[@]}"; do
  dir="fuzz/corpus/$t"
  mkdir -p "$dir"
  case $t in
    docx) src=(tests/fixtures/containers/*.docx) ;;
    rtf) src=(tests/fixtures/containers/*.rtf) ;;
    doc) src=(tests/fixtures/containers/*.doc) ;;
    pdf) src=(tests/fixtures/pdf/*.pdf) ;;
    *) src=(tests/fixtures/*.txt tests/fixtures/containers/* tests/fixtures/pdf/*.pdf tests/spec/*.md) ;;
  esac
  for f in "${src[@]}"; do
    [ -f "$f" ] && cp -n "$f" "$dir/$(echo "$f" | tr '/' '_')" || true
  done
  echo "[fuzz] $t: ${secs}s"
  cargo fuzz run -s none "$t" "$dir" -- -max_total_time="$secs" -max_len=65536 -timeout=30 -rss_limit_mb=2048 2>&1 \
    | grep -E '^(#[0-9]+\s+DONE|Done|==|SUMMARY|INFO: Running|\[fuzz\])|panicked|Test unit written|stat::' || true
  if ls fuzz/artifacts/"$t"/crash-* fuzz/artifacts/"$t"/timeout-* fuzz/artifacts/"$t"/oom-* >/dev/null 2>&1; then
    echo "[fuzz] $t: found a failing input in fuzz/artifacts/$t/"; exit 1
  fi
done
