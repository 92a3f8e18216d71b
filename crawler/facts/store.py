"""Facts and stories in the parknews database: tables, indexes and analysts' views
(``create_fact_tables``), an article's facts replaced as a whole (``replace_facts``), and story
assignment of articles (``assign_stories``)."""

from __future__ import annotations

import hashlib
import sqlite3
from typing import Iterable

import sqlite_utils

from crawler.facts import EXTRACTOR_VERSION, Fact
from crawler.facts import stories as story_hashing
from crawler.facts.places import divisions

TABLES = """
CREATE TABLE IF NOT EXISTS facts (
    id INTEGER PRIMARY KEY,
    url TEXT NOT NULL REFERENCES articles(url),
    kind TEXT NOT NULL,           -- project_count, investment, province, city, zone, industry
    value,                        -- count (integer), 亿 of the unit's currency (real), or a name (text)
    unit TEXT,                    -- 个, 亿元, 亿美元 …
    stage TEXT,                   -- project counts: 签约, 开工, 投产, 竣工, 落地, 在建, 入驻, 储备, 新建, 续建, 其他
    code TEXT,                    -- provinces and cities: 6-digit administrative code
    qualifier TEXT,               -- zones: bracketed part (晋中片区), industries: 战略性新兴产业 or 传统产业
    flags TEXT NOT NULL DEFAULT '',  -- comma-separated: approximate, bound, threshold, range, foreign_currency
    field TEXT NOT NULL,          -- title or body_text
    span_start INTEGER NOT NULL,  -- character offsets: substr(field, span_start + 1, span_end - span_start) = span
    span_end INTEGER NOT NULL,
    span TEXT NOT NULL,
    extractor_version TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS facts_url ON facts(url);
CREATE INDEX IF NOT EXISTS facts_kind_value ON facts(kind, value);
CREATE TABLE IF NOT EXISTS fact_extractions (
    url TEXT PRIMARY KEY REFERENCES articles(url),
    extractor_version TEXT NOT NULL,
    extracted_at TEXT NOT NULL,
    facts INTEGER NOT NULL
);
CREATE TABLE IF NOT EXISTS story_members (
    id INTEGER PRIMARY KEY,
    url TEXT NOT NULL UNIQUE REFERENCES articles(url),
    story_id INTEGER NOT NULL,    -- the id of the story's first member
    signature BLOB,               -- MinHash of the body (NULL: too short to compare, a story of its own)
    body_hash TEXT NOT NULL,      -- sha1 of the body the signature was computed from
    assigned_at TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS story_members_story ON story_members(story_id);
CREATE TABLE IF NOT EXISTS story_bands (
    band_key INTEGER NOT NULL,
    member_id INTEGER NOT NULL,
    PRIMARY KEY (band_key, member_id)
) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS story_bands_member ON story_bands(member_id);
CREATE TABLE IF NOT EXISTS divisions (
    code TEXT PRIMARY KEY,        -- 6-digit administrative code
    name TEXT NOT NULL,           -- official full name
    level TEXT NOT NULL           -- province or city (prefecture level)
);
"""

