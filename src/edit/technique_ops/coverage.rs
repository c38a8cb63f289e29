//! Edits recording what the room found for a (step, prompt) cell or a whole family: hazards
//! raised and linked, or a mark (no credible hazard, parked, not applicable) with its reason.
//! A mark made while a meeting runs is also written as a minute entry of that meeting.

use super::{Recorder, TechniqueError, change, note_step_covered, one_line, short, step_index};
use crate::domain::technique::{
    CellMark, CellRecord, DeckId, FamilyId, FamilyReason, Prompt, PromptId, Stamp, Step, StepKey,
};
use crate::domain::{EntryKind, HazardKey, Project};
use crate::edit::change::{Change, Edit, Slot};
use crate::edit::technique_change::TechniqueChange;
use crate::edit::{meeting_ops, ops};

/// The step and prompt of a cell, or why they are not in the project.
fn cell_parts<'a>(
    project: &'a Project,
    step: StepKey,
    prompt: &PromptId,
) -> Result<(&'a Step, &'a Prompt), TechniqueError> {
    let step = &project.technique.steps[step_index(project, step)?];
    let (_, _, prompt) = project
        .technique
        .prompt(prompt)
        .ok_or_else(|| TechniqueError::UnknownPrompt(prompt.0.clone()))?;
    Ok((step, prompt))
}

/// The change that updates a cell's record with `update`, stamping it: a new record, a
/// replacement, or the removal of a record left with nothing in it. None when nothing changed.
fn put_cell(
    project: &Project,
    step: StepKey,
    prompt: &PromptId,
    stamp: Stamp,
    update: impl FnOnce(&mut CellRecord),
) -> Option<Change> {
    let coverage = &project.technique.coverage;
    let index = coverage
        .iter()
        .position(|c| c.step == step && c.prompt == *prompt);
    let before = index.map(|i| &coverage[i]);
    let mut after = before.cloned().unwrap_or_else(|| CellRecord {
        step,
        prompt: prompt.clone(),
        hazards: Vec::new(),
        mark: None,
        stamp: stamp.clone(),
    });
    update(&mut after);
    if before.is_some_and(|b| b.hazards == after.hazards && b.mark == after.mark) {
        return None;
    }
    after.stamp = stamp;
    let empty = after.hazards.is_empty() && after.mark.is_none();
    let slot = match (index, before) {
        (Some(index), Some(before)) if empty => Slot::Remove {
            index,
            item: Box::new(before.clone()),
        },
        (Some(index), Some(before)) => Slot::Replace {
            index,
            before: Box::new(before.clone()),
            after: Box::new(after),
        },
        _ if empty => return None,
        _ => Slot::Insert {
            index: coverage.len(),
            item: Box::new(after),
        },
    };
    Some(change(TechniqueChange::Cell(slot)))
}

/// The running meeting's record of the step, and a minute entry, when a meeting is running.
fn meeting_record(
    project: &Project,
    step: Option<StepKey>,
    kind: EntryKind,
    text: &str,
    recorder: &Recorder,
) -> Vec<Change> {
    let Some(meeting) = project.current_meeting else {
        return Vec::new();
    };
    let mut changes: Vec<Change> = step
        .and_then(|s| note_step_covered(project, meeting, s))
        .into_iter()
        .collect();
    changes.extend(meeting_ops::add_entry(project, meeting, kind, text, recorder.clock).changes);
    changes
}

fn live_links(project: &Project, step: StepKey, prompt: &PromptId) -> usize {
    project.technique.cell(step, prompt).map_or(0, |cell| {
        cell.hazards
            .iter()
            .filter(|h| {
                project
                    .hazard(**h)
                    .is_some_and(|h| !h.status.is_withdrawn())
            })
            .count()
    })
}

