//! How hazard fields are written into, and read back out of, single spreadsheet cells: numbered
//! lists (`1) …\n2) …`), a control's owner and evidence, and the status words. Export and import
//! share these so that whatever one writes the other reads back.

use crate::domain::risk::normalise;
use crate::domain::{
    AdditionalControl, ControlKind, ExistingControl, ExistingControlKind, HazardStatus,
};

/// A list as one cell: one item is written as it is (`1) X` too: it reads back whole); several
/// are numbered `1) a\n2) b`. A lone item that would not read back whole (`1) a\n2) b` as one
/// item) is numbered too.
pub fn format_list(items: &[String]) -> String {
    match items {
        [] => String::new(),
        [only] if !starts_numbered(only) || parse_list(only) == [only.trim()] => only.clone(),
        _ => {
            // `1) a\n2) b`, as the NHS logs write it; `1. a\n2. b` when an item has a line of
            // its own that would read back as the next number.
            let delimiter = if clashes(items, ')') && !clashes(items, '.') {
                '.'
            } else {
                ')'
            };
            items
                .iter()
                .enumerate()
                .map(|(i, item)| format!("{}{delimiter} {item}", i + 1))
                .collect::<Vec<_>>()
                .join("\n")
        }
    }
}

/// Whether a line inside an item would be taken for the start of the next item.
fn clashes(items: &[String], delimiter: char) -> bool {
    items.iter().enumerate().any(|(i, item)| {
        item.lines().skip(1).any(|line| {
            matches!(marker(line), Some(m) if m.number as usize == i + 2 && m.delimiter == delimiter)
        })
    })
}

/// Splits a cell into list items. A cell whose first line starts `1)` (or `1.`) is a numbered
/// list: each line starting with the next number begins an item, other lines continue the item
/// before. Any other cell is one item, kept whole (its lines are not guessed at). A numbered
/// cell with one item keeps its own numbering (`1) X` reads as `1) X`), unless that item is
/// itself numbered (how [`format_list`] writes a lone item that looks like a list). Items are
/// trimmed and empty ones dropped.
pub fn parse_list(cell: &str) -> Vec<String> {
    let text = cell.trim();
    if text.is_empty() {
        return Vec::new();
    }
    let mut lines = text.lines();
    let first = lines.next().unwrap_or_default();
    let Some(Marker {
        number: 1,
        delimiter,
        rest,
    }) = marker(first)
    else {
        return vec![text.to_owned()];
    };
    let mut items = vec![rest.to_owned()];
    let mut expected = 2;
    for line in lines {
        match marker(line) {
            Some(m) if m.number == expected && m.delimiter == delimiter => {
                items.push(m.rest.to_owned());
                expected += 1;
            }
            _ => {
                let last = items.last_mut().expect("the first item is always there");
                last.push('\n');
                last.push_str(line);
            }
        }
    }
    if let [only] = items.as_slice()
        && !starts_numbered(only)
    {
        return vec![text.to_owned()];
    }
    items
        .into_iter()
        .map(|item| item.trim().to_owned())
        .filter(|item| !item.is_empty())
        .collect()
}

/// Whether `text` would read back as a numbered list.
fn starts_numbered(text: &str) -> bool {
    let first = text.trim_start().lines().next().unwrap_or_default();
    matches!(marker(first), Some(Marker { number: 1, .. }))
}

struct Marker<'a> {
    number: u32,
    delimiter: char,
    rest: &'a str,
}

/// `12) text`, `12)text` or `12. text` at the start of a line.
fn marker(line: &str) -> Option<Marker<'_>> {
    let line = line.trim_start();
    let digits = line.bytes().take_while(u8::is_ascii_digit).count();
    if digits == 0 || digits > 4 {
        return None;
    }
    let number = line[..digits].parse().ok()?;
    let after = &line[digits..];
    let delimiter = after.chars().next()?;
    let rest = &after[delimiter.len_utf8()..];
    match delimiter {
        ')' => Some(Marker {
            number,
            delimiter,
            rest,
        }),
        // `1.5 mg` is not a list item; `1. Check` is.
        '.' if rest.is_empty() || rest.starts_with(char::is_whitespace) => Some(Marker {
            number,
            delimiter,
            rest,
        }),
        _ => None,
    }
}

