//! Property: the technique records (scope, steps, chosen and user decks, coverage with its
//! marks, reasons and stamps, family reasons, meetings' steps, provenance) survive saving and
//! loading the project file unchanged, whatever text they hold; and coverage recorded through
//! the edit path reads back with the same grid and closing sweep, from the project file and from
//! our own spreadsheet exports (both layouts) through their Coverage sheet.

use chrono::{DateTime, Utc};
use hazard_workshop::domain::technique::*;
use hazard_workshop::domain::*;
use hazard_workshop::edit::{Document, meeting_ops, technique_ops};
use hazard_workshop::storage::project_file;
use proptest::prelude::*;

fn text() -> impl Strategy<Value = String> {
    prop_oneof![
        3 => proptest::collection::vec(any::<char>(), 0..20).prop_map(|c| c.into_iter().collect()),
        1 => "[ -~]{0,12}",
        1 => prop::sample::select(vec![
            String::new(), "\"".to_owned(), "\\".to_owned(), "\n\r\t".to_owned(),
            "\u{0}".to_owned(), "r#\"x\"#".to_owned(), "µg — ✓ 😀".to_owned(), "\u{feff}".to_owned(),
        ]),
    ]
}

fn utc() -> impl Strategy<Value = DateTime<Utc>> {
    (-2_000_000_000i64..4_000_000_000, 0u32..1_000_000_000)
        .prop_map(|(s, n)| DateTime::from_timestamp(s, n).unwrap())
}

fn key() -> impl Strategy<Value = u64> {
    prop_oneof![0u64..20, any::<u64>()]
}

fn stamp() -> impl Strategy<Value = Stamp> {
    (text(), utc(), proptest::option::of(key())).prop_map(|(by, at, meeting)| Stamp {
        by,
        at,
        meeting: meeting.map(MeetingKey),
    })
}

fn mark() -> impl Strategy<Value = Option<CellMark>> {
    proptest::option::of(prop_oneof![
        text().prop_map(|reason| CellMark::NoCredibleHazard { reason }),
        text().prop_map(|note| CellMark::Parked { note }),
        text().prop_map(|reason| CellMark::NotApplicable { reason }),
    ])
}

fn prompt() -> impl Strategy<Value = Prompt> {
    (text(), text(), text(), text(), any::<bool>(), any::<bool>()).prop_map(
        |(id, question, hint, source, hidden, user_written)| Prompt {
            id: PromptId(id),
            question,
            hint,
            source,
            hidden,
            user_written,
        },
    )
}

fn user_deck() -> impl Strategy<Value = Deck> {
    (
        (text(), text(), text(), text()),
        proptest::collection::vec(
            (text(), text(), proptest::collection::vec(prompt(), 0..4)),
            0..3,
        ),
        any::<bool>(),
        any::<bool>(),
    )
        .prop_map(
            |((id, name, source, licence), families, chosen, user_written)| Deck {
                id: DeckId(id),
                name,
                source,
                licence,
                families: families
                    .into_iter()
                    .map(|(id, name, prompts)| Family {
                        id: FamilyId(id),
                        name,
                        prompts,
                    })
                    .collect(),
                chosen,
                user_written,
            },
        )
}

fn deck() -> impl Strategy<Value = Deck> {
    prop_oneof![
        prop::sample::select(shipped::shipped_decks().to_vec()),
        user_deck(),
    ]
}

fn cell() -> impl Strategy<Value = CellRecord> {
    (
        key(),
        text(),
        proptest::collection::vec(key(), 0..3),
        mark(),
        stamp(),
    )
        .prop_map(|(step, prompt, hazards, mark, stamp)| CellRecord {
            step: StepKey(step),
            prompt: PromptId(prompt),
            hazards: hazards.into_iter().map(HazardKey).collect(),
            mark,
            stamp,
        })
}

