"""Scrapy settings for farmwatch.

Defaults are for a polite research crawl of many sites at once: robots.txt obeyed,
AutoThrottle on, a few requests per domain, small page bodies (news pages are well under
2 MB; anything far bigger is a trap or a file). Every ``FARMWATCH_*`` setting is read by
one component, named beside it.
"""

BOT_NAME = "farmwatch"
SPIDER_MODULES = ["crawler.spiders"]
NEWSPIDER_MODULE = "crawler.spiders"

USER_AGENT = "farmwatch/0.1 (content-farm research crawler)"
ROBOTSTXT_OBEY = True

# Politeness: per-domain slots, AutoThrottle adapting to each server's latency.
CONCURRENT_REQUESTS = 32
CONCURRENT_REQUESTS_PER_DOMAIN = 4
DOWNLOAD_DELAY = 0.25
DOWNLOAD_DELAY_JITTER = 0.5  # ±50% around DOWNLOAD_DELAY
AUTOTHROTTLE_ENABLED = True
AUTOTHROTTLE_START_DELAY = 1.0
AUTOTHROTTLE_MAX_DELAY = 30.0
AUTOTHROTTLE_TARGET_CONCURRENCY = 2.0

# Hostile-site limits: bodies, time, redirects, retries.
DOWNLOAD_MAXSIZE = 4 * 1024 * 1024  # also caps decompressed size: gzip bombs are dropped
DOWNLOAD_WARNSIZE = 1 * 1024 * 1024
# crawler.header_limit.HeaderLimitMiddleware: header lines and bytes per response, checked while
# they arrive (DOWNLOAD_MAXSIZE bounds the body only); a response over either is dropped and
# counted under farmwatch/dropped/headers. 0 switches a cap off.
FARMWATCH_MAX_RESPONSE_HEADERS = 500
FARMWATCH_MAX_RESPONSE_HEADER_BYTES = 256 * 1024
DOWNLOAD_TIMEOUT = 30
REDIRECT_MAX_TIMES = 3
RETRY_TIMES = 2
RETRY_HTTP_CODES = [500, 502, 503, 504, 522, 524, 408, 429]
# Scrapy's list without CannotResolveHostError: a name that does not resolve will not resolve a
# second later, and retrying it tripled the lookups of a seeds file full of dead domains.
RETRY_EXCEPTIONS = [
    "scrapy.exceptions.DownloadConnectionRefusedError",
    "scrapy.exceptions.DownloadFailedError",
    "scrapy.exceptions.DownloadTimeoutError",
    "scrapy.exceptions.ResponseDataLossError",
    "twisted.internet.error.ConnectionDone",
    "twisted.internet.error.ConnectError",
    "twisted.internet.error.ConnectionLost",
    "builtins.OSError",
    "scrapy.core.downloader.handlers.http11.TunnelError",
]
# The spider's errback names every failure (one WARNING line per failed site, crawler/failures.py);
# Scrapy's own "Gave up retrying" line per URL would repeat it at ERROR.
RETRY_GIVE_UP_LOG_LEVEL = "DEBUG"
COOKIES_ENABLED = False
TELNETCONSOLE_ENABLED = False
REMOTE_CONTROL_ENABLED = False  # Scrapy ≥2.19 opens a control port by default; a cron crawler needs none
DEPTH_STATS_VERBOSE = False

# DNS: static host map (sample web, tests) + refusal of private addresses (crawler/addresses.py
# decides, for every spelling of an IP and for the address a name resolves to;
# crawler.address_guard counts a refusal under farmwatch/blocked/private_address).
TWISTED_DNS_RESOLVER = "crawler.resolver.FarmwatchResolver"
FARMWATCH_HOSTS = {}
FARMWATCH_HOSTS_FILE = None
FARMWATCH_HOSTS_ONLY = False
FARMWATCH_ALLOW_PRIVATE = False