const OWNER_TAG: &str = "(Owner: ";
const EVIDENCE_TAG: &str = "(Evidence: ";
const EVIDENCE_SEPARATOR: &str = "; Evidence: ";

/// A control as one list item: its text, then ` (Owner: X; Evidence: Y)` with whichever parts
/// are set. A text that already ends like such a note gets an empty one, so it reads back whole.
pub fn format_control(control: &AdditionalControl) -> String {
    let note = match (control.owner.is_empty(), control.evidence.is_empty()) {
        (false, false) => format!(
            "{OWNER_TAG}{}{EVIDENCE_SEPARATOR}{})",
            control.owner, control.evidence
        ),
        (false, true) => format!("{OWNER_TAG}{})", control.owner),
        (true, false) => format!("{EVIDENCE_TAG}{})", control.evidence),
        (true, true) => {
            let (_, owner, evidence) = split_control(&control.text);
            if owner.is_empty() && evidence.is_empty() {
                return control.text.clone();
            }
            format!("{OWNER_TAG}{EVIDENCE_SEPARATOR})")
        }
    };
    if control.text.is_empty() {
        note
    } else {
        format!("{} {note}", control.text)
    }
}

/// Reads a control list item back: `(text, owner, evidence)`.
pub fn split_control(item: &str) -> (String, String, String) {
    let whole = || (item.trim().to_owned(), String::new(), String::new());
    let trimmed = item.trim_end();
    let Some(body) = trimmed.strip_suffix(')') else {
        return whole();
    };
    let starts_note = |pos: usize| pos == 0 || body[..pos].ends_with(char::is_whitespace);
    if let Some(pos) = body.rfind(OWNER_TAG).filter(|&p| starts_note(p)) {
        let inner = &body[pos + OWNER_TAG.len()..];
        let (owner, evidence) = match inner.find(EVIDENCE_SEPARATOR) {
            Some(sep) => (&inner[..sep], &inner[sep + EVIDENCE_SEPARATOR.len()..]),
            None => (inner, ""),
        };
        return (
            body[..pos].trim().to_owned(),
            owner.trim().to_owned(),
            evidence.trim().to_owned(),
        );
    }
    if let Some(pos) = body.rfind(EVIDENCE_TAG).filter(|&p| starts_note(p)) {
        let evidence = &body[pos + EVIDENCE_TAG.len()..];
        return (
            body[..pos].trim().to_owned(),
            String::new(),
            evidence.trim().to_owned(),
        );
    }
    whole()
}

/// The controls of one kind as one cell.
pub fn format_controls(controls: &[AdditionalControl], kind: ControlKind) -> String {
    let items: Vec<String> = controls
        .iter()
        .filter(|c| c.kind == kind)
        .map(format_control)
        .collect();
    format_list(&items)
}

/// Existing controls as one cell of a layout with a single Existing Controls column (layout A):
/// each item is the text with ` (Evidence: Y)` when it has evidence, prefixed `User training: `
/// or `Business process: ` unless it is of the default kind (HIT design).
pub fn format_existing_controls(controls: &[ExistingControl]) -> String {
    let items: Vec<String> = controls
        .iter()
        .map(|control| {
            let item = format_control(&AdditionalControl {
                text: control.text.clone(),
                evidence: control.evidence.clone(),
                ..AdditionalControl::default()
            });
            // HIT design is the default kind, written bare unless the text itself starts like
            // a kind label (then the label keeps it from being read as that kind).
            let looks_typed = split_existing_kind(&item).0 != ExistingControlKind::HitDesign
                || item.starts_with(&format!("{}: ", ExistingControlKind::HitDesign.label()));
            match control.kind {
                ExistingControlKind::HitDesign if !looks_typed => item,
                kind => format!("{}: {item}", kind.label()),
            }
        })
        .collect();
    format_list(&items)
}

