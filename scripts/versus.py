#!/usr/bin/env python3
"""The words another corrector fixes and a run of ocrmend leaves wrong, and the reverse, by
kind (development aid).

Usage: scripts/versus.py SET OTHER_DIR [N]   (after scripts/crossval.sh or scripts/eval.sh)
OTHER_DIR holds the other corrector's output, one <id>.txt per document of SET (for
overproof_smh: ../shared/eval/overproof_smh/overproof_output). Words are the scorer's
(score.py's normalisation); a truth word counts where the OCR, the run and the other output
each align one to one with it. Kinds: `marks` (the letters were right), `case`, `letters`
(the OCR word is letters only), `damaged` (it has digits or marks among its letters). Prints
the counts each way and the N commonest (OCR word, truth word) pairs the run leaves wrong.
Documents the other output lacks (a peer stopped by its DEADLINE) are left out and counted.
"""
import collections, difflib, os, pathlib, re, sys

root = pathlib.Path(__file__).resolve().parent.parent
ev = root.parent / "shared" / "eval"
sys.path.insert(0, str(ev))
import score  # noqa: E402  (the team's scorer, read-only beside the repo)

s, other = sys.argv[1], pathlib.Path(sys.argv[2])
n = int(sys.argv[3]) if len(sys.argv) > 3 else 30
runs = pathlib.Path(os.environ.get("RUNS", root / "runs")) / s
edge = ".,;:\"'()!?—–-“”’"


def words(path):
    return score.normalize(path.read_text(encoding="utf-8")).split()


def aligned(out, truth):
    """Per truth word index, the output word aligned one to one with it."""
    m = {}
    ops = difflib.SequenceMatcher(None, out, truth, autojunk=False).get_opcodes()
    for tag, i1, i2, j1, j2 in ops:
        if tag == "equal" or (tag == "replace" and i2 - i1 == j2 - j1):
            m.update(zip(range(j1, j2), out[i1:i2]))
    return m


def kind(ocr, truth):
    a, b = ocr.strip(edge), truth.strip(edge)
    if a == b:
        return "marks"
    if a.lower() == b.lower():
        return "case"
    return "letters" if re.fullmatch(r"[^\W\d_]+", a) else "damaged"


only = {"run": collections.Counter(), "other": collections.Counter()}
missed = collections.Counter()
lacking = 0
for g in sorted((ev / s).glob("*.gt.txt")):
    doc = g.name[: -len(".gt.txt")]
    if not (other / f"{doc}.txt").is_file():
        lacking += 1
        continue
    truth = words(g)
    ocr = aligned(words(ev / s / f"{doc}.ocr.txt"), truth)
    run = aligned(words(runs / f"{doc}.txt"), truth)
    them = aligned(words(other / f"{doc}.txt"), truth)
    for j, t in enumerate(truth):
        if j not in ocr or ocr[j] == t or j not in run or j not in them:
            continue
        if them[j] == t and run[j] != t:
            only["other"][kind(ocr[j], t)] += 1
            missed[(ocr[j].strip(edge), t.strip(edge))] += 1
        elif run[j] == t and them[j] != t:
            only["run"][kind(ocr[j], t)] += 1
if lacking:
    print(f"left out: {lacking} documents the other output lacks")
for who, counts in only.items():
    print(f"fixed by the {who} only: {sum(counts.values())}", dict(counts.most_common()))
for (a, b), k in missed.most_common(n):
    print(f"{k:5} {a!r} -> {b!r}")
