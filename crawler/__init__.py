"""parknews: crawl an industrial-park news portal into SQLite (Scrapy project package)."""
