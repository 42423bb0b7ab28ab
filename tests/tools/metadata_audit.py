#!/usr/bin/env python3
"""Metadata audit over the legacy dev corpus: runs the CLI on every public-domain legacy file
(held-out files excluded) and prints number / date / type / issuer / signer per file, so misses
are visible; judge them against the transcripts in corpus/legacy/ground-truth by eye.

    cargo build --release --bin baocao
    python3 tests/tools/metadata_audit.py [--bin target/release/baocao] [--corpus ../shared/corpus/legacy] [--wide]

The last line counts the files with each field found.
"""
import argparse
import json
import os
import subprocess
import sys

# Held out from the team: never run, never tuned on.
HELD_OUT = {"2004-0328NDCP", "2004-A3", "2007-Quy-che-chi-tieu-noi-bo-2007"}
FIELDS = ["number", "date", "type", "issuer", "signer"]


def fields(md):
    sig = md.get("signature") or {}
    issuer = md.get("issuer") or {}
    return {
        "number": md.get("numberSymbol"),
        "date": md.get("date"),
        "type": (md.get("docType") or {}).get("name"),
        "issuer": " / ".join(x for x in [issuer.get("parent"), issuer.get("name")] if x) or None,
        "signer": " | ".join(x for x in [sig.get("authority"), sig.get("body"), sig.get("title"), sig.get("name")] if x) or None,
        "place": md.get("place"),
        "subject": md.get("subject"),
    }


def main():
    here = os.path.dirname(os.path.abspath(__file__))
    root = os.path.dirname(os.path.dirname(here))
    ap = argparse.ArgumentParser()
    ap.add_argument("--bin", default=os.path.join(root, "target", "release", "baocao"))
    ap.add_argument("--corpus", default=os.path.join(root, "..", "shared", "corpus", "legacy"))
    ap.add_argument("--wide", action="store_true", help="also print place and subject")
    a = ap.parse_args()
    base = os.path.join(a.corpus, "corpus", "public-domain")
    files = []
    for d, _, fs in os.walk(base):
        for f in fs:
            if os.path.splitext(f)[0] not in HELD_OUT:
                files.append(os.path.join(d, f))
    files.sort(key=os.path.basename)
    counts = dict.fromkeys(FIELDS, 0)
    for path in files:
        name = os.path.splitext(os.path.basename(path))[0]
        r = subprocess.run([a.bin, "parse", path], capture_output=True, text=True, timeout=120)
        if r.returncode != 0:
            print(f"{name}: ERROR {r.stderr.strip()[:200]}")
            continue
        v = fields(json.loads(r.stdout)["metadata"])
        for k in FIELDS:
            counts[k] += v[k] is not None
        print(f"== {name}")
        for k in FIELDS + (["place", "subject"] if a.wide else []):
            s = v[k] if v[k] is not None else "-"
            print(f"   {k:8} {s[:140]}")
    print(f"{len(files)} files: " + ", ".join(f"{k} {counts[k]}" for k in FIELDS))


if __name__ == "__main__":
    sys.exit(main())
