use chrono::{DateTime, NaiveDate};

use super::*;
use crate::domain::{
    ActionItem, ActionKey, ActionStatus, AdditionalControl, Assessment, ControlKind, ExtraField,
    Hazard, HazardStatus, Likelihood, Meeting, MeetingKey, Severity,
};

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 28).unwrap()
}

/// A hazard that passes every check.
fn good(key: u64, id: &str, name: &str) -> Hazard {
    let mut h = Hazard::new(HazardKey(key), id.into(), name.into(), DateTime::UNIX_EPOCH);
    h.description = format!("{name}, described {key}");
    h.harm = "Delayed treatment".into();
    h.causes = vec!["Similar names".into()];
    h.owner = "CSO".into();
    h.status = HazardStatus::Open;
    h.initial = Assessment::new(Severity::Major, Likelihood::Medium);
    h.residual = Assessment::new(Severity::Major, Likelihood::Low);
    h.additional_controls = vec![AdditionalControl {
        kind: ControlKind::Training,
        text: "Train ward staff".into(),
        owner: "Trust".into(),
        evidence: "Training record TR-1".into(),
    }];
    h.raised_in = Some(MeetingKey(100));
    h
}

fn project(hazards: Vec<Hazard>) -> Project {
    Project {
        hazards: hazards.into(),
        meetings: vec![Meeting {
            key: MeetingKey(100),
            title: "HAZID 1".into(),
            ..Meeting::default()
        }],
        ..Project::default()
    }
}

fn clean() -> Project {
    project(vec![
        good(1, "H001", "Wrong patient record shown after search"),
        good(2, "H002", "Allergy banner hidden on small screens"),
    ])
}

fn checks_found(project: &Project) -> Vec<(String, &'static str, &'static str)> {
    check_project(project, today())
        .into_iter()
        .map(|p| (p.display_id, p.field, p.check.code()))
        .collect()
}

#[test]
fn a_complete_log_has_no_problems() {
    assert_eq!(checks_found(&clean()), []);
}

#[test]
fn each_per_hazard_check_fires_on_its_field() {
    type Breaker = fn(&mut Hazard);
    let cases: [(Breaker, &str, CheckId); 12] = [
        (
            |h| h.description.clear(),
            "description",
            CheckId::MissingDescription,
        ),
        (|h| h.harm = "  ".into(), "harm", CheckId::MissingHarm),
        (
            |h| h.causes = vec![" ".into()],
            "causes",
            CheckId::MissingCauses,
        ),
        (|h| h.owner.clear(), "owner", CheckId::MissingOwner),
        (
            |h| h.initial = Assessment::default(),
            "initial",
            CheckId::UnscoredInitial,
        ),
        (
            |h| h.residual.likelihood = None,
            "residual",
            CheckId::UnscoredResidual,
        ),
        (
            |h| h.initial = Assessment::new(Severity::Minor, Likelihood::VeryLow),
            "residual",
            CheckId::ResidualAboveInitial,
        ),
        (
            |h| {
                h.initial = Assessment::new(Severity::Catastrophic, Likelihood::VeryHigh);
                h.residual = Assessment::new(Severity::Major, Likelihood::High);
            },
            "residual-justification",
            CheckId::HighResidualWithoutJustification,
        ),
        (
            |h| {
                h.status = HazardStatus::Closed;
                h.additional_controls[0].evidence.clear();
            },
            "additional-controls",
            CheckId::ControlWithoutEvidence,
        ),
        (
            |h| {
                h.status = HazardStatus::Transferred;
                h.additional_controls[0].kind = ControlKind::Design;
            },
            "additional-controls",
            CheckId::TransferredWithoutDeployerControls,
        ),
        (|h| h.raised_in = None, "name", CheckId::NeverDiscussed),
        (
            |h| h.name = "Wrong patient".into(),
            "name",
            CheckId::ShortName,
        ),
    ];
    for (breaker, field, check) in cases {
        let mut p = clean();
        breaker(&mut p.hazards[0]);
        assert_eq!(
            checks_found(&p),
            [("H001".to_owned(), field, check.code())],
            "{check:?}"
        );
        // Switched off, it is silent.
        p.checks = p
            .checks
            .with_disabled(DisabledCheck {
                check,
                reason: "not used by this trust".into(),
                by: "CSO".into(),
                on: Some(today()),
            })
            .unwrap();
        assert_eq!(checks_found(&p), [], "{check:?} switched off");
    }
}

#[test]
fn a_justified_high_residual_and_a_transferred_owner_pass() {
    let mut p = clean();
    let h = &mut p.hazards[0];
    h.initial = Assessment::new(Severity::Catastrophic, Likelihood::VeryHigh);
    h.residual = Assessment::new(Severity::Major, Likelihood::High);
    h.residual_justification = "No further reduction practicable".into();
    h.status = HazardStatus::Transferred;
    assert_eq!(checks_found(&p), []);
    p.hazards[0].additional_controls[0].owner.clear();
    assert_eq!(
        checks_found(&p),
        [(
            "H001".to_owned(),
            "additional-controls",
            "transferred-without-deployer-controls"
        )]
    );
}

