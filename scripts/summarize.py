#!/usr/bin/env python3
"""Turns the JSON lines of scripts/eval.sh into one table row per set."""
import json, sys
name = None
for line in sys.stdin:
    if line.startswith("== "):
        name = line.split()[1]
        continue
    try:
        d = json.loads(line)
    except ValueError:
        print(line.rstrip())
        continue
    if "join_acc" in d:
        print(f"{name:14} joins right {d['join_right']}/{d['join_sites']} ({d['join_acc']*100:.1f}%)"
              f"  keeps right {d['keep_right']}/{d['keep_sites']} ({d['keep_acc']*100:.1f}%)"
              f"  collateral {d['collateral']} ({d['collateral_per_1000']:.2f} per 1000 words)")
        continue
    w = d["words"]
    print(f"{name:14} CER {d['ocr']['cer']*100:5.2f} -> {d['out']['cer']*100:5.2f} ({d['cer_reduction_pct']:5.1f}%)"
          f"  WER {d['ocr']['wer']*100:5.2f} -> {d['out']['wer']*100:5.2f} ({d['wer_reduction_pct']:5.1f}%)"
          f"  fixed {w['fixed']:5} broken {w['broken']:4} still-wrong {w['changed_still_wrong']:5}"
          f"  precision {w['precision'] or 0:.3f}  broken/right {w['broken']/max(1,w['broken']+w['right_kept'])*100:.2f}%")
