//! The "Coverage" sheet of both spreadsheet exports, and reading it back when our own export is
//! imported: the scope, the workflow steps, the project's decks with every prompt, and what the
//! room recorded for each step and prompt and family, one record a row, its kind in column A.

use std::collections::HashMap;

use chrono::{DateTime, Utc};
use rust_xlsxwriter::Workbook;

use super::xlsx_export::{ExportError, Styles, meeting_title, new_sheet, write_table};
use crate::domain::technique::{
    CellMark, CellRecord, Deck, DeckId, Family, FamilyId, FamilyReason, Prompt, PromptId, Stamp,
    Step, StepKey, Technique,
};
use crate::domain::{HazardKey, MeetingKey, Project};

pub const COVERAGE_SHEET: &str = "Coverage";

/// How many columns the sheet has, for the reader.
pub(in crate::interchange) const COVERAGE_COLUMNS: usize = HEADERS.len();

const HEADERS: [(&str, f64); 14] = [
    ("Record", 14.0),
    ("Step", 6.0),
    ("Deck", 14.0),
    ("Family", 18.0),
    ("Prompt", 24.0),
    ("Text", 60.0),
    ("Detail", 40.0),
    ("State", 18.0),
    ("Hazards", 14.0),
    ("Reason", 50.0),
    ("Recorded by", 16.0),
    ("Recorded at", 22.0),
    ("Flags", 18.0),
    (MEETING_COLUMN, 30.0),
];

/// Added after the first release: a Coverage sheet without it is still ours, its records
/// kept with no meeting.
const MEETING_COLUMN: &str = "Meeting";

const SCOPE: &str = "Scope";
const STEP: &str = "Step";
const DECK: &str = "Deck";
const FAMILY: &str = "Family";
const PROMPT: &str = "Prompt";
const CELL: &str = "Cell";
const FAMILY_REASON: &str = "Family reason";

const RETIRED: &str = "retired";
const HIDDEN: &str = "hidden";
const USER_WRITTEN: &str = "user-written";
const NOT_CHOSEN: &str = "not chosen";

/// One row, by column: Record, Step, Deck, Family, Prompt, Text, Detail, State, Hazards,
/// Reason, Recorded by, Recorded at, Flags, Meeting.
#[derive(Default)]
struct Row([String; 14]);

impl Row {
    fn new(kind: &str) -> Row {
        let mut row = Row::default();
        row.0[0] = kind.to_owned();
        row
    }

    fn set(mut self, column: usize, value: impl Into<String>) -> Row {
        self.0[column] = value.into();
        self
    }

    /// Who recorded the row, when, and in which meeting (as the Meetings sheet names it).
    fn stamp(self, stamp: &Stamp, project: &Project) -> Row {
        let meeting = stamp
            .meeting
            .map(|key| meeting_title(project, key))
            .unwrap_or_default();
        self.set(10, stamp.by.clone())
            .set(11, stamp.at.to_rfc3339())
            .set(13, meeting)
    }
}

fn flags(pairs: &[(bool, &str)]) -> String {
    pairs
        .iter()
        .filter(|(on, _)| *on)
        .map(|(_, word)| *word)
        .collect::<Vec<_>>()
        .join(", ")
}

/// Appends the Coverage sheet when the project records any of the technique.
pub(in crate::interchange) fn push_coverage_sheet(
    workbook: &mut Workbook,
    project: &Project,
    styles: &Styles,
) -> Result<(), ExportError> {
    let technique = &project.technique;
    if *technique == Technique::default() {
        return Ok(());
    }
    let rows: Vec<Vec<String>> = rows(project).into_iter().map(|r| r.0.to_vec()).collect();
    let mut sheet = new_sheet(COVERAGE_SHEET)?;
    write_table(&mut sheet, styles, &HEADERS, &rows)?;
    workbook.push_worksheet(sheet);
    Ok(())
}

