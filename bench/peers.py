#!/usr/bin/env python3
"""bench/peers.py: the peers' sources for bench/run, made from the same input as planrep's.

  bench/peers.py [OUTDIR]        (default build/bench/peers)

Reads input/plans/shangqiu.xml and writes the same content (title page, contents, headings with their
printed numbers, every paragraph, the 专栏 boxes with their items, the main indicator table as a plain
table) as a user of each peer would write it, at the modern theme's page, margins, fonts, size and line
pitch (templates/themes/modern.xml; bench/floor.c):
  plan.typ                 Typst (run by typst.js through @myriaddreamin/typst-ts-node-compiler)
  plan.tex                 xelatex + ctex (ctexart)
  plan.html                WeasyPrint (HTML + CSS paged media)
  plan.fo, fop.xconf       Apache FOP (XSL-FO; the config names the Noto CJK files, fonts subset)
and, for the line chart of one indicator as `planrep chart --plan ... --kind line` draws it:
  chart.json               the chart's data, from the plan, its observations, the catalog and `planrep eval`
  chart.dat, chart.gp      gnuplot
  chart_mpl.py             matplotlib (Debian's, /usr/bin/python3)
  chart_echarts.js         ECharts server-side SVG (node)
Standard library only: bench/run runs it with whatever python3 is first on PATH."""
import csv
import io
import json
import os
import subprocess
import sys
import xml.etree.ElementTree as ET

HERE = os.path.dirname(os.path.abspath(__file__))
TOP = os.path.dirname(HERE)
PLAN = os.path.join(TOP, "input", "plans", "shangqiu.xml")
NS = "{urn:planrep:plan}"
CHART_INDICATOR = "life-expectancy"
FONTDIR = "/usr/share/fonts/opentype/noto"

# The modern theme, in points: A4, margins 28/24/25/24 mm, body Noto Serif CJK SC 11 pt at 1.75 line
# height, paragraphs indented 2em with 3 pt after; headings Noto Sans CJK SC bold 17/13/11.5 pt in #1f4e79;
# boxes 10 pt at 1.65 on #f2f6fa; the table 9 pt at 1.35. Kept as numbers here so that every peer gets
# the same values rather than each its own reading of the theme.
MM = 72 / 25.4
SERIF, SANS = "Noto Serif CJK SC", "Noto Sans CJK SC"
BODY, PITCH = 11.0, 1.75
ACCENT, BOXBG = "#1f4e79", "#f2f6fa"
HEAD = {1: (17.0, 20.0, 8.0), 2: (13.0, 12.0, 4.0), 3: (11.5, 8.0, 2.0)}    # size, space before, after
COLS_MM = [18, 10, None, 22, 26, 19]                                          # as templates/plan.xsl


def txt(e):
    return "".join(e.itertext()) if e is not None else ""


def load(path=PLAN):
    """The plan as a flat list of blocks every writer below walks in the same order."""
    root = ET.parse(path).getroot()
    meta = root.find(NS + "meta")
    st = meta.find(NS + "status")
    blocks = [("title", txt(meta.find(NS + "title")), st.get("printed", "") if st is not None else "",
               txt(meta.find(NS + "jurisdiction")))]
    period = meta.find(NS + "period")

    def walk(e, level):
        for c in e:
            tag = c.tag[len(NS):]
            if tag == "p":
                blocks.append(("p", txt(c)))
            elif tag == "section":
                h = c.find(NS + "heading")
                blocks.append(("h", min(level, 3), c.get("num", "") + txt(h)))
                walk(c, level + 1)
            elif tag == "box":
                items = []
                for it in c.iter(NS + "item"):
                    lab = it.find(NS + "label")
                    rest = (it.text or "") + "".join(
                        txt(k) + (k.tail or "") if k is not lab else (k.tail or "") for k in it)
                    items.append((txt(lab), rest.strip()))
                blocks.append(("box", "专栏 %s %s" % (c.get("num", ""), txt(c.find(NS + "title"))), items))
            elif tag == "indicators":
                rows = []
                for cat in c.iter(NS + "category"):
                    inds = cat.findall(NS + "indicator")
                    for i, ind in enumerate(inds):
                        name = txt(ind.find(NS + "name"))
                        unit = txt(ind.find(NS + "unit"))
                        rows.append((cat.get("name") if i == 0 else None, len(inds), ind.get("seq", ""),
                                     name + ("（%s）" % unit if unit else ""), txt(ind.find(NS + "baseline")),
                                     txt(ind.find(NS + "target")), txt(ind.find(NS + "attribute"))))
                head = ["分类", "序号", "指标名称", period.get("baseline") + "年", period.get("end") + "年", "属性"]
                blocks.append(("table", txt(c.find(NS + "caption")), head, rows))
    blocks.append(("toc",))
    walk(root.find(NS + "text"), 1)
    return blocks


# ---------------------------------------------------------------------------------------------- Typst
def typ_str(s):
    return '"' + s.replace("\\", "\\\\").replace('"', '\\"') + '"'


