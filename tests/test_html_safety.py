"""body_html is safe for any source markup: only allow-listed elements and attributes, http(s) links, the source's text.

Hypothesis writes the source markup: nested block and inline elements, entities, attributes of every
kind (event handlers, styles, javascript:/data:/vbscript: URLs, entity-encoded schemes), scripts and
other dropped elements, hidden elements. The output is parsed back with lxml and checked as a whole.
"""

from __future__ import annotations

import html
from dataclasses import dataclass, field
from html.entities import codepoint2name
from urllib.parse import urlsplit

import lxml.html
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from crawler.cleaning import clean_body

BASE = "http://www.zhongnangaoke.com.cn/index.php/post/1.html"
ALLOWED = {
    "p": set(), "h2": set(), "h3": set(), "h4": set(), "h5": set(), "h6": set(), "ul": set(), "ol": set(),
    "li": set(), "table": set(), "tbody": set(), "tr": set(), "td": set(), "blockquote": set(), "pre": set(),
    "a": {"href"}, "img": {"src", "alt"}, "strong": set(), "b": set(), "em": set(), "i": set(), "u": set(),
    "sup": set(), "sub": set(), "mark": set(), "code": set(), "small": set(), "s": set(),
}
URL_ATTRIBUTES = ("href", "src")
DROPPED = ("script", "style", "iframe", "noscript", "textarea", "select", "button", "object", "svg", "template",
           "canvas", "audio", "video")
INLINE = ("span", "a", "strong", "b", "em", "i", "u", "sub", "sup", "mark", "code", "small", "s", "font", "abbr",
          "cite", "del", "ins", "big", "label", "time", "q")
PARAGRAPHS = ("p", "h1", "h2", "h3", "h4", "h5", "h6", "pre", "address", "figcaption")
CONTAINERS = ("div", "section", "article", "blockquote", "center", "aside", "header", "footer", "figure")
HIDING = ('style="display:none"', 'style="visibility: hidden"', "hidden", 'style="color:red; DISPLAY : NONE"',
          'hidden="hidden"')
# Attribute values as markup (inside double quotes): hostile URLs, some with entities the parser decodes.
HOSTILE_VALUES = (
    "javascript:alert(1)", " JaVaScRiPt:alert(1)", "&#106;avascript:alert(1)", "jav&#x09;ascript:alert(1)",
    "java&#10;script:alert(1)", "vbscript:msgbox(1)", "data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==",
    "data:image/png;base64,iVBORw0KGgo=", "//evil.example/x.png", "/zb_users/upload/2024/06/a.jpg", "#top",
    "http://ok.example/?a=1&amp;b=2", "https://ok.example/p&quot;onmouseover=&quot;x", "&quot;&gt;&lt;script&gt;x()",
    "mailto:a@example.com", "expression(alert(1))", "background:url(javascript:alert(1))", "",
)
ATTRIBUTE_NAMES = ("onclick", "onmouseover", "onerror", "onload", "onfocus", "style", "class", "id", "title", "href",
                   "src", "data-src", "data-original", "srcset", "target", "rel", "lang", "dir", "width", "height",
                   "alt", "formaction", "xmlns", "data-x", "tabindex", "contenteditable", "background", "action",
                   "xlink:href", "ONCLICK", "OnMouseOver")
SAFE_STYLES = ("color:red", "font-weight:bold", "width:expression(alert(1))", "-moz-binding:url(x)", "display:block",
               "behavior:url(x.htc)")
ALPHABET = st.one_of(
    st.sampled_from(list("<>&\"'=/;:#园区招商厂房 abcXYZ019\u3000\xa0\t\n。，“”")),
    st.characters(codec="utf-8", categories=("L", "N", "P", "S", "Zs"),
                  exclude_characters="\u200b\u200c\u200d\u2060\ufeff"),
)


@dataclass
class Text:
    chars: list[tuple[str, str]]   # (character, how it is written: plain, dec, hex, named)

    @property
    def text(self) -> str:
        return "".join(char for char, _ in self.chars)

    def markup(self) -> str:
        out = []
        for char, form in self.chars:
            if form == "dec":
                out.append(f"&#{ord(char)};")
            elif form == "hex":
                out.append(f"&#x{ord(char):x};")
            elif form == "named" and ord(char) in codepoint2name:
                out.append(f"&{codepoint2name[ord(char)]};")
            else:
                out.append(html.escape(char, quote=False))
        return "".join(out)


