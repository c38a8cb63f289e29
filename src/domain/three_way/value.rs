//! Three-way choice of one value, and the three-way merge of a list whose items have no key
//! (causes, controls, agenda lines): items are matched by their content.

use serde::Serialize;

/// What a three-way merge of one value decided.
#[derive(Clone, Debug, PartialEq)]
pub enum Resolved<T> {
    /// Keep ours (unchanged on their side, or the same change on both).
    Ours,
    /// Take theirs (changed on their side only).
    Theirs,
    /// A clean result that is neither side's value as it stands (a list both sides added to).
    Merged(T),
    /// Different changes on both sides. `held` is the value the merged project keeps until the
    /// conflict is resolved (ours, or for a list ours' choice in the conflicting parts with every
    /// clean part merged); `alternative` is the same with theirs' choice.
    Conflict { held: T, alternative: T },
}

/// One value: a change on one side is taken, the same change on both is taken once, different
/// changes are a conflict. Without a base (no common ancestor) any difference is a conflict.
pub fn pick<T: PartialEq + Clone>(base: Option<&T>, ours: &T, theirs: &T) -> Resolved<T> {
    if ours == theirs {
        return Resolved::Ours;
    }
    match base {
        Some(base) if ours == base => Resolved::Theirs,
        Some(base) if theirs == base => Resolved::Ours,
        _ => Resolved::Conflict {
            held: ours.clone(),
            alternative: theirs.clone(),
        },
    }
}

/// Lists longer than this on every side are compared as whole values (no item alignment):
/// the alignment costs the product of the lengths.
const ALIGN_LIMIT: usize = 4_000_000;

/// A three-way merge of a list of items without keys, by item content, keeping order.
///
/// The lists are aligned with the base (longest common subsequence) and split into stretches
/// where both sides still hold the base's items and stretches where at least one side changed
/// something. In a changed stretch:
/// - changed on one side only: that side's items;
/// - base items both sides kept stay; an item deleted on one side (and left on the other) is
///   deleted; items added on either side are kept (both sides' additions at one place come in a
///   fixed order whichever side is "ours": the group whose text sorts first);
/// - an item edited on one side and deleted on the other keeps the edited item (an edit is a
///   deletion and an addition here, and additions are kept);
/// - both sides removed base items and added different ones (the same item edited differently on
///   both sides): a conflict, for that stretch only.
pub fn merge_list<T: PartialEq + Clone + Serialize>(
    base: Option<&[T]>,
    ours: &[T],
    theirs: &[T],
) -> Resolved<Vec<T>> {
    if ours == theirs {
        return Resolved::Ours;
    }
    let Some(base) = base else {
        return Resolved::Conflict {
            held: ours.to_vec(),
            alternative: theirs.to_vec(),
        };
    };
    if ours == base {
        return Resolved::Theirs;
    }
    if theirs == base {
        return Resolved::Ours;
    }
    if base.len().saturating_mul(ours.len().max(theirs.len())) > ALIGN_LIMIT {
        return Resolved::Conflict {
            held: ours.to_vec(),
            alternative: theirs.to_vec(),
        };
    }
    let to_ours = align(base, ours);
    let to_theirs = align(base, theirs);
    let mut held = Vec::new();
    let mut alternative = Vec::new();
    let mut conflicted = false;
    let (mut b, mut o, mut t) = (0, 0, 0);
    loop {
        // The next base item both sides still hold at their aligned places.
        let next = (b..base.len()).find(|&i| to_ours[i].is_some() && to_theirs[i].is_some());
        let (b_end, o_end, t_end) = match next {
            Some(i) => (i, to_ours[i].unwrap(), to_theirs[i].unwrap()),
            None => (base.len(), ours.len(), theirs.len()),
        };
        let chunk = Chunk {
            base: &base[b..b_end],
            ours: &ours[o..o_end],
            theirs: &theirs[t..t_end],
        };
        match chunk.merge() {
            Some(items) => {
                held.extend(items.iter().cloned());
                alternative.extend(items);
            }
            None => {
                conflicted = true;
                held.extend_from_slice(chunk.ours);
                alternative.extend_from_slice(chunk.theirs);
            }
        }
        let Some(i) = next else { break };
        held.push(base[i].clone());
        alternative.push(base[i].clone());
        (b, o, t) = (i + 1, o_end + 1, t_end + 1);
    }
    if conflicted {
        Resolved::Conflict { held, alternative }
    } else if held == ours {
        Resolved::Ours
    } else if held == theirs {
        Resolved::Theirs
    } else {
        Resolved::Merged(held)
    }
}

struct Chunk<'a, T> {
    base: &'a [T],
    ours: &'a [T],
    theirs: &'a [T],
}

