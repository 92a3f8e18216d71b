"""Numbers of projects tied to a stage: 签约项目321个, 48个重点建设项目集中开工, 共开工20个."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from crawler.facts.knowledge import data_lines, words
from crawler.facts.model import Fact
from crawler.facts.numerals import NUMBER_TOKEN, parse_number
from crawler.facts.text import (CLAUSE_END, MAX_REACH, SENTENCE_END, Respective, alternation, dictionary_pattern,
                                respective_lists, start_after)

MAX_DESCRIPTOR = 16   # characters between 个 and 项目 (48个重点建设项目)
MAX_LONG_DESCRIPTOR = 40  # … when the words end in 的 and up to MAX_DESCRIPTOR more (23个涉及新能源、新材料等领域的重大项目)
MAX_TAIL = 14         # characters between 项目 and a stage verb after it (16个项目进行了集中签约)
MAX_SPACED_LEAD = 4   # characters between a space and the stage verb after it within one phrase (项目 集中开工)
MAX_LONG_TAIL = 30    # … when that verb ends its clause (23个项目在晋中开发区会展中心举行集中签约仪式)
MAX_NAME = 12         # characters of a place or category before its count in a list (务川自治县1个)
MAX_LIST = 2000       # characters a list under a heading may run to its sentence's end (some 80 counties' items)
OTHER = "其他"
IDIOM_AFTER = re.compile(r"一[批个]")  # 三个一批, 五个一批: numbered slogans
CLAUSE_MARK = re.compile(f"[{re.escape(CLAUSE_END)}]")
PHRASE_MARK = re.compile(f"[{re.escape(CLAUSE_END.replace('、', ''))}]")   # the words naming projects hold 、
HAN = re.compile(r"[\u4e00-\u9fff]")
# A figure that is not part of a date (3月25日 and 2024年 are no other number between 项目 and a far stage verb)
FIGURE = re.compile(r"(?<![0-9.,])[0-9][0-9.,]*(?![0-9.,]|[年月日号])")
# the rest of a list of figures whose last one is percentage points
SHARES_AFTER = re.compile(r"(?:\s*[、,和及与]\s*\d+(?:\.\d+)?\s*个)+\s*百分点")
HEADING_MARKS = SENTENCE_END + ",:"   # a list's heading is the clause before its colon, 、 and all


@cache
def _rules():
    stages = {word: stage for word, stage in data_lines("stages.tsv")}
    classifiers = "".join(words("count_words.tsv", "classifier"))
    glue = alternation(words("count_words.tsv", "glue"))
    lead = alternation(words("count_words.tsv", "lead"))
    before = alternation(words("count_words.tsv", "before"))
    after = alternation(words("count_words.tsv", "after"))
    adverbs = alternation(words("count_words.tsv", "adverb"))
    count = re.compile(  # a space may part a Chinese numeral from its classifier (二十三 个)
        rf"(?P<number>{NUMBER_TOKEN})(?P<approx>余|多)? ?"
        rf"(?P<classifier>[{classifiers}])(?!目)(?P<after>{after})?")
    stage_word = alternation(stages)
    breakdown = alternation(words("count_words.tsv", "breakdown"))
    prefixes = alternation(words("count_words.tsv", "lead") + words("count_words.tsv", "adverb")
                           + words("count_words.tsv", "head_prefix"))
    return {
        # a value given respectively counts projects with a classifier, alone or before the projects' words
        "listed_unit_re": re.compile(rf"[{classifiers}](?!目)"),
        # …分别为47个产业项目、8个基础设施类项目: values that name their own projects, paired with no head
        "described_re": re.compile(rf"[{classifiers}].+项目"),
        "count_noun_re": re.compile(rf"(?:{breakdown})?(?:{alternation(words('count_words.tsv', 'count_noun'))})"),
        "stage_only_re": re.compile(rf"(?:{breakdown})?(?:{prefixes})*(?:{stage_word})+(?:的)?"),
        "ends_in_stage_re": re.compile(rf"(?:{stage_word})+(?:的)?$"),
        # 红花岗区2个, 工业类5个: one item of a list under a heading, the number and classifier ending it
        "list_item_re": re.compile(
            rf"(?<=[:,、;])\s*(?:[0-9]{{1,2}}[.)]|\([0-9]{{1,2}}\))?\s*"  # numbered items: 1.红花岗区2个
            rf"(?P<name>[\u4e00-\u9fff]{{1,{MAX_NAME}}}?)(?P<number>{NUMBER_TOKEN})"
            rf"[{classifiers}](?=[,、;{re.escape(SENTENCE_END)}:]|$)"),
        "list_end_re": re.compile(rf"[{re.escape(SENTENCE_END.replace(';', ''))}:]"),  # ; parts items
        "heading_words": tuple(words("count_words.tsv", "heading")),
        "heading_not": tuple(words("count_words.tsv", "heading_not")),
        "stages": stages,
        # a word of other stages joined (开竣工) is a combined verb of its own, not a verb of no stage
        "combined_words": frozenset(word for word, stage in stages.items() if stage == OTHER and any(
            other in word for other, other_stage in stages.items() if other_stage != OTHER)),
        "stage_re": dictionary_pattern(stages),
        "count_re": count,
        "another_count_re": re.compile(rf"{NUMBER_TOKEN}(?:余|多)?[{classifiers}]"),
        "before_re": re.compile(rf"(?:{before})$"),
        "project": words("count_words.tsv", "project")[0],
        # 签约项目数达23个, 签约项目:23个 (a heading and its colon), 签约项目(23个)
        "glue_re": re.compile(rf"(?:{glue})*(?::(?:{glue})*)?(?P<bracket>\((?:{glue})*)? ?$"),
        "glue_only_re": re.compile(rf"(?:{glue})* ?"),
        "joiner_re": re.compile(alternation(words("count_words.tsv", "joiner"))),
        "counted_thing_re": re.compile(rf"(?:{alternation(words('count_words.tsv', 'counted_thing'))})(?=[^的]+$)"),
        "negated_re": re.compile(rf"(?:{alternation(words('count_words.tsv', 'negation'))})(?:{adverbs})*$"),
        "stage_close_re": re.compile(
            rf"(?:{alternation(words('count_words.tsv', 'stage_close'))})*(?=[\s{re.escape(CLAUSE_END)}]|$)"),
        "lead_re": re.compile(rf"(?:{lead})*$"),
        "breakdown": tuple(words("count_words.tsv", "breakdown")),
        "not_after": tuple(words("count_words.tsv", "not_after")),
        "still_count_after": tuple(words("count_words.tsv", "still_count_after")),
        "settled_re": re.compile(rf"(?:{adverbs})*(?P<stage>{alternation(stages)})"),
    }


def _stage_words(rules, text: str, start: int, end: int) -> list[tuple[int, int, str]]:
    """Stage verbs in text[start:end] as (start, end, stage). Side by side, two stages are a combined
    verb (签约开工投产 → 其他) and a verb of no stage gives way to the stage after it (新增签约 → 签约); joined
    by 并, 和, 及 … two verbs are one combined verb too (已签约并开工, 引进和落地 → 其他)."""
    found: list[list] = []  # [start, end, stage, combined]
    for match in rules["stage_re"].finditer(text, start, end):
        stage = rules["stages"][match.group()]
        combined = match.group() in rules["combined_words"]
        previous = found[-1] if found else None
        if previous is not None and previous[1] < match.start() and rules["joiner_re"].fullmatch(
                text, previous[1], match.start()):
            if stage != previous[2] or previous[3]:
                previous[2], previous[3] = OTHER, True
            previous[1] = match.end()
        elif previous is None or previous[1] < match.start():
            found.append([match.start(), match.end(), stage, combined])
        elif previous[2] == OTHER and not previous[3]:
            previous[1], previous[2], previous[3] = match.end(), stage, combined
        elif (stage != OTHER or combined) and stage != previous[2] or previous[3]:
            previous[1], previous[2], previous[3] = match.end(), OTHER, True
        else:
            previous[1] = match.end()
    return [(begin, finish, stage) for begin, finish, stage, _ in found]


def _clause_start(text: str, position: int) -> int:
    return start_after(text, position, CLAUSE_END)


def _clause_end(text: str, position: int) -> int:
    limit = min(len(text), position + MAX_REACH)
    mark = CLAUSE_MARK.search(text, position, limit)
    return mark.start() if mark else limit


def _sentence_start(text: str, position: int) -> int:
    return start_after(text, position, SENTENCE_END)


@dataclass
class _Reading:
    """What the words around one number say: whether it counts projects, their stage, the span."""
    start: int
    end: int
    stage: str | None = None
    tied: bool = False


def extract_counts(text: str, folded: str, field: str) -> list[Fact]:
    rules = _rules()
    lists = respective_lists(folded)
    facts: list[Fact] = []
    given: set[int] = set()
    silent = []
    for listed in lists:
        if listed.silent:
            silent.append((listed.start, listed.end))
        elif not any(rules["described_re"].match(folded, number_end, value_end)
                     for _, number_end, value_end, _ in listed.values):
            facts.extend(_respective_counts(rules, text, folded, field, listed))
            given.update(value[0] for value in listed.values)
    read: set[int] = set()
    for match in rules["count_re"].finditer(folded):
        number_start = match.start("number")
        if number_start in given or any(begin <= number_start < end for begin, end in silent):
            continue  # a value of a respective list has been read with its head; a share or a change is none
        value = _value(rules, folded, match)
        if value is None:
            continue
        reading = _read(rules, folded, match)
        if not reading.tied:
            continue
        read.add(number_start)
        stage = reading.stage or _inherited_stage(rules, folded, _clause_start(folded, match.start()), match.start())
        start, flags = reading.start, ()
        bound = _bound_before(rules, folded, match)
        if bound is not None or match.group("approx") or match.group("after"):
            flags = ("approximate",)
            start = min(start, bound if bound is not None else start)
        facts.append(Fact("project_count", value, match.group("classifier"), field, start, reading.end,
                          text[start:reading.end], stage=stage, flags=flags))
    facts.extend(_listed_counts(rules, text, folded, field, read | given))
    facts.sort(key=lambda fact: fact.start)
    return facts


def _respective_counts(rules, text: str, folded: str, field: str, listed: Respective) -> list[Fact]:
    """签约项目数和总投资分别为25个和300亿元, 签约、开工、投产项目分别为321个、302个、189个: a value with a classifier
    counts projects when its head names them, with the head's stage or else its sentence's; a list holding a
    count that is no whole number above zero gives none. The span runs from the first head to the value."""
    about_projects = rules["project"] in folded[_sentence_start(folded, listed.start):listed.heads[-1][1]]
    found = []
    for index, ((head_start, head_end), (number_start, number_end, value_end, unit)) in enumerate(
            zip(listed.heads, listed.values)):
        if not _counted_unit(rules, unit):
            continue
        value = parse_number(folded[number_start:number_end])
        if value is None or value != int(value) or value <= 0:
            return []
        if not _names_projects(rules, folded[head_start:head_end], index == 0, about_projects):
            continue
        own = _stage_words(rules, folded, head_start, head_end)
        stage = own[-1][2] if own else _inherited_stage(rules, folded, head_start, head_end)
        end = number_end + 1 if value_end > number_end else number_end
        found.append(Fact("project_count", int(value), unit[0], field, listed.start, end,
                          text[listed.start:end], stage=stage))
    return found


def _counted_unit(rules, unit: str) -> bool:
    """个, 项 or 宗, alone or before the projects' words, not before another thing counted (个月, 个百分点)."""
    if not rules["listed_unit_re"].match(unit):
        return False
    rest = unit[1:]
    return not rest.startswith(rules["not_after"]) or rest.startswith(rules["still_count_after"])


