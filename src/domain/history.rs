//! Per-hazard history: an append-only record of every change to every hazard (when, by whom, in
//! which meeting, each field's old and new value), kept in the project file and replayable.
//!
//! **Cost.** The log is a list of entries in chunks. Full chunks of [`CHUNK_ENTRIES`] entries
//! are sealed: packed ([`Packed`], deflated RON) and never changed again, so opening and saving
//! a long history reads and writes a few compressed strings rather than parsing every entry, and
//! a save changes only the tail of the file. The open tail chunk is plain RON in the file.
//! Cloning the project (undo snapshots, the recovery journal) shares the chunks rather than
//! copying them. Reading a hazard's history unpacks the sealed chunks: do it off the UI thread
//! and keep the result per document revision.

use std::sync::Arc;

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use super::hazard::{Hazard, HazardKey};
use super::hazard_fields::{FieldTypeError, FieldValue, HazardField};
use super::meeting::MeetingKey;
use super::packed::{Packed, UnpackError};

/// Entries per sealed chunk.
pub const CHUNK_ENTRIES: usize = 1_000;

/// What happened to the hazard.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum HistoryEvent {
    /// The hazard entered the log (captured, imported, duplicated, or brought back by redo or
    /// undo), with all its fields.
    Added(Box<Hazard>),
    /// Fields changed; see the entry's changes.
    Changed,
    /// The hazard left the log (an undone capture). Its last state stays in the history.
    Removed,
}

/// One field's change.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct FieldChange {
    pub field: HazardField,
    pub before: FieldValue,
    pub after: FieldValue,
}

/// One change to one hazard.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct HistoryEntry {
    pub hazard: HazardKey,
    /// When the change (or the last keystroke of a burst of typing) was made.
    pub at: DateTime<Utc>,
    /// The user name set in the app (by default the operating-system user).
    pub by: String,
    /// The meeting running at the time, if one was.
    #[serde(default)]
    pub meeting: Option<MeetingKey>,
    /// What the user did, as the undo menu names it ("rename H004", "undo rename H004").
    #[serde(default)]
    pub label: String,
    pub event: HistoryEvent,
    #[serde(default)]
    pub changes: Vec<FieldChange>,
}

/// A sealed chunk: [`CHUNK_ENTRIES`] entries, packed.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
struct SealedChunk {
    entries: u32,
    first_at: DateTime<Utc>,
    last_at: DateTime<Utc>,
    packed: Packed,
}

/// The whole history. Append-only: nothing here removes or rewrites an entry, except that the
/// newest entry may absorb the next keystroke of the same burst of typing.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(from = "HistoryFile", into = "HistoryFile")]
pub struct HistoryLog {
    sealed: Vec<SealedChunk>,
    open: Arc<Vec<HistoryEntry>>,
}

/// How a history is written in the project file.
#[derive(Clone, Default, Serialize, Deserialize)]
#[serde(rename = "History", default)]
struct HistoryFile {
    sealed: Vec<SealedChunk>,
    entries: Vec<HistoryEntry>,
}

impl From<HistoryFile> for HistoryLog {
    fn from(file: HistoryFile) -> Self {
        HistoryLog {
            sealed: file.sealed,
            open: Arc::new(file.entries),
        }
    }
}

impl From<HistoryLog> for HistoryFile {
    fn from(log: HistoryLog) -> Self {
        HistoryFile {
            sealed: log.sealed,
            entries: Arc::unwrap_or_clone(log.open),
        }
    }
}

