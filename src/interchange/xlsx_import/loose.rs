//! Headers that name a field loosely: a stray suffix (`Severity (1-5)`, `Owner*2`), other words
//! for a field (`Patient safety impact`), typos (`Likelyhood`, edit distance at most 2 on words
//! of 5 or more letters), and a leaf under a group caption (`Summary` under `Actions`). A match
//! is made only when it is unambiguous, and says how it was made, for the report.

use super::headers::{Kind, classify, kind_of, vocabulary_words};
use crate::domain::risk::normalise;
use crate::domain::summary::Stage;

/// Other words for a field, read as it but named in the report.
const OTHER_WORDS: &[(&str, Kind)] = &[
    ("patient safety impact", Kind::Impact),
    ("impact on patient safety", Kind::Impact),
    ("clinical risk impact", Kind::Impact),
    ("mitigations in place", Kind::Existing),
    ("current mitigations", Kind::Existing),
    ("existing safety controls", Kind::Existing),
    ("planned mitigations", Kind::Controls),
    ("further mitigations", Kind::Controls),
    ("further controls", Kind::Controls),
    ("hazard owner/lead", Kind::Owner),
    ("action owner", Kind::Owner),
];

/// Longer cells are not headers, and are not corrected for typos.
const MAX_HEADER_WORDS: usize = 6;

/// Leaves that take their meaning from the group caption above them.
const GENERIC_LEAVES: &[&str] = &[
    "summary",
    "details",
    "detail",
    "description",
    "text",
    "notes",
];

/// What a header was read as.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(super) enum HeaderMatch {
    /// Word for word (after trimming, case and spacing).
    Exact(Kind, Option<Stage>),
    /// Loosely, with how.
    Loose(Kind, Option<Stage>, String),
    /// Loosely, but to more than one field: the fields it could be.
    Ambiguous(Vec<String>),
    None,
}

/// Matches a header, with the caption of its group above it when there is one.
pub(super) fn match_header(header: &str, caption: &str) -> HeaderMatch {
    let leaf = match_alone(header);
    let caption = normalise(caption);
    if caption.is_empty() || caption == normalise(header) {
        return leaf;
    }
    let generic = GENERIC_LEAVES.contains(&normalise(header).as_str());
    let leaf_stageless =
        matches!(leaf, HeaderMatch::Exact(kind, None) if super::headers::is_assessment(kind));
    if generic || leaf_stageless || leaf == HeaderMatch::None {
        let joined = format!("{caption} {}", normalise(header));
        if let Some((kind, stage)) = classify(&joined) {
            return HeaderMatch::Loose(
                kind,
                stage,
                format!("read with the caption “{caption}” above it"),
            );
        }
        if generic
            && let HeaderMatch::Exact(kind, stage) | HeaderMatch::Loose(kind, stage, _) =
                match_alone(&caption)
            && !matches!(kind, Kind::Id | Kind::Name)
        {
            return HeaderMatch::Loose(
                kind,
                stage,
                format!("“{header}” under the caption “{caption}”"),
            );
        }
    }
    leaf
}

/// Matches a header on its own.
pub(super) fn match_alone(header: &str) -> HeaderMatch {
    if let Some((kind, stage)) = classify(header) {
        return HeaderMatch::Exact(kind, stage);
    }
    let key = normalise(header);
    if key.is_empty() {
        return HeaderMatch::None;
    }
    let stem = without_suffix(&key);
    if stem != key
        && let Some((kind, stage)) = classify(stem)
    {
        return HeaderMatch::Loose(
            kind,
            stage,
            format!("“{stem}” with “{}” after it", key[stem.len()..].trim()),
        );
    }
    if let Some((_, kind)) = OTHER_WORDS.iter().find(|(words, _)| *words == stem) {
        return HeaderMatch::Loose(*kind, None, format!("“{stem}” is another name for it"));
    }
    typo_match(stem)
}

/// The header without a trailing bracketed note, footnote number or marks.
fn without_suffix(key: &str) -> &str {
    let mut stem = key.trim();
    loop {
        let before = stem;
        if stem.ends_with([')', ']'])
            && let Some(open) = stem.rfind(['(', '['])
            && open > 0
        {
            stem = stem[..open].trim_end();
        }
        stem = stem
            .trim_end_matches(|c: char| c.is_ascii_digit() || "*†‡¹²³#:.-–,;".contains(c))
            .trim_end();
        if stem == before || stem.is_empty() {
            return if stem.is_empty() { key } else { stem };
        }
    }
}

