"""A Scrapy DNS resolver for tests: names under example.com resolve to 127.0.0.1, so that a crawl can
reach a replica under www.example.com and example.com (a site moving between www. and the bare
domain). Every other name goes to the usual resolver. Use with ``-s DNS_RESOLVER=tests.loopback_resolver.LoopbackResolver``."""

from twisted.internet import defer

from scrapy.resolver import CachingThreadedResolver


class LoopbackResolver(CachingThreadedResolver):
    def getHostByName(self, name, timeout=()):  # noqa: N802 (Twisted's naming)
        if name == "example.com" or name.endswith(".example.com"):
            return defer.succeed("127.0.0.1")
        return super().getHostByName(name, timeout)