def _names_projects(rules, head: str, first: bool, about_projects: bool) -> bool:
    """A head counts projects when it says 项目 (签约项目数, 项目个数); or, in a sentence about projects, when it
    is a bare count (个数最多, 数量) or stage words only (签约、开工、投产项目: 签约 and 开工 share 项目). The
    first head may open with the sentence's own words (今年全市新签约、新开工项目)."""
    if rules["project"] in head:
        return True
    if not about_projects:
        return False
    if rules["count_noun_re"].match(head) or rules["stage_only_re"].fullmatch(head):
        return True
    return first and bool(rules["ends_in_stage_re"].search(head))


def _listed_counts(rules, text: str, folded: str, field: str, read: set[int]) -> list[Fact]:
    """各区市县新开工情况：红花岗区2个，总投资98.22亿元；播州区3个…, 签约项目分布：工业类5个、服务业类3个: counts
    listed by place or category after a colon, under a heading that names the stage; the list runs to the end
    of its sentence (semicolons part its items) or to the next colon. Numbers read already are left alone."""
    facts = []
    colon = folded.find(":")
    while colon >= 0:
        stage = _heading_stage(rules, folded, colon)
        if stage is not None:
            end = rules["list_end_re"].search(folded, colon + 1, min(len(folded), colon + 1 + MAX_LIST))
            list_end = end.start() if end else min(len(folded), colon + 1 + MAX_LIST)
            for item in rules["list_item_re"].finditer(folded, colon + 1, list_end):
                match = rules["count_re"].match(folded, item.start("number"))
                if item.start("number") in read or match is None or match.end() != item.end():
                    continue
                value = _value(rules, folded, match, listed=True)
                if value is None:
                    continue
                item_stage = OTHER if item.group("name").startswith(rules["breakdown"]) else stage
                facts.append(Fact("project_count", value, match.group("classifier"), field,
                                  item.start("name"), item.end(), text[item.start("name"):item.end()],
                                  stage=item_stage))
        colon = folded.find(":", colon + 1)
    return facts


