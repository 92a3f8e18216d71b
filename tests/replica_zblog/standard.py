"""The standard second replica: 30 articles over four categories (one a subcategory), tags, two authors,
the installer's guestbook page and a few comments, with fixed publication times."""

from __future__ import annotations

from datetime import datetime, timedelta

from tests.replica_zblog.bodies import SPECIAL, plain_body
from tests.replica_zblog.site import SHANGHAI, Article, Category, Comment, Member, Page, Site, Tag

# The clock the tests use: two days after the newest article, so the calendar module shows May 2024.
FIXED_NOW = datetime(2024, 5, 30, 10, 0, 0, tzinfo=SHANGHAI)
NEWEST = datetime(2024, 5, 28, 16, 42, 17, tzinfo=SHANGHAI)

NEWS, POLICY, SERVICES, PROJECTS = 1, 2, 3, 4
CATEGORIES = (
    Category(NEWS, "园区动态", in_navbar=True),
    Category(POLICY, "招商政策", in_navbar=True),
    Category(SERVICES, "企业服务", in_navbar=True),
    Category(PROJECTS, "项目建设", parent=NEWS),       # a subcategory: listed under 园区动态 too, not in the menu
)
ADMIN, EDITORS = 1, 2
MEMBERS = (Member(ADMIN, "admin"), Member(EDITORS, "bianji", alias="园区编辑部"))
TAGS = (Tag(1, "招商引资"), Tag(2, "项目签约"), Tag(3, "营商环境"), Tag(4, "新能源"), Tag(5, "政策解读"),
        Tag(6, "智能制造"))
GUESTBOOK = 2
DELETED_IDS = (9, 17, 26)                           # deleted long ago: the IDs are simply missing

# Newest first: (title, category, body kind or None for an ordinary body, author, tag ids, 置顶)
ARTICLES = (
    ("总投资38亿元！新能源汽车零部件产业园二期项目开工", PROJECTS, "wechat", EDITORS, (4, 2), False),
    ("2024滨湖产业园“企业开放日”活动举行", NEWS, "gallery", EDITORS, (1,), False),
    ("关于组织申报2024年省级智能制造示范车间的通知", POLICY, "notice", ADMIN, (5, 6), True),
    ("滨湖产业园召开二季度重点项目推进会", NEWS, None, ADMIN, (), False),
    ("23个项目集中开工 总投资152亿元", PROJECTS, "video_more", ADMIN, (2,), False),
    ("滨湖产业园一季度签约项目28个 计划总投资186亿元", NEWS, "sohu", ADMIN, (1, 2), False),
    ('园区举办"智造未来"R&D创新论坛', NEWS, None, EDITORS, (6,), False),
    ("园区推出“一企一专员”服务机制", SERVICES, "ueditor_br", EDITORS, (3,), False),
    ("滨湖产业园新能源产业链招商推介会在沪举行", NEWS, None, ADMIN, (1, 4), False),
    ("滨湖产业园关于2024年度标准厂房租金补贴的实施细则", POLICY, "policy_table", ADMIN, (5,), False),
    ("滨湖产业园获评省级“营商环境创新示范区”", NEWS, None, EDITORS, (3,), False),
    ("生物医药产业园首批企业通过GMP认证", PROJECTS, None, ADMIN, (), False),
    ("园区举办2024年春季人才招聘会 提供岗位3200个", SERVICES, None, EDITORS, (), False),
    ("滨湖产业园与上海张江签署产业合作协议", NEWS, None, ADMIN, (1, 2), False),
    ("关于印发《滨湖产业园招商引资奖励办法》的通知", POLICY, None, ADMIN, (1, 5), False),
    ("园区智能制造产业园三期主体结构封顶", PROJECTS, None, EDITORS, (6,), False),
    ("2023年前三季度园区规上工业增加值同比增长12.8%", NEWS, None, ADMIN, (), False),
    ("园区举办新能源产业链供需对接会", NEWS, None, ADMIN, (4,), False),
    ("滨湖产业园人才公寓二期交付使用", SERVICES, None, EDITORS, (3,), False),
    ("2023年园区第三批技改项目补贴资金拨付到位", POLICY, None, ADMIN, (5,), False),
    ("园区开展安全生产大检查", NEWS, None, EDITORS, (), False),
    ("光伏组件项目设备进场安装", PROJECTS, None, ADMIN, (4,), False),
    ("园区召开四季度招商引资工作推进会", NEWS, None, ADMIN, (1,), False),
    ("滨湖产业园入选省级特色产业园区名单", NEWS, None, EDITORS, (3,), False),
    ("园区企业研发中心获批省级工程技术研究中心", NEWS, None, ADMIN, (6,), False),
    ("关于开展2023年度高新技术企业培育库入库申报的通知", POLICY, None, ADMIN, (5,), False),
    ("储能电池项目签约落户滨湖产业园", PROJECTS, None, EDITORS, (2, 4), False),
    ("园区举办跨境电商政策宣讲会", NEWS, None, ADMIN, (), False),
    ("滨湖产业园上半年经济运行情况发布", NEWS, None, ADMIN, (), False),
    ("园区首家上市公司总部大楼开工", NEWS, None, EDITORS, (2,), False),
)
# (position in ARTICLES, commenter, text, minutes after the article)
COMMENTS = (
    (7, "张先生", "请问园区标准厂房还有空余吗？想了解一下租金。", 95),
    (7, "李女士", "“一企一专员”这个服务很实用，点赞！", 430),
    (3, "王工", "推进会提到的二期项目什么时候开始招商？", 1260),
)
COPYRIGHT = ('Copyright © 2019-2024 滨湖产业园招商网 All Rights Reserved. <a href="https://beian.miit.gov.cn/" '
             'target="_blank" rel="nofollow">苏ICP备19000000号-1</a>')
