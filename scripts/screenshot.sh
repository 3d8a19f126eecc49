#!/usr/bin/env bash
# Regenerates docs/review-page.png, the README's picture of the HTML review page: the
# bundled sample through `fix --html`, shown in headless Chromium with an edit selected.
# Needs chromium and `npm ci --prefix tests/browser`.
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cargo build --release --quiet --manifest-path "$here/Cargo.toml"
# The page of the sample's passage about the 1986 visit (an excerpt keeps the picture legible).
cd "$work"
sed -n '100,140p' "$here/samples/gorbachev-japan-1988.ocr.txt" > excerpt.txt
"$here/target/release/ocrmend" fix --quiet excerpt.txt -o out.txt --html page.html
mkdir -p "$here/docs"
node "$here/tests/browser/screenshot.mjs" "$work/page.html" "$here/docs/review-page.png"
echo "wrote docs/review-page.png"
