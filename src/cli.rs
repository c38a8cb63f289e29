//! The command line: `export-xlsx`, `import-xlsx`, `check`, `export-report`,
//! `export-handover` and `merge`, or the app itself.
//!
//! Arguments are parsed by hand: two subcommands with two flags between them do not need a
//! parser crate, and this keeps "one path argument opens the app", as before, exact.

use std::io::Write;
use std::path::{Path, PathBuf};

use crate::domain::Project;
use crate::interchange::safety_case::{self, ReportSource};
use crate::interchange::{
    ExportLayout, ExportOptions, export_losses, export_to_path, export_workbook, import_workbook,
};
use crate::storage::project_file;

mod parse;
pub use parse::parse;

pub const USAGE: &str = "\
Hazard Workshop: run clinical-safety hazard workshops and keep a DCB0129 hazard log.

Usage:
  hazard-workshop [PROJECT.hazlog]
      Open the app, on PROJECT.hazlog if given (otherwise the last project, or the example).

  hazard-workshop export-xlsx PROJECT.hazlog OUT.xlsx [--layout L] [--include-withdrawn] [--force]
      Write the hazard log as an NHS hazard log workbook (Cover Page, Version History,
      Hazard Log, Risk Matrix, References, then Actions, Meetings and Minutes), and name each
      field a cell cannot hold exactly (such as spaces at the start or end of a text).
      --layout nhs-v3.6     the official NHS Digital template v3.6 (the default)
      --layout layout-a     the 19-column layout of the NRL and GP Connect logs
      --include-withdrawn   also write withdrawn hazards (Status \"Withdrawn\")
      --force               replace OUT.xlsx if it exists

  hazard-workshop import-xlsx IN.xlsx OUT.hazlog [--force]
      Read a hazard log spreadsheet (NHS layout or another one: the hazard sheet is found
      by its header row) into a new project file, and print how it was read: the columns
      mapped, the columns kept as extra fields, and every warning with its cell. A sheet
      longer than the importer reads (100000 rows) is refused: nothing is written.
      --force               replace OUT.hazlog if it exists

  hazard-workshop check PROJECT.hazlog
      Run the ready-to-issue clinical checks and print one line per problem: hazard id,
      field and reason (tab-separated, the check's id in brackets). For CI: exits 0 when
      there are no problems, 1 when there are, 2 when the file cannot be read.

  hazard-workshop export-report PROJECT.hazlog OUT.docx [--baseline VERSION] [--force]
      Write the Clinical Safety Case Report (Word), following the NHS Digital template's
      sections, from issued version VERSION, or from the current log marked as a draft.
      --baseline VERSION    the issued version to report on (File › Issue version in the app)
      --force               replace OUT.docx if it exists

  hazard-workshop export-handover PROJECT.hazlog OUT.docx [--baseline VERSION] [--force]
      Write the DCB0160 handover pack for the deploying organisation: every Transferred
      hazard and what the deployer puts in place, as OUT.docx, and the same hazards as an
      NHS v3.6 workbook beside it (OUT.xlsx).

  hazard-workshop merge BASE.hazlog OURS.hazlog THEIRS.hazlog -o OUT.hazlog
      Merge two copies of a project (OURS and THEIRS) edited apart since their common
      ancestor BASE, hazard by hazard and field by field, and write the result to OUT
      (which may be OURS: this is how git runs it as a merge driver). An empty BASE file
      means no common ancestor: every difference is a conflict. Exits 0 on a clean merge,
      1 when conflicts were recorded in OUT (open OUT in the app to resolve them), 2 when a file cannot be read or written (then nothing is written).
      Git: in .gitattributes `*.hazlog merge=hazlog`, and
      git config merge.hazlog.driver \"hazard-workshop merge %O %A %B -o %A\"

  hazard-workshop --help | -h       Show this help.
  hazard-workshop --version | -V    Show the version.

Exit status: 0 on success, 1 when the command failed (or check found problems, or merge
recorded conflicts), 2 when the command line is wrong (or check or merge could not read a
project).
";

/// What the command line asks for.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Invocation {
    /// Open the app.
    Gui {
        open_path: Option<PathBuf>,
    },
    Help,
    Version,
    Run(Command),
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Command {
    ExportXlsx {
        project: PathBuf,
        out: PathBuf,
        layout: ExportLayout,
        include_withdrawn: bool,
        force: bool,
    },
    ImportXlsx {
        input: PathBuf,
        out: PathBuf,
        force: bool,
    },
    Check {
        project: PathBuf,
    },
    ExportReport {
        project: PathBuf,
        out: PathBuf,
        baseline: Option<String>,
        force: bool,
    },
    ExportHandover {
        project: PathBuf,
        out: PathBuf,
        baseline: Option<String>,
        force: bool,
    },
    Merge {
        base: PathBuf,
        ours: PathBuf,
        theirs: PathBuf,
        out: PathBuf,
    },
}

/// The command line is wrong; the message says how.
#[derive(Debug, PartialEq, Eq, thiserror::Error)]
#[error("{0}\nRun `hazard-workshop --help` for usage.")]
pub struct UsageError(pub String);

/// A command that ran and failed.
#[derive(Debug, thiserror::Error)]
pub enum CliError {
    #[error("{} already exists; add --force to replace it.", .0.display())]
    OutputExists(PathBuf),
    #[error("{0}")]
    Load(#[from] project_file::LoadError),
    #[error("{0}")]
    Save(#[from] project_file::SaveError),
    #[error("{0}")]
    Export(#[from] crate::interchange::ExportError),
    #[error("{0}")]
    Import(#[from] crate::interchange::ImportError),
    #[error(
        "“{}” was not imported: {what} Nothing was written. Split the hazard sheet into \
         smaller workbooks and import each.",
        input.display()
    )]
    IncompleteImport { input: PathBuf, what: String },
    #[error("Could not write the output: {0}")]
    Output(#[from] std::io::Error),
    #[error("{0}")]
    Report(#[from] crate::interchange::safety_case::ReportError),
    /// `check` found problems: not a failure to run, but exit status 1 for CI.
    #[error("{count} problem{s} found.", count = .0, s = if *.0 == 1 { "" } else { "s" })]
    ChecksFailed(usize),
    /// `merge` recorded conflicts in its output: exit status 1, as git expects.
    #[error(
        "{count} merge conflict{s} recorded in {}: open it in Hazard Workshop to resolve {them}.",
        path.display(),
        s = if *count == 1 { "" } else { "s" },
        them = if *count == 1 { "it" } else { "them" }
    )]
    MergeConflicts { count: usize, path: PathBuf },
}

impl CliError {
    /// The exit status: 2 when `check` could not read the project (so CI tells a broken file
    /// from a log with problems), otherwise 1.
    pub fn exit_code(&self, command: &Command) -> u8 {
        match (command, self) {
            (Command::Check { .. }, CliError::Load(_)) => 2,
            (Command::Merge { .. }, CliError::MergeConflicts { .. }) => 1,
            (Command::Merge { .. }, _) => 2,
            _ => 1,
        }
    }
}

fn refuse_overwrite(out: &Path, force: bool) -> Result<(), CliError> {
    if !force && out.exists() {
        return Err(CliError::OutputExists(out.to_path_buf()));
    }
    Ok(())
}

/// Runs a command, writing what it did to `out`.
pub fn run(command: &Command, out: &mut dyn Write) -> Result<(), CliError> {
    match command {
        Command::ExportXlsx {
            project,
            out: path,
            layout,
            include_withdrawn,
            force,
        } => {
            refuse_overwrite(path, *force)?;
            let loaded: Project = project_file::load(project)?;
            let options = ExportOptions {
                include_withdrawn: *include_withdrawn,
                layout: *layout,
            };
            export_to_path(&loaded, &options, path)?;
            let losses = export_losses(&loaded, &options);
            let withdrawn = loaded
                .hazards
                .iter()
                .filter(|h| h.status.is_withdrawn())
                .count();
            let written = if *include_withdrawn {
                loaded.hazards.len()
            } else {
                loaded.hazards.len() - withdrawn
            };
            write!(
                out,
                "Wrote {}: {written} hazard{}",
                path.display(),
                if written == 1 { "" } else { "s" }
            )?;
            if withdrawn > 0 && !include_withdrawn {
                write!(
                    out,
                    " ({withdrawn} withdrawn left out; --include-withdrawn writes them)"
                )?;
            }
            writeln!(out, ".")?;
            if !losses.is_empty() {
                writeln!(
                    out,
                    "Not kept exactly: read back, the workbook would differ in {} field{}:",
                    losses.len(),
                    if losses.len() == 1 { "" } else { "s" }
                )?;
                for loss in &losses {
                    writeln!(out, "  {loss}")?;
                }
            }
        }
        Command::ImportXlsx {
            input,
            out: path,
            force,
        } => {
            refuse_overwrite(path, *force)?;
            let result = import_workbook(input, &crate::domain::RiskMatrix::dcb0129())?;
            write!(out, "{}", result.report.to_text())?;
            if let Some(what) = result.report.truncation_text() {
                return Err(CliError::IncompleteImport {
                    input: input.clone(),
                    what,
                });
            }
            project_file::save(&result.project, path)?;
            writeln!(
                out,
                "Wrote {}: {} hazard{}.",
                path.display(),
                result.project.hazards.len(),
                if result.project.hazards.len() == 1 {
                    ""
                } else {
                    "s"
                }
            )?;
        }
        Command::ExportReport {
            project,
            out: path,
            baseline,
            force,
        } => {
            refuse_overwrite(path, *force)?;
            let loaded: Project = project_file::load(project)?;
            let today = chrono::Local::now().date_naive();
            let source = ReportSource::of(&loaded, baseline.as_deref(), today)?;
            let bytes = safety_case::safety_case_docx(&source)?;
            project_file::write_atomically(path, &bytes)?;
            writeln!(
                out,
                "Wrote {}: the Clinical Safety Case Report of {}.",
                path.display(),
                source.describe()
            )?;
        }
        Command::ExportHandover {
            project,
            out: path,
            baseline,
            force,
        } => {
            let workbook = path.with_extension("xlsx");
            refuse_overwrite(path, *force)?;
            refuse_overwrite(&workbook, *force)?;
            let loaded: Project = project_file::load(project)?;
            let today = chrono::Local::now().date_naive();
            let source = ReportSource::of(&loaded, baseline.as_deref(), today)?;
            // Both files are made in memory first, so a failure writes neither.
            let document = safety_case::handover_docx(&source)?;
            let handed_over = safety_case::handover_project(&source.log);
            let sheet = export_workbook(&handed_over, &ExportOptions::default())?;
            project_file::write_atomically(path, &document)?;
            project_file::write_atomically(&workbook, &sheet)?;
            writeln!(
                out,
                "Wrote {} and {}: {} transferred hazard{} from {}.",
                path.display(),
                workbook.display(),
                handed_over.hazards.len(),
                if handed_over.hazards.len() == 1 {
                    ""
                } else {
                    "s"
                },
                source.describe()
            )?;
        }
        Command::Merge {
            base,
            ours,
            theirs,
            out: path,
        } => run_merge(base, ours, theirs, path, out)?,
        Command::Check { project } => {
            let loaded: Project = project_file::load(project)?;
            let today = chrono::Local::now().date_naive();
            let problems = write_check(&loaded, today, out)?;
            if problems > 0 {
                return Err(CliError::ChecksFailed(problems));
            }
        }
    }
    Ok(())
}

/// `merge`: reads all three files before writing anything, then writes the merged project
/// atomically.
fn run_merge(
    base: &Path,
    ours: &Path,
    theirs: &Path,
    path: &Path,
    out: &mut dyn Write,
) -> Result<(), CliError> {
    use crate::domain::three_way::{Sources, merge_with};
    let base_project = match std::fs::metadata(base) {
        // git passes an empty file when the two sides have no common ancestor.
        Ok(meta) if meta.len() == 0 => None,
        _ => Some(project_file::load(base)?),
    };
    let ours_project = project_file::load(ours)?;
    let theirs_project = project_file::load(theirs)?;
    let name = |p: &Path| {
        p.file_name()
            .map_or_else(String::new, |n| n.to_string_lossy().into())
    };
    let sources = Sources {
        base: format!("base ({})", name(base)),
        ours: format!("ours ({})", name(ours)),
        theirs: format!("theirs ({})", name(theirs)),
    };
    let outcome = merge_with(
        base_project.as_ref(),
        &ours_project,
        &theirs_project,
        &sources,
    );
    project_file::save(&outcome.project, path)?;
    if outcome.summary.two_way {
        writeln!(
            out,
            "No common ancestor: every difference between the copies is a conflict."
        )?;
    }
    writeln!(
        out,
        "Merged into {}: {} change{} taken from {}.",
        path.display(),
        outcome.summary.taken.len(),
        if outcome.summary.taken.len() == 1 {
            ""
        } else {
            "s"
        },
        sources.theirs
    )?;
    for line in &outcome.summary.taken {
        writeln!(out, "  {line}")?;
    }
    for line in &outcome.summary.notes {
        writeln!(out, "Note: {line}")?;
    }
    for renumbered in &outcome.renumbered {
        writeln!(
            out,
            "Renumbered: {}'s {} is now {} ({} was taken).",
            sources.theirs, renumbered.from, renumbered.to, renumbered.from
        )?;
    }
    for conflict in &outcome.project.conflicts {
        writeln!(
            out,
            "Conflict: {} — {}: {:?}; {}: {:?}",
            conflict.label,
            conflict.ours.from,
            conflict.ours.text,
            conflict.theirs.from,
            conflict.theirs.text
        )?;
    }
    if !outcome.project.conflicts.is_empty() {
        return Err(CliError::MergeConflicts {
            count: outcome.project.conflicts.len(),
            path: path.to_path_buf(),
        });
    }
    Ok(())
}

/// Prints one line per problem; returns how many there were.
fn write_check(
    project: &Project,
    today: chrono::NaiveDate,
    out: &mut dyn Write,
) -> std::io::Result<usize> {
    let problems = crate::domain::checks::check_project(project, today);
    for problem in &problems {
        writeln!(out, "{}", problem.line())?;
    }
    Ok(problems.len())
}

/// What the binary does for a command line other than opening the app: the exit code.
pub fn run_command_line(
    invocation: Invocation,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> std::process::ExitCode {
    use std::process::ExitCode;
    match invocation {
        Invocation::Help => {
            let _ = write!(out, "{USAGE}");
            ExitCode::SUCCESS
        }
        Invocation::Version => {
            let _ = writeln!(out, "hazard-workshop {}", env!("CARGO_PKG_VERSION"));
            ExitCode::SUCCESS
        }
        Invocation::Run(command) => match run(&command, out) {
            Ok(()) => ExitCode::SUCCESS,
            Err(error) => {
                let _ = writeln!(err, "hazard-workshop: {error}");
                ExitCode::from(error.exit_code(&command))
            }
        },
        Invocation::Gui { .. } => ExitCode::SUCCESS,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parsed(args: &[&str]) -> Result<Invocation, UsageError> {
        parse(args.iter().copied())
    }

    #[test]
    fn the_help_states_the_importers_row_limit() {
        let limit = crate::interchange::xlsx_import::MAX_ROWS.to_string();
        assert!(USAGE.contains(&format!("({limit} rows)")), "{USAGE}");
    }

    #[test]
    fn no_arguments_or_one_path_open_the_app() {
        assert_eq!(parsed(&[]), Ok(Invocation::Gui { open_path: None }));
        assert_eq!(
            parsed(&["work.hazlog"]),
            Ok(Invocation::Gui {
                open_path: Some("work.hazlog".into())
            })
        );
        assert_eq!(
            parsed(&["-psn_0_12345"]),
            Ok(Invocation::Gui { open_path: None })
        );
    }

    #[test]
    fn subcommands_and_flags_parse_in_any_order() {
        assert_eq!(
            parsed(&[
                "export-xlsx",
                "--force",
                "a.hazlog",
                "b.xlsx",
                "--include-withdrawn"
            ]),
            Ok(Invocation::Run(Command::ExportXlsx {
                project: "a.hazlog".into(),
                out: "b.xlsx".into(),
                layout: ExportLayout::NhsV36,
                include_withdrawn: true,
                force: true,
            }))
        );
        for args in [
            &["export-xlsx", "a.hazlog", "--layout", "layout-a", "b.xlsx"][..],
            &["export-xlsx", "--layout=layout-a", "a.hazlog", "b.xlsx"],
        ] {
            assert_eq!(
                parsed(args),
                Ok(Invocation::Run(Command::ExportXlsx {
                    project: "a.hazlog".into(),
                    out: "b.xlsx".into(),
                    layout: ExportLayout::LayoutA,
                    include_withdrawn: false,
                    force: false,
                })),
                "{args:?}"
            );
        }
        assert!(matches!(
            parsed(&["export-xlsx", "a", "b", "--layout", "nhs-v3.6"]),
            Ok(Invocation::Run(Command::ExportXlsx {
                layout: ExportLayout::NhsV36,
                ..
            }))
        ));
        assert_eq!(
            parsed(&["import-xlsx", "in.xlsx", "--", "-odd.hazlog"]),
            Ok(Invocation::Run(Command::ImportXlsx {
                input: "in.xlsx".into(),
                out: "-odd.hazlog".into(),
                force: false,
            }))
        );
        assert_eq!(parsed(&["--help"]), Ok(Invocation::Help));
        assert_eq!(parsed(&["-V"]), Ok(Invocation::Version));
    }

    #[test]
    fn merge_takes_three_paths_and_an_output() {
        let expected = Ok(Invocation::Run(Command::Merge {
            base: "b.hazlog".into(),
            ours: "o.hazlog".into(),
            theirs: "t.hazlog".into(),
            out: "o.hazlog".into(),
        }));
        assert_eq!(
            parsed(&[
                "merge", "b.hazlog", "o.hazlog", "t.hazlog", "-o", "o.hazlog"
            ]),
            expected
        );
        assert_eq!(
            parsed(&[
                "merge",
                "--output=o.hazlog",
                "b.hazlog",
                "o.hazlog",
                "t.hazlog"
            ]),
            expected
        );
        let message = parsed(&["merge", "b", "o", "t"]).unwrap_err().to_string();
        assert!(message.contains("-o OUT.hazlog"), "{message}");
        assert!(parsed(&["merge", "b", "o", "-o", "x"]).is_err());
        assert!(parsed(&["merge", "b", "o", "t", "-o"]).is_err());
    }

    #[test]
    fn mistakes_are_usage_errors() {
        assert!(parsed(&["export-xlsx", "a.hazlog"]).is_err());
        assert!(parsed(&["import-xlsx", "a", "b", "c"]).is_err());
        assert!(parsed(&["import-xlsx", "a", "b", "--include-withdrawn"]).is_err());
        assert!(parsed(&["--frobnicate"]).is_err());
        assert!(parsed(&["a.hazlog", "b.hazlog"]).is_err());
        let message = parsed(&["export-xlsx", "a", "b", "--layout", "v2"])
            .unwrap_err()
            .to_string();
        assert!(message.contains("nhs-v3.6 or layout-a"), "{message}");
        assert!(parsed(&["export-xlsx", "a", "b", "--layout"]).is_err());
        assert!(
            parsed(&[
                "export-xlsx",
                "a",
                "b",
                "--layout=layout-a",
                "--layout=nhs-v3.6"
            ])
            .is_err()
        );
        assert!(parsed(&["check"]).is_err());
        assert!(parsed(&["check", "a", "b"]).is_err());
        assert!(parsed(&["check", "a", "--force"]).is_err());
        assert_eq!(
            parsed(&["check", "a.hazlog"]),
            Ok(Invocation::Run(Command::Check {
                project: "a.hazlog".into()
            }))
        );
        let message = parsed(&["export-xlsx"]).unwrap_err().to_string();
        assert!(message.contains("PROJECT.hazlog OUT.xlsx"), "{message}");
    }
}
