#!/usr/bin/env python3
"""What each edit of a crossval run does by the scorer, made alone (development aid).

Usage: WORK=DIR scripts/crossval.sh SET && WORK=DIR scripts/peredit.py SET [MIN] [--rows]
Corrects every document of SET again with its fold's model and calibration (from the
crossval WORK folder), keeping the review file; then applies each edit of confidence MIN
(default 0.5) or more alone to its document and scores it with score.py's own functions:
how many words it fixes, breaks, or changes and leaves wrong, and how many character
errors it removes. Prints those sums by kind and confidence band (applied or only
suggested alike: the bands show where a threshold would cut); with --rows, one line per
edit instead (set, document, id, kind, confidence, applied, fixed, broken, still wrong,
character errors added, before, after). The scorer counts every truth word of a misaligned
stretch as changed by a change anywhere in it, so an edit's own still-wrong count can
exceed one: summed alone, edits count more still-wrong words than the whole run does.
"""
import collections, json, os, pathlib, sys, tempfile
from multiprocessing import Pool

from refix import refix

root = pathlib.Path(__file__).resolve().parent.parent
ev = root.parent / "shared" / "eval"
sys.path.insert(0, str(ev))
import score  # noqa: E402  (the team's scorer, read-only beside the repo)

bin_ = os.environ.get("OCRMEND", str(root / "target" / "release" / "ocrmend"))
args = [a for a in sys.argv[1:] if not a.startswith("--")]
rows_only = "--rows" in sys.argv
s = args[0]
least = float(args[1]) if len(args) > 1 else 0.5
BANDS = [0.0, 0.5, 0.6, 0.7, 0.8, 0.9, 0.95]


def doc(text):
    return score.Doc(score.normalize(text))


def effects(item):
    """The rows of one document's edits, each made alone."""
    path, edits = item
    name = pathlib.Path(path).stem
    raw = pathlib.Path(path).read_bytes()
    gt = doc((ev / s / f"{name}.gt.txt").read_text(encoding="utf-8", errors="replace"))
    ocr = doc(raw.decode("utf-8", "replace"))
    before = score.compare(gt, ocr)
    rows = []
    for e in edits:
        if e["confidence"] < least:
            continue
        text = raw[:e["start"]] + e["after"].encode() + raw[e["end"]:]
        out = doc(text.decode("utf-8", "replace"))
        after = score.compare(gt, out)
        changed, inserted = score.changed_ocr_tokens(ocr, out)
        w = score.word_effects(gt, before, after, changed, inserted)
        rows.append((s, name, e["id"], e["kind"], e["confidence"], int(e["accept"]), w["fixed"],
                     w["broken"], w["changed_still_wrong"],
                     after["char_edits"] - before["char_edits"], e["before"], e["after"]))
    return rows


def main():
    work = pathlib.Path(os.environ["WORK"])
    inputs, reviews = refix(work, s, bin_, pathlib.Path(tempfile.mkdtemp()))
    edits = {str(inputs[d]): reviews[d] for d in inputs}
    with Pool(os.cpu_count()) as pool:
        rows = [r for rs in pool.map(effects, sorted(edits.items())) for r in rs]
    if rows_only:
        for r in rows:
            print("\t".join(map(str, r[:10])) + "\t" + json.dumps(r[10]) + "\t" + json.dumps(r[11]))
        return
    sums = collections.defaultdict(lambda: [0, 0, 0, 0, 0])
    for r in rows:
        band = max(b for b in BANDS if b <= r[4])
        acc = sums[(r[3], band)]
        for i, v in enumerate((1, r[6], r[7], r[8], r[9])):
            acc[i] += v
    print(f"{'kind':<16}{'band':>6}{'edits':>7}{'fixed':>7}{'broken':>7}{'wrong':>7}"
          f"{'prec.':>7}{'chars':>8}")
    for (kind, band), (n, fixed, broken, wrong, chars) in sorted(sums.items()):
        prec = fixed / max(1, fixed + broken + wrong)
        print(f"{kind:<16}{band:>6}{n:>7}{fixed:>7}{broken:>7}{wrong:>7}{prec:>7.2f}{chars:>8}")


if __name__ == "__main__":
    main()
