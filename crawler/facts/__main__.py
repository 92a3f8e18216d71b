"""Command line: recompute the facts of a database, or extract facts from JSON lines.

    python -m crawler.facts --db PATH [--since YYYY-MM-DD] [--dry-run]
    python -m crawler.facts text < articles.jsonl     # {"id", "title", "text"} per line
"""

from __future__ import annotations

import argparse
import json
import sys
from datetime import date

from crawler.facts import extract, to_schema


def run_text(lines, out, err) -> int:
    """One JSON line out per line in: {"id", "facts"} or, for a bad line, {"id", "error"}."""
    failures = 0
    for number, line in enumerate(lines, 1):
        if not line.strip():
            continue
        record_id = None
        try:
            try:
                record = json.loads(line)
            except json.JSONDecodeError as error:
                raise ValueError(f"not valid JSON ({error})") from error
            if not isinstance(record, dict):
                raise ValueError("expected a JSON object")
            record_id = record.get("id")
            title, text = record.get("title") or "", record.get("text") or ""
            if not isinstance(title, str) or not isinstance(text, str):
                raise ValueError('"title" and "text" must be strings')
            if not title and not text:
                raise ValueError('no "title" nor "text"')
            result = json.dumps({"id": record_id, "facts": to_schema(extract(title, text))}, ensure_ascii=False)
            result.encode("utf-8")   # a lone surrogate (valid JSON, no valid UTF-8) is refused here, not at write
        except ValueError as error:
            failures += 1
            message = f"line {number}: {error}"
            print(message, file=err)
            result = json.dumps({"id": record_id, "error": message})   # escaped: whatever the id holds
        out.write(result + "\n")
    return 1 if failures else 0


def _date(value: str) -> str:
    return date.fromisoformat(value).isoformat()


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    if argv[:1] == ["text"]:
        return run_text(sys.stdin, sys.stdout, sys.stderr)
    parser = argparse.ArgumentParser(prog="python -m crawler.facts", description=__doc__.splitlines()[0],
                                     epilog="python -m crawler.facts text: JSON lines on standard input")
    parser.add_argument("--db", required=True, help="the parknews SQLite database")
    parser.add_argument("--since", type=_date, help="only articles published on or after this date (YYYY-MM-DD)")
    parser.add_argument("--dry-run", action="store_true", help="report what would change, write nothing")
    args = parser.parse_args(argv)
    from crawler import locks, storage
    from crawler.facts.recompute import recompute

    try:
        changes = recompute(args.db, since=args.since, dry_run=args.dry_run)
    except locks.LockedError as error:
        print(f"parknews: {error}; try again when it has finished", file=sys.stderr)
        return locks.EXIT_LOCKED
    except (storage.StorageError, OSError) as error:
        print(f"parknews: cannot use the database: {error}", file=sys.stderr)
        return 73
    print(("dry run, nothing written: " if args.dry_run else "") + changes.report())
    return 0


if __name__ == "__main__":
    sys.exit(main())
