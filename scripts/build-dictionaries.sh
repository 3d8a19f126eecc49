#!/usr/bin/env bash
# Regenerates the embedded lists in dictionaries/ from their upstream packages.
# Needs apt-get (Debian) and pip; downloads packages only, installs nothing.
# Usage: scripts/build-dictionaries.sh
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cd "$work"
apt-get update -qq
apt-get download wamerican-huge wbritish-huge wcanadian
for f in *.deb; do dpkg -x "$f" x/; done
pip download --quiet --no-deps symspellpy==6.10.1
python3 -m zipfile -e symspellpy-6.10.1-py3-none-any.whl ss/

dict=$here/dictionaries
# Acceptance list: American, British and Canadian SCOWL "huge" lists, without possessives.
cat x/usr/share/dict/american-english-huge x/usr/share/dict/british-english-huge \
    x/usr/share/dict/canadian-english | grep -v "'s$" | LC_ALL=C sort -u > "$dict/en_words.txt"
# Unigram and bigram counts (Google Books n-grams as packaged by symspellpy), tab-separated.
tr ' ' '\t' < ss/symspellpy/frequency_dictionary_en_82_765.txt > "$dict/en_unigrams.tsv"
awk '{print $1" "$2"\t"$3}' ss/symspellpy/frequency_bigramdictionary_en_243_342.txt > "$dict/en_bigrams.tsv"
cp x/usr/share/doc/wamerican-huge/copyright "$dict/LICENSES/SCOWL-copyright.txt"
unzip -p symspellpy-6.10.1-py3-none-any.whl symspellpy-6.10.1.dist-info/licenses/LICENSE \
    > "$dict/LICENSES/symspellpy-MIT.txt"
wc -l "$dict"/en_*.t*
