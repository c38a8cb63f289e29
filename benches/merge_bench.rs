//! Merging two copies of a 10,000-hazard log with 1,000 changes on each side (the issue's
//! target: under one second). Run alone with `cargo bench --bench perf -- --merge`.
//!
//! Each side edits 1,000 hazards (100 of them edited on both sides, in different fields, and 10
//! in the same field: conflicts), and adds 10 hazards numbered alike on both sides (so their
//! internal keys are given afresh and their display ids renumbered).

use std::time::{Duration, Instant};

use chrono::DateTime;
use hazard_workshop::domain::three_way::merge;
use hazard_workshop::domain::{Hazard, HazardKey, Project};

use crate::{Row, stats, synthetic};

fn side(base: &Project, offset: usize, label: &str) -> Project {
    let mut copy = base.clone();
    let n = copy.hazards.len();
    for i in 0..1_000 {
        // Side 0 edits hazards 0, 10, 20…; side 1 edits 0, 10, … for its first 100 (the
        // overlap), then 5, 15, 25…
        let index = if i < 100 {
            i * 10
        } else {
            (i * 10 + offset) % n
        };
        let hazard = &mut copy.hazards[index];
        if offset == 0 {
            hazard.description = format!("{} (reviewed by {label})", hazard.description);
        } else if i < 10 {
            hazard.description = format!("{} (checked by {label})", hazard.description);
        } else {
            hazard.residual_justification = format!("Accepted at review {i} by {label}");
        }
        hazard.causes.push(format!("Cause found by {label} {i}"));
    }
    for i in 0..10 {
        let (display_id, counters) = copy.next_hazard_display_id();
        let (key, after) = copy.next_key();
        copy.counters = counters;
        copy.counters.next_key = after.next_key;
        // Made at different moments on the two computers: different hazards under one key.
        let made = DateTime::UNIX_EPOCH + chrono::Duration::seconds(offset as i64 * 60 + i);
        copy.hazards.push(Hazard::new(
            HazardKey(key),
            display_id,
            format!("New hazard {i} from {label}"),
            made,
        ));
    }
    copy
}

pub fn merge_benchmarks(rows: &mut Vec<Row>, runs: usize) {
    let base = synthetic::project(10_000);
    let ours = side(&base, 0, "ours");
    let theirs = side(&base, 5, "theirs");
    let mut samples: Vec<Duration> = Vec::new();
    let mut outcome = None;
    for _ in 0..runs.max(3) {
        let start = Instant::now();
        outcome = Some(merge(&base, &ours, &theirs));
        samples.push(start.elapsed());
    }
    let outcome = outcome.expect("merged at least once");
    let (median, p99) = stats(samples);
    rows.push(Row {
        name: "merge, 10,000 hazards, 1,000 changes a side".into(),
        median_ms: median,
        p99_ms: p99,
        extra: format!(
            "{} taken, {} conflicts, {} renumbered (target < 1000 ms)",
            outcome.summary.taken.len(),
            outcome.conflicts.len(),
            outcome.renumbered.len()
        ),
        ratio: None,
    });
}
