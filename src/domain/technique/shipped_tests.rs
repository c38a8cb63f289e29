use std::collections::HashSet;

use super::*;

/// Every family the reference (workshop-technique.md, "Prompt families, by source") lists for
/// each deck's source, by the family id the deck uses for it.
const REQUIRED_FAMILIES: [(&str, &[&str]); 8] = [
    (
        "swift",
        &[
            "wrong-person",
            "wrong-place",
            "wrong-thing",
            "wrong-idea",
            "wrong-time",
            "wrong-process",
            "wrong-amount",
            "failure-of-control",
            "failure-of-detection",
            "failure-of-equipment",
        ],
    ),
    (
        "health-it",
        &[
            "data-integrity",
            "user-interface",
            "decision-support",
            "availability-performance",
            "integration",
            "misuse-out-of-scope",
            "data-governance",
        ],
    ),
    (
        "epr",
        &[
            "patient-identification",
            "data-display",
            "data-entry",
            "availability",
            "access-control",
            "integration",
            "configuration-deployment",
            "clinical-workflow",
        ],
    ),
    // The availability items of the health IT categories, the utility-failure and
    // emergency-operations checklist categories, and the EPR "partial silent failure".
    (
        "availability",
        &[
            "unavailable-when-urgent",
            "slow",
            "out-of-sync",
            "risky-downtime",
            "no-fallback",
            "utility-failure",
            "recovery",
            "partial-silent-failure",
        ],
    ),
    // The integration items of the health IT categories (message not transmitted includes the
    // EPR "fails silently"), external influences and wrong results or units from the checklist.
    (
        "integration",
        &[
            "wrong-format-coding",
            "demographic-mismatch",
            "duplicates",
            "not-transmitted",
            "version-mismatch",
            "external-influences",
            "results-units",
        ],
    ),
    (
        "deployment",
        &[
            "training",
            "between-systems",
            "interface-outage",
            "continuity-when-down",
            "parallel-running",
            "data-migration",
            "local-configuration",
            "local-terminology",
            "roles-permissions",
        ],
    ),
    (
        "ai",
        &[
            "automation-bias",
            "dataset-shift",
            "confidence-and-routing",
            "change-not-reassessed",
            "beyond-intended-purpose",
            "subgroup-bias",
            "hallucination-omission",
            "misheard-medicines",
            "follow-up-actions",
            "inaccurate-history",
            "note-bloat",
            "consent-third-party",
        ],
    ),
    (
        "functional",
        &[
            "no-function",
            "incorrect-function",
            "unintended-function",
            "partial-function",
            "untimely-function",
        ],
    ),
];

#[test]
fn shipped_decks_are_valid() {
    let decks = parse_all().unwrap_or_else(|err| panic!("{err}"));
    assert_eq!(decks.len(), REQUIRED_FAMILIES.len());

    let mut deck_ids = HashSet::new();
    let mut prompt_ids = HashSet::new();
    for deck in &decks {
        assert!(deck_ids.insert(deck.id.clone()), "deck {:?} twice", deck.id);
        for text in [&deck.name, &deck.source, &deck.licence] {
            assert!(!text.trim().is_empty(), "deck {:?} lacks a field", deck.id);
        }
        assert!(deck.chosen && !deck.user_written);

        let mut family_ids = HashSet::new();
        for family in &deck.families {
            assert!(
                family_ids.insert(family.id.clone()),
                "{:?} twice",
                family.id
            );
            assert!(!family.name.trim().is_empty());
            let n = family.prompts.len();
            assert!(
                (4..=12).contains(&n),
                "{}/{} has {n} prompts",
                deck.id.0,
                family.id.0
            );
            for prompt in &family.prompts {
                assert!(
                    prompt_ids.insert(prompt.id.clone()),
                    "{:?} twice",
                    prompt.id
                );
                assert!(
                    prompt.question.trim().ends_with('?'),
                    "{:?} is not a question",
                    prompt.id
                );
                assert!(
                    !prompt.hint.trim().is_empty(),
                    "{:?} has no hint",
                    prompt.id
                );
                assert!(
                    !prompt.source.trim().is_empty(),
                    "{:?}: no source",
                    prompt.id
                );
                assert!(!prompt.hidden && !prompt.user_written);
            }
        }
    }

    for (deck_id, families) in REQUIRED_FAMILIES {
        let deck = decks
            .iter()
            .find(|d| d.id.0 == deck_id)
            .unwrap_or_else(|| panic!("deck {deck_id} missing"));
        let present: Vec<&str> = deck.families.iter().map(|f| f.id.0.as_str()).collect();
        for family in families {
            assert!(present.contains(family), "{deck_id} lacks family {family}");
        }
        assert_eq!(present.len(), families.len(), "{deck_id}: {present:?}");
    }
}

#[test]
fn a_prompt_naming_its_own_source_keeps_it_and_others_take_the_deck_tag() {
    let deck = shipped_deck(&DeckId("deployment".into())).unwrap();
    let own = deck
        .prompts()
        .find(|p| p.id.0 == "deployment.interface-outage.2")
        .unwrap();
    assert_eq!(own.source, "SAFER Guides 2025: system interfaces");
    let tagged = deck
        .prompts()
        .find(|p| p.id.0 == "deployment.interface-outage.1")
        .unwrap();
    assert_eq!(tagged.source, "Community DCB0160 practice");
}

#[test]
fn a_broken_deck_file_names_the_file_and_an_unknown_field_is_refused() {
    let err = parse_deck("bad.ron", "(id: \"x\"").unwrap_err();
    assert_eq!(err.file, "bad.ron");
    let text = "(id: \"x\", name: \"X\", source: \"s\", source_tag: \"t\", licence: \"l\", \
                families: [(id: \"f\", name: \"F\", prompts: [(id: \"1\", ask: \"Q?\", \
                hint: \"h\", colour: \"red\")])])";
    let err = parse_deck("extra.ron", text).unwrap_err();
    assert!(err.message.contains("colour"), "{}", err.message);
}
