"""Spider contracts that need no network: ``scrapy check`` runs them against saved pages.

``@sample_page PATH`` (``SPIDER_CONTRACTS``) sets the request URL to the ``file:`` URL of
``PATH``, relative to the repository, so a callback's contract reads a page of the bundled
sample web instead of a live site (Scrapy's ``@url`` needs an absolute URL, and the sample
web's server is not running while ``scrapy check`` does).

``@filled FIELD ...`` fails unless every item has a non-empty value in each field. Scrapy's
``@scrapes`` only asks that a field exists, and a dataclass item always has all of them, so it
could never fail on our items.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from itemadapter import ItemAdapter, is_item
from scrapy.contracts import Contract
from scrapy.exceptions import ContractFail

REPO = Path(__file__).resolve().parents[1]


class SamplePageContract(Contract):
    name = "sample_page"

    def adjust_request_args(self, args: dict[str, Any]) -> dict[str, Any]:
        args["url"] = (REPO / self.args[0]).resolve().as_uri()
        return args


class FilledContract(Contract):
    name = "filled"

    def post_process(self, output: list[Any]) -> None:
        for obj in output:
            if not is_item(obj):
                continue
            item = ItemAdapter(obj)
            empty = [name for name in self.args if item.get(name) in (None, "", [], {})]
            if empty:
                raise ContractFail(f"empty field(s) {', '.join(empty)} in the item for {item.get('url')}")
