#!/usr/bin/env python3
"""data.rows.<id>: the indicator table has the printed number of rows, and every target is understood.

    rows.py PLANREP PLAN.xml ROWS

`planrep eval --format csv` (with no observations) must give exactly ROWS rows, the number printed in the
plan's table. Every row's target must either derive to a number (target_value) or be one of the
qualitative forms the five plans print, each checked by eye and listed below; a form not listed fails, so
that a new plan or a parser change cannot turn a target into "not assessable" unnoticed.
"""
import os
import sys
import tempfile

sys.dont_write_bytecode = True  # no __pycache__ in the source tree
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from common import Checks, die, eval_csv, plan_root  # noqa: E402

# Printed targets without a number, and the kind the model must give them.
QUALITATIVE = {
    "同比例提高": "trend",      # 健康预期寿命 (商丘, 管城, 运城): rises as life expectancy does
    "逐年下降": "trend",        # 管城 重大慢性病过早死亡率, 儿童总体近视率
    "稳步提高": "trend",        # 运城 人均基本公共卫生服务经费
    "巩固提升": "trend",        # 管城 国家卫生城市数量占比, 个人支出占卫生总费用的比重
    "持续保持": "trend",        # 平顶山 国家卫生城市数量占比
    "按省下达目标": "external",  # 商丘 空气质量, 地表水: set by the province
}
# Relative targets printed against a baseline the plan leaves blank (——): no base, so no number.
UNBASED = {
    "减少15%": "decrease-pct",                       # 运城 15岁以上人群吸烟率
    "力争每年降低1个百分点以上": "annual-change",      # 埇桥 儿童青少年总体近视率
}
DASHES = {"", "—", "——", "-", "--"}


def main(argv):
    if len(argv) != 3:
        die("usage: rows.py PLANREP PLAN.xml ROWS")
    planrep, plan, want = argv[0], argv[1], int(argv[2])
    pid = plan_root(plan).get("id")
    c = Checks("data.rows " + pid)
    with tempfile.TemporaryDirectory(prefix="planrep-data-") as tmp:
        empty = os.path.join(tmp, "empty.xml")
        with open(empty, "w", encoding="utf-8") as f:
            f.write('<observations xmlns="urn:planrep:observations" plan="%s"/>\n' % pid)
        rows = eval_csv(planrep, plan, "--observations", empty)
    c.check(len(rows) == want, "%d rows, the plan prints %d" % (len(rows), want))
    numeric = 0
    for r in rows:
        where = "row %s %s: target %r" % (r["seq"], r["name"], r["target"])
        if r["target_value"] != "":
            numeric += 1
            try:
                float(r["target_value"])
            except ValueError:
                c.fail("%s: target_value %r is not a number" % (where, r["target_value"]))
            continue
        t = r["target"].strip()
        if r["target_kind"] == "none":
            c.check(t in DASHES, "%s: kind none, but the text is not a dash" % where)
        elif t in QUALITATIVE:
            c.check(r["target_kind"] == QUALITATIVE[t],
                    "%s: kind %s, expected %s" % (where, r["target_kind"], QUALITATIVE[t]))
        elif t in UNBASED:
            c.check(r["target_kind"] == UNBASED[t],
                    "%s: kind %s, expected %s" % (where, r["target_kind"], UNBASED[t]))
            c.check(r["baseline"].strip() in DASHES,
                    "%s: a relative target with a printed baseline %r should derive a number"
                    % (where, r["baseline"]))
        else:
            c.fail("%s (kind %s): no number and not a known qualitative form; check it by eye, then "
                   "fix the parser or add it to the list in tests/data/rows.py" % (where, r["target_kind"]))
            continue
        print("  qualitative: row %s %s: %s (%s)" % (r["seq"], r["name"], t, r["target_kind"]))
    print("%s: %d rows, %d with a numeric target" % (plan, len(rows), numeric))
    c.finish()


if __name__ == "__main__":
    main(sys.argv[1:])
