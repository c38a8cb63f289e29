//! Checks a loaded project's identities and sizes: internal keys must be unique and no single
//! text may be absurdly long (both refused otherwise); duplicate display ids are warnings.
//!
//! Internal keys are how every click, edit and link finds its item; two hazards with one key
//! make edits land on the wrong one, so such a file is not opened. Display ids are the user's
//! own text (`H004`, imported ids), so two hazards may share one; it is worth a warning, because
//! references in minutes and exports become ambiguous.

use std::collections::{BTreeMap, HashMap};

use crate::domain::Project;
use crate::domain::hazard_fields::{FieldValue, HazardField};

/// The longest single text (a description, a cause, a minute entry) a project may hold: about
/// 300 pages. Laying out a longer one in an editor takes gigabytes of memory and minutes, so a
/// file holding one is refused with this limit named rather than opened into a frozen window.
pub const MAX_TEXT_BYTES: usize = 1 << 20;

/// Each text longer than [`MAX_TEXT_BYTES`], named for the user ("H003 description: 52.4 MB").
pub fn oversized_texts(project: &Project) -> Vec<String> {
    let mut problems = Vec::new();
    let mut check = |owner: &dyn Fn() -> String, text: &str| {
        if text.len() > MAX_TEXT_BYTES {
            problems.push(format!(
                "{}: {:.1} MB",
                owner(),
                text.len() as f64 / 1_000_000.0
            ));
        }
    };
    for hazard in &project.hazards {
        for field in HazardField::ALL {
            let owner = || format!("{} {}", hazard.display_id, field.label());
            match field.get(hazard) {
                FieldValue::Text(text) => check(&owner, &text),
                FieldValue::List(items) => items.iter().for_each(|t| check(&owner, t)),
                FieldValue::Controls(controls) => controls.iter().for_each(|c| {
                    [&c.text, &c.owner, &c.evidence]
                        .into_iter()
                        .for_each(|t| check(&owner, t))
                }),
                FieldValue::ExistingControls(controls) => controls.iter().for_each(|c| {
                    check(&owner, &c.text);
                    check(&owner, &c.evidence);
                }),
                FieldValue::Extra(fields) => fields.iter().for_each(|f| check(&owner, &f.value)),
                FieldValue::Assessment(_)
                | FieldValue::Status(_)
                | FieldValue::Meeting(_)
                | FieldValue::Date(_) => {}
            }
        }
        if let crate::domain::HazardStatus::Withdrawn { reason } = &hazard.status {
            check(
                &|| format!("{} withdrawal reason", hazard.display_id),
                reason,
            );
        }
    }
    for meeting in &project.meetings {
        let owner = || {
            format!(
                "meeting “{}”",
                meeting.title.chars().take(40).collect::<String>()
            )
        };
        for text in [&meeting.title, &meeting.scope, &meeting.location] {
            check(&owner, text);
        }
        meeting.agenda.iter().for_each(|t| check(&owner, t));
        meeting.entries.iter().for_each(|e| check(&owner, &e.text));
    }
    for action in &project.actions {
        check(&|| "an action".to_owned(), &action.description);
    }
    problems
}

/// The same key used twice for one kind of item, described for the user ("two hazards (H001
/// “Wrong patient”, H002 “Late dose”) share internal key 5").
pub fn duplicate_keys(project: &Project) -> Vec<String> {
    let mut problems = Vec::new();
    let mut check = |kind: &str, items: Vec<(u64, String)>| {
        let mut by_key: BTreeMap<u64, Vec<String>> = BTreeMap::new();
        for (key, label) in items {
            by_key.entry(key).or_default().push(label);
        }
        for (key, labels) in by_key.into_iter().filter(|(_, l)| l.len() > 1) {
            problems.push(format!(
                "{} {kind} ({}) share internal key {key}",
                labels.len(),
                labels.join(", ")
            ));
        }
    };
    check(
        "hazards",
        project
            .hazards
            .iter()
            .map(|h| (h.key.0, format!("{} “{}”", h.display_id, h.name)))
            .collect(),
    );
    check(
        "people",
        project
            .people
            .iter()
            .map(|p| (p.key.0, format!("“{}”", p.name)))
            .collect(),
    );
    check(
        "meetings",
        project
            .meetings
            .iter()
            .map(|m| (m.key.0, format!("“{}”", m.title)))
            .collect(),
    );
    check(
        "minute entries",
        project
            .meetings
            .iter()
            .flat_map(|m| {
                m.entries
                    .iter()
                    .map(move |e| (e.key.0, format!("in “{}”: “{}”", m.title, short(&e.text))))
            })
            .collect(),
    );
    check(
        "actions",
        project
            .actions
            .iter()
            .map(|a| (a.key.0, format!("“{}”", short(&a.description))))
            .collect(),
    );
    problems
}

