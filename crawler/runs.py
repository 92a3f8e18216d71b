"""Runs: the crawl_runs record made from a run's counters, the one-line summary, and the judgement of a run.

The crawl (extension), reparse and the facts command record runs here; health and the cron wrapper
judge them with ``judge``, which knows what each mode of run must have done.
"""

from __future__ import annotations

import json
from collections import Counter
from datetime import timedelta

CRAWL_MODES = ("incremental", "full")


class Tally:
    """The part of Scrapy's stats collector that pipelines use, for work done outside a crawl."""

    def __init__(self):
        self._values: dict = Counter()

    def inc_value(self, key: str, count: int = 1, start: int = 0) -> None:
        self._values[key] = self._values.get(key, start) + count

    def set_value(self, key: str, value) -> None:
        self._values[key] = value

    def get_value(self, key: str, default=None):
        return self._values.get(key, default)

    def get_stats(self) -> dict:
        return dict(self._values)


def run_fields(stats: dict, finish_reason: str, drift_share: float) -> dict:
    """The crawl_runs fields for a finished run, from its counters (Scrapy's stats or a Tally's)."""
    prefix = "downloader/response_status_count/"
    status_counts = {key[len(prefix):]: value for key, value in stats.items() if key.startswith(prefix)}
    articles = sum(stats.get(f"parknews/articles/{k}", 0) for k in ("new", "updated", "unchanged"))
    generic = stats.get("parknews/extraction/generic", 0)
    return {
        "finish_reason": finish_reason,
        "pages_fetched": stats.get("response_received_count", 0),
        "listing_pages": stats.get("parknews/listing_pages", 0),
        "articles_new": stats.get("parknews/articles/new", 0),
        "articles_updated": stats.get("parknews/articles/updated", 0),
        "articles_unchanged": stats.get("parknews/articles/unchanged", 0),
        "articles_deleted": stats.get("parknews/articles/deleted", 0),
        "items_rejected": stats.get("parknews/rejected", 0),
        "errors": stats.get("log_count/ERROR", 0),
        "status_counts": json.dumps(status_counts, sort_keys=True),
        "failure": None if stats.get("parknews/listing_pages") else stats.get("parknews/listing_failure"),
        "generic_extractions": generic,
        "template_drift": int(articles > 0 and generic / articles > drift_share),
        "stats": json.dumps(stats, default=str, ensure_ascii=False, sort_keys=True),
    }


def summary_line(run: dict) -> str:
    """One line for a run: what it stored and what went wrong."""
    return (f"run {run.get('id', '?')} ({run.get('mode') or 'crawl'}"
            + (f", {run['portal']}" if run.get("portal") else "") + f"): {run.get('finish_reason')}, "
            f"{run.get('articles_new') or 0} new, {run.get('articles_updated') or 0} updated, "
            f"{run.get('articles_unchanged') or 0} unchanged, {run.get('items_rejected') or 0} rejected, "
            f"{run.get('errors') or 0} errors")


def judge(run: dict | None, max_errors: int | None = 0, max_age: timedelta | None = None,
          age: timedelta | None = None) -> list[str]:
    """What is wrong with a run (empty when it is healthy). A crawl must have read a listing page and
    not have drifted from its template; a reparse or a fact recomputation reads no listing at all.
    ``max_errors`` None leaves logged errors out of the judgement."""
    if run is None:
        return ["no run recorded"]
    problems = []
    if run.get("finish_reason") != "finished":
        problems.append(f"finish reason {run.get('finish_reason')!r}")
    if max_age is not None and age is not None and age > max_age:
        problems.append(f"older than {max_age.total_seconds() / 3600:g}h")
    if run.get("mode") in CRAWL_MODES:
        if not run.get("listing_pages"):
            problems.append("no listing page read" + (f" ({run['failure']})" if run.get("failure") else ""))
        if run.get("template_drift"):
            problems.append(f"template drift ({run.get('generic_extractions')} generic extractions)")
    if max_errors is not None and (run.get("errors") or 0) > max_errors:
        problems.append(f"{run['errors']} errors logged")
    return problems
