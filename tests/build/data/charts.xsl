<?xml version="1.0" encoding="UTF-8"?>
<!-- Test template of tests/build: a chart set, one chart for each of the plan's first three indicators
     with a catalog ref (ids chart-<ref>), and one chart without an id, which a chart set skips. -->
<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns="urn:planrep:doc" xmlns:p="urn:planrep:plan"
    exclude-result-prefixes="p">
  <xsl:output method="xml" encoding="UTF-8"/>
  <xsl:template match="/">
    <document lang="zh-CN" title="{p:plan/p:meta/p:jurisdiction}图表">
      <page size="16:9"/>
      <xsl:for-each select="(//p:indicator[@ref])[position() &lt;= 3]">
        <chart id="{@ref}" kind="line" width="320pt" height="180pt"/>
      </xsl:for-each>
      <chart kind="bar" width="100pt" height="50pt"/>
    </document>
  </xsl:template>
</xsl:stylesheet>