fn origin() -> impl Strategy<Value = Origin> {
    prop_oneof![
        (text(), text(), text()).prop_map(|(item, name, source)| Origin::Library {
            item,
            name,
            source
        }),
        (text(), text(), text(), any::<u64>()).prop_map(|(project, file, display_id, key)| {
            Origin::Project {
                project,
                file,
                display_id,
                key,
            }
        }),
    ]
}

fn provenance() -> impl Strategy<Value = Provenance> {
    (
        key(),
        origin(),
        utc(),
        proptest::collection::vec(
            (prop::sample::select(ControlKind::ALL.to_vec()), text()),
            0..3,
        ),
    )
        .prop_map(|(hazard, origin, added, suggestions)| Provenance {
            hazard: HazardKey(hazard),
            origin,
            added,
            suggested_controls: suggestions
                .into_iter()
                .map(|(kind, text)| SuggestedControl { kind, text })
                .collect(),
        })
}

fn technique() -> impl Strategy<Value = Technique> {
    (
        text(),
        proptest::collection::vec((key(), text(), text(), any::<bool>()), 0..5),
        proptest::collection::vec(deck(), 0..3),
        proptest::collection::vec(cell(), 0..8),
        proptest::collection::vec((text(), text(), text(), stamp()), 0..3),
        proptest::collection::vec((key(), proptest::collection::vec(key(), 0..4)), 0..3),
        proptest::collection::vec(provenance(), 0..3),
    )
        .prop_map(
            |(statement, steps, decks, coverage, reasons, meeting_steps, provenance)| Technique {
                scope: Scope { statement },
                steps: steps
                    .into_iter()
                    .map(|(key, name, description, retired)| Step {
                        key: StepKey(key),
                        name,
                        description,
                        retired,
                    })
                    .collect(),
                decks,
                coverage,
                family_reasons: reasons
                    .into_iter()
                    .map(|(deck, family, reason, stamp)| FamilyReason {
                        deck: DeckId(deck),
                        family: FamilyId(family),
                        reason,
                        stamp,
                    })
                    .collect(),
                meeting_steps: meeting_steps
                    .into_iter()
                    .map(|(meeting, steps)| MeetingSteps {
                        meeting: MeetingKey(meeting),
                        steps: steps.into_iter().map(StepKey).collect(),
                    })
                    .collect(),
                provenance,
            },
        )
}

/// A walk of the room: for each (step, prompt index, action) capture a hazard, mark the cell
/// or clear it, through the edit path.
fn walk() -> impl Strategy<Value = Vec<(usize, usize, u8, String)>> {
    proptest::collection::vec((0usize..4, 0usize..400, 0u8..5, text()), 0..25)
}

fn reload(project: &Project) -> Project {
    let text = project_file::to_text(project);
    project_file::from_text(&text, "t.hazlog".as_ref()).expect("our own file loads")
}

