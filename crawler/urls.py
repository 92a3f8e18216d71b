"""Links found on pages, resolved and split without raising: a malformed one (``http://[oops``) is one link
nobody recognises, never a lost page."""

from urllib.parse import SplitResult, urljoin, urlsplit

_NOWHERE = urlsplit("")


def link_url(base: str, href: str | None) -> str:
    """``href`` resolved against ``base``; "" when there is none or it cannot be a URL."""
    if not href:
        return ""
    try:
        return urljoin(base, href.strip())
    except ValueError:
        return ""


def split_url(url: str) -> SplitResult:
    """``urlsplit(url)``, or an empty URL (no path, no query, no host) when it cannot be split."""
    try:
        return urlsplit(url)
    except ValueError:
        return _NOWHERE
