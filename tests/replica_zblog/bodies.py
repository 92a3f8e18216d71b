"""Article bodies of the second replica site, as its editors stored them, with what cleaning must keep.

Each ``Body`` (the main replica's class) lists the body_text lines an ideal cleaner keeps, in order, the
strings it must remove, the article's own images, and the 来源/原标题 fields. The boilerplate here is not
the main portal's: WeChat and Sohu copies worded differently, and this site's own footer line
(``SITE_FOOTER``), which its editors append to most bodies and which no other site carries.

Bodies are stored as Z-BlogPHP stores them: the site's own address is the ``{#ZC_BLOG_HOST#}`` token
(zb_system/function/lib/base.php swaps it for the host on output). Expected images use ``{host}``, the
site root without its trailing slash, as the main replica's bodies do.
"""

from __future__ import annotations

from tests.replica.bodies import Body, p

HOST_TOKEN = "{#ZC_BLOG_HOST#}"

SITE_FOOTER_TEXT = "（本文由滨湖产业园招商网整理发布，转载请注明出处。招商热线：0510-8588 0000）"
SITE_FOOTER = f'<p style="text-align: right;"><span style="font-size: 12px; color: #7f7f7f;">{SITE_FOOTER_TEXT}</span></p>'
SITE_FOOTER_PARTS = ("本文由滨湖产业园招商网整理发布", "转载请注明出处", "0510-8588 0000")


def centred_img(src: str, alt: str = "", extra: str = "") -> str:
    return f'<p style="text-align: center;"><img src="{src}" alt="{alt}"{extra} /></p>'


def _wechat() -> Body:
    content = (
        "5月20日，滨湖产业园新能源汽车零部件产业园二期项目正式开工，项目总投资38亿元，规划建设电驱系统、热管理系统等生产线。",
        "据了解，二期项目占地约260亩，建成后预计年产电驱总成50万套，实现年产值约60亿元。",
        "▲ 项目开工现场",
        "园区相关负责人表示，下一步将全力做好要素保障，推动项目早竣工、早投产、早见效。",
    )
    photo = "https://mmbiz.qpic.cn/mmbiz_jpg/Bh4kQpZx1a9cDeFgHiJkLmN0pQrStUv/640?wx_fmt=jpeg"
    qr = "https://mmbiz.qpic.cn/mmbiz_png/QrCoDe0000bhfbWxYz/640?wx_fmt=png"
    html = "".join([
        '<section style="text-align: center;"><p><span style="color: rgb(0, 112, 192);">点击上方蓝字</span>'
        "&nbsp;关注我们</p></section>",
        '<section data-role="outer">',
        p(content[0]), p(content[1]),
        centred_img(photo, extra=' data-ratio="0.5625" data-w="1080"'),
        p(f'<span style="font-size: 12px; color: #888888;">{content[2]}</span>', "text-align: center;"),
        p(content[3]),
        "</section>",
        p("来源：滨湖发布公众号"),
        p("编辑：王丽 | 审核：陈刚"),
        p("- END -", "text-align: center;"),
        p("<strong>往期推荐</strong>"),
        p('<a href="https://mp.weixin.qq.com/s/Kq1aZ2bY3cX4dW5eV6fU7g" target="_blank">滨湖产业园一季度经济运行稳中有进</a>'),
        p('<a href="https://mp.weixin.qq.com/s/Lr2bA3cZ4dY5eX6fW7gV8h" target="_blank">一图读懂｜2024年园区招商引资优惠政策</a>'),
        p('<a href="https://mp.weixin.qq.com/s/Ms3cB4dA5eZ6fY7gX8hW9i" target="_blank">总投资120亿元！12个重点项目集中签约</a>'),
        centred_img(qr),
        p("长按二维码 关注滨湖发布", "text-align: center;"),
        p("点个“在看”，分享给更多人", "text-align: center;"),
    ])
    return Body(
        kind="wechat", html=html, content=content,
        absent=("蓝字", "来源", "王丽", "陈刚", "END", "往期推荐", "一季度经济运行", "一图读懂", "集中签约", "长按二维码",
                "在看", "QrCoDe0000bhfbWxYz"),
        images=(photo,), source="滨湖发布公众号",
    )


SOHU_BACK = ('<a href="//www.sohu.com/?strategyid=00001 " target="_blank" title="点击进入搜狐首页" id="backsohucom" '
             'style="white-space: nowrap;"><span class="backword"><i class="backsohu"></i>返回搜狐，查看更多</span></a>')


