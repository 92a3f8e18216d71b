"""Advert blocks and advert look-alikes composed from parts, for property tests and the advert replica.

Every composer takes ``pick(options) -> one option``: hypothesis's ``sampled_from`` in the property
tests (``advert_bodies()``, ``lookalike_bodies()``), ``random.Random(seed).choice`` for the replica's
fixed sample (``sample_advert_body``, ``sample_lookalike_body``). A composed article is a ``Body``:
its content lines (exactly what body_text must hold), its own images, and the advert's lines and
images in ``absent``.

What an advert is made of: an agent's card (a role or service line, a name, a number), numbers in
every written form, WeChat/QQ wordings, calls to action, QR images with or without alt text and
with innocent or telling file names, in any order, before or after a 来源 line, at the end of the
article or between its paragraphs. Two placements are left out on purpose because nothing on the
page tells them from an article photo: a QR image with no alt text, an innocent file name and no
caption that opens the block right after article text (or closes it right before article text).
``tests/test_adverts.py`` pins that such an image is kept.
"""

from __future__ import annotations

import html
import random
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from hypothesis import strategies as st

from tests.replica.bodies import Body, img, p

Pick = Callable[[Sequence], Any]

SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘蒋蔡余杜叶程苏魏吕丁沈姚卢葛"
GIVEN = "伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华毅辉鹏"
HONORIFICS = ("经理", "先生", "女士", "总", "小姐", "老师")
ORGS = ("", "园区", "产业园", "开发区", "高新区", "综改区")
ROLES = ("招商顾问", "招商经理", "置业顾问", "招商专员", "客户经理", "选址顾问", "招商总监")
SERVICES = ("产业招商/厂房土地租售", "工业用地、标准厂房、仓储物流选址", "厂房出租 土地出售", "标准厂房租售", "园区选址与项目落地",
            "厂房仓库租赁", "招商")
AREA_CODES = ("010", "021", "0351", "0352", "0354", "0755", "0371", "024")


@dataclass(frozen=True)
class Line:
    markup: str        # the paragraph's inner HTML
    text: str          # what body_text prints for it


@dataclass(frozen=True)
class Piece:
    """Part of a body: paragraphs (markup, text) and images in page order."""

    items: tuple  # Line or Image


@dataclass(frozen=True)
class Image:
    src: str
    alt: str = ""
    hinted: bool = False     # its alt text or file name says QR/WeChat


def _digits(pick: Pick, count: int) -> str:
    return "".join(pick("0123456789") for _ in range(count))


def shuffled(pick: Pick, items: Sequence) -> list:
    pool, out = list(items), []
    while pool:
        out.append(pool.pop(pick(range(len(pool)))))
    return out


# numbers ---------------------------------------------------------------------------------------
def mobile(pick: Pick) -> str:
    digits = "1" + pick("3456789") + _digits(pick, 9)
    sep = pick(("", " ", "-", ".", "-"))
    grouped = sep.join((digits[:3], digits[3:7], digits[7:])) if sep else digits
    return pick(("", "", "+86 ", "+86-", "0086 ", "(+86)")) + grouped


def landline(pick: Pick) -> str:
    area = pick(AREA_CODES)
    local = pick("23456789") + _digits(pick, 6 if len(area) == 4 else 7)
    form = pick(("dash", "paren", "paren_space", "space", "grouped", "plus86", "fullwidth"))
    if form == "dash":
        return f"{area}-{local}"
    if form == "paren":
        return f"({area}){local}"
    if form == "paren_space":
        return f"（{area}）{local[:-4]}-{local[-4:]}"
    if form == "space":
        return f"{area} {local}"
    if form == "grouped":
        return f"{area}-{local[:len(local) - 4]}-{local[-4:]}"
    if form == "plus86":
        return f"+86-{area[1:]}-{local}"
    return "".join(chr(ord(c) + 0xFEE0) if c.isdigit() or c == "-" else c for c in f"{area}-{local}")


def freephone(pick: Pick) -> str:
    digits = pick(("400", "800")) + _digits(pick, 7)
    return pick((f"{digits[:3]}-{digits[3:6]}-{digits[6:]}", f"{digits[:3]} {digits[3:7]} {digits[7:]}", digits,
                 f"{digits[:3]}-{digits[3:7]}-{digits[7:]}", f"{digits[:3]}.{digits[3:6]}.{digits[6:]}"))


