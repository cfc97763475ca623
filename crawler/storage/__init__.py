"""Where pages go: farm pages and legitimate pages in separate tables of a real database.

``open_store(target)`` picks the backend from the target: a path or ``sqlite:///path`` →
:class:`crawler.storage.sqlite.SQLiteStore`; ``postgresql://…`` →
:class:`crawler.storage.postgres.PostgresStore`. Both implement :class:`crawler.storage.base.Store`.
"""

from crawler.storage.base import SCHEMA_VERSION, Store, StoreBusy, StoreError, StoreReadOnly, open_store

__all__ = ["SCHEMA_VERSION", "Store", "StoreBusy", "StoreError", "StoreReadOnly", "open_store"]
