#!/usr/bin/env bash
# What a user gains from `ocrmend calibrate --adapt` with K corrected pages of a source the
# calibration never saw: K documents of SET (drawn with SEED) play the user's pages, the
# rest are corrected with the channel model and calibration `scripts/loso.sh` fitted without
# SET, (1) as they are, (2) with the calibration adapted to the K pages, (3) with one fitted
# on the K pages alone, (4) adapted to a reviewer's decisions on the K pages (`--reviewed`;
# the reviewer decides every edit `fix --review` lists as the ground truth judges it); each
# at several thresholds, scored by score.py.
# Usage: WORK=DIR scripts/loso.sh SET && WORK=DIR scripts/adapt.sh SET [K] [SEED]
# Prints one line per calibration and threshold: CER reduction, fixed, broken, still wrong,
# precision.
set -euo pipefail
source "$(dirname "$0")/common.sh"
work=${WORK:?set WORK to the directory a loso.sh run kept (WORK=DIR)}
set=$1
k=${2:-25}
seed=${3:-1}
model=$work/model-$set.tsv
trial=$(mktemp -d)
trap 'rm -rf "$trial"' EXIT
mkdir -p "$trial/user" "$trial/test" "$trial/gt"
ls "$eval_dir/$set"/*.ocr.txt | python3 -c "
import random, sys
files = sorted(l.strip() for l in sys.stdin)
random.seed($seed)
user = set(random.sample(files, $k))
for f in files:
    print(('user' if f in user else 'test') + ' ' + f)" |
  while read -r side f; do
    id=$(basename "$f" .ocr.txt)
    if [ "$side" = user ]; then
      ln -s "$f" "$trial/user/$id.ocr.txt"
      ln -s "$eval_dir/$set/$id.gt.txt" "$trial/user/$id.gt.txt"
    else
      ln -s "$f" "$trial/test/$id.txt"
      ln -s "$f" "$trial/gt/$id.ocr.txt"
      ln -s "$eval_dir/$set/$id.gt.txt" "$trial/gt/$id.gt.txt"
    fi
  done
"$bin" calibrate --model "$model" --calibration "$work/cal-$set.tsv" --adapt \
  --ocr "$trial/user" --gt "$trial/user" -o "$trial/adapted.tsv" 2>/dev/null
"$bin" calibrate --model "$model" --ocr "$trial/user" --gt "$trial/user" \
  -o "$trial/own.tsv" 2>/dev/null
# The simulated reviewer: the user's pages corrected as `fix` would, each listed edit marked
# accepted or rejected as the ground truth judges it (`calibrate --decisions`).
mkdir -p "$trial/pages"
for f in "$trial/user"/*.ocr.txt; do
  ln -s "$(readlink -f "$f")" "$trial/pages/$(basename "$f" .ocr.txt).txt"
done
"$bin" fix --quiet --model "$model" --calibration "$work/cal-$set.tsv" \
  --out-dir "$trial/fixed" --review "$trial/review.jsonl" "$trial/pages"
"$bin" calibrate --model "$model" --ocr "$trial/user" --gt "$trial/user" \
  --evaluate "$work/cal-$set.tsv" --decisions "$trial/decisions.tsv" > /dev/null 2>&1
python3 - "$trial" <<'PY'
import json, pathlib, sys
trial = pathlib.Path(sys.argv[1])
right = {}
for line in (trial / "decisions.tsv").read_text().splitlines()[1:]:
    cols = line.split("\t")
    # `right`, `confidence`, `at`, `edit` close each row: keyed by the edit and where it is.
    right[(cols[-1], int(cols[-2]))] = cols[-4] == "true"
out = []
for line in (trial / "review.jsonl").read_text().splitlines():
    r = json.loads(line)
    what = f"{pathlib.Path(r['file']).stem}: {r['before']} -> {r['after']}"
    if r.get("evidence") and (what, r["start"]) in right:
        r["reviewed"] = "accepted" if right[(what, r["start"])] else "rejected"
    out.append(json.dumps(r))
(trial / "reviewed.jsonl").write_text("\n".join(out) + "\n")
PY
"$bin" calibrate --calibration "$work/cal-$set.tsv" --adapt --reviewed "$trial/reviewed.jsonl" \
  -o "$trial/reviewed.tsv" 2>/dev/null
for cal in "as fitted:$work/cal-$set.tsv" "adapted:$trial/adapted.tsv" \
  "own pages only:$trial/own.tsv" "reviewed:$trial/reviewed.tsv"; do
  for t in 0.6 0.7 0.8 0.9; do
    rm -rf "$trial/out" && mkdir "$trial/out"
    "$bin" fix --quiet --threshold "$t" --model "$model" --calibration "${cal#*:}" \
      --out-dir "$trial/out" "$trial/test"
    python3 "$eval_dir/score.py" --gt "$trial/gt" --out "$trial/out" | tail -n 1 |
      python3 -c "
import json, sys
d = json.load(sys.stdin); w = d['words']
print(f\"$set K=$k seed=$seed {'${cal%%:*}':15} {$t}  CER {d['cer_reduction_pct']:5.2f}%  \"
      f\"fixed {w['fixed']}  broken {w['broken']}  still wrong {w['changed_still_wrong']}  \"
      f\"precision {w['precision']:.3f}\")"
  done
done
