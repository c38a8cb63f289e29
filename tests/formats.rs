//! Project formats: each stored format loads to the expected project (older ones through their
//! migrations), unknown fields are refused by name instead of being dropped, and hostile files
//! (empty, binary, cut short, deeply nested, huge) give an error, never a panic.

use std::fs;
use std::path::{Path, PathBuf};

use chrono::{DateTime, NaiveDate, NaiveTime, Utc};
use hazard_workshop::domain::*;
use hazard_workshop::storage::project_file::{self, FORMAT_VERSION, LoadError};
use hazard_workshop::storage::save;

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/formats")
        .join(name)
}

fn time(text: &str) -> DateTime<Utc> {
    DateTime::parse_from_rfc3339(text).unwrap().to_utc()
}

/// What `format-0.hazlog` means in today's model.
fn expected_format_0() -> Project {
    let mut project = Project::default();
    project.metadata.system_name = "MedChart ePMA".into();
    project.metadata.organisation = "Northbridge Hospitals NHS Foundation Trust".into();
    project.metadata.document_version = "0.1".into();
    let mut h1 = Hazard::new(
        HazardKey(1),
        "H001".into(),
        "Wrong patient selected when prescribing".into(),
        time("2025-11-03T09:30:00Z"),
    );
    h1.updated = time("2025-11-04T10:00:00Z");
    h1.description = "A prescriber prescribes in the record of the wrong patient.".into();
    h1.harm = "The wrong patient receives medicines not intended for them.".into();
    h1.causes = vec!["Similar names on one ward list".into()];
    h1.existing_controls = vec![ExistingControl::untyped(
        "Patient banner on every screen".into(),
    )];
    h1.additional_controls = vec![
        AdditionalControl {
            kind: ControlKind::Design,
            text: "Wristband scan before administration".into(),
            owner: "MedChart supplier".into(),
            evidence: "Test report TR-12".into(),
        },
        AdditionalControl {
            kind: ControlKind::Training,
            text: "Induction covers the banner check".into(),
            owner: String::new(),
            evidence: String::new(),
        },
    ];
    h1.initial = Assessment::new(Severity::Major, Likelihood::Low);
    h1.residual = Assessment::new(Severity::Major, Likelihood::VeryLow);
    h1.residual_justification = "Further reduction is impractical.".into();
    h1.status = HazardStatus::Open;
    h1.owner = "Dr Sarah Lindqvist".into();
    h1.actions_and_notes = "Raised at the first HAZID — “µg” units checked too.".into();
    let mut h2 = Hazard::new(
        HazardKey(2),
        "H004".into(),
        "Downtime: no access to drug charts".into(),
        time("2025-11-03T09:45:00Z"),
    );
    h2.status = HazardStatus::Withdrawn {
        reason: "Duplicate of H001".into(),
    };
    project.hazards = vec![h1, h2].into();
    project.counters = IdCounters {
        next_key: 3,
        next_hazard_number: 5,
    };
    project
}