fn rows(project: &Project) -> Vec<Row> {
    let technique = &project.technique;
    let number: HashMap<StepKey, String> = technique
        .steps
        .iter()
        .enumerate()
        .map(|(i, s)| (s.key, (i + 1).to_string()))
        .collect();
    let mut rows = vec![Row::new(SCOPE).set(5, technique.scope.statement.clone())];
    for step in &technique.steps {
        rows.push(
            Row::new(STEP)
                .set(1, number[&step.key].clone())
                .set(5, step.name.clone())
                .set(6, step.description.clone())
                .set(12, flags(&[(step.retired, RETIRED)])),
        );
    }
    for deck in &technique.decks {
        rows.push(
            Row::new(DECK)
                .set(2, deck.id.0.clone())
                .set(5, deck.name.clone())
                .set(6, deck.source.clone())
                .set(9, deck.licence.clone())
                .set(
                    12,
                    flags(&[
                        (!deck.chosen, NOT_CHOSEN),
                        (deck.user_written, USER_WRITTEN),
                    ]),
                ),
        );
        for family in &deck.families {
            rows.push(
                Row::new(FAMILY)
                    .set(2, deck.id.0.clone())
                    .set(3, family.id.0.clone())
                    .set(5, family.name.clone()),
            );
            for prompt in &family.prompts {
                rows.push(
                    Row::new(PROMPT)
                        .set(2, deck.id.0.clone())
                        .set(3, family.id.0.clone())
                        .set(4, prompt.id.0.clone())
                        .set(5, prompt.question.clone())
                        .set(6, prompt.hint.clone())
                        .set(9, prompt.source.clone())
                        .set(
                            12,
                            flags(&[(prompt.hidden, HIDDEN), (prompt.user_written, USER_WRITTEN)]),
                        ),
                );
            }
        }
    }
    for cell in &technique.coverage {
        let hazards: Vec<&str> = cell
            .hazards
            .iter()
            .filter_map(|k| project.hazard(*k))
            .map(|h| h.display_id.as_str())
            .collect();
        let question = technique
            .prompt(&cell.prompt)
            .map_or(String::new(), |(_, _, p)| p.question.clone());
        let (state, reason) = match &cell.mark {
            None => (String::new(), String::new()),
            Some(mark) => (mark.label().to_owned(), mark.text().to_owned()),
        };
        rows.push(
            Row::new(CELL)
                .set(1, number.get(&cell.step).cloned().unwrap_or_default())
                .set(4, cell.prompt.0.clone())
                .set(5, question)
                .set(7, state)
                .set(8, hazards.join(", "))
                .set(9, reason)
                .stamp(&cell.stamp, project),
        );
    }
    for reason in &technique.family_reasons {
        rows.push(
            Row::new(FAMILY_REASON)
                .set(2, reason.deck.0.clone())
                .set(3, reason.family.0.clone())
                .set(9, reason.reason.clone())
                .stamp(&reason.stamp, project),
        );
    }
    rows
}