/// Words of 5 or more letters corrected to the known words at the least edit distance (at
/// most 2); the header matches when every reading gives the same field.
fn typo_match(key: &str) -> HeaderMatch {
    // A header is a few words; a longer cell (a description in the rows searched for the
    // header) is not corrected word by word.
    if key.split(' ').count() > MAX_HEADER_WORDS {
        return HeaderMatch::None;
    }
    let known: Vec<&str> = vocabulary_words()
        .chain(["initial", "residual", "mitigation", "risk"])
        .collect();
    let mut readings: Vec<String> = vec![String::new()];
    let mut corrected = false;
    for word in key.split(' ') {
        let candidates: Vec<&str> = if word.chars().count() < 5 || known.contains(&word) {
            vec![word]
        } else {
            let best = known
                .iter()
                .map(|k| strsim::levenshtein(word, k))
                .filter(|d| *d <= 2)
                .min();
            match best {
                Some(best) => {
                    corrected = true;
                    let mut found: Vec<&str> = known
                        .iter()
                        .copied()
                        .filter(|k| strsim::levenshtein(word, k) == best)
                        .collect();
                    found.dedup();
                    found
                }
                None => return HeaderMatch::None,
            }
        };
        readings = readings
            .iter()
            .flat_map(|r| candidates.iter().map(move |c| format!("{r} {c}")))
            .take(16)
            .collect();
    }
    if !corrected {
        return HeaderMatch::None;
    }
    let mut fields: Vec<(Kind, Option<Stage>, String)> = Vec::new();
    for reading in &readings {
        let reading = reading.trim();
        if let Some((kind, stage)) =
            classify(reading).or_else(|| kind_of(reading).map(|k| (k, None)))
            && !fields.iter().any(|(k, s, _)| (*k, *s) == (kind, stage))
        {
            fields.push((kind, stage, reading.to_owned()));
        }
    }
    match fields.as_slice() {
        [] => HeaderMatch::None,
        [(kind, stage, reading)] => {
            HeaderMatch::Loose(*kind, *stage, format!("taken for “{reading}” (a typo)"))
        }
        several => HeaderMatch::Ambiguous(several.iter().map(|(_, _, r)| r.clone()).collect()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kind(m: HeaderMatch) -> Option<(Kind, Option<Stage>)> {
        match m {
            HeaderMatch::Exact(k, s) | HeaderMatch::Loose(k, s, _) => Some((k, s)),
            _ => None,
        }
    }

    #[test]
    fn typos_and_suffixes_map_when_unambiguous() {
        assert_eq!(
            kind(match_alone("Likelyhood")),
            Some((Kind::Likelihood, None))
        );
        assert_eq!(
            kind(match_alone("Intial Severty")),
            Some((Kind::Severity, Some(Stage::Initial)))
        );
        assert_eq!(
            kind(match_alone("Hazzard Descripton")),
            Some((Kind::Description, None))
        );
        assert_eq!(
            kind(match_alone("Severity (1-5)")),
            Some((Kind::Severity, None))
        );
        assert_eq!(kind(match_alone("Owner*2")), Some((Kind::Owner, None)));
        assert_eq!(
            kind(match_alone("Patient Safety Impact")),
            Some((Kind::Impact, None))
        );
        assert!(
            matches!(match_alone("Likelyhood"), HeaderMatch::Loose(_, _, how) if how.contains("likelihood"))
        );
    }

    #[test]
    fn short_words_and_strangers_do_not_match() {
        assert_eq!(match_alone("Hazard type"), HeaderMatch::None);
        assert_eq!(match_alone("Links to documentation"), HeaderMatch::None);
        assert_eq!(
            match_alone("Rusk"),
            HeaderMatch::None,
            "4 letters: no typo allowance"
        );
        assert_eq!(match_alone("Date raised"), HeaderMatch::None);
    }

    #[test]
    fn a_typo_that_could_be_two_fields_is_ambiguous() {
        // One edit from both "cause" and "causes": both are Causes, so not ambiguous.
        assert_eq!(kind(match_alone("Causel")), Some((Kind::Causes, None)));
        // 1 edit from "action" (control action) and 1 from "actions" (notes).
        assert!(matches!(match_alone("Actionz"), HeaderMatch::Ambiguous(_)));
    }

    #[test]
    fn a_leaf_takes_its_meaning_from_the_caption_above() {
        assert_eq!(
            kind(match_header("Summary", "Actions")),
            Some((Kind::Notes, None))
        );
        assert_eq!(
            kind(match_header("Severity", "Initial Risk")),
            Some((Kind::Severity, Some(Stage::Initial)))
        );
        assert_eq!(
            kind(match_header("Description", "Existing controls")),
            Some((Kind::Existing, None))
        );
        assert_eq!(
            kind(match_header("Description", "Hazard")),
            Some((Kind::Description, None))
        );
        assert_eq!(
            kind(match_header("Owner", "Actions")),
            Some((Kind::Owner, None))
        );
    }
}
