#!/usr/bin/env python3
"""The adaptation learning curve of docs/model.md: hold one publisher of
PolNeAR's train split out, train a base model on the others, adapt it to
10, 20 and 40 of the held-out publisher's articles (`whosaid train --base`),
and score each model on the publisher's other articles and on articles of
the other publishers that no model saw.

    python3 scripts/adaptation_curve.py [--publisher west-journal] [--l2 1]
        [--gold ../shared/polnear/train] [--whosaid target/release/whosaid]
        [--work /tmp/whosaid-adaptation] [--pooled]

Splits, all in sorted file order so that a run is repeatable: the
publisher's first 40 articles are the adaptation pool (the first 10, 20,
40 of them), its other 80 the publisher's test set; of the other
publishers' articles every fifth is the others' test set and the rest
train the base model. Prints one table (F1 in percent) and the seconds
each training took.
"""

import argparse
import csv
import json
import os
import shutil
import subprocess
import sys
import time


def gold_subset(src, names, dst):
    """A BRAT gold folder at `dst` holding the articles `names` of `src`
    (symbolic links to their text and annotation files)."""
    shutil.rmtree(dst, ignore_errors=True)
    os.makedirs(os.path.join(dst, "text"))
    os.makedirs(os.path.join(dst, "attributions"))
    anns = sorted(os.listdir(os.path.join(src, "attributions")))
    for n in names:
        os.symlink(
            os.path.abspath(os.path.join(src, "text", n + ".txt")),
            os.path.join(dst, "text", n + ".txt"),
        )
        for a in anns:
            if a.startswith(n + "_") and a.endswith(".ann"):
                os.symlink(
                    os.path.abspath(os.path.join(src, "attributions", a)),
                    os.path.join(dst, "attributions", a),
                )
    return dst


def run(cmd):
    start = time.time()
    out = subprocess.run(cmd, check=True, capture_output=True, text=True)
    return out.stdout, time.time() - start


def scores(whosaid, gold, model):
    out, _ = run([whosaid, "eval", "--gold", gold, "--model", model, "--json"])
    j = json.loads(out)
    return (
        100 * j["all"]["content_partial"]["f1"],
        100 * j["all"]["attribution"]["f1"],
        100 * j["direct"]["attribution"]["f1"],
    )


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--publisher", default="west-journal")
    ap.add_argument("--gold", default="../shared/polnear/train")
    ap.add_argument("--whosaid", default="target/release/whosaid")
    ap.add_argument("--work", default="/tmp/whosaid-adaptation")
    ap.add_argument(
        "--l2",
        default=None,
        help="the adaptation's --l2 (whosaid's default if not given); several, comma-separated, compare them",
    )
    ap.add_argument(
        "--base-weight",
        default=None,
        help="the adaptation's --base-weight (whosaid's default if not given); several, comma-separated, compare them",
    )
    ap.add_argument(
        "--reuse-base",
        action="store_true",
        help="keep a base model already in --work (trained by an earlier run for this publisher)",
    )
    ap.add_argument("--sizes", default="10,20,40")
    ap.add_argument(
        "--pooled",
        action="store_true",
        help="also train from nothing on the base's articles plus the publisher's first n (for each size): "
        "what the same articles give when all are trained on together, the bound adaptation is measured against",
    )
    a = ap.parse_args()

    with open(os.path.join(a.gold, "metadata.tsv"), newline="") as f:
        rows = [r for r in csv.DictReader(f, delimiter="\t")]
    publisher = {r["filename"]: r["publisher"] for r in rows}
    names = sorted(
        n[:-4] for n in os.listdir(os.path.join(a.gold, "text")) if n.endswith(".txt")
    )
    own = [n for n in names if publisher.get(n) == a.publisher]
    if len(own) < 60:
        sys.exit(f"{a.publisher}: {len(own)} articles; a publisher of the metadata is needed")
    others = [n for n in names if publisher.get(n) != a.publisher]
    pool, own_test = own[:40], own[40:]
    others_test = others[::5]
    base_train = [n for i, n in enumerate(others) if i % 5 != 0]

    os.makedirs(a.work, exist_ok=True)
    w = lambda *p: os.path.join(a.work, *p)
    g_base = gold_subset(a.gold, base_train, w("base"))
    g_own = gold_subset(a.gold, own_test, w("own-test"))
    g_others = gold_subset(a.gold, others_test, w("others-test"))
    base = w("base.crf")
    if a.reuse_base and os.path.exists(base):
        secs = float("nan")
    else:
        _, secs = run([a.whosaid, "train", "--gold", g_base, "--no-cv", "-o", base])
    print(f"base: {len(base_train)} articles of the other publishers, trained in {secs:.0f} s", flush=True)
    rows = [("base", scores(a.whosaid, g_own, base), scores(a.whosaid, g_others, base), secs)]
    settings = [(l2, bw) for l2 in (a.l2 or "").split(",") for bw in (a.base_weight or "").split(",")]
    for l2, bw in settings:
        for n in [int(x) for x in a.sizes.split(",")]:
            g = gold_subset(a.gold, pool[:n], w(f"adapt-{n}"))
            model = w(f"adapted-{n}.crf")
            cmd = [a.whosaid, "train", "--gold", g, "--base", base, "--no-cv", "-o", model]
            if l2:
                cmd += ["--l2", l2]
            if bw:
                cmd += ["--base-weight", bw]
            _, secs = run(cmd)
            name = f"adapted, {n} articles" + (f", l2 {l2}" if l2 else "") + (f", bw {bw}" if bw else "")
            rows.append((name, scores(a.whosaid, g_own, model), scores(a.whosaid, g_others, model), secs))
            print(f"{name}: done", file=sys.stderr, flush=True)
    if a.pooled:
        for n in [int(x) for x in a.sizes.split(",")]:
            g = gold_subset(a.gold, base_train + pool[:n], w(f"pooled-{n}"))
            model = w(f"pooled-{n}.crf")
            _, secs = run([a.whosaid, "train", "--gold", g, "--no-cv", "-o", model])
            name = f"trained from nothing, base + {n}"
            rows.append((name, scores(a.whosaid, g_own, model), scores(a.whosaid, g_others, model), secs))
            print(f"{name}: done", file=sys.stderr, flush=True)

    print(
        f"\n{a.publisher}: {len(own_test)} test articles; other publishers: "
        f"{len(others_test)} test articles (F1; content partial / attribution / direct attribution)"
    )
    print(f"{'model':<40} {'held-out publisher':>22}   {'other publishers':>22}   training")
    for name, o, t, secs in rows:
        fmt = lambda s: f"{s[0]:5.1f} {s[1]:5.1f} {s[2]:5.1f}"
        print(f"{name:<40} {fmt(o):>22}   {fmt(t):>22}   {secs:5.0f} s")


if __name__ == "__main__":
    main()
