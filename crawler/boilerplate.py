"""Boilerplate that republished Chinese news bodies carry, whichever site republished them.

Sohu and WeChat artefacts, credit lines and 来源 lines. Patterns are matched on NFKC text,
so full-width and ASCII punctuation both match (：→:, ，→,, （→().
A portal module adds its own site rules (contact blocks, copy notices) to these.
"""

import re

from dataclasses import dataclass

from crawler.cleaning import CleanedBody, ImageRule, LineRule, LinkListRule, nfkc
from crawler.names import DOUBLE_SURNAMES, SURNAMES

_COLON = r"\s*:\s*"
# A credit's label and its names are parted by a colon or, as WeChat accounts print them, a bar: 编辑｜刘洋.
_LABEL_END = r"\s*[:|丨]\s*"

# Sohu ------------------------------------------------------------------------------------
SOHU_MEDAL = LineRule(
    "sohu_medal",
    re.compile(r"(由内容质量、互动评论、分享传播等多维度分值决定,)?勋章级别越高\(.{0,20}?\),代表其在平台内的综合表现越好。?"),
    strip=True,
)
ORIGINAL_TITLE = LineRule("original_title", re.compile(r"^原标题" + _COLON + r"(.+)$"), max_len=200,
                          field="original_title", first_blocks=6)
SOHU_BACK_LINK = LineRule("sohu_back_link", re.compile(r"返回搜狐\s*,?\s*查看更多"), strip=True)
SOHU_DISCLAIMER = LineRule(
    "sohu_disclaimer",
    re.compile(r"^(平台)?声明" + _COLON + r".{0,40}搜狐"),
    max_len=160,
)
SOHU_EXCLUSIVE = LineRule("sohu_exclusive", re.compile(r"^搜狐.{0,10}独家稿件.{0,4}严禁转载$"), max_len=40)

# WeChat ----------------------------------------------------------------------------------
WECHAT_FOLLOW = LineRule(
    "wechat_follow",
    re.compile(r"(点击|点)(上方|上面|顶部).{0,12}关注|^[▲↑\s]*(欢迎)?关注我们[!。.]*$"),
    max_len=30,
)
WECHAT_END = LineRule("wechat_end", re.compile(r"^[-—_=·\s]*(END|End|end|完|THE END)[-—_=·\s]*$"), max_len=12)
WECHAT_RECOMMENDED = LinkListRule("wechat_recommended", re.compile(r"^[#\s\-—·]*(往期推荐|往期回顾|推荐阅读|相关阅读|精彩推荐|热文推荐)[\s\-—·]*$"))
WECHAT_SCAN = LineRule(
    "wechat_scan",
    re.compile(r"长按(识别)?(二维码|图片)|识别(图中)?二维码|扫码关注|扫描二维码关注|扫一扫关注"),
    max_len=40,
)
WECHAT_LIKE = LineRule(
    "wechat_like",
    re.compile(r"点个?[“\"]?在看|分享.{0,2}点赞.{0,2}在看|点赞.{0,2}在看|^(分享|点赞|在看)([、,/\s]+(分享|点赞|在看|收藏))+$"),
    max_len=30,
)
WECHAT_READ_ORIGINAL = LineRule("wechat_read_original", re.compile(r"^(点击|戳)?\s*(左下角)?\s*[“\"]?阅读原文[”\"]?"), max_len=30)
# A republisher's disclaimer, in the many words sites print it: a line opening with its label (免责声明：…),
# or one that says whose the copyright is, offers removal on infringement, disowns the views, or rules
# on reprinting. Short lines only: a sentence of the article that mentions copyright is longer or says more.
REPOST_DISCLAIMER = LineRule(
    "repost_disclaimer",
    re.compile(r"^[(\[【]?\s*(?:免责|版权|特别|郑重|平台)声明" + _COLON
               + r"|^[(\[【]?\s*声明" + _COLON + r".{0,80}(?:版权|侵权|转载|转自|观点|立场|作者|来源|出处)"
               + r"|版权(?:归|属于?)(?:原|本)?(?:作者|原创|出处|网站|媒体|文作者|来源|单位|平台)"
               + r"|(?:如有|若有|如涉及|如涉|若涉及|如果涉及)(?:侵权|版权问题|版权争议)"
               + r"|(?:仅|只)代表(?:原?作者|个人|发布者)?(?:本人)?(?:的)?(?:个人)?(?:观点|看法|立场)"
               + r"|不代表本(?:站|网|网站|平台|号|公众号|刊|报)"
               + r"|转载请(?:务必)?(?:注明|保留|标明|标注)"
               + r"|未经(?:授权|许可|同意|书面授权|书面许可).{0,10}(?:不得|严禁|禁止|请勿|谢绝)(?:转载|复制|转发|使用|摘编)"
               + r"|^版权所有\s*(?:[©(]|\d{4}|$)"),
    max_len=160,
)

