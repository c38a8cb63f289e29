//! Realistic synthetic hazard logs of any size, for the benchmarks: several causes and controls
//! per hazard, scores spread over the matrix, meetings with minutes and actions.

use chrono::{DateTime, NaiveDate, NaiveTime, TimeZone, Utc};
use hazard_workshop::domain::*;

const WHAT_IFS: [&str; 10] = [
    "Wrong patient record opened",
    "Dose entered in the wrong unit",
    "Allergy alert not shown",
    "System unavailable during the drug round",
    "Interface message not received",
    "Discharge letter lists the wrong medicines",
    "Too many low-value alerts",
    "Data lost on save",
    "Weight out of date for dose calculation",
    "Referral not actioned",
];
const CAUSES: [&str; 6] = [
    "Similar names on the same ward list",
    "Free-text dose entry allowed for some products",
    "Supplier default configuration not reviewed",
    "Network drop on mobile workstations",
    "Training not completed by bank staff",
    "Interface queue stalls without an alert",
];

fn time(seconds: i64) -> DateTime<Utc> {
    Utc.timestamp_opt(1_780_000_000 + seconds, 0).unwrap()
}

/// A project of `n` hazards (deterministic: the same `n` gives the same project).
pub fn project(n: usize) -> Project {
    let mut p = Project::default();
    p.metadata.system_name = "Synthetic ePMA".into();
    p.metadata.organisation = "Benchmark NHS Trust".into();
    for i in 0..10 {
        p.people.push(Person {
            key: PersonKey(1_000_000 + i),
            name: format!("Person {i}"),
            role: ["CSO", "Pharmacist", "Nurse", "Tester", "Trainer"][i as usize % 5].into(),
            organisation: "Benchmark NHS Trust".into(),
            email: String::new(),
        });
    }
    let meetings = (n / 200).clamp(2, 50);
    for m in 0..meetings {
        let key = MeetingKey(2_000_000 + m as u64);
        p.meetings.push(Meeting {
            key,
            title: format!("Workshop {}", m + 1),
            kind: if m % 2 == 0 {
                MeetingKind::Hazid
            } else {
                MeetingKind::Hazan
            },
            date: NaiveDate::from_ymd_opt(2026, 1 + (m % 12) as u32, 1 + (m % 28) as u32),
            start: NaiveTime::from_hms_opt(9, 30, 0),
            end: NaiveTime::from_hms_opt(12, 0, 0),
            location: "Seminar room".into(),
            scope: "Prescribing and administration".into(),
            agenda: vec!["Prescribing".into(), "Administration".into()],
            facilitator: Some(PersonKey(1_000_000)),
            note_taker: Some(PersonKey(1_000_001)),
            attendance: (0..8)
                .map(|i| Attendance {
                    person: PersonKey(1_000_000 + i),
                    status: AttendanceStatus::Present,
                })
                .collect(),
            entries: (0..20)
                .map(|e| MinuteEntry {
                    key: EntryKey(3_000_000 + (m * 100 + e) as u64),
                    kind: EntryKind::ALL[e % 6],
                    text: format!(
                        "Discussed H{:05} and the controls for it",
                        (m * 20 + e) % n.max(1) + 1
                    ),
                    time: NaiveTime::from_hms_opt(10, (e % 60) as u32, 0),
                    hazard: None,
                    about: None,
                })
                .collect(),
            hazards_discussed: Vec::new(),
            // A review queue of 30 hazards, the first ten reviewed: the minutes pane and the
            // status bar draw it every frame.
            queue: (0..30)
                .map(|q| AgendaItem {
                    target: AgendaTarget::Hazard(HazardKey(((m * 30 + q) % n.max(1)) as u64 + 1)),
                    reviewed: q < 10,
                })
                .collect(),
        });
    }
    for i in 0..n {
        let key = HazardKey(i as u64 + 1);
        let mut h = Hazard::new(
            key,
            format!("H{:05}", i + 1),
            format!("{} ({})", WHAT_IFS[i % WHAT_IFS.len()], i),
            time(i as i64),
        );
        h.description = format!(
            "{} in workflow step {} of the inpatient pathway, found by a SWIFT prompt.",
            WHAT_IFS[(i * 7) % WHAT_IFS.len()],
            i % 40
        );
        h.harm =
            "Delayed or wrong treatment; potential for serious harm to a single patient.".into();
        h.causes = (0..1 + i % 4)
            .map(|c| CAUSES[(i + c) % CAUSES.len()].to_owned())
            .collect();
        h.existing_controls = ExistingControl::from_texts(vec![
            "Patient banner on every screen".into(),
            "Pharmacist verification of new prescriptions".into(),
        ]);
        if i % 5 != 0 {
            h.initial = Assessment::new(Severity::ALL[i % 5], Likelihood::ALL[(i / 5) % 5]);
            h.status = HazardStatus::Open;
        }
        if i % 3 == 0 {
            h.additional_controls = vec![
                AdditionalControl {
                    kind: ControlKind::ALL[i % 4],
                    text: "Hard stop on doses above the maximum".into(),
                    owner: "Supplier".into(),
                    evidence: "Test report TR-1".into(),
                },
                AdditionalControl {
                    kind: ControlKind::Training,
                    text: "Banner check in the e-learning module".into(),
                    owner: "Trainer".into(),
                    evidence: String::new(),
                },
            ];
            if let (Some(s), Some(l)) = (h.initial.severity, h.initial.likelihood) {
                h.residual = Assessment::new(s, Likelihood::ALL[l.index().saturating_sub(2)]);
            }
        }
        h.owner = ["Chief Pharmacist", "CSO", "Supplier"][i % 3].into();
        h.raised_in = Some(p.meetings[i % meetings].key);
        p.hazards.push(h);
    }
    p.counters = IdCounters {
        next_key: 4_000_000,
        next_hazard_number: n as u32 + 1,
    };
    p.hazard_id_digits = 5;
    p
}
