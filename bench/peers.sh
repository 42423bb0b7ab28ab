#!/usr/bin/env bash
# Side-by-side peer comparison (issue 10), one command:
#
#   bash bench/peers.sh            → Markdown tables on stdout, raw data in target/peers/run/
#
# On the same files, in the same run:
#   1. legacy decoding + normalisation (../shared/corpus/legacy: TCVN3/VNI .doc/.rtf/.pdf and the
#      synthetic VNI .docx) — baocao (native in process, release CLI in one process, wasm in Node)
#      vs viparse (PyPI), time per document and token accuracy against the transcripts;
#   2. .docx text extraction — baocao (native, wasm in Node) vs mammoth `extractRawText`;
#   3. .pdf text extraction — baocao (native, wasm in Node) vs pdfjs-dist `getTextContent`;
#      viparse is timed in process with encoding='auto' (its README: content detection, which
#      the RTF and PDF files need: they carry no font signal it reads), and in one pass both ways;
#   4. the floor: one pass counting line feeds over the same bytes (Rust in the bench process,
#      and a Buffer loop in Node).
# It builds what is needed (release CLI, examples/peers, the wasm module), installs what is
# missing (npm ci for mammoth/pdfjs-dist; a venv in target/peers/venv with viparse), then runs.
# Timed parts run under `nice` (PEERS_NICE, default 5): the machines are shared.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
LEGACY=$(realpath "${PEERS_LEGACY:-$ROOT/../shared/corpus/legacy}")
OUT=$ROOT/target/peers/run
VENV=$ROOT/target/peers/venv
VIPARSE_SPEC='viparse[office,pdf,rtf]==0.1.31'
NICE=(nice -n "${PEERS_NICE:-5}")
log() { printf '[peers] %s\n' "$*" >&2; }
now() { date +%s%N; }

# --- build and install -----------------------------------------------------------------------
log "building the release CLI, examples/peers and the wasm module"
cargo build --release --quiet --bin baocao --example peers
bash scripts/build-wasm.sh 2>&1 | grep -v '^\s*Compiling' >&2 || true
if [ ! -d node_modules/mammoth ] || [ ! -d node_modules/pdfjs-dist ]; then
  log "npm ci (mammoth, pdfjs-dist)"
  npm ci --no-audit --no-fund >&2
fi
if ! "$VENV/bin/python" -c 'import viparse, pdfplumber, docx, olefile, striprtf' 2>/dev/null; then
  log "installing $VIPARSE_SPEC into $VENV"
  python3 -m venv "$VENV"
  "$VENV/bin/pip" install --quiet "$VIPARSE_SPEC" >&2
fi

