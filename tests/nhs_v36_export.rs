//! The v3.6 export compared with the NHS Digital template itself
//! (`tests/fixtures/nhs-templates/clinical_safety_hazard_log_template.xlsx`), read with an
//! independent reader (zip + quick-xml, and calamine for values): sheet order, the Hazard Log
//! header cell by cell with its formats resolved to RGB, merges, widths, heights, frozen panes,
//! filter, defined names, drop-downs, formulas and their stored values, risk colours, and the
//! cells of the other template sheets that formulas and names point at.

use std::collections::{BTreeMap, HashMap};
use std::io::{Cursor, Read};
use std::path::Path;

use calamine::{Data, Reader, Xlsx};
use hazard_workshop::domain::*;
use hazard_workshop::interchange::nhs_v36::hazard_log::STATUS_LIST;
use hazard_workshop::interchange::{ExportLayout, ExportOptions, export_workbook};
use hazard_workshop::storage::project_file;
use quick_xml::XmlVersion;
use quick_xml::events::Event;

// ---- A small XML tree over quick-xml -------------------------------------------------------

#[derive(Clone, Debug, Default)]
struct Element {
    name: String,
    attributes: BTreeMap<String, String>,
    text: String,
    children: Vec<Element>,
}

impl Element {
    fn attr(&self, name: &str) -> Option<&str> {
        self.attributes.get(name).map(String::as_str)
    }

    fn child(&self, name: &str) -> Option<&Element> {
        self.children.iter().find(|c| c.name == name)
    }

    fn all(&self, name: &str) -> Vec<&Element> {
        self.children.iter().filter(|c| c.name == name).collect()
    }

    /// Every element called `name` at any depth.
    fn descendants(&self, name: &str) -> Vec<&Element> {
        let mut found = Vec::new();
        for child in &self.children {
            if child.name == name {
                found.push(child);
            }
            found.extend(child.descendants(name));
        }
        found
    }

    /// All text inside, in order (a shared string's runs joined).
    fn deep_text(&self) -> String {
        let mut text = self.text.clone();
        for child in &self.children {
            if child.name != "rPh" {
                text.push_str(&child.deep_text());
            }
        }
        text
    }
}

fn local(name: &str) -> String {
    name.rsplit(':').next().unwrap().to_owned()
}

fn parse_xml(bytes: &[u8]) -> Element {
    let mut reader = quick_xml::Reader::from_reader(bytes);
    let mut stack = vec![Element::default()];
    let mut buffer = Vec::new();
    loop {
        buffer.clear();
        let event = reader.read_event_into(&mut buffer).unwrap();
        let open = |e: &quick_xml::events::BytesStart| Element {
            name: local(e.name().as_ref()),
            attributes: e
                .attributes()
                .flatten()
                .map(|a| {
                    (
                        AsRef::<str>::as_ref(&a.key).to_owned(),
                        a.normalized_value(XmlVersion::Implicit1_0)
                            .unwrap()
                            .into_owned(),
                    )
                })
                .collect(),
            ..Element::default()
        };
        match event {
            Event::Start(e) => stack.push(open(&e)),
            Event::Empty(e) => {
                let element = open(&e);
                stack.last_mut().unwrap().children.push(element);
            }
            Event::End(_) => {
                let element = stack.pop().unwrap();
                stack.last_mut().unwrap().children.push(element);
            }
            Event::Text(t) => stack
                .last_mut()
                .unwrap()
                .text
                .push_str(&t.xml_content(XmlVersion::Implicit1_0)),
            Event::CData(t) => stack
                .last_mut()
                .unwrap()
                .text
                .push_str(&t.xml_content(XmlVersion::Implicit1_0)),
            Event::GeneralRef(r) => {
                let text = match r.resolve_char_ref().unwrap() {
                    Some(c) => c.to_string(),
                    None => match &*r.xml_content(XmlVersion::Implicit1_0) {
                        "amp" => "&".into(),
                        "lt" => "<".into(),
                        "gt" => ">".into(),
                        "quot" => "\"".into(),
                        "apos" => "'".into(),
                        other => panic!("unknown entity {other}"),
                    },
                };
                stack.last_mut().unwrap().text.push_str(&text);
            }
            Event::Eof => break,
            _ => {}
        }
    }
    stack.pop().unwrap()
}

// ---- A workbook read through that tree -----------------------------------------------------

