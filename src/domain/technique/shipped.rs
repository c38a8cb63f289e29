//! The prompt decks shipped with the app: RON files in `assets/decks/`, compiled in and parsed
//! once on first use. Each prompt is in our own words and names the source it was drawn from.

use std::sync::LazyLock;

use serde::Deserialize;

use super::deck::{Deck, DeckId, Family, FamilyId, Prompt, PromptId};

/// The deck files, in the order the app offers them.
const DECK_FILES: [(&str, &str); 8] = [
    ("swift.ron", include_str!("../../../assets/decks/swift.ron")),
    (
        "health-it.ron",
        include_str!("../../../assets/decks/health-it.ron"),
    ),
    ("epr.ron", include_str!("../../../assets/decks/epr.ron")),
    (
        "availability.ron",
        include_str!("../../../assets/decks/availability.ron"),
    ),
    (
        "integration.ron",
        include_str!("../../../assets/decks/integration.ron"),
    ),
    (
        "deployment.ron",
        include_str!("../../../assets/decks/deployment.ron"),
    ),
    ("ai.ron", include_str!("../../../assets/decks/ai.ron")),
    (
        "functional.ron",
        include_str!("../../../assets/decks/functional.ron"),
    ),
];

/// A deck as written in its asset file.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct DeckFile {
    id: String,
    name: String,
    source: String,
    /// The short source tag given to every prompt that does not name its own.
    source_tag: String,
    licence: String,
    families: Vec<FamilyFile>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct FamilyFile {
    id: String,
    name: String,
    prompts: Vec<PromptFile>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct PromptFile {
    /// Unique within the family; the full id is `deck.family.id`.
    id: String,
    ask: String,
    hint: String,
    /// The prompt's own source, when it is not the deck's `source_tag`.
    #[serde(default)]
    source: String,
}

/// Why a shipped deck file could not be read (a defect the tests catch before release).
#[derive(Debug, thiserror::Error)]
#[error("deck file {file}: {message}")]
pub struct DeckFileError {
    pub file: String,
    pub message: String,
}

/// Parses one deck file into a deck ready to copy into a project (chosen, not user-written).
pub fn parse_deck(file: &str, text: &str) -> Result<Deck, DeckFileError> {
    let parsed: DeckFile = ron::from_str(text).map_err(|err| DeckFileError {
        file: file.to_owned(),
        message: err.to_string(),
    })?;
    let deck_id = parsed.id;
    let families = parsed
        .families
        .into_iter()
        .map(|family| Family {
            prompts: family
                .prompts
                .into_iter()
                .map(|p| Prompt {
                    id: PromptId(format!("{deck_id}.{}.{}", family.id, p.id)),
                    question: p.ask,
                    hint: p.hint,
                    source: if p.source.trim().is_empty() {
                        parsed.source_tag.clone()
                    } else {
                        p.source
                    },
                    hidden: false,
                    user_written: false,
                })
                .collect(),
            id: FamilyId(family.id),
            name: family.name,
        })
        .collect();
    Ok(Deck {
        id: DeckId(deck_id),
        name: parsed.name,
        source: parsed.source,
        licence: parsed.licence,
        families,
        chosen: true,
        user_written: false,
    })
}

/// Every deck file parsed, or the first that failed.
pub fn parse_all() -> Result<Vec<Deck>, DeckFileError> {
    DECK_FILES
        .iter()
        .map(|(file, text)| parse_deck(file, text))
        .collect()
}

static SHIPPED: LazyLock<Vec<Deck>> = LazyLock::new(|| {
    parse_all().expect("the shipped decks parse: checked by shipped_decks_are_valid")
});

/// The decks shipped with the app, in the order offered.
pub fn shipped_decks() -> &'static [Deck] {
    &SHIPPED
}

pub fn shipped_deck(id: &DeckId) -> Option<&'static Deck> {
    shipped_decks().iter().find(|d| d.id == *id)
}

#[cfg(test)]
#[path = "shipped_tests.rs"]
mod tests;
