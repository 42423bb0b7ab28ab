#!/usr/bin/env python3
"""Citation audit: transcripts → every document-number-like string the report's citations miss.

Runs `target/release/baocao parse FILE` on each Unicode transcript of the legacy corpus
(`../shared/corpus/legacy/ground-truth/*.txt`, the held-out documents excluded) and lists, with a
broad pattern of its own (independent of the extractor's), every string shaped like a document
number and symbol ("12/1999/PL-UBTVQH10", "41/QĐ.BQL-TC", "19-CT/TW", "1141-TC/QĐ/CĐKT") and
every law cited by name ("Luật Doanh nghiệp", "Bộ luật Dân sự", "Pháp lệnh …"). A candidate is
found when a citation's span covers it or its number/symbol equals a citation's. Candidates that
are not citations (the document's own number in its letterhead "Số: …", blank form numbers
"Số: …/QĐ") are counted apart. Misses are classified by the likely cause, from the words around
them; the classification is a guide for reading, not a truth.

Precision: every reported citation is checked to be a plausible citation (its number has a
document symbol or year shape, and it is not the document's own letterhead number).

Usage (from the project root, after `cargo build --release`):
    python3 tests/tools/citation_audit.py            # summary
    python3 tests/tools/citation_audit.py -v         # every miss with its context
    python3 tests/tools/citation_audit.py --json     # machine-readable
"""
import argparse, collections, glob, json, os, re, subprocess, sys, unicodedata

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
CORPUS = os.path.join(ROOT, "..", "shared", "corpus", "legacy", "ground-truth")
# The held-out documents are never read here.
HELD_OUT = {"2004-0328NDCP", "2004-A3", "2007-Quy-che-chi-tieu-noi-bo-2007"}

L = r"[^\W\d_]"
# "QH 10": the legislature printed apart from its code.
SEG = rf"(?:QH\s\d{{1,2}}(?!\d)|{L}[\w&]*)"
# Number and symbol, broad: 12/1999/PL-UBTVQH10, 41/QĐ.BQL-TC, 19-CT/TW, 1141-TC/QĐ/CĐKT,
# 522/2002/QĐ.UB, 03/1997/QH9, 06/CP, with optional spaces around the separators; segments are
# then checked to be codes (see `is_code`).
SYMBOL = re.compile(
    rf"(?<![\w/.-])\d{{1,5}}[A-Z]?(?:\s?/\s?\d{{4}})?(?:\s?[/-]\s?{SEG}(?:\s?[./-]\s?{SEG})*|\s{SEG}(?:/{SEG})+)(?!\w)"
)


def is_code(seg):
    """A symbol segment is in capitals, with at most one small letter ("QĐi", "TTr", "QyĐ")."""
    return seg[:1].isupper() and sum(c.islower() for c in seg) <= 1 and not (len(seg) == 2 and seg[1].islower())


def is_symbol(raw):
    segs = [x for x in re.split(r"\s*[./-]\s*", raw)[1:] if x and not x.isdigit()]
    if not segs or not all(is_code(x) for x in segs):
        return False
    # A spaced hyphen after the number ("1 - Phụ", "C 07 - H") is a list item or a form code
    # unless the code is long enough to be a type ("367 - QĐ/TWĐTN-VP").
    if re.match(r"\d+\s+-|\d+-\s", raw) and "/" not in raw:
        return False
    return True


# A type word alone on its line is a heading ("Luật\nHợp tác xã"), not a citation.
LAW = re.compile(r"(?<!\w)(?:Bộ luật|Luật|Pháp lệnh|Hiến pháp)[ \t]+(?:[A-ZĐÀ-Ỹ][\w]*)(?:\s+\w+){0,6}")
TYPE_WORDS = [
    "quyết định", "nghị quyết", "nghị định", "chỉ thị", "thông tư", "thông tri", "kế hoạch",
    "chương trình", "quy định", "quy chế", "kết luận", "thông báo", "thông cáo", "hướng dẫn",
    "đề án", "dự án", "công văn", "văn bản", "báo cáo", "tờ trình", "công điện", "pháp lệnh",
    "lệnh", "luật", "bộ luật", "hiến pháp", "thông tư liên tịch", "nghị quyết liên tịch",
]


