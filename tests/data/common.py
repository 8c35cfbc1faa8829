"""Shared by the data tests (tests/data/*.py): imported, not run. Standard library only."""
import csv
import io
import os
import re
import subprocess
import sys
import xml.etree.ElementTree as ET

PLAN_NS = "{urn:planrep:plan}"
CAT_NS = "{urn:planrep:catalog}"
OBS_NS = "{urn:planrep:observations}"


class Checks:
    """Collects failures; finish() prints them and exits 1 when there is any."""

    def __init__(self, name):
        self.name = name
        self.fails = []

    def fail(self, msg):
        self.fails.append(msg)
        print("FAIL: " + msg)

    def check(self, cond, msg):
        if not cond:
            self.fail(msg)
        return cond

    def finish(self):
        if self.fails:
            print("%s: %d check(s) failed" % (self.name, len(self.fails)))
            sys.exit(1)
        print("%s: all checks passed" % self.name)
        sys.exit(0)


def die(msg):
    print("FAIL: " + msg)
    sys.exit(1)


def seeds_dir(path):
    """The seeds folder must be there: a data test without its source of truth fails, it never skips."""
    if not os.path.isdir(path):
        die("the seeds folder %s is missing: the data tests compare input/ with the seed texts "
            "(../shared/seeds beside the repository) and cannot run without them" % path)
    return path


def plan_root(path):
    return ET.parse(path).getroot()


def plan_source(root):
    """The seed file a plan was encoded from (meta/source)."""
    src = root.find(PLAN_NS + "meta/" + PLAN_NS + "source")
    return None if src is None else (src.text or "").strip()


def nows(s):
    return re.sub(r"\s+", "", s or "")


def eval_csv(planrep, plan, *args):
    cmd = [planrep, "eval", plan, "--format", "csv"] + list(args)
    r = subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    if r.returncode != 0:
        die("%s exited %d: %s" % (" ".join(cmd), r.returncode, r.stderr.decode("utf-8", "replace")))
    return list(csv.DictReader(io.StringIO(r.stdout.decode("utf-8"))))