/// A cell format with every colour resolved to RGB through the workbook's theme.
#[derive(Clone, Debug, PartialEq)]
struct Style {
    font: String,
    size: String,
    bold: bool,
    colour: String,
    fill: Option<String>,
    borders: Vec<(String, String)>,
    horizontal: String,
    vertical: String,
    wrap: bool,
    number_format: String,
}

#[derive(Clone, Debug, Default)]
struct Cell {
    style: usize,
    text: String,
    formula: Option<String>,
}

struct Sheet {
    xml: Element,
    cells: HashMap<String, Cell>,
}

struct Book {
    sheets: Vec<(String, Sheet)>,
    styles: Vec<Style>,
    dxf_fills: Vec<Option<String>>,
    names: Vec<(String, Option<String>, String)>,
}

fn tinted(rgb: &str, tint: f64) -> String {
    let channel = |i: usize| u8::from_str_radix(&rgb[i..i + 2], 16).unwrap() as f64 / 255.0;
    let (r, g, b) = (channel(0), channel(2), channel(4));
    let max = r.max(g).max(b);
    let min = r.min(g).min(b);
    let mut l = (max + min) / 2.0;
    let d = max - min;
    let (h, s) = if d == 0.0 {
        (0.0, 0.0)
    } else {
        let s = if l > 0.5 {
            d / (2.0 - max - min)
        } else {
            d / (max + min)
        };
        let h = if max == r {
            ((g - b) / d).rem_euclid(6.0)
        } else if max == g {
            (b - r) / d + 2.0
        } else {
            (r - g) / d + 4.0
        };
        (h / 6.0, s)
    };
    l = if tint < 0.0 {
        l * (1.0 + tint)
    } else {
        l * (1.0 - tint) + tint
    };
    let q = if l < 0.5 {
        l * (1.0 + s)
    } else {
        l + s - l * s
    };
    let p = 2.0 * l - q;
    let hue = |mut t: f64| {
        t = t.rem_euclid(1.0);
        if t < 1.0 / 6.0 {
            p + (q - p) * 6.0 * t
        } else if t < 0.5 {
            q
        } else if t < 2.0 / 3.0 {
            p + (q - p) * (2.0 / 3.0 - t) * 6.0
        } else {
            p
        }
    };
    let (r, g, b) = if s == 0.0 {
        (l, l, l)
    } else {
        (hue(h + 1.0 / 3.0), hue(h), hue(h - 1.0 / 3.0))
    };
    format!(
        "{:02X}{:02X}{:02X}",
        (r * 255.0).round() as u8,
        (g * 255.0).round() as u8,
        (b * 255.0).round() as u8
    )
}

