"""When the theme's selectors fail: the generic extractor, through a crawl and on saved pages."""

import json
import subprocess
import sys
from datetime import datetime

from crawler import generic, reparse
from crawler.extract import extract_page
from tests.conftest import ROOT, offline_env, rows, run_crawl
from tests.replica.site import SHANGHAI, standard_site
from tests.test_ops import health

NOW = datetime(2026, 11, 26, 12, 0, tzinfo=SHANGHAI)


def test_a_redesigned_site_still_yields_correct_articles_and_the_run_is_flagged(replica, db_path):
    replica.site.variant = "redesign"
    assert run_crawl(replica.url, db_path).returncode == 0
    stored = {r["post_id"]: r for r in rows(db_path, "SELECT * FROM articles")}
    assert set(stored) == set(replica.site.articles)
    for article in replica.site.articles.values():
        row = stored[article.post_id]
        assert row["extraction_method"] == "generic"
        assert row["title"] == article.title
        assert row["body_text"] == "\n".join(article.body.content), article.body.kind
        assert row["published_at"][:16] == article.posted.isoformat()[:16]
    (run,) = rows(db_path, "SELECT * FROM crawl_runs")
    assert run["template_drift"] == 1 and run["generic_extractions"] == len(replica.site.articles)
    checked = health(db_path)
    assert checked.returncode == 1 and "template drift" in checked.stdout


def test_the_theme_path_is_used_and_no_drift_flagged_on_the_usual_site(replica, db_path):
    assert run_crawl(replica.url, db_path).returncode == 0
    assert {r["extraction_method"] for r in rows(db_path, "SELECT extraction_method FROM articles")} == {"theme"}
    assert rows(db_path, "SELECT template_drift FROM crawl_runs")[0]["template_drift"] == 0


