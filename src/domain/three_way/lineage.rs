//! Where a copy of a project came from: each save records an id for the saved state (a hash of
//! what was written), the save(s) it was made from, and a short chain of older saves, so that
//! the common ancestor of two copies can be found (see `storage::ancestor` and docs/merging.md).

use serde::{Deserialize, Serialize};

/// How many older save ids a file keeps.
pub const ANCESTORS_KEPT: usize = 32;

/// The lineage of a project state. Not part of the project's content: two projects with the same
/// content are equal whatever their lineage (so `==` ignores it), and a baseline does not freeze
/// it. Written at the end of the project file.
#[derive(Clone, Debug, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct Lineage {
    /// The id of the save this state was read from or written as; empty for a state never saved
    /// (a new project, or a merge not yet saved).
    #[serde(skip_serializing_if = "String::is_empty")]
    pub save_id: String,
    /// The save(s) this one was made from: one, or two for a merge.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub parents: Vec<String>,
    /// Older saves, newest first (the parents first), at most [`ANCESTORS_KEPT`].
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub ancestors: Vec<String>,
}

impl PartialEq for Lineage {
    /// Lineage is not content (see the type).
    fn eq(&self, _: &Lineage) -> bool {
        true
    }
}

impl Eq for Lineage {}

impl Lineage {
    pub fn is_empty(&self) -> bool {
        self.save_id.is_empty() && self.parents.is_empty() && self.ancestors.is_empty()
    }

    /// This save and the older ones, newest first.
    pub fn chain(&self) -> impl Iterator<Item = &str> {
        std::iter::once(self.save_id.as_str())
            .filter(|id| !id.is_empty())
            .chain(self.ancestors.iter().map(String::as_str))
    }

    /// Whether `id` is this save or one of the older ones recorded.
    pub fn knows(&self, id: &str) -> bool {
        !id.is_empty() && self.chain().any(|known| known == id)
    }

    /// The lineage written with a save whose id is `new_id`. Saving a state again under the same
    /// id changes nothing, so saving twice writes the same bytes.
    pub fn after_save(&self, new_id: &str) -> Lineage {
        if new_id == self.save_id {
            return self.clone();
        }
        if self.save_id.is_empty() {
            // A merge (or new project) saved: its parents are recorded, never itself (a merge
            // whose result is one of the copies has that copy's id).
            let others = |ids: &[String]| ids.iter().filter(|id| *id != new_id).cloned().collect();
            return Lineage {
                save_id: new_id.to_owned(),
                parents: others(&self.parents),
                ancestors: others(&self.ancestors),
            };
        }
        let mut ancestors = vec![self.save_id.clone()];
        ancestors.extend(
            self.ancestors
                .iter()
                .filter(|a| **a != self.save_id)
                .cloned(),
        );
        ancestors.truncate(ANCESTORS_KEPT);
        Lineage {
            save_id: new_id.to_owned(),
            parents: vec![self.save_id.clone()],
            ancestors,
        }
    }

    /// The lineage of a merge of two states, not yet saved: both are its parents, and both
    /// chains its ancestors (alternately, newest first).
    pub fn merged(ours: &Lineage, theirs: &Lineage) -> Lineage {
        let parents: Vec<String> = [&ours.save_id, &theirs.save_id]
            .into_iter()
            .filter(|id| !id.is_empty())
            .cloned()
            .collect();
        let (a, b): (Vec<&str>, Vec<&str>) = (ours.chain().collect(), theirs.chain().collect());
        let mut ancestors: Vec<String> = Vec::new();
        for i in 0..a.len().max(b.len()) {
            for id in [a.get(i), b.get(i)].into_iter().flatten() {
                if !ancestors.iter().any(|known| known == id) {
                    ancestors.push((*id).to_owned());
                }
            }
        }
        ancestors.truncate(ANCESTORS_KEPT * 2);
        Lineage {
            save_id: String::new(),
            parents,
            ancestors,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_save_records_its_parent_and_a_bounded_chain() {
        let mut lineage = Lineage::default();
        for n in 0..40 {
            lineage = lineage.after_save(&format!("s{n}"));
        }
        assert_eq!(lineage.save_id, "s39");
        assert_eq!(lineage.parents, ["s38"]);
        assert_eq!(lineage.ancestors.len(), ANCESTORS_KEPT);
        assert_eq!(lineage.ancestors[0], "s38");
        assert!(lineage.knows("s10") && !lineage.knows("s5"));
        let again = lineage.after_save("s39");
        assert_eq!(
            again.parents,
            ["s38"],
            "saving the same state again changes nothing"
        );
    }

    #[test]
    fn a_merge_has_both_parents() {
        let base = Lineage::default().after_save("base");
        let ours = base.after_save("ours");
        let theirs = base.after_save("theirs");
        let merged = Lineage::merged(&ours, &theirs);
        assert_eq!(merged.parents, ["ours", "theirs"]);
        assert_eq!(merged.ancestors, ["ours", "theirs", "base"]);
        let saved = merged.after_save("m");
        assert_eq!(saved.parents, ["ours", "theirs"]);
        assert!(saved.knows("base"));
        // A merge that ends up as one of the copies is that copy's save, not its own parent.
        let same = merged.after_save("ours");
        assert_eq!(same.parents, ["theirs"]);
        assert!(!same.ancestors.contains(&"ours".to_owned()));
    }
}
