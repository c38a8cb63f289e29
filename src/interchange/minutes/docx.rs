//! The minutes document laid out as a Word (.docx) file: A4 pages, NHS blue headings, tables that repeat their header rows.

#[allow(unused_imports)]
use super::*;

/// A4 in twentieths of a point, with 2 cm margins.
pub(in crate::interchange) const PAGE_WIDTH: u32 = 11906;
pub(in crate::interchange) const PAGE_HEIGHT: u32 = 16838;
pub(in crate::interchange) const MARGIN: i32 = 1134;
pub(in crate::interchange) const TEXT_WIDTH: usize = PAGE_WIDTH as usize - 2 * MARGIN as usize;

/// NHS Blue, for headings.
pub(in crate::interchange) const HEADING_COLOUR: &str = "005EB8";
pub(in crate::interchange) const HEADER_FILL: &str = "DCE6F2";
pub(in crate::interchange) const LABEL_FILL: &str = "F0F4F5";
pub(in crate::interchange) const BORDER_COLOUR: &str = "A6A6A6";
/// Half-points: 11 pt text, 10 pt in tables.
pub(in crate::interchange) const BODY_SIZE: usize = 22;
pub(in crate::interchange) const TABLE_SIZE: usize = 20;

pub(in crate::interchange) const DECIMAL_LIST: usize = 2;
pub(in crate::interchange) const BULLET_LIST: usize = 3;

