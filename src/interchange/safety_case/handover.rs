//! The DCB0160 handover pack: for the deploying organisation, every hazard the manufacturer marks
//! Transferred, what the deployer must put in place for it, and the residual risk that depends on
//! that; with the system's intended use and exclusions. Word, plus the same hazards as a v3.6
//! workbook ([`handover_project`] is what that workbook is written from).

use super::ReportSource;
use super::report::{columns, or_fallback, system_title, table_or};
use super::sections::written;
use crate::domain::hazard_fields::assessment_text;
use crate::domain::safety_case::{SafetyCaseField, SafetyCaseText};
use crate::domain::{
    ActionStatus, ControlKind, ExistingControlKind, Hazard, HazardStatus, Project,
};
use crate::interchange::minutes::{
    Block, GENERATOR, MinutesDocument, Rich, Section, Table, hazard_reference, person_name, plain,
    render_docx, short_date, source_name, strong, tidy,
};

fn transferred(log: &Project) -> impl Iterator<Item = &Hazard> {
    log.hazards
        .iter()
        .filter(|h| h.status == HazardStatus::Transferred)
}

/// The log cut down to its transferred hazards, for the handover workbook: the same metadata,
/// matrix, people and the actions of those hazards.
pub fn handover_project(log: &Project) -> Project {
    let mut project = log.clone();
    project.hazards = transferred(log).cloned().collect();
    let keys: Vec<_> = project.hazards.iter().map(|h| h.key).collect();
    project
        .actions
        .retain(|a| a.hazards.iter().any(|k| keys.contains(k)));
    project
}

/// Controls the deploying organisation puts in place: training and business process controls,
/// existing or additional, and any additional control the deploying organisation owns.
fn deployer_controls(hazard: &Hazard, text: &SafetyCaseText) -> Vec<String> {
    let mut lines: Vec<String> = hazard
        .existing_controls
        .iter()
        .filter(|c| {
            matches!(
                c.kind,
                ExistingControlKind::UserTraining | ExistingControlKind::BusinessProcess
            )
        })
        .map(|c| format!("{} (in place): {}", c.kind.label(), tidy(&c.text)))
        .collect();
    lines.extend(
        hazard
            .additional_controls
            .iter()
            .filter(|c| {
                matches!(
                    c.kind,
                    ControlKind::Training | ControlKind::BusinessProcessChange
                ) || text.owned_by_deployer(&c.owner)
            })
            .map(|c| {
                let owner = match tidy(&c.owner) {
                    o if o.is_empty() => String::new(),
                    o => format!(" (owner: {o})"),
                };
                format!("{}: {}{owner}", c.kind.label(), tidy(&c.text))
            }),
    );
    lines
}

/// What the handover pack says.
pub fn handover_document(source: &ReportSource) -> MinutesDocument {
    let log = &source.log;
    let system = system_title(log);
    let hazards: Vec<&Hazard> = transferred(log).collect();
    let mut about = vec![Block::Paragraph(vec![plain(format!(
        "This pack is for the organisation deploying {system} (DCB0160). It lists the {} \
         hazard{} the manufacturer has transferred: hazards whose remaining controls the \
         deploying organisation must put in place, with the residual risk that depends on \
         them. Made from {}.",
        hazards.len(),
        if hazards.len() == 1 { "" } else { "s" },
        source.describe()
    ))])];
    for field in [SafetyCaseField::IntendedUse, SafetyCaseField::Exclusions] {
        about.push(Block::Subheading(field.label().to_owned()));
        about.extend(written(log, field));
    }

    let rows = hazards
        .iter()
        .map(|h| {
            vec![
                vec![strong(tidy(&h.display_id))],
                vec![plain(tidy(&h.name))],
                vec![plain(assessment_text(&h.residual, &log.matrix))],
                vec![plain(tidy(&h.owner))],
            ]
        })
        .collect();
    let summary = vec![table_or(
        &[
            ("Id", 10),
            ("Hazard", 50),
            ("Residual risk", 22),
            ("Owner", 18),
        ],
        rows,
        "No hazard is marked Transferred: nothing is handed over.",
    )];

    let mut details = Vec::new();
    for hazard in &hazards {
        details.push(Block::Subheading(hazard_reference(hazard)));
        let controls = deployer_controls(hazard, &log.metadata.safety_case);
        let mut open: Vec<(&crate::domain::ActionItem, bool)> =
            log.actions
                .iter()
                .filter(|a| a.status == ActionStatus::Open && a.hazards.contains(&hazard.key))
                .map(|a| {
                    let deployers = a.owner.and_then(|k| log.person(k)).is_some_and(|p| {
                        log.metadata.safety_case.owned_by_deployer(&p.organisation)
                    });
                    (a, deployers)
                })
                .collect();
        // The deploying organisation's own actions first: they are the ones it must do.
        open.sort_by_key(|(_, deployers)| !deployers);
        let actions: Vec<String> = open
            .into_iter()
            .map(|(a, deployers)| {
                let mut line = tidy(&a.description);
                if let Some(owner) = a.owner {
                    line.push_str(&format!(" (owner: {})", person_name(log, owner)));
                }
                if let Some(due) = a.due {
                    line.push_str(&format!(" (due {})", short_date(due)));
                }
                if deployers {
                    line.push_str(" (deploying organisation)");
                }
                line
            })
            .collect();
        let none = |lines: Vec<String>, empty: &str| {
            if lines.is_empty() {
                empty.to_owned()
            } else {
                lines.join("\n")
            }
        };
        let residual = match tidy(&hazard.residual_justification) {
            j if j.is_empty() => assessment_text(&hazard.residual, &log.matrix),
            j => format!("{}\n{j}", assessment_text(&hazard.residual, &log.matrix)),
        };
        let rows: Vec<Vec<Rich>> = [
            ("Description", tidy(&hazard.description)),
            ("Harm", tidy(&hazard.harm)),
            (
                "The deploying organisation puts in place",
                none(
                    controls,
                    "No training or business process control is recorded: agree with the \
                     manufacturer what is to be put in place.",
                ),
            ),
            ("Open actions", none(actions, "None")),
            ("Residual risk, with those controls", residual),
        ]
        .into_iter()
        .map(|(label, value)| vec![vec![strong(label)], vec![plain(value)]])
        .collect();
        details.push(Block::Table(Table {
            columns: columns(&[("Field", 28), ("Record", 72)]),
            rows,
        }));
    }

    let mut sections = vec![
        Section {
            heading: "About this handover".to_owned(),
            blocks: about,
        },
        Section {
            heading: "Transferred hazards".to_owned(),
            blocks: summary,
        },
    ];
    if !details.is_empty() {
        sections.push(Section {
            heading: "What each hazard needs".to_owned(),
            blocks: details,
        });
    }
    MinutesDocument {
        title: "DCB0160 handover pack".to_owned(),
        subtitle: system.clone(),
        facts: vec![
            (
                "Manufacturer".to_owned(),
                or_fallback(&log.metadata.organisation, "Not recorded"),
            ),
            ("Made from".to_owned(), source.describe()),
            (
                "Made on".to_owned(),
                source.today.format("%-d %B %Y").to_string(),
            ),
        ],
        sections,
        running_footer: format!("DCB0160 handover pack: {system}"),
        generated_by: format!("Generated by {GENERATOR} from {}.", source_name(log)),
    }
}

/// The handover pack as the bytes of a Word document.
pub fn handover_docx(source: &ReportSource) -> Result<Vec<u8>, super::ReportError> {
    Ok(render_docx(&handover_document(source))?)
}
