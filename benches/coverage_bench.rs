//! The coverage grid at its largest expected size: 50 workflow steps x 200 prompts over a
//! 10,000-hazard log, with a third of the cells recorded. Used by `perf.rs`.

use chrono::{TimeZone, Utc};
use hazard_workshop::domain::technique::{CellMark, CellRecord, Stamp};
use hazard_workshop::domain::{HazardKey, Project};
use hazard_workshop::edit::technique_ops;

/// `project` with `steps` steps, one deck of `prompts` prompts in ten families, and coverage:
/// every third cell holds a linked hazard or a mark.
pub fn with_technique(mut project: Project, steps: usize, prompts: usize) -> Project {
    for i in 0..steps {
        let (edit, _) =
            technique_ops::add_step(&project, &format!("Step {}", i + 1), "A workflow step")
                .unwrap();
        edit.apply(&mut project);
    }
    let (edit, deck, first) =
        technique_ops::add_user_deck(&project, "Benchmark deck", "Family 1").unwrap();
    edit.apply(&mut project);
    let mut families = vec![first];
    for f in 1..10 {
        let (edit, family) =
            technique_ops::add_family(&project, &deck, &format!("Family {}", f + 1)).unwrap();
        edit.apply(&mut project);
        families.push(family);
    }
    for p in 0..prompts {
        let family = &families[p * families.len() / prompts];
        let (edit, _) = technique_ops::add_prompt(
            &project,
            &deck,
            family,
            &format!("What if prompt {} goes wrong at this step?", p + 1),
            "A hint.",
        )
        .unwrap();
        edit.apply(&mut project);
    }
    let hazards: Vec<HazardKey> = project.hazards.iter().map(|h| h.key).collect();
    let step_keys: Vec<_> = project.technique.steps.iter().map(|s| s.key).collect();
    let prompt_ids: Vec<_> = project.technique.decks[0]
        .prompts()
        .map(|p| p.id.clone())
        .collect();
    let stamp = Stamp {
        by: "Bench".into(),
        at: Utc.timestamp_opt(1_780_000_000, 0).unwrap(),
        meeting: None,
    };
    let mut n = 0;
    for step in &step_keys {
        for prompt in &prompt_ids {
            n += 1;
            if n % 3 != 0 {
                continue;
            }
            let (linked, mark) = match n % 4 {
                0 => (vec![hazards[n % hazards.len()]], None),
                1 => (
                    vec![],
                    Some(CellMark::NoCredibleHazard {
                        reason: "Not credible here.".into(),
                    }),
                ),
                2 => (
                    vec![],
                    Some(CellMark::Parked {
                        note: String::new(),
                    }),
                ),
                _ => (
                    vec![],
                    Some(CellMark::NotApplicable {
                        reason: String::new(),
                    }),
                ),
            };
            project.technique.coverage.push(CellRecord {
                step: *step,
                prompt: prompt.clone(),
                hazards: linked,
                mark,
                stamp: stamp.clone(),
            });
        }
    }
    project
}
