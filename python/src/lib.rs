//! `evmatch._evmatch`, the native module of the Python package `evmatch`: Amazon EventBridge
//! event patterns matched exactly as AWS matches them, over the engine's public API.
//!
//! The module holds `Pattern`, `Explanation`, `Machine`, `test_event_pattern`, the filter
//! dialects (`Filter`, `matches`, `dialects`) and the exceptions; the pure-Python package
//! `evmatch` re-exports them (and adds `evmatch.spark`).
//! Every method that matches releases the GIL. No Python input can panic the engine (its
//! inputs are bounded and its errors typed); an unexpected Rust panic would surface as
//! pyo3's `PanicException`, not an interpreter crash.

use pyo3::prelude::*;

mod arrow;
mod dialect;
mod errors;
mod input;
mod machine;
mod pattern;

#[pymodule]
fn _evmatch(module: &Bound<'_, PyModule>) -> PyResult<()> {
    errors::register(module)?;
    module.add_class::<pattern::PyPattern>()?;
    module.add_class::<pattern::PyExplanation>()?;
    module.add_class::<machine::PyMachine>()?;
    module.add_class::<dialect::PyFilter>()?;
    module.add_function(wrap_pyfunction!(dialect::matches, module)?)?;
    module.add_function(wrap_pyfunction!(dialect::dialects, module)?)?;
    module.add_function(wrap_pyfunction!(pattern::test_event_pattern, module)?)?;
    module.add("__version__", env!("CARGO_PKG_VERSION"))?;
    Ok(())
}
