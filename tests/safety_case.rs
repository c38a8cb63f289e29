//! The Clinical Safety Case Report and the DCB0160 handover pack, made from the bundled example
//! and read back with zip + quick-xml (not docx-rs, which wrote them): every section of the NHS
//! template in order, every count equal to what the app computes, the sign-off of an issued
//! version, and the command line.

use std::io::Read as _;
use std::path::Path;

use chrono::{DateTime, NaiveDate, Utc};
use hazard_workshop::domain::baseline::{BaselineSignOff, IssueReason, SignOffCapacity};
use hazard_workshop::domain::safety_case::SafetyCaseField;
use hazard_workshop::domain::summary::{Stage, matrix_counts, rating_counts};
use hazard_workshop::domain::{HazardStatus, Project};
use hazard_workshop::edit::Document;
use hazard_workshop::edit::version_ops::{IssueRequest, issue_version, prepare_issue};
use hazard_workshop::interchange::safety_case::{
    ReportError, ReportSource, handover_docx, handover_project, safety_case_docx,
};
use hazard_workshop::storage::project_file;
use quick_xml::events::Event;

fn example() -> Project {
    project_file::load(
        &Path::new(env!("CARGO_MANIFEST_DIR")).join("assets/example-workshop.hazlog"),
    )
    .unwrap()
}

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 28).unwrap()
}

/// A Word document as read back: its paragraphs outside tables (style and text) and its tables
/// (rows of cell texts), in document order.
#[derive(Debug, Default)]
struct ReadBack {
    paragraphs: Vec<(String, String)>,
    tables: Vec<Vec<Vec<String>>>,
}

impl ReadBack {
    fn headings(&self, style: &str) -> Vec<&str> {
        self.paragraphs
            .iter()
            .filter(|(s, _)| s == style)
            .map(|(_, t)| t.as_str())
            .collect()
    }

    fn all_text(&self) -> String {
        let mut all: Vec<String> = self.paragraphs.iter().map(|(_, t)| t.clone()).collect();
        for table in &self.tables {
            for row in table {
                all.push(row.join(" | "));
            }
        }
        all.join("\n")
    }

    /// The first table whose header row has this cell.
    fn table_with_header(&self, header: &str) -> &Vec<Vec<String>> {
        self.tables
            .iter()
            .find(|t| t.first().is_some_and(|row| row.iter().any(|c| c == header)))
            .unwrap_or_else(|| panic!("no table headed {header:?}"))
    }
}

fn read_docx(bytes: &[u8]) -> ReadBack {
    let mut archive = zip::ZipArchive::new(std::io::Cursor::new(bytes)).expect("a zip archive");
    let mut xml = String::new();
    archive
        .by_name("word/document.xml")
        .expect("a Word document part")
        .read_to_string(&mut xml)
        .unwrap();
    let mut reader = quick_xml::Reader::from_str(&xml);
    let mut out = ReadBack::default();
    let mut table_depth = 0;
    let mut style = String::new();
    let mut paragraph = String::new();
    let mut in_text = false;
    let mut rows: Vec<Vec<String>> = Vec::new();
    let mut cell = String::new();
    loop {
        match reader.read_event().unwrap() {
            Event::Start(e) => match e.name().as_ref() {
                "w:tbl" => {
                    table_depth += 1;
                    rows.clear();
                }
                "w:tr" => rows.push(Vec::new()),
                "w:tc" => cell.clear(),
                "w:p" => {
                    style.clear();
                    paragraph.clear();
                }
                "w:t" => in_text = true,
                _ => {}
            },
            Event::Empty(e) => match e.name().as_ref() {
                "w:pStyle" => {
                    for a in e.attributes() {
                        let a = a.unwrap();
                        if a.key.as_ref() == "w:val" {
                            style = a.value.to_string();
                        }
                    }
                }
                "w:br" => paragraph.push('\n'),
                _ => {}
            },
            Event::End(e) => match e.name().as_ref() {
                "w:t" => in_text = false,
                "w:p" => {
                    if table_depth > 0 {
                        if !cell.is_empty() {
                            cell.push('\n');
                        }
                        cell.push_str(&paragraph);
                    } else if !paragraph.is_empty() {
                        out.paragraphs.push((style.clone(), paragraph.clone()));
                    }
                }
                "w:tc" => rows.last_mut().unwrap().push(cell.clone()),
                "w:tbl" => {
                    table_depth -= 1;
                    out.tables.push(std::mem::take(&mut rows));
                }
                _ => {}
            },
            Event::Text(t) if in_text => paragraph.push_str(&t.xml10_content()),
            Event::GeneralRef(r) if in_text => {
                let name: &str = r.as_ref();
                paragraph.push_str(match name {
                    "amp" => "&",
                    "lt" => "<",
                    "gt" => ">",
                    "quot" => "\"",
                    "apos" => "'",
                    other => panic!("unexpected entity {other}"),
                });
            }
            Event::Eof => break,
            _ => {}
        }
    }
    out
}

