//! The merge of a list of items with stable keys (hazards, people, meetings, minute entries,
//! actions, steps, coverage cells…): items are matched by key, merged field by field when both
//! copies hold them, and kept in a sensible order.

use std::collections::{HashMap, HashSet};
use std::hash::Hash;

/// What happened to an item that only one side still holds.
pub enum Lone<'a, T> {
    /// Added on their side: kept.
    AddedByTheirs(&'a T),
    /// Deleted on one side and unchanged on the other: deleted.
    Deleted(&'a T),
    /// Deleted on one side and changed on the other: the changed item is kept.
    KeptChanged {
        item: &'a T,
        deleted_by_theirs: bool,
    },
}

/// Merges keyed lists.
///
/// - Both hold the item: `both(base, ours, theirs)` (only called when they differ).
/// - Only ours holds it: kept if ours added it, or changed it since the base; deleted if theirs
///   deleted it and ours left it as it was.
/// - Only theirs holds it: the same the other way round.
/// - Order: ours' order; an item only theirs holds comes right after the item before it in
///   theirs' order (or first, when nothing is before it).
pub fn merge_keyed<'a, T: Clone + PartialEq, K: Eq + Hash + Clone>(
    base: Option<&'a [T]>,
    ours: &'a [T],
    theirs: &'a [T],
    key: impl Fn(&T) -> K,
    mut both: impl FnMut(Option<&T>, &T, &T) -> T,
    mut lone: impl FnMut(Lone<'a, T>),
) -> Vec<T> {
    if ours == theirs {
        return ours.to_vec();
    }
    let base_by_key: HashMap<K, &T> = base
        .unwrap_or_default()
        .iter()
        .map(|item| (key(item), item))
        .collect();
    let theirs_by_key: HashMap<K, &T> = theirs.iter().map(|item| (key(item), item)).collect();
    let ours_keys: HashSet<K> = ours.iter().map(&key).collect();

    let mut result: Vec<T> = Vec::with_capacity(ours.len().max(theirs.len()));
    let mut kept_keys: HashSet<K> = HashSet::with_capacity(ours.len());
    for item in ours {
        let k = key(item);
        let kept = match (theirs_by_key.get(&k), base_by_key.get(&k)) {
            (Some(&t), b) if t == item => {
                let _ = b;
                Some(item.clone())
            }
            (Some(&t), b) => Some(both(b.copied(), item, t)),
            (None, Some(&b)) if b == item => {
                lone(Lone::Deleted(item));
                None
            }
            (None, Some(_)) => {
                lone(Lone::KeptChanged {
                    item,
                    deleted_by_theirs: true,
                });
                Some(item.clone())
            }
            (None, None) => Some(item.clone()),
        };
        if let Some(kept) = kept {
            kept_keys.insert(k);
            result.push(kept);
        }
    }

    // Items only theirs holds, grouped after the item before them in theirs' order.
    let mut after: HashMap<Option<K>, Vec<T>> = HashMap::new();
    let mut anchor: Option<K> = None;
    let mut any_lone = false;
    for item in theirs {
        let k = key(item);
        if ours_keys.contains(&k) {
            if kept_keys.contains(&k) {
                anchor = Some(k);
            }
            continue;
        }
        let keep = match base_by_key.get(&k) {
            Some(&b) if b == item => {
                lone(Lone::Deleted(item));
                false
            }
            Some(_) => {
                lone(Lone::KeptChanged {
                    item,
                    deleted_by_theirs: false,
                });
                true
            }
            None => {
                lone(Lone::AddedByTheirs(item));
                true
            }
        };
        if keep {
            after.entry(anchor.clone()).or_default().push(item.clone());
            anchor = Some(k);
            any_lone = true;
        }
    }
    if !any_lone {
        return result;
    }
    let mut ordered = Vec::with_capacity(result.len() + after.len());
    emit_group(None, &mut after, &key, &mut ordered);
    for item in result {
        let k = key(&item);
        ordered.push(item);
        emit_group(Some(k), &mut after, &key, &mut ordered);
    }
    ordered
}

/// Pushes the items anchored after `anchor`, each followed by the items anchored after it.
fn emit_group<T, K: Eq + Hash + Clone>(
    anchor: Option<K>,
    after: &mut HashMap<Option<K>, Vec<T>>,
    key: &impl Fn(&T) -> K,
    out: &mut Vec<T>,
) {
    let mut stack: Vec<std::vec::IntoIter<T>> = Vec::new();
    if let Some(group) = after.remove(&anchor) {
        stack.push(group.into_iter());
    }
    while let Some(top) = stack.last_mut() {
        match top.next() {
            Some(item) => {
                let k = key(&item);
                out.push(item);
                if let Some(group) = after.remove(&Some(k)) {
                    stack.push(group.into_iter());
                }
            }
            None => {
                stack.pop();
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn run(
        base: &[(u32, &str)],
        ours: &[(u32, &str)],
        theirs: &[(u32, &str)],
    ) -> Vec<(u32, String)> {
        let own = |l: &[(u32, &str)]| -> Vec<(u32, String)> {
            l.iter().map(|(k, v)| (*k, v.to_string())).collect()
        };
        let (b, o, t) = (own(base), own(ours), own(theirs));
        merge_keyed(
            Some(&b),
            &o,
            &t,
            |i| i.0,
            |_, o, t| (o.0, format!("{}+{}", o.1, t.1)),
            |_| {},
        )
    }

    #[test]
    fn items_only_theirs_holds_follow_their_neighbour() {
        let merged = run(
            &[(1, "a"), (2, "b")],
            &[(1, "a"), (2, "b"), (3, "ours")],
            &[(1, "a"), (4, "theirs"), (2, "b")],
        );
        let keys: Vec<u32> = merged.iter().map(|i| i.0).collect();
        assert_eq!(keys, [1, 4, 2, 3]);
    }

    #[test]
    fn a_deletion_holds_unless_the_other_side_changed_the_item() {
        let merged = run(&[(1, "a"), (2, "b")], &[(1, "a")], &[(1, "a"), (2, "b")]);
        assert_eq!(merged, [(1, "a".to_string())]);
        let merged = run(&[(1, "a"), (2, "b")], &[(1, "a")], &[(1, "a"), (2, "B")]);
        assert_eq!(merged, [(1, "a".to_string()), (2, "B".to_string())]);
    }
}
