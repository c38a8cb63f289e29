//! The sections of the safety case report computed from the log: 4 clinical risk analysis (the
//! workshops, who took part, the technique and coverage), 5 evaluation and control (counts, heat
//! maps, hazard cards, the log), 6 test issues and 7 the summary safety statement's facts.

use std::collections::BTreeMap;

use chrono::NaiveDate;

use super::report::{columns, table_or};
use crate::domain::hazard_fields::assessment_text;
use crate::domain::safety_case::SafetyCaseField;
use crate::domain::summary::{Stage, matrix_counts, rating_counts};
use crate::domain::technique::{CoverageGrid, closing_sweep};
use crate::domain::{
    ActionStatus, AttendanceStatus, Hazard, HazardStatus, Likelihood, PersonKey, Project,
    RiskRating, Severity,
};
use crate::interchange::minutes::{
    Block, HeatCell, HeatMap, NONE_RECORDED, Rich, Section, Table, emphasis, hazard_reference,
    person_name, plain, short_date, strong, tidy,
};

/// Hazards whose initial rating is at least this get a summary card in section 5.
pub const CARD_RATING: u8 = 3;

/// What the CSO wrote for `field`, as paragraphs; where nothing is written, says so and gives
/// the guidance, so a draft shows what is missing rather than an empty heading.
pub(super) fn written(log: &Project, field: SafetyCaseField) -> Vec<Block> {
    let text = tidy(field.get(&log.metadata.safety_case));
    if text.is_empty() {
        return vec![Block::Paragraph(vec![
            strong("Not yet written. "),
            emphasis(format!(
                "{} (File › Document details… in Hazard Workshop.)",
                field.guidance()
            )),
        ])];
    }
    text.split("\n\n")
        .map(|paragraph| Block::Paragraph(vec![plain(paragraph.trim())]))
        .collect()
}

fn live_hazards_counted(log: &Project) -> usize {
    log.live_hazards().count()
}

pub(super) fn risk_analysis(log: &Project) -> Section {
    let mut blocks = vec![Block::Paragraph(vec![plain(format!(
        "Hazards were identified and assessed in the workshops below, led by the Clinical \
         Safety Officer with the people listed. The log holds {} hazard{} (withdrawn hazards \
         not counted).",
        live_hazards_counted(log),
        if live_hazards_counted(log) == 1 {
            ""
        } else {
            "s"
        }
    ))])];

    blocks.push(Block::Subheading("Workshops held".to_owned()));
    let mut meetings: Vec<_> = log.meetings.iter().collect();
    meetings.sort_by_key(|m| m.date);
    let rows = meetings
        .iter()
        .map(|m| {
            let present = m
                .attendance
                .iter()
                .filter(|a| a.status == AttendanceStatus::Present)
                .count();
            vec![
                vec![plain(
                    m.date.map_or_else(|| "Not recorded".to_owned(), short_date),
                )],
                vec![plain(tidy(&m.title))],
                vec![plain(m.kind.label())],
                vec![plain(tidy(&m.scope))],
                vec![plain(present.to_string())],
            ]
        })
        .collect();
    blocks.push(table_or(
        &[
            ("Date", 14),
            ("Workshop", 30),
            ("Kind", 20),
            ("Scope", 26),
            ("Present", 10),
        ],
        rows,
        NONE_RECORDED,
    ));

    blocks.push(Block::Subheading("Participating personnel".to_owned()));
    let mut attended: BTreeMap<PersonKey, usize> = BTreeMap::new();
    for meeting in &log.meetings {
        for a in meeting
            .attendance
            .iter()
            .filter(|a| a.status == AttendanceStatus::Present)
        {
            *attended.entry(a.person).or_default() += 1;
        }
    }
    let mut rows: Vec<(String, Vec<Rich>)> = attended
        .iter()
        .map(|(&key, &count)| {
            let person = log.person(key);
            let name = person_name(log, key);
            (
                name.clone(),
                vec![
                    vec![plain(name)],
                    vec![plain(person.map(|p| tidy(&p.role)).unwrap_or_default())],
                    vec![plain(
                        person.map(|p| tidy(&p.organisation)).unwrap_or_default(),
                    )],
                    vec![plain(count.to_string())],
                ],
            )
        })
        .collect();
    rows.sort_by(|a, b| a.0.cmp(&b.0));
    blocks.push(table_or(
        &[
            ("Name", 30),
            ("Role", 30),
            ("Organisation", 26),
            ("Workshops", 14),
        ],
        rows.into_iter().map(|(_, row)| row).collect(),
        NONE_RECORDED,
    ));

    blocks.push(Block::Subheading("Technique and coverage".to_owned()));
    blocks.extend(technique_blocks(log));

    blocks.push(Block::Subheading("Risk estimation".to_owned()));
    blocks.push(Block::Paragraph(vec![plain(
        "Each hazard is scored before and after its additional controls on the DCB0129 risk \
         matrix: the severity of the harm and the likelihood of that harm give a rating from 1 \
         (acceptable) to 5 (unacceptable). The matrix and its definitions are in the hazard \
         log's Risk Matrix sheet.",
    )]));
    Section {
        heading: "4 Clinical Risk Analysis".to_owned(),
        blocks,
    }
}

