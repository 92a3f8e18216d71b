"""SQLite storage: opening (checked), schema and migrations, and the named operations the crawler performs.

One writer per portal at a time, WAL so that analysts can read while a crawl writes, a busy timeout
so that neither side fails on the other's lock, and every write batch in one ``BEGIN IMMEDIATE``
transaction so that a crash leaves the database as it was after the last whole batch.
An article is identified by its portal and post id, never by its URL, which may change when the
site moves (http to https, www. to the bare domain): the row follows the move.
"""

from __future__ import annotations

import hashlib
import json
import shutil
import sqlite3
import zlib
from collections import Counter
from contextlib import contextmanager
from datetime import datetime
from pathlib import Path
from typing import Iterable, Iterator

import sqlite_utils

from crawler import locks
from crawler.dates import keeps_stored_date, shanghai_now

BUSY_TIMEOUT_SECONDS = 30
# A crawl refuses to start with less free space than this next to the database.
MIN_FREE_BYTES = 50 * 1024 * 1024

ARTICLE_COLUMNS = (
    "url", "portal", "post_id", "title", "original_title", "author", "category", "tags", "views",
    "published_at", "published_raw", "published_precision", "source", "body_text", "body_html",
    "images", "first_seen_at", "last_crawled_at", "content_hash", "deleted_at", "extraction_method",
)
# Tables whose rows name an article by its URL; an article that moves takes them along.
ARTICLE_URL_TABLES = ["article_versions", "article_stats"]
# Why a page was rejected. Incremental crawls do not ask again for articles last rejected as 'redirect'.
REJECT_KINDS = ("download", "redirect", "parse", "invalid", "storage")


class StorageError(Exception):
    """The database cannot be used as asked; the message is one line for the user."""


def now_iso() -> str:
    return shanghai_now().isoformat(timespec="seconds")


def content_hash(title: str | None, body_text: str | None, body_html: str | None) -> str:
    """Over the article's content only: not views, not the randomly drawn related posts."""
    digest = hashlib.sha256()
    for part in (title or "", body_text or "", body_html or ""):
        digest.update(part.encode("utf-8"))
        digest.update(b"\0")
    return digest.hexdigest()


# ---------------------------------------------------------------------------------------------
# Opening: for writing (checked before any work starts) or read-only


def _open(path: Path, uri: str | None = None, timeout: float = BUSY_TIMEOUT_SECONDS) -> sqlite_utils.Database:
    conn = sqlite3.connect(uri or str(path), timeout=timeout, isolation_level=None, check_same_thread=False,
                           uri=uri is not None)
    conn.execute(f"PRAGMA busy_timeout = {int(timeout * 1000)}")
    return sqlite_utils.Database(conn)


def _schema_version_of(db: sqlite_utils.Database, path: Path) -> int:
    try:
        return db.execute("PRAGMA user_version").fetchone()[0] if _has_tables(db) else 0
    except sqlite3.OperationalError:  # cannot open or read it: the caller says why
        raise
    except sqlite3.DatabaseError as error:
        raise StorageError(f"{path} is not a SQLite database ({error})") from None


def _has_tables(db: sqlite_utils.Database) -> bool:
    return db.execute("SELECT count(*) FROM sqlite_master").fetchone()[0] > 0


def open_for_writing(path: str | Path, timeout: float = BUSY_TIMEOUT_SECONDS,
                     min_free_bytes: int = MIN_FREE_BYTES, migrate_schema: bool = True) -> sqlite_utils.Database:
    """Open (creating if needed) the database for writing, migrated, or raise StorageError saying why not:
    a folder in its place, a file that is not a database or is of a newer schema, no write permission,
    too little free space, or another writer holding the lock past the busy timeout."""
    path = Path(path)
    if path.is_dir():
        raise StorageError(f"{path} is a directory, not a database file")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise StorageError(f"cannot create the folder {path.parent} ({error.strerror})") from None
    free = shutil.disk_usage(path.parent).free
    if free < min_free_bytes:
        raise StorageError(f"only {free // 2**20} MiB free next to {path} (at least {min_free_bytes // 2**20} MiB needed)")
    try:
        lock = locks.setting_up(path)
    except OSError as error:
        raise StorageError(f"cannot write next to {path} ({error.strerror})") from None
    with lock:
        return _open_and_migrate(path, timeout, migrate_schema)


