//! `evmatch.Machine`: many rules matched at once, from any number of Python threads, and batch
//! matching of lists and Arrow arrays on every core with the GIL released.
//!
//! The rules live in a `SharedMachine`: a match reads an immutable snapshot (one atomic load),
//! `add_rule`/`remove_rule` publish a new version, so matching threads never block writers and
//! never see half a change. Batches run on rayon's pool (or a pool of `threads` workers);
//! each worker reuses the engine's per-thread buffers, so a warm batch allocates only the ids.

use std::collections::HashMap;
use std::sync::{Arc, PoisonError, RwLock, RwLockReadGuard, RwLockWriteGuard};

use evmatch::dialect::{Dialect, DialectMachine, FilterOptions};

use pyo3::exceptions::{PyTypeError, PyValueError};
use pyo3::prelude::*;
use pyo3::types::{PyAny, PyList, PyString, PyTuple};
use rayon::prelude::*;

use crate::arrow::{self, Rows};
use crate::dialect::{self, PyFilter};
use crate::errors::{VALIDATION, exception, filter_error, to_py};
use crate::input;
use crate::pattern::{NOT_UTF8, PyPattern};

/// Below this many events a batch is matched on the calling thread (no pool hand-off).
const PARALLEL_THRESHOLD: usize = 64;

/// The result of matching one row of a batch.
pub enum Outcome {
    /// The row was null (Arrow input only).
    Null,
    /// The ids of the matching rules.
    Matched(Vec<String>),
    /// The row is not a valid event: the engine's message.
    Invalid(evmatch::Error),
}

/// Many rules at once: `add_rule(id, pattern)`, then `matches_for_event(event)`.
///
/// Rule ids are strings. Adding a pattern under an id that exists adds it to that rule (the
/// rule matches when any of its patterns does), as EventBridge's matcher does. Matching methods
/// release the GIL; the machine may be shared by threads and changed while they match (each
/// match sees the rules before or after a change, never half of it).
///
/// `Machine(dialect="sns-attributes")` holds filters of another service instead (SNS policies,
/// Lambda or Pipes filters; see `evmatch.Filter`): `add_rule` parses by that service's rules,
/// `matches_for_event(event, attributes=None)` takes that service's input, and a batch's
/// elements are records or SNS messages `{"Message": …, "MessageAttributes": {…}}`.
#[pyclass(module = "evmatch", name = "Machine", frozen)]
pub struct PyMachine {
    inner: evmatch::SharedMachine<String>,
    /// With a dialect other than EventBridge: the filters (and `inner` stays empty).
    filters: Option<RwLock<DialectMachine<String>>>,
    /// The SNS API whose error prefix `add_rule` uses on a dialect machine.
    api: evmatch::dialect::SnsApi,
}

/// Matches `rows` on `machine`, in order, on the pool `threads` selects.
pub fn match_rows(
    machine: &evmatch::Machine<String>,
    rows: &Rows<'_>,
    threads: Option<usize>,
) -> Result<Vec<Outcome>, String> {
    let one = |i: usize| -> Outcome {
        match rows.get(i) {
            None => Outcome::Null,
            Some(event) => {
                let mut ids = Vec::new();
                match machine.matches_into(event, &mut ids) {
                    Ok(()) => Outcome::Matched(ids),
                    Err(e) => Outcome::Invalid(e),
                }
            }
        }
    };
    let n = rows.len();
    if n < PARALLEL_THRESHOLD || threads == Some(1) {
        return Ok((0..n).map(one).collect());
    }
    let run = || (0..n).into_par_iter().with_min_len(16).map(one).collect();
    match threads {
        None => Ok(run()),
        Some(t) => rayon::ThreadPoolBuilder::new()
            .num_threads(t)
            .build()
            .map(|pool| pool.install(run))
            .map_err(|e| e.to_string()),
    }
}

fn check_threads(threads: Option<usize>) -> PyResult<Option<usize>> {
    match threads {
        Some(0) => Err(PyValueError::new_err("threads must be at least 1")),
        t => Ok(t),
    }
}