fn technique_blocks(log: &Project) -> Vec<Block> {
    let technique = &log.technique;
    let steps: Vec<_> = technique.active_steps().collect();
    let decks: Vec<_> = technique.chosen_decks().collect();
    if steps.is_empty() && decks.is_empty() {
        return vec![Block::Paragraph(vec![emphasis(
            "No workflow steps or prompt decks are recorded in the project.",
        )])];
    }
    let mut blocks = Vec::new();
    let scope = tidy(&technique.scope.statement);
    if !scope.is_empty() {
        blocks.push(Block::Paragraph(vec![strong("Scope: "), plain(scope)]));
    }
    blocks.push(Block::Paragraph(vec![plain(format!(
        "The workshops walked {} workflow step{} with structured what-if prompts (SWIFT) from \
         {} prompt deck{}: {}.",
        steps.len(),
        if steps.len() == 1 { "" } else { "s" },
        decks.len(),
        if decks.len() == 1 { "" } else { "s" },
        decks
            .iter()
            .map(|d| tidy(&d.name))
            .collect::<Vec<_>>()
            .join(", ")
    ))]));
    let grid = CoverageGrid::new(log);
    let counts = grid.total_counts();
    blocks.push(Block::Table(Table {
        columns: columns(&[("Step x prompt cells", 70), ("Count", 30)]),
        rows: [
            ("All cells", counts.cells),
            ("Hazards raised", counts.hazards_raised),
            (
                "No credible hazard (reason recorded)",
                counts.no_credible_hazard,
            ),
            ("Not applicable (reason recorded)", counts.not_applicable),
            ("Parked", counts.parked),
            ("Not yet covered", counts.not_yet),
        ]
        .into_iter()
        .map(|(label, n)| vec![vec![plain(label)], vec![plain(n.to_string())]])
        .collect(),
    }));
    let gaps = closing_sweep(log);
    if gaps.is_empty() {
        blocks.push(Block::Paragraph(vec![plain(
            "Closing sweep: every prompt family of the chosen decks has a hazard raised or a \
             recorded reason why it does not apply.",
        )]));
    } else {
        blocks.push(Block::Paragraph(vec![strong(format!(
            "Closing sweep: {} prompt famil{} with neither a hazard raised nor a recorded reason:",
            gaps.len(),
            if gaps.len() == 1 { "y" } else { "ies" }
        ))]));
        blocks.push(Block::BulletList(
            gaps.iter()
                .map(|g| vec![plain(format!("{}: {}", g.deck_name, g.family_name))])
                .collect(),
        ));
    }
    blocks
}

pub(super) fn risk_evaluation(log: &Project) -> Section {
    let initial = rating_counts(log, Stage::Initial);
    let residual = rating_counts(log, Stage::Residual);
    let unscored = |stage| matrix_counts(log, stage).unscored;
    let mut rows: Vec<Vec<Rich>> = RiskRating::ALL
        .iter()
        .rev()
        .map(|r| {
            let i = usize::from(r.value()) - 1;
            vec![
                vec![strong(r.value().to_string())],
                vec![plain(r.short_label())],
                vec![plain(initial[i].to_string())],
                vec![plain(residual[i].to_string())],
            ]
        })
        .collect();
    rows.push(vec![
        vec![strong("–")],
        vec![plain("Not scored")],
        vec![plain(unscored(Stage::Initial).to_string())],
        vec![plain(unscored(Stage::Residual).to_string())],
    ]);
    let mut blocks = vec![
        Block::Paragraph(vec![plain(
            "Hazards per risk rating, before (initial) and after (residual) the additional \
             controls; withdrawn hazards are not counted.",
        )]),
        Block::Table(Table {
            columns: columns(&[
                ("Rating", 12),
                ("Acceptability", 48),
                ("Initial", 20),
                ("Residual", 20),
            ]),
            rows,
        }),
        Block::Subheading("Initial risk".to_owned()),
        Block::HeatMap(heat_map(log, Stage::Initial)),
        Block::Subheading("Residual risk".to_owned()),
        Block::HeatMap(heat_map(log, Stage::Residual)),
    ];

    blocks.push(Block::Subheading("Clinical Risk Control".to_owned()));
    let carded: Vec<&Hazard> = log
        .live_hazards()
        .filter(|h| {
            h.initial
                .rating(&log.matrix)
                .is_some_and(|r| r.value() >= CARD_RATING)
        })
        .collect();
    blocks.push(Block::Paragraph(vec![plain(format!(
        "{} hazard{} rated {CARD_RATING} or more before additional controls; each is \
         summarised below.",
        carded.len(),
        if carded.len() == 1 { " is" } else { "s are" }
    ))]));
    for hazard in carded {
        blocks.push(Block::Subheading(hazard_reference(hazard)));
        blocks.push(hazard_card(log, hazard));
    }

    blocks.push(Block::Subheading("Hazard Log".to_owned()));
    blocks.push(hazard_log_table(log));
    Section {
        heading: "5 Clinical Risk Evaluation".to_owned(),
        blocks,
    }
}

