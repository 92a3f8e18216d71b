"""``python -m crawler.extract FILE...``: extract articles from saved pages, one JSON object per file.

Pages of a known portal's theme are read with its selectors (method "theme"); any other page
with the generic extractor (method "generic"). Relative dates resolve against the file's
modification time.
"""

from __future__ import annotations

import argparse
import json
import sys
from datetime import datetime
from pathlib import Path

from crawler import generic
from crawler.boilerplate import PAGE_FURNITURE_RULES, REPUBLISHING_RULES, LeadingTitleRule
from crawler.cleaning import clean_body
from crawler.dates import SHANGHAI, DateParser
from crawler.portals.zhongnangaoke import Zhongnangaoke

PORTALS = (Zhongnangaoke(),)


def extract_page(data: bytes, url: str = "", fetched_at: datetime | None = None,
                 parser: DateParser | None = None) -> dict:
    """title, author, published_at, body_text and method for one page's bytes."""
    fetched_at = fetched_at or datetime.now(SHANGHAI)
    root = generic.parse_html(generic.decode_html(data))
    for portal in PORTALS:
        found = portal.article_from_tree(root)
        if found:
            cleaned = clean_body(found["body"], url, portal.rules)
            date = (parser or DateParser(portal.date_units)).parse(found["published_raw"], fetched_at)
            return {"title": found["title"], "author": found["author"], "published_at": date.iso,
                    "body_text": cleaned.text, "method": "theme"}
    article = generic.extract(root)
    rules = REPUBLISHING_RULES + PAGE_FURNITURE_RULES + ((LeadingTitleRule(article.title),) if article.title else ())
    body_text = clean_body(article.body, url, rules).text if article.body is not None else ""
    date = (parser or DateParser()).parse(article.date_text, fetched_at)
    return {"title": article.title, "author": article.author, "published_at": date.iso, "body_text": body_text,
            "method": "generic"}


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("files", nargs="+", type=Path)
    args = parser.parse_args(argv)
    dates = DateParser()
    failed = 0
    for path in args.files:
        try:
            fetched = datetime.fromtimestamp(path.stat().st_mtime, SHANGHAI)
            result = extract_page(path.read_bytes(), url=path.resolve().as_uri(), fetched_at=fetched, parser=dates)
        except OSError as error:
            result, failed = {"title": None, "author": None, "published_at": None, "body_text": "",
                              "method": None, "error": str(error)}, failed + 1
        print(json.dumps({"path": str(path), **result}, ensure_ascii=False), flush=True)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