FRIEND_LINKS = (("Z-Blog on Github", "https://github.com/zblogcn"), ("滨湖人才网", "http://www.bhrc.example/"))


def posted_at(position: int) -> datetime:
    """Publication time of the article at ``position`` (0 = newest): about nine days apart, varied clock times."""
    i = position
    return NEWEST - timedelta(days=9 * i + (i * i) % 5, hours=(i * 7) % 11, minutes=(i * 13) % 60,
                              seconds=(i * 29) % 60)


def standard_site(host: str, mode: str = "dynamic", now: datetime | None = FIXED_NOW, version: str = "1.7.3",
                  comments_open: bool | None = None) -> Site:
    """The replica the tests crawl. ``now=None`` follows the real clock (only the calendar module reads it)."""
    site = Site(host=host, mode=mode, now=now, version=version, comments_open=comments_open, copyright=COPYRIGHT,
                friend_links=FRIEND_LINKS)
    site.members = {m.id: m for m in MEMBERS}
    site.categories = {c.id: c for c in CATEGORIES}
    site.tags = {t.id: t for t in TAGS}
    site.pages[GUESTBOOK] = Page(GUESTBOOK, "留言本", "这是一个留言本，是由程序自动生成的页面，您可以对其进行任意操作。",
                                 datetime(2023, 8, 1, 9, 12, 5, tzinfo=SHANGHAI))
    ids = iter(n for n in range(3, 100) if n not in DELETED_IDS)
    by_position: dict[int, Article] = {}
    for position in reversed(range(len(ARTICLES))):       # oldest first, so IDs grow with time
        title, category, kind, author, tags, top = ARTICLES[position]
        body = SPECIAL[kind] if kind else plain_body(position, count=3 + position % 2, footer=position % 4 != 3,
                                                     image=position % 5 == 0)
        post_id = next(ids)
        by_position[position] = site.add(Article(
            post_id, title, category, posted_at(position), body, author_id=author, tag_ids=tags,
            views=40 + (post_id * 53) % 500, top=top))
    for comment_id, (position, name, text, minutes) in enumerate(COMMENTS, start=1):
        article = by_position[position]
        article.comments += (Comment(comment_id, name, text, article.posted + timedelta(minutes=minutes)),)
    return site


def site_factory(mode: str = "dynamic", **options):
    """A ``site_factory`` for ``tests.replica.server.ReplicaServer``: the standard site in ``mode``."""
    return lambda host: standard_site(host, mode=mode, **options)
