"""The dashboard in a real browser (Debian's Chromium) on the demo data, as an analyst uses it."""

from __future__ import annotations

import re
from typing import Any
from urllib.parse import parse_qs, urlparse

from playwright.sync_api import Page, expect

Server = Any  # the conftest's Server (test modules cannot import conftest under importlib mode)
Ui = Any
Watch = Any


def assert_clean(watch: Watch) -> None:
    """No script ran from data, nothing failed, nothing was asked of another machine."""
    assert watch.dialogs == [], f"a dialog opened: a report's text ran as script: {watch.dialogs}"
    assert watch.errors == [], watch.errors
    assert watch.foreign == [], f"requests left the server: {watch.foreign}"


def test_dashboard_loads_map_timeline_claims_and_table(
    page: Page, ui: Ui, server: Server, watch: Watch
) -> None:
    page.goto(server.url + "/")
    ui.loaded()
    total = server.api("incidents")["total"]
    assert total >= 10
    expect(page.locator("#summary strong")).to_have_text(str(total))
    assert page.locator("#map path.country").count() > 200, "the Natural Earth basemap is drawn"
    assert page.locator("#map g.mark").count() >= 3
    assert page.locator("#timeline g.layer rect").count() >= 5
    expect(page.locator("table.incidents tbody tr")).to_have_count(min(25, total))
    # The claims chart loads on its own, so wait for it rather than count at once.
    claims = server.api("claims/series")[0]["claims"]
    expect(page.locator("#claims circle.claim-point")).to_have_count(sum(1 for c in claims if c["as_of"]))
    expect(page.locator("#claims path.running")).to_have_count(1)
    expect(page.locator("#claim-list li")).to_have_count(len(claims))
    assert page.locator("#legend .legend-item").count() >= 3
    ui.screenshot("dashboard.png")
    assert_clean(watch)


def test_dashboard_filters_drive_every_panel_and_live_in_the_url(
    page: Page, ui: Ui, server: Server, watch: Watch
) -> None:
    page.goto(server.url + "/")
    ui.loaded()
    marks_before_points = len(server.api("map")["points"])
    page.select_option("select[name=country]", "IQ")
    ui.loaded(2)
    assert parse_qs(urlparse(page.url).query)["country"] == ["IQ"]
    iraq = server.api("incidents", country="IQ", limit=500)
    expect(page.locator("#summary strong")).to_have_text(str(iraq["total"]))
    rows = page.locator("table.incidents tbody tr")
    expect(rows).to_have_count(min(25, iraq["total"]))
    for text in rows.locator("td:nth-child(3)").all_inner_texts():
        assert text.endswith("(IQ)"), text
    timeline = server.api("timeline", country="IQ")
    assert page.locator("#timeline g.layer rect").count() == sum(
        1 for row in timeline["counts"] for n in row if n
    )
    # The map zooms to what it shows, so a cluster of the whole world may split into several marks:
    # what counts is that every mark stands for Iraqi incidents only.
    iraq_points = server.api("map", country="IQ")["points"]
    shown = page.evaluate(
        """() => [...document.querySelectorAll('#map g.mark')].map((g) => {
            const p = g.__data__.feature.properties;
            return p.cluster ? {count: p.point_count} : {id: p.id, count: 1};
        })"""
    )
    assert shown and sum(m["count"] for m in shown) <= len(iraq_points) <= marks_before_points
    assert {m["id"] for m in shown if "id" in m} <= {p["id"] for p in iraq_points}
    page.fill("input[name=q]", "drone")
    ui.loaded(3)
    both = server.api("incidents", country="IQ", q="drone")
    expect(page.locator("#summary strong")).to_have_text(str(both["total"]))
    assert "q=drone" in page.url and "country=IQ" in page.url
    exports = page.locator("#exports a").first.get_attribute("href") or ""
    assert "country=IQ" in exports and "q=drone" in exports
    page.go_back()
    ui.loaded(4)
    expect(page.locator("input[name=q]")).to_have_value("")
    expect(page.locator("#summary strong")).to_have_text(str(iraq["total"]))
    page.goto(server.url + "/?country=IQ&q=drone")
    ui.loaded()
    expect(page.locator("select[name=country]")).to_have_value("IQ")
    expect(page.locator("#summary strong")).to_have_text(str(both["total"]))
    assert_clean(watch)