def typst(blocks):
    out = ["""// Typst version of input/plans/shangqiu.xml, written by bench/peers.py.
#set document(title: %s)
#set page(paper: "a4", margin: (top: 28mm, bottom: 25mm, left: 24mm, right: 24mm),
  header: context {
    let here-page = here().page()
    if here-page > 2 {
      // The chapter that starts on this page, else the one running on from before.
      let sel = heading.where(level: 1, outlined: true)
      let on = query(sel.after(here())).filter(h => h.location().page() == here-page)
      let before = query(sel.before(here()))
      let h = if on.len() > 0 { on.first() } else if before.len() > 0 { before.last() } else { none }
      if h != none { align(right, text(font: "%s", size: 8.5pt, fill: rgb("#666666"), h.body)) }
    }
  },
  footer: context if here().page() > 1 {
    align(center, text(font: "%s", size: 8.5pt, fill: rgb("#666666"),
      [第 #(counter(page).get().first() - 1) 页 / 共 #(counter(page).final().first() - 1) 页]))
  })
// Line pitch 1.75 × 11 pt: a line box exactly 1em tall (baseline to 1em above it) plus 0.75em leading.
#set text(font: "%s", size: 11pt, lang: "zh", region: "cn", fill: rgb("#1a1a1a"),
  top-edge: 1em, bottom-edge: "baseline")
#set par(justify: true, leading: 0.75em, spacing: 0.75em + 3pt,
  first-line-indent: (amount: 2em, all: true))
#show heading: set text(font: "%s", weight: "bold", fill: rgb("%s"))
#show heading: set par(first-line-indent: 0em, justify: false)
""" % (typ_str(blocks[0][1]), SANS, SANS, SERIF, SANS, ACCENT)]
    for lv, (size, before, after) in HEAD.items():
        out.append("#show heading.where(level: %d): set text(size: %gpt)\n"
                   "#show heading.where(level: %d): set block(above: %gpt, below: %gpt)\n"
                   % (lv, size, lv, before + 0.75 * BODY, after + 0.75 * BODY))
    for b in blocks:
        if b[0] == "title":
            out.append('#align(center)[#v(60mm)\n#text(font: "%s", size: 26pt, weight: "bold", fill: rgb("%s"))'
                       '[#%s]\n\n#text(font: "%s", size: 14pt, fill: rgb("#c0392b"))[#%s]\n#v(80mm)\n'
                       '#text(font: "%s", size: 13pt)[#%s]]\n#pagebreak()\n'
                       % (SANS, ACCENT, typ_str(b[1]), SANS, typ_str(b[2]), SANS, typ_str(b[3])))
        elif b[0] == "toc":
            out.append('#align(center, text(font: "%s", size: 17pt, weight: "bold", fill: rgb("%s"))[目录])\n'
                       '#v(14pt)\n#show outline.entry.where(level: 1): set text(font: "%s")\n'
                       '#outline(title: none, depth: 2)\n#pagebreak()\n' % (SANS, ACCENT, SANS))
        elif b[0] == "h":
            out.append("#heading(level: %d, outlined: %s, %s)\n" % (b[1], "true" if b[1] <= 2 else "false",
                                                                    typ_str(b[2])))
        elif b[0] == "p":
            out.append("#%s\n\n" % typ_str(b[1]))
        elif b[0] == "box":
            out.append('#block(fill: rgb("%s"), inset: 8pt, width: 100%%, breakable: true)[\n'
                       '#set text(size: 10pt)\n#set par(leading: 0.65em, spacing: 0.65em + 3pt)\n'
                       '#align(center, text(font: "%s", weight: "bold", fill: rgb("%s"), %s))\n\n'
                       % (BOXBG, SANS, ACCENT, typ_str(b[1])))
            for lab, t in b[2]:
                out.append("#%s\n\n" % typ_str(lab + "：" + t))
            out.append("]\n")
        elif b[0] == "table":
            cols = ", ".join("%gmm" % w if w else "1fr" for w in COLS_MM)
            out.append('#align(center, text(font: "%s", weight: "bold", fill: rgb("%s"), %s))\n'
                       '#{\nset text(size: 9pt)\nset par(leading: 0.35em, first-line-indent: 0em, justify: false)\n'
                       'table(columns: (%s), align: (x, y) => if x == 2 { left + horizon } else { center + horizon },\n'
                       '  table.header(%s),\n'
                       % (SANS, ACCENT, typ_str(b[1]), cols,
                          ", ".join('table.cell(fill: rgb("%s"), text(font: "%s", weight: "bold", fill: white, %s))'
                                    % (ACCENT, SANS, typ_str(h)) for h in b[2])))
            for cat, n, seq, name, base, target, attr in b[3]:
                cells = []
                if cat is not None:
                    cells.append("table.cell(rowspan: %d, %s)" % (n, typ_str(cat)))
                cells += [typ_str(x) for x in (seq, name, base, target, attr)]
                out.append("  " + ", ".join(cells) + ",\n")
            out.append(")\n}\n")
    return "".join(out)


# ---------------------------------------------------------------------------------------------- LaTeX
TEX_ESC = {"\\": r"\textbackslash{}", "{": r"\{", "}": r"\}", "$": r"\$", "&": r"\&", "#": r"\#",
           "^": r"\^{}", "_": r"\_", "%": r"\%", "~": r"\~{}"}


def tex_str(s):
    return "".join(TEX_ESC.get(ch, ch) for ch in s)


