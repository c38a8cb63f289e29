//! Upgrades of older project formats, one explicit step per format version.
//!
//! A file in format `n < FORMAT_VERSION` is parsed into a lossless [`ron_tree`](super::ron_tree),
//! passed through `MIGRATIONS[n]`, `MIGRATIONS[n + 1]`, … up to the current format, and only
//! then read into the typed model, so the typed model never has to understand old shapes.
//! Migrations work on the file's syntax, not on Rust types, so they stay correct however the
//! model changes later. A migration either accounts for every value it finds or fails with a
//! message naming what it could not place: it never drops anything.
//!
//! To add format 3: write `migrate_v2_to_v3`, append it to [`MIGRATIONS`], bump
//! [`FORMAT_VERSION`](super::project_file::FORMAT_VERSION), and add a fixture under
//! `tests/fixtures/formats/`.
//!
//! # Format 0 (early drafts, Hazard Workshop 0.0.x)
//!
//! ```text
//! HazardWorkshopProject(
//!   format_version: 0,
//!   app_version: "0.0.3",
//!   project: Project(
//!     metadata: ProjectMetadata(…),      // as in format 1
//!     matrix: RiskMatrix(…),             // as in format 1
//!     hazard_id_prefix: "H",
//!     hazard_id_digits: 3,
//!     hazards: [
//!       Hazard(
//!         id: "H001",                    // format 1: display_id
//!         name: "…", description: "…", clinical_impact: "…", causes: ["…"],
//!         controls: [                    // format 1: existing_controls + additional_controls
//!           Control(kind: Existing, text: "…"),
//!           Control(kind: Design, text: "…", owner: "…", evidence: "…"),
//!         ],
//!         initial: Assessment(…), residual: Assessment(…), acceptance_rationale: "…",
//!         status: Open, owner: "…",
//!         notes: "…",                    // format 1: actions_and_notes
//!         created: "…", updated: "…",
//!       ),
//!     ],
//!   ),
//! )
//! ```
//!
//! Format 0 had no internal keys, no id counters and no workshop records (people, meetings,
//! actions); format 1 adds them.
//!
//! # Format 1 (Hazard Workshop 0.1.x) to format 2 (the NHS v3.6 hazard model)
//!
//! ```text
//! Hazard(
//!   clinical_impact: "…",                // format 2: harm
//!   existing_controls: ["…"],            // format 2: [ExistingControl(kind: HitDesign, text: "…")]
//!   acceptance_rationale: "…",           // format 2: residual_justification
//!   created: "2025-11-03T09:30:00Z",     // format 2 adds date_added: Some("2025-11-03")
//! )
//! ```
//!
//! Format 2 also adds `effect`, `hazard` and `initial_justification`, empty by default.

use super::project_file::FORMAT_VERSION;
use super::ron_tree::{Document, Node};

/// One upgrade step: the document in format `n` becomes format `n + 1`. The error says, for the
/// user, what could not be upgraded.
pub type Migration = fn(&mut Document) -> Result<(), String>;

/// `MIGRATIONS[n]` upgrades format `n` to `n + 1`.
pub const MIGRATIONS: [Migration; FORMAT_VERSION as usize] = [migrate_v0_to_v1, migrate_v1_to_v2];

/// Upgrades a document from format `from` to [`FORMAT_VERSION`].
pub fn upgrade(document: &mut Document, from: u32) -> Result<(), String> {
    for (version, migration) in MIGRATIONS.iter().enumerate().skip(from as usize) {
        migration(document)?;
        let after = version as u32 + 1;
        let root = &mut document.root;
        if !matches!(root, Node::Struct { .. }) {
            return Err("the file's root is not a project".into());
        }
        root.set_field("format_version", Node::number(u64::from(after)));
    }
    Ok(())
}

