#!/usr/bin/env python3
"""Peer comparison, Python side (bench/peers.sh runs this in target/peers/venv).

  peers_viparse.py once  OUT_DIR FILE...   one pass of viparse.load over the files (no repeats),
                                           writing OUT_DIR/<name>.txt: the runner times the whole
                                           process, minus an empty run
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
    os.makedirs(out, exist_ok=True)
    load = viparse_loader()
    for f in files:
        try:
            text = load(f)
        except Exception:  # noqa: BLE001 — a failure is timed like a success and scored as empty
            text = ""
        with open(os.path.join(out, os.path.basename(f) + ".txt"), "w", encoding="utf-8") as fh:
            fh.write(text)


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


def _jsonl(path):
    out = []
    if os.path.exists(path):
        for line in open(path, encoding="utf-8"):
            line = line.strip()
            if line.startswith("{"):
                out.append(json.loads(line))
    return out


def report(out):
    """Markdown tables from a run directory written by bench/peers.sh."""
    native = {r["file"]: r for r in _jsonl(os.path.join(out, "native.jsonl"))}
    node = {(r["file"], r["tool"]): r for r in _jsonl(os.path.join(out, "node.jsonl")) if "tool" in r}
    vp = {r["file"]: r for r in _jsonl(os.path.join(out, "viparse.jsonl"))}
    sc = {(r["tool"], r["file"]): r for r in _jsonl(os.path.join(out, "score.jsonl"))}
    procs = json.load(open(os.path.join(out, "procs.json")))
    lists = {k: [l.strip() for l in open(os.path.join(out, k + ".list")) if l.strip()] for k in ("legacy", "docx", "pdf")}

    # time in ms of one (tool, file), None if that tool failed on it
    def t(tool, f):
        if tool.startswith("native-"):
            r = native.get(f)
            key = tool[len("native-"):] + "_ns"
            return r[key] / 1e6 if r and (r.get("ok") or tool == "native-floor") and key in r else None
        if tool == "viparse":
            r = vp.get(f)
            return r["median_ns"] / 1e6 if r and r.get("ok") else None
        r = node.get((f, tool))
        return r["median_ms"] if r and r.get("ok") else None

    def size(f):
        return os.path.getsize(f)

    def acc(tool, files, subset):
        rows = [sc[(tool, f)] for f in files if (tool, f) in sc and sc[(tool, f)]["subset"] == subset]
        if not rows:
            return "–"
        h, n = sum(r["hit"] for r in rows), sum(r["total"] for r in rows)
        return f"{h / n:.3f} ({h}/{n}, {len(rows)} files)"

    def fmt_ms(x):
        return "–" if x is None else (f"{x:.3f}" if x < 1 else f"{x:.1f}" if x >= 100 else f"{x:.2f}")

    lines = []
    p = lines.append

    def table(title, files, rows, score_tool, ratios, floor_ref):
        common = [f for f in files if all(t(tool, f) is not None for tool, _, _ in rows)]
        failed = {label: [os.path.basename(f) for f in files if t(tool, f) is None] for tool, label, _ in rows}
        tot = sum(size(f) for f in common)
        p(f"### {title}")
        p("")
        p(f"{len(common)} of {len(files)} files timed (the files every tool read), {tot:,} bytes. "
          "Time per document = steady-state median for that file; the column shows the median over the files. "
          "MB/s = total bytes ÷ sum of the per-file times.")
        p("")
        p("| tool | what is timed | files | bytes | time/doc median (ms) | MB/s | token accuracy, real transcripts | token accuracy, synthetic |")
        p("|---|---|---:|---:|---:|---:|---|---|")
        sums = {}
        for tool, label, what in rows:
            ts = [t(tool, f) for f in common]
            sums[tool] = sum(ts)
            st = score_tool.get(tool)
            a_real = acc(st, files, "ground-truth") if st else "–"
            a_syn = acc(st, files, "ground-truth-synthetic") if st else "–"
            mbps = tot / 1e6 / (sums[tool] / 1e3) if sums[tool] else float("inf")
            p(f"| {label} | {what} | {len(common)} | {tot:,} | {fmt_ms(statistics.median(ts)) if ts else '–'} | {mbps:,.1f} | {a_real} | {a_syn} |")
        p("")
        p("| ratio | per-file median | over the total |")
        p("|---|---:|---:|")
        for num, den, label in ratios:
            per = [t(num, f) / t(den, f) for f in common if t(den, f)]
            p(f"| {label} | {statistics.median(per):.2f}× | {sums[num] / sums[den]:.2f}× |")
        for tool, label in floor_ref:
            per = [t(tool, f) / t("native-floor", f) for f in common if t("native-floor", f)]
            p(f"| {label} ÷ floor (Rust line count) | {statistics.median(per):,.0f}× | {sums[tool] / sums['native-floor']:,.0f}× |")
        fails = {k: v for k, v in failed.items() if v}
        if fails:
            p("")
            p("Not timed (the tool refused or failed): " + "; ".join(f"{k}: {', '.join(v)}" for k, v in fails.items()) + ".")
        p("")

    floor_rows = [("native-floor", "floor, Rust", "count of 0x0A over the bytes, in the bench process"),
                  ("floor", "floor, Node", "count of 0x0A over the bytes, Buffer loop in Node")]
    table("Legacy decoding and normalisation vs viparse", lists["legacy"],
          floor_rows + [
              ("native-normalise", "baocao native", "decode + legacy conversion + normalise, in process"),
              ("native-parse", "baocao native", "full `parse` (report + text), in process"),
              ("baocao-wasm", "baocao wasm (Node)", "full `parse(bytes, {text:true})`"),
              ("viparse", f"viparse {procs.get('viparse_version', '')}", f"`viparse.load(path, output='text', encoding={procs.get('viparse_encoding') or 'default'!r})`, in process"),
          ],
          {"native-normalise": "baocao-native", "native-parse": "baocao-native", "baocao-wasm": "baocao-wasm", "viparse": "viparse"},
          [("viparse", "native-normalise", "viparse ÷ baocao native decode+normalise"),
           ("viparse", "native-parse", "viparse ÷ baocao native full parse"),
           ("viparse", "baocao-wasm", "viparse ÷ baocao wasm full parse")],
          [("native-normalise", "baocao native decode+normalise"), ("native-parse", "baocao native full parse"),
           ("baocao-wasm", "baocao wasm full parse")])
    n, vn = procs["cli_files"], procs["viparse_files"]
    cli = (procs["cli_total_ns"] - procs["cli_empty_ns"]) / 1e6
    vpt = (procs["viparse_total_ns"] - procs["viparse_empty_ns"]) / 1e6
    lb = sum(size(f) for f in lists["legacy"])
    p("One process over all the legacy files, process start subtracted (wall clock of the whole run "
      "minus the median of 5 runs on an empty input; one pass, no warm-up: viparse imports its engines "
      "lazily on the first file of each format, baocao compiles its regexes on first use):")
    p("")
    p("| tool | files | bytes | total − start-up (ms) | start-up (ms) | mean ms/doc | MB/s |")
    p("|---|---:|---:|---:|---:|---:|---:|")
    p(f"| `baocao parse --text FILE…` (release CLI) | {n} | {lb:,} | {cli:,.0f} | {procs['cli_empty_ns'] / 1e6:.1f} | {cli / n:.2f} | {lb / 1e6 / (cli / 1e3):.1f} |")
    p(f"| `python peers_viparse.py once FILE…` (viparse) | {vn} | {lb:,} | {vpt:,.0f} | {procs['viparse_empty_ns'] / 1e6:.0f} | {vpt / vn:.1f} | {lb / 1e6 / (vpt / 1e3):.2f} |")
    vpa = (procs["viparse_auto_total_ns"] - procs["viparse_auto_empty_ns"]) / 1e6
    p(f"| same, `VIPARSE_ENCODING=auto` (content detection on) | {vn} | {lb:,} | {vpa:,.0f} | {procs['viparse_auto_empty_ns'] / 1e6:.0f} | {vpa / vn:.1f} | {lb / 1e6 / (vpa / 1e3):.2f} |")
    p(f"| ratio viparse ÷ baocao | | | {vpt / cli:.1f}× | | | |")
    p(f"| ratio viparse (auto) ÷ baocao | | | {vpa / cli:.1f}× | | | |")
    p("")
    p("Token accuracy of these one-pass outputs (same method):")
    p("")
    p("| tool | real transcripts | synthetic |")
    p("|---|---|---|")
    for tool, label in (("baocao-native", "baocao"), ("viparse-once", "viparse, default"), ("viparse-auto", "viparse, `encoding='auto'`")):
        p(f"| {label} | {acc(tool, lists['legacy'], 'ground-truth')} | {acc(tool, lists['legacy'], 'ground-truth-synthetic')} |")
    p("")

    # The container peers: (list, what is decoded, peer key, peer label, how the peer is called).
    peers = (
        ("docx", "docx", "mammoth", f"mammoth {procs.get('mammoth_version', '')}", "mammoth", "`extractRawText({buffer})` (Node)"),
        ("pdf", "PDF", "pdfjs", f"pdfjs-dist {procs.get('pdfjs_version', '')}", "pdf.js",
         "`getDocument` + `getTextContent()` on every page (Node, legacy build)"),
    )
    for kind, what, key, label, short, how in peers:
        table(f"{what} text extraction vs {short}", lists[kind],
              floor_rows + [
                  ("native-extract", "baocao native", f"decode only ({what} → text, legacy conversion included), in process"),
                  ("native-parse", "baocao native", "full `parse`, in process"),
                  ("baocao-wasm", "baocao wasm (Node)", "full `parse(bytes, {text:true})`"),
                  (key, label, how),
              ],
              {"native-extract": "baocao-native", "native-parse": "baocao-native", "baocao-wasm": "baocao-wasm", key: key},
              [(key, "native-extract", f"{short} ÷ baocao native decode"),
               (key, "native-parse", f"{short} ÷ baocao native full parse"),
               (key, "baocao-wasm", f"{short} ÷ baocao wasm full parse")],
              [("native-extract", "baocao native decode"), ("baocao-wasm", "baocao wasm full parse"), (key, short)])
    print("\n".join(lines))


def main(argv):
    cmd = argv[1]
    if cmd == "once":
        once(argv[2], argv[3:])
    elif cmd == "steady":
        steady(argv[2], argv[3:])
    elif cmd == "report":
        report(argv[2])
    elif cmd == "score":
        i = argv.index("--")
        score([a.split("=", 1) for a in argv[2:i]], argv[i + 1:])
    else:
        sys.exit(__doc__)


if __name__ == "__main__":
    main(sys.argv)
