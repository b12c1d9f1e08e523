#!/usr/bin/env python3
"""Aggregates the repeated `layout --json` runs of results/modern/repeats/ (DATASET-rK.json, one file per repeat, N=10)
into a Markdown table per dataset (median and min-max over the repeats) and one SVG chart per dataset (a panel per
figure: median bar, min-max whisker). Standard library only.

    python3 results/modern/repeats.py results/modern/repeats
"""
import glob
import json
import os
import statistics
import sys

ORDER = ["shared", "shared-kernel", "flat", "file-dedup", "erofs", "composefs-style", "fuse-overlayfs"]

# (key, title, unit, function of one run or None when absent)
FIGURES = [
    ("bytes", "bytes on disk, base + 10 containers", "MB", lambda r: (r["baseBytes"] + r["containerBytes"]) / 1e6),
    ("inodes", "inodes, base + 10 containers", "", lambda r: r["baseInodes"] + r["containerInodes"]),
    ("create", "create, per container", "ms", lambda r: r["createNanos"] / r["n"] / 1e6),
    ("pagecache", "page cache after 10 containers read every file", "MB",
     lambda r: r["pageCacheBytes"] / 1e6 if "pageCacheBytes" in r else None),
    ("runcold", "cold run (python3 -c pass), first container; shared: replayed reads", "ms",
     lambda r: r["runColdNanos"] / 1e6 if "runColdNanos" in r else None),
    ("walkcold", "metadata walk (ls -lR), cold", "ms", lambda r: r["walkColdNanos"] / 1e6 if "walkColdNanos" in r else None),
    ("walkwarm", "metadata walk (ls -lR), warm", "ms", lambda r: r["walkWarmNanos"] / 1e6 if "walkWarmNanos" in r else None),
]


def load(directory):
    """dataset -> layout -> list of runs (one per repeat)."""
    out = {}
    for path in sorted(glob.glob(os.path.join(directory, "*-r*.json"))):
        dataset = os.path.basename(path).rsplit("-r", 1)[0]
        with open(path) as f:
            for run in json.load(f):
                out.setdefault(dataset, {}).setdefault(run["layout"], []).append(run)
    return out


def summary(values):
    values = [v for v in values if v is not None]
    if not values:
        return None
    return statistics.median(values), min(values), max(values), len(values)


def fmt(s, unit):
    if s is None:
        return "-"
    med, lo, hi, n = s
    digits = 0 if unit == "" or (unit == "MB" and med >= 100) else 1 if med >= 10 else 2
    if f"{lo:,.{digits}f}" == f"{hi:,.{digits}f}":
        return f"{med:,.{digits}f}"
    return f"{med:,.{digits}f} ({lo:,.{digits}f}–{hi:,.{digits}f})"


def table(dataset, layouts):
    repeats = max(len(v) for v in layouts.values())
    lines = [f"### {dataset}: median (min–max) of {repeats} runs, N=10", "",
             "| layout | " + " | ".join(f"{t} ({u})" if u else t for _, t, u, _ in FIGURES) + " |",
             "|---|" + "---:|" * len(FIGURES)]
    for name in ORDER:
        if name not in layouts:
            continue
        runs = layouts[name]
        cells = [fmt(summary([f(r) for r in runs]), u) for _, _, u, f in FIGURES]
        label = name + (" (replay)" if name == "shared" and any("runReplayedFiles" in r for r in runs) else "")
        lines.append(f"| {label} | " + " | ".join(cells) + " |")
    return "\n".join(lines) + "\n"


def svg(dataset, layouts, path):
    names = [n for n in ORDER if n in layouts]
    figures = [fig for fig in FIGURES if any(fig[3](r) is not None for n in names for r in layouts[n])]
    panel_w, panel_h, left, top = 330, 40 + 18 * len(names), 120, 40
    cols = 2
    rows = (len(figures) + cols - 1) // cols
    width, height = cols * (panel_w + left) + 20, top + rows * (panel_h + 30)
    colors = ["#4e79a7", "#9c755f", "#e15759", "#76b7b2", "#f28e2b", "#59a14f", "#b07aa1"]
    out = [f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" font-family="sans-serif" font-size="11">',
           f'<rect width="{width}" height="{height}" fill="white"/>',
           f'<text x="10" y="20" font-size="14">{dataset}, N=10: median bar, min–max whisker '
           f'({max(len(v) for v in layouts.values())} runs, loaded machine)</text>']
    for i, (key, title, unit, f) in enumerate(figures):
        x0 = (i % cols) * (panel_w + left) + left
        y0 = top + (i // cols) * (panel_h + 30)
        stats = {n: summary([f(r) for r in layouts[n]]) for n in names}
        top_value = max(s[2] for s in stats.values() if s) or 1
        out.append(f'<text x="{x0 - left + 10}" y="{y0 + 12}" font-weight="bold">{title}{" (" + unit + ")" if unit else ""}</text>')
        for j, n in enumerate(names):
            y = y0 + 22 + j * 18
            out.append(f'<text x="{x0 - 6}" y="{y + 11}" text-anchor="end">{n}</text>')
            s = stats[n]
            if s is None:
                out.append(f'<text x="{x0 + 4}" y="{y + 11}" fill="#888">absent</text>')
                continue
            med, lo, hi, _ = s
            scale = (panel_w - 70) / top_value
            out.append(f'<rect x="{x0}" y="{y + 2}" width="{max(med * scale, 0.5):.1f}" height="12" fill="{colors[j % len(colors)]}"/>')
            if hi > lo:
                out.append(f'<line x1="{x0 + lo * scale:.1f}" x2="{x0 + hi * scale:.1f}" y1="{y + 8}" y2="{y + 8}" stroke="black"/>')
                for v in (lo, hi):
                    out.append(f'<line x1="{x0 + v * scale:.1f}" x2="{x0 + v * scale:.1f}" y1="{y + 4}" y2="{y + 12}" stroke="black"/>')
            out.append(f'<text x="{x0 + hi * scale + 4:.1f}" y="{y + 11}">{fmt((med, med, med, 1), unit)}</text>')
    out.append("</svg>")
    with open(path + ".tmp", "w") as fh:
        fh.write("\n".join(out) + "\n")
    os.replace(path + ".tmp", path)


def lkml(layouts):
    """Cold walk medians of the three designs the LKML thread ordered, and whether composefs < EROFS+overlay < overlay."""
    med = {n: summary([r.get("walkColdNanos", 0) / 1e6 for r in layouts[n]])[0]
           for n in ("composefs-style", "erofs", "shared-kernel") if n in layouts}
    if len(med) < 3:
        return None
    holds = med["composefs-style"] < med["erofs"] < med["shared-kernel"]
    return med, holds


def main():
    directory = sys.argv[1] if len(sys.argv) > 1 else os.path.join(os.path.dirname(__file__), "repeats")
    data = load(directory)
    md = []
    for dataset in sorted(data):
        md.append(table(dataset, data[dataset]))
        svg(dataset, data[dataset], os.path.join(directory, "..", f"repeats-{dataset}.svg"))
        o = lkml(data[dataset])
        if o:
            med, holds = o
            md.append(f"LKML order (composefs < EROFS+overlay < overlay) on cold walk medians, {dataset}: "
                      f"composefs-style {med['composefs-style']:.1f} ms, erofs {med['erofs']:.1f} ms, "
                      f"overlay {med['shared-kernel']:.1f} ms: **{'holds' if holds else 'does not hold'}**\n")
    print("\n".join(md))


if __name__ == "__main__":
    main()
