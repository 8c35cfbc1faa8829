<?xml version="1.0" encoding="UTF-8"?>
<!-- charts.xsl: the charts for slides, one chart a file (a chart-set product of planrep build:
     docs/build.md). Every chart is 960 × 540 pt (16:9).

     Input: one enriched plan: one line chart per indicator that has a numeric baseline or an
     observation (its values over the periods, the baseline, the 2025 target and the trajectory),
     id = the catalog id where the row has one, else the plan's sequence number.
     Or several enriched plans with the catalog (e:plans): one dumbbell per catalog indicator two or
     more of them carry, id = the catalog id (the build names the files compare-<id>). -->
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
  <!-- One indicator only (planrep chart with plan and indicator): its catalog id or sequence number. -->
  <xsl:param name="indicator" select="''"/>
  <!-- line (the default: values over the periods), bullet (latest against baseline and target), kpi. -->
  <xsl:param name="kind" select="'line'"/>

  <xsl:key name="rows" match="p:indicator[@ref]" use="@ref"/>

  <xsl:template match="/">
    <document lang="zh-CN" creator="planrep" title="指标图表">
      <page size="16:9" margin-top="0" margin-bottom="0" margin-left="0" margin-right="0"/>
      <xsl:apply-templates select="p:plan | e:plans"/>
    </document>
  </xsl:template>

  <xsl:template match="p:plan">
    <xsl:variable name="place" select="p:meta/p:jurisdiction"/>
    <xsl:variable name="source">
      <xsl:value-of select="p:meta/p:title"/>
      <xsl:if test="p:meta/p:status = 'draft'">（征求意见稿）</xsl:if>
    </xsl:variable>
    <xsl:for-each select=".//p:indicator[e:eval/@baseline-value or e:eval/e:obs]
                          [$indicator = '' or @ref = $indicator or @seq = $indicator]">
      <xsl:variable name="id">
        <xsl:choose>
          <xsl:when test="@ref"><xsl:value-of select="@ref"/></xsl:when>
          <xsl:otherwise><xsl:value-of select="@seq"/></xsl:otherwise>
        </xsl:choose>
      </xsl:variable>
      <xsl:choose>
        <xsl:when test="$kind = 'bullet' or $kind = 'kpi'">
          <xsl:call-template name="indicator-status">
            <xsl:with-param name="id" select="$id"/>
            <xsl:with-param name="kind" select="$kind"/>
            <xsl:with-param name="place" select="$place"/>
            <xsl:with-param name="source" select="$source"/>
          </xsl:call-template>
        </xsl:when>
        <xsl:otherwise>
          <xsl:call-template name="indicator-line">
            <xsl:with-param name="id" select="$id"/>
            <xsl:with-param name="place" select="$place"/>
            <xsl:with-param name="source" select="$source"/>
          </xsl:call-template>
        </xsl:otherwise>
      </xsl:choose>
    </xsl:for-each>
  </xsl:template>

  <xsl:template match="e:plans">
    <xsl:for-each select="c:catalog/c:indicator[count(key('rows', @id)[e:eval/@baseline-value and
                          e:eval/@target-value]) &gt;= 2]">
      <xsl:call-template name="compare-dumbbell">
        <xsl:with-param name="rows" select="key('rows', current()/@id)"/>
        <xsl:with-param name="entry" select="."/>
        <xsl:with-param name="id" select="@id"/>
      </xsl:call-template>
    </xsl:for-each>
  </xsl:template>

</xsl:stylesheet>
