<?xml version="1.0" encoding="UTF-8"?>
<!-- compare.xsl: the jurisdictions side by side on the indicators they share.

     Input: an e:plans root (urn:planrep:eval) holding several ENRICHED plans and the catalog, as
     planrep builds it for a template given several plans (docs/templates.md, "Several plans"). Any
     number of plans works. Parameter: theme (default modern).

     For every catalog indicator that two or more of the plans carry (joined on the catalog id, never on
     a name), grouped as the catalog groups them: a table with one row per jurisdiction giving the 2020
     baseline and the 2025 target exactly as each plan prints them, the derived target, the latest value
     and the status; a jurisdiction whose plan does not carry the indicator gets an honest blank, never a
     zero. First, the status counts of every jurisdiction. Units that differ from the catalog's are
     pointed out under the table. -->
<xsl:stylesheet version="1.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns="urn:planrep:doc"
    xmlns:p="urn:planrep:plan"
    xmlns:e="urn:planrep:eval"
    xmlns:c="urn:planrep:catalog"
    xmlns:t="urn:planrep:theme"
    exclude-result-prefixes="p e c t">

  <xsl:import href="common.xsl"/>

  <xsl:output method="xml" encoding="UTF-8" indent="no"/>

  <xsl:param name="theme" select="'modern'"/>
  <xsl:param name="period" select="''"/>

  <xsl:variable name="plans" select="/e:plans/p:plan"/>
  <xsl:variable name="cat" select="/e:plans/c:catalog"/>
  <!-- The plans' rows by catalog id; a plan carries an indicator once. -->
  <xsl:key name="rows" match="p:indicator[@ref]" use="@ref"/>
  <!-- Catalog indicators at least two of the plans carry. -->
  <xsl:variable name="shared" select="$cat/c:indicator[count(key('rows', @id)) &gt;= 2]"/>

  <xsl:template match="/">
    <xsl:if test="not(e:plans/p:plan) or not(e:plans/c:catalog)">
      <xsl:message terminate="yes">compare.xsl needs several enriched plans and the catalog under an e:plans root: give planrep render more than one plan</xsl:message>
    </xsl:if>
    <xsl:apply-templates select="e:plans"/>
  </xsl:template>

  <xsl:template name="status-zh">
    <xsl:param name="s"/>
    <xsl:choose>
      <xsl:when test="$s = 'met'">达标</xsl:when>
      <xsl:when test="$s = 'on-track'">进度正常</xsl:when>
      <xsl:when test="$s = 'behind'">进度滞后</xsl:when>
      <xsl:when test="$s = 'off-track'">偏离</xsl:when>
      <xsl:when test="$s = 'no-data'">无数据</xsl:when>
      <xsl:otherwise>不可评估</xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <xsl:template match="e:plans">
    <xsl:variable name="samples" select="boolean($plans/e:summary[@samples = 'true'])"/>
    <xsl:variable name="drafts" select="$plans[p:meta/p:status = 'draft']"/>
    <document lang="zh-CN" creator="planrep" title="各地卫生健康“十四五”规划主要指标比较"
              author="planrep" keywords="规划比较, 主要指标">
      <xsl:attribute name="subject">
        <xsl:for-each select="$plans">
          <xsl:value-of select="p:meta/p:jurisdiction"/>
          <xsl:if test="p:meta/p:status = 'draft'">（征求意见稿）</xsl:if>
          <xsl:if test="position() != last()">、</xsl:if>
        </xsl:for-each>
        <xsl:text>规划主要指标比较</xsl:text>
      </xsl:attribute>
      <xsl:call-template name="theme-parts"/>
      <xsl:if test="$samples">
        <footer align="left" first="true" style="sample-mark">示例数据，非官方统计</footer>
      </xsl:if>

      <h1 id="top" toc="no">各地卫生健康“十四五”规划主要指标比较</h1>
      <p style="brief-lead">
        <xsl:value-of select="count($plans)"/>
        <xsl:text>个地区：</xsl:text>
        <xsl:for-each select="$plans">
          <xsl:value-of select="p:meta/p:jurisdiction"/>
          <xsl:if test="position() != last()">、</xsl:if>
        </xsl:for-each>
        <xsl:text>　|　共有指标 </xsl:text><xsl:value-of select="count($shared)"/><xsl:text> 项</xsl:text>
      </p>
      <p>
        <xsl:text>本比较按指标目录的统一编码把各地规划中的同一指标对齐，基期值与目标值照录各规划原文，“推算”为按原文推算的目标数值。某地规划未列的指标留空，不以零计。</xsl:text>
        <xsl:if test="$drafts">
          <xsl:for-each select="$drafts">
            <xsl:value-of select="p:meta/p:jurisdiction"/>
            <xsl:if test="position() != last()">、</xsl:if>
          </xsl:for-each>
          <xsl:text>的规划为征求意见稿，所列指标可能调整。</xsl:text>
        </xsl:if>
        <xsl:if test="$samples">最新值与状态基于示例数据，非官方统计。</xsl:if>
      </p>
      <xsl:call-template name="status-table"/>
      <toc title="目录" depth="3"/>
      <xsl:call-template name="groups"/>
    </document>
  </xsl:template>

  <!-- Status counts per jurisdiction at each plan's own latest period. -->
  <xsl:template name="status-table">
    <h2 id="status">各地指标评估概况</h2>
    <table>
      <col width="*"/><col width="16mm"/><col width="14mm"/><col width="14mm"/><col width="14mm"/>
      <col width="14mm"/><col width="14mm"/><col width="14mm"/><col width="14mm"/>
      <thead>
        <tr>
          <th>地区</th><th>时点</th><th>指标数</th><th>达标</th><th>进度正常</th><th>进度滞后</th>
          <th>偏离</th><th>无数据</th><th>不可评估</th>
        </tr>
      </thead>
      <xsl:for-each select="$plans">
        <xsl:variable name="s" select="e:summary"/>
        <tr>
          <td>
            <xsl:value-of select="p:meta/p:jurisdiction"/>
            <xsl:if test="p:meta/p:status = 'draft'"><span style="table-note-inline">（征求意见稿）</span></xsl:if>
          </td>
          <td align="center"><xsl:value-of select="$s/@period"/></td>
          <td align="center"><xsl:value-of select="$s/@indicators"/></td>
          <td align="center"><xsl:value-of select="$s/@met"/></td>
          <td align="center"><xsl:value-of select="$s/@on-track"/></td>
          <td align="center"><xsl:value-of select="$s/@behind"/></td>
          <td align="center"><xsl:value-of select="$s/@off-track"/></td>
          <td align="center"><xsl:value-of select="$s/@no-data"/></td>
          <td align="center"><xsl:value-of select="$s/@not-assessable"/></td>
        </tr>
      </xsl:for-each>
    </table>
  </xsl:template>

  <!-- One section per catalog group, in catalog order; in it, one part per shared indicator. -->
  <xsl:template name="groups">
    <xsl:for-each select="$shared">
      <xsl:variable name="g" select="@group"/>
      <!-- The first shared indicator of its group opens the group's section. -->
      <xsl:if test="not(preceding-sibling::c:indicator[@group = $g and @id = $shared/@id])">
        <h2 id="{concat('group-', position())}"><xsl:value-of select="$g"/></h2>
        <xsl:for-each select="$shared[@group = $g]">
          <xsl:call-template name="indicator"/>
        </xsl:for-each>
      </xsl:if>
    </xsl:for-each>
  </xsl:template>

  <xsl:template name="indicator">
    <xsl:variable name="id" select="@id"/>
    <xsl:variable name="entry" select="."/>
    <h3 id="{concat('ind-', $id)}">
      <xsl:value-of select="c:name[@xml:lang = 'zh']"/>
      <xsl:if test="string(@unit) != ''"><xsl:value-of select="concat('（', @unit, '）')"/></xsl:if>
    </h3>
    <p style="brief-lead">
      <xsl:value-of select="c:name[@xml:lang = 'en']"/>
      <xsl:text>　|　</xsl:text>
      <xsl:choose>
        <xsl:when test="@direction = 'higher'">越高越好</xsl:when>
        <xsl:when test="@direction = 'lower'">越低越好</xsl:when>
        <xsl:otherwise>以达到目标值为准</xsl:otherwise>
      </xsl:choose>
      <xsl:text>　|　</xsl:text>
      <xsl:value-of select="count($plans[.//p:indicator/@ref = $id])"/>
      <xsl:text>个地区列有此指标</xsl:text>
    </p>
    <table>
      <col width="22mm"/><col width="*"/><col width="17mm"/><col width="22mm"/><col width="16mm"/>
      <col width="20mm"/><col width="20mm"/>
      <thead>
        <tr>
          <th>地区</th><th>规划所列名称</th><th>2020年</th><th>2025年目标</th><th>推算</th><th>最新值</th><th>状态</th>
        </tr>
      </thead>
      <xsl:for-each select="$plans">
        <xsl:variable name="row" select=".//p:indicator[@ref = $id][1]"/>
        <tr>
          <td><xsl:value-of select="p:meta/p:jurisdiction"/></td>
          <xsl:choose>
            <xsl:when test="$row">
              <xsl:variable name="ev" select="$row/e:eval"/>
              <td>
                <xsl:value-of select="$row/p:name"/>
                <xsl:if test="string($row/p:unit) != ''"><xsl:value-of select="concat('（', $row/p:unit, '）')"/></xsl:if>
              </td>
              <td align="center"><xsl:value-of select="$row/p:baseline"/></td>
              <td align="center"><xsl:value-of select="$row/p:target"/></td>
              <td align="center">
                <xsl:if test="$ev/@target-kind = 'increase-by' or $ev/@target-kind = 'increase-pct' or
                              $ev/@target-kind = 'decrease-pct' or $ev/@target-kind = 'annual-change'">
                  <xsl:value-of select="$ev/@target-value"/>
                </xsl:if>
              </td>
              <td align="center">
                <xsl:choose>
                  <xsl:when test="$ev/@latest-value">
                    <xsl:value-of select="$ev/@latest-value"/>
                    <xsl:if test="$ev/@latest-sample = 'true'">*</xsl:if>
                    <br/><span style="table-note-inline"><xsl:value-of select="$ev/@latest-period"/></span>
                  </xsl:when>
                  <xsl:otherwise>—</xsl:otherwise>
                </xsl:choose>
              </td>
              <td align="center"><badge status="{$ev/@status}"/></td>
            </xsl:when>
            <xsl:otherwise>
              <td colspan="6" align="center"><span style="table-note-inline">本地区规划未列此指标</span></td>
            </xsl:otherwise>
          </xsl:choose>
        </tr>
      </xsl:for-each>
    </table>
    <xsl:if test="count(key('rows', $id)[e:eval/@baseline-value and e:eval/@target-value]) &gt;= 2">
      <xsl:call-template name="compare-dumbbell">
        <xsl:with-param name="rows" select="key('rows', $id)"/>
        <xsl:with-param name="entry" select="$entry"/>
        <xsl:with-param name="id" select="concat('chart-', $id)"/>
        <xsl:with-param name="width" select="'150mm'"/>
        <xsl:with-param name="height" select="concat(string(28 + 9 * count(key('rows', $id))), 'mm')"/>
      </xsl:call-template>
    </xsl:if>
    <!-- Units as meant, not as typed: spaces and full-width ％ aside, 1/10万 is /10万. The rows by key,
         never $plans//p:indicator[@ref = $id]: libxml2 walks every node of every plan for that, and
         the comparison of 50 plans took 5 minutes (bench/SCALE.md). -->
    <xsl:variable name="cu" select="string($entry/@unit)"/>
    <xsl:variable name="odd-units" select="key('rows', $id)
        [not(translate(translate(p:unit, ' ', ''), '％', '%') = $cu or
             substring(translate(translate(p:unit, ' ', ''), '％', '%'), 2) = $cu and starts-with(p:unit, '1/'))]"/>
    <xsl:if test="$odd-units">
      <p style="table-note">
        <xsl:text>注：</xsl:text>
        <xsl:for-each select="$odd-units">
          <xsl:value-of select="ancestor::p:plan/p:meta/p:jurisdiction"/>
          <xsl:text>规划所列单位为“</xsl:text><xsl:value-of select="p:unit"/><xsl:text>”</xsl:text>
          <xsl:if test="position() != last()">；</xsl:if>
        </xsl:for-each>
        <xsl:value-of select="concat('，目录单位为“', $entry/@unit, '”，比较时请注意口径。')"/>
      </p>
    </xsl:if>
    <xsl:if test="key('rows', $id)/e:eval[@latest-sample = 'true']">
      <p style="table-note">标 * 的数值为示例数据，非官方统计。</p>
    </xsl:if>
  </xsl:template>

</xsl:stylesheet>
