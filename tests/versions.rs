//! Issued versions end to end: a baseline never changes after later edits, a version compared
//! with itself has no changes, and the diff's Word and spreadsheet exports read back (with zip +
//! quick-xml and calamine, not the writers) with the changes in them.

use std::io::Read as _;
use std::path::Path;
use std::sync::Arc;

use calamine::{Data, Reader, Xlsx};
use chrono::{DateTime, NaiveDate, Utc};
use hazard_workshop::domain::baseline::{BaselineSignOff, IssueReason, SignOffCapacity};
use hazard_workshop::domain::diff::{DiffKind, diff};
use hazard_workshop::domain::{HazardStatus, Likelihood, Project, Severity};
use hazard_workshop::edit::version_ops::{
    IssueRequest, issue_version, open_baseline, prepare_issue,
};
use hazard_workshop::edit::{Document, ops};
use hazard_workshop::interchange::diff_docx::{DiffLabels, diff_docx};
use hazard_workshop::interchange::diff_xlsx::{HEADERS, SHEET_NAME, diff_xlsx};
use hazard_workshop::storage::project_file;
use proptest::prelude::*;
use quick_xml::events::Event;

fn example() -> Project {
    project_file::load(
        &Path::new(env!("CARGO_MANIFEST_DIR")).join("assets/example-workshop.hazlog"),
    )
    .unwrap()
}

fn now() -> DateTime<Utc> {
    DateTime::UNIX_EPOCH
}

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 28).unwrap()
}

fn request(version: &str) -> IssueRequest {
    let approver = |name: &str| BaselineSignOff {
        capacity: SignOffCapacity::Approver,
        name: name.into(),
        role: "Clinical Safety Officer".into(),
        registration: "GMC 7654321".into(),
        date: today(),
    };
    IssueRequest {
        version: version.into(),
        author: "Safety team".into(),
        reason: IssueReason::Release,
        reason_text: String::new(),
        sign_offs: vec![approver("Dr A"), approver("Dr B")],
        open_checks_reason: "Open items are tracked as actions".into(),
    }
}

fn issue(doc: &mut Document, version: &str) {
    let prepared = prepare_issue(doc.snapshot(), &request(version), now(), today()).unwrap();
    let edit = issue_version(doc.project(), prepared).unwrap();
    doc.apply(edit).unwrap();
}

/// A later edit of the property tests.
#[derive(Clone, Debug)]
enum Later {
    Rename(usize, String),
    Withdraw(usize, String),
    Rescore(usize, usize, usize),
    Capture(String),
    Undo,
}

fn later() -> impl Strategy<Value = Later> {
    prop_oneof![
        (0usize..100, "[A-Za-z ]{0,12}").prop_map(|(i, t)| Later::Rename(i, t)),
        (0usize..100, "[a-z ]{1,12}").prop_map(|(i, t)| Later::Withdraw(i, t)),
        (0usize..100, 0usize..5, 0usize..5).prop_map(|(i, s, l)| Later::Rescore(i, s, l)),
        "[A-Za-z ]{1,12}".prop_map(Later::Capture),
        Just(Later::Undo),
    ]
}

fn apply_later(doc: &mut Document, change: Later) {
    let n = doc.project().hazards.len();
    let edit = match change {
        Later::Rename(i, name) => {
            let mut h = doc.project().hazards[i % n].clone();
            h.name = name;
            ops::update_hazard(doc.project(), h, "name", now())
        }
        Later::Withdraw(i, reason) => {
            let mut h = doc.project().hazards[i % n].clone();
            h.status = HazardStatus::Withdrawn { reason };
            ops::update_hazard(doc.project(), h, "status", now())
        }
        Later::Rescore(i, s, l) => {
            let mut h = doc.project().hazards[i % n].clone();
            h.residual.severity = Some(Severity::ALL[s]);
            h.residual.likelihood = Some(Likelihood::ALL[l]);
            ops::update_hazard(doc.project(), h, "residual", now())
        }
        Later::Capture(name) => ops::capture_hazard(doc.project(), &name, now()).0,
        Later::Undo => {
            // Never undo the issue itself: that is taking the version back, not editing after.
            if doc
                .undo_label()
                .is_some_and(|l| !l.starts_with("issue version"))
            {
                doc.undo().unwrap();
            }
            return;
        }
    };
    doc.apply(edit).unwrap();
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(24))]

    /// Whatever is edited after an issue, the baseline (and the project it opens to) stays as
    /// issued, and a version compared with itself has no changes.
    #[test]
    fn a_baseline_never_changes_after_later_edits(changes in prop::collection::vec(later(), 1..20)) {
        let mut doc = Document::new(example(), None);
        issue(&mut doc, "1.0");
        let baseline = doc.project().baselines[0].clone();
        let issued = open_baseline(&baseline).unwrap();
        for change in changes {
            apply_later(&mut doc, change);
        }
        prop_assert_eq!(&doc.project().baselines[0], &baseline);
        prop_assert_eq!(open_baseline(&doc.project().baselines[0]).unwrap(), issued.clone());
        prop_assert!(diff(&issued, &issued).is_empty());
        prop_assert!(diff(doc.project(), doc.project()).is_empty());
    }
}

