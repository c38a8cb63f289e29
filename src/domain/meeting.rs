//! Workshops and their records: people, meetings, attendance, minute entries and action items.

use chrono::{NaiveDate, NaiveTime};
use serde::{Deserialize, Serialize};

use super::hazard::HazardKey;

#[derive(
    Clone, Copy, Debug, Default, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize,
)]
pub struct MeetingKey(pub u64);

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub struct PersonKey(pub u64);

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub struct EntryKey(pub u64);

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub struct ActionKey(pub u64);

/// Someone in the project's people directory, reused across meetings.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Person {
    pub key: PersonKey,
    pub name: String,
    #[serde(default)]
    pub role: String,
    #[serde(default)]
    pub organisation: String,
    #[serde(default)]
    pub email: String,
}

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum MeetingKind {
    /// Hazard identification.
    #[default]
    Hazid,
    /// Hazard analysis: scoring what a HAZID found.
    Hazan,
    MitigationReview,
    ClinicalSafetyReview,
    Other,
}

impl MeetingKind {
    pub const ALL: [MeetingKind; 5] = [
        MeetingKind::Hazid,
        MeetingKind::Hazan,
        MeetingKind::MitigationReview,
        MeetingKind::ClinicalSafetyReview,
        MeetingKind::Other,
    ];

    pub fn label(self) -> &'static str {
        match self {
            MeetingKind::Hazid => "Hazard identification (HAZID)",
            MeetingKind::Hazan => "Hazard analysis (HAZAN)",
            MeetingKind::MitigationReview => "Mitigation review",
            MeetingKind::ClinicalSafetyReview => "Clinical safety review",
            MeetingKind::Other => "Other",
        }
    }
}

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum AttendanceStatus {
    #[default]
    Present,
    Apologies,
    Absent,
}

impl AttendanceStatus {
    pub const ALL: [AttendanceStatus; 3] = [
        AttendanceStatus::Present,
        AttendanceStatus::Apologies,
        AttendanceStatus::Absent,
    ];

    pub fn label(self) -> &'static str {
        match self {
            AttendanceStatus::Present => "Present",
            AttendanceStatus::Apologies => "Apologies",
            AttendanceStatus::Absent => "Absent",
        }
    }
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Attendance {
    pub person: PersonKey,
    pub status: AttendanceStatus,
}

/// What a line of the minutes records.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum EntryKind {
    #[default]
    Note,
    Decision,
    Action,
    Parked,
    /// "Considered, not a hazard because…": the text holds the reason.
    NotAHazard,
    InformationNeeded,
}

impl EntryKind {
    pub const ALL: [EntryKind; 6] = [
        EntryKind::Note,
        EntryKind::Decision,
        EntryKind::Action,
        EntryKind::Parked,
        EntryKind::NotAHazard,
        EntryKind::InformationNeeded,
    ];

    pub fn label(self) -> &'static str {
        match self {
            EntryKind::Note => "Note",
            EntryKind::Decision => "Decision",
            EntryKind::Action => "Action",
            EntryKind::Parked => "Parked",
            EntryKind::NotAHazard => "Not a hazard",
            EntryKind::InformationNeeded => "Information needed",
        }
    }
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct MinuteEntry {
    pub key: EntryKey,
    pub kind: EntryKind,
    pub text: String,
    /// Clock time the entry was made, when made during a running meeting.
    #[serde(default)]
    pub time: Option<NaiveTime>,
    /// The hazard this entry was turned into, if any.
    #[serde(default)]
    pub hazard: Option<HazardKey>,
    /// The hazard under discussion when a decision or action was typed.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub about: Option<HazardKey>,
}

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Meeting {
    pub key: MeetingKey,
    pub title: String,
    #[serde(default)]
    pub kind: MeetingKind,
    #[serde(default)]
    pub date: Option<NaiveDate>,
    #[serde(default)]
    pub start: Option<NaiveTime>,
    #[serde(default)]
    pub end: Option<NaiveTime>,
    /// A room, or a call link.
    #[serde(default)]
    pub location: String,
    /// System, version and workflows covered.
    #[serde(default)]
    pub scope: String,
    #[serde(default)]
    pub agenda: Vec<String>,
    #[serde(default)]
    pub facilitator: Option<PersonKey>,
    #[serde(default)]
    pub note_taker: Option<PersonKey>,
    #[serde(default)]
    pub attendance: Vec<Attendance>,
    #[serde(default)]
    pub entries: Vec<MinuteEntry>,
    /// Hazards edited while this meeting was running.
    #[serde(default)]
    pub hazards_discussed: Vec<HazardKey>,
    /// The review queue: what the meeting goes through, in order, each marked when reviewed.
    /// Kept beside the free-text `agenda`; absent in files written before it existed.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub queue: Vec<AgendaItem>,
}