proptest! {
    #![proptest_config(ProptestConfig {
        cases: std::env::var("PROPTEST_CASES").ok().and_then(|v| v.parse().ok()).unwrap_or(64),
        ..ProptestConfig::default()
    })]

    #[test]
    fn technique_records_survive_save_and_load(technique in technique()) {
        let project = Project { technique, ..Project::default() };
        prop_assert_eq!(reload(&project), project);
    }

    #[test]
    fn coverage_recorded_in_a_walk_reads_back_the_same(actions in walk()) {
        let mut doc = Document::new(Project::default(), None);
        let mut steps = Vec::new();
        for name in ["Register", "Order", "Verify", "Administer"] {
            let (edit, key) = technique_ops::add_step(doc.project(), name, "").unwrap();
            doc.apply(edit).unwrap();
            steps.push(key);
        }
        for deck in &shipped::shipped_decks()[..2] {
            doc.apply(technique_ops::choose_deck(doc.project(), deck)).unwrap();
        }
        let prompts: Vec<PromptId> =
            doc.project().technique.visible_prompts().map(|(_, _, p)| p.id.clone()).collect();
        let recorder = technique_ops::Recorder { by: "Facilitator".into(), at: DateTime::UNIX_EPOCH, clock: None };
        for (step, prompt, action, text) in actions {
            let (step, prompt) = (steps[step], &prompts[prompt % prompts.len()]);
            let mark = |mark| technique_ops::mark_cell(doc.project(), step, prompt, mark, &recorder);
            let edit = match action {
                0 => technique_ops::capture_hazard_at(doc.project(), step, prompt, &text, &recorder)
                    .map(|(edit, _)| edit),
                1 => mark(Some(CellMark::NoCredibleHazard { reason: text })),
                2 => mark(Some(CellMark::Parked { note: text })),
                3 => mark(Some(CellMark::NotApplicable { reason: text })),
                _ => mark(None),
            };
            // Refusals (an empty reason, a mark over raised hazards) change nothing.
            if let Ok(edit) = edit {
                doc.apply(edit).unwrap();
            }
        }
        let project = doc.project().clone();
        // The grid's counts, worked out once when it is built, are those of its cells.
        let grid = CoverageGrid::new(&project);
        let mut not_yet = 0;
        for row in 0..grid.steps.len() {
            let states: Vec<CellState> =
                (0..grid.columns.len()).map(|column| grid.state(row, column)).collect();
            let counts = grid.step_counts(row);
            prop_assert_eq!(counts.cells, states.len());
            prop_assert_eq!(counts.not_yet, states.iter().filter(|s| **s == CellState::NotYet).count());
            prop_assert_eq!(counts.parked, states.iter().filter(|s| **s == CellState::Parked).count());
            not_yet += counts.not_yet;
        }
        prop_assert_eq!(grid.not_yet_covered(), not_yet);
        let by_deck: usize = project.technique.chosen_decks().map(|d| grid.deck_counts(&d.id).cells).sum();
        prop_assert_eq!(by_deck, grid.steps.len() * grid.columns.len());
        prop_assert_eq!(&grid.gaps, &closing_sweep(&project));
        let back = reload(&project);
        prop_assert_eq!(CoverageGrid::new(&back), CoverageGrid::new(&project));
        prop_assert_eq!(closing_sweep(&back), closing_sweep(&project));
        prop_assert_eq!(back, project);
    }
}

/// Text a room types, without the control characters a spreadsheet cell cannot hold (those are
/// reported by the export's loss check, tested with the workbook).
fn typed() -> impl Strategy<Value = String> {
    "[A-Za-z0-9 .,:;'’()=+-]{1,30}"
}

/// The technique as our own export carries it: steps by position, hazards by display id, stamps
/// with their meeting by title (meetings get new keys on import).
fn comparable(project: &Project) -> impl PartialEq + std::fmt::Debug {
    let technique = &project.technique;
    let position = |key| technique.steps.iter().position(|s| s.key == key);
    let ids = |keys: &[hazard_workshop::domain::HazardKey]| -> Vec<String> {
        keys.iter()
            .map(|k| project.hazard(*k).unwrap().display_id.clone())
            .collect()
    };
    let steps: Vec<_> = technique
        .steps
        .iter()
        .map(|s| (s.name.clone(), s.description.clone(), s.retired))
        .collect();
    let cells: Vec<_> = technique
        .coverage
        .iter()
        .map(|c| {
            (
                position(c.step),
                c.prompt.clone(),
                ids(&c.hazards),
                c.mark.clone(),
                c.stamp.by.clone(),
                c.stamp.at,
                c.stamp
                    .meeting
                    .map(|m| project.meeting(m).unwrap().title.clone()),
            )
        })
        .collect();
    (
        technique.scope.clone(),
        steps,
        technique.decks.clone(),
        cells,
    )
}

