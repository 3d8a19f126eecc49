#!/usr/bin/env python3
"""Compares the calibration's forest with a gradient-boosting learner, and tries new features
on the same decisions (development aid). Run by scripts/learner.sh, which leaves in DIR, for
each of five parts K of the development pages, `trainK.tsv` (the decisions of the other four
parts, cross-fitted, as the calibration was fitted on them) and `testK.tsv` (the part's
decisions, with the confidence the fitted calibration gave them before the page's base rate).

Usage: scripts/learner.py DIR   (needs pandas and scikit-learn)

Per set and for all: log-loss, AUC, and how many right decisions the ones ranked first hold
while their precision is at least 0.8 and 0.9, for
  forest      the calibration's own confidence;
  boosted     scikit-learn's HistGradientBoostingClassifier on the same features;
  +edit       that, with simple measures of the edit itself: edit distance with and without
              case, case only, the token's digits, marks and capitals, the common beginning;
  +run        that, with the run's attestation: in how many other pages of the set (a run of
              them) the candidate, and the token, are written (letters only, any case);
  +run alone  the same model on pages run alone, with no other pages to attest anything:
              what a user correcting one file would get from a calibration fitted so.
  new source  each source's decisions judged by `boosted` fitted on the other sources'
              decisions only (the channel models saw every source): how a change to the
              learner or its features carries to a source it never saw, as
              `scripts/loso.sh` measures the product. A change that gains here and loses
              cross-validated trades one for the other (a confidence made to fall along
              the channel cost did).
"""
import collections, math, os, pathlib, re, sys

import numpy as np
import pandas as pd
from sklearn.ensemble import HistGradientBoostingClassifier
from sklearn.metrics import log_loss, roc_auc_score

EVAL = pathlib.Path(__file__).resolve().parent.parent.parent / "shared" / "eval"
SETS = ["bln600", "overproof_smh", "icdar2017_en", "icdar2019_en"]
WORD = re.compile(r"[^\W\d_]+(?:['’-][^\W\d_]+)*")
EXTRA = ["run_after", "run_before"]
EDIT = ["distance", "distance_lower", "case_only", "digits", "marks", "capitals", "common"]

set_of, pages_with = {}, {}
for s in SETS:
    pages = collections.defaultdict(set)
    for f in (EVAL / s).glob("*.ocr.txt"):
        page = f.name[: -len(".ocr.txt")]
        set_of[page] = s
        for w in WORD.findall(f.read_text(errors="replace")):
            pages[w.lower()].add(page)
    pages_with[s] = pages


def key(text):
    """The one word `text` is, lower case, or None."""
    words = WORD.findall(text)
    return words[0].lower() if len(words) == 1 and len(words[0]) == len(text.strip()) else None


def elsewhere(page, text):
    """ln(1 + the other pages of `page`'s set that write `text`), -1 when it is no one word."""
    k = key(text)
    if k is None:
        return -1.0
    return math.log1p(len(pages_with[set_of[page]].get(k, set()) - {page}))


def distance(a, b):
    """Levenshtein distance."""
    row = list(range(len(b) + 1))
    for i, x in enumerate(a, 1):
        prev, row[0] = row[0], i
        for j, y in enumerate(b, 1):
            prev, row[j] = row[j], min(row[j] + 1, row[j - 1] + 1, prev + (x != y))
    return row[-1]


def load(path):
    d = pd.read_csv(path, sep="\t", quoting=3, keep_default_na=False)
    d["y"] = d["right"].astype(str).str.lower() == "true"
    page = d["edit"].str.split(": ", n=1).str[0]
    change = d["edit"].str.split(": ", n=1).str[1].str.split(" -> ", n=1)
    d["set"] = [set_of.get(p, "?") for p in page]
    d["run_after"] = [elsewhere(p, a) for p, a in zip(page, change.str[1].fillna(""))]
    d["run_before"] = [elsewhere(p, b) for p, b in zip(page, change.str[0].fillna(""))]
    pairs = list(zip(change.str[0].fillna(""), change.str[1].fillna("")))
    d["distance"] = [distance(b, a) for b, a in pairs]
    d["distance_lower"] = [distance(b.lower(), a.lower()) for b, a in pairs]
    d["case_only"] = [int(b != a and b.lower() == a.lower()) for b, a in pairs]
    d["digits"] = [sum(c.isdigit() for c in b) for b, _ in pairs]
    d["marks"] = [sum(not c.isalnum() and not c.isspace() for c in b) for b, _ in pairs]
    d["capitals"] = [sum(c.isupper() for c in b) for b, _ in pairs]
    d["common"] = [len(os.path.commonprefix([b.lower(), a.lower()])) for b, a in pairs]
    return d


def boosted(train, feats):
    return HistGradientBoostingClassifier(
        max_iter=300, learning_rate=0.05, max_leaf_nodes=15, min_samples_leaf=40, random_state=0
    ).fit(train[feats], train["y"])


def right_at(g, col, precision):
    s = g.sort_values(col, ascending=False)
    right = s["y"].cumsum().to_numpy()
    ok = np.nonzero(right / np.arange(1, len(s) + 1) >= precision)[0]
    return int(right[ok.max()]) if len(ok) else 0


work = pathlib.Path(sys.argv[1])
held = []
for k in range(5):
    train, test = load(work / f"train{k}.tsv"), load(work / f"test{k}.tsv")
    # The calibration's features: the table's columns before `right`.
    base = list(train.columns[: list(train.columns).index("right")])
    test["boosted"] = boosted(train, base).predict_proba(test[base])[:, 1]
    test["+edit"] = boosted(train, base + EDIT).predict_proba(test[base + EDIT])[:, 1]
    model = boosted(train, base + EXTRA)
    test["+run"] = model.predict_proba(test[base + EXTRA])[:, 1]
    alone = test[base + EXTRA].copy()
    for c in EXTRA:
        alone[c] = np.where(alone[c] < 0, -1.0, 0.0)
    test["+run alone"] = model.predict_proba(alone)[:, 1]
    # Each source's decisions judged by a learner fitted on the other sources' only.
    test["new source"] = np.nan
    for s in SETS:
        mine = test["set"] == s
        if mine.any():
            other = boosted(train[train["set"] != s], base)
            test.loc[mine, "new source"] = other.predict_proba(test.loc[mine, base])[:, 1]
    held.append(test)
d = pd.concat(held)
d = d.rename(columns={"confidence": "forest"})
print("set            decisions right  model        log-loss  AUC     right@0.8  right@0.9")
for name, g in [("all", d)] + sorted(d.groupby("set")):
    for col in ["forest", "boosted", "+edit", "+run", "+run alone", "new source"]:
        p = g[col].clip(1e-6, 1 - 1e-6)
        print(
            f"{name:14} {len(g):9} {int(g.y.sum()):6}  {col:11} {log_loss(g.y, p, labels=[False, True]):8.4f}"
            f"  {roc_auc_score(g.y, p) if g.y.nunique() > 1 else float('nan'):.4f}"
            f"  {right_at(g, col, 0.8):9}  {right_at(g, col, 0.9):9}"
        )