def any_number(pick: Pick) -> str:
    return pick((mobile, landline, freephone))(pick)


def wechat_id(pick: Pick) -> str:
    return pick(("yq", "zs", "park", "gx", "cf")) + pick(("_", "", "-")) + _digits(pick, pick((4, 5, 6)))


def person(pick: Pick) -> str:
    return pick(SURNAMES) + pick(HONORIFICS)


def full_name(pick: Pick) -> str:
    return pick(SURNAMES) + pick(GIVEN) + pick(("", *GIVEN))


# advert parts ----------------------------------------------------------------------------------
def number_line(pick: Pick) -> Line:
    """A number with a label agents use (not a notice's 联系人/联系电话: see ``notice_contact``)."""
    number = any_number(pick)
    return _line(pick((pick(("电话：", "手机：", "咨询热线：", "服务热线：", "热线：", "Tel：", "手机号：", "")) + number,
                       f"详询 {number} {person(pick)}", f"如需了解更多厂房信息，欢迎来电咨询：{number}",
                       f"想了解园区政策？点击下方名片或拨打 {number}", f"项目对接：{person(pick)} {number}")), pick)


def messenger_line(pick: Pick) -> Line:
    number, wid = mobile(pick), wechat_id(pick)
    return _line(pick((f"微信同号：{number}", f"{number}（微信同号）", f"手机/微信：{number}", f"电话（同微信）：{number}",
                       f"V信：{wid}", f"加V：{number}", f"vx：{wid}", f"QQ：{_digits(pick, pick((8, 9, 10)))}",
                       f"微信号：{wid}", f"微信：{wid}", f"或微信/手机：{number}", f"{person(pick)} {number}（同微信）",
                       f"VX：{number}", f"微信 {wid}", f"商务合作：微信 {wid} / 电话 {number}")), pick)


def card_lines(pick: Pick) -> list[Line]:
    """An agent's card: a role or service line, a name, a number, in one of the ways sites print it."""
    org, role, name, number = pick(ORGS), pick(ROLES), person(pick), any_number(pick)
    form = pick(("role_name", "title_then_name", "service_hotline", "role_number", "contact_role", "service_contact"))
    if form == "role_name":
        return [_line(f"{org}{role} {name}", pick, bold=True),
                _line(pick(("电话：", "联系电话：", "手机：", "")) + number, pick)]
    if form == "title_then_name":
        return [_line(f"{org}{pick(('招商中心', '招商部', '招商服务'))}", pick, bold=True), _line(f"{name} {number}", pick)]
    if form == "service_hotline":
        return [_line(f"{pick(SERVICES)}{pick(('', '咨询'))}{pick(('热线', '电话', '专线', ''))}：{number}", pick)]
    if form == "role_number":
        return [_line(f"{role}：{pick((name, full_name(pick)))} {number}", pick)]
    if form == "service_contact":   # a service's title, then whom to contact: 【园区招商】 联系人：刘女士 …
        title = _line(pick(("招商服务", "【园区招商】", "厂房租售", "园区选址服务")), pick, bold=True)
        if pick((True, False)):
            return [title, _line(f"联系人：{name} {number}", pick)]
        return [title, _line(f"联系人：{name}", pick), _line(f"{pick(('联系电话', '电话', '手机'))}：{number}", pick)]
    return [_line(f"联系人：{name}（{role}）", pick), _line(f"{pick(('联系电话', '电话', '手机'))}：{number}", pick)]


SCAN_CALLS = ("扫码添加{role}微信", "长按/扫一扫加{name}的微信号", "长按识别二维码，添加招商顾问微信", "扫一扫关注公众号",
              "扫码添加{role}微信，免费获取园区政策与优惠", "扫描下方二维码，了解更多园区资讯", "长按识别二维码，立即咨询",
              "扫码咨询厂房土地租售", "识别二维码添加好友")
OTHER_CALLS = ("添加微信请备注“选址”", "免费获取最新招商政策", "添加好友请备注“厂房”", "加{role}微信，一对一对接园区资源",
               "来电咨询，免费评估项目落地方案", "欢迎垂询")
# Polite calls that a notice may print too: part of an advert, never one on their own.
SOFT_CALLS = ("欢迎来电咨询", "请说明您的需求、用途、税收、公司、联系人、手机号，以便快速帮您对接资源。", "欢迎来电咨询园区厂房租售事宜")


