//! Hazard Workshop: run clinical-safety hazard workshops and keep a DCB0129 hazard log.
//!
//! Layers, from the inside out: `domain` (the hazard log, no egui, no IO), `edit` (the one undoable
//! path every change takes), `storage` (the project file and settings on disk), and `app` + `ui`
//! (the eframe application and its panes).

pub mod app;
pub mod cli;
pub mod domain;
pub mod edit;
pub mod interchange;
pub mod storage;
pub mod ui;