const REPORT_SECTIONS: [&str; 10] = [
    "Document management",
    "1 Introduction",
    "2 System Definition / Overview",
    "3 Clinical Risk Management System",
    "4 Clinical Risk Analysis",
    "5 Clinical Risk Evaluation",
    "6 Test Issues",
    "7 Summary Safety Statement",
    "8 Quality Assurance and Document Approval",
    "9 Configuration Control / Management",
];

#[test]
fn the_draft_report_has_every_template_section_in_order() {
    let project = example();
    let source = ReportSource::of(&project, None, today()).unwrap();
    let doc = read_docx(&safety_case_docx(&source).unwrap());
    assert_eq!(doc.headings("Heading1"), REPORT_SECTIONS);
    assert_eq!(doc.headings("Title"), ["Clinical Safety Case Report"]);
    let subtitle = doc.headings("Subtitle");
    assert!(subtitle[0].contains("DRAFT"), "{subtitle:?}");
    let subheadings = doc.headings("Heading2");
    for expected in [
        "Revision history",
        "Reviewers",
        "Approved by",
        "Related documents",
        "Workshops held",
        "Participating personnel",
        "Technique and coverage",
        "Initial risk",
        "Residual risk",
        "Clinical Risk Control",
        "Hazard Log",
        "The facts beside the statement",
    ] {
        assert!(
            subheadings.contains(&expected),
            "{expected:?} in {subheadings:?}"
        );
    }
    // Nothing is written in the example yet: each written section says so, with guidance.
    let all = doc.all_text();
    assert!(all.contains(SafetyCaseField::Introduction.guidance()));
    assert!(all.contains("Not yet written."));
}

#[test]
fn every_count_in_the_report_is_the_apps() {
    let project = example();
    let source = ReportSource::of(&project, None, today()).unwrap();
    let doc = read_docx(&safety_case_docx(&source).unwrap());

    // The table of hazards per rating, most severe rating first, then "not scored".
    let table = doc.table_with_header("Acceptability");
    let initial = rating_counts(&project, Stage::Initial);
    let residual = rating_counts(&project, Stage::Residual);
    for (row, rating) in table[1..6].iter().zip([5usize, 4, 3, 2, 1]) {
        assert_eq!(row[0], rating.to_string());
        assert_eq!(
            row[2],
            initial[rating - 1].to_string(),
            "initial, rating {rating}"
        );
        assert_eq!(
            row[3],
            residual[rating - 1].to_string(),
            "residual, rating {rating}"
        );
    }
    assert_eq!(
        table[6][2],
        matrix_counts(&project, Stage::Initial).unscored.to_string()
    );

    // Both heat maps are pictures in the document, each followed by its counts as a table.
    let bytes = safety_case_docx(&source).unwrap();
    let mut archive = zip::ZipArchive::new(std::io::Cursor::new(&bytes)).unwrap();
    let pictures: Vec<String> = (0..archive.len())
        .map(|i| archive.by_index(i).unwrap().name().unwrap().to_string())
        .filter(|n| n.starts_with("word/media/") && n.ends_with(".png"))
        .collect();
    assert_eq!(pictures.len(), 2, "{pictures:?}");
    for name in &pictures {
        let mut png = Vec::new();
        archive
            .by_name(name)
            .unwrap()
            .read_to_end(&mut png)
            .unwrap();
        assert!(png.starts_with(b"\x89PNG"), "{name} is a PNG");
    }

    // The heat maps: every count in its cell, most likely row at the top.
    let maps: Vec<_> = doc
        .tables
        .iter()
        .filter(|t| t[0][0] == "Likelihood \\ Severity")
        .collect();
    assert_eq!(maps.len(), 2, "an initial and a residual heat map");
    for (map, stage) in maps.iter().zip([Stage::Initial, Stage::Residual]) {
        let counts = matrix_counts(&project, stage);
        let in_map: usize = map[1..]
            .iter()
            .flat_map(|row| row[1..].iter())
            .filter(|c| !c.is_empty())
            .map(|c| c.parse::<usize>().unwrap())
            .sum();
        assert_eq!(in_map, counts.scored(), "{stage:?}");
        assert_eq!(map[1][0], "Very High");
        assert_eq!(map[5][0], "Very Low");
    }

    // A card for every live hazard rated 3 or more initially, and the whole log as a table.
    let carded: Vec<String> = project
        .live_hazards()
        .filter(|h| {
            h.initial
                .rating(&project.matrix)
                .is_some_and(|r| r.value() >= 3)
        })
        .map(|h| h.display_id.clone())
        .collect();
    assert!(
        !carded.is_empty(),
        "the example has hazards rated 3 or more"
    );
    let subheadings = doc.headings("Heading2");
    for id in &carded {
        assert!(
            subheadings
                .iter()
                .any(|s| s.starts_with(&format!("{id} “"))),
            "a card for {id}"
        );
    }
    let log = doc.table_with_header("Hazard");
    assert_eq!(log.len() - 1, project.live_hazards().count());

    // The workshops held: one row per meeting.
    let workshops = doc.table_with_header("Workshop");
    assert_eq!(workshops.len() - 1, project.meetings.len());
}