# Views count each story once: its representative is its earliest published live member.
VIEWS = {
    "article_stories": """
SELECT a.url, COALESCE(s.story_id, -a.rowid) AS story_id, a.published_at, a.title,
       (SELECT count(*) FROM story_members m JOIN articles x ON x.url = m.url
        WHERE m.story_id = s.story_id AND x.deleted_at IS NULL) AS story_size
FROM articles a LEFT JOIN story_members s ON s.url = a.url
WHERE a.deleted_at IS NULL""",
    "story_representatives": """
SELECT story_id, url, published_at, title, story_size FROM (
    SELECT *, row_number() OVER (PARTITION BY story_id ORDER BY published_at IS NULL, published_at, url) AS rank
    FROM article_stories)
WHERE rank = 1""",
    # An article's region: the first place it names, the title first (a city counts for its province).
    "article_regions": """
WITH ranked AS (
    SELECT url, code, row_number() OVER (PARTITION BY url ORDER BY field != 'title', span_start) AS rank
    FROM facts WHERE kind IN ('province', 'city'))
SELECT r.url, p.code AS province_code, p.name AS province, c.code AS city_code, c.name AS city
FROM ranked r JOIN divisions p ON p.code = substr(r.code, 1, 2) || '0000'
LEFT JOIN divisions c ON c.code = (
    SELECT f.code FROM facts f WHERE f.url = r.url AND f.kind = 'city' AND substr(f.code, 1, 2) = substr(r.code, 1, 2)
    ORDER BY f.field != 'title', f.span_start LIMIT 1)
WHERE r.rank = 1""",
    "facts_in_articles": """
SELECT f.id AS fact_id, f.kind, f.value, f.unit, f.stage, f.code, f.qualifier, f.flags, f.span, f.field,
       f.span_start, f.span_end, a.url, a.title, a.published_at, a.category, s.story_id,
       s.url = a.url AS story_representative, f.extractor_version
FROM facts f JOIN articles a ON a.url = f.url
JOIN article_stories st ON st.url = a.url
JOIN story_representatives s ON s.story_id = st.story_id
WHERE a.deleted_at IS NULL""",
    "story_project_counts": """
SELECT st.story_id, f.stage, max(f.value) AS projects
FROM facts f JOIN article_stories st ON st.url = f.url
WHERE f.kind = 'project_count' AND f.flags = '' AND f.stage != '其他'
GROUP BY st.story_id, f.stage""",
    "projects_per_stage_month_province": """
SELECT substr(r.published_at, 1, 7) AS month, COALESCE(g.province, '(未识别)') AS province, c.stage,
       sum(c.projects) AS projects, count(*) AS stories
FROM story_project_counts c JOIN story_representatives r ON r.story_id = c.story_id
LEFT JOIN article_regions g ON g.url = r.url
GROUP BY month, province, c.stage ORDER BY month DESC, projects DESC""",
    "story_investments": """
SELECT st.story_id, max(f.value) AS amount_yi_yuan
FROM facts f JOIN article_stories st ON st.url = f.url
WHERE f.kind = 'investment' AND f.unit = '亿元'
  AND f.flags NOT LIKE '%threshold%' AND f.flags NOT LIKE '%range%'
GROUP BY st.story_id""",
    "story_industries": """
SELECT DISTINCT st.story_id, f.value AS industry, f.qualifier AS industry_group
FROM facts f JOIN article_stories st ON st.url = f.url WHERE f.kind = 'industry'""",
    "investment_per_month_province_industry": """
SELECT substr(r.published_at, 1, 7) AS month, COALESCE(g.province, '(未识别)') AS province,
       COALESCE(i.industry, '(未分类)') AS industry, round(sum(v.amount_yi_yuan), 4) AS amount_yi_yuan,
       count(*) AS stories
FROM story_investments v JOIN story_representatives r ON r.story_id = v.story_id
LEFT JOIN article_regions g ON g.url = r.url
LEFT JOIN story_industries i ON i.story_id = v.story_id
GROUP BY month, province, industry ORDER BY month DESC, amount_yi_yuan DESC""",
    "top_zones": """
SELECT f.value AS zone, count(DISTINCT st.story_id) AS stories, count(DISTINCT f.url) AS articles,
       min(substr(a.published_at, 1, 7)) AS first_month, max(substr(a.published_at, 1, 7)) AS last_month
FROM facts f JOIN article_stories st ON st.url = f.url JOIN articles a ON a.url = f.url
WHERE f.kind = 'zone'
GROUP BY f.value ORDER BY stories DESC, articles DESC""",
}


def create_fact_tables(db: sqlite_utils.Database) -> None:
    """Create the fact and story tables, their indexes, the division names and the analysts' views.
    Idempotent, and safe inside an open transaction (a schema migration runs in one)."""
    conn = db.conn
    for statement in TABLES.split(";"):  # not executescript(): it would COMMIT the caller's transaction
        if statement.strip():
            conn.execute(statement)
    conn.executemany("INSERT OR REPLACE INTO divisions (code, name, level) VALUES (?, ?, ?)",
                     [(code, name, level) for name, (code, level) in divisions().items()])
    create_fact_views(conn)


def create_fact_views(conn: sqlite3.Connection) -> None:
    """(Re)create the analysts' views over facts and stories, in the caller's transaction."""
    for name, sql in VIEWS.items():
        conn.execute(f"DROP VIEW IF EXISTS {name}")
        conn.execute(f"CREATE VIEW {name} AS {sql.strip()}")


def fact_rows(facts: Iterable[Fact | dict]) -> list[dict]:
    """Facts as plain dicts (what the item pipeline puts on an item), flags as a list."""
    return [fact.as_dict() if isinstance(fact, Fact) else dict(fact) for fact in facts]


def replace_facts(conn: sqlite3.Connection, url: str, facts: Iterable[Fact | dict],
                  extractor_version: str = EXTRACTOR_VERSION, extracted_at: str | None = None) -> int:
    """Replace every fact of ``url`` by ``facts`` (Fact objects or their dicts); returns how many.
    Runs in the caller's transaction; the article must be stored already."""
    from crawler.storage import now_iso

    rows = fact_rows(facts)
    conn.execute("DELETE FROM facts WHERE url = ?", (url,))
    conn.executemany(
        "INSERT INTO facts (url, kind, value, unit, stage, code, qualifier, flags, field, span_start, span_end,"
        " span, extractor_version) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        [(url, row["kind"], row["value"], row.get("unit"), row.get("stage"), row.get("code"), row.get("qualifier"),
          ",".join(row.get("flags") or ()), row["field"], row["start"], row["end"], row["span"], extractor_version)
         for row in rows])
    conn.execute("INSERT OR REPLACE INTO fact_extractions (url, extractor_version, extracted_at, facts)"
                 " VALUES (?, ?, ?, ?)", (url, extractor_version, extracted_at or now_iso(), len(rows)))
    return len(rows)


