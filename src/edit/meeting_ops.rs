//! Builders for the edits the note-taker makes: meetings, people, attendance, minute entries and
//! action items. Like [`super::ops`], each returns an [`Edit`] and changes nothing itself.

use chrono::{DateTime, NaiveDate, NaiveTime, Utc};

use super::change::{Change, Edit, Slot};
use super::document::Composite;
use crate::domain::{
    ActionItem, ActionKey, ActionStatus, AgendaItem, Attendance, AttendanceStatus, EntryKey,
    EntryKind, Hazard, HazardKey, IdCounters, Meeting, MeetingKey, MinuteEntry, Person, PersonKey,
    Project,
};

/// Fresh keys for `n` new things, and the counters after taking them.
fn keys(project: &Project, n: usize) -> (Vec<u64>, IdCounters) {
    let first = project.counters.next_key;
    let keys = (first..first + n as u64).collect();
    let counters = IdCounters {
        next_key: first + n as u64,
        ..project.counters
    };
    (keys, counters)
}

fn counters_change(project: &Project, after: IdCounters) -> Change {
    Change::Counters {
        before: project.counters,
        after,
    }
}

fn meeting_index(project: &Project, key: MeetingKey) -> Option<usize> {
    project.meetings.iter().position(|m| m.key == key)
}

fn replace_meeting(project: &Project, after: Meeting) -> Option<Change> {
    let index = meeting_index(project, after.key)?;
    let before = &project.meetings[index];
    (*before != after).then(|| {
        Change::Meeting(Slot::Replace {
            index,
            before: Box::new(before.clone()),
            after: Box::new(after),
        })
    })
}

/// The person called `name`: by full name, or by a first name only one person has.
fn person_named(project: &Project, name: &str) -> Option<PersonKey> {
    let name = name.trim();
    if let Some(person) = project
        .people
        .iter()
        .find(|p| p.name.trim().eq_ignore_ascii_case(name))
    {
        return Some(person.key);
    }
    let mut by_first_name = project.people.iter().filter(|p| {
        p.name
            .split_whitespace()
            .next()
            .is_some_and(|first| first.eq_ignore_ascii_case(name))
    });
    match (by_first_name.next(), by_first_name.next()) {
        (Some(person), None) => Some(person.key),
        _ => None,
    }
}

/// The meeting's review queue becomes `queue`, in one undoable step called `label` ("add H003
/// to the agenda"). Empty when nothing changes.
pub fn set_queue(
    project: &Project,
    meeting: MeetingKey,
    queue: Vec<AgendaItem>,
    label: impl Into<String>,
) -> Edit {
    let Some(mut after) = project.meeting(meeting).cloned() else {
        return Edit::new("", vec![]);
    };
    after.queue = queue;
    match replace_meeting(project, after) {
        Some(change) => Edit::new(label, vec![change]),
        None => Edit::new("", vec![]),
    }
}

/// Deletes one minute entry; Undo brings it back where it was. Empty when it is not there.
pub fn delete_entry(project: &Project, meeting: MeetingKey, entry: EntryKey) -> Edit {
    let Some(mut after) = project.meeting(meeting).cloned() else {
        return Edit::new("", vec![]);
    };
    after.entries.retain(|e| e.key != entry);
    match replace_meeting(project, after) {
        Some(change) => Edit::new("delete minute entry", vec![change]),
        None => Edit::new("", vec![]),
    }
}

/// Replaces a meeting with an edited copy (title, times, attendance, entries…). Empty when
/// nothing changed. Typing in one field of one meeting is one undo step.
pub fn update_meeting(project: &Project, after: Meeting, field: &str) -> Edit {
    let key = format!("meeting {} {field}", after.key.0);
    let label = format!("edit {field} of “{}”", after.title);
    match replace_meeting(project, after) {
        Some(change) => Edit::new(label, vec![change]).coalescing(key),
        None => Edit::new("", vec![]),
    }
}

/// A new meeting, dated today, appended to the project.
pub fn add_meeting(project: &Project, title: &str, today: NaiveDate) -> (Edit, MeetingKey) {
    let (keys, counters) = keys(project, 1);
    let meeting = Meeting {
        key: MeetingKey(keys[0]),
        title: title.trim().to_owned(),
        date: Some(today),
        ..Meeting::default()
    };
    let edit = Edit::new(
        format!("add meeting “{}”", meeting.title),
        vec![
            counters_change(project, counters),
            Change::Meeting(Slot::Insert {
                index: project.meetings.len(),
                item: Box::new(meeting),
            }),
        ],
    );
    (edit, MeetingKey(keys[0]))
}

