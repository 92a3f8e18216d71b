"""Extract facts from each cleaned article: item['facts'] holds the fact dicts that storage keeps."""

import logging

from crawler.facts import extract
from crawler.items import ArticleItem
from pipelines import ArticlePipeline

logger = logging.getLogger(__name__)


class FactsPipeline(ArticlePipeline):
    """Runs after cleaning and validation (it reads title and body_text). Rejected items pass through untouched."""

    def process_item(self, item):
        if not isinstance(item, ArticleItem) or item.get("reject_reason") or item.get("body_text") is None:
            return item
        try:
            facts = [fact.as_dict() for fact in extract(item.get("title") or "", item["body_text"])]
        except Exception as error:  # the article is sound: store it, with no facts rather than stale ones
            logger.error("Fact extraction failed for %s: %r", item.get("url"), error)
            self.stats.inc_value("parknews/facts_failed")
            facts = []
        item["facts"] = facts
        for fact in facts:
            self.stats.inc_value(f"parknews/facts/{fact['kind']}")
        return item
