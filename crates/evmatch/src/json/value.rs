//! [`Value`]: the JSON document model, with duplicate members and number text preserved.
//!
//! A document can be as deep as the parser's limit allows (any depth, with a raised limit), so
//! nothing here recurses: `Clone`, `PartialEq`, `Debug` and `Drop` walk the tree with an
//! explicit stack on the heap, and cost O(size of the document) in time and memory whatever its
//! shape. `Debug` prints what `#[derive(Debug)]` would print, `{:#?}` included.

use std::fmt;

/// A JSON value with duplicate members and number token text preserved.
///
/// ```
/// use evmatch::json::Value;
///
/// let v: Value = r#"{"n": 3.0e2, "n": [true, null]}"#.parse()?;
/// let Value::Object(members) = &v else { unreachable!() };
/// assert_eq!(members[0], ("n".to_string(), Value::Number("3.0e2".into())));
/// assert_eq!(members[1].1, Value::Array(vec![Value::Bool(true), Value::Null]));
/// assert_eq!(v.to_string(), r#"{"n":3.0e2,"n":[true,null]}"#);
/// # Ok::<(), evmatch::json::SyntaxError>(())
/// ```
pub enum Value {
    /// `null`
    Null,
    /// `true` or `false`
    Bool(bool),
    /// A number, as its token text.
    Number(String),
    /// A string, decoded.
    String(String),
    /// An array.
    Array(Vec<Value>),
    /// An object's members, in document order, duplicates kept.
    Object(Vec<(String, Value)>),
}

impl Drop for Value {
    fn drop(&mut self) {
        // Iterative drop: a deeply nested document must not overflow the stack.
        let mut stack = match self {
            Value::Array(items) if items.iter().any(Value::is_container) => std::mem::take(items),
            Value::Object(members) if members.iter().any(|(_, v)| v.is_container()) => {
                std::mem::take(members)
                    .into_iter()
                    .map(|(_, v)| v)
                    .collect()
            }
            _ => return,
        };
        while let Some(mut v) = stack.pop() {
            match &mut v {
                Value::Array(items) => stack.extend(std::mem::take(items)),
                Value::Object(members) => {
                    stack.extend(std::mem::take(members).into_iter().map(|(_, v)| v))
                }
                _ => {}
            }
        }
    }
}

