//! Tests of the minutes document and both of its layouts.

use super::*;
use crate::domain::{
    ActionKey, ActionStatus, Assessment, Attendance, EntryKey, Likelihood, Severity,
};
use std::io::Read;
use std::path::Path;

fn example() -> Project {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("assets/example-workshop.hazlog");
    crate::storage::project_file::load(&path).expect("the bundled example loads")
}

/// The parts of a .docx by name.
fn unzip(bytes: &[u8]) -> std::collections::BTreeMap<String, String> {
    let mut archive = zip::ZipArchive::new(Cursor::new(bytes)).expect("a zip archive");
    let mut parts = std::collections::BTreeMap::new();
    for i in 0..archive.len() {
        let mut file = archive.by_index(i).unwrap();
        let mut text = String::new();
        file.read_to_string(&mut text).unwrap();
        parts.insert(file.name().unwrap().to_string(), text);
    }
    parts
}

fn xml_unescape(xml: &str) -> String {
    xml.replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&apos;", "'")
        .replace("&#xA;", "\n")
        .replace("&amp;", "&")
}

/// Pipes that separate cells, not escaped ones.
fn cell_separators(line: &str) -> usize {
    let mut count = 0;
    let mut escaped = false;
    for c in line.chars() {
        match c {
            '\\' if !escaped => escaped = true,
            '|' if !escaped => count += 1,
            _ => escaped = false,
        }
    }
    count
}

/// Every table row has as many cells as its header.
fn assert_tables_well_formed(markdown: &str) {
    let mut expected = None;
    for line in markdown.lines() {
        if line.starts_with('|') {
            let n = cell_separators(line);
            assert_eq!(*expected.get_or_insert(n), n, "ragged table row: {line}");
        } else {
            expected = None;
        }
    }
}

#[test]
fn markdown_of_the_example_meetings_holds_the_whole_record() {
    let project = example();
    assert_eq!(project.meetings.len(), 2);
    for meeting in &project.meetings {
        let md = minutes_markdown(&project, meeting.key).unwrap();
        // The example's texts have no Markdown specials, so they appear exactly as typed.
        assert!(md.contains(&md_escape(&meeting.title)), "{}", meeting.title);
        for heading in [
            "## Attendance",
            "## Agenda",
            "## Minutes",
            "## Summary",
            "### Decisions",
            "### Parked items",
            "### Considered and not hazards",
            "### Information needed",
            "## Hazards",
            "### Hazards raised at this meeting",
            "### Other hazards discussed or referenced",
            "## Actions",
        ] {
            assert!(md.lines().any(|l| l == heading), "{heading} missing");
        }
        for entry in &meeting.entries {
            assert!(md.contains(&md_escape(&entry.text)), "{}", entry.text);
        }
        for attendance in &meeting.attendance {
            let person = project.person(attendance.person).unwrap();
            assert!(md.contains(&format!(
                "| {} | {} | {} | {} |",
                person.name,
                person.role,
                person.organisation,
                attendance.status.label()
            )));
        }
        for (i, item) in meeting.agenda.iter().enumerate() {
            assert!(md.contains(&format!("\n{}. {item}\n", i + 1)), "{item}");
        }
        let raised: Vec<_> = project
            .hazards
            .iter()
            .filter(|h| h.raised_in == Some(meeting.key))
            .collect();
        assert!(!raised.is_empty());
        for hazard in raised {
            assert!(
                md.contains(&format!("| {} | {} |", hazard.display_id, hazard.name)),
                "{}",
                hazard.display_id
            );
        }
        let actions: Vec<_> = project
            .actions
            .iter()
            .filter(|a| a.raised_in == Some(meeting.key))
            .collect();
        assert!(!actions.is_empty());
        for action in actions {
            let owner = project.person(action.owner.unwrap()).unwrap();
            let due = action.due.unwrap().format("%-d %b %Y").to_string();
            assert!(
                md.contains(&format!(
                    "| {} | {} | {due} | {} |",
                    action.description,
                    owner.name,
                    action.status.label()
                )),
                "{}",
                action.description
            );
        }
        assert_tables_well_formed(&md);
        assert!(
            !md.lines().any(|l| l.ends_with([' ', '\t'])),
            "trailing space"
        );
        assert!(md.ends_with(".*\n") && !md.ends_with("\n\n"));
    }
}

