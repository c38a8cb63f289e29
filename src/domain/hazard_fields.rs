//! The one table of a hazard's editable fields, read and written as values: checks, the diff
//! between versions and the per-hazard history all go through it, so renaming a field of
//! [`Hazard`] is a change to one line here.

use serde::{Deserialize, Serialize};

use chrono::NaiveDate;

use super::hazard::{AdditionalControl, ExistingControl, ExtraField, Hazard, HazardStatus};
use super::meeting::MeetingKey;
use super::risk::{Assessment, RiskMatrix};

/// A field of a hazard that a person edits (not its key or time stamps).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub enum HazardField {
    DisplayId,
    Name,
    Description,
    Causes,
    /// The change to the intended care pathway.
    Effect,
    /// The potential for harm.
    HazardText,
    /// The harm to patients (`clinical_impact` in format 1).
    Harm,
    DateAdded,
    ExistingControls,
    Initial,
    InitialJustification,
    AdditionalControls,
    Residual,
    /// Why the residual risk is acceptable (`acceptance_rationale` in format 1).
    ResidualJustification,
    Status,
    Owner,
    ActionsAndNotes,
    RaisedIn,
    ExtraFields,
}

/// A field's value, typed so that it can be written back exactly (history replay) and shown as
/// text (diffs, history, checks).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum FieldValue {
    Text(String),
    List(Vec<String>),
    Assessment(Assessment),
    Controls(Vec<AdditionalControl>),
    ExistingControls(Vec<ExistingControl>),
    Date(Option<NaiveDate>),
    Status(HazardStatus),
    Meeting(Option<MeetingKey>),
    Extra(Vec<ExtraField>),
}

impl HazardField {
    /// In the order the hazard editor shows them.
    pub const ALL: [HazardField; 19] = [
        HazardField::DisplayId,
        HazardField::Name,
        HazardField::Description,
        HazardField::Causes,
        HazardField::Effect,
        HazardField::HazardText,
        HazardField::Harm,
        HazardField::DateAdded,
        HazardField::ExistingControls,
        HazardField::Initial,
        HazardField::InitialJustification,
        HazardField::AdditionalControls,
        HazardField::Residual,
        HazardField::ResidualJustification,
        HazardField::Status,
        HazardField::Owner,
        HazardField::ActionsAndNotes,
        HazardField::RaisedIn,
        HazardField::ExtraFields,
    ];

