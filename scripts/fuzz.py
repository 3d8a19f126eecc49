#!/usr/bin/env python3
"""Stress the release binary with damaged text until a deadline; never part of the tests.

Each round takes a random stretch of a development page (../shared/eval/*/*.ocr.txt),
inserts and deletes random pieces (line ends of every kind, form feeds, odd spaces, soft
hyphens, ligatures, combining marks, right-to-left marks, emoji, URLs, quotes, Cyrillic and
Greek look-alikes of Latin letters), sometimes writes some of its letters in look-alikes,
sometimes makes it one huge token or one huge line, and runs `ocrmend fix` on it with a diff and a
review file, then every fourth round `ocrmend check --unresolved --threshold 0 --format json`
on it too, and in every fourth other round `ocrmend apply` with the review file's edits
accepted or rejected at random, its records in text order (applied as the input is read)
and reversed (applied to the input read whole). A round fails when a run does not exit as it
should (fix 0, check 0 or 1, apply 0), takes longer than a minute, when the accepted edits of
its review file, made over the input, do not give its output byte for byte (fix's, or
apply's either way), or when a line of check's does not name the very bytes of the input
it lists. Failing inputs are kept as OUTDIR/failN.txt.

Usage: scripts/fuzz.py [--seconds S] [--seed N] [--out OUTDIR]
Env: OCRMEND=BIN (default target/release/ocrmend; a copy lets cargo build meanwhile).
"""
import argparse
import glob
import json
import os
import random
import subprocess
import sys
import time

HERE = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
PIECES = [' ', '\n', '\r\n', '\r', '\f', '\t', '\u00a0', '\u2003', '\u3000', '\u200b', '\u00ad',
          '-', '\u2010', '\u2014', '¬', '"', "'", '’', '“', '.', ',', ';', ':', '(', ')', '[',
          ']', '|', '_', '*', '0', '1', '5', 'l', 'I', 'rn', 'm', 'é', 'ß', 'ſ', 'ﬁ', 'Ω', 'я',
          'а', 'е', 'о', 'Т', 'Α', 'ο', 'ν', 'α',
          '中', 'ا', '\u0301', '\ufeff', '😀', '\u202e', '$', '£', '½', '\\', '/',
          'http://x.y/z', 'a@b.c', 'pp. 95-96', 'vpon', '-\n', '- ', '  ', '\n\n']


def damaged(rng, pages):
    text = open(rng.choice(pages), encoding='utf-8', errors='replace').read()
    start = rng.randrange(len(text))
    chars = list(text[start:start + rng.randrange(50, 3000)])
    for _ in range(rng.randrange(0, 40)):
        chars.insert(rng.randrange(len(chars) + 1), rng.choice(PIECES))
    for _ in range(rng.randrange(0, 10)):
        if chars:
            del chars[rng.randrange(len(chars))]
    s = ''.join(chars)
    roll = rng.random()
    if roll < 0.05:
        s = 'x' * rng.randrange(1, 200_000)
    elif roll < 0.10:
        s = ''.join(rng.choice("abcdefghij.,-'") for _ in range(rng.randrange(1, 100_000)))
    elif roll < 0.13:
        # Letters alone, in no order: one token, each letter the start of a spelling
        # convention to undo (a run of 50,000 once took 24 GB).
        s = ''.join(rng.choice("abcdefghijklmnopqrstuvwxyz") for _ in range(rng.randrange(1, 100_000)))
    elif roll < 0.18:
        s = s.replace('\n', ' ') * 20
    elif roll < 0.23:
        # Letters of another script that print like Latin ones, as a multi-language OCR
        # run reads them.
        look = dict(zip('aceopxyTAHOoe', 'асеорхуТАНОοε'))
        s = ''.join(look[c] if c in look and rng.random() < 0.1 else c for c in s)
    return s


def rebuilt(path, review):
    data = open(path, 'rb').read()
    edits = sorted((json.loads(l) for l in open(review)), key=lambda e: (e['start'], e['end']))
    out, pos = [], 0
    for e in edits:
        if e['accept']:
            out += [data[pos:e['start']], e['after'].encode()]
            pos = e['end']
    return b''.join(out + [data[pos:]])