#[test]
fn markdown_header_and_minutes_read_as_a_record() {
    let project = example();
    let md = minutes_markdown(&project, MeetingKey(11)).unwrap();
    for expected in [
        "# HAZID workshop: prescribing, administration and discharge\n",
        "Minutes · Hazard identification (HAZID)\n",
        "- **System:** MedChart ePMA 4.2\n",
        "- **Organisation:** Northbridge Hospitals NHS Foundation Trust\n",
        "- **Hazard log:** NBH-CS-HL-001, MedChart ePMA Clinical Safety Hazard Log, version 0.2\n",
        "- **Date:** Tuesday 15 September 2026\n",
        "- **Time:** 09:30–12:00\n",
        "- **Location:** Seminar Room 2, Education Centre / Teams\n",
        "- **Facilitator:** Dr Sarah Lindqvist, Clinical Safety Officer (facilitator)\n",
        "- **Note-taker:** Hannah Price, Project Support Officer (note-taker)\n",
        "| 3 | 10:05 | Prompt \"wrong patient\": H001 raised. Similar names on the same ward were \
         seen in the pilot.<br>*→ Raised as H001 “Wrong patient selected when prescribing”* |",
        "| 6 | 10:35 | **Considered, not a hazard:** Drug search lists brand names:",
        "| 11 | 11:35 | **Decision:** Duplicate therapy alerts",
        "| 7 | 10:45 | **Parked:** Variable-rate insulin",
        "| 9 | 11:05 | **Information needed:** Supplier to confirm",
        "| 12 | 11:45 | **Action:** IT Service Manager",
        "| H001 | Wrong patient selected when prescribing | Open | 3 — Undesirable | 2 — Acceptable (conditionally) |",
        "| H006 | ePMA system unavailable (unplanned outage) | Open | 3 — Undesirable | Not scored |",
        "| H011 | Duplicate therapy alerts ignored | Withdrawn: ",
        "- H001-H012 to be scored at the HAZAN workshop on 06.10.2026. Draft hazard log v0.1 to \
         be circulated by 19.09.2026. *(minute 13)*\n",
        "*Generated by Hazard Workshop ",
    ] {
        assert!(md.contains(expected), "missing: {expected}\n\n{md}");
    }
    // Everything discussed at the HAZID was raised there.
    let others = md.split("### Other hazards").nth(1).unwrap();
    assert!(
        others
            .trim_start()
            .starts_with("discussed or referenced\n\n*None recorded.*")
    );

    let hazan = minutes_markdown(&project, MeetingKey(12)).unwrap();
    let others = hazan.split("### Other hazards").nth(1).unwrap();
    let others = others.split("## Actions").next().unwrap();
    assert!(others.contains("| H001 | Wrong patient selected when prescribing |"));
    assert!(!others.contains("| H013 |"), "raised there, listed above");
    assert!(hazan.contains("| Michael Adeyemi |"));
    assert!(hazan.contains("| Absent |"));
    assert!(hazan.contains("| Apologies |"));
}