impl<T: PartialEq + Clone + Serialize> Chunk<'_, T> {
    /// The stretch merged, or `None` when it conflicts.
    fn merge(&self) -> Option<Vec<T>> {
        let (base, ours, theirs) = (self.base, self.ours, self.theirs);
        if ours == base || ours == theirs {
            return Some(theirs.to_vec());
        }
        if theirs == base {
            return Some(ours.to_vec());
        }
        let added = |side: &[T]| -> Vec<T> {
            side.iter()
                .filter(|item| !base.contains(item))
                .cloned()
                .collect()
        };
        let removed = |side: &[T]| base.iter().any(|item| !side.contains(item));
        let (ours_added, theirs_added) = (added(ours), added(theirs));
        if removed(ours) && removed(theirs) && !ours_added.is_empty() && !theirs_added.is_empty() {
            return None;
        }
        // Base items both kept, in base order, then the additions.
        let mut out: Vec<T> = base
            .iter()
            .filter(|item| ours.contains(item) && theirs.contains(item))
            .cloned()
            .collect();
        let (first, second) = if text_of(&ours_added) <= text_of(&theirs_added) {
            (ours_added, theirs_added)
        } else {
            (theirs_added, ours_added)
        };
        for item in first.into_iter().chain(second) {
            if !out.contains(&item) {
                out.push(item);
            }
        }
        Some(out)
    }
}

fn text_of<T: Serialize>(items: &[T]) -> String {
    ron::to_string(items).unwrap_or_default()
}

/// For each base item, the index of the item it is matched with in `side` (a longest common
/// subsequence), or `None` when `side` does not hold it there.
fn align<T: PartialEq>(base: &[T], side: &[T]) -> Vec<Option<usize>> {
    let (n, m) = (base.len(), side.len());
    // lengths[i][j]: the LCS of base[i..] and side[j..].
    let mut lengths = vec![0u32; (n + 1) * (m + 1)];
    let at = |i: usize, j: usize| i * (m + 1) + j;
    for i in (0..n).rev() {
        for j in (0..m).rev() {
            lengths[at(i, j)] = if base[i] == side[j] {
                lengths[at(i + 1, j + 1)] + 1
            } else {
                lengths[at(i + 1, j)].max(lengths[at(i, j + 1)])
            };
        }
    }
    let mut matched = vec![None; n];
    let (mut i, mut j) = (0, 0);
    while i < n && j < m {
        if base[i] == side[j] {
            matched[i] = Some(j);
            i += 1;
            j += 1;
        } else if lengths[at(i + 1, j)] >= lengths[at(i, j + 1)] {
            i += 1;
        } else {
            j += 1;
        }
    }
    matched
}

#[cfg(test)]
mod tests {
    use super::*;

    fn list(items: &[&str]) -> Vec<String> {
        items.iter().map(|s| s.to_string()).collect()
    }

    fn merged(base: &[&str], ours: &[&str], theirs: &[&str]) -> Resolved<Vec<String>> {
        let (b, o, t) = (list(base), list(ours), list(theirs));
        match merge_list(Some(&b), &o, &t) {
            Resolved::Ours => Resolved::Merged(o),
            Resolved::Theirs => Resolved::Merged(t),
            other => other,
        }
    }

    #[test]
    fn one_side_changes_are_taken_and_the_same_change_once() {
        assert_eq!(pick(Some(&1), &1, &2), Resolved::Theirs);
        assert_eq!(pick(Some(&1), &2, &1), Resolved::Ours);
        assert_eq!(pick(Some(&1), &3, &3), Resolved::Ours);
        assert_eq!(
            pick(Some(&1), &2, &3),
            Resolved::Conflict {
                held: 2,
                alternative: 3
            }
        );
        assert!(matches!(pick(None, &2, &3), Resolved::Conflict { .. }));
    }

    #[test]
    fn additions_on_both_sides_are_kept_and_deletions_applied() {
        assert_eq!(
            merged(&["a", "b", "c"], &["a", "b", "c", "x"], &["y", "a", "c"]),
            Resolved::Merged(list(&["y", "a", "c", "x"]))
        );
        // Both added at the same place: the same order whichever side is ours.
        let one = merged(&["a"], &["a", "x"], &["a", "y"]);
        let other = merged(&["a"], &["a", "y"], &["a", "x"]);
        assert_eq!(one, other);
        assert_eq!(one, Resolved::Merged(list(&["a", "x", "y"])));
        // Deleted on one side, untouched on the other, while the other added beside it.
        assert_eq!(
            merged(&["a", "x", "b"], &["a", "b"], &["a", "x", "y", "b"]),
            Resolved::Merged(list(&["a", "y", "b"]))
        );
    }

    #[test]
    fn an_item_edited_differently_on_both_sides_conflicts_in_its_stretch_only() {
        let result = merged(&["a", "b", "c"], &["a", "B1", "c", "d"], &["a", "B2", "c"]);
        assert_eq!(
            result,
            Resolved::Conflict {
                held: list(&["a", "B1", "c", "d"]),
                alternative: list(&["a", "B2", "c", "d"]),
            }
        );
        // Edited on one side, deleted on the other: the edit is kept.
        assert_eq!(
            merged(&["a", "b"], &["a", "B1"], &["a"]),
            Resolved::Merged(list(&["a", "B1"]))
        );
    }
}
