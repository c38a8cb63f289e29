//! The document dialogs: Document details (the cover page fields and what the CSO writes for the
//! safety case report, applied as one undoable change) and the choice of what a safety case
//! report or handover pack is made from (the current log as a draft, or an issued version).

use crate::domain::safety_case::{RelatedDocument, SafetyCaseField};
use crate::domain::{DocumentStatus, ProjectMetadata};
use crate::ui::widgets::text_field;

/// The Document details dialog's working copy, applied only when the user says so.
#[derive(Clone, Debug)]
pub struct DetailsDraft {
    pub metadata: ProjectMetadata,
    /// The project's metadata when the dialog opened: Apply with no change does nothing.
    pub original: ProjectMetadata,
}

impl DetailsDraft {
    pub fn new(metadata: &ProjectMetadata) -> DetailsDraft {
        DetailsDraft {
            metadata: metadata.clone(),
            original: metadata.clone(),
        }
    }

    pub fn is_changed(&self) -> bool {
        self.metadata != self.original
    }
}

/// What the user did in the Document details dialog.
#[derive(Debug, PartialEq)]
pub enum DetailsOutcome {
    Apply(Box<ProjectMetadata>),
    Cancel,
}

/// Which document the report chooser makes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ReportKind {
    SafetyCase,
    Handover,
}

impl ReportKind {
    pub fn title(self) -> &'static str {
        match self {
            ReportKind::SafetyCase => "Export safety case report",
            ReportKind::Handover => "Export DCB0160 handover pack",
        }
    }
}

/// The report chooser: what the report is made from.
#[derive(Clone, Debug)]
pub struct ReportChoice {
    pub kind: ReportKind,
    /// The issued versions, oldest first, as (version, issued date).
    pub versions: Vec<(String, String)>,
    /// `None`: the current log, as a draft; `Some(i)`: issued version `i`.
    pub source: Option<usize>,
}

impl ReportChoice {
    /// Defaults to the latest issued version: a report that goes out presents what was issued.
    pub fn new(kind: ReportKind, versions: Vec<(String, String)>) -> ReportChoice {
        let source = versions.len().checked_sub(1);
        ReportChoice {
            kind,
            versions,
            source,
        }
    }
}

#[derive(Debug, PartialEq, Eq)]
pub enum ReportOutcome {
    /// Ask where to save it, made from this issued version (or the current log when `None`).
    Export(Option<usize>),
    Cancel,
}

/// A single-line field with its label on the left, named for screen readers and tests.
fn line(ui: &mut egui::Ui, label: &str, text: &mut String, read_only: bool) {
    ui.label(format!("{label}:"));
    let edit = egui::TextEdit::singleline(text)
        .desired_width(f32::INFINITY)
        .interactive(!read_only);
    text_field(ui, edit, label, false);
    ui.end_row();
}