def call_line(pick: Pick, kinds: tuple = (SCAN_CALLS, OTHER_CALLS, SOFT_CALLS)) -> Line:
    """A call to the reader, from the given families (``(SCAN_CALLS,)`` for a QR code's caption)."""
    template = pick([call for family in kinds for call in family])
    return _line(template.format(role=pick(ROLES), name=pick((person(pick), full_name(pick)))), pick)


def qr_image(pick: Pick) -> Image:
    stem = pick(("", "", "qr-", "wx_", "qrcode_", "weixin-")) if pick((True, False)) else ""
    name = f"{stem}{_digits(pick, 8)}{pick(('', 'a', 'b3'))}.{pick(('png', 'jpg'))}"
    alt = pick(("", "", "", "二维码", "微信", f"{person(pick)}", f"{full_name(pick)}微信号", "扫码咨询", "招商顾问"))
    path = f"/zb_users/upload/{pick(('2021', '2023', '2024'))}/{pick(('03', '06', '11'))}/{name}"
    return Image(path, alt, hinted=bool(stem or alt))


def _line(text: str, pick: Pick, bold: bool = False) -> Line:
    markup = html.escape(text, quote=False)
    if bold or pick((False, False, False, True)):
        markup = f"<strong>{markup}</strong>"
    return Line(markup, text)


def advert(pick: Pick, opens_after_text: bool, closes_before_text: bool) -> Piece:
    """One advert block: a strong part (card, WeChat wording or call) and more parts, in any order."""
    first = pick(("card", "messenger", "call"))
    parts: list[list] = [card_lines(pick) if first == "card" else [messenger_line(pick)] if first == "messenger"
                         else [call_line(pick, (SCAN_CALLS, OTHER_CALLS))]]
    for _ in range(pick((0, 1, 2, 3, 4))):
        kind = pick(("card", "number", "messenger", "call", "qr", "qr_captioned"))
        if kind == "card":
            parts.append(card_lines(pick))
        elif kind == "number":
            parts.append([number_line(pick)])
        elif kind == "messenger":
            parts.append([messenger_line(pick)])
        elif kind == "call":
            parts.append([call_line(pick)])
        elif kind == "qr":
            parts.append([qr_image(pick)])
        else:
            caption, image = call_line(pick, (SCAN_CALLS,)), qr_image(pick)
            parts.append(pick(([image, caption], [caption, image])))
    parts = shuffled(pick, parts)
    items = [item for part in parts for item in part]
    # An uncaptioned, unhinted QR image at an edge that touches article text is an article photo to any
    # reader of the page (see the module docstring): such images go just inside the block's first or last line.
    if opens_after_text and _bare_image(items, 0):
        first_line = next(i for i, item in enumerate(items) if isinstance(item, Line))
        items = items[first_line:first_line + 1] + items[:first_line] + items[first_line + 1:]
    if closes_before_text and _bare_image(items, -1):
        last_line = max(i for i, item in enumerate(items) if isinstance(item, Line))
        items = items[:last_line] + items[last_line + 1:] + items[last_line:last_line + 1]
    if (opens_after_text and _bare_image(items, 0)) or (closes_before_text and _bare_image(items, -1)):
        # one line between images, both edges against text: the images say what they are instead
        items = [Image(i.src, "二维码", hinted=True) if isinstance(i, Image) else i for i in items]
    return Piece(tuple(items))


def _bare_image(items: list, edge: int) -> bool:
    if not items or not isinstance(items[edge], Image) or items[edge].hinted:
        return False
    step = 1 if edge == 0 else -1
    at = 0 if edge == 0 else len(items) - 1
    while 0 <= at < len(items) and isinstance(items[at], Image):
        at += step
    return not (0 <= at < len(items)) or not _is_scan_caption(items[at])


def _is_scan_caption(line: Line) -> bool:
    return any(word in line.text for word in ("扫码", "扫一扫", "长按", "二维码"))


