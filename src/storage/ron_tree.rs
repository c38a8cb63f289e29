//! A lossless syntax tree of RON text, for migrating old project files.
//!
//! `ron::Value` cannot carry a file through a migration: it drops struct names and turns an enum's
//! unit variant (`Major`, `Draft`) into `()`, so a project rebuilt from it is not the project that
//! was saved. This tree keeps every name, identifier and literal exactly as written (a literal is
//! kept as its source text and only ever read back through `ron` itself), so a migration changes
//! only what it means to change. Comments are not kept: a migrated file is only ever parsed, never
//! written back as such (the next save writes the current format, and the old file goes to the
//! rolling backups).
//!
//! Hostile input is bounded: nesting deeper than [`RECURSION_LIMIT`] is an error (the same limit
//! as `ron`'s), and errors carry the line and column of the problem.

use std::fmt::Write as _;

/// The deepest nesting accepted, as `ron`'s default.
pub const RECURSION_LIMIT: usize = 128;

/// One RON value.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Node {
    /// A literal or bare identifier, as written: `"text"`, `r#"raw"#`, `'c'`, `12`, `-1.5e3`,
    /// `true`, `None`, an enum's unit variant such as `Major`.
    Atom(String),
    /// `Name(field: value, …)` or `(field: value, …)`.
    Struct {
        name: Option<String>,
        fields: Vec<(String, Node)>,
    },
    /// `Name(value, …)`, `Some(value)`, `(value, …)` and `()`.
    Tuple {
        name: Option<String>,
        items: Vec<Node>,
    },
    /// `[value, …]`
    List(Vec<Node>),
    /// `{key: value, …}`
    Map(Vec<(Node, Node)>),
}

/// A whole file: its `#![enable(…)]` attributes and its root value.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Document {
    pub attributes: Vec<String>,
    pub root: Node,
}

/// Why text is not RON, and where (1-based line and column, in characters).
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error("{message} at line {line}, column {column}")]
pub struct TreeError {
    pub message: String,
    pub line: usize,
    pub column: usize,
}

impl Node {
    /// A string literal holding `text`, escaped as `ron` escapes it.
    pub fn string(text: &str) -> Node {
        Node::Atom(ron::to_string(text).expect("a string always serialises"))
    }

    /// A bare identifier, such as an enum's unit variant.
    pub fn ident(name: &str) -> Node {
        Node::Atom(name.to_owned())
    }

    /// An unsigned number.
    pub fn number(value: u64) -> Node {
        Node::Atom(value.to_string())
    }

    /// `Name(value)`: a newtype struct such as `HazardKey(3)`.
    pub fn newtype(name: &str, value: Node) -> Node {
        Node::Tuple {
            name: Some(name.to_owned()),
            items: vec![value],
        }
    }

    /// The text of a string literal, read back through `ron`.
    pub fn as_string(&self) -> Option<String> {
        match self {
            Node::Atom(text) => ron::from_str::<String>(text).ok(),
            _ => None,
        }
    }

    /// The bare identifier, if this is one (`Major`, `None`, `true`).
    pub fn as_ident(&self) -> Option<&str> {
        match self {
            Node::Atom(text)
                if text
                    .chars()
                    .next()
                    .is_some_and(|c| c.is_alphabetic() || c == '_') =>
            {
                Some(text)
            }
            _ => None,
        }
    }

    /// The value of a number literal, read back through `ron`.
    pub fn as_u64(&self) -> Option<u64> {
        match self {
            Node::Atom(text) => ron::from_str::<u64>(text).ok(),
            _ => None,
        }
    }

    pub fn as_list(&self) -> Option<&[Node]> {
        match self {
            Node::List(items) => Some(items),
            _ => None,
        }
    }

    pub fn as_list_mut(&mut self) -> Option<&mut Vec<Node>> {
        match self {
            Node::List(items) => Some(items),
            _ => None,
        }
    }

    /// The struct's name, or the tuple's (`Some` for an option).
    pub fn name(&self) -> Option<&str> {
        match self {
            Node::Struct { name, .. } | Node::Tuple { name, .. } => name.as_deref(),
            _ => None,
        }
    }