# Credit and provenance lines ---------------------------------------------------------------
# A site's own line under its articles: "本文由X整理发布，转载请注明出处" (with or without its contact).
REPRINT_NOTICE = LineRule(
    "reprint_notice",
    re.compile(r"(本文|此文|文章)由.{1,40}?(整理|编辑|原创|发布|提供|首发).{0,30}?(转载|转发|引用).{0,6}?(注明|保留)(出处|来源)"),
    max_len=160,
)
SOURCE_LINE = LineRule("source", re.compile(r"^(?:文章|信息|新闻|稿件)?来源" + _LABEL_END + r"(.{1,60}?)\s*$"),
                       max_len=70, field="source")
EDITOR_LINE = LineRule(
    "editor_credit",
    re.compile(r"^[(\[【]?([\u4e00-\u9fa5]{0,4}编辑|责编|审核|审校|校对|排版|初审|复审|终审|美编|监制|统筹|发布人|发布者)"
               + _LABEL_END + r".{0,30}$"),
    max_len=40,
)

QR_IMAGE = ImageRule("qr_image", re.compile(r"qr[-_.]|qrcode|erweima|二维码|微信号|公众号", re.I))

REPUBLISHING_RULES = (
    SOHU_MEDAL,
    ORIGINAL_TITLE,
    SOHU_BACK_LINK,
    SOHU_DISCLAIMER,
    SOHU_EXCLUSIVE,
    WECHAT_FOLLOW,
    WECHAT_END,
    WECHAT_RECOMMENDED,
    WECHAT_SCAN,
    WECHAT_LIKE,
    WECHAT_READ_ORIGINAL,
    REPOST_DISCLAIMER,
    REPRINT_NOTICE,
    SOURCE_LINE,
    EDITOR_LINE,
    QR_IMAGE,
)


# Page furniture a generic extraction may catch with the body --------------------------------
# (the theme path never reads outside the article body, so it does not need these)
_TOOL_WORDS = (r"发表评论|我要评论|查看评论|打印本文|打印此文|打印|关闭窗口|关闭本页|关闭|发送给朋友|推荐给朋友|转发给朋友|"
               r"收藏本文|收藏此文|加入收藏|收藏|返回页首|返回顶部|回到顶部|返回首页|返回列表|展开全文|阅读全文|字号|"
               r"大|中|小|默认|分享到|分享|复制链接|纠错|举报|投稿|订阅|放大|缩小")
TOOL_LINE = LineRule("page_tools", re.compile(r"^[\s|｜/·•\[\]【】()<>《》:-]*((" + _TOOL_WORDS +
                                               r")[\s|｜/·•\[\]【】()<>《》:-]*)+$"), max_len=60)
RELATED_LIST = LinkListRule(
    "page_related",
    re.compile(r"^[\s【\[]*(相关(报道|新闻|文章|阅读|链接|专题)|延伸阅读|热点推荐|热门推荐|今\s*日\s*推\s*荐|更多(新闻|精彩)|"
               r"猜你喜欢|大家都在看|热门文章|最新文章)[\s】\]:]*$"),
    max_len=20,
)
RECOMMEND_ROW = LineRule("page_related", re.compile(r"^今\s*日\s*推\s*荐|^相关(报道|新闻|链接)\s*:"), max_len=300)
RELATED_ITEM = LineRule("page_related", re.compile(r"^[·•]\s*.{4,80}\(\d{4}[-/年]\d{1,2}[-/月]\d{1,2}.{0,14}\)$"),
                        max_len=110)
