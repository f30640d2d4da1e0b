#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0-or-later
"""The checks and the results of bench/lsns.sh.

Usage: lsns-report.py compare UL.out NOOK.out
       lsns-report.py report OUTDIR RESULTS.md SIZE...

compare: each file is a PID (the listing process's own, first line) and then
what that process printed: util-linux lsns, and nook lsns with the same
options.  Exit 0 when they are the same apart from the rows the brief allows:
rows whose PID is the listing process itself, and rows nook prints for
namespaces that no process is in (held by an nsfs bind mount or an open fd;
util-linux lists those since 2.41, 2.38.1 does not).  Prints what it dropped
on stdout; on a difference, prints a diff on stderr and exits 1.  Plain,
tree and JSON (-J) output are understood.

report: reads OUTDIR/SIZE-ROW.rN.json (hyperfine, one per round),
SIZE-ROW.rss, SIZE-ROW.check, SIZE.state and machine.tsv; writes
OUTDIR/SIZE-ROW.json and .md (rounds pooled) and, in RESULTS.md, the section
headed "# `nook lsns` benchmark results" (other sections are kept).
"""
import difflib
import glob
import importlib.util
import json
import os
import statistics
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
_spec = importlib.util.spec_from_file_location("unshare_report",
                                               os.path.join(HERE, "unshare-report.py"))
ur = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(ur)

NAMES = ur.NAMES  # util-linux, nook, floor
ROWS = (("default", "`lsns`"), ("json", "`lsns -J`"), ("net", "`lsns -t net`"),
        ("pid", "`lsns -p PID`"))
GOAL_UL = 0.10     # at the largest size: nook's time at most a tenth of util-linux's
LINEAR_MAX = 1.25  # slope at the large end over slope at the small end


# ---- compare -------------------------------------------------------------------------
def read_listing(path):
    with open(path) as f:
        first, _, rest = f.read().partition("\n")
    return int(first), rest


def filter_text(text, self_pid, drop_empty):
    """Rows of a table (header first), without the lister's rows and, if
    drop_empty, without rows of NPROCS 0.  Columns: NS TYPE NPROCS PID ..."""
    lines = text.splitlines()
    if not lines:
        return lines, []
    header = lines[0].split()
    ip = header.index("PID") if "PID" in header else None
    inp = header.index("NPROCS") if "NPROCS" in header else None
    kept, dropped = [lines[0]], []
    for line in lines[1:]:
        f = line.split()
        if drop_empty and inp is not None and len(f) > inp and f[inp] == "0":
            dropped.append(("no process", line))
        elif ip is not None and len(f) > ip and f[ip] == str(self_pid):
            dropped.append(("the lister", line))
        else:
            kept.append(line)
    return kept, dropped


def filter_json(node, self_pid, drop_empty, dropped):
    if isinstance(node, list):
        out = []
        for e in node:
            if isinstance(e, dict) and drop_empty and e.get("nprocs") == 0:
                dropped.append(("no process", json.dumps(e)))
            elif isinstance(e, dict) and e.get("pid") == self_pid:
                dropped.append(("the lister", json.dumps(e)))
            else:
                out.append(filter_json(e, self_pid, drop_empty, dropped))
        return out
    if isinstance(node, dict):
        return {k: filter_json(v, self_pid, drop_empty, dropped) for k, v in node.items()}
    return node


def compare(ul_path, nook_path):
    ul_pid, ul_text = read_listing(ul_path)
    nook_pid, nook_text = read_listing(nook_path)
    if ul_text.lstrip().startswith("{"):
        d_ul, d_nook = [], []
        a = filter_json(json.loads(ul_text), ul_pid, False, d_ul)
        b = filter_json(json.loads(nook_text), nook_pid, True, d_nook)
        same = a == b
        a_lines = json.dumps(a, indent=1, sort_keys=True).splitlines()
        b_lines = json.dumps(b, indent=1, sort_keys=True).splitlines()
    else:
        a_lines, d_ul = filter_text(ul_text, ul_pid, False)
        b_lines, d_nook = filter_text(nook_text, nook_pid, True)
        same = a_lines == b_lines
    rows = len(a_lines) - 1
    if not same:
        diff = list(difflib.unified_diff(a_lines, b_lines, "util-linux", "nook", lineterm="", n=1))
        sys.stderr.write("\n".join(diff[:80]) + "\n")
        if len(diff) > 80:
            sys.stderr.write("... (%d more diff lines)\n" % (len(diff) - 80))
        return 1
    why = {}
    for side, d in (("util-linux", d_ul), ("nook", d_nook)):
        for reason, line in d:
            why.setdefault((side, reason), []).append(line)
    parts = ["%d row%s of %s's dropped (%s)" % (len(v), "s" if len(v) > 1 else "", k[0], k[1])
             for k, v in why.items()]
    print("same" + ("; " + "; ".join(parts) if parts else ""))
    for (side, reason), v in why.items():
        for line in v:
            print("dropped\t%s\t%s\t%s" % (side, reason, " ".join(line.split())))
    return 0


