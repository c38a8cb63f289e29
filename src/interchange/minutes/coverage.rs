//! The minutes' "Coverage" section: the workflow steps the meeting walked, what the room
//! recorded for each step and prompt (hazards raised, or why none), the families it said do not
//! apply, and the families the closing sweep still lists.

use super::{Block, Rich, Section, Table, columns, plain, strong, tidy};
use crate::domain::technique::{CellMark, CellRecord, closing_sweep};
use crate::domain::{Meeting, Project};

/// The section, or `None` when the meeting walked no steps and recorded no coverage.
pub(super) fn coverage_section(project: &Project, meeting: &Meeting) -> Option<Section> {
    let technique = &project.technique;
    let walked = technique.steps_of_meeting(meeting.key);
    let mut cells: Vec<&CellRecord> = technique
        .coverage
        .iter()
        .filter(|c| c.stamp.meeting == Some(meeting.key))
        .collect();
    let reasons: Vec<_> = technique
        .family_reasons
        .iter()
        .filter(|r| r.stamp.meeting == Some(meeting.key))
        .collect();
    if walked.is_empty() && cells.is_empty() && reasons.is_empty() {
        return None;
    }
    // In walking order, then in deck order.
    let step_order = |c: &CellRecord| technique.steps.iter().position(|s| s.key == c.step);
    let prompt_order: Vec<&str> = technique
        .decks
        .iter()
        .flat_map(|d| d.prompts().map(|p| p.id.0.as_str()))
        .collect();
    cells.sort_by_key(|c| {
        (
            step_order(c),
            prompt_order.iter().position(|p| *p == c.prompt.0),
        )
    });
    let step_name = |key| {
        technique.step(key).map_or_else(
            || "(step no longer in the project)".to_owned(),
            |s| tidy(&s.name),
        )
    };
    let mut blocks = Vec::new();
    if !walked.is_empty() {
        let names: Vec<String> = walked.iter().map(|s| step_name(*s)).collect();
        blocks.push(Block::Paragraph(vec![
            strong("Workflow steps walked: "),
            plain(names.join(", ")),
        ]));
    }
    if !cells.is_empty() {
        let rows = cells
            .iter()
            .map(|cell| {
                let (family, question) = match technique.prompt(&cell.prompt) {
                    Some((deck, family, prompt)) => (
                        format!("{} · {}", tidy(&deck.name), tidy(&family.name)),
                        tidy(&prompt.question),
                    ),
                    None => (String::new(), cell.prompt.0.clone()),
                };
                vec![
                    vec![plain(step_name(cell.step))],
                    vec![plain(question)],
                    vec![plain(family)],
                    outcome(project, cell),
                ]
            })
            .collect();
        blocks.push(Block::Table(Table {
            columns: columns(&[
                ("Step", 15),
                ("Prompt", 40),
                ("Deck · family", 17),
                ("Outcome", 28),
            ]),
            rows,
        }));
    }
    if !reasons.is_empty() {
        blocks.push(Block::Subheading(
            "Families recorded as not applying".to_owned(),
        ));
        blocks.push(Block::BulletList(
            reasons
                .iter()
                .map(|r| {
                    let (deck, family) = technique.deck(&r.deck).map_or_else(
                        || (r.deck.0.clone(), r.family.0.clone()),
                        |d| {
                            let family = d
                                .family(&r.family)
                                .map_or_else(|| r.family.0.clone(), |f| tidy(&f.name));
                            (tidy(&d.name), family)
                        },
                    );
                    vec![
                        strong(format!("{deck} · {family}: ")),
                        plain(tidy(&r.reason)),
                    ]
                })
                .collect(),
        ));
    }
    let gaps = closing_sweep(project);
    blocks.push(Block::Subheading("Closing sweep".to_owned()));
    if gaps.is_empty() {
        blocks.push(Block::Paragraph(vec![plain(
            "Every family of the chosen decks has a hazard raised or a recorded reason.",
        )]));
    } else {
        blocks.push(Block::Paragraph(vec![plain(format!(
            "When these minutes were produced, {} famil{} of the chosen decks had neither a \
             hazard raised nor a recorded reason:",
            gaps.len(),
            if gaps.len() == 1 { "y" } else { "ies" }
        ))]));
        blocks.push(Block::BulletList(
            gaps.iter()
                .map(|g| vec![plain(format!("{} · {}", g.deck_name, g.family_name))])
                .collect(),
        ));
    }
    Some(Section {
        heading: "Coverage".to_owned(),
        blocks,
    })
}

/// "Hazards raised: H001 Wrong patient …", "No credible hazard: reason", ….
fn outcome(project: &Project, cell: &CellRecord) -> Rich {
    let mut rich = Vec::new();
    let raised: Vec<String> = cell
        .hazards
        .iter()
        .filter_map(|key| project.hazard(*key))
        .map(|h| format!("{} {}", tidy(&h.display_id), tidy(&h.name)))
        .collect();
    if !raised.is_empty() {
        rich.push(strong("Hazards raised: "));
        rich.push(plain(raised.join("; ")));
    }
    if let Some(mark) = &cell.mark {
        if !rich.is_empty() {
            rich.push(plain("\n"));
        }
        let text = tidy(mark.text());
        rich.push(strong(mark.label()));
        if !text.is_empty() {
            rich.push(plain(format!(": {text}")));
        } else if matches!(mark, CellMark::Parked { .. }) {
            rich.push(plain(" (no note)"));
        }
    }
    rich
}
