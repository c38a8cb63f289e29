//! Action packs: a workbook for one owner with their open actions (the hazards each relates to,
//! with current risk, and the due date) and columns for them to fill (status, progress note,
//! evidence, date done), protected so only those columns can be edited; and reading a returned
//! pack back into the updates it reports, refusing a pack of another project or an unknown
//! format, and marking actions changed in the project since the pack was made.
//!
//! A hidden `Pack` sheet carries what the reader checks: the format, the project's identity,
//! the owner, when it was made, and per action its status then and a fingerprint of it.
//! Tested in `tests/action_packs.rs`, where packs are filled in as an owner would.

mod read;
mod write;

pub use read::{PackError, PackReturn, PackUpdate, read_action_pack};
pub use write::{action_pack, owners_with_open_actions, suggested_pack_name};

use crate::domain::baseline::sha256_hex;
use crate::domain::{ActionItem, Project};

/// The marker in the `Pack` sheet's first cell.
pub const PACK_MARKER: &str = "Hazard Workshop action pack";
/// Bumped when the layout changes; an older or newer pack is refused.
pub const PACK_FORMAT: &str = "1";
pub const PACK_SHEET: &str = "Pack";
pub const ACTIONS_SHEET: &str = "Your actions";
/// The header row of the actions sheet (0-based row 3, shown as row 4).
pub const HEADER_ROW: u32 = 3;
pub const HEADERS: [&str; 9] = [
    "Action ref",
    "Action",
    "Hazards",
    "Current risk",
    "Due",
    "Status",
    "Progress note",
    "Evidence",
    "Date done (dd/mm/yyyy)",
];
/// The columns the owner fills in.
pub const STATUS_COLUMN: u16 = 5;
pub const NOTE_COLUMN: u16 = 6;
pub const EVIDENCE_COLUMN: u16 = 7;
pub const DONE_COLUMN: u16 = 8;

/// "A12": how an action is referred to in a pack.
pub fn action_ref(action: &ActionItem) -> String {
    format!("A{}", action.key.0)
}

/// What identifies the project a pack belongs to: its document reference, or else its system.
pub fn project_identity(project: &Project) -> String {
    let id = project.metadata.document_id.trim();
    if id.is_empty() {
        format!("system: {}", project.metadata.system_name.trim())
    } else {
        format!("document: {id}")
    }
}

/// Changes when the action's wording, due date, status, owner or hazards change.
pub fn fingerprint(action: &ActionItem) -> String {
    let text = format!(
        "{}\u{1f}{:?}\u{1f}{}\u{1f}{:?}\u{1f}{:?}",
        action.description,
        action.due,
        action.status.label(),
        action.owner.map(|k| k.0),
        action.hazards.iter().map(|k| k.0).collect::<Vec<_>>()
    );
    sha256_hex(&text)[..16].to_owned()
}
