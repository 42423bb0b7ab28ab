#!/usr/bin/env bash
# Scores the release CLI on the held-out set (tests/heldout/: three legacy documents with blind,
# hand-made truth; see its README — never tune on it). Needs ../shared and a release build.
set -euo pipefail
cd "$(dirname "$0")/.."
L=../shared/corpus/legacy/corpus/public-domain
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
for f in tcvn3/2004-0328NDCP.doc tcvn3/2004-A3.rtf vni/2007-Quy-che-chi-tieu-noi-bo-2007.doc; do
  ln -s "$(realpath "$L/$f")" "$dir/"
done
[ -x target/release/baocao ] || cargo build --release --bin baocao
python3 ../shared/tools/score.py --truth tests/heldout/truth.json --corpus "$dir" \
  --cmd "target/release/baocao parse {file}" "$@"
