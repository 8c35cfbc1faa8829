#!/usr/bin/env python3
"""Whole-document tests of the products made from enriched plans, as a reader would check them:

  products.py PLANREP SOURCE_DIR briefing ID   the quarterly briefing of one plan
  products.py PLANREP SOURCE_DIR compare       the comparison of the five plans (and of two)
  products.py PLANREP SOURCE_DIR charts ID     the chart set of one plan, as slides

Each renders into a temporary copy of input/ (so observations can be changed) and checks the PDF's
text with pdftotext, never the layout's internals."""
import os
import re
import shutil
import subprocess
import sys
import tempfile
import xml.etree.ElementTree as ET

sys.dont_write_bytecode = True
P = "{urn:planrep:plan}"
O = "{urn:planrep:observations}"
fails = []


def check(ok, msg):
    if not ok:
        fails.append(msg)


def squash(s):
    return re.sub(r"\s+", "", s)


def run(args, **kw):
    return subprocess.run(args, capture_output=True, text=True, **kw)


def pdf_text(path):
    return run(["pdftotext", "-raw", path, "-"]).stdout


def pages(path):
    return int(re.search(r"Pages:\s+(\d+)", run(["pdfinfo", path]).stdout).group(1))


def eval_counts(planrep, plan, obs=None):
    """Status counts from planrep eval's CSV, the reference the briefing must agree with."""
    args = [planrep, "eval", plan, "--format", "csv"] + (["--observations", obs] if obs else [])
    rows = run(args).stdout.splitlines()[1:]
    counts = {}
    for r in rows:
        s = r.rsplit(",", 1)[1]
        counts[s] = counts.get(s, 0) + 1
    return counts


def briefing(planrep, src, pid, tmp):
    inp = os.path.join(tmp, "input")
    shutil.copytree(os.path.join(src, "input"), inp)
    plan = os.path.join(inp, "plans", pid + ".xml")
    tpl = os.path.join(src, "templates", "briefing.xsl")
    out = os.path.join(tmp, "b.pdf")
    r = run([planrep, "render", tpl, plan, "-o", out])
    check(r.returncode == 0, "render failed: " + r.stderr[-500:])
    if r.returncode != 0:
        return
    n = pages(out)
    check(2 <= n <= 6, "%d pages, expected 2–6" % n)
    text = pdf_text(out)
    flat = squash(text)
    root = ET.parse(plan).getroot()
    for ind in root.iter(P + "indicator"):
        name = squash(ind.find(P + "name").text)
        target = squash(ind.find(P + "target").text)
        check(name in flat, "indicator name not in the briefing: " + name)
        check(target in flat, "printed target not in the briefing: " + target)
    check("示例数据，非官方统计" in text, "sample values shown without 示例数据，非官方统计")
    # The summary sentence gives the same counts as planrep eval.
    c = eval_counts(planrep, plan)
    m = re.search(r"(\d+)项主要指标中，达标(\d+)项，进度正常(\d+)项，进度滞后(\d+)项，偏离目标(\d+)项；"
                  r"(\d+)项暂无监测数据，(\d+)项", flat)
    check(m is not None, "no status summary sentence")
    if m:
        got = [int(x) for x in m.groups()]
        want = [sum(c.values()), c.get("met", 0), c.get("on-track", 0), c.get("behind", 0),
                c.get("off-track", 0), c.get("no-data", 0), c.get("not-assessable", 0)]
        check(got == want, "summary %s, planrep eval says %s" % (got, want))

    # Real observations only: no sample mark anywhere.
    obs = os.path.join(inp, "observations", pid + ".xml")
    tree = ET.parse(obs)
    for o in list(tree.getroot()):
        if o.get("sample") == "true":
            tree.getroot().remove(o)
    tree.write(obs, encoding="UTF-8", xml_declaration=True)
    r = run([planrep, "render", tpl, plan, "-o", out])
    check(r.returncode == 0, "render with real observations only failed: " + r.stderr[-300:])
    text = pdf_text(out)
    check("示例数据" not in text, "示例数据 printed though no value is a sample")

    # A status change seeded in the observations shows in 二、本期变化, from → to. Indicator 1 (人均
    # 预期寿命, 提高1岁 from the baseline) is put on track at 2024Q3 and far behind at 2024Q4.
    b = float(root.find(".//" + P + "indicator[@seq='1']/" + P + "baseline").text)
    row = run([planrep, "eval", plan, "--format", "csv"]).stdout.splitlines()[1].split(",")
    t = float(row[9])       # the derived target: on track means 3/4 of the way at the end of 2024Q3
    ET.SubElement(tree.getroot(), O + "obs", seq="1", period="2024Q3",
                  value="%.3f" % (b + 0.8 * (t - b)), source="test")
    ET.SubElement(tree.getroot(), O + "obs", seq="1", period="2024Q4",
                  value="%.3f" % (b + 0.1 * (t - b)), source="test")
    tree.write(obs, encoding="UTF-8", xml_declaration=True)
    r = run([planrep, "render", tpl, plan, "-o", out])
    check(r.returncode == 0, "render with a seeded change failed: " + r.stderr[-300:])
    flat = squash(pdf_text(out))
    name = squash(root.find(".//" + P + "indicator[@seq='1']/" + P + "name").text)
    sec = flat[flat.find("二、本期变化"):flat.find("三、指标监测表")]
    check(name in sec, "the seeded change of %s is not in 二、本期变化" % name)
    check("状态由“进度正常”变为“进度滞后”" in flat, "the seeded change is not told from → to")