/// What `format-1.hazlog` holds.
fn expected_format_1() -> Project {
    let mut project = Project::default();
    project.metadata.system_name = "MedChart ePMA".into();
    project.metadata.organisation = "Northbridge Hospitals NHS Foundation Trust".into();
    project.metadata.document_version = "0.2".into();
    project.counters = IdCounters {
        next_key: 6,
        next_hazard_number: 2,
    };
    let mut h = Hazard::new(
        HazardKey(3),
        "H001".into(),
        "Wrong patient selected when prescribing".into(),
        time("2025-11-03T09:30:00Z"),
    );
    h.updated = time("2025-11-04T10:00:00Z");
    h.existing_controls = vec![ExistingControl::untyped(
        "Patient banner on every screen".into(),
    )];
    h.initial = Assessment::new(Severity::Major, Likelihood::Low);
    h.additional_controls = vec![AdditionalControl {
        kind: ControlKind::Design,
        text: "Wristband scan before administration".into(),
        owner: "MedChart supplier".into(),
        evidence: String::new(),
    }];
    h.status = HazardStatus::Open;
    h.raised_in = Some(MeetingKey(2));
    project.hazards = vec![h].into();
    project.people = vec![Person {
        key: PersonKey(1),
        name: "Dr Sarah Lindqvist".into(),
        role: "Clinical Safety Officer".into(),
        organisation: String::new(),
        email: String::new(),
    }];
    project.meetings = vec![Meeting {
        key: MeetingKey(2),
        title: "HAZID 1".into(),
        kind: MeetingKind::Hazid,
        date: NaiveDate::from_ymd_opt(2025, 11, 3),
        facilitator: Some(PersonKey(1)),
        attendance: vec![Attendance {
            person: PersonKey(1),
            status: AttendanceStatus::Present,
        }],
        entries: vec![MinuteEntry {
            key: EntryKey(4),
            kind: EntryKind::Decision,
            text: "Banner check stays mandatory".into(),
            time: NaiveTime::from_hms_opt(9, 40, 0),
            hazard: None,
            about: None,
        }],
        ..Meeting::default()
    }];
    project.actions = vec![ActionItem {
        key: ActionKey(5),
        description: "Confirm wristband scanners on every ward".into(),
        owner: Some(PersonKey(1)),
        due: NaiveDate::from_ymd_opt(2025, 12, 1),
        status: ActionStatus::Open,
        raised_in: None,
        hazards: vec![HazardKey(3)],
        test_issue: false,
    }];
    project
}

/// What `format-2.hazlog` holds: every field of the v3.6 hazard model.
fn expected_format_2() -> Project {
    let mut project = Project::default();
    project.metadata.system_name = "MedChart ePMA".into();
    project.metadata.organisation = "Northbridge Hospitals NHS Foundation Trust".into();
    project.metadata.document_version = "0.3".into();
    project.counters = IdCounters {
        next_key: 4,
        next_hazard_number: 2,
    };
    let mut h = Hazard::new(
        HazardKey(3),
        "H001".into(),
        "Wrong patient selected when prescribing".into(),
        time("2025-11-03T09:30:00Z"),
    );
    h.updated = time("2025-11-04T10:00:00Z");
    h.description = "A prescriber prescribes in the record of the wrong patient.".into();
    h.effect = "Medicines are prescribed for a patient they were not meant for.".into();
    h.hazard = "The wrong patient receives a medicine.".into();
    h.harm = "Adverse drug reaction or omitted treatment.".into();
    h.causes = vec!["Similar names on one ward list".into()];
    h.date_added = NaiveDate::from_ymd_opt(2025, 11, 3);
    h.existing_controls = vec![
        ExistingControl {
            kind: ExistingControlKind::HitDesign,
            text: "Patient banner on every screen".into(),
            evidence: "Design spec DS-4".into(),
        },
        ExistingControl {
            kind: ExistingControlKind::UserTraining,
            text: "Induction covers the banner check".into(),
            evidence: String::new(),
        },
    ];
    h.initial = Assessment::new(Severity::Major, Likelihood::Low);
    h.initial_justification = "Two incidents in similar systems last year.".into();
    h.additional_controls = vec![AdditionalControl {
        kind: ControlKind::Test,
        text: "Wrong-patient scenarios in UAT".into(),
        owner: "MedChart supplier".into(),
        evidence: "Test report TR-12".into(),
    }];
    h.residual = Assessment::new(Severity::Major, Likelihood::VeryLow);
    h.residual_justification = "Further reduction is impractical.".into();
    h.status = HazardStatus::Open;
    project.hazards = vec![h].into();
    project
}

#[test]
fn every_format_has_a_fixture() {
    for version in 0..=FORMAT_VERSION {
        assert!(
            fixture(&format!("format-{version}.hazlog")).is_file(),
            "add tests/fixtures/formats/format-{version}.hazlog with its expected project"
        );
    }
}

#[test]
fn format_0_loads_through_its_migration() {
    let opened = save::open_project(&fixture("format-0.hazlog")).unwrap();
    assert_eq!(opened.project, expected_format_0());
    assert_eq!(opened.format_version, 0);
    assert_eq!(opened.app_version.as_deref(), Some("0.0.3"));
    // The migrated project has counters that never hand out a key or id in use.
    let (next_id, _) = opened.project.next_hazard_display_id();
    assert_eq!(next_id, "H005");
}

