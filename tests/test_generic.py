"""When the theme's selectors fail: the generic extractor, through a crawl and on saved pages."""

import json
import subprocess
import sys
from dataclasses import replace
from datetime import datetime

import pytest

from crawler import reparse
from crawler.pages import decode_html, parse_html
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


def test_after_a_redesign_stored_articles_are_read_again_as_themselves_and_an_edit_lands(replica, db_path):
    """Read generically, a page replaces an article its theme read only while it still is that article
    (pipelines/store.py): the redesigned site's pages are, an edited one included."""
    assert run_crawl(replica.url, db_path).returncode == 0
    replica.site.variant = "redesign"
    article = replica.site.articles[26009]
    lines = (*article.body.content[:-1], "编者按：本文于今日更新，补充了项目最新进展和后续安排。")
    article.body = replace(article.body, html="".join(f"<p>{line}</p>" for line in lines), content=lines)
    assert run_crawl(replica.url, db_path, "mode=full").returncode == 0
    assert rows(db_path, "SELECT count(*) AS n FROM rejects")[0]["n"] == 0
    (run,) = rows(db_path, "SELECT * FROM crawl_runs WHERE id = 2")
    assert (run["articles_updated"], run["articles_unchanged"]) == (1, len(replica.site.articles) - 1)
    assert rows(db_path, "SELECT body_text FROM articles WHERE post_id = 26009")[0]["body_text"] == "\n".join(lines)


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
    assert "中文内容" in decode_html(text.encode("gb18030"))
    assert "中文内容" in decode_html(text.replace("utf-8", "gb2312").encode("gb18030"))
    assert "中文内容" in decode_html(text.encode("utf-8"))


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
    # its page is now the article's own: a later rejected fetch will not replace it
    assert [r["rejected"] for r in rows(db_path, "SELECT rejected FROM pages WHERE post_id = 26008")] == [0]


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


# ---------------------------------------------------------------------------------------------
# The generic extractor on classes of pages it was not written against

PROSE = ("今年以来，开发区坚持把招商引资作为“一号工程”，新签约项目46个，总投资312.6亿元，同比增长两成以上。",
         "其中，新材料项目11个，高端装备制造项目9个，涉及新能源汽车零部件、碳基新材料等多个领域。",
         "下一步，开发区将围绕主导产业开展精准招商，力争全年新签约项目100个以上，持续优化营商环境。")


def page(body: str, head: str = "<title>开发区新签约项目46个_新闻中心</title>") -> bytes:
    return f"<html><head>{head}</head><body>{body}</body></html>".encode("utf-8")


def extracted(body: str, head: str = "<title>开发区新签约项目46个_新闻中心</title>") -> dict:
    return extract_page(page(body, head), fetched_at=NOW)


FOOTER_LINES = ("本站郑重声明：所载文章、数据仅供参考，转载请注明出处，未经许可不得复制本网站的任何内容。",
                "主办单位：国务院办公厅，运行维护单位：网站运行中心，联系我们：请在工作日拨打服务电话。")


def paragraphs(*lines: str) -> str:
    return "".join(f"<p>{line}</p>" for line in lines)


def test_a_list_of_other_articles_at_the_bottom_of_the_body_leaves_it_but_a_linked_table_inside_stays():
    headlines = ("另一个园区的项目集中开工仪式隆重举行", "又一批重点项目在开发区签约落地", "省领导调研开发区产业项目建设情况")
    links = "".join(f'<tr><td><a href="/n/{i}.html">{h}</a></td></tr>' for i, h in enumerate(headlines))
    bottom = extracted(f"<table><tr><td>{paragraphs(*PROSE)}<table>{links}</table></td></tr></table>")
    assert bottom["body_text"].split("\n") == list(PROSE)
    between = extracted(f"<table><tr><td>{paragraphs(PROSE[0])}<table>{links}</table>"
                        f"{paragraphs(*PROSE[1:])}</td></tr></table>")
    assert between["body_text"].split("\n") == [PROSE[0], *headlines, *PROSE[1:]]


def test_a_notice_s_list_of_attachments_at_the_bottom_stays():
    files = ("2024年度省级专精特新中小企业申报表.docx", "2024年度申报材料清单及填写说明.pdf", "申报企业基本情况汇总表.xlsx")
    items = "".join(f'<li><a href="/upload/2024/{i}.{name.rsplit(".", 1)[1]}">{name}</a></li>' for i, name in enumerate(files))
    result = extracted(f"<div class='text'>{paragraphs(*PROSE)}<ul>{items}</ul></div>")
    assert result["body_text"].split("\n") == [*PROSE, *files]
    named = [name.rsplit(".", 1)[0] for name in files]   # link texts without the file type
    items = "".join(f'<li><a href="/upload/2024/{i}.pdf">{name}</a></li>' for i, name in enumerate(named))
    result = extract_page(page(f"<div class='text'>{paragraphs(*PROSE)}<ul>{items}</ul></div>"),
                          url="http://www.example.gov.cn/notice/1.html", fetched_at=NOW)
    assert result["body_text"].split("\n") == [*PROSE, *named]