def test_extract_command_prints_one_json_object_per_file_in_order(tmp_path):
    site = standard_site("http://www.zhongnangaoke.com.cn")
    themed = tmp_path / "9821.html"
    themed.write_text(site.article_page(site.articles[9821]), encoding="utf-8")
    site.variant = "redesign"
    other = tmp_path / "other.html"
    other.write_bytes(site._page(site.article_page(site.articles[26008]))[2])
    done = subprocess.run([sys.executable, "-m", "crawler.extract", str(themed), str(other)], cwd=ROOT,
                          env=offline_env(), capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    first, second = [json.loads(line) for line in done.stdout.splitlines()]
    assert list(first) == ["path", "title", "author", "published_at", "body_text", "method", "portal"]
    assert (first["path"], first["method"], first["author"]) == (str(themed), "theme", "admin")
    assert first["published_at"].startswith("2022-07-05")
    assert first["body_text"].startswith("全省开发区2022年第二次“三个一批”活动举行")
    assert (second["method"], second["title"]) == ("generic", site.articles[26008].title)
    assert second["body_text"] == "\n".join(site.articles[26008].body.content)


def test_gbk_pages_decode_whatever_they_declare():
    text = "<html><head><meta charset='utf-8'><title>园区新闻</title></head><body><p>中文内容，测试。</p></body></html>"
    assert "中文内容" in generic.decode_html(text.encode("gb18030"))
    assert "中文内容" in generic.decode_html(text.replace("utf-8", "gb2312").encode("gb18030"))
    assert "中文内容" in generic.decode_html(text.encode("utf-8"))


def test_generic_fields_from_common_chinese_news_markup():
    page = """<html><head><title>开发区新签约项目46个_新闻中心_某某网</title></head><body>
    <div class="nav"><a href="/">首页</a> <a href="/news">新闻</a> <a href="/p">图片</a></div>
    <div class="main"><h1>开发区新签约项目46个</h1>
    <div class="meta">发布时间：2024-03-05 09:30　来源：晋中日报　记者 王建宏 张文攀</div>
    <div class="text"><p>今年以来，开发区坚持把招商引资作为“一号工程”，新签约项目46个，总投资312.6亿元。</p>
    <p>其中，新材料项目11个，高端装备制造项目9个，涉及新能源汽车零部件、碳基新材料等领域。</p>
    <p>下一步，开发区将围绕主导产业开展精准招商，力争全年新签约项目100个以上。</p></div>
    <div class="related"><h3>相关新闻</h3><ul><li><a href="/1">某地项目开工</a></li><li><a href="/2">又一项目签约</a></li></ul></div>
    </div><div class="footer">版权所有 © 某某网</div></body></html>"""
    result = extract_page(page.encode("utf-8"), fetched_at=NOW)
    assert result["title"] == "开发区新签约项目46个"
    assert result["author"] == "王建宏 张文攀"
    assert result["published_at"] == "2024-03-05T09:30:00+08:00"
    assert result["body_text"].split("\n") == [
        "今年以来，开发区坚持把招商引资作为“一号工程”，新签约项目46个，总投资312.6亿元。",
        "其中，新材料项目11个，高端装备制造项目9个，涉及新能源汽车零部件、碳基新材料等领域。",
        "下一步，开发区将围绕主导产业开展精准招商，力争全年新签约项目100个以上。"]
    assert result["method"] == "generic"


def test_meta_tags_and_json_ld_win_over_page_text():
    page = """<html><head><title>标题</title><meta name="author" content="李清芬">
    <script type="application/ld+json">{"@type": "NewsArticle", "datePublished": "2023-06-01T08:00:00+08:00"}</script>
    </head><body><div><p>记者 王燕平报道，2020-01-01 园区发布了新的产业政策，涉及多个领域的支持措施。</p></div></body></html>"""
    result = extract_page(page.encode("utf-8"), fetched_at=NOW)
    assert result["author"] == "李清芬"
    assert result["published_at"] == "2023-06-01T08:00:00+08:00"


def test_a_page_the_crawl_rejected_is_rescued_by_reparse_with_a_fixed_rule(replica, db_path):
    replica.site.page_faults[26008] = "no_title"
    assert run_crawl(replica.url, db_path, settings=("-s", "GENERIC_FALLBACK=False")).returncode == 0
    assert rows(db_path, "SELECT reason FROM rejects WHERE url LIKE '%/26008.html'")[0]["reason"] == "missing title"
    assert not rows(db_path, "SELECT 1 FROM articles WHERE post_id = 26008")
    assert reparse.main(["--db", str(db_path)]) == 0     # the fix: the generic fallback is on again
    (row,) = rows(db_path, "SELECT * FROM articles WHERE post_id = 26008")
    assert row["title"] == replica.site.articles[26008].title and row["extraction_method"] == "generic"


def test_extract_goes_on_after_a_file_that_fails_and_refuses_oversized_pages(tmp_path):
    good = tmp_path / "good.html"
    good.write_text("<html><head><title>园区签约</title></head><body><div><p>" + "园区项目签约落地，总投资十亿元。" * 20
                    + "</p></div></body></html>", encoding="utf-8")
    folder = tmp_path / "a-folder.html"          # named like a page, but cannot be read as one
    folder.mkdir()
    comments = tmp_path / "comments.html"        # nothing but a comment: no document at all
    comments.write_text("<!-- 空页面 -->", encoding="utf-8")
    huge = tmp_path / "huge.html"
    huge.write_bytes(b"<p>" + b"x" * (11 * 2**20))
    files = [folder, comments, huge, good]
    done = subprocess.run([sys.executable, "-m", "crawler.extract", *map(str, files)], cwd=ROOT,
                          env=offline_env(), capture_output=True, text=True, timeout=120)
    results = [json.loads(line) for line in done.stdout.splitlines()]
    assert [r["path"] for r in results] == [str(f) for f in files]
    assert "Is a directory" in results[0]["error"] and results[0]["body_text"] == ""
    assert "error" not in results[1] and results[1]["rejected"] == "no article body found"
    assert "DOWNLOAD_MAXSIZE" in results[2]["rejected"]
    assert results[3]["method"] == "generic" and "总投资十亿元" in results[3]["body_text"]
    assert done.returncode == 1
