"""The only module that composes stages: ingest -> extract -> geocode -> resolve -> store.

Stages never import each other; their dependencies (store, nlp, gazetteer) are passed in here.
"""

from __future__ import annotations
