//! The filter dialects in Python: `evmatch.Filter` (an SNS subscription policy, a Lambda event
//! source mapping's or a pipe's filters, or an EventBridge pattern, parsed by that service's
//! rules), `evmatch.matches` (one filter, one input) and the inputs they take.
//!
//! Inputs: for the SNS dialects the message body (`event`: `str`, `bytes` or `dict`) and its
//! attributes (`attributes`: a `dict` `{"name": {"Type": "String", "Value": "…"}}`, or the
//! `Publish` shape `{"DataType": …, "StringValue": …}`, or that JSON as `str`); for the Lambda
//! and Pipes dialects the record as the function or the pipe receives it (`str`, `bytes` or
//! `dict`); for EventBridge the event. Matching releases the GIL. Errors: a refused filter
//! raises `FilterError` (the service's message and `.code`), an input that cannot be read
//! `ValidationException`.
//!
//! Costs: the engine's — one projection of the input, then one match.

use evmatch::dialect::{
    Dialect, Filter, FilterOptions, Input, InputError, Record, Service, SnsApi, SnsMessage,
};
use pyo3::exceptions::{PyTypeError, PyValueError};
use pyo3::prelude::*;
use pyo3::types::{PyAny, PyDict, PyList, PyString, PyTuple};

use crate::errors::{VALIDATION, exception, filter_error};
use crate::input;

/// The dialect named `name` (`None`: EventBridge), or `ValueError` listing the names.
pub fn dialect_arg(name: Option<&str>) -> PyResult<Dialect> {
    match name {
        None => Ok(Dialect::EventBridge),
        Some(name) => name
            .parse::<Dialect>()
            .map_err(|e| PyValueError::new_err(e.to_string())),
    }
}

/// The SNS API named `name` (`None`: `SetSubscriptionAttributes`), or `ValueError`.
pub fn api_arg(name: Option<&str>) -> PyResult<SnsApi> {
    match name {
        None => Ok(SnsApi::default()),
        Some(name) => name.parse::<SnsApi>().map_err(PyValueError::new_err),
    }
}

/// The filter texts of `pattern`: one `str`/`dict`, or a list (tuple) of them.
fn pattern_texts(pattern: &Bound<'_, PyAny>) -> PyResult<Vec<String>> {
    if pattern.is_instance_of::<PyList>() || pattern.is_instance_of::<PyTuple>() {
        pattern
            .try_iter()?
            .map(|p| input::pattern_text(&p?, "each pattern"))
            .collect()
    } else {
        Ok(vec![input::pattern_text(pattern, "pattern")?])
    }
}

/// Parse `texts` in `dialect` (the GIL released).
fn parse(py: Python<'_>, dialect: Dialect, api: SnsApi, texts: &[String]) -> PyResult<Filter> {
    let options = FilterOptions::default().with_sns_api(api);
    let refs: Vec<&str> = texts.iter().map(String::as_str).collect();
    py.detach(|| Filter::parse_list(dialect, &refs, &options))
        .map_err(|e| filter_error(py, &e, dialect))
}

/// The `ValidationException` for an input that cannot be matched.
pub fn input_error(py: Python<'_>, e: &InputError) -> PyErr {
    exception(py, VALIDATION, e.to_string())
}

/// Message attributes as JSON text: a `dict` (serialised) or `str` (as given).
fn attributes_text(attributes: &Bound<'_, PyAny>) -> PyResult<String> {
    if let Ok(s) = attributes.cast::<PyString>() {
        Ok(s.to_cow()?.into_owned())
    } else if attributes.is_instance_of::<PyDict>() {
        input::dumps(attributes)
    } else {
        Err(PyTypeError::new_err(format!(
            "attributes must be a dict or a str, not {}",
            attributes.get_type().name()?
        )))
    }
}

/// An owned input of some dialect, built from Python arguments.
pub enum Owned {
    Event(String),
    Sns(SnsMessage),
    Record(Record),
}

impl Owned {
    /// The borrowed engine input.
    pub fn input(&self) -> Input<'_> {
        match self {
            Owned::Event(text) => Input::Event(text),
            Owned::Sns(message) => Input::Sns(message),
            Owned::Record(record) => Input::Record(record),
        }
    }
}

