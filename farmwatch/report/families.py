"""What each farm family code means, in one line an analyst can act on (report legends).

Short forms of the field notes in ``../shared/docs/farm-families.md`` (the survey the simulator
and the features were designed from); the codes are the ones ``Verdict.family`` carries.
"""

FAMILIES: dict[str, str] = {
    "F1a": "brand-injected wire copy: a fintech brand in the title and glued into the body, "
           "\"Current:Home >\" breadcrumb, \"veryGood! (N)\" counter, off-topic Related/Ranking lists",
    "F1b": "brand-injected wire copy, second template: \"Brand:headline\" title, a glued "
           "\"source:…category:\" line, a \"Recommend\" block of unrelated teasers",
    "F2": "search-result scraper or proxy: snippets from many outlets cut with \" ...\", search-UI "
          "leftovers, hosts on free or edge platforms",
    "F3": "fake local \"Tribune / Press\" site: agency copy under huge sidebars of unrelated headlines "
          "and exchange-rate dumps, no local reporting",
    "F4": "synonym-spun rewrite: a thesaurus mangled names and idioms (\"White Home\", \"inventory markets\")",
    "F5": "machine-written \"news\": placeholders, prompt scaffolding, invented specifics, impossible dates",
    "F6": "templated SEO farm on free hosting: one generic article on many subdomains, word-salad slugs",
    "F7": "verbatim scraper / autoblog: big outlets copied onto unrelated domains, with the source's "
          "leftovers (\"Advertisement\", \"Read the original article\")",
    "F8": "machine-translated agency copy with leftover CMS tags and generic author bios",
    "F9": "fabricated celebrity clickbait: a headline the body does not support",
    "F10": "keyword shell or doorway: the path is the keyword, a thin body, links that vary the keyword",
}