fn issued_example() -> Project {
    let mut doc = Document::new(example(), None);
    let approver = |name: &str| BaselineSignOff {
        capacity: SignOffCapacity::Approver,
        name: name.into(),
        role: "Clinical Safety Officer".into(),
        registration: "GMC 7654321".into(),
        date: today(),
    };
    let request = IssueRequest {
        version: "1.0".into(),
        author: "Safety team".into(),
        reason: IssueReason::SafetyCaseReport,
        reason_text: "Go-live of the ward rollout".into(),
        sign_offs: vec![approver("Dr Approver One"), approver("Dr Approver Two")],
        open_checks_reason: "Open items are tracked as actions".into(),
    };
    let issued: DateTime<Utc> = DateTime::UNIX_EPOCH;
    let prepared = prepare_issue(doc.snapshot(), &request, issued, today()).unwrap();
    let edit = issue_version(doc.project(), prepared).unwrap();
    doc.apply(edit).unwrap();
    doc.project().clone()
}

#[test]
fn a_report_of_an_issued_version_names_its_sign_off_and_hash_and_ignores_later_edits() {
    let mut project = issued_example();
    let hash = project.baselines[0].frozen.sha256.clone();
    // A later edit of the current log does not reach the report of version 1.0.
    project.hazards[0].name = "Renamed after issue".into();
    let source = ReportSource::of(&project, Some("1.0"), today()).unwrap();
    let doc = read_docx(&safety_case_docx(&source).unwrap());
    let all = doc.all_text();
    assert!(!all.contains("Renamed after issue"));
    assert!(all.contains("Dr Approver One") && all.contains("Dr Approver Two"));
    assert!(all.contains(&hash), "the content hash");
    assert!(all.contains("Clinical Safety Case Report: Go-live of the ward rollout"));
    let approvers = doc.table_with_header("Registration");
    assert_eq!(approvers.len() - 1, 2);
    assert!(!doc.headings("Subtitle")[0].contains("DRAFT"));

    let missing = ReportSource::of(&project, Some("9.9"), today())
        .err()
        .unwrap();
    assert!(matches!(missing, ReportError::NoSuchVersion { .. }));
    assert!(
        missing.to_string().contains("Issued versions: 1.0."),
        "{missing}"
    );
}

#[test]
fn what_the_cso_writes_appears_in_its_section() {
    let mut project = example();
    project.metadata.safety_case.summary_safety_statement =
        "Safe to deploy for ward prescribing.\n\nOn condition that training is complete.".into();
    project.actions[0].test_issue = true;
    let source = ReportSource::of(&project, None, today()).unwrap();
    let doc = read_docx(&safety_case_docx(&source).unwrap());
    let at = |text: &str| doc.paragraphs.iter().position(|(_, t)| t == text);
    let statement = at("7 Summary Safety Statement").unwrap();
    let first = at("Safe to deploy for ward prescribing.").unwrap();
    let second = at("On condition that training is complete.").unwrap();
    assert!(statement < first && first < second);
    let issues = doc.table_with_header("Issue");
    assert_eq!(issues.len(), 2);
    assert_eq!(issues[1][0], project.actions[0].description.trim());
}

#[test]
fn the_handover_pack_lists_every_transferred_hazard_and_what_the_deployer_does() {
    let project = example();
    let transferred: Vec<_> = project
        .hazards
        .iter()
        .filter(|h| h.status == HazardStatus::Transferred)
        .collect();
    assert!(!transferred.is_empty(), "the example transfers a hazard");
    let source = ReportSource::of(&project, None, today()).unwrap();
    let doc = read_docx(&handover_docx(&source).unwrap());
    assert_eq!(doc.headings("Title"), ["DCB0160 handover pack"]);
    let summary = doc.table_with_header("Residual risk");
    assert_eq!(summary.len() - 1, transferred.len());
    for hazard in &transferred {
        assert!(summary.iter().any(|row| row[0] == hazard.display_id));
    }
    assert!(
        doc.all_text()
            .contains("The deploying organisation puts in place")
    );

    let cut = handover_project(&project);
    assert_eq!(cut.hazards.len(), transferred.len());
    assert!(
        cut.hazards
            .iter()
            .all(|h| h.status == HazardStatus::Transferred)
    );
}

