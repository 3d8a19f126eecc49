#!/usr/bin/env python3
"""What each kind of edit adds to a crossval run (development aid).

Usage: WORK=DIR scripts/crossval.sh SET && WORK=DIR scripts/ablate.py SET [--bands]
Corrects every document of SET again with its fold's model and calibration (from the
crossval WORK folder), keeping the review file; then, for each kind of applied edit, rejects
that kind with `ocrmend apply` and scores the result with score.py. Prints, per kind, how
many edits it applied and how fixed / broken / changed-still-wrong words move without it:
a kind whose edits leave many words changed but still wrong is what holds precision down.
With --bands, per kind also what accepting its edits given 0.7-0.8 adds and what rejecting
those given 0.8-0.9 takes away, with the precision of the words that move (the scorer
counts words, the confidence edits: a right split repairs two).
"""
import collections, json, os, pathlib, subprocess, sys, tempfile

from refix import refix

root = pathlib.Path(__file__).resolve().parent.parent
ev = root.parent / "shared" / "eval"
bin_ = os.environ.get("OCRMEND", str(root / "target" / "release" / "ocrmend"))
work = pathlib.Path(os.environ["WORK"])
s = sys.argv[1]


def score(out):
    r = subprocess.run(["python3", str(ev / "score.py"), "--gt", str(ev / s), "--out", str(out)],
                       capture_output=True, text=True, check=True)
    res = json.loads(r.stdout.strip().splitlines()[-1])
    w = res["words"]
    return res["cer_reduction_pct"], w["fixed"], w["broken"], w["changed_still_wrong"]


tmp = pathlib.Path(tempfile.mkdtemp())
inputs, reviews = refix(work, s, bin_, tmp)
kinds = collections.Counter(e["kind"] for r in reviews.values() for e in r if e["accept"])
base = score(tmp)
print(f"{'all edits':<16} CER reduction {base[0]:.2f}%  fixed {base[1]}  broken {base[2]}  still-wrong {base[3]}")


def precision(fixed, broken, wrong):
    """The share of the words that move that end up right (a kind's removal can also mend a
    word it broke: negative counts add nothing)."""
    return fixed / max(1, fixed + max(0, broken) + max(0, wrong))


def without(name, accept):
    """Scores the documents with the edits `accept` says yes to: how the figures move."""
    out = tmp / name
    out.mkdir()
    for d, edits in reviews.items():
        path = out / f"{d}.jsonl"
        path.write_text("".join(json.dumps({**e, "accept": accept(e)}) + "\n" for e in edits))
        subprocess.run([bin_, "apply", "--review", str(path), str(inputs[d]), "-o", str(out / f"{d}.txt")],
                       check=True)
    r = score(out)
    return base[0] - r[0], base[1] - r[1], base[2] - r[2], base[3] - r[3]


for kind, n in kinds.most_common():
    cer, fixed, broken, wrong = without(f"without-{kind}", lambda e: e["accept"] and e["kind"] != kind)
    print(f"{kind:<16} {n:6} applied: CER reduction {cer:+.2f} points, fixed {fixed}, broken {broken}, "
          f"still-wrong {wrong}, precision {precision(fixed, broken, wrong):.3f}")
if "--bands" in sys.argv:
    for kind in sorted({e["kind"] for r in reviews.values() for e in r}):
        for lo, hi, add in [(0.7, 0.8, True), (0.8, 0.9, False)]:
            band = lambda e: e["kind"] == kind and lo <= e["confidence"] < hi
            moved = sum(1 for r in reviews.values() for e in r if band(e) and e["accept"] != add)
            if not moved:
                continue
            accept = (lambda e: e["accept"] or band(e)) if add else (lambda e: e["accept"] and not band(e))
            cer, fixed, broken, wrong = without(f"band-{kind}-{lo}", accept)
            # Adding edits moves the figures up, removing them down: both as what the band does.
            sign = -1 if add else 1
            cer, fixed, broken, wrong = sign * cer, sign * fixed, sign * broken, sign * wrong
            print(f"{kind:<16} {moved:6} given {lo:.1f}-{hi:.1f} ({'suggested' if add else 'applied'}): "
                  f"CER reduction {cer:+.2f} points, fixed {fixed}, broken {broken}, still-wrong {wrong}, "
                  f"precision {precision(fixed, broken, wrong):.3f}")