def _heading_stage(rules, folded: str, colon: int) -> str | None:
    """The stage of a list's heading (the clause before its colon): it names a stage and either 项目 or a word
    that heads a list (情况, 分布, 名单 …; then no other thing counted, such as 企业). Two stages apart: 其他."""
    if colon == 0 or folded[colon - 1] in HEADING_MARKS:
        return None  # no heading: a colon at the start of its clause (or one of many in a row)
    start = start_after(folded, colon, HEADING_MARKS)
    heading = folded[start:colon]
    if rules["project"] not in heading and (not any(word in heading for word in rules["heading_words"])
                                            or any(word in heading for word in rules["heading_not"])):
        return None
    stages = _stage_words(rules, folded, start, colon)
    if not stages:
        return None
    return stages[-1][2] if len({stage for _, _, stage in stages}) == 1 else OTHER


def _value(rules, folded: str, match: re.Match, listed: bool = False) -> int | None:
    """The count, or None when the number is no count of anything: an ordinal (第3个), a name in
    quotes (“三个一批”), an idiom (三个一批, 一个项目 = "a project"; in a list, 桐梓县一个 is one), 3个月, 10个亿."""
    number_start = match.start("number")
    if number_start > 0 and folded[number_start - 1] in "第“\"‘'《":
        return None
    if match.group("number") == "一" and not listed or IDIOM_AFTER.match(folded, match.end()):
        return None
    if folded.startswith(rules["not_after"], match.end()) and not folded.startswith(rules["still_count_after"],
                                                                                   match.end()):
        return None
    if SHARES_AFTER.match(folded, match.end()):
        return None   # 分别超过24个、7个和4.8个百分点: the list's last word tells what every figure counts
    value = parse_number(match.group("number"))
    if value is None or value != int(value) or value <= 0:
        return None
    return int(value)