/// Starts a meeting: it becomes the current meeting, its start time is stamped (unless already
/// set), and a meeting that was running is ended first.
pub fn start_meeting(project: &Project, key: MeetingKey, now: NaiveTime, today: NaiveDate) -> Edit {
    let mut changes = Vec::new();
    if let Some(running) = project.current_meeting.filter(|k| *k != key) {
        changes.extend(end_meeting(project, running, now).changes);
    }
    let Some(meeting) = project.meeting(key) else {
        return Edit::new("", vec![]);
    };
    let mut after = meeting.clone();
    after.start = after.start.or(Some(truncate(now)));
    after.date = after.date.or(Some(today));
    after.end = None;
    changes.extend(replace_meeting(project, after));
    changes.push(Change::CurrentMeeting {
        before: project.current_meeting,
        after: Some(key),
    });
    Edit::new(format!("start meeting “{}”", meeting.title), changes)
}

/// Ends a meeting: its end time is stamped and there is no current meeting any more.
pub fn end_meeting(project: &Project, key: MeetingKey, now: NaiveTime) -> Edit {
    let Some(meeting) = project.meeting(key) else {
        return Edit::new("", vec![]);
    };
    let mut after = meeting.clone();
    after.end = Some(truncate(now));
    let mut changes: Vec<Change> = replace_meeting(project, after).into_iter().collect();
    if project.current_meeting == Some(key) {
        changes.push(Change::CurrentMeeting {
            before: Some(key),
            after: None,
        });
    }
    Edit::new(format!("end meeting “{}”", meeting.title), changes)
}

/// Minutes record times to the minute.
fn truncate(time: NaiveTime) -> NaiveTime {
    use chrono::Timelike;
    time.with_second(0)
        .and_then(|t| t.with_nanosecond(0))
        .unwrap_or(time)
}

/// A new person in the project's directory.
pub fn add_person(
    project: &Project,
    name: &str,
    role: &str,
    organisation: &str,
) -> (Edit, PersonKey) {
    let (keys, counters) = keys(project, 1);
    let person = Person {
        key: PersonKey(keys[0]),
        name: name.trim().to_owned(),
        role: role.trim().to_owned(),
        organisation: organisation.trim().to_owned(),
        email: String::new(),
    };
    let edit = Edit::new(
        format!("add {}", person.name),
        vec![
            counters_change(project, counters),
            Change::Person(Slot::Insert {
                index: project.people.len(),
                item: Box::new(person),
            }),
        ],
    );
    (edit, PersonKey(keys[0]))
}

pub fn update_person(project: &Project, after: Person, field: &str) -> Edit {
    let Some(index) = project.people.iter().position(|p| p.key == after.key) else {
        return Edit::new("", vec![]);
    };
    let before = &project.people[index];
    if *before == after {
        return Edit::new("", vec![]);
    }
    Edit::new(
        format!("edit {field} of {}", before.name),
        vec![Change::Person(Slot::Replace {
            index,
            before: Box::new(before.clone()),
            after: Box::new(after.clone()),
        })],
    )
    .coalescing(format!("person {} {field}", after.key.0))
}

/// Records a person's attendance at a meeting (adding them to it if they were not listed).
pub fn set_attendance(
    project: &Project,
    meeting: MeetingKey,
    person: PersonKey,
    status: AttendanceStatus,
) -> Edit {
    let (Some(m), Some(p)) = (project.meeting(meeting), project.person(person)) else {
        return Edit::new("", vec![]);
    };
    let mut after = m.clone();
    match after.attendance.iter_mut().find(|a| a.person == person) {
        Some(attendance) => attendance.status = status,
        None => after.attendance.push(Attendance { person, status }),
    }
    let label = format!("mark {} {}", p.name, status.label().to_lowercase());
    Edit::new(label, replace_meeting(project, after).into_iter().collect())
}

/// Marks someone present at a meeting: a person already in the directory (same name, any
/// case), or a new person added to it first. One undo step either way.
pub fn add_attendee(project: &Project, meeting: MeetingKey, name: &str) -> Composite {
    let existing = project
        .people
        .iter()
        .find(|p| p.name.trim().eq_ignore_ascii_case(name.trim()))
        .map(|p| p.key);
    let (first, person) = match existing {
        Some(key) => (Edit::new("", vec![]), key),
        None => add_person(project, name, "", ""),
    };
    Composite::new(first)
        .then(move |project| set_attendance(project, meeting, person, AttendanceStatus::Present))
}