def fold(s):
    s = unicodedata.normalize("NFD", s.lower().replace("đ", "d").replace("ð", "d"))
    return "".join(c for c in s if not unicodedata.combining(c))


def key(s):
    return re.sub(r"\s+", "", fold(s or "")).upper().replace("Ð", "D")


def utf16_offsets(text):
    """Python index → UTF-16 offset."""
    out, n = [], 0
    for c in text:
        out.append(n)
        n += 2 if ord(c) > 0xFFFF else 1
    out.append(n)
    return out


# A date printed after a citation ("ngày 25 tháng 12 năm 2001", "ngày 25/12/2001", "năm1998").
DATE_AFTER = re.compile(
    r"(?:ngày|ngay)\s*(\d{1,2})\s*(?:[/.-]\s*(\d{1,2})\s*[/.-]\s*(\d{4})|\s+(?:tháng|thang)\s+(\d{1,2})\s+(?:năm|nam)\s*(\d{4}))"
)
# An older number printed without a slash, its code apart and its date after: "nghị định 66 HĐBT
# ngày 2/3/1992", "số 04 TTLB ngày 12/2/1996" (the extractor writes "66-HĐBT", or "04/TTLB"
# when the document prints that form elsewhere).
SLASHLESS = re.compile(r"(?<![\w/.-])(\d{1,5})[ \t]+([A-ZĐ][A-Za-zĐ]{1,9})(?=[ \t]+ngày)")
# "số 01/2002/QH11" after a law's name.
NUMBER_AFTER = re.compile(r"(?:số|so)\s+\d")


def clause_after(text, end, limit=160):
    """The text after a citation up to the end of its clause (";", a line's end, a full stop
    before a space)."""
    tail = text[end:end + limit]
    cut = re.search(r"[;\n]|\.(?:\s|$)", tail)
    return tail[:cut.start()] if cut else tail


def has_type_word(s):
    f = " " + re.sub(r"[^\w]+", " ", fold(s)) + " "
    return any(f" {fold(t)} " in f for t in TYPE_WORDS)


def date_after(text, end):
    """The date printed after a citation ending at `end`, in its clause, before any other
    document or number: (ISO date, offset of "ngày") or None."""
    tail = clause_after(text, end)
    m = DATE_AFTER.search(tail)
    if not m or re.search(r"\d", tail[:m.start()]) or has_type_word(tail[:m.start()]):
        return None
    # "từ ngày", "đến ngày": a date of the sentence, not of the document.
    if re.search(r"(?:từ|đến|trước|sau|kể|hết|vào)\s*$", tail[:m.start()]):
        return None
    d, mo, y = (int(m.group(1)), int(m.group(2) or m.group(4)), int(m.group(3) or m.group(5)))
    return (f"{y:04d}-{mo:02d}-{d:02d}", end + m.start())


def is_own(text, m, own_key, first):
    """The document's own number: 'Số: …' starting a line near the top (the letterhead), the
    metadata's own number near the top, or the symbol of the heading on the first lines
    ("Nghị định\ncủa Chính phủ số 29/1998/NĐ-CP"), a type word starting a line followed by its
    issuer and "số"."""
    line_start = text.rfind("\n", 0, m.start()) + 1
    before = text[line_start:m.start()].strip()
    if m.start() < 1500 and re.fullmatch(r"(Số|SỐ|Luật số|LUẬT SỐ)\s*:?\s*", before):
        return True
    if not first or m.start() >= 400:
        return False
    head = fold(text[:m.start()])
    types = "|".join(re.escape(fold(t)) for t in sorted(TYPE_WORDS, key=len, reverse=True))
    h = re.search(rf"(?:^|\n)[ \t]*(?:{types})\s+(?:(?:lien tich\s+)?cua\s[^,;()]*?)?so\s*:?\s*$", head)
    return h is not None and sum(1 for l in head[:h.start()].split("\n") if l.strip()) <= 3 and "can cu" not in head


