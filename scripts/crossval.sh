#!/usr/bin/env bash
# Two-fold cross-validation of a trained channel model on the development sets: the
# documents of every set are split in two (by position, even / odd; with SPLIT=K > 0, by a
# hash of each document's id salted with K, another split of the same documents); a model
# trained on one half of all sets corrects the other half, so no document is corrected by a
# model that saw it. One split's figures move by about 0.2 point with any refit, as much as
# most single changes: averaging a change's effect over a few splits tells it from noise.
# Usage: scripts/crossval.sh [SET...]   then scripts/summarize.py reads its output.
# Env: OCRMEND_ARGS (lexicon options, every command), FIX_ARGS (fix only, e.g. --threshold),
# CALIBRATION=none (raw shares instead of a calibration fitted per fold), WORK=DIR (keep the
# per-fold models, calibrations and inputs there, for diagnosis), SPLIT=K (see above).
set -euo pipefail
source "$(dirname "$0")/common.sh"
# The fold (0 or 1) of the document with id $1, the $2-th of its set.
fold_of() {
  if [ "${SPLIT:-0}" -eq 0 ]; then
    echo $(($2 % 2))
  else
    echo $(($(printf '%s:%s' "$SPLIT" "$1" | cksum | cut -d' ' -f1) % 2))
  fi
}
train_sets=(bln600 overproof_smh icdar2017_en icdar2019_en)
sets=("$@")
[ ${#sets[@]} -gt 0 ] || sets=("${train_sets[@]}")
if [ -n "${WORK:-}" ]; then
  work=$WORK && rm -rf "$work" && mkdir -p "$work"
else
  work=$(mktemp -d) && trap 'rm -rf "$work"' EXIT
fi
for fold in 0 1; do
  mkdir -p "$work/train$fold"
  for set in "${train_sets[@]}"; do
    i=0
    for f in "$eval_dir/$set"/*.ocr.txt; do
      id=$(basename "$f" .ocr.txt)
      if [ "$(fold_of "$id" "$i")" -eq "$fold" ]; then
        ln -s "$f" "$work/train$fold/$id.ocr.txt"
        ln -s "$eval_dir/$set/$id.gt.txt" "$work/train$fold/$id.gt.txt"
      fi
      i=$((i + 1))
    done
  done
  "$bin" train --ocr "$work/train$fold" --gt "$work/train$fold" -o "$work/model$fold.tsv" 2>/dev/null
  # The calibrated confidence, fitted on the same half (CALIBRATION=none: raw shares).
  if [ "${CALIBRATION:-fit}" = none ]; then
    echo none > "$work/cal$fold.name"
  else
    # Cross-fitted: each part of the half judged by a model trained on the rest of it.
    "$bin" calibrate ${OCRMEND_ARGS:-} --cross-fit "${CROSS_FIT:-5}" --ocr "$work/train$fold" \
      --gt "$work/train$fold" -o "$work/cal$fold.tsv" 2>/dev/null
    echo "$work/cal$fold.tsv" > "$work/cal$fold.name"
  fi
done
for set in "${sets[@]}"; do
  out=$here/runs/$set
  rm -rf "$out" && mkdir -p "$out"
  for fold in 0 1; do
    other=$((1 - fold))
    in=$work/in-$set-$fold
    mkdir -p "$in"
    i=0
    for f in "$eval_dir/$set"/*.ocr.txt; do
      # Documents of fold $fold are corrected by the model trained on the other fold.
      id=$(basename "$f" .ocr.txt)
      [ "$(fold_of "$id" "$i")" -eq "$fold" ] && ln -s "$f" "$in/$id.txt"
      i=$((i + 1))
    done
    cal=$(cat "$work/cal$other.name")
    "$bin" fix --quiet ${OCRMEND_ARGS:-} ${FIX_ARGS:-} --model "$work/model$other.tsv" --calibration "$cal" \
      --out-dir "$out" "$in"
    # How the calibration holds on these held-out documents.
    if [ "$cal" != none ]; then
      mkdir -p "$work/gt-$set-$fold"
      for f in "$in"/*.txt; do
        ln -s "$eval_dir/$set/$(basename "$f" .txt).gt.txt" "$work/gt-$set-$fold/$(basename "$f")"
      done
      "$bin" calibrate ${OCRMEND_ARGS:-} --model "$work/model$other.tsv" --ocr "$in" \
        --gt "$work/gt-$set-$fold" --evaluate "$cal" > "$out.calibration-$fold.tsv"
    fi
  done
  echo "== $set"
  python3 "$eval_dir/score.py" --gt "$eval_dir/$set" --out "$out" | tail -n 1
done
