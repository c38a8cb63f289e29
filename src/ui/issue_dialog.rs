//! The Issue version dialog: what the user fills in to issue a version of the log (number,
//! author, reason, sign-offs, and why it goes out with checks open), as an [`IssueRequest`].

use chrono::NaiveDate;

use crate::domain::baseline::{BaselineSignOff, IssueReason, SignOffCapacity};
use crate::domain::checks::Problem;
use crate::edit::version_ops::IssueRequest;
use crate::ui::widgets::text_field;

/// The dialog's fields while it is open.
#[derive(Clone, Debug, Default)]
pub struct IssueDraft {
    pub request: IssueRequest,
    /// Each sign-off's date as typed (dd/mm/yyyy), checked when issuing.
    pub dates: Vec<String>,
    /// The checks open now, listed first so the user sees them before issuing.
    pub open_checks: Vec<Problem>,
    /// Why the last attempt was refused, shown in the dialog.
    pub refusal: Option<String>,
    /// The version is being prepared on a job thread.
    pub preparing: bool,
}

/// What the user did in the dialog this frame.
#[derive(Debug, PartialEq, Eq)]
pub enum IssueOutcome {
    /// Issue with the request (sign-off dates read from the fields).
    Issue(IssueRequest),
    Cancel,
}

impl IssueDraft {
    pub fn new(open_checks: Vec<Problem>, next_version: String) -> IssueDraft {
        IssueDraft {
            request: IssueRequest {
                version: next_version,
                ..IssueRequest::default()
            },
            open_checks,
            ..IssueDraft::default()
        }
    }

    fn add_sign_off(&mut self, capacity: SignOffCapacity, today: NaiveDate) {
        self.request.sign_offs.push(BaselineSignOff {
            capacity,
            date: today,
            ..BaselineSignOff::default()
        });
        self.dates.push(today.format("%d/%m/%Y").to_string());
    }

    /// The request with the typed dates read, or which row's date does not read.
    fn finished_request(&self) -> Result<IssueRequest, String> {
        let mut request = self.request.clone();
        for (index, (sign_off, typed)) in request.sign_offs.iter_mut().zip(&self.dates).enumerate()
        {
            sign_off.date = NaiveDate::parse_from_str(typed.trim(), "%d/%m/%Y")
                .map_err(|_| format!("Sign-off {}: give the date as dd/mm/yyyy.", index + 1))?;
        }
        Ok(request)
    }
}

/// Shows the dialog; `None` while the user is still filling it in.
pub fn issue_dialog_ui(
    ctx: &egui::Context,
    draft: &mut IssueDraft,
    today: NaiveDate,
) -> Option<IssueOutcome> {
    let mut outcome = None;
    egui::Window::new("Issue version")
        .collapsible(false)
        .default_width(640.0)
        .vscroll(true)
        .show(ctx, |ui| {
            if !draft.open_checks.is_empty() {
                ui.heading(format!("{} checks are open", draft.open_checks.len()));
                egui::ScrollArea::vertical()
                    .id_salt("open-checks")
                    .max_height(120.0)
                    .show(ui, |ui| {
                        for problem in &draft.open_checks {
                            ui.label(format!(
                                "{} {}: {}",
                                problem.display_id, problem.field, problem.reason
                            ));
                        }
                    });
                labelled_text(
                    ui,
                    "Why issue with checks open",
                    &mut draft.request.open_checks_reason,
                );
                ui.separator();
            }
            labelled_text(ui, "Version", &mut draft.request.version);
            labelled_text(ui, "Author", &mut draft.request.author);
            ui.horizontal(|ui| {
                ui.label("Reason:");
                for reason in IssueReason::ALL {
                    ui.radio_value(&mut draft.request.reason, reason, reason.label());
                }
            });
            labelled_text(ui, "Reason in words", &mut draft.request.reason_text);
            ui.separator();
            sign_offs_ui(ui, draft, today);
            ui.separator();
            if let Some(refusal) = &draft.refusal {
                ui.colored_label(ui.visuals().error_fg_color, refusal);
            }
            ui.horizontal(|ui| {
                let issue =
                    ui.add_enabled(!draft.preparing, egui::Button::new("Issue this version"));
                if issue.clicked() {
                    match draft.finished_request() {
                        Ok(request) => outcome = Some(IssueOutcome::Issue(request)),
                        Err(why) => draft.refusal = Some(why),
                    }
                }
                if ui.button("Cancel").clicked() {
                    outcome = Some(IssueOutcome::Cancel);
                }
                if draft.preparing {
                    ui.spinner();
                    ui.label("Preparing the version…");
                }
            });
        });
    outcome
}

fn sign_offs_ui(ui: &mut egui::Ui, draft: &mut IssueDraft, today: NaiveDate) {
    ui.heading("Approvers and reviewers");
    let mut remove = None;
    for (index, (sign_off, date)) in draft
        .request
        .sign_offs
        .iter_mut()
        .zip(draft.dates.iter_mut())
        .enumerate()
    {
        let n = index + 1;
        ui.horizontal(|ui| {
            ui.label(format!("{} {n}", sign_off.capacity.label()));
            small_text(ui, &format!("Sign-off {n} name"), &mut sign_off.name, 120.0);
            small_text(ui, &format!("Sign-off {n} role"), &mut sign_off.role, 120.0);
            small_text(
                ui,
                &format!("Sign-off {n} registration number"),
                &mut sign_off.registration,
                90.0,
            );
            small_text(ui, &format!("Sign-off {n} date"), date, 80.0);
            if ui.button(format!("Remove sign-off {n}")).clicked() {
                remove = Some(index);
            }
        });
    }
    if let Some(index) = remove {
        draft.request.sign_offs.remove(index);
        draft.dates.remove(index);
    }
    ui.horizontal(|ui| {
        if ui.button("Add approver").clicked() {
            draft.add_sign_off(SignOffCapacity::Approver, today);
        }
        if ui.button("Add reviewer").clicked() {
            draft.add_sign_off(SignOffCapacity::Reviewer, today);
        }
    });
}

/// A text field named by its label, for screen readers and tests.
fn labelled_text(ui: &mut egui::Ui, label: &str, text: &mut String) {
    ui.horizontal(|ui| {
        ui.label(format!("{label}:"));
        text_field(ui, egui::TextEdit::singleline(text), label, false);
    });
}

/// A narrow field whose accessible name carries the row number; the hint shows the column.
fn small_text(ui: &mut egui::Ui, name: &str, text: &mut String, width: f32) {
    let hint = name.rsplit(' ').next().unwrap_or_default();
    let edit = egui::TextEdit::singleline(text)
        .desired_width(width)
        .hint_text(hint);
    text_field(ui, edit, name, false);
}