/// One item of a meeting's review queue.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct AgendaItem {
    pub target: AgendaTarget,
    /// The room has been through it (set on moving on to the next item, or by hand).
    #[serde(default)]
    pub reviewed: bool,
}

/// What a review queue item is about.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum AgendaTarget {
    Hazard(HazardKey),
    /// A workflow step of the walk (see [`super::technique`]), from its first prompt.
    Step(super::technique::StepKey),
}

impl AgendaTarget {
    /// "H003" or "step Prescribe", for undo labels and the queue.
    pub fn describe(&self, project: &super::Project) -> String {
        match self {
            AgendaTarget::Hazard(key) => project
                .hazard(*key)
                .map_or_else(|| "a hazard".to_owned(), |h| h.display_id.clone()),
            AgendaTarget::Step(key) => project
                .technique
                .step(*key)
                .map_or_else(|| "a step".to_owned(), |s| format!("step {}", s.name)),
        }
    }
}

impl AgendaItem {
    pub fn new(target: AgendaTarget) -> AgendaItem {
        AgendaItem {
            target,
            reviewed: false,
        }
    }

    pub fn hazard(&self) -> Option<HazardKey> {
        match self.target {
            AgendaTarget::Hazard(key) => Some(key),
            AgendaTarget::Step(_) => None,
        }
    }
}

/// How far a review queue has got: "7 of 12 reviewed, 3 unscored".
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct QueueProgress {
    pub total: usize,
    pub reviewed: usize,
    /// Queued hazards without an initial score.
    pub unscored: usize,
}

impl QueueProgress {
    pub fn of(meeting: &Meeting, project: &super::Project) -> QueueProgress {
        let unscored = meeting
            .queue
            .iter()
            .filter_map(AgendaItem::hazard)
            .filter_map(|key| project.hazard(key))
            .filter(|h| h.initial_rating(&project.matrix).is_none())
            .count();
        QueueProgress {
            total: meeting.queue.len(),
            reviewed: meeting.queue.iter().filter(|i| i.reviewed).count(),
            unscored,
        }
    }

    pub fn text(&self) -> String {
        format!(
            "{} of {} reviewed, {} unscored",
            self.reviewed, self.total, self.unscored
        )
    }
}

impl Meeting {
    /// The review queue's current item: the one last moved to (`last`), while it is a step or
    /// still names the selected hazard; else the first item naming the selected hazard.
    pub fn queue_position(
        &self,
        selected: Option<HazardKey>,
        last: Option<usize>,
    ) -> Option<usize> {
        let still = last.filter(|&i| {
            self.queue
                .get(i)
                .is_some_and(|item| item.hazard().is_none() || item.hazard() == selected)
        });
        still.or_else(|| {
            let selected = selected?;
            self.queue
                .iter()
                .position(|item| item.hazard() == Some(selected))
        })
    }

    /// Whether `target` is in the review queue.
    pub fn queues(&self, target: &AgendaTarget) -> bool {
        self.queue.iter().any(|item| item.target == *target)
    }

    pub fn attendance_of(&self, person: PersonKey) -> Option<AttendanceStatus> {
        self.attendance
            .iter()
            .find(|a| a.person == person)
            .map(|a| a.status)
    }

    pub fn people_with(&self, status: AttendanceStatus) -> impl Iterator<Item = PersonKey> + '_ {
        self.attendance
            .iter()
            .filter(move |a| a.status == status)
            .map(|a| a.person)
    }
}

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum ActionStatus {
    #[default]
    Open,
    Done,
    Cancelled,
}

impl ActionStatus {
    pub fn label(self) -> &'static str {
        match self {
            ActionStatus::Open => "Open",
            ActionStatus::Done => "Done",
            ActionStatus::Cancelled => "Cancelled",
        }
    }
}