# Where the page sits in the site: "您所在的位置：首页 > 快讯 > 公司", "首页 >> 东区新闻 >> 正文".
BREADCRUMB = LineRule(
    "page_breadcrumb",
    re.compile(r"^(?:您?(?:当前|现在|所在)的?位置|当前页面|所在栏目)\s*:"
               r"|^(?:[^。!?,;:]{1,16}\s*(?:>{1,2}|»|›|→)\s*){2,}[^。!?,;]{0,30}$"),
    max_len=80, first_blocks=3,
)
# Links to the neighbouring articles: 上一篇：园区召开大会
PREV_NEXT = LineRule("page_prev_next", re.compile(r"^[\s【\[]*(?:上一|下一|前一|后一)(?:篇|条|则|页)\s*[:】\]]"),
                     max_len=120)
PAGINATION = LineRule("page_pagination", re.compile(r"第\s*\d+\s*页\s*/\s*共\s*\d+\s*页|上一页.{0,8}下一页"), max_len=80)
_BYLINE_PATTERN = re.compile(
    r"\d{4}\s*[-/.年]\s*\d{1,2}\s*[-/.月]\s*\d{1,2}.{0,60}(来源|更新|发布|作者|编辑|点击|浏览|阅读|字号|评论)"
    r"|(来源|发布时间|发表于|作者|编辑|时间)\s*:?.{0,40}\d{4}\s*[-/.年]\s*\d{1,2}\s*[-/.月]\s*\d{1,2}")
BYLINE = LineRule("page_byline", _BYLINE_PATTERN, max_len=120, first_blocks=4)
# Reporters' credit lines, above or under the text: "本报记者 王燕平 方云凤", "新京报记者 彭冲 山东冠县报道".
# A one-character role (文, 图, 摄) is followed by a separator or a space; a longer one may run straight
# into a name, which then opens with a surname: 本报记者王燕平, but not 记者招待会, 文化产业, 摄影大赛.
_CREDIT_ROLE = (r"(?:(?:[\u4e00-\u9fa5]{0,8}?(?:记者|实习生|通讯员|特约撰稿人?)|摄影|作者)"
                r"(?:\s*[:/|丨]\s*|\s+|(?=" + "|".join(DOUBLE_SURNAMES) + "|[" + "".join(sorted(SURNAMES)) + r"]))"
                r"|(?:摄|文|图)\s*(?:[:/|丨]\s*|\s+))")
_CREDIT_NAMES = r"[\u4e00-\u9fa5·]{2,4}(?:[\s、,]+[\u4e00-\u9fa5·]{2,4})*?"
CREDIT_LINE = LineRule(
    "page_credit",
    re.compile(r"^[(\[【]?\s*" + _CREDIT_ROLE + _CREDIT_NAMES + r"(?:\s+" + _CREDIT_ROLE + _CREDIT_NAMES + r")*"
               r"(?:\s+[\u4e00-\u9fa5]{2,8}报道)?\s*[)\]】]?$"),
    max_len=60,
)
# A column's name in brackets opening the text: 【新春走基层】
KICKER = LineRule("page_kicker", re.compile(r"^【[^】]{2,12}】$"), first_blocks=3)
# A line that is only the date (with a weekday, a time, the paper's name) above the text; a date
# under the text is a notice's signature and stays.
_WEEKDAY_DATE = (r"(?:[A-Z][a-z]+day,?\s+)?[A-Z][a-z]+\s+\d{1,2}(?:st|nd|rd|th)?,?\s+\d{4}"
                 r"(?:\s+(?:at\s+)?\d{1,2}:\d{2}(?:\s*[ap]m)?)?")
_CN_DATE = (r"\d{4}\s*[-/.年]\s*\d{1,2}\s*[-/.月]\s*\d{1,2}\s*日?(?:\s*(?:星期|周)[一二三四五六日天])?"
            r"(?:\s*\d{1,2}:\d{2}(?::\d{2})?)?(?:\s+[\u4e00-\u9fa5]{2,10})?")
DATE_LINE = LineRule("page_date", re.compile(r"^[\s(\[【]*(?:" + _WEEKDAY_DATE + "|" + _CN_DATE + r")[\s)\]】]*$", re.I),
                     max_len=60, first_blocks=4)