def check_fails(binary, path):
    """Why `check --unresolved --threshold 0` on `path` is wrong, or None."""
    run = subprocess.run([binary, 'check', '--unresolved', '--threshold', '0', '--format',
                          'json', path], capture_output=True, timeout=60)
    if run.returncode not in (0, 1):
        return f'check exit {run.returncode}: {run.stderr[-300:]!r}'
    data = open(path, 'rb').read()
    lines = run.stdout.decode('utf-8').splitlines()
    if (run.returncode == 1) != bool(lines):
        return f'check exit {run.returncode} with {len(lines)} lines'
    for line in lines:
        r = json.loads(line)
        if data[r['start']:r['end']].decode('utf-8') != r['before']:
            return f'check lists {r["before"]!r} at {r["start"]}..{r["end"]}'
    return None


def apply_fails(binary, rng, path, review):
    """Why `apply` of `review` with its edits accepted at random is wrong, or None."""
    records = [json.loads(l) for l in open(review)]
    last = None  # the last accepted edit's span: accepted edits may not overlap
    for r in sorted(records, key=lambda r: (r['start'], r['end'])):
        span = (r['start'], r['end'])
        overlaps = last is not None and (span[0] < last[1] and last[0] < span[1] or
                                         span[0] == last[0] and (span[0] == span[1] or last[0] == last[1]))
        r['accept'] = rng.random() < 0.5 and not overlaps
        if r['accept']:
            last = span
    chosen = review + '.chosen'
    for order in (records, records[::-1]):
        with open(chosen, 'w', encoding='utf-8') as f:
            f.writelines(json.dumps(r) + '\n' for r in order)
        run = subprocess.run([binary, 'apply', path, '--review', chosen], capture_output=True,
                             timeout=60)
        if run.returncode != 0:
            return f'apply exit {run.returncode}: {run.stderr[-300:]!r}'
        if run.stdout != rebuilt(path, chosen):
            which = 'in text order' if order is records else 'reversed'
            return f'apply of the records {which} does not give the accepted edits'
    return None


def main():
    ap = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    ap.add_argument('--seconds', type=float, default=600)
    ap.add_argument('--seed', type=int, default=1)
    ap.add_argument('--out', default='/tmp/ocrmend-fuzz')
    args = ap.parse_args()
    binary = os.environ.get('OCRMEND', os.path.join(HERE, 'target', 'release', 'ocrmend'))
    pages = glob.glob(os.path.join(HERE, '..', 'shared', 'eval', '*', '*.ocr.txt'))
    if not os.path.exists(binary) or not pages:
        sys.exit('needs target/release/ocrmend (cargo build --release) and ../shared/eval')
    os.makedirs(args.out, exist_ok=True)
    rng = random.Random(args.seed)
    deadline = time.time() + args.seconds
    rounds = failed = 0
    files = {k: os.path.join(args.out, k) for k in ('in.txt', 'out.txt', 'd.diff', 'r.jsonl')}
    while time.time() < deadline:
        text = damaged(rng, pages)
        open(files['in.txt'], 'w', encoding='utf-8').write(text)
        cmd = [binary, 'fix', files['in.txt'], '-o', files['out.txt'], '--diff', files['d.diff'],
               '--review', files['r.jsonl'], '--threshold', rng.choice(['0.3', '0.5', '0.8'])]
        rounds += 1
        try:
            run = subprocess.run(cmd, capture_output=True, timeout=60)
            why = None if run.returncode == 0 else f'exit {run.returncode}: {run.stderr[-300:]!r}'
            if why is None and rebuilt(files['in.txt'], files['r.jsonl']) != open(files['out.txt'], 'rb').read():
                why = 'the review file does not rebuild the output'
            if why is None and rounds % 4 == 0:
                why = check_fails(binary, files['in.txt'])
            if why is None and rounds % 4 == 2:
                why = apply_fails(binary, rng, files['in.txt'], files['r.jsonl'])
        except subprocess.TimeoutExpired:
            why = 'over a minute'
        if why:
            failed += 1
            kept = os.path.join(args.out, f'fail{failed}.txt')
            open(kept, 'w', encoding='utf-8').write(text)
            print(f'{kept}: {why}', flush=True)
    print(f'{rounds} rounds, {failed} failed')
    sys.exit(1 if failed else 0)


if __name__ == '__main__':
    main()
