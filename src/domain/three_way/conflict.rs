//! An unresolved merge conflict as the project stores it: where it is (an item by its stable
//! identity, and a field), the base, ours and theirs values with the copy each came from, and
//! how a resolution writes a value back.

use serde::{Deserialize, Serialize};

use crate::domain::hazard_fields::FieldValue;
use crate::domain::technique::{DeckId, FamilyId, PromptId, StepKey};
use crate::domain::{ActionKey, EntryKey, HazardKey, MeetingKey, PersonKey, Project};

use super::fields::FieldTable;

/// The item a conflict is in, by the identity the merge matched it with.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum ConflictPlace {
    /// The project's own settings (matrix, id prefix, running meeting, switched-off checks).
    Project,
    Metadata,
    Hazard(HazardKey),
    Person(PersonKey),
    Meeting(MeetingKey),
    Entry(MeetingKey, EntryKey),
    Action(ActionKey),
    /// The technique's scope.
    Technique,
    Step(StepKey),
    Coverage(StepKey, PromptId),
    MeetingSteps(MeetingKey),
    /// Whole items, compared as one value.
    Deck(DeckId),
    FamilyReason(DeckId, FamilyId),
    Provenance(HazardKey),
    Inherited(HazardKey),
}

/// One side's value: the RON text written back on resolution, what people read, and which copy
/// it came from.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ConflictValue {
    pub from: String,
    pub text: String,
    pub ron: String,
}

impl ConflictValue {
    pub fn of<T: Serialize>(value: &T, from: &str) -> ConflictValue {
        let ron = ron::to_string(value).unwrap_or_default();
        // A text field reads as itself, without RON's quotes and escapes.
        let text = match ron::from_str::<String>(&ron) {
            Ok(text) => text,
            Err(_) => match ron::from_str::<FieldValue>(&ron) {
                Ok(FieldValue::Text(text)) => text,
                Ok(FieldValue::List(items)) => items.join("\n"),
                _ => ron.clone(),
            },
        };
        ConflictValue {
            from: from.to_owned(),
            text,
            ron,
        }
    }
}

/// A field both copies changed differently. The merged project holds `ours`' value (for a list,
/// ours' choice where the two conflict, with every clean change of both sides merged in) until
/// the conflict is resolved; `theirs` is the value "Keep theirs" writes.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct MergeConflict {
    pub place: ConflictPlace,
    /// The field's name in the model (`residual_justification`); empty for a whole item.
    pub field: String,
    /// For people: "H004 Wrong patient: residual justification".
    pub label: String,
    /// `None` when no common ancestor was found (a two-way merge).
    pub base: Option<ConflictValue>,
    pub ours: ConflictValue,
    pub theirs: ConflictValue,
}

/// Why a resolution could not be written.
#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub enum ResolveError {
    #[error("{0} is no longer in the project")]
    Gone(String),
    #[error("the value does not fit {field}: {message}")]
    Value { field: String, message: String },
}

impl MergeConflict {
    /// Whether the value is text a person can edit (a text field), and not a list, a score or
    /// a choice.
    pub fn is_text(&self) -> bool {
        self.value_from_text("").is_some()
    }

    /// The RON value for `text` typed as the field's value; `None` when the field is not text.
    pub fn value_from_text(&self, text: &str) -> Option<String> {
        if ron::from_str::<String>(&self.ours.ron).is_ok() {
            return ron::to_string(text).ok();
        }
        match ron::from_str::<FieldValue>(&self.ours.ron) {
            Ok(FieldValue::Text(_)) => ron::to_string(&FieldValue::Text(text.to_owned())).ok(),
            _ => None,
        }
    }

    /// Writes `ron` (a value of the conflicting field, as RON text) into `project` at the
    /// conflict's place. The conflict itself is not removed (see `edit::merge_ops`).
    pub fn write(&self, project: &mut Project, ron: &str) -> Result<(), ResolveError> {
        let gone = || ResolveError::Gone(self.label.clone());
        let field = self.field.as_str();
        let result = match &self.place {
            ConflictPlace::Project => project.set_field(field, ron),
            ConflictPlace::Metadata => project.metadata.set_field(field, ron),
            ConflictPlace::Hazard(key) => project
                .hazards
                .by_key_mut(*key)
                .ok_or_else(gone)?
                .set_field(field, ron),
            ConflictPlace::Person(key) => find(&mut project.people, |p| p.key == *key)
                .ok_or_else(gone)?
                .set_field(field, ron),
            ConflictPlace::Meeting(key) => find(&mut project.meetings, |m| m.key == *key)
                .ok_or_else(gone)?
                .set_field(field, ron),
            ConflictPlace::Entry(meeting, key) => {
                let meeting =
                    find(&mut project.meetings, |m| m.key == *meeting).ok_or_else(gone)?;
                find(&mut meeting.entries, |e| e.key == *key)
                    .ok_or_else(gone)?
                    .set_field(field, ron)
            }
            ConflictPlace::Action(key) => find(&mut project.actions, |a| a.key == *key)
                .ok_or_else(gone)?
                .set_field(field, ron),
            ConflictPlace::Technique => project.technique.scope.set_field(field, ron),
            ConflictPlace::Step(key) => find(&mut project.technique.steps, |s| s.key == *key)
                .ok_or_else(gone)?
                .set_field(field, ron),
            ConflictPlace::Coverage(step, prompt) => find(&mut project.technique.coverage, |c| {
                c.step == *step && c.prompt == *prompt
            })
            .ok_or_else(gone)?
            .set_field(field, ron),
            ConflictPlace::MeetingSteps(key) => {
                find(&mut project.technique.meeting_steps, |m| m.meeting == *key)
                    .ok_or_else(gone)?
                    .set_field(field, ron)
            }
            ConflictPlace::Deck(id) => whole(
                find(&mut project.technique.decks, |d| d.id == *id).ok_or_else(gone)?,
                ron,
            ),
            ConflictPlace::FamilyReason(deck, family) => whole(
                find(&mut project.technique.family_reasons, |r| {
                    r.deck == *deck && r.family == *family
                })
                .ok_or_else(gone)?,
                ron,
            ),
            ConflictPlace::Provenance(key) => whole(
                find(&mut project.technique.provenance, |p| p.hazard == *key).ok_or_else(gone)?,
                ron,
            ),
            ConflictPlace::Inherited(key) => whole(
                find(&mut project.inherited, |i| i.hazard == *key).ok_or_else(gone)?,
                ron,
            ),
        };
        result.map_err(|message| ResolveError::Value {
            field: self.label.clone(),
            message,
        })
    }
}

fn find<T>(items: &mut [T], wanted: impl Fn(&T) -> bool) -> Option<&mut T> {
    items.iter_mut().find(|item| wanted(item))
}

fn whole<T: serde::de::DeserializeOwned>(item: &mut T, ron: &str) -> Result<(), String> {
    *item = ron::from_str(ron).map_err(|e| e.to_string())?;
    Ok(())
}
