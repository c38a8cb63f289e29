//! Reading the command line into an [`Invocation`]: the subcommand, its paths and its flags,
//! with a usage error that says what is wrong.

use std::ffi::{OsStr, OsString};
use std::path::PathBuf;

use super::{Command, Invocation, UsageError};
use crate::interchange::ExportLayout;

/// Parses the arguments after the program name.
pub fn parse<I>(args: I) -> Result<Invocation, UsageError>
where
    I: IntoIterator,
    I::Item: Into<OsString>,
{
    let args: Vec<OsString> = args
        .into_iter()
        .map(Into::into)
        // macOS may pass a process serial number to apps started from the Finder.
        .filter(|a| !a.to_string_lossy().starts_with("-psn_"))
        .collect();
    let Some(first) = args.first() else {
        return Ok(Invocation::Gui { open_path: None });
    };
    match first.to_str() {
        Some("--help" | "-h" | "help") => Ok(Invocation::Help),
        Some("--version" | "-V") => Ok(Invocation::Version),
        Some("export-xlsx") => {
            let (rest, layout) = take_layout(&args[1..])?;
            let (paths, flags) = split_flags(&rest, &["--include-withdrawn", "--force"])?;
            let [project, out] = two_paths("export-xlsx", "PROJECT.hazlog OUT.xlsx", paths)?;
            Ok(Invocation::Run(Command::ExportXlsx {
                project,
                out,
                layout,
                include_withdrawn: flags.contains(&"--include-withdrawn"),
                force: flags.contains(&"--force"),
            }))
        }
        Some("import-xlsx") => {
            let (paths, flags) = split_flags(&args[1..], &["--force"])?;
            let [input, out] = two_paths("import-xlsx", "IN.xlsx OUT.hazlog", paths)?;
            Ok(Invocation::Run(Command::ImportXlsx {
                input,
                out,
                force: flags.contains(&"--force"),
            }))
        }
        Some(name @ ("export-report" | "export-handover")) => {
            let (rest, baseline) = take_value(&args[1..], "--baseline")?;
            let (paths, flags) = split_flags(&rest, &["--force"])?;
            let [project, out] = two_paths(name, "PROJECT.hazlog OUT.docx", paths)?;
            let force = flags.contains(&"--force");
            Ok(Invocation::Run(if name == "export-report" {
                Command::ExportReport {
                    project,
                    out,
                    baseline,
                    force,
                }
            } else {
                Command::ExportHandover {
                    project,
                    out,
                    baseline,
                    force,
                }
            }))
        }
        Some("check") => {
            let (paths, _) = split_flags(&args[1..], &[])?;
            let [project] = <[PathBuf; 1]>::try_from(paths).map_err(|paths| {
                UsageError(format!(
                    "check takes one path, PROJECT.hazlog; {} given.",
                    paths.len()
                ))
            })?;
            Ok(Invocation::Run(Command::Check { project }))
        }
        Some("merge") => {
            let (rest, out) = take_value(&args[1..], "-o")?;
            let (rest, long) = take_value(&rest, "--output")?;
            let out = match (out, long) {
                (Some(_), Some(_)) => {
                    return Err(UsageError("-o and --output are the same option.".into()));
                }
                (Some(out), None) | (None, Some(out)) => PathBuf::from(out),
                (None, None) => {
                    return Err(UsageError(
                        "merge needs the output file: -o OUT.hazlog.".into(),
                    ));
                }
            };
            let (paths, _) = split_flags(&rest, &[])?;
            let [base, ours, theirs] = <[PathBuf; 3]>::try_from(paths).map_err(|paths| {
                UsageError(format!(
                    "merge takes three paths, BASE.hazlog OURS.hazlog THEIRS.hazlog; {} given.",
                    paths.len()
                ))
            })?;
            Ok(Invocation::Run(Command::Merge {
                base,
                ours,
                theirs,
                out,
            }))
        }
        _ if args.len() == 1 && !is_flag(first) => Ok(Invocation::Gui {
            open_path: Some(PathBuf::from(first)),
        }),
        _ if is_flag(first) => Err(UsageError(format!(
            "Unknown option {}.",
            first.to_string_lossy()
        ))),
        _ => Err(UsageError(format!(
            "Unknown command {}. The app takes one project file; the commands are \
             export-xlsx, import-xlsx, check, export-report, export-handover and merge.",
            first.to_string_lossy()
        ))),
    }
}