/// A follow-up given to someone in a workshop.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ActionItem {
    pub key: ActionKey,
    pub description: String,
    #[serde(default)]
    pub owner: Option<PersonKey>,
    #[serde(default)]
    pub due: Option<NaiveDate>,
    #[serde(default)]
    pub status: ActionStatus,
    #[serde(default)]
    pub raised_in: Option<MeetingKey>,
    #[serde(default)]
    pub hazards: Vec<HazardKey>,
    /// A test issue: listed in section 6 of the safety case report.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub test_issue: bool,
}

impl ActionItem {
    /// Open and past its due date.
    pub fn is_overdue(&self, today: NaiveDate) -> bool {
        self.status == ActionStatus::Open && self.due.is_some_and(|due| due < today)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_queues_current_item_follows_the_selection_or_the_last_move() {
        let h = |n| AgendaItem::new(AgendaTarget::Hazard(HazardKey(n)));
        let step = AgendaItem::new(AgendaTarget::Step(crate::domain::technique::StepKey(9)));
        let meeting = Meeting {
            queue: vec![h(1), step, h(2), h(1)],
            ..Meeting::default()
        };
        let sel = |n| Some(HazardKey(n));
        assert_eq!(meeting.queue_position(sel(2), None), Some(2));
        assert_eq!(meeting.queue_position(sel(1), None), Some(0), "the first");
        assert_eq!(
            meeting.queue_position(sel(1), Some(3)),
            Some(3),
            "the one moved to"
        );
        assert_eq!(
            meeting.queue_position(sel(2), Some(3)),
            Some(2),
            "selection moved on"
        );
        assert_eq!(
            meeting.queue_position(sel(7), Some(1)),
            Some(1),
            "a step stays current"
        );
        assert_eq!(meeting.queue_position(sel(7), None), None);
        assert_eq!(meeting.queue_position(None, Some(99)), None);
    }

    #[test]
    fn a_meeting_written_before_the_queue_existed_loads_with_an_empty_one() {
        let meeting = Meeting {
            title: "HAZID".into(),
            ..Meeting::default()
        };
        let text = ron::to_string(&meeting).unwrap();
        assert!(
            !text.contains("queue"),
            "an empty queue is not written: {text}"
        );
        let back: Meeting = ron::from_str(&text).unwrap();
        assert_eq!(back, meeting);
        let queued = Meeting {
            queue: vec![AgendaItem {
                target: AgendaTarget::Hazard(HazardKey(3)),
                reviewed: true,
            }],
            ..meeting
        };
        let back: Meeting = ron::from_str(&ron::to_string(&queued).unwrap()).unwrap();
        assert_eq!(back, queued);
    }

    #[test]
    fn attendance_is_looked_up_per_person() {
        let meeting = Meeting {
            attendance: vec![
                Attendance {
                    person: PersonKey(1),
                    status: AttendanceStatus::Present,
                },
                Attendance {
                    person: PersonKey(2),
                    status: AttendanceStatus::Apologies,
                },
            ],
            ..Meeting::default()
        };
        assert_eq!(
            meeting.attendance_of(PersonKey(2)),
            Some(AttendanceStatus::Apologies)
        );
        assert_eq!(meeting.attendance_of(PersonKey(3)), None);
        let present: Vec<_> = meeting.people_with(AttendanceStatus::Present).collect();
        assert_eq!(present, [PersonKey(1)]);
    }

    #[test]
    fn only_open_actions_past_due_are_overdue() {
        let today = NaiveDate::from_ymd_opt(2026, 3, 10).unwrap();
        let mut action = ActionItem {
            key: ActionKey(1),
            description: "Confirm downtime procedure".into(),
            owner: None,
            due: NaiveDate::from_ymd_opt(2026, 3, 9),
            status: ActionStatus::Open,
            raised_in: None,
            hazards: vec![],
            test_issue: false,
        };
        assert!(action.is_overdue(today));
        action.status = ActionStatus::Done;
        assert!(!action.is_overdue(today));
        action.status = ActionStatus::Open;
        action.due = Some(today);
        assert!(!action.is_overdue(today));
        action.due = None;
        assert!(!action.is_overdue(today));
    }
}