    pub fn label(self) -> &'static str {
        match self {
            HazardField::DisplayId => "id",
            HazardField::Name => "name",
            HazardField::Description => "description",
            HazardField::Harm => "harm",
            HazardField::Causes => "causes",
            HazardField::Effect => "effect",
            HazardField::HazardText => "hazard",
            HazardField::DateAdded => "date added",
            HazardField::ExistingControls => "existing controls",
            HazardField::Initial => "initial assessment",
            HazardField::InitialJustification => "initial justification",
            HazardField::AdditionalControls => "additional controls",
            HazardField::Residual => "residual assessment",
            HazardField::ResidualJustification => "residual justification",
            HazardField::Status => "status",
            HazardField::Owner => "owner",
            HazardField::ActionsAndNotes => "actions/notes",
            HazardField::RaisedIn => "raised in",
            HazardField::ExtraFields => "extra fields",
        }
    }

    /// The stable name used on the command line and in check ids (`residual-justification`).
    pub fn code(self) -> &'static str {
        match self {
            HazardField::DisplayId => "id",
            HazardField::Name => "name",
            HazardField::Description => "description",
            HazardField::Harm => "harm",
            HazardField::Causes => "causes",
            HazardField::Effect => "effect",
            HazardField::HazardText => "hazard",
            HazardField::DateAdded => "date-added",
            HazardField::ExistingControls => "existing-controls",
            HazardField::InitialJustification => "initial-justification",
            HazardField::Initial => "initial",
            HazardField::AdditionalControls => "additional-controls",
            HazardField::Residual => "residual",
            HazardField::ResidualJustification => "residual-justification",
            HazardField::Status => "status",
            HazardField::Owner => "owner",
            HazardField::ActionsAndNotes => "actions-notes",
            HazardField::RaisedIn => "raised-in",
            HazardField::ExtraFields => "extra-fields",
        }
    }

    pub fn get(self, hazard: &Hazard) -> FieldValue {
        match self {
            HazardField::DisplayId => FieldValue::Text(hazard.display_id.clone()),
            HazardField::Name => FieldValue::Text(hazard.name.clone()),
            HazardField::Description => FieldValue::Text(hazard.description.clone()),
            HazardField::Harm => FieldValue::Text(hazard.harm.clone()),
            HazardField::Causes => FieldValue::List(hazard.causes.clone()),
            HazardField::Effect => FieldValue::Text(hazard.effect.clone()),
            HazardField::HazardText => FieldValue::Text(hazard.hazard.clone()),
            HazardField::DateAdded => FieldValue::Date(hazard.date_added),
            HazardField::ExistingControls => {
                FieldValue::ExistingControls(hazard.existing_controls.clone())
            }
            HazardField::Initial => FieldValue::Assessment(hazard.initial),
            HazardField::InitialJustification => {
                FieldValue::Text(hazard.initial_justification.clone())
            }
            HazardField::AdditionalControls => {
                FieldValue::Controls(hazard.additional_controls.clone())
            }
            HazardField::Residual => FieldValue::Assessment(hazard.residual),
            HazardField::ResidualJustification => {
                FieldValue::Text(hazard.residual_justification.clone())
            }
            HazardField::Status => FieldValue::Status(hazard.status.clone()),
            HazardField::Owner => FieldValue::Text(hazard.owner.clone()),
            HazardField::ActionsAndNotes => FieldValue::Text(hazard.actions_and_notes.clone()),
            HazardField::RaisedIn => FieldValue::Meeting(hazard.raised_in),
            HazardField::ExtraFields => FieldValue::Extra(hazard.extra_fields.clone()),
        }
    }

    /// Writes `value` into the field. A value of the wrong type (a history written by another
    /// model) is refused and the hazard left as it was.
    pub fn set(self, hazard: &mut Hazard, value: FieldValue) -> Result<(), FieldTypeError> {
        let wrong = || FieldTypeError { field: self };
        match (self, value) {
            (HazardField::DisplayId, FieldValue::Text(v)) => hazard.display_id = v,
            (HazardField::Name, FieldValue::Text(v)) => hazard.name = v,
            (HazardField::Description, FieldValue::Text(v)) => hazard.description = v,
            (HazardField::Harm, FieldValue::Text(v)) => hazard.harm = v,
            (HazardField::Causes, FieldValue::List(v)) => hazard.causes = v,
            (HazardField::Effect, FieldValue::Text(v)) => hazard.effect = v,
            (HazardField::HazardText, FieldValue::Text(v)) => hazard.hazard = v,
            (HazardField::DateAdded, FieldValue::Date(v)) => hazard.date_added = v,
            (HazardField::ExistingControls, FieldValue::ExistingControls(v)) => {
                hazard.existing_controls = v
            }
            (HazardField::Initial, FieldValue::Assessment(v)) => hazard.initial = v,
            (HazardField::InitialJustification, FieldValue::Text(v)) => {
                hazard.initial_justification = v
            }
            (HazardField::AdditionalControls, FieldValue::Controls(v)) => {
                hazard.additional_controls = v
            }
            (HazardField::Residual, FieldValue::Assessment(v)) => hazard.residual = v,
            (HazardField::ResidualJustification, FieldValue::Text(v)) => {
                hazard.residual_justification = v
            }
            (HazardField::Status, FieldValue::Status(v)) => hazard.status = v,
            (HazardField::Owner, FieldValue::Text(v)) => hazard.owner = v,
            (HazardField::ActionsAndNotes, FieldValue::Text(v)) => hazard.actions_and_notes = v,
            (HazardField::RaisedIn, FieldValue::Meeting(v)) => hazard.raised_in = v,
            (HazardField::ExtraFields, FieldValue::Extra(v)) => hazard.extra_fields = v,
            _ => return Err(wrong()),
        }
        Ok(())
    }

    /// The fields whose values differ between two versions of a hazard, in editor order.
    pub fn changed(before: &Hazard, after: &Hazard) -> Vec<HazardField> {
        HazardField::ALL
            .into_iter()
            .filter(|field| field.get(before) != field.get(after))
            .collect()
    }
}

/// A value did not fit the field it was written to.
#[derive(Clone, Copy, Debug, PartialEq, Eq, thiserror::Error)]
#[error("a value of the wrong kind for the hazard's {}", field.label())]
pub struct FieldTypeError {
    pub field: HazardField,
}

/// Controls whose evidence the checks ask for on a closed hazard: each control's text and its
/// evidence, existing controls first.
pub fn controls_with_evidence(hazard: &Hazard) -> impl Iterator<Item = (&str, &str)> {
    let existing = hazard
        .existing_controls
        .iter()
        .map(|c| (c.text.as_str(), c.evidence.as_str()));
    let additional = hazard
        .additional_controls
        .iter()
        .map(|c| (c.text.as_str(), c.evidence.as_str()));
    existing.chain(additional)
}

/// The justification recorded for the residual risk.
pub fn residual_justification(hazard: &Hazard) -> &str {
    &hazard.residual_justification
}

/// The harm to patients.
pub fn harm(hazard: &Hazard) -> &str {
    &hazard.harm
}