/// Format 0 to 1: hazard `id` becomes `display_id`, `notes` becomes `actions_and_notes`, the
/// single `controls` list splits into existing and additional controls, hazards get internal keys
/// (1, 2, … in file order) and the project gets id counters that follow them.
pub fn migrate_v0_to_v1(document: &mut Document) -> Result<(), String> {
    let project = document
        .root
        .field_mut("project")
        .ok_or("the file holds no project")?;
    if !matches!(project, Node::Struct { .. }) {
        return Err("the project is not a record of fields".into());
    }
    let prefix = match project.field("hazard_id_prefix") {
        Some(node) => node
            .as_string()
            .ok_or("the hazard id prefix is not a text")?,
        None => String::new(),
    };

    let mut next_key = 1u64;
    let mut highest_number = 0u32;
    if let Some(hazards) = project.field_mut("hazards") {
        let hazards = hazards.as_list_mut().ok_or("the hazards are not a list")?;
        for (index, hazard) in hazards.iter_mut().enumerate() {
            let position = index + 1;
            let display_id = migrate_hazard_v0(hazard, next_key)
                .map_err(|message| format!("hazard {position} in the list: {message}"))?;
            next_key += 1;
            if let Some(number) = id_number(&display_id, &prefix) {
                highest_number = highest_number.max(number);
            }
        }
    }
    if project.field("counters").is_some() {
        return Err("a format 0 project has no id counters, but this one has".into());
    }
    project.set_field(
        "counters",
        Node::Struct {
            name: Some("IdCounters".into()),
            fields: vec![
                ("next_key".into(), Node::number(next_key)),
                (
                    "next_hazard_number".into(),
                    Node::number(u64::from(highest_number) + 1),
                ),
            ],
        },
    );
    Ok(())
}

/// Upgrades one hazard; returns its display id.
fn migrate_hazard_v0(hazard: &mut Node, key: u64) -> Result<String, String> {
    if !matches!(hazard, Node::Struct { .. }) {
        return Err("not a record of fields".into());
    }
    for new_field in [
        "key",
        "display_id",
        "existing_controls",
        "additional_controls",
    ] {
        if hazard.field(new_field).is_some() {
            return Err(format!(
                "format 0 hazards have no “{new_field}”, but this one has"
            ));
        }
    }
    let display_id = hazard
        .field("id")
        .ok_or("it has no id")?
        .as_string()
        .ok_or("its id is not a text")?;
    hazard.rename_field("id", "display_id");
    hazard.rename_field("notes", "actions_and_notes");
    hazard.set_field("key", Node::newtype("HazardKey", Node::number(key)));

    let mut existing = Vec::new();
    let mut additional = Vec::new();
    if let Some(controls) = hazard.take_field("controls") {
        let Node::List(controls) = controls else {
            return Err("its controls are not a list".into());
        };
        for (index, control) in controls.into_iter().enumerate() {
            let (is_existing, migrated) = migrate_control_v0(control)
                .map_err(|message| format!("control {}: {message}", index + 1))?;
            if is_existing {
                existing.push(migrated);
            } else {
                additional.push(migrated);
            }
        }
    }
    hazard.set_field("existing_controls", Node::List(existing));
    hazard.set_field("additional_controls", Node::List(additional));
    Ok(display_id)
}

/// A format 0 control: `(true, "text")` for an existing control, `(false,
/// AdditionalControl(…))` for the others.
fn migrate_control_v0(control: Node) -> Result<(bool, Node), String> {
    let Node::Struct { fields, .. } = control else {
        return Err("not a record of fields".into());
    };
    let known = ["kind", "text", "owner", "evidence"];
    let unknown: Vec<&str> = fields
        .iter()
        .map(|(name, _)| name.as_str())
        .filter(|name| !known.contains(name))
        .collect();
    if !unknown.is_empty() {
        return Err(format!(
            "it has fields format 0 did not define: {}",
            unknown.join(", ")
        ));
    }
    let field = |name: &str| fields.iter().find(|(n, _)| n == name).map(|(_, v)| v);
    let kind = field("kind")
        .and_then(Node::as_ident)
        .ok_or("its kind is missing")?;
    let text = field("text").cloned().unwrap_or_else(|| Node::string(""));
    if kind == "Existing" {
        // Format 1 keeps existing controls as plain text. An owner or evidence would have no
        // place to go: refuse rather than drop it.
        for extra in ["owner", "evidence"] {
            if let Some(value) = field(extra)
                && value.as_string().is_none_or(|v| !v.is_empty())
            {
                return Err(format!(
                    "an existing control with an {extra} cannot be upgraded (existing controls \
                     are plain text in format 1)"
                ));
            }
        }
        return Ok((true, text));
    }
    if !["Design", "Test", "Training", "BusinessProcessChange"].contains(&kind) {
        return Err(format!("its kind “{kind}” is not one format 0 defined"));
    }
    let mut additional = vec![
        ("kind".to_owned(), Node::ident(kind)),
        ("text".to_owned(), text),
    ];
    for optional in ["owner", "evidence"] {
        if let Some(value) = field(optional) {
            additional.push((optional.to_owned(), value.clone()));
        }
    }
    Ok((
        false,
        Node::Struct {
            name: Some("AdditionalControl".into()),
            fields: additional,
        },
    ))
}

