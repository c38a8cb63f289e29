//! What a hazard would lose on its way through the NHS workbook and back: each field the
//! spreadsheet cannot hold exactly as typed, named so that the user is told at export.
//!
//! A cell keeps any Unicode text, line breaks included. What it cannot keep is what the
//! importer tidies, because real hazard logs are full of it: spaces and line breaks around a
//! cell's text or a list item, blank list items, blank extra fields, and carriage returns (read
//! as line breaks). Lists, controls and statuses are checked with the very functions that write
//! and read their cells.

use super::cell_text::{
    format_controls, format_existing_controls, format_list, format_status, parse_controls,
    parse_existing_controls, parse_list, parse_status,
};
use super::merge::HazardField;
use super::xlsx_export::ExportOptions;
use crate::domain::{ControlKind, Hazard, Project};

/// A field of a hazard that will not read back from the workbook exactly as it is.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ExportLoss {
    /// The hazard's display id.
    pub hazard: String,
    pub field: HazardField,
    /// The extra field's label, for [`HazardField::ExtraFields`].
    pub label: Option<String>,
    /// What is not kept.
    pub what: &'static str,
}

impl std::fmt::Display for ExportLoss {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match &self.label {
            Some(label) => write!(f, "{} extra field “{label}”: {}", self.hazard, self.what),
            None => write!(f, "{} {}: {}", self.hazard, self.field.label(), self.what),
        }
    }
}

const AROUND: &str = "spaces or line breaks at its start or end are not kept";
const BLANK: &str = "it holds only spaces or line breaks, which read back as empty";
const CARRIAGE_RETURN: &str = "carriage returns read back as line breaks";
const LIST: &str = "blank items, and spaces or line breaks around an item, are not kept";
const LIST_SPLIT: &str = "a line inside an item reads back as the start of the next item";
const CONTROLS: &str = "a blank control, and spaces or line breaks around a control's text, owner or evidence, \
     are not kept";
const REASON: &str = "spaces or line breaks around the withdrawal reason are not kept";
const EXTRA_BLANK: &str = "a blank extra field is not kept";
const LABEL: &str =
    "spaces, line breaks or carriage returns in its label, and a blank label, are not kept";

/// Every field of the hazards the export writes that would read back differently.
pub fn export_losses(project: &Project, options: &ExportOptions) -> Vec<ExportLoss> {
    project
        .hazards
        .iter()
        .filter(|h| options.include_withdrawn || !h.status.is_withdrawn())
        .flat_map(hazard_losses)
        .collect()
}

fn hazard_losses(hazard: &Hazard) -> Vec<ExportLoss> {
    let mut losses = Vec::new();
    let mut lose = |field: HazardField, label: Option<&str>, what: &'static str| {
        losses.push(ExportLoss {
            hazard: hazard.display_id.clone(),
            field,
            label: label.map(str::to_owned),
            what,
        })
    };
    for (field, text) in [
        (HazardField::Name, &hazard.name),
        (HazardField::Description, &hazard.description),
        (HazardField::Effect, &hazard.effect),
        (HazardField::Hazard, &hazard.hazard),
        (HazardField::Harm, &hazard.harm),
        (
            HazardField::InitialJustification,
            &hazard.initial_justification,
        ),
        (
            HazardField::ResidualJustification,
            &hazard.residual_justification,
        ),
        (HazardField::Owner, &hazard.owner),
        (HazardField::ActionsAndNotes, &hazard.actions_and_notes),
    ] {
        if let Some(what) = text_loss(text) {
            lose(field, None, what);
        }
    }
    let existing = &hazard.existing_controls;
    if existing
        .iter()
        .any(|c| c.text.contains('\r') || c.evidence.contains('\r'))
    {
        lose(HazardField::ExistingControls, None, CARRIAGE_RETURN);
    } else if parse_existing_controls(&format_existing_controls(existing)) != *existing {
        lose(HazardField::ExistingControls, None, LIST);
    }
    for (field, items) in [(HazardField::Causes, &hazard.causes)] {
        if items.iter().any(|i| i.contains('\r')) {
            lose(field, None, CARRIAGE_RETURN);
        } else if parse_list(&format_list(items)) != *items {
            let tidied = items.iter().any(|i| i.trim() != i || i.is_empty());
            lose(field, None, if tidied { LIST } else { LIST_SPLIT });
        }
    }
    let controls_change = ControlKind::ALL.into_iter().any(|kind| {
        let of_kind: Vec<_> = hazard
            .additional_controls
            .iter()
            .filter(|c| c.kind == kind)
            .cloned()
            .collect();
        parse_controls(&format_controls(&of_kind, kind), kind) != of_kind
    });
    let control_texts = hazard
        .additional_controls
        .iter()
        .flat_map(|c| [&c.text, &c.owner, &c.evidence]);
    if control_texts.into_iter().any(|t| t.contains('\r')) {
        lose(HazardField::AdditionalControls, None, CARRIAGE_RETURN);
    } else if controls_change {
        lose(HazardField::AdditionalControls, None, CONTROLS);
    }
    let status_text = format_status(&hazard.status);
    if status_text.contains('\r') {
        lose(HazardField::Status, None, CARRIAGE_RETURN);
    } else if parse_status(&status_text).as_ref() != Some(&hazard.status) {
        lose(HazardField::Status, None, REASON);
    }
    for extra in &hazard.extra_fields {
        let label = Some(extra.label.as_str());
        if extra.label.trim() != extra.label || extra.label.is_empty() || extra.label.contains('\r')
        {
            lose(HazardField::ExtraFields, label, LABEL);
        }
        if extra.value.trim().is_empty() {
            lose(HazardField::ExtraFields, label, EXTRA_BLANK);
        } else if let Some(what) = text_loss(&extra.value) {
            lose(HazardField::ExtraFields, label, what);
        }
    }
    losses
}