def _read(rules, folded: str, match: re.Match) -> _Reading:
    """Tie the number to projects and find their stage, in the forms news prints them."""
    project = rules["project"]
    number_start = match.start("number")
    clause_start = _heading_start(rules, folded, _clause_start(folded, number_start), number_start)
    clause_end = _clause_end(folded, match.end())
    head = folded[clause_start:number_start]
    reading = _Reading(match.start(), match.end())
    # N个 … 项目 (… stage): 48个重点建设项目集中开工, 20个签约项目
    project_at = _project_after(rules, folded, match.end())
    described = project_at is not None and _describes(folded, match.end(), project_at)
    if described:
        reading.tied = True
        descriptor_stages = _stage_words(rules, folded, match.end(), project_at)
        after_project = project_at + len(project)
        reading.end = after_project
        if descriptor_stages:
            reading.stage = descriptor_stages[-1][2]
        else:
            later = _stage_after(rules, folded, after_project)
            if later is not None:
                reading.stage, reading.end = later[2], later[1]
    # 项目 (glue) N个: 签约项目数达到33个, 项目共907个, 签约项目:33个, 签约项目(33个)
    project_before = head.rfind(project)
    if project_before >= 0:
        glue = rules["glue_re"].match(head, project_before + len(project))
        bracket = glue is not None and glue.group("bracket") is not None
        if glue and (not bracket or folded.startswith(")", match.end())):  # the bracket holds the count alone
            reading.tied = True
            reading.start = clause_start + _descriptor_start(rules, head)
            if bracket:
                reading.end = match.end() + 1
    # stage (lead) N个: 签约321个, 共开工20个, 集中开工第二批13个项目; not 签约12个合作协议
    before_stages = _stage_words(rules, folded, clause_start, number_start)
    if before_stages and before_stages[0][0] == clause_start > 0 and folded[clause_start - 1] == "、":
        # 新建、续建项目4648个: a stage verb ending the clause before the 、 joins the one opening this clause
        joined = _stage_words(rules, folded, _clause_start(folded, clause_start - 1), clause_start - 1)
        if joined and joined[-1][1] == clause_start - 1 and joined[-1][2] != before_stages[0][2]:
            before_stages[0] = (joined[-1][0], before_stages[0][1], OTHER)
    if before_stages:
        last_start, last_end, last_stage = before_stages[-1]
        if reading.tied or (rules["lead_re"].match(folded, last_end, number_start)
                            and _counts_projects_after(rules, folded, match.end())):
            reading.tied = True
            reading.stage = reading.stage or last_stage
            reading.start = last_start
    # 项目N个已落地: a stage verb right after the number settles it, unless it describes the 项目 that
    # follows (58个新建续建项目: the words before 项目 have given the stage)
    settled = rules["settled_re"].match(folded, match.end(), clause_end)
    if reading.tied and settled and not described:
        reading.stage = rules["stages"][settled.group("stage")]
        reading.end = max(reading.end, settled.end())
    # 重点项目5个参加集中签约: with no stage yet, a stage verb in the words after the count tells it, as after
    # 项目 in 5个项目参加集中签约
    if reading.tied and reading.stage is None and not described:
        later = _stage_after(rules, folded, match.end())
        if later is not None:
            reading.stage, reading.end = later[2], later[1]
    # …项目有A、B等N个: the sentence names the projects, 等 closes the list
    if not reading.tied and head.endswith("等") and (not folded[match.end():clause_end]
                                                     or folded.startswith(project, match.end())):
        sentence_start = _sentence_start(folded, number_start)
        if project in folded[sentence_start:number_start]:
            listed = _stage_words(rules, folded, sentence_start, number_start)
            if listed:
                reading.tied, reading.stage, reading.start = True, listed[0][2], number_start - 1
    return reading


