#!/usr/bin/env python3
"""bench/scale.py: does `planrep build` stay flat per product as the number of plans grows?

  python3 bench/scale.py [--runs R] [--sizes 10,50,200,500] [--jobs 2] [--timeout S] [--append]
  bench/run --scale        (calls main(argv), argv without the program name; unknown options are ignored)

For each N of --sizes: tools/synth-plans N writes N synthetic plans (real plan (k-1) mod 5 as the
skeleton of plan k, so the work per plan is the same at every N) into build/synth/N/input and
`planrep validate` checks them; neither is timed. Then, each from an empty output folder under
build/bench/scale/out/, whole processes, wall clock:
  per-plan   planrep build -i DIR -o OUT -jJ --force --only 'synth-*'
             every product of one plan (plan, plan-modern, briefing, charts): 4 N products whose
             work does not depend on N, so their seconds per product are the claim under test;
  full       planrep build -i DIR -o OUT -jJ --force
             the same plus the products of all plans together (comparison.pdf, the compare-charts
             set), which grow with N by nature; reported on their own from the build's per-product
             times (each BUILT line's seconds: the job's wall time in its worker);
  no-op      planrep build -i DIR -o OUT -jJ, right after the last full build: nothing to build, so
             it is the parent's own work (manifest expansion, hashing, the state file, index.html).
Median of R runs (default: 3; at an N whose first run of a kind took over --slow seconds (600), that
kind runs once, and the report says so). A build past --timeout seconds (default 3600) is stopped (its
process group, which this script started) and reported as such.
Peak RSS: GNU time's %M around the build. On Linux the rusage of a reaped child holds the maximum RSS of
the child and of every descendant it reaped, so %M is the largest RSS of any one process of the build
(the parent or a worker), not the sum of the concurrent workers. The sum is also sampled: the Pss of
the build's processes (smaps_rollup, so pages shared after fork count once), every 0.25 s, max kept.

Writes the tables into bench/SCALE.md between its two "bench/scale.py results" markers, replacing what
was there (--append: after it); text outside the markers is kept. Prints the same tables.
"""
import argparse
import os
import platform
import re
import shutil
import signal
import statistics
import subprocess
import sys
import threading
import time

HERE = os.path.dirname(os.path.abspath(__file__))
TOP = os.path.dirname(HERE)
PLANREP = os.path.join(TOP, "build", "planrep")
SYNTH = os.path.join(TOP, "tools", "synth-plans")
WORK = os.path.join(TOP, "build", "bench", "scale")
REPORT = os.path.join(HERE, "SCALE.md")
BUILT = re.compile(r"^BUILT\s+(\S+)\s+\(.*?, ([0-9.]+) s; ")
SUMMARY = re.compile(r"^planrep build: (\d+) products?(?: of (\d+))?: (\d+) built, (\d+) up to date, (\d+) failed")


def kind_of(path):
    """The product a BUILT path belongs to: plan.pdf, briefing, charts; or comparison, compare-charts."""
    parts = path.split("/")
    if re.fullmatch(r"synth-\d+", parts[0]):
        rest = "/".join(parts[1:])
        if rest.startswith("charts/"):
            return "charts"
        if rest.startswith("briefing-"):
            return "briefing"
        return rest
    return "compare-charts" if parts[0] == "charts" else path


def pss_of_tree(root):
    """Sum of Pss (KB) of root and its descendants, from /proc; 0 when it is gone."""
    children = {}
    for d in os.listdir("/proc"):
        if not d.isdigit():
            continue
        try:
            with open("/proc/%s/stat" % d) as f:
                ppid = int(f.read().rsplit(")", 1)[1].split()[1])
        except (OSError, IndexError, ValueError):
            continue
        children.setdefault(ppid, []).append(int(d))
    total, todo = 0, [root]
    while todo:
        pid = todo.pop()
        todo += children.get(pid, [])
        try:
            with open("/proc/%d/smaps_rollup" % pid) as f:
                for line in f:
                    if line.startswith("Pss:"):
                        total += int(line.split()[1])
                        break
        except OSError:
            pass
    return total


def timed_build(args, timeout):
    """Runs planrep build under GNU time: (wall s, %M KB, sampled peak Pss KB, stdout, rc or None)."""
    stop = threading.Event()
    peak = [0]
    t0 = time.perf_counter()
    # Own session, so a timeout can stop the build's whole process group and nothing else.
    p = subprocess.Popen(["/usr/bin/time", "-f", "%M"] + args, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                         text=True, start_new_session=True)

    def sample():
        while not stop.wait(0.25):
            peak[0] = max(peak[0], pss_of_tree(p.pid))

    th = threading.Thread(target=sample, daemon=True)
    th.start()
    try:
        out, err = p.communicate(timeout=timeout)
        rc = p.returncode
    except subprocess.TimeoutExpired:
        os.killpg(p.pid, signal.SIGTERM)
        out, err = p.communicate()
        rc = None
    wall = time.perf_counter() - t0
    stop.set()
    th.join()
    m = re.search(r"(\d+)\s*$", err)
    return wall, int(m.group(1)) if m else 0, peak[0], out, rc