/// `doc` as the bytes of a Word document: A4, Arial, styled title and headings (so they show
/// in Word's navigation pane), tables with a shaded header row repeated on each page.
pub fn render_docx(doc: &MinutesDocument) -> Result<Vec<u8>, MinutesError> {
    use docx_rs::*;

    let fonts = RunFonts::new()
        .ascii("Arial")
        .hi_ansi("Arial")
        .cs("Arial")
        .east_asia("Arial");
    let heading = |id: &str, name: &str, size: usize, level: usize, before: u32| {
        Style::new(id, StyleType::Paragraph)
            .name(name)
            .next("Normal")
            .q_format(true)
            .size(size)
            .bold()
            .color(HEADING_COLOUR)
            .outline_lvl(level)
            .line_spacing(LineSpacing::new().before(before).after(120))
    };
    let now = chrono::Utc::now().format("%Y-%m-%dT%H:%M:%SZ").to_string();
    let mut docx = Docx::new()
        .page_size(PAGE_WIDTH, PAGE_HEIGHT)
        .page_margin(
            PageMargin::new()
                .top(MARGIN)
                .bottom(MARGIN)
                .left(MARGIN)
                .right(MARGIN)
                .header(567)
                .footer(567),
        )
        .default_fonts(fonts)
        .default_size(BODY_SIZE)
        .default_line_spacing(LineSpacing::new().after(120).line(264))
        .created_at(&now)
        .updated_at(&now)
        .add_style(
            Style::new("Title", StyleType::Paragraph)
                .name("Title")
                .next("Normal")
                .q_format(true)
                .size(36)
                .bold()
                .color(HEADING_COLOUR)
                .line_spacing(LineSpacing::new().after(60)),
        )
        .add_style(
            Style::new("Subtitle", StyleType::Paragraph)
                .name("Subtitle")
                .next("Normal")
                .q_format(true)
                .size(26)
                .color("425563")
                .line_spacing(LineSpacing::new().after(240)),
        )
        .add_style(heading("Heading1", "heading 1", 28, 0, 360))
        .add_style(heading("Heading2", "heading 2", 24, 1, 240))
        .add_style(
            Style::new("Footer", StyleType::Paragraph)
                .name("footer")
                .size(16)
                .color("595959"),
        )
        .add_abstract_numbering(list_numbering(DECIMAL_LIST, "decimal", "%1."))
        .add_abstract_numbering(list_numbering(BULLET_LIST, "bullet", "•"))
        .add_numbering(Numbering::new(BULLET_LIST, BULLET_LIST))
        .footer(
            Footer::new().add_paragraph(
                Paragraph::new()
                    .style("Footer")
                    .add_run(Run::new().add_text(format!("{} · Page ", doc.running_footer)))
                    .add_page_num(PageNum::new())
                    .add_run(Run::new().add_text(" of "))
                    .add_num_pages(NumPages::new()),
            ),
        );

    docx = docx
        .add_paragraph(docx_paragraph(&[plain(&doc.title)], None).style("Title"))
        .add_paragraph(docx_paragraph(&[plain(&doc.subtitle)], None).style("Subtitle"))
        .add_table(docx_facts(&doc.facts));

    // Each numbered list restarts at 1: a numbering instance of its own.
    let mut next_numbering = BULLET_LIST + 1;
    for section in &doc.sections {
        docx = docx.add_paragraph(
            docx_paragraph(&[plain(&section.heading)], None)
                .style("Heading1")
                .keep_next(true),
        );
        for block in &section.blocks {
            match block {
                Block::Subheading(text) => {
                    docx = docx.add_paragraph(
                        docx_paragraph(&[plain(text)], None)
                            .style("Heading2")
                            .keep_next(true),
                    );
                }
                Block::Paragraph(rich) => docx = docx.add_paragraph(docx_paragraph(rich, None)),
                Block::NumberedList(items) => {
                    let id = next_numbering;
                    next_numbering += 1;
                    docx = docx.add_numbering(
                        Numbering::new(id, DECIMAL_LIST)
                            .add_override(LevelOverride::new(0).start(1)),
                    );
                    for item in items {
                        docx = docx.add_paragraph(
                            docx_paragraph(item, None)
                                .numbering(NumberingId::new(id), IndentLevel::new(0)),
                        );
                    }
                }
                Block::BulletList(items) => {
                    for item in items {
                        docx = docx.add_paragraph(
                            docx_paragraph(item, None)
                                .numbering(NumberingId::new(BULLET_LIST), IndentLevel::new(0)),
                        );
                    }
                }
                Block::HeatMap(map) => {
                    // The picture for the eye, then the same counts as a table that a screen
                    // reader reads cell by cell (docx-rs cannot give a picture alternative text).
                    let png = crate::interchange::heat_map_png::heat_map_png(map);
                    let (width, height) = crate::interchange::heat_map_png::picture_size(
                        map.columns.len(),
                        map.rows.len(),
                    );
                    // Three quarters of the text width; a twip is 635 EMU.
                    let width_emu = (TEXT_WIDTH as u32 * 3 / 4) * 635;
                    let height_emu = width_emu * height / width;
                    let picture =
                        Pic::new_with_dimensions(png, width, height).size(width_emu, height_emu);
                    docx = docx
                        .add_paragraph(
                            Paragraph::new()
                                .align(AlignmentType::Center)
                                .keep_next(true)
                                // The document's line height would clip the picture to a line.
                                .line_spacing(
                                    LineSpacing::new()
                                        .line(240)
                                        .line_rule(LineSpacingType::Auto)
                                        .after(60),
                                )
                                .add_run(Run::new().add_image(picture)),
                        )
                        .add_table(docx_heat_map(map))
                        .add_paragraph(Paragraph::new().line_spacing(LineSpacing::new().after(0)));
                }
                Block::Table(table) => {
                    docx = docx
                        .add_table(docx_table(table))
                        // Word runs two neighbouring tables together; a paragraph keeps them apart.
                        .add_paragraph(Paragraph::new().line_spacing(LineSpacing::new().after(0)));
                }
            }
        }
    }
    docx = docx.add_paragraph(
        docx_paragraph(&[emphasis(&doc.generated_by)], None)
            .style("Footer")
            .line_spacing(LineSpacing::new().before(360)),
    );

    let mut xml = docx.build();
    xml.document = repeat_header_rows(&xml.document);
    let mut bytes = Cursor::new(Vec::new());
    xml.pack(&mut bytes).map_err(docx_rs::DocxError::from)?;
    Ok(bytes.into_inner())
}