/// Format 1 to 2: the hazard model of the NHS v3.6 template. Clinical impact becomes harm, the
/// acceptance rationale becomes the residual justification, each plain-text existing control
/// becomes a typed control of the default kind (HIT design, which the user can change), and the
/// date a hazard was added is the day it was created.
pub fn migrate_v1_to_v2(document: &mut Document) -> Result<(), String> {
    let project = document
        .root
        .field_mut("project")
        .ok_or("the file holds no project")?;
    let Some(hazards) = project.field_mut("hazards") else {
        return Ok(());
    };
    let hazards = hazards.as_list_mut().ok_or("the hazards are not a list")?;
    for (index, hazard) in hazards.iter_mut().enumerate() {
        migrate_hazard_v1(hazard)
            .map_err(|message| format!("hazard {} in the list: {message}", index + 1))?;
    }
    Ok(())
}

fn migrate_hazard_v1(hazard: &mut Node) -> Result<(), String> {
    if !matches!(hazard, Node::Struct { .. }) {
        return Err("not a record of fields".into());
    }
    for new_field in [
        "effect",
        "hazard",
        "harm",
        "date_added",
        "initial_justification",
        "residual_justification",
    ] {
        if hazard.field(new_field).is_some() {
            return Err(format!(
                "format 1 hazards have no “{new_field}”, but this one has"
            ));
        }
    }
    hazard.rename_field("clinical_impact", "harm");
    hazard.rename_field("acceptance_rationale", "residual_justification");
    if let Some(controls) = hazard.field_mut("existing_controls") {
        let controls = controls
            .as_list_mut()
            .ok_or("its existing controls are not a list")?;
        for (index, control) in controls.iter_mut().enumerate() {
            let text = control
                .as_string()
                .ok_or_else(|| format!("existing control {} is not a text", index + 1))?;
            *control = Node::Struct {
                name: Some("ExistingControl".into()),
                fields: vec![
                    ("kind".into(), Node::ident("HitDesign")),
                    ("text".into(), Node::string(&text)),
                ],
            };
        }
    }
    if let Some(created) = hazard.field("created") {
        let created = created
            .as_string()
            .ok_or("its creation time is not a text")?;
        let day = created
            .get(..10)
            .filter(|day| chrono::NaiveDate::parse_from_str(day, "%Y-%m-%d").is_ok())
            .ok_or_else(|| format!("its creation time “{created}” has no date"))?;
        hazard.set_field(
            "date_added",
            Node::Tuple {
                name: Some("Some".into()),
                items: vec![Node::string(day)],
            },
        );
    }
    Ok(())
}