def _open_and_migrate(path: Path, timeout: float, migrate_schema: bool) -> sqlite_utils.Database:
    try:
        db = _open(path, timeout=timeout)
    except sqlite3.Error as error:
        raise StorageError(f"cannot open {path} ({error})") from None
    try:
        try:
            version = _schema_version_of(db, path)
        except sqlite3.OperationalError as error:
            raise StorageError(f"cannot read {path} ({error})") from None
        if version > SCHEMA_VERSION:
            raise StorageError(f"{path} has schema version {version}, newer than this parknews knows "
                               f"({SCHEMA_VERSION}); upgrade parknews")
        try:
            if db.conn.execute("PRAGMA journal_mode").fetchone()[0].lower() != "wal":
                db.conn.execute("PRAGMA journal_mode = WAL")
            db.conn.execute("PRAGMA synchronous = NORMAL")
            db.conn.execute("PRAGMA foreign_keys = ON")
            # a write that commits: the only sure test that the file, its folder (WAL files) and the lock allow it
            with write_transaction(db) as conn:
                conn.execute(f"PRAGMA user_version = {version}")
            if migrate_schema:
                migrate(db)
        except sqlite3.Error as error:
            raise StorageError(f"cannot write {path} ({error})") from None
    except BaseException:
        db.conn.close()
        raise
    return db


def open_for_reading(path: str | Path) -> sqlite_utils.Database:
    """Open an existing database read-only (``mode=ro``: never creates a file, never takes a write lock),
    or raise StorageError saying why not.

    In a folder this process may not write, SQLite cannot create the WAL index beside a database no
    writer has open; then, with no WAL file present (nobody is writing), it is read as immutable."""
    path = Path(path)
    if not path.exists():
        raise StorageError(f"no database at {path}")
    if path.is_dir():
        raise StorageError(f"{path} is a directory, not a database file")
    uri = f"{path.resolve().as_uri()}?mode=ro"

    def read(query: str):
        db = _open(path, uri=uri + query)
        try:
            return db, _schema_version_of(db, path)
        except BaseException:
            db.conn.close()
            raise

    try:
        try:
            db, version = read("")
        except sqlite3.OperationalError as error:
            if Path(f"{path}-wal").exists():
                raise StorageError(f"cannot read {path} ({error})") from None
            db, version = read("&immutable=1")
    except sqlite3.Error as error:
        raise StorageError(f"cannot open {path} ({error})") from None
    if version != SCHEMA_VERSION:
        db.conn.close()
        newer = version > SCHEMA_VERSION
        raise StorageError(f"{path} has schema version {version}; this parknews reads {SCHEMA_VERSION}"
                           + ("; upgrade parknews" if newer else "; a crawl or reparse migrates it"))
    return db


def connect(path: str | Path, migrate_schema: bool = True) -> sqlite_utils.Database:
    """Open the database for writing (see ``open_for_writing``)."""
    return open_for_writing(path, migrate_schema=migrate_schema, min_free_bytes=0)


@contextmanager
def write_transaction(db: sqlite_utils.Database) -> Iterator[sqlite3.Connection]:
    """BEGIN IMMEDIATE: take the write lock up front, so a read-then-write never fails half way."""
    conn = db.conn
    if conn.in_transaction:  # already inside one: it commits or rolls back for us
        yield conn
        return
    conn.execute("BEGIN IMMEDIATE")
    try:
        yield conn
    except BaseException:
        conn.execute("ROLLBACK")
        raise
    conn.execute("COMMIT")


def is_database_failure(error: BaseException) -> bool:
    """Whether a failed write is the database's fault (locked, read-only, full, damaged) rather than the
    row's: then every other row would fail too, and the write is worth retrying later, not rejecting."""
    if isinstance(error, sqlite3.OperationalError):
        return True
    if isinstance(error, (sqlite3.ProgrammingError, sqlite3.InterfaceError)) and "binding parameter" in str(error):
        return False   # a value of this row SQLite cannot bind
    return isinstance(error, sqlite3.DatabaseError) and not isinstance(error, (sqlite3.IntegrityError,
                                                                              sqlite3.DataError))