def latex(blocks):
    # zihao=false keeps the standard classes' 11pt (13.6 pt baselineskip); linespread 19.25/13.6 gives the
    # theme's 1.75 × 11 pt pitch. fontset=none: the Noto fonts are named below, for CJK and Latin alike,
    # as planrep sets digits and Latin in the CJK font too.
    out = [r"""%% xelatex + ctex version of input/plans/shangqiu.xml, written by bench/peers.py.
\documentclass[11pt,a4paper,fontset=none,zihao=false,linespread=%.4f]{ctexart}
\usepackage[top=28mm,bottom=25mm,left=24mm,right=24mm,headsep=8mm,footskip=16mm]{geometry}
\setCJKmainfont{%s}[BoldFont=* Bold]
\setCJKsansfont{%s}[BoldFont=* Bold]
\setmainfont{%s}[BoldFont=* Bold]
\setsansfont{%s}[BoldFont=* Bold]
\usepackage[table]{xcolor}
\usepackage{fancyhdr,longtable,multirow,array}
\usepackage[breakable]{tcolorbox}
\usepackage{lastpage}
\definecolor{accent}{HTML}{%s}
\definecolor{boxbg}{HTML}{%s}
\setcounter{secnumdepth}{0}
\setcounter{tocdepth}{2}
\setlength{\parskip}{3pt}
\ctexset{
  section={format=\sffamily\bfseries\fontsize{17pt}{23.8pt}\selectfont\color{accent}\raggedright,
           beforeskip=20pt,afterskip=8pt},
  subsection={format=\sffamily\bfseries\fontsize{13pt}{18.85pt}\selectfont\color{accent}\raggedright,
           beforeskip=12pt,afterskip=4pt},
  subsubsection={format=\sffamily\bfseries\fontsize{11.5pt}{20.1pt}\selectfont\color[HTML]{333333}\raggedright,
           beforeskip=8pt,afterskip=2pt},
  contentsname={目录}
}
\pagestyle{fancy}
\fancyhf{}
\renewcommand{\headrulewidth}{0pt}
\renewcommand{\sectionmark}[1]{\markboth{#1}{}}
\fancyhead[R]{\sffamily\fontsize{8.5pt}{8.5pt}\selectfont\color[HTML]{666666}\leftmark}
\fancyfoot[C]{\sffamily\fontsize{8.5pt}{8.5pt}\selectfont\color[HTML]{666666}第 \thepage\ 页 / 共 \pageref{LastPage} 页}
\begin{document}
""" % (BODY * PITCH / 13.6, SERIF, SANS, SERIF, SANS, ACCENT[1:], BOXBG[1:])]
    for b in blocks:
        if b[0] == "title":
            out.append("\\begin{titlepage}\\centering\\sffamily\n\\vspace*{60mm}\n"
                       "{\\fontsize{26pt}{35pt}\\selectfont\\bfseries\\color{accent} %s\\par}\n\\vspace{12pt}\n"
                       "{\\fontsize{14pt}{20pt}\\selectfont\\color[HTML]{c0392b} %s\\par}\n\\vspace{80mm}\n"
                       "{\\fontsize{13pt}{20pt}\\selectfont %s\\par}\n\\end{titlepage}\n"
                       % (tex_str(b[1]), tex_str(b[2]), tex_str(b[3])))
        elif b[0] == "toc":
            out.append("\\setcounter{page}{1}\n\\tableofcontents\n\\clearpage\n")
        elif b[0] == "h":
            cmd = {1: "section", 2: "subsection", 3: "subsubsection"}[b[1]]
            out.append("\\%s{%s}\n" % (cmd, tex_str(b[2])))
        elif b[0] == "p":
            out.append("%s\n\n" % tex_str(b[1]))
        elif b[0] == "box":
            out.append("\\begin{tcolorbox}[breakable,colback=boxbg,colframe=boxbg,arc=0pt,boxrule=0pt,"
                       "left=8pt,right=8pt,top=8pt,bottom=8pt]\n\\fontsize{10pt}{16.5pt}\\selectfont"
                       "\\setlength{\\parindent}{2em}\n{\\centering\\sffamily\\bfseries\\color{accent} %s\\par}\n"
                       % tex_str(b[1]))
            for lab, t in b[2]:
                out.append("%s：%s\n\n" % (tex_str(lab), tex_str(t)))
            out.append("\\end{tcolorbox}\n")
        elif b[0] == "table":
            # Fixed columns as planrep's, less their 2 × \tabcolsep; longtable has no X column, so the name
            # column gets what the fixed ones and the 7 rules leave of the measure.
            fixed = sum(w for w in COLS_MM if w)
            spec = "".join("|>{\\centering\\arraybackslash}p{\\dimexpr%gmm-2\\tabcolsep}" % w if w else
                           "|>{\\raggedright\\arraybackslash}p{\\dimexpr\\linewidth-%gmm-2\\tabcolsep"
                           "-7\\arrayrulewidth}" % fixed for w in COLS_MM) + "|"
            head = " & ".join("\\textcolor{white}{\\sffamily\\bfseries %s}" % tex_str(h) for h in b[2])
            out.append("{\\centering\\sffamily\\bfseries\\color{accent} %s\\par}\n{\\fontsize{9pt}{12.15pt}"
                       "\\selectfont\n\\begin{longtable}{%s}\n\\hline\n\\rowcolor{accent} %s \\\\ \\hline\n"
                       "\\endhead\n" % (tex_str(b[1]), spec, head))
            for i, (cat, n, seq, name, base, target, attr) in enumerate(b[3]):
                first = "\\multirow{%d}{=}{\\centering %s}" % (n, tex_str(cat)) if cat is not None else ""
                ends = i + 1 == len(b[3]) or b[3][i + 1][0] is not None      # the category's last row
                out.append("%s & %s \\\\ %s\n" % (
                    first, " & ".join(tex_str(x) for x in (seq, name, base, target, attr)),
                    "\\hline" if ends else "\\cline{2-6}"))
            out.append("\\end{longtable}}\n")
    out.append("\\end{document}\n")
    return "".join(out)


# ---------------------------------------------------------------------------------------------- HTML
def h(s):
    return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace('"', "&quot;")