def parse(out):
    """(products selected, built, failed, {kind: [seconds of each BUILT product]})."""
    kinds = {}
    sel = built = failed = 0
    for line in out.splitlines():
        m = BUILT.match(line)
        if m:
            kinds.setdefault(kind_of(m.group(1)), []).append(float(m.group(2)))
            continue
        m = SUMMARY.match(line)
        if m:
            sel, built, failed = int(m.group(1)), int(m.group(3)), int(m.group(5))
    return sel, built, failed, kinds


def one_kind(n, name, extra, runs, slow, timeout, jobs, log):
    """Times runs builds of one kind at size n; returns a dict of medians and what happened."""
    inp = os.path.join(TOP, "build", "synth", str(n), "input")
    out = os.path.join(WORK, "out", str(n))
    walls, rss, pss, per = [], [], [], {}
    res = {"runs": 0, "note": ""}
    for i in range(runs):
        shutil.rmtree(out, ignore_errors=True)
        wall, m, ps, text, rc = timed_build(
            [PLANREP, "build", "-i", inp, "-o", out, "-j%d" % jobs, "--force"] + extra, timeout)
        sel, built, failed, kinds = parse(text)
        log("  N=%d %s run %d: %.1f s, %d products, %d built, %d failed, max RSS %d MB, Pss %d MB%s"
            % (n, name, i + 1, wall, sel, built, failed, m // 1024, ps // 1024,
               "" if rc is not None else ", TIMED OUT"))
        res["runs"] += 1
        if rc is None:
            res["note"] = "stopped after %d s" % timeout
            res.update(timeout=True, products=sel)
            return res
        walls.append(wall)
        rss.append(m)
        pss.append(ps)
        for k, v in kinds.items():
            per.setdefault(k, []).append(v)
        res.update(products=sel, built=built, failed=failed)
        if failed:
            res["note"] = "%d failed" % failed
        if i == 0 and runs > 1 and wall > slow:
            res["note"] = (res["note"] + "; " if res["note"] else "") + "1 run (first took %.0f s)" % wall
            break
    res["wall"] = statistics.median(walls)
    res["rss"] = max(rss)
    res["pss"] = max(pss)
    # Per kind: the median over runs of (sum of that kind's product seconds, count).
    res["kinds"] = {k: (statistics.median(sum(x) for x in v), len(v[0])) for k, v in per.items()}
    return res


def noop(n, jobs, timeout):
    inp = os.path.join(TOP, "build", "synth", str(n), "input")
    out = os.path.join(WORK, "out", str(n))
    wall, m, _, text, rc = timed_build([PLANREP, "build", "-i", inp, "-o", out, "-j%d" % jobs], timeout)
    sel, built, _, _ = parse(text)
    size = lambda f: os.path.getsize(os.path.join(out, f)) if os.path.exists(os.path.join(out, f)) else 0
    return {"wall": wall, "rss": m, "built": built, "products": sel,
            "state": size(".planrep-state"), "index": size("index.html")}


def machine():
    load = os.getloadavg()
    return "%s, %d cores, %s; Python %s; load average %.1f %.1f %.1f at the start" % (
        platform.machine(), os.cpu_count() or 0, platform.platform(), platform.python_version(), *load)


