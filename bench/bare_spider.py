"""The peer of the crawl benchmark: a Scrapy spider that requests a list of URLs and does nothing else."""

import json

import scrapy


class BareSpider(scrapy.Spider):
    name = "bare"

    def __init__(self, urls_file, stats_file, **kwargs):
        super().__init__(**kwargs)
        self.urls_file, self.stats_file = urls_file, stats_file

    async def start(self):
        with open(self.urls_file, encoding="utf-8") as urls:
            for url in urls:
                yield scrapy.Request(url.strip(), callback=self.parse, dont_filter=True)

    def parse(self, response):
        return None

    def closed(self, reason):
        with open("/proc/self/status", encoding="ascii") as status:   # peak resident memory (Linux)
            peak = next(int(line.split()[1]) * 1024 for line in status if line.startswith("VmHWM:"))
        self.crawler.stats.set_value("peak_memory_bytes", peak)
        with open(self.stats_file, "w", encoding="utf-8") as out:
            json.dump(self.crawler.stats.get_stats(), out, default=str)
