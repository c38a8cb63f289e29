//! The project's hazards in log order, shared between copies of the project and indexed by key.
//!
//! Each hazard sits behind its own `Arc`: a copy of the project (the snapshot the recovery
//! journal or a save writes while the user goes on typing) copies pointers, and an edit then
//! copies only the hazard it changes. Looking a hazard up by key goes through an index built on
//! first use and kept across appends, so panes that look up the selected hazard every frame do
//! not scan the log.

use std::collections::HashMap;
use std::ops::{Index, IndexMut};
use std::sync::{Arc, OnceLock};

use serde::{Deserialize, Deserializer, Serialize, Serializer};

use super::hazard::{Hazard, HazardKey};

#[derive(Clone, Default)]
pub struct Hazards {
    items: Vec<Arc<Hazard>>,
    /// Position of each hazard by key; dropped when hazards are inserted or removed other than
    /// at the end, rebuilt on the next lookup. A hazard's key never changes.
    index: OnceLock<Arc<HashMap<HazardKey, usize>>>,
}

impl Hazards {
    pub fn new() -> Hazards {
        Hazards::default()
    }

    pub fn len(&self) -> usize {
        self.items.len()
    }

    pub fn is_empty(&self) -> bool {
        self.items.is_empty()
    }

    pub fn iter(&self) -> Iter<'_> {
        Iter(self.items.iter())
    }

    /// Every hazard, writable: each one still shared with a snapshot is copied first.
    pub fn iter_mut(&mut self) -> impl DoubleEndedIterator<Item = &mut Hazard> {
        self.items.iter_mut().map(Arc::make_mut)
    }

    pub fn get(&self, index: usize) -> Option<&Hazard> {
        self.items.get(index).map(Arc::as_ref)
    }

    pub fn get_mut(&mut self, index: usize) -> Option<&mut Hazard> {
        self.items.get_mut(index).map(Arc::make_mut)
    }

    pub fn first(&self) -> Option<&Hazard> {
        self.get(0)
    }

    pub fn last(&self) -> Option<&Hazard> {
        self.items.last().map(Arc::as_ref)
    }

    pub fn last_mut(&mut self) -> Option<&mut Hazard> {
        self.items.last_mut().map(Arc::make_mut)
    }

    /// Where the hazard with `key` is in the log.
    pub fn position(&self, key: HazardKey) -> Option<usize> {
        let index = self.index.get_or_init(|| {
            Arc::new(
                self.items
                    .iter()
                    .enumerate()
                    .map(|(i, h)| (h.key, i))
                    .collect(),
            )
        });
        let found = index.get(&key).copied();
        match found {
            Some(i) if self.items.get(i).is_some_and(|h| h.key == key) => Some(i),
            // Only if a caller broke the rule that keys never change: stay correct.
            _ => self.items.iter().position(|h| h.key == key),
        }
    }

    pub fn by_key(&self, key: HazardKey) -> Option<&Hazard> {
        self.position(key).map(|i| self.items[i].as_ref())
    }

    pub fn by_key_mut(&mut self, key: HazardKey) -> Option<&mut Hazard> {
        self.position(key)
            .map(|i| Arc::make_mut(&mut self.items[i]))
    }

    pub fn push(&mut self, hazard: Hazard) {
        if let Some(index) = self.index.get_mut() {
            Arc::make_mut(index).insert(hazard.key, self.items.len());
        }
        self.items.push(Arc::new(hazard));
    }

    pub fn insert(&mut self, at: usize, hazard: Hazard) {
        self.items.insert(at, Arc::new(hazard));
        self.index = OnceLock::new();
    }

    pub fn remove(&mut self, at: usize) -> Hazard {
        let removed = self.items.remove(at);
        self.index = OnceLock::new();
        Arc::unwrap_or_clone(removed)
    }

    pub fn pop(&mut self) -> Option<Hazard> {
        let popped = self.items.pop()?;
        if let Some(index) = self.index.get_mut() {
            Arc::make_mut(index).remove(&popped.key);
        }
        Some(Arc::unwrap_or_clone(popped))
    }

    pub fn retain(&mut self, mut keep: impl FnMut(&Hazard) -> bool) {
        let before = self.items.len();
        self.items.retain(|h| keep(h));
        if self.items.len() != before {
            self.index = OnceLock::new();
        }
    }

    pub fn truncate(&mut self, len: usize) {
        if len < self.items.len() {
            self.items.truncate(len);
            self.index = OnceLock::new();
        }
    }

    pub fn clear(&mut self) {
        self.items.clear();
        self.index = OnceLock::new();
    }

    /// Reorders the log; the hazards themselves are not copied.
    pub fn sort_by_key<K: Ord>(&mut self, mut key: impl FnMut(&Hazard) -> K) {
        self.items.sort_by_key(|h| key(h));
        self.index = OnceLock::new();
    }

    /// The hazards as plain values (copies).
    pub fn to_vec(&self) -> Vec<Hazard> {
        self.iter().cloned().collect()
    }
}

/// The hazards in log order.
#[derive(Clone)]
pub struct Iter<'a>(std::slice::Iter<'a, Arc<Hazard>>);

impl<'a> Iterator for Iter<'a> {
    type Item = &'a Hazard;

    fn next(&mut self) -> Option<&'a Hazard> {
        self.0.next().map(Arc::as_ref)
    }

    fn size_hint(&self) -> (usize, Option<usize>) {
        self.0.size_hint()
    }

    fn nth(&mut self, n: usize) -> Option<&'a Hazard> {
        self.0.nth(n).map(Arc::as_ref)
    }
}