/// A history that cannot be read or replayed.
#[derive(Debug, thiserror::Error)]
pub enum HistoryError {
    #[error("a stored part of the history is damaged: {0}")]
    Unpack(#[from] UnpackError),
    #[error("the history changes hazard {0} before it was added")]
    UnknownHazard(u64),
    #[error("the history does not fit this version's hazards: {0}")]
    FieldType(#[from] FieldTypeError),
}

impl HistoryLog {
    pub fn is_empty(&self) -> bool {
        self.sealed.is_empty() && self.open.is_empty()
    }

    pub fn len(&self) -> usize {
        self.sealed
            .iter()
            .map(|c| c.entries as usize)
            .sum::<usize>()
            + self.open.len()
    }

    /// Appends an entry, sealing the open chunk when it is full.
    pub fn push(&mut self, entry: HistoryEntry) {
        if self.open.len() >= CHUNK_ENTRIES {
            self.seal();
        }
        Arc::make_mut(&mut self.open).push(entry);
    }

    /// The newest entry, if it is still in the open chunk (a burst of typing may extend it).
    pub fn last_mut(&mut self) -> Option<&mut HistoryEntry> {
        if self.open.is_empty() {
            return None;
        }
        Arc::make_mut(&mut self.open).last_mut()
    }

    pub fn last(&self) -> Option<&HistoryEntry> {
        self.open.last()
    }

    fn seal(&mut self) {
        let entries = std::mem::take(Arc::make_mut(&mut self.open));
        let (Some(first), Some(last)) = (entries.first(), entries.last()) else {
            return;
        };
        self.sealed.push(SealedChunk {
            entries: entries.len() as u32,
            first_at: first.at,
            last_at: last.at,
            packed: Packed::pack(&entries),
        });
    }

    /// Every entry, oldest first. Unpacks the sealed chunks.
    pub fn entries(&self) -> Result<Vec<HistoryEntry>, HistoryError> {
        let mut all = Vec::with_capacity(self.len());
        for chunk in &self.sealed {
            let entries: Vec<HistoryEntry> = chunk.packed.unpack()?;
            all.extend(entries);
        }
        all.extend(self.open.iter().cloned());
        Ok(all)
    }

    /// One hazard's entries, oldest first.
    pub fn for_hazard(&self, key: HazardKey) -> Result<Vec<HistoryEntry>, HistoryError> {
        let mut entries = self.entries()?;
        entries.retain(|e| e.hazard == key);
        Ok(entries)
    }

    /// Replays the history onto `start` (the hazards as they were when recording began,
    /// usually the hazards of the file the history started in, or none): the hazards as the
    /// history says they are now, in the order they were added. Time stamps (`updated`) are
    /// not part of the history and keep the value they were added with.
    pub fn replay(&self, start: &[Hazard]) -> Result<Vec<Hazard>, HistoryError> {
        let mut hazards: Vec<Hazard> = start.to_vec();
        // Positions by key; rebuilt only when a hazard leaves (rare: an undone capture).
        let index_of = |hazards: &[Hazard]| -> std::collections::HashMap<HazardKey, usize> {
            hazards
                .iter()
                .enumerate()
                .map(|(i, h)| (h.key, i))
                .collect()
        };
        let mut positions = index_of(&hazards);
        for entry in self.entries()? {
            let position = positions.get(&entry.hazard).copied();
            match (&entry.event, position) {
                (HistoryEvent::Added(hazard), Some(index)) => hazards[index] = (**hazard).clone(),
                (HistoryEvent::Added(hazard), None) => {
                    positions.insert(hazard.key, hazards.len());
                    hazards.push((**hazard).clone());
                }
                (HistoryEvent::Removed, Some(index)) => {
                    hazards.remove(index);
                    positions = index_of(&hazards);
                }
                (HistoryEvent::Changed, Some(index)) => {
                    for change in &entry.changes {
                        change
                            .field
                            .set(&mut hazards[index], change.after.clone())?;
                    }
                }
                (_, None) => return Err(HistoryError::UnknownHazard(entry.hazard.0)),
            }
        }
        Ok(hazards)
    }

    /// The stored size of the sealed chunks, in bytes of file text.
    pub fn sealed_bytes(&self) -> usize {
        self.sealed.iter().map(|c| c.packed.stored_len()).sum()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn entry(key: u64, name: &str) -> HistoryEntry {
        HistoryEntry {
            hazard: HazardKey(key),
            at: DateTime::UNIX_EPOCH,
            by: "cso".into(),
            meeting: None,
            label: "rename".into(),
            event: HistoryEvent::Changed,
            changes: vec![FieldChange {
                field: HazardField::Name,
                before: FieldValue::Text(String::new()),
                after: FieldValue::Text(name.into()),
            }],
        }
    }

    #[test]
    fn full_chunks_are_sealed_and_read_back_in_order() {
        let mut log = HistoryLog::default();
        let start = vec![Hazard::new(
            HazardKey(1),
            "H001".into(),
            String::new(),
            DateTime::UNIX_EPOCH,
        )];
        for n in 0..(CHUNK_ENTRIES * 2 + 5) {
            log.push(entry(1, &format!("name {n}")));
        }
        assert_eq!(log.len(), CHUNK_ENTRIES * 2 + 5);
        assert_eq!(log.sealed.len(), 2);
        let replayed = log.replay(&start).unwrap();
        assert_eq!(replayed[0].name, format!("name {}", CHUNK_ENTRIES * 2 + 4));

        let text = ron::to_string(&log).unwrap();
        let back: HistoryLog = ron::from_str(&text).unwrap();
        assert_eq!(back, log);
    }

    #[test]
    fn a_change_to_a_hazard_never_added_is_an_error() {
        let mut log = HistoryLog::default();
        log.push(entry(7, "x"));
        assert!(matches!(
            log.replay(&[]),
            Err(HistoryError::UnknownHazard(7))
        ));
    }
}