/// Takes a person off a meeting's attendance list (they stay in the directory).
pub fn remove_attendance(project: &Project, meeting: MeetingKey, person: PersonKey) -> Edit {
    let (Some(m), Some(p)) = (project.meeting(meeting), project.person(person)) else {
        return Edit::new("", vec![]);
    };
    let mut after = m.clone();
    after.attendance.retain(|a| a.person != person);
    let label = format!("remove {} from “{}”", p.name, m.title);
    Edit::new(label, replace_meeting(project, after).into_iter().collect())
}

/// Adds a minute entry to a meeting, stamped with `time`. An Action entry also creates an action
/// item raised in the meeting, linked to the hazards the text mentions.
pub fn add_entry(
    project: &Project,
    meeting: MeetingKey,
    kind: EntryKind,
    text: &str,
    time: Option<NaiveTime>,
) -> Edit {
    add_entry_about(project, meeting, kind, text, time, None)
}

/// [`add_entry`] typed while hazard `about` was under discussion: a decision or action is
/// linked to it (an action item lists it among its hazards).
pub fn add_entry_about(
    project: &Project,
    meeting: MeetingKey,
    kind: EntryKind,
    text: &str,
    time: Option<NaiveTime>,
    about: Option<HazardKey>,
) -> Edit {
    let about = about
        .filter(|_| matches!(kind, EntryKind::Action | EntryKind::Decision))
        .filter(|key| project.hazard(*key).is_some());
    let Some(m) = project.meeting(meeting) else {
        return Edit::new("", vec![]);
    };
    let wants_action = kind == EntryKind::Action;
    // "Tom Reid to check the formulary by 5 Dec": the owner (a new person if not known) and the
    // due date go on the action item; a date without a year is the next one from the meeting.
    let line = wants_action.then(|| {
        let today = m.date.unwrap_or_else(|| chrono::Local::now().date_naive());
        crate::domain::action_line::parse(text, today)
    });
    let known_owner = line
        .as_ref()
        .and_then(|l| l.owner.as_deref())
        .map(|name| person_named(project, name));
    let new_owner = matches!(known_owner, Some(None));
    let count = 1 + usize::from(wants_action) + usize::from(new_owner);
    let (keys, counters) = keys(project, count);
    let mut after = m.clone();
    after.entries.push(MinuteEntry {
        key: EntryKey(keys[0]),
        kind,
        text: text.trim().to_owned(),
        time: time.map(truncate),
        hazard: None,
        about,
    });
    let mut changes = vec![counters_change(project, counters)];
    changes.extend(replace_meeting(project, after));
    if wants_action {
        let index = crate::domain::minutes::HazardIndex::new(project);
        let hazards = crate::domain::minutes::split_references(text, project, &index)
            .into_iter()
            .filter_map(|part| match part {
                crate::domain::minutes::TextPart::Hazard { hazard, .. } => Some(hazard.key),
                crate::domain::minutes::TextPart::Plain(_) => None,
            })
            .chain(about)
            .collect::<Vec<_>>();
        // Once each, in the order first named.
        let mut seen = std::collections::HashSet::new();
        let hazards = hazards.into_iter().filter(|k| seen.insert(*k)).collect();
        let owner = match known_owner {
            Some(Some(key)) => Some(key),
            Some(None) => {
                let person = Person {
                    key: PersonKey(keys[2]),
                    name: line
                        .as_ref()
                        .and_then(|l| l.owner.clone())
                        .unwrap_or_default(),
                    role: String::new(),
                    organisation: String::new(),
                    email: String::new(),
                };
                changes.push(Change::Person(Slot::Insert {
                    index: project.people.len(),
                    item: Box::new(person),
                }));
                Some(PersonKey(keys[2]))
            }
            None => None,
        };
        changes.push(Change::Action(Slot::Insert {
            index: project.actions.len(),
            item: Box::new(ActionItem {
                key: ActionKey(keys[1]),
                description: text.trim().to_owned(),
                owner,
                due: line.as_ref().and_then(|l| l.due),
                status: ActionStatus::Open,
                raised_in: Some(meeting),
                hazards,
                test_issue: false,
            }),
        }));
    }
    Edit::new(
        format!("add {} to the minutes", kind.label().to_lowercase()),
        changes,
    )
}

