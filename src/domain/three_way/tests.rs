use chrono::DateTime;

use super::*;
use crate::domain::{EntryKey, EntryKind, Meeting, MeetingKey, MinuteEntry, Person, PersonKey};

fn hazard(key: u64, id: &str, name: &str) -> Hazard {
    Hazard::new(HazardKey(key), id.into(), name.into(), DateTime::UNIX_EPOCH)
}

fn base() -> Project {
    let mut hazards = vec![
        hazard(1, "H001", "Wrong patient"),
        hazard(2, "H002", "Late result"),
    ];
    hazards[0].causes = vec!["Similar names".into(), "Tired staff".into()];
    Project {
        hazards: hazards.into(),
        people: vec![Person {
            key: PersonKey(3),
            name: "Ann".into(),
            role: String::new(),
            organisation: String::new(),
            email: String::new(),
        }],
        meetings: vec![Meeting {
            key: MeetingKey(4),
            title: "HAZID 1".into(),
            ..Meeting::default()
        }],
        counters: IdCounters {
            next_key: 5,
            next_hazard_number: 3,
        },
        ..Project::default()
    }
}

#[test]
fn changes_to_different_hazards_are_both_taken() {
    let base = base();
    let mut ours = base.clone();
    ours.hazards[0].name = "Wrong patient selected".into();
    let mut theirs = base.clone();
    theirs.hazards[1].description = "Results arrive late".into();
    let outcome = merge(&base, &ours, &theirs);
    assert!(outcome.is_clean(), "{:?}", outcome.conflicts);
    assert_eq!(outcome.project.hazards[0].name, "Wrong patient selected");
    assert_eq!(
        outcome.project.hazards[1].description,
        "Results arrive late"
    );
    assert_eq!(outcome.summary.taken, ["H002 Late result: description"]);
}

#[test]
fn different_changes_to_one_field_are_a_stored_conflict_holding_ours() {
    let base = base();
    let mut ours = base.clone();
    ours.hazards[0].owner = "Ann".into();
    let mut theirs = base.clone();
    theirs.hazards[0].owner = "Bob".into();
    theirs.hazards[0].name = "Wrong patient chosen".into();
    let outcome = merge(&base, &ours, &theirs);
    assert_eq!(outcome.conflicts.len(), 1);
    let conflict = &outcome.project.conflicts[0];
    assert_eq!(conflict.place, ConflictPlace::Hazard(HazardKey(1)));
    assert_eq!(conflict.label, "H001 Wrong patient: owner");
    assert_eq!(conflict.ours.text, "Ann");
    assert_eq!(conflict.theirs.text, "Bob");
    assert_eq!(conflict.theirs.from, "theirs");
    assert_eq!(conflict.base.as_ref().unwrap().text, "");
    let merged = &outcome.project;
    assert_eq!(merged.hazards[0].owner, "Ann", "ours' value until resolved");
    assert_eq!(merged.hazards[0].name, "Wrong patient chosen");

    let mut resolved = merged.clone();
    conflict.write(&mut resolved, &conflict.theirs.ron).unwrap();
    assert_eq!(resolved.hazards[0].owner, "Bob");
}

#[test]
fn causes_merge_as_a_list_and_an_item_edited_twice_conflicts() {
    let base = base();
    let mut ours = base.clone();
    ours.hazards[0].causes.push("Shared login".into());
    let mut theirs = base.clone();
    theirs.hazards[0].causes.remove(1);
    let outcome = merge(&base, &ours, &theirs);
    assert!(outcome.is_clean());
    assert_eq!(
        outcome.project.hazards[0].causes,
        ["Similar names", "Shared login"]
    );

    let mut ours = base.clone();
    ours.hazards[0].causes[0] = "Similar surnames".into();
    let mut theirs = base.clone();
    theirs.hazards[0].causes[0] = "Similar first names".into();
    let outcome = merge(&base, &ours, &theirs);
    assert_eq!(outcome.conflicts.len(), 1);
    assert_eq!(outcome.conflicts[0].field, "causes");
}

