//! Per-hazard history: an append-only record of every change to every hazard (when, by whom, in
//! which meeting, each field's old and new value), kept in the project file and replayable.
//!
//! **Cost.** The log is a list of entries in chunks. Full chunks of [`CHUNK_ENTRIES`] entries
//! are sealed: packed ([`Packed`], deflated RON) and never changed again, so opening and saving
//! a long history reads and writes a few compressed strings rather than parsing every entry, and
//! a save changes only the tail of the file. The open tail chunk is plain RON in the file.
//! Cloning the project (undo snapshots, the recovery journal) shares the chunks rather than
//! copying them.
//!
//! **Per-hazard index.** A sealed chunk also records the hazard of each of its entries, in
//! order ([`EntryKeys`]: variable-length integers, base64; about 2 bytes an entry), and packs one
//! entry per line. Reading one hazard's history ([`HistoryLog::for_hazard`]) skips every chunk
//! that never mentions it and, in a chunk that does, inflates the text and parses only that
//! hazard's lines, never the other entries. Chunks sealed before the index existed (files
//! written during development of the history) have no keys and are still read whole.

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
    /// The hazard of each entry, in order. With it, `packed` holds one entry per line (compact
    /// RON escapes line breaks inside text); without it (older chunks), a RON list.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    keys: Option<EntryKeys>,
}

/// The hazard key of each entry of a chunk, in order: LEB128 variable-length integers,
/// base64-encoded. Shared, like [`Packed`], when the project is cloned.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(transparent)]
struct EntryKeys(Arc<str>);

impl EntryKeys {
    fn encode(keys: impl Iterator<Item = HazardKey>) -> EntryKeys {
        use base64::Engine as _;
        let mut bytes = Vec::new();
        for HazardKey(mut key) in keys {
            loop {
                let low = (key & 0x7f) as u8;
                key >>= 7;
                if key == 0 {
                    bytes.push(low);
                    break;
                }
                bytes.push(low | 0x80);
            }
        }
        EntryKeys(
            base64::engine::general_purpose::STANDARD
                .encode(bytes)
                .into(),
        )
    }

    fn decode(&self) -> Result<Vec<HazardKey>, HistoryError> {
        use base64::Engine as _;
        let bytes = base64::engine::general_purpose::STANDARD
            .decode(self.0.as_bytes())
            .map_err(|_| HistoryError::Index)?;
        let mut keys = Vec::new();
        let (mut key, mut shift) = (0u64, 0u32);
        for byte in bytes {
            if shift >= 64 {
                return Err(HistoryError::Index);
            }
            key |= u64::from(byte & 0x7f) << shift;
            if byte & 0x80 == 0 {
                keys.push(HazardKey(key));
                (key, shift) = (0, 0);
            } else {
                shift += 7;
            }
        }
        if shift != 0 {
            return Err(HistoryError::Index);
        }
        Ok(keys)
    }
}

impl SealedChunk {
    fn seal(entries: &[HistoryEntry]) -> Option<SealedChunk> {
        let (first, last) = (entries.first()?, entries.last()?);
        let lines: Vec<String> = entries.iter().map(super::packed::to_ron).collect();
        Some(SealedChunk {
            entries: entries.len() as u32,
            first_at: first.at,
            last_at: last.at,
            packed: Packed::pack_text(&lines.join("\n")),
            keys: Some(EntryKeys::encode(entries.iter().map(|e| e.hazard))),
        })
    }

    /// Every entry of the chunk, in order.
    fn entries(&self) -> Result<Vec<HistoryEntry>, HistoryError> {
        if self.keys.is_none() {
            return Ok(self.packed.unpack()?);
        }
        let entries = self.lines(|_| true)?;
        if entries.len() != self.entries as usize {
            return Err(HistoryError::Index);
        }
        Ok(entries)
    }

    /// The entries about `key`, in order, reading as little as the chunk allows.
    fn entries_for(&self, key: HazardKey) -> Result<Vec<HistoryEntry>, HistoryError> {
        let Some(keys) = &self.keys else {
            let mut entries = self.entries()?;
            entries.retain(|e| e.hazard == key);
            return Ok(entries);
        };
        let keys = keys.decode()?;
        if keys.len() != self.entries as usize {
            return Err(HistoryError::Index);
        }
        if !keys.contains(&key) {
            return Ok(Vec::new());
        }
        let entries = self.lines(|index| keys.get(index) == Some(&key))?;
        if entries.iter().any(|e| e.hazard != key) {
            return Err(HistoryError::Index);
        }
        Ok(entries)
    }

