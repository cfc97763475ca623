"""Feed exporters for farmwatch items.

``JsonCellCsvItemExporter`` (``FEED_EXPORTERS["csv"]``): Scrapy's CSV exporter joins lists with
commas and writes dicts as Python reprs (``{'heading': 'Related', ...}``), which no CSV reader
can take apart again. Lists and dicts are written as JSON, one cell each.
"""

from __future__ import annotations

import json
from typing import Any

from scrapy.exporters import CsvItemExporter


class JsonCellCsvItemExporter(CsvItemExporter):
    def serialize_field(self, field: Any, name: str, value: Any) -> Any:
        if isinstance(value, (list, tuple, dict)):
            return json.dumps(value, ensure_ascii=False)
        return super().serialize_field(field, name, value)