def _heading_start(rules, folded: str, clause_start: int, number_start: int) -> int:
    """A count that opens its clause after a colon, with glue at most (签约项目:23个, 开工项目数:共23个), is read
    with the clause before the colon, its heading: the glue after 项目 may then hold the colon."""
    if clause_start == 0 or folded[clause_start - 1] != ":" or not rules["glue_only_re"].fullmatch(
            folded, clause_start, number_start):
        return clause_start
    return _clause_start(folded, clause_start - 1)


def _project_after(rules, folded: str, position: int) -> int | None:
    """Where 项目 ends the words describing what a count's classifier counts: not opening with a joiner
    (23个和开工项目: 开工项目 is another count's), with no other count between."""
    if rules["joiner_re"].match(folded, position):
        return None
    at = _phrase_project(rules, folded, position)
    if at is None or rules["another_count_re"].search(folded, position, at):
        return None
    return at


def _phrase_project(rules, folded: str, position: int) -> int | None:
    """Where 项目 stands after a count's classifier in the same clause (、 does not end it), unless a thing
    other than projects is counted first (12项战略合作协议涉及项目; but 23个已签订投资协议的项目)."""
    project = rules["project"]
    mark = PHRASE_MARK.search(folded, position, min(len(folded), position + MAX_REACH))
    at = folded.find(project, position, mark.start() if mark else min(len(folded), position + MAX_REACH))
    if at < 0 or rules["counted_thing_re"].search(folded[position:at]):
        return None
    return at


def _counts_projects_after(rules, folded: str, position: int) -> bool:
    """After a stage verb, a number counts projects when nothing follows its classifier in the clause (签约321个,
    开工23个、竣工8个, 签约23个和开工15个) or the words after it go on to 项目 (签约18个工业和11个服务业项目);
    not when they name another thing (签约12个合作协议, 发布第二批14个特色产业园区)."""
    if not HAN.match(folded, position) or rules["joiner_re"].match(folded, position):
        return True
    return _phrase_project(rules, folded, position) is not None