/// Display ids given to more than one hazard (compared as the app looks them up: trimmed,
/// ignoring case), as warnings: "H004 is the id of 2 hazards: “Wrong patient”, “Late dose”".
pub fn duplicate_display_ids(project: &Project) -> Vec<String> {
    let mut by_id: HashMap<String, Vec<&str>> = HashMap::new();
    let mut order = Vec::new();
    for hazard in &project.hazards {
        let id = hazard.display_id.trim();
        if id.is_empty() {
            continue;
        }
        let names = by_id.entry(id.to_lowercase()).or_insert_with(|| {
            order.push(id.to_owned());
            Vec::new()
        });
        names.push(&hazard.name);
    }
    order
        .into_iter()
        .filter_map(|id| {
            let names = &by_id[&id.to_lowercase()];
            (names.len() > 1).then(|| {
                let names: Vec<String> = names.iter().map(|n| format!("“{}”", short(n))).collect();
                format!(
                    "{id} is the id of {} hazards: {}. Give each its own id, so minutes and \
                     exports say which one is meant.",
                    names.len(),
                    names.join(", ")
                )
            })
        })
        .collect()
}

/// The first few words of a long text, for naming an item in a message.
fn short(text: &str) -> String {
    const MAX: usize = 40;
    let text = text.trim();
    match text.char_indices().nth(MAX) {
        Some((at, _)) => format!("{}…", &text[..at]),
        None => text.to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::{ActionItem, ActionKey, Hazard, HazardKey};

    fn hazard(key: u64, id: &str, name: &str) -> Hazard {
        Hazard::new(
            HazardKey(key),
            id.into(),
            name.into(),
            chrono::DateTime::UNIX_EPOCH,
        )
    }

    #[test]
    fn unique_keys_and_ids_give_nothing() {
        let project = Project {
            hazards: vec![hazard(1, "H001", "a"), hazard(2, "H002", "b")].into(),
            ..Project::default()
        };
        assert!(duplicate_keys(&project).is_empty());
        assert!(duplicate_display_ids(&project).is_empty());
    }

    #[test]
    fn a_key_used_twice_is_named_with_its_items() {
        let project = Project {
            hazards: vec![
                hazard(5, "H001", "Wrong patient"),
                hazard(6, "H002", "x"),
                hazard(5, "H003", "Late dose"),
            ]
            .into(),
            ..Project::default()
        };
        let problems = duplicate_keys(&project);
        assert_eq!(
            problems,
            ["2 hazards (H001 “Wrong patient”, H003 “Late dose”) share internal key 5"]
        );
    }

    #[test]
    fn a_text_over_the_limit_is_named_and_one_at_the_limit_is_not() {
        let mut long = hazard(1, "H001", "a");
        long.description = "x".repeat(MAX_TEXT_BYTES + 1);
        let mut at_limit = hazard(2, "H002", "b");
        at_limit.causes = vec!["y".repeat(MAX_TEXT_BYTES)];
        let project = Project {
            hazards: vec![long, at_limit].into(),
            ..Project::default()
        };
        let problems = oversized_texts(&project);
        assert_eq!(problems, ["H001 description: 1.0 MB"]);
    }

    #[test]
    fn keys_are_checked_within_each_kind() {
        let action = |description: &str| ActionItem {
            key: ActionKey(7),
            description: description.into(),
            owner: None,
            due: None,
            status: Default::default(),
            raised_in: None,
            hazards: Vec::new(),
            test_issue: false,
        };
        let project = Project {
            hazards: vec![hazard(7, "H001", "a")].into(),
            actions: vec![action("Check dose"), action("Check route")],
            ..Project::default()
        };
        let problems = duplicate_keys(&project);
        assert_eq!(problems.len(), 1, "{problems:?}");
        assert!(problems[0].starts_with("2 actions"), "{problems:?}");
    }

    #[test]
    fn duplicate_display_ids_are_warnings_ignoring_case_and_spaces() {
        let project = Project {
            hazards: vec![
                hazard(1, "H004", "Wrong patient"),
                hazard(2, " h004 ", "Late dose"),
                hazard(3, "", "no id"),
                hazard(4, "", "no id either"),
            ]
            .into(),
            ..Project::default()
        };
        let warnings = duplicate_display_ids(&project);
        assert_eq!(warnings.len(), 1, "{warnings:?}");
        assert!(
            warnings[0].starts_with("H004 is the id of 2 hazards: “Wrong patient”, “Late dose”"),
            "{warnings:?}"
        );
    }
}
