"""``python -m crawler.extract FILE...``: extract articles from saved pages, one JSON object per file.

The same path as a crawl (crawler.offline): a page that a registered portal's parser recognises is
read with it (method "theme", and "portal" names it), any other page with the generic extractor
(method "generic"); then the crawl's cleaning, dates and validation. Relative dates resolve against
the file's modification time. A file that fails prints its error and the next one goes on; the exit
status is 1 when any failed.
"""

from __future__ import annotations

import argparse
import json
import sys
from datetime import datetime
from pathlib import Path

from crawler.dates import SHANGHAI
from crawler.offline import Reextractor, project_settings
from crawler.pages import decode_html, parse_html
from crawler.portals import PORTALS, get_portal
from crawler.portals.contract import Portal

_readers: dict[str | None, Reextractor] = {}
_EMPTY = {"title": None, "author": None, "published_at": None, "body_text": "", "method": None, "portal": None}


def _reader(portal: Portal | None) -> Reextractor:
    key = portal.name if portal else None
    if key not in _readers:
        _readers[key] = Reextractor(portal, project_settings())
    return _readers[key]


def recognised_portal(root) -> tuple[Portal | None, object | None]:
    """The registered portal and parser version that recognise the page, or (None, None)."""
    for portal in PORTALS.values():
        for parser in reversed(list(portal.parsers)):  # the current version first
            if parser.recognises(root):
                return portal, parser
    return None, None


def extract_page(data: bytes, url: str = "", fetched_at: datetime | None = None,
                 portal: Portal | None = None) -> dict:
    """title, author, published_at, body_text, method and portal for one page's bytes."""
    fetched_at = fetched_at or datetime.now(SHANGHAI)
    reader = _reader(portal)
    if reader.max_size and len(data) > reader.max_size:
        return {**_EMPTY, "rejected": f"page of {len(data)} bytes is larger than DOWNLOAD_MAXSIZE ({reader.max_size})"}
    page = parse_html(decode_html(data))
    parser = None
    if portal is None:
        portal, parser = recognised_portal(page.root)
    item, reason = _reader(portal).extract_parsed(url, page, fetched_at, parser=parser, stored=False)
    item = item or {}
    result = {"title": item.get("title"), "author": item.get("author"), "published_at": item.get("published_at"),
              "body_text": item.get("body_text") or "", "method": item.get("extraction_method"),
              "portal": portal.name if portal else None}
    if reason:
        result["rejected"] = reason
    return result


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("files", nargs="+", type=Path)
    parser.add_argument("--portal", help="read every file as this portal's page (default: recognise it)")
    args = parser.parse_args(argv)
    try:
        portal = get_portal(args.portal) if args.portal else None
    except KeyError as error:
        parser.error(str(error.args[0]))
    failed = 0
    for path in args.files:
        try:
            fetched = datetime.fromtimestamp(path.stat().st_mtime, SHANGHAI)
            result = extract_page(path.read_bytes(), url=path.resolve().as_uri(), fetched_at=fetched, portal=portal)
        except Exception as error:  # one bad file never stops the others
            result, failed = {**_EMPTY, "error": f"{type(error).__name__}: {error}"}, failed + 1
        print(json.dumps({"path": str(path), **result}, ensure_ascii=False), flush=True)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