@dataclass
class Element:
    tag: str
    attributes: list[str] = field(default_factory=list)   # name="value" as markup
    children: list = field(default_factory=list)
    hiding: str | None = None

    def markup(self, in_link: bool = False) -> str:
        tag = "span" if self.tag == "a" and in_link else self.tag   # a link inside a link is not HTML
        kept = [a for a in self.attributes if not (self.hiding and a.split("=", 1)[0].lower() == "style")]
        attributes = "".join(f" {a}" for a in kept) + (f" {self.hiding}" if self.hiding else "")   # one style only
        if tag in ("img", "br", "hr"):
            return f"<{tag}{attributes}>"
        inner = "".join(c.markup() if isinstance(c, Text) else c.markup(in_link or tag == "a") for c in self.children)
        return f"<{tag}{attributes}>{inner}</{tag}>"

    def visible_text(self) -> str:
        if self.hiding or self.tag in DROPPED:
            return ""
        return "".join(c.text if isinstance(c, Text) else c.visible_text() for c in self.children)


text_nodes = st.builds(Text, st.lists(st.tuples(ALPHABET, st.sampled_from(["plain", "plain", "dec", "hex", "named"])),
                                      max_size=8))
made_up_names = st.builds(lambda head, tail: "x" + head + tail, st.sampled_from("abcdefghijklmnopqrstuvwxyz"),
                          st.text("abcdefghijklmnopqrstuvwxyz0123456789-", max_size=6))
attribute = st.one_of(
    st.builds(lambda name, value: f'{name}="{value}"', st.sampled_from(ATTRIBUTE_NAMES),
              st.sampled_from(HOSTILE_VALUES)),
    st.builds(lambda name, value: f'{name}="{html.escape(value)}"',
              st.sampled_from([n for n in ATTRIBUTE_NAMES if n.lower() != "style"]) | made_up_names,
              st.text(ALPHABET, max_size=12)),
    st.builds(lambda value: f"style='{value}'", st.sampled_from(SAFE_STYLES)),
)
attributes = st.lists(attribute, max_size=2, unique_by=lambda a: a.split("=", 1)[0].lower())
hiding = st.one_of(st.none(), st.none(), st.none(), st.sampled_from(HIDING))


def element(tags, children):
    return st.builds(Element, st.sampled_from(tags), attributes, st.lists(children, max_size=3), hiding)


images = st.builds(Element, st.just("img"), st.lists(st.sampled_from(
    [f'src="{v}"' for v in HOSTILE_VALUES] + ['alt="&quot;onerror=&quot;x()"', 'onerror="alert(1)"',
                                                'data-original="/zb_users/upload/2024/06/b.jpg"', 'alt="二维码"']),
    max_size=3, unique_by=lambda a: a.split("=", 1)[0]), st.just([]), hiding)
dropped = st.builds(Element, st.sampled_from(DROPPED), attributes, st.lists(text_nodes, max_size=2), st.none())
inline = st.recursive(st.one_of(text_nodes, images, st.just(Element("br"))),
                      lambda kids: element(INLINE, kids), max_leaves=5)
paragraph = element(PARAGRAPHS, st.one_of(inline, dropped))
list_block = st.builds(Element, st.sampled_from(["ul", "ol"]), attributes,
                       st.lists(element(("li",), inline), min_size=1, max_size=3), hiding)
data_table = st.builds(
    lambda caption, rows, attrs, hidden: Element("table", attrs, caption + [Element("tbody", [], rows)], hidden),
    st.lists(element(("caption",), inline), max_size=1),
    st.lists(st.builds(Element, st.just("tr"), attributes, st.lists(element(("td", "th"), inline), min_size=1,
                                                                      max_size=3), hiding), min_size=1, max_size=3),
    attributes, hiding)
blocks = st.recursive(
    st.one_of(paragraph, list_block, data_table, images, dropped, inline),
    lambda kids: st.one_of(
        element(CONTAINERS, kids),
        st.builds(lambda cells, hidden: Element("table", [], [Element("tr", [], cells)], hidden),   # a layout table
                  st.lists(element(("td",), kids), min_size=1, max_size=2), hiding)),
    max_leaves=6)
documents = st.lists(blocks, max_size=4)


