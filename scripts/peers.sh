#!/usr/bin/env bash
# How accurate the correctors a user would pick instead are on the development sets, scored as
# ocrmend is (score.py, default normalisation): one row per set and peer (development aid;
# the peers' install commands are in ../shared/peers/README.md). A peer learns nothing from
# these pages, so it corrects every document of a set; set its rows beside
# scripts/crossval.sh's (new pages of sources ocrmend trained on) and scripts/loso.sh's (a
# source it never saw). overproof_smh also holds Overproof's own output, scored as a peer.
# Usage: scripts/peers.sh [SET...] | scripts/summarize.py
# Env: PEERS (default: those installed, as below), DEADLINE=S (a peer starts no new file after S
# seconds, and is scored on the documents it finished: their count is printed), WORK=DIR
# (keep the peers' outputs there).
set -euo pipefail
source "$(dirname "$0")/common.sh"
shared=$(cd "$eval_dir/.." && pwd)
sets=("$@")
[ ${#sets[@]} -gt 0 ] || sets=(bln600 overproof_smh icdar2017_en icdar2019_en)
# The slower Python peers of ../shared/peers (pyspellchecker, autocorrect, textblob) only
# when PEERS names them: pyspellchecker took over 20 minutes on one page of bln600.
[ -n "${PEERS:-}" ] || PEERS=$(installed_peers typos aspell aspell_lc hunspell symspell symspell_lc \
  symspell_compound_seg)
if [ -n "${WORK:-}" ]; then
  work=$WORK && mkdir -p "$work"
else
  work=$(mktemp -d) && trap 'rm -rf "$work"' EXIT
fi
# Scores OUT (one <id>.txt per document) against SET's documents that OUT holds.
score() {
  local set=$1 name=$2 out=$3 gt=$work/gt-$set-$2
  rm -rf "$gt" && mkdir -p "$gt"
  local n=0 all=0
  for f in "$eval_dir/$set"/*.gt.txt; do
    all=$((all + 1))
    id=$(basename "$f" .gt.txt)
    [ -f "$out/$id.txt" ] || continue
    ln -s "$f" "$gt/$id.gt.txt" && ln -s "$eval_dir/$set/$id.ocr.txt" "$gt/$id.ocr.txt"
    n=$((n + 1))
  done
  if [ "$n" -lt "$all" ]; then
    echo "$set/$name: scored on the $n of $all documents it finished"
  fi
  echo "== $set/$name"
  python3 "$eval_dir/score.py" --gt "$gt" --out "$out" | tail -n 1
}
for set in "${sets[@]}"; do
  PEERS="$PEERS" bash "$shared/peers/run_all.sh" "$eval_dir/$set" "$work/$set" 2> /dev/null || true
  for peer in $PEERS; do
    if [ -d "$work/$set/$peer" ]; then score "$set" "$peer" "$work/$set/$peer"; fi
  done
  overproof=$eval_dir/$set/overproof_output
  if [ -d "$overproof" ]; then score "$set" overproof "$overproof"; fi
done
