#!/usr/bin/env python3
"""Lists the words a run changed, with the ground truth beside them (development aid).

Usage: scripts/changes.py SET [broken|fixed|wrong|all]  (after scripts/eval.sh SET)
Prints `ocr -> out | gt` per changed word, tagged FIXED / BROKEN / WRONG.
"""
import difflib, os, pathlib, sys, collections

root = pathlib.Path(__file__).resolve().parent.parent
ev = root.parent / "shared" / "eval"
s = sys.argv[1]
want = sys.argv[2] if len(sys.argv) > 2 else "all"
counts = collections.Counter()

def norm(t):
    import re
    t = re.sub(r"(\w)[-¬]\s+(\w)", r"\1\2", t)
    return t.split()

for gt_path in sorted((ev / s).glob("*.gt.txt")):
    doc = gt_path.name[: -len(".gt.txt")]
    out_path = pathlib.Path(os.environ.get("RUNS", root / "runs")) / s / f"{doc}.txt"
    if not out_path.exists():
        continue
    ocr = norm((ev / s / f"{doc}.ocr.txt").read_text(errors="replace"))
    gt = norm(gt_path.read_text(errors="replace"))
    out = norm(out_path.read_text(errors="replace"))
    og = {}
    for tag, i1, i2, j1, j2 in difflib.SequenceMatcher(None, ocr, gt, autojunk=False).get_opcodes():
        for k in range(i2 - i1):
            og[i1 + k] = " ".join(gt[j1:j2]) if tag != "equal" else gt[j1 + k]
    for tag, i1, i2, j1, j2 in difflib.SequenceMatcher(None, ocr, out, autojunk=False).get_opcodes():
        if tag == "equal":
            continue
        before = " ".join(ocr[i1:i2])
        after = " ".join(out[j1:j2])
        truth = " ".join(dict.fromkeys(og.get(k, "?") for k in range(i1, i2)))
        if after == truth:
            kind = "FIXED"
        elif before == truth:
            kind = "BROKEN"
        else:
            kind = "WRONG"
        counts[kind] += 1
        if want in ("all", kind.lower()):
            print(f"{kind:6} {before!r} -> {after!r} | {truth!r}  [{doc}]")
print(dict(counts), file=sys.stderr)

if want == "missed":
    pass
