//! Properties of the three-way merge (`domain::three_way`), on random edits of a small project:
//!
//! - merging a copy with the unchanged ancestor gives the copy: merge(base, x, base) == x, and
//!   merge(base, base, x) == x;
//! - the merge is symmetric up to which side's value a conflict keeps: merge(base, a, b) with
//!   every conflict resolved as theirs equals merge(base, b, a) as it stands (items both sides
//!   added compared by key, since each side's new items follow ours' order);
//! - nothing is lost: a hazard either copy holds is in the result unless both deleted it, or one
//!   deleted it and the other left it exactly as the ancestor had it; a cause either copy added
//!   is in the result or in a stored conflict.

use std::collections::BTreeSet;

use chrono::DateTime;
use hazard_workshop::domain::three_way::{ConflictPlace, merge};
use hazard_workshop::domain::{Hazard, HazardKey, Project};
use proptest::prelude::*;

#[derive(Clone, Debug)]
enum Op {
    Rename(usize, String),
    Owner(usize, String),
    AddCause(usize, String),
    RemoveCause(usize, usize),
    Add(String),
    Remove(usize),
}

fn word() -> impl Strategy<Value = String> {
    prop_oneof![Just("a"), Just("b"), Just("c"), Just("d")].prop_map(str::to_owned)
}

fn op() -> impl Strategy<Value = Op> {
    prop_oneof![
        (0..5usize, word()).prop_map(|(i, w)| Op::Rename(i, w)),
        (0..5usize, word()).prop_map(|(i, w)| Op::Owner(i, w)),
        (0..5usize, word()).prop_map(|(i, w)| Op::AddCause(i, w)),
        (0..5usize, 0..3usize).prop_map(|(i, c)| Op::RemoveCause(i, c)),
        word().prop_map(Op::Add),
        (0..5usize).prop_map(Op::Remove),
    ]
}

fn base_project(hazards: &[(String, Vec<String>)]) -> Project {
    let mut project = Project::default();
    for (i, (name, causes)) in hazards.iter().enumerate() {
        let mut h = Hazard::new(
            HazardKey(i as u64 + 1),
            format!("H{:03}", i + 1),
            name.clone(),
            DateTime::UNIX_EPOCH,
        );
        h.causes = causes.clone();
        project.hazards.push(h);
    }
    project.counters.next_key = 100;
    project
}

fn base() -> impl Strategy<Value = Project> {
    prop::collection::vec((word(), prop::collection::vec(word(), 0..3)), 1..5)
        .prop_map(|hazards| base_project(&hazards))
}

/// Applies `ops` as the side `side` (0 or 1): new hazards get keys and ids of their own.
fn edited(base: &Project, ops: &[Op], side: u64) -> Project {
    let mut p = base.clone();
    let mut next = 1_000 * (side + 1);
    for op in ops {
        let n = p.hazards.len();
        match op.clone() {
            Op::Rename(i, w) if n > 0 => p.hazards[i % n].name = w,
            Op::Owner(i, w) if n > 0 => p.hazards[i % n].owner = w,
            Op::AddCause(i, w) if n > 0 => p.hazards[i % n].causes.push(w),
            Op::RemoveCause(i, c) if n > 0 => {
                let causes = &mut p.hazards[i % n].causes;
                if !causes.is_empty() {
                    let c = c % causes.len();
                    causes.remove(c);
                }
            }
            Op::Add(w) => {
                p.hazards.push(Hazard::new(
                    HazardKey(next),
                    format!("S{side}-{next}"),
                    w,
                    DateTime::UNIX_EPOCH,
                ));
                next += 1;
                p.counters.next_key = p.counters.next_key.max(next);
            }
            Op::Remove(i) if n > 0 => {
                p.hazards.remove(i % n);
            }
            _ => {}
        }
    }
    p
}

fn sorted(mut p: Project) -> Project {
    p.hazards.sort_by_key(|h| h.key);
    p
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, ..ProptestConfig::default() })]

    #[test]
    fn merging_with_the_unchanged_ancestor_gives_the_copy(
        base in base(),
        ops in prop::collection::vec(op(), 0..8),
    ) {
        let x = edited(&base, &ops, 0);
        let outcome = merge(&base, &x, &base);
        prop_assert!(outcome.project.conflicts.is_empty());
        prop_assert_eq!(&outcome.project, &x);
        let outcome = merge(&base, &base, &x);
        prop_assert!(outcome.project.conflicts.is_empty());
        prop_assert_eq!(&outcome.project, &x);
    }

    #[test]
    fn the_merge_is_symmetric_up_to_the_side_a_conflict_keeps(
        base in base(),
        a_ops in prop::collection::vec(op(), 0..8),
        b_ops in prop::collection::vec(op(), 0..8),
    ) {
        let (a, b) = (edited(&base, &a_ops, 0), edited(&base, &b_ops, 1));
        let ab = merge(&base, &a, &b);
        let ba = merge(&base, &b, &a);
        let places = |p: &Project| -> BTreeSet<(String, String)> {
            p.conflicts.iter().map(|c| (format!("{:?}", c.place), c.field.clone())).collect()
        };
        prop_assert_eq!(places(&ab.project), places(&ba.project));
        // ab with every conflict resolved as theirs (b) is ba as it stands (holding b's values).
        let mut resolved = ab.project.clone();
        for conflict in &ab.project.conflicts {
            conflict.write(&mut resolved, &conflict.theirs.ron).unwrap();
        }
        resolved.conflicts.clear();
        let mut as_is = ba.project.clone();
        as_is.conflicts.clear();
        prop_assert_eq!(sorted(resolved), sorted(as_is));
    }

    #[test]
    fn nothing_either_copy_holds_is_lost(
        base in base(),
        a_ops in prop::collection::vec(op(), 0..8),
        b_ops in prop::collection::vec(op(), 0..8),
    ) {
        let (a, b) = (edited(&base, &a_ops, 0), edited(&base, &b_ops, 1));
        let merged = merge(&base, &a, &b).project;
        for (side, other) in [(&a, &b), (&b, &a)] {
            for hazard in &side.hazards {
                let in_base = base.hazard(hazard.key);
                let dropped_legitimately = in_base.is_some_and(|original| {
                    other.hazard(hazard.key).is_none() && original == hazard
                });
                let result = merged.hazard(hazard.key);
                prop_assert!(
                    result.is_some() || dropped_legitimately,
                    "{} lost", hazard.title()
                );
                let (Some(result), Some(original)) = (result, in_base) else { continue };
                for cause in hazard.causes.iter().filter(|c| !original.causes.contains(c)) {
                    let in_conflict = merged.conflicts.iter().any(|c| {
                        c.place == ConflictPlace::Hazard(hazard.key)
                            && (c.ours.ron.contains(cause.as_str())
                                || c.theirs.ron.contains(cause.as_str()))
                    });
                    prop_assert!(
                        result.causes.contains(cause) || in_conflict,
                        "cause {cause} added to {} lost", hazard.title()
                    );
                }
            }
        }
    }
}
