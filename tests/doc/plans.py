#!/usr/bin/env python3
"""Whole-document tests of the full plan in the official layout, one plan per run:

  plans.py PLANREP SOURCE_DIR ID [THEME]

renders templates/plan.xsl on input/plans/<id>.xml and checks what a reader would: the page count
is in range; every paragraph, heading, box item and indicator of the plan comes back out of the PDF
with pdftotext; the outline has every chapter; two renders under SOURCE_DATE_EPOCH are byte-identical;
no line starts with closing punctuation or ends with opening punctuation; at least 95 % of the full
body lines end flush with the right margin; fonts are embedded."""
import os
import re
import subprocess
import sys
import tempfile
import xml.etree.ElementTree as ET
import json

sys.dont_write_bytecode = True
NS = "{urn:planrep:plan}"
# Pages each plan takes in the official layout: a range, so a font update does not break the test,
# narrow enough that a lost chapter or a runaway table does.
PAGES = {"gbt9704": {"shangqiu": (50, 72), "pingdingshan": (40, 60), "guancheng": (32, 50),
                     "yongqiao": (24, 38), "yuncheng": (36, 55)},
         "modern": {"shangqiu": (25, 38), "pingdingshan": (20, 31), "guancheng": (17, 26),
                    "yongqiao": (13, 22), "yuncheng": (17, 27)}}
# The type area's top and bottom, pt from the top of the page, a little wider than the text.
BODY = {"gbt9704": (85, 752), "modern": (62, 782)}
CLOSING = set("，。、；：？！）》」』】〕〉”’%‰")
OPENING = set("（《「『【〔〈“‘")

fails = []


def check(ok, msg):
    if not ok:
        fails.append(msg)


def squash(s):
    return re.sub(r"\s+", "", s)


