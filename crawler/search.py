"""Full-text search over titles and bodies, for terms of any length.

FTS5's trigram index answers terms of three or more characters (ranked by bm25); one- and
two-character terms such as 太原 or 氢能 have no trigram, so they are matched with LIKE on the same
FTS table, which still works (as a scan). ``python -m crawler.search 太原 --db data/news.db``.
"""

from __future__ import annotations

import argparse
import sys

from crawler import storage

MATCH_QUERY = """
SELECT a.url, a.title, a.published_at, a.category,
       snippet(articles_fts, 1, '[', ']', '…', 12) AS snippet
FROM articles_fts JOIN articles a ON a.rowid = articles_fts.rowid
WHERE articles_fts MATCH :query AND a.deleted_at IS NULL
ORDER BY bm25(articles_fts) LIMIT :limit"""

LIKE_QUERY = """
SELECT a.url, a.title, a.published_at, a.category,
       substr(a.body_text, max(1, instr(a.body_text, :term) - 12), 40) AS snippet
FROM articles_fts JOIN articles a ON a.rowid = articles_fts.rowid
WHERE (articles_fts.title LIKE :pattern ESCAPE '\\' OR articles_fts.body_text LIKE :pattern ESCAPE '\\')
  AND a.deleted_at IS NULL
ORDER BY a.published_at DESC LIMIT :limit"""


def search(db, term: str, limit: int = 20) -> list[dict]:
    term = term.strip()
    if not term:
        return []
    if len(term) >= 3:
        phrase = '"' + term.replace('"', '""') + '"'
        return list(db.query(MATCH_QUERY, {"query": phrase, "limit": limit}))
    pattern = "%" + term.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"
    return list(db.query(LIKE_QUERY, {"term": term, "pattern": pattern, "limit": limit}))


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description="Search stored articles (any term length).")
    parser.add_argument("term")
    parser.add_argument("--db", default="data/news.db")
    parser.add_argument("--limit", type=int, default=20)
    args = parser.parse_args(argv)
    try:
        db = storage.open_for_reading(args.db)
    except storage.StorageError as error:
        print(f"parknews: {error}", file=sys.stderr)
        return 2
    for row in search(db, args.term, args.limit):
        print(f"{(row['published_at'] or '')[:10]}  {row['title']}\n    {row['url']}\n    {row['snippet']}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
