//! The starter hazard library: common health IT hazards shipped in `assets/library/`, grouped by
//! area, each naming its source, and searchable. Items are never scored.

use std::sync::LazyLock;

use serde::Deserialize;

use super::hazard::ControlKind;

#[derive(Clone, Debug, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LibraryItem {
    /// Unique across the library.
    pub id: String,
    pub name: String,
    pub description: String,
    pub causes: Vec<String>,
    /// Typical controls, by the NHS log's control types.
    pub controls: Vec<(ControlKind, String)>,
    /// The source the hazard class was drawn from, with its licence.
    pub source: String,
}

#[derive(Clone, Debug, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LibraryArea {
    pub id: String,
    pub name: String,
    pub items: Vec<LibraryItem>,
}

#[derive(Clone, Debug, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Library {
    pub areas: Vec<LibraryArea>,
}

const STARTER: &str = include_str!("../../assets/library/starter.ron");

/// Parses library text (the shipped file, or a test's).
pub fn parse_library(text: &str) -> Result<Library, ron::error::SpannedError> {
    ron::from_str(text)
}

static STARTER_LIBRARY: LazyLock<Library> = LazyLock::new(|| {
    parse_library(STARTER).expect("the starter library parses: checked by its tests")
});

/// The library shipped with the app.
pub fn starter_library() -> &'static Library {
    &STARTER_LIBRARY
}

impl Library {
    pub fn item(&self, id: &str) -> Option<(&LibraryArea, &LibraryItem)> {
        self.areas
            .iter()
            .find_map(|area| area.items.iter().find(|i| i.id == id).map(|i| (area, i)))
    }

    /// Items matching every word of `query` (case-insensitive, in the name, description or
    /// causes), in `area` if given, in library order. An empty query matches everything.
    pub fn search<'a>(
        &'a self,
        query: &str,
        area: Option<&str>,
    ) -> Vec<(&'a LibraryArea, &'a LibraryItem)> {
        let words: Vec<String> = query.split_whitespace().map(str::to_lowercase).collect();
        self.areas
            .iter()
            .filter(|a| area.is_none_or(|wanted| a.id == wanted))
            .flat_map(|a| a.items.iter().map(move |i| (a, i)))
            .filter(|(_, item)| {
                let haystack = item.search_text();
                words.iter().all(|w| haystack.contains(w.as_str()))
            })
            .collect()
    }
}

impl LibraryItem {
    fn search_text(&self) -> String {
        let mut text = format!("{}\n{}", self.name, self.description);
        for cause in &self.causes {
            text.push('\n');
            text.push_str(cause);
        }
        text.to_lowercase()
    }
}

#[cfg(test)]
mod tests {
    use std::collections::HashSet;

    use super::*;

    /// The areas the library must cover: the health IT hazard categories and the families of the
    /// deployment deck (docs: workshop-technique.md, "Starter hazard library").
    const REQUIRED_AREAS: [&str; 16] = [
        "data-integrity",
        "user-interface",
        "decision-support",
        "availability-performance",
        "integration",
        "misuse-out-of-scope",
        "data-governance",
        "training",
        "between-systems",
        "interface-outage",
        "continuity-when-down",
        "parallel-running",
        "data-migration",
        "local-configuration",
        "local-terminology",
        "roles-permissions",
    ];

    /// Sources whose text or facts the library may draw on (MIT, OGL, public domain, facts).
    const ALLOWED_SOURCES: [&str; 4] = [
        "DCSP hazard types (MIT)",
        "CQAI health IT hazard categories (MIT)",
        "SAFER Guides 2025",
        "Community DCB0160 practice",
    ];

    #[test]
    fn the_starter_library_is_complete_and_well_formed() {
        let library = parse_library(STARTER).expect("parses");
        let items: Vec<&LibraryItem> = library.areas.iter().flat_map(|a| &a.items).collect();
        assert!(items.len() >= 60, "{} items", items.len());

        let mut ids = HashSet::new();
        for item in &items {
            assert!(ids.insert(item.id.as_str()), "duplicate id {}", item.id);
            assert!(!item.name.trim().is_empty(), "{} has no name", item.id);
            assert!(
                !item.description.trim().is_empty(),
                "{}: description",
                item.id
            );
            assert!(!item.causes.is_empty(), "{} has no causes", item.id);
            assert!(!item.controls.is_empty(), "{} has no controls", item.id);
            assert!(
                item.controls
                    .iter()
                    .all(|(_, text)| !text.trim().is_empty()),
                "{}: empty control",
                item.id
            );
            assert!(
                ALLOWED_SOURCES.iter().any(|s| item.source.starts_with(s)),
                "{} names an unexpected source: {}",
                item.id,
                item.source
            );
        }

        let areas: Vec<&str> = library.areas.iter().map(|a| a.id.as_str()).collect();
        for required in REQUIRED_AREAS {
            let area = library.areas.iter().find(|a| a.id == required);
            assert!(area.is_some(), "area {required} missing from {areas:?}");
            assert!(!area.unwrap().items.is_empty(), "area {required} is empty");
        }
        assert_eq!(
            areas.len(),
            REQUIRED_AREAS.len(),
            "unexpected areas {areas:?}"
        );
        assert_eq!(starter_library(), &library);
    }

    #[test]
    fn search_matches_every_word_in_name_description_or_causes() {
        let library = starter_library();
        let hits = library.search("WRONG patient", None);
        assert!(hits.iter().any(|(_, i)| i.id == "wrong-patient-record"));
        assert!(hits.iter().all(|(_, i)| {
            let text = i.search_text();
            text.contains("wrong") && text.contains("patient")
        }));

        // "nhs number" appears only in causes of some items.
        let by_cause = library.search("missing nhs number", None);
        assert_eq!(
            by_cause
                .iter()
                .map(|(_, i)| i.id.as_str())
                .collect::<Vec<_>>(),
            ["demographic-mismatch"]
        );

        assert!(library.search("no such words xyzzy", None).is_empty());
        assert_eq!(
            library.search("", None).len(),
            library.areas.iter().map(|a| a.items.len()).sum::<usize>()
        );
    }

    #[test]
    fn search_can_be_limited_to_an_area() {
        let library = starter_library();
        let in_area = library.search("", Some("data-migration"));
        assert_eq!(in_area.len(), 4);
        assert!(in_area.iter().all(|(a, _)| a.id == "data-migration"));
        let filtered = library.search("allergies", Some("data-migration"));
        assert_eq!(filtered.len(), 1);
        assert_eq!(filtered[0].1.id, "allergies-not-migrated");
        assert!(
            library
                .search("allergies", Some("user-interface"))
                .is_empty()
        );
    }
}