def test_timeline_drag_sets_the_date_filters(page: Page, ui: Ui, server: Server, watch: Watch) -> None:
    page.goto(server.url + "/")
    ui.loaded()
    box = page.locator("#timeline svg").bounding_box()
    assert box is not None
    y = box["y"] + box["height"] / 2
    page.mouse.move(box["x"] + box["width"] * 0.3, y)
    page.mouse.down()
    page.mouse.move(box["x"] + box["width"] * 0.6, y, steps=8)
    page.mouse.up()
    ui.loaded(2)
    query = parse_qs(urlparse(page.url).query)
    since, until = query["since"][0], query["until"][0]
    assert re.fullmatch(r"\d{4}-\d\d-\d\d", since) and since < until
    expect(page.locator("input[name=since]")).to_have_value(since)
    expect(page.locator("#summary strong")).to_have_text(
        str(server.api("incidents", since=since, until=until)["total"])
    )
    assert_clean(watch)


def test_incident_page_highlights_each_fields_evidence_and_lists_sources(
    page: Page, ui: Ui, server: Server, watch: Watch
) -> None:
    busiest = max(server.api("incidents", limit=500)["items"], key=lambda i: len(i["sources"]))
    page.goto(server.url + "/?country=" + ((busiest["place"] or {}).get("country") or ""))
    ui.loaded()
    page.locator(f"table.incidents tr[data-id='{busiest['id']}']").click()
    page.wait_for_url(f"**/incident/{busiest['id']}*")
    ui.loaded()
    detail = server.api(f"incidents/{busiest['id']}")
    expect(page.locator("article.source")).to_have_count(len(detail["sources"]))
    for source in detail["sources"]:
        expect(page.locator(f"article.source[data-document='{source['id']}'] h3")).to_have_text(
            source["title"] or "(untitled report)"
        )
    marks = page.locator("mark.ev")
    assert marks.count() >= len({(e["document_id"], e["start"]) for e in detail["evidence"]}) / 2
    evidence_words = " ".join(e["text"] for e in detail["evidence"])
    for text in marks.all_inner_texts():
        assert text in evidence_words, text
    fields = {e["field"] for e in detail["evidence"]}
    shown = set(" ".join(marks.evaluate_all("ms => ms.map(m => m.dataset.fields)")).split())
    assert fields == shown
    chip = page.locator("table.fields a.chip").first
    target = (chip.get_attribute("href") or "").lstrip("#")
    assert page.locator(f"mark[id='{target}']").count() == 1, "each evidence chip links to its highlight"
    expect(page.locator("a#back")).to_have_attribute("href", re.compile(r"country="))
    ui.screenshot("incident.png")
    assert_clean(watch)


def test_report_markup_shows_as_text_and_never_runs(page: Page, ui: Ui, server: Server, watch: Watch) -> None:
    report = server.api("documents/browser-hostile-report")["id"]
    hostile = next(i for i in server.api("incidents", limit=500)["items"] if report in i["sources"])
    page.goto(f"{server.url}/incident/{hostile['id']}")
    ui.loaded()
    source = page.locator("article.source").filter(has_text="<script>alert('title')</script>")
    expect(source.locator("h3")).to_contain_text(
        "<script>alert('title')</script><img src=x onerror=alert(1)>"
    )
    expect(source.locator(".report-text")).to_contain_text("<script>alert('body')</script>")
    expect(source.locator(".meta")).to_contain_text("Hostile <b>Markup</b> Daily")
    assert page.locator("#sources script, #sources img, #sources b").count() == 0
    assert source.locator(".meta a").count() == 0, "a javascript: URL is never a link"
    expect(source.locator(".meta .url")).to_have_text("javascript:alert(document.cookie)")
    page.wait_for_timeout(300)
    assert_clean(watch)