def html(blocks):
    css = """
@page { size: A4; margin: 28mm 24mm 25mm 24mm;
  @top-right { content: string(chapter); font: 8.5pt "%(sans)s"; color: #666; }
  @bottom-center { content: "第 " counter(page) " 页 / 共 " target-counter(url(#end), page) " 页";
                   font: 8.5pt "%(sans)s"; color: #666; } }
/* The title page is not counted, as in planrep: the contents are page 1 (and counter(pages) would count
   the title page, hence the page of the last element for the total). */
@page cover { counter-reset: page 0; counter-increment: none;
              @top-right { content: none; } @bottom-center { content: none; } }
body { margin: 0; }
html { font-family: "%(serif)s"; font-size: 11pt; line-height: 1.75; color: #1a1a1a; text-align: justify; }
p { margin: 0 0 3pt 0; text-indent: 2em; }
h1, h2, h3 { font-family: "%(sans)s"; font-weight: bold; color: %(accent)s; text-align: left;
             break-after: avoid; }
h1 { font-size: 17pt; line-height: 1.4; margin: 20pt 0 8pt; string-set: chapter content(); }
h2 { font-size: 13pt; line-height: 1.45; margin: 12pt 0 4pt; }
h3 { font-size: 11.5pt; margin: 8pt 0 2pt; color: #333; }
.titlepage { page: cover; text-align: center; font-family: "%(sans)s"; break-after: page; }
.titlepage .t { font-size: 26pt; font-weight: bold; line-height: 1.35; color: %(accent)s; margin-top: 60mm; }
.titlepage .s { font-size: 14pt; color: #c0392b; margin-top: 12pt; }
.titlepage .f { font-size: 13pt; margin-top: 80mm; }
nav { break-after: page; }
nav h1 { text-align: center; string-set: none; }
nav ul { list-style: none; padding: 0; margin: 0; }
nav li.l1 { font-family: "%(sans)s"; }
nav li.l2 { padding-left: 1.5em; }
nav a { color: inherit; text-decoration: none; }
nav a::after { content: leader('.') target-counter(attr(href), page); }
.box { background: %(boxbg)s; padding: 8pt; font-size: 10pt; line-height: 1.65; margin: 6pt 0; }
.box .bt { font-family: "%(sans)s"; font-weight: bold; color: %(accent)s; text-align: center; text-indent: 0; }
caption { font-family: "%(sans)s"; font-weight: bold; color: %(accent)s; padding: 10pt 0 5pt; }
table { border-collapse: collapse; width: 100%%; font-size: 9pt; line-height: 1.35; }
th { font-family: "%(sans)s"; background: %(accent)s; color: white; }
th, td { border: 0.5pt solid #999; padding: 2pt 3pt; text-align: center; }
td.n { text-align: left; }
""" % dict(serif=SERIF, sans=SANS, accent=ACCENT, boxbg=BOXBG)
    out = ['<!DOCTYPE html>\n<html lang="zh-CN">\n<head>\n<meta charset="utf-8">\n<title>%s</title>\n'
           '<style>%s</style>\n</head>\n<body>\n' % (h(blocks[0][1]), css)]
    heads = [b for b in blocks if b[0] == "h" and b[1] <= 2]
    n = 0
    for b in blocks:
        if b[0] == "title":
            out.append('<div class="titlepage"><div class="t">%s</div><div class="s">%s</div>'
                       '<div class="f">%s</div></div>\n' % (h(b[1]), h(b[2]), h(b[3])))
        elif b[0] == "toc":
            out.append("<nav><h1>目录</h1><ul>\n")
            for i, hb in enumerate(heads):
                out.append('<li class="l%d"><a href="#h%d">%s</a></li>\n' % (hb[1], i, h(hb[2])))
            out.append("</ul></nav>\n")
        elif b[0] == "h":
            ident = ' id="h%d"' % n if b[1] <= 2 else ""
            n += b[1] <= 2
            out.append("<h%d%s>%s</h%d>\n" % (b[1], ident, h(b[2]), b[1]))
        elif b[0] == "p":
            out.append("<p>%s</p>\n" % h(b[1]))
        elif b[0] == "box":
            out.append('<div class="box"><p class="bt">%s</p>\n' % h(b[1]))
            for lab, t in b[2]:
                out.append("<p>%s：%s</p>\n" % (h(lab), h(t)))
            out.append("</div>\n")
        elif b[0] == "table":
            out.append("<table>\n<caption>%s</caption>\n<colgroup>%s</colgroup>\n<thead><tr>%s</tr></thead>\n"
                       "<tbody>\n" % (h(b[1]), "".join('<col style="width:%smm">' % w if w else "<col>"
                                                        for w in COLS_MM),
                                      "".join("<th>%s</th>" % h(x) for x in b[2])))
            for cat, n_, seq, name, base, target, attr in b[3]:
                first = '<td rowspan="%d">%s</td>' % (n_, h(cat)) if cat is not None else ""
                out.append("<tr>%s<td>%s</td><td class=\"n\">%s</td><td>%s</td><td>%s</td><td>%s</td></tr>\n"
                           % (first, h(seq), h(name), h(base), h(target), h(attr)))
            out.append("</tbody>\n</table>\n")
    out.append('<div id="end"></div>\n</body>\n</html>\n')
    return "".join(out)


