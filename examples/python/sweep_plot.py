#!/usr/bin/env python3
"""Sweep two design parameters in a loop and plot cycles against energy.

    PYTHONPATH=build/python python3 examples/python/sweep_plot.py [-o sweep_plot.png]

Runs a zoo model on the seed design for every array.rows x storage format (the trace compressed
to one format), prints a table and writes a scatter plot (one colour per format, rows annotated).
See docs/python.md.
"""
import argparse
import os
import time

import matplotlib

matplotlib.use("Agg")  # no display needed
import matplotlib.pyplot as plt  # noqa: E402

import edgesa  # noqa: E402

ROOT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..")


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("-o", "--output", default="sweep_plot.png", help="PNG to write")
    ap.add_argument("--config", default=os.path.join(ROOT, "configs", "seed_64x32_q3.13.yaml"))
    ap.add_argument("--workload", default="cifar10_quick", help="zoo model")
    ap.add_argument("--rows", default="8,16,32,64", help="array.rows values")
    ap.add_argument("--formats", default="fp32,q3.13,e4m3b7", help="storage formats")
    args = ap.parse_args()

    base = edgesa.Config.load(args.config)
    trace = edgesa.Trace.zoo(args.workload)
    points = []
    t0 = time.time()
    print("{:>8} {:>6} {:>12} {:>12} {:>6}".format("format", "rows", "cycles", "energy uJ", "util"))
    for fmt in args.formats.split(","):
        compressed = trace.compress(format=fmt)
        for rows in [int(r) for r in args.rows.split(",")]:
            r = edgesa.run(base.with_(array__rows=rows), compressed)
            t = r.totals
            points.append((fmt, rows, t["cycles"], t["energy_pj"] / 1e6))
            print("{:>8} {:>6} {:>12} {:>12.2f} {:>6.3f}".format(fmt, rows, t["cycles"], t["energy_pj"] / 1e6,
                                                                 t["utilization"]))
    print("{} runs in {:.1f} s".format(len(points), time.time() - t0))

    fig, ax = plt.subplots(figsize=(7, 4.5))
    for fmt in args.formats.split(","):
        pts = [p for p in points if p[0] == fmt]
        ax.plot([p[2] for p in pts], [p[3] for p in pts], "o-", label=fmt)
        for i, p in enumerate(pts):  # labels alternate above and below: neighbours often sit close
            ax.annotate(str(p[1]), (p[2], p[3]), textcoords="offset points", xytext=(3, 6 if i % 2 else -12),
                        fontsize=8)
    ax.set_xlabel("cycles")
    ax.set_ylabel("energy (uJ)")
    ax.set_title("{} on {}: array.rows (labels) x format".format(
        args.workload, os.path.splitext(os.path.basename(args.config))[0]), fontsize=10)
    ax.legend(title="storage format")
    ax.grid(True, alpha=0.3)
    fig.tight_layout()
    fig.savefig(args.output, dpi=120)
    print("wrote", args.output)


if __name__ == "__main__":
    main()