#[test]
fn hazards_both_copies_added_with_one_key_and_id_are_both_kept_and_renumbered() {
    let base = base();
    let mut ours = base.clone();
    ours.hazards.push(hazard(5, "H003", "Ours new"));
    ours.counters.next_key = 6;
    let mut theirs = base.clone();
    // Made on another computer at another moment: a different hazard under the same key.
    let mut made_there = hazard(5, "H003", "Theirs new");
    made_there.created += chrono::Duration::seconds(90);
    theirs.hazards.push(made_there);
    theirs.meetings[0].entries.push(MinuteEntry {
        key: EntryKey(6),
        kind: EntryKind::Note,
        text: "raised".into(),
        time: None,
        hazard: Some(HazardKey(5)),
        about: None,
    });
    theirs.counters.next_key = 7;
    let outcome = merge(&base, &ours, &theirs);
    assert!(outcome.is_clean(), "{:?}", outcome.conflicts);
    let merged = &outcome.project;
    assert_eq!(merged.hazards.len(), 4);
    let theirs_new = merged
        .hazards
        .iter()
        .find(|h| h.name == "Theirs new")
        .unwrap();
    assert_ne!(theirs_new.key, HazardKey(5), "a fresh key");
    assert_eq!(
        merged.meetings[0].entries[0].hazard,
        Some(theirs_new.key),
        "references follow the new key"
    );
    assert_eq!(theirs_new.display_id, "H004");
    assert_eq!(
        outcome.renumbered,
        [Renumbered {
            key: theirs_new.key,
            from: "H003".into(),
            to: "H004".into()
        }]
    );
    assert!(merged.counters.next_key > theirs_new.key.0);
    assert!(crate::storage::integrity::duplicate_keys(merged).is_empty());
}

#[test]
fn a_deletion_applies_when_the_other_side_left_the_item_alone() {
    let base = base();
    let mut ours = base.clone();
    ours.people.clear();
    let theirs = base.clone();
    let outcome = merge(&base, &ours, &theirs);
    assert!(outcome.project.people.is_empty());
    let mut theirs = base.clone();
    theirs.people[0].role = "CSO".into();
    let outcome = merge(&base, &ours, &theirs);
    assert_eq!(outcome.project.people.len(), 1, "changed there: kept");
    assert!(
        outcome
            .summary
            .notes
            .iter()
            .any(|n| n.contains("kept person Ann"))
    );
}

#[test]
fn without_an_ancestor_every_difference_is_a_conflict() {
    let base = base();
    let mut ours = base.clone();
    ours.hazards[0].name = "A".into();
    let mut theirs = base.clone();
    theirs.hazards[1].name = "B".into();
    theirs.hazards.push(hazard(9, "H009", "Only theirs"));
    let outcome = merge_two_way(&ours, &theirs);
    assert!(outcome.summary.two_way);
    assert_eq!(outcome.conflicts.len(), 2);
    assert!(outcome.conflicts.iter().all(|c| c.base.is_none()));
    assert_eq!(outcome.project.hazards.len(), 3, "nothing dropped");
}

#[test]
fn conflicts_either_copy_held_are_kept() {
    let base = base();
    let mut ours = base.clone();
    ours.hazards[0].owner = "Ann".into();
    let mut theirs = base.clone();
    theirs.hazards[0].owner = "Bob".into();
    let first = merge(&base, &ours, &theirs).project;
    let outcome = merge(&base, &base, &first);
    assert_eq!(outcome.project.conflicts.len(), 1);
}

#[test]
fn an_item_both_copies_hold_from_before_they_parted_is_not_doubled() {
    // The ancestor found is older than the parting: both copies already held hazard 5.
    let base = base();
    let mut ours = base.clone();
    ours.hazards.push(hazard(5, "H003", "Made before parting"));
    let mut theirs = ours.clone();
    theirs.hazards[2].name = "Made before parting, renamed".into();
    let outcome = merge(&base, &ours, &theirs);
    assert_eq!(outcome.project.hazards.len(), 3, "one hazard, not two");
    assert!(outcome.renumbered.is_empty());
    // Without its ancestor state the two versions' differences are conflicts.
    assert_eq!(outcome.conflicts.len(), 1);
    assert_eq!(outcome.conflicts[0].field, "name");
}