def is_form(text, m):
    """A form's code ("theo mẫu số 02/GTGT", "Mẫu số 01-BCN", "mẫu sổ ST-25/HĐ"): not a document."""
    before = fold(text[max(0, m.start() - 25):m.start()])
    return re.search(r"(mau|bieu)( so| so)?\s*:?\s*([a-z]{1,3}\s*-?\s*)?$", before) is not None


def classify(text, m, cit_keys):
    """Likely cause of a miss, from the words around it."""
    before = text[max(0, m.start() - 60):m.start()]
    fb = fold(before)
    raw = m.group(0)
    words = fb.split()
    if re.search(r"\s", raw):
        return "spacing inside symbol"
    if "\n" in before[-20:] and not fb.strip().endswith(tuple(fold(t) for t in TYPE_WORDS)):
        pass
    last = " ".join(words[-4:])
    has_type = any(re.search(rf"(^|\s){re.escape(fold(t))}(\s+so)?\s*:?$", " ".join(words[-k:])) for t in TYPE_WORDS for k in (1, 2, 3, 4))
    if has_type:
        return "shape/type seen but not read"
    type_near = any(fold(t) in " ".join(words[-8:]) for t in TYPE_WORDS)
    if type_near:
        return "words between type and number"
    if re.search(r"(^|\s)(so|s)\s*:?$", fb.strip()) or fb.rstrip().endswith("số"):
        return "'số' without a type word"
    return "no type word before"


SOURCES = os.path.join(ROOT, "..", "shared", "corpus", "legacy", "corpus", "public-domain")


def source_of(name):
    """The legacy source (.doc/.rtf/.pdf) a transcript was made from, if any."""
    got = sorted(glob.glob(os.path.join(SOURCES, "*", glob.escape(name) + ".*")))
    return got[0] if got else None