def test_review_is_refused_without_a_token(page: Page, ui: Ui, server: Server, watch: Watch) -> None:
    incident = server.api("incidents", limit=1)["items"][0]
    page.goto(f"{server.url}/incident/{incident['id']}")
    ui.loaded()
    expect(page.locator("#who")).to_have_text("read-only")
    page.click("#accept")
    expect(page.locator("#message")).to_contain_text("Refused (401)")
    page.select_option("#edit-form select[name=field]", "injuries")
    page.fill("#edit-form input[name=value]", "9")
    page.click("#edit-form button[type=submit]")
    expect(page.locator("#message")).to_contain_text("Refused (401)")
    after = server.api(f"incidents/{incident['id']}")
    assert after["incident"]["status"] == incident["status"] and after["audit"] == []
    assert watch.dialogs == [] and watch.foreign == []


def test_review_with_an_editor_token_edits_accepts_and_is_audited(
    page: Page, ui: Ui, server: Server, watch: Watch
) -> None:
    incident = server.api("incidents", limit=3)["items"][2]
    page.goto(f"{server.url}/incident/{incident['id']}")
    ui.loaded()
    page.click("#token-toggle")
    page.fill("#token-input", server.editor_token)
    page.click("#token-form button[type=submit]")
    expect(page.locator("#who")).to_have_text("editor: e2e")
    ui.loaded(2)
    page.select_option("#edit-form select[name=field]", "injuries")
    page.fill("#edit-form input[name=value]", "7")
    page.click("#edit-form button[type=submit]")
    expect(page.locator("#message")).to_have_text("Saved injuries.")
    expect(page.locator("tr[data-field=injuries] td.value")).to_contain_text("7")
    expect(page.locator("tr[data-field=injuries] .badge.edited")).to_have_count(1)
    page.click("#accept")
    expect(page.locator("#status")).to_have_text("reviewed")
    audit = page.locator("table.audit tbody tr")
    expect(audit).to_have_count(2)
    expect(audit.first).to_contain_text("e2e")
    detail = server.api(f"incidents/{incident['id']}")
    assert detail["incident"]["injuries"]["best"] == 7 and detail["incident"]["status"] == "reviewed"
    assert [(a["actor"], a["action"]) for a in detail["audit"]] == [("e2e", "edit"), ("e2e", "accept")]
    page.click("#token-toggle")
    expect(page.locator("#who")).to_have_text("read-only")
    assert_clean(watch)


def test_merge_then_split_from_the_incident_page(page: Page, ui: Ui, server: Server, watch: Watch) -> None:
    before = server.api("incidents")["total"]
    gulf = [i for i in server.api("incidents", limit=500, q="Aden")["items"] if len(i["sources"]) == 1][:2]
    assert len(gulf) == 2
    first, second = gulf
    page.goto(f"{server.url}/incident/{first['id']}")
    ui.loaded()
    page.click("#token-toggle")
    page.fill("#token-input", server.editor_token)
    page.click("#token-form button[type=submit]")
    expect(page.locator("#who")).to_have_text("editor: e2e")
    ui.loaded(2)  # signing in redraws the review panel: fill it only after that
    page.fill(".merge-form input[name=merge]", second["id"])
    # The page moves to the merged incident, whose id may be either one: wait for the load, not a URL.
    with page.expect_navigation():
        page.click(".merge-form button[type=submit]")
    ui.loaded()
    assert server.api("incidents")["total"] == before - 1
    boxes = page.locator("input[name=mention]")
    assert boxes.count() >= 2
    boxes.first.check()
    with page.expect_navigation():
        page.click("#split")
    ui.loaded()
    assert server.api("incidents")["total"] == before
    expect(page.locator("table.audit")).to_contain_text("split")
    actions = [a["action"] for a in server.api("audit") if a["actor"] == "e2e"]
    assert actions[-2:] == ["merge", "split"]
    assert_clean(watch)
