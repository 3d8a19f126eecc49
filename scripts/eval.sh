#!/usr/bin/env bash
# Scores ocrmend on the development sets with the team's scorer.
# Usage: scripts/eval.sh [SET...]   (default: bln600 overproof_smh icdar2017_en icdar2019_en rejoin_dev)
# Needs ../shared/eval beside the repo. Writes runs/<set>/<id>.txt and prints score.py's table.
set -euo pipefail
source "$(dirname "$0")/common.sh"
sets=("$@")
[ ${#sets[@]} -gt 0 ] || sets=(bln600 overproof_smh icdar2017_en icdar2019_en rejoin_dev)
for set in "${sets[@]}"; do
  in=$(mktemp -d)
  # Only the OCR side goes in: <id>.ocr.txt is fed as <id>.txt so outputs are named as score.py wants.
  for f in "$eval_dir/$set"/*.ocr.txt; do
    ln -s "$f" "$in/$(basename "$f" .ocr.txt).txt"
  done
  out=$here/runs/$set
  rm -rf "$out" && mkdir -p "$out"
  "$bin" fix --quiet ${OCRMEND_ARGS:-} --out-dir "$out" "$in"
  rm -rf "$in"
  echo "== $set"
  if [ "$set" = rejoin_dev ]; then
    python3 "$eval_dir/rejoin_score.py" --data "$eval_dir/$set" --out "$out" | tail -n 1
  else
    python3 "$eval_dir/score.py" --gt "$eval_dir/$set" --out "$out" | tail -n 1
  fi
done