#[test]
fn docx_of_the_example_meetings_is_a_word_document_with_the_record() {
    let project = example();
    for meeting in &project.meetings {
        let bytes = minutes_docx(&project, meeting.key).unwrap();
        let parts = unzip(&bytes);
        for part in ["[Content_Types].xml", "_rels/.rels", "word/document.xml"] {
            assert!(parts.contains_key(part), "{part} missing");
        }
        for part in ["word/styles.xml", "word/numbering.xml", "word/footer1.xml"] {
            assert!(parts.contains_key(part), "{part} missing");
        }
        let xml = &parts["word/document.xml"];
        let text = xml_unescape(xml);
        assert!(text.contains(&meeting.title));
        for entry in &meeting.entries {
            assert!(text.contains(&entry.text), "{}", entry.text);
        }
        for attendance in &meeting.attendance {
            assert!(text.contains(&project.person(attendance.person).unwrap().name));
        }
        for item in &meeting.agenda {
            assert!(text.contains(item.as_str()));
        }
        // Facts, attendance, minutes, two hazard tables (or none-recorded) and actions.
        assert!(xml.matches("<w:tbl>").count() >= 5);
        assert_eq!(
            xml.matches("<w:tblHeader />").count(),
            xml.matches("<w:tbl>").count() - 1,
            "every table but the facts has a header row"
        );
        assert!(!xml.contains("<w:trHeight"));
        assert!(xml.contains(r#"w:fill="DCE6F2""#));
        assert!(xml.contains(r#"<w:pStyle w:val="Heading1" />"#));
        assert!(xml.contains(r#"<w:pgSz w:w="11906" w:h="16838" />"#));
        assert!(parts["word/footer1.xml"].contains("PAGE"));
        docx_rs::read_docx(&bytes).expect("docx-rs reads its own output back");
    }
}

fn awkward_project() -> (Project, MeetingKey) {
    let mut project = Project::default();
    let awkward = "Dose | 5 * 2 <b>µg</b> & \"quoted\" — 'done'\r\nsecond line\u{7}\tend &amp;";
    project.people.push(Person {
        key: PersonKey(1),
        name: "A & B <Trust> | Ltd".into(),
        role: "*Role*".into(),
        organisation: "Org_1".into(),
        email: String::new(),
    });
    let mut hazard = Hazard::new(
        HazardKey(2),
        "H001".into(),
        "Pipes | and <tags>".into(),
        chrono::DateTime::UNIX_EPOCH,
    );
    hazard.raised_in = Some(MeetingKey(3));
    hazard.initial = Assessment::new(Severity::Major, Likelihood::Low);
    project.hazards.push(hazard);
    project.meetings.push(Meeting {
        key: MeetingKey(3),
        title: "Review: A/B <test> | \"x\"".into(),
        agenda: vec!["1. Welcome".into(), "- apologies".into()],
        attendance: vec![Attendance {
            person: PersonKey(1),
            status: AttendanceStatus::Present,
        }],
        entries: vec![MinuteEntry {
            key: EntryKey(4),
            kind: EntryKind::NotAHazard,
            text: awkward.into(),
            time: None,
            hazard: Some(HazardKey(2)),
            about: None,
        }],
        ..Meeting::default()
    });
    project.actions.push(ActionItem {
        key: ActionKey(5),
        description: "Check # and ` and [link](x)".into(),
        owner: None,
        due: None,
        status: ActionStatus::Open,
        raised_in: Some(MeetingKey(3)),
        hazards: vec![HazardKey(2)],
        test_issue: false,
    });
    (project, MeetingKey(3))
}

#[test]
fn awkward_text_renders_safely_in_markdown() {
    let (project, key) = awkward_project();
    let md = minutes_markdown(&project, key).unwrap();
    assert!(md.contains(
        "| 1 |  | **Considered, not a hazard:** Dose \\| 5 \\* 2 \\<b\\>µg\\</b\\> & \"quoted\" \
         — 'done'<br>second line end \\&amp;<br>*→ Raised as H001 “Pipes \\| and \\<tags\\>”* |"
    ), "{md}");
    assert!(md.contains("# Review: A/B \\<test\\> \\| \"x\"\n"));
    assert!(md.contains("| A & B \\<Trust\\> \\| Ltd | \\*Role\\* | Org\\_1 | Present |"));
    assert!(md.contains("1. 1\\. Welcome\n2. \\- apologies\n"), "{md}");
    assert!(md.contains(
        "| Check \\# and \\` and \\[link\\](x) | Not assigned | Not set | Open | H001 |"
    ));
    assert!(md.contains(
        "| H001 | Pipes \\| and \\<tags\\> | New for triage | 3 — Undesirable | Not scored |"
    ));
    assert!(!md.contains('\u{7}') && !md.contains('\r') && !md.contains('\t'));
    assert_tables_well_formed(&md);
    assert!(!md.lines().any(|l| l.ends_with(' ')));
}

#[test]
fn awkward_text_survives_in_docx() {
    let (project, key) = awkward_project();
    let bytes = minutes_docx(&project, key).unwrap();
    let xml = &unzip(&bytes)["word/document.xml"];
    assert!(!xml.contains('\u{7}'));
    let text = xml_unescape(xml);
    for expected in [
        "Dose | 5 * 2 <b>µg</b> & \"quoted\" — 'done'",
        "second line end &amp;",
        "Review: A/B <test> | \"x\"",
        "A & B <Trust> | Ltd",
        "→ Raised as H001 “Pipes | and <tags>”",
        "Considered, not a hazard:",
    ] {
        assert!(text.contains(expected), "missing: {expected}");
    }
    assert!(xml.contains("<w:br w:type=\"textWrapping\" />"));
    let read = docx_rs::read_docx(&bytes).expect("well-formed");
    let json = read.json();
    assert!(json.contains("µg"));
}

#[test]
fn an_empty_meeting_still_makes_a_sensible_document() {
    let mut project = Project::default();
    project.meetings.push(Meeting {
        key: MeetingKey(1),
        ..Meeting::default()
    });
    let md = minutes_markdown(&project, MeetingKey(1)).unwrap();
    assert!(md.starts_with("# Hazard identification (HAZID) meeting\n"));
    for fact in [
        "Date",
        "Time",
        "Location",
        "Scope",
        "Facilitator",
        "Note-taker",
    ] {
        assert!(
            md.contains(&format!("- **{fact}:** Not recorded\n")),
            "{fact}"
        );
    }
    assert!(!md.contains("**System:**"), "no metadata, no empty facts");
    // Attendance, agenda, minutes, four summary groups, two hazard tables, actions.
    assert_eq!(md.matches("*None recorded.*").count(), 10, "{md}");
    assert!(md.contains("from the project's hazard log."));
    assert!(!md.contains("| ---"));

    let bytes = minutes_docx(&project, MeetingKey(1)).unwrap();
    let xml = &unzip(&bytes)["word/document.xml"];
    assert_eq!(xml.matches("None recorded.").count(), 10);
    docx_rs::read_docx(&bytes).expect("well-formed");
}

#[test]
fn a_missing_meeting_is_reported() {
    let project = Project::default();
    assert!(minutes_markdown(&project, MeetingKey(9)).is_none());
    assert!(matches!(
        minutes_docx(&project, MeetingKey(9)),
        Err(MinutesError::NoSuchMeeting(MeetingKey(9)))
    ));
}

#[test]
fn file_stems_are_safe_everywhere() {
    let meeting = |title: &str, date| Meeting {
        title: title.into(),
        date,
        ..Meeting::default()
    };
    let date = NaiveDate::from_ymd_opt(2026, 9, 15);
    assert_eq!(
        suggested_file_stem(&meeting("HAZID workshop", date)),
        "2026-09-15 HAZID workshop minutes"
    );
    assert_eq!(
        suggested_file_stem(&meeting(
            "HAZID workshop: prescribing, administration and discharge",
            date
        )),
        "2026-09-15 HAZID workshop - prescribing, administration and discharge minutes"
    );
    let stem = suggested_file_stem(&meeting("a/b\\c:d*e?f\"g<h>i|j\u{0}k. ", None));
    assert!(!stem.contains(['/', '\\', ':', '*', '?', '"', '<', '>', '|', '\u{0}']));
    assert_eq!(stem, "a-b-c-defg-h-i-j k minutes");
    assert_eq!(
        suggested_file_stem(&meeting("Review :: <draft> | v2", None)),
        "Review - draft - v2 minutes"
    );
    assert_eq!(
        suggested_file_stem(&Meeting {
            kind: MeetingKind::Hazan,
            ..meeting(" ::: ", date)
        }),
        "2026-09-15 HAZAN minutes"
    );
    let long = suggested_file_stem(&meeting(&"word ".repeat(40), None));
    assert!(long.chars().count() <= 90 && long.ends_with("word minutes"));
}

/// The coverage the HAZID meeting of the example recorded, as the Markdown and Word minutes say
/// it: steps walked, a row per cell with its hazards or reason, and the closing sweep.
#[test]
fn the_minutes_carry_the_meetings_coverage_in_both_formats() {
    let project = example();
    let meeting = MeetingKey(11);
    let md = minutes_markdown(&project, meeting).unwrap();
    let xml = xml_unescape(&unzip(&minutes_docx(&project, meeting).unwrap())["word/document.xml"]);
    let coverage = &md[md.find("## Coverage").expect("a coverage section")..];
    let coverage = &coverage[..coverage.find("\n## ").unwrap_or(coverage.len())];
    assert_tables_well_formed(coverage);
    let walked = "Admit and reconcile, Prescribe, Verify, Administer";
    assert!(coverage.contains(&format!("**Workflow steps walked:** {walked}")));
    assert!(xml.contains(walked));
    let cells = project
        .technique
        .coverage
        .iter()
        .filter(|c| c.stamp.meeting == Some(meeting));
    let mut rows = 0;
    for cell in cells {
        rows += 1;
        let (_, _, prompt) = project.technique.prompt(&cell.prompt).unwrap();
        let question = md_escape(&prompt.question);
        let line = coverage
            .lines()
            .find(|l| {
                l.contains(&question)
                    && l.contains(&md_escape(&project.technique.step(cell.step).unwrap().name))
            })
            .unwrap_or_else(|| panic!("no row for {:?}", cell.prompt));
        for hazard in &cell.hazards {
            let h = project.hazard(*hazard).unwrap();
            assert!(line.contains(&h.display_id), "{line}");
            assert!(xml.contains(&format!("{} {}", h.display_id, h.name)));
        }
        if let Some(mark) = &cell.mark {
            assert!(line.contains(&format!("**{}**", mark.label())), "{line}");
            assert!(line.contains(&md_escape(mark.text())), "{line}");
            assert!(xml.contains(mark.text()));
        }
    }
    assert!(rows >= 10, "the example's walk has its cells");
    assert_eq!(
        coverage
            .lines()
            .filter(|l| l.starts_with("| ") && !l.starts_with("| ---"))
            .count(),
        rows + 1,
        "one row per cell under the header"
    );
    // The closing sweep names the families still open.
    let gaps = crate::domain::technique::closing_sweep(&project);
    assert!(!gaps.is_empty());
    for gap in &gaps {
        let line = format!("{} · {}", gap.deck_name, gap.family_name);
        assert!(coverage.contains(&md_escape(&line)), "{line}");
        // Word may write the middle dot as a character reference: look for the two names.
        let in_word = format!("{} \u{b7} {}", gap.deck_name, gap.family_name);
        assert!(
            xml.contains(&in_word) || xml.contains(&line.replace('\u{b7}', "&#183;")),
            "{line}"
        );
    }
    // A meeting that walked nothing has no coverage section.
    assert!(
        !minutes_markdown(&project, MeetingKey(12))
            .unwrap()
            .contains("## Coverage")
    );
}
