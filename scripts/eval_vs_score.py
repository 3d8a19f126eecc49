#!/usr/bin/env python3
"""Holds `ocrmend eval` to the team's scorer on random texts (development aid, not a test).

Each round writes a random ground truth, OCR text and output from a small alphabet full of
what the scorer's normalisation treats specially (hyphens, `¬` and soft hyphens before
spaces and line breaks, tabs, no-break spaces, the separators U+001C-U+001F, CR and CRLF,
ligatures, typographic quotes and dashes, the ellipsis, combining marks) and scores them with
`score.py` and with `ocrmend eval --format json`, under each option set (default, --fold,
--no-dehyphen, --keep-lines, --fold --keep-lines). A round fails when any figure differs.

Usage: scripts/eval_vs_score.py [--rounds N] [--seed N]
Env: OCRMEND=BIN (default target/release/ocrmend).
"""
import argparse, json, os, pathlib, random, subprocess, sys, tempfile

root = pathlib.Path(__file__).resolve().parent.parent
score = root.parent / "shared" / "eval" / "score.py"
binary = os.environ.get("OCRMEND", str(root / "target" / "release" / "ocrmend"))
PIECES = ["a", "b", "ab", "the", "cat", "x1", "_", "-", "- ", "-\n", "\u00ac\n", "\u00ad ",
          " ", "  ", "\t", "\n", "\n\n", "\r\n", "\r", "\u00a0", "\u001c", "\u001f",
          "\ufb01", "\ufb03", "\u201c", "\u201d", "\u2019", "\u2010 ", "\u2014", "\u2026",
          "e\u0301", "\u00e9", ".", ",", "½", "Æ"]
OPTIONS = [[], ["--fold"], ["--no-dehyphen"], ["--keep-lines"], ["--fold", "--keep-lines"]]
KEYS = ["docs", "gt_chars", "gt_words", "cer_reduction_pct", "wer_reduction_pct"]


def text(rng):
    return "".join(rng.choice(PIECES) for _ in range(rng.randint(0, 30)))


def figures(d):
    w = d["words"] or {}
    return ([d[k] for k in KEYS] + [d["ocr"][k] for k in ("char_edits", "word_edits")]
            + [d["out"][k] for k in ("char_edits", "word_edits")]
            + [w.get(k) for k in ("fixed", "broken", "changed_still_wrong", "missed", "right_kept")])


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--rounds", type=int, default=200)
    ap.add_argument("--seed", type=int, default=1)
    args = ap.parse_args()
    rng = random.Random(args.seed)
    failed = 0
    with tempfile.TemporaryDirectory() as tmp:
        t = pathlib.Path(tmp)
        for r in range(args.rounds):
            gt = text(rng) + "w"  # a ground truth with at least one word
            ocr, out = text(rng), text(rng)
            for name, body in (("p.gt.txt", gt), ("p.ocr.txt", ocr), ("p.txt", out)):
                (t / name).write_bytes(body.encode())
            for opts in OPTIONS:
                files = ["--gt", str(t / "p.gt.txt"), "--ocr", str(t / "p.ocr.txt"), "--out", str(t / "p.txt")]
                py = subprocess.run([sys.executable, str(score), *files, *opts], capture_output=True, text=True)
                rs = subprocess.run([binary, "eval", *files, *opts, "--format", "json"], capture_output=True, text=True)
                a = figures(json.loads(py.stdout.strip().splitlines()[-1]))
                b = figures(json.loads(rs.stdout))
                close = all(x == y or (isinstance(x, float) and isinstance(y, float) and abs(x - y) < 1e-9)
                            for x, y in zip(a, b))
                if not close:
                    failed += 1
                    print(f"round {r} {opts}: score.py {a} ocrmend {b}\n  gt={gt!r}\n  ocr={ocr!r}\n  out={out!r}")
    print(f"{args.rounds} rounds x {len(OPTIONS)} options, {failed} differing")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
