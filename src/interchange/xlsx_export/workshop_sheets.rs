//! Our own Actions, Meetings and Minutes sheets, written after the NHS ones.

#[allow(unused_imports)]
use super::*;

// Workshop records: actions, meetings, minutes.

/// The header and width of each column of the Actions, Meetings and Minutes sheets; the
/// importer recognises our sheets by these headers.
pub(in crate::interchange) const ACTION_COLUMNS: [(&str, f64); 7] = [
    ("Action", 60.0),
    ("Owner", 30.0),
    ("Due", 12.0),
    ("Status", 11.0),
    ("Raised in", 36.0),
    ("Hazards", 20.0),
    (TEST_ISSUE_COLUMN, 10.0),
];

/// Added after the first release: an Actions sheet without it is still ours.
pub(in crate::interchange) const TEST_ISSUE_COLUMN: &str = "Test issue";

pub(in crate::interchange) const MEETING_COLUMNS: [(&str, f64); 15] = [
    ("Meeting", 36.0),
    ("Kind", 22.0),
    ("Date", 12.0),
    ("Start", 8.0),
    ("End", 8.0),
    ("Location", 24.0),
    ("Scope", 40.0),
    ("Agenda", 40.0),
    ("Facilitator", 28.0),
    ("Note-taker", 28.0),
    ("Present", 36.0),
    ("Apologies", 30.0),
    ("Absent", 30.0),
    ("Hazards discussed", 24.0),
    ("Minute entries (see Minutes)", 14.0),
];

pub(in crate::interchange) const MINUTE_COLUMNS: [(&str, f64); 7] = [
    ("Meeting", 36.0),
    ("Date", 12.0),
    ("Time", 8.0),
    ("Kind", 18.0),
    ("Entry", 80.0),
    ("Hazard", 12.0),
    (ABOUT_COLUMN, 12.0),
];

/// Added after the first release: a Minutes sheet without it is still ours.
pub(in crate::interchange) const ABOUT_COLUMN: &str = "About hazard";

pub(in crate::interchange) fn person_text(project: &Project, key: PersonKey) -> String {
    match project.person(key) {
        Some(person) => describe_person(person),
        None => format!("(unknown person #{})", key.0),
    }
}

pub(in crate::interchange) fn describe_person(person: &Person) -> String {
    let details: Vec<&str> = [person.role.as_str(), person.organisation.as_str()]
        .into_iter()
        .filter(|s| !s.is_empty())
        .collect();
    if details.is_empty() {
        person.name.clone()
    } else {
        format!("{} ({})", person.name, details.join(", "))
    }
}

pub(in crate::interchange) fn hazard_ids(project: &Project, keys: &[HazardKey]) -> String {
    keys.iter()
        .map(|key| match project.hazard(*key) {
            Some(h) => h.display_id.clone(),
            None => format!("(unknown hazard #{})", key.0),
        })
        .collect::<Vec<_>>()
        .join(", ")
}

pub(in crate::interchange) fn meeting_title(project: &Project, key: MeetingKey) -> String {
    match project.meeting(key) {
        Some(meeting) => match meeting.date {
            Some(date) => format!("{} ({})", meeting.title, date.format("%Y-%m-%d")),
            None => meeting.title.clone(),
        },
        None => format!("(unknown meeting #{})", key.0),
    }
}

pub(in crate::interchange) fn write_table(
    sheet: &mut Worksheet,
    styles: &Styles,
    headers: &[(&str, f64)],
    rows: &[Vec<String>],
) -> Result<(), ExportError> {
    header_row(sheet, styles, 0, headers)?;
    for (i, values) in rows.iter().enumerate() {
        for (col, value) in values.iter().enumerate() {
            cell(sheet, styles, i as u32 + 1, col as u16, value)?;
        }
    }
    sheet.set_freeze_panes(1, 0)?;
    sheet.autofilter(0, 0, (rows.len() as u32).max(1), headers.len() as u16 - 1)?;
    Ok(())
}

pub(in crate::interchange) fn write_actions(
    sheet: &mut Worksheet,
    project: &Project,
    styles: &Styles,
) -> Result<(), ExportError> {
    let rows: Vec<Vec<String>> = project
        .actions
        .iter()
        .map(|action| {
            vec![
                action.description.clone(),
                action
                    .owner
                    .map(|k| person_text(project, k))
                    .unwrap_or_default(),
                action
                    .due
                    .map(|d| d.format("%Y-%m-%d").to_string())
                    .unwrap_or_default(),
                action.status.label().to_owned(),
                action
                    .raised_in
                    .map(|k| meeting_title(project, k))
                    .unwrap_or_default(),
                hazard_ids(project, &action.hazards),
                if action.test_issue { "Yes" } else { "" }.to_owned(),
            ]
        })
        .collect();
    write_table(sheet, styles, &ACTION_COLUMNS, &rows)
}

pub(in crate::interchange) fn attendance_list(
    project: &Project,
    meeting: &Meeting,
    status: AttendanceStatus,
) -> String {
    meeting
        .people_with(status)
        .map(|k| person_text(project, k))
        .collect::<Vec<_>>()
        .join("\n")
}

pub(in crate::interchange) fn write_meetings(
    sheet: &mut Worksheet,
    project: &Project,
    styles: &Styles,
) -> Result<(), ExportError> {
    let time =
        |t: Option<chrono::NaiveTime>| t.map(|t| t.format("%H:%M").to_string()).unwrap_or_default();
    let rows: Vec<Vec<String>> = project
        .meetings
        .iter()
        .map(|m| {
            vec![
                m.title.clone(),
                m.kind.label().to_owned(),
                m.date
                    .map(|d| d.format("%Y-%m-%d").to_string())
                    .unwrap_or_default(),
                time(m.start),
                time(m.end),
                m.location.clone(),
                m.scope.clone(),
                format_list(&m.agenda),
                m.facilitator
                    .map(|k| person_text(project, k))
                    .unwrap_or_default(),
                m.note_taker
                    .map(|k| person_text(project, k))
                    .unwrap_or_default(),
                attendance_list(project, m, AttendanceStatus::Present),
                attendance_list(project, m, AttendanceStatus::Apologies),
                attendance_list(project, m, AttendanceStatus::Absent),
                hazard_ids(project, &m.hazards_discussed),
                m.entries.len().to_string(),
            ]
        })
        .collect();
    write_table(sheet, styles, &MEETING_COLUMNS, &rows)
}

pub(in crate::interchange) fn write_minutes(
    sheet: &mut Worksheet,
    project: &Project,
    styles: &Styles,
) -> Result<(), ExportError> {
    let mut rows = Vec::new();
    for meeting in &project.meetings {
        for entry in &meeting.entries {
            rows.push(vec![
                meeting.title.clone(),
                meeting
                    .date
                    .map(|d| d.format("%Y-%m-%d").to_string())
                    .unwrap_or_default(),
                entry
                    .time
                    .map(|t| t.format("%H:%M").to_string())
                    .unwrap_or_default(),
                entry.kind.label().to_owned(),
                entry.text.clone(),
                entry
                    .hazard
                    .map(|k| hazard_ids(project, &[k]))
                    .unwrap_or_default(),
                entry
                    .about
                    .map(|k| hazard_ids(project, &[k]))
                    .unwrap_or_default(),
            ]);
        }
    }
    write_table(sheet, styles, &MINUTE_COLUMNS, &rows)
}
