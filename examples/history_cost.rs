//! What the per-hazard history costs: a 10,000-hazard synthetic log (the benchmark's generator)
//! with 50 recorded changes per hazard (500,000 entries: renames in bursts of typing, owners,
//! scores, status), then saved and opened. Prints file size and times for docs/benchmarks.md.
//! Run: `cargo run --release --example history_cost`.

#[path = "../benches/synthetic.rs"]
#[allow(dead_code)]
mod synthetic;

use std::time::Instant;

use chrono::{DateTime, Duration};
use hazard_workshop::domain::{HazardStatus, Likelihood, Severity};
use hazard_workshop::edit::history_record::{RecordContext, record_edit};
use hazard_workshop::edit::ops;
use hazard_workshop::storage::project_file;

fn main() {
    let hazards = 10_000;
    let changes_per_hazard = 50;
    let mut project = synthetic::project(hazards);
    let plain = project_file::to_text(&project).len();
    let start = DateTime::UNIX_EPOCH + Duration::days(20_000);
    let started = Instant::now();
    for round in 0..changes_per_hazard {
        for index in 0..hazards {
            let before = &project.hazards[index];
            let mut after = before.clone();
            let field = match round % 5 {
                0 => {
                    after.name = format!("{} {round}", before.name);
                    "name"
                }
                1 => {
                    after.owner = format!("Owner {round}");
                    "owner"
                }
                2 => {
                    // Always a different score from the one before.
                    let next = after.residual.severity.map_or(0, |s| s.index() + 1) % 5;
                    after.residual.severity = Some(Severity::ALL[next]);
                    after.residual.likelihood = Some(Likelihood::ALL[(round / 5) % 5]);
                    "residual"
                }
                3 => {
                    after.description.push_str(" More detail from the review.");
                    "description"
                }
                _ => {
                    after.status = if before.status == HazardStatus::Open {
                        HazardStatus::Transferred
                    } else {
                        HazardStatus::Open
                    };
                    "status"
                }
            };
            let at = start + Duration::seconds((round * hazards + index) as i64);
            let edit = ops::update_hazard(&project, after, field, at);
            edit.apply(&mut project);
            let context = RecordContext {
                at,
                by: "cso".into(),
                meeting: None,
                continues_burst: false,
            };
            record_edit(&mut project.history, &edit, &context);
        }
    }
    let recording = started.elapsed();
    assert_eq!(project.history.len(), hazards * changes_per_hazard);

    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("log.hazlog");
    let started = Instant::now();
    project_file::save(&project, &path).unwrap();
    let saving = started.elapsed();
    let size = std::fs::metadata(&path).unwrap().len() as usize;
    let started = Instant::now();
    let back = project_file::load(&path).unwrap();
    let opening = started.elapsed();
    assert_eq!(back.history.len(), project.history.len());
    let started = Instant::now();
    let one = back.history.for_hazard(back.hazards[5_000].key).unwrap();
    let one_hazard = started.elapsed();
    assert_eq!(one.len(), changes_per_hazard);
    let started = Instant::now();
    let every = back.history.entries().unwrap();
    let every_entry = started.elapsed();
    assert_eq!(every.len(), project.history.len());
    drop(every);
    let started = Instant::now();
    let replayed = back
        .history
        .replay(&synthetic::project(hazards).hazards.to_vec())
        .unwrap();
    let replay = started.elapsed();
    assert_eq!(replayed.len(), hazards);
    let started = Instant::now();
    let _copy = back.clone();
    let clone = started.elapsed();

    let mb = |bytes: usize| bytes as f64 / (1024.0 * 1024.0);
    let ms = |d: std::time::Duration| d.as_secs_f64() * 1e3;
    println!(
        "{hazards} hazards x {changes_per_hazard} changes = {} history entries",
        project.history.len()
    );
    println!(
        "file without history: {:.1} MB; with: {:.1} MB (sealed chunks {:.1} MB)",
        mb(plain),
        mb(size),
        mb(project.history.sealed_bytes())
    );
    println!(
        "recording all changes: {:.0} ms ({:.1} us per change)",
        ms(recording),
        ms(recording) * 1e3 / project.history.len() as f64
    );
    println!("save {:.0} ms, open {:.0} ms", ms(saving), ms(opening));
    println!(
        "one hazard's history (through the per-hazard index): {:.0} ms",
        ms(one_hazard)
    );
    println!(
        "every entry of the history (unpacks every chunk): {:.0} ms",
        ms(every_entry)
    );
    println!("replay of the whole history: {:.0} ms", ms(replay));
    println!("clone of the project (undo snapshot): {:.2} ms", ms(clone));
}