impl FieldValue {
    /// The value as one readable text, for diffs, history and documents. Lists are one item a
    /// line; an unscored assessment is "not scored".
    pub fn display(&self, matrix: &RiskMatrix) -> String {
        match self {
            FieldValue::Text(text) => text.clone(),
            FieldValue::List(items) => items.join("\n"),
            FieldValue::Assessment(assessment) => assessment_text(assessment, matrix),
            FieldValue::Controls(controls) => controls
                .iter()
                .map(|c| {
                    let mut line = format!("{}: {}", c.kind.label(), c.text);
                    if !c.owner.is_empty() {
                        line.push_str(&format!(" (owner: {})", c.owner));
                    }
                    if !c.evidence.is_empty() {
                        line.push_str(&format!(" [evidence: {}]", c.evidence));
                    }
                    line
                })
                .collect::<Vec<_>>()
                .join("\n"),
            FieldValue::ExistingControls(controls) => controls
                .iter()
                .map(|c| {
                    let mut line = format!("{}: {}", c.kind.label(), c.text);
                    if !c.evidence.is_empty() {
                        line.push_str(&format!(" [evidence: {}]", c.evidence));
                    }
                    line
                })
                .collect::<Vec<_>>()
                .join("\n"),
            FieldValue::Date(date) => date.map_or_else(String::new, |d| d.to_string()),
            FieldValue::Status(status) => match status {
                HazardStatus::Withdrawn { reason } => format!("Withdrawn: {reason}"),
                other => other.label().to_owned(),
            },
            FieldValue::Meeting(meeting) => {
                meeting.map_or_else(String::new, |key| format!("meeting {}", key.0))
            }
            FieldValue::Extra(fields) => fields
                .iter()
                .map(|f| format!("{}: {}", f.label, f.value))
                .collect::<Vec<_>>()
                .join("\n"),
        }
    }
}

/// "Major x High = 4", "Major x (likelihood not scored)", or "not scored".
pub fn assessment_text(assessment: &Assessment, matrix: &RiskMatrix) -> String {
    match (assessment.severity, assessment.likelihood) {
        (None, None) => "not scored".to_owned(),
        (Some(s), Some(l)) => format!(
            "{} x {} = {}",
            s.label(),
            l.label(),
            matrix.rating(s, l).value()
        ),
        (Some(s), None) => format!("{} x (likelihood not scored)", s.label()),
        (None, Some(l)) => format!("(severity not scored) x {}", l.label()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::{HazardKey, Likelihood, Severity};
    use chrono::DateTime;

    #[test]
    fn every_field_reads_back_what_was_written() {
        let source = {
            let mut h = Hazard::new(
                HazardKey(1),
                "H001".into(),
                "A".into(),
                DateTime::UNIX_EPOCH,
            );
            h.description = "d".into();
            h.harm = "harm".into();
            h.effect = "effect".into();
            h.hazard = "hazard".into();
            h.date_added = NaiveDate::from_ymd_opt(2026, 11, 2);
            h.initial_justification = "ij".into();
            h.causes = vec!["c".into()];
            h.existing_controls = vec![ExistingControl::untyped("e".into())];
            h.initial = Assessment::new(Severity::Major, Likelihood::High);
            h.additional_controls = vec![AdditionalControl {
                text: "x".into(),
                ..Default::default()
            }];
            h.residual = Assessment::new(Severity::Minor, Likelihood::Low);
            h.residual_justification = "j".into();
            h.status = HazardStatus::Withdrawn { reason: "r".into() };
            h.owner = "o".into();
            h.actions_and_notes = "n".into();
            h.raised_in = Some(MeetingKey(3));
            h.extra_fields = vec![ExtraField {
                label: "l".into(),
                value: "v".into(),
            }];
            h
        };
        let mut copy = Hazard::new(
            HazardKey(1),
            String::new(),
            String::new(),
            DateTime::UNIX_EPOCH,
        );
        for field in HazardField::ALL {
            assert_ne!(
                field.get(&copy),
                field.get(&source),
                "{field:?} differs first"
            );
            field.set(&mut copy, field.get(&source)).unwrap();
        }
        assert_eq!(copy, source, "the table covers every edited field");
        assert!(HazardField::changed(&copy, &source).is_empty());
    }

    #[test]
    fn a_value_of_the_wrong_kind_is_refused() {
        let mut h = Hazard::new(HazardKey(1), "H1".into(), "A".into(), DateTime::UNIX_EPOCH);
        let before = h.clone();
        assert!(
            HazardField::Name
                .set(&mut h, FieldValue::List(vec![]))
                .is_err()
        );
        assert_eq!(h, before);
    }

    #[test]
    fn assessments_read_as_text() {
        let m = RiskMatrix::dcb0129();
        assert_eq!(
            assessment_text(&Assessment::new(Severity::Major, Likelihood::High), &m),
            "Major x High = 4"
        );
        assert_eq!(assessment_text(&Assessment::default(), &m), "not scored");
    }
}
