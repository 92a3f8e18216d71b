"""Extract facts from each cleaned article: item['facts'] holds the fact dicts that storage keeps."""

from crawler.facts import extract
from crawler.items import ArticleItem


class FactsPipeline:
    """Runs after cleaning (it reads title and body_text). Rejected items pass through untouched."""

    def __init__(self, crawler):
        self.crawler = crawler

    @classmethod
    def from_crawler(cls, crawler):
        return cls(crawler)

    def process_item(self, item):
        if not isinstance(item, ArticleItem) or item.get("reject_reason") or item.get("body_text") is None:
            return item
        facts = [fact.as_dict() for fact in extract(item.get("title") or "", item["body_text"])]
        item["facts"] = facts
        stats = self.crawler.stats
        for fact in facts:
            stats.inc_value(f"parknews/facts/{fact['kind']}")
        return item
