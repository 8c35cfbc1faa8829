/*
 * build/index.c: output/index.html, the page a person opens to see what the build made. One
 * section per jurisdiction (its indicators' status counts at the period evaluated, and its
 * products, each with a thumbnail of its first page and links to its files), then the products
 * made from all plans together. Static HTML with its style inline: no script, nothing fetched from
 * elsewhere, so it works from a file share or a USB stick.
 *
 * The page is a pure function of the manifest's jobs and the state (and this run's failures): it
 * holds no time of day, so that a build which changes nothing rewrites nothing (run.c compares the
 * bytes before writing).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "config.h"
#include "build-int.h"

static const struct {
	const char	*label;		/* as the briefing says it */
	const char	*css;
} statuses[6] = {
	{ "达标", "met" },
	{ "进度正常", "on" },
	{ "进度滞后", "behind" },
	{ "偏离", "off" },
	{ "无数据", "none" },
	{ "不可评估", "na" },
};

static const char style[] =
"body{font-family:\"Noto Sans CJK SC\",\"Source Han Sans SC\",\"Microsoft YaHei\",sans-serif;"
"margin:0;background:#f4f5f7;color:#1d2733;line-height:1.5}\n"
"header{background:#17324d;color:#fff;padding:18px 32px}\n"
"header h1{margin:0;font-size:22px;font-weight:600}\n"
"header p{margin:4px 0 0;font-size:13px;color:#c9d6e3}\n"
"main{padding:8px 32px 32px}\n"
"section{background:#fff;border:1px solid #dde2e8;border-radius:6px;margin:18px 0;padding:14px 18px}\n"
"h2{font-size:18px;margin:0 0 6px}\n"
"h2 small{font-size:13px;color:#6b7785;font-weight:normal;margin-left:8px}\n"
".counts{display:flex;flex-wrap:wrap;gap:6px;margin:4px 0 10px;font-size:13px}\n"
".chip{border-radius:3px;padding:1px 8px;border:1px solid}\n"
".met{background:#e3f4ea;border-color:#2e8b57;color:#1d5e3a}\n"
".on{background:#e6f0fb;border-color:#2f6db5;color:#1f4a7c}\n"
".behind{background:#fdf3e1;border-color:#c98a12;color:#7a5408}\n"
".off{background:#fbe7e7;border-color:#c0392b;color:#8a1f14}\n"
".none,.na{background:#f0f1f3;border-color:#9aa4ae;color:#4a545e}\n"
".period{color:#4a545e}\n"
".sample{color:#8a1f14;font-weight:600}\n"
".cards{display:flex;flex-wrap:wrap;gap:14px}\n"
".card{width:250px;border:1px solid #dde2e8;border-radius:4px;padding:8px;background:#fafbfc}\n"
".card img{display:block;width:240px;height:auto;max-height:340px;object-fit:contain;"
"object-position:top;border:1px solid #c9d0d8;background:#fff}\n"
".card .nothumb{width:240px;height:120px;border:1px dashed #c9d0d8;color:#9aa4ae;"
"display:flex;align-items:center;justify-content:center;font-size:13px}\n"
".card h3{font-size:14px;margin:6px 0 2px}\n"
".card p{font-size:12px;margin:2px 0;color:#4a545e;word-break:break-all}\n"
".card a{color:#1f4a7c}\n"
".failed{border-color:#c0392b;background:#fdf1f0}\n"
".failed h3{color:#8a1f14}\n"
"details{font-size:12px}\n"
"footer{font-size:12px;color:#6b7785;padding:0 32px 24px}\n";

static void
esc(struct build_buf *b, const char *s)
{
	for (; s != NULL && *s != '\0'; s++) {
		switch (*s) {
		case '&':
			build_buf_puts(b, "&amp;");
			break;
		case '<':
			build_buf_puts(b, "&lt;");
			break;
		case '>':
			build_buf_puts(b, "&gt;");
			break;
		case '"':
			build_buf_puts(b, "&quot;");
			break;
		default:
			build_buf_add(b, s, 1);
		}
	}
}

/* A path relative to output/ as a link target: the characters of a URL path kept, the rest %XX. */
static void
url(struct build_buf *b, const char *s)
{
	for (; *s != '\0'; s++) {
		unsigned char c = (unsigned char)*s;

		if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
		    strchr("/-_.~", c) != NULL)
			build_buf_add(b, s, 1);
		else
			build_buf_printf(b, "%%%02X", c);
	}
}

