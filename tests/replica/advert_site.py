"""A replica portal whose articles carry the site's advert in many wordings, and content that only looks like one.

The bodies are a fixed sample of ``tests/advert_variants.py`` (seeded, so every run serves the
same site): half the articles end with (or hold) an advert composed from parts, the other half
hold notices with contacts, hotline news, project tables with phone columns and photos. A few
written-out articles make sure that each placement of a QR image and each neighbour of an advert
is served, whatever the sample draws.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from tests.advert_variants import sample_advert_body, sample_lookalike_body
from tests.replica.bodies import Body, img, p
from tests.replica.site import CATEGORIES, SHANGHAI, Article, Site

ARTICLES = 100
FIRST_POST = 41000
NEWS = ("园区二期标准厂房主体结构全面封顶，预计明年三月交付使用。", "下一步，园区将加快推进重点项目建设，确保早投产、早见效。")


def _shaped(kind: str, before: list[str], advert: list[str], after: tuple[str, ...] = (), images: tuple[str, ...] = (),
            source: str | None = None, advert_texts: tuple[str, ...] = ()) -> Body:
    """An article from lines (a leading "/" marks an image path; 来源 lines leave body_text) and advert markup."""
    def markup(items) -> str:
        return "".join(img(x) if x.startswith("/") else p(x) for x in items)

    content = tuple(x for x in (*before, *after) if not x.startswith(("/", "来源")))
    return Body(kind=kind, html=markup(before) + "".join(advert) + markup(after), content=content,
                absent=advert_texts, images=images, source=source)


# Placements and neighbours the property tests cover by the thousand, written out once for the crawl.
SHAPES = (
    # a QR image with no alt text and an innocent name opens the block right after article text, its caption below it
    _shaped("qr_then_caption", [NEWS[0]], [img("/zb_users/upload/2024/03/48213377.png"), p("扫码添加招商顾问微信"),
                                           p("手机：139 1234 5678")], advert_texts=("扫码添加招商顾问微信", "48213377.png")),
    # … closes the block, with nothing after it
    _shaped("qr_closing", [NEWS[0]], [p("招商热线：0351-7654321"), p("欢迎来电咨询"), img("/zb_users/upload/2024/03/9931.jpg")],
            advert_texts=("招商热线：0351-7654321", "9931.jpg")),
    # … opens the block after the 来源 line
    _shaped("qr_after_source", [NEWS[0], "来源：山西日报"], [img("/zb_users/upload/2024/03/7751.png"), p("微信同号：13912345678")],
            source="山西日报", advert_texts=("微信同号：13912345678", "7751.png")),
    # a notice's own contact lines right before the advert
    _shaped("notice_then_advert", [NEWS[0], "联系人：王女士", "联系电话：0351-5678901"],
            [p("<strong>园区招商顾问 刘经理</strong>"), p("电话：139-1234-5678")],
            advert_texts=("园区招商顾问 刘经理", "电话：139-1234-5678")),
    # an article photo and its caption, then the advert
    _shaped("photo_then_advert", [NEWS[0], "/zb_users/upload/2024/07/site.jpg", "▲园区标准厂房项目建设现场"],
            [p("长按/扫一扫加葛毅明的微信号"), img("/zb_users/upload/2021/06/25512.jpg")],
            images=("{host}/zb_users/upload/2024/07/site.jpg",), advert_texts=("长按/扫一扫加葛毅明的微信号", "25512.jpg")),
    # a project table with phone columns right before the advert
    Body(kind="table_then_advert", html=p(NEWS[0]) + "<table><tr><td>项目名称</td><td>联系人</td><td>联系电话</td></tr>"
         "<tr><td>冷链物流中心</td><td>张经理</td><td>139 1234 5678</td></tr></table>" + p("扫码咨询厂房土地租售")
         + img("/zb_users/upload/2024/03/6161.png"),
         content=(NEWS[0], "项目名称\t联系人\t联系电话", "冷链物流中心\t张经理\t139 1234 5678"),
         absent=("扫码咨询厂房土地租售", "6161.png")),
    # a QR code whose caption another rule (WeChat boilerplate) removes first
    _shaped("qr_caption_removed_first", [NEWS[0]], [img("/zb_users/upload/2024/03/5120.png"), p("长按识别二维码关注我们")],
            advert_texts=("长按识别二维码关注我们", "5120.png")),
    # a notice signed by its issuer with its own contact lines, then a service's card saying whom to contact
    _shaped("notice_then_service_card", [NEWS[0], "园区招商服务中心", "联系人：王女士", "联系电话：0351-5678901"],
            [p("<strong>【园区招商】</strong>"), p("联系人：刘女士"), p("手机：139-1234-5678"), p("详询 177 1234 5678 李先生")],
            advert_texts=("【园区招商】", "联系人：刘女士", "手机：139-1234-5678", "详询 177 1234 5678 李先生")),
    # an advert between the article's paragraphs
    _shaped("advert_between_paragraphs", [NEWS[0]], [p("vx：yq20245"), img("/zb_users/upload/2024/03/20245.png"),
                                                     p("添加微信请备注“选址”")], after=(NEWS[1],),
            advert_texts=("vx：yq20245", "20245.png", "添加微信请备注“选址”")),
)


def advert_site(host: str, articles: int = ARTICLES) -> Site:
    now = datetime.now(SHANGHAI).replace(microsecond=0)
    site = Site(host=host, now=lambda: now)
    for category in CATEGORIES:
        site.categories[category.id] = category
    bodies = [sample_advert_body(i) if i % 2 == 0 else sample_lookalike_body(i) for i in range(articles)]
    for index, body in enumerate([*SHAPES, *bodies]):
        site.add(Article(FIRST_POST + index, f"园区招商动态第{index + 1}期（{body.kind}）", CATEGORIES[index % 4].id,
                         now - timedelta(hours=5 * index + 1), body, views=10 + index))
    return site
