//! The meeting's review queue, walked from the keyboard: Next (F8) marks the item the room is
//! on as reviewed, in one undoable step, and moves the selection (and so the presenter) to the
//! next; Previous (Shift+F8) moves back without changing anything.

use super::HazardWorkshopApp;
use crate::domain::{AgendaTarget, MeetingKey};
use crate::edit::meeting_ops;

impl HazardWorkshopApp {
    /// The next or previous item of the shown meeting's review queue.
    pub(super) fn move_in_agenda(&mut self, forward: bool) {
        let project = self.doc.project();
        let Some(meeting) = self
            .view
            .minutes
            .shown(project)
            .and_then(|key| project.meeting(key))
        else {
            return self.error("There is no meeting: start one in the Minutes pane.".to_owned());
        };
        if meeting.queue.is_empty() {
            return self.error(
                "The meeting's agenda has no items to review: add hazards to it in the Minutes \
                 pane."
                    .to_owned(),
            );
        }
        let key = meeting.key;
        let len = meeting.queue.len();
        let current = meeting.queue_position(self.view.selected, self.view.minutes.agenda_at);
        let to = match (current, forward) {
            (None, true) => meeting.queue.iter().position(|i| !i.reviewed).unwrap_or(0),
            (None, false) => len - 1,
            (Some(i), true) => (i + 1).min(len - 1),
            (Some(i), false) => i.saturating_sub(1),
        };
        // Moving on is the room saying it is done with this item: marked reviewed, undoable.
        if forward
            && let Some(i) = current
            && !meeting.queue[i].reviewed
            && self.doc.read_only().is_none()
        {
            let mut queue = meeting.queue.clone();
            queue[i].reviewed = true;
            let label = format!("review {}", queue[i].target.describe(project));
            let edit = meeting_ops::set_queue(project, key, queue, label);
            self.apply(edit);
        }
        self.go_to_agenda_item(key, to);
    }

    /// Selects what review queue item `index` is about: its hazard (which the presenter shows),
    /// or its step's first prompt in the walk.
    pub(super) fn go_to_agenda_item(&mut self, meeting: MeetingKey, index: usize) {
        let project = self.doc.project();
        let Some(item) = project.meeting(meeting).and_then(|m| m.queue.get(index)) else {
            return;
        };
        self.view.minutes.meeting = Some(meeting);
        self.view.minutes.agenda_at = Some(index);
        match item.target.clone() {
            AgendaTarget::Hazard(hazard) => {
                self.view.selected = Some(hazard);
                // Listed and scrolled to, even under a search or filter that hid it.
                self.view.list.reveal(project, hazard);
            }
            AgendaTarget::Step(step) => self.view.walk.go_to_step(&self.doc, step),
        }
    }
}
