<?xml version="1.0" encoding="UTF-8"?>
<!-- Test template of tests/build: one small page per plan (its title and status counts) with one chart,
     so that a batch of products builds in well under a second. -->
<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns="urn:planrep:doc" xmlns:p="urn:planrep:plan" xmlns:e="urn:planrep:eval"
    exclude-result-prefixes="p e">
  <xsl:output method="xml" encoding="UTF-8"/>
  <xsl:param name="label" select="''"/>
  <xsl:template match="/">
    <xsl:variable name="s" select="p:plan/e:summary"/>
    <document lang="zh-CN" title="{p:plan/p:meta/p:title}" creator="planrep tests">
      <page size="A5" margin-top="15mm" margin-bottom="15mm" margin-left="15mm" margin-right="15mm"/>
      <styles><style name="p" font="Noto Sans CJK SC" size="10pt"/></styles>
      <h1><xsl:value-of select="p:plan/p:meta/p:jurisdiction"/><xsl:value-of select="$label"/></h1>
      <p>监测期 <xsl:value-of select="$s/@period"/>：达标 <xsl:value-of select="$s/@met"/> 项，
        进度滞后 <xsl:value-of select="$s/@behind"/> 项。</p>
      <chart id="overview" kind="bar" width="100mm" height="50mm"/>
    </document>
  </xsl:template>
</xsl:stylesheet>