def stored_facts(conn: sqlite3.Connection, url: str) -> list[dict]:
    """An article's stored facts as dicts shaped like Fact.as_dict()."""
    cursor = conn.execute(
        "SELECT kind, value, unit, stage, code, qualifier, flags, field, span_start, span_end, span"
        " FROM facts WHERE url = ? ORDER BY id", (url,))
    return [{"kind": kind, "value": value, "unit": unit, "stage": stage, "code": code, "qualifier": qualifier,
             "flags": [flag for flag in flags.split(",") if flag], "field": field, "start": start, "end": end,
             "span": span}
            for kind, value, unit, stage, code, qualifier, flags, field, start, end, span in cursor]


def assign_stories(conn: sqlite3.Connection, urls: Iterable[str], threshold: float = story_hashing.THRESHOLD,
                   assigned_at: str | None = None) -> dict[str, int]:
    """Put each article (already stored) into the story of its near-duplicates, or a new story.

    Incremental: candidates come from the indexed band keys of the articles already assigned;
    an article whose body changed is taken out and assigned again; when an article joins two
    stories they merge into the older one. Runs in the caller's transaction. Returns url → story_id.
    """
    from crawler.storage import now_iso

    assigned_at = assigned_at or now_iso()
    result = {}
    for url in urls:
        row = conn.execute("SELECT body_text FROM articles WHERE url = ?", (url,)).fetchone()
        if row is None:
            continue
        body = row[0] or ""
        digest = body_hash(body)
        member = conn.execute("SELECT id, story_id, body_hash FROM story_members WHERE url = ?", (url,)).fetchone()
        if member is not None:
            if member[2] == digest:
                result[url] = member[1]
                continue
            conn.execute("DELETE FROM story_bands WHERE member_id = ?", (member[0],))
            conn.execute("DELETE FROM story_members WHERE id = ?", (member[0],))
        sig = story_hashing.signature(body)
        matched_stories = _matching_stories(conn, sig, threshold) if sig is not None else set()
        cursor = conn.execute("INSERT INTO story_members (url, story_id, signature, body_hash, assigned_at)"
                              " VALUES (?, 0, ?, ?, ?)", (url, sig.to_bytes() if sig else None, digest, assigned_at))
        member_id = cursor.lastrowid
        story_id = min(matched_stories) if matched_stories else member_id
        conn.execute("UPDATE story_members SET story_id = ? WHERE id = ?", (story_id, member_id))
        for other in matched_stories - {story_id}:
            conn.execute("UPDATE story_members SET story_id = ? WHERE story_id = ?", (story_id, other))
        if sig is not None:
            conn.executemany("INSERT OR IGNORE INTO story_bands (band_key, member_id) VALUES (?, ?)",
                             [(key, member_id) for key in story_hashing.band_keys(sig, threshold)])
        result[url] = story_id
    # A later article of the same call may have merged an earlier one's story into an older story.
    return {url: conn.execute("SELECT story_id FROM story_members WHERE url = ?", (url,)).fetchone()[0]
            for url in result}


def body_hash(body: str) -> str:
    return hashlib.sha1(body.encode("utf-8")).hexdigest()


def stories_to_assign(conn: sqlite3.Connection, urls: Iterable[str]) -> int:
    """How many of ``urls`` have no story yet or a body changed since their assignment."""
    count = 0
    for url in urls:
        row = conn.execute("SELECT a.body_text, m.body_hash FROM articles a LEFT JOIN story_members m ON m.url = a.url"
                           " WHERE a.url = ?", (url,)).fetchone()
        if row is not None and row[1] != body_hash(row[0] or ""):
            count += 1
    return count


def _matching_stories(conn: sqlite3.Connection, sig, threshold: float) -> set[int]:
    keys = story_hashing.band_keys(sig, threshold)
    candidates = conn.execute(
        f"SELECT m.story_id, m.signature FROM story_members m WHERE m.id IN"
        f" (SELECT member_id FROM story_bands WHERE band_key IN ({','.join('?' * len(keys))}))", keys).fetchall()
    return {story_id for story_id, raw in candidates
            if raw is not None and sig.similarity(story_hashing.Signature.from_bytes(raw)) >= threshold}


def write_articles(db: sqlite_utils.Database, articles: list[dict], keep: tuple[str, ...] = ()):
    """Articles with their facts and stories, in one transaction (the caller's, if it has one): the crawl
    and reparse write alike, so stored facts always come from the stored body. Returns upsert's counts."""
    from crawler import storage

    with storage.write_transaction(db) as conn:
        outcome = storage.upsert_articles(db, articles, keep=keep)
        for article in articles:
            if article.get("facts") is not None:
                replace_facts(conn, article["url"], article["facts"])
        assign_stories(conn, [article["url"] for article in articles])
    return outcome
