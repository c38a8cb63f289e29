//! The command line, run as the real binary: export-xlsx and import-xlsx succeed, never replace
//! an existing file without --force, and fail with a message and a non-zero exit status.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn binary() -> Command {
    Command::new(env!("CARGO_BIN_EXE_hazard-workshop"))
}

fn run(args: &[&std::ffi::OsStr]) -> Output {
    binary()
        .args(args)
        .env("RUST_LOG", "off")
        .output()
        .expect("the binary runs")
}

fn stdout(output: &Output) -> String {
    String::from_utf8_lossy(&output.stdout).into_owned()
}

fn stderr(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

fn example() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("assets/example-workshop.hazlog")
}

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/xlsx")
        .join(name)
}

#[test]
fn help_documents_the_commands_and_the_app() {
    let output = run(&["--help".as_ref()]);
    assert!(output.status.success());
    let text = stdout(&output);
    for expected in [
        "hazard-workshop [PROJECT.hazlog]",
        "export-xlsx PROJECT.hazlog OUT.xlsx [--layout L] [--include-withdrawn] [--force]",
        "--layout nhs-v3.6",
        "--layout layout-a",
        "import-xlsx IN.xlsx OUT.hazlog [--force]",
    ] {
        assert!(text.contains(expected), "{expected} in\n{text}");
    }
}

#[test]
fn export_writes_a_workbook_and_never_overwrites_without_force() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("log.xlsx");
    let output = run(&[
        "export-xlsx".as_ref(),
        example().as_os_str(),
        out.as_os_str(),
    ]);
    assert!(output.status.success(), "{}", stderr(&output));
    assert!(stdout(&output).contains("Wrote"), "{}", stdout(&output));
    assert!(stdout(&output).contains("withdrawn left out"));
    let first = std::fs::read(&out).unwrap();
    assert!(first.starts_with(b"PK"), "an xlsx is a zip");

    std::fs::write(&out, b"keep me").unwrap();
    let output = run(&[
        "export-xlsx".as_ref(),
        example().as_os_str(),
        out.as_os_str(),
    ]);
    assert_eq!(output.status.code(), Some(1));
    assert!(
        stderr(&output).contains("already exists"),
        "{}",
        stderr(&output)
    );
    assert!(stderr(&output).contains("--force"));
    assert_eq!(std::fs::read(&out).unwrap(), b"keep me", "left as it was");

    let output = run(&[
        "export-xlsx".as_ref(),
        "--force".as_ref(),
        "--include-withdrawn".as_ref(),
        example().as_os_str(),
        out.as_os_str(),
    ]);
    assert!(output.status.success(), "{}", stderr(&output));
    assert!(std::fs::read(&out).unwrap().starts_with(b"PK"));
}

#[test]
fn export_writes_the_layout_asked_for() {
    use calamine::{Reader, Xlsx, open_workbook};
    let dir = tempfile::tempdir().unwrap();
    let example = example();
    for (args, header) in [
        (vec![], "No."),
        (vec!["--layout", "nhs-v3.6"], "No."),
        (vec!["--layout=layout-a"], "Hazard Number"),
    ] {
        let out = dir.path().join(format!("{}.xlsx", args.join("")));
        let mut all: Vec<&std::ffi::OsStr> = vec!["export-xlsx".as_ref()];
        all.extend(args.iter().map(std::ffi::OsStr::new));
        all.extend([example.as_os_str(), out.as_os_str()]);
        let output = run(&all);
        assert!(output.status.success(), "{}", stderr(&output));
        let mut workbook: Xlsx<_> = open_workbook(&out).unwrap();
        let range = workbook.worksheet_range("Hazard Log").unwrap();
        let found = range.rows().take(4).flatten().any(|cell| *cell == header);
        assert!(found, "{args:?}: {header}");
    }
}