    /// The names of a struct's fields, in file order.
    pub fn field_names(&self) -> Vec<&str> {
        match self {
            Node::Struct { fields, .. } => fields.iter().map(|(n, _)| n.as_str()).collect(),
            _ => Vec::new(),
        }
    }

    pub fn field(&self, name: &str) -> Option<&Node> {
        match self {
            Node::Struct { fields, .. } => fields.iter().find(|(n, _)| n == name).map(|(_, v)| v),
            _ => None,
        }
    }

    pub fn field_mut(&mut self, name: &str) -> Option<&mut Node> {
        match self {
            Node::Struct { fields, .. } => {
                fields.iter_mut().find(|(n, _)| n == name).map(|(_, v)| v)
            }
            _ => None,
        }
    }

    /// Removes a field and returns its value.
    pub fn take_field(&mut self, name: &str) -> Option<Node> {
        match self {
            Node::Struct { fields, .. } => {
                let index = fields.iter().position(|(n, _)| n == name)?;
                Some(fields.remove(index).1)
            }
            _ => None,
        }
    }

    /// Sets a field, replacing its value in place or adding it at the end. Returns false (and
    /// changes nothing) when this is not a struct.
    pub fn set_field(&mut self, name: &str, value: Node) -> bool {
        match self {
            Node::Struct { fields, .. } => {
                match fields.iter_mut().find(|(n, _)| n == name) {
                    Some((_, slot)) => *slot = value,
                    None => fields.push((name.to_owned(), value)),
                }
                true
            }
            _ => false,
        }
    }

    /// Renames a field where it stands. Returns whether the field was there.
    pub fn rename_field(&mut self, from: &str, to: &str) -> bool {
        match self {
            Node::Struct { fields, .. } => match fields.iter_mut().find(|(n, _)| n == from) {
                Some((name, _)) => {
                    *name = to.to_owned();
                    true
                }
                None => false,
            },
            _ => false,
        }
    }
}

/// Parses RON text into a tree. Never panics; nesting is bounded by [`RECURSION_LIMIT`].
pub fn parse(text: &str) -> Result<Document, TreeError> {
    let mut parser = Parser {
        text,
        pos: 0,
        depth: 0,
    };
    // A byte-order mark is not part of the text.
    if parser.rest().starts_with('\u{feff}') {
        parser.pos += '\u{feff}'.len_utf8();
    }
    let mut attributes = Vec::new();
    parser.skip_trivia()?;
    while parser.rest().starts_with("#!") {
        attributes.push(parser.attribute()?);
        parser.skip_trivia()?;
    }
    let root = parser.value()?;
    parser.skip_trivia()?;
    if parser.pos < text.len() {
        return Err(parser.error("unexpected text after the end of the file's value"));
    }
    Ok(Document { attributes, root })
}

/// Prints a tree as RON text, two spaces an indent level.
pub fn print(document: &Document) -> String {
    let mut out = String::new();
    for attribute in &document.attributes {
        out.push_str(attribute);
        out.push('\n');
    }
    print_node(&document.root, 0, &mut out);
    out.push('\n');
    out
}

fn indent(out: &mut String, level: usize) {
    for _ in 0..level {
        out.push_str("  ");
    }
}

