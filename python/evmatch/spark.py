"""EventBridge rule matching over Spark DataFrames (``pip install evmatch[spark]``).

* :func:`match_rules` adds a column with the ids of the rules each event matches.
* :func:`filter_pattern` keeps the rows whose event matches one pattern.

Both run with ``DataFrame.mapInArrow``: Arrow batches go in and out of the Python workers,
and each batch is matched by :meth:`evmatch.Machine.match_arrow` on the worker's cores with
the GIL released, with no Python object per row. The rules are validated on the driver when
you call the function (an invalid pattern raises :class:`evmatch.InvalidEventPatternException`
with AWS's text), shipped once per executor as a broadcast variable, and compiled into one
:class:`evmatch.Machine` per Python worker process, cached at module level by a digest of the
rules, so a worker that runs many tasks and batches builds it once.

The event column holds JSON text, as ``string`` or ``binary``. A row whose text is not a valid
event gets an empty list (and, with ``error_column``, the reader's message in that column); a
null event gets a null list.
"""

from __future__ import annotations

import hashlib
import json
import threading
from typing import TYPE_CHECKING, Any, Dict, Iterable, Iterator, List, Mapping, Optional, Tuple, Union

from . import Machine, Pattern

if TYPE_CHECKING:  # pragma: no cover
    from pyspark.sql import DataFrame

PatternLike = Union[str, Dict[str, Any], Pattern]
Rules = Union[Mapping[str, Union[PatternLike, List[PatternLike]]], Iterable[Tuple[str, PatternLike]]]

__all__ = ["filter_pattern", "match_rules"]

# One machine per Python worker process and rule set: digest of the rules text -> Machine.
_MACHINES: Dict[str, Machine] = {}
_LOCK = threading.Lock()


def _pattern_text(pattern: PatternLike) -> str:
    if isinstance(pattern, Pattern):
        return pattern.text
    if isinstance(pattern, dict):
        return json.dumps(pattern)
    if isinstance(pattern, str):
        return pattern
    raise TypeError(f"a pattern must be a str, a dict or an evmatch.Pattern, not {type(pattern).__name__}")


def _rules_text(rules: Rules) -> str:
    """The rules as one JSON text: a list of ``[id, pattern text]`` pairs, in order."""
    if isinstance(rules, Machine):
        raise TypeError("rules must be a mapping of rule ids to patterns (or (id, pattern) pairs), not a Machine")
    pairs: List[List[str]] = []
    items = rules.items() if isinstance(rules, Mapping) else rules
    for item in items:
        try:
            rule_id, pattern = item
        except (TypeError, ValueError):
            raise TypeError("rules must be a mapping of rule ids to patterns, or (id, pattern) pairs") from None
        if not isinstance(rule_id, str):
            raise TypeError(f"a rule id must be a str, not {type(rule_id).__name__}")
        for p in pattern if isinstance(pattern, (list, tuple)) else [pattern]:
            pairs.append([rule_id, _pattern_text(p)])
    return json.dumps(pairs)


def _build(text: str) -> Machine:
    machine = Machine()
    for rule_id, pattern in json.loads(text):
        machine.add_rule(rule_id, pattern)
    return machine


def _machine(key: str, text: Any) -> Machine:
    """The worker's machine for the rules ``key`` (built from ``text`` the first time only;
    ``text`` may be a broadcast variable, read only then)."""
    machine = _MACHINES.get(key)
    if machine is None:
        with _LOCK:
            machine = _MACHINES.get(key)
            if machine is None:
                machine = _build(text.value if hasattr(text, "value") else text)
                _MACHINES[key] = machine
    return machine


def _ship(df: "DataFrame", text: str) -> Any:
    """A broadcast of ``text`` (sent once per executor), or ``text`` itself where the session has
    no SparkContext (Spark Connect)."""
    try:
        return df.sparkSession.sparkContext.broadcast(text)
    except Exception:  # Spark Connect: no SparkContext; the closure carries the text.
        return text


def _check_column(df: "DataFrame", column: str) -> None:
    from pyspark.sql.types import BinaryType, StringType

    if not isinstance(column, str):
        raise TypeError(f"column must be a str, not {type(column).__name__}")
    if column not in df.columns:
        raise ValueError(f"no column {column!r} in the DataFrame (columns: {', '.join(df.columns)})")
    dtype = df.schema[column].dataType
    if not isinstance(dtype, (StringType, BinaryType)):
        raise TypeError(f"column {column!r} must hold JSON text (string or binary), not {dtype.simpleString()}")


def match_rules(
    df: "DataFrame",
    rules: Rules,
    column: str = "event",
    output: str = "matched_rules",
    error_column: Optional[str] = None,
) -> "DataFrame":
    """``df`` with a column ``output`` (``array<string>``): the ids of the rules each event
    matches, sorted.

    ``rules`` maps rule ids to patterns (JSON text, a dict, an :class:`evmatch.Pattern`, or a
    list of them, OR-ed), or is an iterable of ``(id, pattern)`` pairs. ``column`` holds the
    events as JSON text (``string`` or ``binary``). A row that is not a valid event gets an empty
    list; with ``error_column``, a ``string`` column of that name holds its message (null for
    valid events). Invalid rules raise :class:`evmatch.InvalidEventPatternException` here, with
    AWS's text, before any job runs.
    """
    from pyspark.sql.types import ArrayType, StringType, StructField, StructType

    _check_column(df, column)
    text = _rules_text(rules)
    _build(text)  # validate on the driver: AWS's message, at call time
    key = hashlib.sha256(text.encode()).hexdigest()
    shipped = _ship(df, text)
    fields = list(df.schema.fields) + [StructField(output, ArrayType(StringType(), True), True)]
    if error_column is not None:
        fields.append(StructField(error_column, StringType(), True))
    schema = StructType(fields)
    names = [f.name for f in fields]
    if len(set(names)) != len(names):
        raise ValueError(f"the output columns {names[len(df.columns):]} clash with the DataFrame's columns")
    with_errors = error_column is not None

    def run(batches: Iterator[Any]) -> Iterator[Any]:
        import pyarrow as pa

        machine = _machine(key, shipped)
        for batch in batches:
            events = batch.column(batch.schema.get_field_index(column))
            if with_errors:
                lists, errors = machine.match_arrow(events, errors=True)
                extra = [lists, errors]
            else:
                extra = [machine.match_arrow(events)]
            yield pa.RecordBatch.from_arrays(list(batch.columns) + extra, names=names)

    return df.mapInArrow(run, schema)


def filter_pattern(df: "DataFrame", pattern: PatternLike, column: str = "event") -> "DataFrame":
    """The rows of ``df`` whose event (``column``, JSON text) matches ``pattern``.

    Rows that are not valid events, and null rows, are dropped. An invalid pattern raises
    :class:`evmatch.InvalidEventPatternException` here, with AWS's text.
    """
    _check_column(df, column)
    text = _rules_text([("pattern", pattern)])
    _build(text)
    key = hashlib.sha256(text.encode()).hexdigest()
    shipped = _ship(df, text)

    def run(batches: Iterator[Any]) -> Iterator[Any]:
        import pyarrow.compute as pc

        machine = _machine(key, shipped)
        for batch in batches:
            lists = machine.match_arrow(batch.column(batch.schema.get_field_index(column)))
            keep = pc.fill_null(pc.greater(pc.list_value_length(lists), 0), False)
            yield batch.filter(keep)

    return df.mapInArrow(run, df.schema)