def test_a_lead_paragraph_printed_above_the_body_container_opens_the_body():
    lead = "园区今年签约项目46个，总投资312.6亿元，创下历史新高。"
    result = extracted(f"""<article><h1>开发区新签约项目46个</h1><div class="meta">2024-03-05 09:30</div>
        <p class="chapo">{lead}</p><div class="content">{paragraphs(*PROSE)}</div>
        <div class="tags">招商</div></article>""")
    assert result["body_text"].split("\n") == [lead, *PROSE]


def test_promotion_boxes_inside_the_body_are_furniture():
    result = extracted(f"""<div class="article">{paragraphs(*PROSE[:2])}
        <div class="o-self-promo"><p>下载客户端，随时随地看新闻。</p></div>{paragraphs(PROSE[2])}</div>""")
    assert result["body_text"].split("\n") == list(PROSE)


def test_a_wrapper_named_like_furniture_that_holds_most_of_the_body_is_the_article():
    """gov.cn pages wrap their text in class="pages_content": "pages" is a pagebar's name elsewhere."""
    result = extracted(f"""<div class="article">{paragraphs(PROSE[0])}
        <div class="pages_content">{paragraphs(*PROSE[1:], *PROSE[1:])}</div></div>""")
    assert result["body_text"].split("\n") == [PROSE[0], *PROSE[1:], *PROSE[1:]]


def test_a_short_article_in_pages_content_beside_a_longer_footer_is_the_body():
    """The same gov.cn wrapper around a two-line notice: the footer outweighs it, and "pages" as the
    first word of pages_content is no pager."""
    brief = "另一篇文章的摘要：省里出台新政策，支持开发区建设标准厂房，每平方米补贴一百元。"
    result = extracted(f"""<div class="article"><div class="pages_content">{paragraphs(*PROSE[:2])}</div>
        <div class="pages">上一页 1 2 下一页</div></div><div class="brief"><p>{brief}</p></div>
        <div class="footer">{paragraphs(*FOOTER_LINES)}</div>""")
    assert result["body_text"].split("\n") == list(PROSE[:2])


@pytest.mark.parametrize("printed, expected", [
    ("发布时间：09-30 22:46", "2019-09-30T22:46:13+08:00"),   # no full date printed: the modification meta
    ("发布时间：2019-09-28 08:00", "2019-09-28T08:00:00+08:00"),  # a printed full date wins over it
])
def test_the_last_modified_meta_dates_a_page_that_prints_no_full_date(printed, expected):
    head = '<title>通告</title><meta itemprop="dateUpdate" content="2019-09-30 22:46:13">'
    result = extracted(f"<h1>开发区新签约项目46个</h1><div class='info'>{printed}</div><div>{paragraphs(*PROSE)}</div>",
                       head)
    assert result["published_at"] == expected


@pytest.mark.parametrize("title, body, refused", [
    ("您访问的页面不存在或已删除", "<h1>404!</h1><p>对不起，页面未找到。找不到内容？尝试下站内搜索吧！</p>", True),
    ("404 Not Found", "<h1>Not Found</h1><p>The requested URL was not found on this server.</p>", True),
    ("安全验证", "<h1>访问验证</h1><p>您的访问过于频繁，请输入验证码后继续访问。</p>", True),
    ("网站维护中", "<p>系统升级维护中，预计今晚22:00恢复访问，给您带来不便敬请谅解。</p>", True),
    ("G404国道改造工程开工", "<h1>G404国道改造工程开工</h1><p>G404国道改造工程今日开工，全长12公里，总投资3.2亿元。</p>", False),
    ("警惕验证码诈骗", "<h1>警惕验证码诈骗</h1><p>公安机关提醒，任何索要短信验证码的来电都是诈骗，请勿泄露。</p>", False),
    ("故宫 Forbidden City 迎客", "<h1>故宫迎客</h1><p>故宫博物院今日恢复开放，首日接待游客三万人次。</p>", False),
    ("页面不存在_新闻中心", f"<h1>园区新签约项目46个</h1>{paragraphs(*PROSE, *PROSE)}", False),   # a long text is an article
])
def test_a_short_page_whose_title_says_it_is_an_error_is_no_article(title, body, refused):
    result = extracted(body, f"<title>{title}</title>")
    assert (result.get("rejected") == f"an error page ({title}), served as if it were the article") is refused


def test_markup_after_an_early_closing_html_tag_is_read():
    """A page that includes its header as a whole document (closing </html>) and a comment after it:
    libxml2 puts the rest of the page, article included, in a second top-level <html>."""
    data = (f"<!DOCTYPE html><html><head><title>开发区新签约项目46个</title></head><body>"
            f"<div class='header'><a href='/'>首页</a></div></body></html><!--end header-->"
            f"<div class='content'><div class='article'>{paragraphs(*PROSE)}</div></div>"
            f"<div class='footer'>版权所有</div></body></html>").encode("utf-8")
    result = extract_page(data, fetched_at=NOW)
    assert result["body_text"].split("\n") == list(PROSE)
    assert "rejected" not in result
    loose = parse_html("<html><body><p>页头</p></body></html><!--x-->正文开头<p>第二段</p>结尾</html>").root
    assert "".join(loose.find("body").itertext()) == "页头正文开头第二段结尾"
    # control characters in that text (libxml2 keeps them, lxml refuses them when moved) are dropped, not raised
    control = parse_html("<html><body><p>页头</p></body></html><!--x-->\x01正文\x02<p>第二段</p></html>").root
    assert "".join(control.find("body").itertext()) == "页头正文第二段"


