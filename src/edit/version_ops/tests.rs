use chrono::DateTime;

use super::*;
use crate::domain::baseline::SignOffCapacity;
use crate::edit::{Document, ops};

fn now() -> DateTime<Utc> {
    DateTime::UNIX_EPOCH
}

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 28).unwrap()
}

fn sign_off(capacity: SignOffCapacity, name: &str) -> BaselineSignOff {
    BaselineSignOff {
        capacity,
        name: name.into(),
        role: "Clinical Safety Officer".into(),
        registration: "GMC 1234567".into(),
        date: today(),
    }
}

fn request(version: &str) -> IssueRequest {
    IssueRequest {
        version: version.into(),
        author: "A. Author".into(),
        reason: IssueReason::SafetyCaseReport,
        reason_text: "go-live".into(),
        sign_offs: vec![
            sign_off(SignOffCapacity::Approver, "Dr One"),
            sign_off(SignOffCapacity::Approver, "Dr Two"),
            sign_off(SignOffCapacity::Reviewer, "Nurse Three"),
        ],
        open_checks_reason: "Known gaps, tracked as actions".into(),
    }
}

fn document() -> Document {
    let mut doc = Document::new(Project::default(), None);
    let (edit, _) = ops::capture_hazard(doc.project(), "Wrong patient", now());
    doc.apply(edit).unwrap();
    doc
}

fn issue(doc: &mut Document, request: &IssueRequest) -> Result<(), IssueRefusal> {
    let prepared = prepare_issue(doc.snapshot(), request, now(), today())?;
    let edit = issue_version(doc.project(), prepared)?;
    doc.apply(edit).unwrap();
    Ok(())
}

#[test]
fn issuing_freezes_the_project_and_writes_the_version_history_and_sign_offs() {
    let mut doc = document();
    issue(&mut doc, &request("1.0")).unwrap();
    let project = doc.project();
    assert_eq!(project.baselines.len(), 1);
    let baseline = &project.baselines[0];
    assert_eq!(baseline.version, "1.0");
    assert_eq!(baseline.approvers().count(), 2);
    assert_eq!(baseline.reviewers().count(), 1);
    assert!(
        !baseline.open_checks.is_empty(),
        "a one-word hazard has problems"
    );
    let row = project.metadata.version_history.last().unwrap();
    assert_eq!(row.version, "1.0");
    assert_eq!(row.date, "28/11/2026");
    assert_eq!(
        row.amendment,
        "Issued for clinical safety case report: go-live"
    );
    assert_eq!(project.metadata.document_version, "1.0");
    assert_eq!(project.metadata.approvers.len(), 2);
    assert_eq!(project.metadata.reviewers[0].name, "Nurse Three");

    // The frozen project is the project as issued, without baselines.
    let frozen = open_baseline(baseline).unwrap();
    let mut expected = project.clone();
    expected.baselines.clear();
    assert_eq!(frozen, expected);
    assert_eq!(
        baseline.frozen.sha256,
        crate::domain::baseline::sha256_hex(&crate::domain::baseline::canonical_text(project))
    );
}

#[test]
fn open_checks_need_a_recorded_reason() {
    let mut doc = document();
    let mut req = request("1.0");
    req.open_checks_reason = " ".into();
    let refusal = issue(&mut doc, &req).unwrap_err();
    assert!(matches!(refusal, IssueRefusal::OpenChecksNeedReason(n) if n > 0));
    assert!(doc.project().baselines.is_empty());
}

#[test]
fn incomplete_requests_and_repeated_versions_are_refused() {
    let mut doc = document();
    let mut req = request("");
    assert_eq!(issue(&mut doc, &req), Err(IssueRefusal::NoVersion));
    req = request("1.0");
    req.author.clear();
    assert_eq!(issue(&mut doc, &req), Err(IssueRefusal::NoAuthor));
    req = request("1.0");
    req.sign_offs[1].role.clear();
    assert_eq!(
        issue(&mut doc, &req),
        Err(IssueRefusal::IncompleteSignOff(2))
    );
    issue(&mut doc, &request("1.0")).unwrap();
    assert_eq!(
        issue(&mut doc, &request(" 1.0 ")),
        Err(IssueRefusal::VersionExists("1.0".into()))
    );
}

#[test]
fn a_version_prepared_before_an_edit_is_stale() {
    let mut doc = document();
    let prepared = prepare_issue(doc.snapshot(), &request("1.0"), now(), today()).unwrap();
    let mut hazard = doc.project().hazards[0].clone();
    hazard.owner = "CSO".into();
    doc.apply(ops::update_hazard(doc.project(), hazard, "owner", now()))
        .unwrap();
    assert_eq!(
        issue_version(doc.project(), prepared).unwrap_err(),
        IssueRefusal::Stale
    );
}

#[test]
fn undo_takes_an_issue_back_whole() {
    let mut doc = document();
    let before = doc.project().clone();
    issue(&mut doc, &request("1.0")).unwrap();
    assert_eq!(doc.undo().unwrap().as_deref(), Some("issue version 1.0"));
    assert_eq!(doc.project(), &before);
}

#[test]
fn a_damaged_baseline_does_not_open() {
    let mut doc = document();
    issue(&mut doc, &request("1.0")).unwrap();
    let mut baseline = doc.project().baselines[0].clone();
    baseline.frozen.sha256 = "0".repeat(64);
    let error = open_baseline(&baseline).unwrap_err();
    assert!(
        error.contains("does not match its recorded hash"),
        "{error}"
    );
}

#[test]
fn checks_are_switched_off_with_a_reason_and_back_on() {
    let mut doc = document();
    let disabled = DisabledCheck {
        check: CheckId::ShortName,
        reason: "Names are codes in this log".into(),
        by: "CSO".into(),
        on: Some(today()),
    };
    let mut no_reason = disabled.clone();
    no_reason.reason.clear();
    assert!(disable_check(doc.project(), no_reason).is_err());
    doc.apply(disable_check(doc.project(), disabled).unwrap())
        .unwrap();
    assert!(!doc.project().checks.is_enabled(CheckId::ShortName));
    doc.apply(enable_check(doc.project(), CheckId::ShortName))
        .unwrap();
    assert!(doc.project().checks.is_enabled(CheckId::ShortName));
    assert!(enable_check(doc.project(), CheckId::ShortName).is_empty());
}