impl Clone for Value {
    fn clone(&self) -> Value {
        // Children are built before their container, on an explicit stack.
        enum Step<'a> {
            Visit(&'a Value),
            Array(usize),
            Object(&'a [(String, Value)]),
        }
        let mut work = vec![Step::Visit(self)];
        let mut done: Vec<Value> = Vec::new();
        while let Some(step) = work.pop() {
            match step {
                Step::Visit(v) => match v {
                    Value::Null => done.push(Value::Null),
                    Value::Bool(b) => done.push(Value::Bool(*b)),
                    Value::Number(n) => done.push(Value::Number(n.clone())),
                    Value::String(s) => done.push(Value::String(s.clone())),
                    Value::Array(items) => {
                        work.push(Step::Array(items.len()));
                        work.extend(items.iter().rev().map(Step::Visit));
                    }
                    Value::Object(members) => {
                        work.push(Step::Object(members));
                        work.extend(members.iter().rev().map(|(_, v)| Step::Visit(v)));
                    }
                },
                Step::Array(n) => {
                    let items = done.split_off(done.len() - n);
                    done.push(Value::Array(items));
                }
                Step::Object(members) => {
                    let values = done.split_off(done.len() - members.len());
                    let members = members.iter().map(|(k, _)| k.clone()).zip(values).collect();
                    done.push(Value::Object(members));
                }
            }
        }
        done.pop().expect("one value built")
    }
}

impl PartialEq for Value {
    fn eq(&self, other: &Value) -> bool {
        let mut pairs = vec![(self, other)];
        while let Some(pair) = pairs.pop() {
            match pair {
                (Value::Null, Value::Null) => {}
                (Value::Bool(a), Value::Bool(b)) if a == b => {}
                (Value::Number(a), Value::Number(b)) | (Value::String(a), Value::String(b))
                    if a == b => {}
                (Value::Array(a), Value::Array(b)) if a.len() == b.len() => {
                    pairs.extend(a.iter().zip(b));
                }
                (Value::Object(a), Value::Object(b)) if a.len() == b.len() => {
                    for ((ka, va), (kb, vb)) in a.iter().zip(b) {
                        if ka != kb {
                            return false;
                        }
                        pairs.push((va, vb));
                    }
                }
                _ => return false,
            }
        }
        true
    }
}

impl fmt::Debug for Value {
    /// What `#[derive(Debug)]` prints (`Object([("a", Number("1"))])`, and the indented form
    /// for `{:#?}`), written without recursion.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        enum Step<'a> {
            Value(&'a Value),
            /// A string in its `Debug` form (quoted, escaped).
            Quoted(&'a str),
            Raw(&'static str),
            Items(&'a [Value]),
            Members(&'a [(String, Value)]),
            Member(&'a (String, Value)),
            /// A group opens: `Array(`, `[`, `(`.
            Open(&'static str),
            Close(&'static str),
            /// Before a group's child; `true` for its first.
            Child(bool),
            /// After a group's child.
            ChildEnd,
        }
        /// Push a group: `open`, the `children` steps in order, `close`.
        fn group<'a>(
            work: &mut Vec<Step<'a>>,
            open: &'static str,
            close: &'static str,
            children: impl DoubleEndedIterator<Item = Step<'a>> + ExactSizeIterator,
        ) {
            work.push(Step::Close(close));
            for (i, child) in children.enumerate().rev() {
                work.push(Step::ChildEnd);
                work.push(child);
                work.push(Step::Child(i == 0));
            }
            work.push(Step::Open(open));
        }
        let pretty = f.alternate();
        let mut depth = 0usize;
        let indent = |f: &mut fmt::Formatter<'_>, depth: usize| -> fmt::Result {
            for _ in 0..depth {
                f.write_str("    ")?;
            }
            Ok(())
        };
        let mut work = vec![Step::Value(self)];
        while let Some(step) = work.pop() {
            match step {
                Step::Value(v) => match v {
                    Value::Null => work.push(Step::Raw("Null")),
                    Value::Bool(b) => {
                        let word = Step::Raw(if *b { "true" } else { "false" });
                        group(&mut work, "Bool(", ")", [word].into_iter())
                    }
                    Value::Number(n) => {
                        group(&mut work, "Number(", ")", [Step::Quoted(n)].into_iter())
                    }
                    Value::String(s) => {
                        group(&mut work, "String(", ")", [Step::Quoted(s)].into_iter())
                    }
                    Value::Array(items) => {
                        group(&mut work, "Array(", ")", [Step::Items(items)].into_iter())
                    }
                    Value::Object(members) => group(
                        &mut work,
                        "Object(",
                        ")",
                        [Step::Members(members)].into_iter(),
                    ),
                },
                Step::Items([]) | Step::Members([]) => f.write_str("[]")?,
                Step::Items(items) => group(&mut work, "[", "]", items.iter().map(Step::Value)),
                Step::Members(members) => {
                    group(&mut work, "[", "]", members.iter().map(Step::Member))
                }
                Step::Member(m) => group(
                    &mut work,
                    "(",
                    ")",
                    [Step::Quoted(&m.0), Step::Value(&m.1)].into_iter(),
                ),
                Step::Quoted(s) => write!(f, "{s:?}")?,
                Step::Raw(s) => f.write_str(s)?,
                Step::Open(s) => {
                    f.write_str(s)?;
                    if pretty {
                        f.write_str("\n")?;
                        depth += 1;
                    }
                }
                Step::Close(s) => {
                    if pretty {
                        depth -= 1;
                        indent(f, depth)?;
                    }
                    f.write_str(s)?;
                }
                Step::Child(first) => {
                    if pretty {
                        indent(f, depth)?;
                    } else if !first {
                        f.write_str(", ")?;
                    }
                }
                Step::ChildEnd => {
                    if pretty {
                        f.write_str(",\n")?;
                    }
                }
            }
        }
        Ok(())
    }
}

impl Value {
    pub(crate) fn is_container(&self) -> bool {
        matches!(self, Value::Array(_) | Value::Object(_))
    }

    /// Convert a `serde_json::Value` (whose objects have unique keys and whose numbers have
    /// lost their original spelling).
    pub fn from_serde(value: &serde_json::Value) -> Value {
        // Iterative conversion: build children first with an explicit stack.
        enum Frame<'a> {
            Visit(&'a serde_json::Value),
            Array(usize),
            Object(Vec<&'a String>),
        }
        let mut work = vec![Frame::Visit(value)];
        let mut done: Vec<Value> = Vec::new();
        while let Some(frame) = work.pop() {
            match frame {
                Frame::Visit(v) => match v {
                    serde_json::Value::Null => done.push(Value::Null),
                    serde_json::Value::Bool(b) => done.push(Value::Bool(*b)),
                    serde_json::Value::Number(n) => done.push(Value::Number(n.to_string())),
                    serde_json::Value::String(s) => done.push(Value::String(s.clone())),
                    serde_json::Value::Array(items) => {
                        work.push(Frame::Array(items.len()));
                        work.extend(items.iter().rev().map(Frame::Visit));
                    }
                    serde_json::Value::Object(map) => {
                        work.push(Frame::Object(map.keys().collect()));
                        work.extend(map.values().rev().map(Frame::Visit));
                    }
                },
                Frame::Array(n) => {
                    let items = done.split_off(done.len() - n);
                    done.push(Value::Array(items));
                }
                Frame::Object(keys) => {
                    let values = done.split_off(done.len() - keys.len());
                    let members = keys.into_iter().cloned().zip(values).collect();
                    done.push(Value::Object(members));
                }
            }
        }
        done.pop().unwrap_or(Value::Null)
    }
}
