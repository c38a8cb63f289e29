//! Walking the workshop step x prompt: which cell of the coverage grid is current, moving it
//! from the keyboard, and the line that says where the room is.

use std::sync::Arc;

use egui::Ui;

use crate::domain::Project;
use crate::domain::technique::{CoverageGrid, PromptId, StepKey};
use crate::edit::Document;

/// The current cell and the coverage grid of the document revision it was built at.
#[derive(Default)]
pub struct WalkState {
    /// The step and prompt the room is on: captures link to it, marks apply to it.
    pub current: Option<(StepKey, PromptId)>,
    /// The one-line reason typed for "no credible hazard" or "not applicable".
    pub reason: String,
    grid: Option<(u64, Arc<CoverageGrid>)>,
}

impl WalkState {
    /// The coverage grid of the document as it is now (rebuilt only when it changed).
    pub fn grid(&mut self, doc: &Document) -> Arc<CoverageGrid> {
        match &self.grid {
            Some((revision, grid)) if *revision == doc.revision() => grid.clone(),
            _ => {
                let grid = Arc::new(CoverageGrid::new(doc.project()));
                self.grid = Some((doc.revision(), grid.clone()));
                grid
            }
        }
    }

    /// The current cell, if its step and prompt are still in the grid (undo may retire them).
    pub fn current_in(&self, grid: &CoverageGrid) -> Option<(usize, usize)> {
        let (step, prompt) = self.current.as_ref()?;
        Some((grid.row(*step)?, grid.column(prompt)?))
    }

    fn set(&mut self, grid: &CoverageGrid, row: usize, column: usize) {
        if let (Some(step), Some(col)) = (grid.steps.get(row), grid.columns.get(column)) {
            self.current = Some((*step, col.prompt.clone()));
            self.reason.clear();
        }
    }

    /// Next prompt of the step (on to the next step after its last); starts at the first cell.
    pub fn next_prompt(&mut self, doc: &Document) {
        let grid = self.grid(doc);
        match self.current_in(&grid) {
            None => self.set(&grid, 0, 0),
            Some((row, column)) if column + 1 < grid.columns.len() => {
                self.set(&grid, row, column + 1)
            }
            Some((row, _)) if row + 1 < grid.steps.len() => self.set(&grid, row + 1, 0),
            Some(_) => {}
        }
    }

    /// Previous prompt (back to the previous step's last prompt from its first).
    pub fn previous_prompt(&mut self, doc: &Document) {
        let grid = self.grid(doc);
        match self.current_in(&grid) {
            None => self.set(&grid, 0, 0),
            Some((row, column)) if column > 0 => self.set(&grid, row, column - 1),
            Some((row, _)) if row > 0 => {
                self.set(&grid, row - 1, grid.columns.len().saturating_sub(1))
            }
            Some(_) => {}
        }
    }

    /// The first prompt of the next step.
    pub fn next_step(&mut self, doc: &Document) {
        let grid = self.grid(doc);
        match self.current_in(&grid) {
            None => self.set(&grid, 0, 0),
            Some((row, _)) if row + 1 < grid.steps.len() => self.set(&grid, row + 1, 0),
            Some(_) => {}
        }
    }

    /// The first prompt of `step` (an agenda item); nothing when the step is not in the grid.
    pub fn go_to_step(&mut self, doc: &Document, step: StepKey) {
        let grid = self.grid(doc);
        if let Some(row) = grid.row(step) {
            self.set(&grid, row, 0);
        }
    }

    /// The current cell, still present in the project.
    pub fn current_cell(&self, project: &Project) -> Option<(StepKey, PromptId)> {
        let (step, prompt) = self.current.as_ref()?;
        let technique = &project.technique;
        let live_step = technique.step(*step).is_some_and(|s| !s.retired);
        (live_step && technique.prompt(prompt).is_some()).then(|| (*step, prompt.clone()))
    }
}

/// "Step: Verify · Prompt: What if ...?", or nothing when no cell is current.
pub fn current_text(project: &Project, walk: &WalkState) -> Option<(String, String)> {
    let (step, prompt) = walk.current_cell(project)?;
    let step = project.technique.step(step)?;
    let (_, _, prompt) = project.technique.prompt(&prompt)?;
    Some((step.name.clone(), prompt.question.clone()))
}

/// The line above the capture line: where the room is, so a captured hazard's link is plain.
pub fn current_line_ui(ui: &mut Ui, project: &Project, walk: &WalkState) {
    if let Some((step, prompt)) = current_text(project, walk) {
        ui.label(format!("Walking: step “{step}”, prompt “{prompt}”"))
            .on_hover_text("A hazard captured now is linked to this step and prompt");
    }
}
