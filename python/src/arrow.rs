//! Arrow in and out: pyarrow arrays read and written through the Arrow C data interface
//! (`__arrow_c_array__` capsules), so a batch of events never becomes Python objects.
//!
//! Input: string, large string, string view, binary, large binary or binary view arrays (a
//! chunked array is combined first). Output: `list<string>` of matching ids per row, null for a
//! null row, and optionally a string array of error messages. Reading borrows the buffers
//! in place (one slice per row); writing is one pass over the outcomes.

use std::sync::Arc;

use arrow_array::builder::{ListBuilder, StringBuilder};
use arrow_array::cast::AsArray;
use arrow_array::{Array, ArrayRef, make_array};
use arrow_data::ArrayData;
use arrow_pyarrow::{FromPyArrow, ToPyArrow};
use arrow_schema::DataType;
use pyo3::exceptions::PyTypeError;
use pyo3::prelude::*;

use crate::machine::Outcome;

/// The events of a batch: each row's bytes, `None` for a null row.
pub struct Rows<'a>(pub Vec<Option<&'a [u8]>>);

impl<'a> Rows<'a> {
    /// The number of rows.
    pub fn len(&self) -> usize {
        self.0.len()
    }

    /// Row `i` (`None` when null).
    pub fn get(&self, i: usize) -> Option<&'a [u8]> {
        self.0[i]
    }
}

/// Whether `value` exports an Arrow array (`__arrow_c_array__`), or is a chunked array.
pub fn is_arrow(value: &Bound<'_, PyAny>) -> PyResult<bool> {
    Ok(value.hasattr("__arrow_c_array__")? || value.hasattr("combine_chunks")?)
}

/// Imports a pyarrow array (a chunked array is combined into one first).
pub fn import(value: &Bound<'_, PyAny>) -> PyResult<ArrayRef> {
    let value = if value.hasattr("combine_chunks")? && !value.hasattr("__arrow_c_array__")? {
        value.call_method0("combine_chunks")?
    } else {
        value.clone()
    };
    Ok(make_array(ArrayData::from_pyarrow_bound(&value)?))
}

/// A `TypeError` unless `array` holds strings or binaries (which [`rows`] reads).
pub fn check_type(array: &ArrayRef) -> PyResult<()> {
    supported(array.data_type()).map_err(PyTypeError::new_err)
}

fn supported(t: &DataType) -> Result<(), String> {
    match t {
        DataType::Utf8
        | DataType::LargeUtf8
        | DataType::Utf8View
        | DataType::Binary
        | DataType::LargeBinary
        | DataType::BinaryView => Ok(()),
        other => Err(format!(
            "events must be a string or binary array, not an array of {other}"
        )),
    }
}

/// Each row of `array` as bytes, or an error naming an unsupported type.
pub fn rows(array: &ArrayRef) -> Result<Rows<'_>, String> {
    fn collect<'a, I: Iterator<Item = Option<&'a [u8]>>>(it: I) -> Rows<'a> {
        Rows(it.collect())
    }
    Ok(match array.data_type() {
        DataType::Utf8 => collect(
            array
                .as_string::<i32>()
                .iter()
                .map(|r| r.map(str::as_bytes)),
        ),
        DataType::LargeUtf8 => collect(
            array
                .as_string::<i64>()
                .iter()
                .map(|r| r.map(str::as_bytes)),
        ),
        DataType::Utf8View => collect(array.as_string_view().iter().map(|r| r.map(str::as_bytes))),
        DataType::Binary => collect(array.as_binary::<i32>().iter()),
        DataType::LargeBinary => collect(array.as_binary::<i64>().iter()),
        DataType::BinaryView => collect(array.as_binary_view().iter()),
        other => return Err(supported(other).err().unwrap_or_default()),
    })
}

/// The `list<string>` array of `outcomes` and, when `with_errors`, the string array of their
/// error messages.
pub fn build(outcomes: Vec<Outcome>, with_errors: bool) -> (ArrayRef, Option<ArrayRef>) {
    let mut lists = ListBuilder::new(StringBuilder::new());
    let mut errors = with_errors.then(StringBuilder::new);
    for o in outcomes {
        match o {
            Outcome::Null => {
                lists.append(false);
                if let Some(e) = errors.as_mut() {
                    e.append_null();
                }
            }
            Outcome::Matched(mut ids) => {
                ids.sort_unstable();
                for id in &ids {
                    lists.values().append_value(id);
                }
                lists.append(true);
                if let Some(e) = errors.as_mut() {
                    e.append_null();
                }
            }
            Outcome::Invalid(why) => {
                lists.append(true);
                if let Some(e) = errors.as_mut() {
                    e.append_value(why.to_string());
                }
            }
        }
    }
    (
        Arc::new(lists.finish()),
        errors.map(|mut e| Arc::new(e.finish()) as ArrayRef),
    )
}

/// `array` as a pyarrow array.
pub fn export<'py>(py: Python<'py>, array: &ArrayRef) -> PyResult<Bound<'py, PyAny>> {
    array.to_data().to_pyarrow(py)
}
