#!/usr/bin/env python3
"""data.samples: sample observations are marked and reproducible; real ones are where their source says.

    samples.py PLANREP SRC_DIR SEEDS_DIR

- every sample observation (sample="true") names the tool and its seed as its source, is a quarter from
  2021Q1 to 2024Q4, is not negative and, in a % unit, not above 100; a file with samples says 示例数据;
- every real observation has a source SEEDFILE:LINE, SEEDFILE is the plan's own seed, and that line prints
  the value as written (the number, not part of a longer one);
- tools/sample-observations, run into a temporary folder, reproduces the committed files byte for byte.
"""
import glob
import os
import re
import subprocess
import sys
import tempfile
import xml.etree.ElementTree as ET

sys.dont_write_bytecode = True  # no __pycache__ in the source tree
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from common import OBS_NS, PLAN_NS, Checks, die, plan_root, plan_source, seeds_dir  # noqa: E402

SAMPLE_SOURCE = re.compile(r"^tools/sample-observations seed \d+$")
SAMPLE_PERIOD = re.compile(r"^202[1-4]Q[1-4]$")
REAL_SOURCE = re.compile(r"^(\S+\.txt):(\d+)$")
# The seeds break long sentences over lines (商丘 every ~30 characters; 平顶山 prints "2.77" on line 31 and its
# unit on line 33; 运城 line 65 "人均基本公共卫生经费" continues on line 67 "由 40 元提高到 74 元"), so a source
# may cite the line where the sentence starts or where its subject is; the number may then sit up to two
# lines away. Such matches are allowed and reported.
NEAR = 2


def printed_in(value, line):
    return re.search(r"(?<![\d.])" + re.escape(value) + r"(?!\d|\.\d)", line) is not None


def main(argv):
    if len(argv) != 3:
        die("usage: samples.py PLANREP SRC_DIR SEEDS_DIR")
    planrep, src, seeds = argv
    seeds_dir(seeds)
    c = Checks("data.samples")
    obs_dir = os.path.join(src, "input", "observations")
    files = sorted(glob.glob(os.path.join(obs_dir, "*.xml")))
    if not files:
        die("no observations in %s" % obs_dir)
    seed_lines = {}
    for path in files:
        name = os.path.basename(path)
        with open(path, encoding="utf-8") as f:
            text = f.read()
        root = ET.fromstring(text.encode("utf-8"))
        pid = root.get("plan")
        plan = plan_root(os.path.join(src, "input", "plans", pid + ".xml"))
        units = {i.get("seq"): "".join(i.find(PLAN_NS + "unit").itertext()) for i in plan.iter(PLAN_NS + "indicator")}
        seed_file = plan_source(plan)
        n_sample = n_real = 0
        for o in root.iter(OBS_NS + "obs"):
            a = o.attrib
            where = "%s: obs seq %s period %s value %s" % (name, a.get("seq"), a.get("period"), a.get("value"))
            if a.get("sample") in ("true", "1"):
                n_sample += 1
                c.check(a.get("sample") == "true", "%s: write sample=\"true\"" % where)
                c.check(SAMPLE_SOURCE.match(a.get("source", "")) is not None,
                        "%s: a sample's source must be 'tools/sample-observations seed N', not %r"
                        % (where, a.get("source")))
                c.check(SAMPLE_PERIOD.match(a.get("period", "")) is not None,
                        "%s: samples are quarters 2021Q1-2024Q4" % where)
                v = float(a.get("value"))
                c.check(v >= 0, "%s: negative" % where)
                unit = units.get(a.get("seq"), "")
                if "%" in unit or "％" in unit:
                    c.check(v <= 100, "%s: a percentage above 100" % where)
                continue
            n_real += 1
            m = REAL_SOURCE.match(a.get("source", ""))
            if not c.check(m is not None, "%s: a real observation's source must be SEEDFILE:LINE, not %r"
                           % (where, a.get("source"))):
                continue
            sf, ln = m.group(1), int(m.group(2))
            c.check(sf == seed_file, "%s: source %s is not the plan's seed %s" % (where, sf, seed_file))
            if sf not in seed_lines:
                p = os.path.join(seeds, sf)
                if not c.check(os.path.isfile(p), "%s: seed file %s is missing" % (where, p)):
                    continue
                with open(p, encoding="utf-8") as f:
                    seed_lines[sf] = f.read().split("\n")
            lines = seed_lines[sf]
            if not c.check(1 <= ln <= len(lines), "%s: %s has no line %d" % (where, sf, ln)):
                continue
            if printed_in(a["value"], lines[ln - 1]):
                continue
            near = [ln + d for d in range(-NEAR, NEAR + 1)
                    if d and 1 <= ln + d <= len(lines) and printed_in(a["value"], lines[ln + d - 1])]
            if c.check(near, "%s: %s line %d does not print %s (nor do the %d lines around it)"
                       % (where, sf, ln, a["value"], NEAR)):
                print("NOTE: %s: printed on line %s of %s, cited %d" % (where, near[0], sf, ln))
        if n_sample:
            c.check("示例数据" in text, "%s: has samples but no comment saying 示例数据" % name)
        print("%s: %d real, %d sample observations" % (name, n_real, n_sample))

    tool = os.path.join(src, "tools", "sample-observations")
    with tempfile.TemporaryDirectory(prefix="planrep-samples-") as tmp:
        cmd = [sys.executable, tool, "--quiet", "--input", os.path.join(src, "input"), "--out", tmp,
               "--planrep", planrep]
        r = subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        if c.check(r.returncode == 0, "%s exited %d: %s" % (" ".join(cmd), r.returncode,
                                                             r.stderr.decode("utf-8", "replace").strip())):
            made = sorted(os.listdir(tmp))
            c.check(made == [os.path.basename(p) for p in files],
                    "the tool wrote %s, the repository has %s" % (made, [os.path.basename(p) for p in files]))
            for path in files:
                out = os.path.join(tmp, os.path.basename(path))
                if not os.path.exists(out):
                    continue
                with open(path, "rb") as f1, open(out, "rb") as f2:
                    c.check(f1.read() == f2.read(), "%s differs from what tools/sample-observations writes: "
                            "run the tool (diff %s %s)" % (path, path, out))
    c.finish()


if __name__ == "__main__":
    main(sys.argv[1:])
