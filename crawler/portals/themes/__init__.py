"""Z-BlogPHP themes: how each one prints article pages, listings and the pagebar, for any site using it.

A portal module composes a theme with its own URLs and rules; ``crawler.portals.zblog`` tries every
theme here on a site it has never seen.
"""


class PostContainerArticle:
    """The shape every theme parser here shares: the article is the first ``_post`` element holding a
    ``_body``, on a page the theme recognises as its own (``_is_theme_page``); its listing pages hold
    ``_listing_item`` elements instead."""

    _post = None    # compiled CSS selectors, set by each theme
    _body = None
    _listing_item = None

    def _is_theme_page(self, root) -> bool:
        return True

    def _post_of(self, root):
        if not self._is_theme_page(root):
            return None
        return next((post for post in self._post(root) if self._body(post)), None)

    def recognises(self, root) -> bool:
        return self._post_of(root) is not None

    def lists_articles(self, root) -> bool:
        return self._is_theme_page(root) and not self.recognises(root) and bool(self._listing_item(root))
