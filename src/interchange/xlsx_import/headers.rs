//! What a header cell names: the vocabulary of hazard log columns (with synonyms and
//! initial/residual stages), and which sheet and row of a workbook is the hazard log's header.

use calamine::Data;

use super::damage::SheetError;
use super::loose::{HeaderMatch, match_alone};
use super::workbook::{Book, MAX_CELL_BYTES, MAX_COLUMNS};
use crate::domain::risk::normalise;
use crate::domain::summary::Stage;

/// How far down each sheet the header row is looked for.
pub const HEADER_SCAN_ROWS: u32 = 20;

/// Where the hazard log's header is, and the sheets that could not be searched.
pub(super) struct HeaderSearch {
    /// `(sheet index, 0-based header row)`.
    pub found: Option<(usize, u32)>,
    pub unreadable: Vec<SheetError>,
}

/// The hazard sheet: the row, in the first rows of any sheet, that names the most hazard log
/// columns. Visible sheets win over hidden ones.
pub(super) fn find_hazard_sheet(book: &mut Book, sheets: &[(String, bool)]) -> HeaderSearch {
    let mut best: Option<(bool, usize, usize, u32)> = None; // (visible, score, sheet, row)
    let mut unreadable = Vec::new();
    for (index, (name, visible)) in sheets.iter().enumerate() {
        let grid = match book.read_grid(name, HEADER_SCAN_ROWS, MAX_COLUMNS, MAX_CELL_BYTES, None) {
            Ok(grid) => grid,
            Err(error) => {
                unreadable.push(error);
                continue;
            }
        };
        for (row, cells) in &grid.rows {
            let score = header_score(cells.values());
            if score > 0 && best.is_none_or(|(v, s, _, _)| (*visible, score) > (v, s)) {
                best = Some((*visible, score, index, *row));
            }
        }
    }
    HeaderSearch {
        found: best.map(|(_, _, sheet, row)| (sheet, row)),
        unreadable,
    }
}

/// What a hazard sheet column holds, without initial/residual.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub(super) enum Kind {
    Id,
    Name,
    Description,
    Impact,
    Causes,
    Existing,
    Severity,
    Likelihood,
    Risk,
    Design,
    Test,
    Training,
    Bpc,
    /// One additional control per row (the CDS log), typed by a Control type column.
    Controls,
    ControlType,
    ControlOwner,
    ControlEvidence,
    ControlAction,
    ControlActionStatus,
    Notes,
    Owner,
    Status,
    Rationale,
    // The v3.6 template's columns (read by position, see `v36`).
    DateAdded,
    Effect,
    HazardText,
    ExistingDesign,
    ExistingTraining,
    ExistingBpc,
    /// The Evidence of the Description column to its left.
    Evidence,
    InitialJustification,
    WithdrawnReason,
}

/// Trimmed, whitespace-collapsed, lower-case, `a / b` as `a/b`, no trailing `:`, `*` or `.`.
pub(super) fn header_key(text: &str) -> String {
    normalise(text)
        .replace(" /", "/")
        .replace("/ ", "/")
        .trim_end_matches([':', '*', '.', ' '])
        .to_owned()
}