def main(argv=None):
    ap = argparse.ArgumentParser(prog="bench/scale.py", description=__doc__.split("\n")[0])
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--sizes", default="10,50,200,500")
    ap.add_argument("--jobs", type=int, default=2)
    ap.add_argument("--slow", type=float, default=600, help="one run only at an N whose first run took longer")
    ap.add_argument("--timeout", type=float, default=3600)
    ap.add_argument("--no-full", action="store_true", help="per-plan builds only (no comparison)")
    ap.add_argument("--append", action="store_true", help="add a section after the last results instead of replacing them")
    ap.add_argument("--report", default=REPORT)
    a, _ = ap.parse_known_args(sys.argv[1:] if argv is None else argv)
    sizes = [int(s) for s in a.sizes.split(",") if s.strip()]
    started = time.strftime("%Y-%m-%d %H:%M")
    mach = machine()

    def log(s):
        print(s, flush=True)

    rows = []
    for n in sizes:
        log("N=%d: generating (not timed)" % n)
        subprocess.run([sys.executable, SYNTH, str(n), "--quiet", "--validate"], check=True)
        row = {"n": n}
        row["plan"] = one_kind(n, "per-plan", ["--only", "synth-*"], a.runs, a.slow, a.timeout, a.jobs, log)
        if not a.no_full:
            row["full"] = one_kind(n, "full", [], a.runs, a.slow, a.timeout, a.jobs, log)
            if not row["full"].get("timeout"):
                row["noop"] = noop(n, a.jobs, a.timeout)
                log("  N=%d no-op: %.2f s, state %d KB, index.html %d KB" % (
                    n, row["noop"]["wall"], row["noop"]["state"] // 1024, row["noop"]["index"] // 1024))
        rows.append(row)

    md = report(rows, a, started, mach)
    print(md)
    write_report(a.report, md, a.append)
    return 0


BEGIN, END = "<!-- bench/scale.py results: begin -->", "<!-- bench/scale.py results: end -->"


def write_report(path, md, append):
    """Puts md between the markers (after what is there with --append); text outside them is kept,
    so notes written by hand about the results survive a rerun."""
    try:
        with open(path, encoding="utf-8") as f:
            old = f.read()
    except FileNotFoundError:
        old = "# Scale test\n\n"
    if BEGIN in old and END in old:
        head, rest = old.split(BEGIN, 1)
        body, tail = rest.split(END, 1)
        body = (body.rstrip("\n") + "\n\n" if append and body.strip() else "\n") + md
    else:
        head, body, tail = old.rstrip("\n") + "\n\n", "\n" + md, "\n"
    with open(path + ".tmp", "w", encoding="utf-8") as f:
        f.write(head + BEGIN + body.rstrip("\n") + "\n" + END + tail)
    os.replace(path + ".tmp", path)


def fmt(x, d=2):
    return "—" if x is None else "%.*f" % (d, x)


def report(rows, a, started, mach):
    L = ["## %s, sizes %s, -j%d" % (started, ",".join(str(r["n"]) for r in rows), a.jobs), "",
         "Machine: %s. Generated by `python3 bench/scale.py --runs %d --sizes %s`." % (mach, a.runs, a.sizes),
         "Inputs: `tools/synth-plans N` (plan k is real plan (k-1) mod 5 renamed, every value a sample), "
         "so the work of a per-plan product is the same at every N. Whole processes, wall clock, each build "
         "from an empty output folder with `--force`; median of the runs shown.", "",
         "### Per-plan products (`--only 'synth-*'`: plan, plan-modern, briefing, charts; 4 per plan)", "",
         "| N | products | runs | wall s | s / product | worker s / product | max RSS MB | Pss sum MB | note |",
         "|---|---|---|---|---|---|---|---|---|"]
    for r in rows:
        p = r["plan"]
        if p.get("timeout"):
            L.append("| %d | %s | %d | — | — | — | — | — | %s |" % (r["n"], p.get("products", "?"), p["runs"], p["note"]))
            continue
        ws = sum(v[0] for v in p["kinds"].values())
        cnt = sum(v[1] for v in p["kinds"].values())
        L.append("| %d | %d | %d | %s | %.3f | %.3f | %d | %d | %s |" % (
            r["n"], p["products"], p["runs"], fmt(p["wall"], 1), p["wall"] / max(p["products"], 1),
            ws / max(cnt, 1), p["rss"] // 1024, p["pss"] // 1024, p["note"]))
    L += ["", "*s / product*: wall ÷ products (two workers, so about half the worker seconds). *worker s / "
          "product*: the mean of the BUILT lines' seconds (a job's wall time in its worker, so inflated when "
          "the machine is oversubscribed). *max RSS*: GNU time's %M, the largest single process of the build "
          "(parent or one worker; Linux folds reaped children into it). *Pss sum*: the build's processes "
          "together, sampled every 0.25 s.", "",
          "By product (worker seconds per product, median run):", "",
          "| N | " + " | ".join(k for k in ("plan.pdf", "plan-modern.pdf", "briefing", "charts")) + " |",
          "|---|---|---|---|---|"]
    for r in rows:
        k = r["plan"].get("kinds", {})
        L.append("| %d | %s |" % (r["n"], " | ".join(
            fmt(k[x][0] / k[x][1]) if x in k else "—" for x in ("plan.pdf", "plan-modern.pdf", "briefing", "charts"))))
    if any("full" in r for r in rows):
        L += ["", "### Whole build (every product, with those of all plans together)", "",
              "| N | products | runs | wall s | s / product | comparison.pdf s | compare-charts s | max RSS MB "
              "| Pss sum MB | no-op rebuild s | state KB | index.html KB | note |",
              "|---|---|---|---|---|---|---|---|---|---|---|---|---|"]
        for r in rows:
            f, z = r.get("full"), r.get("noop")
            if f is None:
                continue
            if f.get("timeout"):
                L.append("| %d | %s | %d | > %d | — | — | — | — | — | — | — | — | %s |" % (
                    r["n"], f.get("products", "?"), f["runs"], a.timeout, f["note"]))
                continue
            k = f["kinds"]
            L.append("| %d | %d | %d | %s | %.3f | %s | %s | %d | %d | %s | %s | %s | %s |" % (
                r["n"], f["products"], f["runs"], fmt(f["wall"], 1), f["wall"] / max(f["products"], 1),
                fmt(k.get("comparison.pdf", (None,))[0]), fmt(k.get("compare-charts", (None,))[0]),
                f["rss"] // 1024, f["pss"] // 1024, fmt(z and z["wall"]), z and z["state"] // 1024,
                z and z["index"] // 1024, f["note"]))
        L += ["", "*comparison.pdf s*, *compare-charts s*: that job's seconds in its worker (the chart set is "
              "one job). *no-op rebuild*: the same command without `--force` right after, nothing to build: "
              "the parent's own work (manifest expansion, hashing every input, the state file, index.html)."]
    L.append("")
    return "\n".join(L)


if __name__ == "__main__":
    sys.exit(main())
