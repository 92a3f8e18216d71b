"""Datasette plugin for the analyst's desk: readable cells, a year facet, default columns, short-term search."""

from __future__ import annotations

import json
from html.parser import HTMLParser
from urllib.parse import parse_qsl, quote, urlencode

import markupsafe
from datasette import hookimpl
from datasette.database import QueryInterrupted
from datasette.facets import Facet
from datasette.utils import path_with_added_args, path_with_removed_args
from datasette.utils.asgi import Response

PLUGIN = "parknews-desk"
DATABASE = "news"
JSON_LIST_COLUMNS = {"tags", "images"}
# What body_html may hold (the crawler writes it from an allow-list); anything else is shown as text.
BODY_TAGS = frozenset({
    "p", "h2", "h3", "h4", "h5", "h6", "ul", "ol", "li", "table", "thead", "tbody", "tr", "td", "th",
    "blockquote", "pre", "img", "br", "a", "strong", "b", "em", "i", "u", "sup", "sub", "mark", "code",
    "small", "s",
})
BODY_ATTRIBUTES = {"a": {"href", "title"}, "img": {"src", "alt", "title"}}
SAFE_URL_PREFIXES = ("http://", "https://", "/")
FULL_TEXT_MINIMUM = 3  # FTS5 trigrams find nothing shorter


class _AllowListCheck(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.safe = True

    def handle_starttag(self, tag, attrs):
        if tag not in BODY_TAGS:
            self.safe = False
            return
        for name, value in attrs:
            if name not in BODY_ATTRIBUTES.get(tag, ()):
                self.safe = False
            elif name in ("href", "src") and not (value or "").strip().lower().startswith(SAFE_URL_PREFIXES):
                self.safe = False

    def handle_endtag(self, tag):
        if tag not in BODY_TAGS:
            self.safe = False

    def handle_comment(self, data):
        self.safe = False

    def handle_decl(self, decl):
        self.safe = False

    def handle_pi(self, data):
        self.safe = False

    def unknown_decl(self, data):
        self.safe = False


def is_allow_listed(markup: str) -> bool:
    """True when the HTML uses only the tags and attributes the crawler's sanitiser writes."""
    check = _AllowListCheck()
    check.feed(markup)
    # An unterminated tag or comment at the end is left unparsed (and unchecked) by HTMLParser; the browser
    # would close it with the markup that follows the cell.
    complete = not check.rawdata
    check.close()
    return check.safe and complete


def _json_list(value):
    if not isinstance(value, str) or not value.startswith("["):
        return None
    try:
        items = json.loads(value)
    except ValueError:
        return None
    return items if isinstance(items, list) else None


def _row_value(row, column):
    try:
        return row[column]
    except (IndexError, KeyError):
        return None


@hookimpl
def render_cell(row, value, column, table, database, datasette):
    if database != DATABASE or value in (None, ""):
        return None
    if column == "body_html" and table in ("articles", "article_versions"):
        if is_allow_listed(value):
            return markupsafe.Markup('<div class="article-body">') + markupsafe.Markup(value) + markupsafe.Markup("</div>")
        return markupsafe.Markup('<div class="article-body-unsafe">body_html holds markup outside the allow-list, '
                                 "shown as text:<pre>{}</pre></div>").format(value)
    if column in JSON_LIST_COLUMNS:
        items = _json_list(value)
        if items is None:
            return None
        if not items:
            return markupsafe.Markup('<span class="json-list-empty">none</span>')
        rendered = []
        for item in items:
            text = str(item)
            if text.startswith(("http://", "https://")):
                rendered.append(markupsafe.Markup('<li><a href="{0}">{0}</a></li>').format(text))
            else:
                rendered.append(markupsafe.Markup("<li>{}</li>").format(text))
        return markupsafe.Markup('<ul class="json-list">') + markupsafe.Markup("").join(rendered) + markupsafe.Markup("</ul>")
    if column == "title":
        # Article titles link to the article on the portal, wherever a url column comes with them.
        url = _row_value(row, "url")
        if isinstance(url, str) and url.startswith(("http://", "https://")):
            return markupsafe.Markup('<a class="source-link" href="{}">{}</a>').format(url, value)
    return None


class YearFacet(Facet):
    """Facet by the year of an ISO 8601 date column (?_facet_year=published_at); selects with __startswith."""

    type = "year"

    async def suggest(self):
        return []

    async def facet_results(self):
        results, timed_out = [], []
        selected_args = dict(parse_qsl(self.request.query_string, keep_blank_values=True))
        for source_and_config in self.get_configs():
            config = source_and_config["config"]
            column = config.get("column") or config["simple"]
            sql = (f"SELECT substr([{column}], 1, 4) AS value, count(*) AS count FROM ({self.sql}) "
                   f"WHERE [{column}] GLOB '[0-9][0-9][0-9][0-9]-*' GROUP BY value ORDER BY value DESC")
            try:
                rows = await self.ds.execute(self.database, sql, self.params, truncate=False,
                                             custom_time_limit=self.ds.setting("facet_time_limit_ms"))
            except QueryInterrupted:
                timed_out.append(column)
                continue
            argument = f"{column}__startswith"
            values = []
            for row in rows.rows:
                selected = selected_args.get(argument) == row["value"]
                path = (path_with_removed_args(self.request, {argument: row["value"]}) if selected
                        else path_with_added_args(self.request, {argument: row["value"]}))
                values.append({"value": row["value"], "label": row["value"], "count": row["count"],
                               "toggle_url": self.ds.absolute_url(self.request, path), "selected": selected})
            results.append({
                "name": column, "type": self.type, "results": values,
                "hideable": source_and_config["source"] != "metadata",
                "toggle_url": path_with_removed_args(self.request, {"_facet_year": column}),
                "truncated": False,
            })
        return results, timed_out


@hookimpl
def register_facet_classes():
    return [YearFacet]


@hookimpl
def extra_template_vars(view_name, database, table, request, datasette):
    """``desk_columns``: the columns a table page shows by default (primary keys first), else None."""

    async def inner():
        if view_name != "table" or request is None or not table or database is None:
            return {"desk_columns": None}
        if "_col" in request.args or "_nocol" in request.args:
            return {"desk_columns": None}
        config = datasette.plugin_config(PLUGIN, database=database, table=table) or {}
        wanted = config.get("default_columns")
        if not wanted:
            return {"desk_columns": None}
        db = datasette.get_database(database)
        columns = await db.table_columns(table)
        pks = await db.primary_keys(table)
        shown = list(pks) + [c for c in wanted if c in columns and c not in pks]
        others = [c for c in columns if c not in pks]
        all_columns_url = request.path + "?" + urlencode(
            [(k, v) for k, v in parse_qsl(request.query_string, keep_blank_values=True) if k != "_next"]
            + [("_col", c) for c in others])
        return {"desk_columns": shown, "desk_all_columns_url": all_columns_url}

    return inner


@hookimpl
def asgi_wrapper(datasette):
    """Send a 1–2 character search of the articles page to the search query, which handles it."""

    def wrap(app):
        async def wrapped(scope, receive, send):
            if scope["type"] == "http" and scope.get("path") == f"/{DATABASE}/articles":
                args = dict(parse_qsl(scope.get("query_string", b"").decode("utf-8"), keep_blank_values=True))
                term = args.get("_search", "").strip()
                if 0 < len(term) < FULL_TEXT_MINIMUM:
                    response = Response.redirect(f"/{DATABASE}/search?term={quote(term)}")
                    await response.asgi_send(send)
                    return
            await app(scope, receive, send)

        return wrapped

    return wrap
