//! Issue 16: the bundled example shows the technique. Its scope, steps, decks and coverage are
//! built here with the app's own edits (one source of truth): the check below fails if the file
//! and this builder part ways, and the ignored test writes the file again:
//! `cargo test --test technique_example -- --ignored write_the_example`.

use std::path::{Path, PathBuf};

use chrono::{DateTime, TimeZone, Utc};
use hazard_workshop::domain::technique::{
    CellMark, CellState, CoverageGrid, PromptId, StepKey, Technique, closing_sweep, shipped,
};
use hazard_workshop::domain::{HazardKey, MeetingKey, Project};
use hazard_workshop::edit::Edit;
use hazard_workshop::edit::technique_ops::{self, Recorder};
use hazard_workshop::storage::project_file;

/// The HAZID workshop of 15 September 2026, which walked the first four steps.
const HAZID: MeetingKey = MeetingKey(11);

fn example_path() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("assets/example-workshop.hazlog")
}

fn at(hour: u32, minute: u32) -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 9, 15, hour, minute, 0).unwrap()
}

fn apply(project: &mut Project, edit: Edit) {
    assert!(!edit.changes.is_empty(), "{}", edit.label);
    edit.apply(project);
}

/// The example's technique, built on `project` (whose own technique is dropped first).
fn with_technique(mut project: Project) -> Project {
    project.technique = Technique::default();
    // Keys taken by an earlier build are taken again, so the build gives the same file.
    project.counters.next_key = 62;
    project.technique.scope.statement = "Adult inpatient wards, go-live wave 1: admission, \
        prescribing, pharmacist verification, administration with wristband scanning and \
        discharge. Out of scope: paediatrics, critical care, chemotherapy."
        .to_owned();
    let steps: Vec<StepKey> = [
        (
            "Admit and reconcile",
            "The patient arrives from PAS; pharmacy records the medicines taken at home.",
        ),
        (
            "Prescribe",
            "A prescriber orders medicines on the electronic chart.",
        ),
        (
            "Verify",
            "A pharmacist clinically verifies each new prescription.",
        ),
        (
            "Administer",
            "A nurse scans the wristband and records each dose given.",
        ),
        (
            "Discharge",
            "The discharge prescription (TTO) and summary go to the GP.",
        ),
    ]
    .into_iter()
    .map(|(name, description)| {
        let (edit, key) = technique_ops::add_step(&project, name, description).unwrap();
        apply(&mut project, edit);
        key
    })
    .collect();
    for id in ["swift", "health-it"] {
        let deck = shipped::shipped_decks()
            .iter()
            .find(|d| d.id.0 == id)
            .expect("a shipped deck");
        let edit = technique_ops::choose_deck(&project, deck);
        apply(&mut project, edit);
    }
    // The room walked the steps in the HAZID meeting. Its minutes already say what was found
    // in prose, so the coverage is recorded as after the meeting (no second minute entry) and
    // stamped with the meeting.
    let [admit, prescribe, verify, administer, _discharge] = steps[..] else {
        unreachable!()
    };
    let prompt = |id: &str| PromptId(id.to_owned());
    let recorder = |hour, minute| Recorder {
        by: "Hannah Price".to_owned(),
        at: at(hour, minute),
        clock: None,
    };
    let links: [(StepKey, &str, u64, (u32, u32)); 9] = [
        (prescribe, "swift.wrong-person.1", 13, (10, 5)),
        (prescribe, "swift.wrong-thing.2", 14, (10, 15)),
        (prescribe, "swift.wrong-amount.1", 15, (10, 25)),
        (prescribe, "health-it.decision-support.1", 16, (10, 30)),
        (administer, "swift.wrong-time.1", 17, (11, 0)),
        (administer, "swift.failure-of-equipment.3", 22, (11, 0)),
        (
            administer,
            "health-it.availability-performance.1",
            18,
            (11, 20),
        ),
        (admit, "health-it.integration.4", 19, (11, 20)),
        (admit, "health-it.data-integrity.6", 20, (11, 25)),
    ];
    for (step, id, hazard, (hour, minute)) in links {
        let edit = technique_ops::link_hazard(
            &project,
            step,
            &prompt(id),
            HazardKey(hazard),
            &recorder(hour, minute),
        )
        .unwrap();
        apply(&mut project, edit);
    }
    let marks = [
        (
            prescribe,
            "swift.wrong-thing.1",
            CellMark::NoCredibleHazard {
                reason: "Brands are always shown with the generic name, and only prescribable \
                         where the formulary requires brand prescribing."
                    .to_owned(),
            },
            (10, 35),
        ),
        (
            administer,
            "swift.wrong-amount.5",
            CellMark::Parked {
                note: "Variable-rate insulin and complex infusions: to the infusions sub-group \
                       (paper charts in wave 1)."
                    .to_owned(),
            },
            (10, 45),
        ),
        (
            verify,
            "swift.wrong-place.5",
            CellMark::NotApplicable {
                reason: "Verification does not record a route or site.".to_owned(),
            },
            (11, 10),
        ),
        (
            verify,
            "swift.wrong-person.1",
            CellMark::NoCredibleHazard {
                reason: "Verification opens from the patient's own chart; H001 covers selection."
                    .to_owned(),
            },
            (11, 12),
        ),
    ];
    for (step, id, mark, (hour, minute)) in marks {
        let edit = technique_ops::mark_cell(
            &project,
            step,
            &prompt(id),
            Some(mark),
            &recorder(hour, minute),
        )
        .unwrap();
        apply(&mut project, edit);
    }
    for cell in &mut project.technique.coverage {
        cell.stamp.meeting = Some(HAZID);
    }
    let covered = vec![admit, prescribe, verify, administer];
    let edit = technique_ops::set_meeting_steps(&project, HAZID, covered);
    apply(&mut project, edit);
    project
}

