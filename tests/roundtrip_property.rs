//! Property: whatever a project holds (any Unicode text, control characters, empty and odd
//! values, every enum variant), saving and loading it gives back an equal project, through the
//! project file and through the recovery journal alike.

use std::path::Path;

use chrono::{DateTime, NaiveDate, NaiveTime, Utc};
use hazard_workshop::domain::*;
use hazard_workshop::storage::backup::BackupPolicy;
use hazard_workshop::storage::project_file;
use hazard_workshop::storage::recovery::{JournalId, JournalMeta, RecoveryStore};
use hazard_workshop::storage::save;
use proptest::prelude::*;

/// Any text: every Unicode scalar value may appear, including quotes, backslashes, newlines,
/// NUL and other control characters, and right-to-left or combining marks.
fn text() -> impl Strategy<Value = String> {
    prop_oneof![
        3 => proptest::collection::vec(any::<char>(), 0..24).prop_map(|c| c.into_iter().collect()),
        1 => "[ -~]{0,12}",
        1 => Just(String::new()),
        1 => prop::sample::select(vec![
            "\"".to_owned(), "\\".to_owned(), "\n\r\t".to_owned(), "\u{0}".to_owned(),
            "r#\"x\"#".to_owned(), "*/ /* //".to_owned(), "µg — ✓ 😀".to_owned(),
            "\u{202e}rtl".to_owned(), "e\u{301}".to_owned(), "\u{feff}".to_owned(),
        ]),
    ]
}

fn texts() -> impl Strategy<Value = Vec<String>> {
    proptest::collection::vec(text(), 0..4)
}

fn utc() -> impl Strategy<Value = DateTime<Utc>> {
    (-2_000_000_000i64..4_000_000_000, 0u32..1_000_000_000)
        .prop_map(|(s, n)| DateTime::from_timestamp(s, n).unwrap())
}

fn date() -> impl Strategy<Value = Option<NaiveDate>> {
    proptest::option::of(
        (-100_000i64..100_000)
            .prop_map(|d| NaiveDate::from_ymd_opt(2000, 1, 1).unwrap() + chrono::Duration::days(d)),
    )
}

fn clock() -> impl Strategy<Value = Option<NaiveTime>> {
    proptest::option::of(
        (0u32..86_400, 0u32..1_000_000_000)
            .prop_map(|(s, n)| NaiveTime::from_num_seconds_from_midnight_opt(s, n).unwrap()),
    )
}

fn key() -> impl Strategy<Value = u64> {
    prop_oneof![0u64..100, any::<u64>()]
}

fn assessment() -> impl Strategy<Value = Assessment> {
    (
        proptest::option::of(prop::sample::select(Severity::ALL.to_vec())),
        proptest::option::of(prop::sample::select(Likelihood::ALL.to_vec())),
    )
        .prop_map(|(severity, likelihood)| Assessment {
            severity,
            likelihood,
        })
}

fn status() -> impl Strategy<Value = HazardStatus> {
    prop_oneof![
        Just(HazardStatus::NewForTriage),
        Just(HazardStatus::Open),
        Just(HazardStatus::Transferred),
        Just(HazardStatus::Closed),
        text().prop_map(|reason| HazardStatus::Withdrawn { reason }),
    ]
}

fn existing_controls() -> impl Strategy<Value = Vec<ExistingControl>> {
    proptest::collection::vec(
        (
            prop::sample::select(ExistingControlKind::ALL.to_vec()),
            text(),
            text(),
        )
            .prop_map(|(kind, text, evidence)| ExistingControl {
                kind,
                text,
                evidence,
            }),
        0..3,
    )
}