# look-alikes -----------------------------------------------------------------------------------
NEWS = (
    "园区坚持项目为王，围绕主导产业开展精准招商。",
    "今年以来，累计签约落地亿元以上项目23个，总投资186亿元。",
    "标准化厂房建设进展顺利，二期工程预计年底交付使用。",
    "园区持续优化营商环境，推行“拿地即开工”审批模式。",
    "新材料、高端装备和数字经济三大产业集群初具规模。",
    "一批龙头企业相继入驻，带动上下游配套企业集聚发展。",
    "下一步，园区将加快推进重点项目建设，确保早投产、早见效。",
    "会议强调，要以更大力度推进招商引资和项目建设。",
    "企业负责人表示，园区的服务效率超出预期。",
    "项目建成后，预计年产值可达12亿元，新增就业岗位800个。",
    "园区招商顾问刘经理介绍，今年已接待考察企业120余家。",
    "活动现场，6个重点项目进行了集中签约。",
)
CAPTIONS = ("▲园区标准厂房项目建设现场", "图为签约仪式现场。", "▲新建成的智能制造产业园", "图为园区全景（资料图）",
            "▲标准厂房租售现场", "图为园区招商服务大厅")


def news_lines(pick: Pick, count: int) -> list[Line]:
    return [Line(text, text) for text in (pick(NEWS) for _ in range(count))]


def article_photo(pick: Pick) -> Image:
    name = f"{pick(('IMG_', 'photo', '', 'DSC'))}{_digits(pick, 6)}.{pick(('jpg', 'jpeg', 'png'))}"
    return Image(f"/zb_users/upload/{pick(('2023', '2024'))}/{pick(('05', '09'))}/{name}",
                 pick(("", "施工现场", "签约仪式", "园区全景")))


def notice_contact(pick: Pick) -> list[Line]:
    """A notice's own contact fields: kept, also right before the site's advert."""
    name = pick((full_name(pick), person(pick)))
    number = pick((landline, mobile))(pick)
    lines = [f"联系人：{name}", f"联系电话：{number}"]
    if pick((True, False)):   # the issuer signs above its contact lines
        lines.insert(0, pick(("园区招商服务中心", "开发区管委会办公室", "市投资促进局")))
    if pick((True, False)):
        lines.insert(0, pick(("如有疑问，请来电咨询。", "未尽事宜，欢迎来电咨询。", "申报咨询：",
                              f"如有疑问，请拨打{landline(pick)}。")))
    if pick((True, False)):
        lines.append(f"邮箱：{pick(('jfj', 'zsj', 'office'))}@example.gov.cn")
    if pick((True, False)):
        lines.append(f"地址：{pick(('太原市小店区长治路', '晋中市榆次区汇通路'))}{_digits(pick, 3)}号")
    return [Line(text, text) for text in lines]


def hotline_sentence(pick: Pick) -> Line:
    number = pick(("12345", "12345政务服务", landline(pick), freephone(pick), "0351-12345"))
    subject = pick(("市民", "企业", "群众", "投资者", "广大企业"))
    text = pick((f"{subject}可拨打{number}热线反映问题，也可通过“i太原”微信小程序在线提交诉求。",
                 f"{subject}可拨打园区招商热线{number}了解详情。",
                 f"同时，园区开通24小时企业服务热线{number}，对企业诉求实行“接诉即办”，上线一个月已受理诉求326件。",
                 f"据悉，该平台服务热线为{number}，工作日9:00至17:30为企业提供政策解答。",
                 f"{subject}可扫码登录“园区通”平台在线办理，也可拨打{number}咨询。"))
    return Line(text.replace("热线热线", "热线"), text.replace("热线热线", "热线"))


def project_table(pick: Pick) -> tuple[str, list[str]]:
    rows = [("项目名称", "建设单位", "联系人", "联系电话")]
    for index in range(pick((2, 3, 4))):
        rows.append((f"{pick(('新能源', '智能制造', '冷链物流', '半导体'))}项目{index + 1}", f"{pick(SURNAMES)}氏实业有限公司",
                     pick((person(pick), full_name(pick))), pick((mobile, landline, freephone))(pick)))
    markup = "<table><tbody>" + "".join("<tr>" + "".join(f"<td>{c}</td>" for c in row) + "</tr>" for row in rows) + \
             "</tbody></table>"
    return markup, ["\t".join(row) for row in rows]


