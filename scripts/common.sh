# Sourced by the evaluation scripts: where the repository and ../shared/eval are, and the
# ocrmend binary to run (built when missing).
# Sets: here (the repository), eval_dir (EVAL_DIR or ../shared/eval), bin (OCRMEND or the
# release build). Defines installed_peers.
here=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
eval_dir=${EVAL_DIR:-$here/../shared/eval}
bin=${OCRMEND:-$here/target/release/ocrmend}
[ -x "$bin" ] || cargo build --release --manifest-path "$here/Cargo.toml"

# Prints those of the peer wrappers named (../shared/peers) whose tools are installed.
installed_peers() {
  local peer
  for peer in "$@"; do
    case $peer in
      typos | aspell | hunspell) command -v "$peer" > /dev/null ;;
      aspell_lc) command -v aspell > /dev/null ;;
      symspell*) python3 -c "import symspellpy" 2> /dev/null ;;
      *) false ;;
    esac && printf ' %s' "$peer"
  done
  return 0
}