/// Marks a cell (no credible hazard with its one-line reason, parked, not applicable), or clears
/// its mark with `None` (hazard links stay). "No credible hazard" and "not applicable" are
/// refused while live hazards are linked to the cell. While a meeting runs, the mark is written
/// to its minutes and the step recorded as covered by it.
pub fn mark_cell(
    project: &Project,
    step: StepKey,
    prompt: &PromptId,
    mark: Option<CellMark>,
    recorder: &Recorder,
) -> Result<Edit, TechniqueError> {
    let (s, p) = cell_parts(project, step, prompt)?;
    let mark = match mark {
        Some(CellMark::NoCredibleHazard { reason }) => {
            let reason = one_line(&reason);
            if reason.is_empty() {
                return Err(TechniqueError::ReasonRequired);
            }
            Some(CellMark::NoCredibleHazard { reason })
        }
        Some(CellMark::NotApplicable { reason }) => Some(CellMark::NotApplicable {
            reason: one_line(&reason),
        }),
        Some(CellMark::Parked { note }) => Some(CellMark::Parked {
            note: one_line(&note),
        }),
        None => None,
    };
    if let Some(m @ (CellMark::NoCredibleHazard { .. } | CellMark::NotApplicable { .. })) = &mark {
        let raised = live_links(project, step, prompt);
        if raised > 0 {
            return Err(TechniqueError::HazardsRaised(raised, m.label()));
        }
    }
    let stamp = recorder.stamp(project);
    let Some(cell_change) = put_cell(project, step, prompt, stamp, |r| r.mark = mark.clone())
    else {
        return Ok(Edit::new("", vec![]));
    };
    let cell = format!("“{}” × “{}”", s.name, short(&p.question));
    let mut changes = vec![cell_change];
    let label = match &mark {
        None => format!("clear the mark of {cell}"),
        Some(m) => {
            let (kind, text) = minute_of_mark(m, &s.name, &p.question);
            changes.extend(meeting_record(project, Some(step), kind, &text, recorder));
            format!("mark {cell} {}", m.label().to_lowercase())
        }
    };
    Ok(Edit::new(label, changes))
}

/// The minute entry a mark writes: "“Verify” × “What if ...?”: no credible hazard: reason".
fn minute_of_mark(mark: &CellMark, step: &str, question: &str) -> (EntryKind, String) {
    let cell = format!("“{step}” × “{question}”");
    let with = |text: &str| {
        if text.is_empty() {
            String::new()
        } else {
            format!(": {text}")
        }
    };
    match mark {
        CellMark::NoCredibleHazard { reason } => (
            EntryKind::NotAHazard,
            format!("{cell}: no credible hazard: {reason}"),
        ),
        CellMark::Parked { note } => (EntryKind::Parked, format!("{cell}: parked{}", with(note))),
        CellMark::NotApplicable { reason } => (
            EntryKind::Note,
            format!("{cell}: not applicable to this step{}", with(reason)),
        ),
    }
}

/// Links an existing hazard to the cell it was raised from (or also raised from).
pub fn link_hazard(
    project: &Project,
    step: StepKey,
    prompt: &PromptId,
    hazard: HazardKey,
    recorder: &Recorder,
) -> Result<Edit, TechniqueError> {
    let (s, p) = cell_parts(project, step, prompt)?;
    let h = project
        .hazard(hazard)
        .ok_or(TechniqueError::UnknownHazard)?;
    let label = format!(
        "link {} to “{}” × “{}”",
        h.display_id,
        s.name,
        short(&p.question)
    );
    Ok(Edit::new(
        label,
        link_changes(project, step, prompt, hazard, recorder),
    ))
}

fn link_changes(
    project: &Project,
    step: StepKey,
    prompt: &PromptId,
    hazard: HazardKey,
    recorder: &Recorder,
) -> Vec<Change> {
    let stamp = recorder.stamp(project);
    let Some(cell_change) = put_cell(project, step, prompt, stamp, |r| {
        if !r.hazards.contains(&hazard) {
            r.hazards.push(hazard);
        }
    }) else {
        return Vec::new();
    };
    let mut changes = vec![cell_change];
    if let Some(meeting) = project.current_meeting {
        changes.extend(note_step_covered(project, meeting, step));
    }
    changes
}

