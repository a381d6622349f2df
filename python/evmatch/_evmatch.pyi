"""Type stubs of the native module ``evmatch._evmatch`` (re-exported by ``evmatch``)."""

from typing import Any, Dict, List, Literal, Optional, Sequence, Tuple, Union, overload

__version__: str

JsonText = Union[str, bytes]
EventArg = Union[str, bytes, Dict[str, Any]]
PatternArg = Union[str, Dict[str, Any]]

class EvmatchError(ValueError):
    """An error of evmatch: ``str(e)`` is AWS's message, ``e.code`` AWS's error code."""

    code: Optional[str]

DialectName = Literal[
    "eventbridge",
    "sns-attributes",
    "sns-body",
    "lambda-sqs",
    "lambda-kinesis",
    "lambda-dynamodb",
    "lambda-kafka",
    "lambda-mq",
    "pipes-sqs",
    "pipes-kinesis",
    "pipes-dynamodb",
    "pipes-kafka",
    "pipes-mq",
]
SnsApiName = Literal["Subscribe", "SetSubscriptionAttributes"]
AttributesArg = Union[str, Dict[str, Dict[str, str]]]
FilterArg = Union[PatternArg, Sequence[PatternArg]]

class FilterError(EvmatchError):
    """A filter another service would refuse: ``str(e)`` is that service's message, ``e.code``
    its code (``InvalidParameter`` for SNS, ``InvalidParameterValueException`` for Lambda,
    ``ValidationException`` for Pipes)."""

    code: str

class InvalidEventPatternException(EvmatchError):
    """An event pattern AWS would refuse (code ``InvalidEventPatternException``)."""

    code: str

class ValidationException(EvmatchError):
    """A parameter AWS would refuse, or an event that cannot be read (``ValidationException``).

    Raised by ``Machine.matches_for_events`` with ``index``, the position of the bad event.
    """

    code: str
    index: int

def test_event_pattern(pattern: PatternArg, event: EventArg) -> bool:
    """AWS ``TestEventPattern``: whether ``pattern`` matches ``event``.

    The event must be a JSON object with ``id``, ``account``, ``source``, ``time``, ``region``
    and ``detail-type`` (else ``ValidationException``: ``Parameter Event is not valid.``); an
    invalid pattern raises ``InvalidEventPatternException`` with AWS's message.
    """

class Explanation:
    """Why a pattern matched an event or not (``str(e)`` for people, ``to_json()`` for tools)."""

    @property
    def matched(self) -> bool:
        """Whether the pattern matched the event."""
    def to_json(self) -> str:
        """The explanation as JSON text (a stable shape)."""
    def to_dict(self) -> Dict[str, Any]:
        """The explanation as Python objects."""
    def __bool__(self) -> bool: ...

class Pattern:
    """An event pattern, parsed and validated as EventBridge does.

    ``str(p)`` is the canonical text; ``p.text`` the text as given.
    """

    def __init__(self, pattern: PatternArg) -> None: ...
    @property
    def text(self) -> str:
        """The pattern text as given."""
    def matches(self, event: EventArg) -> bool:
        """Whether the pattern matches ``event`` (envelope fields not required)."""
    def explain(self, event: EventArg) -> Explanation:
        """Why the pattern matches ``event`` or not."""

def dialects() -> List[str]:
    """The names of every filter dialect, ``eventbridge`` first."""

def matches(
    pattern: FilterArg,
    event: Optional[EventArg] = None,
    *,
    dialect: Optional[DialectName] = None,
    attributes: Optional[AttributesArg] = None,
    api: Optional[SnsApiName] = None,
) -> bool:
    """Whether ``pattern`` in ``dialect`` lets the input through (see :class:`Filter`)."""

class Filter:
    """A filter of one dialect, parsed by that service's rules.

    ``pattern`` is one filter (``str`` or ``dict``) or, for Lambda and Pipes, a list of them
    (ORed). A refused filter raises :class:`FilterError` (for ``eventbridge``:
    ``InvalidEventPatternException``); ``api`` picks SNS's error prefix.
    """

    def __init__(
        self,
        pattern: FilterArg,
        dialect: Optional[DialectName] = None,
        api: Optional[SnsApiName] = None,
    ) -> None: ...
    def matches(
        self, event: Optional[EventArg] = None, attributes: Optional[AttributesArg] = None
    ) -> bool:
        """Whether the input passes: ``event`` is the SNS message body, the Lambda/Pipes record
        or the EventBridge event; ``attributes`` the SNS message attributes
        (``{"name": {"Type": "String", "Value": "..."}}``)."""
    @property
    def dialect(self) -> str:
        """The dialect's name."""
    @property
    def texts(self) -> List[str]:
        """The filter texts, as given."""
    @property
    def accepts_everything(self) -> bool:
        """Whether every input passes (an SNS policy ``""`` or ``{}``, no Lambda filters)."""

class Machine:
    """Many rules at once; batches are matched on every core with the GIL released.

    ``Machine(dialect="sns-attributes")`` holds filters of that dialect: ``add_rule`` parses by
    that service's rules, ``matches_for_event(event, attributes=None)`` takes its input, and
    a batch's elements are records or SNS messages ``{"Message": ..., "MessageAttributes": ...}``.
    ``match_arrow`` and ``explain`` are for EventBridge machines only.
    """

    def __init__(
        self, dialect: Optional[DialectName] = None, api: Optional[SnsApiName] = None
    ) -> None: ...
    @property
    def dialect(self) -> str:
        """The dialect's name (``eventbridge`` by default)."""
    def add_rule(self, id: str, pattern: Union[FilterArg, Pattern, Filter]) -> None:
        """Adds ``pattern`` under ``id`` (a second pattern under an id is OR-ed with the first)."""
    def remove_rule(self, id: str) -> bool:
        """Removes rule ``id``; whether it was there."""
    def __len__(self) -> int: ...
    def __contains__(self, id: object) -> bool: ...
    def matches_for_event(
        self, event: Optional[EventArg] = None, attributes: Optional[AttributesArg] = None
    ) -> List[str]:
        """The sorted ids of the rules that match ``event`` (with ``attributes`` for SNS)."""
    def matches_for_events(
        self, events: Union[Sequence[JsonText], Any], threads: Optional[int] = None
    ) -> List[List[str]]:
        """The sorted matching ids of each event (a list of str/bytes or a pyarrow array)."""
    @overload
    def match_arrow(
        self, array: Any, threads: Optional[int] = None, errors: Literal[False] = False
    ) -> Any:
        """A ``pyarrow.ListArray`` of matching ids per row (null rows give null)."""
    @overload
    def match_arrow(
        self, array: Any, threads: Optional[int] = None, errors: Literal[True] = ...
    ) -> Tuple[Any, Any]:
        """``(matches, errors)``: the list array and a string array of error messages."""
    def explain(self, id: str, event: EventArg) -> Optional[Explanation]:
        """Why rule ``id`` matches ``event`` or not; ``None`` when there is no such rule."""
