"""Spiders: one per portal, each binding a portal module to the shared crawl in spiders.base."""
