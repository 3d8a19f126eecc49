#!/usr/bin/env python3
"""How far a typos-like list of known misspellings, learned from training pages, gets
(development aid; a baseline for a fast mode, never part of ocrmend).

Usage: scripts/misspellings.py [OUTDIR]   then scripts/summarize.py reads its output.
Env: SHARE (default 0.9), MINC (default 2).
Two folds as `scripts/crossval.sh` makes them with SPLIT=0 (even and odd documents of each
set): from one fold's aligned OCR and truth words (edge punctuation aside), a token is
listed with the word it stood for when it did so at least MINC times and in at least SHARE
of its sightings (itself counted when it was right); the other fold's tokens found in the
list are replaced, the rest left as they are, and score.py scores the outputs.
"""
import collections, difflib, glob, os, pathlib, re, subprocess, sys, tempfile

root = pathlib.Path(__file__).resolve().parent.parent
ev = root.parent / "shared" / "eval"
MARKS = ".,;:!?\"'()[]"
MINC = int(os.environ.get("MINC", "2"))
SHARE = float(os.environ.get("SHARE", "0.9"))
SETS = ["bln600", "overproof_smh", "icdar2017_en", "icdar2019_en"]
out = pathlib.Path(sys.argv[1] if len(sys.argv) > 1 else tempfile.mkdtemp())


def split(w):
    """A chunk's leading marks, word and trailing marks."""
    a, b = len(w) - len(w.lstrip(MARKS)), len(w.rstrip(MARKS))
    return w[:a], w[a:b], w[b:]


def learn(files):
    """The list: token -> the word it stood for, from aligned one-to-one words."""
    seen = collections.defaultdict(collections.Counter)
    for o in files:
        ot = open(o, errors="replace").read().split()
        gt = open(o.replace(".ocr.txt", ".gt.txt"), errors="replace").read().split()
        for tag, i1, i2, j1, j2 in difflib.SequenceMatcher(None, ot, gt, autojunk=False).get_opcodes():
            if tag == "equal" or (tag == "replace" and i2 - i1 == j2 - j1):
                for a, b in zip(ot[i1:i2], gt[j1:j2]):
                    token = split(a)[1]
                    if token:
                        seen[token][split(b)[1]] += 1
    listed = {}
    for token, words in seen.items():
        word, n = words.most_common(1)[0]
        if word != token and n >= MINC and n / sum(words.values()) >= SHARE:
            listed[token] = word
    return listed


docs = {s: sorted(glob.glob(str(ev / s / "*.ocr.txt"))) for s in SETS}
for fold in (0, 1):
    listed = learn([f for s in SETS for i, f in enumerate(docs[s]) if i % 2 != fold])

    def mend(m):
        lead, word, trail = split(m.group())
        return lead + listed.get(word, word) + trail if word else m.group()

    for s in SETS:
        (out / s).mkdir(parents=True, exist_ok=True)
        for i, f in enumerate(docs[s]):
            if i % 2 == fold:
                text = open(f, errors="replace").read()
                (out / s / os.path.basename(f).replace(".ocr.txt", ".txt")).write_text(re.sub(r"\S+", mend, text))
for s in SETS:
    r = subprocess.run(["python3", str(ev / "score.py"), "--gt", str(ev / s), "--out", str(out / s)],
                       capture_output=True, text=True, check=True)
    print(f"== {s}\n{r.stdout.strip().splitlines()[-1]}")
