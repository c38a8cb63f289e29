//! `hazard-workshop check`, run as the real binary: one line per problem, exit 0 / 1 / 2 for a
//! clean log, a log with problems, and a file that cannot be read.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use chrono::DateTime;
use hazard_workshop::domain::{
    AdditionalControl, Assessment, ControlKind, Hazard, HazardKey, HazardStatus, Likelihood,
    Meeting, MeetingKey, Project, Severity,
};
use hazard_workshop::storage::project_file;

fn check(path: &Path) -> Output {
    Command::new(env!("CARGO_BIN_EXE_hazard-workshop"))
        .arg("check")
        .arg(path)
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

/// A log with one hazard that passes every check.
fn clean_project() -> Project {
    let mut h = Hazard::new(
        HazardKey(1),
        "H001".into(),
        "Wrong patient record shown after search".into(),
        DateTime::UNIX_EPOCH,
    );
    h.description = "The search shows a different patient's record".into();
    h.harm = "Treatment given to the wrong patient".into();
    h.causes = vec!["Similar names".into()];
    h.owner = "CSO".into();
    h.status = HazardStatus::Open;
    h.initial = Assessment::new(Severity::Major, Likelihood::Medium);
    h.residual = Assessment::new(Severity::Major, Likelihood::Low);
    h.additional_controls = vec![AdditionalControl {
        kind: ControlKind::Design,
        text: "Show date of birth".into(),
        owner: String::new(),
        evidence: String::new(),
    }];
    h.raised_in = Some(MeetingKey(9));
    Project {
        hazards: vec![h].into(),
        meetings: vec![Meeting {
            key: MeetingKey(9),
            title: "HAZID".into(),
            ..Meeting::default()
        }],
        ..Project::default()
    }
}

fn saved(project: &Project, dir: &Path) -> PathBuf {
    let path = dir.join("log.hazlog");
    project_file::save(project, &path).unwrap();
    path
}

#[test]
fn a_clean_log_exits_0_and_prints_no_problem() {
    let dir = tempfile::tempdir().unwrap();
    let output = check(&saved(&clean_project(), dir.path()));
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    assert_eq!(stdout(&output), "");
}

#[test]
fn each_problem_is_one_line_with_id_field_and_reason_and_the_exit_status_is_1() {
    let dir = tempfile::tempdir().unwrap();
    let mut project = clean_project();
    project.hazards[0].harm.clear();
    project.hazards[0].residual = Assessment::new(Severity::Catastrophic, Likelihood::VeryHigh);
    project.hazards[0].residual_justification = "Accepted by the board".into();
    let output = check(&saved(&project, dir.path()));
    assert_eq!(output.status.code(), Some(1));
    assert_eq!(
        stdout(&output),
        "H001\tharm\tno harm to patients recorded [missing-harm]\n\
         H001\tresidual\tresidual rating 5 is higher than initial rating 3 [residual-above-initial]\n"
    );
    assert!(
        stderr(&output).contains("2 problems found"),
        "{}",
        stderr(&output)
    );
}

#[test]
fn the_example_is_checked_line_for_line_as_the_library_checks_it() {
    let example = Path::new(env!("CARGO_MANIFEST_DIR")).join("assets/example-workshop.hazlog");
    let output = check(&example);
    let project = project_file::load(&example).unwrap();
    let expected =
        hazard_workshop::domain::checks::check_project(&project, chrono::Local::now().date_naive());
    let lines: Vec<String> = stdout(&output).lines().map(str::to_owned).collect();
    assert_eq!(lines.len(), expected.len());
    for (line, problem) in lines.iter().zip(&expected) {
        let parts: Vec<&str> = line.split('\t').collect();
        assert_eq!(parts.len(), 3, "{line}");
        assert_eq!(parts[0], problem.display_id);
        assert_eq!(parts[1], problem.field);
    }
    let status = if expected.is_empty() { 0 } else { 1 };
    assert_eq!(output.status.code(), Some(status));
}

#[test]
fn a_file_that_cannot_be_read_exits_2_with_a_message() {
    let dir = tempfile::tempdir().unwrap();
    let missing = dir.path().join("missing.hazlog");
    let output = check(&missing);
    assert_eq!(output.status.code(), Some(2));
    assert!(
        stderr(&output).contains("missing.hazlog"),
        "{}",
        stderr(&output)
    );

    let garbage = dir.path().join("garbage.hazlog");
    std::fs::write(
        &garbage,
        "HazardWorkshopProject(format_version: 1, project: (",
    )
    .unwrap();
    let output = check(&garbage);
    assert_eq!(output.status.code(), Some(2));
    assert_eq!(stdout(&output), "");
}