def test_the_first_publication_time_meta_tag_of_government_sites_gives_the_date():
    """TRS, the CMS of most government sites, declares the date as firstpublishedtime."""
    head = '<title>通告</title><meta name="firstpublishedtime" content="2007-08-20-23:59:59">'
    result = extracted(f"<div>{paragraphs('（2007年6月29日第十届全国人民代表大会常务委员会第二十八次会议通过）', *PROSE)}</div>",
                       head)
    assert result["published_at"].startswith("2007-08-20")


LONG = ("2018年，自治区出台若干措施，从2019年1月1日起，对民营企业实行减税降费，三年累计减轻企业负担一百二十亿元，"
        "惠及各类市场主体三十余万户，有力支持了民营经济发展，稳定了市场预期，增强了企业信心，带动新增就业岗位十余万个，"
        "全区民营经济增加值占比稳步提高，民间投资增速连续三年高于全部投资增速，园区承载能力和服务水平明显提升。")


def test_a_text_printed_one_div_per_paragraph_keeps_every_paragraph_beside_its_longest():
    longest = LONG + LONG.replace("2018", "2020")   # most of the text: a container holding it would be the body
    divs = "".join(f"<div>{line}</div>" for line in (PROSE[0], longest, PROSE[1]))
    result = extracted(f"<div class='view TRS_UEDITOR'>{divs}</div><div class='footer'>版权所有</div>")
    assert result["body_text"].split("\n") == [PROSE[0], longest, PROSE[1]]


def test_paragraph_divs_before_a_container_holding_the_rest_of_the_text_stay_with_it():
    """Sohu prints the first paragraphs as divs and folds the rest into one container behind 展开全文."""
    first = "".join(f"<div>{line}</div>" for line in PROSE[:2])   # with the button's div: three divs of inline content
    rest = "".join(f"<div><p>{line}</p></div>" for line in (LONG, LONG.replace("2018", "2019")))
    result = extracted(f"<article class='text'>{first}<div class='lookall-box'><a href='#'>展开全文</a></div>"
                       f"<div class='fold'>{rest}</div></article>")
    assert result["body_text"].split("\n")[:3] == [*PROSE[:2], LONG]


def test_one_notice_div_beside_the_article_container_is_not_part_of_it():
    notice = ("反侵权公告：根据著作权法等法律法规，未经书面许可，擅自转载本报社作品的，将涉嫌侵犯著作权人合法权益。"
              "任何单位或个人使用本报社的原创内容，必须事先取得书面授权；对于各类非法转载行为，欢迎读者提供侵权线索。")
    article = "".join(f"<p>{line}</p>" for line in (*PROSE, LONG))
    result = extracted(f"<div class='main'><div class='essay'>{article}</div><div class='used'>{notice}</div>"
                       f"<div class='source'>来源：光明日报，编辑：王某</div></div>")   # two such divs: still no run
    assert result["body_text"].split("\n") == [*PROSE, LONG]


def test_json_ld_nested_past_the_recursion_limit_is_ignored_and_the_article_read():
    ld = '<script type="application/ld+json">' + "[" * 100_000 + "]" * 100_000 + "</script>"
    result = extracted(f'<div class="article">{paragraphs(*PROSE)}</div>',
                       head=f"<title>开发区新签约项目46个_新闻中心</title>{ld}")
    assert result["body_text"].split("\n") == list(PROSE)


def _post(title: str, stamp: str, text: tuple[str, ...]) -> str:
    return (f'<div class="post"><h3>{title}</h3><span class="time">{stamp}</span>'
            f'<div class="post-body">{paragraphs(*text)}</div>'
            f'<div class="post-footer">由海姑娘张贴 @ {stamp} | 评论(3)</div></div>')


def test_a_blog_front_page_of_dated_posts_yields_its_first_post():
    other = ("第二篇日志的第一段，写的是去年冬天回国探亲的事情，路上的风景和见到的亲人。",
             "第二篇日志的第二段，说到了小时候在乡下看露天电影，和表哥表姐一起玩耍的往事。")
    third = ("第三篇日志讲的是侦探小说，从小学时候起就喜欢看，后来又迷上了侦探电影。",
             "第三篇日志的最后一段，说简单的故事里也包含了很多意义，值得大家一起分享。")
    result = extracted(f"""<div class="side"><a href="/">首页</a></div><div class="posts">
        {_post("湘菜粤菜兵分两路", "2005-06-14 03:25:55", PROSE)}{_post("回忆童年", "2005-06-13 15:00:14", other)}
        {_post("爱上侦探小说", "2005-06-11 14:05:50", third)}</div>""", head="<title>blog.example.com</title>")
    assert result["body_text"].split("\n") == list(PROSE)
    assert result["author"] == "海姑娘"
    assert result["published_at"].startswith("2005-06-14")


def test_an_article_in_sections_built_alike_is_kept_whole_when_not_every_section_is_dated():
    sections = (PROSE[:1], ("2024-03-05 09:30，第二部分：签约仪式上，十二个项目集中签约，涉及新材料、高端装备等产业。",
                            "签约企业负责人表示，将加快项目落地，争取早日投产达效。"), PROSE[1:])
    body = "".join(f'<div class="section">{paragraphs(*lines)}</div>' for lines in sections)
    result = extracted(f'<div class="article">{body}</div>')
    assert result["body_text"].split("\n") == [line for lines in sections for line in lines]


