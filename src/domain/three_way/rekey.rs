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

impl Item<'_> {
    /// Whether two items under one key are the same item, made before the copies parted (the
    /// ancestor found may be older than that) and perhaps edited since on either side: a hazard
    /// by its creation time, the others by their name or text. Two different items the two
    /// copies numbered alike differ there.
    fn same(&self, other: &Item<'_>) -> bool {
        match (self, other) {
            (Item::Hazard(a), Item::Hazard(b)) => a.created == b.created,
            (Item::Person(a), Item::Person(b)) => a.name == b.name,
            (Item::Meeting(a, x), Item::Meeting(b, y)) => a == b && x == y,
            (Item::Entry(m, a), Item::Entry(n, b)) => {
                m == n && (a.text == b.text || (a.time.is_some() && a.time == b.time))
            }
            (Item::Action(a), Item::Action(b)) => a.description == b.description,
            (Item::Step(a), Item::Step(b)) => a.name == b.name,
            _ => false,
        }
    }
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
            !in_base.contains(id) && ours_items.get(id).is_some_and(|o| !o.same(item))
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

/// Their copy with every key in `map` replaced. Only what their copy changed since the base can
/// refer to a key the base never had, so only that is rewritten (a few items, not the log).
pub fn remap_project(
    base: &Project,
    theirs: &Project,
    map: &HashMap<KeyId, u64>,
) -> Result<Project, String> {
    let mut out = theirs.clone();
    // The hazards are shared behind `Arc`s: remapped as plain values, then shared again.
    let mut hazards = out.hazards.to_vec();
    remap_changed(&mut hazards, &base.hazards.to_vec(), |h| h.key, map)?;
    out.hazards = hazards.into();
    remap_changed(&mut out.people, &base.people, |p| p.key, map)?;
    remap_changed(&mut out.meetings, &base.meetings, |m| m.key, map)?;
    remap_changed(&mut out.actions, &base.actions, |a| a.key, map)?;
    let technique = &mut out.technique;
    let old = &base.technique;
    remap_changed(&mut technique.steps, &old.steps, |s| s.key, map)?;
    remap_changed(
        &mut technique.coverage,
        &old.coverage,
        |c| (c.step, c.prompt.clone()),
        map,
    )?;
    remap_if_changed(&mut technique.family_reasons, &old.family_reasons, map)?;
    remap_if_changed(&mut technique.meeting_steps, &old.meeting_steps, map)?;
    remap_if_changed(&mut technique.provenance, &old.provenance, map)?;
    remap_if_changed(&mut out.current_meeting, &base.current_meeting, map)?;
    remap_if_changed(&mut out.inherited, &base.inherited, map)?;
    remap_if_changed(&mut out.action_reports, &base.action_reports, map)?;
    remap_if_changed(&mut out.conflicts, &base.conflicts, map)?;
    // The history's open entries (sealed chunks are packed and stay as they are: they hold
    // entries from before the copies parted unless their copy added a thousand since).
    remap_if_changed(&mut out.history, &base.history, map)?;
    Ok(out)
}

fn remap_changed<T, K>(
    items: &mut [T],
    base: &[T],
    key: impl Fn(&T) -> K,
    map: &HashMap<KeyId, u64>,
) -> Result<(), String>
where
    T: Serialize + DeserializeOwned + PartialEq,
    K: Eq + std::hash::Hash,
{
    let base: HashMap<K, &T> = base.iter().map(|item| (key(item), item)).collect();
    for item in items.iter_mut() {
        if base.get(&key(item)) != Some(&&*item) {
            *item = remap(item, map)?;
        }
    }
    Ok(())
}

fn remap_if_changed<T>(value: &mut T, base: &T, map: &HashMap<KeyId, u64>) -> Result<(), String>
where
    T: Serialize + DeserializeOwned + PartialEq,
{
    if value != base {
        *value = remap(value, map)?;
    }
    Ok(())
}

/// `value` with every key in `map` replaced (through the lossless RON tree, so every reference
/// of every kind is found without a list of them to keep up to date).
fn remap<T: Serialize + DeserializeOwned>(
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
