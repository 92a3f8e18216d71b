"""Clean an article body: boilerplate out, text and sanitised HTML rendered, images listed."""

from scrapy.exceptions import DropItem

from crawler.boilerplate import PAGE_FURNITURE_RULES, LeadingTitleRule
from crawler.cleaning import clean_body
from crawler.items import ArticleItem


class CleanBodyPipeline:
    def __init__(self, crawler):
        self.crawler = crawler

    @classmethod
    def from_crawler(cls, crawler):
        return cls(crawler)

    def process_item(self, item):
        if not isinstance(item, ArticleItem) or item.get("reject_reason") or item.get("body") is None:
            return item
        rules = self.crawler.spider.portal.rules
        if item.get("extraction_method") == "generic":  # a generic body may hold page furniture too
            rules = (*rules, *PAGE_FURNITURE_RULES, LeadingTitleRule(item.get("title") or ""))
        try:
            cleaned = clean_body(item["body"].root, item["url"], rules)
        except Exception as error:  # recorded in rejects with the page, never lost
            raise DropItem(f"cleaning failed: {error!r}") from error
        item["body_text"] = cleaned.text
        item["body_html"] = cleaned.html
        item["images"] = cleaned.images
        item["original_title"] = cleaned.fields.get("original_title")
        item["source"] = cleaned.fields.get("source")
        stats = self.crawler.stats
        for rule, count in cleaned.removed.items():
            stats.inc_value(f"parknews/clean/{rule}", count)
        return item
