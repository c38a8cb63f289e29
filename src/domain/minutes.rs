//! Reading what a note-taker types: entry-kind prefixes, hazard references, dates.

use std::collections::HashMap;

use chrono::NaiveDate;

use super::hazard::{Hazard, HazardKey};
use super::meeting::{EntryKey, EntryKind, MeetingKey, MinuteEntry};
use super::project::Project;

/// Typed prefixes that choose an entry's kind, so the note-taker never leaves the keyboard:
/// `d: agreed to…` is a decision. Plain text is a note.
pub const ENTRY_PREFIXES: [(&str, EntryKind); 6] = [
    ("n:", EntryKind::Note),
    ("d:", EntryKind::Decision),
    ("a:", EntryKind::Action),
    ("p:", EntryKind::Parked),
    ("x:", EntryKind::NotAHazard),
    ("i:", EntryKind::InformationNeeded),
];

impl EntryKind {
    /// The prefix that types this kind.
    pub fn prefix(self) -> &'static str {
        ENTRY_PREFIXES
            .iter()
            .find(|(_, kind)| *kind == self)
            .map_or("", |(prefix, _)| prefix)
    }
}

/// Splits a typed line into its kind and text: `"d: Go ahead"` is a decision "Go ahead". Without
/// a prefix the line is of `default` kind.
pub fn parse_entry_input(line: &str, default: EntryKind) -> (EntryKind, String) {
    let trimmed = line.trim();
    for (prefix, kind) in ENTRY_PREFIXES {
        if trimmed.len() >= prefix.len() && trimmed[..prefix.len()].eq_ignore_ascii_case(prefix) {
            return (kind, trimmed[prefix.len()..].trim().to_owned());
        }
    }
    (default, trimmed.to_owned())
}

/// Hazards by display id (trimmed, case-folded), so that reading minutes for hazard references
/// costs a hash lookup per word, not a scan of the log. Build it once per project revision.
#[derive(Debug, Default)]
pub struct HazardIndex {
    by_display_id: HashMap<String, usize>,
}

impl HazardIndex {
    pub fn new(project: &Project) -> HazardIndex {
        let mut by_display_id = HashMap::with_capacity(project.hazards.len());
        for (index, hazard) in project.hazards.iter().enumerate() {
            // The first hazard with an id wins, as in `Project::hazard_by_display_id`.
            by_display_id
                .entry(hazard.display_id.trim().to_lowercase())
                .or_insert(index);
        }
        HazardIndex { by_display_id }
    }

    pub fn find<'a>(&self, project: &'a Project, display_id: &str) -> Option<&'a Hazard> {
        let index = *self.by_display_id.get(&display_id.trim().to_lowercase())?;
        project.hazards.get(index)
    }
}

/// A piece of entry text: plain, or a reference to a hazard by its display id.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum TextPart<'a> {
    Plain(&'a str),
    Hazard { text: &'a str, hazard: &'a Hazard },
}

/// Splits `text` into plain runs and references to hazards of `project`, written as their display
/// id (`H004`) or with a hash (`#H004`). Only ids that exist become references.
pub fn split_references<'a>(
    text: &'a str,
    project: &'a Project,
    hazards: &HazardIndex,
) -> Vec<TextPart<'a>> {
    let mut parts = Vec::new();
    let mut plain_start = 0;
    let mut index = 0;
    let bytes = text.as_bytes();
    while index < text.len() {
        let is_word = |b: u8| b.is_ascii_alphanumeric() || b == b'-' || b == b'_';
        let starts_word = (bytes[index] == b'#' || is_word(bytes[index]))
            && (index == 0 || !is_word(bytes[index - 1]) && bytes[index - 1] != b'#');
        if starts_word {
            let id_start = if bytes[index] == b'#' {
                index + 1
            } else {
                index
            };
            let mut end = id_start;
            while end < text.len() && is_word(bytes[end]) {
                end += 1;
            }
            // Trailing hyphens belong to the sentence, not the id.
            while end > id_start && bytes[end - 1] == b'-' {
                end -= 1;
            }
            if end > id_start
                && let Some(hazard) = hazards.find(project, &text[id_start..end])
            {
                if plain_start < index {
                    parts.push(TextPart::Plain(&text[plain_start..index]));
                }
                parts.push(TextPart::Hazard {
                    text: &text[index..end],
                    hazard,
                });
                plain_start = end;
                index = end;
                continue;
            }
            index = end.max(index + 1);
            continue;
        }
        index += text[index..].chars().next().map_or(1, char::len_utf8);
    }
    if plain_start < text.len() {
        parts.push(TextPart::Plain(&text[plain_start..]));
    }
    parts
}

