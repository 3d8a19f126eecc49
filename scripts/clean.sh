#!/usr/bin/env bash
# Do no harm on clean text: the ground truth of the development sets run through `fix` as
# if it were OCR. Every edit applied there changes a right word, or repairs a slip the
# transcription kept (`talkiug`, `three mouths ending`): read them. Line-break joins are
# left out (the transcriptions keep some breaks as `con- fidently`, which a join mends).
# Usage: scripts/clean.sh [SET...]   (default: overproof_smh icdar2017_en icdar2019_en;
# bln600's ground truth is rejoin_dev's text). Env: OCRMEND (the binary), FIX_ARGS.
set -euo pipefail
source "$(dirname "$0")/common.sh"
sets=("$@")
[ ${#sets[@]} -gt 0 ] || sets=(overproof_smh icdar2017_en icdar2019_en)
work=$(mktemp -d) && trap 'rm -rf "$work"' EXIT
mkdir -p "$work/in"
for set in "${sets[@]}"; do
  for f in "$eval_dir/$set"/*.gt.txt; do
    ln -s "$f" "$work/in/$(basename "$f" .gt.txt).txt"
  done
done
"$bin" fix --quiet ${FIX_ARGS:-} --review "$work/review.jsonl" --out-dir "$work/out" "$work/in"
python3 - "$work/review.jsonl" "$work/in" <<'EOF'
import collections, json, pathlib, sys
words = sum(len(p.read_text(encoding="utf-8").split()) for p in pathlib.Path(sys.argv[2]).iterdir())
applied = [e for e in map(json.loads, open(sys.argv[1], encoding="utf-8"))
           if e["accept"] and e["kind"] != "rejoin"]
kinds = collections.Counter(e["kind"] for e in applied)
print(f"{len(applied)} edits applied to {words} words of ground truth "
      f"({1000 * len(applied) / max(words, 1):.2f} per 1,000), line-break joins aside: "
      + ", ".join(f"{k} {n}" for k, n in kinds.most_common()))
for e in sorted(applied, key=lambda e: -e["confidence"]):
    print(f"{e['confidence']:.2f}\t{e['kind']}\t{pathlib.Path(e['file']).stem}\t{e['before']!r} -> {e['after']!r}")
EOF
