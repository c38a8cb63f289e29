//! The hazard log itself. No egui and no IO here: everything is plain data and pure functions,
//! so that the UI, the files and the exports all share one model.

pub mod action_line;
pub mod action_report;
pub mod baseline;
pub mod checks;
pub mod diff;
pub mod hazard;
pub mod hazard_fields;
pub mod hazards;
pub mod history;
pub mod inheritance;
pub mod library;
pub mod meeting;
pub mod minutes;
pub mod packed;
pub mod project;
pub mod risk;
pub mod safety_case;
pub mod summary;
pub mod technique;
pub mod three_way;

pub use hazard::{
    AdditionalControl, ControlKind, ExistingControl, ExistingControlKind, ExtraField, Hazard,
    HazardKey, HazardStatus, StatusKind,
};
pub use hazards::Hazards;
pub use meeting::{
    ActionItem, ActionKey, ActionStatus, AgendaItem, AgendaTarget, Attendance, AttendanceStatus,
    EntryKey, EntryKind, Meeting, MeetingKey, MeetingKind, MinuteEntry, Person, PersonKey,
    QueueProgress,
};
pub use project::{
    DocumentStatus, IdCounters, KeptSheet, Project, ProjectMetadata, SignOff, VersionHistoryLine,
};
pub use risk::{Assessment, Likelihood, Rgb, RiskMatrix, RiskRating, Severity};
