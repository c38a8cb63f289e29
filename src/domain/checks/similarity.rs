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
        for (a, b, similarity) in earlier_matches(&sets, threshold) {
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

/// For sets `(id, words)` in increasing order of id: `(earlier id, later id, similarity)` for
/// pairs with Jaccard ≥ `threshold`, holding for every later id its best earlier partner (the
/// most similar, and of those the earliest), though not every pair.
///
/// Identical sets are taken as one group, whose earliest member is every later member's best
/// partner (at 1.0); so of two similar groups only the first members need pairing. A log of
/// look-alike hazards (templated text, a bulk import) would otherwise compare every pair of its
/// copies: 100,000 such hazards took three minutes.
fn earlier_matches(sets: &[(usize, HashSet<String>)], threshold: f64) -> Vec<(usize, usize, f64)> {
    let mut group_of: HashMap<Vec<&str>, usize> = HashMap::new();
    // Each group's first member, and the distinct sets in order of first appearance.
    let mut firsts: Vec<usize> = Vec::new();
    let mut distinct: Vec<(usize, HashSet<String>)> = Vec::new();
    let mut matches = Vec::new();
    for (id, set) in sets {
        let mut key: Vec<&str> = set.iter().map(String::as_str).collect();
        key.sort_unstable();
        match group_of.get(&key) {
            Some(&group) => matches.push((firsts[group], *id, 1.0)),
            None => {
                group_of.insert(key, firsts.len());
                distinct.push((firsts.len(), set.clone()));
                firsts.push(*id);
            }
        }
    }
    for (a, b, similarity) in similar_sets(&distinct, threshold) {
        matches.push((firsts[a], firsts[b], similarity));
    }
    matches
}

/// Pairs of `(id, words)` with Jaccard ≥ `threshold`, by prefix filtering.
///
/// Each word becomes its rank in the log, rarest first, so a set is a sorted list of ranks: its
/// prefix is its first ranks, and two sets are compared by one merge of two short lists.
fn similar_sets(sets: &[(usize, HashSet<String>)], threshold: f64) -> Vec<(usize, usize, f64)> {
    let mut frequency: HashMap<&str, usize> = HashMap::new();
    for (_, set) in sets {
        for word in set {
            *frequency.entry(word.as_str()).or_default() += 1;
        }
    }
    let mut by_rarity: Vec<&str> = frequency.keys().copied().collect();
    by_rarity.sort_by_key(|w| (frequency[w], *w));
    let rank: HashMap<&str, u32> = by_rarity
        .iter()
        .enumerate()
        .map(|(rank, word)| (*word, rank as u32))
        .collect();
    let ranked: Vec<Vec<u32>> = sets
        .iter()
        .map(|(_, set)| {
            let mut ranks: Vec<u32> = set.iter().map(|w| rank[w.as_str()]).collect();
            ranks.sort_unstable();
            ranks
        })
        .collect();

    let mut index: HashMap<u32, Vec<usize>> = HashMap::new();
    let mut pairs = Vec::new();
    // The last position each earlier set was found as a candidate for: no per-set clearing.
    let mut seen: Vec<usize> = vec![usize::MAX; sets.len()];
    let mut candidates: Vec<usize> = Vec::new();
    for (position, ((id, _), ranks)) in sets.iter().zip(&ranked).enumerate() {
        let prefix = ranks.len() - (threshold * ranks.len() as f64).ceil() as usize + 1;
        let prefix = &ranks[..prefix.min(ranks.len())];
        candidates.clear();
        for word in prefix {
            for &earlier in index.get(word).into_iter().flatten() {
                if seen[earlier] != position {
                    seen[earlier] = position;
                    candidates.push(earlier);
                }
            }
        }
        candidates.sort_unstable();
        for &other in &candidates {
            let similarity = sorted_jaccard(ranks, &ranked[other]);
            if similarity >= threshold {
                pairs.push((sets[other].0, *id, similarity));
            }
        }
        for word in prefix {
            index.entry(*word).or_default().push(position);
        }
    }
    pairs
}

/// [`jaccard`] of two sorted lists of distinct word ranks.
fn sorted_jaccard(a: &[u32], b: &[u32]) -> f64 {
    if a.is_empty() && b.is_empty() {
        return 0.0;
    }
    let (mut i, mut j, mut shared) = (0, 0, 0);
    while i < a.len() && j < b.len() {
        match a[i].cmp(&b[j]) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                shared += 1;
                i += 1;
                j += 1;
            }
        }
    }
    shared as f64 / (a.len() + b.len() - shared) as f64
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

    /// Numbered word sets of made-up words (`w0`, `w1`, …).
    fn word_sets(texts: &[Vec<u8>]) -> Vec<(usize, HashSet<String>)> {
        texts
            .iter()
            .enumerate()
            .map(|(i, ws)| (i, ws.iter().map(|w| format!("w{w}")).collect()))
            .collect()
    }

    /// Every pair at or above `t`, by comparing all pairs, in order.
    fn brute_force(sets: &[(usize, HashSet<String>)], t: f64) -> Vec<(usize, usize, f64)> {
        let mut out = Vec::new();
        for i in 0..sets.len() {
            for j in i + 1..sets.len() {
                let similarity = jaccard(&sets[i].1, &sets[j].1);
                if similarity >= t {
                    out.push((sets[i].0, sets[j].0, similarity));
                }
            }
        }
        out
    }

    /// Each later id's best earlier partner (most similar, then earliest), comparing all pairs.
    fn best_partners(pairs: impl IntoIterator<Item = (usize, usize, f64)>) -> Vec<(usize, usize)> {
        let mut best: HashMap<usize, (usize, f64)> = HashMap::new();
        for (first, second, similarity) in pairs {
            let better = best
                .get(&second)
                .is_none_or(|&(current, current_similarity)| {
                    similarity > current_similarity
                        || (similarity == current_similarity && first < current)
                });
            if better {
                best.insert(second, (first, similarity));
            }
        }
        let mut out: Vec<(usize, usize)> = best.into_iter().map(|(s, (f, _))| (f, s)).collect();
        out.sort();
        out
    }

    proptest! {
        /// Grouping identical sets keeps every later set's best earlier partner.
        #[test]
        fn grouping_look_alikes_keeps_each_best_partner(
            texts in prop::collection::vec(prop::collection::vec(0u8..5, 1..5), 0..60),
            t in prop::sample::select(vec![0.5, 0.6, 0.8, 1.0]),
        ) {
            let sets = word_sets(&texts);
            let fast = earlier_matches(&sets, t);
            prop_assert!(fast.iter().all(|&(a, b, s)| a < b && s >= t && s == jaccard(&sets[a].1, &sets[b].1)));
            prop_assert_eq!(best_partners(fast), best_partners(brute_force(&sets, t)));
        }

        /// Prefix filtering finds exactly the pairs that comparing every pair finds.
        #[test]
        fn prefix_filtering_misses_no_pair(
            texts in prop::collection::vec(prop::collection::vec(0u8..12, 1..7), 0..40),
            t in prop::sample::select(vec![0.5, 0.6, 0.8, 1.0]),
        ) {
            let sets = word_sets(&texts);
            let mut fast: Vec<(usize, usize)> =
                similar_sets(&sets, t).into_iter().map(|(a, b, _)| (a, b)).collect();
            fast.sort();
            let all: Vec<(usize, usize)> =
                brute_force(&sets, t).into_iter().map(|(a, b, _)| (a, b)).collect();
            prop_assert_eq!(fast, all);
        }
    }
}
