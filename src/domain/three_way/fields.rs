//! Field-by-field merge of one item both copies hold, and writing a resolved value back: hazards
//! through the one table of hazard fields (`hazard_fields`), the other items through the small
//! tables below (a field is `plain` — one value —, `list` — a list without keys, merged by item
//! content — or `stamp` — who and when, the later one kept, never a conflict).

use serde::Serialize;

use super::conflict::{ConflictPlace, ConflictValue, MergeConflict};
use super::value::{Resolved, merge_list, pick};
use crate::domain::hazard_fields::{FieldValue, HazardField};
use crate::domain::safety_case::SafetyCaseText;
use crate::domain::technique::{CellRecord, MeetingSteps, Scope, Step};
use crate::domain::{ActionItem, Hazard, Meeting, MinuteEntry, Person, Project, ProjectMetadata};

/// Where the merge is, for conflicts and the summary.
pub struct At {
    pub place: ConflictPlace,
    /// "H004 Wrong patient", "person Jane Doe".
    pub label: String,
}

/// What the merge found, gathered as it goes.
pub struct Sink<'a> {
    pub ours_name: &'a str,
    pub theirs_name: &'a str,
    pub base_name: &'a str,
    pub conflicts: Vec<MergeConflict>,
    /// Changes taken from theirs (and merged lists), one readable line each.
    pub taken: Vec<String>,
}

impl Sink<'_> {
    /// Writes a merge decision into `out` (which holds ours' value) and records it.
    #[allow(clippy::too_many_arguments)]
    pub fn apply<V: Clone + Serialize>(
        &mut self,
        resolved: Resolved<V>,
        out: &mut V,
        theirs: &V,
        base: Option<&V>,
        at: &At,
        field: &str,
        label: &str,
    ) {
        match resolved {
            Resolved::Ours => {}
            Resolved::Theirs => {
                *out = theirs.clone();
                self.taken.push(format!("{}: {label}", at.label));
            }
            Resolved::Merged(value) => {
                *out = value;
                self.taken
                    .push(format!("{}: {label} (both copies' changes)", at.label));
            }
            Resolved::Conflict { held, alternative } => {
                self.conflicts.push(MergeConflict {
                    place: at.place.clone(),
                    field: field.to_owned(),
                    label: if label.is_empty() {
                        at.label.clone()
                    } else {
                        format!("{}: {label}", at.label)
                    },
                    base: base.map(|b| ConflictValue::of(b, self.base_name)),
                    ours: ConflictValue::of(&held, self.ours_name),
                    theirs: ConflictValue::of(&alternative, self.theirs_name),
                });
                *out = held;
            }
        }
    }

    /// A whole item compared as one value.
    pub fn whole<T: Clone + PartialEq + Serialize>(
        &mut self,
        base: Option<&T>,
        ours: &T,
        theirs: &T,
        at: &At,
    ) -> T {
        let mut out = ours.clone();
        self.apply(pick(base, ours, theirs), &mut out, theirs, base, at, "", "");
        out
    }
}

/// An item merged field by field, and a field written back from RON text.
pub trait FieldTable: Sized + Clone {
    fn merge_fields(
        base: Option<&Self>,
        ours: &Self,
        theirs: &Self,
        at: &At,
        sink: &mut Sink,
    ) -> Self;
    fn set_field(&mut self, field: &str, ron_text: &str) -> Result<(), String>;
}

