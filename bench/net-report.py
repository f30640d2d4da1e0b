#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0-or-later
"""Pool the rounds of bench/net.sh and write its section of bench/RESULTS.md.

Usage: net-report.py OUTDIR RESULTS.md ROW...      (ROW: setup link link-json)

Reads OUTDIR/ROW.rN.json (hyperfine --export-json, one per round), ROW.check
(the checks made before timing) and machine.tsv.  Writes OUTDIR/ROW.json and
OUTDIR/ROW.md (all rounds pooled) and, in RESULTS.md, the section headed
"# `nook netns connect` and `nook link show` benchmark results"; the other
sections are kept.  The pooling, the ratios with their standard errors over
the rounds and the section writing are unshare-report.py's.
"""
import glob
import importlib.util
import json
import math
import os
import statistics
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
_spec = importlib.util.spec_from_file_location("unshare_report",
                                               os.path.join(HERE, "unshare-report.py"))
ur = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(ur)

HEADING = "# `nook netns connect` and `nook link show` benchmark results"
# The goals: the setup at least 5 times as fast as the ip script; link show no
# slower than ip.
GOAL_SETUP = 5.0
GOAL_LINK = 1.00
IP_COMMANDS = 9  # in the ip script


def load_rounds(outdir, slug):
    """{command: [[times of round 0], [round 1], ...]} and per command the
    pooled user and system CPU time (means weighted by runs)."""
    rounds, cpu = {}, {}
    paths = sorted(glob.glob(os.path.join(outdir, slug + ".r*.json")),
                   key=lambda p: int(p.rsplit(".r", 1)[1].split(".")[0]))
    for path in paths:
        with open(path) as f:
            for res in json.load(f)["results"]:
                n = res["command"]
                rounds.setdefault(n, []).append(res["times"])
                c = cpu.setdefault(n, [0.0, 0.0, 0])
                k = len(res["times"])
                c[0] += res["user"] * k
                c[1] += res["system"] * k
                c[2] += k
    return rounds, {n: (u / k, s / k) for n, (u, s, k) in cpu.items()}


def per_round(rounds, fn):
    """fn(means of one round, by command) for each round: the pooled value (fn of
    the pooled means) and its standard error over the rounds."""
    pooled = {n: statistics.fmean([t for r in v for t in r]) for n, v in rounds.items()}
    nr = min(len(v) for v in rounds.values())
    vals = [fn({n: statistics.fmean(v[i]) for n, v in rounds.items()}) for i in range(nr)]
    err = statistics.stdev(vals) / math.sqrt(nr) if nr > 1 else 0.0
    return fn(pooled), err


def verdict_at_least(value, err, goal):
    if value >= goal:
        return "ok"
    if value + 2 * err >= goal:
        return "within noise"
    return "MISSES"


def read_tsv(path):
    out = {}
    with open(path) as f:
        for line in f:
            key, _, val = line.rstrip("\n").partition("\t")
            out[key] = val
    return out


def read_check(path):
    rows = []
    with open(path) as f:
        for line in f:
            rows.append(line.rstrip("\n").split("\t"))
    return rows


def stats_of(rounds, cpu):
    st = {}
    for n, v in rounds.items():
        t = [x for r in v for x in r]
        st[n] = {"mean": statistics.fmean(t), "stddev": statistics.stdev(t),
                 "median": statistics.median(t), "min": min(t), "max": max(t),
                 "runs": len(t), "rounds": len(v), "user": cpu[n][0], "system": cpu[n][1]}
    return st


def write_pooled(outdir, slug, title, st, rounds):
    with open(os.path.join(outdir, slug + ".json"), "w") as f:
        json.dump({"row": title, "results": [
            dict(st[n], command=n, times=[x for r in rounds[n] for x in r]) for n in st]},
            f, indent=1)
    with open(os.path.join(outdir, slug + ".md"), "w") as f:
        f.write("| Command | Mean [ms] | Median [ms] | Min [ms] | Max [ms] |\n")
        f.write("|:---|---:|---:|---:|---:|\n")
        for n, s in st.items():
            f.write("| `%s` | %.2f ± %.2f | %.2f | %.2f | %.2f |\n" % (
                n, ur.ms(s["mean"]), ur.ms(s["stddev"]), ur.ms(s["median"]), ur.ms(s["min"]),
                ur.ms(s["max"])))


def cell(s):
    return "%.2f ± %.2f" % (ur.ms(s["mean"]), ur.ms(s["stddev"]))


def cpu_cell(s):
    return "%.2f + %.2f" % (ur.ms(s["user"]), ur.ms(s["system"]))


