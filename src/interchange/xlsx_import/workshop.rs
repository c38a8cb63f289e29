//! Our own Meetings, Minutes and Actions sheets read back into the project's people, meetings,
//! minute entries and actions, so that a workbook the app exported imports whole.
//!
//! A sheet is ours when its first row holds exactly the headers the export writes
//! ([`MEETING_COLUMNS`] and the like). People are written as `Name (role, organisation)`; the
//! same text names the same person, and reads back to the same text (which of role and
//! organisation a lone detail is cannot be told, and does not change what is written).
//! Every value that cannot be read (a date that is not one, an unknown hazard id) is reported
//! with its cell.

use std::collections::HashMap;

use calamine::Data;
use chrono::{NaiveDate, NaiveTime};

use super::headers::header_key;
use super::report::{ImportReport, plural, whole_column};
use super::v36::date_of;
use super::workbook::{Book, Grid, MAX_CELL_BYTES, MAX_ROWS, data_text};
use crate::domain::{
    ActionItem, ActionKey, ActionStatus, Attendance, AttendanceStatus, EntryKey, EntryKind,
    HazardKey, Meeting, MeetingKey, MeetingKind, MinuteEntry, Person, PersonKey, Project,
};
use crate::interchange::cell_text::parse_list;
use crate::interchange::layout::cell_address;
use crate::interchange::xlsx_export::{
    ABOUT_COLUMN, ACTION_COLUMNS, MEETING_COLUMNS, MINUTE_COLUMNS, TEST_ISSUE_COLUMN,
};

/// Columns looked at beyond ours, to report any that were added by hand.
const SPARE_COLUMNS: u32 = 64;

/// Reads the Meetings, Minutes and Actions sheets the app writes into `project` (whose hazards
/// are already read), and returns the names of the sheets read.
pub(super) fn read_workshop_sheets(
    book: &mut Book,
    sheets: &[(String, bool)],
    project: &mut Project,
    report: &mut ImportReport,
) -> Vec<String> {
    let mut reader = Records::new(project);
    let mut read = Vec::new();
    let kinds: [(&str, &[(&str, f64)]); 3] = [
        ("Meetings", &MEETING_COLUMNS),
        ("Minutes", &MINUTE_COLUMNS),
        ("Actions", &ACTION_COLUMNS),
    ];
    for (wanted, columns) in kinds {
        let Some((name, _)) = sheets.iter().find(|(name, _)| name == wanted) else {
            continue;
        };
        let grid = match book.read_grid(
            name,
            MAX_ROWS,
            columns.len() as u32 + SPARE_COLUMNS,
            MAX_CELL_BYTES,
            Some(report),
        ) {
            Ok(grid) => grid,
            Err(error) => {
                report.warn(None, format!("{error}; its records were not imported"));
                continue;
            }
        };
        if !has_headers(&grid, columns) {
            continue;
        }
        let sheet = Sheet { name, grid: &grid };
        sheet.report_extra_columns(columns.len() as u32, report);
        match wanted {
            "Meetings" => reader.meetings(&sheet, report),
            "Minutes" => reader.minutes(&sheet, report),
            _ => reader.actions(&sheet, report),
        }
        read.push(name.clone());
    }
    reader.finish(project);
    if !read.is_empty() {
        report.workshop_sheets = read.clone();
        report.workshop_counts = (
            project.meetings.len(),
            project.meetings.iter().map(|m| m.entries.len()).sum(),
            project.actions.len(),
        );
    }
    read
}

fn has_headers(grid: &Grid, columns: &[(&str, f64)]) -> bool {
    columns.iter().enumerate().all(|(col, (header, _))| {
        let found = grid.text(0, col as u32);
        header_key(&found) == header_key(header)
            || ([TEST_ISSUE_COLUMN, ABOUT_COLUMN].contains(header) && found.trim().is_empty())
    })
}

/// One of our sheets as read.
struct Sheet<'a> {
    name: &'a str,
    grid: &'a Grid,
}

