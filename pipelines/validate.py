"""Validate articles: what cannot be stored is dropped with a reason, which the store records in rejects."""

from scrapy.exceptions import DropItem

from crawler.items import ArticleItem


class ValidatePipeline:
    def process_item(self, item):
        if not isinstance(item, ArticleItem):
            return item
        if item.get("reject_reason"):
            raise DropItem(item["reject_reason"])
        if not item.get("post_id"):
            raise DropItem("not an article URL")
        if not item.get("title"):
            raise DropItem("missing title")
        if not item.get("body_text") and not item.get("images"):
            raise DropItem("empty body")
        if item.get("views") is not None and not isinstance(item["views"], int):
            item["views"] = None
        return item