proptest! {
    #![proptest_config(ProptestConfig {
        cases: std::env::var("PROPTEST_CASES").ok().and_then(|v| v.parse().ok()).unwrap_or(16),
        ..ProptestConfig::default()
    })]

    #[test]
    fn coverage_survives_our_own_xlsx_round_trip(
        actions in proptest::collection::vec((0usize..3, 0usize..400, 0u8..5, typed()), 0..20),
        hide in 0usize..60,
        retire in proptest::bool::ANY,
        in_meeting in proptest::bool::ANY,
    ) {
        use hazard_workshop::interchange::{ExportLayout, ExportOptions, ImportLimits, export_workbook};
        let mut doc = Document::new(Project::default(), None);
        doc.apply(technique_ops::update_scope(doc.project(), hazard_workshop::domain::technique::Scope {
            statement: "Inpatient wards only".into(),
        })).unwrap();
        let mut steps = Vec::new();
        for name in ["Order", "Verify", "Administer"] {
            let (edit, key) = technique_ops::add_step(doc.project(), name, "What happens").unwrap();
            doc.apply(edit).unwrap();
            steps.push(key);
        }
        for deck in &shipped::shipped_decks()[..2] {
            doc.apply(technique_ops::choose_deck(doc.project(), deck)).unwrap();
        }
        let (edit, deck, family) = technique_ops::add_user_deck(doc.project(), "Ward rounds", "Handover").unwrap();
        doc.apply(edit).unwrap();
        let (edit, _) = technique_ops::add_prompt(doc.project(), &deck, &family, "What if handover is missed?", "Missed handover").unwrap();
        doc.apply(edit).unwrap();
        let prompts: Vec<PromptId> =
            doc.project().technique.visible_prompts().map(|(_, _, p)| p.id.clone()).collect();
        doc.apply(technique_ops::set_prompt_hidden(doc.project(), &prompts[hide % prompts.len()], true).unwrap()).unwrap();
        if in_meeting {
            let today = chrono::NaiveDate::from_ymd_opt(2026, 11, 3).unwrap();
            let (edit, meeting) = meeting_ops::add_meeting(doc.project(), "Workshop 2", today);
            doc.apply(edit).unwrap();
            let start = meeting_ops::start_meeting(doc.project(), meeting, chrono::NaiveTime::MIN, today);
            doc.apply(start).unwrap();
        }
        let recorder = technique_ops::Recorder { by: "Dr Asha Patel".into(), at: DateTime::UNIX_EPOCH, clock: None };
        for (step, prompt, action, text) in actions {
            let (step, prompt) = (steps[step], &prompts[prompt % prompts.len()]);
            let mark = |mark| technique_ops::mark_cell(doc.project(), step, prompt, mark, &recorder);
            let edit = match action {
                0 => technique_ops::capture_hazard_at(doc.project(), step, prompt, &text, &recorder)
                    .map(|(edit, _)| edit),
                1 => mark(Some(CellMark::NoCredibleHazard { reason: text })),
                2 => mark(Some(CellMark::Parked { note: text })),
                3 => mark(Some(CellMark::NotApplicable { reason: text })),
                _ => mark(None),
            };
            if let Ok(edit) = edit {
                doc.apply(edit).unwrap();
            }
        }
        if retire {
            doc.apply(technique_ops::set_step_retired(doc.project(), steps[1], true)).unwrap();
        }
        let project = doc.project().clone();
        for layout in [ExportLayout::NhsV36, ExportLayout::LayoutA] {
            let bytes = export_workbook(&project, &ExportOptions { include_withdrawn: false, layout }).unwrap();
            let imported = hazard_workshop::interchange::xlsx_import::import_bytes(
                bytes,
                "ours.xlsx".as_ref(),
                &project.matrix,
                DateTime::UNIX_EPOCH,
                &ImportLimits::default(),
            )
            .unwrap();
            prop_assert_eq!(comparable(&imported.project), comparable(&project), "{:?}", layout);
            prop_assert_eq!(
                CoverageGrid::new(&imported.project).total_counts(),
                CoverageGrid::new(&project).total_counts()
            );
            // Nothing was dropped, so no Coverage row is reported.
            let lost: Vec<_> = imported.report.warnings.iter()
                .filter(|w| w.message.starts_with("Coverage row"))
                .collect();
            prop_assert!(lost.is_empty(), "{:?}", lost);
        }
    }
}