def lookalike(pick: Pick) -> tuple[str, list[str], list[str]]:
    """Content that shares words or numbers with adverts: (markup, body_text lines, image paths)."""
    kind = pick(("notice", "hotline", "table", "photo", "photo_end", "heading"))
    if kind == "notice":
        lines = notice_contact(pick)
        return "".join(p(line.markup) for line in lines), [line.text for line in lines], []
    if kind == "hotline":
        line = hotline_sentence(pick)
        return p(line.markup), [line.text], []
    if kind == "table":
        markup, lines = project_table(pick)
        return markup, lines, []
    if kind == "heading":
        text = pick(("三、招商引资成效", "二、招商服务体系", "园区厂房租售情况"))
        return f"<h3>{text}</h3>" + p(NEWS[0]), [text, NEWS[0]], []
    photo, caption = article_photo(pick), pick(CAPTIONS)
    if kind == "photo":
        if pick((True, False)):
            return img(photo.src, photo.alt) + p(caption) + p(NEWS[1]), [caption, NEWS[1]], [photo.src]
        return img(photo.src, photo.alt) + p(caption), [caption], [photo.src]
    return p(NEWS[2]) + img(photo.src, photo.alt), [NEWS[2]], [photo.src]


# bodies ----------------------------------------------------------------------------------------
def advert_body(pick: Pick, kind: str = "advert") -> Body:
    """Article text (news, notices, tables, photos), an advert at the end or between its parts, a 来源 line."""
    before = [lookalike(pick) for _ in range(pick((0, 1, 2)))]
    lead = news_lines(pick, pick((1, 2, 3)))
    placement = pick(("end", "end_after_source", "end_before_source", "middle"))
    # the article goes on after an advert between its parts, with a paragraph of its own first
    after = [(p(line.markup), [line.text], []) for line in news_lines(pick, 1)] + \
        [lookalike(pick) for _ in range(pick((0, 1, 2)))] if placement == "middle" else []
    source = pick(("山西日报", "园区管委会", "中国开发区网", "太原新闻网"))
    source_before = placement == "end_after_source"
    opens_after_text = not source_before
    closes_before_text = placement == "middle"
    block = advert(pick, opens_after_text, closes_before_text)

    markup, content, images = [], [], []
    for line in lead:
        markup.append(p(line.markup))
        content.append(line.text)
    for piece_markup, piece_lines, piece_images in before:
        markup.append(piece_markup)
        content.extend(piece_lines)
        images.extend(piece_images)
    if markup[-1].endswith("/></p>"):
        markup.append(p(NEWS[3]))   # an article photo is followed by article text, never by the advert
        content.append(NEWS[3])
    if source_before:
        markup.append(p(f"来源：{source}"))
    absent_lines, absent_images = [], []
    for item in block.items:
        if isinstance(item, Image):
            markup.append(img(item.src, item.alt))
            absent_images.append(item.src)
        else:
            markup.append(p(item.markup))
            absent_lines.append(item.text)
    for piece_markup, piece_lines, piece_images in after:
        markup.append(piece_markup)
        content.extend(piece_lines)
        images.extend(piece_images)
    if placement in ("end_before_source", "middle"):
        markup.append(p(f"来源：{source}"))
    return Body(kind=kind, html="".join(markup), content=tuple(content),
                absent=tuple(absent_lines) + tuple(absent_images),
                images=tuple("{host}" + src for src in images), source=None if placement == "end" else source)


def lookalike_body(pick: Pick, kind: str = "lookalike") -> Body:
    """An article whose content looks like an advert in places, and no advert: everything is kept."""
    markup, content, images = [], [], []
    for line in news_lines(pick, pick((1, 2))):
        markup.append(p(line.markup))
        content.append(line.text)
    for _ in range(pick((1, 2, 3))):
        piece_markup, piece_lines, piece_images = lookalike(pick)
        markup.append(piece_markup)
        content.extend(piece_lines)
        images.extend(piece_images)
    return Body(kind=kind, html="".join(markup), content=tuple(content),
                images=tuple("{host}" + src for src in images))


def _drawing(draw) -> Pick:
    return lambda options: draw(st.sampled_from(list(options)))


@st.composite
def advert_bodies(draw) -> Body:
    return advert_body(_drawing(draw))


@st.composite
def lookalike_bodies(draw) -> Body:
    return lookalike_body(_drawing(draw))


def sample_advert_body(seed: int) -> Body:
    return advert_body(random.Random(seed).choice, kind=f"advert_{seed}")


def sample_lookalike_body(seed: int) -> Body:
    return lookalike_body(random.Random(seed).choice, kind=f"lookalike_{seed}")
