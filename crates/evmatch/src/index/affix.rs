//! [`Affix`]: operands keyed by their bytes and looked up by the value's start or end.
//!
//! Prefixes, suffixes and the literal ends of wildcards are stored in one hash map per index;
//! a look-up of a value tries each distinct operand length once (so its cost grows with the
//! number of distinct lengths, not of operands).

use super::targets::StrKey;
use crate::util::FxMap;

/// Operands keyed by bytes, looked up once per distinct operand length, from the start or the
/// end of the value.
#[derive(Debug, Clone)]
pub(crate) struct Affix<T> {
    pub(crate) map: FxMap<StrKey, Vec<T>>,
    /// (operand length, number of operands of that length), sorted by length.
    lens: Vec<(usize, u32)>,
}

impl<T> Default for Affix<T> {
    fn default() -> Self {
        Affix {
            map: FxMap::default(),
            lens: Vec::new(),
        }
    }
}

impl<T: PartialEq> Affix<T> {
    pub(crate) fn add(&mut self, key: &[u8], t: T) {
        match self.map.get_mut(key) {
            Some(list) => list.push(t),
            None => {
                self.map.insert(StrKey::from_slice(key), vec![t]);
            }
        }
        match self.lens.binary_search_by_key(&key.len(), |e| e.0) {
            Ok(i) => self.lens[i].1 += 1,
            Err(i) => self.lens.insert(i, (key.len(), 1)),
        }
    }

    pub(crate) fn remove(&mut self, key: &[u8], t: &T) {
        let Some(list) = self.map.get_mut(key) else {
            return;
        };
        let Some(i) = list.iter().position(|x| x == t) else {
            return;
        };
        list.swap_remove(i);
        if list.is_empty() {
            self.map.remove(key);
        }
        if let Ok(i) = self.lens.binary_search_by_key(&key.len(), |e| e.0) {
            self.lens[i].1 -= 1;
            if self.lens[i].1 == 0 {
                self.lens.remove(i);
            }
        }
    }

    #[inline]
    pub(crate) fn lookup(&self, v: &[u8], from_end: bool, mut f: impl FnMut(&T)) {
        for &(len, _) in &self.lens {
            if len > v.len() {
                break;
            }
            let key = if from_end {
                &v[v.len() - len..]
            } else {
                &v[..len]
            };
            if let Some(list) = self.map.get(key) {
                list.iter().for_each(&mut f);
            }
        }
    }

    pub(crate) fn approx_bytes(&self, item: usize) -> usize {
        self.map.capacity() * (std::mem::size_of::<StrKey>() + 24 + 1)
            + self
                .map
                .iter()
                .map(|(k, v)| if k.spilled() { k.len() } else { 0 } + v.capacity() * item)
                .sum::<usize>()
            + self.lens.capacity() * 16
    }
}