/// The matrix the way the NHS sheet draws it: severities across, most likely at the top.
fn heat_map(log: &Project, stage: Stage) -> HeatMap {
    let counts = matrix_counts(log, stage);
    HeatMap {
        corner: "Likelihood \\ Severity".to_owned(),
        columns: Severity::ALL.iter().map(|s| s.label().to_owned()).collect(),
        rows: Likelihood::ALL
            .iter()
            .rev()
            .map(|&likelihood| {
                let cells = Severity::ALL
                    .iter()
                    .map(|&severity| {
                        let rating = log.matrix.rating(severity, likelihood);
                        let count = counts.cells[likelihood.index()][severity.index()];
                        HeatCell {
                            text: if count == 0 {
                                String::new()
                            } else {
                                count.to_string()
                            },
                            fill: rating.colour().hex(),
                            ink: rating.text_colour().hex(),
                        }
                    })
                    .collect();
                (likelihood.label().to_owned(), cells)
            })
            .collect(),
    }
}

fn or_none(text: String) -> String {
    if text.is_empty() {
        "None recorded".to_owned()
    } else {
        text
    }
}

fn hazard_card(log: &Project, hazard: &Hazard) -> Block {
    let with_justification = |assessment: String, justification: &str| match tidy(justification) {
        j if j.is_empty() => assessment,
        j => format!("{assessment}\n{j}"),
    };
    let existing = hazard
        .existing_controls
        .iter()
        .map(|c| {
            let evidence = match tidy(&c.evidence) {
                e if e.is_empty() => String::new(),
                e => format!(" (evidence: {e})"),
            };
            format!("{}: {}{evidence}", c.kind.label(), tidy(&c.text))
        })
        .collect::<Vec<_>>()
        .join("\n");
    let additional = hazard
        .additional_controls
        .iter()
        .map(|c| {
            let mut line = format!("{}: {}", c.kind.label(), tidy(&c.text));
            if !tidy(&c.owner).is_empty() {
                line.push_str(&format!(" (owner: {})", tidy(&c.owner)));
            }
            if !tidy(&c.evidence).is_empty() {
                line.push_str(&format!(" (evidence: {})", tidy(&c.evidence)));
            }
            line
        })
        .collect::<Vec<_>>()
        .join("\n");
    let rows = [
        ("Description", tidy(&hazard.description)),
        ("Effect", tidy(&hazard.effect)),
        ("Hazard", tidy(&hazard.hazard)),
        ("Harm", tidy(&hazard.harm)),
        ("Causes", tidy(&hazard.causes.join("\n"))),
        ("Existing controls", existing),
        (
            "Initial assessment",
            with_justification(
                assessment_text(&hazard.initial, &log.matrix),
                &hazard.initial_justification,
            ),
        ),
        ("Additional controls", additional),
        (
            "Residual assessment",
            with_justification(
                assessment_text(&hazard.residual, &log.matrix),
                &hazard.residual_justification,
            ),
        ),
        ("Status", hazard.status.label().to_owned()),
        ("Owner", tidy(&hazard.owner)),
    ];
    Block::Table(Table {
        columns: columns(&[("Field", 24), ("Record", 76)]),
        rows: rows
            .into_iter()
            .map(|(label, value)| vec![vec![strong(label)], vec![plain(or_none(value))]])
            .collect(),
    })
}

fn rating_text(log: &Project, hazard: &Hazard, stage: Stage) -> String {
    stage
        .assessment(hazard)
        .rating(&log.matrix)
        .map_or_else(|| "Not scored".to_owned(), |r| r.value().to_string())
}

