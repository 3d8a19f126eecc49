#!/usr/bin/env python3
"""The most common words a run left wrong, with what they should be (development aid).

Usage: scripts/missed.py SET [N]   (after scripts/eval.sh or scripts/crossval.sh)
Only one-to-one word alignments are counted; edge punctuation is ignored.
"""
import collections, difflib, os, pathlib, re, sys

root = pathlib.Path(__file__).resolve().parent.parent
ev = root.parent / "shared" / "eval" / sys.argv[1]
runs = pathlib.Path(os.environ.get("RUNS", root / "runs")) / sys.argv[1]
n = int(sys.argv[2]) if len(sys.argv) > 2 else 40
dehyphen = lambda t: re.sub(r"(\w)[-¬]\s+(\w)", r"\1\2", t).split()
miss = collections.Counter()
for g in sorted(ev.glob("*.gt.txt")):
    doc = g.name[: -len(".gt.txt")]
    out, gt = dehyphen((runs / f"{doc}.txt").read_text()), dehyphen(g.read_text())
    for tag, i1, i2, j1, j2 in difflib.SequenceMatcher(None, out, gt, autojunk=False).get_opcodes():
        if tag == "replace" and i2 - i1 == j2 - j1:
            for a, b in zip(out[i1:i2], gt[j1:j2]):
                a2, b2 = a.strip(".,;:\"'()"), b.strip(".,;:\"'()")
                if a2 != b2:
                    miss[(a2, b2)] += 1
for (a, b), k in miss.most_common(n):
    print(f"{k:5} {a!r} -> {b!r}")