#[test]
fn format_1_loads_through_its_migration() {
    let opened = save::open_project(&fixture("format-1.hazlog")).unwrap();
    assert_eq!(opened.project, expected_format_1());
    assert_eq!(opened.format_version, 1);
    // The date a hazard was added is the day it was created.
    assert_eq!(
        opened.project.hazards[0].date_added,
        NaiveDate::from_ymd_opt(2025, 11, 3)
    );
}

#[test]
fn format_2_loads_as_is() {
    let opened = save::open_project(&fixture("format-2.hazlog")).unwrap();
    assert_eq!(opened.project, expected_format_2());
    assert_eq!(opened.format_version, 2);
    assert_eq!(opened.app_version.as_deref(), Some("0.2.0"));
}

#[test]
fn the_first_save_of_an_upgraded_file_keeps_the_old_bytes_in_a_backup() {
    use hazard_workshop::storage::backup::{BackupLocation, BackupPolicy, list_backups_in};
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("old.hazlog");
    fs::copy(fixture("format-1.hazlog"), &path).unwrap();
    let old_bytes = fs::read(&path).unwrap();
    let opened = save::open_project(&path).unwrap();
    assert!(opened.format_version < FORMAT_VERSION);
    let policy = BackupPolicy {
        location: BackupLocation::Folder(dir.path().join("backups")),
        ..BackupPolicy::default()
    };
    save::save_project(&opened.project, &path, Some(&opened.stamp), &policy).unwrap();

    let text = fs::read_to_string(&path).unwrap();
    assert!(
        text.contains(&format!("format_version: {FORMAT_VERSION}")),
        "{text}"
    );
    assert!(text.contains("ExistingControl(") && !text.contains("clinical_impact"));
    let backups = list_backups_in(&path, std::slice::from_ref(&policy.location));
    assert_eq!(backups.len(), 1);
    assert_eq!(fs::read(&backups[0].path).unwrap(), old_bytes);
    // The backup still opens, as format 1, to the same project.
    let from_backup = save::open_project(&backups[0].path).unwrap();
    assert_eq!(from_backup.format_version, 1);
    assert_eq!(from_backup.project, expected_format_1());
    assert_eq!(project_file::load(&path).unwrap(), expected_format_1());
}

#[test]
fn an_upgraded_file_saves_in_the_current_format_and_reads_back_equal() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("old.hazlog");
    fs::copy(fixture("format-0.hazlog"), &path).unwrap();
    let project = project_file::load(&path).unwrap();
    project_file::save(&project, &path).unwrap();
    let text = fs::read_to_string(&path).unwrap();
    assert!(text.contains(&format!("format_version: {FORMAT_VERSION}")));
    assert_eq!(project_file::load(&path).unwrap(), expected_format_0());
}

fn with_field(text: &str, after: &str, field: &str) -> String {
    assert!(text.contains(after), "fixture changed: {after}");
    text.replacen(after, &format!("{after}\n{field}"), 1)
}

#[test]
fn unknown_fields_are_refused_by_name_not_dropped() {
    let text = fs::read_to_string(fixture("format-2.hazlog")).unwrap();
    let text = with_field(&text, "display_id: \"H001\",", "colour: \"red\",");
    let text = with_field(&text, "system_name: \"MedChart ePMA\",", "ward: \"7B\",");
    let text = with_field(&text, "app_version: \"0.2.0\",", "signature: (by: \"x\"),");
    let err = project_file::from_text(&text, Path::new("new.hazlog")).unwrap_err();
    let LoadError::UnknownFields { fields, writer, .. } = &err else {
        panic!("expected UnknownFields, got {err}");
    };
    assert_eq!(
        fields,
        &[
            "signature",
            "project.metadata.ward",
            "project.hazards.0.colour"
        ]
    );
    assert_eq!(writer.as_deref(), Some("0.2.0"));
    let message = err.to_string();
    assert!(
        message.contains("project.hazards.0.colour") && message.contains("lose them"),
        "{message}"
    );

    // For a read-only look, the rest of the project is still there.
    let (parsed, unknown) =
        project_file::parse_ignoring_unknown_fields(&text, Path::new("new.hazlog")).unwrap();
    assert_eq!(parsed.project, expected_format_2());
    assert_eq!(unknown.len(), 3);
}