/// Every header the importer knows word for word (after [`header_key`]), by the field it names.
const VOCABULARY: &[(Kind, &[&str])] = &[
    (
        Kind::Id,
        &[
            "hazard number",
            "hazard no",
            "hazard num",
            "hazard #",
            "hazard id",
            "hazard ref",
            "hazard reference",
            "hazard identifier",
            "num",
            "number",
            "no",
            "id",
            "ref",
            "reference",
            "ref no",
            "#",
        ],
    ),
    (
        Kind::Name,
        &[
            "hazard name",
            "hazard title",
            "name",
            "title",
            "hazard",
            "hazard summary",
        ],
    ),
    (
        Kind::Description,
        &["hazard description", "description", "detailed description"],
    ),
    (
        Kind::Impact,
        &[
            "potential clinical impact",
            "clinical impact",
            "potential impact",
            "impact",
            "potential harm",
            "harm",
            "clinical harm",
            "potential clinical harm",
            "effect",
            "hazard effect",
        ],
    ),
    (
        Kind::Causes,
        &[
            "possible causes",
            "possible cause",
            "hazard causes",
            "hazard cause",
            "causes",
            "cause",
            "potential causes",
            "potential cause",
            "causes of hazard",
        ],
    ),
    (
        Kind::Existing,
        &[
            "existing controls",
            "existing control",
            "existing controls in place",
            "current controls",
            "controls in place",
            "existing mitigations",
            "existing mitigation",
        ],
    ),
    (
        Kind::Severity,
        &[
            "severity",
            "consequence",
            "harm severity",
            "severity of harm",
        ],
    ),
    (
        Kind::Likelihood,
        &[
            "likelihood",
            "probability",
            "frequency",
            "likelihood of harm",
        ],
    ),
    (
        Kind::Risk,
        &[
            "risk",
            "risk rating",
            "risk score",
            "risk level",
            "risk value",
            "rating",
        ],
    ),
    (
        Kind::Design,
        &["design", "design controls", "design control"],
    ),
    (
        Kind::Test,
        &["test", "testing", "test controls", "test control"],
    ),
    (
        Kind::Training,
        &["training", "training controls", "training control"],
    ),
    (
        Kind::Bpc,
        &[
            "bpc",
            "business process change",
            "business process changes",
            "business process",
        ],
    ),
    (
        Kind::Controls,
        &[
            "additional controls",
            "additional control",
            "additional controls/mitigations",
            "additional mitigations",
            "mitigations",
            "mitigation",
            "risk controls",
            "control measures",
            "new controls",
            "controls",
        ],
    ),
    (
        Kind::ControlType,
        &["control type", "type of control", "control category"],
    ),
    (Kind::ControlOwner, &["control owner", "owner of control"]),
    (
        Kind::ControlEvidence,
        &[
            "evidence",
            "control evidence",
            "evidence of control",
            "verification evidence",
        ],
    ),
    (Kind::ControlAction, &["action", "control action"]),
    (
        Kind::ControlActionStatus,
        &["action status", "control status"],
    ),
    (
        Kind::Notes,
        &[
            "summary of actions/notes",
            "summary of actions",
            "actions/notes",
            "notes/actions",
            "actions",
            "notes",
            "comments",
            "comment",
            "suggested actions to mitigate hazard",
            "suggested actions",
        ],
    ),
    (
        Kind::Owner,
        &[
            "owner",
            "hazard owner",
            "risk owner",
            "responsible",
            "responsible person",
        ],
    ),
    (Kind::Status, &["status", "hazard status", "current status"]),
    (
        Kind::Rationale,
        &[
            "acceptance rationale",
            "alarp rationale",
            "alarp justification",
            "risk acceptance rationale",
            "residual risk acceptance rationale",
            "rationale",
            "justification",
            "alarp",
        ],
    ),
];

/// The field a header key names word for word.
pub(super) fn kind_of(key: &str) -> Option<Kind> {
    VOCABULARY
        .iter()
        .find(|(_, names)| names.contains(&key))
        .map(|(kind, _)| *kind)
}

/// Every word of the known headers, for correcting typos.
pub(super) fn vocabulary_words() -> impl Iterator<Item = &'static str> {
    VOCABULARY
        .iter()
        .flat_map(|(_, names)| names.iter())
        .flat_map(|name| name.split([' ', '/']))
}

pub(super) fn is_assessment(kind: Kind) -> bool {
    matches!(kind, Kind::Severity | Kind::Likelihood | Kind::Risk)
}

/// The kind of a header and its stage when the header says it (`Initial Consequence`,
/// `Residual Risk`, `Initial Risk - Likelihood`).
pub(super) fn classify(header: &str) -> Option<(Kind, Option<Stage>)> {
    let key = header_key(header);
    if key.is_empty() {
        return None;
    }
    if let Some(kind) = kind_of(&key) {
        return Some((kind, None));
    }
    const STAGES: [(&str, Stage); 6] = [
        ("initial", Stage::Initial),
        ("pre-mitigation", Stage::Initial),
        ("pre mitigation", Stage::Initial),
        ("residual", Stage::Residual),
        ("post-mitigation", Stage::Residual),
        ("post mitigation", Stage::Residual),
    ];
    let separators: &[char] = &[' ', '-', ':', '–', '—', '(', ')'];
    for (prefix, stage) in STAGES {
        let Some(rest) = key.strip_prefix(prefix) else {
            continue;
        };
        let rest = rest.trim_matches(separators);
        if let Some(kind) = kind_of(rest).filter(|k| is_assessment(*k)) {
            return Some((kind, Some(stage)));
        }
        if let Some(after) = rest.strip_prefix("risk") {
            let after = after.trim_matches(separators);
            if let Some(kind) = kind_of(after).filter(|k| is_assessment(*k)) {
                return Some((kind, Some(stage)));
            }
        }
    }
    None
}

