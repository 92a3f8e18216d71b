"""``python -m crawler.desk``: serve the database read-only in Datasette, with the project's pages, queries and dashboard.

The database is opened with ``mode=ro`` on every connection Datasette makes (never ``immutable``: a crawl
may be writing), so the desk cannot write or take a write lock, and a crawl running meanwhile goes on.
Configuration lives in ``desk/`` at the repository root: metadata.yml (tables, canned queries,
dashboard), plugins/, templates/ and static/. Needs the ``desk`` extra: ``pip install -e ".[desk]"``.
"""

from __future__ import annotations

import argparse
import copy
import sqlite3
import sys
from pathlib import Path

DESK_DIR = Path(__file__).resolve().parent.parent / "desk"
DATABASE_NAME = "news"  # canned queries and charts are attached to this name, whatever the file is called
DEFAULT_PORT = 8001
SETTINGS = {
    "sql_time_limit_ms": 5000,  # analysts' queries over years of articles; the desk is local
    "facet_time_limit_ms": 500,
    "truncate_cells_html": 300,
    "default_page_size": 50,
    "suggest_facets": False,  # the configured facets are the useful ones; suggestions were noise (tags, images)
}


def read_only_uri(db_path: Path) -> str:
    """A SQLite URI that opens the file read-only and still sees a crawl's committed writes."""
    return Path(db_path).resolve().as_uri() + "?mode=ro"


def database_schema(db_path: Path) -> dict[str, set[str]]:
    """Tables and views of the database, each with its column names."""
    conn = sqlite3.connect(read_only_uri(db_path), uri=True)
    try:
        names = [row[0] for row in conn.execute("SELECT name FROM sqlite_master WHERE type IN ('table', 'view')")]
        return {name: {row[1] for row in conn.execute(f"PRAGMA table_info([{name}])")} for name in names}
    finally:
        conn.close()


def load_metadata(path: Path = DESK_DIR / "metadata.yml") -> dict:
    import yaml

    return yaml.safe_load(path.read_text(encoding="utf-8"))


def fit_metadata(metadata: dict, schema: dict[str, set[str]]) -> dict:
    """The metadata without what this database cannot answer yet.

    Canned queries and dashboard charts whose ``requires`` names a missing table are left out (so the
    facts charts can be declared before every database has the facts tables); facets on missing
    columns are dropped. Default columns need no care: the plugin shows only those that exist.
    """
    metadata = copy.deepcopy(metadata)
    database = metadata.get("databases", {}).get(DATABASE_NAME, {})

    def answerable(entry: dict) -> bool:
        return all(table in schema for table in entry.pop("requires", []))

    queries = database.get("queries", {})
    for name in [name for name, query in queries.items() if not answerable(query)]:
        del queries[name]
    for dashboard in metadata.get("plugins", {}).get("datasette-dashboards", {}).values():
        charts = dashboard.get("charts", {})
        for name in [name for name, chart in charts.items() if not answerable(chart)]:
            del charts[name]
    for table, table_metadata in database.get("tables", {}).items():
        columns = schema.get(table, set())
        if "facets" in table_metadata:
            table_metadata["facets"] = [facet for facet in table_metadata["facets"]
                                        if _facet_column(facet) in columns]
    return metadata


def _facet_column(facet) -> str:
    if isinstance(facet, str):
        return facet
    (config,) = facet.values()
    return config if isinstance(config, str) else config.get("column") or config.get("simple")


def build(db_path: Path):
    """The Datasette app for ``db_path``, read-only, named ``news``, with the desk's configuration."""
    from datasette.app import Datasette
    from datasette.database import Database

    class ReadOnlyDatabase(Database):
        """Every connection read-only, also the one Datasette would use for writes."""

        def connect(self, write=False):
            conn = sqlite3.connect(read_only_uri(Path(self.path)), uri=True, check_same_thread=False)
            self._all_file_connections.append(conn)
            return conn

    db_path = Path(db_path)
    metadata = fit_metadata(load_metadata(), database_schema(db_path))
    datasette = Datasette(
        metadata=metadata,
        template_dir=str(DESK_DIR / "templates"),
        plugins_dir=str(DESK_DIR / "plugins"),
        static_mounts=[("static", str(DESK_DIR / "static"))],
        settings=SETTINGS,
    )
    datasette.remove_database("_memory")
    datasette.add_database(ReadOnlyDatabase(datasette, path=str(db_path), is_mutable=True), name=DATABASE_NAME)
    return datasette


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(prog="python -m crawler.desk",
                                     description="Browse, search and chart the database in a browser (read-only).")
    parser.add_argument("--db", default="data/news.db", help="the database (default data/news.db)")
    parser.add_argument("--port", type=int, default=DEFAULT_PORT, help=f"port on 127.0.0.1 (default {DEFAULT_PORT})")
    args = parser.parse_args(argv)
    db_path = Path(args.db)
    if not db_path.is_file():
        print(f"no database at {db_path}; crawl first (README: Quick start)", file=sys.stderr)
        return 2
    try:
        import uvicorn

        datasette = build(db_path)
    except ImportError as error:
        print(f"the desk needs Datasette: pip install -e \".[desk]\" ({error})", file=sys.stderr)
        return 2
    print(f"parknews desk: http://127.0.0.1:{args.port}/ — {db_path} read-only; Ctrl-C stops", flush=True)
    uvicorn.run(datasette.app(), host="127.0.0.1", port=args.port, log_level="warning")
    return 0


if __name__ == "__main__":
    sys.exit(main())
