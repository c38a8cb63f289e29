//! Unit tests of the report's source selection; the documents are read back in
//! `tests/safety_case.rs`.

use super::*;

#[test]
fn the_current_log_is_a_draft_of_the_project_as_it_is() {
    let project = Project::default();
    let today = NaiveDate::from_ymd_opt(2026, 11, 28).unwrap();
    let source = ReportSource::of(&project, None, today).unwrap();
    assert!(source.issued.is_none());
    assert!(
        source.history.is_empty(),
        "nothing issued, no revision history"
    );
    assert_eq!(source.log, project);
    assert!(source.describe().contains("draft"));
}

#[test]
fn an_unknown_version_says_none_has_been_issued() {
    let project = Project::default();
    let today = NaiveDate::from_ymd_opt(2026, 11, 28).unwrap();
    let error = ReportSource::of(&project, Some("1.0"), today)
        .err()
        .unwrap();
    assert!(
        error.to_string().contains("No version has been issued yet"),
        "{error}"
    );
}
