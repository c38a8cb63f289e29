//! What changed between two versions of a log (two baselines, or a baseline and now): hazards
//! added, withdrawn, reinstated, removed and changed field by field, the moves of initial and
//! residual risk between ratings, and actions opened and closed. Hazards and actions are matched
//! by their internal keys, which never change and are never reused.

use std::collections::HashMap;

use super::hazard::{Hazard, HazardKey};
use super::hazard_fields::{FieldValue, HazardField};
use super::meeting::{ActionKey, ActionStatus};
use super::project::Project;
use super::risk::RiskRating;

/// A kind of change, to filter the diff by.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum DiffKind {
    Added,
    Withdrawn,
    Reinstated,
    /// In the older version only: hazards are never deleted in the app, but a merge or an
    /// import may drop one, and a diff must never hide it.
    Removed,
    Changed,
    RiskMoved,
    ActionOpened,
    ActionClosed,
}

impl DiffKind {
    pub const ALL: [DiffKind; 8] = [
        DiffKind::Added,
        DiffKind::Withdrawn,
        DiffKind::Reinstated,
        DiffKind::Removed,
        DiffKind::Changed,
        DiffKind::RiskMoved,
        DiffKind::ActionOpened,
        DiffKind::ActionClosed,
    ];

    pub fn label(self) -> &'static str {
        match self {
            DiffKind::Added => "Added",
            DiffKind::Withdrawn => "Withdrawn",
            DiffKind::Reinstated => "Reinstated",
            DiffKind::Removed => "Removed",
            DiffKind::Changed => "Changed",
            DiffKind::RiskMoved => "Risk moved",
            DiffKind::ActionOpened => "Action opened",
            DiffKind::ActionClosed => "Action closed",
        }
    }
}

/// One field's old and new text.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FieldDiff {
    pub field: HazardField,
    pub before: String,
    pub after: String,
}

/// What happened to one hazard between the versions.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct HazardDiff {
    pub key: HazardKey,
    /// As the newer version shows it (the older one's for a removed hazard).
    pub display_id: String,
    pub name: String,
    /// Every kind that applies: a hazard can be reinstated and changed, or changed and moved.
    pub kinds: Vec<DiffKind>,
    /// Field by field, for hazards in both versions.
    pub fields: Vec<FieldDiff>,
    /// The withdrawal reason, for a withdrawn hazard.
    pub reason: Option<String>,
    pub initial: (Option<RiskRating>, Option<RiskRating>),
    pub residual: (Option<RiskRating>, Option<RiskRating>),
}

/// Counts of hazards by rating before (row) and after (column); index 0 is "not scored", 1 to 5
/// the ratings. Hazards live in both versions are counted, including those that did not move
/// (on the diagonal).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct MoveMatrix(pub [[usize; 6]; 6]);

impl MoveMatrix {
    fn add(&mut self, before: Option<RiskRating>, after: Option<RiskRating>) {
        let index = |r: Option<RiskRating>| r.map_or(0, |r| r.value() as usize);
        self.0[index(before)][index(after)] += 1;
    }

    /// Hazards whose rating changed.
    pub fn moved(&self) -> usize {
        (0..6)
            .flat_map(|i| (0..6).map(move |j| (i, j)))
            .filter(|(i, j)| i != j)
            .map(|(i, j)| self.0[i][j])
            .sum()
    }

    pub fn label(index: usize) -> &'static str {
        ["not scored", "1", "2", "3", "4", "5"][index]
    }
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ActionDiff {
    pub key: ActionKey,
    pub description: String,
    pub kind: DiffKind,
    pub before: Option<ActionStatus>,
    pub after: ActionStatus,
    /// Display ids of the hazards the action is for, in the newer version.
    pub hazards: Vec<String>,
}

#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct VersionDiff {
    pub hazards: Vec<HazardDiff>,
    pub initial_moves: MoveMatrix,
    pub residual_moves: MoveMatrix,
    pub actions: Vec<ActionDiff>,
}

impl VersionDiff {
    /// Nothing changed.
    pub fn is_empty(&self) -> bool {
        self.hazards.is_empty()
            && self.actions.is_empty()
            && self.initial_moves.moved() == 0
            && self.residual_moves.moved() == 0
    }

    /// The hazards with a change of `kind`.
    pub fn hazards_of(&self, kind: DiffKind) -> impl Iterator<Item = &HazardDiff> {
        self.hazards.iter().filter(move |h| h.kinds.contains(&kind))
    }

    /// Only the changes of the given kinds (the move matrices are kept whole).
    pub fn filtered(&self, kinds: &[DiffKind]) -> VersionDiff {
        VersionDiff {
            hazards: self
                .hazards
                .iter()
                .filter(|h| h.kinds.iter().any(|k| kinds.contains(k)))
                .cloned()
                .collect(),
            actions: self
                .actions
                .iter()
                .filter(|a| kinds.contains(&a.kind))
                .cloned()
                .collect(),
            initial_moves: self.initial_moves,
            residual_moves: self.residual_moves,
        }
    }

