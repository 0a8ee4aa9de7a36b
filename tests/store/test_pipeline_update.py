"""pipeline.update_incidents on a real store: a report the extractor fails on is reported and retried
later, a report without a dateline is recorded with no incidents, and nothing else is held up."""

from __future__ import annotations

from datetime import date

from sitroom.config import Settings
from sitroom.documents import document_id
from sitroom.ingest import Problem
from sitroom.model import Document, Extraction
from sitroom.pipeline import extract_document, open_store, update_incidents

GOOD = "Rockets struck a base near Kirkuk on Sunday, officials said. Two soldiers were wounded."
BAD = "Drones hit a depot near Mosul on Monday, a spokesman said."
UNDATED = "Gunmen attacked a checkpoint, a local official said."


def test_pipeline_update_reports_a_failing_report_and_retries_it_later(store_db: str, nlp) -> None:  # type: ignore[no-untyped-def]
    docs = [
        Document(id=document_id(t), text=t, published=p)
        for t, p in ((GOOD, date(2023, 11, 20)), (BAD, date(2023, 11, 21)), (UNDATED, None))
    ]
    problems: list[Problem] = []

    def flaky(document: Document) -> Extraction:
        if document.text == BAD:
            raise RuntimeError("a bug in a rule")
        return extract_document(document, nlp)

    with open_store(store_db) as store:
        store.add_documents(docs)
        summary = update_incidents(store, Settings(), extract=flaky, on_problem=problems.append)
        assert {p.reason for p in problems} == {"extract-failed", "no-date"}
        assert store.documents_to_extract() == [document_id(BAD)]
        assert store.count_incidents() >= 1 and summary.resolved
        again = update_incidents(store, Settings(), extract=lambda d: extract_document(d, nlp))
        assert again.extracted == 1 and store.documents_to_extract() == []
        assert {s for i in store.list_incidents(limit=None) for s in i.sources} >= {docs[0].id, docs[1].id}
