//! Keeps the ready-to-issue problems of the open document up to date off the UI thread: one
//! checks job at a time on a shared snapshot, its results shown as current only while the
//! document is still at the revision they were computed for.
//!
//! While a job holds the snapshot, the next edit copies the whole project (the document is
//! copy-on-write): cheap for a workshop's log, a noticeable pause at thousands of hazards. So in
//! a large log checking waits until typing has paused ([`QUIET`]), and a burst of typing costs
//! no copies.

use std::sync::Arc;
use std::sync::mpsc::{Receiver, Sender, channel};
use std::time::{Duration, Instant};

use chrono::NaiveDate;

use crate::domain::checks::{Problem, check_project};
use crate::edit::Document;
use crate::ui::checks_pane::CheckReport;

/// Which document state a result belongs to: the open document (counted up each time another
/// one replaces it, since revisions restart at 0) and its revision.
type Generation = (u64, u64);

/// How long a large log must be left unchanged before it is checked again.
pub const QUIET: Duration = Duration::from_millis(400);
/// From this many hazards on, checking waits for [`QUIET`].
pub const LARGE_LOG: usize = 2_000;

struct Finished {
    generation: Generation,
    problems: Vec<Problem>,
}

pub struct ChecksRunner {
    sender: Sender<Finished>,
    receiver: Receiver<Finished>,
    /// The generation a job is computing now, if one is running.
    running: Option<Generation>,
    /// The generation of the results on show.
    shown: Option<Generation>,
    document: u64,
    /// The generation last seen in [`ChecksRunner::tick`], and since when.
    seen: Option<(Generation, Instant)>,
    report: CheckReport,
    ctx: Option<egui::Context>,
}

impl Default for ChecksRunner {
    fn default() -> Self {
        let (sender, receiver) = channel();
        ChecksRunner {
            sender,
            receiver,
            running: None,
            shown: None,
            document: 0,
            seen: None,
            report: CheckReport::default(),
            ctx: None,
        }
    }
}

impl ChecksRunner {
    pub fn set_context(&mut self, ctx: &egui::Context) {
        if self.ctx.is_none() {
            self.ctx = Some(ctx.clone());
        }
    }

    /// Another document is open: its results are not the old one's.
    pub fn forget(&mut self) {
        self.document += 1;
        self.shown = None;
        self.report = CheckReport::default();
    }

    /// Takes finished results and starts checking again if the document changed since. Cheap
    /// when nothing changed: call it every frame.
    pub fn tick(&mut self, doc: &Document, today: NaiveDate) {
        let now = (self.document, doc.revision());
        for finished in self.receiver.try_iter() {
            if Some(finished.generation) == self.running {
                self.running = None;
            }
            // A result of a replaced document is dropped; one of an older revision of this
            // document is still shown (marked not current) until the newer one arrives.
            if finished.generation.0 == self.document {
                self.shown = Some(finished.generation);
                self.report.problems = Arc::new(finished.problems);
                self.report.ready = true;
            }
        }
        self.report.current = self.shown == Some(now);
        if self.report.current || self.running.is_some() {
            return;
        }
        let since = match self.seen {
            Some((seen, since)) if seen == now => since,
            _ => {
                let since = Instant::now();
                self.seen = Some((now, since));
                since
            }
        };
        // The first check of a document (no results yet) never waits.
        let waited = since.elapsed();
        if self.report.ready && doc.project().hazards.len() >= LARGE_LOG && waited < QUIET {
            if let Some(ctx) = &self.ctx {
                ctx.request_repaint_after(QUIET - waited);
            }
            return;
        }
        self.running = Some(now);
        let snapshot = doc.snapshot();
        let sender = self.sender.clone();
        let ctx = self.ctx.clone();
        std::thread::Builder::new()
            .name("hazard-workshop-checks".into())
            .spawn(move || {
                let problems = check_project(&snapshot, today);
                // Let the project go before waking the UI, so the next edit need not copy it.
                drop(snapshot);
                let _ = sender.send(Finished {
                    generation: now,
                    problems,
                });
                if let Some(ctx) = ctx {
                    ctx.request_repaint();
                }
            })
            .expect("the OS can start a thread");
    }

    /// Whether the problems on show are not yet those of the document as it is now.
    pub fn is_checking(&self) -> bool {
        self.running.is_some() || !self.report.current
    }

    pub fn report(&self) -> &CheckReport {
        &self.report
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::Project;
    use crate::edit::ops;

    fn today() -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 11, 28).unwrap()
    }

    /// Ticks until the results are those of the document as it is now.
    fn settle(runner: &mut ChecksRunner, doc: &Document) {
        for _ in 0..1_000 {
            runner.tick(doc, today());
            if !runner.is_checking() {
                return;
            }
            std::thread::sleep(Duration::from_millis(2));
        }
        panic!("the checks did not finish");
    }

    #[test]
    fn results_follow_the_document_and_a_replaced_document_starts_afresh() {
        let mut runner = ChecksRunner::default();
        let mut log = Document::new(Project::default(), None);
        assert_eq!(runner.report().summary(), "Checking…");
        settle(&mut runner, &log);
        assert_eq!(runner.report().summary(), "No problems");

        let (edit, _) = ops::capture_hazard(log.project(), "Pump", chrono::Utc::now());
        log.apply(edit).unwrap();
        runner.tick(&log, today());
        assert!(
            runner.is_checking(),
            "the shown results are of the old revision"
        );
        assert!(!runner.report().current);
        settle(&mut runner, &log);
        let report = runner.report();
        assert!(report.current);
        assert!(
            report.problems.iter().any(|p| p.display_id == "H001"),
            "{:?}",
            report.problems
        );

        // Another document (revisions restart at 0): the old results are not shown for it.
        runner.forget();
        let other = Document::new(Project::default(), None);
        assert!(!runner.report().ready);
        settle(&mut runner, &other);
        assert_eq!(runner.report().summary(), "No problems");
    }
}