/// The existing controls of one cell, as [`format_existing_controls`] writes them: an optional
/// kind label, the text, and its evidence.
pub fn parse_existing_controls(cell: &str) -> Vec<ExistingControl> {
    parse_list(cell)
        .iter()
        .map(|item| {
            let (kind, rest) = split_existing_kind(item);
            let (text, owner, evidence) = split_control(rest);
            if owner.is_empty() {
                ExistingControl {
                    kind,
                    text,
                    evidence,
                }
            } else {
                // Existing controls have no owner: an owner note is part of the text.
                ExistingControl {
                    kind,
                    text: rest.trim().to_owned(),
                    evidence: String::new(),
                }
            }
        })
        .collect()
}

/// The kind label an existing control starts with, and the rest; HIT design when it has none.
fn split_existing_kind(item: &str) -> (ExistingControlKind, &str) {
    ExistingControlKind::ALL
        .into_iter()
        .find_map(|kind| {
            item.strip_prefix(kind.label())
                .and_then(|rest| rest.strip_prefix(": "))
                .map(|rest| (kind, rest))
        })
        .unwrap_or((ExistingControlKind::HitDesign, item))
}

/// The controls of one cell, all of `kind`.
pub fn parse_controls(cell: &str, kind: ControlKind) -> Vec<AdditionalControl> {
    parse_list(cell)
        .iter()
        .map(|item| {
            let (text, owner, evidence) = split_control(item);
            AdditionalControl {
                kind,
                text,
                owner,
                evidence,
            }
        })
        .collect()
}

/// A control type as real logs write it (`Design`, `Process`, `BPC`, `Business process change`).
pub fn parse_control_kind(text: &str) -> Option<ControlKind> {
    match normalise(text).as_str() {
        "design" | "design control" => Some(ControlKind::Design),
        "test" | "testing" | "test control" => Some(ControlKind::Test),
        "training" | "training control" => Some(ControlKind::Training),
        "bpc"
        | "business process change"
        | "business process"
        | "process"
        | "procedure"
        | "process change" => Some(ControlKind::BusinessProcessChange),
        _ => None,
    }
}

/// The status as the Status column shows it. The NHS list has only Open, Closed and
/// Transferred; the app's other two states are written as words the importer reads back.
pub fn format_status(status: &HazardStatus) -> String {
    match status {
        HazardStatus::Withdrawn { reason } if !reason.is_empty() => format!("Withdrawn: {reason}"),
        other => other.label().to_owned(),
    }
}