# ---------------------------------------------------------------------------------------------
# Schema migrations: each runs once, in order, in its own transaction; the version is recorded.


def _v1_core(db: sqlite_utils.Database) -> None:
    db["articles"].create({
        "url": str, "post_id": int, "title": str, "original_title": str, "author": str,
        "category": str, "tags": str, "views": int, "published_at": str, "published_raw": str,
        "published_precision": str, "source": str, "body_text": str, "body_html": str,
        "images": str, "first_seen_at": str, "last_crawled_at": str, "content_hash": str,
    }, pk="url", not_null={"title", "first_seen_at", "last_crawled_at", "content_hash"})
    db["crawl_runs"].create({
        "id": int, "started_at": str, "finished_at": str, "mode": str, "arguments": str,
        "finish_reason": str, "pages_fetched": int, "listing_pages": int, "articles_new": int,
        "articles_updated": int, "articles_unchanged": int, "articles_deleted": int,
        "items_rejected": int, "errors": int, "status_counts": str, "stats": str,
    }, pk="id")
    db["rejects"].create({
        "id": int, "url": str, "reason": str, "run_id": int, "rejected_at": str, "excerpt": str,
    }, pk="id")
    db["rejects"].create_index(["url"])


def _v2_history_search_views(db: sqlite_utils.Database) -> None:
    db["articles"].add_column("deleted_at", str)
    db["article_versions"].create({
        "id": int, "url": str, "archived_at": str, "title": str, "original_title": str,
        "body_text": str, "body_html": str, "images": str, "content_hash": str,
    }, pk="id")
    db["article_versions"].create_index(["url"])
    db["article_stats"].create({"url": str, "observed_at": str, "views": int})
    db["article_stats"].create_index(["url", "observed_at"])
    db["articles"].create_index(["published_at"])
    db["articles"].create_index(["category", "published_at"])
    db["articles"].create_index(["post_id"])
    db["crawl_runs"].create_index(["started_at"])
    db["articles"].enable_fts(["title", "body_text"], tokenize="trigram", create_triggers=True)
    db.create_view("articles_live", "SELECT * FROM articles WHERE deleted_at IS NULL")
    db.create_view("articles_per_month", """
        SELECT substr(published_at, 1, 7) AS month, category, count(*) AS articles
        FROM articles WHERE deleted_at IS NULL AND published_at IS NOT NULL
        GROUP BY month, category ORDER BY month DESC, articles DESC""")
    db.create_view("latest_run", "SELECT * FROM crawl_runs ORDER BY id DESC LIMIT 1")


def _v3_extraction_method(db: sqlite_utils.Database) -> None:
    db["articles"].add_column("extraction_method", str)
    db.execute("UPDATE articles SET extraction_method = 'theme' WHERE extraction_method IS NULL")
    db["crawl_runs"].add_column("generic_extractions", int)
    db["crawl_runs"].add_column("template_drift", int)


def _v4_pages(db: sqlite_utils.Database) -> None:
    db["page_bodies"].create({"sha256": str, "body": bytes, "size": int}, pk="sha256")
    db["pages"].create({
        "id": int, "url": str, "fetched_at": str, "status": int, "content_type": str, "encoding": str,
        "last_modified": str, "etag": str, "sha256": str,
    }, pk="id", foreign_keys=[("sha256", "page_bodies", "sha256")])
    db["pages"].create_index(["url", "fetched_at"])
    db["pages"].create_index(["sha256"])


