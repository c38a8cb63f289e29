//! The project file: round trip, and every kind of bad file rejected with its message and the
//! file left untouched.

use std::fs;
use std::path::Path;

use chrono::{DateTime, NaiveDate, NaiveTime, TimeZone, Utc};
use hazard_workshop::domain::*;
use hazard_workshop::storage::project_file::{self, LoadError};

fn at(seconds: i64) -> DateTime<Utc> {
    Utc.timestamp_opt(1_760_000_000 + seconds, 0).unwrap()
}

/// A project that uses every kind of field, including awkward text.
fn full_project() -> Project {
    let mut project = Project::default();
    project.metadata.system_name = "ePMA \"Prescribe\"".into();
    project.metadata.document_status = DocumentStatus::Approved;
    project.metadata.version_history.push(VersionHistoryLine {
        version: "0.1".into(),
        date: "18.01.2018".into(),
        amendment: "First draft issued following HAZID workshop".into(),
    });
    project.metadata.reviewers.push(SignOff {
        name: "A Reviewer".into(),
        title: "CSO".into(),
        date: "2026-01-02".into(),
        version: "0.1".into(),
    });
    project.people.push(Person {
        key: PersonKey(2),
        name: "Dr Ada Example".into(),
        role: "CCIO".into(),
        organisation: "Example Trust".into(),
        email: String::new(),
    });
    project.meetings.push(Meeting {
        key: MeetingKey(3),
        title: "HAZID 1".into(),
        kind: MeetingKind::Hazid,
        date: NaiveDate::from_ymd_opt(2026, 3, 4),
        start: NaiveTime::from_hms_opt(9, 30, 0),
        end: NaiveTime::from_hms_opt(11, 0, 0),
        location: "Room 1 / https://example.invalid/call".into(),
        scope: "Prescribing v2.1".into(),
        agenda: vec!["Prescribing".into()],
        facilitator: Some(PersonKey(2)),
        note_taker: None,
        attendance: vec![Attendance {
            person: PersonKey(2),
            status: AttendanceStatus::Apologies,
        }],
        entries: vec![MinuteEntry {
            key: EntryKey(4),
            kind: EntryKind::NotAHazard,
            text: "Printer jams: not a hazard because a paper copy is never the record".into(),
            time: NaiveTime::from_hms_opt(9, 45, 0),
            hazard: None,
            about: None,
        }],
        hazards_discussed: vec![HazardKey(1)],
        queue: vec![AgendaItem {
            target: AgendaTarget::Hazard(HazardKey(1)),
            reviewed: true,
        }],
    });
    let mut hazard = Hazard::new(HazardKey(1), "H001".into(), "Wrong patient".into(), at(0));
    hazard.description = "Line one\nLine two, with \"quotes\", commas and unicode: µg — ✓".into();
    hazard.causes = vec!["1) Similar names".into(), "=SUM(A1)".into()];
    hazard.existing_controls = vec![ExistingControl {
        kind: ExistingControlKind::UserTraining,
        text: "NHS number shown".into(),
        evidence: "Training log 4".into(),
    }];
    hazard.effect = "Medicines given to the wrong patient".into();
    hazard.hazard = "Wrong drug administered".into();
    hazard.harm = "Adverse drug reaction".into();
    hazard.initial_justification = "Seen twice last year".into();
    hazard.residual_justification = "ALARP".into();
    hazard.initial = Assessment::new(Severity::Major, Likelihood::Medium);
    hazard.additional_controls.push(AdditionalControl {
        kind: ControlKind::BusinessProcessChange,
        text: "Two-person check".into(),
        owner: "Ward manager".into(),
        evidence: "SOP 12".into(),
    });
    hazard.residual = Assessment {
        severity: Some(Severity::Major),
        likelihood: None,
    };
    hazard.status = HazardStatus::Withdrawn {
        reason: "Merged into H002".into(),
    };
    hazard.updated = at(60);
    hazard.raised_in = Some(MeetingKey(3));
    hazard.extra_fields.push(ExtraField {
        label: "Links to documentation".into(),
        value: "https://example.invalid".into(),
    });
    project.hazards.push(hazard);
    project.actions.push(ActionItem {
        key: ActionKey(5),
        description: "Confirm downtime process".into(),
        owner: Some(PersonKey(2)),
        due: NaiveDate::from_ymd_opt(2026, 4, 1),
        status: ActionStatus::Open,
        raised_in: Some(MeetingKey(3)),
        hazards: vec![HazardKey(1)],
        test_issue: false,
    });
    project.counters = IdCounters {
        next_key: 6,
        next_hazard_number: 2,
    };
    project
}

#[test]
fn round_trip_gives_an_equal_project() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("log.hazlog");
    let project = full_project();
    project_file::save(&project, &path).unwrap();
    let loaded = project_file::load(&path).unwrap();
    assert_eq!(loaded, project);
    // Saving leaves no temporary file behind.
    let names: Vec<_> = fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    assert_eq!(names, ["log.hazlog"]);
}

