"""A replica portal whose articles carry the site's advert in many wordings, and content that only looks like one.

The bodies are a fixed sample of ``tests/advert_variants.py`` (seeded, so every run serves the
same site): half the articles end with (or hold) an advert composed from parts, the other half
hold notices with contacts, hotline news, project tables with phone columns and photos.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from tests.advert_variants import sample_advert_body, sample_lookalike_body
from tests.replica.site import CATEGORIES, SHANGHAI, Article, Site

ARTICLES = 40
FIRST_POST = 41000


def advert_site(host: str, articles: int = ARTICLES) -> Site:
    now = datetime.now(SHANGHAI).replace(microsecond=0)
    site = Site(host=host, now=lambda: now)
    for category in CATEGORIES:
        site.categories[category.id] = category
    for index in range(articles):
        body = sample_advert_body(index) if index % 2 == 0 else sample_lookalike_body(index)
        site.add(Article(FIRST_POST + index, f"园区招商动态第{index + 1}期（{body.kind}）", CATEGORIES[index % 4].id,
                         now - timedelta(hours=5 * index + 1), body, views=10 + index))
    return site
