#!/usr/bin/env bash
# The trade-off curve of a cross-validated run: for each threshold, CER reduction against
# precision, per set, from the fold models and calibrations `WORK=DIR scripts/crossval.sh`
# kept (or `scripts/loso.sh`'s, with LOSO=1). A change that only moves the default along
# the curve (more fixed, lower precision, or the reverse) is no better than a different
# `--threshold`; one that moves the curve is. The last lines read each curve at the same
# precision (linear between the thresholds around it), so two runs compare at a glance.
# Usage: WORK=DIR scripts/frontier.sh [THRESHOLD...]   (default 0.7 0.75 0.8 0.85 0.9)
# Env: SETS="bln600 ..." (default: the sets WORK holds), AT=0.80 (the precision to read
#      the curves at), FIX_ARGS (more `fix` options), OCRMEND (the binary).
# Two builds on the same WORK (OCRMEND=old, then OCRMEND=new) compare with the fold models
# and calibrations kept: a change to ranking or generation alone, without a refit's noise
# (about 0.2 point a split), in a few minutes; then refit over three splits.
set -euo pipefail
work=${WORK:?set WORK to the directory a crossval.sh or loso.sh run kept (WORK=DIR)}
source "$(dirname "$0")/common.sh"
thresholds=("$@")
[ ${#thresholds[@]} -gt 0 ] || thresholds=(0.7 0.75 0.8 0.85 0.9)
if [ -z "${SETS:-}" ]; then
  SETS=$(cd "$work" && ls -d in-* | sed -E 's/^in-//; s/-[01]$//' | sort -u | tr '\n' ' ')
fi
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
rows=$out/rows.tsv
: > "$rows"
for set in $SETS; do
  for t in "${thresholds[@]}"; do
    dir=$out/$set-$t
    mkdir -p "$dir"
    if [ -n "${LOSO:-}" ]; then
      "$bin" fix --quiet ${FIX_ARGS:-} --threshold "$t" --model "$work/model-$set.tsv" \
        --calibration "$work/cal-$set.tsv" --out-dir "$dir" "$work/in-$set"
    else
      for fold in 0 1; do
        other=$((1 - fold))
        "$bin" fix --quiet ${FIX_ARGS:-} --threshold "$t" --model "$work/model$other.tsv" \
          --calibration "$(cat "$work/cal$other.name")" --out-dir "$dir" "$work/in-$set-$fold"
      done
    fi
    python3 "$eval_dir/score.py" --gt "$eval_dir/$set" --out "$dir" | tail -n 1 |
      python3 -c "
import json, sys
d = json.load(sys.stdin); w = d['words']
print('\t'.join(map(str, ['$set', '$t', d['cer_reduction_pct'], w['fixed'], w['broken'],
                          w['changed_still_wrong'], w['precision'] or 0])))" >> "$rows"
    rm -rf "$dir"
  done
done
python3 - "$rows" "${AT:-0.80}" <<'EOF'
import sys
rows = [l.rstrip("\n").split("\t") for l in open(sys.argv[1])]
at = float(sys.argv[2])
print(f"{'set':14} {'threshold':>9} {'CER red.':>9} {'fixed':>6} {'broken':>6} {'still wrong':>11} {'precision':>9}")
for s, t, cer, fixed, broken, wrong, p in rows:
    print(f"{s:14} {t:>9} {float(cer):8.2f}% {fixed:>6} {broken:>6} {wrong:>11} {float(p):9.3f}")
for s in dict.fromkeys(r[0] for r in rows):
    curve = sorted((float(r[6]), float(r[2])) for r in rows if r[0] == s)
    read = None
    for (p0, c0), (p1, c1) in zip(curve, curve[1:]):
        if p0 <= at <= p1:
            read = c0 if p1 == p0 else c0 + (c1 - c0) * (at - p0) / (p1 - p0)
    if read is not None:
        shown = f"{read:.2f}%"
    elif curve and curve[0][0] > at:
        # Surer than `at` at every threshold: the lowest one tried is as far as it goes.
        shown = (f"above it at every threshold (at {curve[0][0]:.3f}: {curve[0][1]:.2f}%); "
                 "try lower thresholds")
    else:
        shown = "not reached by these thresholds"
    print(f"{s:14} CER reduction at precision {at:.2f}: {shown}")
EOF
