#!/usr/bin/env python3
"""How well `ocrmend check` finds the OCR's wrong words: precision, recall and F1 per set,
cross-validated with the fold models and calibrations a `WORK=DIR scripts/crossval.sh` run
kept (each half checked with the model and calibration fitted on the other half).

Usage: WORK=DIR scripts/detection.py [SET...]   (default: the sets WORK holds)
Env: OCRMEND (the binary; default the release build), CHECK_ARGS (more `check` options,
     such as `--threshold 0.2`).

A word is an OCR token between blanks; a word broken by a hyphen at a line's end and the
token on the next line are one word, as score.py's normalisation joins them. A word is
wrong when it is not in a stretch that difflib finds equal between the OCR's words and the
truth's (NFC, the same joining). A word is flagged when an edit other than a line-break
rejoin (applied, or suggested at the suggestion floor or above), or with `--unresolved` an
unresolved suspect, touches it. Three detectors are scored: the applied edits alone, every
edit, and every edit with the unresolved suspects; beside them, where aspell is installed,
what a spell checker flags: the words with a piece `aspell list` (en_US) does not know.
Last, per set, what the wrong words `check --unresolved` misses are (see `missed_kind`).
"""
import difflib, json, os, pathlib, re, subprocess, sys, unicodedata

root = pathlib.Path(__file__).resolve().parent.parent
ev = pathlib.Path(os.environ.get("EVAL_DIR", root.parent / "shared" / "eval"))
work = pathlib.Path(os.environ["WORK"])
binary = os.environ.get("OCRMEND", str(root / "target" / "release" / "ocrmend"))
sets = sys.argv[1:] or sorted({p.name[3:-2] for p in work.glob("in-*-[01]")})
BREAK = re.compile(r"-[ \t]*\n[ \t]*$")


def words(text):
    """The words of `text`, each (joined text, [(start, end), ...]) in character offsets."""
    units, pending = [], None
    for m in re.finditer(r"\S+", text):
        span = (m.start(), m.end())
        if pending is not None:
            units.append((pending[0][:-1] + m.group(), pending[1] + [span]))
            pending = None
            continue
        rest = text[m.end():m.end() + 64]
        if m.group().endswith("-") and len(m.group()) > 1 and re.match(r"[ \t]*\n", rest):
            pending = (m.group(), [span])
            continue
        units.append((m.group(), [span]))
    if pending is not None:
        units.append((pending[0], pending[1]))
    return units


def wrong_words(ocr, truth):
    """Per OCR word, None where it matches the truth, else the truth word aligned one to one
    with it ("" where its stretch has more or fewer truth words)."""
    a = [unicodedata.normalize("NFC", w) for w, _ in ocr]
    b = [unicodedata.normalize("NFC", w) for w, _ in words(truth)]
    wrong = [""] * len(a)
    for tag, i1, i2, j1, j2 in difflib.SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
        if tag == "equal":
            wrong[i1:i2] = [None] * (i2 - i1)
        elif tag == "replace" and i2 - i1 == j2 - j1:
            wrong[i1:i2] = b[j1:j2]
    return wrong


def letters(w):
    return "".join(c for c in w.lower() if c.isalpha())


def missed_kind(ocr_word, truth_word, unknown):
    """What a wrong word no detector flagged is: `stretch` (no truth word aligned one to
    one), `marks or case` (the same letters), `no letters` (a number, a mark), `real word`
    (aspell knows every piece), else `non-word`."""
    if truth_word == "":
        return "stretch"
    if letters(ocr_word) == letters(truth_word):
        return "marks or case"
    if not letters(ocr_word):
        return "no letters"
    if unknown is not None and not spell_flags([(ocr_word, [])], unknown)[0]:
        return "real word"
    return "non-word"


def char_offsets(text):
    """Byte offset (UTF-8) -> character offset, for every character boundary."""
    table, at = {}, 0
    for i, ch in enumerate(text):
        table[at] = i
        at += len(ch.encode("utf-8"))
    table[at] = len(text)
    return table


