//! Hazard Workshop: run clinical-safety hazard workshops and keep a DCB0129 hazard log.
//!
//! Layers, from the inside out: `domain` (the hazard log, no egui, no IO), `edit` (the one undoable
//! path every change takes, and its rules), `storage` (the project file and settings on disk),
//! `interchange` (spreadsheets and minutes), `shell` (what the app and its views share: the
//! command table, notices, pending questions, theme and pane names), `ui` (the views: they read
//! the document and push actions) and `app` (the eframe application that runs those actions).
//! Each layer imports only from the layers before it: `ui` never from `app`, so a view can be
//! read and tested without the application around it.

pub mod app;
pub mod cli;
pub mod domain;
pub mod edit;
pub mod interchange;
pub mod shell;
pub mod storage;
pub mod ui;