# ---------------------------------------------------------------------------------------------- XSL-FO
def fo(blocks):
    serif, sans = SERIF, SANS
    out = ["""<?xml version="1.0" encoding="UTF-8"?>
<!-- XSL-FO version of input/plans/shangqiu.xml, written by bench/peers.py, for Apache FOP. -->
<fo:root xmlns:fo="http://www.w3.org/1999/XSL/Format" language="zh" country="CN" font-family="%(serif)s"
         font-size="11pt" line-height="1.75" color="#1a1a1a">
  <fo:layout-master-set>
    <fo:simple-page-master master-name="title" page-width="210mm" page-height="297mm"
        margin-top="0mm" margin-bottom="0mm" margin-left="24mm" margin-right="24mm">
      <fo:region-body margin-top="28mm" margin-bottom="25mm"/>
    </fo:simple-page-master>
    <fo:simple-page-master master-name="page" page-width="210mm" page-height="297mm"
        margin-top="18mm" margin-bottom="9mm" margin-left="24mm" margin-right="24mm">
      <fo:region-body margin-top="10mm" margin-bottom="16mm"/>
      <fo:region-before extent="10mm"/>
      <fo:region-after extent="9mm" display-align="after"/>
    </fo:simple-page-master>
  </fo:layout-master-set>
""" % dict(serif=serif)]
    heads = [b for b in blocks if b[0] == "h" and b[1] <= 2]
    n = 0
    body = []
    for b in blocks:
        if b[0] == "title":
            # no-force: else FOP pads the title to an even page count before the contents' page 1.
            out.append('<fo:page-sequence master-reference="title" force-page-count="no-force"><fo:flow flow-name="xsl-region-body">\n'
                       '<fo:block font-family="%s" text-align="center" space-before="60mm" '
                       'space-before.conditionality="retain" font-size="26pt" font-weight="bold" '
                       'line-height="1.35" color="%s">%s</fo:block>\n'
                       '<fo:block font-family="%s" text-align="center" font-size="14pt" color="#c0392b" '
                       'space-before="12pt">%s</fo:block>\n<fo:block font-family="%s" text-align="center" '
                       'font-size="13pt" space-before="80mm">%s</fo:block>\n</fo:flow></fo:page-sequence>\n'
                       % (sans, ACCENT, h(b[1]), sans, h(b[2]), sans, h(b[3])))
        elif b[0] == "toc":
            body.append('<fo:block font-family="%s" font-size="17pt" font-weight="bold" color="%s" '
                        'text-align="center" space-after="14pt">目录</fo:block>\n' % (sans, ACCENT))
            for i, hb in enumerate(heads):
                style = 'font-family="%s"' % sans if hb[1] == 1 else 'start-indent="1.5em"'
                body.append('<fo:block text-align-last="justify" %s><fo:basic-link internal-destination="h%d">'
                            '%s<fo:leader leader-pattern="dots"/><fo:page-number-citation ref-id="h%d"/>'
                            '</fo:basic-link></fo:block>\n' % (style, i, h(hb[2]), i))
            body.append('<fo:block break-after="page"/>\n')
        elif b[0] == "h":
            size, before, after = HEAD[b[1]]
            ident = ' id="h%d"' % n if b[1] <= 2 else ""
            n += b[1] <= 2
            marker = ('<fo:marker marker-class-name="chapter">%s</fo:marker>' % h(b[2])) if b[1] == 1 else ""
            body.append('<fo:block%s font-family="%s" font-size="%gpt" font-weight="bold" color="%s" '
                        'line-height="%s" text-align="start" space-before="%gpt" space-after="%gpt" '
                        'keep-with-next.within-page="always">%s%s</fo:block>\n'
                        % (ident, sans, size, ACCENT if b[1] < 3 else "#333333",
                           {1: "1.4", 2: "1.45", 3: "1.75"}[b[1]], before, after, marker, h(b[2])))
        elif b[0] == "p":
            body.append('<fo:block text-indent="2em" text-align="justify" space-after="3pt">%s</fo:block>\n'
                        % h(b[1]))
        elif b[0] == "box":
            body.append('<fo:block background-color="%s" padding="8pt" start-indent="8pt" end-indent="8pt" '
                        'space-before="6pt" space-after="6pt" font-size="10pt" line-height="1.65">\n'
                        '<fo:block font-family="%s" font-weight="bold" color="%s" text-align="center" '
                        'space-after="3pt">%s</fo:block>\n' % (BOXBG, sans, ACCENT, h(b[1])))
            for lab, t in b[2]:
                body.append('<fo:block text-indent="2em" text-align="justify">%s：%s</fo:block>\n'
                            % (h(lab), h(t)))
            body.append("</fo:block>\n")
        elif b[0] == "table":
            body.append('<fo:block font-family="%s" font-weight="bold" color="%s" text-align="center" '
                        'space-before="10pt" space-after="5pt" keep-with-next.within-page="always">%s</fo:block>\n'
                        '<fo:table table-layout="fixed" width="100%%" font-size="9pt" line-height="1.35" '
                        'border-collapse="collapse">\n' % (sans, ACCENT, h(b[1])))
            for w in COLS_MM:
                body.append('<fo:table-column column-width="%s"/>\n'
                            % ("%gmm" % w if w else "proportional-column-width(1)"))
            body.append('<fo:table-header background-color="%s" color="white" font-family="%s" '
                        'font-weight="bold"><fo:table-row>%s</fo:table-row></fo:table-header>\n<fo:table-body>\n'
                        % (ACCENT, sans, "".join('<fo:table-cell border="0.5pt solid #999999" padding="2pt">'
                                                 '<fo:block text-align="center">%s</fo:block></fo:table-cell>'
                                                 % h(x) for x in b[2])))
            cell = '<fo:table-cell border="0.5pt solid #999999" padding="2pt" display-align="center"%s>' \
                   '<fo:block text-align="%s">%s</fo:block></fo:table-cell>'
            for cat, n_, seq, name, base, target, attr in b[3]:
                cells = ""
                if cat is not None:
                    cells += cell % (' number-rows-spanned="%d"' % n_, "center", h(cat))
                cells += cell % ("", "center", h(seq)) + cell % ("", "start", h(name)) + "".join(
                    cell % ("", "center", h(x)) for x in (base, target, attr))
                body.append("<fo:table-row>%s</fo:table-row>\n" % cells)
            body.append("</fo:table-body></fo:table>\n")
    out.append('<fo:page-sequence master-reference="page" initial-page-number="1">\n'
               '<fo:static-content flow-name="xsl-region-before"><fo:block text-align="end" font-family="%s" '
               'font-size="8.5pt" line-height="1" color="#666666"><fo:retrieve-marker retrieve-class-name="chapter" '
               'retrieve-position="first-including-carryover" retrieve-boundary="page-sequence"/></fo:block>'
               '</fo:static-content>\n<fo:static-content flow-name="xsl-region-after"><fo:block text-align="center" '
               'font-family="%s" font-size="8.5pt" line-height="1" color="#666666">第 <fo:page-number/> 页 / 共 '
               '<fo:page-number-citation ref-id="last"/> 页</fo:block></fo:static-content>\n'
               '<fo:flow flow-name="xsl-region-body"><fo:block id="body" text-align="justify">\n'
               % (sans, sans))
    out += body
    out.append('</fo:block><fo:block id="last"/></fo:flow></fo:page-sequence>\n</fo:root>\n')
    return "".join(out)