fn read_book(bytes: &[u8]) -> Book {
    let mut zip = zip::ZipArchive::new(Cursor::new(bytes)).unwrap();
    let mut part = |name: &str| -> Option<Element> {
        let mut file = zip.by_name(name).ok()?;
        let mut data = Vec::new();
        file.read_to_end(&mut data).unwrap();
        Some(parse_xml(&data))
    };
    let workbook = part("xl/workbook.xml").unwrap();
    let workbook = workbook.child("workbook").unwrap();
    let rels = part("xl/_rels/workbook.xml.rels").unwrap();
    let targets: HashMap<&str, &str> = rels
        .descendants("Relationship")
        .into_iter()
        .map(|r| (r.attr("Id").unwrap(), r.attr("Target").unwrap()))
        .collect();
    let shared: Vec<String> = part("xl/sharedStrings.xml")
        .map(|s| {
            s.descendants("si")
                .iter()
                .map(|si| si.deep_text())
                .collect()
        })
        .unwrap_or_default();

    // Theme colours: index 0 is lt1, 1 dk1, 2 lt2, 3 dk2, then the accents.
    let theme: Vec<String> = match part("xl/theme/theme1.xml") {
        Some(theme) => {
            let scheme = theme.descendants("clrScheme")[0].clone();
            let colour = |name: &str| {
                let e = scheme.child(name).unwrap().children[0].clone();
                e.attr("lastClr").or(e.attr("val")).unwrap().to_owned()
            };
            let mut colours = vec![colour("lt1"), colour("dk1"), colour("lt2"), colour("dk2")];
            colours.extend((1..=6).map(|i| colour(&format!("accent{i}"))));
            colours
        }
        None => Vec::new(),
    };
    let resolve = |e: Option<&Element>| -> String {
        let Some(e) = e else {
            return "000000".into();
        };
        if let Some(rgb) = e.attr("rgb") {
            return rgb[rgb.len() - 6..].to_owned();
        }
        if let Some(index) = e.attr("theme") {
            let base = &theme[index.parse::<usize>().unwrap()];
            return match e.attr("tint") {
                Some(tint) => tinted(base, tint.parse().unwrap()),
                None => base.clone(),
            };
        }
        // `indexed="8"`/`"64"` and `auto` are black (automatic).
        "000000".into()
    };
    let styles_xml = part("xl/styles.xml").unwrap();
    let section = |name: &str| styles_xml.descendants(name)[0].clone();
    let fonts = section("fonts");
    let fills = section("fills");
    let borders = section("borders");
    let xfs = section("cellXfs");
    let styles = xfs
        .all("xf")
        .iter()
        .map(|xf| {
            let index = |name: &str| xf.attr(name).unwrap_or("0").parse::<usize>().unwrap();
            let font = &fonts.children[index("fontId")];
            let fill = &fills.children[index("fillId")];
            let border = &borders.children[index("borderId")];
            let alignment = xf.child("alignment");
            let pattern = fill.child("patternFill").unwrap();
            Style {
                font: font.child("name").unwrap().attr("val").unwrap().into(),
                size: font.child("sz").unwrap().attr("val").unwrap().into(),
                bold: font.child("b").is_some_and(|b| b.attr("val") != Some("0")),
                colour: resolve(font.child("color")),
                fill: (pattern.attr("patternType") == Some("solid"))
                    .then(|| resolve(pattern.child("fgColor"))),
                borders: ["left", "right", "top", "bottom"]
                    .iter()
                    .map(|side| {
                        let line = border.child(side);
                        let style = line.and_then(|l| l.attr("style")).unwrap_or("none");
                        let colour = if style == "none" {
                            String::new()
                        } else {
                            resolve(line.and_then(|l| l.child("color")))
                        };
                        (style.to_owned(), colour)
                    })
                    .collect(),
                horizontal: alignment
                    .and_then(|a| a.attr("horizontal"))
                    .unwrap_or("general")
                    .into(),
                vertical: alignment
                    .and_then(|a| a.attr("vertical"))
                    .unwrap_or("bottom")
                    .into(),
                wrap: alignment.and_then(|a| a.attr("wrapText")) == Some("1"),
                number_format: xf.attr("numFmtId").unwrap_or("0").into(),
            }
        })
        .collect();
    let dxf_fills = section("dxfs")
        .all("dxf")
        .iter()
        .map(|dxf| dxf.descendants("bgColor").first().map(|c| resolve(Some(c))))
        .collect();
    let names = workbook
        .descendants("definedName")
        .iter()
        .map(|n| {
            (
                n.attr("name").unwrap().to_owned(),
                n.attr("localSheetId").map(str::to_owned),
                n.text.clone(),
            )
        })
        .collect();

    let mut sheets = Vec::new();
    for sheet in workbook.descendants("sheet") {
        let target = targets[sheet.attr("r:id").unwrap()];
        let xml = part(&format!("xl/{}", target.trim_start_matches("/xl/"))).unwrap();
        let xml = xml.child("worksheet").unwrap().clone();
        let mut cells = HashMap::new();
        for c in xml.descendants("c") {
            let value = c.child("v").map(|v| v.text.clone()).unwrap_or_default();
            let text = match c.attr("t") {
                Some("s") => shared[value.parse::<usize>().unwrap()].clone(),
                Some("inlineStr") => c.child("is").unwrap().deep_text(),
                _ => value,
            };
            cells.insert(
                c.attr("r").unwrap().to_owned(),
                Cell {
                    style: c.attr("s").unwrap_or("0").parse().unwrap(),
                    text,
                    formula: c.child("f").map(|f| f.text.clone()),
                },
            );
        }
        sheets.push((sheet.attr("name").unwrap().to_owned(), Sheet { xml, cells }));
    }
    Book {
        sheets,
        styles,
        dxf_fills,
        names,
    }
}

impl Book {
    fn sheet(&self, name: &str) -> &Sheet {
        &self.sheets.iter().find(|(n, _)| n == name).unwrap().1
    }

    fn text(&self, sheet: &str, cell: &str) -> String {
        self.sheet(sheet)
            .cells
            .get(cell)
            .map(|c| c.text.clone())
            .unwrap_or_default()
    }

