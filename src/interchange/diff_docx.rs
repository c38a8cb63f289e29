//! The changes between two versions of the log as a Word document, for the "changes since the
//! last version" section of a safety case: a summary, the risk movements, and each kind of
//! change in its own section.

use std::io::Cursor;

use docx_rs::{
    BorderType, Docx, LineSpacing, Paragraph, Run, RunFonts, Shading, ShdType, Style, StyleType,
    Table, TableBorder, TableBorderPosition, TableBorders, TableCell, TableRow, WidthType,
};

use crate::domain::diff::{DiffKind, HazardDiff, MoveMatrix, VersionDiff, movement_text};

/// What the two sides of the diff are called ("version 1.0", "the current log").
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DiffLabels {
    pub system: String,
    pub from: String,
    pub to: String,
}

impl DiffLabels {
    pub fn title(&self) -> String {
        format!("Changes from {} to {}", self.from, self.to)
    }
}

/// The diff as the bytes of a .docx file.
pub fn diff_docx(diff: &VersionDiff, labels: &DiffLabels) -> Result<Vec<u8>, docx_rs::DocxError> {
    let fonts = RunFonts::new().ascii("Arial").hi_ansi("Arial").cs("Arial");
    let mut docx = Docx::new()
        .default_fonts(fonts)
        .default_size(20)
        .add_style(
            Style::new("Title", StyleType::Paragraph)
                .name("Title")
                .size(36)
                .bold(),
        )
        .add_style(
            Style::new("Heading1", StyleType::Paragraph)
                .name("heading 1")
                .size(28)
                .bold()
                .outline_lvl(0),
        )
        .add_style(
            Style::new("Heading2", StyleType::Paragraph)
                .name("heading 2")
                .size(24)
                .bold()
                .outline_lvl(1),
        );
    docx = docx.add_paragraph(text(&labels.title()).style("Title"));
    if !labels.system.is_empty() {
        docx = docx.add_paragraph(text(&labels.system));
    }

    docx = docx.add_paragraph(heading("Summary", 1));
    if diff.is_empty() {
        docx = docx.add_paragraph(text("No changes."));
    }
    let mut summary = vec![row(&["Change", "Count"], true)];
    for kind in DiffKind::ALL {
        summary.push(row(&[kind.label(), &diff.count(kind).to_string()], false));
    }
    docx = docx
        .add_table(table(summary))
        .add_paragraph(Paragraph::new());

    docx = docx.add_paragraph(heading("Risk movements", 1));
    for (name, moves) in [
        ("Initial risk", &diff.initial_moves),
        ("Residual risk", &diff.residual_moves),
    ] {
        docx = docx
            .add_paragraph(heading(name, 2))
            .add_paragraph(text(
                "Hazards in both versions, by rating before (rows) and after (columns).",
            ))
            .add_table(table(move_rows(moves)))
            .add_paragraph(Paragraph::new());
    }

    for kind in [
        DiffKind::Added,
        DiffKind::Withdrawn,
        DiffKind::Reinstated,
        DiffKind::Removed,
        DiffKind::RiskMoved,
    ] {
        let hazards: Vec<&HazardDiff> = diff.hazards_of(kind).collect();
        if hazards.is_empty() {
            continue;
        }
        docx = docx.add_paragraph(heading(
            &format!("Hazards {}", kind.label().to_lowercase()),
            1,
        ));
        let mut rows = vec![row(&["Hazard", "Name", detail_heading(kind)], true)];
        for h in hazards {
            rows.push(row(&[&h.display_id, &h.name, &detail(kind, h)], false));
        }
        docx = docx.add_table(table(rows)).add_paragraph(Paragraph::new());
    }

    let changed: Vec<&HazardDiff> = diff.hazards_of(DiffKind::Changed).collect();
    if !changed.is_empty() {
        docx = docx.add_paragraph(heading("Hazards changed", 1));
        for h in changed {
            docx = docx.add_paragraph(heading(&format!("{} {}", h.display_id, h.name), 2));
            let mut rows = vec![row(&["Field", "Before", "After"], true)];
            for field in &h.fields {
                rows.push(row(
                    &[field.field.label(), &field.before, &field.after],
                    false,
                ));
            }
            docx = docx.add_table(table(rows)).add_paragraph(Paragraph::new());
        }
    }

    for kind in [DiffKind::ActionOpened, DiffKind::ActionClosed] {
        let actions: Vec<_> = diff.actions.iter().filter(|a| a.kind == kind).collect();
        if actions.is_empty() {
            continue;
        }
        let title = match kind {
            DiffKind::ActionOpened => "Actions opened",
            _ => "Actions closed",
        };
        docx = docx.add_paragraph(heading(title, 1));
        let mut rows = vec![row(&["Action", "Hazards", "Status"], true)];
        for a in actions {
            rows.push(row(
                &[&a.description, &a.hazards.join(", "), a.after.label()],
                false,
            ));
        }
        docx = docx.add_table(table(rows)).add_paragraph(Paragraph::new());
    }

    let mut bytes = Cursor::new(Vec::new());
    docx.build().pack(&mut bytes)?;
    Ok(bytes.into_inner())
}

