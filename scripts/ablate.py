#!/usr/bin/env python3
"""What each kind of edit adds to a crossval run (development aid).

Usage: WORK=DIR scripts/crossval.sh SET && WORK=DIR scripts/ablate.py SET
Corrects every document of SET again with its fold's model and calibration (from the
crossval WORK folder), keeping the review file; then, for each kind of applied edit, rejects
that kind with `ocrmend apply` and scores the result with score.py. Prints, per kind, how
many edits it applied and how fixed / broken / changed-still-wrong words move without it:
a kind whose edits leave many words changed but still wrong is what holds precision down.
"""
import collections, json, os, pathlib, subprocess, sys, tempfile

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
inputs = {}
for fold in (0, 1):
    other = 1 - fold
    cal = (work / f"cal{other}.name").read_text().strip()
    for f in sorted((work / f"in-{s}-{fold}").glob("*.txt")):
        inputs[f.stem] = f
        subprocess.run([bin_, "fix", "--quiet", "--model", str(work / f"model{other}.tsv"),
                        "--calibration", cal, str(f), "-o", str(tmp / f"{f.stem}.txt"),
                        "--review", str(tmp / f"{f.stem}.jsonl")], check=True)
reviews = {d: [json.loads(l) for l in open(tmp / f"{d}.jsonl")] for d in inputs}
kinds = collections.Counter(e["kind"] for r in reviews.values() for e in r if e["accept"])
base = score(tmp)
print(f"{'all edits':<16} CER reduction {base[0]:.2f}%  fixed {base[1]}  broken {base[2]}  still-wrong {base[3]}")
for kind, n in kinds.most_common():
    out = tmp / f"without-{kind}"
    out.mkdir()
    for d, edits in reviews.items():
        path = out / f"{d}.jsonl"
        path.write_text("".join(json.dumps({**e, "accept": e["accept"] and e["kind"] != kind}) + "\n"
                                for e in edits))
        subprocess.run([bin_, "apply", "--review", str(path), str(inputs[d]), "-o", str(out / f"{d}.txt")],
                       check=True)
    r = score(out)
    fixed, broken, wrong = base[1] - r[1], base[2] - r[2], base[3] - r[3]
    print(f"{kind:<16} {n:6} applied: CER reduction {base[0] - r[0]:+.2f} points, fixed {fixed}, broken {broken}, "
          f"still-wrong {wrong}, precision {fixed / max(1, fixed + broken + wrong):.3f}")
