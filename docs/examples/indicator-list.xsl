<?xml version="1.0" encoding="UTF-8"?>
<!-- A small template to copy and change: one page listing a plan's indicators with where each stands.

     Try it:  build/planrep render docs/examples/indicator-list.xsl input/plans/shangqiu.xml -o list.pdf
     and with the parameter period=2024Q2 (render's param option) to see an earlier quarter.

     What it reads: the plan as planrep hands it to every template, with the evaluation written in
     (namespace urn:planrep:eval, docs/templates.md "The enriched plan"): e:eval on every indicator
     (status, latest-value, target-value …) and e:summary on the plan. What it writes: a document in
     urn:planrep:doc (docs/document.md). It brings its own page and styles, so it needs no theme file. -->
<xsl:stylesheet version="1.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns="urn:planrep:doc"
    xmlns:p="urn:planrep:plan"
    xmlns:e="urn:planrep:eval"
    exclude-result-prefixes="p e">

  <xsl:output method="xml" encoding="UTF-8"/>

  <!-- planrep passes this one; declare the parameters you use. -->
  <xsl:param name="period" select="''"/>

  <xsl:template match="/p:plan">
    <xsl:variable name="sum" select="e:summary"/>
    <document lang="zh-CN" title="{concat(p:meta/p:jurisdiction, '主要指标一览')}">
      <page size="A4" margin-top="20mm" margin-bottom="20mm" margin-left="20mm" margin-right="20mm"/>
      <styles>
        <style name="default" font="Noto Sans CJK SC" size="9.5pt" line-height="1.4"/>
        <style name="h1" font="Noto Sans CJK SC" size="15pt" weight="bold" color="#1f4e79"
               space-after="4pt" keep-with-next="true"/>
        <style name="p" indent="0" color="#555555" space-after="6pt"/>
        <style name="th" size="9pt" weight="bold" align="center" background="#e8eef5"/>
        <style name="td" size="9pt"/>
      </styles>
      <!-- Say so whenever a value shown is not an official statistic. -->
      <xsl:if test="$sum/@samples = 'true'">
        <footer align="center" first="true">示例数据，非官方统计</footer>
      </xsl:if>

      <h1><xsl:value-of select="concat(p:meta/p:jurisdiction, '主要指标一览')"/></h1>
      <p>
        <xsl:value-of select="p:meta/p:title"/>
        <xsl:text>　监测时点 </xsl:text>
        <xsl:value-of select="$sum/@period"/>
        <xsl:text>　达标 </xsl:text><xsl:value-of select="$sum/@met"/>
        <xsl:text> 项，进度滞后 </xsl:text><xsl:value-of select="$sum/@behind"/>
        <xsl:text> 项，偏离 </xsl:text><xsl:value-of select="$sum/@off-track"/><xsl:text> 项</xsl:text>
      </p>

      <table continued="续表">
        <col width="*"/><col width="20mm"/><col width="26mm"/><col width="24mm"/><col width="22mm"/>
        <thead>
          <tr><th>指标</th><th>2020年</th><th>2025年目标</th><th>最新值</th><th>状态</th></tr>
        </thead>
        <!-- Every row of the indicator table, in the plan's order. -->
        <xsl:for-each select=".//p:indicator">
          <tr>
            <!-- Printed texts are copied as they are: never retype a plan's numbers. -->
            <td><xsl:value-of select="p:name"/>（<xsl:value-of select="p:unit"/>）</td>
            <td align="center"><xsl:value-of select="p:baseline"/></td>
            <td align="center"><xsl:value-of select="p:target"/></td>
            <td align="center">
              <xsl:value-of select="e:eval/@latest-value"/>
              <xsl:if test="e:eval/@latest-sample = 'true'">*</xsl:if>
            </td>
            <!-- A badge shows the status by shape and words as well as colour. -->
            <td align="center"><badge status="{e:eval/@status}"/></td>
          </tr>
        </xsl:for-each>
      </table>
    </document>
  </xsl:template>

</xsl:stylesheet>
