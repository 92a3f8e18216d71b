"""Z-BlogPHP themes: how each one prints article pages, listings and the pagebar, for any site using it.

A portal module composes a theme with its own URLs and rules; ``crawler.portals.zblog`` tries every
theme here on a site it has never seen.
"""