def main():
    planrep, src, pid = sys.argv[1:4]
    theme = sys.argv[4] if len(sys.argv) > 4 else "gbt9704"
    plan = os.path.join(src, "input", "plans", pid + ".xml")
    tpl = os.path.join(src, "templates", "plan.xsl")
    env = dict(os.environ, SOURCE_DATE_EPOCH="1700000000")
    with tempfile.TemporaryDirectory(prefix="planrep-doc-") as tmp:
        a, b, dump = (os.path.join(tmp, n) for n in ("a.pdf", "b.pdf", "a.layout"))
        for out, extra in ((a, ["--dump-layout", dump]), (b, [])):
            r = subprocess.run([planrep, "render", tpl, plan, "-o", out, "--param", "theme=" + theme] + extra,
                               env=env,
                               capture_output=True, text=True)
            if r.returncode != 0:
                print("FAIL: render exited %d\n%s" % (r.returncode, r.stderr))
                return 1
        check(open(a, "rb").read() == open(b, "rb").read(),
              "two renders with the same SOURCE_DATE_EPOCH differ")

        chk = subprocess.run(["qpdf", "--check", a], capture_output=True, text=True)
        check(chk.returncode == 0 and "WARNING" not in chk.stdout + chk.stderr,
              "qpdf --check finds problems: " + (chk.stdout + chk.stderr)[-400:])
        raw = open(a, "rb").read()
        cat = raw[raw.rfind(b"/Type /Catalog"):]
        check(b"/Lang (zh-CN)" in cat[:cat.find(b"endobj")], "the catalog has no /Lang (zh-CN)")
        info = subprocess.run(["pdfinfo", a], capture_output=True, text=True).stdout
        draft = ET.parse(plan).getroot().find(NS + "meta/" + NS + "status").text == "draft"
        check(not draft or re.search(r"Subject:.*征求意见稿", info) is not None,
              "a draft plan's PDF does not say 征求意见稿 in its metadata")
        check(re.search(r"Title:\s+\S", info) is not None and re.search(r"Creator:\s+planrep", info),
              "metadata missing:\n" + info)
        pages = int(re.search(r"Pages:\s+(\d+)", info).group(1))
        lo, hi = PAGES[theme][pid]
        check(lo <= pages <= hi, "%d pages, expected %d–%d" % (pages, lo, hi))
        fonts = subprocess.run(["pdffonts", a], capture_output=True, text=True).stdout.splitlines()[2:]
        check(fonts and all(re.search(r"\byes\s+yes\s+yes\b", f) for f in fonts),
              "not every font is embedded as a subset with a ToUnicode map:\n" + "\n".join(fonts))

        # Every text of the plan comes back out of the PDF. In drawing order (-raw): a wrapped table
        # cell is then one run of text. Page numbers (— 5 —) sit between the lines of a paragraph
        # that crosses a page: they are taken out first.
        # Only the type area: running heads and feet sit between the lines of a paragraph that
        # crosses a page.
        y0, y1 = BODY[theme]
        text = subprocess.run(["pdftotext", "-raw", "-x", "0", "-y", str(y0), "-W", "600", "-H",
                               str(y1 - y0), a, "-"], capture_output=True, text=True).stdout
        every = subprocess.run(["pdftotext", "-raw", a, "-"], capture_output=True, text=True).stdout
        flat = squash(text)
        root = ET.parse(plan).getroot()
        wanted = []
        for el in root.iter():
            if el.tag == NS + "item" and el.find(NS + "label") is not None:
                # printed as label：text
                wanted.append(squash(el.find(NS + "label").text or ""))
                wanted.append(squash(el.find(NS + "label").tail or ""))
            elif el.tag in (NS + "p", NS + "item", NS + "heading", NS + "title", NS + "name",
                            NS + "baseline", NS + "target", NS + "note", NS + "signature"):
                wanted.append(squash("".join(el.itertext())))
        missing = [w for w in wanted if w and w not in flat]
        check(not missing, "%d of %d plan texts not found in the PDF, e.g. %s" %
              (len(missing), len(wanted), missing[:3]))
        check("\ufffd" not in every and not re.search(r"[\ue000-\uf8ff\u2f00-\u2fdf]", every),
              "the PDF text has replacement, private-use or Kangxi radical characters")

        # The outline has every top-level section, in order.
        js = json.loads(subprocess.run(["qpdf", "--json", "--json-key=outlines", a],
                                       capture_output=True, text=True).stdout)
        top = [o["title"] for o in js["outlines"]]
        chapters = [(s.get("num") or "") + "".join(s.find(NS + "heading").itertext())
                    for s in root.find(NS + "text").findall(NS + "section")]
        check([squash(t) for t in top] == [squash(c) for c in chapters],
              "outline %s, expected the chapters %s" % (top[:4], chapters[:4]))

        # Lines as laid out: kinsoku, and flush right.
        full = flush = 0
        for line in open(dump, encoding="utf-8"):
            m = re.match(r'  text \S+ \S+ w ([\d.]+)/([\d.]+)( justified)? (\w+)(?: outlines)? @\d+ "(.*)"$',
                         line.rstrip("\n"))
            if not m:
                continue
            t = m.group(5)
            check(not t or t[0] not in CLOSING, "a line starts with closing punctuation: " + t)
            check(not t.rstrip() or t.rstrip()[-1] not in OPENING,
                  "a line ends with opening punctuation: " + t)
            # Body lines: the widest measures (table cells and the toc are narrower).
            if m.group(4) in ("fit", "kinsoku", "hang", "emergency") and float(m.group(2)) > 380:
                full += 1
                if abs(float(m.group(1)) - float(m.group(2))) < 0.5:
                    flush += 1
        check(full > 0 and flush >= 0.95 * full,
              "%d of %d full body lines end flush right (95 %% wanted)" % (flush, full))

    if theme == "modern":
        # The theme shows where each indicator stands; the values are samples, which it must say.
        check("示例数据，非官方统计" in every, "sample values shown without 示例数据，非官方统计")
        check("最新值" in every and "状态" in every, "no status columns in the indicator table")
    for f in fails[:20]:
        print("FAIL:", f)
    if fails:
        return 1
    print("%s (%s): %d pages, %d texts found, %d chapters in the outline, %d/%d full lines flush"
          % (pid, theme, pages, len(wanted), len(top), flush, full))
    return 0


if __name__ == "__main__":
    sys.exit(main())
