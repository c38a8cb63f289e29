//! xlsx export and import of 10,000 hazards, beside Python's openpyxl writing and reading the
//! same sheet in the same run (skipped, and said so, when Python or openpyxl is missing).

use std::path::Path;
use std::process::Command;

use hazard_workshop::domain::Project;
use hazard_workshop::interchange::{xlsx_export, xlsx_import};

use super::{Row, push, time};

pub fn benchmarks(rows: &mut Vec<Row>, dir: &Path, project: &Project, runs: usize) {
    let path = dir.join("export-10000.xlsx");
    let options = xlsx_export::ExportOptions::default();
    let export = time(runs, || {
        let bytes = xlsx_export::export_workbook(project, &options).unwrap();
        std::fs::write(&path, bytes).unwrap();
    });
    let import = time(runs, || {
        xlsx_import::import_workbook(&path, &project.matrix).unwrap()
    });
    let ours_export = super::stats(export.clone()).0;
    let ours_import = super::stats(import.clone()).0;

    match openpyxl(&path, dir) {
        Ok((write_ms, read_ms)) => {
            push(
                rows,
                "xlsx export, 10,000 hazards".into(),
                export,
                &format!(
                    "openpyxl writes the same sheet in {write_ms:.0} ms: {:.2}x",
                    ours_export / write_ms
                ),
            );
            rows.last_mut().unwrap().ratio = Some(ours_export / write_ms);
            push(
                rows,
                "xlsx import, 10,000 hazards".into(),
                import,
                &format!(
                    "openpyxl reads it in {read_ms:.0} ms: {:.2}x",
                    ours_import / read_ms
                ),
            );
            rows.last_mut().unwrap().ratio = Some(ours_import / read_ms);
        }
        Err(why) => {
            let note = format!("openpyxl comparison skipped: {why}");
            push(rows, "xlsx export, 10,000 hazards".into(), export, &note);
            push(rows, "xlsx import, 10,000 hazards".into(), import, &note);
        }
    }
}

/// Runs `benches/openpyxl_reference.py` on our exported sheet: it times openpyxl reading that
/// sheet, and writing a workbook with the same cells. Returns (write ms, read ms).
fn openpyxl(exported: &Path, dir: &Path) -> Result<(f64, f64), String> {
    let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("benches/openpyxl_reference.py");
    let output = Command::new("python3")
        .arg(script)
        .arg(exported)
        .arg(dir.join("openpyxl-10000.xlsx"))
        .output()
        .map_err(|_| "python3 is not installed".to_owned())?;
    let text = String::from_utf8_lossy(&output.stdout);
    if !output.status.success() {
        let err = String::from_utf8_lossy(&output.stderr);
        return Err(if err.contains("No module named 'openpyxl'") {
            "openpyxl is not installed (pip install openpyxl)".into()
        } else {
            format!(
                "the reference script failed: {}",
                err.lines().last().unwrap_or("")
            )
        });
    }
    let number = |key: &str| -> Option<f64> {
        text.lines()
            .find_map(|l| l.strip_prefix(key))
            .and_then(|v| v.trim().parse().ok())
    };
    match (number("write_ms="), number("read_ms=")) {
        (Some(w), Some(r)) => Ok((w, r)),
        _ => Err(format!(
            "unexpected output from the reference script: {text}"
        )),
    }
}
