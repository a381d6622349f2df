//! [`FreeIds`]: dense `u32` ids whose released values are handed out again.
//!
//! Rules, branches, paths and trie nodes live in `Vec`s indexed by their id; removing one
//! leaves a hole that the next insertion fills, so ids stay small and the vectors never grow
//! beyond the peak number of live entries. Taking and releasing an id is O(1).

/// Released ids waiting to be reused (last released, first reused).
#[derive(Debug, Clone, Default)]
pub(crate) struct FreeIds {
    free: Vec<u32>,
}

impl FreeIds {
    /// An id for a new entry of a table that holds `len` slots: a released one (`true`: the
    /// slot exists and must be overwritten) or `len` itself (`false`: the slot must be pushed).
    pub fn take(&mut self, len: usize) -> (u32, bool) {
        match self.free.pop() {
            Some(id) => (id, true),
            None => (u32::try_from(len).expect("fewer than 2^32 ids"), false),
        }
    }

    /// Put `table[id] = value`, reusing a released slot or pushing a new one; returns the id.
    pub fn insert<T>(&mut self, table: &mut Vec<T>, value: T) -> u32 {
        let (id, reused) = self.take(table.len());
        if reused {
            table[id as usize] = value;
        } else {
            table.push(value);
        }
        id
    }

    /// Make `id` available again.
    pub fn release(&mut self, id: u32) {
        self.free.push(id);
    }

    /// How many ids are released and not yet reused.
    pub fn len(&self) -> usize {
        self.free.len()
    }

    /// Heap bytes held.
    pub fn approx_bytes(&self) -> usize {
        self.free.capacity() * 4
    }
}

#[cfg(test)]
mod tests {
    use super::FreeIds;

    #[test]
    fn released_ids_are_reused_last_first() {
        let mut ids = FreeIds::default();
        let mut table = Vec::new();
        assert_eq!(ids.insert(&mut table, 'a'), 0);
        assert_eq!(ids.insert(&mut table, 'b'), 1);
        assert_eq!(ids.insert(&mut table, 'c'), 2);
        ids.release(0);
        ids.release(2);
        assert_eq!(ids.len(), 2);
        assert_eq!(ids.insert(&mut table, 'x'), 2);
        assert_eq!(ids.insert(&mut table, 'y'), 0);
        assert_eq!(ids.insert(&mut table, 'z'), 3);
        assert_eq!(table, ['y', 'b', 'x', 'z']);
        assert_eq!(ids.take(4), (4, false));
    }
}
