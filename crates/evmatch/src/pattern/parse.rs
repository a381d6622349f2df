//! Pattern JSON text → IR, with every validation rule AWS applies and AWS's exact texts.
//!
//! The grammar is event-ruler's `JsonRuleCompiler`, driven token by token in one streaming pass
//! in document order, so the *first* problem is the one reported and its location is Jackson's
//! read position at that moment (see [`crate::json::lexer`]). Quirks kept on purpose:
//! `Too many elements in numeric expression` after any `anything-but` operand, the doubled
//! location suffix for errors inside `anything-but` lists, no suffix for CIDR errors.
//!
//! `$or` is compiled twice when needed, as AWS does: first as the OR operator; if that fails,
//! again with `$or` as an ordinary field name; if both fail, pass 1's error is reported.
//! The parse builds a small tree first and expands `$or` into branches only after the
//! combination limit is checked, so expansion cost is bounded.
//!
//! Values are counted as each condition is read
//! ([`PatternLimits::max_values_per_pattern`], our limit, not AWS's): a pattern is refused at
//! the condition that crosses the limit, so the rest of it is never read and that error comes
//! before any later problem.

use super::case::CaseExpansion;
use super::ip::IpRange;
use super::ir::{
    AnythingBut, Branch, Condition, FieldCondition, NumberLiteral, NumericRange, path_order,
};
use super::number::comparable;
use super::or_expansion::{Member, expand};
use super::wildcard::{self, Wildcard};
use crate::error::{Error, Location, PatternError};
use crate::json::SyntaxError;
use crate::json::lexer::{Lexer, Token};
use crate::limits::PatternLimits;

mod legacy;
pub(crate) use legacy::Grammar;

/// The reason AWS gives for a wildcard set that is too non-deterministic.
pub(crate) const TOO_COMPLEX: &str = "Rule is too complex - try using fewer wildcard characters or fewer repeating character sequences after a wildcard character";

/// The reason for a pattern with more than `limit` `$or` combinations (AWS's text is not
/// documented or observed: this one follows its wording elsewhere).
pub(crate) fn too_many_combinations(limit: usize) -> String {
    format!("Event pattern contains more than {limit} rule combinations")
}

/// Our reason for a pattern over [`PatternLimits::max_values_per_pattern`] (AWS has no such
/// limit, so no text).
pub(crate) fn too_many_values(limit: usize) -> String {
    format!("Event pattern contains more than {limit} values")
}

const TOO_MANY_ELEMENTS: &str = "Too many elements in numeric expression";

/// Member names a `$or` branch may not use (event-ruler's `Constants`).
const RESERVED_IN_OR: &[&str] = &[
    "exactly",
    "equals-ignore-case",
    "prefix",
    "suffix",
    "anything-but",
    "exists",
    "wildcard",
    "numeric",
    "cidr",
    "=",
    "<",
    "<=",
    ">",
    ">=",
    "regex",
    "not-wildcard",
    "not-equals-ignore-case",
    "date-after",
    "date-on-or-after",
    "date-before",
    "date-on-or-before",
    "in-date-range",
    "ip-address-in-range",
    "ip-address-not-in-range",
];

/// Parse and validate `text` into branches.
pub(crate) fn parse(text: &str, limits: &PatternLimits) -> Result<Vec<Branch>, Error> {
    parse_in(text, limits, Grammar::Current)
}

/// [`parse`] at a grammar level ([`Grammar`]: today's event-ruler, or the January-2023 one
/// that SNS still compiles policies with).
pub(crate) fn parse_in(
    text: &str,
    limits: &PatternLimits,
    grammar: Grammar,
) -> Result<Vec<Branch>, Error> {
    if text.encode_utf16().count() > limits.max_pattern_chars {
        return Err(Error::validation(format!(
            "1 validation error detected: Value '{text}' at 'eventPattern' failed to satisfy constraint: Member must have length less than or equal to {}",
            limits.max_pattern_chars
        )));
    }
    let tree = match Parser::new(text, true, limits, grammar).pattern() {
        Ok(tree) => tree,
        Err(first) => Parser::new(text, false, limits, grammar)
            .pattern()
            .map_err(|_| first)?,
    };
    if tree.combinations > limits.max_or_combinations as u64 {
        return Err(PatternError::bare(too_many_combinations(limits.max_or_combinations)).into());
    }
    let mut branches = expand(tree.members);
    for b in &mut branches {
        b.fields.sort_by(|x, y| path_order(&x.path, &y.path));
    }
    check_complexity(&branches, limits)?;
    if branches
        .iter()
        .any(|c| c.fields.len() > limits.max_fields_per_branch)
    {
        return Err(PatternError::bare(format!(
            "Size of rule 'TestEventPattern' exceeds max value of {}",
            limits.max_fields_per_branch
        ))
        .into());
    }
    Ok(branches)
}