impl Sheet<'_> {
    fn text(&self, row: u32, col: u32) -> String {
        self.grid.text(row, col).trim().to_owned()
    }

    fn cell(&self, row: u32, col: u32) -> String {
        cell_address(self.name, row, col)
    }

    /// The data rows: every row below the header with a filled cell.
    fn rows(&self) -> impl Iterator<Item = u32> + '_ {
        self.grid
            .rows
            .range(1..)
            .filter(|(_, cells)| cells.values().any(|v| !data_text(v).trim().is_empty()))
            .map(|(row, _)| *row)
    }

    /// Columns after ours are not read: each one with text is named.
    fn report_extra_columns(&self, ours: u32, report: &mut ImportReport) {
        let mut extra: Vec<u32> = self
            .grid
            .rows
            .values()
            .flat_map(|cells| cells.range(ours..).map(|(col, _)| *col))
            .collect();
        extra.sort_unstable();
        extra.dedup();
        for col in extra {
            let filled = self
                .grid
                .rows
                .values()
                .filter(|c| c.contains_key(&col))
                .count();
            report.warn(
                Some(whole_column(self.name, col)),
                format!(
                    "the column is not one the app writes in '{}'; its {filled} filled \
                     cell{} were not imported",
                    self.name,
                    plural(filled)
                ),
            );
        }
    }

    /// A date cell, reported when it holds something else.
    fn date(&self, row: u32, col: u32, report: &mut ImportReport) -> Option<NaiveDate> {
        let data = self.grid.get(row, col)?;
        let date = date_of(data);
        if date.is_none() && !data_text(data).trim().is_empty() {
            report.warn(
                Some(self.cell(row, col)),
                format!(
                    "“{}” is not a date (YYYY-MM-DD); it was left out",
                    data_text(data).trim()
                ),
            );
        }
        date
    }

    /// A time cell (`09:30`, or a time Excel stored as a fraction of a day).
    fn time(&self, row: u32, col: u32, report: &mut ImportReport) -> Option<NaiveTime> {
        let data = self.grid.get(row, col)?;
        let time = match data {
            Data::DateTime(t) if t.as_f64() < 1.0 => {
                NaiveTime::from_num_seconds_from_midnight_opt((t.as_f64() * 86_400.0) as u32, 0)
            }
            other => NaiveTime::parse_from_str(data_text(other).trim(), "%H:%M").ok(),
        };
        if time.is_none() && !data_text(data).trim().is_empty() {
            report.warn(
                Some(self.cell(row, col)),
                format!(
                    "“{}” is not a time (HH:MM); it was left out",
                    data_text(data).trim()
                ),
            );
        }
        time
    }

    /// A label from a fixed list; an unknown one is reported and read as `fallback`.
    fn label<T: Copy>(
        &self,
        row: u32,
        col: u32,
        all: &[T],
        label: impl Fn(T) -> &'static str,
        fallback: T,
        report: &mut ImportReport,
    ) -> T {
        let text = self.text(row, col);
        match all
            .iter()
            .find(|v| header_key(label(**v)) == header_key(&text))
        {
            Some(value) => *value,
            None => {
                if !text.is_empty() {
                    report.warn(
                        Some(self.cell(row, col)),
                        format!(
                            "“{text}” is not one of the values the app knows; read as “{}”",
                            label(fallback)
                        ),
                    );
                }
                fallback
            }
        }
    }
}

/// The records read so far, with the people, meetings and hazards they refer to by text.
struct Records {
    next_key: u64,
    people: Vec<Person>,
    person_by_text: HashMap<String, PersonKey>,
    meetings: Vec<Meeting>,
    hazard_by_id: HashMap<String, HazardKey>,
    actions: Vec<ActionItem>,
}

impl Records {
    fn new(project: &Project) -> Records {
        Records {
            next_key: project.counters.next_key,
            people: Vec::new(),
            person_by_text: HashMap::new(),
            meetings: Vec::new(),
            hazard_by_id: project
                .hazards
                .iter()
                .map(|h| (h.display_id.trim().to_lowercase(), h.key))
                .collect(),
            actions: Vec::new(),
        }
    }

