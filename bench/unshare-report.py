#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0-or-later
"""Pool a benchmark's hyperfine rounds and write its section of bench/RESULTS.md.

Usage: unshare-report.py [--tool unshare|nsenter] OUTDIR RESULTS.md ROW...

ROW is SLUG|OPTIONS for bench/unshare.sh (the default tool) and
SLUG|TARGET-OPTIONS|OPTIONS for bench/nsenter.sh.  Named after the first of
the benchmarks, it writes the results of both: they differ only in words.

Reads OUTDIR/SLUG.rN.json (hyperfine --export-json, one per round),
OUTDIR/SLUG.check (namespace probe per contender) and OUTDIR/machine.tsv.
Writes OUTDIR/SLUG.json and OUTDIR/SLUG.md (all rounds pooled), and in
RESULTS.md the tool's section: from its "# `nook TOOL` benchmark results"
heading to the next top-level heading.  The other tools' sections are kept.
"""
import glob
import json
import math
import os
import statistics
import sys

NAMES = ("util-linux", "nook", "floor")
# The project's goals: no slower than util-linux, within 10% of the floor.
GOAL_UL = 1.00
GOAL_FLOOR = 1.10

# What differs between the benchmarks: words, and how a row is labelled.
TOOLS = {
    "unshare": {
        "label": lambda opts, target: "`%s true`" % opts,
        "row": lambda opts, target: opts + " true",
        "timed": "one `unshare ROW true`",
        "check_what": "the namespaces it saw that differ from the caller's",
        "check_col": "new namespaces, ids",
        "miss": "does not set up what util-linux does",
    },
    "nsenter": {
        "label": lambda opts, target: "`%s true`, target `unshare %s`" % (opts, target),
        "row": lambda opts, target: "-t PID %s true (target: unshare %s sleep infinity)" % (
            opts, target),
        "timed": "one `nsenter -t PID ROW true`, where PID is a `sleep infinity` that "
                 "`unshare TARGET` started for the row and that lives as long as the row",
        "check_what": "the namespaces it saw that differ from the caller's (marked "
                      "\"not-the-target's\" if they are not the target's either)",
        "check_col": "namespaces entered, ids",
        "miss": "does not enter what util-linux enters",
    },
}


def load_rounds(outdir, slug):
    """Return {name: [times of round 0], [times of round 1], ...}."""
    rounds = {n: [] for n in NAMES}
    paths = sorted(glob.glob(os.path.join(outdir, slug + ".r*.json")),
                   key=lambda p: int(p.rsplit(".r", 1)[1].split(".")[0]))
    for path in paths:
        with open(path) as f:
            for res in json.load(f)["results"]:
                rounds[res["command"]].append(res["times"])
    return rounds


def ratio(rounds, num, den):
    """Ratio of pooled means, and its standard error over the rounds."""
    pooled = {n: statistics.fmean([t for r in rounds[n] for t in r]) for n in (num, den)}
    value = pooled[num] / pooled[den]
    per_round = [statistics.fmean(a) / statistics.fmean(b)
                 for a, b in zip(rounds[num], rounds[den])]
    err = statistics.stdev(per_round) / math.sqrt(len(per_round)) if len(per_round) > 1 else 0.0
    return value, err


def verdict(value, err, goal):
    if value <= goal:
        return "ok"
    if value - 2 * err <= goal:
        return "within noise"
    return "MISSES"


def ms(t):
    return t * 1e3


def split_sections(text):
    """Split markdown into chunks that each start at a top-level heading
    (the first chunk may be what comes before any); fenced code is skipped."""
    chunks, fence = [[]], False
    for line in text.splitlines():
        if line.startswith("```"):
            fence = not fence
        if not fence and line.startswith("# ") and chunks[-1]:
            chunks.append([])
        chunks[-1].append(line)
    return [c for c in chunks if c]


def write_section(path, lines):
    """Put LINES (starting with their top-level heading) in place of the
    section with the same heading in PATH, or after the last section."""
    try:
        with open(path) as f:
            chunks = split_sections(f.read())
    except FileNotFoundError:
        chunks = []
    for i, chunk in enumerate(chunks):
        if chunk[0] == lines[0]:
            chunks[i] = lines
            break
    else:
        chunks.append(lines)
    text = []
    for chunk in chunks:
        while chunk and not chunk[-1].strip():
            chunk = chunk[:-1]
        text.append("\n".join(chunk))
    with open(path, "w") as f:
        f.write("\n\n".join(text) + "\n")