#[test]
fn new_and_withdrawn_hazards_need_no_scores_and_withdrawn_ones_nothing() {
    let mut p = clean();
    p.hazards[0].status = HazardStatus::NewForTriage;
    p.hazards[0].initial = Assessment::default();
    p.hazards[0].residual = Assessment::default();
    p.hazards[1].status = HazardStatus::Withdrawn {
        reason: "duplicate".into(),
    };
    p.hazards[1].description.clear();
    p.hazards[1].name = "X".into();
    assert_eq!(checks_found(&p), []);
}

#[test]
fn closed_hazards_with_open_actions_and_overdue_actions_are_reported() {
    let mut p = clean();
    p.hazards[0].status = HazardStatus::Closed;
    p.actions = vec![
        ActionItem {
            key: ActionKey(50),
            description: "Confirm the downtime procedure".into(),
            owner: None,
            due: NaiveDate::from_ymd_opt(2026, 11, 20),
            status: ActionStatus::Open,
            raised_in: None,
            hazards: vec![HazardKey(1)],
            test_issue: false,
        },
        ActionItem {
            key: ActionKey(51),
            description: "Done already".into(),
            owner: None,
            due: NaiveDate::from_ymd_opt(2026, 1, 1),
            status: ActionStatus::Done,
            raised_in: None,
            hazards: vec![HazardKey(2)],
            test_issue: false,
        },
    ];
    let problems = check_project(&p, today());
    let found: Vec<_> = problems
        .iter()
        .map(|p| (p.display_id.as_str(), p.field, p.check))
        .collect();
    assert_eq!(
        found,
        [
            ("H001", "status", CheckId::ClosedWithOpenActions),
            ("H001", "due", CheckId::OverdueAction),
        ]
    );
    assert_eq!(problems[1].subject, Subject::Action { key: ActionKey(50) });
    assert!(
        problems[1].reason.contains("8 days ago"),
        "{}",
        problems[1].reason
    );
}

#[test]
fn mentions_in_the_minutes_count_as_discussed() {
    let mut p = clean();
    p.hazards[0].raised_in = None;
    p.meetings[0].entries.push(crate::domain::MinuteEntry {
        key: crate::domain::EntryKey(7),
        kind: crate::domain::EntryKind::Note,
        text: "Agreed #H001 needs a banner".into(),
        time: None,
        hazard: None,
        about: None,
    });
    assert_eq!(checks_found(&p), []);
}

#[test]
fn near_duplicates_are_reported_once_on_the_later_hazard() {
    let mut p = clean();
    let mut copy = good(3, "H003", "Wrong patients record shown after the search");
    copy.description = "Something else entirely here".into();
    p.hazards.push(copy);
    let problems = check_project(&p, today());
    assert_eq!(problems.len(), 1, "{problems:?}");
    assert_eq!(problems[0].check, CheckId::NearDuplicate);
    assert_eq!(problems[0].display_id, "H003");
    assert!(
        problems[0].reason.contains("H001"),
        "{}",
        problems[0].reason
    );
}

#[test]
fn a_stated_rating_that_disagrees_with_the_matrix_is_reported_until_it_agrees() {
    let mut p = clean();
    p.hazards[0].extra_fields.push(ExtraField {
        label: super::per_hazard::IMPORT_NOTE_LABEL.into(),
        value: "Initial risk was 4 in the spreadsheet (Hazard Log!P5); Major x Medium is 3 in \
                the DCB0129 matrix, so it is 3 here."
            .into(),
    });
    assert_eq!(
        checks_found(&p),
        [("H001".to_owned(), "initial", "stated-rating-disagrees")]
    );
    // Rescored so that the matrix gives the stated 4: nothing left to say.
    p.hazards[0].initial = Assessment::new(Severity::Major, Likelihood::High);
    assert_eq!(checks_found(&p), []);
}

#[test]
fn switching_a_check_off_needs_a_reason() {
    let settings = CheckSettings::default();
    assert!(
        settings
            .with_disabled(DisabledCheck {
                check: CheckId::ShortName,
                reason: "  ".into(),
                by: String::new(),
                on: None,
            })
            .is_err()
    );
}

#[test]
fn check_codes_are_unique_and_parse_back() {
    for check in CheckId::ALL {
        assert_eq!(CheckId::from_code(check.code()), Some(check));
    }
    let mut codes: Vec<_> = CheckId::ALL.iter().map(|c| c.code()).collect();
    codes.sort();
    codes.dedup();
    assert_eq!(codes.len(), CheckId::ALL.len());
}

#[test]
fn the_import_note_label_is_the_importers() {
    assert_eq!(
        super::per_hazard::IMPORT_NOTE_LABEL,
        crate::interchange::xlsx_import::IMPORT_NOTE
    );
}

#[test]
fn many_look_alike_hazards_give_one_problem_each_not_one_per_pair() {
    let mut p = clean();
    for key in 3..8 {
        let mut h = good(
            key,
            &format!("H00{key}"),
            "Wrong patient record shown after search",
        );
        h.description = format!("Unrelated description number {key} here");
        p.hazards.push(h);
    }
    let problems = check_project(&p, today());
    let ids: Vec<&str> = problems.iter().map(|p| p.display_id.as_str()).collect();
    assert_eq!(ids, ["H003", "H004", "H005", "H006", "H007"]);
    assert!(problems.iter().all(|p| p.reason.contains("H001")));
}
