//! Reading a returned action pack into the updates it reports.

use std::io::Cursor;

use calamine::{Data, Range, Reader, Xlsx};
use chrono::{DateTime, NaiveDate, Utc};

use super::*;
use crate::domain::{ActionKey, ActionStatus};

/// Why a file cannot be read as a pack of this project.
#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub enum PackError {
    #[error("This is not a spreadsheet Hazard Workshop can read: {0}")]
    Unreadable(String),
    #[error(
        "This workbook is not a Hazard Workshop action pack (it has no {PACK_SHEET} sheet made \
         by “Send actions to owners”)."
    )]
    NotAPack,
    #[error(
        "This action pack is format {0}; this version of Hazard Workshop reads format \
         {PACK_FORMAT}. Send the owner a new pack."
    )]
    OtherFormat(String),
    #[error("This action pack belongs to another project ({pack}); this project is {project}.")]
    Foreign { pack: String, project: String },
}

/// One action's reported update.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PackUpdate {
    pub action: ActionKey,
    pub reference: String,
    /// The status the owner reports, when it differs from the status the pack was sent with.
    pub status: Option<ActionStatus>,
    pub note: String,
    pub evidence: String,
    pub date_done: Option<NaiveDate>,
    /// What the owner typed as the date when it does not read as a date.
    pub unreadable_date: Option<String>,
    /// The action changed in the project since the pack was sent: show both.
    pub changed_since: bool,
}

/// A returned pack, read.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PackReturn {
    pub owner: String,
    pub made: Option<DateTime<Utc>>,
    /// Actions with something reported, in the pack's order.
    pub updates: Vec<PackUpdate>,
    /// What could not be used, one line each (an action no longer in the project, an unknown status).
    pub notes: Vec<String>,
}

fn text(range: &Range<Data>, row: u32, column: u32) -> String {
    match range.get_value((row, column)) {
        None | Some(Data::Empty) => String::new(),
        Some(Data::Float(f)) if f.fract() == 0.0 => format!("{}", *f as i64),
        Some(value) => value.to_string().trim().to_owned(),
    }
}

/// A date as an owner may leave it: a date cell, an Excel serial, or text in UK or ISO order.
fn date(range: &Range<Data>, row: u32, column: u32) -> Result<Option<NaiveDate>, String> {
    match range.get_value((row, column)) {
        None | Some(Data::Empty) => Ok(None),
        Some(Data::DateTime(value)) => {
            let (y, m, d, ..) = value.to_ymd_hms_milli();
            NaiveDate::from_ymd_opt(i32::from(y), u32::from(m), u32::from(d))
                .map(Some)
                .ok_or_else(|| value.to_string())
        }
        Some(Data::Float(serial)) if *serial >= 1.0 => {
            // Excel's day 1 is 1 January 1900, counting its phantom 29 February 1900.
            let base = NaiveDate::from_ymd_opt(1899, 12, 30).expect("a date");
            Ok(base.checked_add_days(chrono::Days::new(*serial as u64)))
        }
        Some(other) => {
            let typed = other.to_string();
            let trimmed = typed.trim();
            if trimmed.is_empty() {
                return Ok(None);
            }
            ["%d/%m/%Y", "%d/%m/%y", "%Y-%m-%d", "%d-%m-%Y", "%d.%m.%Y"]
                .iter()
                .find_map(|f| NaiveDate::parse_from_str(trimmed, f).ok())
                .map(Some)
                .ok_or_else(|| trimmed.to_owned())
        }
    }
}

fn status(text: &str) -> Option<ActionStatus> {
    [
        ActionStatus::Open,
        ActionStatus::Done,
        ActionStatus::Cancelled,
    ]
    .into_iter()
    .find(|s| s.label().eq_ignore_ascii_case(text.trim()))
}

/// Reads the returned pack in `bytes` against `project`.
pub fn read_action_pack(bytes: &[u8], project: &Project) -> Result<PackReturn, PackError> {
    let mut workbook: Xlsx<_> = calamine::open_workbook_from_rs(Cursor::new(bytes))
        .map_err(|e: calamine::XlsxError| PackError::Unreadable(e.to_string()))?;
    let pack = workbook
        .worksheet_range(PACK_SHEET)
        .map_err(|_| PackError::NotAPack)?;
    if text(&pack, 0, 0) != PACK_MARKER {
        return Err(PackError::NotAPack);
    }
    let format = text(&pack, 1, 1);
    if format != PACK_FORMAT {
        return Err(PackError::OtherFormat(format));
    }
    let identity = text(&pack, 2, 1);
    if identity != project_identity(project) {
        return Err(PackError::Foreign {
            pack: identity,
            project: project_identity(project),
        });
    }
    let owner = text(&pack, 3, 1);
    let made = DateTime::parse_from_rfc3339(&text(&pack, 4, 1))
        .ok()
        .map(|d| d.with_timezone(&Utc));
    // What each action was when sent: its status and fingerprint, by reference.
    let mut sent = std::collections::HashMap::new();
    let mut row = 7;
    while !text(&pack, row, 0).is_empty() {
        sent.insert(
            text(&pack, row, 0),
            (text(&pack, row, 1), text(&pack, row, 2)),
        );
        row += 1;
    }

    let sheet = workbook
        .worksheet_range(ACTIONS_SHEET)
        .map_err(|_| PackError::NotAPack)?;
    let mut updates = Vec::new();
    let mut notes = Vec::new();
    let mut row = HEADER_ROW + 1;
    loop {
        let reference = text(&sheet, row, 0);
        if reference.is_empty() {
            break;
        }
        let this_row = row;
        let cell = |column: u16| text(&sheet, this_row, u32::from(column));
        let shown_row = row + 1;
        row += 1;
        let Some((sent_status, sent_print)) = sent.get(&reference) else {
            notes.push(format!(
                "Row {shown_row}: {reference} was not in the pack when it was sent; skipped."
            ));
            continue;
        };
        let key = reference
            .strip_prefix('A')
            .and_then(|n| n.parse::<u64>().ok())
            .map(ActionKey);
        let Some(action) = key.and_then(|k| project.actions.iter().find(|a| a.key == k)) else {
            notes.push(format!(
                "{reference} is no longer in the project; its update was not used."
            ));
            continue;
        };
        let typed_status = cell(STATUS_COLUMN);
        let reported = status(&typed_status);
        if reported.is_none() && !typed_status.is_empty() {
            notes.push(format!(
                "{reference}: the status “{typed_status}” is not Open, Done or Cancelled; it was \
                 not used."
            ));
        }
        let reported = reported.filter(|s| s.label() != sent_status);
        let (date_done, unreadable_date) = match date(&sheet, this_row, u32::from(DONE_COLUMN)) {
            Ok(d) => (d, None),
            Err(typed) => (None, Some(typed)),
        };
        let update = PackUpdate {
            action: action.key,
            reference: reference.clone(),
            status: reported,
            note: cell(NOTE_COLUMN),
            evidence: cell(EVIDENCE_COLUMN),
            date_done,
            unreadable_date,
            changed_since: fingerprint(action) != *sent_print,
        };
        let reports_something = update.status.is_some()
            || !update.note.is_empty()
            || !update.evidence.is_empty()
            || update.date_done.is_some()
            || update.unreadable_date.is_some();
        if reports_something {
            updates.push(update);
        }
    }
    Ok(PackReturn {
        owner,
        made,
        updates,
        notes,
    })
}
