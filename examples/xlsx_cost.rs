//! Where the time of an xlsx import and export of 10,000 hazards goes, for profiling (run it under
//! `perf record -g`). Writes the workbook to the path given (default `target/xlsx-10000.xlsx`),
//! then imports it the number of times given. Run:
//! `cargo run --release --example xlsx_cost -- [PATH] [IMPORTS]`.

#[path = "../benches/synthetic.rs"]
#[allow(dead_code)]
mod synthetic;

use std::time::Instant;

use hazard_workshop::interchange::{xlsx_export, xlsx_import};

fn main() {
    let mut args = std::env::args().skip(1);
    let path = args
        .next()
        .unwrap_or_else(|| "target/xlsx-10000.xlsx".to_owned());
    let imports: usize = args.next().and_then(|n| n.parse().ok()).unwrap_or(5);
    let project = synthetic::project(10_000);
    let ms = |started: Instant| started.elapsed().as_secs_f64() * 1e3;

    let started = Instant::now();
    let bytes = xlsx_export::export_workbook(&project, &xlsx_export::ExportOptions::default())
        .expect("export");
    println!("export: {:.0} ms, {} bytes", ms(started), bytes.len());
    std::fs::write(&path, bytes).expect("write");
    for _ in 0..imports {
        let started = Instant::now();
        let result = xlsx_import::import_workbook(path.as_ref(), &project.matrix).expect("import");
        println!(
            "import: {:.0} ms, {} hazards, {} warnings",
            ms(started),
            result.project.hazards.len(),
            result.report.warnings.len()
        );
    }
}
