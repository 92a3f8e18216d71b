"""Items that flow from the spider through the pipelines to storage."""

import scrapy


class ArticleItem(scrapy.Item):
    """One article page. The spider fills the raw fields; the pipelines fill the clean ones."""

    # Filled by the spider from the page.
    portal = scrapy.Field()           # the portal's name: with post_id, the article's identity
    url = scrapy.Field()              # the article URL, built from base_url and the requested post id
    post_id = scrapy.Field()          # integer id from the requested URL
    title = scrapy.Field()
    author = scrapy.Field()
    category = scrapy.Field()         # the article's own (leaf) category
    category_ids = scrapy.Field()     # its category and parents, as the page names them (not stored)
    tags = scrapy.Field()             # list of str
    views = scrapy.Field()            # int or None
    published_raw = scrapy.Field()    # the date text as printed
    feed_published = scrapy.Field()   # RFC 822 pubDate from the feed, when the feed carries the article
    body = scrapy.Field()             # lxml element of the body container (parsed once, never stored)
    fetched_at = scrapy.Field()       # aware datetime of the fetch; relative dates resolve against it
    extraction_method = scrapy.Field()  # 'theme' or 'generic'
    reject_reason = scrapy.Field()    # set by the spider when the page could not be parsed
    reject_kind = scrapy.Field()      # 'download', 'redirect', 'parse', 'invalid', 'storage' (see storage.REJECT_KINDS)
    page = scrapy.Field()             # the response as the pages table keeps it (crawler.storage.store_pages)

    # Filled by the pipelines.
    original_title = scrapy.Field()
    source = scrapy.Field()
    body_text = scrapy.Field()
    body_html = scrapy.Field()
    images = scrapy.Field()           # list of absolute URLs in body order
    published_at = scrapy.Field()     # ISO 8601 with +08:00, or None
    published_precision = scrapy.Field()
    facts = scrapy.Field()            # fact dicts (crawler.facts), stored with the article


class ListingObservation(scrapy.Item):
    """A view count read from a listing page, without fetching the article."""

    portal = scrapy.Field()
    post_id = scrapy.Field()
    url = scrapy.Field()
    views = scrapy.Field()
    observed_at = scrapy.Field()


class ArticleGone(scrapy.Item):
    """An article URL that answered 404 or 410."""

    portal = scrapy.Field()
    post_id = scrapy.Field()
    observed_at = scrapy.Field()
