# Sourced by the evaluation scripts: where the repository and ../shared/eval are, and the
# ocrmend binary to run (built when missing).
# Sets: here (the repository), eval_dir (EVAL_DIR or ../shared/eval), bin (OCRMEND or the
# release build).
here=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
eval_dir=${EVAL_DIR:-$here/../shared/eval}
bin=${OCRMEND:-$here/target/release/ocrmend}
[ -x "$bin" ] || cargo build --release --manifest-path "$here/Cargo.toml"