    fn style(&self, sheet: &str, cell: &str) -> Style {
        let index = self.sheet(sheet).cells.get(cell).map_or(0, |c| c.style);
        self.styles[index].clone()
    }

    fn name(&self, name: &str) -> Option<String> {
        self.names
            .iter()
            .find(|(n, local, _)| n == name && local.is_none())
            .map(|(_, _, value)| value.clone())
    }
}

fn column_letter(col: usize) -> String {
    let mut n = col + 1;
    let mut letters = String::new();
    while n > 0 {
        let rem = (n - 1) % 26;
        letters.insert(0, (b'A' + rem as u8) as char);
        n = (n - 1) / 26;
    }
    letters
}

fn template() -> Book {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/nhs-templates/clinical_safety_hazard_log_template.xlsx");
    read_book(&std::fs::read(path).unwrap())
}

fn example() -> Project {
    project_file::load(
        &Path::new(env!("CARGO_MANIFEST_DIR")).join("assets/example-workshop.hazlog"),
    )
    .unwrap()
}

fn export(project: &Project, include_withdrawn: bool) -> Vec<u8> {
    export_workbook(
        project,
        &ExportOptions {
            include_withdrawn,
            layout: ExportLayout::NhsV36,
        },
    )
    .unwrap()
}

const LOG: &str = "Hazard Log";

// ---- The comparison -------------------------------------------------------------------------

#[test]
fn the_five_template_sheets_come_first_in_its_order_then_ours() {
    let ours = read_book(&export(&example(), false));
    let template = template();
    let names =
        |book: &Book| -> Vec<String> { book.sheets.iter().map(|(n, _)| n.clone()).collect() };
    assert_eq!(names(&ours)[..5], names(&template)[..]);
    assert_eq!(
        names(&ours)[5..],
        ["Actions", "Meetings", "Minutes", "Coverage"]
    );
}

#[test]
fn the_header_matches_the_template_cell_by_cell() {
    let ours = read_book(&export(&example(), false));
    let template = template();
    for row in 1..=4 {
        for col in 0..28 {
            let cell = format!("{}{row}", column_letter(col));
            assert_eq!(
                ours.text(LOG, &cell),
                template.text(LOG, &cell),
                "text of {cell}"
            );
            assert_eq!(
                ours.style(LOG, &cell),
                template.style(LOG, &cell),
                "format of {cell}"
            );
        }
    }
    // The stray spaces and line breaks are the template's.
    assert_eq!(ours.text(LOG, "D4"), "Hazard ");
    assert_eq!(ours.text(LOG, "Q1"), "Residual  Risk");
    assert_eq!(ours.text(LOG, "M2"), "\nInitial Risk Assessment");
    // Data rows have the template's formats, column by column.
    for col in 0..28 {
        let cell = format!("{}5", column_letter(col));
        assert_eq!(
            ours.style(LOG, &cell),
            template.style(LOG, &cell),
            "format of {cell}"
        );
    }
}

