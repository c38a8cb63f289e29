//! The one path every change to a project takes: [`Edit`]s (and [`Composite`]s of them) built
//! here and applied by [`Document::apply`], which enforces the rules, keeps the undo history and
//! knows whether there are unsaved changes.

pub mod action_pack_ops;
mod change;
mod document;
pub mod history_record;
pub mod inheritance_ops;
pub mod library_ops;
pub mod meeting_ops;
pub mod merge_ops;
pub mod ops;
mod technique_change;
pub mod technique_ops;
pub mod version_ops;

pub use change::{Change, CoalesceKey, Edit, Slot};
pub use document::{Composite, Document, Refused};
pub use technique_change::TechniqueChange;

#[cfg(test)]
mod tests;