def _sohu() -> Body:
    original_title = "长三角产业协作再提速 滨湖产业园一季度签约项目28个"
    content = (
        "4月8日，记者从滨湖产业园管委会获悉，一季度园区共签约项目28个，计划总投资186亿元，同比增长23%。",
        "签约项目中，智能制造类项目12个，生物医药类项目7个，现代服务业项目9个，其中超10亿元项目5个。",
        "▲一季度重点项目集中签约仪式现场",
        "园区相关负责人介绍，今年以来园区主动对接上海、苏州等地产业资源，开展驻点招商、以商招商，项目储备持续增加。",
        "下一步，园区将建立签约项目全周期跟踪服务机制，推动签约项目早开工、早投产。",
    )
    photo = "https://q3.itc.cn/q_70/images03/20240408/7d1c2b3a4e5f60718293a4b5c6d7e8f9.jpeg"
    html = "".join([
        p("原标题：" + original_title),
        p("　　" + content[0]), p("　　" + content[1]),
        centred_img(photo),
        p(content[2], "text-align: center;"),
        p("　　" + content[3]), p("　　" + content[4]),
        p("来源：无锡日报"),
        p(SOHU_BACK),
        p("责任编辑：<span></span>"),
        p("平台声明：该文观点仅代表作者本人，搜狐号系信息发布平台，搜狐仅提供信息存储空间服务。"),
    ])
    return Body(
        kind="sohu", html=html, content=content,
        absent=("原标题", "返回搜狐", "查看更多", "来源", "责任编辑", "平台声明", "搜狐号"),
        images=(photo,), source="无锡日报", original_title=original_title,
    )


def _policy_table() -> Body:
    content = (
        "为进一步降低企业运营成本，支持实体经济发展，根据《滨湖产业园促进工业经济高质量发展若干政策》，特制定本细则。",
        "一、补贴对象",
        "在园区租用标准厂房从事生产经营的工业企业，且同时满足以下条件：",
        "工商注册、税务登记均在园区；",
        "租用厂房面积不少于1000平方米；",
        "上年度纳税额不低于50万元。",
        "二、补贴标准",
        "企业类别\t补贴比例\t补贴期限",
        "高新技术企业\t50%\t3年",
        "专精特新企业\t40%\t3年",
        "其他工业企业\t30%\t2年",
        "三、申报材料",
        "补贴申请表（附件1）",
        "厂房租赁合同及租金发票复印件",
        "上年度完税证明",
        "附件：1.标准厂房租金补贴申请表.docx",
        "滨湖产业园管理委员会",
        "2024年3月6日",
    )
    html = "".join([
        p(content[0], "text-indent: 2em;"),
        f"<h3>{content[1]}</h3>",
        p(content[2]),
        "<ol>" + "".join(f"<li>{c}</li>" for c in content[3:6]) + "</ol>",
        f"<h3>{content[6]}</h3>",
        '<table border="1" cellspacing="0" cellpadding="4" width="100%"><thead><tr><th>企业类别</th><th>补贴比例</th>'
        "<th>补贴期限</th></tr></thead><tbody><tr><td>高新技术企业</td><td>50%</td><td>3年</td></tr>"
        "<tr><td>专精特新企业</td><td>40%</td><td>3年</td></tr><tr><td>其他工业企业</td><td>30%</td><td>2年</td></tr>"
        "</tbody></table>",
        f"<h3>{content[11]}</h3>",
        "<ul>" + "".join(f"<li>{c}</li>" for c in content[12:15]) + "</ul>",
        p(f'附件：<a href="{HOST_TOKEN}zb_users/upload/2024/03/202403061015228866.docx">1.标准厂房租金补贴申请表.docx</a>'),
        p(content[16], "text-align: right;"),
        p(content[17], "text-align: right;"),
        SITE_FOOTER,
    ])
    return Body(kind="policy_table", html=html, content=content, absent=SITE_FOOTER_PARTS)


def _gallery() -> Body:
    content = (
        "5月16日，2024滨湖产业园“企业开放日”活动举行，来自长三角地区的60余家企业代表走进园区，实地考察产业载体和配套设施。",
        "企业代表参观智能制造展厅",
        "园区项目推介会现场",
        "活动现场，园区发布了新一批标准厂房和研发楼宇资源，总面积超过12万平方米，并与8家企业达成初步入驻意向。",
    )
    first = "zb_users/upload/2024/05/202405161530125533.jpg"
    second = "/zb_users/upload/2024/05/202405161530137781.jpg"          # stored without the host
    third = "https://img.bhcyy-cdn.example/news/2024/0516/a1b2c3d4.png"
    html = "".join([
        p(content[0]),
        centred_img(HOST_TOKEN + first, content[1],
                    f' title="{content[1]}" width="640" height="427" style="width: 640px; height: 427px;"'),
        p(content[1], "text-align: center;"),
        centred_img(second),
        p(content[2], "text-align: center;"),
        p(content[3]),
        f'<p><img src="{third}" /></p>',
        SITE_FOOTER,
    ])
    return Body(kind="gallery", html=html, content=content, absent=SITE_FOOTER_PARTS,
                images=("{host}/" + first, "{host}" + second, third))


