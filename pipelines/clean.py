"""Clean an article body: boilerplate out, text and sanitised HTML rendered, images listed."""

from scrapy.exceptions import DropItem

from crawler.adverts import AdvertBlockRule
from crawler.boilerplate import PAGE_FURNITURE_RULES, REPUBLISHING_RULES, LeadingTitleRule
from crawler.cleaning import clean_body
from crawler.items import ArticleItem
from pipelines import ArticlePipeline


# A page of no known portal (a saved file): republishing artefacts, and adverts recognised by their structure.
NO_PORTAL_RULES = (*REPUBLISHING_RULES, AdvertBlockRule("advert_block"))


class CleanBodyPipeline(ArticlePipeline):
    def process_item(self, item):
        if not isinstance(item, ArticleItem) or item.get("reject_reason") or item.get("body") is None:
            return item
        rules = tuple(self.portal.rules) if self.portal is not None else NO_PORTAL_RULES
        if item.get("extraction_method") == "generic":  # a generic body may hold page furniture too
            rules = (*rules, *PAGE_FURNITURE_RULES, LeadingTitleRule(item.get("title") or ""))
        try:
            cleaned = clean_body(item["body"], item["url"], rules)
        except Exception as error:  # recorded in rejects with the page, never lost
            raise DropItem(f"cleaning failed: {error!r}") from error
        item["body_text"] = cleaned.text
        item["body_html"] = cleaned.html
        item["images"] = cleaned.images
        item["original_title"] = cleaned.fields.get("original_title")
        item["source"] = cleaned.fields.get("source")
        for rule, count in cleaned.removed.items():
            self.stats.inc_value(f"parknews/clean/{rule}", count)
        return item