# Trap and politeness components (crawler/middlewares.py documents each and its settings).
DOWNLOADER_MIDDLEWARES = {
    "crawler.middlewares.UrlGuardDownloaderMiddleware": 40,
    "crawler.middlewares.SiteBudgetMiddleware": 45,
    # Scrapy 2.19's own robots.txt middleware lets requests that wait on a pending robots.txt
    # through unchecked; ours relays the parsed file to every waiter.
    "scrapy.downloadermiddlewares.robotstxt.RobotsTxtMiddleware": None,
    "crawler.middlewares.RobotsTxtMiddleware": 100,
    "crawler.middlewares.CrawlDelayMiddleware": 110,
    "crawler.address_guard.PrivateAddressMiddleware": 560,
    "crawler.header_limit.HeaderLimitMiddleware": 570,
    "crawler.middlewares.RedirectLoopMiddleware": 650,
}
SPIDER_MIDDLEWARES = {
    "crawler.extensions.FrontierSpiderMiddleware": 450,
    "crawler.middlewares.UrlGuardSpiderMiddleware": 750,
}
# crawler.extensions.FrontierExtension: on only when FARMWATCH_JOB names a job (farmwatch crawl).
EXTENSIONS = {
    "crawler.failures.SiteFailureLog": 100,
    "crawler.extensions.FrontierExtension": 500,
    # After the frontier (its spider_closed sets farmwatch/pages_covered, which the monitors read).
    "spidermon.contrib.scrapy.extensions.Spidermon": 600,
}
# Run monitors (crawler/monitors.py documents each): on for farmwatch crawl, off for a plain
# scrapy crawl unless -s SPIDERMON_ENABLED=1.
SPIDERMON_ENABLED = False
SPIDERMON_SPIDER_CLOSE_MONITORS = ["crawler.monitors.RunMonitorSuite"]
SPIDERMON_EXPECTED_FINISH_REASONS = ["finished"]
FARMWATCH_MONITOR_MIN_PAGES_RATIO = 0.5
FARMWATCH_MONITOR_MAX_ERROR_RATE = 0.1
FARMWATCH_MONITOR_MAX_REFUSED_RATE = 0.3
FARMWATCH_MONITOR_MAX_FLAGGED_RATIO = 2.0
FARMWATCH_MONITOR_HISTORY_RUNS = 10
FARMWATCH_MONITOR_MODEL_CHANGE = True
FARMWATCH_MONITOR_MIN_SAMPLE = 20
# Spidermon actions run when a monitor fails, e.g. "spidermon.contrib.actions.email.smtp.SendSmtpEmail",
# "spidermon.contrib.actions.slack.notifiers.SendSlackMessageSpiderFinished", "crawler.monitors.SendWebhook".
FARMWATCH_MONITOR_ACTIONS = []
FARMWATCH_MONITOR_WEBHOOK_URL = None
FARMWATCH_MONITOR_WEBHOOK_TIMEOUT = 10.0
FARMWATCH_SITE_FAILURE_LOG_ENABLED = True
FARMWATCH_URL_GUARD_ENABLED = True
FARMWATCH_ALLOWED_SCHEMES = ["http", "https"]
FARMWATCH_MAX_URL_LENGTH = 2048
FARMWATCH_MAX_SEGMENT_REPEATS = 2
FARMWATCH_ALLOW_PRIVATE_NETWORKS = []
FARMWATCH_MAX_REQUESTS_PER_SITE = None  # None: 3 x the spider's max_pages_per_site; 0: off
FARMWATCH_CRAWL_DELAY_ENABLED = True
FARMWATCH_MAX_CRAWL_DELAY = 30.0
FARMWATCH_REDIRECT_LOOP_ENABLED = True
FARMWATCH_JOB = None
FARMWATCH_REVISIT_HOURS = 24.0
FARMWATCH_REVISIT_SEED_HOURS = 1.0  # seeds are hub pages: re-read for new links once this old
FARMWATCH_REVISIT_GONE_HOURS = 168.0  # links that answered 404/410 are left alone for a week

ITEM_PIPELINES = {
    "crawler.pipelines.ClassifyPipeline": 300,
    "crawler.pipelines.StorePipeline": 500,
}

# crawler.pipelines.ClassifyPipeline: model path (None → the shipped models/farmwatch.skops).
FARMWATCH_MODEL = None
# crawler.pipelines.ClassifyPipeline: worker processes that extract features and score pages
# (crawler/scoring.py), so the crawl's reactor thread only fetches, parses and stores; 0 scores
# in the crawl's own process (one process and ~180 MB fewer; make bench: 164 instead of 202 pages/s).
FARMWATCH_CLASSIFY_PROCESSES = 1
# crawler.pipelines.ClassifyPipeline: OpenMP threads for the trees (0 = library default).
FARMWATCH_CLASSIFY_THREADS = 1
# crawler.pipelines.ClassifyPipeline: pages scored together, and the longest a page waits for
# its batch to fill (seconds). Batches make the trees ~100x cheaper per page.
FARMWATCH_CLASSIFY_BATCH = 32
FARMWATCH_CLASSIFY_MAX_WAIT = 0.05
# crawler.pipelines.StorePipeline: SQLite path, sqlite:///path or postgresql://… URL.
FARMWATCH_DB = "data/farmwatch.sqlite"
# crawler.pipelines.StorePipeline: pages per transaction. A crash loses at most one batch,
# which the frontier still lists as pending and the next run fetches again.
FARMWATCH_STORE_BATCH = 50
# crawler.pipelines.StorePipeline: a batch that meets a transient database fault (PostgreSQL
# restarting, a full disk) is retried this many times, waiting RETRY_DELAY seconds, doubled
# each time (1+2+4+8+16 s by default); a batch that still fails stays pending for the next run
# and counts under farmwatch/errors/store.
FARMWATCH_STORE_RETRIES = 5
FARMWATCH_STORE_RETRY_DELAY = 1.0

# crawler.spiders.news: pages larger than this many characters of reader text are cut.
FARMWATCH_MAX_TEXT_CHARS = 400_000

REQUEST_FINGERPRINTER_IMPLEMENTATION = "2.7"
FEED_EXPORT_ENCODING = "utf-8"
# Feeds (-O items.jsonl / items.csv) carry what a user wants of a page; the parsed document the
# classifier reads is internal (and was two thirds of a JSON feed, repeating the other fields).
FEED_EXPORT_FIELDS = [
    "url", "canonical_url", "site", "host", "fetched_at", "status", "title", "headline", "main_text",
    "link_blocks", "published", "content_hash", "depth", "verdict", "score", "evidence", "brands", "family",
    "model_version",
]
# CSV cells hold lists and dicts (link_blocks, evidence, brands) as JSON, not Python reprs.
FEED_EXPORTERS = {"csv": "crawler.exporters.JsonCellCsvItemExporter"}
# scrapy crawl/parse/shell/check as a Scrapy user expects them here (crawler/commands/).
COMMANDS_MODULE = "crawler.commands"
# scrapy check: @sample_page reads a contract's page from the repository, @filled wants values
# (crawler/contracts.py).
SPIDER_CONTRACTS = {"crawler.contracts.SamplePageContract": 10, "crawler.contracts.FilledContract": 20}
LOG_LEVEL = "INFO"