/// A minute entry (see [`add_entry`]) that is also raised as a hazard (see [`entry_to_hazard`]),
/// in one undo step. The new hazard is the one the meeting's last entry links to.
pub fn add_entry_as_hazard(
    project: &Project,
    meeting: MeetingKey,
    kind: EntryKind,
    text: &str,
    time: Option<NaiveTime>,
    now: DateTime<Utc>,
) -> Composite {
    Composite::new(add_entry(project, meeting, kind, text, time)).then(move |project| {
        project
            .meeting(meeting)
            .and_then(|m| m.entries.last())
            .and_then(|entry| entry_to_hazard(project, meeting, entry.key, now))
            .map_or_else(|| Edit::new("", vec![]), |(edit, _)| edit)
    })
}

/// Turns a minute entry into a new hazard raised in its meeting; the entry links to it.
pub fn entry_to_hazard(
    project: &Project,
    meeting: MeetingKey,
    entry: EntryKey,
    now: DateTime<Utc>,
) -> Option<(Edit, HazardKey)> {
    let m = project.meeting(meeting)?;
    let source = m.entries.iter().find(|e| e.key == entry)?;
    if source.hazard.is_some() {
        return None;
    }
    let mut hazard = Hazard::new(HazardKey(0), String::new(), hazard_name(&source.text), now);
    hazard.description = source.text.clone();
    hazard.raised_in = Some(meeting);
    let (mut edit, key) = super::ops::add_hazard(project, hazard, "raise");
    let mut after = m.clone();
    if let Some(e) = after.entries.iter_mut().find(|e| e.key == entry) {
        e.hazard = Some(key);
    }
    edit.changes.extend(replace_meeting(project, after));
    edit.label = format!("{} from the minutes", edit.label);
    Some((edit, key))
}

/// A hazard name from an entry's text: its first sentence, kept short for the list.
fn hazard_name(text: &str) -> String {
    let first = text.split(['.', '\n']).next().unwrap_or(text).trim();
    let mut name: String = first.chars().take(100).collect();
    if first.chars().count() > 100 {
        name.push('…');
    }
    name
}

pub fn update_action(project: &Project, after: ActionItem, field: &str) -> Edit {
    let Some(index) = project.actions.iter().position(|a| a.key == after.key) else {
        return Edit::new("", vec![]);
    };
    let before = &project.actions[index];
    if *before == after {
        return Edit::new("", vec![]);
    }
    Edit::new(
        format!("edit {field} of action “{}”", short(&before.description)),
        vec![Change::Action(Slot::Replace {
            index,
            before: Box::new(before.clone()),
            after: Box::new(after.clone()),
        })],
    )
    .coalescing(format!("action {} {field}", after.key.0))
}

fn short(text: &str) -> String {
    let mut s: String = text.chars().take(30).collect();
    if text.chars().count() > 30 {
        s.push('…');
    }
    s
}

