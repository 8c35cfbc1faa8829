<?xml version="1.0" encoding="UTF-8"?>
<!-- common.xsl: the pieces every planrep template shares. Included (xsl:include) by plan.xsl and the
     later briefing, comparison and chart templates.

     - the parameter `theme` and the theme it names (themes/<theme>.xml, next to this file), copied to
       the top of a document by the named template `theme-parts`;
     - dates printed the Chinese way (`date-zh`: 2023-01-11 → 2023年1月11日);
     - the plan's text blocks that read the same in every product: paragraphs with their printed
       number and run-in lead, lists, 专栏 boxes and plain tables.

     Input: urn:planrep:plan (docs/data-format.md). Output: urn:planrep:doc (docs/document.md). -->
<xsl:stylesheet version="1.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns="urn:planrep:doc"
    xmlns:d="urn:planrep:doc"
    xmlns:p="urn:planrep:plan"
    xmlns:t="urn:planrep:theme"
    xmlns:e="urn:planrep:eval"
    exclude-result-prefixes="d p t e">

  <!-- The theme: a file name under themes/, without .xml. -->
  <xsl:param name="theme" select="'gbt9704'"/>

  <xsl:variable name="theme-ok"
      select="string-length($theme) &gt; 0 and string-length($theme) &lt;= 64 and
              translate($theme, 'abcdefghijklmnopqrstuvwxyz0123456789-', '') = ''"/>
  <!-- Relative to this file, whatever template includes it. A bad name reads nothing: the empty URI
       is the stylesheet itself, which is no theme, and theme-parts says why. -->
  <xsl:variable name="theme-file">
    <xsl:if test="$theme-ok"><xsl:value-of select="concat('themes/', $theme, '.xml')"/></xsl:if>
  </xsl:variable>
  <xsl:variable name="theme-doc" select="document(string($theme-file))"/>

  <!-- The plan's layout whitespace is not text; neither is the theme's. -->
  <xsl:strip-space elements="p:* t:* d:page d:styles"/>

  <!-- ==== Theme ================================================================================ -->

  <!-- Writes the theme's page, styles, headers and footers, in the order the document wants them.
       Stops the transform when the theme is missing or is not a theme. -->
  <xsl:template name="theme-parts">
    <xsl:if test="not($theme-ok)">
      <xsl:message terminate="yes">the theme parameter "<xsl:value-of select="$theme"/>" is not a theme name (lower-case letters, digits and -)</xsl:message>
    </xsl:if>
    <xsl:if test="not($theme-doc/t:theme)">
      <xsl:message terminate="yes">themes/<xsl:value-of select="$theme"/>.xml is not a theme (a t:theme element in urn:planrep:theme)</xsl:message>
    </xsl:if>
    <xsl:variable name="th" select="$theme-doc/t:theme"/>
    <xsl:apply-templates select="$th/d:page[1]" mode="theme"/>
    <xsl:apply-templates select="$th/d:styles[1]" mode="theme"/>
    <xsl:apply-templates select="$th/d:header" mode="theme"/>
    <xsl:apply-templates select="$th/d:footer" mode="theme"/>
  </xsl:template>

  <!-- Theme content is copied element by element into the document namespace, without the theme's
       namespace declarations. -->
  <xsl:template match="d:*" mode="theme">
    <xsl:element name="{local-name()}">
      <xsl:copy-of select="@*"/>
      <xsl:apply-templates mode="theme"/>
    </xsl:element>
  </xsl:template>
  <xsl:template match="text()" mode="theme">
    <xsl:value-of select="."/>
  </xsl:template>
  <xsl:template match="*|comment()|processing-instruction()" mode="theme"/>

  <!-- ==== Values =============================================================================== -->

  <!-- An ISO date (2023-01-11) as printed in Chinese documents: 2023年1月11日. -->
  <xsl:template name="date-zh">
    <xsl:param name="date"/>
    <xsl:value-of select="concat(substring($date, 1, 4), '年', number(substring($date, 6, 2)), '月',
        number(substring($date, 9, 2)), '日')"/>
  </xsl:template>

  <!-- The jurisdiction with what it belongs to: 河南省郑州市管城回族区. -->
  <xsl:template name="jurisdiction-full">
    <xsl:param name="j" select="/p:plan/p:meta/p:jurisdiction"/>
    <xsl:if test="$j/@level != 'province' and $j/@province != $j">
      <xsl:value-of select="$j/@province"/>
    </xsl:if>
    <xsl:value-of select="$j/@parent"/>
    <xsl:value-of select="$j"/>
  </xsl:template>

  <!-- ==== Text blocks ========================================================================== -->

  <!-- The style a paragraph of the plan takes: text inside a 专栏 box is set smaller. -->
  <xsl:template name="text-style">
    <xsl:if test="ancestor::p:box">
      <xsl:attribute name="style">box-text</xsl:attribute>
    </xsl:if>
  </xsl:template>

  <!-- A paragraph: its printed number and run-in lead in bold, then the text. A number without a lead
       stays in the text's weight. -->
  <xsl:template match="p:p">
    <xsl:param name="style"/>
    <p>
      <xsl:choose>
        <xsl:when test="$style != ''">
          <xsl:attribute name="style"><xsl:value-of select="$style"/></xsl:attribute>
        </xsl:when>
        <xsl:otherwise>
          <xsl:call-template name="text-style"/>
        </xsl:otherwise>
      </xsl:choose>
      <xsl:choose>
        <xsl:when test="p:lead">
          <b><xsl:value-of select="@num"/><xsl:value-of select="p:lead"/></b>
        </xsl:when>
        <xsl:otherwise>
          <xsl:value-of select="@num"/>
        </xsl:otherwise>
      </xsl:choose>
      <xsl:for-each select="text()">
        <xsl:value-of select="."/>
      </xsl:for-each>
    </p>
  </xsl:template>

  <!-- A list: one paragraph per item, its number, then its label in bold followed by "：". -->
  <xsl:template match="p:list">
    <xsl:apply-templates select="p:item"/>
  </xsl:template>

  <xsl:template match="p:item">
    <p>
      <xsl:call-template name="text-style"/>
      <xsl:value-of select="@num"/>
      <xsl:if test="p:label">
        <xsl:variable name="label" select="string(p:label)"/>
        <xsl:variable name="last" select="substring($label, string-length($label))"/>
        <b>
          <xsl:value-of select="$label"/>
          <xsl:if test="$last != '：' and $last != ':'">：</xsl:if>
        </b>
      </xsl:if>
      <xsl:for-each select="text()">
        <xsl:value-of select="."/>
      </xsl:for-each>
    </p>
  </xsl:template>

  <!-- A 专栏 box, titled as the plans print it: 专栏 1 公共卫生防控救治体系建设工程. -->
  <xsl:template match="p:box">
    <box>
      <xsl:attribute name="title">
        <xsl:if test="@num">
          <xsl:value-of select="concat('专栏 ', @num, ' ')"/>
        </xsl:if>
        <xsl:value-of select="p:title"/>
      </xsl:attribute>
      <xsl:apply-templates select="*[not(self::p:title)]"/>
    </box>
  </xsl:template>

  <!-- Any other printed table: its leading header rows repeat on every page; notes follow it. -->
  <xsl:template match="p:table">
    <xsl:variable name="head"
        select="p:row[(@head = 'true' or @head = '1') and
                      not(preceding-sibling::p:row[not(@head = 'true' or @head = '1')])]"/>
    <table continued="续表">
      <xsl:if test="p:caption">
        <caption><xsl:value-of select="p:caption"/></caption>
      </xsl:if>
      <xsl:if test="$head">
        <thead>
          <xsl:apply-templates select="$head"/>
        </thead>
      </xsl:if>
      <xsl:apply-templates select="p:row[count(. | $head) != count($head)]"/>
    </table>
    <xsl:apply-templates select="p:note"/>
  </xsl:template>

  <xsl:template match="p:row">
    <tr>
      <xsl:apply-templates select="p:cell"/>
    </tr>
  </xsl:template>

  <xsl:template match="p:cell">
    <xsl:variable name="name">
      <xsl:choose>
        <xsl:when test="../@head = 'true' or ../@head = '1'">th</xsl:when>
        <xsl:otherwise>td</xsl:otherwise>
      </xsl:choose>
    </xsl:variable>
    <xsl:element name="{$name}">
      <xsl:copy-of select="@colspan|@rowspan"/>
      <xsl:value-of select="."/>
    </xsl:element>
  </xsl:template>

  <!-- A table's note (注：…): a small paragraph after the table. -->
  <xsl:template match="p:note">
    <p style="table-note"><xsl:value-of select="."/></p>
  </xsl:template>


  <!-- ==== Charts of indicators (urn:planrep:eval in, a chart element out; docs/charts.md) ======= -->

  <!-- The chart direction of an evaluated indicator: higher, lower, or neither. -->
  <xsl:template name="chart-direction">
    <xsl:param name="ev"/>
    <xsl:choose>
      <xsl:when test="$ev/@direction = 'higher' or $ev/@direction = 'lower'">
        <xsl:value-of select="$ev/@direction"/>
      </xsl:when>
      <xsl:otherwise>neither</xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- One indicator of an enriched plan over the periods: its observations from the baseline year on
       (real ones filled, samples hollow), the baseline, the 2025 target and the straight trajectory
       between them. Parameters: the indicator, the chart's id, width and height, and the jurisdiction. -->
  <xsl:template name="indicator-line">
    <xsl:param name="i" select="."/>
    <xsl:param name="id"/>
    <xsl:param name="width" select="'960pt'"/>
    <xsl:param name="height" select="'540pt'"/>
    <xsl:param name="place"/>
    <xsl:param name="source"/>
    <xsl:variable name="ev" select="$i/e:eval"/>
    <xsl:variable name="plan" select="$i/ancestor::p:plan"/>
    <xsl:variable name="base" select="number($plan/p:meta/p:period/@baseline)"/>
    <xsl:variable name="end" select="number($plan/p:meta/p:period/@end)"/>
    <xsl:variable name="obs" select="$ev/e:obs[number(substring(@period, 1, 4)) &gt;= $base and
        number(substring(@period, 1, 4)) &lt;= $end]"/>
    <chart kind="line" width="{$width}" height="{$height}" title="{$i/p:name}">
      <xsl:if test="$id != ''"><xsl:attribute name="id"><xsl:value-of select="$id"/></xsl:attribute></xsl:if>
      <xsl:attribute name="subtitle">
        <xsl:value-of select="$place"/>
        <xsl:choose>
          <xsl:when test="$ev/@baseline-kind = 'none'">，基期值未列</xsl:when>
          <xsl:otherwise><xsl:value-of select="concat('，基期 ', $i/p:baseline)"/></xsl:otherwise>
        </xsl:choose>
        <xsl:value-of select="concat('，', $end, '年目标 ', $i/p:target)"/>
      </xsl:attribute>
      <xsl:if test="string($i/p:unit) != ''"><xsl:attribute name="unit"><xsl:value-of select="$i/p:unit"/></xsl:attribute></xsl:if>
      <xsl:attribute name="direction">
        <xsl:call-template name="chart-direction"><xsl:with-param name="ev" select="$ev"/></xsl:call-template>
      </xsl:attribute>
      <xsl:attribute name="source"><xsl:value-of select="$source"/></xsl:attribute>
      <axis name="x" min="{$base}" max="{$end}"/>
      <xsl:if test="$obs">
        <series name="{$place}">
          <!-- One value a period: the last written wins, as the evaluation reads them. -->
          <xsl:for-each select="$obs[not(@period = following-sibling::e:obs/@period)]">
            <point period="{@period}" value="{@value}">
              <xsl:if test="@sample = 'true'"><xsl:attribute name="sample">true</xsl:attribute></xsl:if>
            </point>
          </xsl:for-each>
        </series>
      </xsl:if>
      <!-- No value observed yet: the plan's own baseline is the one value there is, at the base year
           (a chart of a reference line alone would be drawn as 无数据). -->
      <xsl:if test="not($obs) and $ev/@baseline-value">
        <series name="{$place}">
          <point period="{$base}" value="{$ev/@baseline-value}"/>
        </series>
      </xsl:if>
      <xsl:if test="$ev/@baseline-value">
        <reference kind="baseline" value="{$ev/@baseline-value}" at="{$base}"/>
      </xsl:if>
      <xsl:if test="$ev/@target-value">
        <reference kind="target" value="{$ev/@target-value}" at="{$end}"
                   label="{concat($end, '年目标 ', $i/p:target)}"/>
      </xsl:if>
      <xsl:if test="$ev/@baseline-value and $ev/@target-value">
        <reference kind="trajectory"/>
      </xsl:if>
    </chart>
  </xsl:template>

  <!-- Jurisdictions side by side on one catalog indicator: per jurisdiction whose plan carries it with
       a numeric baseline and target, 2020 → latest → 2025 target. $rows: the plans' rows for the
       indicator (p:indicator elements of enriched plans); $entry: its catalog entry. -->
  <xsl:template name="compare-dumbbell">
    <xsl:param name="rows"/>
    <xsl:param name="entry"/>
    <xsl:param name="id"/>
    <xsl:param name="width" select="'960pt'"/>
    <xsl:param name="height" select="'540pt'"/>
    <xsl:variable name="drawn" select="$rows[e:eval/@baseline-value and e:eval/@target-value]"/>
    <chart kind="dumbbell" width="{$width}" height="{$height}" title="{$entry/*[local-name() = 'name'][1]}"
           subtitle="各地区2020年基期值、最新值与2025年目标值" unit="{$entry/@unit}">
      <xsl:if test="$id != ''"><xsl:attribute name="id"><xsl:value-of select="$id"/></xsl:attribute></xsl:if>
      <xsl:attribute name="direction">
        <xsl:choose>
          <xsl:when test="$entry/@direction = 'higher' or $entry/@direction = 'lower'">
            <xsl:value-of select="$entry/@direction"/>
          </xsl:when>
          <xsl:otherwise>neither</xsl:otherwise>
        </xsl:choose>
      </xsl:attribute>
      <xsl:attribute name="source">各地“十四五”卫生健康规划</xsl:attribute>
      <series name="2020年基期">
        <xsl:for-each select="$drawn">
          <point label="{ancestor::p:plan/p:meta/p:jurisdiction}" value="{e:eval/@baseline-value}"/>
        </xsl:for-each>
      </series>
      <xsl:if test="$drawn/e:eval[@latest-value and @latest-period != ancestor::p:plan/p:meta/p:period/@baseline]">
        <series name="最新值">
          <xsl:for-each select="$drawn[e:eval/@latest-value]">
            <point label="{ancestor::p:plan/p:meta/p:jurisdiction}" value="{e:eval/@latest-value}">
              <xsl:if test="e:eval/@latest-sample = 'true'"><xsl:attribute name="sample">true</xsl:attribute></xsl:if>
            </point>
          </xsl:for-each>
        </series>
      </xsl:if>
      <series name="2025年目标">
        <xsl:for-each select="$drawn">
          <point label="{ancestor::p:plan/p:meta/p:jurisdiction}" value="{e:eval/@target-value}"/>
        </xsl:for-each>
      </series>
      <xsl:if test="count($drawn) &lt; count($rows)">
        <note>
          <xsl:text>未列入图中（规划未列数值基期或目标）：</xsl:text>
          <xsl:for-each select="$rows[not(e:eval/@baseline-value and e:eval/@target-value)]">
            <xsl:value-of select="ancestor::p:plan/p:meta/p:jurisdiction"/>
            <xsl:if test="position() != last()">、</xsl:if>
          </xsl:for-each>
        </note>
      </xsl:if>
    </chart>
  </xsl:template>

  <!-- One indicator where it stands now: a bullet (the latest value against the baseline and the
       target) or a KPI tile (the latest value, its change since the baseline, the status). -->
  <xsl:template name="indicator-status">
    <xsl:param name="i" select="."/>
    <xsl:param name="id"/>
    <xsl:param name="kind" select="'bullet'"/>
    <xsl:param name="place"/>
    <xsl:param name="source"/>
    <xsl:param name="width" select="'960pt'"/>
    <xsl:param name="height" select="'540pt'"/>
    <xsl:variable name="ev" select="$i/e:eval"/>
    <xsl:variable name="plan" select="$i/ancestor::p:plan"/>
    <xsl:variable name="base" select="$plan/p:meta/p:period/@baseline"/>
    <xsl:variable name="end" select="$plan/p:meta/p:period/@end"/>
    <chart kind="{$kind}" width="{$width}" height="{$height}" title="{$i/p:name}" status="{$ev/@status}">
      <xsl:if test="$id != ''"><xsl:attribute name="id"><xsl:value-of select="$id"/></xsl:attribute></xsl:if>
      <xsl:attribute name="subtitle">
        <xsl:value-of select="concat($place, '，', $end, '年目标 ', $i/p:target)"/>
      </xsl:attribute>
      <xsl:if test="string($i/p:unit) != ''"><xsl:attribute name="unit"><xsl:value-of select="$i/p:unit"/></xsl:attribute></xsl:if>
      <xsl:attribute name="direction">
        <xsl:call-template name="chart-direction"><xsl:with-param name="ev" select="$ev"/></xsl:call-template>
      </xsl:attribute>
      <xsl:attribute name="source"><xsl:value-of select="$source"/></xsl:attribute>
      <xsl:if test="$ev/@latest-value">
        <series name="{$ev/@latest-period}">
          <xsl:choose>
            <xsl:when test="$kind = 'kpi'">
              <!-- The tile's sparkline: the values from the baseline year on, one a period. -->
              <xsl:for-each select="$ev/e:obs[number(substring(@period, 1, 4)) &gt;= number($base)]
                                    [not(@period = following-sibling::e:obs/@period)]">
                <point x="{@period}" y="{@value}">
                  <xsl:if test="@sample = 'true'"><xsl:attribute name="sample">true</xsl:attribute></xsl:if>
                </point>
              </xsl:for-each>
            </xsl:when>
            <xsl:otherwise>
              <point label="{$place}" value="{$ev/@latest-value}">
                <xsl:if test="$ev/@latest-sample = 'true'"><xsl:attribute name="sample">true</xsl:attribute></xsl:if>
              </point>
            </xsl:otherwise>
          </xsl:choose>
        </series>
      </xsl:if>
      <xsl:if test="$ev/@baseline-value">
        <reference kind="baseline" value="{$ev/@baseline-value}">
          <xsl:if test="$kind = 'kpi'"><xsl:attribute name="at"><xsl:value-of select="$base"/></xsl:attribute></xsl:if>
        </reference>
      </xsl:if>
      <xsl:if test="$ev/@target-value">
        <reference kind="target" value="{$ev/@target-value}" label="{concat($end, '年目标 ', $i/p:target)}">
          <xsl:if test="$kind = 'kpi'"><xsl:attribute name="at"><xsl:value-of select="$end"/></xsl:attribute></xsl:if>
        </reference>
      </xsl:if>
    </chart>
  </xsl:template>

</xsl:stylesheet>