def main():
    outdir, results_md, rows = sys.argv[1], sys.argv[2], sys.argv[3:]
    machine = read_tsv(os.path.join(outdir, "machine.tsv"))
    links, _, kind = machine.get("links", "1000 dummy").partition(" ")
    script = "bench/net.sh"
    lines = ur.results_header(HEADING, script, machine, machine.get("ip"), load_end="inline")
    lines += [
        "This run was made with `%s`." % machine.get("command", "sudo " + script),
        "",
    ]
    loads = [float(machine.get(k, "0").split()[0] or 0) for k in ("load", "load_end")]
    if max(loads) > 0.5:
        lines += [
            "Other work shared the machine during the run (1-minute load average %.2f at "
            "the start, %.2f at the end, on %s CPUs). It slows process starts most, of which "
            "the ip script makes ten and the others one, so it moves the times and the "
            "ratios: both are for this load. Compare "
            "the ratios, which are taken within rounds in which the order of the commands "
            "rotates, rather than absolute times from different runs." % (
                loads[0], loads[1], machine.get("nproc")),
            "",
        ]
    lines += [
        "## Results",
        "",
        "Wall-clock time of one command (hyperfine `-N`: no shell in between, output to "
        "`/dev/null`), mean ± standard deviation in milliseconds; CPU time is user + "
        "system, means. Ratios are of the pooled means; their ± is the standard error over "
        "the rounds. \"within noise\" means a ratio misses its goal by less than two "
        "standard errors.",
    ]
    table_checks, misses, near, notes = [], [], [], []

    if "setup" in rows:
        rounds, cpu = load_rounds(outdir, "setup")
        st = stats_of(rounds, cpu)
        write_pooled(outdir, "setup", "netns connect", st, rounds)
        speed, e_speed = per_round(rounds, lambda m: m["ip"] / m["nook"])
        speed_nosh, e_nosh = per_round(rounds, lambda m: (m["ip"] - m["sh"]) / m["nook"])
        over_fl, e_fl = per_round(rounds, lambda m: m["nook"] / m["floor"])
        ip_fl, e_ipfl = per_round(rounds, lambda m: m["ip"] / m["floor"])
        per_ip = (st["ip"]["mean"] - st["sh"]["mean"]) / IP_COMMANDS
        v = verdict_at_least(speed, e_speed, GOAL_SETUP)
        lines += [
            "",
            "### Two connected, addressed namespaces from nothing",
            "",
            "`nook netns connect A B --addr 10.213.0.1/24 10.213.0.2/24` against the nine "
            "`ip` commands that do the same, as a script run by `sh` (`bench/out/net/"
            "ip-setup.sh`), the floor (`floor-net setup`), and `sh` on a script with no "
            "command, what the shell costs. hyperfine's `--prepare` deletes A and B (`ip netns "
            "del`) before every run, untimed; the kernel frees a deleted network namespace "
            "in a worker afterwards, which overlaps the next run on both CPUs alike.",
            "",
            "| command | mean ± σ | median | min | CPU user + sys | ip script / command |",
            "|:---|---:|---:|---:|---:|---:|",
        ]
        labels = {"ip": "`sh ip-setup.sh` (sh + 9 × `ip`)",
                  "nook": "`nook netns connect`", "floor": "`floor-net setup`",
                  "sh": "`sh` alone (empty script)"}
        for n in ("ip", "nook", "floor", "sh"):
            s = st[n]
            r, e = per_round(rounds, lambda m, n=n: m["ip"] / m[n])
            lines.append("| %s | %s | %.2f | %.2f | %s | %s |" % (
                labels[n], cell(s), ur.ms(s["median"]), ur.ms(s["min"]), cpu_cell(s),
                "—" if n in ("ip", "sh") else "%.2f ± %.2f" % (r, e)))
        lines += [
            "",
            "%d runs per command, in %d rounds." % (st["nook"]["runs"], st["nook"]["rounds"]),
            "",
            "- ip script / nook: **%.2f ± %.2f** (goal ≥ %.0f: %s); without the shell's "
            "own cost, (ip script − sh) / nook: %.2f ± %.2f." % (
                speed, e_speed, GOAL_SETUP, v, speed_nosh, e_nosh),
            "- nook / floor: %.2f ± %.2f; ip script / floor: %.2f ± %.2f." % (
                over_fl, e_fl, ip_fl, e_ipfl),
            "- One `ip` command of the script costs %.2f ms on average ((ip script − sh) / "
            "%d); a process start of a dynamically linked program is most of it (see "
            "[README.md](README.md))." % (ur.ms(per_ip), IP_COMMANDS),
        ]
        label = "setup (`nook netns connect`)"
        if v == "MISSES":
            misses.append("%s: ip script / nook is %.2f ± %.2f, under the goal of %.0f: nook "
                          "would have to take %.2f ms instead of %.2f ms" % (
                              label, speed, e_speed, GOAL_SETUP,
                              ur.ms(st["ip"]["mean"] / GOAL_SETUP), ur.ms(st["nook"]["mean"])))
        elif v == "within noise":
            near.append("%s: ip script / nook %.2f ± %.2f" % (label, speed, e_speed))
        else:
            notes.append("%s: met, %.2f ± %.2f times as fast as the ip script (goal %.0f); "
                         "%.2f ± %.2f without the shell" % (label, speed, e_speed, GOAL_SETUP,
                                                          speed_nosh, e_nosh))
        for c in read_check(os.path.join(outdir, "setup.check")):
            name, ran, ping, state = (c + ["", "", "", ""])[:4]
            table_checks.append("| setup | %s | %s | %s | %s |" % (name, ran, ping, state))
            if name != "ip" and ("FAILED" in ran or "FAILED" in ping or "DIFFERS" in state):
                misses.append("setup: %s %s; %s; %s" % (name, ran, ping, state))

    link_rows = [r for r in rows if r in ("link", "link-json")]
    if link_rows:
        lines += [
            "",
            "### `link show` in a namespace of %s devices" % links,
            "",
            "`ip -n NS link show` and `nook -n NS link show` (and with `-j`) in a namespace "
            "of the bench's own with %s %s devices and `lo`, made with `ip -n NS -batch`, "
            "against the floor (`floor-net links NS`: enter NS, one `RTM_GETLINK` dump, one "
            "short line per device; the same floor for `-j`)." % (links, kind) +
            (" This kernel has no `dummy` driver, so the devices are `ifb` devices, as "
             "simple: no lower device, a MAC address, no carrier." if kind == "ifb" else ""),
            "",
            "| row | ip | nook | floor | nook/ip | nook/floor | CPU user + sys: ip, nook, "
            "floor |",
            "|:---|---:|---:|---:|---:|---:|:---|",
        ]
        medians = []
        for slug in link_rows:
            rounds, cpu = load_rounds(outdir, slug)
            st = stats_of(rounds, cpu)
            opt = " -j" if slug == "link-json" else ""
            title = "`link show%s`" % opt
            write_pooled(outdir, slug, "link show" + opt, st, rounds)
            r_ip, e_ip = ur.ratio(rounds, "nook", "ip")
            r_fl, e_fl = ur.ratio(rounds, "nook", "floor")
            v = ur.verdict(r_ip, e_ip, GOAL_LINK)
            lines.append("| %s | %s | %s | %s | %.3f ± %.3f (%s) | %.2f ± %.2f | %s |" % (
                title, cell(st["ip"]), cell(st["nook"]), cell(st["floor"]), r_ip, e_ip, v,
                r_fl, e_fl, "; ".join(cpu_cell(st[n]) for n in ("ip", "nook", "floor"))))
            medians.append("| %s | %.2f | %.2f | %.2f | %.3f |" % (
                title, ur.ms(st["ip"]["median"]), ur.ms(st["nook"]["median"]),
                ur.ms(st["floor"]["median"]), st["nook"]["median"] / st["ip"]["median"]))
            if v == "MISSES":
                misses.append("%s: nook is slower than ip (nook/ip %.3f ± %.3f)" % (
                    title, r_ip, e_ip))
            elif v == "within noise":
                near.append("%s: nook/ip %.3f ± %.3f" % (title, r_ip, e_ip))
            else:
                notes.append("%s: met, nook/ip %.3f ± %.3f (goal ≤ %.2f)" % (
                    title, r_ip, e_ip, GOAL_LINK))
            for c in read_check(os.path.join(outdir, slug + ".check")):
                name, ran, res = (c + ["", "", ""])[:3]
                table_checks.append("| %s | %s | %s | — | %s |" % (title, name, ran, res))
                if name == "nook" and ("DIFFERS" in res or "FAILED" in ran):
                    misses.append("%s: nook's output %s" % (title, res))
        runs = st["nook"]
        lines += [
            "",
            "%d runs per command and row, in %d rounds. Medians (ms):" % (
                runs["runs"], runs["rounds"]),
            "",
            "| row | ip | nook | floor | nook/ip |",
            "|:---|---:|---:|---:|---:|",
            *medians,
        ]

    lines += [
        "",
        "## Checks",
        "",
        "Before timing, each contender ran once. setup: from no namespaces, then `ip netns "
        "exec A ping -c1 -W2 10.213.0.2`, then (after 1.5 s, for the operational state to "
        "settle) `ip -o link show` and `ip -o addr show` in A and B, MAC addresses and "
        "link-local IPv6 addresses masked, compared with what the ip script left "
        "(`bench/out/net/setup.NAME.state`). link rows: nook's output compared with ip's, "
        "byte for byte (for `-j`, as JSON if the bytes differ).",
        "",
        "| row | command | ran | ping | result |",
        "|:---|:---|:---|:---|:---|",
        *table_checks,
        "",
        "## Verdict",
        "",
        "Goals (from the issue): the setup at least %.0f× as fast as the ip script; `link "
        "show` no slower than `ip link show`." % GOAL_SETUP,
        "",
    ]
    if misses:
        lines += ["- " + m + "." for m in misses]
    if near:
        lines += ["- Within noise (over the goal by less than two standard errors): " + m + "."
                  for m in near]
    lines += ["- " + m + "." for m in notes]
    if not misses and not near:
        lines += ["", "Every row meets its goal."]
    ur.write_section(results_md, lines)
    return 0


if __name__ == "__main__":
    sys.exit(main())
