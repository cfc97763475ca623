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
DOWNLOAD_MAXSIZE = 8 * 1024 * 1024  # also caps decompressed size: gzip bombs are dropped
DOWNLOAD_WARNSIZE = 2 * 1024 * 1024
DOWNLOAD_TIMEOUT = 30
REDIRECT_MAX_TIMES = 5
RETRY_TIMES = 2
RETRY_HTTP_CODES = [500, 502, 503, 504, 522, 524, 408, 429]
COOKIES_ENABLED = False
TELNETCONSOLE_ENABLED = False
REMOTE_CONTROL_ENABLED = False  # Scrapy ≥2.19 opens a control port by default; a cron crawler needs none
DEPTH_STATS_VERBOSE = False

# DNS: static host map (sample web, tests) + refusal of private addresses.
TWISTED_DNS_RESOLVER = "crawler.resolver.FarmwatchResolver"
FARMWATCH_HOSTS = {}
FARMWATCH_HOSTS_FILE = None
FARMWATCH_HOSTS_ONLY = False
FARMWATCH_ALLOW_PRIVATE = False

ITEM_PIPELINES = {
    "crawler.pipelines.ClassifyPipeline": 300,
    "crawler.pipelines.StorePipeline": 500,
}

# crawler.pipelines.ClassifyPipeline: model path (None → the shipped models/farmwatch.skops).
FARMWATCH_MODEL = None
# crawler.pipelines.StorePipeline: SQLite path, sqlite:///path or postgresql://… URL.
FARMWATCH_DB = "data/farmwatch.sqlite"
# crawler.pipelines.StorePipeline: pages per transaction. A crash loses at most one batch,
# which the frontier still lists as pending and the next run fetches again.
FARMWATCH_STORE_BATCH = 50

# crawler.spiders.news: pages larger than this many characters of reader text are cut.
FARMWATCH_MAX_TEXT_CHARS = 400_000

REQUEST_FINGERPRINTER_IMPLEMENTATION = "2.7"
FEED_EXPORT_ENCODING = "utf-8"
LOG_LEVEL = "INFO"
