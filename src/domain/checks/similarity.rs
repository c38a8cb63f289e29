//! Near-duplicate hazards: how similar two hazards' names or descriptions are, found without
//! comparing every pair.
//!
//! **Measure.** A text becomes a set of normalised words: lower-cased, split on anything that
//! is not a letter or digit, a plural `s` trimmed from words of four letters or more, and common
//! English words (the, of, to, a, is…) dropped. Two texts are similar by the Jaccard index of
//! their word sets: |A ∩ B| / |A ∪ B|. Names are compared when both have at least two words,
//! descriptions when both have at least four; a pair is reported at
//! [`NEAR_DUPLICATE_THRESHOLD`] (0.8) or more. Each hazard is reported once, against the
//! earlier hazard it is most like (the name if names and descriptions both match), so a log of
//! many look-alike hazards gives one problem per hazard, not one per pair.
//! Withdrawn hazards are left out: withdrawing a duplicate is how one is resolved.
//!
//! **Cost.** Prefix filtering (Chaudhuri et al., "A primitive operator for similarity joins",
//! 2006): words are ranked rarest first across the log; two sets with Jaccard ≥ t must share a
//! word among the first |A| − ⌈t·|A|⌉ + 1 of each one's rarest words, so only those words go in
//! the inverted index and only hazards found through it are compared exactly. The result is the
//! same as comparing all pairs (a property test checks it), at a cost near linear in the size of
//! the log for real text.

use std::collections::{HashMap, HashSet};

use crate::domain::hazard_fields::HazardField;
use crate::domain::project::Project;

/// Pairs at or above this Jaccard index are reported.
pub const NEAR_DUPLICATE_THRESHOLD: f64 = 0.8;

const STOP_WORDS: &[&str] = &[
    "a", "an", "and", "are", "as", "at", "be", "by", "for", "from", "in", "into", "is", "it",
    "its", "of", "on", "or", "that", "the", "this", "to", "was", "which", "with",
];

/// Two hazards (indices into `project.hazards`, `first < second`) that look like duplicates.
#[derive(Clone, Debug, PartialEq)]
pub struct SimilarPair {
    pub first: usize,
    pub second: usize,
    pub field: HazardField,
    pub similarity: f64,
}

/// The normalised word set of a text (see the module comment).
pub fn words(text: &str) -> HashSet<String> {
    text.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(|w| {
            let mut w = w.to_lowercase();
            if w.chars().count() >= 4 && w.ends_with('s') && !w.ends_with("ss") {
                w.pop();
            }
            w
        })
        .filter(|w| !STOP_WORDS.contains(&w.as_str()))
        .collect()
}

pub fn jaccard(a: &HashSet<String>, b: &HashSet<String>) -> f64 {
    if a.is_empty() && b.is_empty() {
        return 0.0;
    }
    let shared = a.intersection(b).count();
    shared as f64 / (a.len() + b.len() - shared) as f64
}

/// For each live hazard that looks like an earlier one, the earlier hazard it is most like;
/// ordered by the later hazard.
pub fn near_duplicates(project: &Project, threshold: f64) -> Vec<SimilarPair> {
    let live: Vec<usize> = (0..project.hazards.len())
        .filter(|&i| !project.hazards[i].status.is_withdrawn())
        .collect();
    // The best match of each later hazard: highest similarity, then the name, then the earliest.
    let mut found: HashMap<usize, SimilarPair> = HashMap::new();
    for (field, min_words) in [(HazardField::Name, 2), (HazardField::Description, 4)] {
        let sets: Vec<(usize, HashSet<String>)> = live
            .iter()
            .map(|&i| {
                let hazard = &project.hazards[i];
                let text = match field {
                    HazardField::Name => &hazard.name,
                    _ => &hazard.description,
                };
                (i, words(text))
            })
            .filter(|(_, set)| set.len() >= min_words)
            .collect();
        for (a, b, similarity) in similar_sets(&sets, threshold) {
            let candidate = SimilarPair {
                first: a.min(b),
                second: a.max(b),
                field,
                similarity,
            };
            let better = |current: &SimilarPair| {
                candidate.similarity > current.similarity
                    || (candidate.similarity == current.similarity
                        && candidate.field == current.field
                        && candidate.first < current.first)
            };
            match found.get(&candidate.second) {
                Some(current) if !better(current) => {}
                _ => {
                    found.insert(candidate.second, candidate);
                }
            }
        }
    }
    let mut pairs: Vec<SimilarPair> = found.into_values().collect();
    pairs.sort_by_key(|p| p.second);
    pairs
}