fn print_node(node: &Node, level: usize, out: &mut String) {
    match node {
        Node::Atom(text) => out.push_str(text),
        Node::Struct { name, fields } => {
            out.push_str(name.as_deref().unwrap_or(""));
            out.push('(');
            if !fields.is_empty() {
                out.push('\n');
                for (field, value) in fields {
                    indent(out, level + 1);
                    let _ = write!(out, "{field}: ");
                    print_node(value, level + 1, out);
                    out.push_str(",\n");
                }
                indent(out, level);
            }
            out.push(')');
        }
        Node::Tuple { name, items } => {
            out.push_str(name.as_deref().unwrap_or(""));
            out.push('(');
            for (i, item) in items.iter().enumerate() {
                if i > 0 {
                    out.push_str(", ");
                }
                print_node(item, level, out);
            }
            // `(x,)` is a one-element tuple; `(x)` would be just x.
            if name.is_none() && items.len() == 1 {
                out.push(',');
            }
            out.push(')');
        }
        Node::List(items) => {
            out.push('[');
            if !items.is_empty() {
                out.push('\n');
                for item in items {
                    indent(out, level + 1);
                    print_node(item, level + 1, out);
                    out.push_str(",\n");
                }
                indent(out, level);
            }
            out.push(']');
        }
        Node::Map(entries) => {
            out.push('{');
            if !entries.is_empty() {
                out.push('\n');
                for (key, value) in entries {
                    indent(out, level + 1);
                    print_node(key, level + 1, out);
                    out.push_str(": ");
                    print_node(value, level + 1, out);
                    out.push_str(",\n");
                }
                indent(out, level);
            }
            out.push('}');
        }
    }
}

struct Parser<'a> {
    text: &'a str,
    /// Byte offset, always on a char boundary.
    pos: usize,
    depth: usize,
}

fn is_ident_start(c: char) -> bool {
    c == '_' || c.is_alphabetic()
}

fn is_ident_char(c: char) -> bool {
    c == '_' || c.is_alphanumeric()
}