/// `H012` with prefix `H` is 12; ids in another style are not numbered.
fn id_number(display_id: &str, prefix: &str) -> Option<u32> {
    let id = display_id.trim();
    let head = id.get(..prefix.len())?;
    let digits = &id[prefix.len()..];
    if !head.eq_ignore_ascii_case(prefix)
        || digits.is_empty()
        || !digits.chars().all(|c| c.is_ascii_digit())
    {
        return None;
    }
    digits.parse().ok()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::storage::ron_tree;

    fn upgrade_text(text: &str) -> Result<Document, String> {
        let mut doc = ron_tree::parse(text).unwrap();
        upgrade(&mut doc, 0)?;
        Ok(doc)
    }

    #[test]
    fn ids_are_numbered_by_prefix() {
        assert_eq!(id_number("H012", "H"), Some(12));
        assert_eq!(id_number("h7", "H"), Some(7));
        assert_eq!(id_number("NRL01", "H"), None);
        assert_eq!(id_number("H", "H"), None);
        assert_eq!(id_number("Hµ1", "H"), None);
        assert_eq!(id_number("µ", "HH"), None, "no panic on a char boundary");
    }

    #[test]
    fn an_unknown_control_field_is_refused_not_dropped() {
        let err = upgrade_text(
            "HazardWorkshopProject(format_version: 0, project: Project(hazards: [Hazard(id: \"H001\", controls: [Control(kind: Design, text: \"x\", cost: 3)])]))",
        )
        .unwrap_err();
        assert!(err.contains("hazard 1") && err.contains("cost"), "{err}");
    }

    #[test]
    fn an_existing_control_with_an_owner_is_refused() {
        let err = upgrade_text(
            "HazardWorkshopProject(format_version: 0, project: Project(hazards: [Hazard(id: \"H001\", controls: [Control(kind: Existing, text: \"x\", owner: \"Ward\")])]))",
        )
        .unwrap_err();
        assert!(err.contains("owner"), "{err}");
    }

    #[test]
    fn counters_follow_the_keys_and_ids() {
        let doc = upgrade_text(
            "HazardWorkshopProject(format_version: 0, project: Project(hazard_id_prefix: \"H\", hazards: [Hazard(id: \"H009\"), Hazard(id: \"X1\")]))",
        )
        .unwrap();
        let counters = doc
            .root
            .field("project")
            .unwrap()
            .field("counters")
            .unwrap();
        assert_eq!(counters.field("next_key").unwrap().as_u64(), Some(3));
        assert_eq!(
            counters.field("next_hazard_number").unwrap().as_u64(),
            Some(10)
        );
        assert_eq!(
            doc.root.field("format_version").unwrap().as_u64(),
            Some(u64::from(FORMAT_VERSION))
        );
    }

    fn upgrade_v1(hazard: &str) -> Result<Document, String> {
        let mut doc = ron_tree::parse(&format!(
            "HazardWorkshopProject(format_version: 1, project: Project(hazards: [{hazard}]))"
        ))
        .unwrap();
        upgrade(&mut doc, 1)?;
        Ok(doc)
    }

    #[test]
    fn format_1_fields_move_to_their_format_2_names() {
        let doc = upgrade_v1(
            "Hazard(clinical_impact: \"Overdose\", acceptance_rationale: \"ALARP\", existing_controls: [\"Banner\"], created: \"2025-11-03T09:30:00Z\")",
        )
        .unwrap();
        let printed = ron_tree::print(&doc);
        assert!(printed.contains("harm: \"Overdose\""), "{printed}");
        assert!(
            printed.contains("residual_justification: \"ALARP\""),
            "{printed}"
        );
        let hazard = &doc
            .root
            .field("project")
            .unwrap()
            .field("hazards")
            .unwrap()
            .as_list()
            .unwrap()[0];
        let control = &hazard
            .field("existing_controls")
            .unwrap()
            .as_list()
            .unwrap()[0];
        assert_eq!(control.name(), Some("ExistingControl"));
        assert_eq!(control.field("kind").unwrap().as_ident(), Some("HitDesign"));
        assert_eq!(
            control.field("text").unwrap().as_string().as_deref(),
            Some("Banner")
        );
        assert!(
            printed.contains("date_added: Some(\"2025-11-03\")"),
            "{printed}"
        );
        assert!(!printed.contains("clinical_impact") && !printed.contains("acceptance_rationale"));
        assert_eq!(doc.root.field("format_version").unwrap().as_u64(), Some(2));
    }

    #[test]
    fn a_format_1_hazard_with_format_2_fields_is_refused() {
        let err = upgrade_v1("Hazard(harm: \"x\", created: \"2025-11-03T09:30:00Z\")").unwrap_err();
        assert!(err.contains("hazard 1") && err.contains("harm"), "{err}");
        let err = upgrade_v1("Hazard(existing_controls: [3])").unwrap_err();
        assert!(err.contains("existing control 1"), "{err}");
    }
}