#[test]
fn saving_over_an_existing_file_replaces_it() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("log.hazlog");
    project_file::save(&Project::default(), &path).unwrap();
    let project = full_project();
    project_file::save(&project, &path).unwrap();
    assert_eq!(project_file::load(&path).unwrap(), project);
}

#[test]
fn the_bundled_example_loads() {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("assets/example-workshop.hazlog");
    let project = project_file::load(&path).unwrap();
    assert!(project.hazards.len() >= 12, "about 15 hazards");
    assert_eq!(project.meetings.len(), 2);
    let statuses: Vec<StatusKind> = project.hazards.iter().map(|h| h.status.kind()).collect();
    for kind in [
        StatusKind::NewForTriage,
        StatusKind::Open,
        StatusKind::Transferred,
        StatusKind::Closed,
    ] {
        assert!(
            statuses.contains(&kind),
            "the example has a {kind:?} hazard"
        );
    }
    assert!(project.hazards.iter().any(|h| h.initial.is_unscored()));
    assert!(
        project
            .hazards
            .iter()
            .any(|h| !h.additional_controls.is_empty()
                && h.residual_rating(&project.matrix).is_some())
    );
    assert!(
        project
            .meetings
            .iter()
            .all(|m| !m.attendance.is_empty() && !m.entries.is_empty())
    );
    // Every reference inside it points at something that exists.
    for hazard in &project.hazards {
        if let Some(meeting) = hazard.raised_in {
            assert!(
                project.meeting(meeting).is_some(),
                "{} raised in a missing meeting",
                hazard.display_id
            );
        }
    }
    for meeting in &project.meetings {
        for a in &meeting.attendance {
            assert!(project.person(a.person).is_some());
        }
    }
    let (next_id, _) = project.next_hazard_display_id();
    assert!(project.hazard_by_display_id(&next_id).is_none());
    let max_key = project.hazards.iter().map(|h| h.key.0).max().unwrap();
    assert!(
        project.counters.next_key > max_key,
        "counters are ahead of the keys in use"
    );
}

/// Writes `content` to a file, tries to open it, and checks the error and that the file is
/// byte-for-byte unchanged.
fn rejected(content: &[u8]) -> LoadError {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("bad.hazlog");
    fs::write(&path, content).unwrap();
    let err = project_file::load(&path).expect_err("a bad file must not load");
    assert_eq!(
        fs::read(&path).unwrap(),
        content,
        "the file is left as it was"
    );
    assert!(
        err.to_string().contains("bad.hazlog"),
        "the message names the file: {err}"
    );
    err
}

#[test]
fn an_empty_file_is_rejected() {
    let err = rejected(b"");
    assert!(matches!(err, LoadError::Empty { .. }), "{err}");
    assert!(matches!(rejected(b"  \n"), LoadError::Empty { .. }));
}

#[test]
fn a_binary_file_is_not_a_hazard_log() {
    let err = rejected(&[0x50, 0x4b, 0x03, 0x04, 0xff, 0xfe, 0x00, 0x12]);
    assert!(matches!(err, LoadError::NotAHazardLog { .. }), "{err}");
    assert!(err.to_string().contains("binary"), "{err}");
}

#[test]
fn one_bad_byte_in_a_project_file_is_damage_at_its_place_not_a_binary_file() {
    let mut bytes = project_file::to_text(&full_project()).into_bytes();
    let at = bytes.iter().position(|&b| b == b'\n').unwrap() + 60;
    let line = bytes[..at].iter().filter(|&&b| b == b'\n').count() + 1;
    bytes[at] = 0xff;
    let err = rejected(&bytes);
    let LoadError::Malformed {
        line: found_line, ..
    } = &err
    else {
        panic!("expected Malformed, got {err}");
    };
    assert_eq!(*found_line, line);
    let message = err.to_string();
    assert!(!message.contains("binary"), "{message}");
    assert!(
        message.contains("0xFF") && message.contains("UTF-8"),
        "{message}"
    );
}

#[test]
fn two_hazards_with_one_internal_key_are_refused_naming_both() {
    let mut project = full_project();
    let mut twin = project.hazards[0].clone();
    twin.display_id = "H999".into();
    twin.name = "The twin".into();
    project.hazards.push(twin);
    let err = rejected(project_file::to_text(&project).as_bytes());
    assert!(matches!(err, LoadError::DuplicateKeys { .. }), "{err}");
    let message = err.to_string();
    assert!(message.contains("H999 “The twin”"), "{message}");
    assert!(message.contains("wrong item"), "{message}");
}

#[test]
fn a_text_too_long_to_edit_is_refused_naming_it_and_the_limit() {
    let mut project = full_project();
    project.hazards[0].description = "a very long description ".repeat(100_000);
    let err = rejected(project_file::to_text(&project).as_bytes());
    assert!(matches!(err, LoadError::TextTooLong { .. }), "{err}");
    let message = err.to_string();
    assert!(message.contains("H001 description: 2.4 MB"), "{message}");
    assert!(message.contains("1 MB in one field"), "{message}");
}