impl PyMachine {
    /// A snapshot of the current rules (an `Arc`, cheap).
    pub fn snapshot(&self) -> Arc<evmatch::Machine<String>> {
        self.inner.snapshot()
    }
}

#[pymethods]
impl PyMachine {
    #[new]
    #[pyo3(signature = (dialect=None, api=None))]
    fn new(dialect: Option<&str>, api: Option<&str>) -> PyResult<Self> {
        let dialect = dialect::dialect_arg(dialect)?;
        let api = dialect::api_arg(api)?;
        let options = FilterOptions::default().with_sns_api(api);
        Ok(PyMachine {
            inner: evmatch::SharedMachine::default(),
            filters: (dialect != Dialect::EventBridge)
                .then(|| RwLock::new(DialectMachine::with_options(dialect, options))),
            api,
        })
    }

    /// The dialect's name (`eventbridge` for an EventBridge machine).
    #[getter]
    fn dialect(&self) -> &'static str {
        match &self.filters {
            None => Dialect::EventBridge.name(),
            Some(f) => read(f).dialect().name(),
        }
    }

    /// Adds `pattern` (JSON text, a `dict` or a `Pattern`) under rule id `id`.
    ///
    /// An invalid pattern raises `InvalidEventPatternException` with AWS's message and leaves
    /// the machine unchanged.
    fn add_rule(
        &self,
        py: Python<'_>,
        id: &Bound<'_, PyAny>,
        pattern: &Bound<'_, PyAny>,
    ) -> PyResult<()> {
        let id = rule_id(id)?;
        if let Some(filters) = &self.filters {
            return add_filter(py, filters, self.api, id, pattern);
        }
        if let Ok(p) = pattern.cast::<PyPattern>() {
            let p = p.get().inner.clone();
            py.detach(|| self.inner.add_pattern(id, p));
            return Ok(());
        }
        let text = input::pattern_text(pattern, "pattern")?;
        py.detach(|| self.inner.add_rule(id, &text))
            .map_err(|e| to_py(py, &e))
    }

    /// Removes rule `id` (all its patterns); returns whether it was there.
    fn remove_rule(&self, py: Python<'_>, id: &Bound<'_, PyAny>) -> PyResult<bool> {
        let id = rule_id(id)?;
        if let Some(filters) = &self.filters {
            return Ok(py.detach(|| write(filters).remove_rule(id.as_str())));
        }
        Ok(py.detach(|| self.inner.remove_rule(id.as_str())))
    }

    fn __len__(&self) -> usize {
        match &self.filters {
            Some(f) => read(f).len(),
            None => self.inner.len(),
        }
    }

    fn __contains__(&self, id: &Bound<'_, PyAny>) -> bool {
        match (id.extract::<String>(), &self.filters) {
            (Ok(id), Some(f)) => read(f).contains(id.as_str()),
            (Ok(id), None) => self.inner.contains(id.as_str()),
            (Err(_), _) => false,
        }
    }

    fn __repr__(&self) -> String {
        match &self.filters {
            Some(f) => {
                let f = read(f);
                format!("<Machine dialect={} rules={}>", f.dialect(), f.len())
            }
            None => format!("<Machine rules={}>", self.inner.len()),
        }
    }

    /// The ids of the rules that match `event` (`str`, `bytes` or `dict`), each once, sorted.
    ///
    /// An event that is not a JSON object (or is over the event limits) raises
    /// `ValidationException` with the reader's message.
    #[pyo3(signature = (event=None, attributes=None))]
    fn matches_for_event(
        &self,
        py: Python<'_>,
        event: Option<&Bound<'_, PyAny>>,
        attributes: Option<&Bound<'_, PyAny>>,
    ) -> PyResult<Vec<String>> {
        if let Some(filters) = &self.filters {
            let d = read(filters).dialect();
            let owned = dialect::owned_input(py, d, event, attributes)?;
            let mut ids = py
                .detach(|| read(filters).matches(owned.input()))
                .map_err(|e| dialect::input_error(py, &e))?;
            ids.sort_unstable();
            return Ok(ids);
        }
        if attributes.is_some() {
            return Err(PyValueError::new_err(
                "attributes are for the SNS dialects (Machine(dialect=\"sns-attributes\"))",
            ));
        }
        let Some(event) = event else {
            return Err(PyTypeError::new_err("matches_for_event() needs an event"));
        };
        let event = input::event(event, "event")?;
        let bytes = event.as_bytes();
        let machine = self.inner.snapshot();
        let mut ids = py
            .detach(|| machine.matches_for_event(bytes))
            .map_err(|e| to_py(py, &e))?;
        ids.sort_unstable();
        Ok(ids)
    }

    /// The matching rule ids of each event of `events`, in order (each list sorted).
    ///
    /// `events` is a list (or tuple) of `str`/`bytes`, or a pyarrow string or binary array
    /// (read in place through the Arrow C data interface). The GIL is released and the events
    /// are matched on every core (`threads` workers when given). The first invalid event (or
    /// null Arrow row) raises `ValidationException`, whose `index` attribute is its position.
    #[pyo3(signature = (events, threads=None))]
    fn matches_for_events<'py>(
        &self,
        py: Python<'py>,
        events: &Bound<'py, PyAny>,
        threads: Option<usize>,
    ) -> PyResult<Bound<'py, PyAny>> {
        let threads = check_threads(threads)?;
        if let Some(filters) = &self.filters {
            return self.dialect_batch(py, filters, events, threads);
        }
        let machine = self.inner.snapshot();
        let outcomes = if events.is_instance_of::<PyList>() || events.is_instance_of::<PyTuple>() {
            let items: Vec<Bound<'_, PyAny>> = events.try_iter()?.collect::<PyResult<_>>()?;
            let texts = items
                .iter()
                .enumerate()
                .map(|(i, e)| input::event_row(e, i))
                .collect::<PyResult<Vec<_>>>()?;
            let rows = Rows(texts.iter().map(|t| Some(t.as_bytes())).collect());
            py.detach(|| match_rows(&machine, &rows, threads))
        } else if arrow::is_arrow(events)? {
            let array = arrow::import(events)?;
            arrow::check_type(&array)?;
            py.detach(|| {
                let rows = arrow::rows(&array)?;
                match_rows(&machine, &rows, threads)
            })
        } else {
            return Err(PyTypeError::new_err(format!(
                "events must be a list of str or bytes, or a pyarrow string or binary array, not {}",
                events.get_type().name()?
            )));
        }
        .map_err(PyValueError::new_err)?;
        let mut out = Vec::with_capacity(outcomes.len());
        for (i, o) in outcomes.into_iter().enumerate() {
            let err = match o {
                Outcome::Matched(mut ids) => {
                    ids.sort_unstable();
                    out.push(ids);
                    continue;
                }
                Outcome::Invalid(e) => to_py(py, &e),
                Outcome::Null => exception(py, VALIDATION, "The event is null".to_string()),
            };
            err.value(py).setattr("index", i)?;
            return Err(err);
        }
        without_gc(py, || id_lists(py, &out))
    }

    /// Matches a pyarrow string or binary array; returns a `pyarrow.ListArray` of string ids.
    ///
    /// Null rows give null; rows that are not valid events give an empty list. With
    /// `errors=True` the result is a pair `(matches, errors)`, `errors` a string array holding
    /// each invalid row's message (null elsewhere). The GIL is released and every core is used
    /// (`threads` workers when given).
    #[pyo3(signature = (array, threads=None, errors=false))]
    fn match_arrow<'py>(
        &self,
        py: Python<'py>,
        array: &Bound<'py, PyAny>,
        threads: Option<usize>,
        errors: bool,
    ) -> PyResult<Bound<'py, PyAny>> {
        let threads = check_threads(threads)?;
        self.eventbridge_only("match_arrow")?;
        if !arrow::is_arrow(array)? {
            return Err(PyTypeError::new_err(format!(
                "array must be a pyarrow string or binary array, not {}",
                array.get_type().name()?
            )));
        }
        let machine = self.inner.snapshot();
        let array = arrow::import(array)?;
        arrow::check_type(&array)?;
        let (lists, messages) = py
            .detach(|| {
                let rows = arrow::rows(&array)?;
                let outcomes = match_rows(&machine, &rows, threads)?;
                Ok::<_, String>(arrow::build(outcomes, errors))
            })
            .map_err(PyValueError::new_err)?;
        let lists = arrow::export(py, &lists)?;
        match messages {
            None => Ok(lists),
            Some(m) => Ok(PyTuple::new(py, [lists, arrow::export(py, &m)?])?.into_any()),
        }
    }

    /// Why rule `id` matches `event` or not (an `Explanation`), or `None` without such a rule.
    fn explain(
        &self,
        py: Python<'_>,
        id: &Bound<'_, PyAny>,
        event: &Bound<'_, PyAny>,
    ) -> PyResult<Option<crate::pattern::PyExplanation>> {
        let id = rule_id(id)?;
        self.eventbridge_only("explain")?;
        let event = input::event(event, "event")?;
        let bytes = event.as_bytes();
        let machine = self.inner.snapshot();
        let why = py
            .detach(|| machine.explain(id.as_str(), bytes))
            .map_err(|e| to_py(py, &e))?;
        Ok(why.as_ref().map(crate::pattern::PyExplanation::from))
    }
}