def _v5_portal_identity(db: sqlite_utils.Database) -> None:
    """Every row says its portal; an article is (portal, post_id), so a site's move to https or to the
    bare domain updates its row instead of adding one. Earlier databases held one portal's rows."""
    from crawler.portals import FIRST_PORTAL  # the only portal databases of schema 1-4 can hold

    for table in ("articles", "pages", "rejects", "crawl_runs"):
        db[table].add_column("portal", str)
        db.execute(f"UPDATE {table} SET portal = ?", [FIRST_PORTAL.name])
    for table in ("pages", "rejects"):
        db[table].add_column("post_id", int)
        for row_id, url in db.execute(f"SELECT id, url FROM {table}").fetchall():
            db.execute(f"UPDATE {table} SET post_id = ? WHERE id = ?", [FIRST_PORTAL.post_id(url or ""), row_id])
    db["rejects"].add_column("kind", str)
    db["crawl_runs"].add_column("failure", str)
    # Rows of one article under two URLs (a canonical that named another host): keep the latest crawled.
    duplicates = db.execute("SELECT portal, post_id FROM articles GROUP BY portal, post_id HAVING count(*) > 1").fetchall()
    for portal, post_id in duplicates:
        keep, *others = db.execute("SELECT url FROM articles WHERE portal = ? AND post_id = ? ORDER BY last_crawled_at"
                                   " DESC, rowid DESC", [portal, post_id]).fetchall()
        for (url,) in others:   # its history and its first sighting go to the row kept
            db.execute("INSERT INTO article_versions (url, archived_at, title, original_title, body_text, body_html,"
                       " images, content_hash) SELECT ?, ?, title, original_title, body_text, body_html, images,"
                       " content_hash FROM articles WHERE url = ?", [keep[0], now_iso(), url])
            for table in ("article_versions", "article_stats"):
                db.execute(f"UPDATE {table} SET url = ? WHERE url = ?", [keep[0], url])
            db.execute("UPDATE articles SET first_seen_at = min(first_seen_at, (SELECT first_seen_at FROM articles"
                       " WHERE url = ?)) WHERE url = ?", [url, keep[0]])
            db.execute("DELETE FROM articles WHERE url = ?", [url])
    db["articles"].create_index(["portal", "post_id"], unique=True)
    db["pages"].create_index(["portal", "post_id", "fetched_at"])
    db["rejects"].create_index(["portal", "post_id"])
    db["crawl_runs"].create_index(["portal", "id"])


def _v6_facts(db: sqlite_utils.Database) -> None:
    from crawler.facts.store import create_fact_tables  # numpy and datasketch only when a migration needs them

    create_fact_tables(db)


def _v7_rejected_pages(db: sqlite_utils.Database) -> None:
    db.execute("ALTER TABLE pages ADD COLUMN rejected INTEGER NOT NULL DEFAULT 0")


def _v8_live_story_sizes(db: sqlite_utils.Database) -> None:
    from crawler.facts.store import create_fact_views

    create_fact_views(db.conn)


MIGRATIONS = [
    (1, "articles, crawl_runs, rejects", _v1_core),
    (2, "deleted_at, article_versions, article_stats, indexes, full-text search, views", _v2_history_search_views),
    (3, "extraction_method, template drift in crawl_runs", _v3_extraction_method),
    (4, "pages and page_bodies: every fetched article page, compressed, bodies stored once", _v4_pages),
    (5, "portal on every row; articles identified by (portal, post_id); reject kinds", _v5_portal_identity),
    (6, "facts, fact_extractions, story_members, story_bands, divisions and the facts views", _v6_facts),
    (7, "pages.rejected: a rejected fetch never replaces the page a stored article came from", _v7_rejected_pages),
    (8, "facts views: a story's size counts its live members only", _v8_live_story_sizes),
]
SCHEMA_VERSION = MIGRATIONS[-1][0]


def schema_version(db: sqlite_utils.Database) -> int:
    return db.execute("PRAGMA user_version").fetchone()[0]


def migrate(db: sqlite_utils.Database, target: int = SCHEMA_VERSION) -> int:
    """Bring the database up to ``target``; returns the version it is at."""
    if schema_version(db) >= target:
        return schema_version(db)
    with write_transaction(db) as conn:
        # re-read under the write lock: another process may have migrated meanwhile
        current = conn.execute("PRAGMA user_version").fetchone()[0]
        if not db["schema_migrations"].exists():
            db["schema_migrations"].create({"version": int, "applied_at": str, "description": str}, pk="version")
        for version, description, step in MIGRATIONS:
            if current < version <= target:
                step(db)
                db["schema_migrations"].insert({"version": version, "applied_at": now_iso(), "description": description})
                conn.execute(f"PRAGMA user_version = {version}")
                current = version
    return current


# ---------------------------------------------------------------------------------------------
# Articles


