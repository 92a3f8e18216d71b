"""Advert and contact blocks that a site appends to article bodies, recognised by their structure.

A site's advert is a run of short lines: an agent's card (a role or service, a name, a number),
phone numbers in any written form, WeChat/QQ identifiers, calls to the reader (scan, add, call,
get it free), and QR-code images. ``AdvertBlockRule`` finds such runs wherever they sit and drops
them with their images, whatever their wording. What only looks like an advert stays: a notice's
own 联系人/联系电话 lines, prose that quotes a hotline, tables, and photos next to article text.
Patterns are matched on NFKC text (full-width digits, colons and parentheses folded).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from urllib.parse import urlsplit

from crawler.cleaning import Block, CleanedBody

# Phone numbers in their written forms ---------------------------------------------------------
_PREFIX = r"(?:\(?(?:\+|00)\s?86\)?[ \-]?)"
PHONE = re.compile("|".join([
    # mobiles: 11 digits, grouped any way (3-4-4 with spaces, dashes or dots), +86 / 0086 allowed
    rf"(?<![\d])(?:{_PREFIX})?1[3-9]\d(?:[ \-.]?\d){{8}}(?!\d)",
    # landlines: (0351)7654321, (0351) 765-4321, 0351-7654321, 010-8888-6666, 0351 7654321
    r"\(0\d{2,3}\)\s?\d{3,4}[ \-]?\d{4}(?!\d)",
    r"(?<![\d\-])0\d{2,3}[ \-]\d{3,4}[ \-]?\d{4}(?!\d)",
    r"(?<!\d)0[1-9]\d{9,10}(?!\d)",
    # landlines with the country code: +86-351-7654321, 0086 (351) 7654321
    rf"{_PREFIX}\(?0?\d{{2,3}}\)?[ \-]?\d{{3,4}}[ \-]?\d{{4}}(?!\d)",
    # 400 / 800 numbers in any grouping: 400-123-4567, 400 0123 021
    r"(?<![\d\-])[48]00(?:[ \-.]?\d){7}(?!\d)",
]))
EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")

# WeChat and QQ identifiers and the ways agents write them -----------------------------------------
MESSENGER = re.compile(
    r"微信\s*(?:号|同号|同步|ID|id)|同微信|微信同|微\s*信\s*:\s*[A-Za-z0-9_\-]{5,}|[vV]\s*信|薇信"
    r"|微\s*信\s+(?=[A-Za-z0-9_\-]*\d)[A-Za-z][A-Za-z0-9_\-]{5,}"   # 微信 yqzs888: an id starts with a letter
    r"|加\s*[vVＶ](?![a-zA-Z])|(?<![A-Za-z])(?:vx|VX|Vx|vX)(?![A-Za-z])"
    r"|(?<![A-Za-z])(?:wx|WX|Wx|v|V)\s*:\s*[A-Za-z0-9_\-]{5,}"
    r"|(?<![A-Za-z])QQ\s*(?:号|群)?\s*:?\s*\d{5,11}"
    r"|微信\s*[/、|]\s*(?:手机|电话)|(?:手机|电话)\s*[/、|]\s*微信"
)

# Calls to the reader -------------------------------------------------------------------------------
# Scanning a code to use a public service (扫码报名, 扫码登录 …) is an instruction in a notice, not an advert.
_SERVICE_SCAN = re.compile(r"扫[码描一][^,。]{0,10}?(?:报名|申报|登录|登记|查询|办理|填写|预约|参会|签到|缴费|下载|"
                           r"观看|阅读|投票|参与|注册|领证|核验)")
# What a QR code's caption says: scan it, long-press it, add someone on WeChat, follow an account.
QR_CAPTION = re.compile(r"扫码|扫一扫|扫\s*描[^,。]{0,6}二维码|长按|识别[^,。]{0,4}二维码|二维码"
                        r"|(?:添加|加)[^,。]{0,10}(?:微信|好友|[vV]信)|关注[^,。]{0,8}(?:公众号|视频号)")
CALL = re.compile(
    r"扫码|扫一扫|扫\s*描[^,。]{0,6}二维码|长按|识别[^,。]{0,4}二维码"
    r"|(?:添加|加)[^,。]{0,10}(?:微信|好友|QQ|[vV]信)"
    r"|关注[^,。]{0,8}(?:公众号|视频号)"
    r"|垂询|免费(?:获取|领取|索取|咨询|评估|获得)"
    r"|备注\s*[“\"「(]|请备注"
    r"|(?:立即|马上|点击|在线)(?:咨询|联系|获取|领取|预约)"
)
# Politer calls, and words that news uses too (园区免费提供厂房, 通过私信沟通): part of an advert only
# next to a stronger sign.
SOFT_CALL = re.compile(
    r"(?:来电|致电|欢迎|敬请|诚邀|随时)[^,。]{0,2}(?:咨询|洽谈|联系|来电|致电|合作|考察|莅临)"
    r"|请(?:联系|致电|拨打|来电)|咨询请|联系我们|[帮为]您|免费(?:提供|送)|私信"
)

# Agents and their titles ---------------------------------------------------------------------------
ROLE = re.compile(r"(?:招商|置业|销售|客户|业务|投资|选址|租赁|产业|园区|服务)?(?:顾问|专员|客服|经纪人|管家)"
                  r"|(?:招商|置业|销售|客户|业务|选址|租赁)(?:经理|总监|主管|代表)")
_SURNAMES = ("王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢"
             "姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤葛常温康施"
             "牛樊葛邢安齐易乔伍庞颜倪庄聂章鲁岳翟殷詹申欧耿关兰焦俞左柳甘祝包宁尚符舒阮柯纪梅童凌毕单季裴霍涂成苗谷盛曲"
             "翁冉骆蓝路游辛靳管柴蒙鲍华喻祁蒲房滕屈饶解牟艾尤阳时穆农司卓古吉缪简车项连芦麦褚娄窦戚岑景党宫费卜冷晏席卫"
             "米柏宗瞿桂全佟应臧闵苟邬边卞姬师和仇栾隋商刁沙荣巫寇桑郎甄丛仲虞敖巩明佘池查麻苑迟邝")
# A person as agents print themselves: 刘经理, 王先生, 李女士, 张总 (总 not as in 总投资).
PERSON = re.compile(rf"[{_SURNAMES}][\u4e00-\u9fff]?(?:经理|先生|女士|小姐|总监|老师|主任|助理"
                    r"|总(?![投计部体量额面规建产占共值数结台院署局队站长裁额]))")

# Contact fields ------------------------------------------------------------------------------------
# The labels an official notice gives its own contact details; such lines just before an advert stay.
# A call to dial right before the number (或拨打 400…, 详询 177…, 欢迎来电咨询：0351…), unless all that precedes
# the number is a field's label (政策咨询：0351…, a notice's own line).
LABEL_ONLY = re.compile(r"^[\s(\[【]*[\u4e00-\u9fff]{0,8}\s*:?\s*$")
DIAL = re.compile(r"(?:拨打|致电|来电|详询|垂询|咨询)[^,。\d]{0,4}$")
OFFICIAL_LABEL = re.compile(r"^[\s(\[【]*(?:联系人|联系电话|联系方式|联系地址|咨询电话|办公电话|监督电话|举报电话|报名电话|"
                            r"报名方式|传真|邮箱|电子邮箱|电子信箱|e-?mail|地址|邮编|邮政编码)\s*[:：]", re.I)
CONTACT_LABEL = re.compile(r"^[\s(\[【]*(?:联系人|联系电话|联系方式|联系地址|咨询电话|办公电话|监督电话|举报电话|报名电话|"
                           r"报名方式|传真|邮箱|电子邮箱|电子信箱|e-?mail|地址|邮编|邮政编码|电话|手机|座机|热线|咨询热线|"
                           r"服务热线|tel|phone|mobile|微信|QQ)\s*(?:号码?)?\s*[:：]", re.I)
# A sentence about what third parties can do (市民可拨打…, 企业可扫码…) is news, not a call to the reader.
REPORTED = re.compile(r"(?:市民|群众|居民|企业|公众|用户|游客|投资者|消费者|考生|家长|患者|办事人|申请人|申报单位|各单位|广大)"
                      r"(?:朋友)?[^,。:]{0,6}?(?:即可|可以|均可|可|能够|需|须)")
_SENTENCE_END = re.compile(r"[。!?]\s*$")
_CAPTION = re.compile(r"^\s*(?:[▲△▼▽●○■□◆◇★☆↑→]|图\s*[为:：0-9]|图片|(?:资料|摄影|供)图)")   # an image's caption
_HAN = re.compile(r"[\u4e00-\u9fff]")
_ISSUER = re.compile(r"(?:中心|部|局|处|办|办公室|委员会|管委会|公司|集团)[\s)\]】]*$")
_GOVERNMENT_BODY = r"(?![局办处科委厅所院])"
# Image file names and alt texts that say "QR code / WeChat / customer service".
_IMAGE_HINT = re.compile(r"(?<![a-z])(?:qr|qrcode|wx|weixin|wechat|erweima|ewm|kefu|gzh|vx)(?![a-z])|二维码|微信|公众号|客服|"
                         r"扫码|扫一扫|长按|顾问|咨询", re.I)


def _han_count(text: str) -> int:
    return len(_HAN.findall(text))


def _numbers(text: str) -> list[re.Match]:
    return [*PHONE.finditer(text), *re.finditer(r"(?<![A-Za-z])QQ\s*(?:号|群)?\s*:?\s*(\d{5,11})", text)]


@dataclass
class _Line:
    """What one visible block is, as far as adverts go."""

    kind: str                   # text, gone (another rule dropped it), image, contact, title, advert
    picture: bool = False       # an image, kept or gone
    strong: bool = False        # enough on its own to make its run an advert
    number: bool = False        # carries a phone number or a messenger identifier
    person: bool = False
    role: bool = False          # names an agent's role or the site's service
    official: bool = False      # a notice's own contact field (联系人：…, 联系电话：…)
    scan: bool = False          # reads as a QR code's caption (scan, long-press, add on WeChat)
    hint: bool = False          # an image whose own alt text or file name says it is a QR code or contact
    issuer: bool = False        # names an organisation (…中心, …局): a notice's signature, not a card's title


@dataclass(frozen=True)
class AdvertBlockRule:
    """Drop advert/contact blocks and their images, judged by what their lines hold.

    ``services`` names what the site sells (招商, 厂房, 土地 …): a line that labels a number with
    one of them (招商热线：…, 厂房土地租售：400…) is an agent's card, and a short line naming only
    services is a card's title. Without it the rule still knows roles, numbers, messengers and calls.
    """

    name: str = "advert_block"
    services: re.Pattern | None = None
    max_len: int = 80          # longer blocks are prose, never part of an advert
    title_len: int = 20        # a card's title line (services or a role alone) is at most this long
    free_han: int = 12         # Han characters a bare contact line may hold besides its number
    label_han: int = 30        # … and a labelled one (地址：… may be long)

    # classification ---------------------------------------------------------------------------
    def _classify(self, block: Block) -> _Line:
        if block.kind == "img":
            hint_text = f"{urlsplit(block.src or '').path.rsplit('/', 1)[-1]} {block.alt}"
            line = self._classify_text(block.alt) if block.alt else _Line("text")
            hint = bool(_IMAGE_HINT.search(hint_text) or PERSON.search(block.alt) or line.kind == "advert")
            return _Line("gone" if block.dropped_by else "image", picture=True, strong=line.strong, hint=hint)
        if block.kind == "row":   # a table's row is data (a project list with phone columns is content)
            return _Line("gone" if block.dropped_by else "text")
        line = self._classify_text(block.norm)
        if block.kind == "h" and line.kind == "title":
            line.kind = "text"     # an article's own heading (二、招商服务), not a card's title
        if block.dropped_by:
            # another rule removed it; only its call to scan still tells what the image beside it is
            return _Line("gone", strong=line.scan, scan=line.scan)
        return line

    def _classify_text(self, text: str) -> _Line:
        if len(text) > self.max_len:
            return _Line("text")
        calls_text = _SERVICE_SCAN.sub("", text)
        scan = bool(QR_CAPTION.search(calls_text))
        if REPORTED.search(text):
            return _Line("text")
        numbers = _numbers(text)
        messenger = bool(MESSENGER.search(text))
        call = bool(CALL.search(calls_text))
        soft = bool(SOFT_CALL.search(text))
        person = bool(PERSON.search(text))
        agent = bool(ROLE.search(text))
        role = agent or self._service_word(text)
        line = _Line("text", number=bool(numbers) or messenger, person=person, role=role, scan=scan)
        official = bool(OFFICIAL_LABEL.search(text))
        ends_with_number = bool(numbers) and self._number_ends_line(text, numbers) and not _SENTENCE_END.search(text)
        if (call or messenger or self._service_hotline(text, numbers)
                or (agent and numbers and self._number_ends_line(text, numbers))   # 招商经理：王磊 139…
                or (ends_with_number and not official
                    and (soft or person or self._dials(text, numbers)))):  # 张经理 186…, 详询 177…
            line.kind, line.strong = "advert", True
        elif soft or (role and person and len(text) <= 30 and not _SENTENCE_END.search(text)):
            line.kind = "advert"   # a politer call, or a card's head (园区招商顾问 刘经理) waiting for its number
        elif (numbers or EMAIL.search(text) or CONTACT_LABEL.search(text)) and self._bare_contact(text):
            line.kind = "contact"
            line.official = official
        elif person and len(text) <= self.title_len and not _SENTENCE_END.search(text):
            line.kind = "advert"      # a name on its own line: 刘经理
        elif role and len(text) <= self.title_len and not _SENTENCE_END.search(text) and not _CAPTION.match(text):
            line.kind = "title"
            line.issuer = bool(_ISSUER.search(text))
        return line

    @staticmethod
    def _dials(text: str, numbers: list[re.Match]) -> bool:
        before = text[:numbers[0].start()]
        return bool(DIAL.search(before)) and not LABEL_ONLY.match(before)

    def _service_word(self, text: str) -> bool:
        return bool(self.services and self.services.search(text))

    def _service_hotline(self, text: str, numbers: list[re.Match]) -> bool:
        """A number labelled with a service: 招商热线：…, 选址咨询热线：…, 厂房土地租售：400 …"""
        if not self.services or not numbers:
            return False
        for match in self.services.finditer(text):
            label = text[match.end(): numbers[0].start()]
            if (re.match(_GOVERNMENT_BODY + r"[^,。\d]{0,12}?(?:热线|电话|专线|手机|微信|咨询|联系|:)\s*:?\s*$",
                         label) and self._number_ends_line(text, numbers)):
                return True
        return False

    def _number_ends_line(self, text: str, numbers: list[re.Match]) -> bool:
        """The line is a field (label, number, a short note), not a sentence that goes on after it."""
        tail = text[max(m.end() for m in numbers):]
        return _han_count(tail) <= 6 or bool(CALL.search(tail) or SOFT_CALL.search(tail))

    def _bare_contact(self, text: str) -> bool:
        rest = EMAIL.sub("", PHONE.sub("", text))
        limit = self.label_han if CONTACT_LABEL.search(text) else self.free_han
        return _han_count(rest) <= limit

    # runs --------------------------------------------------------------------------------------
    def apply(self, body: CleanedBody) -> None:
        blocks = [b for b in body.blocks if not b.hidden]
        lines = [self._classify(b) for b in blocks]
        self._mark_cards(lines)
        claimed: set[int] = set()
        for start, end in _runs(lines):
            strong = [i for i in range(start, end) if lines[i].strong]
            if not strong:
                continue
            first, last = strong[0], strong[-1]
            members = set(range(first, last + 1))
            members |= self._leading(lines, start, first)
            members |= {i for i in range(last + 1, end) if lines[i].kind in ("advert", "contact", "title")}
            members |= self._images(lines, start, end, first, last, members)
            claimed |= {i for i in members if lines[i].kind != "gone"}
        for index in sorted(claimed):
            blocks[index].dropped_by = self.name
            body.removed[self.name] += 1

    def _mark_cards(self, lines: list[_Line]) -> None:
        """A card: a role or service with a name (on one line, or a title line then the name) and a number."""
        texts = [i for i, line in enumerate(lines) if not line.picture]
        for position, index in enumerate(texts):
            line = lines[index]
            if not line.person or line.kind in ("text", "gone"):
                continue
            # a title line right above the name makes a card, unless the name is a notice's 联系人：…
            # (a card's title line, 招商服务 or 【园区招商】, makes its 联系人：… an agent's too; an
            # issuer's name, 园区招商服务中心, signs a notice's own 联系人：… instead)
            above = lines[texts[position - 1]] if position > 0 else None
            titled = line.role or (above is not None and above.role
                                   and ((above.kind == "title" and not (line.official and above.issuer))
                                        or (above.kind == "advert" and not line.official)))
            numbered = any(lines[i].number for i in texts[position: position + 3] if lines[i].kind != "text")
            if titled and numbered:
                line.kind, line.strong = "advert", True

    @staticmethod
    def _leading(lines: list[_Line], start: int, first: int) -> set[int]:
        """Lines before the first strong line that belong to the advert.

        Adverts announce themselves first: a contact field just before one that carries a notice's
        own label (联系人, 联系电话 …) is the notice's, and so is everything above it; so is a short
        line with a service word (an image's caption, a subtitle) that does not head an agent's card.
        """
        members: set[int] = set()
        below = first           # the advert's line just below the one looked at
        for index in range(first - 1, start - 1, -1):
            line = lines[index]
            if line.picture:
                continue
            if line.kind == "gone":
                below = index   # a removed line (来源：…) parts a title from the name under it
                continue
            if line.official:
                break
            if line.kind == "title" and not lines[below].person:
                break           # a short line with a service word is a card's title only above the agent's name
            members.add(index)
            below = index
        return members

    @staticmethod
    def _images(lines, start, end, first, last, members) -> set[int]:
        """Images inside the advert, and those beside it that are not beside article text instead.

        An image between the advert and article text is the article's photo unless its group of
        images says otherwise (alt text, file name) or a QR code's caption sits right next to it.
        """
        taken: set[int] = set()
        for index in range(start, end):
            line = lines[index]
            if line.kind != "image":
                continue
            if first <= index <= last:
                taken.add(index)
                continue
            toward, away = (range(index + 1, first), -1) if index < first else (range(last + 1, index), +1)
            if any(lines[i].kind not in ("image", "gone") and i not in members for i in toward):
                continue        # a line that is not the advert's stands between
            if _telling_group(lines, index) or not _beside_content(lines, index, away, members):
                taken.add(index)
        return taken


def _runs(lines: list[_Line]):
    """(start, end) of each maximal run of lines that are not article text."""
    start = None
    for index, line in enumerate(lines + [_Line("text")]):
        if line.kind == "text":
            if start is not None:
                yield start, index
            start = None
        elif start is None:
            start = index


def _picture_group(lines: list[_Line], index: int) -> range:
    """The run of images (kept or gone) that the image at ``index`` stands in."""
    start = end = index
    while start > 0 and lines[start - 1].picture:
        start -= 1
    while end + 1 < len(lines) and lines[end + 1].picture:
        end += 1
    return range(start, end + 1)


def _telling_group(lines: list[_Line], index: int) -> bool:
    """The image's group says it holds QR codes: one of them by its alt text or file name, or a
    caption right before or after the group that asks to scan or to add someone."""
    group = _picture_group(lines, index)
    if any(lines[i].hint for i in group):
        return True
    return any(0 <= at < len(lines) and lines[at].scan for at in (group.start - 1, group.stop))


def _beside_content(lines: list[_Line], index: int, step: int, members: set[int]) -> bool:
    """The nearest line on that side, past other images, is kept article text (a photo's place)."""
    at = index + step
    while 0 <= at < len(lines) and lines[at].picture:
        at += step
    if not 0 <= at < len(lines):
        return False
    return lines[at].kind != "gone" and at not in members
