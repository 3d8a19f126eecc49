#!/usr/bin/env bash
# Does the calibration's learner, or its features, limit how well decisions are ranked?
# (development aid; never part of the tests). The pages of every development set are split
# five ways by a hash of their id; for each part, a channel model and a calibration are fitted
# on the other four (as `ocrmend calibrate --cross-fit 5` fits the embedded one), and the
# part's decisions are judged with them. Then scripts/learner.py fits a gradient-boosting
# learner (scikit-learn) to the same training decisions, with the calibration's features and
# with candidate new ones, and compares all of them on the held-out decisions.
# Usage: WORK=DIR scripts/learner.sh   (needs `pip install pandas scikit-learn`; ~5 minutes)
set -euo pipefail
source "$(dirname "$0")/common.sh"
work=${WORK:?set WORK to a directory for the parts, models and decision tables}
rm -rf "$work" && mkdir -p "$work"
for k in 0 1 2 3 4; do mkdir -p "$work/train$k" "$work/test$k"; done
for set in bln600 overproof_smh icdar2017_en icdar2019_en; do
  for f in "$eval_dir/$set"/*.ocr.txt; do
    id=$(basename "$f" .ocr.txt)
    part=$(($(printf '%s' "$id" | cksum | cut -d' ' -f1) % 5))
    for k in 0 1 2 3 4; do
      side=train && [ "$k" -eq "$part" ] && side=test
      ln -s "$f" "$work/$side$k/$id.ocr.txt"
      ln -s "$eval_dir/$set/$id.gt.txt" "$work/$side$k/$id.gt.txt"
    done
  done
done
for k in 0 1 2 3 4; do
  t=$work/train$k
  "$bin" train --ocr "$t" --gt "$t" -o "$work/model$k.tsv" 2>/dev/null
  "$bin" calibrate --cross-fit 5 --ocr "$t" --gt "$t" -o "$work/cal$k.tsv" \
    --decisions "$work/train$k.tsv" > /dev/null 2>&1
  "$bin" calibrate --model "$work/model$k.tsv" --ocr "$work/test$k" --gt "$work/test$k" \
    --evaluate "$work/cal$k.tsv" --decisions "$work/test$k.tsv" > /dev/null 2>&1
done
python3 "$here/scripts/learner.py" "$work"
