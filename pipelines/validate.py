"""Validate articles: what cannot be stored is dropped with a reason, which the store records in rejects."""

import re

from scrapy.exceptions import DropItem

from crawler.counts import MAX_COUNT
from crawler.items import ArticleItem
from crawler.portals.contract import MAX_ID
from pipelines import ArticlePipeline


_SENTENCE_END = re.compile(r"[。！？；!?;]")


def reads_as_prose(text: str) -> bool:
    """Sentences, or text long enough to be an article (a meta line such as "admin2个月前 (09-27)新闻中心941" is not)."""
    return bool(_SENTENCE_END.search(text)) or len(text) >= 200


class ValidatePipeline(ArticlePipeline):
    def process_item(self, item):
        if not isinstance(item, ArticleItem):
            return item
        if item.get("reject_reason"):
            raise DropItem(item["reject_reason"])
        post_id = item.get("post_id")
        # a portal's article is stored under (portal, post_id); a page of no portal is never stored
        if item.get("portal") is not None and (not isinstance(post_id, int) or not 1 <= post_id <= MAX_ID):
            raise DropItem(f"post id {str(post_id)[:40]!r} is not an article id (1 to 2^63-1)")
        if not item.get("title"):
            raise DropItem("missing title")
        if not item.get("body_text") and not item.get("images"):
            raise DropItem("empty body")
        if item.get("extraction_method") == "generic" and not item.get("images") and not reads_as_prose(item["body_text"]):
            # what the generic extractor falls back on when a page has no article: a meta line, a menu
            raise DropItem("empty body")
        views = item.get("views")
        if views is not None and not (isinstance(views, int) and 0 <= views <= MAX_COUNT):
            item["views"] = None
        return item
