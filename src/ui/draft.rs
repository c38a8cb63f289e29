//! The editing pattern every form shares: edit a copy of the item, note which field changed,
//! push one edit for it, and end the typing burst (seal) when focus leaves a field.

use super::Action;
use super::widgets::FieldChange;
use crate::edit::Edit;

/// Which field of a [`Draft`] changed this frame, and whether the typing burst is over.
#[derive(Debug, Default)]
pub struct Changes {
    field: Option<&'static str>,
    seal: bool,
}

impl Changes {
    /// A compound editor's report (a list, a picker, a date).
    pub fn note(&mut self, field: &'static str, change: FieldChange) {
        if change.changed {
            self.field = Some(field);
        }
        self.seal |= change.finished;
    }

    /// A text field: typing changes it, leaving it ends the burst.
    pub fn track(&mut self, field: &'static str, response: &egui::Response) {
        self.note(field, FieldChange::of(response));
    }

    /// A click (a combo box, a checkbox): a complete step on its own.
    pub fn mark(&mut self, field: &'static str, changed: bool) {
        self.note(
            field,
            FieldChange {
                changed,
                finished: changed,
            },
        );
    }
}

/// A copy of an item being edited in a form, and what changed in it this frame. Widgets edit
/// `value` and report to `changes` (two fields, so both can be borrowed at once).
pub struct Draft<T> {
    pub value: T,
    pub changes: Changes,
}

impl<T: Clone + PartialEq> Draft<T> {
    pub fn of(original: &T) -> Draft<T> {
        Draft {
            value: original.clone(),
            changes: Changes::default(),
        }
    }

    /// Pushes the edit `to_edit` builds from the changed copy (if a field changed and the copy
    /// differs from `original`), then ends the typing burst if a field was left.
    pub fn finish(
        self,
        original: &T,
        actions: &mut Vec<Action>,
        to_edit: impl FnOnce(T, &'static str) -> Edit,
    ) {
        if let Some(field) = self.changes.field
            && self.value != *original
        {
            actions.push(Action::Edit(to_edit(self.value, field)));
        }
        if self.changes.seal {
            actions.push(Action::SealEdit);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn finished(draft: Draft<String>, original: &str) -> Vec<String> {
        let mut actions = Vec::new();
        draft.finish(&original.to_owned(), &mut actions, |value, field| {
            Edit::new(format!("{field}={value}"), vec![])
        });
        actions
            .iter()
            .map(|a| match a {
                Action::Edit(edit) => edit.label.clone(),
                Action::SealEdit => "seal".into(),
                other => format!("{other:?}"),
            })
            .collect()
    }

    #[test]
    fn a_changed_field_pushes_one_edit_and_leaving_it_seals() {
        let mut draft = Draft::of(&"a".to_owned());
        draft.value.push('b');
        draft.changes.note(
            "name",
            FieldChange {
                changed: true,
                finished: false,
            },
        );
        assert_eq!(finished(draft, "a"), ["name=ab"]);

        let mut draft = Draft::of(&"a".to_owned());
        draft.changes.note(
            "name",
            FieldChange {
                changed: false,
                finished: true,
            },
        );
        assert_eq!(finished(draft, "a"), ["seal"], "left without a change");

        let mut draft = Draft::of(&"a".to_owned());
        draft.value = "c".into();
        draft.changes.mark("kind", true);
        assert_eq!(
            finished(draft, "a"),
            ["kind=c", "seal"],
            "a click is a whole step"
        );
    }

    #[test]
    fn a_report_of_change_with_the_same_value_pushes_nothing() {
        let mut draft = Draft::of(&"a".to_owned());
        draft.changes.mark("kind", true);
        assert_eq!(finished(draft, "a"), ["seal"]);
    }
}
