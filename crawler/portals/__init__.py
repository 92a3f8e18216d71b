"""The registry: the one place that lists the portals parknews knows, by the name of their spider.

Everything specific to a site lives in its module here (URL patterns, selectors, parser versions,
date units, boilerplate); the contract they follow is ``crawler.portals.contract.Portal``.
"""

from __future__ import annotations

from crawler.portals.contract import Portal
from crawler.portals.zblog import ZBlogSite
from crawler.portals.zhongnangaoke import Zhongnangaoke

PORTALS: dict[str, Portal] = {portal.name: portal for portal in (Zhongnangaoke(),)}
# Families of sites crawled by one spider with -a base_url: a portal named "<kind>:<site>" is made on demand.
KINDS = {ZBlogSite.kind: ZBlogSite}
# The portal of every database written before rows named their portal (schema version 4 and earlier).
FIRST_PORTAL: Portal = PORTALS["zhongnangaoke"]
# What commands use when no --portal is given.
DEFAULT_NAME = "zhongnangaoke"


def get_portal(name: str | None) -> Portal:
    """The registered portal called ``name`` (the default one for None); KeyError names the known ones."""
    name = DEFAULT_NAME if name is None else name
    kind, _, site = name.partition(":")
    if site and kind in KINDS:
        return KINDS[kind].named(name)
    try:
        return PORTALS[name]
    except KeyError:
        known = [*sorted(PORTALS), *(f"{kind}:<site>" for kind in KINDS)]
        raise KeyError(f"unknown portal {name!r}; known: {', '.join(known)}") from None
