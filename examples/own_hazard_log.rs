//! Hazard Workshop's own hazard log: the ways this tool could harm patients (through the safety
//! records it keeps), each control naming the tests that verify it. Writes
//! `docs/safety/hazard-workshop.hazlog`, its NHS v3.6 workbook and its safety case report (a
//! draft) beside it. `tests/own_hazard_log.rs` checks that every test named here exists and
//! exports the log again on every CI run.
//! Run: `cargo run --example own_hazard_log`.

use std::path::Path;

use chrono::{DateTime, NaiveDate, Utc};
use hazard_workshop::domain::safety_case::SafetyCaseText;
use hazard_workshop::domain::{
    AdditionalControl, Assessment, ControlKind, ExistingControl, ExistingControlKind, Hazard,
    HazardKey, HazardStatus, Likelihood, Project, Severity,
};
use hazard_workshop::interchange::safety_case::{ReportSource, safety_case_docx};
use hazard_workshop::interchange::{ExportOptions, export_to_path};
use hazard_workshop::storage::project_file;

const OWNER: &str = "Hazard Workshop maintainers";

struct Entry {
    name: &'static str,
    description: &'static str,
    effect: &'static str,
    hazard: &'static str,
    harm: &'static str,
    causes: &'static [&'static str],
    /// (control, evidence: the tests that verify it).
    existing: &'static [(&'static str, &'static str)],
    initial: (Severity, Likelihood, &'static str),
    additional: &'static [(ControlKind, &'static str, &'static str)],
    residual: (Severity, Likelihood, &'static str),
}

const ENTRIES: &[Entry] = &[
    Entry {
        name: "A risk rating is derived wrongly from severity and likelihood",
        description: "The rating the app shows, exports or reports for a hazard is not the one \
                      the DCB0129 matrix gives for its severity and likelihood.",
        effect: "A hazard is treated as more acceptable than it is.",
        hazard: "Risk accepted without the controls it needs.",
        harm: "Patients are exposed to a hazard whose controls were never required.",
        causes: &[
            "A matrix cell mistyped in the code",
            "A stored rating from an import preferred to the derived one",
        ],
        existing: &[(
            "The rating is always derived from the matrix, never stored",
            "src/domain/risk.rs::all_25_cells_match_the_dcb0129_reference_table",
        )],
        initial: (
            Severity::Major,
            Likelihood::Low,
            "A wrong cell would affect every log.",
        ),
        additional: &[
            (
                ControlKind::Test,
                "Exported ratings are live formulas of the template, with their values",
                "tests/nhs_v36_export.rs::risk_formulas_are_the_templates_with_their_values_stored",
            ),
            (
                ControlKind::Test,
                "Imported ratings that disagree with the matrix are reported",
                "tests/interchange.rs::nrl_log_v1_7_reads_11_hazards_and_flags_the_wrong_risk_values",
            ),
        ],
        residual: (
            Severity::Major,
            Likelihood::VeryLow,
            "Every cell is tested against the reference table, and disagreements are shown.",
        ),
    },
    Entry {
        name: "An incomplete safety case is presented as complete",
        description: "A report or an issued version looks finished while sections are empty, \
                      hazards are unscored or checks are open.",
        effect: "A system is deployed on the strength of an unfinished assessment.",
        hazard: "Unassessed hazards reach live use.",
        harm: "Harm from a hazard no one assessed.",
        causes: &[
            "Empty report sections printed as blank headings",
            "A draft report mistaken for an issued one",
        ],
        existing: &[(
            "Open checks are listed first when a version is issued, and need a reason",
            "tests/check_cli.rs::the_example_is_checked_line_for_line_as_the_library_checks_it",
        )],
        initial: (
            Severity::Major,
            Likelihood::Medium,
            "Reports are read by people who did not attend the workshops.",
        ),
        additional: &[
            (
                ControlKind::Design,
                "Every empty written section says \"Not yet written\" with its guidance; a \
                 draft says DRAFT on every page",
                "tests/safety_case.rs::the_draft_report_has_every_template_section_in_order",
            ),
            (
                ControlKind::Test,
                "The safety statement stands beside the facts (open hazards, open checks)",
                "tests/safety_case.rs::what_the_cso_writes_appears_in_its_section",
            ),
        ],
        residual: (
            Severity::Major,
            Likelihood::VeryLow,
            "The gaps are printed in the document itself.",
        ),
    },
    Entry {
        name: "A generated document does not match the log it cites",
        description: "Counts, ratings or hazards in a report, minutes or workbook differ from \
                      the log it was made from.",
        effect: "Decisions are taken on figures that are not the log's.",
        hazard: "A hazard or rating is missing from what reviewers read.",
        harm: "A hazard goes uncontrolled because the reviewed document left it out.",
        causes: &[
            "A report computing its own figures",
            "A report made from a different version than it names",
        ],
        existing: &[(
            "Reports use the functions the app shows for every number",
            "tests/safety_case.rs::every_count_in_the_report_is_the_apps",
        )],
        initial: (
            Severity::Major,
            Likelihood::Low,
            "Two code paths would drift apart.",
        ),
        additional: &[(
            ControlKind::Test,
            "The report of a version names its content hash and ignores later edits",
            "tests/safety_case.rs::a_report_of_an_issued_version_names_its_sign_off_and_hash_and_ignores_later_edits",
        )],
        residual: (
            Severity::Major,
            Likelihood::VeryLow,
            "Read back with an independent reader in every CI run.",
        ),
    },
    Entry {
        name: "Edits or evidence are lost or corrupted",
        description: "A crash, a kill or a full disk during a save leaves a damaged or older \
                      file; typed work is lost.",
        effect: "The hazard log no longer holds what the workshop agreed.",
        hazard: "Controls or scores are silently missing.",
        harm: "A control believed in place is not recorded, so it is never implemented.",
        causes: &["A save interrupted", "A crash before a save"],
        existing: &[(
            "Atomic saves, a recovery journal and backups",
            "tests/kill_during_save.rs::killing_a_save_at_any_moment_never_leaves_a_partial_file",
        )],
        initial: (
            Severity::Considerable,
            Likelihood::Medium,
            "Laptops crash and run out of battery.",
        ),
        additional: &[
            (
                ControlKind::Test,
                "A save keeps the file's permissions, links and names, or refuses",
                "tests/save_keeps_file.rs::a_file_with_other_names_is_refused_and_left_as_it_was",
            ),
            (
                ControlKind::Test,
                "Undo restores exactly",
                "tests/undo_property.rs::undoing_everything_restores_the_original_and_redo_restores_the_edits",
            ),
        ],
        residual: (
            Severity::Considerable,
            Likelihood::VeryLow,
            "Fault injection kills saves at random moments in every CI run.",
        ),
    },
    Entry {
        name: "The record of issued versions cannot be trusted",
        description: "An issued version changes after issue, or its history does not show who \
                      changed what.",
        effect: "An audit cannot show what was agreed and when.",
        hazard: "A changed assessment passes as the approved one.",
        harm: "A hazard's controls are weakened without review.",
        causes: &[
            "A baseline edited in place",
            "History not recorded for some edits",
        ],
        existing: &[(
            "Baselines are frozen with a SHA-256 checked on read",
            "src/domain/baseline.rs::freezing_is_deterministic_and_checked",
        )],
        initial: (
            Severity::Considerable,
            Likelihood::Low,
            "Files are shared and edited by hand.",
        ),
        additional: &[(
            ControlKind::Test,
            "A baseline never changes after later edits",
            "tests/versions.rs::a_baseline_never_changes_after_later_edits",
        )],
        residual: (
            Severity::Considerable,
            Likelihood::VeryLow,
            "Tampering is detected when the version is read.",
        ),
    },
    Entry {
        name: "Imported content is silently dropped or mis-mapped",
        description: "Importing an NHS hazard log spreadsheet loses cells or puts them in the \
                      wrong field without saying so.",
        effect: "The imported log is taken as complete when it is not.",
        hazard: "Hazards or controls from the supplier's log are missing.",
        harm: "A transferred control is never put in place by the deployer.",
        causes: &[
            "Unknown column headers",
            "Sheets longer than the importer reads",
        ],
        existing: &[(
            "Every unmapped column is kept as an extra field and named in the report",
            "tests/interchange.rs::export_then_import_gives_back_every_field_of_every_hazard",
        )],
        initial: (
            Severity::Major,
            Likelihood::Medium,
            "Real NHS logs vary widely in layout.",
        ),
        additional: &[(
            ControlKind::Test,
            "A cut-short import is refused and says so first",
            "tests/import_safety.rs::a_sheet_longer_than_the_row_limit_is_incomplete_and_the_report_says_so_first",
        )],
        residual: (
            Severity::Major,
            Likelihood::VeryLow,
            "Losses are reported line by line before anything is applied.",
        ),
    },
    Entry {
        name: "A hazard is edited while another is displayed",
        description: "The editor, the list or the presenter show a different hazard from the \
                      one being changed.",
        effect: "A score or control is recorded against the wrong hazard.",
        hazard: "A hazard carries another's controls; its own are missing.",
        harm: "An uncontrolled hazard believed controlled.",
        causes: &[
            "Selection changed while typing",
            "The presenter frozen on an old hazard",
        ],
        existing: &[(
            "The presenter follows the selection and says when it is frozen",
            "tests/presenter.rs::f5_opens_the_presenter_which_follows_the_selection_until_frozen",
        )],
        initial: (
            Severity::Considerable,
            Likelihood::Medium,
            "Workshops move fast.",
        ),
        additional: &[(
            ControlKind::Test,
            "Keyboard selection opens exactly the chosen hazard",
            "tests/hazard_editing.rs::keyboard_moves_the_selection_and_enter_opens_the_hazard",
        )],
        residual: (
            Severity::Considerable,
            Likelihood::Low,
            "The id and name head the editor; residual risk stays while people type fast.",
        ),
    },
    Entry {
        name: "Two people change one log and one's work overwrites the other's",
        description: "A project open on two machines is saved from both.",
        effect: "One set of workshop changes disappears.",
        hazard: "Agreed controls are missing from the log.",
        harm: "A control never implemented because its record was overwritten.",
        causes: &["A shared drive", "A lock ignored"],
        existing: &[(
            "A locked project opens read-only and refuses every change with a reason",
            "tests/read_only.rs::every_change_from_the_hazard_panes_menus_and_shortcuts_is_refused_with_a_reason",
        )],
        initial: (
            Severity::Considerable,
            Likelihood::Medium,
            "Trusts share logs on network drives.",
        ),
        additional: &[],
        residual: (
            Severity::Considerable,
            Likelihood::Low,
            "The lock and the on-disk change check warn before any overwrite.",
        ),
    },
];

fn main() {
    let out = Path::new(env!("CARGO_MANIFEST_DIR")).join("docs/safety");
    std::fs::create_dir_all(&out).expect("docs/safety can be made");
    let project = own_hazard_log();
    let log = out.join("hazard-workshop.hazlog");
    project_file::save(&project, &log).expect("the log is written");
    export_to_path(
        &project,
        &ExportOptions::default(),
        &out.join("hazard-workshop.xlsx"),
    )
    .expect("the workbook is written");
    let today = NaiveDate::from_ymd_opt(2026, 11, 28).expect("a date");
    let source = ReportSource::of(&project, None, today).expect("the current log");
    let report = safety_case_docx(&source).expect("the report is made");
    std::fs::write(out.join("hazard-workshop-safety-case.docx"), report).expect("written");
    println!(
        "Wrote {} hazards to {}",
        project.hazards.len(),
        out.display()
    );
}

fn own_hazard_log() -> Project {
    let created: DateTime<Utc> = DateTime::UNIX_EPOCH;
    let mut project = Project::default();
    let m = &mut project.metadata;
    m.system_name = "Hazard Workshop".into();
    m.system_version = env!("CARGO_PKG_VERSION").into();
    m.document_title = "Hazard Workshop hazard log".into();
    m.document_id = "HW-SAFETY-001".into();
    m.owner = OWNER.into();
    m.author = OWNER.into();
    m.safety_case = SafetyCaseText {
        introduction: "This is the hazard log of Hazard Workshop itself: a tool that keeps \
                       clinical safety records can cause harm through them. Each control names \
                       the automated tests that verify it; a test checks those tests exist."
            .into(),
        intended_use: "Running hazard workshops and keeping DCB0129 and DCB0160 hazard logs, \
                       minutes, issued versions and safety case reports."
            .into(),
        exclusions: "It does not replace the Clinical Safety Officer's judgement, and it is \
                     not a medical device."
            .into(),
        ..SafetyCaseText::default()
    };
    for (i, e) in ENTRIES.iter().enumerate() {
        let number = i as u64 + 1;
        let mut h = Hazard::new(
            HazardKey(number),
            format!("HW{number:03}"),
            e.name.into(),
            created,
        );
        h.date_added = NaiveDate::from_ymd_opt(2026, 11, 28);
        h.description = e.description.into();
        h.effect = e.effect.into();
        h.hazard = e.hazard.into();
        h.harm = e.harm.into();
        h.causes = e.causes.iter().map(|c| (*c).into()).collect();
        h.existing_controls = e
            .existing
            .iter()
            .map(|(text, evidence)| ExistingControl {
                kind: ExistingControlKind::HitDesign,
                text: (*text).into(),
                evidence: (*evidence).into(),
            })
            .collect();
        h.initial = Assessment::new(e.initial.0, e.initial.1);
        h.initial_justification = e.initial.2.into();
        h.additional_controls = e
            .additional
            .iter()
            .map(|(kind, text, evidence)| AdditionalControl {
                kind: *kind,
                text: (*text).into(),
                owner: OWNER.into(),
                evidence: (*evidence).into(),
            })
            .collect();
        h.residual = Assessment::new(e.residual.0, e.residual.1);
        h.residual_justification = e.residual.2.into();
        h.status = HazardStatus::Open;
        h.owner = OWNER.into();
        project.hazards.push(h);
    }
    project.counters.next_key = ENTRIES.len() as u64 + 1;
    project.counters.next_hazard_number = ENTRIES.len() as u32 + 1;
    project.hazard_id_prefix = "HW".into();
    project
}
