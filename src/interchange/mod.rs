//! Documents and files exchanged with the world outside the app: the NHS hazard log workbook out
//! (the v3.6 template, [`nhs_v36`], or layout A, [`xlsx_export`]), any hazard log spreadsheet in ([`xlsx_import`]), merging an import into
//! the open project ([`merge`]), and meeting minutes ([`minutes`]). No egui here: the app and
//! the command line both call these.

pub mod action_pack;
pub mod cell_text;
pub mod coverage_sheet;
pub mod diff_docx;
pub mod diff_xlsx;
pub mod export_losses;
pub mod heat_map_png;
pub mod layout;
pub mod merge;
pub mod minutes;
pub mod nhs_v36;
pub mod safety_case;
mod workbook_xml;
pub mod xlsx_export;
pub mod xlsx_import;

pub use export_losses::{ExportLoss, export_losses};
pub use merge::{HazardField, HazardUpdate, MergePlan, plan_merge, plan_merge_fields};
pub use xlsx_export::{ExportError, ExportLayout, ExportOptions, export_to_path, export_workbook};
pub use xlsx_import::{
    ColumnMapping, ImportError, ImportLimits, ImportReport, ImportResult, ImportWarning,
    Truncation, import_workbook,
};
