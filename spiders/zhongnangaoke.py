"""``scrapy crawl zhongnangaoke``: 园区产业招商, www.zhongnangaoke.com.cn."""

from crawler.portals import get_portal
from spiders.zblog import ZBlogSpider


class ZhongnangaokeSpider(ZBlogSpider):
    name = "zhongnangaoke"
    portal = get_portal(name)