def fop_conf(fontdir):
    """FOP finds no system fonts unless told, and FOP 2.8 cannot read the CFF outlines of an OpenType
    collection (.ttc: "'loca' table not found"), which is how Debian ships Noto CJK. So bench/run takes the
    SC faces out of the collections into fontdir as plain .otf (fontTools, once, untimed), as a FOP user
    would have to, and this config names them; embedding-mode="subset" embeds only the glyphs used."""
    faces = []
    for fam, stem in ((SERIF, "NotoSerifCJK"), (SANS, "NotoSansCJK")):
        for weight, w in (("Regular", "normal"), ("Bold", "bold")):
            faces.append('        <font embed-url="file://%s/%s-SC-%s.otf" embedding-mode="subset">\n'
                         '          <font-triplet name="%s" style="normal" weight="%s"/>\n        </font>\n'
                         % (fontdir, stem, weight, fam, w))
    return ("<?xml version=\"1.0\"?>\n<fop version=\"1.0\">\n  <renderers>\n    <renderer mime=\"application/pdf\">\n"
            "      <fonts>\n%s      </fonts>\n    </renderer>\n  </renderers>\n</fop>\n" % "".join(faces))


FONT_SPLIT = """# Takes the SC face out of each Noto CJK collection as a plain OpenType file, for FOP (see fop_conf).
# Run with Debian's python3 (python3-fonttools comes with weasyprint). usage: split_fonts.py OUTDIR
import os, sys
from fontTools.ttLib import TTCollection
for stem in ("NotoSerifCJK", "NotoSansCJK"):
    for w in ("Regular", "Bold"):
        out = os.path.join(sys.argv[1], "%s-SC-%s.otf" % (stem, w))
        if not os.path.exists(out):
            faces = TTCollection("%s/%s-%s.ttc" % (FONTDIR, stem, w)).fonts
            face = next(f for f in faces if f["name"].getDebugName(4).startswith("%s SC" % FAMILY[stem]))
            face.save(out)
""".replace("FONTDIR", repr(FONTDIR)).replace("FAMILY", repr({"NotoSerifCJK": SERIF, "NotoSansCJK": SANS}))


# ---------------------------------------------------------------------------------------------- charts
def chart_data(planrep):
    """The line chart planrep draws for CHART_INDICATOR, from the same input: the plan's row, its
    observations from the baseline year on, the catalog's direction, and the numeric target `planrep eval`
    derives from the printed one (the target parser is planrep's, not redone here)."""
    root = ET.parse(PLAN).getroot()
    meta = root.find(NS + "meta")
    period = meta.find(NS + "period")
    start, end = int(period.get("baseline")), int(period.get("end"))
    ind = next(i for i in root.iter(NS + "indicator") if i.get("ref") == CHART_INDICATOR)
    seq = ind.get("seq")
    cat = ET.parse(os.path.join(TOP, "input", "catalog.xml")).getroot()
    cns = cat.tag[:cat.tag.index("}") + 1] if cat.tag.startswith("{") else ""
    centry = next(e for e in cat.iter(cns + "indicator") if e.get("id") == CHART_INDICATOR)
    obs = ET.parse(os.path.join(TOP, "input", "observations", "shangqiu.xml")).getroot()
    ons = obs.tag[:obs.tag.index("}") + 1]
    points = []
    for o in obs.iter(ons + "obs"):
        if o.get("seq") != seq:
            continue
        p = o.get("period")
        # A year is its end and so is a quarter: the tick 2020 is the end of 2020 (the baseline), 2021Q1
        # a quarter after it, 2024Q4 on the tick 2024, as planrep places them.
        x = int(p[:4]) - 1 + int(p[5]) / 4 if "Q" in p else int(p[:4])
        if start <= x <= end:
            points.append({"period": p, "x": x, "y": float(o.get("value")), "text": o.get("value"),
                           "sample": o.get("sample") == "true"})
    points.sort(key=lambda d: d["x"])
    ev = subprocess.run([planrep, "eval", PLAN, "--format", "csv"], check=True, capture_output=True,
                        text=True).stdout
    row = next(r for r in csv.DictReader(io.StringIO(ev)) if r["seq"] == seq)
    jur = txt(meta.find(NS + "jurisdiction"))
    st = meta.find(NS + "status")
    base, target = txt(ind.find(NS + "baseline")), txt(ind.find(NS + "target"))
    sample = any(p["sample"] for p in points)
    direction = centry.get("direction")
    return {
        "width": 960, "height": 540,
        "title": txt(ind.find(NS + "name")),
        "subtitle": "%s，基期 %s，%d年目标 %s" % (jur, base, end, target),
        "series": jur, "unit": txt(ind.find(NS + "unit")),
        "axis": "单位：%s　%s" % (txt(ind.find(NS + "unit")),
                                {"higher": "↑ 越高越好", "lower": "↓ 越低越好"}.get(direction, "")),
        "source": "数据来源：%s%s。%s" % (txt(meta.find(NS + "title")), st.get("printed", "") if st is not None
                                     else "", "示例数据，非官方统计" if sample else ""),
        "start": start, "end": end, "points": points,
        "baseline": float(row["baseline"]), "baseline_text": base,
        "target": float(row["target_value"]), "target_text": target,
        "sample": sample,
    }


