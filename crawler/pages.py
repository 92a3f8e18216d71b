"""Page bytes to an lxml document, the same way for the crawl, re-extraction and saved files.

Decoding trusts the bytes over the label (pages often declare the wrong charset; GB2312 and GBK
are decoded as GB18030, their superset). Parsing uses one parser configuration everywhere, with
libxml2's large-document limits, and reports when the parser had to cut the document short: past
``MAX_DEPTH`` nesting levels libxml2 stops and drops the rest of the page, silently unless asked.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import lxml.etree
import lxml.html

# libxml2's nesting limit for documents parsed with huge_tree (XML_PARSE_HUGE); 256 without it.
MAX_DEPTH = 2048
_DECLARED_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([a-zA-Z0-9_-]+)""", re.I)
_GB_NAMES = frozenset({"gb2312", "gbk", "gb18030", "cp936", "xgbk", "euccn"})
# Big5 as Hong Kong and Taiwan sites label it: HKSCS (a superset, with Hong Kong's own characters) first,
# then Microsoft's cp950, whose extensions HKSCS does not all share
_BIG5_NAMES = frozenset({"big5", "big5hkscs", "cp950", "xxbig5"})
_XML_DECLARATION = re.compile(r"^\s*<\?xml[^>]*\?>")
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def charset_of(data: bytes, declared: str | None = None) -> str:
    """The codec that decodes ``data``: UTF-8 when the bytes are valid UTF-8, else the declared
    (header or meta) charset when it decodes them (a Big5 label tried as Big5-HKSCS, then cp950),
    else GB18030, else Big5."""
    try:
        data.decode("utf-8")
        return "utf-8"
    except UnicodeDecodeError:
        pass
    found = _DECLARED_CHARSET.search(data[:4096])
    for label in (declared, found.group(1).decode("ascii", "ignore") if found else None, "gb18030", "big5"):
        if not label:
            continue
        label = label.lower()
        bare = label.replace("-", "").replace("_", "")
        names = ("gb18030",) if bare in _GB_NAMES else ("big5hkscs", "cp950") if bare in _BIG5_NAMES else (label,)
        for name in names:
            if name in ("utf-8", "utf8"):
                continue
            try:
                data.decode(name)
                return name
            except (LookupError, UnicodeDecodeError):
                continue
    return "gb18030"


def decode_html(data: bytes, declared: str | None = None) -> str:
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    return data.decode(charset_of(data, declared), errors="replace")


@dataclass
class ParsedPage:
    root: object                 # lxml.html document element
    truncated: str | None        # why the parser dropped part of the page; None when it read it whole


def parse_html(text: str) -> ParsedPage:
    """Parse a decoded page. The document is never None: an empty page gives an empty <html>."""
    text = _XML_DECLARATION.sub("", text).replace("\x00", "")
    parser = lxml.html.HTMLParser(recover=True, huge_tree=True, encoding="utf-8")
    data = text.encode("utf-8", "replace") if text.strip() else b"<html></html>"
    root = lxml.etree.fromstring(data, parser=parser)
    if root is None:
        root = lxml.etree.fromstring(b"<html></html>", parser=lxml.html.HTMLParser())
    _adopt_stray_documents(root)
    truncated = None
    for error in parser.error_log:
        if error.type_name == "ERR_RESOURCE_LIMIT" or "Excessive depth" in error.message:
            truncated = f"the page nests elements deeper than {MAX_DEPTH} levels; the HTML parser cut it short"
            break
    return ParsedPage(root, truncated)


def _adopt_stray_documents(root) -> None:
    """Move into ``root``'s body what libxml2 put in a second top-level <html>: a page that prints a
    closing </html> early (a header included as a whole document) and a comment after it gets the
    rest of its markup, article included, as a sibling of the document element, where nothing reads it.
    The emptied sibling stays (top-level nodes cannot be removed), harmless."""
    strays = [node for node in root.itersiblings() if isinstance(node.tag, str)]
    if not strays:
        return
    body = root.find("body")
    if body is None:
        body = lxml.etree.SubElement(root, "body")
    for stray in strays:
        _append_text(body, stray.text)
        for child in list(stray):
            if child.tag == "head":
                continue
            if child.tag == "body":
                _append_text(body, child.text)
                body.extend(list(child))
            else:
                body.append(child)


def _append_text(element, text: str | None) -> None:
    """Add ``text`` after ``element``'s current content. libxml2 keeps control characters in text it
    parsed, but lxml refuses them in text assigned: they go (no reader sees them)."""
    text = _CONTROL.sub("", text or "")
    if not text:
        return
    last = element[-1] if len(element) else None
    if last is None:
        element.text = (element.text or "") + text
    else:
        last.tail = (last.tail or "") + text