/// Reads a status cell (trimmed, any case). `Withdrawn: reason` and `Deprecated …` are withdrawn.
pub fn parse_status(text: &str) -> Option<HazardStatus> {
    let text = text.trim();
    let words = normalise(text);
    match words.as_str() {
        "open" => return Some(HazardStatus::Open),
        "closed" => return Some(HazardStatus::Closed),
        "transferred" => return Some(HazardStatus::Transferred),
        "new for triage" | "new" | "for triage" | "triage" | "new hazard for triage" => {
            return Some(HazardStatus::NewForTriage);
        }
        _ => {}
    }
    if let Some(rest) = text
        .get(.."withdrawn".len())
        .filter(|word| word.eq_ignore_ascii_case("withdrawn"))
        .map(|word| text[word.len()..].trim_start())
    {
        // One separator after the word; the reason itself may start with anything.
        let reason = rest
            .strip_prefix([':', '-', '–', '—'])
            .unwrap_or(rest)
            .trim();
        return Some(HazardStatus::Withdrawn {
            reason: reason.to_owned(),
        });
    }
    if words.starts_with("deprecated") {
        return Some(HazardStatus::Withdrawn {
            reason: text.to_owned(),
        });
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn strings(items: &[&str]) -> Vec<String> {
        items.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn lists_are_numbered_unless_single() {
        assert_eq!(format_list(&[]), "");
        assert_eq!(format_list(&strings(&["Only one"])), "Only one");
        assert_eq!(
            format_list(&strings(&["First", "Second\nline two"])),
            "1) First\n2) Second\nline two"
        );
        assert_eq!(
            format_list(&strings(&["1) numbered by its author"])),
            "1) numbered by its author"
        );
        assert_eq!(
            format_list(&strings(&["1) a\n2) b"])),
            "1. 1) a\n2) b",
            "one item that would read back as two is numbered"
        );
    }

    #[test]
    fn numbered_cells_split_into_items() {
        assert_eq!(
            parse_list("1) Incorrect details\n2) User unable to confirm\ncontinued\n3) None "),
            strings(&[
                "Incorrect details",
                "User unable to confirm\ncontinued",
                "None"
            ])
        );
        assert_eq!(parse_list("1. One\n2. Two"), strings(&["One", "Two"]));
        assert_eq!(
            parse_list("0101 Messaging failure"),
            strings(&["0101 Messaging failure"])
        );
        assert_eq!(
            parse_list("Examples:\n1. The structure\n2. Other"),
            strings(&["Examples:\n1. The structure\n2. Other"])
        );
        assert_eq!(parse_list("  \n "), Vec::<String>::new());
        assert_eq!(parse_list("1.5 mg given"), strings(&["1.5 mg given"]));
        // A line with the wrong number continues the item before; one item keeps its number.
        assert_eq!(parse_list("1) a\n3) b"), strings(&["1) a\n3) b"]));
        assert_eq!(parse_list(" 1) X "), strings(&["1) X"]));
        assert_eq!(parse_list("1) 1) X"), strings(&["1) X"]));
    }

    #[test]
    fn lists_round_trip() {
        for items in [
            strings(&["a"]),
            strings(&["a", "b\nc", "=1+1"]),
            strings(&["1) a"]),
            strings(&["1) 1) a"]),
            strings(&["1) a\n2) b"]),
            strings(&["1) a", "b"]),
            strings(&["2) odd start"]),
            strings(&["x", "x (Evidence: +\n3)"]),
            strings(&["a\n2) looks like the next item", "b"]),
        ] {
            assert_eq!(parse_list(&format_list(&items)), items, "{items:?}");
        }
    }

    #[test]
    fn control_owner_and_evidence_round_trip() {
        let cases = [
            ("Alert", "", ""),
            ("Alert", "PM", ""),
            ("Alert", "", "TS-1 (v2)"),
            ("Alert", "PM; lead", "CR-0412; TS-7"),
            ("Ends (Owner: x)", "", ""),
            ("Ends (Evidence: y)", "", ""),
            ("", "Owner only", ""),
        ];
        for (text, owner, evidence) in cases {
            let control = AdditionalControl {
                kind: ControlKind::Test,
                text: text.into(),
                owner: owner.into(),
                evidence: evidence.into(),
            };
            let cell = format_controls(std::slice::from_ref(&control), ControlKind::Test);
            assert_eq!(
                parse_controls(&cell, ControlKind::Test),
                vec![control],
                "{cell}"
            );
        }
    }

    #[test]
    fn statuses_round_trip_and_tolerate_spelling() {
        for status in [
            HazardStatus::NewForTriage,
            HazardStatus::Open,
            HazardStatus::Transferred,
            HazardStatus::Closed,
            HazardStatus::Withdrawn {
                reason: String::new(),
            },
            HazardStatus::Withdrawn {
                reason: "Duplicate of H004: merged".into(),
            },
            HazardStatus::Withdrawn {
                reason: ": odd - reason".into(),
            },
        ] {
            assert_eq!(parse_status(&format_status(&status)), Some(status));
        }
        assert_eq!(parse_status("Closed "), Some(HazardStatus::Closed));
        assert_eq!(parse_status("closed"), Some(HazardStatus::Closed));
        assert_eq!(
            parse_status("Deprecated in v2"),
            Some(HazardStatus::Withdrawn {
                reason: "Deprecated in v2".into()
            })
        );
        assert_eq!(parse_status("Deferred to version 2.0"), None);
    }

    #[test]
    fn control_kinds_from_real_logs() {
        assert_eq!(
            parse_control_kind("Process"),
            Some(ControlKind::BusinessProcessChange)
        );
        assert_eq!(parse_control_kind(" design "), Some(ControlKind::Design));
        assert_eq!(parse_control_kind("Policy"), None);
    }
}