macro_rules! field_table {
    ($ty:ty { $($kind:ident $field:ident : $label:literal),* $(,)? }) => {
        impl FieldTable for $ty {
            fn merge_fields(
                base: Option<&Self>,
                ours: &Self,
                theirs: &Self,
                at: &At,
                sink: &mut Sink,
            ) -> Self {
                let mut out = ours.clone();
                $(
                    field_table!(@$kind out, base, ours, theirs, at, sink, $field, $label);
                )*
                out
            }

            fn set_field(&mut self, field: &str, ron_text: &str) -> Result<(), String> {
                match field {
                    $(stringify!($field) => {
                        self.$field = ron::from_str(ron_text).map_err(|e| e.to_string())?
                    })*
                    other => return Err(format!("no field “{other}”")),
                }
                Ok(())
            }
        }
    };
    (@plain $out:ident, $base:ident, $ours:ident, $theirs:ident, $at:ident, $sink:ident,
        $field:ident, $label:literal) => {
        let b = $base.map(|b| &b.$field);
        let resolved = pick(b, &$ours.$field, &$theirs.$field);
        $sink.apply(resolved, &mut $out.$field, &$theirs.$field, b, $at, stringify!($field), $label);
    };
    (@list $out:ident, $base:ident, $ours:ident, $theirs:ident, $at:ident, $sink:ident,
        $field:ident, $label:literal) => {
        let b = $base.map(|b| &b.$field);
        let resolved = merge_list(b.map(|v| v.as_slice()), &$ours.$field, &$theirs.$field);
        $sink.apply(resolved, &mut $out.$field, &$theirs.$field, b, $at, stringify!($field), $label);
    };
    // A stamp (who, when): the later one, silently.
    (@stamp $out:ident, $base:ident, $ours:ident, $theirs:ident, $at:ident, $sink:ident,
        $field:ident, $label:literal) => {
        if $theirs.$field.at > $ours.$field.at {
            $out.$field = $theirs.$field.clone();
        }
    };
}

field_table!(Person {
    plain name: "name",
    plain role: "role",
    plain organisation: "organisation",
    plain email: "email",
});

field_table!(Meeting {
    plain title: "title",
    plain kind: "kind",
    plain date: "date",
    plain start: "start",
    plain end: "end",
    plain location: "location",
    plain scope: "scope",
    list agenda: "agenda",
    plain facilitator: "facilitator",
    plain note_taker: "note taker",
    list attendance: "attendance",
    list hazards_discussed: "hazards discussed",
    // `entries` are merged by their keys (see `keyed`).
});

field_table!(MinuteEntry {
    plain kind: "kind",
    plain text: "text",
    plain time: "time",
    plain hazard: "hazard raised",
    plain about: "about hazard",
});

field_table!(ActionItem {
    plain description: "description",
    plain owner: "owner",
    plain due: "due date",
    plain status: "status",
    plain raised_in: "raised in",
    list hazards: "hazards",
    plain test_issue: "test issue",
});

field_table!(Step {
    plain name: "name",
    plain description: "description",
    plain retired: "retired",
});

field_table!(Scope {
    plain statement: "scope statement",
});

field_table!(CellRecord {
    list hazards: "hazards raised",
    plain mark: "mark",
    stamp stamp: "stamp",
});

field_table!(MeetingSteps {
    list steps: "steps covered",
});

field_table!(SafetyCaseText {
    plain introduction: "safety case introduction",
    plain system_definition: "safety case system definition",
    plain intended_use: "safety case intended use",
    plain exclusions: "safety case exclusions",
    plain risk_management_system: "safety case risk management system",
    plain summary_safety_statement: "summary safety statement",
});

field_table!(ProjectMetadata {
    plain system_name: "system name",
    plain system_version: "system version",
    plain organisation: "organisation",
    plain document_title: "document title",
    plain document_id: "document id",
    plain programme: "programme",
    plain project: "project",
    plain programme_director: "programme director",
    plain owner: "owner",
    plain author: "author",
    plain clinical_safety_officer: "clinical safety officer",
    plain document_status: "document status",
    plain document_version: "document version",
    plain version_date: "version date",
    plain document_purpose: "document purpose",
    list version_history: "version history",
    list reviewers: "reviewers",
    list approvers: "approvers",
    plain safety_case: "safety case text",
    list kept_sheets: "kept sheets",
});

