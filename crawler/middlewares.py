"""Downloader middlewares."""

from scrapy.http import TextResponse


class MislabelledEncodingMiddleware:
    """Re-decode pages whose header says UTF-8 but whose bytes are GBK (Scrapy would store mojibake).

    GB2312 and GBK are decoded as GB18030, their superset.
    """

    def process_response(self, request, response, spider=None):
        if not isinstance(response, TextResponse) or response.encoding.lower().replace("-", "") != "utf8":
            return response
        try:
            response.body.decode("utf-8")
        except UnicodeDecodeError:
            try:
                response.body.decode("gb18030")
            except UnicodeDecodeError:
                return response
            return response.replace(encoding="gb18030")
        return response