impl PyMachine {
    /// `ValueError` for `what` on a machine of another dialect.
    fn eventbridge_only(&self, what: &str) -> PyResult<()> {
        match &self.filters {
            None => Ok(()),
            Some(f) => Err(PyValueError::new_err(format!(
                "{what} is for EventBridge machines, not {}",
                read(f).dialect()
            ))),
        }
    }

    /// `matches_for_events` on a dialect machine: a list of inputs (str, bytes or dict; for
    /// SNS, messages `{"Message": …, "MessageAttributes": {…}}`), matched on every core.
    fn dialect_batch<'py>(
        &self,
        py: Python<'py>,
        filters: &RwLock<DialectMachine<String>>,
        events: &Bound<'py, PyAny>,
        threads: Option<usize>,
    ) -> PyResult<Bound<'py, PyAny>> {
        if !(events.is_instance_of::<PyList>() || events.is_instance_of::<PyTuple>()) {
            return Err(PyTypeError::new_err(format!(
                "events must be a list of str, bytes or dict for a {} machine, not {}",
                read(filters).dialect(),
                events.get_type().name()?
            )));
        }
        let items: Vec<Bound<'_, PyAny>> = events.try_iter()?.collect::<PyResult<_>>()?;
        let texts = items
            .iter()
            .enumerate()
            .map(|(i, e)| {
                if e.is_instance_of::<pyo3::types::PyDict>() {
                    input::dumps(e)
                } else {
                    let json = input::event_row(e, i)?;
                    std::str::from_utf8(json.as_bytes())
                        .map(str::to_owned)
                        .map_err(|_| exception(py, VALIDATION, NOT_UTF8.to_string()))
                }
            })
            .collect::<PyResult<Vec<String>>>()?;
        let machine = read(filters);
        let d = machine.dialect();
        let one = |text: &String| -> Result<Vec<String>, evmatch::dialect::InputError> {
            let owned = dialect::line_input(d, text)?;
            let mut ids = machine.matches(owned.input())?;
            ids.sort_unstable();
            Ok(ids)
        };
        let outcomes: Vec<_> = py
            .detach(|| {
                if texts.len() < PARALLEL_THRESHOLD || threads == Some(1) {
                    Ok(texts.iter().map(one).collect())
                } else {
                    let run = || texts.par_iter().with_min_len(16).map(one).collect();
                    match threads {
                        None => Ok(run()),
                        Some(t) => rayon::ThreadPoolBuilder::new()
                            .num_threads(t)
                            .build()
                            .map(|pool| pool.install(run))
                            .map_err(|e| e.to_string()),
                    }
                }
            })
            .map_err(PyValueError::new_err)?;
        drop(machine);
        let mut out = Vec::with_capacity(outcomes.len());
        for (i, o) in outcomes.into_iter().enumerate() {
            match o {
                Ok(ids) => out.push(ids),
                Err(e) => {
                    let err = dialect::input_error(py, &e);
                    err.value(py).setattr("index", i)?;
                    return Err(err);
                }
            }
        }
        without_gc(py, || id_lists(py, &out))
    }
}