fn hazard_log_table(log: &Project) -> Block {
    let rows: Vec<Vec<Rich>> = log
        .live_hazards()
        .map(|h| {
            vec![
                vec![strong(tidy(&h.display_id))],
                vec![plain(tidy(&h.name))],
                vec![plain(h.status.label())],
                vec![plain(rating_text(log, h, Stage::Initial))],
                vec![plain(rating_text(log, h, Stage::Residual))],
                vec![plain(tidy(&h.owner))],
            ]
        })
        .collect();
    table_or(
        &[
            ("Id", 8),
            ("Hazard", 38),
            ("Status", 14),
            ("Initial", 10),
            ("Residual", 12),
            ("Owner", 18),
        ],
        rows,
        NONE_RECORDED,
    )
}

pub(super) fn test_issues(log: &Project) -> Section {
    let rows = log
        .actions
        .iter()
        .filter(|a| a.test_issue)
        .map(|a| {
            let hazards = a
                .hazards
                .iter()
                .filter_map(|k| log.hazard(*k))
                .map(|h| tidy(&h.display_id))
                .collect::<Vec<_>>()
                .join(", ");
            vec![
                vec![plain(tidy(&a.description))],
                vec![plain(hazards)],
                vec![plain(
                    a.owner.map(|p| person_name(log, p)).unwrap_or_default(),
                )],
                vec![plain(a.due.map(short_date).unwrap_or_default())],
                vec![plain(a.status.label())],
            ]
        })
        .collect();
    let blocks = vec![table_or(
        &[
            ("Issue", 44),
            ("Hazards", 16),
            ("Owner", 18),
            ("Due", 11),
            ("Status", 11),
        ],
        rows,
        "No actions are marked as test issues.",
    )];
    Section {
        heading: "6 Test Issues".to_owned(),
        blocks,
    }
}

/// The facts the safety statement stands beside, each computed as the app computes it.
pub struct StatementFacts {
    /// Open hazards per residual rating (`[0]` is rating 1), and those not yet scored.
    pub open_by_residual: [usize; 5],
    pub open_unscored: usize,
    pub transferred: usize,
    pub new_for_triage: usize,
    pub open_actions: usize,
    pub open_checks: usize,
}

pub fn statement_facts(log: &Project, today: NaiveDate) -> StatementFacts {
    let mut facts = StatementFacts {
        open_by_residual: [0; 5],
        open_unscored: 0,
        transferred: 0,
        new_for_triage: 0,
        open_actions: log
            .actions
            .iter()
            .filter(|a| a.status == ActionStatus::Open)
            .count(),
        open_checks: crate::domain::checks::check_project(log, today).len(),
    };
    for hazard in log.live_hazards() {
        match hazard.status {
            HazardStatus::Open => match hazard.residual.rating(&log.matrix) {
                Some(r) => facts.open_by_residual[usize::from(r.value()) - 1] += 1,
                None => facts.open_unscored += 1,
            },
            HazardStatus::Transferred => facts.transferred += 1,
            HazardStatus::NewForTriage => facts.new_for_triage += 1,
            _ => {}
        }
    }
    facts
}

pub(super) fn summary_safety_statement(log: &Project, today: NaiveDate) -> Section {
    let mut blocks = written(log, SafetyCaseField::SummarySafetyStatement);
    let facts = statement_facts(log, today);
    blocks.push(Block::Subheading(
        "The facts beside the statement".to_owned(),
    ));
    let mut items: Vec<Rich> = RiskRating::ALL
        .iter()
        .rev()
        .map(|r| {
            let n = facts.open_by_residual[usize::from(r.value()) - 1];
            vec![plain(format!(
                "Open hazards with residual rating {} ({}): {n}",
                r.value(),
                r.short_label()
            ))]
        })
        .collect();
    items.push(vec![plain(format!(
        "Open hazards with no residual score: {}",
        facts.open_unscored
    ))]);
    items.push(vec![plain(format!(
        "Hazards transferred to the deploying organisation: {}",
        facts.transferred
    ))]);
    items.push(vec![plain(format!(
        "Hazards new for triage (not yet assessed): {}",
        facts.new_for_triage
    ))]);
    items.push(vec![plain(format!("Open actions: {}", facts.open_actions))]);
    items.push(vec![plain(format!(
        "Ready-to-issue checks open on {}: {}",
        short_date(today),
        facts.open_checks
    ))]);
    blocks.push(Block::BulletList(items));
    Section {
        heading: "7 Summary Safety Statement".to_owned(),
        blocks,
    }
}
