//! Builders for the technique's edits: scope and workflow steps, prompt decks, and the coverage
//! the room records for each step and prompt. Like [`super::ops`], each returns an [`Edit`] for
//! [`super::Document::apply`] and changes nothing itself.

use std::collections::HashSet;

use chrono::{DateTime, NaiveTime, Utc};

mod coverage;

pub use coverage::{
    capture_hazard_at, clear_family_reason, link_hazard, mark_cell, record_family_reason,
    unlink_hazard,
};

use super::change::{Change, Edit, Slot};
use super::technique_change::TechniqueChange;
use crate::domain::technique::{
    Deck, DeckId, Family, FamilyId, MeetingSteps, Prompt, PromptId, Scope, Stamp, Step, StepKey,
};
use crate::domain::{IdCounters, MeetingKey, Project};

/// Why a technique edit was refused. The project is unchanged.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum TechniqueError {
    #[error("That workflow step is not in the project.")]
    UnknownStep,
    #[error("The prompt “{0}” is not in the project's decks.")]
    UnknownPrompt(String),
    #[error("The deck “{0}” is not in the project.")]
    UnknownDeck(String),
    #[error("The family “{0}” is not in that deck.")]
    UnknownFamily(String),
    #[error("That hazard is not in the project.")]
    UnknownHazard,
    #[error(
        "“{0}” has coverage recorded against it or was covered in a meeting: retire it instead \
         (it then leaves the grid, and its records are kept)."
    )]
    StepInUse(String),
    #[error("A reason is required: say in one line why there is no credible hazard.")]
    ReasonRequired,
    #[error(
        "Hazards were raised from this step and prompt ({0}); withdraw or unlink them before \
         marking it “{1}”."
    )]
    HazardsRaised(usize, &'static str),
    #[error("A name is required.")]
    NameRequired,
    #[error("A question is required.")]
    QuestionRequired,
    #[error("Only the project's own decks can be renamed.")]
    NotAUserDeck,
}

/// Who is recording, and when: stamped on coverage records. `clock` is the local time written
/// on the minute entry of the running meeting.
#[derive(Clone, Debug)]
pub struct Recorder {
    pub by: String,
    pub at: DateTime<Utc>,
    pub clock: Option<NaiveTime>,
}

impl Recorder {
    fn stamp(&self, project: &Project) -> Stamp {
        Stamp {
            by: self.by.clone(),
            at: self.at,
            meeting: project.current_meeting,
        }
    }
}

fn change(change: TechniqueChange) -> Change {
    Change::Technique(change)
}

/// `n` fresh keys and the counters after taking them.
fn take_keys(project: &Project, n: u64) -> (u64, IdCounters) {
    let first = project.counters.next_key;
    (
        first,
        IdCounters {
            next_key: first + n,
            ..project.counters
        },
    )
}

fn counters_change(project: &Project, after: IdCounters) -> Change {
    Change::Counters {
        before: project.counters,
        after,
    }
}

