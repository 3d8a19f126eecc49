"""Corrects a crossval run's documents again (development aid, imported by the scripts that
study a run: ablate.py, peredit.py)."""
import collections, json, pathlib, subprocess


def refix(work, s, bin_, out):
    """Corrects every document of set `s` again with its fold's model and calibration (from
    the crossval `work` folder) into folder `out`, a fold at a time as crossval.sh does (the
    documents of a run are evidence for each other). Returns, per document, its input file
    and its review entries."""
    inputs = {}
    reviews = collections.defaultdict(list)
    for fold in (0, 1):
        other = 1 - fold
        cal = (work / f"cal{other}.name").read_text().strip()
        folder = work / f"in-{s}-{fold}"
        review = out / f"review-{fold}.jsonl"
        subprocess.run([bin_, "fix", "--quiet", "--model", str(work / f"model{other}.tsv"),
                        "--calibration", cal, "--out-dir", str(out), str(folder),
                        "--review", str(review)], check=True)
        for f in sorted(folder.glob("*.txt")):
            inputs[f.stem] = f
        for line in open(review):
            e = json.loads(line)
            reviews[pathlib.Path(e["file"]).stem].append(e)
    return inputs, {d: reviews[d] for d in inputs}
