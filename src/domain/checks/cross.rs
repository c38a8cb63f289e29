//! The facts the per-hazard checks need from the rest of the log (meetings, actions), gathered
//! once, and the checks that look across the log: overdue actions and near-duplicate hazards.

use std::collections::{HashMap, HashSet};

use chrono::NaiveDate;

use super::similarity::{NEAR_DUPLICATE_THRESHOLD, near_duplicates};
use super::{CheckId, CheckSettings, Problem, Subject};
use crate::domain::hazard::HazardKey;
use crate::domain::hazard_fields::HazardField;
use crate::domain::meeting::{ActionKey, ActionStatus};
use crate::domain::minutes::{HazardIndex, TextPart, split_references};
use crate::domain::project::Project;

/// What the per-hazard checks know about the rest of the log. Rebuild it when meetings, actions
/// or the check settings change; hazard edits alone leave it valid, except that a renamed display
/// id changes which minutes mention the hazard (rebuild on any change to be exact; it is cheap).
#[derive(Clone, Debug)]
pub struct CheckContext {
    pub today: NaiveDate,
    pub settings: CheckSettings,
    /// Hazards raised in, edited during, linked from or mentioned in the minutes of a meeting.
    pub discussed: HashSet<HazardKey>,
    /// The open actions of each hazard.
    pub open_actions: HashMap<HazardKey, Vec<ActionKey>>,
}

impl CheckContext {
    pub fn new(project: &Project, today: NaiveDate) -> CheckContext {
        let mut discussed = HashSet::new();
        let index = HazardIndex::new(project);
        for meeting in &project.meetings {
            discussed.extend(meeting.hazards_discussed.iter().copied());
            for entry in &meeting.entries {
                discussed.extend(entry.hazard);
                for part in split_references(&entry.text, project, &index) {
                    if let TextPart::Hazard { hazard, .. } = part {
                        discussed.insert(hazard.key);
                    }
                }
            }
        }
        for hazard in &project.hazards {
            if hazard
                .raised_in
                .is_some_and(|m| project.meeting(m).is_some())
            {
                discussed.insert(hazard.key);
            }
        }
        let mut open_actions: HashMap<HazardKey, Vec<ActionKey>> = HashMap::new();
        for action in &project.actions {
            if action.status == ActionStatus::Open {
                for hazard in &action.hazards {
                    open_actions.entry(*hazard).or_default().push(action.key);
                }
            }
        }
        CheckContext {
            today,
            settings: project.checks.clone(),
            discussed,
            open_actions,
        }
    }

    pub fn enabled(&self, check: CheckId) -> bool {
        self.settings.is_enabled(check)
    }
}

/// The checks over the whole log: each overdue open action, and each pair of near-duplicate
/// live hazards (see [`super::similarity`]).
pub fn check_across(context: &CheckContext, project: &Project) -> Vec<Problem> {
    let mut problems = Vec::new();
    if context.enabled(CheckId::OverdueAction) {
        for action in &project.actions {
            let Some(due) = action.due.filter(|_| action.is_overdue(context.today)) else {
                continue;
            };
            let hazards: Vec<&str> = action
                .hazards
                .iter()
                .filter_map(|key| project.hazard(*key))
                .map(|h| h.display_id.as_str())
                .collect();
            let days = (context.today - due).num_days();
            problems.push(Problem {
                check: CheckId::OverdueAction,
                subject: Subject::Action { key: action.key },
                display_id: if hazards.is_empty() {
                    format!("action {}", action.key.0)
                } else {
                    hazards.join(",")
                },
                field: "due",
                reason: format!(
                    "action “{}” was due {} ({days} day{} ago) and is still open",
                    short(&action.description),
                    due.format("%d/%m/%Y"),
                    if days == 1 { "" } else { "s" }
                ),
            });
        }
    }
    if context.enabled(CheckId::NearDuplicate) {
        for pair in near_duplicates(project, NEAR_DUPLICATE_THRESHOLD) {
            let (first, second) = (&project.hazards[pair.first], &project.hazards[pair.second]);
            problems.push(Problem {
                check: CheckId::NearDuplicate,
                subject: Subject::Hazard {
                    key: second.key,
                    field: pair.field,
                },
                display_id: second.display_id.clone(),
                field: pair.field.code(),
                reason: format!(
                    "{} is {:.0}% the same words as that of {} “{}”: a duplicate?",
                    match pair.field {
                        HazardField::Name => "the name",
                        _ => "the description",
                    },
                    pair.similarity * 100.0,
                    first.display_id,
                    short(&first.name)
                ),
            });
        }
    }
    problems
}

/// The first words of a long text, for one-line reasons.
pub(super) fn short(text: &str) -> String {
    let text = text.trim();
    if text.chars().count() <= 60 {
        return text.to_owned();
    }
    let cut: String = text.chars().take(57).collect();
    format!("{}…", cut.trim_end())
}
