"""evmatch: Amazon EventBridge event patterns, matched exactly as AWS matches them.

* :func:`test_event_pattern` is AWS ``TestEventPattern``: same answers, same error texts.
* :class:`Pattern` parses and validates one pattern and matches it against many events.
* :class:`Machine` matches many rules at once; batches (lists or pyarrow arrays) are matched
  on every core with the GIL released.
* Errors are :class:`EvmatchError` (a ``ValueError``) with AWS's message and ``.code``:
  :class:`InvalidEventPatternException` and :class:`ValidationException`.
* :class:`Filter`, :func:`matches` and ``Machine(dialect=...)`` serve the other services' filter
  languages: SNS subscription filter policies (``sns-attributes``, ``sns-body``), Lambda event
  source mapping filters (``lambda-sqs``, ``lambda-kinesis``, ``lambda-dynamodb``,
  ``lambda-kafka``, ``lambda-mq``) and EventBridge Pipes filters (``pipes-sqs``, …), with each
  service's error texts (:class:`FilterError`, ``.code``); :func:`dialects` lists the names.
* :mod:`evmatch.spark` (``pip install evmatch[spark]``) matches rules over Spark DataFrames.

Events and patterns may be given as JSON text (``str`` or ``bytes``) or as a ``dict``. A dict
is serialised once with ``json.dumps``; text is what EventBridge sees, and keeps duplicate
member names and the spelling of numbers (``1.0`` vs ``1``, ``3.018e2``) that a dict loses.
"""

from ._evmatch import (
    EvmatchError,
    Explanation,
    Filter,
    FilterError,
    InvalidEventPatternException,
    Machine,
    Pattern,
    ValidationException,
    __version__,
    dialects,
    matches,
    test_event_pattern,
)

__all__ = [
    "EvmatchError",
    "Explanation",
    "Filter",
    "FilterError",
    "InvalidEventPatternException",
    "Machine",
    "Pattern",
    "ValidationException",
    "__version__",
    "dialects",
    "matches",
    "test_event_pattern",
]