/// Shows the Document details dialog; `None` while it stays open.
pub fn document_details_ui(
    ctx: &egui::Context,
    draft: &mut DetailsDraft,
    read_only: Option<&str>,
) -> Option<DetailsOutcome> {
    let mut outcome = None;
    let locked = read_only.is_some();
    egui::Window::new("Document details")
        .collapsible(false)
        .default_width(680.0)
        .default_height(560.0)
        .vscroll(true)
        .show(ctx, |ui| {
            if let Some(why) = read_only {
                ui.colored_label(ui.visuals().warn_fg_color, why);
            }
            ui.heading("Cover page");
            ui.label(
                "These fields head the hazard log workbook's Cover Page and the safety case \
                 report.",
            );
            let m = &mut draft.metadata;
            egui::Grid::new("cover-page")
                .num_columns(2)
                .striped(true)
                .show(ui, |ui| {
                    line(ui, "System name", &mut m.system_name, locked);
                    line(ui, "System version", &mut m.system_version, locked);
                    line(ui, "Organisation", &mut m.organisation, locked);
                    line(ui, "Document title", &mut m.document_title, locked);
                    line(ui, "Document reference", &mut m.document_id, locked);
                    line(ui, "Programme", &mut m.programme, locked);
                    line(ui, "Project", &mut m.project, locked);
                    line(ui, "Programme director", &mut m.programme_director, locked);
                    line(ui, "Owner", &mut m.owner, locked);
                    line(ui, "Author", &mut m.author, locked);
                    line(
                        ui,
                        "Clinical Safety Officer",
                        &mut m.clinical_safety_officer,
                        locked,
                    );
                    ui.label("Document status:");
                    ui.add_enabled_ui(!locked, |ui| {
                        egui::ComboBox::from_id_salt("document-status")
                            .selected_text(m.document_status.label())
                            .show_ui(ui, |ui| {
                                for status in DocumentStatus::ALL {
                                    ui.selectable_value(
                                        &mut m.document_status,
                                        status,
                                        status.label(),
                                    );
                                }
                            })
                            .response
                            .on_hover_text("Document status");
                    });
                    ui.end_row();
                    line(ui, "Document version", &mut m.document_version, locked);
                    line(ui, "Version date", &mut m.version_date, locked);
                    line(ui, "Document purpose", &mut m.document_purpose, locked);
                });
            ui.separator();
            ui.heading("Safety case report");
            ui.label(
                "What you write here goes into the Clinical Safety Case Report and the \
                 handover pack; everything else in them comes from the log.",
            );
            let text = &mut m.safety_case;
            egui::Grid::new("deployer").num_columns(2).show(ui, |ui| {
                line(
                    ui,
                    "Deploying organisation",
                    &mut text.deploying_organisation,
                    locked,
                );
            });
            ui.label(
                egui::RichText::new(
                    "Controls and actions it owns go into the DCB0160 handover pack, whatever \
                     their kind.",
                )
                .weak(),
            );
            for field in SafetyCaseField::ALL {
                ui.add_space(6.0);
                ui.strong(field.label());
                ui.label(egui::RichText::new(field.guidance()).weak());
                let edit = egui::TextEdit::multiline(field.get_mut(text))
                    .desired_rows(3)
                    .desired_width(f32::INFINITY)
                    .interactive(!locked);
                text_field(ui, edit, field.label(), true);
            }
            ui.add_space(6.0);
            ui.strong("Related documents");
            related_documents_ui(ui, &mut text.related_documents, locked);
            ui.separator();
            ui.horizontal(|ui| {
                let apply =
                    ui.add_enabled(!locked && draft.is_changed(), egui::Button::new("Apply"));
                if apply.clicked() {
                    outcome = Some(DetailsOutcome::Apply(Box::new(draft.metadata.clone())));
                }
                if ui.button("Cancel").clicked() {
                    outcome = Some(DetailsOutcome::Cancel);
                }
                if draft.is_changed() {
                    ui.label("Not applied yet: Apply makes it one change you can undo.");
                }
            });
        });
    outcome
}

fn related_documents_ui(ui: &mut egui::Ui, documents: &mut Vec<RelatedDocument>, locked: bool) {
    let mut remove = None;
    for (index, document) in documents.iter_mut().enumerate() {
        let n = index + 1;
        ui.horizontal(|ui| {
            for (column, text, width) in [
                ("reference", &mut document.reference, 110.0),
                ("title", &mut document.title, 300.0),
                ("version", &mut document.version, 70.0),
            ] {
                let edit = egui::TextEdit::singleline(text)
                    .desired_width(width)
                    .hint_text(column)
                    .interactive(!locked);
                text_field(ui, edit, &format!("Related document {n} {column}"), false);
            }
            if ui
                .add_enabled(!locked, egui::Button::new(format!("Remove document {n}")))
                .clicked()
            {
                remove = Some(index);
            }
        });
    }
    if let Some(index) = remove {
        documents.remove(index);
    }
    if ui
        .add_enabled(!locked, egui::Button::new("Add related document"))
        .clicked()
    {
        documents.push(RelatedDocument::default());
    }
}

/// Shows the report chooser; `None` while it stays open.
pub fn report_choice_ui(ctx: &egui::Context, choice: &mut ReportChoice) -> Option<ReportOutcome> {
    let mut outcome = None;
    egui::Window::new(choice.kind.title())
        .collapsible(false)
        .default_width(460.0)
        .show(ctx, |ui| {
            ui.label("Make it from:");
            for (index, (version, date)) in choice.versions.iter().enumerate().rev() {
                ui.radio_value(
                    &mut choice.source,
                    Some(index),
                    format!("Version {version}, issued {date}"),
                );
            }
            ui.radio_value(
                &mut choice.source,
                None,
                "The current log, marked as a draft",
            );
            if choice.versions.is_empty() {
                ui.label(
                    egui::RichText::new(
                        "No version has been issued yet: a report that goes out should present \
                         an issued version (File › Issue version…).",
                    )
                    .weak(),
                );
            }
            if choice.kind == ReportKind::Handover {
                ui.label("The pack is a Word document, with the same hazards as an NHS v3.6 workbook beside it.");
            }
            ui.separator();
            ui.horizontal(|ui| {
                if ui.button("Export…").clicked() {
                    outcome = Some(ReportOutcome::Export(choice.source));
                }
                if ui.button("Cancel").clicked() {
                    outcome = Some(ReportOutcome::Cancel);
                }
            });
        });
    outcome
}