# ---- report --------------------------------------------------------------------------
def read_tsv(path):
    d = {}
    with open(path) as f:
        for line in f:
            k, _, v = line.rstrip("\n").partition("\t")
            d[k] = v
    return d


def load_rss(path):
    d = {}
    with open(path) as f:
        for line in f:
            name, _, vals = line.rstrip("\n").partition("\t")
            d[name] = [int(v) for v in vals.split()]
    return d


def failed_runs(outdir, name):
    """{command: (runs that exited non-zero, runs)} over the rounds (hyperfine -i)."""
    out = {n: [0, 0] for n in NAMES}
    for path in glob.glob(os.path.join(outdir, name + ".r*.json")):
        with open(path) as f:
            for res in json.load(f)["results"]:
                codes = res.get("exit_codes") or []
                out[res["command"]][0] += sum(1 for c in codes if c)
                out[res["command"]][1] += len(codes)
    return out


def cpu_time(outdir, name):
    """{command: mean user + system time (s) of a run}, over the rounds."""
    out = {n: [] for n in NAMES}
    for path in glob.glob(os.path.join(outdir, name + ".r*.json")):
        with open(path) as f:
            for res in json.load(f)["results"]:
                out[res["command"]].append(res["user"] + res["system"])
    return {n: statistics.fmean(v) for n, v in out.items()}


def fmt_kb(kb):
    return "%.1f MiB" % (kb / 1024)


