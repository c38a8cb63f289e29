//! Append-only records, merged without a base: everything either copy holds, ours first (issued
//! versions, action-pack reports, stored conflicts), and the per-hazard history (ours, then the
//! entries theirs added after the two parted).

use std::collections::HashSet;
use std::hash::Hash;

use crate::domain::history::HistoryLog;

/// Everything in `ours`, then what `theirs` has that ours does not (by `identity`).
pub(super) fn union<T: Clone, K: Eq + Hash>(
    ours: &[T],
    theirs: &[T],
    identity: impl Fn(&T) -> K,
) -> Vec<T> {
    let known: HashSet<K> = ours.iter().map(&identity).collect();
    let mut out = ours.to_vec();
    out.extend(
        theirs
            .iter()
            .filter(|item| !known.contains(&identity(item)))
            .cloned(),
    );
    out
}

/// Ours' history, then the entries theirs added after the two histories part (the history is
/// append-only, so this needs no base). Returns how many were added.
pub fn merge_history(
    ours: &HistoryLog,
    theirs: &HistoryLog,
) -> Result<(HistoryLog, usize), String> {
    if ours == theirs || theirs.is_empty() {
        return Ok((ours.clone(), 0));
    }
    let (o, t) = (
        ours.entries().map_err(|e| e.to_string())?,
        theirs.entries().map_err(|e| e.to_string())?,
    );
    let common = o.iter().zip(&t).take_while(|(a, b)| a == b).count();
    let mut merged = ours.clone();
    let mut added = 0;
    for entry in &t[common..] {
        if !o[common..].contains(entry) {
            merged.push(entry.clone());
            added += 1;
        }
    }
    Ok((merged, added))
}
