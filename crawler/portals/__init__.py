"""The registry: the one place that lists the portals parknews knows, by the name of their spider.

Everything specific to a site lives in its module here (URL patterns, selectors, parser versions,
date units, boilerplate); the contract they follow is ``crawler.portals.contract.Portal``.
"""

from __future__ import annotations

from crawler.portals.contract import Portal
from crawler.portals.zhongnangaoke import Zhongnangaoke

PORTALS: dict[str, Portal] = {portal.name: portal for portal in (Zhongnangaoke(),)}
# The portal of every database written before rows named their portal (schema version 4 and earlier).
FIRST_PORTAL: Portal = PORTALS["zhongnangaoke"]
# What commands use when no --portal is given.
DEFAULT_NAME = "zhongnangaoke"


def get_portal(name: str | None) -> Portal:
    """The registered portal called ``name`` (the default one for None); KeyError names the known ones."""
    name = DEFAULT_NAME if name is None else name
    try:
        return PORTALS[name]
    except KeyError:
        raise KeyError(f"unknown portal {name!r}; known: {', '.join(sorted(PORTALS))}") from None