fn run_binary(args: &[&std::ffi::OsStr]) -> std::process::Output {
    std::process::Command::new(env!("CARGO_BIN_EXE_hazard-workshop"))
        .args(args)
        .output()
        .unwrap()
}

#[test]
fn the_command_line_writes_the_report_and_the_handover_pack() {
    let dir = tempfile::tempdir().unwrap();
    let project = dir.path().join("issued.hazlog");
    project_file::save(&issued_example(), &project).unwrap();
    let report = dir.path().join("cscr.docx");
    let output = run_binary(&[
        "export-report".as_ref(),
        project.as_os_str(),
        report.as_os_str(),
        "--baseline".as_ref(),
        "1.0".as_ref(),
    ]);
    assert!(output.status.success(), "{output:?}");
    assert!(String::from_utf8_lossy(&output.stdout).contains("version 1.0"));
    let doc = read_docx(&std::fs::read(&report).unwrap());
    assert_eq!(doc.headings("Heading1"), REPORT_SECTIONS);

    // Never overwritten without --force; an unknown version is a clear failure.
    let again = run_binary(&[
        "export-report".as_ref(),
        project.as_os_str(),
        report.as_os_str(),
    ]);
    assert_eq!(again.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&again.stderr).contains("--force"));
    let unknown = dir.path().join("none.docx");
    let missing = run_binary(&[
        "export-report".as_ref(),
        project.as_os_str(),
        unknown.as_os_str(),
        "--baseline=7".as_ref(),
    ]);
    assert_eq!(missing.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&missing.stderr).contains("no issued version “7”"));
    assert!(!unknown.exists());

    let pack = dir.path().join("handover.docx");
    let output = run_binary(&[
        "export-handover".as_ref(),
        project.as_os_str(),
        pack.as_os_str(),
    ]);
    assert!(output.status.success(), "{output:?}");
    let doc = read_docx(&std::fs::read(&pack).unwrap());
    assert_eq!(doc.headings("Title"), ["DCB0160 handover pack"]);
    // The workbook beside it holds the transferred hazards, read back by calamine.
    use calamine::Reader as _;
    let mut book: calamine::Xlsx<_> = calamine::open_workbook(pack.with_extension("xlsx")).unwrap();
    let sheet = book.worksheet_range("Hazard Log").unwrap();
    let transferred: Vec<String> = example()
        .hazards
        .iter()
        .filter(|h| h.status == HazardStatus::Transferred)
        .map(|h| h.display_id.clone())
        .collect();
    let in_sheet = |id: &str| {
        sheet.rows().any(|row| {
            row.iter()
                .any(|c| matches!(c, calamine::Data::String(s) if s == id))
        })
    };
    for id in &transferred {
        assert!(in_sheet(id), "{id} in the handover workbook");
    }
    for other in example()
        .hazards
        .iter()
        .filter(|h| h.status != HazardStatus::Transferred)
    {
        assert!(
            !in_sheet(&other.display_id),
            "{} is not handed over",
            other.display_id
        );
    }
}

#[test]
fn the_written_sections_and_test_issues_survive_the_project_file_and_cost_nothing_when_empty() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("p.hazlog");
    let plain = example();
    project_file::save(&plain, &path).unwrap();
    let text = std::fs::read_to_string(&path).unwrap();
    assert!(!text.contains("safety_case") && !text.contains("test_issue"));

    let mut written = example();
    written.metadata.safety_case.introduction = "Covers release 4.2.".into();
    written.metadata.safety_case.related_documents =
        vec![hazard_workshop::domain::safety_case::RelatedDocument {
            reference: "CRM-01".into(),
            title: "Clinical risk management plan".into(),
            version: "2.0".into(),
        }];
    written.actions[0].test_issue = true;
    project_file::save(&written, &path).unwrap();
    assert_eq!(project_file::load(&path).unwrap(), written);
}

#[test]
fn a_control_the_deploying_organisation_owns_is_handed_over_whatever_its_kind() {
    let mut project = example();
    let transferred = project
        .hazards
        .iter()
        .position(|h| h.status == HazardStatus::Transferred)
        .unwrap();
    project.hazards[transferred].additional_controls.push(
        hazard_workshop::domain::AdditionalControl {
            kind: hazard_workshop::domain::ControlKind::Design,
            text: "Local formulary build checked against the supplier's list".into(),
            owner: "Northbridge pharmacy IT".into(),
            evidence: String::new(),
        },
    );
    let handed_over = |project: &Project| {
        let source = ReportSource::of(project, None, today()).unwrap();
        read_docx(&handover_docx(&source).unwrap()).all_text()
    };
    assert!(!handed_over(&project).contains("Local formulary build"));
    project.metadata.safety_case.deploying_organisation = "Northbridge".into();
    assert!(handed_over(&project).contains("Local formulary build"));
}
