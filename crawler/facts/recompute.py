"""Recompute the facts and stories of stored articles, report what changed, and record the run."""

from __future__ import annotations

import json
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path

from crawler import locks, storage
from crawler.facts import EXTRACTOR_VERSION, KINDS, extract
from crawler.facts.store import assign_stories, replace_facts, stored_facts, stories_to_assign
from crawler.progress import progress

BATCH = 200          # articles per write transaction
RUN_MODE = "facts"   # crawl_runs.mode of a recomputation, and the name of its lock
EXAMPLES = 3         # examples kept per kind and change


@dataclass
class Changes:
    articles: int = 0
    articles_changed: int = 0
    counts: dict = field(default_factory=lambda: {kind: Counter() for kind in KINDS})
    examples: dict = field(default_factory=lambda: defaultdict(list))
    stories_reassigned: int = 0

    def add(self, url: str, old: list[dict], new: list[dict]) -> bool:
        """Compare an article's stored facts with the recomputed ones; True when they differ."""
        before = {_identity(fact): fact for fact in old}
        after = {_identity(fact): fact for fact in new}
        changed = False
        for key in sorted(before.keys() | after.keys()):   # examples in text order, the same on every run
            kind = key[0]
            if key not in before:
                change, fact = "added", after[key]
            elif key not in after:
                change, fact = "removed", before[key]
            elif _content(before[key]) != _content(after[key]):
                change, fact = "changed", after[key]
            else:
                continue
            changed = True
            self.counts[kind][change] += 1
            examples = self.examples[(kind, change)]
            if len(examples) < EXAMPLES:
                was = f" (was {_describe(before[key])})" if change == "changed" else ""
                examples.append(f"{url} {fact['field']}[{fact['start']}:{fact['end']}] {fact['span']!r} → "
                                f"{_describe(fact)}{was}")
        self.articles += 1
        self.articles_changed += changed
        return changed

    def summary(self) -> dict:
        return {"articles": self.articles, "articles_changed": self.articles_changed,
                "stories_reassigned": self.stories_reassigned, "extractor_version": EXTRACTOR_VERSION,
                "facts": {kind: dict(counts) for kind, counts in self.counts.items() if counts}}

    def report(self) -> str:
        lines = [f"{self.articles} articles, {self.articles_changed} with changed facts; "
                 f"{self.stories_reassigned} articles (re)assigned to stories"]
        for kind in KINDS:
            counts = self.counts[kind]
            lines.append(f"  {kind}: added {counts['added']}, removed {counts['removed']}, changed {counts['changed']}")
            for change in ("added", "removed", "changed"):
                for example in self.examples.get((kind, change), []):
                    lines.append(f"    {change}: {example}")
        return "\n".join(lines)


def _identity(fact: dict) -> tuple:
    return fact["kind"], fact["field"], fact["start"], fact["end"]


def _content(fact: dict) -> tuple:
    return (fact["value"], fact.get("unit"), fact.get("stage"), fact.get("code"), fact.get("qualifier"),
            tuple(fact.get("flags") or ()))


def _describe(fact: dict) -> str:
    parts = [str(fact["value"])]
    for key in ("unit", "stage", "code", "qualifier"):
        if fact.get(key):
            parts.append(str(fact[key]))
    if fact.get("flags"):
        parts.append("flags=" + ",".join(fact["flags"]))
    return " ".join(parts)


def recompute(path: str | Path, since: str | None = None, dry_run: bool = False) -> Changes:
    """Recompute facts (and story membership) for the stored articles published on or after ``since``
    (all when None). A dry run opens the database read-only: nothing is written, no run is recorded.
    A real run holds the 'facts' lock, so two recomputations never overlap (crawls may run meanwhile)."""
    lock = None if dry_run else locks.acquire(path, RUN_MODE)
    try:
        return _recompute(path, since, dry_run)
    finally:
        if lock is not None:
            lock.close()


def _recompute(path, since: str | None, dry_run: bool) -> Changes:
    db = storage.open_for_reading(path) if dry_run else storage.open_for_writing(path)
    run_id = None if dry_run else storage.open_run(db, RUN_MODE, {"since": since})
    changes = Changes()
    try:
        batches = list(_batches(db, since))
        for batch in progress(batches, "Recomputing facts", unit="batch"):
            _recompute_batch(db, batch, changes, dry_run)
    except BaseException as error:
        if run_id is not None:
            storage.close_run(db, run_id, {"finish_reason": f"failed: {error!r}"[:500],
                                           "stats": json.dumps(changes.summary(), ensure_ascii=False)})
        db.conn.close()
        raise
    if run_id is not None:
        storage.close_run(db, run_id, {"finish_reason": "finished", "articles_updated": changes.articles_changed,
                                       "stats": json.dumps(changes.summary(), ensure_ascii=False)})
    db.conn.close()
    return changes


def _batches(db, since: str | None):
    """The selected articles' urls, oldest first, BATCH at a time."""
    where, params = (" WHERE published_at >= ?", (since,)) if since else ("", ())
    urls = [row[0] for row in db.execute(
        f"SELECT url FROM articles{where} ORDER BY published_at IS NULL, published_at, url", params)]
    for offset in range(0, len(urls), BATCH):
        yield urls[offset:offset + BATCH]


def _recompute_batch(db, batch: list[str], changes: Changes, dry_run: bool) -> None:
    """Extract a batch's facts, compare them with the stored ones, and (unless a dry run) store them and
    assign the batch's stories. A real run reads the bodies inside its write transaction: a crawl or a
    reparse cannot change a body between its reading and its facts' writing."""
    if dry_run:
        _compare(db.conn, batch, changes)
        return
    with storage.write_transaction(db) as conn:
        for url, facts in _compare(conn, batch, changes).items():
            replace_facts(conn, url, facts)
        assign_stories(conn, batch)


def _compare(conn, batch: list[str], changes: Changes) -> dict[str, list[dict]]:
    """The batch's facts as extracted now, by url, each compared with what is stored."""
    computed = {}
    for url, title, body in conn.execute(
            f"SELECT url, title, body_text FROM articles WHERE url IN ({','.join('?' * len(batch))})", batch):
        facts = [fact.as_dict() for fact in extract(title or "", body or "")]
        changes.add(url, stored_facts(conn, url), facts)
        computed[url] = facts
    changes.stories_reassigned += stories_to_assign(conn, batch)
    return computed
