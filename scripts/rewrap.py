#!/usr/bin/env python3
"""Make a line-break rejoining set, in rejoin_dev's format, from clean prose of your own.

rejoin_dev is ground truth of the development sources re-wrapped; this measures rejoining
on text of any other kind (modern prose, a licence, a report): each paragraph of mostly
plain words is re-wrapped to WIDTH columns, a word that overflows is hyphenated at a
hyphenation point of the pyphen dictionary (a join site: the truth is the word whole) or,
when it has a hyphen of its own, broken after it (a keep site), and the sites are written
to `<id>.sites.json`. Every other change a run makes to such text is collateral.

Usage: scripts/rewrap.py OUTDIR WIDTH FILE...    (pip install pyphen)
then:  ocrmend fix --out-dir OUT <the OUTDIR/*.ocr.txt, linked as <id>.txt>
       python3 ../shared/eval/rejoin_score.py --data OUTDIR --out OUT
"""
import json
import pathlib
import re
import sys

import pyphen

PLAIN = re.compile(r"^[\"'(\[]*[A-Za-z][A-Za-z'’-]*[A-Za-z][.,;:!?\"')\]]*$")


def paragraphs(text):
    """The paragraphs of `text` (as lists of words) that are prose: 25 words or more, nine
    in ten of them plain words."""
    paras = [p.split() for p in re.split(r"\n\s*\n", text)]
    return [p for p in paras if len(p) >= 25 and sum(bool(PLAIN.match(w)) for w in p) >= 0.9 * len(p)]


def wrap(paras, width, hyphenator):
    """The lines of `paras` wrapped to `width`, the words of the truth, and the sites."""
    words, lines, sites = [], [], []
    for para in paras:
        line = ""
        for w in para:
            index = len(words)
            words.append(w)
            if not line or len(line) + 1 + len(w) <= width:
                line = f"{line} {w}" if line else w
                continue
            room = width - len(line) - 1
            core = re.sub(r"^\W+|\W+$", "", w)
            cut = w.rfind("-", 0, room) if "-" in w and PLAIN.match(w) else -1
            if cut > 0 and w[:cut].strip("\"'([").isalpha() and w[cut + 1 : cut + 2].isalpha():
                lines.append(f"{line} {w[: cut + 1]}")
                line = w[cut + 1 :]
                sites.append({"gt_word": index, "kind": "keep", "word": w})
                continue
            if core.isalpha() and len(core) >= 6 and w.startswith(core[0]):
                split = next(
                    (
                        (a, b)
                        for a, b in hyphenator.iterate(w)
                        if len(a) + 1 <= room and len(a) >= 2 and a.isalpha() and len(re.sub(r"\W", "", b)) >= 2
                    ),
                    None,
                )
                if split:
                    lines.append(f"{line} {split[0]}-")
                    line = split[1]
                    sites.append({"gt_word": index, "kind": "join", "word": w})
                    continue
            lines.append(line)
            line = w
        lines.extend([line, ""])
    return lines, words, sites


def main():
    if len(sys.argv) < 4:
        sys.exit(__doc__)
    out, width = pathlib.Path(sys.argv[1]), int(sys.argv[2])
    out.mkdir(parents=True, exist_ok=True)
    hyphenator = pyphen.Pyphen(lang="en_US")
    made = 0
    for src in sys.argv[3:]:
        paras = paragraphs(open(src, encoding="utf-8", errors="replace").read())
        if not paras:
            continue
        lines, words, sites = wrap(paras, width, hyphenator)
        made += 1
        doc = f"m{made:03d}"
        (out / f"{doc}.ocr.txt").write_text("\n".join(lines) + "\n", encoding="utf-8")
        (out / f"{doc}.gt.txt").write_text(" ".join(words) + "\n", encoding="utf-8")
        (out / f"{doc}.sites.json").write_text(json.dumps({"width": width, "sites": sites}), encoding="utf-8")
    print(f"{made} documents written to {out}", file=sys.stderr)


if __name__ == "__main__":
    main()