    /// How many hazards and actions have each kind of change.
    pub fn count(&self, kind: DiffKind) -> usize {
        self.hazards_of(kind).count() + self.actions.iter().filter(|a| a.kind == kind).count()
    }
}

/// The changes from `old` to `new`.
pub fn diff(old: &Project, new: &Project) -> VersionDiff {
    let old_by_key: HashMap<HazardKey, &Hazard> = old.hazards.iter().map(|h| (h.key, h)).collect();
    let new_keys: std::collections::HashSet<HazardKey> =
        new.hazards.iter().map(|h| h.key).collect();
    let mut result = VersionDiff::default();
    for hazard in &new.hazards {
        let after_initial = hazard.initial_rating(&new.matrix);
        let after_residual = hazard.residual_rating(&new.matrix);
        let Some(before) = old_by_key.get(&hazard.key) else {
            result.hazards.push(HazardDiff {
                key: hazard.key,
                display_id: hazard.display_id.clone(),
                name: hazard.name.clone(),
                kinds: vec![DiffKind::Added],
                fields: Vec::new(),
                reason: withdrawal_reason(hazard),
                initial: (None, after_initial),
                residual: (None, after_residual),
            });
            continue;
        };
        let before_initial = before.initial_rating(&old.matrix);
        let before_residual = before.residual_rating(&old.matrix);
        let (was, is) = (before.status.is_withdrawn(), hazard.status.is_withdrawn());
        if !was && !is {
            result.initial_moves.add(before_initial, after_initial);
            result.residual_moves.add(before_residual, after_residual);
        }
        let mut kinds = Vec::new();
        match (was, is) {
            (false, true) => kinds.push(DiffKind::Withdrawn),
            (true, false) => kinds.push(DiffKind::Reinstated),
            _ => {}
        }
        let fields: Vec<FieldDiff> = HazardField::changed(before, hazard)
            .into_iter()
            .map(|field| FieldDiff {
                field,
                before: field_text(old, field, &field.get(before)),
                after: field_text(new, field, &field.get(hazard)),
            })
            .collect();
        let only_status_withdrawal =
            !kinds.is_empty() && fields.len() == 1 && fields[0].field == HazardField::Status;
        if !fields.is_empty() && !only_status_withdrawal {
            kinds.push(DiffKind::Changed);
        }
        if before_initial != after_initial || before_residual != after_residual {
            kinds.push(DiffKind::RiskMoved);
        }
        if kinds.is_empty() {
            continue;
        }
        result.hazards.push(HazardDiff {
            key: hazard.key,
            display_id: hazard.display_id.clone(),
            name: hazard.name.clone(),
            kinds,
            fields,
            reason: withdrawal_reason(hazard),
            initial: (before_initial, after_initial),
            residual: (before_residual, after_residual),
        });
    }
    for hazard in old.hazards.iter().filter(|h| !new_keys.contains(&h.key)) {
        result.hazards.push(HazardDiff {
            key: hazard.key,
            display_id: hazard.display_id.clone(),
            name: hazard.name.clone(),
            kinds: vec![DiffKind::Removed],
            fields: Vec::new(),
            reason: None,
            initial: (hazard.initial_rating(&old.matrix), None),
            residual: (hazard.residual_rating(&old.matrix), None),
        });
    }
    result.actions = action_diffs(old, new);
    result
}

fn withdrawal_reason(hazard: &Hazard) -> Option<String> {
    match &hazard.status {
        super::hazard::HazardStatus::Withdrawn { reason } => Some(reason.clone()),
        _ => None,
    }
}

/// A field's text in `project`: meetings by title, assessments with the project's matrix.
fn field_text(project: &Project, field: HazardField, value: &FieldValue) -> String {
    match (field, value) {
        (HazardField::RaisedIn, FieldValue::Meeting(Some(key))) => project
            .meeting(*key)
            .map_or_else(|| value.display(&project.matrix), |m| m.title.clone()),
        _ => value.display(&project.matrix),
    }
}

fn action_diffs(old: &Project, new: &Project) -> Vec<ActionDiff> {
    let before: HashMap<ActionKey, ActionStatus> =
        old.actions.iter().map(|a| (a.key, a.status)).collect();
    let mut diffs = Vec::new();
    for action in &new.actions {
        let was = before.get(&action.key).copied();
        let was_open = was == Some(ActionStatus::Open);
        let is_open = action.status == ActionStatus::Open;
        let kind = match (was, was_open, is_open) {
            (None, _, true) | (Some(_), false, true) => DiffKind::ActionOpened,
            (None, _, false) | (Some(_), true, false) => DiffKind::ActionClosed,
            _ => continue,
        };
        diffs.push(ActionDiff {
            key: action.key,
            description: action.description.clone(),
            kind,
            before: was,
            after: action.status,
            hazards: action
                .hazards
                .iter()
                .filter_map(|k| new.hazard(*k))
                .map(|h| h.display_id.clone())
                .collect(),
        });
    }
    diffs
}

