//! Display ids both copies gave to different new hazards (the one from their side takes the next
//! free id), and the counters after the merge.

use std::collections::HashSet;

use super::Renumbered;
use crate::domain::{HazardKey, Project};

/// Hazards their copy added whose display id is already used by another hazard of the merge get
/// the next free id.
pub(super) fn renumber(
    base: Option<&Project>,
    ours: &Project,
    theirs: &Project,
    out: &mut Project,
) -> Vec<Renumbered> {
    let old: HashSet<HazardKey> = ours
        .hazards
        .iter()
        .chain(base.into_iter().flat_map(|b| b.hazards.iter()))
        .map(|h| h.key)
        .collect();
    let added: HashSet<HazardKey> = theirs
        .hazards
        .iter()
        .map(|h| h.key)
        .filter(|k| !old.contains(k))
        .collect();
    let mut renumbered = Vec::new();
    for index in 0..out.hazards.len() {
        let hazard = &out.hazards[index];
        if !added.contains(&hazard.key) {
            continue;
        }
        let id = normalise(&hazard.display_id);
        let clashes = out
            .hazards
            .iter()
            .any(|other| other.key != hazard.key && normalise(&other.display_id) == id);
        if !clashes || id.is_empty() {
            continue;
        }
        let (fresh, counters) = out.next_hazard_display_id();
        out.counters = counters;
        let hazard = &mut out.hazards[index];
        renumbered.push(Renumbered {
            key: hazard.key,
            from: std::mem::replace(&mut hazard.display_id, fresh.clone()),
            to: fresh,
        });
    }
    renumbered
}

fn normalise(id: &str) -> String {
    id.trim().to_ascii_lowercase()
}

pub(super) fn highest_key(project: &Project) -> u64 {
    let hazards = project.hazards.iter().map(|h| h.key.0);
    let people = project.people.iter().map(|p| p.key.0);
    let meetings = project
        .meetings
        .iter()
        .flat_map(|m| std::iter::once(m.key.0).chain(m.entries.iter().map(|e| e.key.0)));
    let actions = project.actions.iter().map(|a| a.key.0);
    let steps = project.technique.steps.iter().map(|s| s.key.0);
    hazards
        .chain(people)
        .chain(meetings)
        .chain(actions)
        .chain(steps)
        .max()
        .unwrap_or(0)
}