GNUPLOT = r"""# gnuplot version of `planrep chart --plan shangqiu.xml --indicator %(ind)s --kind line`, by bench/peers.py.
# gnuplot reads no JSON: bench/peers.py writes the words into this script and the points into chart.dat,
# both from the input. usage: gnuplot -e 'OUT="f.svg"' chart.gp
set terminal svg size 960,540 font "Noto Sans CJK SC,13" background "white"
set output OUT
set encoding utf8
set lmargin at screen 54.0/960
set rmargin at screen 905.0/960
set tmargin at screen 1 - 151.0/540
set bmargin at screen 1 - 472.0/540
set xrange [%(start)d:%(end)d]
set xtics 1 nomirror
set ytics nomirror
set format y "%%.1f"
set grid ytics lc rgb "#e6e6e6"
set border 1
set label 10 "%(title)s" at screen 20.0/960, screen 1 - 36.0/540 font ",22"
set label 11 "%(subtitle)s" at screen 20.0/960, screen 1 - 70.0/540 font ",14"
set label 12 "示例数据" at screen 1 - 20.0/960, screen 1 - 30.0/540 right textcolor rgb "#c0392b" font ",11"
set label 1 "%(axis)s" at screen 20.0/960, screen 1 - 130.0/540
set label 2 "%(source)s" at screen 20.0/960, screen 1 - 512.0/540 font ",11"
set label 3 "%(base_label)s" at %(end)d, %(baseline)s right offset 0,0.6 font ",11"
set label 4 "%(target_label)s" at %(end)d, %(target)s right offset 0,0.6 font ",11"
set key at screen 54.0/960, screen 1 - 90.0/540 left top horizontal samplen 3
f(x) = %(baseline)s + (%(target)s - %(baseline)s) * (x - %(start)d) / (%(end)d - %(start)d)
plot "chart.dat" using 1:2 with linespoints lw 2 dt 2 pt 6 ps 0.8 lc rgb "#0072b2" title "%(series)s", \
     f(x) with lines dt 2 lc rgb "#222222" title "目标轨迹", \
     %(target)s with lines dt 2 lc rgb "#44bb99" notitle, \
     %(baseline)s with lines dt 3 lc rgb "#999999" notitle
"""

MPL = r'''"""matplotlib version of `planrep chart --plan shangqiu.xml --indicator ... --kind line`, by bench/peers.py.
usage: /usr/bin/python3 chart_mpl.py chart.json OUT.svg FONTDIR"""
import json
import os
import sys

import matplotlib
matplotlib.use("svg")
import matplotlib.font_manager as fm
import matplotlib.pyplot as plt

# matplotlib reads only the first face of a collection (Noto Sans CJK JP in Debian's .ttc), so it is
# given the SC face taken out as .otf (bench/run's split_fonts.py, the same files FOP uses).
for f in os.listdir(sys.argv[3]):
    if f.startswith("NotoSansCJK-SC-"):
        fm.fontManager.addfont(os.path.join(sys.argv[3], f))
d = json.load(open(sys.argv[1], encoding="utf-8"))
plt.rcParams["font.family"] = "Noto Sans CJK SC"
plt.rcParams["svg.fonttype"] = "path"
fig = plt.figure(figsize=(d["width"] / 72, d["height"] / 72), dpi=72)
ax = fig.add_axes([54 / 960, 1 - (151 + 321) / 540, 851 / 960, 321 / 540])
xs = [p["x"] for p in d["points"]]
ys = [p["y"] for p in d["points"]]
ax.plot(xs, ys, color="#0072b2", lw=2, ls="--", marker="o", mfc="white", ms=6, label=d["series"])
ax.plot([d["start"], d["end"]], [d["baseline"], d["target"]], color="#222222", lw=1.2, ls="--", label="目标轨迹")
ax.axhline(d["target"], color="#44bb99", lw=1.2, ls="--")
ax.axhline(d["baseline"], color="#999999", lw=1, ls=":")
ax.annotate(d["points"][-1]["text"], (xs[-1], ys[-1]), xytext=(6, -4), textcoords="offset points",
            color="#0072b2")
ax.text(d["end"], d["target"], "%d年目标 %s" % (d["end"], d["target_text"]), ha="right", va="bottom", fontsize=10)
ax.text(d["end"], d["baseline"], "%d年基线 %s" % (d["start"], d["baseline_text"]), ha="right", va="bottom",
        fontsize=10)
ax.set_xlim(d["start"] - 0.05, d["end"] + 0.15)
ax.set_xticks(range(d["start"], d["end"] + 1))
ax.grid(axis="y", color="#e6e6e6")
for s in ("top", "right", "left"):
    ax.spines[s].set_visible(False)
fig.text(20 / 960, 1 - 20 / 540, d["title"], fontsize=22, weight="bold", va="top")
fig.text(20 / 960, 1 - 56 / 540, d["subtitle"], fontsize=14, va="top", color="#444444")
fig.text(20 / 960, 1 - 117 / 540, d["axis"], fontsize=12, va="top", color="#444444")
fig.text(20 / 960, 1 - 503 / 540, d["source"], fontsize=11, va="top", color="#444444")
if d["sample"]:
    fig.text(1 - 20 / 960, 1 - 20 / 540, "示例数据", fontsize=11, va="top", ha="right", color="#c0392b")
fig.legend(loc="upper left", bbox_to_anchor=(54 / 960, 1 - 82 / 540), ncol=2, frameon=False, fontsize=12)
fig.savefig(sys.argv[2])
'''