/// The wildcard complexity of every field, maximised (see [`wildcard::complexity`]).
fn check_complexity(branches: &[Branch], limits: &PatternLimits) -> Result<(), Error> {
    if !branches
        .iter()
        .flat_map(|b| &b.fields)
        .any(|f| f.conditions.iter().any(|c| !c.wildcards().is_empty()))
    {
        return Ok(());
    }
    let mut by_path: Vec<(&str, Vec<&Wildcard>)> = Vec::new();
    for field in branches.iter().flat_map(|b| &b.fields) {
        let ws = field.conditions.iter().flat_map(Condition::wildcards);
        let on_path = match by_path.iter().position(|(p, _)| *p == field.path) {
            Some(i) => &mut by_path[i].1,
            None => {
                by_path.push((&field.path, Vec::new()));
                &mut by_path.last_mut().expect("just pushed").1
            }
        };
        on_path.extend(ws);
    }
    for (_, ws) in by_path {
        if wildcard::complexity(ws, limits.max_wildcard_complexity) > limits.max_wildcard_complexity
        {
            return Err(PatternError::bare(TOO_COMPLEX).into());
        }
    }
    Ok(())
}

/// A parsed pattern before `$or` expansion.
struct Tree {
    members: Vec<Member>,
    combinations: u64,
}

type PResult<T> = Result<T, PatternError>;

struct Parser<'a> {
    lx: Lexer<'a>,
    src: &'a str,
    /// Pass 1 reads `$or` as the operator; pass 2 as an ordinary name.
    or_operator: bool,
    combinations: u64,
    /// Values read so far, against `max_values`.
    values: usize,
    max_values: usize,
    grammar: Grammar,
}

fn join(prefix: &str, name: &str) -> String {
    if prefix.is_empty() {
        return name.to_string();
    }
    let mut path = String::with_capacity(prefix.len() + 1 + name.len());
    path.push_str(prefix);
    path.push('.');
    path.push_str(name);
    path
}

impl<'a> Parser<'a> {
    fn new(src: &'a str, or_operator: bool, limits: &PatternLimits, grammar: Grammar) -> Self {
        Parser {
            lx: Lexer::new(src, limits.max_depth),
            src,
            or_operator,
            combinations: 1,
            values: 0,
            max_values: limits.max_values_per_pattern,
            grammar,
        }
    }

    /// An error at the current read position.
    fn error(&self, reason: impl Into<String>) -> PatternError {
        PatternError::new(
            reason,
            self.src,
            vec![Location::at(self.src, self.lx.pos())],
        )
    }

    fn syntax(&self, e: SyntaxError) -> PatternError {
        PatternError::new(e.message, self.src, vec![Location::at(self.src, e.offset)])
    }

    /// event-ruler re-wraps errors raised inside `anything-but` lists: a second suffix.
    fn rewrap(&self, e: PatternError) -> PatternError {
        let mut locations = e.locations().to_vec();
        locations.push(Location::at(self.src, self.lx.pos()));
        PatternError::new(e.reason(), self.src, locations)
    }

    fn next(&mut self) -> PResult<Token> {
        self.lx.next_token().map_err(|e| self.syntax(e))
    }

    fn text(&mut self) -> PResult<String> {
        self.lx.string_value().map_err(|e| self.syntax(e))
    }

    fn token_text(&mut self) -> PResult<String> {
        self.lx.token_text().map_err(|e| self.syntax(e))
    }