# --- the files -------------------------------------------------------------------------------
rm -rf "$OUT"
mkdir -p "$OUT"
find "$LEGACY/corpus" -type f \( -name '*.doc' -o -name '*.rtf' -o -name '*.pdf' -o -name '*.docx' \) | sort > "$OUT/legacy.list"
# bomb.docx is a decompression-bomb fixture (refused by design): not a text-extraction input.
{ find "$LEGACY/corpus" -type f -name '*.docx'; ls "$ROOT"/tests/fixtures/containers/*.docx | grep -v '/bomb\.docx$'; } | sort > "$OUT/docx.list"
{ find "$LEGACY/corpus" -type f -name '*.pdf'; ls "$ROOT"/tests/fixtures/pdf/*.pdf; } | sort > "$OUT/pdf.list"
sort -u "$OUT/legacy.list" "$OUT/docx.list" "$OUT/pdf.list" > "$OUT/all.list"
mapfile -t LEG < "$OUT/legacy.list"
mapfile -t ALL < "$OUT/all.list"
log "${#LEG[@]} legacy files, $(wc -l < "$OUT/docx.list") docx, $(wc -l < "$OUT/pdf.list") pdf"

{
  echo "date: $(date -u '+%Y-%m-%d %H:%M UTC')"
  echo "commit: $(git rev-parse --short HEAD)$(git diff --quiet HEAD -- src Cargo.toml Cargo.lock || echo ' (+ uncommitted changes)')"
  echo "cpu: $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs), $(nproc) cores; $(free -g | awk '/Mem:/{print $2}') GiB"
  echo "load average at start: $(cut -d' ' -f1-3 /proc/loadavg)"
  echo "rustc: $(rustc --version); node: $(node --version); python: $("$VENV/bin/python" --version)"
} > "$OUT/meta.txt"

median5() { # median wall time (ns) of 5 runs of a command
  local ts=() t
  for _ in 1 2 3 4 5; do t=$(now); "$@" > /dev/null 2>&1 || true; ts+=($(( $(now) - t ))); done
  printf '%s\n' "${ts[@]}" | sort -n | sed -n 3p
}

# --- 1. one process over all legacy files (process start subtracted) --------------------------
log "one process: baocao CLI over ${#LEG[@]} files (median of 3), and its empty run"
printf 'x\n' > "$OUT/empty.txt"
CLI=$ROOT/target/release/baocao
cli_empty=$(median5 "${NICE[@]}" "$CLI" parse --text "$OUT/empty.txt")
ts=()
for _ in 1 2 3; do
  t=$(now); "${NICE[@]}" "$CLI" parse --text "${LEG[@]}" > "$OUT/cli.jsonl" 2> "$OUT/cli.err" || true; ts+=($(( $(now) - t )))
done
cli_total=$(printf '%s\n' "${ts[@]}" | sort -n | sed -n 2p)
log "one process: viparse over ${#LEG[@]} files (one pass), and its empty run"
PY="$VENV/bin/python"
vp_empty=$(median5 "${NICE[@]}" "$PY" bench/peers_viparse.py once "$OUT/vp-once")
t=$(now); "${NICE[@]}" "$PY" bench/peers_viparse.py once "$OUT/vp-once" "${LEG[@]}" 2> "$OUT/vp-once.err" || true
vp_total=$(( $(now) - t ))
log "one process: viparse with VIPARSE_ENCODING=auto (content detection), one pass, and its empty run"
vpa_empty=$(VIPARSE_ENCODING=auto median5 "${NICE[@]}" "$PY" bench/peers_viparse.py once "$OUT/vp-auto")
t=$(now); VIPARSE_ENCODING=auto "${NICE[@]}" "$PY" bench/peers_viparse.py once "$OUT/vp-auto" "${LEG[@]}" 2> "$OUT/vp-auto.err" || true
vpa_total=$(( $(now) - t ))

# --- in-process timings ------------------------------------------------------------------------
log "native in process (examples/peers) over ${#ALL[@]} files"
"${NICE[@]}" target/release/examples/peers "$OUT/baocao-native" "${ALL[@]}" > "$OUT/native.jsonl"
log "Node: baocao wasm, mammoth, pdf.js, floor over ${#ALL[@]} files"
"${NICE[@]}" node bench/peers.mjs "$OUT" "${ALL[@]}" > "$OUT/node.jsonl" 2> "$OUT/node.err"
log "viparse (encoding=auto) in process over ${#LEG[@]} files (slow: seconds per large .doc)"
VIPARSE_ENCODING=${PEERS_VIPARSE_ENCODING-auto} "${NICE[@]}" "$PY" bench/peers_viparse.py steady "$OUT/viparse" "${LEG[@]}" > "$OUT/viparse.jsonl" 2> "$OUT/viparse.err"
echo "load average at end: $(cut -d' ' -f1-3 /proc/loadavg)" >> "$OUT/meta.txt"

# --- accuracy and tables ---------------------------------------------------------------------
log "token accuracy"
python3 bench/peers_viparse.py score baocao-native="$OUT/baocao-native" baocao-wasm="$OUT/baocao-wasm" \
  viparse="$OUT/viparse" viparse-once="$OUT/vp-once" viparse-auto="$OUT/vp-auto" mammoth="$OUT/mammoth" pdfjs="$OUT/pdfjs" -- "${ALL[@]}" > "$OUT/score.jsonl"
ver() { node -p "require('./node_modules/$1/package.json').version"; }
cat > "$OUT/procs.json" <<EOF
{"cli_total_ns": $cli_total, "cli_empty_ns": $cli_empty, "cli_files": ${#LEG[@]},
 "viparse_total_ns": $vp_total, "viparse_empty_ns": $vp_empty, "viparse_files": ${#LEG[@]},
 "viparse_auto_total_ns": $vpa_total, "viparse_auto_empty_ns": $vpa_empty, "viparse_encoding": "${PEERS_VIPARSE_ENCODING-auto}",
 "viparse_version": "$("$PY" -c 'import importlib.metadata as m; print(m.version("viparse"))')",
 "mammoth_version": "$(ver mammoth)", "pdfjs_version": "$(ver pdfjs-dist)"}
EOF
{
  sed 's/^/    /' "$OUT/meta.txt"
  echo
  python3 bench/peers_viparse.py report "$OUT"
} | tee "$OUT/peers.md"