/* Jobs by their plan's id, then by their place in the job list (the manifest's order). */
static int
by_plan(const void *a, const void *b)
{
	const struct build_job	*x = *(const struct build_job *const *)a;
	const struct build_job	*y = *(const struct build_job *const *)b;
	int			 c = strcmp(x->plan_ids[0], y->plan_ids[0]);

	return c != 0 ? c : (x < y ? -1 : x > y);
}

static const struct build_index_failure *
failure_of(const struct build_index_failure *f, size_t n, const char *key)
{
	size_t	 i;

	for (i = 0; i < n; i++)
		if (strcmp(f[i].key, key) == 0)
			return &f[i];
	return NULL;
}

/* One product's card. */
static void
card(struct build_buf *b, const struct build_job *j, const struct build_state *s,
    const struct build_index_failure *fail)
{
	const struct build_record	*r = build_state_find(s, j->key);
	size_t				 i;

	build_buf_printf(b, "<div class=\"card%s\">", fail != NULL ? " failed" : "");
	if (r != NULL && r->thumb != NULL) {
		build_buf_puts(b, "<a href=\"");
		url(b, r->output_count > 0 ? r->outputs[0] : r->thumb);
		build_buf_puts(b, "\"><img src=\"");
		url(b, r->thumb);
		build_buf_puts(b, "\" alt=\"");
		esc(b, r->output_count > 0 ? r->outputs[0] : j->path);
		build_buf_puts(b, " 首页缩略图\"></a>");
	} else
		build_buf_printf(b, "<div class=\"nothumb\">%s</div>", r == NULL ? "尚未生成" : "无缩略图");
	build_buf_puts(b, "<h3>");
	esc(b, j->product->title != NULL ? j->product->title : j->product->name);
	build_buf_puts(b, "</h3>");
	if (r != NULL && r->title != NULL && j->product->shape == BUILD_DOCUMENT) {
		build_buf_puts(b, "<p>");
		esc(b, r->title);
		build_buf_puts(b, "</p>");
	}
	if (fail != NULL) {
		build_buf_puts(b, "<p><strong>本次生成失败：</strong>");
		esc(b, fail->message);
		build_buf_puts(b, r != NULL ? "（以下为上次生成的文件）" : "");
		build_buf_puts(b, "</p>");
	}
	if (r == NULL) {
		if (fail == NULL) {
			build_buf_puts(b, "<p>");
			esc(b, j->path);
			build_buf_puts(b, "：尚未生成</p>");
		}
		build_buf_puts(b, "</div>\n");
		return;
	}
	if (j->product->shape == BUILD_DOCUMENT)
		build_buf_printf(b, "<p>%zu 页</p>", r->pages);
	else
		build_buf_printf(b, "<p>%zu 幅图表</p>", r->pages);
	if (r->output_count <= 3) {
		for (i = 0; i < r->output_count; i++) {
			build_buf_puts(b, "<p><a href=\"");
			url(b, r->outputs[i]);
			build_buf_puts(b, "\">");
			esc(b, r->outputs[i]);
			build_buf_puts(b, "</a></p>");
		}
	} else {
		build_buf_printf(b, "<details><summary>%zu 个文件</summary>", r->output_count);
		for (i = 0; i < r->output_count; i++) {
			build_buf_puts(b, "<a href=\"");
			url(b, r->outputs[i]);
			build_buf_puts(b, "\">");
			esc(b, r->outputs[i]);
			build_buf_puts(b, "</a><br>");
		}
		build_buf_puts(b, "</details>");
	}
	build_buf_puts(b, "</div>\n");
}

static void
counts(struct build_buf *b, const struct build_plan_info *p)
{
	int	 i;

	build_buf_puts(b, "<div class=\"counts\">");
	if (p->period != NULL && strlen(p->period) == 6 && p->period[4] == 'Q' &&
	    p->period[5] >= '1' && p->period[5] <= '4') {
		/* 2024Q4 as its readers write it: 2024年第四季度 */
		static const char *const q[] = { "一", "二", "三", "四" };

		build_buf_printf(b, "<span class=\"period\">监测期 %.4s年第%s季度：</span>", p->period,
		    q[p->period[5] - '1']);
	} else if (p->period != NULL && *p->period != '\0') {
		build_buf_puts(b, "<span class=\"period\">监测期 ");
		esc(b, p->period);
		build_buf_puts(b, "年：</span>");
	} else
		build_buf_puts(b, "<span class=\"period\">尚无监测数据：</span>");
	for (i = 0; i < 6; i++)
		build_buf_printf(b, "<span class=\"chip %s\">%s %zu</span>", statuses[i].css, statuses[i].label,
		    p->counts[i]);
	if (p->samples)
		build_buf_puts(b, "<span class=\"sample\">示例数据，非官方统计</span>");
	build_buf_puts(b, "</div>\n");
}