def test_credit_kicker_date_counter_trackback_and_footer_lines_are_page_furniture():
    result = extracted(f"""<div class="text"><p>【新春走基层】</p><p>本报记者 王燕平 方云凤</p><p>2003-7-24 钱江晚报</p>
        {paragraphs(*PROSE)}<p>记者从园区管委会获悉，今年还将新建标准厂房20万平方米。</p>
        <p>(本文发表于首页, 已被阅读178次)</p><p>本文引用通告地址: http://blog.example.com/tb/1700</p>
        <p>- 作者： 流泉 访问统计： 2005年08月30日, 星期二 13:22</p></div>""")
    assert result["body_text"].split("\n") == [*PROSE, "记者从园区管委会获悉，今年还将新建标准厂房20万平方米。"]


def test_an_english_date_line_above_the_text_goes_but_a_notice_signature_date_stays():
    result = extracted(f"""<div class="entry"><p>Saturday, September 10th, 2005 10:56 am</p>{paragraphs(*PROSE)}
        <p>吉林省人民政府</p><p>2022年1月27日</p></div>""")
    assert result["body_text"].split("\n") == [*PROSE, "吉林省人民政府", "2022年1月27日"]


BYLINE_FORMS = {
    "writer after a bar": ("<p>文丨李清芬</p>", "李清芬"),
    "label in brackets": ("<p>【作者】王燕平</p>", "王燕平"),
    "name before /文": ("<p>王燕平/文</p>", "王燕平"),
    "label and a space": ("<p>作者 王燕平　来源 晋中日报</p>", "王燕平"),
    "spaced-out name": ("<p>作者：赵 培</p>", "赵培"),
    "name in brackets after the date": ("<div>2004年7月16日08:19 [ 黄宇 ]</div>", "黄宇"),
    "name in brackets before the source": ("<div>【黄宇】 来源：国际金融报</div>", "黄宇"),
    "writer and photographer": ("<p>文/图 李清芬</p>", "李清芬"),
    "editor after a bar": ("<p>编辑丨李楠</p>", "李楠"),
    "user name before the posting date": ("<div>放飞心情 发表于 2005-08-28 20:56</div>", "放飞心情"),
    "issuing body": ("<table><tr><td>发文机关：</td><td>吉林省人民政府</td></tr></table>", "吉林省人民政府"),
    "newspaper's square before the name": ("<p>□王燕平</p>", "王燕平"),
    "commentator": ("<p>特约评论员 王燕平</p>", "王燕平"),
    "name before 文/图": ("<p>王燕平 文/图</p>", "王燕平"),
    "publisher of a notice": ("<p>发布者：王燕平</p>", "王燕平"),
    "transliterated name": ("<p>记者 阿卜杜拉·艾买提</p>", "阿卜杜拉·艾买提"),
    "editor without a colon": ("<p>责任编辑 王燕平</p>", "王燕平"),
    "editor in brackets": ("<p>（编辑 王燕平）</p>", "王燕平"),
}


@pytest.mark.parametrize("byline, author", BYLINE_FORMS.values(), ids=BYLINE_FORMS.keys())
def test_common_byline_forms_give_the_author(byline, author):
    assert extracted(f"{byline}<div class='text'>{paragraphs(*PROSE)}</div>")["author"] == author


def test_a_transliterated_name_in_running_text_is_no_byline():
    line = "美国记者赫德里克·史密斯在书中写道，犬儒主义弥漫于整个社会。"
    assert extracted(f"<div class='text'>{paragraphs(*PROSE, line)}</div>")["author"] is None


def test_a_name_on_its_own_line_between_the_title_and_the_text_is_the_author_whatever_the_surname():
    result = extracted(f"<div class='text'><p>我是怎样卷入这场讨论的</p><p>茉莉</p>{paragraphs(*PROSE)}</div>")
    assert result["author"] == "茉莉"
    column = extracted(f"<div class='text'><p>开发区新签约项目46个</p><p>要闻</p>{paragraphs(*PROSE)}</div>")
    assert column["author"] is None


def test_words_before_a_posting_date_are_no_user_name():
    assert extracted(f"<div class='text'>{paragraphs(*PROSE)}<p>本文 发表于 2005-08-28 20:56</p></div>")["author"] is None


def test_a_meta_author_naming_the_site_software_gives_way_to_the_byline():
    result = extracted(f"<p>记者 王燕平</p><div class='text'>{paragraphs(*PROSE)}</div>",
                       head='<title>论坛</title><meta name="author" content="Discuz! Team and Comsenz UI Team">')
    assert result["author"] == "王燕平"


def test_a_spaced_out_two_character_name_in_a_meta_tag_is_one_name():
    result = extracted(f"<div class='text'>{paragraphs(*PROSE)}</div>",
                       head='<title>论文</title><meta name="citation_author" content="赵 培">')
    assert result["author"] == "赵培"


# ---------------------------------------------------------------------------------------------
# Who wrote it: bylines near the article, in the page's own order, and what is no writer's name