#[test]
fn the_bundled_example_shows_the_technique() {
    let example = project_file::load(&example_path()).unwrap();
    let rebuilt = with_technique(example.clone());
    assert_eq!(
        example.technique, rebuilt.technique,
        "the example's technique is the builder's: write the example again"
    );
    assert_eq!(example.counters, rebuilt.counters);

    let technique = &example.technique;
    assert_eq!(technique.active_steps().count(), 5);
    assert_eq!(technique.chosen_decks().count(), 2);
    assert_eq!(technique.steps_of_meeting(HAZID).len(), 4);
    let grid = CoverageGrid::new(&example);
    let counts = grid.total_counts();
    assert!(counts.hazards_raised >= 8, "{counts:?}");
    assert_eq!(counts.no_credible_hazard, 2);
    assert_eq!(counts.parked, 1);
    assert_eq!(counts.not_applicable, 1);
    assert!(grid.not_yet_covered() > 0, "a walk still under way");
    // Every recorded cell is in the grid, and every linked hazard is one of the example's.
    for cell in &technique.coverage {
        let (row, column) = (
            grid.row(cell.step).unwrap(),
            grid.column(&cell.prompt).unwrap(),
        );
        assert_ne!(grid.state(row, column), CellState::NotYet);
        for hazard in &cell.hazards {
            assert!(example.hazard(*hazard).is_some());
        }
    }
    // The closing sweep has families left: a first start shows what remains.
    assert!(!closing_sweep(&example).is_empty());
}

#[test]
#[ignore = "writes assets/example-workshop.hazlog"]
fn write_the_example() {
    let path = example_path();
    let original = std::fs::read_to_string(&path).unwrap();
    let rebuilt = with_technique(project_file::load(&path).unwrap());
    // Only the technique block and the key counter change: the rest of the file keeps its
    // hand-written layout. The technique is the project's last field.
    const END: &str = "  ),\n)";
    const FIELD: &str = "\n    technique: Technique(";
    let base = match original.find(FIELD) {
        Some(at) => format!("{}{END}\n", &original[..=at]),
        None => original.clone(),
    };
    let text = project_file::to_text(&rebuilt);
    let block = &text[text.find(FIELD).unwrap() + 1..text.rfind(END).unwrap()];
    let insert_at = base.rfind(END).unwrap();
    let mut spliced = format!("{}{block}{}", &base[..insert_at], &base[insert_at..]);
    let counter = spliced.find("next_key: ").unwrap() + "next_key: ".len();
    let digits = spliced[counter..].find(',').unwrap();
    spliced.replace_range(
        counter..counter + digits,
        &rebuilt.counters.next_key.to_string(),
    );
    let back = project_file::from_text(&spliced, &path).unwrap();
    assert_eq!(
        back, rebuilt,
        "the spliced file reads back as the built project"
    );
    std::fs::write(&path, spliced).unwrap();
}