    fn finish(self, project: &mut Project) {
        project.counters.next_key = self.next_key;
        project.people = self.people;
        project.meetings = self.meetings;
        project.actions = self.actions;
    }

    fn new_key(&mut self) -> u64 {
        let key = self.next_key;
        self.next_key += 1;
        key
    }

    /// The person a cell names: `Name (role, organisation)`.
    fn person(&mut self, text: &str) -> Option<PersonKey> {
        let text = text.trim();
        if text.is_empty() {
            return None;
        }
        if let Some(key) = self.person_by_text.get(text) {
            return Some(*key);
        }
        let (name, details) = match text.strip_suffix(')').and_then(|t| t.rsplit_once(" (")) {
            Some((name, details)) if !name.trim().is_empty() => (name, details),
            _ => (text, ""),
        };
        let (role, organisation) = details.split_once(", ").unwrap_or((details, ""));
        let key = PersonKey(self.new_key());
        self.people.push(Person {
            key,
            name: name.to_owned(),
            role: role.to_owned(),
            organisation: organisation.to_owned(),
            email: String::new(),
        });
        self.person_by_text.insert(text.to_owned(), key);
        Some(key)
    }

    /// The hazards a cell names by id (`H001, H002`); unknown ids are reported.
    fn hazards(
        &self,
        sheet: &Sheet,
        row: u32,
        col: u32,
        report: &mut ImportReport,
    ) -> Vec<HazardKey> {
        let text = sheet.text(row, col);
        let mut keys = Vec::new();
        let mut unknown = Vec::new();
        for id in text
            .split([',', '\n'])
            .map(str::trim)
            .filter(|id| !id.is_empty())
        {
            match self.hazard_by_id.get(&id.to_lowercase()) {
                Some(key) if !keys.contains(key) => keys.push(*key),
                Some(_) => {}
                None => unknown.push(id),
            }
        }
        if !unknown.is_empty() {
            report.warn(
                Some(sheet.cell(row, col)),
                format!(
                    "no hazard in the hazard log has the id{} {}; the link{} {} left out",
                    plural(unknown.len()),
                    unknown.join(", "),
                    plural(unknown.len()),
                    if unknown.len() == 1 { "was" } else { "were" }
                ),
            );
        }
        keys
    }

    /// The meeting a minute or action names by title and date, made when the Meetings sheet
    /// does not have it (and reported).
    fn meeting_named(
        &mut self,
        title: &str,
        date: Option<NaiveDate>,
        cell: String,
        report: &mut ImportReport,
    ) -> MeetingKey {
        if let Some(m) = self
            .meetings
            .iter()
            .find(|m| m.title == title && m.date == date)
        {
            return m.key;
        }
        let key = MeetingKey(self.new_key());
        self.meetings.push(Meeting {
            key,
            title: title.to_owned(),
            date,
            ..Meeting::default()
        });
        report.warn(
            Some(cell),
            format!("the meeting “{title}” is not in the Meetings sheet; it was added"),
        );
        key
    }

    fn meetings(&mut self, sheet: &Sheet, report: &mut ImportReport) {
        let rows: Vec<u32> = sheet.rows().collect();
        for row in rows {
            let mut attendance = Vec::new();
            for (col, status) in [
                (10, AttendanceStatus::Present),
                (11, AttendanceStatus::Apologies),
                (12, AttendanceStatus::Absent),
            ] {
                for line in sheet.text(row, col).lines() {
                    if let Some(person) = self.person(line) {
                        attendance.push(Attendance { person, status });
                    }
                }
            }
            let meeting = Meeting {
                key: MeetingKey(self.new_key()),
                title: sheet.text(row, 0),
                kind: sheet.label(
                    row,
                    1,
                    &MeetingKind::ALL,
                    MeetingKind::label,
                    MeetingKind::Other,
                    report,
                ),
                date: sheet.date(row, 2, report),
                start: sheet.time(row, 3, report),
                end: sheet.time(row, 4, report),
                location: sheet.text(row, 5),
                scope: sheet.text(row, 6),
                agenda: parse_list(&sheet.text(row, 7)),
                // The review queue is the app's own: the workbook does not carry it.
                queue: Vec::new(),
                facilitator: self.person(&sheet.text(row, 8)),
                note_taker: self.person(&sheet.text(row, 9)),
                attendance,
                entries: Vec::new(),
                hazards_discussed: self.hazards(sheet, row, 13, report),
            };
            self.meetings.push(meeting);
        }
    }