/// Pairs of `(id, words)` with Jaccard ≥ `threshold`, by prefix filtering.
fn similar_sets(sets: &[(usize, HashSet<String>)], threshold: f64) -> Vec<(usize, usize, f64)> {
    let mut frequency: HashMap<&str, usize> = HashMap::new();
    for (_, set) in sets {
        for word in set {
            *frequency.entry(word.as_str()).or_default() += 1;
        }
    }
    let mut index: HashMap<&str, Vec<usize>> = HashMap::new();
    let mut pairs = Vec::new();
    let mut candidates: HashSet<usize> = HashSet::new();
    for (position, (id, set)) in sets.iter().enumerate() {
        let mut ranked: Vec<&str> = set.iter().map(String::as_str).collect();
        ranked.sort_by_key(|w| (frequency[w], *w));
        let prefix = set.len() - (threshold * set.len() as f64).ceil() as usize + 1;
        candidates.clear();
        for word in &ranked[..prefix.min(ranked.len())] {
            if let Some(earlier) = index.get(word) {
                candidates.extend(earlier.iter().copied());
            }
        }
        let mut sorted: Vec<usize> = candidates.iter().copied().collect();
        sorted.sort_unstable();
        for other in sorted {
            let (other_id, other_set) = &sets[other];
            let similarity = jaccard(set, other_set);
            if similarity >= threshold {
                pairs.push((*other_id, *id, similarity));
            }
        }
        for word in &ranked[..prefix.min(ranked.len())] {
            index.entry(word).or_default().push(position);
        }
    }
    pairs
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn set(text: &str) -> HashSet<String> {
        words(text)
    }

    #[test]
    fn words_are_normalised() {
        let w = set("The wrong Patients' records, shown!");
        let mut sorted: Vec<_> = w.into_iter().collect();
        sorted.sort();
        assert_eq!(sorted, ["patient", "record", "shown", "wrong"]);
    }

    #[test]
    fn jaccard_counts_shared_words() {
        assert_eq!(
            jaccard(&set("wrong patient shown"), &set("wrong patient shown")),
            1.0
        );
        assert_eq!(jaccard(&set("w x y z"), &set("w x y v")), 3.0 / 5.0);
    }

    fn brute_force(sets: &[(usize, HashSet<String>)], t: f64) -> Vec<(usize, usize)> {
        let mut out = Vec::new();
        for i in 0..sets.len() {
            for j in i + 1..sets.len() {
                if jaccard(&sets[i].1, &sets[j].1) >= t {
                    out.push((sets[i].0, sets[j].0));
                }
            }
        }
        out.sort();
        out
    }

    proptest! {
        /// Prefix filtering finds exactly the pairs that comparing every pair finds.
        #[test]
        fn prefix_filtering_misses_no_pair(
            texts in prop::collection::vec(prop::collection::vec(0u8..12, 1..7), 0..40),
            t in prop::sample::select(vec![0.5, 0.6, 0.8, 1.0]),
        ) {
            let sets: Vec<(usize, HashSet<String>)> = texts
                .iter()
                .enumerate()
                .map(|(i, ws)| (i, ws.iter().map(|w| format!("w{w}")).collect()))
                .collect();
            let mut fast: Vec<(usize, usize)> =
                similar_sets(&sets, t).into_iter().map(|(a, b, _)| (a, b)).collect();
            fast.sort();
            prop_assert_eq!(fast, brute_force(&sets, t));
        }
    }
}