char *
build_index_html(const struct build_job *jobs, size_t job_count, const struct build_state *s,
    const struct build_index_failure *failures, size_t failure_count)
{
	struct build_buf		 b = { 0 };
	const struct build_plan_info	*info;
	const struct build_job		**order;
	const char			*id;
	size_t				 i, k, m, n = 0, plans = 0, together = 0, built = 0;

	for (i = 0; i < job_count; i++) {
		if (build_state_find(s, jobs[i].key) != NULL)
			built++;
		if (jobs[i].product->together)
			together++;
	}
	build_buf_puts(&b, "<!DOCTYPE html>\n<html lang=\"zh-CN\">\n<head>\n<meta charset=\"utf-8\">\n"
	    "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
	    "<title>规划报告产品一览</title>\n<style>\n");
	build_buf_puts(&b, style);
	build_buf_puts(&b, "</style>\n</head>\n<body>\n<header><h1>规划报告产品一览</h1>");
	build_buf_printf(&b, "<p>共 %zu 个产品，已生成 %zu 个", job_count, built);
	if (failure_count > 0)
		build_buf_printf(&b, "，本次失败 %zu 个", failure_count);
	build_buf_puts(&b, "。由 planrep " PLANREP_VERSION " 生成。</p></header>\n<main>\n");

	/*
	 * Jurisdictions in the order of the plans' ids (the jobs of a product are in that order), each
	 * with every per-plan product; the status counts come from the state's plan records, kept
	 * only while the plan, its observations and the catalog are as they were when evaluated.
	 */
	/* The per-plan jobs sorted by plan id (stable: a plan's products stay in manifest order). */
	if ((order = calloc(job_count + 1, sizeof(*order))) == NULL) {
		build_buf_free(&b);
		return NULL;
	}
	for (i = 0; i < job_count; i++)
		if (!jobs[i].product->together && jobs[i].plan_count > 0)
			order[n++] = &jobs[i];
	qsort(order, n, sizeof(*order), by_plan);
	for (i = 0; i < n; i = k) {
		id = order[i]->plan_ids[0];
		for (k = i; k < n && strcmp(order[k]->plan_ids[0], id) == 0; k++)
			continue;
		plans++;
		info = build_state_plan(s, id);
		build_buf_puts(&b, "<section>\n<h2>");
		esc(&b, info != NULL && info->jurisdiction != NULL ? info->jurisdiction : id);
		build_buf_puts(&b, "<small>");
		esc(&b, id);
		build_buf_puts(&b, "</small></h2>\n");
		if (info != NULL)
			counts(&b, info);
		else
			build_buf_puts(&b, "<div class=\"counts\"><span class=\"period\">尚未评估（规划数据未能读入，"
			    "见构建日志）</span></div>\n");
		build_buf_puts(&b, "<div class=\"cards\">\n");
		for (m = i; m < k; m++)
			card(&b, order[m], s, failure_of(failures, failure_count, order[m]->key));
		build_buf_puts(&b, "</div>\n</section>\n");
	}
	free(order);
	if (together > 0) {
		build_buf_puts(&b, "<section>\n<h2>跨地区产品<small>全部地区</small></h2>\n<div class=\"cards\">\n");
		for (i = 0; i < job_count; i++)
			if (jobs[i].product->together)
				card(&b, &jobs[i], s, failure_of(failures, failure_count, jobs[i].key));
		build_buf_puts(&b, "</div>\n</section>\n");
	}
	if (plans == 0 && together == 0)
		build_buf_puts(&b, "<section><p>清单中没有产品。</p></section>\n");
	build_buf_puts(&b, "</main>\n<footer>本页由 planrep build 生成，每次构建后更新；"
	    "状态按各地区最新监测期计算。</footer>\n</body>\n</html>\n");
	if (b.oom) {
		build_buf_free(&b);
		return NULL;
	}
	return b.data;
}