fn hazard() -> impl Strategy<Value = Hazard> {
    (
        (
            key(),
            text(),
            text(),
            text(),
            text(),
            texts(),
            existing_controls(),
        ),
        (
            assessment(),
            proptest::collection::vec(
                (
                    prop::sample::select(ControlKind::ALL.to_vec()),
                    text(),
                    text(),
                    text(),
                )
                    .prop_map(|(kind, text, owner, evidence)| AdditionalControl {
                        kind,
                        text,
                        owner,
                        evidence,
                    }),
                0..3,
            ),
            assessment(),
            text(),
            status(),
            text(),
            text(),
        ),
        (
            utc(),
            utc(),
            proptest::option::of(key().prop_map(MeetingKey)),
            proptest::collection::vec(
                (text(), text()).prop_map(|(label, value)| ExtraField { label, value }),
                0..3,
            ),
        ),
        (
            text(),
            text(),
            date(),
            text(),
            proptest::option::of(status()),
        ),
    )
        .prop_map(
            |(
                (key, display_id, name, description, harm, causes, existing_controls),
                (initial, additional_controls, residual, rationale, status, owner, notes),
                (created, updated, raised_in, extra_fields),
                (effect, hazard, date_added, initial_justification, before_withdrawal),
            )| Hazard {
                key: HazardKey(key),
                display_id,
                name,
                description,
                effect,
                hazard,
                harm,
                causes,
                date_added,
                existing_controls,
                initial,
                initial_justification,
                additional_controls,
                residual,
                residual_justification: rationale,
                status,
                owner,
                actions_and_notes: notes,
                created,
                updated,
                raised_in,
                extra_fields,
                status_before_withdrawal: before_withdrawal,
            },
        )
}

fn person() -> impl Strategy<Value = Person> {
    (key(), text(), text(), text(), text()).prop_map(|(key, name, role, organisation, email)| {
        Person {
            key: PersonKey(key),
            name,
            role,
            organisation,
            email,
        }
    })
}

fn meeting() -> impl Strategy<Value = Meeting> {
    (
        (
            key(),
            text(),
            prop::sample::select(MeetingKind::ALL.to_vec()),
            date(),
            clock(),
            clock(),
            text(),
            text(),
        ),
        (
            texts(),
            proptest::option::of(key().prop_map(PersonKey)),
            proptest::option::of(key().prop_map(PersonKey)),
            proptest::collection::vec(
                (key(), prop::sample::select(AttendanceStatus::ALL.to_vec())).prop_map(
                    |(k, status)| Attendance {
                        person: PersonKey(k),
                        status,
                    },
                ),
                0..3,
            ),
            proptest::collection::vec(
                (
                    key(),
                    prop::sample::select(EntryKind::ALL.to_vec()),
                    text(),
                    clock(),
                    proptest::option::of(key().prop_map(HazardKey)),
                )
                    .prop_map(|(k, kind, text, time, hazard)| MinuteEntry {
                        key: EntryKey(k),
                        kind,
                        text,
                        time,
                        hazard,
                        about: None,
                    }),
                0..3,
            ),
            proptest::collection::vec(key().prop_map(HazardKey), 0..3),
        ),
    )
        .prop_map(
            |(
                (key, title, kind, date, start, end, location, scope),
                (agenda, facilitator, note_taker, attendance, entries, hazards_discussed),
            )| Meeting {
                key: MeetingKey(key),
                title,
                kind,
                date,
                start,
                end,
                location,
                scope,
                agenda,
                facilitator,
                note_taker,
                attendance,
                entries,
                hazards_discussed,
                queue: Vec::new(),
            },
        )
}

fn action() -> impl Strategy<Value = ActionItem> {
    (
        key(),
        text(),
        proptest::option::of(key().prop_map(PersonKey)),
        date(),
        prop::sample::select(vec![
            ActionStatus::Open,
            ActionStatus::Done,
            ActionStatus::Cancelled,
        ]),
        proptest::option::of(key().prop_map(MeetingKey)),
        proptest::collection::vec(key().prop_map(HazardKey), 0..3),
    )
        .prop_map(
            |(key, description, owner, due, status, raised_in, hazards)| ActionItem {
                key: ActionKey(key),
                description,
                owner,
                due,
                status,
                raised_in,
                hazards,
                test_issue: false,
            },
        )
}

fn sign_off() -> impl Strategy<Value = SignOff> {
    (text(), text(), text(), text()).prop_map(|(name, title, date, version)| SignOff {
        name,
        title,
        date,
        version,
    })
}