/// Add `pattern` (text, dict, `Pattern`, `Filter`, or a list of texts/dicts: several filters
/// ORed) to the dialect machine under `id`.
fn add_filter(
    py: Python<'_>,
    filters: &RwLock<DialectMachine<String>>,
    api: evmatch::dialect::SnsApi,
    id: String,
    pattern: &Bound<'_, PyAny>,
) -> PyResult<()> {
    let d = read(filters).dialect();
    if let Ok(f) = pattern.cast::<PyFilter>() {
        let f = &f.get().inner;
        return py
            .detach(|| write(filters).add_filter(id, f))
            .map_err(|e| filter_error(py, &e, d));
    }
    let texts: Vec<String> = if let Ok(p) = pattern.cast::<PyPattern>() {
        vec![p.get().inner.text().to_owned()]
    } else if pattern.is_instance_of::<PyList>() || pattern.is_instance_of::<PyTuple>() {
        pattern
            .try_iter()?
            .map(|p| input::pattern_text(&p?, "each pattern"))
            .collect::<PyResult<_>>()?
    } else {
        vec![input::pattern_text(pattern, "pattern")?]
    };
    // Several texts are one filter (an OR): parsed together, added at once, or not at all.
    let refs: Vec<&str> = texts.iter().map(String::as_str).collect();
    let options = FilterOptions::default().with_sns_api(api);
    py.detach(|| {
        let filter = evmatch::dialect::Filter::parse_list(d, &refs, &options)?;
        write(filters).add_filter(id, &filter)
    })
    .map_err(|e| filter_error(py, &e, d))
}