#[test]
fn merges_widths_heights_panes_and_filter_match_the_template() {
    let ours = read_book(&export(&example(), false));
    let template = template();
    let merges = |book: &Book| -> Vec<String> {
        let mut refs: Vec<String> = book
            .sheet(LOG)
            .xml
            .descendants("mergeCell")
            .iter()
            .map(|m| m.attr("ref").unwrap().to_owned())
            .collect();
        refs.sort();
        refs
    };
    let ours_merges = merges(&ours);
    for merge in merges(&template) {
        assert!(ours_merges.contains(&merge), "merge {merge}");
    }
    // Ours add only the app's own columns, after AB.
    let beyond_ab = |reference: &str| {
        let letters: String = reference
            .chars()
            .take_while(char::is_ascii_alphabetic)
            .collect();
        letters.len() == 2 && letters.as_str() > "AB"
    };
    for extra in ours_merges
        .iter()
        .filter(|m| !merges(&template).contains(m))
    {
        let (first, last) = extra.split_once(':').unwrap();
        assert!(
            beyond_ab(first) && first.ends_with('1') && last.ends_with('4'),
            "{extra}"
        );
    }

    let widths = |book: &Book| -> Vec<(usize, String)> {
        let mut widths = Vec::new();
        for col in book.sheet(LOG).xml.descendants("col") {
            let min: usize = col.attr("min").unwrap().parse().unwrap();
            let max: usize = col.attr("max").unwrap().parse().unwrap();
            for c in min..=max.min(28) {
                widths.push((c, col.attr("width").unwrap().to_owned()));
            }
        }
        widths
    };
    // rust_xlsxwriter stores widths in whole pixels (7 per character of Calibri 11, the default
    // font of both files): each column is the template's to within half a pixel, so it is drawn
    // the same width.
    let (ours_widths, template_widths) = (widths(&ours), widths(&template));
    assert_eq!(ours_widths.len(), template_widths.len());
    for ((col, ours), (t_col, template)) in ours_widths.iter().zip(&template_widths) {
        assert_eq!(col, t_col);
        let (ours, template): (f64, f64) = (ours.parse().unwrap(), template.parse().unwrap());
        assert!(
            (ours - template).abs() < 0.5 / 7.0,
            "column {col}: {ours} vs {template}"
        );
    }

    let heights = |book: &Book| -> Vec<Option<String>> {
        let rows = book.sheet(LOG).xml.descendants("row");
        (1..=4)
            .map(|r| {
                rows.iter()
                    .find(|row| row.attr("r") == Some(&r.to_string()))
                    .and_then(|row| row.attr("ht").map(str::to_owned))
            })
            .collect()
    };
    assert_eq!(heights(&ours), heights(&template));

    let pane = |book: &Book| {
        let pane = book.sheet(LOG).xml.descendants("pane")[0].clone();
        (
            pane.attr("xSplit").map(str::to_owned),
            pane.attr("ySplit").map(str::to_owned),
            pane.attr("topLeftCell").map(str::to_owned),
            pane.attr("state").map(str::to_owned),
        )
    };
    assert_eq!(pane(&ours), pane(&template));
    let filter = |book: &Book| {
        book.sheet(LOG)
            .xml
            .child("autoFilter")
            .unwrap()
            .attr("ref")
            .unwrap()
            .to_owned()
    };
    assert_eq!(filter(&ours), filter(&template));
    assert_eq!(filter(&ours), "A4:AB4");
    let gridlines = |book: &Book| {
        book.sheet(LOG).xml.descendants("sheetView")[0]
            .attr("showGridLines")
            .map(str::to_owned)
    };
    assert_eq!(gridlines(&ours), gridlines(&template));
}

#[test]
fn defined_names_and_drop_downs_match_the_template() {
    let ours = read_book(&export(&example(), false));
    let template = template();
    for name in ["Likelihood", "Consequence"] {
        assert_eq!(ours.name(name), template.name(name), "{name}");
        assert!(ours.name(name).is_some());
    }
    let validations = |book: &Book| -> BTreeMap<String, (String, String)> {
        book.sheet(LOG)
            .xml
            .descendants("dataValidation")
            .iter()
            .map(|v| {
                (
                    v.attr("sqref").unwrap().to_owned(),
                    (
                        v.attr("type").unwrap().to_owned(),
                        v.child("formula1").unwrap().text.clone(),
                    ),
                )
            })
            .collect()
    };
    let ours_validations = validations(&ours);
    let template_validations = validations(&template);
    for range in ["N5:N67 X5:X67", "M5:M67 W5:W67"] {
        assert_eq!(
            ours_validations.get(range),
            template_validations.get(range),
            "{range}"
        );
    }
    // Status: the template's list first, then the app's two other states.
    let (kind, list) = &ours_validations["AB5:AB67"];
    assert_eq!(kind, "list");
    let template_list = &template_validations["AB5:AB67"].1;
    let expected = format!("\"{}\"", STATUS_LIST.join(","));
    assert_eq!(list, &expected);
    assert!(
        list.starts_with(template_list.trim_end_matches('"')),
        "{list} extends {template_list}"
    );
    assert_eq!(ours_validations.len(), template_validations.len());
}