/// What a cell of free text loses: the importer reads it trimmed, with line breaks as `\n`.
fn text_loss(text: &str) -> Option<&'static str> {
    if text.contains('\r') {
        Some(CARRIAGE_RETURN)
    } else if !text.is_empty() && text.trim().is_empty() {
        Some(BLANK)
    } else if text.trim() != text {
        Some(AROUND)
    } else {
        None
    }
}

#[cfg(test)]
mod tests {
    use chrono::DateTime;

    use super::*;
    use crate::domain::{AdditionalControl, ExtraField, HazardKey, HazardStatus};

    fn hazard(edit: impl FnOnce(&mut Hazard)) -> Vec<String> {
        let mut hazard = Hazard::new(
            HazardKey(1),
            "H1".into(),
            "Name".into(),
            DateTime::UNIX_EPOCH,
        );
        edit(&mut hazard);
        hazard_losses(&hazard)
            .iter()
            .map(|l| l.to_string())
            .collect()
    }

    #[test]
    fn text_a_cell_holds_exactly_is_no_loss() {
        assert!(
            hazard(|h| {
                h.description = "Two\nlines, “quoted”, 患者 ✓".into();
                h.causes = vec!["a".into(), "b\nc".into()];
                h.status = HazardStatus::Withdrawn {
                    reason: "Duplicate".into(),
                };
            })
            .is_empty()
        );
    }

    #[test]
    fn each_kind_of_loss_is_named_with_its_hazard_and_field() {
        assert_eq!(
            hazard(|h| h.name = " Name".into()),
            ["H1 name: spaces or line breaks at its start or end are not kept"]
        );
        assert_eq!(
            hazard(|h| h.owner = "\n".into()),
            ["H1 owner: it holds only spaces or line breaks, which read back as empty"]
        );
        assert_eq!(
            hazard(|h| h.description = "a\r\nb".into()),
            ["H1 description: carriage returns read back as line breaks"]
        );
        assert_eq!(
            hazard(|h| h.causes = vec!["a".into(), String::new()]),
            ["H1 causes: blank items, and spaces or line breaks around an item, are not kept"]
        );
        assert_eq!(
            hazard(|h| h.additional_controls = vec![AdditionalControl {
                kind: ControlKind::Test,
                text: String::new(),
                owner: String::new(),
                evidence: String::new(),
            }]),
            [
                "H1 additional controls: a blank control, and spaces or line breaks around a \
              control's text, owner or evidence, are not kept"
            ]
        );
        assert_eq!(
            hazard(|h| h.status = HazardStatus::Withdrawn {
                reason: "gone ".into()
            }),
            ["H1 status: spaces or line breaks around the withdrawal reason are not kept"]
        );
        assert_eq!(
            hazard(|h| h.extra_fields = vec![ExtraField {
                label: "Links".into(),
                value: " ".into()
            }]),
            ["H1 extra field “Links”: a blank extra field is not kept"]
        );
    }
}
