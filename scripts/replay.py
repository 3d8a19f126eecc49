#!/usr/bin/env python3
"""Replays held-out review files with some suggestions accepted (development aid).

Usage: WORK=DIR scripts/replay.py [PREDICATES.py] [SET...]
  after `SPLIT=K WORK=DIR scripts/crossval.sh`, whose fold models and calibrations it reuses.

Each held-out document is corrected alone by the model and calibration of the other fold,
with `--review` (the review files are kept in DIR/reviews and made once). PREDICATES.py
defines `PREDS`, a dict of name -> function(edit record) -> bool (without it: each kind of
edit in the bands of confidence 0.7-0.8, 0.6-0.7 and 0.4-0.6); for each, the suggestions
(edits not accepted) it is true of are accepted, the review files are applied with
`ocrmend apply`, and score.py scores the result. Prints, per predicate and set, how many
suggestions were accepted and the words fixed, broken and changed but still wrong that
they add against the review files applied as they are, with those words' precision.
Env: OCRMEND=BIN (default target/release/ocrmend).
"""
import json, os, pathlib, shutil, subprocess, sys, tempfile
from concurrent.futures import ThreadPoolExecutor

root = pathlib.Path(__file__).resolve().parent.parent
ev = root.parent / "shared" / "eval"
work = pathlib.Path(os.environ["WORK"])
binary = os.environ.get("OCRMEND", str(root / "target" / "release" / "ocrmend"))
reviews = work / "reviews"


def make_reviews(sets):
    """Each held-out document's review file, by the other fold's model and calibration."""
    jobs = []
    for s in sets:
        for fold in (0, 1):
            other = 1 - fold
            cal = (work / f"cal{other}.name").read_text().strip()
            for f in sorted((work / f"in-{s}-{fold}").glob("*.txt")):
                out = reviews / f"{f.stem}.jsonl"
                if not out.exists():
                    jobs.append([binary, "fix", "-q", "-j1", "--model", str(work / f"model{other}.tsv"),
                                 "--calibration", cal, "--review", str(out), "-o", os.devnull, str(f)])
    with ThreadPoolExecutor(os.cpu_count() or 2) as ex:
        list(ex.map(lambda c: subprocess.run(c, check=True), jobs))


def score(s, pred):
    """score.py's words and CER reduction for set `s` with the suggestions `pred` accepts."""
    out = pathlib.Path(tempfile.mkdtemp(prefix="replay-"))
    accepted, jobs = 0, []
    for f in sorted((ev / s).glob("*.ocr.txt")):
        doc = f.name[: -len(".ocr.txt")]
        records = [json.loads(line) for line in open(reviews / f"{doc}.jsonl")]
        for r in records:
            if not r["accept"] and pred(r):
                r["accept"] = True
                accepted += 1
        review = out / f"{doc}.jsonl"
        review.write_text("".join(json.dumps(r) + "\n" for r in records))
        jobs.append([binary, "apply", "-j1", "--review", str(review), "-o", str(out / f"{doc}.txt"), str(f)])
    with ThreadPoolExecutor(os.cpu_count() or 2) as ex:
        list(ex.map(lambda c: subprocess.run(c, check=True), jobs))
    for review in out.glob("*.jsonl"):
        review.unlink()
    report = subprocess.run(["python3", str(ev / "score.py"), "--gt", str(ev / s), "--out", str(out)],
                            capture_output=True, text=True, check=True).stdout.strip().splitlines()[-1]
    shutil.rmtree(out)
    d = json.loads(report)
    w = d["words"]
    return accepted, d["cer_reduction_pct"], w["fixed"], w["broken"], w["changed_still_wrong"]


def by_kind_and_band():
    """Each kind of edit in each band of confidence below the default threshold."""
    kinds = ["substitute", "split", "normalize", "delete", "merge", "rejoin", "number"]
    bands = [(0.7, 0.8), (0.6, 0.7), (0.4, 0.6)]
    return {f"{k} {lo}-{hi}": (lambda k, lo, hi: lambda r: r["kind"] == k and lo <= r["confidence"] < hi)(k, lo, hi)
            for k in kinds for lo, hi in bands}


def main():
    args = sys.argv[1:]
    if args and args[0].endswith(".py"):
        spec = {}
        exec(pathlib.Path(args.pop(0)).read_text(), spec)
        preds = spec["PREDS"]
    else:
        preds = by_kind_and_band()
    sets = args or ["bln600", "overproof_smh", "icdar2017_en"]
    reviews.mkdir(exist_ok=True)
    make_reviews(sets)
    for s in sets:
        _, cer0, f0, b0, w0 = score(s, lambda r: False)
        print(f"{'as reviewed':28s} {s:14s} CER reduction {cer0:6.2f}%  fixed {f0}  broken {b0}  still wrong {w0}")
        for name, pred in preds.items():
            n, cer, f, b, w = score(s, pred)
            df, db, dw = f - f0, b - b0, w - w0
            changed = df + db + dw
            precision = f"{df / changed:.2f}" if changed > 0 else "-"
            print(f"{name:28s} {s:14s} +{n:<5d} CER reduction {cer:6.2f}% ({cer - cer0:+.2f})  "
                  f"fixed {df:+d}  broken {db:+d}  still wrong {dw:+d}  precision {precision}")


if __name__ == "__main__":
    main()
