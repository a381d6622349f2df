//! `evmatch.Pattern`, `evmatch.Explanation` and `evmatch.test_event_pattern`: one pattern,
//! parsed and validated once, matched against events given as `str`, `bytes` or `dict`.
//!
//! Matching releases the GIL (the pattern is immutable and `Sync`), so threads that match in
//! parallel run in parallel. Costs are the engine's: linear in the event text.

use pyo3::prelude::*;
use pyo3::types::PyAny;

use crate::errors::{VALIDATION, exception, to_py};
use crate::input::{self, Json};

/// The message for an event given as bytes that are not UTF-8 (what a JSON reader says of
/// them; AWS's APIs only carry UTF-8 text).
pub const NOT_UTF8: &str = "Invalid UTF-8 in event";

/// An event pattern, parsed and validated as EventBridge does.
///
/// `Pattern(text)` takes the pattern as JSON text (a `str`) or a `dict` (serialised once with
/// `json.dumps`); an invalid pattern raises `InvalidEventPatternException` (or
/// `ValidationException` for one over 4096 characters) with AWS's message. `str(p)` is the
/// canonical text, `p.text` the text as given.
#[pyclass(module = "evmatch", name = "Pattern", frozen)]
pub struct PyPattern {
    pub inner: evmatch::Pattern,
}

/// Event text as `&str`, or the `ValidationException` for bytes that are not UTF-8.
fn event_str<'a>(py: Python<'_>, event: &'a Json<'_>) -> PyResult<&'a str> {
    std::str::from_utf8(event.as_bytes())
        .map_err(|_| exception(py, VALIDATION, NOT_UTF8.to_string()))
}

#[pymethods]
impl PyPattern {
    #[new]
    fn new(py: Python<'_>, pattern: &Bound<'_, PyAny>) -> PyResult<Self> {
        let text = input::pattern_text(pattern, "pattern")?;
        let inner = py
            .detach(|| evmatch::Pattern::parse(&text))
            .map_err(|e| to_py(py, &e))?;
        Ok(PyPattern { inner })
    }

    /// Whether the pattern matches `event` (JSON text as `str` or `bytes`, or a `dict`).
    ///
    /// Text keeps duplicate member names and the spelling of numbers, as EventBridge sees them;
    /// a `dict` has lost both. An event that is not a JSON object raises `ValidationException`.
    /// Unlike `test_event_pattern`, the envelope fields (`id`, `source`, …) are not required.
    fn matches(&self, py: Python<'_>, event: &Bound<'_, PyAny>) -> PyResult<bool> {
        let event = input::event(event, "event")?;
        let text = event_str(py, &event)?;
        py.detach(|| self.inner.matches_json(text))
            .map_err(|e| to_py(py, &e))
    }

    /// Why the pattern matches `event` or not: an `Explanation` (per `$or` branch, per field).
    fn explain(&self, py: Python<'_>, event: &Bound<'_, PyAny>) -> PyResult<PyExplanation> {
        let event = input::event(event, "event")?;
        let text = event_str(py, &event)?;
        let why = py
            .detach(|| self.inner.explain(text))
            .map_err(|e| to_py(py, &e))?;
        Ok(PyExplanation::from(&why))
    }

    /// The pattern text as given.
    #[getter]
    fn text(&self) -> &str {
        self.inner.text()
    }

    fn __str__(&self) -> String {
        self.inner.to_string()
    }

    fn __repr__(&self) -> String {
        format!("Pattern({:?})", self.inner.to_string())
    }

    fn __eq__(&self, other: &Bound<'_, PyAny>) -> bool {
        other
            .cast::<PyPattern>()
            .is_ok_and(|o| o.get().inner == self.inner)
    }

    fn __hash__(&self) -> u64 {
        use std::hash::{Hash, Hasher};
        let mut h = std::collections::hash_map::DefaultHasher::new();
        self.inner.to_string().hash(&mut h);
        h.finish()
    }
}

/// Why a pattern matched an event or not.
///
/// `matched` is the pattern's answer; `str(e)` is the explanation for people; `to_json()` its
/// stable JSON text and `to_dict()` the same as Python objects.
#[pyclass(module = "evmatch", name = "Explanation", frozen)]
pub struct PyExplanation {
    matched: bool,
    text: String,
    json: String,
}

impl From<&evmatch::Explanation> for PyExplanation {
    fn from(why: &evmatch::Explanation) -> Self {
        PyExplanation {
            matched: why.matched(),
            text: why.to_string(),
            // An explanation is plain data (strings, numbers, lists): serialising cannot fail.
            json: serde_json::to_string(why).unwrap_or_default(),
        }
    }
}

#[pymethods]
impl PyExplanation {
    /// Whether the pattern matched the event.
    #[getter]
    fn matched(&self) -> bool {
        self.matched
    }

    /// The explanation as JSON text.
    fn to_json(&self) -> &str {
        &self.json
    }

    /// The explanation as Python objects (`json.loads(self.to_json())`).
    fn to_dict<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        py.import("json")?.call_method1("loads", (&self.json,))
    }

    fn __str__(&self) -> &str {
        &self.text
    }

    fn __repr__(&self) -> String {
        format!("<Explanation matched={}>", self.matched)
    }

    fn __bool__(&self) -> bool {
        self.matched
    }
}

/// AWS `TestEventPattern`: whether `pattern` matches `event`, with AWS's answers and messages.
///
/// The event must be a JSON object of at most 1 MiB with the members `id`, `account`,
/// `source`, `time`, `region` and `detail-type`, else `ValidationException`
/// (`Parameter Event is not valid.`); an invalid pattern raises
/// `InvalidEventPatternException`.
#[pyfunction]
pub fn test_event_pattern(
    py: Python<'_>,
    pattern: &Bound<'_, PyAny>,
    event: &Bound<'_, PyAny>,
) -> PyResult<bool> {
    let pattern = input::pattern_text(pattern, "pattern")?;
    let event = input::event(event, "event")?;
    let Ok(text) = std::str::from_utf8(event.as_bytes()) else {
        return Err(exception(
            py,
            VALIDATION,
            "Parameter Event is not valid.".to_string(),
        ));
    };
    py.detach(|| evmatch::test_event_pattern(&pattern, text))
        .map_err(|e| to_py(py, &e))
}
