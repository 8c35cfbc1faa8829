<?xml version="1.0" encoding="UTF-8"?>
<!-- plan.xsl: the full plan, as its readers know it, typeset as a document (urn:planrep:doc).

     Input: one plan (urn:planrep:plan, docs/data-format.md). Parameter: theme (default gbt9704, the
     official layout GB/T 9704-2012; see common.xsl and themes/). Output, in order:
       - the document's metadata (title, author = issuer or jurisdiction, subject, keywords, creator);
       - the theme's page, styles and page-number footers;
       - a 征求意见稿 watermark when the plan is a draft;
       - a title page: the title, the printed status mark under it, the issuer, document number and date
         where printed, and the jurisdiction where the issuer does not already name it;
       - the covering letter (印发通知) where the plan has one, then a page break;
       - a table of contents of two levels, then a page break;
       - the text: every section as h1–h4 with its printed number, every paragraph, list, 专栏 box,
         table, and the indicator table at its place.
     Printed texts are copied exactly; nothing is added to them but the separators the print uses. -->
<xsl:stylesheet version="1.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns="urn:planrep:doc"
    xmlns:p="urn:planrep:plan"
    xmlns:e="urn:planrep:eval"
    xmlns:t="urn:planrep:theme"
    xmlns:exsl="http://exslt.org/common"
    exclude-result-prefixes="p e t exsl">

  <xsl:include href="common.xsl"/>

  <xsl:output method="xml" encoding="UTF-8" indent="no"/>

  <xsl:variable name="meta" select="/p:plan/p:meta"/>
  <!-- The evaluation the program wrote into the plan (docs/templates.md, "The enriched plan"). -->
  <xsl:variable name="summary" select="/p:plan/e:summary"/>
  <!-- A theme that asks for it (modern) shows where each indicator stands, when there are observations. -->
  <xsl:variable name="status-columns"
      select="$theme-doc/t:theme/@indicator-status = 'true' and boolean($summary/@period)"/>

  <!-- ==== The document ========================================================================= -->

  <xsl:template match="/">
    <xsl:if test="not(p:plan)">
      <xsl:message terminate="yes">plan.xsl needs a plan (a plan element in urn:planrep:plan), not <xsl:value-of select="name(*)"/></xsl:message>
    </xsl:if>
    <xsl:apply-templates select="p:plan"/>
  </xsl:template>

  <xsl:template match="p:plan">
    <xsl:variable name="where">
      <xsl:call-template name="jurisdiction-full"/>
    </xsl:variable>
    <xsl:variable name="years" select="concat($meta/p:period/@start, '—', $meta/p:period/@end, '年')"/>
    <document lang="zh-CN" title="{$meta/p:title}" creator="planrep">
      <xsl:attribute name="author">
        <xsl:choose>
          <xsl:when test="$meta/p:issuer"><xsl:value-of select="$meta/p:issuer"/></xsl:when>
          <xsl:otherwise><xsl:value-of select="$meta/p:jurisdiction"/></xsl:otherwise>
        </xsl:choose>
      </xsl:attribute>
      <xsl:attribute name="subject">
        <xsl:value-of select="concat($where, ' ', $years, '卫生健康规划')"/>
        <xsl:if test="$meta/p:status = 'draft'">（征求意见稿）</xsl:if>
      </xsl:attribute>
      <xsl:attribute name="keywords">
        <xsl:value-of select="concat($meta/p:jurisdiction, ', 卫生健康规划, ', $years)"/>
      </xsl:attribute>
      <xsl:call-template name="theme-parts"/>
      <xsl:if test="$status-columns and $summary/@samples = 'true'">
        <footer align="left" first="true" style="sample-mark">示例数据，非官方统计</footer>
      </xsl:if>
      <xsl:if test="$meta/p:status = 'draft'">
        <watermark>征求意见稿</watermark>
      </xsl:if>
      <xsl:call-template name="title-page"/>
      <xsl:apply-templates select="p:letter"/>
      <toc depth="2"/>
      <page-break/>
      <xsl:apply-templates select="p:text/*"/>
    </document>
  </xsl:template>

  <!-- ==== Title page =========================================================================== -->

  <xsl:template name="title-page">
    <xsl:variable name="issuer" select="string($meta/p:issuer)"/>
    <xsl:variable name="jurisdiction" select="string($meta/p:jurisdiction)"/>
    <!-- The lines under the title, in print order; the first is set lower down the page. -->
    <xsl:variable name="from-rtf">
      <xsl:if test="$issuer != ''">
        <line><xsl:value-of select="$issuer"/></line>
      </xsl:if>
      <xsl:if test="$meta/p:doc-number">
        <line><xsl:value-of select="$meta/p:doc-number"/></line>
      </xsl:if>
      <xsl:if test="$meta/p:date">
        <line>
          <xsl:call-template name="date-zh">
            <xsl:with-param name="date" select="$meta/p:date"/>
          </xsl:call-template>
        </line>
      </xsl:if>
      <xsl:if test="$issuer = '' or not(starts-with($issuer, $jurisdiction))">
        <line><xsl:value-of select="$jurisdiction"/></line>
      </xsl:if>
    </xsl:variable>
    <title-page>
      <p style="title"><xsl:value-of select="$meta/p:title"/></p>
      <xsl:if test="$meta/p:status/@printed">
        <p style="title-status"><xsl:value-of select="$meta/p:status/@printed"/></p>
      </xsl:if>
      <xsl:for-each select="exsl:node-set($from-rtf)/*">
        <p>
          <xsl:attribute name="style">
            <xsl:choose>
              <xsl:when test="position() = 1">title-from</xsl:when>
              <xsl:otherwise>title-line</xsl:otherwise>
            </xsl:choose>
          </xsl:attribute>
          <xsl:value-of select="."/>
        </p>
      </xsl:for-each>
    </title-page>
  </xsl:template>

  <!-- ==== Covering letter ====================================================================== -->

  <!-- The 印发通知: its title, the addressee (a first paragraph ending in "：") flush left, the text,
       then the signature lines on the right; the plan starts on a new page. -->
  <xsl:template match="p:letter">
    <xsl:if test="p:heading">
      <p style="letter-title"><xsl:value-of select="p:heading"/></p>
    </xsl:if>
    <xsl:for-each select="p:p">
      <xsl:variable name="text" select="normalize-space(.)"/>
      <xsl:variable name="last" select="substring($text, string-length($text))"/>
      <xsl:apply-templates select=".">
        <xsl:with-param name="style">
          <xsl:if test="position() = 1 and not(@num) and ($last = '：' or $last = ':')">letter-addressee</xsl:if>
        </xsl:with-param>
      </xsl:apply-templates>
    </xsl:for-each>
    <xsl:for-each select="p:signature">
      <p style="signature"><xsl:value-of select="."/></p>
    </xsl:for-each>
    <page-break/>
  </xsl:template>

  <!-- ==== Sections ============================================================================= -->

  <!-- A section: a heading of its depth (h4 below the fourth level) with the printed number and
       heading. 一、 and （一） join the heading directly; 第一章 and 第一节 are followed by a full-width
       space, and a level-one chapter is centred (style chapter). -->
  <xsl:template match="p:section">
    <xsl:variable name="depth" select="count(ancestor-or-self::p:section)"/>
    <xsl:variable name="level">
      <xsl:choose>
        <xsl:when test="$depth &gt; 4">4</xsl:when>
        <xsl:otherwise><xsl:value-of select="$depth"/></xsl:otherwise>
      </xsl:choose>
    </xsl:variable>
    <xsl:variable name="ordinal" select="starts-with(@num, '第')"/>
    <xsl:element name="h{$level}">
      <xsl:attribute name="id">
        <xsl:choose>
          <xsl:when test="@id"><xsl:value-of select="@id"/></xsl:when>
          <xsl:otherwise>sec-<xsl:number level="any" count="p:section"/></xsl:otherwise>
        </xsl:choose>
      </xsl:attribute>
      <xsl:if test="$level = 1 and $ordinal and contains(@num, '章')">
        <xsl:attribute name="style">chapter</xsl:attribute>
      </xsl:if>
      <xsl:value-of select="@num"/>
      <xsl:if test="$ordinal">　</xsl:if>
      <xsl:value-of select="p:heading"/>
    </xsl:element>
    <xsl:apply-templates select="*[not(self::p:heading)]"/>
  </xsl:template>

  <!-- ==== The indicator table ================================================================== -->

  <!-- 分类 | 序号 | 指标名称 | 2020年 | 2025年 | 属性, the header repeated on every page. The 分类 column
       is left out when the plan prints no categories, 序号 when it prints no numbers. A category cell
       spans its rows. The name cell is name（unit）, then the mark. -->
  <xsl:template match="p:indicators">
    <xsl:variable name="cat" select="boolean(p:category)"/>
    <xsl:variable name="seq" select="boolean(.//p:indicator[not(@seq-printed = 'false' or @seq-printed = '0')])"/>
    <table continued="续表">
      <caption><xsl:value-of select="p:caption"/></caption>
      <!-- Fixed widths that fit 预期性 and 2020年 at the table's size on one line (a 156 mm type area
           leaves the name 61 mm); the name takes what is left. -->
      <xsl:if test="$cat"><col width="18mm"/></xsl:if>
      <xsl:if test="$seq"><col width="10mm"/></xsl:if>
      <col width="*"/>
      <col width="22mm"/>
      <col width="26mm"/>
      <col width="19mm"/>
      <xsl:if test="$status-columns">
        <col width="24mm"/>
        <col width="20mm"/>
      </xsl:if>
      <thead>
        <tr>
          <xsl:if test="$cat"><th>分类</th></xsl:if>
          <xsl:if test="$seq"><th>序号</th></xsl:if>
          <th>指标名称</th>
          <th><xsl:value-of select="$meta/p:period/@baseline"/>年</th>
          <th><xsl:value-of select="$meta/p:period/@end"/>年</th>
          <th>属性</th>
          <xsl:if test="$status-columns">
            <th>最新值</th>
            <th>状态</th>
          </xsl:if>
        </tr>
      </thead>
      <xsl:for-each select=".//p:indicator">
        <tr>
          <xsl:if test="$cat">
            <xsl:choose>
              <xsl:when test="parent::p:category and not(preceding-sibling::p:indicator)">
                <td align="center">
                  <xsl:if test="count(../p:indicator) &gt; 1">
                    <xsl:attribute name="rowspan"><xsl:value-of select="count(../p:indicator)"/></xsl:attribute>
                  </xsl:if>
                  <xsl:value-of select="../@name"/>
                </td>
              </xsl:when>
              <xsl:when test="parent::p:category"/>
              <xsl:otherwise><td/></xsl:otherwise>
            </xsl:choose>
          </xsl:if>
          <xsl:if test="$seq">
            <td align="center">
              <xsl:if test="not(@seq-printed = 'false' or @seq-printed = '0')">
                <xsl:value-of select="@seq"/>
              </xsl:if>
            </td>
          </xsl:if>
          <td>
            <xsl:value-of select="p:name"/>
            <xsl:if test="string(p:unit) != ''">
              <xsl:value-of select="concat('（', p:unit, '）')"/>
            </xsl:if>
            <xsl:value-of select="@mark"/>
          </td>
          <td align="center"><xsl:value-of select="p:baseline"/></td>
          <td align="center"><xsl:value-of select="p:target"/></td>
          <td align="center"><xsl:value-of select="p:attribute"/></td>
          <xsl:if test="$status-columns">
            <xsl:variable name="ev" select="e:eval"/>
            <td align="center">
              <xsl:if test="$ev/@latest-value">
                <xsl:value-of select="$ev/@latest-value"/>
                <xsl:if test="$ev/@latest-sample = 'true'">*</xsl:if>
                <br/>
                <span style="table-note-inline"><xsl:value-of select="$ev/@latest-period"/></span>
              </xsl:if>
            </td>
            <td align="center"><badge status="{$ev/@status}"/></td>
          </xsl:if>
        </tr>
      </xsl:for-each>
    </table>
    <xsl:apply-templates select="p:note"/>
    <xsl:if test="$status-columns">
      <p style="table-note">
        <xsl:value-of select="concat('状态以 ', $summary/@period, ' 为评估时点，按 ', $meta/p:period/@baseline, ' 年基期值至 ', $meta/p:period/@end, ' 年目标值的线性进度判断。')"/>
        <xsl:if test="$summary/@samples = 'true'">标 * 的数值为示例数据，非官方统计。</xsl:if>
      </p>
    </xsl:if>
  </xsl:template>

</xsl:stylesheet>
