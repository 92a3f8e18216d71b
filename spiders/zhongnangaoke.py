"""``scrapy crawl zhongnangaoke``: 园区产业招商, www.zhongnangaoke.com.cn."""

from crawler.portals.zhongnangaoke import Zhongnangaoke
from spiders.base import PortalSpider


class ZhongnangaokeSpider(PortalSpider):
    name = "zhongnangaoke"
    portal = Zhongnangaoke()
