//! The merges of a meeting (its fields, then its minute entries by key) and of the technique
//! records (scope, steps, decks, coverage, closing-sweep reasons, steps covered, provenance).

use super::fields::{At, FieldTable, Sink};
use super::keyed::merge_keyed;
use super::{ConflictPlace, Lones, Sources};
use crate::domain::Meeting;
use crate::domain::technique::Technique;

pub(super) fn merge_meeting(
    base: Option<&Meeting>,
    ours: &Meeting,
    theirs: &Meeting,
    sink: &mut Sink,
    lones: &mut Lones,
    sources: &Sources,
) -> Meeting {
    let label = format!("meeting “{}”", ours.title);
    let mut out = Meeting::merge_fields(
        base,
        ours,
        theirs,
        &At {
            place: ConflictPlace::Meeting(ours.key),
            label,
        },
        sink,
    );
    let meeting = ours.key;
    out.entries = merge_keyed(
        base.map(|b| b.entries.as_slice()),
        &ours.entries,
        &theirs.entries,
        |e| e.key,
        |b, o, t| {
            let at = At {
                place: ConflictPlace::Entry(meeting, o.key),
                label: format!("minute “{}” of “{}”", short(&o.text), ours.title),
            };
            FieldTable::merge_fields(b, o, t, &at, sink)
        },
        |lone| lones.note(lone, |e| format!("minute “{}”", short(&e.text)), sources),
    );
    out
}

pub(super) fn merge_technique(
    base: Option<&Technique>,
    ours: &Technique,
    theirs: &Technique,
    sink: &mut Sink,
    lones: &mut Lones,
    sources: &Sources,
) -> Technique {
    let at = |place: ConflictPlace, label: String| At { place, label };
    let mut out = ours.clone();
    out.scope = FieldTable::merge_fields(
        base.map(|b| &b.scope),
        &ours.scope,
        &theirs.scope,
        &at(ConflictPlace::Technique, "scope".into()),
        sink,
    );
    out.steps = merge_keyed(
        base.map(|b| b.steps.as_slice()),
        &ours.steps,
        &theirs.steps,
        |s| s.key,
        |b, o, t| {
            let place = at(ConflictPlace::Step(o.key), format!("step “{}”", o.name));
            FieldTable::merge_fields(b, o, t, &place, sink)
        },
        |lone| lones.note(lone, |s| format!("step “{}”", s.name), sources),
    );
    out.decks = merge_keyed(
        base.map(|b| b.decks.as_slice()),
        &ours.decks,
        &theirs.decks,
        |d| d.id.clone(),
        |b, o, t| {
            sink.whole(
                b,
                o,
                t,
                &at(ConflictPlace::Deck(o.id.clone()), deck_label(o)),
            )
        },
        |lone| lones.note(lone, deck_label, sources),
    );
    let cell_label =
        |c: &crate::domain::technique::CellRecord| format!("coverage of prompt {}", c.prompt.0);
    out.coverage = merge_keyed(
        base.map(|b| b.coverage.as_slice()),
        &ours.coverage,
        &theirs.coverage,
        |c| (c.step, c.prompt.clone()),
        |b, o, t| {
            let place = at(
                ConflictPlace::Coverage(o.step, o.prompt.clone()),
                cell_label(o),
            );
            FieldTable::merge_fields(b, o, t, &place, sink)
        },
        |lone| lones.note(lone, cell_label, sources),
    );
    let reason_label =
        |r: &crate::domain::technique::FamilyReason| format!("reason for family {}", r.family.0);
    out.family_reasons = merge_keyed(
        base.map(|b| b.family_reasons.as_slice()),
        &ours.family_reasons,
        &theirs.family_reasons,
        |r| (r.deck.clone(), r.family.clone()),
        |b, o, t| {
            let place = ConflictPlace::FamilyReason(o.deck.clone(), o.family.clone());
            sink.whole(b, o, t, &at(place, reason_label(o)))
        },
        |lone| lones.note(lone, reason_label, sources),
    );
    out.meeting_steps = merge_keyed(
        base.map(|b| b.meeting_steps.as_slice()),
        &ours.meeting_steps,
        &theirs.meeting_steps,
        |m| m.meeting,
        |b, o, t| {
            let place = at(
                ConflictPlace::MeetingSteps(o.meeting),
                "steps of a meeting".into(),
            );
            FieldTable::merge_fields(b, o, t, &place, sink)
        },
        |lone| lones.note(lone, |_| "steps of a meeting".into(), sources),
    );
    out.provenance = merge_keyed(
        base.map(|b| b.provenance.as_slice()),
        &ours.provenance,
        &theirs.provenance,
        |p| p.hazard,
        |b, o, t| {
            let place = at(
                ConflictPlace::Provenance(o.hazard),
                "where a hazard came from".into(),
            );
            sink.whole(b, o, t, &place)
        },
        |lone| lones.note(lone, |p| p.origin.describe(), sources),
    );
    out
}

fn deck_label(deck: &crate::domain::technique::Deck) -> String {
    format!("prompt deck “{}”", deck.name)
}

/// The first words of a text, for labels.
pub(super) fn short(text: &str) -> String {
    const MAX: usize = 40;
    let line = text.lines().next().unwrap_or_default();
    if line.chars().count() <= MAX && line.len() == text.len() {
        line.to_owned()
    } else {
        format!("{}…", line.chars().take(MAX).collect::<String>())
    }
}