/// The input of `dialect` from `event` (body, record or event) and `attributes` (SNS).
pub fn owned_input(
    py: Python<'_>,
    dialect: Dialect,
    event: Option<&Bound<'_, PyAny>>,
    attributes: Option<&Bound<'_, PyAny>>,
) -> PyResult<Owned> {
    let service = dialect.service();
    if attributes.is_some() && service != Service::Sns {
        return Err(PyValueError::new_err(format!(
            "attributes are for the SNS dialects, not {dialect}"
        )));
    }
    let text = match event {
        Some(e) => {
            let json = input::event(e, "event")?;
            Some(
                std::str::from_utf8(json.as_bytes())
                    .map_err(|_| exception(py, VALIDATION, "Invalid UTF-8 in event".to_string()))?
                    .to_owned(),
            )
        }
        None => None,
    };
    match service {
        Service::Sns => {
            let mut message = SnsMessage::new(text.unwrap_or_default());
            if let Some(attributes) = attributes {
                let json = attributes_text(attributes)?;
                message = message
                    .with_attributes_json(&json)
                    .map_err(|e| input_error(py, &e))?;
            }
            Ok(Owned::Sns(message))
        }
        _ => {
            let text = text.ok_or_else(|| {
                PyTypeError::new_err(format!("a {dialect} filter needs an event (the input)"))
            })?;
            if service == Service::EventBridge {
                Ok(Owned::Event(text))
            } else {
                Record::parse(&text)
                    .map(Owned::Record)
                    .map_err(|e| input_error(py, &e))
            }
        }
    }
}

/// The input of a line of a batch for `dialect`: a record or event (JSON text), or an SNS
/// message `{"Message": …, "MessageAttributes": {…}}` (the notification shape).
pub fn line_input(dialect: Dialect, text: &str) -> Result<Owned, InputError> {
    match dialect.service() {
        Service::Sns => SnsMessage::from_notification(text).map(Owned::Sns),
        Service::EventBridge => Ok(Owned::Event(text.to_owned())),
        _ => Record::parse(text).map(Owned::Record),
    }
}

/// A filter of one dialect: an SNS subscription policy, a Lambda event source mapping's or a
/// pipe's filters (a list: several, ORed), or an EventBridge pattern.
///
/// `Filter(pattern, dialect="sns-attributes", api=None)`; a refused filter raises
/// `FilterError` with the service's message and `.code`.
#[pyclass(module = "evmatch", name = "Filter", frozen)]
pub struct PyFilter {
    pub inner: Filter,
}

#[pymethods]
impl PyFilter {
    #[new]
    #[pyo3(signature = (pattern, dialect=None, api=None))]
    fn new(
        py: Python<'_>,
        pattern: &Bound<'_, PyAny>,
        dialect: Option<&str>,
        api: Option<&str>,
    ) -> PyResult<Self> {
        let dialect = dialect_arg(dialect)?;
        let api = api_arg(api)?;
        let texts = pattern_texts(pattern)?;
        Ok(PyFilter {
            inner: parse(py, dialect, api, &texts)?,
        })
    }

    /// Whether the input passes: `event` is the SNS message body, the Lambda/Pipes record or
    /// the EventBridge event; `attributes` the SNS message attributes.
    #[pyo3(signature = (event=None, attributes=None))]
    fn matches(
        &self,
        py: Python<'_>,
        event: Option<&Bound<'_, PyAny>>,
        attributes: Option<&Bound<'_, PyAny>>,
    ) -> PyResult<bool> {
        let owned = owned_input(py, self.inner.dialect(), event, attributes)?;
        py.detach(|| self.inner.matches(owned.input()))
            .map_err(|e| input_error(py, &e))
    }

    /// The dialect's name (`sns-attributes`, `lambda-sqs`, …).
    #[getter]
    fn dialect(&self) -> &'static str {
        self.inner.dialect().name()
    }

    /// The filter texts, as given.
    #[getter]
    fn texts(&self) -> Vec<String> {
        self.inner.texts().to_vec()
    }

    /// Whether every input passes (an SNS policy `""` or `{}`, an empty list of filters).
    #[getter]
    fn accepts_everything(&self) -> bool {
        self.inner.accepts_everything()
    }

    fn __repr__(&self) -> String {
        format!(
            "Filter({:?}, dialect={:?})",
            self.inner.texts(),
            self.inner.dialect().name()
        )
    }
}

/// Whether `pattern` (one, or a list for Lambda/Pipes) in `dialect` lets the input through.
#[pyfunction]
#[pyo3(signature = (pattern, event=None, *, dialect=None, attributes=None, api=None))]
pub fn matches(
    py: Python<'_>,
    pattern: &Bound<'_, PyAny>,
    event: Option<&Bound<'_, PyAny>>,
    dialect: Option<&str>,
    attributes: Option<&Bound<'_, PyAny>>,
    api: Option<&str>,
) -> PyResult<bool> {
    let dialect = dialect_arg(dialect)?;
    let texts = pattern_texts(pattern)?;
    let filter = parse(py, dialect, api_arg(api)?, &texts)?;
    let owned = owned_input(py, dialect, event, attributes)?;
    py.detach(|| filter.matches(owned.input()))
        .map_err(|e| input_error(py, &e))
}

/// The names of every dialect, in order.
#[pyfunction]
pub fn dialects() -> Vec<&'static str> {
    Dialect::ALL.iter().map(|d| d.name()).collect()
}