ECHARTS = r"""// ECharts server-side SVG version of `planrep chart --plan shangqiu.xml --indicator ... --kind line`,
// by bench/peers.py. usage: node chart_echarts.js chart.json OUT.svg
const fs = require('fs');
const path = require('path');
const echarts = require(path.join(process.env.PEER_NODE_MODULES || '', 'echarts'));
const d = JSON.parse(fs.readFileSync(process.argv[2], 'utf8'));
const chart = echarts.init(null, null, {renderer: 'svg', ssr: true, width: d.width, height: d.height});
const font = 'Noto Sans CJK SC';
chart.setOption({
  animation: false,
  textStyle: {fontFamily: font},
  title: {text: d.title, subtext: d.subtitle, left: 20, top: 16,
          textStyle: {fontSize: 22, fontWeight: 'bold'}, subtextStyle: {fontSize: 14}},
  legend: {left: 54, top: 86, data: [d.series, '目标轨迹']},
  grid: {left: 54, top: 151, width: 851, height: 321, containLabel: false},
  graphic: [
    {type: 'text', left: 20, top: 117, style: {text: d.axis, fontSize: 12, fontFamily: font}},
    {type: 'text', left: 20, top: 503, style: {text: d.source, fontSize: 11, fontFamily: font}},
  ].concat(d.sample ? [{type: 'text', right: 20, top: 20,
                        style: {text: '示例数据', fontSize: 11, fill: '#c0392b', fontFamily: font}}] : []),
  xAxis: {type: 'value', min: d.start, max: d.end, interval: 1, splitLine: {show: false},
          axisLabel: {formatter: v => String(v)}},
  yAxis: {type: 'value', scale: true, splitLine: {lineStyle: {color: '#e6e6e6'}},
          axisLabel: {formatter: v => v.toFixed(1)}},
  series: [
    {name: d.series, type: 'line', data: d.points.map(p => [p.x, p.y]), symbol: 'emptyCircle', symbolSize: 7,
     lineStyle: {type: 'dashed', width: 2, color: '#0072b2'}, itemStyle: {color: '#0072b2'},
     endLabel: {show: true, formatter: d.points[d.points.length - 1].text},
     markLine: {symbol: 'none', silent: true, data: [
       {yAxis: d.target, lineStyle: {color: '#44bb99', type: 'dashed'},
        label: {formatter: d.end + '年目标 ' + d.target_text, position: 'insideEndTop'}},
       {yAxis: d.baseline, lineStyle: {color: '#999999', type: 'dotted'},
        label: {formatter: d.start + '年基线 ' + d.baseline_text, position: 'insideEndTop'}}]}},
    {name: '目标轨迹', type: 'line', data: [[d.start, d.baseline], [d.end, d.target]], symbol: 'none',
     lineStyle: {type: 'dashed', color: '#222222', width: 1.2}, itemStyle: {color: '#222222'}},
  ],
});
fs.writeFileSync(process.argv[3], chart.renderToSVGString());
chart.dispose();
"""

TYPST_JS = r"""// Compiles a Typst file to PDF with @myriaddreamin/typst-ts-node-compiler (Typst has no Debian package;
// this npm package carries the compiler as a native addon). usage: node typst.js IN.typ OUT.pdf
// or node typst.js --version (Typst's own version, not the package's)
const fs = require('fs');
const path = require('path');
const {NodeCompiler} = require(path.join(process.env.PEER_NODE_MODULES || '',
                                         '@myriaddreamin/typst-ts-node-compiler'));
if (process.argv[2] === '--version') {
  const v = NodeCompiler.create().query({mainFileContent: '#metadata(str(sys.version)) <v>'},
                                        {selector: '<v>', field: 'value'});
  console.log(v[0]);
  process.exit(0);
}
const input = path.resolve(process.argv[2]);
// The compiler sees only the fonts it embeds and those it is pointed at: the Noto CJK collections.
const c = NodeCompiler.create({workspace: path.dirname(input),
                               fontArgs: [{fontPaths: ['/usr/share/fonts/opentype/noto']}]});
const r = c.compile({mainFilePath: input});
if (r.hasError()) { r.printDiagnostics(); process.exit(1); }
fs.writeFileSync(process.argv[3], c.pdf(r.result));
"""


def gnuplot(d):
    def q(s):
        return s.replace("\\", "\\\\").replace('"', '\\"')
    return GNUPLOT % dict(ind=CHART_INDICATOR, title=q(d["title"]), subtitle=q(d["subtitle"]),
                          start=d["start"], end=d["end"], axis=q(d["axis"]), source=q(d["source"]),
                          baseline=repr(d["baseline"]), target=repr(d["target"]), series=q(d["series"]),
                          base_label=q("%d年基线 %s" % (d["start"], d["baseline_text"])),
                          target_label=q("%d年目标 %s" % (d["end"], d["target_text"])))


def main(argv):
    outdir = argv[0] if argv else os.path.join(TOP, "build", "bench", "peers")
    fontdir = os.path.join(os.path.dirname(os.path.abspath(outdir)), "fonts")
    os.makedirs(outdir, exist_ok=True)
    blocks = load()
    planrep = os.path.join(TOP, "build", "planrep")
    d = chart_data(planrep)
    files = {"plan.typ": typst(blocks), "plan.tex": latex(blocks), "plan.html": html(blocks),
             "plan.fo": fo(blocks), "fop.xconf": fop_conf(fontdir), "split_fonts.py": FONT_SPLIT,
             "typst.js": TYPST_JS,
             "chart.json": json.dumps(d, ensure_ascii=False, indent=1),
             "chart.dat": "".join("%r %s\n" % (p["x"], p["text"]) for p in d["points"]),
             "chart.gp": gnuplot(d), "chart_mpl.py": MPL, "chart_echarts.js": ECHARTS}
    for name, text in files.items():
        with open(os.path.join(outdir, name), "w", encoding="utf-8") as f:
            f.write(text)
    return outdir


if __name__ == "__main__":
    print(main(sys.argv[1:]))