def test_a_user_name_linked_before_its_posting_date_is_read_in_document_order():
    result = extracted(f"""<table><tr><td><a href="/c/1">[湖湘文化]</a> <a href="/p/2">开发区新签约项目46个</a>
        <a href="/u/ggjjzhzz">ggjjzhzz</a> 发表于 2005-9-15 11:46:00</td></tr></table>
        <div class='text'>{paragraphs(*PROSE)}</div>""")
    assert result["author"] == "ggjjzhzz"


def test_bylines_of_other_articles_in_link_lists_and_sidebars_are_not_the_author():
    tags = "".join(f"<a href='/tag/{i}'>园区产业招商标签{i}</a> " for i in range(30))
    result = extracted(f"""<ul><li><a href="/n/1">记者王五探访开发区新材料产业园</a></li>
        <li><a href="/n/2">图文 口述：我在园区的十年</a></li></ul>
        <div class='text'>{paragraphs(*PROSE)}</div><div class='tags'>{tags}</div>
        <div class='column'><a href='/c/1'>专栏：园区观察</a> 作者：李四</div>""")
    assert result["author"] is None


def test_the_reporters_under_the_title_win_over_a_reposting_blog_s_footer():
    result = extracted(f"""<div class='text'><p>本报记者 王燕平 方云凤</p>{paragraphs(*PROSE)}
        <p>- 作者： <a href="/u/1">流泉</a> 访问统计： 2005年08月30日</p></div>""")
    assert result["author"] == "王燕平 方云凤"


def test_a_meta_author_is_taken_only_when_it_names_a_person():
    site = extracted(f"<div class='text'>{paragraphs(*PROSE)}<p>责任编辑：杨倩_NF4425</p></div>",
                     head='<title>开发区新签约项目46个_网易新闻</title><meta name="author" content="网易">')
    assert site["author"] == "杨倩"
    source = extracted(f"<div class='text'>{paragraphs(*PROSE)}<p>责任编辑：张迪</p></div>",
                       head='<title>开发区新签约项目46个</title><meta name="author" content="参考消息">')
    assert source["author"] == "张迪"
    person = extracted(f"<div class='text'>{paragraphs(*PROSE)}<p>责任编辑：张迪</p></div>",
                       head='<title>开发区新签约项目46个</title><meta name="author" content="王建宏,张文攀">')
    assert person["author"] == "王建宏 张文攀"
    handle = extracted(f"<div class='text'>{paragraphs(*PROSE)}</div>",
                       head='<title>一日一技</title><meta name="author" content="kingname">')
    assert handle["author"] == "kingname"


NO_WRITER = {
    "unknown": "<p>作者：未知</p>",
    "from the web": "<p>来源：网络</p>",
    "compiled from the web": "<p>作者：网络整理 阅读：1644</p>",
    "an outlet's short name as the source": "<p>来源：钛媒体</p>",
    "an outlet's two-character name as the source": "<p>发布时间：2024-07-03 来源：财新</p>",
    "a photo credit in brackets": "<p>图为签约仪式现场。（刘通摄）</p>",
    "a linked name quoted in a sentence": "<p>他的歌曾被改唱，如“天使”（<a href='/wiki/x'>徐怀钰</a>）<sup>[7]</sup>，流传很广。</p>",
    "a name in brackets inside a sentence": "<p>他的歌曾被改唱，如“天使”（徐怀钰）等，流传很广。</p>",
    "when it was posted, under the title": "<p>运营商促销方式曝光</p><p>昨天</p>",
    "a byline element holding the breadcrumb": ("<div class='news-author'>当前位置：<a href='/'>某某新闻网</a> &gt; "
                                                "<a href='/n/'>新闻资讯</a></div>"),
}


@pytest.mark.parametrize("line", NO_WRITER.values(), ids=NO_WRITER.keys())
def test_placeholders_photo_credits_and_quoted_names_are_no_author(line):
    assert extracted(f"<div class='text'>{line}{paragraphs(*PROSE)}</div>")["author"] is None


def test_an_editor_is_the_author_when_no_writer_is_named_and_the_next_label_is_not_a_name():
    result = extracted(f"<div class='text'>{paragraphs(*PROSE)}<p>作者：未知 责任编辑：张申 关键字：芯片</p></div>")
    assert result["author"] == "张申"
    photo = extracted(f"""<div class='text'><p>图片来源：每经记者 张蕊 摄</p>{paragraphs(*PROSE)}
        <p>责任编辑：荀建国_NN7379</p></div>""")
    assert photo["author"] == "荀建国"
    glued = extracted(f"<div class='text'><p>记者 黎旭阳 李妍摄</p>{paragraphs(*PROSE)}<p>编辑：禤志杰</p></div>")
    assert glued["author"] == "禤志杰"


def test_a_two_character_name_may_end_like_an_organisation():
    result = extracted(f"<div class='text'><p>本站讯（职工通讯员 李琴雯 刘会）{PROSE[0]}</p>{paragraphs(*PROSE[1:])}</div>")
    assert result["author"] == "李琴雯 刘会"


def test_a_heading_that_is_a_person_s_name_is_the_title_not_the_author():
    result = extracted(f"<h1>金锺国</h1><div class='text'>{paragraphs(*PROSE)}</div>", head="<title>金锺国 - 百科</title>")
    assert result["title"] == "金锺国" and result["author"] is None