fn is_flag(arg: &OsStr) -> bool {
    arg.to_string_lossy().starts_with('-') && arg != "-"
}

/// Separates paths from the flags a command knows; `--` ends the flags.
/// Takes `--layout NAME` (or `--layout=NAME`) out of the arguments before `--`.
fn take_layout(args: &[OsString]) -> Result<(Vec<OsString>, ExportLayout), UsageError> {
    let names = || {
        [ExportLayout::NhsV36, ExportLayout::LayoutA]
            .map(ExportLayout::cli_name)
            .join(" or ")
    };
    let mut rest = Vec::new();
    let mut layout = None;
    let mut iter = args.iter();
    while let Some(arg) = iter.next() {
        let text = arg.to_string_lossy();
        if text == "--" {
            rest.push(arg.clone());
            rest.extend(iter.by_ref().cloned());
            break;
        }
        let value = if text == "--layout" {
            iter.next().map(|v| v.to_string_lossy().into_owned())
        } else if let Some(value) = text.strip_prefix("--layout=") {
            Some(value.to_owned())
        } else {
            rest.push(arg.clone());
            continue;
        };
        let value =
            value.ok_or_else(|| UsageError(format!("--layout takes a layout: {}.", names())))?;
        let chosen = ExportLayout::from_cli_name(&value).ok_or_else(|| {
            UsageError(format!(
                "Unknown layout {value}; the layouts are {}.",
                names()
            ))
        })?;
        if layout.replace(chosen).is_some() {
            return Err(UsageError("--layout is given twice.".into()));
        }
    }
    Ok((rest, layout.unwrap_or_default()))
}

/// Takes `NAME VALUE` (or `NAME=VALUE`) out of the arguments before `--`.
fn take_value(
    args: &[OsString],
    name: &str,
) -> Result<(Vec<OsString>, Option<String>), UsageError> {
    let mut rest = Vec::new();
    let mut value = None;
    let mut iter = args.iter();
    while let Some(arg) = iter.next() {
        let text = arg.to_string_lossy();
        if text == "--" {
            rest.push(arg.clone());
            rest.extend(iter.cloned());
            break;
        }
        let given = if text == name {
            Some(
                iter.next()
                    .ok_or_else(|| UsageError(format!("{name} needs a value.")))?
                    .to_string_lossy()
                    .into_owned(),
            )
        } else {
            text.strip_prefix(&format!("{name}=")).map(str::to_owned)
        };
        match given {
            Some(_) if value.is_some() => {
                return Err(UsageError(format!("{name} is given twice.")));
            }
            Some(v) => value = Some(v),
            None => rest.push(arg.clone()),
        }
    }
    Ok((rest, value))
}

fn split_flags(
    args: &[OsString],
    known: &[&'static str],
) -> Result<(Vec<PathBuf>, Vec<&'static str>), UsageError> {
    let mut paths = Vec::new();
    let mut flags = Vec::new();
    let mut only_paths = false;
    for arg in args {
        if only_paths || !is_flag(arg) {
            paths.push(PathBuf::from(arg));
        } else if arg == "--" {
            only_paths = true;
        } else {
            let text = arg.to_string_lossy();
            match known.iter().find(|k| **k == text) {
                Some(flag) => flags.push(*flag),
                None if known.is_empty() => {
                    return Err(UsageError(format!(
                        "Unknown option {text}; this command takes no options."
                    )));
                }
                None => {
                    return Err(UsageError(format!(
                        "Unknown option {text}; this command takes {}.",
                        known.join(", ")
                    )));
                }
            }
        }
    }
    Ok((paths, flags))
}

fn two_paths(
    command: &str,
    expected: &str,
    paths: Vec<PathBuf>,
) -> Result<[PathBuf; 2], UsageError> {
    <[PathBuf; 2]>::try_from(paths).map_err(|paths| {
        UsageError(format!(
            "{command} takes two paths, {expected}; {} given.",
            paths.len()
        ))
    })
}
