//! Where the time of a project save and open of 10,000 hazards goes, phase by phase, for
//! profiling (run it under `perf record -g`). Run:
//! `cargo run --release --example file_cost -- [RUNS]`.

#[path = "../benches/synthetic.rs"]
#[allow(dead_code)]
mod synthetic;

use std::time::Instant;

use hazard_workshop::storage::project_file;

fn main() {
    let runs: usize = std::env::args()
        .nth(1)
        .and_then(|n| n.parse().ok())
        .unwrap_or(3);
    let project = synthetic::project(10_000);
    let dir = tempfile::tempdir().expect("a temporary folder");
    let path = dir.path().join("file-10000.hazlog");
    let ms = |started: Instant| started.elapsed().as_secs_f64() * 1e3;
    for _ in 0..runs {
        let started = Instant::now();
        let text = project_file::to_text(&project);
        let text_ms = ms(started);
        let started = Instant::now();
        project_file::write_atomically(&path, text.as_bytes()).expect("write");
        let write_ms = ms(started);
        let started = Instant::now();
        let bytes = project_file::read_bounded(&path).expect("read");
        let read_ms = ms(started);
        let started = Instant::now();
        let parsed = project_file::from_bytes(&bytes, &path).expect("parse");
        let parse_ms = ms(started);

        println!(
            "save: text {text_ms:.0} ms + write {write_ms:.0} ms; open: read {read_ms:.0} ms + \
             parse {parse_ms:.0} ms ({} hazards, {:.1} MB)",
            parsed.project.hazards.len(),
            bytes.len() as f64 / 1e6
        );
    }
}
