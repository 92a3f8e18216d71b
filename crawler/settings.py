"""Scrapy settings for parknews: polite defaults for the live portal; tests and benchmarks override them with -s."""

BOT_NAME = "parknews"
SPIDER_MODULES = ["spiders"]
NEWSPIDER_MODULE = "spiders"

# Site themes commonly serve their "mobile" HTML to any user agent containing "linux" or "android",
# so the crawler always presents itself as a desktop Windows browser that names itself.
USER_AGENT = (
    "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) "
    "parknews/0.1 (+https://github.com/parknews/parknews; news crawler for analysts)"
)

# Custom `scrapy crawl`: the same command, with an exit status that says whether the run failed.
COMMANDS_MODULE = "crawler.commands"

# Politeness towards the live site.
ROBOTSTXT_OBEY = True
CONCURRENT_REQUESTS = 4
CONCURRENT_REQUESTS_PER_DOMAIN = 1
DOWNLOAD_DELAY = 1.0
AUTOTHROTTLE_ENABLED = True
AUTOTHROTTLE_START_DELAY = 1.0
AUTOTHROTTLE_MAX_DELAY = 30.0
AUTOTHROTTLE_TARGET_CONCURRENCY = 1.0

DOWNLOAD_TIMEOUT = 30
DOWNLOAD_MAXSIZE = 10 * 1024 * 1024
DOWNLOAD_WARNSIZE = 2 * 1024 * 1024
RETRY_TIMES = 3

# No cookies are needed, and Scrapy's cookie handling would make tldextract fetch the
# public suffix list from the network. The two consoles are remote code execution risks.
COOKIES_ENABLED = False
TELNETCONSOLE_ENABLED = False
REMOTE_CONTROL_ENABLED = False

DOWNLOADER_MIDDLEWARES = {
    "crawler.middlewares.MislabelledEncodingMiddleware": 950,
    # before RedirectMiddleware (600) sees a redirect: responses travel from high numbers to low
    "crawler.middlewares.RedirectAwayMiddleware": 650,
}

EXTENSIONS = {
    "crawler.extensions.CrawlGuard": 0,
    "crawler.extensions.RunRecord": 100,
    "crawler.extensions.QuietNetworkErrors": 200,
    "scrapy.extensions.logstats.LogStats": None,
    "crawler.extensions.ProgressLog": 500,   # a line per LOGSTATS_INTERVAL (60 s) with new/updated/rejected so far
}
# Stats go to crawl_runs.stats; the log ends with the run's one-line summary instead of the dump.
STATS_DUMP = False

ITEM_PIPELINES = {
    "pipelines.clean.CleanBodyPipeline": 100,
    "pipelines.dates.PublishedDatePipeline": 200,
    "pipelines.validate.ValidatePipeline": 300,
    "pipelines.facts.FactsPipeline": 350,
    "pipelines.store.SQLiteStorePipeline": 400,
}

# Storage: the embedded default is one SQLite file under data/.
SQLITE_PATH = "data/news.db"
# Seconds a write waits for another writer's lock before it counts as refused (and is retried later).
SQLITE_TIMEOUT = 30
# A crawl refuses to start with less free disk space than this next to the database.
SQLITE_MIN_FREE_MB = 50
# Articles are written in batches of this many, each batch one transaction.
SQLITE_BATCH_SIZE = 20
# Fetched article pages are kept for re-extraction: "latest" (one per article, and its latest rejected fetch
# if one came after) or "all" (every distinct version).
PAGES_RETENTION = "latest"

# Incremental crawls stop paging a category after this many consecutive known articles.
INCREMENTAL_STOP_AFTER_KNOWN = 10

# When the theme's selectors find no title, date or body, fill them with the generic extractor.
GENERIC_FALLBACK = True
# A run is flagged as template drift when more than this share of its articles
# needed the generic extractor.
TEMPLATE_DRIFT_SHARE = 0.2

LOG_LEVEL = "INFO"
FEED_EXPORT_ENCODING = "utf-8"