/// Minute entries that mention `hazard` by id or were turned into it, with their meeting.
pub fn entries_about<'a>(
    project: &'a Project,
    index: &HazardIndex,
    hazard: &'a Hazard,
) -> Vec<(MeetingKey, &'a MinuteEntry)> {
    Mentions::with_index(project, index).of(project, hazard.key)
}

/// For every hazard, the minute entries that mention it by id, are about it or were turned
/// into it, in meeting and entry order: one pass over all the minutes, so a pane can list a
/// hazard's mentions every frame without reading every entry again.
#[derive(Debug, Default)]
pub struct Mentions {
    by_hazard: HashMap<HazardKey, Vec<(MeetingKey, EntryKey)>>,
    /// Each entry's hazard links.
    links: HashMap<(MeetingKey, EntryKey), Vec<Link>>,
}

/// A hazard link in an entry's text: where (bytes), and to which hazard.
type Link = (std::ops::Range<usize>, HazardKey);

impl Mentions {
    pub fn new(project: &Project) -> Mentions {
        Mentions::with_index(project, &HazardIndex::new(project))
    }

    pub fn with_index(project: &Project, index: &HazardIndex) -> Mentions {
        let mut by_hazard: HashMap<HazardKey, Vec<(MeetingKey, EntryKey)>> = HashMap::new();
        let mut links = HashMap::new();
        for meeting in &project.meetings {
            for entry in &meeting.entries {
                let mut keys: Vec<HazardKey> =
                    entry.hazard.into_iter().chain(entry.about).collect();
                let mut entry_links = Vec::new();
                for part in split_references(&entry.text, project, index) {
                    if let TextPart::Hazard { text, hazard } = part {
                        keys.push(hazard.key);
                        let start = text.as_ptr() as usize - entry.text.as_ptr() as usize;
                        entry_links.push((start..start + text.len(), hazard.key));
                    }
                }
                links.insert((meeting.key, entry.key), entry_links);
                keys.sort_unstable();
                keys.dedup();
                for key in keys {
                    by_hazard
                        .entry(key)
                        .or_default()
                        .push((meeting.key, entry.key));
                }
            }
        }
        Mentions { by_hazard, links }
    }

    /// `entry`'s text as [`split_references`] splits it, from the links found when the index
    /// was built (the whole text as plain if the entry was not in that project).
    pub fn parts<'a>(
        &self,
        project: &'a Project,
        meeting: MeetingKey,
        entry: &'a MinuteEntry,
    ) -> Vec<TextPart<'a>> {
        let text = entry.text.as_str();
        let mut parts = Vec::new();
        let mut at = 0;
        for (range, key) in self.links.get(&(meeting, entry.key)).into_iter().flatten() {
            let (Some(hazard), Some(link)) = (project.hazard(*key), text.get(range.clone())) else {
                continue;
            };
            if range.start > at {
                parts.push(TextPart::Plain(&text[at..range.start]));
            }
            parts.push(TextPart::Hazard { text: link, hazard });
            at = range.end;
        }
        if at < text.len() {
            parts.push(TextPart::Plain(&text[at..]));
        }
        parts
    }

    /// The entries that mention `hazard`, with their meeting.
    pub fn of<'a>(
        &self,
        project: &'a Project,
        hazard: HazardKey,
    ) -> Vec<(MeetingKey, &'a MinuteEntry)> {
        let Some(places) = self.by_hazard.get(&hazard) else {
            return Vec::new();
        };
        places
            .iter()
            .filter_map(|&(meeting, entry)| {
                let found = project
                    .meeting(meeting)?
                    .entries
                    .iter()
                    .find(|e| e.key == entry)?;
                Some((meeting, found))
            })
            .collect()
    }
}