pub(in crate::interchange) fn list_numbering(
    id: usize,
    format: &str,
    text: &str,
) -> docx_rs::AbstractNumbering {
    use docx_rs::*;
    AbstractNumbering::new(id).add_level(
        Level::new(
            0,
            Start::new(1),
            NumberFormat::new(format),
            LevelText::new(text),
            LevelJc::new("left"),
        )
        .indent(Some(567), Some(SpecialIndentType::Hanging(397)), None, None),
    )
}

/// A paragraph of styled runs; `size` in half-points, or the style's.
pub(in crate::interchange) fn docx_paragraph(
    rich: &[Span],
    size: Option<usize>,
) -> docx_rs::Paragraph {
    use docx_rs::*;
    let mut paragraph = Paragraph::new();
    for s in rich {
        for (i, line) in s.text.split('\n').enumerate() {
            let mut run = Run::new();
            if i > 0 {
                run = run.add_break(BreakType::TextWrapping);
            }
            if !line.is_empty() {
                run = run.add_text(line);
            }
            run = match s.style {
                SpanStyle::Plain => run,
                SpanStyle::Strong => run.bold(),
                SpanStyle::Emphasis => run.italic(),
            };
            if let Some(size) = size {
                run = run.size(size);
            }
            paragraph = paragraph.add_run(run);
        }
    }
    paragraph
}

pub(in crate::interchange) fn docx_cell(rich: &[Span], width: usize) -> docx_rs::TableCell {
    use docx_rs::*;
    TableCell::new().width(width, WidthType::Dxa).add_paragraph(
        docx_paragraph(rich, Some(TABLE_SIZE))
            .line_spacing(LineSpacing::new().before(0).after(0).line(240)),
    )
}

pub(in crate::interchange) fn shaded(cell: docx_rs::TableCell, fill: &str) -> docx_rs::TableCell {
    use docx_rs::*;
    cell.shading(
        Shading::new()
            .shd_type(ShdType::Clear)
            .color("auto")
            .fill(fill),
    )
}

pub(in crate::interchange) fn docx_table_frame(
    rows: Vec<docx_rs::TableRow>,
    widths: Vec<usize>,
) -> docx_rs::Table {
    use docx_rs::*;
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
                .size(4)
                .color(BORDER_COLOUR),
        );
    }
    Table::new(rows)
        .set_grid(widths)
        .width(TEXT_WIDTH, WidthType::Dxa)
        .layout(TableLayoutType::Fixed)
        .set_borders(borders)
        .margins(TableCellMargins::new().margin(40, 100, 40, 100))
}

pub(in crate::interchange) fn column_widths(columns: &[Column]) -> Vec<usize> {
    columns
        .iter()
        .map(|c| TEXT_WIDTH * usize::from(c.width) / 100)
        .collect()
}

pub(in crate::interchange) fn docx_table(table: &Table) -> docx_rs::Table {
    use docx_rs::*;
    let widths = column_widths(&table.columns);
    let header = TableRow::new(
        table
            .columns
            .iter()
            .zip(&widths)
            .map(|(c, &w)| shaded(docx_cell(&[strong(&c.heading)], w), HEADER_FILL))
            .collect(),
    )
    .cant_split()
    // Marks the header row; see `repeat_header_rows`.
    .row_height(HEADER_ROW_MARK)
    .height_rule(HeightRule::AtLeast);
    let mut rows = vec![header];
    for cells in &table.rows {
        let row = TableRow::new(
            cells
                .iter()
                .zip(&widths)
                .map(|(cell, &w)| docx_cell(cell, w))
                .collect(),
        );
        rows.push(keep_together_if_short(row, cells));
    }
    docx_table_frame(rows, widths)
}