impl<'a> Parser<'a> {
    fn rest(&self) -> &'a str {
        &self.text[self.pos..]
    }

    fn peek(&self) -> Option<char> {
        self.rest().chars().next()
    }

    fn bump(&mut self) -> Option<char> {
        let c = self.peek()?;
        self.pos += c.len_utf8();
        Some(c)
    }

    fn error(&self, message: impl Into<String>) -> TreeError {
        self.error_at(self.pos, message)
    }

    fn error_at(&self, pos: usize, message: impl Into<String>) -> TreeError {
        let before = &self.text[..pos];
        let line = before.matches('\n').count() + 1;
        let line_start = before.rfind('\n').map_or(0, |i| i + 1);
        let column = before[line_start..].chars().count() + 1;
        TreeError {
            message: message.into(),
            line,
            column,
        }
    }

    /// Skips whitespace and comments (`//` to the end of the line, nestable `/* */`).
    fn skip_trivia(&mut self) -> Result<(), TreeError> {
        loop {
            let rest = self.rest();
            if let Some(c) = rest.chars().next()
                && c.is_whitespace()
            {
                self.pos += c.len_utf8();
            } else if rest.starts_with("//") {
                self.pos += rest.find('\n').unwrap_or(rest.len());
            } else if rest.starts_with("/*") {
                let start = self.pos;
                self.pos += 2;
                let mut open = 1usize;
                while open > 0 {
                    let rest = self.rest();
                    if rest.starts_with("/*") {
                        open += 1;
                        self.pos += 2;
                    } else if rest.starts_with("*/") {
                        open -= 1;
                        self.pos += 2;
                    } else if self.bump().is_none() {
                        return Err(self.error_at(start, "a comment is not closed"));
                    }
                }
            } else {
                return Ok(());
            }
        }
    }

    fn expect(&mut self, wanted: char) -> Result<(), TreeError> {
        self.skip_trivia()?;
        match self.peek() {
            Some(c) if c == wanted => {
                self.pos += c.len_utf8();
                Ok(())
            }
            Some(c) => Err(self.error(format!("expected “{wanted}”, found “{c}”"))),
            None => Err(self.error(format!("expected “{wanted}”, found the end of the file"))),
        }
    }

    /// `#![enable(…)]`, kept as written.
    fn attribute(&mut self) -> Result<String, TreeError> {
        let start = self.pos;
        self.pos += 2;
        self.expect('[')?;
        let mut open = 1usize;
        while open > 0 {
            match self.bump() {
                Some('[') => open += 1,
                Some(']') => open -= 1,
                Some(_) => {}
                None => return Err(self.error_at(start, "an attribute is not closed")),
            }
        }
        Ok(self.text[start..self.pos].to_owned())
    }

    fn value(&mut self) -> Result<Node, TreeError> {
        self.skip_trivia()?;
        if self.depth >= RECURSION_LIMIT {
            return Err(self.error(format!(
                "the file nests values more than {RECURSION_LIMIT} deep"
            )));
        }
        self.depth += 1;
        let result = self.value_inner();
        self.depth -= 1;
        result
    }

    fn value_inner(&mut self) -> Result<Node, TreeError> {
        let start = self.pos;
        let rest = self.rest();
        let Some(c) = rest.chars().next() else {
            return Err(self.error("expected a value, found the end of the file"));
        };
        match c {
            '(' => self.parenthesised(None),
            '[' => self.list(),
            '{' => self.map(),
            '"' => self.quoted('"').map(|()| self.atom_from(start)),
            '\'' => self.quoted('\'').map(|()| self.atom_from(start)),
            'b' if rest.starts_with("b\"") => {
                self.pos += 1;
                self.quoted('"').map(|()| self.atom_from(start))
            }
            'b' if rest.starts_with("br\"") || rest.starts_with("br#") => {
                self.pos += 1;
                self.raw_string(start).map(|()| self.atom_from(start))
            }
            'r' if rest.starts_with("r\"") || rest.starts_with("r#\"") || raw_hashes(rest) => {
                self.raw_string(start).map(|()| self.atom_from(start))
            }
            '0'..='9' | '+' | '-' | '.' => {
                self.number();
                Ok(self.atom_from(start))
            }
            c if is_ident_start(c) || rest.starts_with("r#") => {
                let name = self.identifier()?;
                self.skip_trivia()?;
                if self.peek() == Some('(') {
                    self.parenthesised(Some(name))
                } else {
                    Ok(Node::Atom(name))
                }
            }
            c => Err(self.error(format!("“{c}” cannot start a value"))),
        }
    }

    fn atom_from(&self, start: usize) -> Node {
        Node::Atom(self.text[start..self.pos].to_owned())
    }

    /// An identifier, or a raw one (`r#type`).
    fn identifier(&mut self) -> Result<String, TreeError> {
        let start = self.pos;
        if self.rest().starts_with("r#") {
            self.pos += 2;
            while let Some(c) = self.peek() {
                if is_ident_char(c) || matches!(c, '.' | '+' | '-') {
                    self.pos += c.len_utf8();
                } else {
                    break;
                }
            }
        } else {
            while let Some(c) = self.peek() {
                if is_ident_char(c) {
                    self.pos += c.len_utf8();
                } else {
                    break;
                }
            }
        }
        if self.pos == start || &self.text[start..self.pos] == "r#" {
            return Err(self.error("expected a name"));
        }
        Ok(self.text[start..self.pos].to_owned())
    }

    /// A `"…"` or `'…'` literal; backslash escapes are skipped over, not interpreted.
    fn quoted(&mut self, quote: char) -> Result<(), TreeError> {
        let start = self.pos;
        self.pos += 1;
        loop {
            match self.bump() {
                Some('\\') => {
                    if self.bump().is_none() {
                        break;
                    }
                }
                Some(c) if c == quote => return Ok(()),
                Some(_) => {}
                None => break,
            }
        }
        Err(self.error_at(start, "a quoted text is not closed"))
    }

    /// `r"…"`, `r#"…"#`, `r##"…"##` …
    fn raw_string(&mut self, start: usize) -> Result<(), TreeError> {
        self.pos += 1; // r
        let mut hashes = 0usize;
        while self.peek() == Some('#') {
            hashes += 1;
            self.pos += 1;
        }
        if self.bump() != Some('"') {
            return Err(self.error_at(start, "a raw text is not opened with a quote"));
        }
        let closing: String = std::iter::once('"')
            .chain(std::iter::repeat_n('#', hashes))
            .collect();
        match self.rest().find(&closing) {
            Some(offset) => {
                self.pos += offset + closing.len();
                Ok(())
            }
            None => Err(self.error_at(start, "a raw text is not closed")),
        }
    }

    /// A number, taken as written (checked when `ron` reads it).
    fn number(&mut self) {
        let mut previous = None;
        while let Some(c) = self.peek() {
            let exponent_sign = matches!(c, '+' | '-')
                && (previous.is_none() || matches!(previous, Some('e' | 'E')));
            if c.is_ascii_alphanumeric() || c == '_' || c == '.' || exponent_sign {
                self.pos += 1;
                previous = Some(c);
            } else {
                break;
            }
        }
    }

    fn parenthesised(&mut self, name: Option<String>) -> Result<Node, TreeError> {
        self.expect('(')?;
        self.skip_trivia()?;
        // A struct has `name:` first (but not a path `a::b`).
        let checkpoint = self.pos;
        let is_struct = match self.peek() {
            Some(c) if is_ident_start(c) || self.rest().starts_with("r#") => {
                let found = self.identifier().is_ok() && {
                    self.skip_trivia()?;
                    let rest = self.rest();
                    rest.starts_with(':') && !rest.starts_with("::")
                };
                self.pos = checkpoint;
                found
            }
            _ => false,
        };
        if is_struct {
            let mut fields = Vec::new();
            loop {
                self.skip_trivia()?;
                if self.peek() == Some(')') {
                    self.pos += 1;
                    break;
                }
                let field_start = self.pos;
                let field = self.identifier()?;
                if fields.iter().any(|(n, _)| *n == field) {
                    return Err(
                        self.error_at(field_start, format!("the field “{field}” is given twice"))
                    );
                }
                self.expect(':')?;
                let value = self.value()?;
                fields.push((field, value));
                if !self.comma_or_end(')')? {
                    break;
                }
            }
            Ok(Node::Struct { name, fields })
        } else {
            let mut items = Vec::new();
            loop {
                self.skip_trivia()?;
                if self.peek() == Some(')') {
                    self.pos += 1;
                    break;
                }
                items.push(self.value()?);
                if !self.comma_or_end(')')? {
                    break;
                }
            }
            Ok(Node::Tuple { name, items })
        }
    }

    /// After an element: a comma (true: more may follow) or the closing bracket (consumed; false).
    fn comma_or_end(&mut self, close: char) -> Result<bool, TreeError> {
        self.skip_trivia()?;
        match self.peek() {
            Some(',') => {
                self.pos += 1;
                Ok(true)
            }
            Some(c) if c == close => {
                self.pos += 1;
                Ok(false)
            }
            Some(c) => Err(self.error(format!("expected “,” or “{close}”, found “{c}”"))),
            None => Err(self.error(format!(
                "expected “,” or “{close}”, found the end of the file"
            ))),
        }
    }

    fn list(&mut self) -> Result<Node, TreeError> {
        self.expect('[')?;
        let mut items = Vec::new();
        loop {
            self.skip_trivia()?;
            if self.peek() == Some(']') {
                self.pos += 1;
                break;
            }
            items.push(self.value()?);
            if !self.comma_or_end(']')? {
                break;
            }
        }
        Ok(Node::List(items))
    }

    fn map(&mut self) -> Result<Node, TreeError> {
        self.expect('{')?;
        let mut entries = Vec::new();
        loop {
            self.skip_trivia()?;
            if self.peek() == Some('}') {
                self.pos += 1;
                break;
            }
            let key = self.value()?;
            self.expect(':')?;
            let value = self.value()?;
            entries.push((key, value));
            if !self.comma_or_end('}')? {
                break;
            }
        }
        Ok(Node::Map(entries))
    }
}

