//! How big a project file gets with issued versions in it: a 500-hazard synthetic log (the
//! benchmark's generator) issued 20 times, with about 5% of hazards edited between issues.
//! Prints the file size without baselines, with 20, and per baseline; docs/baselines.md keeps the
//! figures. Run: `cargo run --release --example baseline_size`.

#[path = "../benches/synthetic.rs"]
#[allow(dead_code)]
mod synthetic;

use chrono::{DateTime, NaiveDate};
use hazard_workshop::domain::baseline::IssueReason;
use hazard_workshop::edit::version_ops::{IssueRequest, issue_version, prepare_issue};
use hazard_workshop::edit::{Document, ops};
use hazard_workshop::storage::project_file;

fn main() {
    let hazards = 500;
    let mut doc = Document::new(synthetic::project(hazards), None);
    let plain = project_file::to_text(doc.project()).len();
    let now = DateTime::UNIX_EPOCH;
    let today = NaiveDate::from_ymd_opt(2026, 11, 28).unwrap();
    let started = std::time::Instant::now();
    for version in 1..=20 {
        // Between issues, edit every twentieth hazard (a different set each time).
        for index in (version % 20..hazards).step_by(20) {
            let mut hazard = doc.project().hazards[index].clone();
            hazard
                .description
                .push_str(&format!(" Revised for version {version}."));
            doc.apply(ops::update_hazard(
                doc.project(),
                hazard,
                "description",
                now,
            ))
            .unwrap();
        }
        let request = IssueRequest {
            version: format!("{version}.0"),
            author: "Bench".into(),
            reason: IssueReason::Release,
            open_checks_reason: "synthetic data".into(),
            ..IssueRequest::default()
        };
        let prepared = prepare_issue(doc.snapshot(), &request, now, today).unwrap();
        doc.apply(issue_version(doc.project(), prepared).unwrap())
            .unwrap();
    }
    let issuing = started.elapsed();
    let text = project_file::to_text(doc.project());
    let frozen: usize = doc
        .project()
        .baselines
        .iter()
        .map(|b| b.frozen.content.stored_len())
        .sum();
    let canonical = hazard_workshop::domain::baseline::canonical_text(doc.project()).len();
    let started = std::time::Instant::now();
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("log.hazlog");
    project_file::save(doc.project(), &path).unwrap();
    let saving = started.elapsed();
    let started = std::time::Instant::now();
    let back = project_file::load(&path).unwrap();
    let opening = started.elapsed();
    assert_eq!(back.baselines.len(), 20);
    let mb = |bytes: usize| bytes as f64 / (1024.0 * 1024.0);
    println!("{hazards} hazards, 20 baselines");
    println!("file without baselines: {:.2} MB", mb(plain));
    println!("file with 20 baselines:  {:.2} MB", mb(text.len()));
    println!(
        "per baseline: {:.0} KB stored (canonical RON of the log: {:.0} KB, {:.1}x smaller)",
        frozen as f64 / 20.0 / 1024.0,
        canonical as f64 / 1024.0,
        canonical as f64 * 20.0 / frozen as f64
    );
    println!(
        "issuing 20 versions (freeze, hash, compress): {:.0} ms in all",
        issuing.as_secs_f64() * 1e3
    );
    println!(
        "save {:.0} ms, open {:.0} ms",
        saving.as_secs_f64() * 1e3,
        opening.as_secs_f64() * 1e3
    );
}
