//! The minutes document laid out as GitHub-flavoured Markdown, with everything typed escaped.

#[allow(unused_imports)]
use super::*;

/// `doc` as GitHub-flavoured Markdown: headings, a bulleted list of facts, pipe tables.
/// Everything the user typed is escaped, so it shows as typed and never as markup.
pub fn render_markdown(doc: &MinutesDocument) -> String {
    let mut out = String::new();
    out.push_str(&format!("# {}\n\n", md_escape(&doc.title)));
    out.push_str(&format!(
        "{}\n\n",
        md_block(&md_rich(&[plain(&doc.subtitle)]))
    ));
    for (label, value) in &doc.facts {
        out.push_str(&format!(
            "- {}\n",
            md_rich(&[strong(format!("{label}:")), plain(" "), plain(value)])
        ));
    }
    out.push('\n');
    for section in &doc.sections {
        out.push_str(&format!("## {}\n\n", md_escape(&section.heading)));
        for block in &section.blocks {
            md_render_block(&mut out, block);
            out.push('\n');
        }
    }
    out.push_str("---\n\n");
    out.push_str(&md_rich(&[emphasis(&doc.generated_by)]));
    out.push('\n');
    out
}

pub(in crate::interchange) fn md_render_block(out: &mut String, block: &Block) {
    match block {
        Block::Subheading(text) => out.push_str(&format!("### {}\n", md_escape(text))),
        Block::Paragraph(rich) => out.push_str(&format!("{}\n", md_block(&md_rich(rich)))),
        Block::NumberedList(items) => {
            for (i, item) in items.iter().enumerate() {
                out.push_str(&format!("{}. {}\n", i + 1, md_block(&md_rich(item))));
            }
        }
        Block::BulletList(items) => {
            for item in items {
                out.push_str(&format!("- {}\n", md_block(&md_rich(item))));
            }
        }
        Block::Table(table) => {
            let row = |cells: Vec<String>| format!("| {} |\n", cells.join(" | "));
            out.push_str(&row(table
                .columns
                .iter()
                .map(|c| md_escape(&c.heading))
                .collect()));
            out.push_str(&row(table
                .columns
                .iter()
                .map(|_| "---".to_owned())
                .collect()));
            for cells in &table.rows {
                out.push_str(&row(cells.iter().map(|cell| md_rich(cell)).collect()));
            }
        }
        Block::HeatMap(map) => {
            let row = |cells: Vec<String>| format!("| {} |\n", cells.join(" | "));
            let mut heading = vec![md_escape(&map.corner)];
            heading.extend(map.columns.iter().map(|c| md_escape(c)));
            out.push_str(&row(heading));
            out.push_str(&row(vec!["---".to_owned(); map.columns.len() + 1]));
            for (label, cells) in &map.rows {
                let mut line = vec![md_rich(&[strong(label)])];
                line.extend(cells.iter().map(|c| md_escape(&c.text)));
                out.push_str(&row(line));
            }
        }
    }
}

/// Inline Markdown for styled text: line breaks as `<br>`, emphasis delimiters kept tight
/// around the words (Markdown ignores `** word**`).
pub(in crate::interchange) fn md_rich(rich: &[Span]) -> String {
    // Neighbouring runs of one style are one run: `*a**b*` would not read as emphasis.
    let mut merged: Vec<Span> = Vec::new();
    for s in rich {
        match merged.last_mut() {
            Some(last) if last.style == s.style => last.text.push_str(&s.text),
            _ => merged.push(s.clone()),
        }
    }
    let mut out = String::new();
    for s in &merged {
        for (i, line) in s.text.split('\n').enumerate() {
            if i > 0 {
                out.push_str("<br>");
            }
            let delimiter = match s.style {
                SpanStyle::Plain => "",
                SpanStyle::Strong => "**",
                SpanStyle::Emphasis => "*",
            };
            let core = line.trim();
            if delimiter.is_empty() || core.is_empty() {
                out.push_str(&md_escape(line));
                continue;
            }
            let leading = &line[..line.len() - line.trim_start().len()];
            let trailing = &line[line.trim_end().len()..];
            out.push_str(leading);
            out.push_str(delimiter);
            out.push_str(&md_escape(core));
            out.push_str(delimiter);
            out.push_str(trailing);
        }
    }
    out
}

/// Escapes the characters that are markup anywhere in a line. `|` is escaped everywhere, so
/// text is safe in table cells too; `&` only where it would start an entity such as `&lt;`.
pub(in crate::interchange) fn md_escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for (i, c) in text.char_indices() {
        match c {
            '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '>' | '|' | '~' | '#' | '$' => {
                out.push('\\');
                out.push(c);
            }
            '&' if starts_entity(&text[i + 1..]) => out.push_str("\\&"),
            c => out.push(c),
        }
    }
    out
}

/// Whether the text after an `&` would make it an entity: `amp;`, `#60;`, `#x3C;`.
pub(in crate::interchange) fn starts_entity(rest: &str) -> bool {
    let name: String = rest
        .chars()
        .take_while(|c| c.is_ascii_alphanumeric() || *c == '#')
        .collect();
    !name.is_empty() && rest[name.len()..].starts_with(';')
}

/// Inline Markdown that starts a line (a paragraph or a list item's text), made unable to start
/// a block: a leading `-`, `+`, `=` or `1.` would make a list or a heading underline.
pub(in crate::interchange) fn md_block(inline: &str) -> String {
    if inline.starts_with(['-', '+', '=']) {
        return format!("\\{inline}");
    }
    let digits = inline.chars().take_while(char::is_ascii_digit).count();
    if digits > 0 && inline[digits..].starts_with(['.', ')']) {
        return format!("{}\\{}", &inline[..digits], &inline[digits..]);
    }
    inline.to_owned()
}

// ---------------------------------------------------------------------------------------------
// Word