# A photo's caption printed as a paragraph: it ends in the photo's credit or source — (圖／騰訊科技), 圖／騰訊科技,
# (資料照), (取自…臉書), (新华社记者 王五 摄) — or opens with a figure's number (图1 信用袋登录页面).
PHOTO_CAPTION = LineRule(
    "page_caption",
    re.compile(r"(?:\(\s*[图圖]\s*/[^()]{1,24}\)|(?<=[\s。.!?!?])[图圖]\s*/\s*\S{1,16}"
               r"|\(\s*(?:[资資]料[照图圖]片?|翻[摄攝]|取自[^()]{1,24})\s*\)|\([^()]{0,24}[摄攝]\))\s*$"
               r"|^[图圖]\s*\d{1,2}(?:[\s:.、]|$)"),
    max_len=200,
)
# Blog furniture: how often the post was read, its trackback address.
COUNTER = LineRule("page_counter", re.compile(r"已被(阅读|浏览|点击|访问)\s*\d+\s*次|(阅读|浏览|点击|访问)(次数|量|数)\s*[:(]\s*\d+"),
                   max_len=60)
TRACKBACK = LineRule("page_trackback", re.compile(r"trackback|引用通告|引用地址", re.I), max_len=160)


@dataclass(frozen=True)
class LeadingTitleRule:
    """Drop the page title where the extracted body repeats it in its first lines, alone or with a
    few characters around it."""

    title: str
    name: str = "page_title"

    def apply(self, body: CleanedBody) -> None:
        wanted = "".join(nfkc(self.title).split())
        if len(wanted) < 4:
            return
        for block in [b for b in body.blocks if b.dropped_by is None and b.kind != "img"][:3]:
            line = "".join(block.norm.split())
            # the title with a few characters around it: a badge (原创), a date, the column's name
            if wanted in line and len(line) - len(wanted) <= 12:
                block.dropped_by = self.name
                body.removed[self.name] += 1
                return


_FILE_TYPES = r"\.(?:pdf|docx?|xlsx?|pptx?|wps|zip|rar|7z|txt|csv)"
_FILE_HREF = re.compile(r'href="[^"]*' + _FILE_TYPES + r'(?:[?#][^"]*)?"', re.I)
_FILE_NAME = re.compile(r"^附件|" + _FILE_TYPES + r"\s*$", re.I)


@dataclass(frozen=True)
class LinkLineRule:
    """Drop lines that are nothing but link text: menus and link lists caught with a generic body.
    A linked sentence (详见附件。) is prose, not a list item, and stays; so does a link to a file
    (a notice's attachment)."""

    name: str = "page_links"

    def apply(self, body: CleanedBody) -> None:
        for block in body.blocks:
            if (block.dropped_by is None and block.links_only and not block.text.endswith(("。", "！", "？", "!", "?"))
                    and not _FILE_HREF.search(block.html) and not _FILE_NAME.search(block.norm)):
                block.dropped_by = self.name
                body.removed[self.name] += 1


@dataclass(frozen=True)
class LastLinesRule:
    """Drop lines matching ``pattern`` among the last ``last_blocks`` lines: a post's footer
    ("作者： 流泉 2005年08月30日 13:22"), as bylines are dropped among the first."""

    name: str
    pattern: re.Pattern
    max_len: int
    last_blocks: int

    def apply(self, body: CleanedBody) -> None:
        lines = [b for b in body.blocks if b.dropped_by is None and b.kind != "img"]
        for block in lines[-self.last_blocks:]:
            if len(block.norm) <= self.max_len and self.pattern.search(block.norm):
                block.dropped_by = self.name
                body.removed[self.name] += 1


BYLINE_UNDER = LastLinesRule("page_byline", _BYLINE_PATTERN, max_len=120, last_blocks=3)

PAGE_FURNITURE_RULES = (LinkLineRule(), TOOL_LINE, RELATED_LIST, RECOMMEND_ROW, RELATED_ITEM, BREADCRUMB, PREV_NEXT, PAGINATION,
                        COUNTER, TRACKBACK, CREDIT_LINE, KICKER, BYLINE, DATE_LINE, BYLINE_UNDER, PHOTO_CAPTION)
