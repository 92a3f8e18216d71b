"""Article bodies as the portal stores them, one per kind of content and boilerplate.

Each body says what cleaning must keep (every content line, in order) and what it must remove.
The unit tests clean them directly; the replica serves them, and the crawl tests check the same
expectations on what lands in SQLite.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from tests.replica import article_9821

LAZY = "/zb_users/theme/tpure/style/images/lazyload.png"


@dataclass(frozen=True)
class Body:
    kind: str
    html: str                              # the HTML stored for the post (before the theme's lazy-load rewrite)
    content: tuple[str, ...]               # body_text lines, in order, exactly
    absent: tuple[str, ...] = ()           # strings that must not reach body_text or body_html
    images: tuple[str, ...] = ()           # the article's own images, in order
    source: str | None = None
    original_title: str | None = None
    extra_html_absent: tuple[str, ...] = field(default=())  # must not reach body_html (sanitising)


def p(text: str, style: str | None = None) -> str:
    return f'<p style="{style}">{text}</p>' if style else f"<p>{text}</p>"


def img(url: str, alt: str = "") -> str:
    return f'<p style="text-align: center;"><img src="{url}" alt="{alt}" /></p>'


SOHU_MEDAL = "由内容质量、互动评论、分享传播等多维度分值决定，勋章级别越高(<span class=\"fox-grade\"></span>)，代表其在平台内的综合表现越好。"
SOHU_BACK = ('<a href="//www.sohu.com/?strategyid=00001 " target="_blank" title="点击进入搜狐首页" id="backsohucom" '
             'style="white-space: nowrap;"><span class="backword"><i class="backsohu"></i>返回搜狐，查看更多</span></a>')

# The site's own advert, appended to bodies (tpure's 文章底部代码). Two wordings: the captured one,
# and a later one with another agent, number and phrasing that the cleaner was not written for.
CONTACT_BLOCK_SEED = "".join([
    img("/zb_users/upload/2021/06/qr-gym.jpg", "葛毅明微信号"),
    p("产业招商/厂房土地租售：400 0123 021"),
    p("或微信/手机：1352467851X"),
    p("请说明您的需求、用途、税收、公司、联系人、手机号，以便快速帮您对接资源。"),
    p("长按/扫一扫加葛毅明的微信号"),
    img("/zb_users/upload/2021/06/qr-mp.jpg"),
    p("扫一扫关注公众号"),
])
CONTACT_SEED_TEXTS = ("葛毅明", "400 0123 021", "1352467851", "对接资源", "扫一扫", "qr-gym.jpg", "qr-mp.jpg")

CONTACT_BLOCK_NEW = "".join([
    p("<strong>园区招商顾问 刘经理</strong>"),
    p("工业用地、标准厂房、仓储物流选址咨询热线：0351-7654321"),
    p("微信同号：13912345678，添加微信请备注“选址”"),
    img("/zb_users/upload/2024/03/wx-liu.png", "刘经理"),
    p("扫码添加顾问微信，免费获取园区政策与优惠"),
])
CONTACT_NEW_TEXTS = ("刘经理", "0351-7654321", "13912345678", "扫码添加", "wx-liu.png")


def _sohu_9821() -> Body:
    paragraphs = article_9821.PARAGRAPHS
    last = paragraphs[-1]
    html = "".join([
        p(SOHU_MEDAL),
        p("原标题：" + article_9821.TITLE),
        *[p(text) for text in paragraphs[:3]],
        img("https://p3.itc.cn/q_70/images03/20220705/0123456789abcdef0123456789abcdef.jpeg"),
        *[p(text) for text in paragraphs[3:-1]],
        p(last),
        p("来源：山西广播电视台、太原电视台" + SOHU_BACK),
        CONTACT_BLOCK_SEED,
    ])
    return Body(
        kind="sohu", html=html, content=tuple(paragraphs),
        absent=("勋章级别越高", "原标题", "返回搜狐", "查看更多", "来源", *CONTACT_SEED_TEXTS),
        images=("https://p3.itc.cn/q_70/images03/20220705/0123456789abcdef0123456789abcdef.jpeg",),
        source="山西广播电视台、太原电视台", original_title=article_9821.TITLE,
    )


def _sohu_hidden_title() -> Body:
    title = "晋中开发区上半年新签约项目46个 总投资超300亿元"
    content = (
        "今年以来，晋中开发区坚持把招商引资作为“一号工程”，上半年新签约项目46个，总投资312.6亿元。",
        "其中，新材料项目11个，高端装备制造项目9个，数字经济项目8个，涉及新能源汽车零部件、碳基新材料等领域。",
        "▲图为晋中开发区智能制造产业园一期厂房。",
        "下一步，开发区将围绕主导产业开展精准招商，力争全年新签约项目100个以上。",
    )
    html = "".join([
        '<p data-role="original-title" style="display:none">原标题：' + title + "</p>",
        p(content[0]), p(content[1]),
        img("http://5b0988e595225.cdn.sohucs.com/images/20220701/aaaabbbbccccddddeeeeffff00001111.jpeg"),
        p(content[2], "text-align: center; font-size: 12px;"),
        p(content[3] + SOHU_BACK),
        '<p data-role="editor-name">责任编辑：<span>王敏</span></p>',
        p("平台声明：该文观点仅代表作者本人，搜狐号系信息发布平台，搜狐仅提供信息存储空间服务。"),
    ])
    return Body(
        kind="sohu_hidden_title", html=html, content=content,
        absent=("原标题", "返回搜狐", "责任编辑", "王敏", "平台声明", "搜狐号"),
        images=("http://5b0988e595225.cdn.sohucs.com/images/20220701/aaaabbbbccccddddeeeeffff00001111.jpeg",),
        original_title=title,
    )


def _wechat() -> Body:
    content = (
        "11月20日，太原中北高新区氢能产业园首批企业正式投产。",
        "产业园总投资45亿元，规划建设燃料电池电堆、储氢瓶及加氢设备生产线，达产后年产值预计超过80亿元。",
        "▲氢能产业园生产车间",
        "园区负责人介绍，目前已有7家上下游企业签约入驻，初步形成了从制氢、储运到应用的完整产业链。",
        "下一步，高新区将设立10亿元产业引导基金，支持氢能关键技术攻关和示范应用。",
    )
    mmbiz = "https://mmbiz.qpic.cn/mmbiz_jpg/AbCdEf123456/640?wx_fmt=jpeg"
    html = "".join([
        p('<span style="color: rgb(0, 122, 170);">点击上方蓝字关注我们</span>'),
        "<section>" + p(content[0]) + "<section>" + p(content[1]) + "</section></section>",
        f'<p><img data-src="{mmbiz}" src="data:image/gif;base64,R0lGODlhAQABAAAAACw=" /></p>',
        p(content[2]),
        p(content[3]), p(content[4]),
        p("END"),
        p("往期推荐"),
        p('<a href="https://mp.weixin.qq.com/s/aaa">山西综改区上半年经济运行稳中向好</a>'),
        p('<a href="https://mp.weixin.qq.com/s/bbb">重磅！30个重大项目集中开工</a>'),
        img("https://mmbiz.qpic.cn/mmbiz_png/QRqr0000/640?wx_fmt=png", "二维码"),
        p("长按识别二维码关注我们"),
        p("分享、点赞、在看，一键三连"),
        p("点个在看你最好看"),
        p("点击阅读原文，了解更多"),
        p("声明：本文转载自网络，版权归原作者所有，如有侵权请联系删除。"),
    ])
    return Body(
        kind="wechat", html=html, content=content,
        absent=("蓝字", "END", "往期推荐", "山西综改区上半年", "30个重大项目", "长按识别", "在看", "阅读原文",
                "侵权", "QRqr0000", "data:image"),
        images=(mmbiz,),
    )


def _structure() -> Body:
    content = (
        "一、项目概况",
        "项目位于园区东区，总用地面积约120亩。",
        "规划建设标准厂房8栋、研发楼1栋。",
        "散落在容器里的一段文字，也是正文。",
        "二、主要指标",
        "固定资产投资：6.5亿元",
        "年产值：12亿元",
        "税收：8000万元",
        "指标\t2023年\t2024年",
        "入驻企业（家）\t36\t52",
        "就业人数（人）\t1200\t1850",
        "三、推进计划",
        "第一阶段：完成土地平整和基础设施配套。",
        "第二阶段：厂房主体施工。",
        "嵌套在多层span里的句子同样保留。",
        "图：园区规划效果图（图源：园区管委会）",
    )
    html = "".join([
        "<h2>" + content[0] + "</h2>",
        "<div>" + content[1] + "<br/>" + content[2] + "</div>",
        "<div><div>" + content[3] + "</div></div>",
        "<h3>" + content[4] + "</h3>",
        "<ul><li>" + content[5] + "</li><li>" + content[6] + "</li><li>" + content[7] + "</li></ul>",
        "<table><tbody><tr><th>指标</th><th>2023年</th><th>2024年</th></tr>"
        "<tr><td>入驻企业（家）</td><td>36</td><td>52</td></tr>"
        "<tr><td>就业人数（人）</td><td>1200</td><td>1850</td></tr></tbody></table>",
        "<h3>" + content[11] + "</h3>",
        "<ol><li>" + content[12] + "</li><li>" + content[13] + "</li></ol>",
        "<p><span><span style='font-size:16px'><span>嵌套在多层span里的</span>句子同样保留。</span></span></p>",
        "<figure><img src=\"/zb_users/upload/2024/05/plan.jpg\" alt=\"规划图\"/><figcaption>" + content[15]
        + "</figcaption></figure>",
        p("&nbsp;"), p("　　"),
    ])
    return Body(kind="structure", html=html, content=content,
                images=("{host}/zb_users/upload/2024/05/plan.jpg",))


def _notice_with_contact() -> Body:
    content = (
        "关于申报2024年度省级专精特新中小企业的通知",
        "各有关企业：根据省工信厅工作安排，现组织开展2024年度省级专精特新中小企业申报工作。",
        "申报材料请于6月30日前报送至园区经济发展局。",
        "联系人：李明",
        "联系电话：0351-5678901",
        "邮箱：jfj@example.gov.cn",
    )
    html = "".join([p("<strong>" + content[0] + "</strong>"), *[p(c) for c in content[1:]], CONTACT_BLOCK_NEW])
    return Body(kind="notice_contact", html=html, content=content, absent=CONTACT_NEW_TEXTS)


def _hotline_news() -> Body:
    content = (
        "为方便企业办事，园区政务服务中心推出“园区通”微信小程序，企业可在线办理工商登记、项目备案等68项业务。",
        "同时，园区开通24小时企业服务热线0351-12345，对企业诉求实行“接诉即办”，上线一个月来已受理诉求326件，办结率98.5%。",
        "据介绍，小程序上线以来累计访问量已突破10万人次。",
    )
    html = "".join(p(c) for c in content)
    return Body(kind="hotline_news", html=html, content=content)


def _source_first() -> Body:
    content = (
        "近日，山西转型综改示范区与某新能源企业签订投资协议，项目总投资20亿元。",
        "项目建成后，将形成年产5GWh储能电池的生产能力。",
    )
    html = "".join([p("来源：山西日报"), p(content[0]), p(content[1]), p("（编辑：张华）"), p("审核：赵强")])
    return Body(kind="source_first", html=html, content=content, absent=("来源", "张华", "赵强"), source="山西日报")


def _sanitise() -> Body:
    content = (
        "园区召开2024年安全生产工作会议。",
        "会议要求各企业落实安全生产主体责任。",
        "详见附件。",
        "检查项目\t责任单位",
        "消防通道\t园区物业",
        "示例代码 <img src=x onerror=y()> 与 <script>z()</script> & 按原文显示。",
    )
    html = "".join([
        '<p onclick="steal()" style="color:red">' + content[0] + "<script>alert('x')</script></p>",
        "<style>p{color:red}</style>",
        '<iframe src="https://evil.example/"></iframe>',
        '<p><a href="javascript:alert(1)" onmouseover="x()">' + content[1] + "</a></p>",
        # a link that is kept: its href only, none of its other attributes
        '<p><a href="/zb_users/upload/2024/06/fj.pdf" onclick="steal()" onmouseover="x()" style="color:red" '
        'target="_blank">' + content[2] + "</a></p>",
        # text hidden in a table's cells and rows is never shown, so never stored
        "<table><tbody><tr><th>检查项目</th><td style=\"display:none\">隐藏推广单元格</td><th>责任单位</th></tr>"
        "<tr style=\"visibility:hidden\"><td>隐藏推广行</td><td>隐藏推广行二</td></tr>"
        "<tr><td>消防通道<span hidden>隐藏推广字</span></td><td>园区物业</td></tr></tbody></table>",
        # markup written as text stays text
        "<p>示例代码 &lt;img src=x onerror=y()&gt; 与 &lt;script&gt;z()&lt;/script&gt; &amp; 按原文显示。</p>",
    ])
    return Body(kind="sanitise", html=html, content=content, absent=("alert", "steal", "evil.example", "隐藏推广"),
                extra_html_absent=("<script", "<style", "<iframe", "onclick", "onmouseover", "javascript:",
                                   "style=", "target=", "<img src=x"))


def _plain(paragraphs: tuple[str, ...]) -> Body:
    html = "".join(p("　　" + c) if i % 2 else p("&nbsp;&nbsp;" + c) for i, c in enumerate(paragraphs))
    return Body(kind="plain", html=html + p(""), content=paragraphs)


ARTICLE_9821 = _sohu_9821()
VARIANTS = {
    body.kind: body
    for body in (ARTICLE_9821, _sohu_hidden_title(), _wechat(), _structure(), _notice_with_contact(),
                 _hotline_news(), _source_first(), _sanitise())
}

_SENTENCES = (
    "园区坚持项目为王，围绕主导产业开展精准招商。",
    "今年以来，累计签约落地亿元以上项目23个，总投资186亿元。",
    "标准化厂房建设进展顺利，二期工程预计年底交付使用。",
    "园区持续优化营商环境，推行“拿地即开工”审批模式。",
    "新材料、高端装备和数字经济三大产业集群初具规模。",
    "一批龙头企业相继入驻，带动上下游配套企业集聚发展。",
    "园区基础设施不断完善，道路、供水、供电等配套全面到位。",
    "下一步，园区将加快推进重点项目建设，确保早投产、早见效。",
    "会议强调，要以更大力度推进招商引资和项目建设。",
    "企业负责人表示，园区的服务效率超出预期。",
)


def plain_body(seed: int, count: int = 4) -> Body:
    """An ordinary body of ``count`` paragraphs, different for each seed."""
    paragraphs = tuple(
        f"{_SENTENCES[(seed + i) % len(_SENTENCES)]}{_SENTENCES[(seed * 3 + i + 1) % len(_SENTENCES)]}（第{seed}-{i + 1}段）"
        for i in range(count)
    )
    return _plain(paragraphs)