def results_header(title, script, machine, peer_version, runs=True, load_end="if-known"):
    """The head of a section of bench/RESULTS.md: title, machine, run and how to reproduce it.

    peer_version: the version line of the tool compared with (util-linux, ip).
    runs: whether machine.tsv has a "runs" line to show.
    load_end: "if-known" (a line of its own when recorded), "always" (a line of its own),
    or "inline" (on the line of the load before the run).
    """
    lines = [
        title,
        "",
        "Written by `%s` (do not edit by hand: rerun it). " % script +
        "What the rows and the floor are: [README.md](README.md).",
        "",
        "## Machine and run",
        "",
        "- Kernel: %s" % machine.get("kernel"),
        "- CPU: %s; `nproc`: %s" % (machine.get("cpu"), machine.get("nproc")),
        "- Date: %s" % machine.get("date"),
        "- Versions: %s; %s; %s" % (peer_version, machine.get("nook"), machine.get("hyperfine")),
    ]
    if runs:
        lines.append("- Runs: %s" % machine.get("runs"))
    lines.append("- Environment: `%s`" % machine.get("env"))
    if load_end == "inline":
        lines.append("- Load average before the run (1, 5, 15 min): %s; after: %s" % (
            machine.get("load"), machine.get("load_end")))
    else:
        lines.append("- Load average before the run (1, 5, 15 min): %s" % machine.get("load"))
        if load_end == "always" or "load_end" in machine:
            lines.append("- Load average after the run: %s" % machine.get("load_end"))
    lines += [
        "",
        "Reproduce, as root, from the top of the tree:",
        "",
        "```sh",
        "meson setup build --buildtype=release && ninja -C build",
        "sudo %s" % script,
        "```",
        "",
    ]
    return lines


