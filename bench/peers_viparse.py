#!/usr/bin/env python3
"""Peer comparison, Python side (bench/peers.sh runs this in target/peers/venv).

  peers_viparse.py once  OUT_DIR FILE...   one pass of viparse.load over the files (no repeats):
                                           the runner times the whole process, minus an empty run
  peers_viparse.py steady OUT_DIR FILE...  per file: first call, then median of repeats (in process);
                                           writes OUT_DIR/<name>.txt, prints one JSON line per file
  peers_viparse.py score TOOL=DIR... -- FILE...
                                           token accuracy of each tool's DIR/<name>.txt against the
                                           transcript, printed as JSON

viparse is called as its README says: viparse.load(path, output="text") -> [Document], whose
`.text` is the NFC text; settings are resolved once (load_settings) and passed, as its docstring
recommends for many files. `encoding` is left at its default (font signals, no content guessing),
unless VIPARSE_ENCODING is set (e.g. "auto").

Token accuracy is the method of shared/tools/score.py's legacy score: NFC, whitespace split,
difflib.SequenceMatcher(autojunk=False) over the token sequences, matched tokens / transcript
tokens, pooled over the files.
"""
import difflib, json, os, statistics, sys, time, unicodedata

LEGACY = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "shared", "corpus", "legacy")
LEGACY = os.environ.get("PEERS_LEGACY", os.path.normpath(LEGACY))


def viparse_loader():
    import viparse

    settings = viparse.load_settings()
    enc = os.environ.get("VIPARSE_ENCODING")
    kw = {"output": "text", "settings": settings}
    if enc:
        kw["encoding"] = enc

    def load(path):
        docs = viparse.load(path, **kw)
        return "\n".join(d.text for d in docs)

    return load


def once(out, files):
    load = viparse_loader()
    for f in files:
        try:
            load(f)
        except Exception:  # noqa: BLE001 — a failure is timed like a success and scored as empty
            pass


def steady(out, files, budget=float(os.environ.get("PEERS_PY_BUDGET", "0.6"))):
    os.makedirs(out, exist_ok=True)
    load = viparse_loader()
    for f in files:
        name = os.path.basename(f)
        rec = {"file": f, "bytes": os.path.getsize(f)}
        t = time.perf_counter()
        try:
            text = load(f)
            rec["ok"] = True
        except Exception as e:  # noqa: BLE001
            text, rec["ok"], rec["error"] = "", False, f"{type(e).__name__}: {e}"[:200]
        rec["first_ns"] = int((time.perf_counter() - t) * 1e9)
        if rec["ok"]:
            times, start = [], time.perf_counter()
            # A document that takes over a second is timed once more (warm-up effects are noise
            # at that scale); faster ones at least 3 times, within the budget.
            least = 1 if rec["first_ns"] > 1e9 else 3
            while len(times) < least or (time.perf_counter() - start < budget and len(times) < 200):
                t = time.perf_counter()
                load(f)
                times.append(time.perf_counter() - t)
            rec["median_ns"] = int(statistics.median(times) * 1e9)
            rec["reps"] = len(times)
        with open(os.path.join(out, name + ".txt"), "w", encoding="utf-8") as fh:
            fh.write(text)
        print(json.dumps(rec), flush=True)


def transcript(path):
    base = os.path.splitext(os.path.basename(path))[0]
    for d in ("ground-truth", "ground-truth-synthetic"):
        p = os.path.join(LEGACY, d, base + ".txt")
        if os.path.exists(p):
            return d, p
    return None, None


def tokens(s):
    return unicodedata.normalize("NFC", s or "").split()


def score(tool_dirs, files):
    """One JSON line per (tool, file with a transcript): {tool, file, subset, hit, total, ok}."""
    for tool, d in tool_dirs:
        for f in files:
            subset, gt = transcript(f)
            if not gt:
                continue
            want = tokens(open(gt, encoding="utf-8").read())
            p = os.path.join(d, os.path.basename(f) + ".txt")
            ok = os.path.exists(p)
            got = tokens(open(p, encoding="utf-8").read()) if ok else []
            sm = difflib.SequenceMatcher(None, got, want, autojunk=False)
            hit = sum(b.size for b in sm.get_matching_blocks())
            print(json.dumps({"tool": tool, "file": f, "subset": subset, "hit": hit, "total": len(want), "ok": ok}))


def main(argv):
    cmd = argv[1]
    if cmd == "once":
        once(argv[2], argv[3:])
    elif cmd == "steady":
        steady(argv[2], argv[3:])
    elif cmd == "score":
        i = argv.index("--")
        score([a.split("=", 1) for a in argv[2:i]], argv[i + 1:])
    else:
        sys.exit(__doc__)


if __name__ == "__main__":
    main(sys.argv)
