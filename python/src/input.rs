//! Reading the arguments Python callers pass: patterns (`str` or `dict`) and events (`str`,
//! `bytes` or `dict`) as JSON text, with `TypeError`s in plain words for anything else.
//!
//! A `dict` is serialised once with `json.dumps` (so it loses duplicate keys and number
//! spellings, which text keeps). Text is borrowed where the interpreter allows it and copied
//! otherwise (a `str` before CPython 3.10 under the stable ABI); the cost is one pass over it.

use std::borrow::Cow;

use pyo3::exceptions::PyTypeError;
use pyo3::prelude::*;
use pyo3::types::{PyBytes, PyDict, PyString};

/// JSON text taken from a Python argument: UTF-8 text or raw bytes (not yet checked as UTF-8).
pub enum Json<'a> {
    /// From a `str` or a serialised `dict`.
    Text(Cow<'a, str>),
    /// From a `bytes` object, as given.
    Bytes(&'a [u8]),
}

impl Json<'_> {
    /// The text as bytes.
    pub fn as_bytes(&self) -> &[u8] {
        match self {
            Json::Text(t) => t.as_bytes(),
            Json::Bytes(b) => b,
        }
    }
}

/// `json.dumps(value)` as a Rust string.
pub fn dumps(value: &Bound<'_, PyAny>) -> PyResult<String> {
    let json = value.py().import("json")?;
    json.call_method1("dumps", (value,))?.extract::<String>()
}

fn type_name(value: &Bound<'_, PyAny>) -> String {
    value
        .get_type()
        .name()
        .map(|n| n.to_string())
        .unwrap_or_else(|_| "?".to_string())
}

/// Pattern text from a `str` or a `dict`.
pub fn pattern_text(value: &Bound<'_, PyAny>, what: &str) -> PyResult<String> {
    if let Ok(s) = value.cast::<PyString>() {
        Ok(s.to_cow()?.into_owned())
    } else if value.is_instance_of::<PyDict>() {
        dumps(value)
    } else {
        Err(PyTypeError::new_err(format!(
            "{what} must be a str or a dict, not {}",
            type_name(value)
        )))
    }
}

/// Event text from a `str`, `bytes` or `dict`.
pub fn event<'a>(value: &'a Bound<'_, PyAny>, what: &str) -> PyResult<Json<'a>> {
    if let Ok(s) = value.cast::<PyString>() {
        Ok(Json::Text(s.to_cow()?))
    } else if let Ok(b) = value.cast::<PyBytes>() {
        Ok(Json::Bytes(b.as_bytes()))
    } else if value.is_instance_of::<PyDict>() {
        Ok(Json::Text(Cow::Owned(dumps(value)?)))
    } else {
        Err(PyTypeError::new_err(format!(
            "{what} must be a str, bytes or dict, not {}",
            type_name(value)
        )))
    }
}

/// Event text from a `str` or `bytes` only (the rows of a batch).
pub fn event_row<'a>(value: &'a Bound<'_, PyAny>, index: usize) -> PyResult<Json<'a>> {
    if let Ok(s) = value.cast::<PyString>() {
        Ok(Json::Text(s.to_cow()?))
    } else if let Ok(b) = value.cast::<PyBytes>() {
        Ok(Json::Bytes(b.as_bytes()))
    } else {
        Err(PyTypeError::new_err(format!(
            "events[{index}] must be a str or bytes, not {}",
            type_name(value)
        )))
    }
}