/// How many different hazard log columns a row names; 0 unless it has an id or name column
/// and at least three in all.
fn header_score<'a>(cells: impl Iterator<Item = &'a Data>) -> usize {
    let mut kinds: Vec<Kind> = cells
        .filter_map(|d| match d {
            Data::String(s) => match match_alone(s) {
                HeaderMatch::Exact(kind, _) | HeaderMatch::Loose(kind, _, _) => Some(kind),
                _ => None,
            },
            _ => None,
        })
        .collect();
    kinds.sort();
    kinds.dedup();
    let named = kinds.contains(&Kind::Id) || kinds.contains(&Kind::Name);
    if named && kinds.len() >= 3 {
        kinds.len()
    } else {
        0
    }
}

pub(super) fn field_label(kind: Kind, stage: Option<Stage>) -> String {
    let stage = stage
        .map(|s| s.label().to_owned() + " ")
        .unwrap_or_default();
    let base = match kind {
        Kind::Id => "hazard id",
        Kind::Name => "hazard name",
        Kind::Description => "description",
        Kind::Impact => "potential clinical impact",
        Kind::Causes => "possible causes (one per numbered line)",
        Kind::Existing => "existing controls (one per numbered line)",
        Kind::Severity => "severity",
        Kind::Likelihood => "likelihood",
        Kind::Risk => "risk (recomputed from severity and likelihood, checked)",
        Kind::Design => "Design controls",
        Kind::Test => "Test controls",
        Kind::Training => "Training controls",
        Kind::Bpc => "Business process change controls",
        Kind::Controls => "additional controls (typed by the control type column)",
        Kind::ControlType => "control type",
        Kind::ControlOwner => "control owner",
        Kind::ControlEvidence => "control evidence",
        Kind::ControlAction => "control evidence (the action that verifies the control)",
        Kind::ControlActionStatus => "control evidence (the status of that action)",
        Kind::Notes => "summary of actions/notes",
        Kind::Owner => "owner",
        Kind::Status => "status",
        Kind::Rationale => "residual justification",
        Kind::DateAdded => "date added",
        Kind::Effect => "effect",
        Kind::HazardText => "hazard",
        Kind::ExistingDesign => "HIT design existing controls",
        Kind::ExistingTraining => "user training existing controls",
        Kind::ExistingBpc => "business process existing controls",
        Kind::Evidence => "evidence of the controls to its left",
        Kind::InitialJustification => "initial justification",
        Kind::WithdrawnReason => "withdrawal reason",
    };
    let text = format!("{stage}{base}");
    let mut chars = text.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => text,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn headers_are_recognised_with_synonyms_and_stages() {
        assert_eq!(classify(" Hazard  Number "), Some((Kind::Id, None)));
        assert_eq!(classify("Num"), Some((Kind::Id, None)));
        assert_eq!(
            classify("Initial Consequence"),
            Some((Kind::Severity, Some(Stage::Initial)))
        );
        assert_eq!(
            classify("Initial Risk - Likelihood"),
            Some((Kind::Likelihood, Some(Stage::Initial)))
        );
        assert_eq!(
            classify("Residual Risk"),
            Some((Kind::Risk, Some(Stage::Residual)))
        );
        assert_eq!(classify("Initial Risk - Acceptability"), None);
        assert_eq!(classify("Business Process Change"), Some((Kind::Bpc, None)));
        assert_eq!(classify("Hazard Status"), Some((Kind::Status, None)));
        assert_eq!(classify("Hazard Causes"), Some((Kind::Causes, None)));
        assert_eq!(
            classify("Summary of Actions / Notes"),
            Some((Kind::Notes, None))
        );
        assert_eq!(classify("Hazard type"), None);
    }
}