#[test]
fn unknown_fields_inside_enums_options_and_lists_are_found() {
    let text = fs::read_to_string(fixture("format-1.hazlog")).unwrap();
    let text = text.replacen(
        "status: Open,",
        "status: Withdrawn(reason: \"dup\", by: \"CSO\"),",
        1,
    );
    let text = text.replacen(
        "initial: Assessment(severity: Some(Major), likelihood: Some(Low)),",
        "initial: Assessment(severity: Some(Major), likelihood: Some(Low), score: 9),",
        1,
    );
    let text = text.replacen("next_key: 6,", "next_key: 6, next_meeting: 3,", 1);
    let text = text.replacen("status: Present)", "status: Present, signed: true)", 1);
    let err = project_file::from_text(&text, Path::new("x.hazlog")).unwrap_err();
    let LoadError::UnknownFields { fields, .. } = &err else {
        panic!("expected UnknownFields, got {err}");
    };
    let mut fields = fields.clone();
    fields.sort();
    assert_eq!(
        fields,
        [
            "project.counters.next_meeting",
            "project.hazards.0.initial.score",
            "project.hazards.0.status.by",
            "project.meetings.0.attendance.0.signed",
        ]
    );
}

#[test]
fn unknown_fields_in_an_old_format_are_refused_too() {
    let text = fs::read_to_string(fixture("format-0.hazlog")).unwrap();
    let text = with_field(&text, "id: \"H004\",", "risk_owner: \"Pharmacy\",");
    let err = project_file::from_text(&text, Path::new("old.hazlog")).unwrap_err();
    let LoadError::UnknownFields { fields, .. } = &err else {
        panic!("expected UnknownFields, got {err}");
    };
    assert_eq!(fields, &["project.hazards.1.risk_owner"]);
}

#[test]
fn an_unknown_enum_value_is_an_error_not_a_default() {
    let text = fs::read_to_string(fixture("format-2.hazlog"))
        .unwrap()
        .replacen("severity: Some(Major)", "severity: Some(Extreme)", 1);
    let err = project_file::from_text(&text, Path::new("x.hazlog")).unwrap_err();
    assert!(matches!(err, LoadError::Malformed { .. }), "{err}");
    assert!(err.to_string().contains("Extreme"), "{err}");
}

#[test]
fn a_broken_old_format_file_is_reported_with_its_position() {
    let text = fs::read_to_string(fixture("format-0.hazlog")).unwrap();
    let cut = &text[..text.find("controls: [").unwrap() + 14];
    let err = project_file::from_text(cut, Path::new("old.hazlog")).unwrap_err();
    assert!(matches!(err, LoadError::Malformed { .. }), "{err}");
    let bad_kind = text.replacen("kind: Existing", "kind: Wishful", 1);
    let err = project_file::from_text(&bad_kind, Path::new("old.hazlog")).unwrap_err();
    assert!(matches!(err, LoadError::Upgrade { from: 0, .. }), "{err}");
    assert!(err.to_string().contains("Wishful"), "{err}");
}

// ---- Hostile input -------------------------------------------------------------------------

/// Runs `f` on a thread with the standard 2 MiB stack, like the app's file threads: a stack
/// overflow there would abort the app.
fn on_worker_thread<T: Send + 'static>(f: impl FnOnce() -> T + Send + 'static) -> T {
    std::thread::Builder::new()
        .stack_size(2 * 1024 * 1024)
        .spawn(f)
        .unwrap()
        .join()
        .unwrap()
}

#[test]
fn deep_nesting_is_an_error_not_a_stack_overflow() {
    for version in 0..=FORMAT_VERSION {
        for (open, close) in [("[", "]"), ("(", ")"), ("Some(", ")"), ("{\"a\":", "}")] {
            let depth = 50_000;
            let text = format!(
                "HazardWorkshopProject(format_version: {version}, app_version: \"1\", extra: {}1{}, project: Project(hazard_id_prefix: \"H\", hazard_id_digits: 3))",
                open.repeat(depth),
                close.repeat(depth)
            );
            let err = on_worker_thread(move || {
                project_file::from_text(&text, Path::new("deep.hazlog")).unwrap_err()
            });
            assert!(
                matches!(err, LoadError::Malformed { .. }),
                "{version} {open}: {err}"
            );
            // In the user's terms, not advice for the programmer.
            let message = err.to_string();
            assert!(message.contains("nested"), "{message}");
            for jargon in ["recursion_limit", "serde_stacker", "ron::"] {
                assert!(!message.contains(jargon), "{message}");
            }
        }
    }
}