/// One line: reasons are shown in grid cells and table rows.
fn one_line(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn short(text: &str) -> String {
    let mut s: String = text.chars().take(40).collect();
    if text.chars().count() > 40 {
        s.push('…');
    }
    s
}

// ----- Scope and steps -----

pub fn update_scope(project: &Project, after: Scope) -> Edit {
    if project.technique.scope == after {
        return Edit::new("", vec![]);
    }
    Edit::new(
        "edit scope",
        vec![change(TechniqueChange::Scope {
            before: Box::new(project.technique.scope.clone()),
            after: Box::new(after),
        })],
    )
    .coalescing("technique scope")
}

fn step_index(project: &Project, key: StepKey) -> Result<usize, TechniqueError> {
    project
        .technique
        .steps
        .iter()
        .position(|s| s.key == key)
        .ok_or(TechniqueError::UnknownStep)
}

/// A new workflow step at the end of the walking order.
pub fn add_step(
    project: &Project,
    name: &str,
    description: &str,
) -> Result<(Edit, StepKey), TechniqueError> {
    let name = name.trim();
    if name.is_empty() {
        return Err(TechniqueError::NameRequired);
    }
    let (key, counters) = take_keys(project, 1);
    let step = Step {
        key: StepKey(key),
        name: name.to_owned(),
        description: description.trim().to_owned(),
        retired: false,
    };
    let edit = Edit::new(
        format!("add step “{name}”"),
        vec![
            counters_change(project, counters),
            change(TechniqueChange::Step(Slot::Insert {
                index: project.technique.steps.len(),
                item: Box::new(step),
            })),
        ],
    );
    Ok((edit, StepKey(key)))
}

/// Replaces a step with an edited copy (name, description). Typing in one field of one step is
/// one undo step. Empty when nothing changed or the step is gone.
pub fn update_step(project: &Project, after: Step, field: &str) -> Edit {
    let Ok(index) = step_index(project, after.key) else {
        return Edit::new("", vec![]);
    };
    let before = &project.technique.steps[index];
    if *before == after {
        return Edit::new("", vec![]);
    }
    let key = format!("step {} {field}", after.key.0);
    Edit::new(
        format!("edit {field} of step “{}”", before.name),
        vec![change(TechniqueChange::Step(Slot::Replace {
            index,
            before: Box::new(before.clone()),
            after: Box::new(after),
        }))],
    )
    .coalescing(key)
}

/// Moves a step to position `to` in the walking order (clamped to the list).
pub fn move_step(project: &Project, key: StepKey, to: usize) -> Edit {
    let Ok(from) = step_index(project, key) else {
        return Edit::new("", vec![]);
    };
    let to = to.min(project.technique.steps.len() - 1);
    if from == to {
        return Edit::new("", vec![]);
    }
    let step = project.technique.steps[from].clone();
    Edit::new(
        format!("move step “{}”", step.name),
        vec![
            change(TechniqueChange::Step(Slot::Remove {
                index: from,
                item: Box::new(step.clone()),
            })),
            change(TechniqueChange::Step(Slot::Insert {
                index: to,
                item: Box::new(step),
            })),
        ],
    )
}

/// Retires a step (it leaves the grid; its records stay) or brings it back.
pub fn set_step_retired(project: &Project, key: StepKey, retired: bool) -> Edit {
    let Ok(index) = step_index(project, key) else {
        return Edit::new("", vec![]);
    };
    let before = &project.technique.steps[index];
    if before.retired == retired {
        return Edit::new("", vec![]);
    }
    let after = Step {
        retired,
        ..before.clone()
    };
    let verb = if retired { "retire" } else { "reinstate" };
    Edit::new(
        format!("{verb} step “{}”", before.name),
        vec![change(TechniqueChange::Step(Slot::Replace {
            index,
            before: Box::new(before.clone()),
            after: Box::new(after),
        }))],
    )
}

/// Deletes a step nothing refers to (one added by mistake). A step with coverage or a meeting's
/// record is refused: retire it instead.
pub fn delete_step(project: &Project, key: StepKey) -> Result<Edit, TechniqueError> {
    let index = step_index(project, key)?;
    let step = &project.technique.steps[index];
    if project.technique.step_in_use(key) {
        return Err(TechniqueError::StepInUse(step.name.clone()));
    }
    Ok(Edit::new(
        format!("delete step “{}”", step.name),
        vec![change(TechniqueChange::Step(Slot::Remove {
            index,
            item: Box::new(step.clone()),
        }))],
    ))
}

/// Records that a meeting covered a step, if not recorded yet.
fn note_step_covered(project: &Project, meeting: MeetingKey, step: StepKey) -> Option<Change> {
    let records = &project.technique.meeting_steps;
    match records.iter().position(|m| m.meeting == meeting) {
        Some(index) if records[index].steps.contains(&step) => None,
        Some(index) => {
            let mut after = records[index].clone();
            after.steps.push(step);
            Some(change(TechniqueChange::MeetingSteps(Slot::Replace {
                index,
                before: Box::new(records[index].clone()),
                after: Box::new(after),
            })))
        }
        None => Some(change(TechniqueChange::MeetingSteps(Slot::Insert {
            index: records.len(),
            item: Box::new(MeetingSteps {
                meeting,
                steps: vec![step],
            }),
        }))),
    }
}

/// Sets the steps a meeting covered (for correcting the record after the meeting).
pub fn set_meeting_steps(project: &Project, meeting: MeetingKey, steps: Vec<StepKey>) -> Edit {
    let Some(m) = project.meeting(meeting) else {
        return Edit::new("", vec![]);
    };
    let records = &project.technique.meeting_steps;
    let after = MeetingSteps { meeting, steps };
    let slot = match records.iter().position(|r| r.meeting == meeting) {
        Some(index) if records[index] == after => return Edit::new("", vec![]),
        Some(index) => Slot::Replace {
            index,
            before: Box::new(records[index].clone()),
            after: Box::new(after),
        },
        None if after.steps.is_empty() => return Edit::new("", vec![]),
        None => Slot::Insert {
            index: records.len(),
            item: Box::new(after),
        },
    };
    Edit::new(
        format!("set steps covered by “{}”", m.title),
        vec![change(TechniqueChange::MeetingSteps(slot))],
    )
}

// ----- Decks and prompts -----

fn deck_index(project: &Project, id: &DeckId) -> Result<usize, TechniqueError> {
    project
        .technique
        .decks
        .iter()
        .position(|d| d.id == *id)
        .ok_or_else(|| TechniqueError::UnknownDeck(id.0.clone()))
}

fn replace_deck(project: &Project, index: usize, after: Deck) -> Option<Change> {
    let before = &project.technique.decks[index];
    (*before != after).then(|| {
        change(TechniqueChange::Deck(Slot::Replace {
            index,
            before: Box::new(before.clone()),
            after: Box::new(after),
        }))
    })
}

/// Chooses a deck for the project. A shipped deck is copied in whole, so the file shows the
/// same prompts wherever it is opened; a deck the project already holds (chosen before, with its
/// edits) is brought back as it was.
pub fn choose_deck(project: &Project, deck: &Deck) -> Edit {
    let changes = match deck_index(project, &deck.id) {
        Ok(index) => {
            let existing = &project.technique.decks[index];
            let after = Deck {
                chosen: true,
                ..existing.clone()
            };
            replace_deck(project, index, after).into_iter().collect()
        }
        Err(_) => vec![change(TechniqueChange::Deck(Slot::Insert {
            index: project.technique.decks.len(),
            item: Box::new(Deck {
                chosen: true,
                ..deck.clone()
            }),
        }))],
    };
    Edit::new(format!("choose deck “{}”", deck.name), changes)
}

/// Whether coverage or a family reason refers to the deck.
fn deck_in_use(project: &Project, deck: &Deck) -> bool {
    let technique = &project.technique;
    let prompts: HashSet<&PromptId> = deck.prompts().map(|p| &p.id).collect();
    technique.family_reasons.iter().any(|r| r.deck == deck.id)
        || technique
            .coverage
            .iter()
            .any(|c| prompts.contains(&c.prompt))
}

/// Stops using a deck: it leaves the grid and the sweep. A deck that coverage refers to stays in
/// the file, unchosen, so those records keep their questions; an unused one is removed.
pub fn unchoose_deck(project: &Project, id: &DeckId) -> Edit {
    let Ok(index) = deck_index(project, id) else {
        return Edit::new("", vec![]);
    };
    let deck = &project.technique.decks[index];
    if !deck.chosen {
        return Edit::new("", vec![]);
    }
    let label = format!("stop using deck “{}”", deck.name);
    let changes = if deck_in_use(project, deck) {
        let after = Deck {
            chosen: false,
            ..deck.clone()
        };
        replace_deck(project, index, after).into_iter().collect()
    } else {
        vec![change(TechniqueChange::Deck(Slot::Remove {
            index,
            item: Box::new(deck.clone()),
        }))]
    };
    Edit::new(label, changes)
}

/// Where user-written prompts and decks say they come from.
pub const USER_SOURCE: &str = "Written by the project team";

/// A new deck of the project's own, chosen, with one family to write prompts into.
pub fn add_user_deck(
    project: &Project,
    name: &str,
    first_family: &str,
) -> Result<(Edit, DeckId, FamilyId), TechniqueError> {
    let (name, family_name) = (name.trim(), first_family.trim());
    if name.is_empty() || family_name.is_empty() {
        return Err(TechniqueError::NameRequired);
    }
    let (first, counters) = take_keys(project, 2);
    let deck_id = DeckId(format!("user-{first}"));
    let family_id = FamilyId(format!("user-{}", first + 1));
    let deck = Deck {
        id: deck_id.clone(),
        name: name.to_owned(),
        source: USER_SOURCE.to_owned(),
        licence: "The project's own work.".to_owned(),
        families: vec![Family {
            id: family_id.clone(),
            name: family_name.to_owned(),
            prompts: Vec::new(),
        }],
        chosen: true,
        user_written: true,
    };
    let edit = Edit::new(
        format!("add deck “{name}”"),
        vec![
            counters_change(project, counters),
            change(TechniqueChange::Deck(Slot::Insert {
                index: project.technique.decks.len(),
                item: Box::new(deck),
            })),
        ],
    );
    Ok((edit, deck_id, family_id))
}

/// Renames one of the project's own decks.
pub fn rename_deck(project: &Project, id: &DeckId, name: &str) -> Result<Edit, TechniqueError> {
    let index = deck_index(project, id)?;
    let deck = &project.technique.decks[index];
    if !deck.user_written {
        return Err(TechniqueError::NotAUserDeck);
    }
    let after = Deck {
        name: name.to_owned(),
        ..deck.clone()
    };
    let label = format!("rename deck “{}”", deck.name);
    Ok(Edit::new(
        label,
        replace_deck(project, index, after).into_iter().collect(),
    )
    .coalescing(format!("deck {} name", id.0)))
}

/// A new family (group of prompts) in any deck of the project.
pub fn add_family(
    project: &Project,
    deck: &DeckId,
    name: &str,
) -> Result<(Edit, FamilyId), TechniqueError> {
    let name = name.trim();
    if name.is_empty() {
        return Err(TechniqueError::NameRequired);
    }
    let index = deck_index(project, deck)?;
    let (key, counters) = take_keys(project, 1);
    let family_id = FamilyId(format!("user-{key}"));
    let mut after = project.technique.decks[index].clone();
    after.families.push(Family {
        id: family_id.clone(),
        name: name.to_owned(),
        prompts: Vec::new(),
    });
    let mut changes = vec![counters_change(project, counters)];
    changes.extend(replace_deck(project, index, after));
    Ok((
        Edit::new(format!("add family “{name}”"), changes),
        family_id,
    ))
}

/// A prompt the project team wrote, at the end of a family of any deck.
pub fn add_prompt(
    project: &Project,
    deck: &DeckId,
    family: &FamilyId,
    question: &str,
    hint: &str,
) -> Result<(Edit, PromptId), TechniqueError> {
    let question = one_line(question);
    if question.is_empty() {
        return Err(TechniqueError::QuestionRequired);
    }
    let index = deck_index(project, deck)?;
    let mut after = project.technique.decks[index].clone();
    let target = after
        .families
        .iter_mut()
        .find(|f| f.id == *family)
        .ok_or_else(|| TechniqueError::UnknownFamily(family.0.clone()))?;
    let (key, counters) = take_keys(project, 1);
    let id = PromptId(format!("user-{key}"));
    target.prompts.push(Prompt {
        id: id.clone(),
        question: question.clone(),
        hint: one_line(hint),
        source: USER_SOURCE.to_owned(),
        hidden: false,
        user_written: true,
    });
    let mut changes = vec![counters_change(project, counters)];
    changes.extend(replace_deck(project, index, after));
    Ok((
        Edit::new(format!("add prompt “{}”", short(&question)), changes),
        id,
    ))
}

/// Applies `edit_prompt` to a copy of the deck holding `id`; the replacement change.
fn change_prompt(
    project: &Project,
    id: &PromptId,
    edit_prompt: impl FnOnce(&mut Prompt),
) -> Result<(Option<Change>, String), TechniqueError> {
    let (deck, _, prompt) = project
        .technique
        .prompt(id)
        .ok_or_else(|| TechniqueError::UnknownPrompt(id.0.clone()))?;
    let question = prompt.question.clone();
    let index = deck_index(project, &deck.id)?;
    let mut after = deck.clone();
    if let Some(p) = after
        .families
        .iter_mut()
        .flat_map(|f| f.prompts.iter_mut())
        .find(|p| p.id == *id)
    {
        edit_prompt(p);
    }
    Ok((replace_deck(project, index, after), question))
}

/// Rewords a prompt (shipped or the project's own). A reworded shipped prompt keeps its source
/// tag and becomes user-written, so nobody mistakes the new words for the source's.
pub fn update_prompt(
    project: &Project,
    id: &PromptId,
    question: &str,
    hint: &str,
) -> Result<Edit, TechniqueError> {
    // Not normalised: this is typed live, and trimming would eat the space being typed.
    if question.trim().is_empty() {
        return Err(TechniqueError::QuestionRequired);
    }
    let (change, before) = change_prompt(project, id, |p| {
        if p.question != question || p.hint != hint {
            p.question = question.to_owned();
            p.hint = hint.to_owned();
            p.user_written = true;
        }
    })?;
    Ok(Edit::new(
        format!("edit prompt “{}”", short(&before)),
        change.into_iter().collect(),
    )
    .coalescing(format!("prompt {}", id.0)))
}

/// Hides a prompt from the grid and the walk, or shows it again. Its records are kept.
pub fn set_prompt_hidden(
    project: &Project,
    id: &PromptId,
    hidden: bool,
) -> Result<Edit, TechniqueError> {
    let (change, question) = change_prompt(project, id, |p| p.hidden = hidden)?;
    let verb = if hidden { "hide" } else { "show" };
    Ok(Edit::new(
        format!("{verb} prompt “{}”", short(&question)),
        change.into_iter().collect(),
    ))
}

#[cfg(test)]
mod tests;