/// Reads a date as people type it in the UK: `2026-12-04`, `4/12/2026`, `04.12.2026`,
/// `4 Dec 2026`.
pub fn parse_date(text: &str) -> Option<NaiveDate> {
    let text = text.trim();
    [
        "%Y-%m-%d", "%d/%m/%Y", "%d.%m.%Y", "%d-%m-%Y", "%d %b %Y", "%d %B %Y",
    ]
    .iter()
    .find_map(|format| NaiveDate::parse_from_str(text, format).ok())
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::DateTime;

    fn project() -> Project {
        let mut p = Project::default();
        for (key, id) in [(1, "H004"), (2, "NRL01"), (3, "61")] {
            p.hazards.push(Hazard::new(
                HazardKey(key),
                id.into(),
                "x".into(),
                DateTime::UNIX_EPOCH,
            ));
        }
        p
    }

    fn refs(text: &str) -> Vec<String> {
        let p = project();
        split_references(text, &p, &HazardIndex::new(&p))
            .into_iter()
            .filter_map(|part| match part {
                TextPart::Hazard { text, hazard } => Some(format!("{text}={}", hazard.display_id)),
                TextPart::Plain(_) => None,
            })
            .collect()
    }

    #[test]
    fn references_are_found_by_id_with_or_without_hash() {
        assert_eq!(refs("See H004 and #nrl01."), ["H004=H004", "#nrl01=NRL01"]);
        assert_eq!(refs("H0041 is not H004"), ["H004=H004"]);
        assert_eq!(refs("61 doses, item 610"), ["61=61"]);
        assert_eq!(refs("xH004 H005 — µg"), Vec::<String>::new());
    }

    #[test]
    fn mentions_list_each_entry_once_in_meeting_order() {
        use crate::domain::Meeting;
        let mut p = project();
        let entry = |key: u64, text: &str| MinuteEntry {
            key: EntryKey(key),
            kind: EntryKind::Note,
            text: text.into(),
            time: None,
            hazard: None,
            about: None,
        };
        let mut first = Meeting {
            key: MeetingKey(10),
            ..Meeting::default()
        };
        first.entries = vec![entry(11, "H004 and again H004"), entry(12, "nothing")];
        let mut second = Meeting {
            key: MeetingKey(20),
            ..Meeting::default()
        };
        let mut about = entry(21, "the dose issue");
        about.about = Some(HazardKey(1));
        let mut made = entry(22, "see #61");
        made.hazard = Some(HazardKey(1));
        second.entries = vec![about, made];
        p.meetings = vec![first, second];
        let mentions = Mentions::new(&p);
        let of = |key| -> Vec<u64> {
            mentions
                .of(&p, HazardKey(key))
                .into_iter()
                .map(|(_, e)| e.key.0)
                .collect()
        };
        assert_eq!(of(1), [11, 21, 22]);
        assert_eq!(of(3), [22]);
        assert!(of(2).is_empty());
        let old = entries_about(&p, &HazardIndex::new(&p), p.hazard(HazardKey(1)).unwrap());
        assert_eq!(old.len(), 3);
        // Each entry's parts, from the index, are what splitting its text gives.
        let index = HazardIndex::new(&p);
        for meeting in &p.meetings {
            for entry in &meeting.entries {
                assert_eq!(
                    mentions.parts(&p, meeting.key, entry),
                    split_references(&entry.text, &p, &index)
                );
            }
        }
    }

    #[test]
    fn split_keeps_every_character() {
        let p = project();
        let text = "µg dose: H004, then #61—done";
        let joined: String = split_references(text, &p, &HazardIndex::new(&p))
            .into_iter()
            .map(|part| match part {
                TextPart::Plain(t) | TextPart::Hazard { text: t, .. } => t,
            })
            .collect();
        assert_eq!(joined, text);
    }

    #[test]
    fn prefixes_choose_the_kind() {
        assert_eq!(
            parse_entry_input("d: Go ahead", EntryKind::Note),
            (EntryKind::Decision, "Go ahead".into())
        );
        assert_eq!(
            parse_entry_input("X:  Printer jams", EntryKind::Note),
            (EntryKind::NotAHazard, "Printer jams".into())
        );
        assert_eq!(
            parse_entry_input("Plain note", EntryKind::Parked),
            (EntryKind::Parked, "Plain note".into())
        );
        assert_eq!(EntryKind::Action.prefix(), "a:");
    }

    #[test]
    fn uk_dates_parse() {
        let d = NaiveDate::from_ymd_opt(2026, 12, 4);
        for text in [
            "2026-12-04",
            "4/12/2026",
            "04.12.2026",
            "4 Dec 2026",
            " 4 December 2026 ",
        ] {
            assert_eq!(parse_date(text), d, "{text}");
        }
        assert_eq!(parse_date("31/02/2026"), None);
    }
}
