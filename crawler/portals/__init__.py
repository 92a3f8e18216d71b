"""Site modules: everything specific to one portal (URL patterns, selectors, date forms, boilerplate).

A portal module defines one class with the attributes and methods that ``spiders.base.PortalSpider``
and the pipelines call; adding a portal means adding a module here and a three-line spider.
"""