    fn minutes(&mut self, sheet: &Sheet, report: &mut ImportReport) {
        let rows: Vec<u32> = sheet.rows().collect();
        for row in rows {
            let title = sheet.text(row, 0);
            let date = sheet.date(row, 1, report);
            let entry = MinuteEntry {
                key: EntryKey(self.new_key()),
                time: sheet.time(row, 2, report),
                kind: sheet.label(
                    row,
                    3,
                    &EntryKind::ALL,
                    EntryKind::label,
                    EntryKind::Note,
                    report,
                ),
                text: sheet.text(row, 4),
                hazard: self.hazards(sheet, row, 5, report).first().copied(),
                about: self.hazards(sheet, row, 6, report).first().copied(),
            };
            let meeting = self.meeting_named(&title, date, sheet.cell(row, 0), report);
            if let Some(m) = self.meetings.iter_mut().find(|m| m.key == meeting) {
                m.entries.push(entry);
            }
        }
    }

    fn actions(&mut self, sheet: &Sheet, report: &mut ImportReport) {
        let rows: Vec<u32> = sheet.rows().collect();
        for row in rows {
            let raised_in = sheet.text(row, 4);
            let raised_in = (!raised_in.is_empty()).then(|| {
                let (title, date) = split_meeting_title(&raised_in);
                self.meeting_named(title, date, sheet.cell(row, 4), report)
            });
            let action = ActionItem {
                key: ActionKey(self.new_key()),
                description: sheet.text(row, 0),
                owner: self.person(&sheet.text(row, 1)),
                due: sheet.date(row, 2, report),
                status: sheet.label(
                    row,
                    3,
                    &[
                        ActionStatus::Open,
                        ActionStatus::Done,
                        ActionStatus::Cancelled,
                    ],
                    ActionStatus::label,
                    ActionStatus::Open,
                    report,
                ),
                raised_in,
                hazards: self.hazards(sheet, row, 5, report),
                test_issue: match sheet.text(row, 6).to_lowercase().as_str() {
                    "" | "no" => false,
                    "yes" => true,
                    other => {
                        report.warn(
                            Some(sheet.cell(row, 6)),
                            format!(
                                "“{other}” is not Yes or No; the action is not marked a test issue"
                            ),
                        );
                        false
                    }
                },
            };
            self.actions.push(action);
        }
    }
}

/// `Title (2026-09-15)` as the export writes a meeting: its title and date.
fn split_meeting_title(text: &str) -> (&str, Option<NaiveDate>) {
    if let Some((title, date)) = text.strip_suffix(')').and_then(|t| t.rsplit_once(" ("))
        && let Ok(date) = NaiveDate::parse_from_str(date, "%Y-%m-%d")
    {
        return (title, Some(date));
    }
    (text, None)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_meeting_title_splits_from_its_date() {
        let day = NaiveDate::from_ymd_opt(2026, 9, 15);
        assert_eq!(
            split_meeting_title("HAZID (a) (2026-09-15)"),
            ("HAZID (a)", day)
        );
        assert_eq!(
            split_meeting_title("HAZID (wave 1)"),
            ("HAZID (wave 1)", None)
        );
    }

    #[test]
    fn a_person_reads_back_to_the_text_written() {
        let mut records = Records::new(&Project::default());
        for text in [
            "Ann Lee (CSO, Trust A)",
            "Bob (Nurse)",
            "Cy",
            "Dee (a, b, c)",
        ] {
            let key = records.person(text).unwrap();
            let person = records.people.iter().find(|p| p.key == key).unwrap();
            assert_eq!(
                crate::interchange::xlsx_export::describe_person(person),
                text
            );
        }
        assert_eq!(records.person("Cy"), records.person(" Cy "));
        assert_eq!(records.people.len(), 4);
    }
}