def flagged(units, spans):
    """Per word, whether any of `spans` (character offsets) touches it."""
    spans = sorted(spans)
    out = []
    for _, parts in units:
        lo, hi = parts[0][0], parts[-1][1]
        out.append(any(s < hi and lo < e or (s == e and lo <= s < hi) for s, e in spans))
    return out


def check(folder, fold):
    other = 1 - fold
    calibration = (work / f"cal{other}.name").read_text().strip()
    cmd = [binary, "check", "--unresolved", "--format", "json", "--model",
           str(work / f"model{other}.tsv"), "--calibration", calibration,
           *os.environ.get("CHECK_ARGS", "").split(), str(folder)]
    run = subprocess.run(cmd, capture_output=True, text=True)
    if run.returncode not in (0, 1):
        sys.exit(f"{' '.join(cmd)} failed: {run.stderr}")
    records = {}
    for line in run.stdout.splitlines():
        r = json.loads(line)
        records.setdefault(pathlib.Path(r["file"]).name, []).append(r)
    return records


def aspell_unknown(text):
    """The set of pieces of `text` that `aspell list` does not know (empty without aspell)."""
    try:
        run = subprocess.run(["aspell", "--lang=en_US", "list"], input=text,
                             capture_output=True, text=True)
    except FileNotFoundError:
        return None
    return set(run.stdout.split())


def spell_flags(units, unknown):
    """Per word, whether a piece of it (letters and apostrophes) is `unknown`."""
    return [any(p in unknown for p in re.findall(r"[^\W\d_]+(?:'[^\W\d_]+)*", w))
            for w, _ in units]


def score(counts):
    tp, fp, fn = counts
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return p, r, f


detectors = ["applied edits", "every edit", "edits + unresolved", "aspell list"]
print(f"{'set':14} {'detector':20} {'words':>7} {'wrong':>6} {'flagged':>7} "
      f"{'precision':>9} {'recall':>6} {'F1':>5}")
for s in sets:
    counts = {d: [0, 0, 0] for d in detectors}
    n_words = n_wrong = 0
    flags = {d: 0 for d in detectors}
    missed = {}
    for fold in (0, 1):
        folder = work / f"in-{s}-{fold}"
        records = check(folder, fold)
        for page in sorted(folder.glob("*.txt")):
            doc = page.name[:-len(".txt")]
            text = page.read_text(encoding="utf-8")
            truth = (ev / s / f"{doc}.gt.txt").read_text(encoding="utf-8")
            units = words(text)
            truths = wrong_words(units, truth)
            wrong = [t is not None for t in truths]
            chars = char_offsets(text)
            spans = {d: [] for d in detectors}
            for r in records.get(page.name, []):
                if r["kind"] == "rejoin":
                    continue
                span = (chars[r["start"]], chars[r["end"]])
                if r["kind"] == "unresolved":
                    spans["edits + unresolved"].append(span)
                    continue
                if r["accept"]:
                    spans["applied edits"].append(span)
                spans["every edit"].append(span)
                spans["edits + unresolved"].append(span)
            n_words += len(units)
            n_wrong += sum(wrong)
            unknown = aspell_unknown(text)
            for d in detectors:
                if d == "aspell list":
                    if unknown is None:
                        continue
                    marks = spell_flags(units, unknown)
                else:
                    marks = flagged(units, spans[d])
                if d == "edits + unresolved":
                    for (w, _), t, f in zip(units, truths, marks):
                        if t is not None and not f:
                            k = missed_kind(w, t, unknown)
                            missed[k] = missed.get(k, 0) + 1
                for f, w in zip(marks, wrong):
                    flags[d] += f
                    c = counts[d]
                    if f and w:
                        c[0] += 1
                    elif f:
                        c[1] += 1
                    elif w:
                        c[2] += 1
    for d in detectors:
        if d == "aspell list" and not flags[d] and not any(counts[d]):
            continue
        p, r, f = score(counts[d])
        print(f"{s:14} {d:20} {n_words:7} {n_wrong:6} {flags[d]:7} {p:9.3f} {r:6.3f} {f:5.3f}")
    kinds = ", ".join(f"{k} {n}" for k, n in sorted(missed.items(), key=lambda x: -x[1]))
    print(f"{s:14} wrong words `check --unresolved` misses: {kinds}")