#[test]
fn a_huge_file_is_refused_before_reading() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("huge.hazlog");
    let file = fs::File::create(&path).unwrap();
    // Sparse: takes no disk space, and would take 300 MB of memory to read. (How long the
    // refusal takes belongs in a benchmark, not here.)
    file.set_len(300 * 1024 * 1024).unwrap();
    drop(file);
    let err = project_file::load(&path).unwrap_err();
    assert!(matches!(err, LoadError::TooLarge { .. }), "{err}");
    assert!(err.to_string().contains("300 MB"), "{err}");
    assert!(matches!(
        save::open_project(&path),
        Err(LoadError::TooLarge { .. })
    ));
}

#[test]
fn a_folder_is_not_opened_as_a_file() {
    let dir = tempfile::tempdir().unwrap();
    let err = project_file::load(dir.path()).unwrap_err();
    assert!(matches!(err, LoadError::Io { .. }), "{err}");
}

#[test]
fn ten_megabytes_of_long_escaped_text_fields_load() {
    // Each field just under the per-field limit (storage::integrity::MAX_TEXT_BYTES), full of
    // characters the file format escapes; eleven of them make a file over 10 MB.
    let field = "µ—\"\\\n".repeat(120_000);
    assert!(field.len() < hazard_workshop::storage::integrity::MAX_TEXT_BYTES);
    let mut project = Project::default();
    for key in 1..=11 {
        let mut hazard = Hazard::new(
            HazardKey(key),
            format!("H{key:03}"),
            "Big".into(),
            DateTime::UNIX_EPOCH,
        );
        hazard.description = field.clone();
        project.hazards.push(hazard);
    }
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("big.hazlog");
    project_file::save(&project, &path).unwrap();
    assert!(fs::metadata(&path).unwrap().len() > 10 * 1024 * 1024);
    let loaded = on_worker_thread(move || project_file::load(&path).unwrap());
    assert_eq!(loaded, project);
}

#[test]
fn garbage_and_cut_files_are_errors_never_panics() {
    let text = fs::read_to_string(fixture("format-1.hazlog")).unwrap();
    let old = fs::read_to_string(fixture("format-0.hazlog")).unwrap();
    let new = fs::read_to_string(fixture("format-2.hazlog")).unwrap();
    for source in [&text, &old, &new] {
        // Anything short of the closing bracket is incomplete.
        for cut in (0..source.trim_end().len()).filter(|i| source.is_char_boundary(*i)) {
            let result = project_file::from_text(&source[..cut], Path::new("cut.hazlog"));
            assert!(result.is_err(), "a file cut at byte {cut} must not load");
        }
    }
    for garbage in [
        &b"\x00\x00\x00"[..],
        b"\xef\xbb\xbf",
        b"HazardWorkshopProject(",
        b"HazardWorkshopProject(format_version: 18446744073709551616)",
        b"HazardWorkshopProject(format_version: -1)",
        b"HazardWorkshopProject(format_version: 0)",
        b"HazardWorkshopProject(format_version: 0, project: 5)",
        b"HazardWorkshopProject(format_version: 0, project: Project(hazards: 5))",
        b"HazardWorkshopProject(format_version: 0, project: Project(hazards: [5]))",
        b"HazardWorkshopProject(format_version: 0, project: Project(hazards: [Hazard(id: 5)]))",
        b"HazardWorkshopProject(format_version: 0, project: Project(hazards: [Hazard(id: \"H1\", controls: [1])]))",
        b"/* unclosed",
        b"r#\"",
    ] {
        if let Ok(text) = std::str::from_utf8(garbage) {
            assert!(project_file::from_text(text, Path::new("g.hazlog")).is_err());
        }
    }
}