def compare(planrep, src, tmp):
    plans = sorted(os.path.join(src, "input", "plans", f)
                   for f in os.listdir(os.path.join(src, "input", "plans")) if f.endswith(".xml"))
    tpl = os.path.join(src, "templates", "compare.xsl")
    out = os.path.join(tmp, "c.pdf")
    r = run([planrep, "render", tpl] + plans + ["-o", out])
    check(r.returncode == 0, "render failed: " + r.stderr[-500:])
    if r.returncode != 0:
        return
    flat = squash(pdf_text(out))
    cat = ET.parse(os.path.join(src, "input", "catalog.xml")).getroot()
    C = "{urn:planrep:catalog}"
    carried = {}
    for p in plans:
        for ind in ET.parse(p).getroot().iter(P + "indicator"):
            if ind.get("ref"):
                carried.setdefault(ind.get("ref"), []).append(p)
    for e in cat.iter(C + "indicator"):
        zh = squash(e.find(C + "name").text)
        if len(carried.get(e.get("id"), [])) >= 2:
            check(zh in flat, "shared indicator missing from the comparison: " + zh)
    check("本地区规划未列此指标" in flat, "no honest blank for a jurisdiction without the indicator")
    for j in ("商丘市", "平顶山市", "管城回族区", "埇桥区", "运城市"):
        check(j in flat, "jurisdiction missing: " + j)
    check("征求意见稿" in flat, "drafts are not named")
    # Any number of plans: two work as well.
    r = run([planrep, "render", tpl] + plans[:2] + ["-o", out])
    check(r.returncode == 0 and pages(out) >= 2, "two plans do not make a comparison: " + r.stderr[-300:])
    # One plan is not a comparison: a clear error, no file.
    out1 = os.path.join(tmp, "one.pdf")
    r = run([planrep, "render", tpl, plans[0], "-o", out1])
    check(r.returncode == 65 and not os.path.exists(out1) and "compare.xsl needs" in r.stderr,
          "one plan: exit %d, %s" % (r.returncode, r.stderr[-200:]))


def charts(planrep, src, pid, tmp):
    """The chart set through planrep build, with a manifest of that product alone."""
    inp = os.path.join(tmp, "input")
    shutil.copytree(os.path.join(src, "input"), inp)
    with open(os.path.join(inp, "build.xml"), "w", encoding="utf-8") as f:
        f.write('<build xmlns="urn:planrep:build" version="1">\n'
                '  <charts name="charts" template="charts.xsl" plans="%s" output="{id}/charts/{chart}.{format}"'
                ' formats="svg png" dpi="144"/>\n</build>\n' % pid)
    out = os.path.join(tmp, "output")
    r = run([planrep, "build", "-i", inp, "-o", out, "-j", "2"])
    check(r.returncode == 0, "build failed: " + r.stderr[-500:])
    d = os.path.join(out, pid, "charts")
    svgs = sorted(f for f in os.listdir(d) if f.endswith(".svg")) if os.path.isdir(d) else []
    root = ET.parse(os.path.join(inp, "plans", pid + ".xml")).getroot()
    refs = {i.get("ref") or i.get("seq") for i in root.iter(P + "indicator")}
    check(len(svgs) >= 10, "only %d charts" % len(svgs))
    for s in svgs:
        check(s[:-4] in refs, "chart %s is named after no indicator" % s)
        x = run(["xmllint", "--noout", os.path.join(d, s)])
        check(x.returncode == 0, s + " is not well-formed")
        png = os.path.join(d, s[:-4] + ".png")
        check(os.path.exists(png), s[:-4] + ".png missing")
        if os.path.exists(png):
            with open(png, "rb") as f:
                head = f.read(24)
            w, h = int.from_bytes(head[16:20], "big"), int.from_bytes(head[20:24], "big")
            check((w, h) == (1920, 1080), "%s.png is %dx%d, not 1920x1080" % (s[:-4], w, h))
    check("life-expectancy.svg" in svgs, "no life-expectancy chart")


def main():
    planrep, src, what = sys.argv[1:4]
    with tempfile.TemporaryDirectory(prefix="planrep-products-") as tmp:
        if what == "briefing":
            briefing(planrep, src, sys.argv[4], tmp)
        elif what == "compare":
            compare(planrep, src, tmp)
        elif what == "charts":
            charts(planrep, src, sys.argv[4], tmp)
    for f in fails[:20]:
        print("FAIL:", f)
    if fails:
        return 1
    print("%s: all checks passed" % " ".join(sys.argv[3:]))
    return 0


if __name__ == "__main__":
    sys.exit(main())
