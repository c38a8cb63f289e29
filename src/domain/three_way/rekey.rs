//! Internal keys that both copies gave to different new items. Keys come from one counter in
//! each copy, so two copies edited apart hand out the same numbers: an item added on their side
//! whose key ours also used for a different new item gets a fresh key, in every reference of
//! their copy (minute entries, actions, coverage, history…), before the merge matches by key.

use std::collections::{HashMap, HashSet};

use serde::Serialize;
use serde::de::DeserializeOwned;

use crate::domain::Project;
use crate::storage::ron_tree::{self, Node};

/// Which kind of key (its type name in the file) and its number.
pub type KeyId = (&'static str, u64);

/// Every keyed item of a project, by kind and key, as comparable text-free references.
fn items(project: &Project) -> HashMap<KeyId, Item<'_>> {
    let mut all = HashMap::new();
    for h in &project.hazards {
        all.insert(("HazardKey", h.key.0), Item::Hazard(h));
    }
    for p in &project.people {
        all.insert(("PersonKey", p.key.0), Item::Person(p));
    }
    for m in &project.meetings {
        all.insert(("MeetingKey", m.key.0), Item::Meeting(m.key.0, &m.title));
        for e in &m.entries {
            all.insert(("EntryKey", e.key.0), Item::Entry(m.key.0, e));
        }
    }
    for a in &project.actions {
        all.insert(("ActionKey", a.key.0), Item::Action(a));
    }
    for s in &project.technique.steps {
        all.insert(("StepKey", s.key.0), Item::Step(s));
    }
    all
}

#[derive(PartialEq)]
enum Item<'a> {
    Hazard(&'a crate::domain::Hazard),
    Person(&'a crate::domain::Person),
    /// A meeting is the same meeting when its key and title match (its entries and other fields
    /// may have changed on both sides).
    Meeting(u64, &'a str),
    Entry(u64, &'a crate::domain::MinuteEntry),
    Action(&'a crate::domain::ActionItem),
    Step(&'a crate::domain::technique::Step),
}

/// Keys their copy added that ours also added for something else, with the fresh key for each.
/// Nothing without a base: then no item is known to be new.
pub fn collisions(base: &Project, ours: &Project, theirs: &Project) -> HashMap<KeyId, u64> {
    let in_base: HashSet<KeyId> = items(base).into_keys().collect();
    let ours_items = items(ours);
    let theirs_items = items(theirs);
    let mut clashing: Vec<KeyId> = theirs_items
        .iter()
        .filter(|(id, item)| {
            !in_base.contains(id) && ours_items.get(id).is_some_and(|o| o != *item)
        })
        .map(|(id, _)| *id)
        .collect();
    clashing.sort();
    let highest = [base, ours, theirs]
        .iter()
        .flat_map(|p| {
            items(p)
                .into_keys()
                .map(|(_, k)| k + 1)
                .chain([p.counters.next_key])
        })
        .max()
        .unwrap_or(1);
    clashing
        .into_iter()
        .enumerate()
        .map(|(i, id)| (id, highest + i as u64))
        .collect()
}

/// `value` with every key in `map` replaced (through the lossless RON tree, so every reference
/// of every kind is found without a list of them to keep up to date).
pub fn remap<T: Serialize + DeserializeOwned>(
    value: &T,
    map: &HashMap<KeyId, u64>,
) -> Result<T, String> {
    if map.is_empty() {
        return ron::from_str(&ron::to_string(value).map_err(|e| e.to_string())?)
            .map_err(|e| e.to_string());
    }
    let config = ron::ser::PrettyConfig::new().struct_names(true);
    let text = ron::ser::to_string_pretty(value, config).map_err(|e| e.to_string())?;
    let mut document = ron_tree::parse(&text).map_err(|e| e.to_string())?;
    rename(&mut document.root, map);
    ron::from_str(&ron_tree::print(&document)).map_err(|e| e.to_string())
}

fn rename(node: &mut Node, map: &HashMap<KeyId, u64>) {
    match node {
        Node::Atom(_) => {}
        Node::Tuple {
            name: Some(name),
            items,
        } if items.len() == 1 && matches!(&items[0], Node::Atom(_)) => {
            if let Node::Atom(number) = &items[0]
                && let Ok(number) = number.parse::<u64>()
                && let Some(fresh) = map.get(&(name.as_str(), number))
            {
                items[0] = Node::number(*fresh);
            }
        }
        Node::Tuple { items, .. } | Node::List(items) => {
            items.iter_mut().for_each(|n| rename(n, map));
        }
        Node::Struct { fields, .. } => fields.iter_mut().for_each(|(_, n)| rename(n, map)),
        Node::Map(entries) => entries.iter_mut().for_each(|(k, v)| {
            rename(k, map);
            rename(v, map);
        }),
    }
}
