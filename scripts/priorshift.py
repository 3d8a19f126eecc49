#!/usr/bin/env python3
"""Would re-estimating the share of right decisions on new pages help? (development aid)

Usage: scripts/priorshift.py CALIBRATION DECISIONS [THRESHOLD]
  CALIBRATION  the table the decisions were judged with (its `base` line is the share of
               right decisions in its training pages, as log-odds)
  DECISIONS    `ocrmend calibrate --evaluate CALIBRATION --decisions DECISIONS ...` output

Re-estimates that share by EM over the decisions' own confidences, without ground truth
(Saerens, Latinne & Decaestecker 2002), for the whole run and for each document (shrunk
towards the training share by N pseudo-decisions), moves every confidence to it, and counts
the decisions then at or above THRESHOLD (default 0.8) that are right and wrong. Beside
each, the count the raw confidences give for as many decisions: a gain there is better
ranking, not a moved threshold.
"""
import collections, math, sys


def shifted(p, trained, new):
    """A confidence fitted where `trained` of decisions were right, moved to `new`."""
    a, b = p * new / trained, (1 - p) * (1 - new) / (1 - trained)
    return a / (a + b)


def estimate(ps, trained, strength, rounds=60):
    new = trained
    for _ in range(rounds):
        new = (sum(shifted(p, trained, new) for p in ps) + strength * trained) / (len(ps) + strength)
    return new


def main():
    cal, path = sys.argv[1], sys.argv[2]
    threshold = float(sys.argv[3]) if len(sys.argv) > 3 else 0.8
    base = next(float(l.split("\t")[1]) for l in open(cal) if l.startswith("base\t"))
    trained = 1 / (1 + math.exp(-base))
    rows = []  # (confidence, right, document)
    with open(path) as f:
        head = f.readline().rstrip("\n").split("\t")
        at = {k: head.index(k) for k in ("right", "confidence", "edit")}
        for line in f:
            v = line.rstrip("\n").split("\t")
            rows.append((float(v[at["confidence"]]), v[at["right"]] == "true", v[at["edit"]].split(": ")[0]))
    ranked = sorted(rows, key=lambda r: -r[0])

    def show(label, picked):
        right = sum(r[1] for r in picked)
        same = sum(r[1] for r in ranked[: len(picked)])
        print(f"{label:28} right {right:6} wrong {len(picked) - right:5}   raw, as many: right {same:6} wrong {len(picked) - same:5}")

    actual = sum(r[1] for r in rows) / len(rows)
    print(f"{len(rows)} decisions; right in training {trained:.3f}, here {actual:.3f}")
    show("raw", [r for r in rows if r[0] >= threshold])
    run = estimate([r[0] for r in rows], trained, 0)
    show(f"run re-estimated ({run:.3f})", [r for r in rows if shifted(r[0], trained, run) >= threshold])
    docs = collections.defaultdict(list)
    for r in rows:
        docs[r[2]].append(r)
    for strength in (20, 50, 100, 200):
        picked = []
        for rs in docs.values():
            new = estimate([r[0] for r in rs], trained, strength)
            picked += [r for r in rs if shifted(r[0], trained, new) >= threshold]
        show(f"per document (N={strength})", picked)


main()
