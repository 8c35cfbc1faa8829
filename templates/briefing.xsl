<?xml version="1.0" encoding="UTF-8"?>
<!-- briefing.xsl: the quarterly monitoring briefing (季度监测简报) of one jurisdiction, for a reader with
     five minutes: where each indicator of the plan stands against its 2025 target at a period.

     Input: one ENRICHED plan (docs/templates.md, "The enriched plan"): the program has written each
     indicator's status, derived target, latest and previous values into e:eval, and the counts and the
     data-quality warnings into e:summary. This template computes no status; it lays out what it is given.
     Parameters: period (chosen by the program: the latest observed unless given), theme (default modern).

     Sections, in order: the heading (jurisdiction, plan, period, date of the data); the sample notice
     when any value shown is a sample; 一、总体情况 (the counts as tiles and in one sentence); 二、本期变化
     (indicators whose status changed since the previous period, new observations); 三、指标监测表 (every
     indicator by category: printed baseline and target, derived target, latest value, progress, status);
     四、重点指标 (the indicators that moved, are behind or off track, and the constraint ones); 五、数据
     质量提示 (what validate found, in plain words). Printed texts are copied exactly; derived numbers are
     labelled as derived. -->
<xsl:stylesheet version="1.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns="urn:planrep:doc"
    xmlns:p="urn:planrep:plan"
    xmlns:e="urn:planrep:eval"
    xmlns:t="urn:planrep:theme"
    exclude-result-prefixes="p e t">

  <!-- Imported, not included: this stylesheet's theme default (modern) takes precedence over
       common.xsl's (gbt9704). -->
  <xsl:import href="common.xsl"/>

  <xsl:output method="xml" encoding="UTF-8" indent="no"/>

  <xsl:param name="theme" select="'modern'"/>
  <xsl:param name="period" select="''"/>

  <xsl:variable name="meta" select="/p:plan/p:meta"/>
  <xsl:variable name="sum" select="/p:plan/e:summary"/>
  <xsl:variable name="all" select="/p:plan//p:indicator"/>
  <xsl:variable name="base-year" select="$meta/p:period/@baseline"/>
  <xsl:variable name="end-year" select="$meta/p:period/@end"/>

  <xsl:template match="/">
    <xsl:if test="not(p:plan/e:summary)">
      <xsl:message terminate="yes">briefing.xsl needs an enriched plan (with e:summary): run it through planrep render or planrep build</xsl:message>
    </xsl:if>
    <xsl:apply-templates select="p:plan"/>
  </xsl:template>

  <!-- ==== Words ================================================================================ -->

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

  <!-- 2024Q4 → 2024年第四季度, 2023 → 2023年 -->
  <xsl:template name="period-zh">
    <xsl:param name="p"/>
    <xsl:value-of select="substring($p, 1, 4)"/>年<xsl:choose>
      <xsl:when test="substring($p, 5) = 'Q1'">第一季度</xsl:when>
      <xsl:when test="substring($p, 5) = 'Q2'">第二季度</xsl:when>
      <xsl:when test="substring($p, 5) = 'Q3'">第三季度</xsl:when>
      <xsl:when test="substring($p, 5) = 'Q4'">第四季度</xsl:when>
    </xsl:choose>
  </xsl:template>

  <!-- name（unit） as printed -->
  <xsl:template name="name-unit">
    <xsl:param name="i" select="."/>
    <xsl:value-of select="$i/p:name"/>
    <xsl:if test="string($i/p:unit) != ''">
      <xsl:value-of select="concat('（', $i/p:unit, '）')"/>
    </xsl:if>
  </xsl:template>

  <!-- ==== The document ========================================================================= -->

  <xsl:template match="p:plan">
    <xsl:variable name="period-zh">
      <xsl:call-template name="period-zh"><xsl:with-param name="p" select="$sum/@period"/></xsl:call-template>
    </xsl:variable>
    <document lang="zh-CN" creator="planrep"
              title="{concat($meta/p:jurisdiction, '卫生健康规划监测简报（', $period-zh, '）')}"
              author="{$meta/p:jurisdiction}"
              subject="{concat($meta/p:title, ' 指标监测')}"
              keywords="{concat($meta/p:jurisdiction, ', 监测简报, ', $sum/@period)}">
      <xsl:if test="$meta/p:status = 'draft'">
        <xsl:attribute name="subject">
          <xsl:value-of select="concat($meta/p:title, '（征求意见稿）指标监测')"/>
        </xsl:attribute>
      </xsl:if>
      <xsl:call-template name="theme-parts"/>
      <xsl:if test="$sum/@samples = 'true'">
        <footer align="left" first="true" style="sample-mark">示例数据，非官方统计</footer>
        <watermark>示例数据</watermark>
      </xsl:if>

      <h1 id="top" toc="no"><xsl:value-of select="concat($meta/p:jurisdiction, '卫生健康规划指标监测简报')"/></h1>
      <p style="brief-lead">
        <xsl:value-of select="$period-zh"/>
        <xsl:text>　|　</xsl:text>
        <xsl:value-of select="$meta/p:title"/>
        <xsl:if test="$meta/p:status = 'draft'">（征求意见稿）</xsl:if>
      </p>
      <p style="brief-lead">
        <xsl:text>监测时点：</xsl:text><xsl:value-of select="$sum/@period"/>
        <xsl:text>　数据截至：</xsl:text>
        <xsl:call-template name="latest-data"/>
        <xsl:text>　基期：</xsl:text><xsl:value-of select="$base-year"/>
        <xsl:text>年　目标年：</xsl:text><xsl:value-of select="$end-year"/>年
      </p>
      <xsl:if test="$sum/@samples = 'true'">
        <box title="示例数据说明">
          <!-- Where the samples came from, as the observations say (each sample carries its source). -->
          <p>本简报中除各规划“发展基础”部分所载数值外，其余监测数值均为示例数据（生成方式：<xsl:value-of select="(//e:obs[@sample = 'true'])[1]/@source"/>），非官方统计，仅用于演示报告格式，不得作为工作依据。表中标 * 的数值为示例数据。</p>
        </box>
      </xsl:if>

      <xsl:call-template name="overview"/>
      <xsl:call-template name="changes"/>
      <xsl:call-template name="table"/>
      <xsl:call-template name="focus"/>
      <xsl:call-template name="quality"/>
    </document>
  </xsl:template>

  <!-- The latest period any indicator has a value for. -->
  <xsl:template name="latest-data">
    <xsl:for-each select="$all/e:eval[@latest-period]">
      <xsl:sort select="@latest-period" order="descending"/>
      <xsl:if test="position() = 1">
        <xsl:call-template name="period-zh"><xsl:with-param name="p" select="@latest-period"/></xsl:call-template>
      </xsl:if>
    </xsl:for-each>
    <xsl:if test="not($all/e:eval[@latest-period])">无监测数据</xsl:if>
  </xsl:template>

  <!-- ==== 一、总体情况 ========================================================================= -->

  <xsl:template name="overview">
    <h2 id="overview">一、总体情况</h2>
    <p>
      <xsl:value-of select="$sum/@indicators"/>
      <xsl:text>项主要指标中，达标</xsl:text><xsl:value-of select="$sum/@met"/>
      <xsl:text>项，进度正常</xsl:text><xsl:value-of select="$sum/@on-track"/>
      <xsl:text>项，进度滞后</xsl:text><xsl:value-of select="$sum/@behind"/>
      <xsl:text>项，偏离目标</xsl:text><xsl:value-of select="$sum/@off-track"/>
      <xsl:text>项；</xsl:text>
      <xsl:value-of select="$sum/@no-data"/><xsl:text>项暂无监测数据，</xsl:text>
      <xsl:value-of select="$sum/@not-assessable"/>
      <xsl:text>项目标为定性表述或由上级下达，不作量化评估。</xsl:text>
      <xsl:variable name="worse" select="count($all/e:eval[@changed = 'true' and
          ((@previous-status = 'met' and @status != 'met') or
           (@previous-status = 'on-track' and (@status = 'behind' or @status = 'off-track')) or
           (@previous-status = 'behind' and @status = 'off-track'))])"/>
      <xsl:variable name="better" select="count($all/e:eval[@changed = 'true']) - $worse"/>
      <xsl:if test="$all/e:eval[@changed = 'true']">
        <xsl:text>与上期相比，</xsl:text><xsl:value-of select="$better"/>
        <xsl:text>项状态好转，</xsl:text><xsl:value-of select="$worse"/><xsl:text>项状态变差。</xsl:text>
      </xsl:if>
    </p>
    <xsl:call-template name="tiles"/>
  </xsl:template>

  <!-- The six counts as tiles: a table row of big numbers with their status. -->
  <xsl:template name="tiles">
    <table>
      <col width="*"/><col width="*"/><col width="*"/><col width="*"/><col width="*"/><col width="*"/>
      <tr>
        <xsl:for-each select="$sum/@met | $sum/@on-track | $sum/@behind | $sum/@off-track | $sum/@no-data | $sum/@not-assessable">
          <td align="center" style="tile-number"><xsl:value-of select="."/></td>
        </xsl:for-each>
      </tr>
      <tr>
        <xsl:for-each select="$sum/@met | $sum/@on-track | $sum/@behind | $sum/@off-track | $sum/@no-data | $sum/@not-assessable">
          <td align="center" style="tile-label"><badge status="{local-name()}"/></td>
        </xsl:for-each>
      </tr>
    </table>
  </xsl:template>

  <!-- ==== 二、本期变化 ========================================================================= -->

  <xsl:template name="changes">
    <xsl:variable name="prev" select="$sum/@previous-period"/>
    <xsl:variable name="changed" select="$all[e:eval/@changed = 'true']"/>
    <xsl:variable name="new" select="$all[e:eval/@new-observation = 'true']"/>
    <h2 id="changes">二、本期变化</h2>
    <p>
      <xsl:text>与上期（</xsl:text><xsl:value-of select="$prev"/><xsl:text>）相比，</xsl:text>
      <xsl:choose>
        <xsl:when test="$changed">
          <xsl:value-of select="count($changed)"/><xsl:text>项指标的评估状态发生变化</xsl:text>
        </xsl:when>
        <xsl:otherwise>各指标的评估状态均无变化</xsl:otherwise>
      </xsl:choose>
      <xsl:text>；本期新增监测值</xsl:text><xsl:value-of select="count($new)"/><xsl:text>项。</xsl:text>
    </p>
    <xsl:if test="$changed">
      <table continued="续表">
        <caption>状态变化的指标</caption>
        <col width="*"/><col width="24mm"/><col width="24mm"/><col width="22mm"/><col width="22mm"/>
        <thead>
          <tr><th>指标</th><th>上期状态</th><th>本期状态</th><th>上期值</th><th>本期值</th></tr>
        </thead>
        <xsl:for-each select="$changed">
          <xsl:variable name="ev" select="e:eval"/>
          <tr>
            <td><xsl:call-template name="name-unit"/></td>
            <td align="center"><badge status="{$ev/@previous-status}"/></td>
            <td align="center"><badge status="{$ev/@status}"/></td>
            <td align="center">
              <xsl:value-of select="$ev/@previous-value"/>
              <xsl:if test="$ev/e:obs[@period = $ev/@previous-value-period][last()]/@sample = 'true'">*</xsl:if>
            </td>
            <td align="center">
              <xsl:value-of select="$ev/@latest-value"/>
              <xsl:if test="$ev/@latest-sample = 'true'">*</xsl:if>
            </td>
          </tr>
        </xsl:for-each>
      </table>
    </xsl:if>
  </xsl:template>

  <!-- ==== 三、指标监测表 ======================================================================= -->

  <xsl:template name="table">
    <h2 id="table">三、指标监测表</h2>
    <table continued="续表">
      <caption><xsl:value-of select="/p:plan//p:indicators/p:caption"/></caption>
      <col width="*"/><col width="18mm"/><col width="24mm"/><col width="24mm"/><col width="24mm"/><col width="20mm"/>
      <thead>
        <tr>
          <th>指标</th>
          <th><xsl:value-of select="$base-year"/>年</th>
          <th><xsl:value-of select="$end-year"/>年目标</th>
          <th>最新值</th>
          <th>进度</th>
          <th>状态</th>
        </tr>
      </thead>
      <xsl:for-each select="/p:plan//p:indicators">
        <xsl:for-each select="p:category | p:indicator">
          <xsl:if test="self::p:category">
            <tr><td colspan="6" style="group-row"><xsl:value-of select="@name"/></td></tr>
          </xsl:if>
          <xsl:for-each select="self::p:indicator | p:indicator">
            <xsl:call-template name="row"/>
          </xsl:for-each>
        </xsl:for-each>
      </xsl:for-each>
    </table>
    <p style="table-note">
      <xsl:text>注：基期值与目标值照录规划原文；“推算”为按原文推算的目标数值。进度为最新值在基期值至目标值之间所处位置；状态按 </xsl:text>
      <xsl:value-of select="$base-year"/><xsl:text>年末至</xsl:text><xsl:value-of select="$end-year"/>
      <xsl:text>年末的线性进度判断，未达标且低于基期值（就改善方向而言）为“偏离”。</xsl:text>
      <xsl:if test="$sum/@samples = 'true'">标 * 的数值为示例数据，非官方统计。</xsl:if>
    </p>
  </xsl:template>

  <xsl:template name="row">
    <xsl:variable name="ev" select="e:eval"/>
    <tr>
      <td>
        <xsl:call-template name="name-unit"/>
        <xsl:if test="p:attribute = '约束性'"><span style="table-note-inline">（约束性）</span></xsl:if>
      </td>
      <td align="center"><xsl:value-of select="p:baseline"/></td>
      <td align="center">
        <xsl:value-of select="p:target"/>
        <!-- A derived number is shown as derived, never in place of the printed target. -->
        <xsl:if test="$ev/@target-value and ($ev/@target-kind = 'increase-by' or $ev/@target-kind = 'increase-pct'
                      or $ev/@target-kind = 'decrease-pct' or $ev/@target-kind = 'annual-change')">
          <br/><span style="table-note-inline">推算 <xsl:value-of select="$ev/@target-value"/></span>
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
      <td align="center">
        <xsl:if test="$ev/@progress"><bar value="{$ev/@progress}" max="1"/></xsl:if>
      </td>
      <td align="center"><badge status="{$ev/@status}"/></td>
    </tr>
  </xsl:template>

  <!-- ==== 四、重点指标 ========================================================================= -->

  <!-- The indicators a reader should look at: those whose status changed, those behind or off track,
       and the constraint (约束性) ones, each with its path from the baseline to the target. -->
  <xsl:template name="focus">
    <xsl:variable name="focus" select="$all[e:eval/@changed = 'true' or e:eval/@status = 'behind' or
        e:eval/@status = 'off-track' or (p:attribute = '约束性' and e:eval/@target-value)]"/>
    <h2 id="focus">四、重点指标</h2>
    <xsl:choose>
      <xsl:when test="$focus">
        <p>以下<xsl:value-of select="count($focus)"/>项指标本期状态发生变化、进度滞后、偏离目标或为约束性指标。</p>
        <xsl:for-each select="$focus">
          <xsl:call-template name="focus-item"/>
        </xsl:for-each>
      </xsl:when>
      <xsl:otherwise><p>本期无需重点关注的指标。</p></xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <xsl:template name="focus-item">
    <xsl:variable name="ev" select="e:eval"/>
    <h3 toc="no">
      <xsl:call-template name="name-unit"/>
      <xsl:text>　</xsl:text>
      <xsl:call-template name="status-zh"><xsl:with-param name="s" select="$ev/@status"/></xsl:call-template>
    </h3>
    <p>
      <xsl:value-of select="$base-year"/>
      <xsl:choose>
        <xsl:when test="$ev/@baseline-kind = 'none'"><xsl:text>年基期值未列</xsl:text></xsl:when>
        <xsl:otherwise><xsl:text>年基期 </xsl:text><xsl:value-of select="p:baseline"/></xsl:otherwise>
      </xsl:choose>
      <xsl:text>，</xsl:text><xsl:value-of select="$end-year"/><xsl:text>年目标 </xsl:text>
      <xsl:value-of select="p:target"/>
      <xsl:if test="$ev/@target-value and ($ev/@target-kind = 'increase-by' or $ev/@target-kind = 'increase-pct'
                    or $ev/@target-kind = 'decrease-pct' or $ev/@target-kind = 'annual-change')">
        <xsl:text>（推算目标值 </xsl:text><xsl:value-of select="$ev/@target-value"/><xsl:text>）</xsl:text>
      </xsl:if>
      <xsl:text>；最新值 </xsl:text>
      <xsl:choose>
        <xsl:when test="$ev/@latest-value">
          <xsl:value-of select="$ev/@latest-value"/>
          <xsl:if test="$ev/@latest-sample = 'true'">（示例数据）</xsl:if>
          <xsl:text>（</xsl:text><xsl:value-of select="$ev/@latest-period"/><xsl:text>）</xsl:text>
        </xsl:when>
        <xsl:otherwise>暂无</xsl:otherwise>
      </xsl:choose>
      <xsl:if test="$ev/@trajectory">
        <xsl:text>，按线性进度本期应达 </xsl:text>
        <xsl:value-of select="format-number($ev/@trajectory, '0.##')"/>
      </xsl:if>
      <xsl:if test="$ev/@changed = 'true'">
        <xsl:text>；状态由“</xsl:text>
        <xsl:call-template name="status-zh"><xsl:with-param name="s" select="$ev/@previous-status"/></xsl:call-template>
        <xsl:text>”变为“</xsl:text>
        <xsl:call-template name="status-zh"><xsl:with-param name="s" select="$ev/@status"/></xsl:call-template>
        <xsl:text>”</xsl:text>
      </xsl:if>
      <xsl:text>。</xsl:text>
    </p>
    <xsl:call-template name="focus-chart"/>
  </xsl:template>

  <!-- The indicator's chart: a line over the periods with the trajectory and the target. -->
  <xsl:template name="focus-chart">
    <xsl:call-template name="indicator-line">
      <xsl:with-param name="id" select="concat('chart-', @seq)"/>
      <xsl:with-param name="width" select="'150mm'"/>
      <xsl:with-param name="height" select="'46mm'"/>
      <xsl:with-param name="place" select="$meta/p:jurisdiction"/>
      <xsl:with-param name="source" select="$meta/p:title"/>
    </xsl:call-template>
  </xsl:template>

  <!-- ==== 五、数据质量提示 ===================================================================== -->

  <xsl:template name="quality">
    <h2 id="quality">五、数据质量提示</h2>
    <xsl:choose>
      <xsl:when test="$sum/e:warning">
        <xsl:for-each select="$sum/e:warning">
          <xsl:variable name="seq" select="@seq"/>
          <xsl:variable name="i" select="$all[@seq = $seq]"/>
          <xsl:variable name="name">
            <xsl:call-template name="name-unit"><xsl:with-param name="i" select="$i"/></xsl:call-template>
          </xsl:variable>
          <p>
            <xsl:choose>
              <xsl:when test="@code = 'wrong-side'">
                <xsl:value-of select="concat('“', $name, '”的', $end-year, '年目标（', $i/p:target, '）与', $base-year,
                    '年基期值（', $i/p:baseline, '）相比，并非朝改善方向变化，请核对规划原文。')"/>
              </xsl:when>
              <xsl:when test="@code = 'unit'">
                <xsl:value-of select="concat('“', $name, '”的计量单位为“', $i/p:unit, '”，与指标目录的“',
                    $i/e:eval/@catalog-unit, '”不同，跨地区比较时请注意口径。')"/>
              </xsl:when>
              <xsl:when test="@code = 'alias'">
                <xsl:value-of select="concat('“', $name, '”与指标目录中的“', $i/e:eval/@catalog-name,
                    '”名称不一致，请核对是否为同一指标。')"/>
              </xsl:when>
              <xsl:when test="@code = 'baseline-differs'">
                <xsl:value-of select="concat('“', $name, '”的', $base-year, '年监测值与规划所列基期值（',
                    $i/p:baseline, '）不一致，请核对数据来源。')"/>
              </xsl:when>
              <xsl:when test="@code = 'derived-negative'">
                <xsl:value-of select="concat('“', $name, '”按原文目标（', $i/p:target, '）自基期值（', $i/p:baseline,
                    '）推算的目标值小于零，原文目标可能不适用于该基期，请核对。')"/>
              </xsl:when>
              <xsl:when test="@code = 'unknown-indicator'">
                <xsl:value-of select="concat('监测数据中有序号为', @seq, '的指标，本规划指标表中没有，该数据未被使用。')"/>
              </xsl:when>
              <xsl:otherwise><xsl:value-of select="."/></xsl:otherwise>
            </xsl:choose>
          </p>
        </xsl:for-each>
      </xsl:when>
      <xsl:otherwise><p>未发现数据质量问题。</p></xsl:otherwise>
    </xsl:choose>
  </xsl:template>

</xsl:stylesheet>
