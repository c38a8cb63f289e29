//! How the hazard fields the v3.6 template has no single cell for are written into its cells:
//! typed controls as description and evidence columns, Test controls under HIT Design, and the
//! status words. [`read_design_item`] is the inverse the importer uses for HIT Design cells.

use crate::domain::{AdditionalControl, ControlKind, ExistingControl, ExistingControlKind};
use crate::interchange::cell_text::format_list;

/// Written before a Test control's text in the HIT Design column (v3.6 has no Test column).
pub const TEST_PREFIX: &str = "Test: ";
/// Written before a Design control's text when the text itself starts like a prefix, so that
/// it reads back as Design with its text unchanged.
pub const DESIGN_PREFIX: &str = "Design: ";

const OWNER_OPEN: &str = " (Owner: ";

/// One pair of Description / Evidence cells.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ControlCells {
    pub description: String,
    pub evidence: String,
}

/// Builds the two cells from `(text, evidence)` items: descriptions as a numbered list (one item
/// as it is), evidence numbered with the number of the control it belongs to, so that a control
/// without evidence leaves no gap to misread (`2) TR-12` is the second control's evidence).
fn cells(items: &[(String, &str)]) -> ControlCells {
    let texts: Vec<String> = items.iter().map(|(text, _)| text.clone()).collect();
    let description = format_list(&texts);
    let evidence = match items {
        [] => String::new(),
        [(_, only)] => (*only).to_owned(),
        _ => items
            .iter()
            .enumerate()
            .filter(|(_, (_, evidence))| !evidence.is_empty())
            .map(|(i, (_, evidence))| format!("{}) {evidence}", i + 1))
            .collect::<Vec<_>>()
            .join("\n"),
    };
    ControlCells {
        description,
        evidence,
    }
}

/// The existing controls of one kind (G-H, I-J or K-L).
pub fn existing_cells(controls: &[ExistingControl], kind: ExistingControlKind) -> ControlCells {
    let items: Vec<(String, &str)> = controls
        .iter()
        .filter(|c| c.kind == kind)
        .map(|c| (c.text.clone(), c.evidence.as_str()))
        .collect();
    cells(&items)
}

/// The v3.6 column an additional control of `kind` goes in: Test controls share HIT Design.
pub fn column_kind(kind: ControlKind) -> ControlKind {
    match kind {
        ControlKind::Test => ControlKind::Design,
        other => other,
    }
}

/// The additional controls written under `column` (Design, Training or BusinessProcessChange):
/// each item is the text, prefixed `Test: ` for a Test control, and followed by
/// ` (Owner: X)` when the control has an owner.
pub fn additional_cells(controls: &[AdditionalControl], column: ControlKind) -> ControlCells {
    let items: Vec<(String, &str)> = controls
        .iter()
        .filter(|c| column_kind(c.kind) == column)
        .map(|c| {
            let mut text = match c.kind {
                ControlKind::Test => format!("{TEST_PREFIX}{}", c.text),
                ControlKind::Design if starts_with_prefix(&c.text) => {
                    format!("{DESIGN_PREFIX}{}", c.text)
                }
                _ => c.text.clone(),
            };
            if !c.owner.is_empty() {
                text.push_str(&format!("{OWNER_OPEN}{})", c.owner));
            }
            (text, c.evidence.as_str())
        })
        .collect();
    cells(&items)
}

fn starts_with_prefix(text: &str) -> bool {
    [TEST_PREFIX, DESIGN_PREFIX]
        .iter()
        .any(|prefix| text.starts_with(prefix.trim_end()))
}

/// Reads one HIT Design item back: its kind and text (`Test: x` is a Test control `x`,
/// `Design: x` a Design control `x`, anything else a Design control as written).
pub fn read_design_item(item: &str) -> (ControlKind, &str) {
    if let Some(text) = item.strip_prefix(TEST_PREFIX) {
        (ControlKind::Test, text)
    } else if let Some(text) = item.strip_prefix(DESIGN_PREFIX) {
        (ControlKind::Design, text)
    } else {
        (ControlKind::Design, item)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn control(kind: ControlKind, text: &str, owner: &str, evidence: &str) -> AdditionalControl {
        AdditionalControl {
            kind,
            text: text.into(),
            owner: owner.into(),
            evidence: evidence.into(),
        }
    }

    #[test]
    fn test_controls_go_under_hit_design_with_a_prefix() {
        let controls = [
            control(ControlKind::Design, "Wristband scan", "", "DS-1"),
            control(ControlKind::Training, "Induction", "", ""),
            control(ControlKind::Test, "UAT scenarios", "Supplier", "TR-12"),
        ];
        let design = additional_cells(&controls, ControlKind::Design);
        assert_eq!(
            design.description,
            "1) Wristband scan\n2) Test: UAT scenarios (Owner: Supplier)"
        );
        assert_eq!(design.evidence, "1) DS-1\n2) TR-12");
        let training = additional_cells(&controls, ControlKind::Training);
        assert_eq!(training.description, "Induction");
        assert_eq!(training.evidence, "");
    }

    #[test]
    fn design_and_test_items_read_back_exactly() {
        for (kind, text) in [
            (ControlKind::Test, "UAT scenarios"),
            (ControlKind::Design, "Test: looks like a prefix"),
            (ControlKind::Design, "Design: also"),
            (ControlKind::Design, "Plain design"),
            (ControlKind::Test, "Test: a test about tests"),
        ] {
            let cells = additional_cells(&[control(kind, text, "", "")], ControlKind::Design);
            assert_eq!(read_design_item(&cells.description), (kind, text), "{text}");
        }
    }

    #[test]
    fn evidence_is_numbered_by_its_control_and_gaps_are_left_out() {
        let controls = [
            ExistingControl {
                kind: ExistingControlKind::UserTraining,
                text: "a".into(),
                evidence: String::new(),
            },
            ExistingControl {
                kind: ExistingControlKind::UserTraining,
                text: "b".into(),
                evidence: "Training log".into(),
            },
            ExistingControl::untyped("c".into()),
        ];
        let training = existing_cells(&controls, ExistingControlKind::UserTraining);
        assert_eq!(training.description, "1) a\n2) b");
        assert_eq!(training.evidence, "2) Training log");
        let design = existing_cells(&controls, ExistingControlKind::HitDesign);
        assert_eq!(design.description, "c");
        assert!(
            existing_cells(&controls, ExistingControlKind::BusinessProcess)
                .description
                .is_empty()
        );
    }
}