def allow_listed(body_html: str):
    """body_html parsed back (a div holding it), after checking every element, attribute and URL in it."""
    out = lxml.html.fragment_fromstring(body_html, create_parent="div") if body_html else lxml.html.Element("div")
    for node in out.iter():
        if node is out:
            continue
        assert isinstance(node.tag, str), f"comment or processing instruction in body_html: {body_html}"
        assert node.tag in ALLOWED, (node.tag, body_html)
        assert set(node.attrib) <= ALLOWED[node.tag], (node.tag, dict(node.attrib), body_html)
        for name in URL_ATTRIBUTES:
            if name in node.attrib:
                assert urlsplit(node.attrib[name]).scheme in ("http", "https"), (node.attrib[name], body_html)
                assert node.attrib[name].startswith(("http://", "https://")), node.attrib[name]
    return out


def check_safe_and_faithful(source_markup: str, expected_text: str) -> None:
    cleaned = clean_body(source_markup, BASE, ())
    out = allow_listed(cleaned.html)
    squeezed = "".join(expected_text.split())
    assert "".join(out.text_content().split()) == squeezed, cleaned.html
    assert "".join(cleaned.text.split()) == squeezed
    assert list(dict.fromkeys(node.get("src") for node in out.iter("img"))) == cleaned.images


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(documents)
@example([Element("p", [], [Text([("<", "plain"), ("s", "plain"), ("c", "plain"), (">", "plain"), ("x", "plain")])])])
@example([Element("p", [], [Element("a", ['href="/zb_users/a.pdf"', 'onclick="steal()"', 'onmouseover="x()"'],
                                    [Text([("附", "plain"), ("件", "plain")])])])])
@example([Element("table", [], [
    Element("tr", [], [Element("td", [], [Text([("甲", "plain")])]),
                       Element("td", [], [Text([("乙", "plain")])], 'style="display:none"')]),
    Element("tr", [], [Element("td", [], [Text([("丙", "plain")])])], "hidden"),
    Element("tr", [], [Element("td", [], [Text([("丁", "plain")]), Element("span", [], [Text([("藏", "plain")])],
                                                                         'style="display:none"')])])])])
@example([Element("p", [], [Element("img", ['src="vbscript:msgbox(1)"']),
                            Element("img", ['data-src=" JaVaScRiPt:x()"']),
                            Element("img", ['src="&#106;avascript:alert(1)"']),
                            Element("a", ['href="jav&#x09;ascript:alert(1)"'], [Text([("链", "plain")])])])])
@example([Element("table", [], [Element("caption", [], [Text([("表", "plain"), ("一", "plain")])]),
                                Element("tr", [], [Element("td", [], [Text([("甲", "plain")])])])])])
def test_body_html_is_allow_listed_and_holds_exactly_the_visible_source_text(nodes):
    markup = "".join(node.markup() for node in nodes)
    expected = "".join(node.visible_text() if isinstance(node, Element) else node.text for node in nodes)
    check_safe_and_faithful(markup, expected)


def test_escaped_markup_in_the_text_stays_text():
    cleaned = clean_body("<p>&lt;script&gt;alert(1)&lt;/script&gt; &amp; &lt;b onclick=x&gt;粗&lt;/b&gt;</p>", BASE, ())
    out = lxml.html.fragment_fromstring(cleaned.html, create_parent="div")
    assert [node.tag for node in out.iter()] == ["div", "p"]
    assert out.text_content() == "<script>alert(1)</script> & <b onclick=x>粗</b>"


def test_a_kept_link_carries_its_href_and_nothing_else():
    cleaned = clean_body('<p><a href="/f.pdf" onclick="steal()" style="color:red" target="_blank" '
                         'onmouseover="x()">附件</a></p>', BASE, ())
    (link,) = lxml.html.fragment_fromstring(cleaned.html, create_parent="div").iter("a")
    assert dict(link.attrib) == {"href": "http://www.zhongnangaoke.com.cn/f.pdf"} and link.text == "附件"


def test_text_hidden_in_table_cells_and_rows_never_reaches_the_output():
    markup = ("<table><tr><td>项目</td><td style='display:none'>隐藏单元格</td><td>金额</td></tr>"
              "<tr style='visibility:hidden'><td>隐藏行</td></tr><tbody hidden><tr><td>隐藏表体</td></tr></tbody>"
              "<tr><td>甲<span style='display: none'>藏字</span>乙</td><td>3亿元</td></tr></table>")
    cleaned = clean_body(markup, BASE, ())
    assert cleaned.text == "项目\t金额\n甲乙\t3亿元"
    assert "隐藏" not in cleaned.html and "藏字" not in cleaned.html