// The project's own settings. The hazards and other collections are merged by `mod.rs`.
field_table!(Project {
    plain matrix: "risk matrix",
    plain hazard_id_prefix: "hazard id prefix",
    plain hazard_id_digits: "hazard id digits",
    plain current_meeting: "running meeting",
    plain checks: "switched-off checks",
});

impl FieldTable for Hazard {
    fn merge_fields(
        base: Option<&Self>,
        ours: &Self,
        theirs: &Self,
        at: &At,
        sink: &mut Sink,
    ) -> Self {
        let mut out = ours.clone();
        for field in HazardField::ALL {
            let (o, t) = (field.get(ours), field.get(theirs));
            if o == t {
                continue;
            }
            let b = base.map(|b| field.get(b));
            let resolved = match (&b, &o, &t) {
                (Some(FieldValue::List(b)), FieldValue::List(o), FieldValue::List(t)) => {
                    wrap(merge_list(Some(b), o, t), FieldValue::List)
                }
                (
                    Some(FieldValue::ExistingControls(b)),
                    FieldValue::ExistingControls(o),
                    FieldValue::ExistingControls(t),
                ) => wrap(merge_list(Some(b), o, t), FieldValue::ExistingControls),
                (
                    Some(FieldValue::Controls(b)),
                    FieldValue::Controls(o),
                    FieldValue::Controls(t),
                ) => wrap(merge_list(Some(b), o, t), FieldValue::Controls),
                (Some(FieldValue::Extra(b)), FieldValue::Extra(o), FieldValue::Extra(t)) => {
                    wrap(merge_list(Some(b), o, t), FieldValue::Extra)
                }
                _ => pick(b.as_ref(), &o, &t),
            };
            let mut value = o.clone();
            sink.apply(
                resolved,
                &mut value,
                &t,
                b.as_ref(),
                at,
                field.code(),
                field.label(),
            );
            if value != o {
                field
                    .set(&mut out, value)
                    .expect("a field's own kind of value");
            }
        }
        let b = base.map(|b| &b.status_before_withdrawal);
        let resolved = pick(
            b,
            &ours.status_before_withdrawal,
            &theirs.status_before_withdrawal,
        );
        sink.apply(
            resolved,
            &mut out.status_before_withdrawal,
            &theirs.status_before_withdrawal,
            b,
            at,
            "status_before_withdrawal",
            "status before withdrawal",
        );
        let b = base.map(|b| &b.created);
        sink.apply(
            pick(b, &ours.created, &theirs.created),
            &mut out.created,
            &theirs.created,
            b,
            at,
            "created",
            "created",
        );
        out.updated = ours.updated.max(theirs.updated);
        out
    }

    /// `field` is a hazard field's code (`residual-justification`) and the value a
    /// [`FieldValue`], or one of the fields outside that table.
    fn set_field(&mut self, field: &str, ron_text: &str) -> Result<(), String> {
        let parse_err = |e: ron::error::SpannedError| e.to_string();
        match field {
            "status_before_withdrawal" => {
                self.status_before_withdrawal = ron::from_str(ron_text).map_err(parse_err)?
            }
            "created" => self.created = ron::from_str(ron_text).map_err(parse_err)?,
            code => {
                let field = HazardField::ALL
                    .into_iter()
                    .find(|f| f.code() == code)
                    .ok_or_else(|| format!("no hazard field “{code}”"))?;
                let value: FieldValue = ron::from_str(ron_text).map_err(parse_err)?;
                field.set(self, value).map_err(|e| e.to_string())?;
            }
        }
        Ok(())
    }
}

fn wrap<T>(resolved: Resolved<T>, into: impl Fn(T) -> FieldValue) -> Resolved<FieldValue> {
    match resolved {
        Resolved::Ours => Resolved::Ours,
        Resolved::Theirs => Resolved::Theirs,
        Resolved::Merged(v) => Resolved::Merged(into(v)),
        Resolved::Conflict { held, alternative } => Resolved::Conflict {
            held: into(held),
            alternative: into(alternative),
        },
    }
}