#[test]
fn risk_formulas_are_the_templates_with_their_values_stored() {
    let project = example();
    let bytes = export(&project, false);
    let ours = read_book(&bytes);
    let template = template();
    for row in 5..=67 {
        for col in ["O", "Y"] {
            let cell = format!("{col}{row}");
            let formula = |book: &Book| {
                book.sheet(LOG)
                    .cells
                    .get(&cell)
                    .and_then(|c| c.formula.clone())
            };
            assert_eq!(formula(&ours), formula(&template), "{cell}");
            assert!(formula(&ours).is_some(), "{cell}");
        }
    }
    // The stored values are the ratings, as calamine (no recalculation) reads them.
    let mut workbook: Xlsx<_> = Xlsx::new(Cursor::new(bytes)).unwrap();
    let range = workbook.worksheet_range(LOG).unwrap();
    let value = |row: u32, col: u32| range.get_value((row, col)).cloned().unwrap_or(Data::Empty);
    let hazards: Vec<&Hazard> = project
        .hazards
        .iter()
        .filter(|h| !h.status.is_withdrawn())
        .collect();
    let mut scored = 0;
    for (i, hazard) in hazards.iter().enumerate() {
        let row = 4 + i as u32;
        assert_eq!(value(row, 0), Data::String(hazard.display_id.clone()));
        for (col, assessment) in [(14, hazard.initial), (24, hazard.residual)] {
            let expected = match assessment.rating(&project.matrix) {
                // INDEX returns the matrix cell, a number.
                Some(rating) => {
                    scored += 1;
                    Data::Float(f64::from(rating.value()))
                }
                None => Data::String(String::new()),
            };
            let found = value(row, col);
            let found = if found == Data::Empty {
                Data::String(String::new())
            } else {
                found
            };
            assert_eq!(found, expected, "{} column {col}", hazard.display_id);
        }
    }
    assert!(scored > 10, "the example has scored hazards");
}

#[test]
fn ratings_one_to_five_are_coloured_with_the_nhs_matrix_colours() {
    let ours = read_book(&export(&example(), false));
    let template = template();
    let rules = |book: &Book| -> Vec<(String, String, String, Option<String>)> {
        let mut rules = Vec::new();
        for format in book.sheet(LOG).xml.descendants("conditionalFormatting") {
            for rule in format.all("cfRule") {
                rules.push((
                    format.attr("sqref").unwrap().to_owned(),
                    rule.attr("text").unwrap_or_default().to_owned(),
                    rule.child("formula").unwrap().text.clone(),
                    book.dxf_fills[rule.attr("dxfId").unwrap().parse::<usize>().unwrap()].clone(),
                ));
            }
        }
        rules.sort();
        rules
    };
    let ours_rules = rules(&ours);
    let template_rules = rules(&template);
    // The same "cell contains" rules on the risk columns; the template's first range also
    // covers P (Justification, where any digit would colour the text): ours covers O only.
    assert_eq!(ours_rules.len(), template_rules.len());
    for ((range, text, formula, fill), (t_range, t_text, t_formula, _)) in
        ours_rules.iter().zip(&template_rules)
    {
        assert_eq!(text, t_text);
        assert_eq!(formula, t_formula);
        assert_eq!(range, &t_range.replace("O5:P67", "O5:O67"));
        let rating = RiskRating::ALL[text.parse::<usize>().unwrap() - 1];
        let (r, g, b) = (rating.colour().0, rating.colour().1, rating.colour().2);
        assert_eq!(
            fill.as_deref(),
            Some(format!("{r:02X}{g:02X}{b:02X}").as_str())
        );
    }
    for rule in &ours_rules {
        assert!(rule.0 == "O5:O67" || rule.0 == "Y5:Y67", "{rule:?}");
    }
}

#[test]
fn the_cells_names_and_formulas_point_at_match_the_template() {
    let ours = read_book(&export(&example(), false));
    let template = template();
    let matrix = "Risk Matrix";
    for row in 2..=7 {
        for col in ["C", "D", "E", "F", "G", "H"] {
            let cell = format!("{col}{row}");
            if row == 7 && col == "C" {
                continue;
            }
            assert_eq!(
                ours.text(matrix, &cell),
                template.text(matrix, &cell),
                "{matrix}!{cell}"
            );
        }
    }
    let cover = "Cover Page";
    for cell in [
        "A9", "C9", "A10", "A11", "C11", "A12", "C12", "A13", "C13", "A17",
    ] {
        assert_eq!(
            ours.text(cover, cell),
            template.text(cover, cell),
            "{cover}!{cell}"
        );
    }
    let history = "Version History";
    for cell in ["A1", "A2", "B2", "C2"] {
        assert_eq!(
            ours.text(history, cell),
            template.text(history, cell),
            "{history}!{cell}"
        );
    }
    for cell in ["A1", "B1", "C1", "D1"] {
        assert_eq!(
            ours.text("References", cell),
            template.text("References", cell)
        );
    }
}