def test_an_element_marked_as_the_byline_gives_a_pen_or_user_name():
    forum = extracted(f"""<div class='div_author'>作者： <a href='/user.php?id=3721'>放飞&amp;心情</a><br>振威将军</div>
        <div class='text'>{paragraphs(*PROSE)}<p>楼层：第 2 楼 作者： 秀才</p></div>""")
    assert forum["author"] == "放飞&心情"
    for name in ("加拿大必读", "体育教科书"):
        account = extracted(f"""<div class='author-txt'><p class='author-name'>{name}</p>发布时间：10-08 12:00</div>
            <div class='text'>{paragraphs(*PROSE)}</div>""")
        assert account["author"] == name
    editor_only = extracted(f"""<div class='text'>{paragraphs(*PROSE)}</div><p class='show_author'>责任编辑：张迪</p>""")
    assert editor_only["author"] == "张迪"


def test_names_in_readers_comments_are_not_the_author():
    result = extracted(f"""<div class='text'>{paragraphs(*PROSE)}</div>
        <div class='post_comment'><div class='tie-author'><a href='/u/9'>往事随风</a></div><p>说得好。</p></div>""")
    assert result["author"] is None


def test_a_link_to_the_writer_s_archive_names_the_writer_when_nothing_else_does():
    sidebar = "".join(f"<li><a href='/?pc={i}&amp;author=102'>分类{i}</a></li>" for i in range(3))
    result = extracted(f"""<div class='text'>{paragraphs(*PROSE)}</div>
        <div class='about'><ul>{sidebar}</ul><a href='http://blog.example.com/?author=102'>太小心</a></div>""")
    assert result["author"] == "太小心"


# ---------------------------------------------------------------------------------------------
# Which block is the body


def test_text_hidden_by_its_markup_never_outweighs_the_article():
    hidden = "".join(f"<li style='display:none;'>http://www.county{i}.example.gov.cn/</li><li><a href='/c/{i}'>县区{i}</a></li>"
                     for i in range(60))
    result = extracted(f"<div class='area'><ul>{hidden}</ul></div><div class='text'>{paragraphs(*PROSE)}</div>")
    assert result["body_text"].split("\n") == list(PROSE)


def test_paragraphs_beside_a_container_holding_most_of_the_article_stay_with_it():
    rest = [f"{line}第{n}部分的补充说明，涉及园区的配套建设。" for n, line in enumerate(PROSE * 2)]
    result = extracted(f"<article><div class='more'>{paragraphs(*rest)}</div>{paragraphs(*PROSE)}</article>")
    assert result["body_text"].split("\n") == [*rest, *PROSE]


def test_a_badge_before_the_headline_is_not_part_of_the_title():
    result = extracted(f"<div class='box'><h2><span>原创</span>开发区新签约项目46个</h2>{paragraphs(*PROSE)}</div>",
                       head="<title>开发区新签约项目46个</title>")
    assert result["title"] == "开发区新签约项目46个"
    assert result["body_text"].split("\n") == list(PROSE)


def test_a_footer_with_more_sentences_than_a_short_article_is_still_furniture():
    menu = "".join(f"<a href='/c/{i}'>栏目{i}</a>" for i in range(200))
    footer = ("本站郑重声明：所载文章、数据仅供参考，投资有风险，选择需谨慎。违法和不良信息举报电话：010-85650899，"
              "客服电话：010-85650688，传真：010-85650844，邮箱：service@example.com。"
              "版权所有，复制必究，未经许可不得转载本网站的任何内容。")
    brief = "另一篇文章的摘要：省里出台新政策，支持开发区建设标准厂房，每平方米补贴一百元。"
    result = extracted(f"<div class='menu'>{menu}</div><h1>开发区新签约项目46个</h1>"
                       f"<div class='art'>{paragraphs(*PROSE[:2])}</div><div class='brief'><p>{brief}</p><p>{brief}</p></div>"
                       f"<div class='footer'><div class='txt'><p>{footer}</p></div></div>")
    assert result["body_text"].split("\n") == list(PROSE[:2])


def test_an_article_inside_a_form_is_kept_and_a_search_box_is_not():
    result = extracted(f"""<table><tr><td><form name='_newscontent_fromname'><p>{PROSE[0]}</p>
        <div id='vsb_content'>{paragraphs(*PROSE[1:])}</div></form></td></tr></table>""")
    assert result["body_text"].split("\n") == list(PROSE)
    search = extracted(f"""<div class='text'>{paragraphs(*PROSE)}<form action='/search'>站内搜索 请输入关键词
        <input name='q'><button>搜索</button></form></div>""")
    assert search["body_text"].split("\n") == list(PROSE)


def test_a_page_whose_only_text_is_a_web_address_has_no_body():
    menu = "".join(f"<a href='/c/{i}'>栏目{i}</a> | " for i in range(10))
    result = extracted(f"<div class='top'>{menu}</div><div class='siteurl'>https://www.example.gov.cn/</div>")
    assert result["body_text"] == "" and result["rejected"]