/// Records that a hazard was discussed in the running meeting, if one is running and it is not
/// recorded yet; to be added to the edit that changed the hazard.
pub fn note_discussed(project: &Project, hazard: HazardKey) -> Option<Change> {
    let meeting = project.meeting(project.current_meeting?)?;
    if meeting.hazards_discussed.contains(&hazard) {
        return None;
    }
    let mut after = meeting.clone();
    after.hazards_discussed.push(hazard);
    replace_meeting(project, after)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::edit::{Document, ops};

    fn now() -> DateTime<Utc> {
        DateTime::UNIX_EPOCH
    }
    fn at(h: u32, m: u32, s: u32) -> NaiveTime {
        NaiveTime::from_hms_opt(h, m, s).unwrap()
    }
    fn today() -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 11, 22).unwrap()
    }

    fn doc_with_meeting() -> (Document, MeetingKey) {
        let mut doc = Document::new(Project::default(), None);
        let (edit, key) = add_meeting(doc.project(), "HAZID 1", today());
        doc.apply(edit).unwrap();
        (doc, key)
    }

    #[test]
    fn a_running_meeting_stamps_entries_raises_and_records_discussed_hazards() {
        let (mut doc, meeting) = doc_with_meeting();
        doc.apply(start_meeting(
            doc.project(),
            meeting,
            at(9, 30, 41),
            today(),
        ))
        .unwrap();
        assert_eq!(doc.project().current_meeting, Some(meeting));
        assert_eq!(
            doc.project().meeting(meeting).unwrap().start,
            Some(at(9, 30, 0))
        );

        let (edit, hazard) = ops::capture_hazard(doc.project(), "Wrong patient", now());
        doc.apply(edit).unwrap();
        assert_eq!(
            doc.project().hazard(hazard).unwrap().raised_in,
            Some(meeting)
        );

        let mut h = doc.project().hazard(hazard).unwrap().clone();
        h.owner = "CSO".into();
        doc.apply(ops::update_hazard(doc.project(), h, "owner", now()))
            .unwrap();
        assert_eq!(
            doc.project().meeting(meeting).unwrap().hazards_discussed,
            [hazard]
        );

        doc.apply(end_meeting(doc.project(), meeting, at(11, 0, 5)))
            .unwrap();
        assert_eq!(doc.project().current_meeting, None);
        assert_eq!(
            doc.project().meeting(meeting).unwrap().end,
            Some(at(11, 0, 0))
        );
    }

    #[test]
    fn attendance_is_recorded_per_person() {
        let (mut doc, meeting) = doc_with_meeting();
        let (edit, ada) = add_person(doc.project(), " Dr Ada ", "CCIO", "Trust");
        doc.apply(edit).unwrap();
        doc.apply(set_attendance(
            doc.project(),
            meeting,
            ada,
            AttendanceStatus::Apologies,
        ))
        .unwrap();
        doc.apply(set_attendance(
            doc.project(),
            meeting,
            ada,
            AttendanceStatus::Present,
        ))
        .unwrap();
        let m = doc.project().meeting(meeting).unwrap();
        assert_eq!(m.attendance.len(), 1, "one record per person");
        assert_eq!(m.attendance_of(ada), Some(AttendanceStatus::Present));
        assert_eq!(doc.project().person(ada).unwrap().name, "Dr Ada");
        doc.apply(remove_attendance(doc.project(), meeting, ada))
            .unwrap();
        assert_eq!(
            doc.project().meeting(meeting).unwrap().attendance_of(ada),
            None
        );
        assert!(
            doc.project().person(ada).is_some(),
            "still in the directory"
        );
    }

    #[test]
    fn an_action_entry_creates_an_action_item_linked_to_the_hazards_it_names() {
        let (mut doc, meeting) = doc_with_meeting();
        let (edit, hazard) = ops::capture_hazard(doc.project(), "Wrong patient", now());
        doc.apply(edit).unwrap();
        doc.apply(add_entry(
            doc.project(),
            meeting,
            EntryKind::Action,
            "Test H001 banner",
            None,
        ))
        .unwrap();
        let action = &doc.project().actions[0];
        assert_eq!(action.description, "Test H001 banner");
        assert_eq!(action.raised_in, Some(meeting));
        assert_eq!(action.hazards, [hazard]);
        assert_eq!(action.status, ActionStatus::Open);
        doc.undo().unwrap();
        assert!(doc.project().actions.is_empty());
        assert!(doc.project().meeting(meeting).unwrap().entries.is_empty());
    }

    #[test]
    fn an_entry_becomes_a_hazard_linked_back_to_it() {
        let (mut doc, meeting) = doc_with_meeting();
        doc.apply(add_entry(
            doc.project(),
            meeting,
            EntryKind::Note,
            "Barcode scanner offline on night shift. Nurses type the NHS number.",
            None,
        ))
        .unwrap();
        let entry = doc.project().meeting(meeting).unwrap().entries[0].key;
        let (edit, hazard) = entry_to_hazard(doc.project(), meeting, entry, now()).unwrap();
        assert_eq!(edit.label, "raise H001 from the minutes");
        doc.apply(edit).unwrap();
        let h = doc.project().hazard(hazard).unwrap();
        assert_eq!(h.name, "Barcode scanner offline on night shift");
        assert_eq!(h.raised_in, Some(meeting));
        assert_eq!(
            doc.project().meeting(meeting).unwrap().entries[0].hazard,
            Some(hazard)
        );
        assert!(
            entry_to_hazard(doc.project(), meeting, entry, now()).is_none(),
            "only once"
        );
        doc.undo().unwrap();
        assert!(doc.project().hazards.is_empty());
        assert_eq!(
            doc.project().meeting(meeting).unwrap().entries[0].hazard,
            None
        );
    }

    #[test]
    fn starting_a_meeting_ends_the_one_running() {
        let (mut doc, first) = doc_with_meeting();
        let (edit, second) = add_meeting(doc.project(), "HAZAN", today());
        doc.apply(edit).unwrap();
        doc.apply(start_meeting(doc.project(), first, at(9, 0, 0), today()))
            .unwrap();
        doc.apply(start_meeting(doc.project(), second, at(10, 0, 0), today()))
            .unwrap();
        assert_eq!(doc.project().current_meeting, Some(second));
        assert_eq!(
            doc.project().meeting(first).unwrap().end,
            Some(at(10, 0, 0))
        );
        doc.undo().unwrap();
        assert_eq!(doc.project().current_meeting, Some(first));
    }
}
