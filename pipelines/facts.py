"""Extract facts from each cleaned article: item['facts'] holds the fact dicts that storage keeps."""

from crawler.facts import extract
from crawler.items import ArticleItem
from pipelines import ArticlePipeline


class FactsPipeline(ArticlePipeline):
    """Runs after cleaning and validation (it reads title and body_text). Rejected items pass through untouched."""

    def process_item(self, item):
        if not isinstance(item, ArticleItem) or item.get("reject_reason") or item.get("body_text") is None:
            return item
        facts = [fact.as_dict() for fact in extract(item.get("title") or "", item["body_text"])]
        item["facts"] = facts
        for fact in facts:
            self.stats.inc_value(f"parknews/facts/{fact['kind']}")
        return item
