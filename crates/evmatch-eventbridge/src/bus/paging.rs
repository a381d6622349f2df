//! `NextToken` paging of the `List*` operations.
//!
//! Invariants: a token is tied to the query that produced it (a fingerprint of the operation and
//! its filters) and to an offset; a token from another query is AWS's `ValidationException`
//! `The NextToken is not valid.` Costs: one pass over the query text; pages are cut from the full,
//! already sorted list.

use crate::Error;

/// FNV-1a: a stable fingerprint tying a `NextToken` to the query that produced it.
fn fingerprint(query: &str) -> u64 {
    query.bytes().fold(0xcbf2_9ce4_8422_2325, |h, b| {
        (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3)
    })
}

/// One page of `items`: `Limit` (default 100) items from the position in `token`, and a token
/// when more remain. A token from another query is a `ValidationException`.
pub(super) fn page<T>(
    items: Vec<T>,
    token: Option<&str>,
    limit: Option<i32>,
    query: &str,
) -> Result<(Vec<T>, Option<String>), Error> {
    let fp = fingerprint(query);
    let start = match token {
        None => 0,
        Some(t) => {
            let parsed = (t.len() == 24 && t.is_ascii())
                .then(|| {
                    let f = u64::from_str_radix(&t[..16], 16).ok()?;
                    let offset = usize::from_str_radix(&t[16..], 16).ok()?;
                    (f == fp).then_some(offset)
                })
                .flatten();
            parsed.ok_or_else(|| Error::validation("The NextToken is not valid."))?
        }
    };
    let limit = limit.map_or(100, |l| usize::try_from(l.max(1)).unwrap_or(100));
    let total = items.len();
    let start = start.min(total);
    let end = start.saturating_add(limit).min(total);
    let token = (end < total).then(|| format!("{fp:016x}{end:08x}"));
    let out = items.into_iter().skip(start).take(end - start).collect();
    Ok((out, token))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paging_tokens_are_tied_to_the_query() {
        let (first, token) = page((0..5).collect(), None, Some(3), "q").unwrap();
        assert_eq!(first, [0, 1, 2]);
        let token = token.unwrap();
        let (rest, none) = page((0..5).collect(), Some(&token), Some(5), "q").unwrap();
        assert_eq!((rest, none), (vec![3, 4], None));
        let err = page((0..5).collect::<Vec<_>>(), Some(&token), None, "other").unwrap_err();
        assert_eq!(err.to_string(), "The NextToken is not valid.");
    }
}