    fn number_text(&self, start: usize, end: usize) -> &'a str {
        &self.src[start..end]
    }

    fn expect_end_object(&mut self, reason: &str) -> PResult<()> {
        match self.next()? {
            Token::EndObject => Ok(()),
            _ => Err(self.error(reason)),
        }
    }

    fn pattern(mut self) -> PResult<Tree> {
        if self.next()? != Token::StartObject {
            return Err(self.error("Filter is not an object"));
        }
        let members = self.object("")?;
        Ok(Tree {
            members,
            combinations: self.combinations,
        })
    }

    /// The members of the object whose `{` was just read: nested objects flattened into paths,
    /// `$or` arrays into [`Member::Or`]. Read with an explicit stack of the open objects and
    /// `$or` arrays, not by recursion, so nesting costs heap, not stack.
    fn object(&mut self, prefix: &str) -> PResult<Vec<Member>> {
        enum Open {
            Object {
                prefix: String,
                in_or: bool,
                members: Vec<Member>,
                empty: bool,
            },
            Or {
                prefix: String,
                alternatives: Vec<Vec<Member>>,
            },
        }
        let mut stack = vec![Open::Object {
            prefix: prefix.to_string(),
            in_or: false,
            members: Vec::new(),
            empty: true,
        }];
        loop {
            match stack.last_mut().expect("an open object or $or") {
                Open::Or {
                    prefix,
                    alternatives,
                } => match self.next()? {
                    Token::EndArray => {
                        if alternatives.len() < 2 {
                            return Err(self
                                .error("There must have at least 2 Objects in $or relationship."));
                        }
                        let n = alternatives.len();
                        self.count_combinations(n);
                        let Some(Open::Or { alternatives, .. }) = stack.pop() else {
                            unreachable!("the top is this $or");
                        };
                        match stack.last_mut() {
                            Some(Open::Object { members, .. }) => {
                                members.push(Member::Or(alternatives))
                            }
                            _ => unreachable!("a $or is opened inside an object"),
                        }
                    }
                    Token::StartObject => {
                        let prefix = prefix.clone();
                        stack.push(Open::Object {
                            prefix,
                            in_or: true,
                            members: Vec::new(),
                            empty: true,
                        });
                    }
                    _ => {
                        return Err(
                            self.error("Only JSON object is allowed in array of $or relationship.")
                        );
                    }
                },
                Open::Object {
                    prefix,
                    in_or,
                    members,
                    empty,
                } => {
                    let name = match self.next()? {
                        Token::EndObject => {
                            if *empty {
                                return Err(self.error("Empty objects are not allowed"));
                            }
                            let Some(Open::Object { members, .. }) = stack.pop() else {
                                unreachable!("the top is this object");
                            };
                            match stack.last_mut() {
                                None => return Ok(members),
                                Some(Open::Object {
                                    members: parent, ..
                                }) => parent.extend(members),
                                Some(Open::Or { alternatives, .. }) => alternatives.push(members),
                            }
                            continue;
                        }
                        Token::Name(name) => name,
                        _ => unreachable!("the lexer returns names inside objects"),
                    };
                    *empty = false;
                    if name == "$or" && self.or_operator {
                        if self.next()? != Token::StartArray {
                            return Err(self.error("It must be an Array followed with $or."));
                        }
                        let prefix = prefix.clone();
                        stack.push(Open::Or {
                            prefix,
                            alternatives: Vec::new(),
                        });
                        continue;
                    }
                    if *in_or && RESERVED_IN_OR.contains(&name.as_str()) {
                        return Err(self.error(format!(
                            "{name} is Ruler reserved fieldName which cannot be used inside $or."
                        )));
                    }
                    let path = join(prefix, &name);
                    match self.next()? {
                        Token::StartObject => {
                            let in_or = *in_or;
                            stack.push(Open::Object {
                                prefix: path,
                                in_or,
                                members: Vec::new(),
                                empty: true,
                            });
                        }
                        Token::StartArray => {
                            let conditions = self.value_list()?;
                            if name == "$or" {
                                self.count_combinations(conditions.len());
                            }
                            members.push(Member::Leaf(FieldCondition { path, conditions }));
                        }
                        _ => {
                            return Err(
                                self.error(format!("\"{name}\" must be an object or an array"))
                            );
                        }
                    }
                }
            }
        }
    }

    /// Count a condition's values (see [`PatternLimits::max_values_per_pattern`]); fails as
    /// soon as the pattern is over the limit, so no more of it is read.
    fn count_values(&mut self, condition: &Condition) -> PResult<()> {
        let n = match condition {
            Condition::AnythingBut(a) => match a {
                AnythingBut::Strings(v) | AnythingBut::Prefixes(v) | AnythingBut::Suffixes(v) => {
                    v.len()
                }
                AnythingBut::Numbers(v) => v.len(),
                AnythingBut::EqualsIgnoreCase(v) => v.len(),
                AnythingBut::Wildcards(v) => v.len(),
            },
            // Equal bounds come only from `=` (two operands must satisfy low < high).
            Condition::Numeric(NumericRange {
                low: Some(l),
                high: Some(h),
            }) if l.0 != h.0 => 2,
            _ => 1,
        };
        self.values = self.values.saturating_add(n.max(1));
        if self.values > self.max_values {
            return Err(PatternError::bare(too_many_values(self.max_values)));
        }
        Ok(())
    }

    fn count_combinations(&mut self, n: usize) {
        self.combinations = self.combinations.saturating_mul(n as u64);
    }

    /// A value list whose `[` was just read.
    fn value_list(&mut self) -> PResult<Vec<Condition>> {
        let mut conditions = Vec::new();
        loop {
            let condition = match self.next()? {
                Token::EndArray => break,
                Token::StartObject => self.match_expression()?,
                Token::String => {
                    let s = self.text()?;
                    match IpRange::address(&s) {
                        Some(range) => Condition::IpAddress(s, range),
                        None => Condition::String(s),
                    }
                }
                Token::Number { start, end } => {
                    let text = self.number_text(start, end);
                    Condition::Number(NumberLiteral {
                        text: text.to_string(),
                        value: comparable(text),
                    })
                }
                Token::True => Condition::Bool(true),
                Token::False => Condition::Bool(false),
                Token::Null => Condition::Null,
                _ => {
                    return Err(
                        self.error("Match value must be String, number, true, false, or null")
                    );
                }
            };
            self.count_values(&condition)?;
            conditions.push(condition);
        }
        if conditions.is_empty() {
            return Err(self.error("Empty arrays are not allowed"));
        }
        Ok(conditions)
    }

    /// A match expression whose `{` was just read.
    fn match_expression(&mut self) -> PResult<Condition> {
        let Token::Name(op) = self.next()? else {
            return Err(self.error("Match expression name not found"));
        };
        let value = self.next()?;
        let is_string = value == Token::String;
        let condition = match op.as_str() {
            "exactly" => {
                if !is_string {
                    return Err(self.error("exact match pattern must be a string"));
                }
                Condition::Exactly(self.text()?)
            }
            "prefix" | "suffix" => {
                let prefix = op == "prefix";
                if value == Token::StartObject && self.grammar == Grammar::Current {
                    return self.ignore_case_affix(prefix);
                }
                if !is_string {
                    return Err(self.error(format!("{op} match pattern must be a string")));
                }
                let s = self.text()?;
                if prefix {
                    Condition::Prefix(s)
                } else {
                    Condition::Suffix(s)
                }
            }
            "numeric" => {
                if value != Token::StartArray {
                    return Err(self.error("Value of numeric must be an array."));
                }
                let range = self.numeric()?;
                self.expect_end_object(TOO_MANY_ELEMENTS)?;
                return Ok(Condition::Numeric(range));
            }
            "anything-but" => return self.anything_but(value),
            "exists" => match value {
                Token::True => Condition::Exists(true),
                Token::False => Condition::Exists(false),
                _ => return Err(self.error("exists match pattern must be either true or false.")),
            },
            "cidr" => {
                if !is_string {
                    return Err(self.error("prefix match pattern must be a string"));
                }
                let s = self.text()?;
                let range = IpRange::cidr(&s).map_err(PatternError::bare)?;
                Condition::Cidr(s, range)
            }
            "equals-ignore-case" => {
                if !is_string {
                    return Err(self.error("equals-ignore-case match pattern must be a string"));
                }
                Condition::EqualsIgnoreCase(CaseExpansion::new(&self.text()?))
            }
            "wildcard" => {
                if !is_string {
                    return Err(self.error("wildcard match pattern must be a string"));
                }
                let s = self.text()?;
                Condition::Wildcard(Wildcard::parse(&s).map_err(|e| self.error(e))?)
            }
            _ => return Err(self.error(format!("Unrecognized match type {op}"))),
        };
        self.expect_end_object("Only one key allowed in match expression")?;
        Ok(condition)
    }

    /// `{"prefix"|"suffix": {"equals-ignore-case": s}}` after the inner `{`.
    fn ignore_case_affix(&mut self, prefix: bool) -> PResult<Condition> {
        let (kind, lower) = if prefix {
            ("Prefix", "prefix")
        } else {
            ("Suffix", "suffix")
        };
        let Token::Name(op) = self.next()? else {
            return Err(self.error(format!("{kind} expression name not found")));
        };
        if op != "equals-ignore-case" {
            return Err(self.error(format!("Unsupported {lower} pattern: {op}")));
        }
        if self.next()? != Token::String {
            return Err(self.error("equals-ignore-case match pattern must be a string"));
        }
        let expansion = CaseExpansion::new(&self.text()?);
        self.expect_end_object("Only one key allowed in match expression")?;
        self.expect_end_object("Only one key allowed in match expression")?;
        Ok(if prefix {
            Condition::PrefixIgnoreCase(expansion)
        } else {
            Condition::SuffixIgnoreCase(expansion)
        })
    }

    /// The comparable value of a number operand, or `Cannot compare number : <text>`.
    fn operand(&self, text: &str) -> PResult<f64> {
        let x = comparable(text)
            .ok_or_else(|| self.error(format!("Cannot compare number : {text}")))?;
        self.legacy_bound(x)
    }

    /// The body of `{"numeric": [...]}` after its `[`.
    fn numeric(&mut self) -> PResult<NumericRange> {
        if self.next()? != Token::String {
            let t = self.token_text()?;
            return Err(self.error(format!("Invalid member in numeric match: {t}")));
        }
        let op = self.text()?;
        let value = self.next()?;
        let number = |t: &Token| match *t {
            Token::Number { start, end } => Some((start, end)),
            _ => None,
        };
        match op.as_str() {
            "=" | "<" | "<=" => {
                let Some((s, e)) = number(&value) else {
                    let name = if op == "=" { "equals" } else { &op };
                    return Err(self.error(format!("Value of {name} must be numeric")));
                };
                let x = self.operand(self.number_text(s, e))?;
                if self.next()? != Token::EndArray {
                    return Err(self.error(TOO_MANY_ELEMENTS));
                }
                Ok(match op.as_str() {
                    "=" => NumericRange {
                        low: Some((x, true)),
                        high: Some((x, true)),
                    },
                    "<" => NumericRange {
                        low: None,
                        high: Some((x, false)),
                    },
                    _ => NumericRange {
                        low: None,
                        high: Some((x, true)),
                    },
                })
            }
            ">" | ">=" => {
                let Some((s, e)) = number(&value) else {
                    return Err(self.error(format!("Value of {op} must be numeric")));
                };
                let low_text = self.number_text(s, e);
                let low_inclusive = op == ">=";
                let next = self.next()?;
                if next == Token::EndArray {
                    let x = self.operand(low_text)?;
                    return Ok(NumericRange {
                        low: Some((x, low_inclusive)),
                        high: None,
                    });
                }
                if next != Token::String {
                    let t = self.token_text()?;
                    return Err(self.error(format!("Bad value in numeric range: {t}")));
                }
                let op2 = self.text()?;
                if op2 != "<" && op2 != "<=" {
                    return Err(self.error(format!("Bad numeric range operator: {op2}")));
                }
                let Some((s2, e2)) = number(&self.next()?) else {
                    return Err(self.error(format!("Value of {op2} must be numeric")));
                };
                let high_text = self.number_text(s2, e2);
                if self.next()? != Token::EndArray {
                    return Err(self.error("Too many terms in numeric range expression"));
                }
                let low = self.operand(low_text)?;
                let high = self.operand(high_text)?;
                if low >= high {
                    return Err(self.error("Bottom must be less than top"));
                }
                Ok(NumericRange {
                    low: Some((low, low_inclusive)),
                    high: Some((high, op2 == "<=")),
                })
            }
            _ => Err(self.error(format!("Unrecognized numeric range operator: {op}"))),
        }
    }

    /// `{"anything-but": …}` after its operand's first token.
    fn anything_but(&mut self, value: Token) -> PResult<Condition> {
        let excluded = match value {
            Token::StartArray => self.anything_but_list()?,
            Token::StartObject => return self.anything_but_object(),
            Token::String => AnythingBut::Strings(vec![self.text()?]),
            Token::Number { start, end } => {
                let text = self.number_text(start, end);
                let x = comparable(text)
                    .ok_or_else(|| PatternError::bare(format!("Cannot compare number : {text}")))?;
                AnythingBut::Numbers(vec![self.legacy_bound(x)? + 0.0])
            }
            _ => {
                return Err(self.error(
                    "Value of anything-but must be an array or single string/number value.",
                ));
            }
        };
        self.expect_end_object(TOO_MANY_ELEMENTS)?;
        Ok(Condition::AnythingBut(excluded))
    }

    fn anything_but_list(&mut self) -> PResult<AnythingBut> {
        let mut strings = Vec::new();
        let mut numbers = Vec::new();
        loop {
            let token = self.next().map_err(|e| self.rewrap(e))?;
            match token {
                Token::EndArray => break,
                Token::String => strings.push(self.text().map_err(|e| self.rewrap(e))?),
                Token::Number { start, end } => {
                    let text = self.number_text(start, end);
                    numbers.push(self.operand(text)?);
                }
                _ => {
                    let e = self
                        .error("Inside anything but list, start|null|boolean is not supported.");
                    return Err(self.rewrap(e));
                }
            }
        }
        // Sorted for binary search ([`AnythingBut`]); `+ 0.0` turns `-0.0` into `0.0`.
        match (strings.is_empty(), numbers.is_empty()) {
            (false, true) => {
                strings.sort_unstable();
                Ok(AnythingBut::Strings(strings))
            }
            (true, false) => {
                numbers.iter_mut().for_each(|x| *x += 0.0);
                numbers.sort_unstable_by(f64::total_cmp);
                Ok(AnythingBut::Numbers(numbers))
            }
            _ => Err(self.error(
                "Inside anything but list, either all values are number or string, mixed type is not supported",
            )),
        }
    }

    /// `{"anything-but": {op: operand}}` after the inner `{`.
    fn anything_but_object(&mut self) -> PResult<Condition> {
        let Token::Name(op) = self.next()? else {
            return Err(self.error("Anything-But expression name not found"));
        };
        if self.grammar == Grammar::RulerV1_0 {
            return self.legacy_anything_but(&op);
        }
        if !matches!(
            op.as_str(),
            "prefix" | "suffix" | "equals-ignore-case" | "wildcard"
        ) {
            return Err(self.error(format!("Unsupported anything-but pattern: {op}")));
        }
        let param = self.next()?;
        if param == Token::StartObject {
            return Err(
                self.error("Value of anything-but must be an array or single string/number value.")
            );
        }
        let type_error = match op.as_str() {
            "equals-ignore-case" => {
                "Inside anything-but/equals-ignore-case list, number|start|null|boolean is not supported."
            }
            "wildcard" => "wildcard match pattern must be a string",
            _ => "prefix/suffix match pattern must be a string",
        };
        // The operands, each checked by `check`; list elements get the re-wrapped suffix.
        let operands: Vec<String> = match param {
            Token::StartArray => {
                let mut items = Vec::new();
                loop {
                    match self.next().map_err(|e| self.rewrap(e))? {
                        Token::EndArray => break,
                        Token::String => {
                            let s = self.text().map_err(|e| self.rewrap(e))?;
                            if s.is_empty() && (op == "prefix" || op == "suffix") {
                                let e = self.error("Null prefix/suffix not allowed");
                                return Err(self.rewrap(e));
                            }
                            if op == "wildcard" {
                                Wildcard::parse(&s).map_err(|e| self.error(e))?;
                            }
                            items.push(s);
                        }
                        _ => {
                            let e = self.error(type_error);
                            return Err(self.rewrap(e));
                        }
                    }
                }
                items
            }
            Token::String => {
                let s = self.text()?;
                if s.is_empty() && (op == "prefix" || op == "suffix") {
                    return Err(self.error("Null prefix/suffix not allowed"));
                }
                if op == "wildcard" {
                    Wildcard::parse(&s).map_err(|e| self.error(e))?;
                }
                vec![s]
            }
            _ => return Err(self.error(type_error)),
        };
        let excluded = match op.as_str() {
            "prefix" => AnythingBut::Prefixes(operands),
            "suffix" => AnythingBut::Suffixes(operands),
            "equals-ignore-case" => AnythingBut::EqualsIgnoreCase(
                operands.iter().map(|s| CaseExpansion::new(s)).collect(),
            ),
            _ => AnythingBut::Wildcards(
                operands
                    .iter()
                    .map(|s| Wildcard::parse(s).expect("checked above"))
                    .collect(),
            ),
        };
        self.expect_end_object(TOO_MANY_ELEMENTS)?;
        self.expect_end_object(TOO_MANY_ELEMENTS)?;
        Ok(Condition::AnythingBut(excluded))
    }
}
