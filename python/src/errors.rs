//! The exceptions of the Python package and the conversion of engine errors into them.
//!
//! `EvmatchError(ValueError)` carries AWS's message as its text and AWS's error code as `.code`;
//! `InvalidEventPatternException` and `ValidationException` subclass it, one per code. Every
//! engine error becomes one of the two subclasses; nothing here allocates beyond the message.

use pyo3::exceptions::PyValueError;
use pyo3::prelude::*;
use pyo3::types::PyType;

pyo3::create_exception!(
    evmatch,
    EvmatchError,
    PyValueError,
    "An error of evmatch: `str(e)` is AWS's message, `e.code` AWS's error code."
);
pyo3::create_exception!(
    evmatch,
    InvalidEventPatternException,
    EvmatchError,
    "An event pattern AWS would refuse (code `InvalidEventPatternException`)."
);
pyo3::create_exception!(
    evmatch,
    ValidationException,
    EvmatchError,
    "A parameter AWS would refuse, or an event that cannot be read (code `ValidationException`)."
);

pyo3::create_exception!(
    evmatch,
    FilterError,
    EvmatchError,
    "A filter another service would refuse (an SNS filter policy, a Lambda or Pipes filter): \
     `str(e)` is that service's message, `e.code` its error code (`InvalidParameter`, \
     `InvalidParameterValueException`, …)."
);

/// The code AWS uses for `ValidationException`.
pub const VALIDATION: &str = "ValidationException";
/// The code AWS uses for `InvalidEventPatternException`.
pub const INVALID_PATTERN: &str = "InvalidEventPatternException";

/// A Python exception for `code` and `message`, with `.code` set on the instance.
pub fn exception(py: Python<'_>, code: &str, message: String) -> PyErr {
    let err = if code == INVALID_PATTERN {
        InvalidEventPatternException::new_err(message)
    } else {
        ValidationException::new_err(message)
    };
    // Setting an attribute on a fresh exception instance cannot fail in practice; if it did,
    // the class attribute `code` still answers.
    let _ = err.value(py).setattr("code", code);
    err
}

/// The Python exception for an engine error: AWS's message and code.
pub fn to_py(py: Python<'_>, e: &evmatch::Error) -> PyErr {
    exception(py, e.code().as_str(), e.to_string())
}

/// The Python exception for a refused dialect filter: `FilterError` with the service's code
/// (an EventBridge pattern keeps its own exception classes).
pub fn filter_error(
    py: Python<'_>,
    e: &evmatch::dialect::FilterError,
    dialect: evmatch::dialect::Dialect,
) -> PyErr {
    let code = e.code();
    if dialect == evmatch::dialect::Dialect::EventBridge {
        return exception(py, code, e.to_string());
    }
    let err = FilterError::new_err(e.to_string());
    let _ = err.value(py).setattr("code", code);
    err
}

/// Registers the exception classes on `module`, each with its class attribute `code`.
pub fn register(module: &Bound<'_, PyModule>) -> PyResult<()> {
    let py = module.py();
    let base = py.get_type::<EvmatchError>();
    base.setattr("code", py.None())?;
    module.add("EvmatchError", &base)?;
    let filter = py.get_type::<FilterError>();
    filter.setattr("code", py.None())?;
    module.add("FilterError", &filter)?;
    for (ty, code) in [
        (
            py.get_type::<InvalidEventPatternException>(),
            INVALID_PATTERN,
        ),
        (py.get_type::<ValidationException>(), VALIDATION),
    ] {
        let ty: Bound<'_, PyType> = ty;
        ty.setattr("code", code)?;
        module.add(ty.name()?.to_string(), &ty)?;
    }
    Ok(())
}
