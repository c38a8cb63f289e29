//! The one path every change to a project takes: [`Edit`]s applied to a [`Document`], which keeps
//! the undo history and knows whether there are unsaved changes.

mod change;
mod document;
pub mod history_record;
pub mod meeting_ops;
pub mod ops;
pub mod version_ops;

pub use change::{Change, CoalesceKey, Edit, Slot};
pub use document::Document;

#[cfg(test)]
mod tests;