/// `r##"` (hashes then a quote) starts a raw string; `r#name` is a raw identifier.
fn raw_hashes(rest: &str) -> bool {
    let after_r = &rest[1..];
    let hashes = after_r.len() - after_r.trim_start_matches('#').len();
    hashes > 0 && after_r[hashes..].starts_with('"')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_project_file_survives_parse_and_print_unchanged_in_meaning() {
        let project = crate::domain::Project {
            hazards: vec![crate::domain::Hazard::new(
                crate::domain::HazardKey(1),
                "H001".into(),
                "Wrong \"patient\"\n— µg".into(),
                chrono::DateTime::UNIX_EPOCH,
            )]
            .into(),
            ..crate::domain::Project::default()
        };
        let text = crate::storage::project_file::to_text(&project);
        let tree = parse(&text).unwrap();
        let printed = print(&tree);
        assert_eq!(parse(&printed).unwrap(), tree, "printing is stable");
        let back = crate::storage::project_file::from_text(&printed, "t".as_ref()).unwrap();
        assert_eq!(back, project);
    }

    #[test]
    fn names_and_unit_variants_are_kept() {
        let doc = parse("Root(a: Some(Major), b: [Draft, Withdrawn(reason: \"x\")], c: (1, 2), d: {\"k\": ()}, e: Name())").unwrap();
        let root = &doc.root;
        assert_eq!(root.name(), Some("Root"));
        assert_eq!(
            root.field("a"),
            Some(&Node::newtype("Some", Node::ident("Major")))
        );
        let b = root.field("b").unwrap().as_list().unwrap();
        assert_eq!(b[0].as_ident(), Some("Draft"));
        assert_eq!(b[1].field("reason").unwrap().as_string().unwrap(), "x");
        assert_eq!(
            root.field("e"),
            Some(&Node::Tuple {
                name: Some("Name".into()),
                items: vec![]
            })
        );
        assert_eq!(parse(&print(&doc)).unwrap(), doc);
    }

    #[test]
    fn literals_are_kept_as_written() {
        let doc = parse(
            "(s: \"a\\\"b\\u{1F600}\", r: r#\"raw \" text\"#, c: '\\'', n: -1.5e-3, h: 0xFF, i: r#type, t: true)",
        )
        .unwrap();
        assert_eq!(doc.root.field("s").unwrap().as_string().unwrap(), "a\"b😀");
        assert_eq!(
            doc.root.field("r").unwrap().as_string().unwrap(),
            "raw \" text"
        );
        assert_eq!(doc.root.field("n"), Some(&Node::Atom("-1.5e-3".into())));
        assert_eq!(doc.root.field("h"), Some(&Node::Atom("0xFF".into())));
        assert_eq!(doc.root.field("i"), Some(&Node::Atom("r#type".into())));
    }

    #[test]
    fn comments_attributes_and_trailing_commas_are_accepted() {
        let doc = parse(
            "\u{feff}#![enable(implicit_some)]\n// head\n/* a /* nested */ comment */ (a: [1, 2,], /* x */ b: 3,)",
        )
        .unwrap();
        assert_eq!(doc.attributes, ["#![enable(implicit_some)]"]);
        assert_eq!(doc.root.field_names(), ["a", "b"]);
    }

    #[test]
    fn bad_text_is_an_error_with_a_position() {
        for (text, line, column) in [
            ("(a: 1", 1, 6),
            ("(a: 1,\n b: \"open", 2, 5),
            ("[1 2]", 1, 4),
            ("(a: 1) trailing", 1, 8),
            ("/* open", 1, 1),
            ("", 1, 1),
            ("(a: 1, a: 2)", 1, 8),
            ("@", 1, 1),
        ] {
            let err = parse(text).unwrap_err();
            assert_eq!((err.line, err.column), (line, column), "{text:?}: {err}");
        }
    }

    #[test]
    fn deep_nesting_is_refused_not_overflowed() {
        let deep = "[".repeat(100_000);
        let err = parse(&deep).unwrap_err();
        assert!(err.message.contains("128"), "{err}");
        let ok = format!("{}{}", "[".repeat(100), "]".repeat(100));
        assert!(parse(&ok).is_ok());
    }

    #[test]
    fn fields_can_be_renamed_taken_and_set() {
        let mut node = parse("H(id: \"H001\", notes: \"n\")").unwrap().root;
        assert!(node.rename_field("id", "display_id"));
        assert_eq!(node.take_field("notes"), Some(Node::string("n")));
        node.set_field("key", Node::newtype("HazardKey", Node::number(4)));
        assert_eq!(node.field_names(), ["display_id", "key"]);
        assert_eq!(node.field("key").unwrap().name(), Some("HazardKey"));
    }
}
