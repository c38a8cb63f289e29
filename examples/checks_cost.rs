//! What the ready-to-issue checks cost on a 10,000-hazard synthetic log (the benchmark's
//! generator), part by part: the context from meetings and actions, the per-hazard checks, the
//! checks across the log (overdue actions, near duplicates), and the copy of the project an edit
//! makes while a checks job holds a snapshot. Prints figures for docs/benchmarks.md.
//! Run: `cargo run --release --example checks_cost -- [HAZARDS]`.

#[path = "../benches/synthetic.rs"]
#[allow(dead_code)]
mod synthetic;

use std::time::Instant;

use hazard_workshop::domain::checks::{CheckContext, check_across, check_hazard};

fn main() {
    let hazards: usize = std::env::args()
        .nth(1)
        .and_then(|n| n.parse().ok())
        .unwrap_or(10_000);
    let project = synthetic::project(hazards);
    let today = chrono::NaiveDate::from_ymd_opt(2026, 11, 28).unwrap();
    let ms = |started: Instant| started.elapsed().as_secs_f64() * 1e3;

    let started = Instant::now();
    let context = CheckContext::new(&project, today);
    let context_ms = ms(started);
    let started = Instant::now();
    let per_hazard: usize = project
        .hazards
        .iter()
        .map(|h| check_hazard(&context, &project, h).len())
        .sum();
    let per_hazard_ms = ms(started);
    let started = Instant::now();
    let across = check_across(&context, &project).len();
    let across_ms = ms(started);
    let started = Instant::now();
    let copy = project.clone();
    let clone_ms = ms(started);
    drop(copy);

    println!("{hazards} hazards");
    println!("context (meetings, minutes, actions): {context_ms:.0} ms");
    println!("per-hazard checks: {per_hazard_ms:.0} ms ({per_hazard} problems)");
    println!("across the log (overdue, near duplicates): {across_ms:.0} ms ({across} problems)");
    println!("copy of the project (an edit while a job holds it): {clone_ms:.0} ms");
}
