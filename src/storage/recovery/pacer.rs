//! When to journal: at most once an interval while a document has unsaved changes, never
//! dropping the last change of a burst.

use std::time::{Duration, Instant};

/// When to hand the writer a new snapshot: when the document has unsaved changes that are not
/// journalled yet, at most once per `interval` (a second or two). Call [`RecoveryPacer::due`]
/// each frame; while it has a change waiting, [`RecoveryPacer::wake_in`] says when to repaint so
/// the last change of a burst is journalled even if the user then stops typing.
#[derive(Clone, Debug)]
pub struct RecoveryPacer {
    interval: Duration,
    journalled_revision: Option<u64>,
    last_submit: Option<Instant>,
}

impl RecoveryPacer {
    pub fn new(interval: Duration) -> RecoveryPacer {
        RecoveryPacer {
            interval,
            journalled_revision: None,
            last_submit: None,
        }
    }

    /// Whether to submit the document now (`revision` and `dirty` as the document reports
    /// them). A true answer counts as submitted.
    pub fn due(&mut self, revision: u64, dirty: bool, now: Instant) -> bool {
        if !dirty || self.journalled_revision == Some(revision) {
            return false;
        }
        let waited = self
            .last_submit
            .is_none_or(|t| now.saturating_duration_since(t) >= self.interval);
        if waited {
            self.journalled_revision = Some(revision);
            self.last_submit = Some(now);
        }
        waited
    }

    /// How long until a change that is waiting becomes due; `None` when nothing waits.
    pub fn wake_in(&self, revision: u64, dirty: bool, now: Instant) -> Option<Duration> {
        if !dirty || self.journalled_revision == Some(revision) {
            return None;
        }
        Some(self.last_submit.map_or(Duration::ZERO, |t| {
            self.interval
                .saturating_sub(now.saturating_duration_since(t))
        }))
    }

    /// Forget what was journalled: after the journal was discarded (saved, closed, another
    /// document opened).
    pub fn reset(&mut self) {
        self.journalled_revision = None;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_pacer_submits_changes_at_most_once_an_interval_and_never_drops_the_last() {
        let start = Instant::now();
        let at = |ms| start + Duration::from_millis(ms);
        let mut pacer = RecoveryPacer::new(Duration::from_secs(1));
        assert!(!pacer.due(0, false, at(0)), "nothing unsaved");
        assert_eq!(pacer.wake_in(0, false, at(0)), None);
        assert!(pacer.due(1, true, at(0)), "the first change goes at once");
        assert!(!pacer.due(1, true, at(10)), "already journalled");
        assert!(!pacer.due(2, true, at(300)), "too soon");
        assert_eq!(
            pacer.wake_in(2, true, at(300)),
            Some(Duration::from_millis(700))
        );
        assert!(!pacer.due(3, true, at(600)));
        assert!(
            pacer.due(3, true, at(1000)),
            "the latest change, once the interval is up"
        );
        assert_eq!(pacer.wake_in(3, true, at(1000)), None);
        // Saved: nothing to journal until the next change.
        pacer.reset();
        assert!(!pacer.due(3, false, at(5000)));
        assert!(pacer.due(4, true, at(5001)));
    }
}