/// "3 -> 2", "not scored -> 4", for documents.
pub fn movement_text(movement: (Option<RiskRating>, Option<RiskRating>)) -> String {
    let text = |r: Option<RiskRating>| r.map_or_else(|| "not scored".to_owned(), |r| r.to_string());
    format!("{} -> {}", text(movement.0), text(movement.1))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::{ActionItem, Assessment, HazardStatus, Likelihood, Severity};
    use chrono::DateTime;

    fn hazard(key: u64, name: &str) -> Hazard {
        let mut h = Hazard::new(
            HazardKey(key),
            format!("H{key:03}"),
            name.into(),
            DateTime::UNIX_EPOCH,
        );
        h.status = HazardStatus::Open;
        h.initial = Assessment::new(Severity::Major, Likelihood::High);
        h
    }

    fn action(key: u64, status: ActionStatus) -> ActionItem {
        ActionItem {
            key: ActionKey(key),
            description: format!("action {key}"),
            owner: None,
            due: None,
            status,
            raised_in: None,
            hazards: vec![HazardKey(1)],
            test_issue: false,
        }
    }

    fn old() -> Project {
        let mut withdrawn = hazard(3, "Old duplicate");
        withdrawn.status = HazardStatus::Withdrawn {
            reason: "dup of H001".into(),
        };
        Project {
            hazards: vec![
                hazard(1, "Wrong patient"),
                hazard(2, "Lost order"),
                withdrawn,
                hazard(4, "Gone"),
            ]
            .into(),
            actions: vec![
                action(10, ActionStatus::Open),
                action(11, ActionStatus::Open),
            ],
            ..Project::default()
        }
    }

    #[test]
    fn a_version_compared_with_itself_has_no_changes() {
        assert!(diff(&old(), &old()).is_empty());
    }

    #[test]
    fn each_kind_of_change_is_found() {
        let before = old();
        let mut after = before.clone();
        after.hazards.retain(|h| h.key != HazardKey(4));
        after.hazards[0].name = "Wrong patient selected".into();
        after.hazards[0].initial = Assessment::new(Severity::Major, Likelihood::Low);
        after.hazards[1].status = HazardStatus::Withdrawn {
            reason: "not a hazard".into(),
        };
        after.hazards[2].status = HazardStatus::Open;
        after.hazards.push(hazard(5, "New one"));
        after.actions[0].status = ActionStatus::Done;
        after.actions.push(action(12, ActionStatus::Open));
        let d = diff(&before, &after);
        let ids = |kind| {
            d.hazards_of(kind)
                .map(|h| h.display_id.clone())
                .collect::<Vec<_>>()
        };
        assert_eq!(ids(DiffKind::Added), ["H005"]);
        assert_eq!(ids(DiffKind::Withdrawn), ["H002"]);
        assert_eq!(ids(DiffKind::Reinstated), ["H003"]);
        assert_eq!(ids(DiffKind::Removed), ["H004"]);
        // H003's only change is its status: reinstated, not also "changed".
        assert_eq!(ids(DiffKind::Changed), ["H001"]);
        assert_eq!(ids(DiffKind::RiskMoved), ["H001"]);
        let h1 = d.hazards_of(DiffKind::Changed).next().unwrap();
        assert_eq!(
            h1.fields
                .iter()
                .map(|f| (f.field, f.before.as_str(), f.after.as_str()))
                .collect::<Vec<_>>(),
            [
                (HazardField::Name, "Wrong patient", "Wrong patient selected"),
                (HazardField::Initial, "Major x High = 4", "Major x Low = 3"),
            ]
        );
        assert_eq!(
            d.hazards_of(DiffKind::Withdrawn)
                .next()
                .unwrap()
                .reason
                .as_deref(),
            Some("not a hazard")
        );
        // H001 moved 4 -> 3; H002 is withdrawn now, so not counted; H004 removed.
        assert_eq!(d.initial_moves.0[4][3], 1);
        assert_eq!(d.initial_moves.moved(), 1);
        let actions: Vec<_> = d.actions.iter().map(|a| (a.key.0, a.kind)).collect();
        assert_eq!(
            actions,
            [(10, DiffKind::ActionClosed), (12, DiffKind::ActionOpened)]
        );
        let only_added = d.filtered(&[DiffKind::Added, DiffKind::ActionOpened]);
        assert_eq!(only_added.hazards.len(), 1);
        assert_eq!(only_added.actions.len(), 1);
        assert_eq!(d.count(DiffKind::ActionClosed), 1);
    }
}