impl DoubleEndedIterator for Iter<'_> {
    fn next_back(&mut self) -> Option<Self::Item> {
        self.0.next_back().map(Arc::as_ref)
    }
}

impl ExactSizeIterator for Iter<'_> {}

impl<'a> IntoIterator for &'a Hazards {
    type Item = &'a Hazard;
    type IntoIter = Iter<'a>;

    fn into_iter(self) -> Iter<'a> {
        self.iter()
    }
}

impl<'a> IntoIterator for &'a mut Hazards {
    type Item = &'a mut Hazard;
    type IntoIter = std::iter::Map<
        std::slice::IterMut<'a, Arc<Hazard>>,
        fn(&'a mut Arc<Hazard>) -> &'a mut Hazard,
    >;

    fn into_iter(self) -> Self::IntoIter {
        self.items.iter_mut().map(Arc::make_mut)
    }
}

impl IntoIterator for Hazards {
    type Item = Hazard;
    type IntoIter = std::iter::Map<std::vec::IntoIter<Arc<Hazard>>, fn(Arc<Hazard>) -> Hazard>;

    fn into_iter(self) -> Self::IntoIter {
        self.items.into_iter().map(Arc::unwrap_or_clone)
    }
}

impl Index<usize> for Hazards {
    type Output = Hazard;

    fn index(&self, index: usize) -> &Hazard {
        &self.items[index]
    }
}

/// A hazard to change: copied first if a snapshot still shares it.
impl IndexMut<usize> for Hazards {
    fn index_mut(&mut self, index: usize) -> &mut Hazard {
        Arc::make_mut(&mut self.items[index])
    }
}

impl FromIterator<Hazard> for Hazards {
    fn from_iter<I: IntoIterator<Item = Hazard>>(iter: I) -> Hazards {
        Hazards {
            items: iter.into_iter().map(Arc::new).collect(),
            index: OnceLock::new(),
        }
    }
}

impl Extend<Hazard> for Hazards {
    fn extend<I: IntoIterator<Item = Hazard>>(&mut self, iter: I) {
        for hazard in iter {
            self.push(hazard);
        }
    }
}

impl From<Vec<Hazard>> for Hazards {
    fn from(hazards: Vec<Hazard>) -> Hazards {
        hazards.into_iter().collect()
    }
}

impl PartialEq for Hazards {
    fn eq(&self, other: &Hazards) -> bool {
        self.items.len() == other.items.len()
            && self
                .items
                .iter()
                .zip(&other.items)
                .all(|(a, b)| Arc::ptr_eq(a, b) || a == b)
    }
}

impl Eq for Hazards {}

impl std::fmt::Debug for Hazards {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_list().entries(self.iter()).finish()
    }
}

/// Written as the plain list of hazards it always was: the file format does not change.
impl Serialize for Hazards {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_seq(self.iter())
    }
}

impl<'de> Deserialize<'de> for Hazards {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Hazards, D::Error> {
        Vec::<Hazard>::deserialize(deserializer).map(Hazards::from)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::{DateTime, Utc};

    fn hazard(key: u64) -> Hazard {
        Hazard::new(
            HazardKey(key),
            format!("H{key:03}"),
            format!("Hazard {key}"),
            DateTime::<Utc>::UNIX_EPOCH,
        )
    }

    #[test]
    fn a_copy_shares_hazards_until_one_is_changed() {
        let mut hazards: Hazards = (1..=3).map(hazard).collect();
        let snapshot = hazards.clone();
        hazards[1].name = "Changed".into();
        assert_eq!(snapshot[1].name, "Hazard 2");
        assert!(Arc::ptr_eq(&hazards.items[0], &snapshot.items[0]));
        assert!(!Arc::ptr_eq(&hazards.items[1], &snapshot.items[1]));
        assert_ne!(hazards, snapshot);
    }

    #[test]
    fn lookup_by_key_follows_pushes_inserts_and_removals() {
        let mut hazards: Hazards = (1..=3).map(hazard).collect();
        assert_eq!(hazards.position(HazardKey(3)), Some(2));
        hazards.push(hazard(9));
        assert_eq!(hazards.by_key(HazardKey(9)).unwrap().display_id, "H009");
        hazards.insert(0, hazard(7));
        assert_eq!(hazards.position(HazardKey(3)), Some(3));
        hazards.remove(1);
        assert_eq!(hazards.position(HazardKey(1)), None);
        assert_eq!(hazards.position(HazardKey(9)), Some(3));
        hazards.retain(|h| h.key != HazardKey(2));
        assert_eq!(hazards.position(HazardKey(3)), Some(1));
        assert_eq!(hazards.pop().unwrap().key, HazardKey(9));
        assert_eq!(hazards.position(HazardKey(9)), None);
    }

    #[test]
    fn a_hazard_replaced_under_a_new_key_is_still_found() {
        let mut hazards: Hazards = (1..=3).map(hazard).collect();
        assert_eq!(hazards.position(HazardKey(2)), Some(1));
        hazards[1] = hazard(5);
        assert_eq!(hazards.position(HazardKey(5)), Some(1));
        assert_eq!(hazards.position(HazardKey(2)), None);
    }

    #[test]
    fn it_is_written_and_read_as_a_plain_list() {
        let hazards: Hazards = (1..=2).map(hazard).collect();
        let plain: Vec<Hazard> = hazards.to_vec();
        let written = ron::to_string(&hazards).unwrap();
        assert_eq!(written, ron::to_string(&plain).unwrap());
        let read: Hazards = ron::from_str(&written).unwrap();
        assert_eq!(read, hazards);
    }
}