fn detail_heading(kind: DiffKind) -> &'static str {
    match kind {
        DiffKind::Withdrawn => "Reason",
        DiffKind::RiskMoved => "Initial; residual",
        _ => "Initial; residual rating",
    }
}

fn detail(kind: DiffKind, h: &HazardDiff) -> String {
    match kind {
        DiffKind::Withdrawn => h.reason.clone().unwrap_or_default(),
        _ => format!(
            "Initial {}; residual {}",
            movement_text(h.initial),
            movement_text(h.residual)
        ),
    }
}

fn move_rows(moves: &MoveMatrix) -> Vec<TableRow> {
    let mut header = vec!["Before \\ after".to_owned()];
    header.extend((0..6).map(|i| MoveMatrix::label(i).to_owned()));
    let header: Vec<&str> = header.iter().map(String::as_str).collect();
    let mut rows = vec![row(&header, true)];
    for (before, counts) in moves.0.iter().enumerate() {
        let mut cells = vec![MoveMatrix::label(before).to_owned()];
        cells.extend(counts.iter().map(|c| c.to_string()));
        let cells: Vec<&str> = cells.iter().map(String::as_str).collect();
        rows.push(row(&cells, false));
    }
    rows
}

fn heading(title: &str, level: usize) -> Paragraph {
    text(title).style(if level == 1 { "Heading1" } else { "Heading2" })
}

/// A paragraph; line breaks in `value` become breaks in the run.
fn text(value: &str) -> Paragraph {
    let mut run = Run::new();
    for (i, line) in value.split('\n').enumerate() {
        if i > 0 {
            run = run.add_break(docx_rs::BreakType::TextWrapping);
        }
        run = run.add_text(line);
    }
    Paragraph::new().add_run(run)
}

fn row(cells: &[&str], header: bool) -> TableRow {
    TableRow::new(
        cells
            .iter()
            .map(|value| {
                let mut paragraph = text(value).line_spacing(LineSpacing::new().before(0).after(0));
                if header {
                    paragraph = paragraph.bold();
                }
                let cell = TableCell::new().add_paragraph(paragraph);
                if header {
                    cell.shading(
                        Shading::new()
                            .shd_type(ShdType::Clear)
                            .color("auto")
                            .fill("D9E2F3"),
                    )
                } else {
                    cell
                }
            })
            .collect(),
    )
}

fn table(rows: Vec<TableRow>) -> Table {
    let mut borders = TableBorders::new();
    for position in [
        TableBorderPosition::Top,
        TableBorderPosition::Left,
        TableBorderPosition::Bottom,
        TableBorderPosition::Right,
        TableBorderPosition::InsideH,
        TableBorderPosition::InsideV,
    ] {
        borders = borders.set(
            TableBorder::new(position)
                .border_type(BorderType::Single)
                .size(4),
        );
    }
    Table::new(rows)
        .width(5000, WidthType::Pct)
        .set_borders(borders)
}