def article_row(item: dict, crawled_at: str) -> dict:
    """The articles row for a cleaned item (lists as JSON, content hash computed).

    ``last_crawled_at`` is the page's fetch time when known, so that view counts observed on
    listing pages can be ordered against the one read on the article page.
    """
    row = {column: item.get(column) for column in ARTICLE_COLUMNS if column in item}
    fetched_at = item.get("fetched_at")
    if fetched_at is not None:
        crawled_at = fetched_at.isoformat(timespec="seconds") if hasattr(fetched_at, "isoformat") else fetched_at
    row["tags"] = json.dumps(item.get("tags") or [], ensure_ascii=False)
    row["images"] = json.dumps(item.get("images") or [], ensure_ascii=False)
    row["content_hash"] = content_hash(item.get("title"), item.get("body_text"), item.get("body_html"))
    row["last_crawled_at"] = crawled_at
    row["deleted_at"] = None
    return row


def upsert_articles(db: sqlite_utils.Database, items: Iterable[dict], crawled_at: str | None = None,
                    keep: tuple[str, ...] = ()) -> Counter:
    """Insert new articles, update changed ones (keeping the previous version), touch unchanged ones.

    Returns counts under 'new', 'updated' and 'unchanged'. A published_at that is not more precise
    than the stored one (a relative date re-read months later) never replaces it. Columns named
    in ``keep`` are left as stored on existing rows (a reparse keeps views, deleted_at …).
    """
    crawled_at = crawled_at or now_iso()
    outcome = Counter()
    with write_transaction(db) as conn:
        for item in items:
            row = article_row(item, crawled_at)
            stored = conn.execute(
                "SELECT url, content_hash, first_seen_at, published_at, published_precision, title, original_title,"
                " body_text, body_html, images FROM articles WHERE portal IS ? AND post_id = ?",
                (row.get("portal"), row["post_id"])).fetchone()
            if stored is not None and stored[0] != row["url"]:
                move_article(conn, stored[0], row["url"])
            if row.get("views") is not None:
                conn.execute("INSERT INTO article_stats (url, observed_at, views) VALUES (?, ?, ?)",
                             (row["url"], row["last_crawled_at"], row["views"]))
            if stored is None:
                row["first_seen_at"] = row["last_crawled_at"]
                _insert(conn, "articles", row)
                outcome["new"] += 1
                continue
            (_, old_hash, first_seen, old_published, old_precision, old_title, old_original,
             old_text, old_html, old_images) = stored
            row["first_seen_at"] = first_seen
            if keeps_stored_date(old_published, old_precision, row.get("published_at"), row.get("published_precision")):
                row["published_at"], row["published_precision"] = old_published, old_precision
                row.pop("published_raw", None)
            if old_hash != row["content_hash"]:
                _insert(conn, "article_versions", {
                    "url": row["url"], "archived_at": crawled_at, "title": old_title,
                    "original_title": old_original, "body_text": old_text, "body_html": old_html,
                    "images": old_images, "content_hash": old_hash,
                })
                outcome["updated"] += 1
            else:
                outcome["unchanged"] += 1
            for column in keep:
                row.pop(column, None)
            url = row.pop("url")
            conn.execute(f"UPDATE articles SET {', '.join(f'{c} = ?' for c in row)} WHERE url = ?", (*row.values(), url))
    return outcome


def move_article(conn: sqlite3.Connection, old_url: str, new_url: str) -> None:
    """The site moved (scheme or host): the article's row and everything that names it take the new URL
    (foreign keys checked at commit, when parent and children agree again)."""
    conn.execute("PRAGMA defer_foreign_keys = ON")
    conn.execute("UPDATE articles SET url = ? WHERE url = ?", (new_url, old_url))
    for table in article_url_tables(conn):
        conn.execute(f"UPDATE {table} SET url = ? WHERE url = ?", (new_url, old_url))


def article_url_tables(conn: sqlite3.Connection) -> list[str]:
    """The history tables, and every table whose ``url`` references articles (facts, stories …)."""
    tables = list(ARTICLE_URL_TABLES)
    for (name,) in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'").fetchall():
        keys = conn.execute(f"SELECT \"table\", \"from\" FROM pragma_foreign_key_list('{name}')").fetchall()
        if ("articles", "url") in keys and name not in tables:
            tables.append(name)
    return tables