def audit(binary, files, verbose, sources=False):
    stats = collections.Counter()
    causes = collections.Counter()
    rows = []
    prec_bad = []

    def check_date(name, text, m, found):
        """A citation found whose date is printed after it must carry that date."""
        want = date_after(text, m.end())
        if not want or not found:
            return
        stats["dates"] += 1
        got = {c.get("date") for c in found}
        if want[0] in got:
            stats["dates found"] += 1
            return
        cause = "date not read" if got == {None} else "date differs"
        causes[cause] += 1
        rows.append((name, "date", cause, f"{m.group(0)} → {want[0]} (got {sorted(g or '-' for g in got)})", text[m.start():want[1] + 30].replace("\n", "⏎")))

    for path in files:
        name = os.path.splitext(os.path.basename(path))[0]
        src = source_of(name) if sources else path
        if not src:
            continue
        out = subprocess.run([binary, "parse", "--text", src], capture_output=True, text=True)
        if out.returncode != 0:
            print(f"{name}: parse failed: {out.stderr[:200]}", file=sys.stderr)
            continue
        rep = json.loads(out.stdout)
        # The transcript is the truth; spans are only comparable when the transcript was parsed.
        text = open(path, encoding="utf-8").read() if sources else (rep.get("text") or open(path, encoding="utf-8").read())
        u16 = utf16_offsets(text)
        cits = rep.get("citations") or []
        spans = [] if sources else [(s["start"], s["end"]) for c in cits for s in (c.get("spans") or [c.get("span")]) if s]
        cit_keys = {key(c.get("numberSymbol")) for c in cits if c.get("numberSymbol")}
        cit_titles = {fold(c.get("title") or "") for c in cits if c.get("title")}
        own = set()
        cand_keys = set()
        seen_symbol = False
        own_key = key((rep.get("metadata") or {}).get("numberSymbol")) or None
        for m in SYMBOL.finditer(text):
            raw = m.group(0)
            if not is_symbol(raw):
                continue
            # Dates and ratios are not symbols (the pattern needs a letter segment anyway).
            k = key(raw)
            cand_keys.add(k)
            # "số 3 7/2003/NĐ-CP": a number split by a stray space; the extractor joins it.
            split = re.search(r"(?:số|so)\s+(\d{1,2}) $", text[max(0, m.start() - 12):m.start()])
            if split:
                k = key(split.group(1) + raw)
                cand_keys.add(k)
            a, b = u16[m.start()], u16[m.end()]
            covered = any(s <= a and b <= e for s, e in spans)
            first = not seen_symbol
            seen_symbol = True
            # The document's own number, at the top or anywhere later ("Ban hành theo QĐ số:
            # 12/2001/QĐ-BTC" on each form the decision issues): a document does not cite itself.
            if is_own(text, m, own_key, first) or k in own or (own_key and k == own_key):
                own.add(k)
                stats["own/letterhead (not a citation)"] += 1
                if verbose:
                    print(f"OWN | {name} | {raw} | " + text[max(0, m.start() - 50):m.end()].replace("\n", "⏎"))
                if covered:
                    prec_bad.append((name, "own number reported", "", raw, text[max(0, m.start() - 40):m.end()].replace("\n", "⏎")))
                continue
            if is_form(text, m):
                stats["form codes (not a citation)"] += 1
                if covered:
                    prec_bad.append((name, "form code reported", "", raw, text[max(0, m.start() - 40):m.end()].replace("\n", "⏎")))
                continue
            stats["symbols"] += 1
            # Found as the scorecard counts it: the same number and symbol (spaces ignored).
            if k in cit_keys:
                stats["symbols found"] += 1
                check_date(name, text, m, [c for c in cits if key(c.get("numberSymbol")) == k])
                continue
            cause = classify(text, m, cit_keys)
            causes[cause] += 1
            ctx = text[max(0, m.start() - 70):m.end() + 30].replace("\n", "⏎")
            rows.append((name, "symbol", cause, raw, ctx))
        for m in SLASHLESS.finditer(text):
            before = fold(text[max(0, m.start() - 80):m.start()])
            if not is_code(m.group(2)) or not re.search(r"(?:^|\s)(?:so|" + "|".join(re.escape(fold(t)) for t in TYPE_WORDS) + r")\s*$", before):
                continue
            # Written with a hyphen, or a slash when the document prints it so elsewhere.
            ks = {key(m.group(1) + sep + m.group(2)) for sep in "-/"}
            cand_keys.update(ks)
            stats["slashless symbols"] += 1
            if ks & cit_keys:
                stats["slashless symbols found"] += 1
            else:
                rows.append((name, "symbol", "slashless symbol not read", m.group(0), text[max(0, m.start() - 70):m.end() + 30].replace("\n", "⏎")))
        for m in LAW.finditer(text):
            # "theo Luật định" (as the law prescribes) names no law.
            if m.group(0).split()[1] in ("định",):
                continue
            a = u16[m.start()]
            # Ignore the heading of the document itself ("LUẬT …" is in capitals, not matched).
            covered = any(s <= a < e for s, e in spans) or (sources and fold(m.group(0)).split()[:3] in [fold(t).split()[:3] for t in cit_titles])
            stats["named laws"] += 1
            if covered:
                stats["named laws found"] += 1
                covering = [c for c in cits if any(s["start"] <= a < s["end"] for s in (c.get("spans") or [c.get("span")]) if s)]
                check_date(name, text, m, covering)
                # A name runs to its date or number ("Pháp lệnh Cán bộ, công chức ngày …", "Luật
                # thuế xuất khẩu, thuế nhập khẩu số …"): the citation's span reaches it.
                tail = clause_after(text, m.end())
                close = [x for x in (DATE_AFTER.search(tail), NUMBER_AFTER.search(tail)) if x]
                if close and not sources:
                    x = min(close, key=lambda x: x.start())
                    if not re.search(r"\d", tail[:x.start()]) and not has_type_word(tail[:x.start()]) and not re.search(r"(?:từ|đến|trước|sau|kể|hết|vào)\s*$", tail[:x.start()]):
                        stats["law names to date/number"] += 1
                        reach = u16[m.end() + len(tail[:x.start()].rstrip())]
                        if any(s["start"] <= a and reach <= s["end"] for c in covering for s in (c.get("spans") or [c.get("span")]) if s):
                            stats["law names to date/number found"] += 1
                        else:
                            causes["law name cut before its date/number"] += 1
                            rows.append((name, "law", "law name cut before its date/number", m.group(0), (m.group(0) + tail).replace("\n", "⏎")))
                continue
            ctx = text[max(0, m.start() - 50):m.end() + 20].replace("\n", "⏎")
            causes["named law not read"] += 1
            rows.append((name, "law", "named law not read", m.group(0), ctx))
        # Precision: each reported citation must look like one.
        for c in cits:
            ns = c.get("numberSymbol")
            stats["reported"] += 1
            bad = None
            if ns and not bad and re.fullmatch(r"\d{1,3}", ns):
                # A bare number must follow its type word as printed (folded), not a look-alike
                # ("Căn bản 40" is not "Văn bản 40", "Dĩ An 164" not "Đề án 164").
                if not fold(c.get("raw") or "").startswith(fold(c.get("type") or "")):
                    bad = "bare number after a look-alike of a type word"
            if ns and not bad and not re.fullmatch(r"\d{1,3}", ns) and key(ns) not in cand_keys:
                # Not a symbol of the transcript as the broad pattern reads it: a symbol cut,
                # joined to the next word, or not a document's number at all.
                bad = "symbol not among the transcript's"
            if ns and not bad and key(ns) in own:
                bad = "own number reported"
            if not ns:
                t = c.get("title") or ""
                if len(t.split()) < 2:
                    bad = "named law without a name"
            if bad:
                prec_bad.append((name, bad, c.get("type"), ns, (c.get("raw") or "")[:120]))
            else:
                stats["reported ok"] += 1
    return stats, causes, rows, prec_bad


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--bin", default=os.path.join(ROOT, "target", "release", "baocao"))
    ap.add_argument("-v", "--verbose", action="store_true")
    ap.add_argument("--json", action="store_true")
    ap.add_argument("--sources", action="store_true", help="parse the legacy .doc/.rtf/.pdf sources instead of the transcripts")
    ap.add_argument("--list-citations", action="store_true", help="print every reported citation")
    args = ap.parse_args()
    files = sorted(p for p in glob.glob(os.path.join(CORPUS, "*.txt")) if os.path.splitext(os.path.basename(p))[0] not in HELD_OUT)
    stats, causes, rows, prec_bad = audit(args.bin, files, args.verbose, args.sources)
    if args.json:
        print(json.dumps({"stats": stats, "causes": causes, "misses": rows, "precision": prec_bad}, ensure_ascii=False, indent=1))
        return
    if args.verbose:
        for r in rows:
            print(" | ".join(r))
        for r in prec_bad:
            print("NOT A CITATION? | " + " | ".join(str(x) for x in r))
    if args.list_citations:
        for path in files:
            rep = json.loads(subprocess.run([args.bin, "parse", path], capture_output=True, text=True).stdout)
            for c in rep.get("citations") or []:
                print(os.path.basename(path), "|", c.get("type"), "|", c.get("numberSymbol"), "|", c.get("date"), "|", c.get("issuerText"), "|", (c.get("raw") or "").replace("\n", "⏎")[:140])
    print(f"files: {len(files)} (held out: {len(HELD_OUT)} excluded)")
    for k in sorted(stats):
        print(f"  {k:34} {stats[k]}")
    for k, v in causes.most_common():
        print(f"  miss: {k:28} {v}")
    sym_r = stats["symbols found"] / max(1, stats["symbols"])
    law_r = stats["named laws found"] / max(1, stats["named laws"])
    prec = stats["reported ok"] / max(1, stats["reported"])
    date_r = stats["dates found"] / max(1, stats["dates"])
    name_r = stats["law names to date/number found"] / max(1, stats["law names to date/number"])
    print(f"dates {date_r:.3f} ({stats['dates found']}/{stats['dates']}) · law names reaching their date/number {name_r:.3f} ({stats['law names to date/number found']}/{stats['law names to date/number']})")
    print(f"recall: symbols {sym_r:.3f} ({stats['symbols found']}/{stats['symbols']}) · named laws {law_r:.3f} ({stats['named laws found']}/{stats['named laws']}) · precision {prec:.3f} ({stats['reported ok']}/{stats['reported']})")


if __name__ == "__main__":
    main()