/// The example, issued as 1.0, then three hazards changed: one renamed and rescored, one
/// withdrawn, one captured.
fn issued_and_changed() -> (Project, Project) {
    let mut doc = Document::new(example(), None);
    issue(&mut doc, "1.0");
    let base = open_baseline(&doc.project().baselines[0]).unwrap();
    let mut first = doc.project().hazards[0].clone();
    first.name = format!("{} (revised)", first.name);
    first.residual.severity = Some(Severity::Minor);
    first.residual.likelihood = Some(Likelihood::VeryLow);
    doc.apply(ops::update_hazard(doc.project(), first, "name", now()))
        .unwrap();
    let mut second = doc.project().hazards[1].clone();
    second.status = HazardStatus::Withdrawn {
        reason: "Merged into the first".into(),
    };
    doc.apply(ops::update_hazard(doc.project(), second, "status", now()))
        .unwrap();
    doc.apply(
        ops::capture_hazard(
            doc.project(),
            "Printer prints the wrong patient label",
            now(),
        )
        .0,
    )
    .unwrap();
    (base, doc.project().clone())
}

fn labels() -> DiffLabels {
    DiffLabels {
        system: "Example system".into(),
        from: "version 1.0".into(),
        to: "the current log".into(),
    }
}

/// Every `w:t` text of the document body, in order, read with quick-xml.
fn docx_texts(bytes: &[u8]) -> Vec<String> {
    let mut archive = zip::ZipArchive::new(std::io::Cursor::new(bytes)).unwrap();
    let mut xml = String::new();
    archive
        .by_name("word/document.xml")
        .unwrap()
        .read_to_string(&mut xml)
        .unwrap();
    let mut reader = quick_xml::Reader::from_str(&xml);
    let mut texts = Vec::new();
    let mut current: Option<String> = None;
    loop {
        match reader.read_event().unwrap() {
            Event::Start(e) if e.name().as_ref() == "w:t" => current = Some(String::new()),
            Event::End(e) if e.name().as_ref() == "w:t" => texts.extend(current.take()),
            Event::Text(t) => {
                if let Some(text) = current.as_mut() {
                    text.push_str(&t.xml10_content());
                }
            }
            Event::GeneralRef(r) => {
                if let Some(text) = current.as_mut() {
                    let name: &str = r.as_ref();
                    text.push_str(match name {
                        "amp" => "&",
                        "lt" => "<",
                        "gt" => ">",
                        "quot" => "\"",
                        "apos" => "'",
                        other => panic!("unexpected entity {other}"),
                    });
                }
            }
            Event::Eof => break,
            _ => {}
        }
    }
    texts
}

#[test]
fn the_diff_exports_to_word_with_every_change() {
    let (base, now_project) = issued_and_changed();
    let d = diff(&base, &now_project);
    let bytes = diff_docx(&d, &labels()).unwrap();
    let texts = docx_texts(&bytes);
    let all = texts.join("\n");
    for expected in [
        "Changes from version 1.0 to the current log",
        "Hazards added",
        "Hazards withdrawn",
        "Merged into the first",
        "Hazards changed",
        "Printer prints the wrong patient label",
        &now_project.hazards[0].name,
        "Initial risk",
        "Residual risk",
    ] {
        assert!(all.contains(expected), "{expected:?} in\n{all}");
    }
    // The summary counts, as the diff counts them.
    let added = texts.iter().position(|t| t == "Added").unwrap();
    assert_eq!(texts[added + 1], d.count(DiffKind::Added).to_string());
    assert_eq!(d.count(DiffKind::Added), 1);
    assert_eq!(d.count(DiffKind::Withdrawn), 1);
}

#[test]
fn the_diff_exports_to_a_sheet_with_one_row_per_change() {
    let (base, now_project) = issued_and_changed();
    let d = diff(&base, &now_project);
    let bytes = diff_xlsx(&d, &labels()).unwrap();
    let mut workbook: Xlsx<_> = Xlsx::new(std::io::Cursor::new(bytes)).unwrap();
    let range = workbook.worksheet_range(SHEET_NAME).unwrap();
    let cell = |r: u32, c: u32| match range.get_value((r, c)) {
        Some(Data::String(s)) => s.clone(),
        Some(Data::Float(f)) => f.to_string(),
        _ => String::new(),
    };
    assert_eq!(cell(0, 0), "Changes from version 1.0 to the current log");
    let headers: Vec<String> = (0..6).map(|c| cell(2, c)).collect();
    assert_eq!(headers, HEADERS);
    let rows: Vec<[String; 6]> = (3..range.height() as u32)
        .map(|r| std::array::from_fn(|c| cell(r, c as u32)))
        .take_while(|row| !row[0].is_empty())
        .collect();
    let first = &now_project.hazards[0];
    assert!(rows.iter().any(|r| r[0] == "Changed"
        && r[1] == first.display_id
        && r[3] == "name"
        && r[5] == first.name));
    assert!(
        rows.iter()
            .any(|r| r[0] == "Withdrawn" && r[5] == "Merged into the first")
    );
    assert!(
        rows.iter()
            .any(|r| r[0] == "Added" && r[2] == "Printer prints the wrong patient label")
    );
    assert!(
        rows.iter()
            .any(|r| r[0] == "Risk moved" && r[3] == "residual risk" && r[5] == "1")
    );
}

#[test]
fn baselines_survive_saving_and_opening_the_project_file() {
    let mut doc = Document::new(example(), None);
    issue(&mut doc, "1.0");
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("log.hazlog");
    project_file::save(doc.project(), &path).unwrap();
    let back = project_file::load(&path).unwrap();
    assert_eq!(&back, doc.project());
    assert_eq!(
        open_baseline(&back.baselines[0]).unwrap(),
        open_baseline(&doc.project().baselines[0]).unwrap()
    );
    let _ = Arc::new(back);
}