def _notice() -> Body:
    content = (
        "各有关企业：",
        "根据省工业和信息化厅有关工作部署，现组织开展2024年省级智能制造示范车间申报工作，有关事项通知如下。",
        "一、申报条件",
        "（一）在园区注册并正常经营的规模以上工业企业；",
        "（二）车间智能化改造投入不低于1000万元。",
        "二、申报时间",
        "即日起至2024年6月15日。",
        "联系人：周工，电话：0510-85881234",
        "邮箱：jxj@bhcyy.example",
        "滨湖产业园经济发展局",
        "2024年5月6日",
    )
    html = "".join([*[p(c) for c in content[:2]], p(f"<strong>{content[2]}</strong>"), p(content[3]),
                    p(content[4]), p(f"<strong>{content[5]}</strong>"), *[p(c) for c in content[6:9]],
                    p(content[9], "text-align: right;"), p(content[10], "text-align: right;")])
    return Body(kind="notice", html=html, content=content)


def _ueditor_br() -> Body:
    content = (
        "近日，园区企业服务中心推出“一企一专员”服务机制，为入驻企业提供全生命周期帮办服务。",
        "服务内容包括：",
        "1.政策咨询与申报辅导；",
        "2.项目审批全程代办；",
        "3.用工招聘与人才公寓申请。",
        "企业服务热线：0510-85889999（工作日9:00-17:00）",
    )
    html = "".join([
        p(f'<span style="font-family: 宋体, SimSun; font-size: 16px;">{content[0]}</span>', "text-indent: 2em;"),
        "<p><br/></p>",
        "<p>&nbsp;</p>",
        p("<br/>".join(content[1:5])),
        p(f'<span style="font-size: 16px;"><strong>{content[5]}</strong></span>'),
        SITE_FOOTER,
    ])
    return Body(kind="ueditor_br", html=html, content=content, absent=SITE_FOOTER_PARTS)


def _video_more() -> Body:
    content = (
        "4月18日，滨湖产业园2024年重大项目集中开工仪式举行，23个项目总投资达152亿元。",
        "本次集中开工的项目涵盖新能源、新材料、高端装备等领域，其中投资超10亿元的项目6个。",
    )
    html = "".join([
        p(content[0]),
        "<!--more-->",
        '<p><iframe src="https://player.bilibili.com/player.html?bvid=BV1xx411c7mD&amp;page=1" width="640" '
        'height="360" frameborder="0" allowfullscreen="true"></iframe></p>',
        p(content[1]),
        SITE_FOOTER,
    ])
    return Body(kind="video_more", html=html, content=content, absent=SITE_FOOTER_PARTS,
                extra_html_absent=("<iframe", "bilibili"))


SPECIAL = {body.kind: body for body in (_wechat(), _sohu(), _policy_table(), _gallery(), _notice(), _ueditor_br(),
                                        _video_more())}

_SENTENCES = (
    "滨湖产业园坚持招商引资“一号工程”，围绕新能源、智能制造和生物医药三大主导产业精准发力。",
    "今年以来，园区新签约亿元以上项目17个，到位内资同比增长21.6%。",
    "园区持续推进标准厂房“拎包入驻”，二期工程已完成主体封顶。",
    "园区推行项目审批“容缺受理”，企业开办时间压缩至1个工作日。",
    "一批链主企业相继落户，带动上下游配套企业加速集聚。",
    "园区道路、管网、污水处理等基础设施配套全面到位。",
    "下一步，园区将聚焦重点项目建设，确保早竣工、早投产、早见效。",
    "会议要求，各部门要以更实举措推进招商引资和项目建设。",
    "企业负责人表示，园区的服务效率和营商环境超出预期。",
    "园区还将举办系列产业对接活动，帮助企业拓展上下游合作。",
    "据统计，园区规上工业企业达到186家，高新技术企业112家。",
)


def plain_body(seed: int, count: int = 3, footer: bool = True, image: bool = False) -> Body:
    """An ordinary news body of ``count`` paragraphs, different for each seed, with the site's footer line."""
    paragraphs = tuple(
        f"{_SENTENCES[(seed + i) % len(_SENTENCES)]}{_SENTENCES[(seed * 5 + i + 3) % len(_SENTENCES)]}（{seed}-{i + 1}）"
        for i in range(count))
    parts = [p(("　　" if i % 2 else "") + text) for i, text in enumerate(paragraphs)]
    images: tuple[str, ...] = ()
    if image:
        path = f"zb_users/upload/2024/01/2024011{seed % 10}0930{seed:04d}.jpg"
        parts.insert(1, centred_img(HOST_TOKEN + path))
        images = ("{host}/" + path,)
    if footer:
        parts.append(SITE_FOOTER)
    return Body(kind="plain", html="".join(parts), content=paragraphs, images=images,
                absent=SITE_FOOTER_PARTS if footer else ())