/// A row of up to about a third of a page stays on one page; a longer one may break, because
/// Word would rather cut off a row taller than the page than break it.
pub(in crate::interchange) fn keep_together_if_short(
    row: docx_rs::TableRow,
    cells: &[Rich],
) -> docx_rs::TableRow {
    const SHORT_ROW_CHARS: usize = 1200;
    let chars: usize = cells.iter().flatten().map(|s| s.text.chars().count()).sum();
    if chars <= SHORT_ROW_CHARS {
        row.cant_split()
    } else {
        row
    }
}

/// A heat map as a table: a shaded heading row and column, and each cell filled with its
/// rating's colour, its count centred in the rating's text colour.
pub(in crate::interchange) fn docx_heat_map(map: &HeatMap) -> docx_rs::Table {
    use docx_rs::*;
    let columns = map.columns.len() + 1;
    let widths = vec![TEXT_WIDTH / columns; columns];
    // Every paragraph but the last row's keeps with the next, so the map is never split
    // across a page break.
    let centred = |text: &str, bold: bool, ink: Option<&str>, keep: bool| {
        let mut run = Run::new().add_text(text).size(TABLE_SIZE);
        if bold {
            run = run.bold();
        }
        if let Some(ink) = ink {
            run = run.color(ink);
        }
        Paragraph::new()
            .align(AlignmentType::Center)
            .line_spacing(LineSpacing::new().before(60).after(60))
            .keep_next(keep)
            .add_run(run)
    };
    let mut header = vec![shaded(
        TableCell::new()
            .width(widths[0], WidthType::Dxa)
            .add_paragraph(centred(&map.corner, true, None, true)),
        HEADER_FILL,
    )];
    header.extend(map.columns.iter().map(|c| {
        shaded(
            TableCell::new()
                .width(widths[0], WidthType::Dxa)
                .add_paragraph(centred(c, true, None, true)),
            HEADER_FILL,
        )
    }));
    let mut rows = vec![TableRow::new(header).cant_split()];
    for (index, (label, cells)) in map.rows.iter().enumerate() {
        let keep = index + 1 < map.rows.len();
        let mut row = vec![shaded(
            TableCell::new()
                .width(widths[0], WidthType::Dxa)
                .add_paragraph(centred(label, true, None, keep)),
            LABEL_FILL,
        )];
        row.extend(cells.iter().map(|cell| {
            shaded(
                TableCell::new()
                    .width(widths[0], WidthType::Dxa)
                    .vertical_align(VAlignType::Center)
                    .add_paragraph(centred(&cell.text, true, Some(&cell.ink), keep)),
                &cell.fill,
            )
        }));
        rows.push(TableRow::new(row).cant_split());
    }
    docx_table_frame(rows, widths)
}

pub(in crate::interchange) fn docx_facts(facts: &[(String, String)]) -> docx_rs::Table {
    use docx_rs::*;
    let widths = vec![TEXT_WIDTH * 22 / 100, TEXT_WIDTH * 78 / 100];
    let rows = facts
        .iter()
        .map(|(label, value)| {
            let cells = [vec![strong(label)], vec![plain(value)]];
            let row = TableRow::new(vec![
                shaded(docx_cell(&cells[0], widths[0]), LABEL_FILL),
                docx_cell(&cells[1], widths[1]),
            ]);
            keep_together_if_short(row, &cells)
        })
        .collect();
    docx_table_frame(rows, widths)
}

/// The height, in twips, that marks a header row for `repeat_header_rows`: an "at least" height
/// too small to change anything.
pub(in crate::interchange) const HEADER_ROW_MARK: f32 = 1.0;

/// docx-rs cannot mark a table row as a header row (`w:tblHeader`, repeated at the top of each
/// page), so header rows are built with a marker height that is replaced by the mark here.
pub(in crate::interchange) fn repeat_header_rows(document: &[u8]) -> Vec<u8> {
    let marker = format!(r#"<w:trHeight w:val="{HEADER_ROW_MARK}" w:hRule="atLeast" />"#);
    String::from_utf8_lossy(document)
        .replace(&marker, "<w:tblHeader />")
        .into_bytes()
}