def main():
    args = sys.argv[1:]
    tool = "unshare"
    if args[:1] == ["--tool"]:
        tool, args = args[1], args[2:]
    words = TOOLS[tool]
    script = "bench/%s.sh" % tool
    outdir, results_md, rows = args[0], args[1], args[2:]
    machine = {}
    with open(os.path.join(outdir, "machine.tsv")) as f:
        for line in f:
            key, _, val = line.rstrip("\n").partition("\t")
            machine[key] = val

    table, medians, checks, misses, near = [], [], [], [], []
    total_runs = rounds_n = 0
    for row in rows:
        parts = row.split("|")  # SLUG|OPTIONS or SLUG|TARGET-OPTIONS|OPTIONS
        slug, opts, target = parts[0], parts[-1], parts[1] if len(parts) == 3 else ""
        label = words["label"](opts, target)
        rounds = load_rounds(outdir, slug)
        times = {n: [t for r in rounds[n] for t in r] for n in NAMES}
        stats = {}
        for n in NAMES:
            t = times[n]
            stats[n] = {"mean": statistics.fmean(t), "stddev": statistics.stdev(t),
                        "median": statistics.median(t), "min": min(t), "max": max(t),
                        "runs": len(t), "rounds": len(rounds[n])}
        total_runs, rounds_n = stats["nook"]["runs"], stats["nook"]["rounds"]
        with open(os.path.join(outdir, slug + ".json"), "w") as f:
            json.dump({"row": words["row"](opts, target),
                       "results": [dict(stats[n], command=n, times=times[n]) for n in NAMES]},
                      f, indent=1)
        with open(os.path.join(outdir, slug + ".md"), "w") as f:
            f.write("| Command | Mean [ms] | Median [ms] | Min [ms] | Max [ms] |\n")
            f.write("|:---|---:|---:|---:|---:|\n")
            for n in NAMES:
                s = stats[n]
                f.write("| `%s` | %.2f ± %.2f | %.2f | %.2f | %.2f |\n" % (
                    n, ms(s["mean"]), ms(s["stddev"]), ms(s["median"]), ms(s["min"]),
                    ms(s["max"])))

        r_ul, e_ul = ratio(rounds, "nook", "util-linux")
        r_fl, e_fl = ratio(rounds, "nook", "floor")
        v_ul, v_fl = verdict(r_ul, e_ul, GOAL_UL), verdict(r_fl, e_fl, GOAL_FLOOR)
        cell = ["%.2f ± %.2f" % (ms(stats[n]["mean"]), ms(stats[n]["stddev"])) for n in NAMES]
        table.append("| %s | %s | %s | %s | %.3f ± %.3f (%s) | %.3f ± %.3f (%s) |" % (
            label, *cell, r_ul, e_ul, v_ul, r_fl, e_fl, v_fl))
        med = {n: stats[n]["median"] for n in NAMES}
        medians.append("| %s | %.2f | %.2f | %.2f | %.3f | %.3f |" % (
            label, ms(med["util-linux"]), ms(med["nook"]), ms(med["floor"]),
            med["nook"] / med["util-linux"], med["nook"] / med["floor"]))
        if v_ul == "MISSES":
            misses.append("%s: nook is slower than util-linux (%.3f)" % (label, r_ul))
        if v_fl == "MISSES":
            misses.append("%s: nook is more than 10%% over the floor (%.3f)" % (label, r_fl))
        if v_ul == "within noise":
            near.append("%s: nook/util-linux %.3f ± %.3f" % (label, r_ul, e_ul))
        if v_fl == "within noise":
            near.append("%s: nook/floor %.3f ± %.3f" % (label, r_fl, e_fl))

        sig = {}
        with open(os.path.join(outdir, slug + ".check")) as f:
            for line in f:
                name, _, s = line.rstrip("\n").partition("\t")
                sig[name] = s
        for n in NAMES:
            same = sig.get(n) == sig.get("util-linux")
            checks.append("| %s | %s | %s | %s |" % (
                label, n, sig.get(n) or "(none)", "" if same else "**differs from util-linux**"))
            if not same:
                misses.append("%s: %s %s (%s vs %s)" % (
                    label, n, words["miss"], sig.get(n) or "nothing", sig.get("util-linux")))

    build = machine.get("build", "build")
    lines = results_header("# `nook %s` benchmark results" % tool, script, machine,
                           machine.get("util-linux"))
    command = machine.get("command", "sudo " + script)
    if command != "sudo " + script:
        lines += ["This run was made with `%s`." % command, ""]
    elif build != "build":
        lines += ["This run used a build directory elsewhere: "
                  "`sudo BUILD=%s %s`." % (build, script), ""]
    lines += [
        "## Results",
        "",
        "Wall-clock time of %s (hyperfine `-N`: no shell), mean ± standard "
        "deviation over %d runs per command, in milliseconds. Ratios are of the means; their ± is "
        "the standard error of the ratio over the %d rounds. Goals: nook/util-linux ≤ %.2f and "
        "nook/floor ≤ %.2f. \"within noise\" means the ratio is over the goal by less than two "
        "standard errors." % (words["timed"], total_runs, rounds_n, GOAL_UL, GOAL_FLOOR),
        "",
        "| row | util-linux mean±σ | nook mean±σ | floor mean±σ | nook/util-linux | nook/floor |",
        "|:---|---:|---:|---:|---:|---:|",
        *table,
        "",
        "Medians (ms), which the occasional slow run moves less:",
        "",
        "| row | util-linux | nook | floor | nook/util-linux | nook/floor |",
        "|:---|---:|---:|---:|---:|---:|",
        *medians,
        "",
        "## Checks",
        "",
        "Before timing, each contender ran a probe in place of `true`; listed are %s, "
        "and `uid:gid` inside." % words["check_what"],
        "",
        "| row | command | %s | |" % words["check_col"],
        "|:---|:---|:---|:---|",
        *checks,
    ]
    lines += ["", "## Verdict", ""]
    if misses:
        lines += ["- " + m for m in misses]
    elif near:
        lines += ["No row misses a goal by more than the noise, but these are over it "
                  "by less than two standard errors:", ""]
        lines += ["- " + m for m in near]
    else:
        lines += ["Every row meets both goals."]
    write_section(results_md, lines)


if __name__ == "__main__":
    main()