#[test]
fn two_hazards_with_one_display_id_open_with_a_warning() {
    let mut project = full_project();
    let mut twin = project.hazards[0].clone();
    twin.key = HazardKey(9_999);
    twin.name = "The twin".into();
    project.hazards.push(twin);
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("log.hazlog");
    project_file::save(&project, &path).unwrap();
    let opened = hazard_workshop::storage::save::open_project(&path).unwrap();
    assert_eq!(opened.project, project, "opened as it is");
    assert_eq!(opened.warnings.len(), 1, "{:?}", opened.warnings);
    assert!(
        opened.warnings[0].contains(&project.hazards[0].display_id),
        "{:?}",
        opened.warnings
    );
}

#[test]
fn some_other_text_file_is_not_a_hazard_log() {
    let err = rejected(b"{\"name\": \"a JSON file\"}");
    assert!(matches!(err, LoadError::NotAHazardLog { .. }), "{err}");
    let err = rejected(b"Hazard Number,Hazard Name\n1,Wrong patient\n");
    assert!(matches!(err, LoadError::NotAHazardLog { .. }), "{err}");
}

#[test]
fn a_truncated_file_is_reported_with_line_and_column() {
    let text = project_file::to_text(&full_project());
    let cut = &text[..text.len() * 2 / 3];
    let err = rejected(cut.as_bytes());
    let LoadError::Malformed { line, column, .. } = &err else {
        panic!("expected Malformed, got {err}");
    };
    assert!(*line > 1 && *column >= 1, "{err}");
    let message = err.to_string();
    assert!(
        message.contains(&format!("line {line}, column {column}")),
        "{message}"
    );
}

#[test]
fn a_malformed_field_is_reported_with_its_position() {
    let text = project_file::to_text(&full_project()).replacen(
        "hazard_id_digits: 3",
        "hazard_id_digits: \"three\"",
        1,
    );
    let err = rejected(text.as_bytes());
    let LoadError::Malformed { line, .. } = err else {
        panic!("expected Malformed, got {err}");
    };
    let expected_line = text.lines().position(|l| l.contains("\"three\"")).unwrap() + 1;
    assert_eq!(line, expected_line);
}

#[test]
fn a_newer_format_version_is_refused_with_the_version_needed() {
    let current = format!("format_version: {},", project_file::FORMAT_VERSION);
    let text = project_file::to_text(&full_project());
    assert!(text.contains(&current), "{text}");
    let text = text.replacen(&current, "format_version: 99,", 1).replacen(
        "app_version: \"0.1.0\"",
        "app_version: \"7.2.0\"",
        1,
    );
    let err = rejected(text.as_bytes());
    assert!(
        matches!(err, LoadError::NewerVersion { found: 99, .. }),
        "{err}"
    );
    assert!(err.to_string().contains("Hazard Workshop 7.2.0"), "{err}");
}

/// The format is read from the header lines as the app writes them; a file laid out otherwise
/// (written by hand or another tool) is read in full and must give the same answers.
#[test]
fn a_header_laid_out_otherwise_is_read_the_same() {
    let project = full_project();
    let text = project_file::to_text(&project);
    let header = format!(
        "HazardWorkshopProject(\n  format_version: {},\n",
        project_file::FORMAT_VERSION
    );
    assert!(text.contains(&header), "{text}");
    let one_line = format!(
        "HazardWorkshopProject(format_version: {}, ",
        project_file::FORMAT_VERSION
    );
    let compact = text.replacen(&header, &one_line, 1);
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("compact.hazlog");
    std::fs::write(&path, &compact).unwrap();
    let opened = project_file::load(&path).unwrap();
    assert_eq!(opened.hazards, project.hazards);
    assert_eq!(opened.meetings, project.meetings);

    let newer = compact.replacen(&one_line, "HazardWorkshopProject(format_version: 99, ", 1);
    let err = rejected(newer.as_bytes());
    assert!(
        matches!(err, LoadError::NewerVersion { found: 99, .. }),
        "{err}"
    );
}

#[test]
fn a_missing_file_is_an_io_error_naming_it() {
    let err = project_file::load(Path::new("/nonexistent/folder/log.hazlog")).unwrap_err();
    assert!(matches!(err, LoadError::Io { .. }));
    assert!(err.to_string().contains("log.hazlog"));
}

#[test]
fn a_failed_save_leaves_the_old_file_intact() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("log.hazlog");
    project_file::save(&full_project(), &path).unwrap();
    let before = fs::read(&path).unwrap();
    // A path inside a "folder" that is really a file cannot be written.
    let impossible = path.join("inside.hazlog");
    let err = project_file::save(&Project::default(), &impossible).unwrap_err();
    assert!(err.to_string().contains("inside.hazlog"));
    assert_eq!(fs::read(&path).unwrap(), before);
}