/// Captures a new hazard (next id, New for triage, raised in the running meeting) linked to the
/// current step and prompt: one keystroke, one undo step.
pub fn capture_hazard_at(
    project: &Project,
    step: StepKey,
    prompt: &PromptId,
    name: &str,
    recorder: &Recorder,
) -> Result<(Edit, HazardKey), TechniqueError> {
    cell_parts(project, step, prompt)?;
    let (mut edit, key) = ops::capture_hazard(project, name, recorder.at);
    // The capture only adds a hazard and moves the counters, so the link changes built from
    // the project before it still apply after it.
    edit.changes
        .extend(link_changes(project, step, prompt, key, recorder));
    Ok((edit, key))
}

/// Takes a hazard's link off a cell (the hazard stays in the log).
pub fn unlink_hazard(
    project: &Project,
    step: StepKey,
    prompt: &PromptId,
    hazard: HazardKey,
    recorder: &Recorder,
) -> Edit {
    let stamp = recorder.stamp(project);
    let change = put_cell(project, step, prompt, stamp, |r| {
        r.hazards.retain(|h| *h != hazard)
    });
    let id = project
        .hazard(hazard)
        .map_or_else(|| format!("hazard {}", hazard.0), |h| h.display_id.clone());
    Edit::new(
        format!("unlink {id} from its prompt"),
        change.into_iter().collect(),
    )
}

/// Records why a whole family of prompts does not apply (the closing sweep), replacing an
/// earlier reason for it. Written to the running meeting's minutes.
pub fn record_family_reason(
    project: &Project,
    deck: &DeckId,
    family: &FamilyId,
    reason: &str,
    recorder: &Recorder,
) -> Result<Edit, TechniqueError> {
    let d = project
        .technique
        .deck(deck)
        .ok_or_else(|| TechniqueError::UnknownDeck(deck.0.clone()))?;
    let f = d
        .family(family)
        .ok_or_else(|| TechniqueError::UnknownFamily(family.0.clone()))?;
    let reason = one_line(reason);
    if reason.is_empty() {
        return Err(TechniqueError::ReasonRequired);
    }
    let record = FamilyReason {
        deck: deck.clone(),
        family: family.clone(),
        reason: reason.clone(),
        stamp: recorder.stamp(project),
    };
    let reasons = &project.technique.family_reasons;
    let slot = match reasons
        .iter()
        .position(|r| r.deck == *deck && r.family == *family)
    {
        Some(index) if reasons[index].reason == reason => return Ok(Edit::new("", vec![])),
        Some(index) => Slot::Replace {
            index,
            before: Box::new(reasons[index].clone()),
            after: Box::new(record),
        },
        None => Slot::Insert {
            index: reasons.len(),
            item: Box::new(record),
        },
    };
    let mut changes = vec![change(TechniqueChange::FamilyReason(slot))];
    let text = format!(
        "Family “{}” of “{}” does not apply: {reason}",
        f.name, d.name
    );
    changes.extend(meeting_record(
        project,
        None,
        EntryKind::NotAHazard,
        &text,
        recorder,
    ));
    Ok(Edit::new(
        format!("record why “{}” does not apply", f.name),
        changes,
    ))
}

/// Takes back a family's recorded reason.
pub fn clear_family_reason(project: &Project, deck: &DeckId, family: &FamilyId) -> Edit {
    let reasons = &project.technique.family_reasons;
    let Some(index) = reasons
        .iter()
        .position(|r| r.deck == *deck && r.family == *family)
    else {
        return Edit::new("", vec![]);
    };
    Edit::new(
        "clear a family's reason",
        vec![change(TechniqueChange::FamilyReason(Slot::Remove {
            index,
            item: Box::new(reasons[index].clone()),
        }))],
    )
}