@pytest.mark.parametrize("crumb", ["您所在的位置： 首页 > 快讯 > 公司", "首页 >> 东区新闻 >> 正文", "当前位置：新闻中心"])
def test_a_breadcrumb_opening_the_body_is_furniture_but_a_comparison_in_a_sentence_stays(crumb):
    compared = "三个季度的增速依次回落：一季度 > 二季度 > 三季度，回落幅度收窄。"
    result = extracted(f"<div class='text'><p>{crumb}</p><p>{compared}</p>{paragraphs(*PROSE)}</div>")
    assert result["body_text"].split("\n") == [compared, *PROSE]


# ---------------------------------------------------------------------------------------------
# When it was published


def test_a_notice_s_date_under_its_text_beats_a_date_in_its_first_sentence():
    first = "2019年2月27日下午，顺德区大良街道调研组一行到众创金融街开展调研工作，了解金融街发展情况。"
    result = extracted(f"<div class='text'>{paragraphs(first, *PROSE * 3)}</div><p>发布日期：2019-03-06</p><p>责任编辑：龙慧</p>")
    assert result["published_at"].startswith("2019-03-06")


def test_a_declared_day_takes_its_time_from_the_date_printed_by_the_title():
    head = "<title>开发区新签约项目46个</title><meta name='publishdate' content='2022-02-13'>"
    same = extracted(f"<h1>开发区新签约项目46个</h1><p>2022年02月13日07:48 来源：新华日报</p>"
                     f"<div class='text'>{paragraphs(*PROSE)}</div>", head=head)
    assert same["published_at"] == "2022-02-13T07:48:00+08:00"
    other = extracted(f"<h1>开发区新签约项目46个</h1><p>2022年02月12日07:48 来源：新华日报</p>"
                      f"<div class='text'>{paragraphs(*PROSE)}</div>", head=head)
    assert other["published_at"] == "2022-02-13T00:00:00+08:00"


def test_readers_comments_outweighing_the_article_under_it_are_not_the_body():
    comments = "".join(f"<tr><td>网友{i} 2005-06-1{i} 12:0{i}</td></tr><tr><td>这篇文章写得很好，园区的发展让人看到了希望，"
                       f"期待更多的项目落地，也希望继续优化营商环境。</td></tr>" for i in range(9))
    result = extracted(f"<h1>开发区新签约项目46个</h1><table><tr><td>{paragraphs(*PROSE)}</td></tr></table>"
                       f"<table>{comments}</table>")
    assert result["body_text"].split("\n") == list(PROSE)


def test_a_blog_s_profile_box_before_its_dated_posts_is_not_the_article():
    profile = ("<div class='profile'><p>博主简介：海姑娘，二十七岁，现居墨尔本，喜欢旅行、读书和做菜。"
               "这里记录生活中的点点滴滴，欢迎朋友们常来坐坐。</p></div>")
    other = ("第二篇日志的第一段，写的是去年冬天回国探亲的事情，路上的风景和见到的亲人。",
             "第二篇日志的第二段，说到了小时候在乡下看露天电影，和表哥表姐一起玩耍的往事。")
    result = extracted(f"""<table><tr><td>{profile}</td><td><div class="posts">
        {_post("湘菜粤菜兵分两路", "2005-06-14 03:25:55", PROSE)}{_post("回忆童年", "2005-06-13 15:00:14", other)}
        </div></td></tr></table>""", head="<title>blog.example.com</title>")
    assert result["body_text"].split("\n") == list(PROSE)


def test_the_date_labelled_above_the_text_beats_one_labelled_under_it():
    result = extracted(f"<div class='floor'>楼层：第 1 楼 时间：2005-08-28 20:56:20</div><div class='text'>{paragraphs(*PROSE)}</div>"
                       f"<div class='floor'>楼层：第 2 楼 时间：2005-08-28 23:38:58</div>")
    assert result["published_at"] == "2005-08-28T20:56:20+08:00"


WECHAT_PROFILE = ("<div class='profile_container'><p><label>微信号</label><span>kfq_news</span></p>"
                  "<p><label>功能介绍</label><span>开发区管委会官方账号，发布招商引资、项目建设和营商环境动态</span></p></div>")


def wechat_page(style: str) -> str:
    """A saved WeChat article: the text sits in a container that a script shows once the page has loaded."""
    return (f"<div class='rich_media_wrp'><h1 class='rich_media_title'>开发区新签约项目46个</h1>"
            f"<div class='meta'><span>开发区发布</span> <em>2024-07-03 10:21</em>{WECHAT_PROFILE}</div>"
            f"<div class='rich_media_content' id='js_content' style='{style}'>{paragraphs(*PROSE)}</div></div>")


def test_a_text_kept_invisible_until_a_script_shows_it_is_the_body():
    result = extracted(wechat_page("visibility: hidden;"))
    assert result["body_text"].split("\n") == list(PROSE)
    assert result["author"] is None            # a form label of the account's profile card is no byline
    assert result["published_at"] == "2024-07-03T10:21:00+08:00"


def test_a_script_shown_text_is_read_when_its_wrapper_shows_only_the_title_and_the_account():
    wrapper = ("<div class='rich_media_wrp'><h1>开发区新签约项目46个</h1><span>开发区发布</span> <em>2024-07-03 10:21</em>"
               f"<div id='js_content' style='visibility: hidden;'>{paragraphs(*PROSE)}</div></div>")
    assert extracted(wrapper)["body_text"].split("\n") == list(PROSE)