def main_report(outdir, results_md, sizes):
    machine = read_tsv(os.path.join(outdir, "machine.tsv"))
    sizes = [s for s in sizes if os.path.exists(os.path.join(outdir, s + ".state"))]
    data = {}
    for size in sizes:
        state = read_tsv(os.path.join(outdir, size + ".state"))
        rows = {}
        for slug, label in ROWS:
            name = "%s-%s" % (size, slug)
            rounds = ur.load_rounds(outdir, name)
            times = {n: [t for r in rounds[n] for t in r] for n in NAMES}
            stats = {n: {"mean": statistics.fmean(times[n]), "stddev": statistics.stdev(times[n]),
                         "median": statistics.median(times[n]), "min": min(times[n]),
                         "max": max(times[n]), "runs": len(times[n]),
                         "rounds": len(rounds[n])} for n in NAMES}
            with open(os.path.join(outdir, name + ".json"), "w") as f:
                json.dump({"row": label, "processes": int(state["procs"]),
                           "results": [dict(stats[n], command=n, times=times[n])
                                       for n in NAMES]}, f, indent=1)
            with open(os.path.join(outdir, name + ".md"), "w") as f:
                f.write("| Command | Mean [ms] | Median [ms] | Min [ms] | Max [ms] |\n")
                f.write("|:---|---:|---:|---:|---:|\n")
                for n in NAMES:
                    s = stats[n]
                    f.write("| `%s` | %.2f ± %.2f | %.2f | %.2f | %.2f |\n" % (
                        n, ur.ms(s["mean"]), ur.ms(s["stddev"]), ur.ms(s["median"]),
                        ur.ms(s["min"]), ur.ms(s["max"])))
            rss = load_rss(os.path.join(outdir, name + ".rss"))
            with open(os.path.join(outdir, name + ".check")) as f:
                check = f.read().splitlines()
            rows[slug] = {"label": label, "stats": stats, "rounds": rounds,
                          "failed": failed_runs(outdir, name),
                          "cpu": cpu_time(outdir, name),
                          "r_ul": ur.ratio(rounds, "nook", "util-linux"),
                          "r_fl": ur.ratio(rounds, "nook", "floor"),
                          "rss": {n: statistics.median(v) for n, v in rss.items()},
                          "check": check}
        data[size] = {"state": state, "rows": rows}

    script = "bench/lsns.sh"
    lines = ur.results_header("# `nook lsns` benchmark results", script, machine,
                              machine.get("util-linux"), runs=False, load_end="always")
    lines += [
        "This run was made with `%s`." % machine.get("command", "sudo " + script),
        "",
        "Each size is a machine state: the machine's own processes and as many pairs of "
        "`unshare --pid --uts --net --fork --kill-child sleep 100000` (two processes, three "
        "new namespaces a pair) as make about SIZE processes. Between sizes the pairs are "
        "killed by PID and the script waits until their network namespaces, which the "
        "kernel tears down in a worker seconds after the last process has gone, are freed.",
        "",
        "| size | processes | pairs | namespaces (util-linux rows) | runs | state built in | "
        "CPU busy before / after timing | net namespaces freed after the kill in | "
        "NSIDs assigned |",
        "|---:|---:|---:|---:|:---|---:|---:|---:|---:|",
    ]
    for size in sizes:
        st = data[size]["state"]
        lines.append("| %s | %s | %s | %s | %s | %s s | %s%% / %s%% | %s s | %s |" % (
            size, st["procs"], st["pairs"], st["namespaces"], st["runs"], st["build_s"],
            st["busy"], st["busy_after"], st["teardown_s"], st["nsids"]))
    lines += [
        "",
        "\"CPU busy\" is the share of the machine's CPU time that was not idle over 2 "
        "seconds with the pairs up and nothing of the bench running: just before the "
        "timing (the script waits, at most 5 minutes, for it to be under 10% plus 5% per "
        "1000 processes) and just after. It is work other than the bench: other programs, "
        "and the machine's own agents, whose work grows with the number of processes (here "
        "about 16% at 4000 processes). It moves the times, and the ratios less.",
        "",
        "\"NSIDs assigned\" counts the NSIDs the root network namespace has given out "
        "(`ip netns list-id`): when there are none, nook skips the netlink queries for the "
        "NETNSID column (shown by `-t net`); when there are some, it asks for every "
        "network namespace, as util-linux does. Other programs on the machine make and "
        "remove them.",
        "",
        "## Results",
        "",
        "Wall-clock time of one listing (hyperfine `-N`, output to `/dev/null`), mean ± "
        "standard deviation in milliseconds. Ratios are of the means; their ± is the "
        "standard error of the ratio over the rounds, in which the order of the three "
        "commands rotates. Peak RSS is `/usr/bin/time -f %M`, median of 3 runs. The floor "
        "(`floor-lsns all`; `net` for `-t net`, `nofd` for `-p PID`) only reads the "
        "namespace links and the fd links of every process (`nofd`: no fds, which nook does "
        "not read for `-p` either: no namespace of PID's is held only by an fd).",
    ]
    for size in sizes:
        st = data[size]["state"]
        lines += [
            "",
            "### About %s processes (%s processes, %s namespaces; PID in `-p PID` is one of "
            "the bench's sleeps)" % (size, st["procs"], st["namespaces"]),
            "",
            "| row | util-linux | nook | floor | nook/util-linux | nook/floor | "
            "peak RSS util-linux | peak RSS nook | RSS nook/util-linux |",
            "|:---|---:|---:|---:|---:|---:|---:|---:|---:|",
        ]
        for slug, _ in ROWS:
            r = data[size]["rows"][slug]
            s = r["stats"]
            cell = ["%.2f ± %.2f" % (ur.ms(s[n]["mean"]), ur.ms(s[n]["stddev"])) for n in NAMES]
            lines.append("| %s | %s | %s | %s | %.3f ± %.3f | %.2f ± %.2f | %s | %s | %.2f |" % (
                r["label"], *cell, *r["r_ul"], *r["r_fl"], fmt_kb(r["rss"]["util-linux"]),
                fmt_kb(r["rss"]["nook"]), r["rss"]["nook"] / r["rss"]["util-linux"]))
        runs = data[size]["rows"]["default"]["stats"]["nook"]
        lines += ["", "%d runs per command, in %d rounds." % (runs["runs"], runs["rounds"])]
        failed = ["%s: %s %d of %d" % (r["label"], n, r["failed"][n][0], r["failed"][n][1])
                  for r in (data[size]["rows"][slug] for slug, _ in ROWS) for n in NAMES
                  if r["failed"][n][0]]
        if failed:
            lines[-1] += (" Runs that exited non-zero (their times are in the means): " +
                          "; ".join(failed) + ".")

    # Linearity: time per extra process, between consecutive sizes.
    slopes = {}
    if len(sizes) >= 3:
        lines += [
            "",
            "### Time against processes",
            "",
            "Microseconds per process between consecutive sizes: (mean time at the larger "
            "size − at the smaller) / (processes at the larger − at the smaller), for the "
            "wall-clock time and for the CPU time (user + system, all threads; less moved "
            "by other work on the machine, which takes CPUs away, than by the listing's own "
            "work). Time linear in processes gives the same slope at both ends; a list "
            "lookup per process and namespace gives a slope that grows with the machine. "
            "Growth: the slope at the large end over the slope at the small end "
            "(\"linear\" if at most %.2f). The verdict below goes by the wall-clock "
            "growth." % LINEAR_MAX,
            "",
            "| row | command | " + " | ".join("wall %s→%s" % (a, b) for a, b in
                                                 zip(sizes, sizes[1:])) +
            " | wall growth | " + " | ".join("CPU %s→%s" % (a, b) for a, b in
                                               zip(sizes, sizes[1:])) + " | CPU growth |",
            "|:---|:---|" + "---:|" * (2 * len(sizes)),
        ]

        def slope_list(slug, n, get):
            sl = []
            for a, b in zip(sizes, sizes[1:]):
                pa, pb = int(data[a]["state"]["procs"]), int(data[b]["state"]["procs"])
                ta, tb = get(data[a]["rows"][slug], n), get(data[b]["rows"][slug], n)
                sl.append((tb - ta) / (pb - pa) * 1e6)
            return sl, (sl[-1] / sl[0] if sl[0] > 0 else float("inf"))

        for slug, label in ROWS:
            for n in NAMES:
                wall, g_wall = slope_list(slug, n, lambda r, c: r["stats"][c]["mean"])
                cpu, g_cpu = slope_list(slug, n, lambda r, c: r["cpu"][c])
                slopes[(slug, n)] = g_wall
                slopes[(slug, n, "cpu")] = g_cpu
                lines.append("| %s | %s | %s | %.2f (%s) | %s | %.2f (%s) |" % (
                    label, n, " | ".join("%.1f" % v for v in wall), g_wall,
                    "linear" if g_wall <= LINEAR_MAX else "superlinear",
                    " | ".join("%.1f" % v for v in cpu), g_cpu,
                    "linear" if g_cpu <= LINEAR_MAX else "superlinear"))

    big = sizes[-1]
    rb = data[big]["rows"]
    with_ids = [s for s in sizes if data[s]["state"]["nsids"] not in ("0", "")]
    if not with_ids:
        nsid_words = "none were at any size here, so `-t net` made no netlink query"
    elif len(with_ids) == len(sizes):
        nsid_words = "some were, from other programs, at every size here, so `-t net` " \
                     "made one query per network namespace"
    else:
        nsid_words = "some were, from other programs, at %s processes here, where `-t net` " \
                     "made one query per network namespace, and none at the other sizes" % (
                         " and ".join(data[s]["state"]["procs"] for s in with_ids))
    lines += [
        "",
        "### Where the gain comes from",
        "",
        "util-linux 2.38.1 reads every process in full, one after the other: it opens "
        "`/proc/PID`, reads `/proc/PID/stat` for the parent PID, `stat`s each of the 8 "
        "`ns/TYPE` files and queries each namespace with `ioctl`s, and it finds the "
        "namespace of each link by walking a linked list of the namespaces found so far "
        "(and, in the sources of that time, whether a process is already in a namespace "
        "by walking the namespace's list of processes): work that grows with processes × "
        "namespaces, so its time per process grows with the machine. nook "
        "reads only what identifies a namespace, in one pass shared out over the CPUs: one "
        "`readlink` of `/proc/PID/ns/TYPE` per process and type, and the `/proc/PID/fd` "
        "scan with one `stat` per fd, an nsfs file being a namespace (2.38.1 does not scan "
        "fds at all: it is how nook finds namespaces held by open files, as util-linux 2.41 "
        "does; the floor makes one `readlink` per fd instead). It groups the links "
        "in a hash table, and reads the uid, parent PID and command line only for the "
        "process a row shows, the lowest PID of each namespace (the parent PID through "
        "`PIDFD_GET_INFO` on a pidfd, not by parsing `/proc/PID/stat`). It asks netlink "
        "for NSIDs only when the NETNSID column is shown and the root network namespace "
        "has assigned any (%s); util-linux asks for each network namespace whenever the "
        "column is shown. What nook does beyond the floor, %.1f× the floor's time for "
        "`lsns` at %s processes, is grouping, those per-row reads, reading the mount table "
        "for nsfs mounts and formatting the table with libsmartcols." % (
            nsid_words, rb["default"]["r_fl"][0], data[big]["state"]["procs"]),
    ]

    lines += ["", "## Checks", "",
              "Before timing, at each size, each row ran once under util-linux and once under "
              "nook, and the outputs were compared (`lsns-report.py compare`). They must be "
              "the same apart from rows of the listing process itself and the rows nook "
              "prints for namespaces no process is in: namespaces held only by an nsfs bind "
              "mount (such as `/run/netns/NAME`) or an open fd, which util-linux lists since "
              "2.41 and 2.38.1 does not. The script stops at the first difference. Other "
              "processes on the machine come and go between the two listings, so a row is "
              "tried up to 5 times.",
              "",
              "| size | row | result |", "|---:|:---|:---|"]
    dropped = set()
    for size in sizes:
        for slug, label in ROWS:
            check = data[size]["rows"][slug]["check"]
            lines.append("| %s | %s | %s |" % (size, label, " ".join(
                l for l in check if not l.startswith("dropped\t"))))
            for l in check:
                if l.startswith("dropped\t"):
                    dropped.add(l.split("\t", 3)[3])
    if dropped:
        lines += ["", "The rows dropped (all sizes):", "", "```"] + sorted(dropped) + ["```"]

    # Verdict, at the largest size.
    lines += ["", "## Verdict", "",
              "Goals at about %s processes: on each row, nook takes at most %.0f%% of "
              "util-linux's wall-clock time, its time is linear in processes, and it uses "
              "no more memory (peak RSS) than util-linux." % (big, GOAL_UL * 100), ""]
    for slug, label in ROWS:
        r = data[big]["rows"][slug]
        v, e = r["r_ul"]
        parts = []
        if v <= GOAL_UL:
            parts.append("time: met (nook/util-linux %.3f ± %.3f)" % (v, e))
        else:
            parts.append("time: **missed**, nook/util-linux %.3f ± %.3f, %.2f× the goal "
                         "(nook would have to take %.0f ms instead of %.0f ms)" % (
                             v, e, v / GOAL_UL,
                             ur.ms(GOAL_UL * r["stats"]["util-linux"]["mean"]),
                             ur.ms(r["stats"]["nook"]["mean"])))
        if slopes:
            g = slopes[(slug, "nook")]
            parts.append("linear: %s (wall-clock slope growth %.2f, CPU time %.2f; "
                         "util-linux %.2f, %.2f)" % (
                             "yes" if g <= LINEAR_MAX else "**no**", g, slopes[(slug, "nook", "cpu")],
                             slopes[(slug, "util-linux")], slopes[(slug, "util-linux", "cpu")]))
        fv, fe = ur.ratio(r["rounds"], "floor", "util-linux")
        parts.append("the floor itself takes %.3f ± %.3f of util-linux's time" % (fv, fe))
        mr = r["rss"]["nook"] / r["rss"]["util-linux"]
        parts.append("memory: %s (%s vs %s)" % (
            "met" if mr <= 1 else "**missed** by %.0f%%" % ((mr - 1) * 100),
            fmt_kb(r["rss"]["nook"]), fmt_kb(r["rss"]["util-linux"])))
        lines.append("- %s: %s." % (label, "; ".join(parts)))
    lines += ["", "\"The floor itself\" is how close to the goal a program can come that "
              "reads only what identifies the namespaces (fds included, but for `-p`): where it is near "
              "or above %.2f, the goal is out of reach of any lsns that finds fd-held "
              "namespaces, as util-linux 2.41 and nook do (2.38.1 does not look at fds)."
              % GOAL_UL]
    more = []
    for size in sizes[:-1]:
        for slug, label in ROWS:
            r = data[size]["rows"][slug]
            mr = r["rss"]["nook"] / r["rss"]["util-linux"]
            if mr > 1:
                more.append("%s at %s processes (%s vs %s)" % (
                    label, data[size]["state"]["procs"], fmt_kb(r["rss"]["nook"]),
                    fmt_kb(r["rss"]["util-linux"])))
    if more:
        lines += ["", "At the smaller sizes nook's peak RSS is above util-linux's on: " +
                  "; ".join(more) + "."]
    ur.write_section(results_md, lines)


def main():
    args = sys.argv[1:]
    if args[:1] == ["compare"] and len(args) == 3:
        return compare(args[1], args[2])
    if args[:1] == ["report"] and len(args) >= 4:
        main_report(args[1], args[2], args[3:])
        return 0
    sys.stderr.write(__doc__)
    return 2


if __name__ == "__main__":
    sys.exit(main())