fn metadata() -> impl Strategy<Value = ProjectMetadata> {
    (
        proptest::collection::vec(text(), 15),
        prop::sample::select(DocumentStatus::ALL.to_vec()),
        proptest::collection::vec(
            (text(), text(), text()).prop_map(|(version, date, amendment)| VersionHistoryLine {
                version,
                date,
                amendment,
            }),
            0..3,
        ),
        proptest::collection::vec(sign_off(), 0..2),
        proptest::collection::vec(sign_off(), 0..2),
    )
        .prop_map(
            |(t, document_status, version_history, reviewers, approvers)| {
                let mut t = t.into_iter();
                let mut next = || t.next().unwrap();
                ProjectMetadata {
                    system_name: next(),
                    system_version: next(),
                    organisation: next(),
                    document_title: next(),
                    document_id: next(),
                    programme: next(),
                    project: next(),
                    programme_director: next(),
                    owner: next(),
                    author: next(),
                    clinical_safety_officer: next(),
                    document_status,
                    document_version: next(),
                    version_date: next(),
                    document_purpose: next(),
                    version_history,
                    reviewers,
                    approvers,
                    // Not in the spreadsheets; its own round trip is in tests/safety_case.rs.
                    safety_case: Default::default(),
                    kept_sheets: Vec::new(),
                }
            },
        )
}

fn matrix() -> impl Strategy<Value = RiskMatrix> {
    prop_oneof![
        Just(RiskMatrix::dcb0129()),
        (text(), proptest::collection::vec(1u8..=5, 25)).prop_map(|(name, values)| {
            let mut ratings = RiskMatrix::dcb0129().ratings;
            for (i, v) in values.into_iter().enumerate() {
                ratings[i / 5][i % 5] = RiskRating::new(v).unwrap();
            }
            RiskMatrix { name, ratings }
        }),
    ]
}

fn project() -> impl Strategy<Value = Project> {
    (
        metadata(),
        matrix(),
        text(),
        any::<u8>(),
        (any::<u64>(), any::<u32>()),
        proptest::collection::vec(hazard(), 0..5),
        proptest::collection::vec(person(), 0..3),
        proptest::collection::vec(meeting(), 0..3),
        proptest::collection::vec(action(), 0..3),
    )
        .prop_map(
            |(
                metadata,
                matrix,
                hazard_id_prefix,
                hazard_id_digits,
                (next_key, next_hazard_number),
                hazards,
                people,
                meetings,
                actions,
            )| Project {
                metadata,
                matrix,
                hazard_id_prefix,
                hazard_id_digits,
                counters: IdCounters {
                    next_key,
                    next_hazard_number,
                },
                // A running meeting, when there are meetings: the field round-trips too.
                current_meeting: meetings.first().map(|m| m.key),
                hazards: hazards.into(),
                people,
                meetings,
                actions,
                // Baselines, history and check settings have their own round-trip tests
                // (tests/versions.rs, domain::history).
                ..Project::default()
            },
        )
        // A file whose items share an internal key is refused on opening (clicks would land on
        // the wrong item), so it is not a project that round-trips.
        .prop_filter("internal keys are unique within each kind", |project| {
            hazard_workshop::storage::integrity::duplicate_keys(project).is_empty()
        })
}

proptest! {
    #![proptest_config(ProptestConfig {
        cases: std::env::var("PROPTEST_CASES").ok().and_then(|v| v.parse().ok()).unwrap_or(128),
        ..ProptestConfig::default()
    })]

    #[test]
    fn text_round_trip(project in project()) {
        let text = project_file::to_text(&project);
        let back = project_file::from_text(&text, Path::new("p.hazlog"));
        prop_assert_eq!(back.as_ref().ok(), Some(&project), "{:?}", back.as_ref().err());
    }

    #[test]
    fn save_and_open_round_trip(project in project()) {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("p.hazlog");
        let stamp = save::save_project(&project, &path, None, &BackupPolicy::none()).unwrap();
        let opened = save::open_project(&path).unwrap();
        prop_assert_eq!(&opened.project, &project);
        prop_assert!(opened.stamp.same_content(&stamp));
    }

    #[test]
    fn journal_round_trip(project in project(), name in text(), changed in utc()) {
        let dir = tempfile::tempdir().unwrap();
        let meta = JournalMeta::new(Some(dir.path().join(format!("{name}.hazlog").replace(['/', '\0'], "_"))), name, changed);
        {
            let writer = RecoveryStore::new(dir.path().to_path_buf()).unwrap();
            writer.write_journal(&JournalId::untitled(), &meta, &project).unwrap();
        }
        let store = RecoveryStore::new(dir.path().to_path_buf()).unwrap();
        let pending = store.pending();
        prop_assert_eq!(pending.len(), 1);
        prop_assert_eq!(pending[0].meta.as_ref(), Some(&meta));
        prop_assert_eq!(store.restore(&pending[0]).unwrap(), project);
    }
}