@pytest.mark.parametrize("shown, revealed", [("园区简介：开发区位于城市东部。", True),
                                             ("园区简介：开发区位于城市东部。交通便利。", False)])
def test_a_page_showing_one_sentence_reads_its_hidden_text_but_one_showing_two_does_not(shown, revealed):
    body = f"<div class='intro'><p>{shown}</p></div><div style='visibility:hidden'>{paragraphs(*PROSE)}</div>"
    assert (PROSE[0] in extracted(body)["body_text"]) is revealed


def test_a_text_not_displayed_at_all_is_no_body():
    """display:none is how pages leave out what they do not show (menus, templates, copies): never the body."""
    assert not any(line in extracted(wechat_page("display: none;"))["body_text"] for line in PROSE)


def test_a_page_that_prints_no_date_is_dated_by_the_day_its_url_names():
    url = "http://www.example.gov.cn/xxgk/202407/t20240703_4567.html"
    result = extract_page(page(f"<div class='text'>{paragraphs(*PROSE)}</div>"), url=url, fetched_at=NOW)
    assert result["published_at"] == "2024-07-03T00:00:00+08:00"


@pytest.mark.parametrize("stamp, published", [
    ("07-03 10:21", "2026-07-03T10:21:00+08:00"),
    ("发布时间：7月3日 10:21", "2026-07-03T10:21:00+08:00"),
    ("3天前", "2026-11-23T"),
    ("昨天 10:21", "2026-11-25T10:21:00+08:00"),
])
def test_a_yearless_stamp_on_its_own_line_above_the_text_dates_a_page_that_prints_no_full_date(stamp, published):
    body = f"<h1>开发区新签约项目46个</h1><p>开发区发布</p><p>{stamp}</p><div class='text'>{paragraphs(*PROSE)}</div>"
    assert extracted(body)["published_at"].startswith(published)


def test_a_yearless_stamp_inside_a_sentence_or_below_the_text_dates_nothing():
    inside = f"<h1>开发区新签约项目46个</h1><p>会议于07-03 10:21召开。</p><div class='text'>{paragraphs(*PROSE)}</div>"
    below = f"<h1>开发区新签约项目46个</h1><div class='text'>{paragraphs(*PROSE)}</div><p>07-03 10:21</p>"
    assert extracted(inside)["published_at"] is None
    assert extracted(below)["published_at"] is None


@pytest.mark.parametrize("lines_between, dated", [(5, True), (6, False)])
def test_a_yearless_stamp_is_looked_for_up_to_six_lines_above_the_text(lines_between, dated):
    between = "".join(f"<p>栏目{i}</p>" for i in range(lines_between))
    body = f"<h1>开发区新签约项目46个</h1><p>07-03 10:21</p>{between}<div class='text'>{paragraphs(*PROSE)}</div>"
    assert (extracted(body)["published_at"] is not None) is dated


def test_a_stamp_beside_a_change_declared_on_another_day_keeps_its_own_day():
    head = ('<title>开发区新签约项目46个</title>'
            '<meta itemprop="dateUpdate" content="2026-10-01 08:00:00">')
    body = f"<h1>开发区新签约项目46个</h1><p>发布时间：09-30 22:46</p><div class='text'>{paragraphs(*PROSE)}</div>"
    assert extracted(body, head)["published_at"] == "2026-09-30T22:46:00+08:00"


def saved_wechat_page(script: str, printed: str = "") -> str:
    """A saved WeChat article: the publication moment is written into the empty <em> by a script."""
    return (f"<div class='rich_media_wrp'><h1 class='rich_media_title'>开发区新签约项目46个</h1>"
            f"<div class='meta'><span>开发区发布</span> <em id='publish_time'>{printed}</em></div>"
            f"<div class='rich_media_content' id='js_content'>{paragraphs(*PROSE)}</div></div>"
            f"<script>{script}</script>")


@pytest.mark.parametrize("script, published", [
    ('var ct = "1659274471";', "2022-07-31T21:34:31+08:00"),     # a Unix time, read in Asia/Shanghai
    ("var publish_time = '2022-07-31' || '';", "2022-07-31T00:00:00+08:00"),
    ("window.data = {createTime: '2022-07-31 21:34'};", "2022-07-31T21:34:00+08:00"),
    ('window.DATA = {"media": "纵相新闻", "pubtime": "2022-07-31 21:34:45"};', "2022-07-31T21:34:45+08:00"),  # JSON keys
])
def test_a_page_whose_script_writes_its_date_in_is_dated_by_the_script(script, published):
    assert extracted(saved_wechat_page(script))["published_at"] == published


def test_a_date_the_page_prints_beats_the_one_its_script_holds():
    result = extracted(saved_wechat_page('var ct = "1659274471";', printed="2022-08-02 09:00"))
    assert result["published_at"] == "2022-08-02T09:00:00+08:00"


@pytest.mark.parametrize("script", ['var account = "1659274471";', 'var ct = "165927447";',
                                    "var product = '2022-07-31';", 'x.ct = "1659274471";'])
def test_other_script_values_date_nothing(script):
    assert extracted(saved_wechat_page(script))["published_at"] is None