/// The dialect machine for reading (a poisoned lock still holds a consistent machine: every
/// change is one call that either happened or not).
fn read(lock: &RwLock<DialectMachine<String>>) -> RwLockReadGuard<'_, DialectMachine<String>> {
    lock.read().unwrap_or_else(PoisonError::into_inner)
}

/// The dialect machine for changing.
fn write(lock: &RwLock<DialectMachine<String>>) -> RwLockWriteGuard<'_, DialectMachine<String>> {
    lock.write().unwrap_or_else(PoisonError::into_inner)
}

/// `lists` as a Python list of lists of `str`, one `str` object per distinct id (shared by
/// every row that names it): a batch costs a reference per match, not a new string.
fn id_lists<'py>(py: Python<'py>, lists: &[Vec<String>]) -> PyResult<Bound<'py, PyAny>> {
    let mut strings: HashMap<&str, Bound<'py, PyString>> = HashMap::new();
    let rows = lists.iter().map(|ids| {
        let items = ids.iter().map(|id| {
            strings
                .entry(id.as_str())
                .or_insert_with(|| PyString::new(py, id))
                .clone()
        });
        PyList::new(py, items.collect::<Vec<_>>())
    });
    let rows = rows.collect::<PyResult<Vec<_>>>()?;
    Ok(PyList::new(py, rows)?.into_any())
}

/// Runs `build` with Python's cyclic garbage collector paused (and restored after).
///
/// Building a batch's result creates one list per event; each allocation of a tracked object
/// counts towards a collection, and the collections scan the growing result again and again,
/// which cost more than the matching (about half the time of a 100,000-event batch). The
/// result holds only lists of strings, which form no cycles, so pausing loses nothing.
fn without_gc<'py, T>(py: Python<'py>, build: impl FnOnce() -> PyResult<T>) -> PyResult<T> {
    let gc = py.import("gc")?;
    let enabled = gc.call_method0("isenabled")?.is_truthy()?;
    if enabled {
        gc.call_method0("disable")?;
    }
    let result = build();
    if enabled {
        gc.call_method0("enable")?;
    }
    result
}

fn rule_id(id: &Bound<'_, PyAny>) -> PyResult<String> {
    id.extract::<String>().map_err(|_| {
        PyTypeError::new_err(format!(
            "rule id must be a str, not {}",
            id.get_type()
                .name()
                .map(|n| n.to_string())
                .unwrap_or_default()
        ))
    })
}
