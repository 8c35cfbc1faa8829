<?xml version="1.0" encoding="UTF-8"?>
<!-- Test template of tests/build: one page from all plans together (the e:plans tree), a line each. -->
<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns="urn:planrep:doc" xmlns:p="urn:planrep:plan" xmlns:e="urn:planrep:eval"
    xmlns:c="urn:planrep:catalog" exclude-result-prefixes="p e c">
  <xsl:output method="xml" encoding="UTF-8"/>
  <xsl:template match="/">
    <document lang="zh-CN" title="各地区概览">
      <page size="A5" margin-top="15mm" margin-bottom="15mm" margin-left="15mm" margin-right="15mm"/>
      <h1>各地区概览（<xsl:value-of select="count(e:plans/p:plan)"/> 个地区，
        目录 <xsl:value-of select="count(e:plans/c:catalog/c:indicator)"/> 项指标）</h1>
      <xsl:for-each select="e:plans/p:plan">
        <p><xsl:value-of select="p:meta/p:jurisdiction"/>：达标 <xsl:value-of select="e:summary/@met"/> 项</p>
      </xsl:for-each>
    </document>
  </xsl:template>
</xsl:stylesheet>