/// Reads a Coverage sheet (its rows below the header, as text by column) into `project`, whose
/// hazards and meetings are already imported: steps get new keys, hazards are found by display
/// id, meetings by title and date as the Meetings sheet writes them. Returns a line for each
/// thing that could not be kept.
pub(in crate::interchange) fn read_coverage(
    rows: &[Vec<String>],
    project: &mut Project,
) -> Vec<String> {
    let mut notes = Vec::new();
    let mut technique = Technique::default();
    let mut steps: HashMap<String, StepKey> = HashMap::new();
    let by_id: HashMap<String, HazardKey> = project
        .hazards
        .iter()
        .map(|h| (h.display_id.clone(), h.key))
        .collect();
    let meetings: HashMap<String, MeetingKey> = project
        .meetings
        .iter()
        .map(|m| (meeting_title(project, m.key), m.key))
        .collect();
    let cell = |row: &[String], column: usize| row.get(column).cloned().unwrap_or_default();
    let has_flag = |row: &[String], flag: &str| cell(row, 12).split(", ").any(|f| f == flag);
    for (index, row) in rows.iter().enumerate() {
        let excel_row = index + 2;
        let stamp = |row: &[String], notes: &mut Vec<String>| {
            let named = cell(row, 13);
            let meeting = meetings.get(&named).copied();
            if meeting.is_none() && !named.is_empty() {
                notes.push(format!(
                    "Coverage row {excel_row}: the meeting “{named}” is not in the Meetings \
                     sheet; the record was kept without its meeting."
                ));
            }
            Stamp {
                by: cell(row, 10),
                at: DateTime::parse_from_rfc3339(&cell(row, 11))
                    .map_or(DateTime::<Utc>::UNIX_EPOCH, |t| t.with_timezone(&Utc)),
                meeting,
            }
        };
        match cell(row, 0).as_str() {
            SCOPE => technique.scope.statement = cell(row, 5),
            STEP => {
                let key = StepKey(project.counters.next_key);
                project.counters.next_key += 1;
                steps.insert(cell(row, 1), key);
                technique.steps.push(Step {
                    key,
                    name: cell(row, 5),
                    description: cell(row, 6),
                    retired: has_flag(row, RETIRED),
                });
            }
            DECK => technique.decks.push(Deck {
                id: DeckId(cell(row, 2)),
                name: cell(row, 5),
                source: cell(row, 6),
                licence: cell(row, 9),
                families: Vec::new(),
                chosen: !has_flag(row, NOT_CHOSEN),
                user_written: has_flag(row, USER_WRITTEN),
            }),
            FAMILY => match technique.decks.iter_mut().find(|d| d.id.0 == cell(row, 2)) {
                Some(deck) => deck.families.push(Family {
                    id: FamilyId(cell(row, 3)),
                    name: cell(row, 5),
                    prompts: Vec::new(),
                }),
                None => notes.push(format!(
                    "Coverage row {excel_row}: family of an unknown deck, not kept."
                )),
            },
            PROMPT => {
                let family = technique
                    .decks
                    .iter_mut()
                    .find(|d| d.id.0 == cell(row, 2))
                    .and_then(|d| d.families.iter_mut().find(|f| f.id.0 == cell(row, 3)));
                match family {
                    Some(family) => family.prompts.push(Prompt {
                        id: PromptId(cell(row, 4)),
                        question: cell(row, 5),
                        hint: cell(row, 6),
                        source: cell(row, 9),
                        hidden: has_flag(row, HIDDEN),
                        user_written: has_flag(row, USER_WRITTEN),
                    }),
                    None => notes.push(format!(
                        "Coverage row {excel_row}: prompt of an unknown family, not kept."
                    )),
                }
            }
            CELL => {
                let Some(step) = steps.get(&cell(row, 1)).copied() else {
                    notes.push(format!(
                        "Coverage row {excel_row}: a record for an unknown step, not kept."
                    ));
                    continue;
                };
                let mut hazards = Vec::new();
                for id in cell(row, 8)
                    .split(',')
                    .map(str::trim)
                    .filter(|s| !s.is_empty())
                {
                    match by_id.get(id) {
                        Some(key) => hazards.push(*key),
                        None => notes.push(format!(
                            "Coverage row {excel_row}: hazard {id} is not in the import; its \
                             link was not kept."
                        )),
                    }
                }
                let reason = cell(row, 9);
                let mark = match cell(row, 7).as_str() {
                    "" => None,
                    "No credible hazard" => Some(CellMark::NoCredibleHazard { reason }),
                    "Parked" => Some(CellMark::Parked { note: reason }),
                    "Not applicable" => Some(CellMark::NotApplicable { reason }),
                    other => {
                        notes.push(format!(
                            "Coverage row {excel_row}: state “{other}” is not one the app \
                             records; kept without a mark."
                        ));
                        None
                    }
                };
                technique.coverage.push(CellRecord {
                    step,
                    prompt: PromptId(cell(row, 4)),
                    hazards,
                    mark,
                    stamp: stamp(row, &mut notes),
                });
            }
            FAMILY_REASON => technique.family_reasons.push(FamilyReason {
                deck: DeckId(cell(row, 2)),
                family: FamilyId(cell(row, 3)),
                reason: cell(row, 9),
                stamp: stamp(row, &mut notes),
            }),
            "" => {}
            other => notes.push(format!(
                "Coverage row {excel_row}: record “{other}” is not one the app writes; not kept."
            )),
        }
    }
    project.technique = technique;
    notes
}
