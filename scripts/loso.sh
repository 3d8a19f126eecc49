#!/usr/bin/env bash
# Leave-one-source-out evaluation: how ocrmend does on pages from a source it never trained
# on, as a user's own scans would be. For each development set, a channel model and a
# calibration are fitted on the other sets only, and correct every document of the set.
# (scripts/crossval.sh splits each set in two, so both halves come from every source: it
# measures new pages of known sources, this measures new sources.)
# Usage: scripts/loso.sh [SET...]   then scripts/summarize.py reads its output.
# Env: OCRMEND_ARGS (lexicon options, every command), FIX_ARGS (fix only), WORK=DIR (keep
# the per-set models, calibrations and inputs there, for diagnosis).
set -euo pipefail
source "$(dirname "$0")/common.sh"
all_sets=(bln600 overproof_smh icdar2017_en icdar2019_en)
sets=("$@")
[ ${#sets[@]} -gt 0 ] || sets=("${all_sets[@]}")
if [ -n "${WORK:-}" ]; then
  work=$WORK && rm -rf "$work" && mkdir -p "$work"
else
  work=$(mktemp -d) && trap 'rm -rf "$work"' EXIT
fi
for set in "${sets[@]}"; do
  train=$work/train-$set
  mkdir -p "$train"
  for other in "${all_sets[@]}"; do
    [ "$other" = "$set" ] && continue
    for f in "$eval_dir/$other"/*.ocr.txt; do
      id=$(basename "$f" .ocr.txt)
      ln -s "$f" "$train/$id.ocr.txt"
      ln -s "$eval_dir/$other/$id.gt.txt" "$train/$id.gt.txt"
    done
  done
  "$bin" train --ocr "$train" --gt "$train" -o "$work/model-$set.tsv" 2>/dev/null
  # Cross-fitted, as the embedded calibration is (see scripts/crossval.sh).
  "$bin" calibrate ${OCRMEND_ARGS:-} --cross-fit "${CROSS_FIT:-5}" --ocr "$train" --gt "$train" \
    -o "$work/cal-$set.tsv" 2>/dev/null
  in=$work/in-$set
  mkdir -p "$in"
  for f in "$eval_dir/$set"/*.ocr.txt; do
    ln -s "$f" "$in/$(basename "$f" .ocr.txt).txt"
  done
  out=$here/runs/loso/$set
  rm -rf "$out" && mkdir -p "$out"
  "$bin" fix --quiet ${OCRMEND_ARGS:-} ${FIX_ARGS:-} --model "$work/model-$set.tsv" \
    --calibration "$work/cal-$set.tsv" --out-dir "$out" "$in"
  # How the calibration holds on a source it never saw.
  "$bin" calibrate ${OCRMEND_ARGS:-} --model "$work/model-$set.tsv" --ocr "$in" \
    --gt "$eval_dir/$set" --evaluate "$work/cal-$set.tsv" > "$out.calibration.tsv"
  echo "== $set"
  python3 "$eval_dir/score.py" --gt "$eval_dir/$set" --out "$out" | tail -n 1
done
