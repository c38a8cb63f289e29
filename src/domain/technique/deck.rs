//! Prompt decks: what-if questions grouped into families, each tagged with its source.

use serde::{Deserialize, Serialize};

/// A deck's stable id: `swift`, `health-it`, or `user-12` for a project's own deck.
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub struct DeckId(pub String);

/// A family's id, unique within its deck: `wrong-person`.
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub struct FamilyId(pub String);

/// A prompt's stable id, unique across all decks: `swift.wrong-person.1`, or `user-40`.
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub struct PromptId(pub String);

/// One what-if question put to the room for a workflow step.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Prompt {
    pub id: PromptId,
    /// Phrased so the room can answer it: "What if the wrong patient's record is open when ...?"
    pub question: String,
    /// One line on the kind of hazard the prompt looks for.
    pub hint: String,
    /// Where the prompt was drawn from: "Card et al., healthcare SWIFT guidewords".
    pub source: String,
    /// Left out of the grid and the walk; its coverage records are kept.
    pub hidden: bool,
    /// Written (or reworded) by the project team rather than shipped with the app.
    pub user_written: bool,
}

/// Prompts that look at one kind of failure; the closing sweep asks that each family has a
/// hazard raised or a recorded reason.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Family {
    pub id: FamilyId,
    pub name: String,
    pub prompts: Vec<Prompt>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Deck {
    pub id: DeckId,
    pub name: String,
    /// The published work the deck is drawn from.
    pub source: String,
    /// What may be reused from the source and how this deck uses it.
    pub licence: String,
    pub families: Vec<Family>,
    /// In the grid and the walk. A deck the project stops using stays in the file (unchosen) so
    /// that the coverage recorded against its prompts keeps its questions.
    pub chosen: bool,
    /// A deck the project team wrote.
    pub user_written: bool,
}

impl Deck {
    pub fn family(&self, id: &FamilyId) -> Option<&Family> {
        self.families.iter().find(|f| f.id == *id)
    }

    /// The family holding a prompt.
    pub fn family_of(&self, prompt: &PromptId) -> Option<&Family> {
        self.families
            .iter()
            .find(|f| f.prompts.iter().any(|p| p.id == *prompt))
    }

    pub fn prompts(&self) -> impl Iterator<Item = &Prompt> {
        self.families.iter().flat_map(|f| f.prompts.iter())
    }
}
