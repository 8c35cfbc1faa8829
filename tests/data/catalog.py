#!/usr/bin/env python3
"""data.catalog: the catalog and the plans' refs agree.

    catalog.py INPUT_DIR

- every catalog id is the ref of at least one plan row (an unused id is dead weight in every comparison);
- every alias is printed as some plan's indicator name (compared with whitespace removed), and no alias
  belongs to two ids;
- a row with a ref prints one of that entry's aliases (else the join is suspect: see WRONG_REFS);
- a row without a ref does not print a catalog alias (it should carry the ref);
- no indicator is printed by two or more plans without a catalog id.
Names are compared with whitespace removed: the seeds print "5 岁以下" and "5岁以下" for the same name.
"""
import glob
import os
import sys

sys.dont_write_bytecode = True  # no __pycache__ in the source tree
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from common import CAT_NS, PLAN_NS, Checks, die, nows, plan_root  # noqa: E402

# Rows whose ref is known to be wrong and whose plan is to be corrected: reported, not failed.
WRONG_REFS = {}


def main(argv):
    if len(argv) != 1:
        die("usage: catalog.py INPUT_DIR")
    top = argv[0]
    c = Checks("data.catalog")
    cat = plan_root(os.path.join(top, "catalog.xml"))
    entries = {}
    alias_owner = {}
    for e in cat.iter(CAT_NS + "indicator"):
        aliases = [a.text or "" for a in e.iter(CAT_NS + "alias")]
        entries[e.get("id")] = {nows(a) for a in aliases}
        for a in aliases:
            prev = alias_owner.setdefault(nows(a), e.get("id"))
            c.check(prev == e.get("id"), "alias %s belongs to both %s and %s" % (a, prev, e.get("id")))

    rows = []  # (plan id, seq, ref, name without whitespace, name as printed)
    for path in sorted(glob.glob(os.path.join(top, "plans", "*.xml"))):
        root = plan_root(path)
        for ind in root.iter(PLAN_NS + "indicator"):
            name = "".join(ind.find(PLAN_NS + "name").itertext())
            rows.append((root.get("id"), ind.get("seq"), ind.get("ref"), nows(name), name))
    if not rows:
        die("no plan rows under %s/plans" % top)

    used = {}
    for pid, seq, ref, key, name in rows:
        if ref:
            used.setdefault(ref, []).append("%s %s" % (pid, seq))
    for cid in entries:
        c.check(cid in used, "catalog id %s is the ref of no plan row: remove it" % cid)
    printed = {key for _, _, _, key, _ in rows}
    for cid, aliases in entries.items():
        for a in sorted(aliases):
            c.check(a in printed, "alias %s of %s is printed by no plan: remove it" % (a, cid))

    for pid, seq, ref, key, name in rows:
        where = "%s row %s %s" % (pid, seq, name)
        if ref:
            if ref not in entries:
                c.fail("%s: ref %s is not in the catalog" % (where, ref))
            elif key not in entries[ref]:
                if (pid, seq) in WRONG_REFS:
                    print("NOTE: %s: ref %s: %s" % (where, ref, WRONG_REFS[(pid, seq)]))
                else:
                    c.fail("%s: ref %s, but the name is none of its aliases: add the alias or fix the ref"
                           % (where, ref))
        elif key in alias_owner:
            c.fail("%s: prints an alias of %s but has no ref" % (where, alias_owner[key]))
    for (pid, seq), why in WRONG_REFS.items():
        if not any(r[0] == pid and r[1] == seq and r[2] for r in rows):
            print("NOTE: %s row %s no longer has a ref: WRONG_REFS in tests/data/catalog.py can drop it"
                  % (pid, seq))

    local = {}
    for pid, seq, ref, key, name in rows:
        if not ref:
            local.setdefault(key, []).append("%s %s" % (pid, seq))
    for key, where in sorted(local.items()):
        plans = {w.split()[0] for w in where}
        c.check(len(plans) < 2, "%s is printed by %s with no catalog id" % (key, ", ".join(where)))

    print("%d catalog ids, %d aliases, %d plan rows (%d with a ref)"
          % (len(entries), sum(len(a) for a in entries.values()), len(rows), sum(1 for r in rows if r[2])))
    c.finish()


if __name__ == "__main__":
    main(sys.argv[1:])