def _insert(conn: sqlite3.Connection, table: str, row: dict) -> None:
    # Plain SQL on the hot path: sqlite-utils' insert() inspects the table on every call.
    conn.execute(f"INSERT INTO {table} ({', '.join(row)}) VALUES ({', '.join('?' for _ in row)})", tuple(row.values()))


def record_views(db: sqlite_utils.Database, observations: Iterable[dict]) -> int:
    """Append view counts read from listing pages to article_stats and keep articles.views current
    (an observation older than the article page's own count does not replace it)."""
    rows = [o for o in observations if o.get("views") is not None]
    if not rows:
        return 0
    with write_transaction(db) as conn:
        for o in rows:
            stored = conn.execute("SELECT url FROM articles WHERE portal IS ? AND post_id = ?",
                                  (o.get("portal"), o["post_id"])).fetchone()
            conn.execute("INSERT INTO article_stats (url, observed_at, views) VALUES (?, ?, ?)",
                         (stored[0] if stored else o["url"], o["observed_at"], o["views"]))
            if stored:
                conn.execute("UPDATE articles SET views = ? WHERE url = ? AND last_crawled_at < ?",
                             (o["views"], stored[0], o["observed_at"]))
    return len(rows)


def mark_gone(db: sqlite_utils.Database, portal: str | None, post_id: int, at: str | None = None) -> bool:
    """Set deleted_at on a stored article whose URL now answers 404/410; nothing is removed."""
    with write_transaction(db) as conn:
        cursor = conn.execute("UPDATE articles SET deleted_at = ? WHERE portal IS ? AND post_id = ?"
                              " AND deleted_at IS NULL", (at or now_iso(), portal, post_id))
    return cursor.rowcount > 0


def known_post_ids(db: sqlite_utils.Database, portal: str | None, live_only: bool = False) -> set[int]:
    where = " AND deleted_at IS NULL" if live_only else ""
    return {row[0] for row in db.execute("SELECT post_id FROM articles WHERE portal IS ?" + where, [portal])}


def redirected_post_ids(db: sqlite_utils.Database, portal: str | None) -> set[int]:
    """Articles whose last answer was a redirect away from them (off the site or to another article)
    and that are not stored: an incremental crawl does not ask for them again."""
    return {row[0] for row in db.execute(
        "SELECT post_id FROM rejects r WHERE portal IS ? AND kind = 'redirect' AND post_id IS NOT NULL"
        " AND id = (SELECT max(id) FROM rejects WHERE portal IS r.portal AND post_id = r.post_id)"
        " AND NOT EXISTS (SELECT 1 FROM articles a WHERE a.portal IS r.portal AND a.post_id = r.post_id)", [portal])}


def record_reject(db: sqlite_utils.Database, url: str | None, reason: str, run_id: int | None,
                  excerpt: str | None = None, *, portal: str | None = None, post_id: int | None = None,
                  kind: str | None = None) -> None:
    with write_transaction(db):
        _insert(db.conn, "rejects", {"url": url, "portal": portal, "post_id": post_id, "kind": kind,
                                     "reason": reason, "run_id": run_id, "rejected_at": now_iso(),
                                     "excerpt": (excerpt or "")[:2000]})


# ---------------------------------------------------------------------------------------------
# Raw pages

RETENTIONS = ("latest", "all")
# zlib level 3: measured on 93 KB portal pages, half the time of level 6 for a 9.8:1 ratio instead of 10.9:1.
PAGE_COMPRESSION_LEVEL = 3