    /// Parses the lines (entries) whose position `wanted` picks.
    fn lines(&self, wanted: impl Fn(usize) -> bool) -> Result<Vec<HistoryEntry>, HistoryError> {
        let text = self.packed.unpack_text()?;
        let mut entries = Vec::new();
        for (index, line) in text.split('\n').enumerate() {
            if wanted(index) {
                let entry = ron::from_str(line).map_err(super::packed::UnpackError::from)?;
                entries.push(entry);
            }
        }
        Ok(entries)
    }
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

/// What [`HistoryLog::sealed_mark`] returns.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SealedMark(usize, Option<Packed>);

/// A history that cannot be read or replayed.
#[derive(Debug, thiserror::Error)]
pub enum HistoryError {
    #[error("a stored part of the history is damaged: {0}")]
    Unpack(#[from] UnpackError),
    #[error("the history changes hazard {0} before it was added")]
    UnknownHazard(u64),
    #[error("the history does not fit this version's hazards: {0}")]
    FieldType(#[from] FieldTypeError),
    #[error("a stored part of the history does not match its index of hazards")]
    Index,
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
        self.sealed.extend(SealedChunk::seal(&entries));
    }

    /// Every entry, oldest first. Unpacks the sealed chunks.
    pub fn entries(&self) -> Result<Vec<HistoryEntry>, HistoryError> {
        let mut all = Vec::with_capacity(self.len());
        for chunk in &self.sealed {
            all.extend(chunk.entries()?);
        }
        all.extend(self.open.iter().cloned());
        Ok(all)
    }

    /// One hazard's entries, oldest first. Parses only that hazard's entries of the sealed
    /// chunks that hold any (see the module's "Per-hazard index").
    pub fn for_hazard(&self, key: HazardKey) -> Result<Vec<HistoryEntry>, HistoryError> {
        let mut entries = self.sealed_for_hazard(key)?;
        entries.extend(
            self.open_entries()
                .iter()
                .filter(|e| e.hazard == key)
                .cloned(),
        );
        Ok(entries)
    }

    /// One hazard's entries in the sealed chunks, oldest first. They change only when another
    /// chunk is sealed ([`Self::sealed_mark`] changes), so a view can keep them across edits.
    pub fn sealed_for_hazard(&self, key: HazardKey) -> Result<Vec<HistoryEntry>, HistoryError> {
        let mut entries = Vec::new();
        for chunk in &self.sealed {
            entries.extend(chunk.entries_for(key)?);
        }
        Ok(entries)
    }

    /// Which sealed chunks the history holds: equal marks, equal sealed entries (the last chunk's
    /// text tells histories of different files apart).
    pub fn sealed_mark(&self) -> SealedMark {
        SealedMark(
            self.sealed.len(),
            self.sealed.last().map(|c| c.packed.clone()),
        )
    }

    /// The newest entries, not yet sealed, oldest first.
    pub fn open_entries(&self) -> &[HistoryEntry] {
        &self.open
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

    /// The stored size of the sealed chunks (entries and their index), in bytes of file text.
    pub fn sealed_bytes(&self) -> usize {
        self.sealed
            .iter()
            .map(|c| c.packed.stored_len() + c.keys.as_ref().map_or(0, |k| k.0.len()))
            .sum()
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
    fn one_hazards_history_is_read_through_the_index_and_matches_a_full_read() {
        let mut log = HistoryLog::default();
        for n in 0..(CHUNK_ENTRIES * 3 + 7) {
            // Line breaks and odd characters inside text must not split an entry.
            let key = [1, 300, 70_000, u64::MAX][n % 4];
            log.push(entry(key, &format!("name {n}\nsecond line \\n \"quoted\"")));
        }
        for key in [1, 300, 70_000, u64::MAX, 5] {
            let all = log.entries().unwrap();
            let expected: Vec<_> = all.into_iter().filter(|e| e.hazard.0 == key).collect();
            assert_eq!(
                log.for_hazard(HazardKey(key)).unwrap(),
                expected,
                "hazard {key}"
            );
        }
        assert!(log.sealed.iter().all(|c| c.keys.is_some()));
        let text = ron::to_string(&log).unwrap();
        let back: HistoryLog = ron::from_str(&text).unwrap();
        assert_eq!(back, log);
        assert_eq!(
            back.for_hazard(HazardKey(300)).unwrap().len(),
            CHUNK_ENTRIES * 3 / 4 + 2
        );
    }

    #[test]
    fn a_chunk_sealed_before_the_index_still_reads() {
        let entries: Vec<HistoryEntry> = (0..10).map(|n| entry(n % 3, &format!("n{n}"))).collect();
        let old = SealedChunk {
            entries: 10,
            first_at: DateTime::UNIX_EPOCH,
            last_at: DateTime::UNIX_EPOCH,
            packed: Packed::pack(&entries),
            keys: None,
        };
        // As written then: no `keys` field at all.
        let text = format!(
            "(sealed:[(entries:10,first_at:\"1970-01-01T00:00:00Z\",last_at:\"1970-01-01T00:00:00Z\",packed:{})],entries:[])",
            ron::to_string(&old.packed).unwrap()
        );
        let log: HistoryLog = ron::from_str(&text).unwrap();
        assert_eq!(log.entries().unwrap(), entries);
        let ones: Vec<_> = entries
            .iter()
            .filter(|e| e.hazard.0 == 1)
            .cloned()
            .collect();
        assert_eq!(log.for_hazard(HazardKey(1)).unwrap(), ones);
    }

    #[test]
    fn a_damaged_index_is_an_error_not_a_wrong_answer() {
        let mut log = HistoryLog::default();
        for n in 0..=CHUNK_ENTRIES {
            log.push(entry((n % 2) as u64, "x"));
        }
        // The keys of another chunk: the positions no longer match the entries.
        log.sealed[0].keys = Some(EntryKeys::encode((0..CHUNK_ENTRIES).map(|_| HazardKey(1))));
        assert!(matches!(
            log.for_hazard(HazardKey(1)),
            Err(HistoryError::Index)
        ));
        log.sealed[0].keys = Some(EntryKeys("%%%".into()));
        assert!(log.for_hazard(HazardKey(0)).is_err());
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