#[test]
fn import_writes_a_project_and_prints_the_report() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("nrl.hazlog");
    let input = fixture("NRL Hazard Log V1.7.xlsx");
    let output = run(&["import-xlsx".as_ref(), input.as_os_str(), out.as_os_str()]);
    assert!(output.status.success(), "{}", stderr(&output));
    let text = stdout(&output);
    assert!(text.contains("11 hazards created"), "{text}");
    assert!(text.contains("'DCH NRL Hazard Log'!P7"), "{text}");
    let project = hazard_workshop::storage::project_file::load(&out).unwrap();
    assert_eq!(project.hazards.len(), 11);

    let output = run(&["import-xlsx".as_ref(), input.as_os_str(), out.as_os_str()]);
    assert_eq!(output.status.code(), Some(1));
    assert!(stderr(&output).contains("already exists"));

    let output = run(&[
        "import-xlsx".as_ref(),
        input.as_os_str(),
        out.as_os_str(),
        "--force".as_ref(),
    ]);
    assert!(output.status.success(), "{}", stderr(&output));
}

#[test]
fn failures_exit_non_zero_with_a_message_naming_the_file() {
    let dir = tempfile::tempdir().unwrap();
    let bad = dir.path().join("notes.xlsx");
    std::fs::write(&bad, "just text").unwrap();
    let out = dir.path().join("out.hazlog");
    let output = run(&["import-xlsx".as_ref(), bad.as_os_str(), out.as_os_str()]);
    assert_eq!(output.status.code(), Some(1));
    assert!(
        stderr(&output).contains("notes.xlsx"),
        "{}",
        stderr(&output)
    );
    assert!(!out.exists(), "nothing written on failure");

    let missing = dir.path().join("missing.hazlog");
    let xlsx = dir.path().join("x.xlsx");
    let output = run(&[
        "export-xlsx".as_ref(),
        missing.as_os_str(),
        xlsx.as_os_str(),
    ]);
    assert_eq!(output.status.code(), Some(1));
    assert!(
        stderr(&output).contains("missing.hazlog"),
        "{}",
        stderr(&output)
    );
    assert!(!xlsx.exists());
}

#[test]
fn a_wrong_command_line_exits_with_status_2() {
    for args in [
        vec!["export-xlsx"],
        vec!["import-xlsx", "a.xlsx"],
        vec!["--no-such-option"],
        vec!["export-xlsx", "a", "b", "--bogus"],
    ] {
        let args: Vec<&std::ffi::OsStr> = args.iter().map(|a| a.as_ref()).collect();
        let output = run(&args);
        assert_eq!(output.status.code(), Some(2), "{args:?}");
        assert!(stderr(&output).contains("--help"), "{}", stderr(&output));
    }
}

#[test]
fn an_import_the_row_limit_cuts_short_fails_says_what_was_kept_and_writes_nothing() {
    // A million rows below the header, only the first and the last filled: the sheet goes on
    // past the 100,000 rows the importer reads.
    let mut workbook = rust_xlsxwriter::Workbook::new();
    let sheet = workbook.add_worksheet();
    for (col, header) in ["Hazard Number", "Hazard Name", "Hazard Description"]
        .iter()
        .enumerate()
    {
        sheet.write_string(0, col as u16, *header).unwrap();
    }
    sheet.write_string(1, 0, "H1").unwrap();
    sheet.write_string(1_000_000, 0, "H2").unwrap();
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("long.xlsx");
    workbook.save(&input).unwrap();
    let out = dir.path().join("long.hazlog");

    let output = run(&["import-xlsx".as_ref(), input.as_os_str(), out.as_os_str()]);
    assert_eq!(output.status.code(), Some(1), "{}", stdout(&output));
    let error = stderr(&output);
    assert!(error.contains("long.xlsx” was not imported"), "{error}");
    assert!(error.contains("first 100000 rows"), "the limit: {error}");
    assert!(error.contains("Only rows 2 to 100001 were read"), "{error}");
    assert!(error.contains("Nothing was written"), "{error}");
    assert!(
        stdout(&output).starts_with("INCOMPLETE:"),
        "{}",
        stdout(&output)
    );
    assert!(!out.exists(), "nothing written");
}