def _describes(folded: str, position: int, project_at: int) -> bool:
    """The words from a classifier to 项目 describe the projects counted: up to MAX_DESCRIPTOR characters, or up to
    MAX_LONG_DESCRIPTOR when a 的 closes them at most MAX_DESCRIPTOR characters before 项目."""
    length = project_at - position
    if length <= MAX_DESCRIPTOR:
        return True
    last_de = folded.rfind("的", position, project_at)
    return length <= MAX_LONG_DESCRIPTOR and last_de >= 0 and project_at - last_de - 1 <= MAX_DESCRIPTOR


def _stage_after(rules, folded: str, after_project: int) -> tuple[int, int, str] | None:
    """The stage verb after 项目 that tells the counted projects' stage: the first within MAX_TAIL characters
    (16个项目进行了集中签约); or, up to MAX_LONG_TAIL, the only one, ending its clause (23个项目在晋中开发区会展中心
    举行集中签约仪式). Never past another count or figure, nor after a joiner (23个项目和开工15个项目) or a negation
    (尚未开工)."""
    if rules["joiner_re"].match(folded, after_project):
        return None
    clause_end = _clause_end(folded, after_project)
    near = _stage_words(rules, folded, after_project, min(clause_end, after_project + MAX_TAIL))
    if near:
        begin = near[0][0]
        if (rules["another_count_re"].search(folded, after_project, begin) or _negated(rules, folded, begin)
                or _across_a_title_part(folded, after_project, begin)):
            return None
        # 集中竣工投运、开工启动: two stages in the words after 项目 (、 and all) make one combined verb
        phrase = PHRASE_MARK.search(folded, after_project, after_project + MAX_TAIL)
        both = _stage_words(rules, folded, after_project, phrase.start() if phrase else after_project + MAX_TAIL)
        if len({stage for _, _, stage in both}) > 1 and not rules["another_count_re"].search(
                folded, begin, both[-1][0]):
            return begin, both[-1][1], OTHER
        return near[0]
    far = _stage_words(rules, folded, after_project, min(clause_end, after_project + MAX_LONG_TAIL))
    if len(far) != 1 or not rules["stage_close_re"].match(folded, far[0][1]):
        return None
    if _across_a_title_part(folded, after_project, far[0][0]):
        return None
    if rules["another_count_re"].search(folded, after_project, far[0][0]) or FIGURE.search(
            folded, after_project, far[0][0]) or _negated(rules, folded, far[0][0]):
        return None
    return far[0]


def _across_a_title_part(folded: str, after_project: int, verb_start: int) -> bool:
    """Is the verb in a title's next part, a space and a new subject away (安排152项重大建设项目 华为上海研发基地
    等计划开工), not the same phrase spaced (20个重大项目 集中开工)?"""
    space = max(folded.rfind(" ", after_project, verb_start), folded.rfind("\u3000", after_project, verb_start))
    return space >= 0 and verb_start - space - 1 > MAX_SPACED_LEAD


def _negated(rules, folded: str, verb_start: int) -> bool:
    return bool(rules["negated_re"].search(folded, max(0, verb_start - 8), verb_start))


def _bound_before(rules, folded: str, match: re.Match) -> int | None:
    """Start of a bound word right before the number (超80个, 近百个), not the 约 of 签约."""
    number_start = match.start("number")
    bound = rules["before_re"].search(folded, max(0, number_start - 4), number_start)
    if bound is None:
        return None
    stage_ends = [end for _, end, _ in _stage_words(rules, folded, max(0, number_start - 6), number_start)]
    if stage_ends and stage_ends[-1] > bound.start():
        return None
    return bound.start()


def _descriptor_start(rules, head: str) -> int:
    """Where the words naming the projects begin in a clause: after 其中 and 、 (其中工业项目9个 → 工业项目9个)."""
    for word in rules["breakdown"]:
        if head.startswith(word):
            return len(word)
    return 0


def _inherited_stage(rules, folded: str, clause_start: int, position: int) -> str:
    """A breakdown with no stage in its clause takes the last stage named before it in its sentence
    (在678个签约项目中，亿元以上项目607个), unless 其中 comes between: it splits the set by another criterion,
    for every item of its list (其中工业项目80个、服务业项目40个，基础设施项目6个)."""
    earlier = _stage_words(rules, folded, _sentence_start(folded, clause_start), clause_start)
    if not earlier or any(word in folded[earlier[-1][1]:position] for word in rules["breakdown"]):
        return OTHER
    return earlier[-1][2]
