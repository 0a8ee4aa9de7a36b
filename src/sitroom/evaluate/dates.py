"""Score date resolution on TimeML (.tml) files, TempEval-3 style, as ../shared/eval/README.md defines it.

The document creation time (DCT) is the dateline; the text is what <TEXT> holds with its tags
removed, so the gold TIMEX3 offsets and find_time_expressions' offsets are into the same string.
- value_accuracy: over gold DATE expressions whose span a prediction overlaps, the share whose
  value equals the gold value (after format-only normalisation: case, "W7" = "W07", "199" = "199X",
  trailing "-XX" placeholders dropped);
- span_recall: gold DATE expressions overlapped by a prediction, over all gold DATE expressions;
- precision: predictions overlapping any gold TIMEX3 (DATE, TIME, DURATION or SET), over all.
"""

from __future__ import annotations

import html
import re
import time
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from sitroom.errors import EvalError
from sitroom.evaluate import EvalResult
from sitroom.extract.dates import find_time_expressions
from sitroom.model import TimeExpression


@dataclass(frozen=True)
class GoldTimex:
    """One annotated TIMEX3: [start, end) in the plain text, its type and value."""

    start: int
    end: int
    type: str
    value: str


@dataclass(frozen=True)
class TimemlDocument:
    """A TimeML file reduced to what scoring needs: dateline, plain text, gold expressions."""

    path: Path
    creation_time: date
    text: str
    timexes: tuple[GoldTimex, ...]


_TAG = re.compile(r"<(/?)([A-Za-z0-9]+)((?:[^>\"']|\"[^\"]*\"|'[^']*')*)>")
_ATTRIBUTE = re.compile(r"(\w+)\s*=\s*\"([^\"]*)\"")


def read_timeml(path: Path) -> TimemlDocument:
    """Parse one .tml file; an unreadable or malformed file raises EvalError naming it."""
    try:
        raw = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise EvalError(f"{path}: cannot read TimeML file: {exc}") from exc
    dct = re.search(r"<DCT>.*?value=\"(\d{4}-\d{2}-\d{2})", raw, re.DOTALL)
    body = re.search(r"<TEXT>(.*?)</TEXT>", raw, re.DOTALL)
    if not dct or not body:
        raise EvalError(f"{path}: not a TimeML document (needs a <DCT> TIMEX3 with a value and a <TEXT>)")
    text, timexes = _strip_tags(body.group(1), path)
    return TimemlDocument(path, date.fromisoformat(dct.group(1)), text, tuple(timexes))


def _strip_tags(marked: str, path: Path) -> tuple[str, list[GoldTimex]]:
    pieces: list[str] = []
    length = 0
    open_timexes: list[tuple[int, dict[str, str]]] = []
    timexes: list[GoldTimex] = []
    position = 0
    for tag in _TAG.finditer(marked):
        piece = html.unescape(marked[position : tag.start()])
        pieces.append(piece)
        length += len(piece)
        position = tag.end()
        if tag.group(2) != "TIMEX3":
            continue
        if not tag.group(1):
            open_timexes.append((length, dict(_ATTRIBUTE.findall(tag.group(3)))))
        elif open_timexes:
            start, attributes = open_timexes.pop()
            timexes.append(GoldTimex(start, length, attributes.get("type", ""), attributes.get("value", "")))
        else:
            raise EvalError(f"{path}: </TIMEX3> without an opening tag at character {tag.start()} of <TEXT>")
    pieces.append(html.unescape(marked[position:]))
    return "".join(pieces), timexes


def normalise_value(value: str) -> str:
    """Format-only normalisation of a TimeML value, so equal values written two ways compare equal."""
    value = value.strip().upper()
    value = re.sub(r"-W(\d)(?!\d)", r"-W0\1", value)
    value = re.sub(r"(?:-XX)+$", "", value)
    return value + "X" if re.fullmatch(r"\d{3}", value) else value


def _overlap(a_start: int, a_end: int, b_start: int, b_end: int) -> int:
    return max(0, min(a_end, b_end) - max(a_start, b_start))


def evaluate(path: Path) -> EvalResult:
    """Score find_time_expressions on every .tml file under `path` (a folder or one file)."""
    files = [path] if path.is_file() else sorted(path.rglob("*.tml"))
    if not files:
        raise EvalError(f"{path}: no .tml files found")
    documents = [read_timeml(file) for file in files]
    gold_dates = found = correct = predicted = predicted_right = 0
    find_time_expressions("", documents[0].creation_time)  # compile the grammar outside the timing
    started = time.perf_counter()
    predictions_by_document = [find_time_expressions(d.text, d.creation_time) for d in documents]
    seconds = time.perf_counter() - started
    for document, predictions in zip(documents, predictions_by_document, strict=True):
        predicted += len(predictions)
        predicted_right += sum(
            any(_overlap(p.span.start, p.span.end, g.start, g.end) for g in document.timexes)
            for p in predictions
        )
        for gold in (g for g in document.timexes if g.type == "DATE"):
            gold_dates += 1
            best = _best_overlap(gold, predictions)
            if best is None:
                continue
            found += 1
            correct += normalise_value(best.value) == normalise_value(gold.value)
    metrics = {
        "value_accuracy": correct / found if found else 0.0,
        "span_recall": found / gold_dates if gold_dates else 0.0,
        "precision": predicted_right / predicted if predicted else 0.0,
    }
    notes = (
        f"{len(documents)} documents, {gold_dates} gold DATE expressions, {found} found, {correct} with the right value",
        f"{predicted} predictions, {predicted_right} overlap an annotated TIMEX3",
        f"{predicted / seconds:,.0f} expressions/s ({sum(len(d.text) for d in documents) / seconds / 1e6:.2f} MB/s)"
        if seconds > 0
        else "speed not measured",
    )
    return EvalResult(kind="dates", path=str(path), metrics=metrics, notes=notes)


def _best_overlap(gold: GoldTimex, predictions: list[TimeExpression]) -> TimeExpression | None:
    scored = [(_overlap(p.span.start, p.span.end, gold.start, gold.end), p) for p in predictions]
    scored = [(size, p) for size, p in scored if size > 0]
    return max(scored, key=lambda pair: pair[0])[1] if scored else None
