//! The Clinical Safety Case Report and the DCB0160 handover pack as Word documents, made from a
//! project or one of its issued versions.
//!
//! Both follow the NHS Digital templates' structure and headings; the words are ours. Every
//! number comes from the same functions the app shows (`domain::summary`, `domain::checks`,
//! `domain::technique`), and the documents are laid out by the minutes renderer
//! ([`super::minutes::render_docx`]), so a report and the minutes of its workshops look alike.

mod handover;
mod report;
mod sections;

pub use handover::{handover_document, handover_docx, handover_project};
pub use report::{safety_case_document, safety_case_docx};

use chrono::NaiveDate;

use crate::domain::Project;
use crate::domain::baseline::Baseline;

/// Why a report could not be made.
#[derive(Debug, thiserror::Error)]
pub enum ReportError {
    #[error("The project has no issued version “{wanted}”. {}", available_versions(.available))]
    NoSuchVersion {
        wanted: String,
        available: Vec<String>,
    },
    #[error("Version {version} could not be read back: {reason}")]
    Thaw { version: String, reason: String },
    #[error("{0}")]
    Render(#[from] super::minutes::MinutesError),
}

fn available_versions(available: &[String]) -> String {
    if available.is_empty() {
        "No version has been issued yet (File › Issue version…).".to_owned()
    } else {
        format!("Issued versions: {}.", available.join(", "))
    }
}

/// What a report is made from: the log as it is now (a draft), or an issued version.
pub struct ReportSource<'a> {
    /// The hazard log the report presents: the current project or a version read back.
    pub log: Project,
    /// The issued version it was read from; `None` for the current log (a draft).
    pub issued: Option<&'a Baseline>,
    /// Every version issued, oldest first (the revision history), up to `issued`.
    pub history: &'a [Baseline],
    /// The day the report is made (overdue actions, open checks).
    pub today: NaiveDate,
}

impl<'a> ReportSource<'a> {
    /// The report of `project`'s issued version `version`, or of the current log when `None`.
    pub fn of(
        project: &'a Project,
        version: Option<&str>,
        today: NaiveDate,
    ) -> Result<ReportSource<'a>, ReportError> {
        let Some(wanted) = version else {
            return Ok(ReportSource {
                log: project.clone(),
                issued: None,
                history: &project.baselines,
                today,
            });
        };
        let index = project
            .baselines
            .iter()
            .position(|b| b.version.trim() == wanted.trim())
            .ok_or_else(|| ReportError::NoSuchVersion {
                wanted: wanted.to_owned(),
                available: project
                    .baselines
                    .iter()
                    .map(|b| b.version.clone())
                    .collect(),
            })?;
        let baseline = &project.baselines[index];
        let log = crate::edit::version_ops::open_baseline(baseline).map_err(|reason| {
            ReportError::Thaw {
                version: baseline.version.clone(),
                reason,
            }
        })?;
        Ok(ReportSource {
            log,
            issued: Some(baseline),
            history: &project.baselines[..=index],
            today,
        })
    }

    /// "version 1.2 issued 3 Nov 2026", or "the current log (draft)".
    pub fn describe(&self) -> String {
        match self.issued {
            Some(b) => format!(
                "version {} issued {}",
                b.version,
                b.issued.format("%-d %b %Y")
            ),
            None => "the current log (draft, not an issued version)".to_owned(),
        }
    }
}

#[cfg(test)]
mod tests;
