#!/usr/bin/env python3
"""Where the character errors a run leaves are, by kind (development aid).

Usage: scripts/residual.py SET [N]   (after scripts/crossval.sh or scripts/eval.sh; RUNS=DIR
reads the run from DIR/SET instead of runs/SET)

The run's words and the truth's are normalised and aligned with score.py's own functions;
each stretch where they differ is charged its character edit distance and given a kind:
  fewer tokens   the output has fewer words than the truth there (run together, or lost);
  more tokens    it has more (a word split, or garbled runs and column junk among words);
  extra tokens   words the truth does not have at all;  missing words  the reverse;
and, where the stretch aligns word for word, per word: `marks only`, `case only`,
`marks or digits` (the output word has digits or marks among its letters), `real word` (its
letters are a word of dictionaries/en_words.txt) or `non-word`. Prints the share of the
truth's characters left wrong, each kind's share of them, and N examples of each.
"""
import collections, os, pathlib, random, re, sys

root = pathlib.Path(__file__).resolve().parent.parent
ev = root.parent / "shared" / "eval"
sys.path.insert(0, str(ev))
import score  # noqa: E402  (the team's scorer, read-only beside the repo)

s = sys.argv[1]
n = int(sys.argv[2]) if len(sys.argv) > 2 else 5
runs = pathlib.Path(os.environ.get("RUNS", root / "runs")) / s
edge = ".,;:\"'()!?—–-“”‘’"
listed = {w.strip().lower() for w in open(root / "dictionaries" / "en_words.txt", encoding="utf-8")}


def words(path):
    return score.normalize(path.read_text(encoding="utf-8", errors="replace")).split()


def word_kind(out, truth):
    a, b = out.strip(edge), truth.strip(edge)
    if a == b:
        return "marks only"
    if a.lower() == b.lower():
        return "case only"
    if not re.fullmatch(r"[^\W\d_]+", a):
        return "marks or digits"
    return "real word" if a.lower() in listed else "non-word"


chars, examples = collections.Counter(), collections.defaultdict(list)
truth_chars = 0
for g in sorted((ev / s).glob("*.gt.txt")):
    out_path = runs / (g.name[: -len(".gt.txt")] + ".txt")
    if not out_path.is_file():
        continue
    truth, out = words(g), words(out_path)
    truth_chars += len(" ".join(truth))
    _, fine = score.match_tokens(out, truth)
    for tag, i1, i2, j1, j2 in score.opcodes(fine, len(out), len(truth)):
        o, t = " ".join(out[i1:i2]), " ".join(truth[j1:j2])
        if tag == "equal":
            continue
        if tag == "replace" and i2 - i1 == j2 - j1:
            for a, b in zip(out[i1:i2], truth[j1:j2]):
                if a != b:
                    k = word_kind(a, b)
                    chars[k] += score.levenshtein(a, b)
                    examples[k].append((a, b))
            continue
        k = {"insert": "missing words", "delete": "extra tokens"}.get(tag)
        k = k or ("fewer tokens" if i2 - i1 < j2 - j1 else "more tokens")
        # A whole stretch missing or extra costs its characters and the space before it.
        chars[k] += score.levenshtein(o, t) + (tag != "replace")
        examples[k].append((o, t))
left = sum(chars.values())
print(f"{s}: {left} of {truth_chars} truth characters left wrong ({left / max(1, truth_chars):.2%})")
random.seed(0)
for k, c in chars.most_common():
    shown = random.sample(examples[k], min(n, len(examples[k])))
    print(f"  {k:16} {c:7} {c / left:6.1%}  " + "; ".join(f"{a!r} for {b!r}" for a, b in shown))