def store_pages(db: sqlite_utils.Database, pages: Iterable[dict], retention: str = "latest") -> int:
    """Keep fetched article pages: body zlib-compressed in page_bodies under its sha256 (stored once),
    a pages row per fetch. ``latest`` keeps one page per article: the newest that gave a stored article,
    and the newest rejected one after it (``page["rejected"]``), which never replaces it; ``all`` keeps
    every distinct version. Returns how many page rows were written.
    """
    if retention not in RETENTIONS:
        raise ValueError(f"PAGES_RETENTION={retention!r}: expected one of {', '.join(RETENTIONS)}")
    written = 0
    replaced: set[str] = set()
    with write_transaction(db) as conn:
        for page in pages:
            body = page["body"]
            digest = hashlib.sha256(body).hexdigest()
            conn.execute("INSERT OR IGNORE INTO page_bodies (sha256, body, size) VALUES (?, ?, ?)",
                         (digest, zlib.compress(body, PAGE_COMPRESSION_LEVEL), len(body)))
            if page.get("post_id") is not None:
                same = "portal IS ? AND post_id = ?", (page.get("portal"), page["post_id"])
            else:
                same = "url = ?", (page["url"],)
            latest = conn.execute(f"SELECT id, sha256 FROM pages WHERE {same[0]} ORDER BY fetched_at DESC, id DESC"
                                  " LIMIT 1", same[1]).fetchone()
            if retention == "all" and latest and latest[1] == digest:
                continue  # the same version again
            cursor = conn.execute(
                "INSERT INTO pages (url, portal, post_id, fetched_at, status, content_type, encoding, last_modified,"
                " etag, sha256, rejected) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (page["url"], page.get("portal"), page.get("post_id"), page["fetched_at"], page.get("status", 200),
                 page.get("content_type"), page.get("encoding"), page.get("last_modified"), page.get("etag"), digest,
                 int(bool(page.get("rejected")))))
            written += 1
            if retention == "latest" and latest:
                # a rejected fetch replaces only earlier rejected ones: the page of the stored article stays
                only_rejected = " AND rejected = 1" if page.get("rejected") else ""
                for (gone,) in conn.execute(f"DELETE FROM pages WHERE {same[0]} AND id != ?{only_rejected}"
                                            " RETURNING sha256", (*same[1], cursor.lastrowid)).fetchall():
                    replaced.add(gone)
        for digest in replaced:  # bodies no page refers to any more
            conn.execute("DELETE FROM page_bodies WHERE sha256 = ? AND NOT EXISTS"
                         " (SELECT 1 FROM pages WHERE pages.sha256 = ?)", (digest, digest))
    return written


def page_body(db: sqlite_utils.Database, sha256: str) -> bytes:
    return zlib.decompress(db.execute("SELECT body FROM page_bodies WHERE sha256 = ?", (sha256,)).fetchone()[0])


# ---------------------------------------------------------------------------------------------
# Runs


def open_run(db: sqlite_utils.Database, mode: str, arguments: dict, portal: str | None = None) -> int:
    """Record a run as started. The same portal's earlier runs that never finished (killed) are closed as
    'interrupted': runs of one portal hold its lock, so an unfinished one is a dead one."""
    with write_transaction(db) as conn:
        conn.execute("UPDATE crawl_runs SET finish_reason = 'interrupted' WHERE finished_at IS NULL"
                     " AND finish_reason IS NULL AND portal IS ?", (portal,))
        cursor = conn.execute("INSERT INTO crawl_runs (started_at, mode, arguments, portal) VALUES (?, ?, ?, ?)",
                              (now_iso(), mode, json.dumps(arguments, ensure_ascii=False, sort_keys=True,
                                                           default=str), portal))
    return cursor.lastrowid


def close_run(db: sqlite_utils.Database, run_id: int, fields: dict) -> None:
    with write_transaction(db):
        db["crawl_runs"].update(run_id, {"finished_at": now_iso(), **fields})


def latest_run(db: sqlite_utils.Database, portal: str | None = None, modes: Iterable[str] | None = None,
               finished: bool = False) -> dict | None:
    where, params = [], []
    if portal is not None:
        where.append("portal = ?")
        params.append(portal)
    if modes is not None:
        modes = list(modes)
        where.append(f"mode IN ({', '.join('?' for _ in modes)})")
        params.extend(modes)
    if finished:
        where.append("finished_at IS NOT NULL")
    sql = "SELECT * FROM crawl_runs" + (" WHERE " + " AND ".join(where) if where else "") + " ORDER BY id DESC LIMIT 1"
    rows = list(db.query(sql, params))
    return rows[0] if rows else None


def parse_iso(value: str) -> datetime:
    return datetime.fromisoformat(value)
