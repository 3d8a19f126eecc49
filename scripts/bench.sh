#!/usr/bin/env bash
# Whole-process benchmark: ocrmend over the development corpus (../shared/eval/*/*.ocr.txt
# concatenated, repeated REPEAT times, as one file), start-up (on an empty file and on one
# line), peak memory, 1 job against all cores; then, where installed, the peers of
# ../shared/peers over the same file, with ocrmend's speed as a multiple of theirs. Never
# part of the tests.
# Usage: scripts/bench.sh [REPEAT]
# Env: PEERS="symspell typos ..." (default: typos aspell hunspell symspell; those not
#      installed are named and skipped),
#      DEADLINE=S (a peer stops after S seconds and is timed on what it did).
set -euo pipefail
source "$(dirname "$0")/common.sh" # here, installed_peers
shared=${SHARED:-$here/../shared}
repeat=${1:-1}
bin=$here/target/release/ocrmend
cargo build --release --quiet --manifest-path "$here/Cargo.toml"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
for _ in $(seq "$repeat"); do cat "$shared"/eval/*/*.ocr.txt; done > "$work/corpus.ocr.txt"
: > "$work/empty.txt"
bytes=$(stat -c %s "$work/corpus.ocr.txt")
mb=$(python3 -c "print($bytes / 1e6)")
echo "input: $mb MB (dev corpus x $repeat), $(nproc) cores"

measure() { # label, args... -> "seconds peak_kb"
  local label=$1; shift
  /usr/bin/time -f "%e %M" -o "$work/time" "$@" > /dev/null 2>&1 < /dev/null
  read -r s kb < "$work/time"
  printf '%-28s %8.3f s  %8.2f MB/s  peak %6d MB\n' "$label" "$s" \
    "$(python3 -c "print($mb / max($s, 1e-9))")" "$((kb / 1024))"
  echo "$s" > "$work/last"
}
# Start-up: both runs read the embedded models; the line is mended too, as in every real
# run. Median of 21 runs each (/usr/bin/time counts in 10 ms steps).
head -n 1 "$work/corpus.ocr.txt" > "$work/line.txt"
python3 - "$bin" "$work" <<'PY'
import statistics, subprocess, sys, time
bin, work = sys.argv[1], sys.argv[2]
for label, name in [("an empty file", "empty.txt"), ("one line", "line.txt")]:
    runs = []
    for _ in range(21):
        t = time.perf_counter()
        subprocess.run([bin, "fix", "--quiet", f"{work}/{name}", "-o", f"{work}/o"], check=True)
        runs.append(time.perf_counter() - t)
    print(f"start-up (fix on {label}, median of 21): {statistics.median(runs) * 1000:.0f} ms")
PY
measure "ocrmend fix --jobs 1" "$bin" fix --quiet --jobs 1 "$work/corpus.ocr.txt" -o "$work/o1"
one=$(cat "$work/last")
measure "ocrmend fix (all cores)" "$bin" fix --quiet "$work/corpus.ocr.txt" -o "$work/o2"
all=$(cat "$work/last")
cmp -s "$work/o1" "$work/o2" && echo "same output with 1 job and all cores"
python3 -c "print(f'speed-up 1 -> $(nproc) jobs: {$one / $all:.2f}x')"

# The peers, where their tools are installed; those asked for but missing are named.
wanted=${PEERS:-typos aspell hunspell symspell}
PEERS=$(installed_peers $wanted)
for peer in $wanted; do
  case " $PEERS " in
    *" $peer "*) ;;
    *) echo "peer $peer: not installed (see $shared/peers/README.md for the install commands)" ;;
  esac
done
if [ -n "${PEERS// /}" ] && [ -x "$shared/peers/run_all.sh" ]; then
  PEERS="$PEERS" bash "$shared/peers/run_all.sh" "$work/corpus.ocr.txt" "$work/peers" 2> /dev/null || true
  echo "peer                     wall s     MB/s   ocrmend is"
  tail -n +2 "$work/peers/timing.tsv" | while IFS=$'\t' read -r _ _ done_b _ _ wall _ mbps peer; do
    python3 -c "
w, b = float('$wall'), float('$done_b' if '$done_b' != 'None' else 0)
peer_mbps = b / 1e6 / w if w > 0 and b > 0 else 0
ours = $mb / $all
print(f'{\"$peer\":<22} {w:8.1f} {peer_mbps:8.3f}   ' + (f'{ours / peer_mbps:.1f}x as fast' if peer_mbps else 'n/a'))"
  done
else
  echo "no peer installed (see $shared/peers/README.md for the install commands)"
fi