#[test]
fn every_field_of_a_hazard_lands_in_its_column() {
    let project = example();
    let ours = read_book(&export(&project, true));
    let row_of = |id: &str| {
        (5..200)
            .find(|row| ours.text(LOG, &format!("A{row}")) == id)
            .unwrap_or_else(|| panic!("{id} not written"))
    };
    let h001 = project
        .hazards
        .iter()
        .find(|h| h.display_id == "H001")
        .unwrap();
    let row = row_of("H001");
    let at = |col: &str| ours.text(LOG, &format!("{col}{row}"));
    assert_eq!(at("C"), h001.effect);
    assert_eq!(at("D"), h001.hazard);
    assert_eq!(at("E"), h001.harm);
    assert!(!at("C").is_empty() && !at("D").is_empty() && !at("E").is_empty());
    assert_eq!(at("M"), h001.initial.severity.unwrap().label());
    assert_eq!(at("N"), h001.initial.likelihood.unwrap().label());
    assert_eq!(at("P"), h001.initial_justification);
    assert_eq!(at("Z"), h001.residual_justification);
    assert_eq!(at("AA"), h001.owner);
    assert_eq!(at("AB"), h001.status.label());
    assert_eq!(at("AC"), h001.name);
    assert_eq!(at("AD"), h001.description);
    // Date Added is a date cell holding the day's serial number.
    let serial: f64 = at("B").parse().unwrap();
    let day = chrono::NaiveDate::from_ymd_opt(1899, 12, 30).unwrap()
        + chrono::Duration::days(serial as i64);
    assert_eq!(Some(day), h001.date_added);
    assert_eq!(ours.style(LOG, &format!("B{row}")).number_format, "14");

    // Withdrawn hazards pass the Status list; their reason is in the app's column.
    let withdrawn = project
        .hazards
        .iter()
        .find(|h| h.status.is_withdrawn())
        .unwrap();
    let row = row_of(&withdrawn.display_id);
    assert_eq!(ours.text(LOG, &format!("AB{row}")), "Withdrawn");
    let HazardStatus::Withdrawn { reason } = &withdrawn.status else {
        unreachable!()
    };
    assert_eq!(&ours.text(LOG, &format!("AF{row}")), reason);
    assert_eq!(ours.text(LOG, "AF1"), "Withdrawal Reason");
}

#[test]
fn typed_controls_go_to_their_columns_with_evidence() {
    let mut project = Project::default();
    let mut hazard = Hazard::new(HazardKey(1), "H001".into(), "x".into(), chrono::Utc::now());
    hazard.existing_controls = vec![
        ExistingControl {
            kind: ExistingControlKind::HitDesign,
            text: "Banner".into(),
            evidence: "DS-4".into(),
        },
        ExistingControl {
            kind: ExistingControlKind::UserTraining,
            text: "Induction".into(),
            evidence: "Training log".into(),
        },
        ExistingControl {
            kind: ExistingControlKind::BusinessProcess,
            text: "Two-person check".into(),
            evidence: String::new(),
        },
    ];
    hazard.additional_controls = vec![
        AdditionalControl {
            kind: ControlKind::Test,
            text: "UAT".into(),
            owner: "Supplier".into(),
            evidence: "TR-12".into(),
        },
        AdditionalControl {
            kind: ControlKind::BusinessProcessChange,
            text: "SOP".into(),
            owner: String::new(),
            evidence: "SOP-4".into(),
        },
    ];
    project.hazards.push(hazard);
    let ours = read_book(&export(&project, false));
    let at = |col: &str| ours.text(LOG, &format!("{col}5"));
    assert_eq!((at("G"), at("H")), ("Banner".into(), "DS-4".into()));
    assert_eq!(
        (at("I"), at("J")),
        ("Induction".into(), "Training log".into())
    );
    assert_eq!(
        (at("K"), at("L")),
        ("Two-person check".into(), String::new())
    );
    assert_eq!(
        (at("Q"), at("R")),
        ("Test: UAT (Owner: Supplier)".into(), "TR-12".into())
    );
    assert_eq!((at("S"), at("T")), (String::new(), String::new()));
    assert_eq!((at("U"), at("V")), ("SOP".into(), "SOP-4".into()));
    // Unscored: the formulas are there, their stored result blank.
    assert!(ours.sheet(LOG).cells["O5"].formula.is_some());
    assert_eq!(at("O"), "");
}
