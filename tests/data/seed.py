#!/usr/bin/env python3
"""data.seed.<id>: a plan holds all of its seed text, and its headings.

    seed.py PLAN.xml SEEDS_DIR

1. The CJK characters (U+4E00-U+9FFF) of the plan's text content (element text, and the attributes num,
   name (categories) and printed (status); not comments) against those of its seed file (meta/source):
   the ratio must be within 0.97-1.10. Less means text was lost; more, text invented or doubled. The seeds
   carry a little that is not the plan (运城's table of contents, 商丘's 附件 mark), hence the margin.
2. Every heading of the seed is in the plan: lines that are short (at most 40 characters) and start with
   第X章/第X节, 一、…十三、 or （一）/(一) are a section with that @num and that heading; 专栏 N lines are a box
   with @num N and that title. Compared with whitespace removed. Table-of-contents lines (a tab or a dot
   leader before a page number, 运城's 目录) are not content and are skipped.
"""
import os
import re
import sys

sys.dont_write_bytecode = True  # no __pycache__ in the source tree
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from common import PLAN_NS, Checks, die, nows, plan_root, plan_source, seeds_dir  # noqa: E402

RATIO_MIN, RATIO_MAX = 0.97, 1.10
MAX_HEADING = 40
HAN_NUM = "[一二三四五六七八九十]+"
HEADINGS = [
    re.compile(r"^(第" + HAN_NUM + r"[章节])\s*(\S.*)$"),
    re.compile(r"^(" + HAN_NUM + r"、)\s*(\S.*)$"),
    re.compile(r"^([（(]" + HAN_NUM + r"[）)])\s*(\S.*)$"),
]
BOX = re.compile(r"^专栏\s*(\d+)\s*[：:]?\s*(\S.*)$")
TOC = re.compile(r"(\t|·{2,}|…{2,}|\.{3,})\s*\d+\s*$")


def cjk(s):
    return sum(1 for c in s or "" if "\u4e00" <= c <= "\u9fff")


def plan_cjk(root):
    n = 0
    for el in root.iter():
        if not isinstance(el.tag, str):  # comments and processing instructions
            continue
        n += cjk(el.text) + cjk(el.tail)
        for attr in ("num", "name", "printed"):
            n += cjk(el.get(attr))
    return n


def main(argv):
    if len(argv) != 2:
        die("usage: seed.py PLAN.xml SEEDS_DIR")
    plan, seeds = argv
    seeds_dir(seeds)
    root = plan_root(plan)
    name = plan_source(root)
    if not name:
        die("%s: no meta/source naming its seed file" % plan)
    seed_path = os.path.join(seeds, name)
    if not os.path.isfile(seed_path):
        die("%s: its seed file %s is missing" % (plan, seed_path))
    with open(seed_path, encoding="utf-8") as f:
        seed_text = f.read()
    c = Checks("data.seed " + root.get("id", plan))

    n_plan, n_seed = plan_cjk(root), cjk(seed_text)
    ratio = n_plan / n_seed if n_seed else 0.0
    print("%s: %d CJK characters, seed %s: %d, ratio %.4f (allowed %.2f-%.2f)"
          % (plan, n_plan, name, n_seed, ratio, RATIO_MIN, RATIO_MAX))
    c.check(RATIO_MIN <= ratio <= RATIO_MAX,
            "CJK ratio %.4f outside %.2f-%.2f: text lost or added" % (ratio, RATIO_MIN, RATIO_MAX))

    sections = {(nows(s.get("num")), nows("".join(s.find(PLAN_NS + "heading").itertext())))
                for s in root.iter(PLAN_NS + "section") if s.find(PLAN_NS + "heading") is not None}
    boxes = {(nows(b.get("num")), nows("".join(b.find(PLAN_NS + "title").itertext())))
             for b in root.iter(PLAN_NS + "box") if b.find(PLAN_NS + "title") is not None}
    n_head = n_box = 0
    for lineno, line in enumerate(seed_text.split("\n"), 1):
        s = line.strip()
        if not s or len(s) > MAX_HEADING or TOC.search(line):
            continue
        m = BOX.match(s)
        if m:
            n_box += 1
            c.check((m.group(1), nows(m.group(2))) in boxes,
                    "%s:%d: 专栏 %s %s has no box in the plan" % (name, lineno, m.group(1), m.group(2)))
            continue
        for pat in HEADINGS:
            m = pat.match(s)
            if m:
                n_head += 1
                c.check((nows(m.group(1)), nows(m.group(2))) in sections,
                        "%s:%d: heading %s has no section in the plan" % (name, lineno, s))
                break
    print("%d headings and %d 专栏 titles of the seed checked against %d sections and %d boxes"
          % (n_head, n_box, len(sections), len(boxes)))
    c.check(n_head > 0, "no heading found in the seed: the heading patterns no longer fit it")
    c.finish()


if __name__ == "__main__":
    main(sys.argv[1:])
