//! Reading an action line as a note-taker types it ("Tom Reid to check the formulary by 5 Dec",
//! "pharmacy - review dose limits - due 12/12") into its owner, task and due date, and saying
//! what could not be read.

use chrono::{Datelike, NaiveDate};

/// What an action line says. The task is the whole line when nothing else could be read.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ActionLine {
    pub owner: Option<String>,
    pub task: String,
    pub due: Option<NaiveDate>,
    /// A due date was named but not understood: the words as typed, for the user to fill in.
    pub unread_due: Option<String>,
}

impl ActionLine {
    /// What the user still has to fill in, in words ("owner", "due date (“next week” not
    /// understood)"): empty when the line gave everything.
    pub fn missing(&self) -> Vec<String> {
        let mut missing = Vec::new();
        if self.owner.is_none() {
            missing.push("owner".to_owned());
        }
        match (&self.due, &self.unread_due) {
            (Some(_), _) => {}
            (None, Some(words)) => missing.push(format!("due date (“{words}” not understood)")),
            (None, None) => missing.push("due date".to_owned()),
        }
        missing
    }
}

/// Words that start a sentence rather than name someone ("we need to…", "need to…").
const NOT_OWNERS: [&str; 12] = [
    "we", "i", "you", "they", "need", "needs", "it", "this", "that", "going", "want", "have",
];

/// Reads `text` (without its "a:" prefix); `today` places a date typed without a year on its
/// next occurrence.
pub fn parse(text: &str, today: NaiveDate) -> ActionLine {
    let text = text.trim();
    let dashed = text.replace(" – ", " - ").replace(" — ", " - ");
    let parts: Vec<&str> = dashed
        .split(" - ")
        .map(str::trim)
        .filter(|p| !p.is_empty())
        .collect();
    // "owner - task - due date", in that order.
    if parts.len() >= 2 && is_owner(parts[0]) {
        let mut rest = &parts[1..];
        let mut due = None;
        let mut unread_due = None;
        if rest.len() >= 2
            && let Some(words) = due_words(rest[rest.len() - 1])
        {
            due = parse_due(words, today);
            unread_due = due.is_none().then(|| words.to_owned());
            rest = &rest[..rest.len() - 1];
        }
        return ActionLine {
            owner: Some(parts[0].to_owned()),
            task: rest.join(" - "),
            due,
            unread_due,
        };
    }
    // "owner to task by due date".
    let (owner, task) = match text.split_once(" to ") {
        Some((owner, task)) if is_owner(owner) && !task.trim().is_empty() => {
            (Some(owner.trim().to_owned()), task.trim())
        }
        _ => (None, text),
    };
    let (task, due, unread_due) = match split_due(task) {
        Some((task, words)) => {
            let due = parse_due(words, today);
            let unread = due.is_none().then(|| words.to_owned());
            (task, due, unread)
        }
        None => (task, None, None),
    };
    ActionLine {
        owner,
        task: task.to_owned(),
        due,
        unread_due,
    }
}

/// A short name: one to four words, not the start of a sentence.
fn is_owner(text: &str) -> bool {
    let words: Vec<&str> = text.split_whitespace().collect();
    !words.is_empty()
        && words.len() <= 4
        && !NOT_OWNERS.contains(&words[0].to_lowercase().as_str())
        && words
            .iter()
            .all(|w| w.chars().all(|c| c.is_alphabetic() || "'.-&".contains(c)))
}

/// The date words of a part that is only a due date ("due 12/12", "by 5 Dec").
fn due_words(part: &str) -> Option<&str> {
    let lower = part.to_lowercase();
    ["due:", "due", "by", "before"].iter().find_map(|marker| {
        let rest = lower.strip_prefix(marker)?;
        rest.starts_with([' ', ':'])
            .then(|| part[marker.len()..].trim_start_matches([' ', ':']).trim())
            .filter(|w| !w.is_empty())
    })
}

/// Splits "check the formulary by 5 Dec" at its last due marker.
fn split_due(task: &str) -> Option<(&str, &str)> {
    let lower = task.to_lowercase();
    [" by ", " due ", " before "]
        .iter()
        .filter_map(|marker| lower.rfind(marker).map(|at| (at, marker.len())))
        .max()
        .map(|(at, len)| (task[..at].trim(), task[at + len..].trim()))
        .filter(|(task, words)| !task.is_empty() && !words.is_empty())
}

/// "5 Dec", "5th December", "12/12", "12/12/2026", "2026-12-12"; without a year, the next
/// such day from `today`.
pub fn parse_due(words: &str, today: NaiveDate) -> Option<NaiveDate> {
    let words = words.trim().trim_end_matches(['.', ',', ';']);
    if let Some(date) = super::minutes::parse_date(words) {
        return Some(date);
    }
    let cleaned: String = words
        .split_whitespace()
        .map(|w| {
            let digits = w.trim_end_matches(|c: char| c.is_alphabetic());
            if !digits.is_empty() && digits.chars().all(|c| c.is_ascii_digit()) {
                digits.to_owned()
            } else {
                w.to_owned()
            }
        })
        .collect::<Vec<_>>()
        .join(" ");
    let this_year = |format: &str| {
        NaiveDate::parse_from_str(&format!("{cleaned} {}", today.year()), format).ok()
    };
    let date = ["%d %b %Y", "%d %B %Y", "%d/%m %Y"]
        .iter()
        .find_map(|f| this_year(f))?;
    if date < today {
        date.with_year(today.year() + 1)
    } else {
        Some(date)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn today() -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 11, 28).unwrap()
    }

    fn day(y: i32, m: u32, d: u32) -> Option<NaiveDate> {
        NaiveDate::from_ymd_opt(y, m, d)
    }

    #[test]
    fn the_two_ways_a_note_taker_writes_an_action() {
        let line = parse("Tom Reid to check the formulary by 5 Dec", today());
        assert_eq!(line.owner.as_deref(), Some("Tom Reid"));
        assert_eq!(line.task, "check the formulary");
        assert_eq!(line.due, day(2026, 12, 5));
        assert!(line.missing().is_empty());

        let line = parse("pharmacy - review dose limits - due 12/12", today());
        assert_eq!(line.owner.as_deref(), Some("pharmacy"));
        assert_eq!(line.task, "review dose limits");
        assert_eq!(line.due, day(2026, 12, 12));
    }

    #[test]
    fn a_date_without_a_year_is_the_next_one_and_full_dates_are_kept() {
        assert_eq!(parse_due("3 Jan", today()), day(2027, 1, 3));
        assert_eq!(parse_due("5th December", today()), day(2026, 12, 5));
        assert_eq!(parse_due("12/12/2027", today()), day(2027, 12, 12));
        assert_eq!(parse_due("2027-02-01", today()), day(2027, 2, 1));
        assert_eq!(parse_due("next week", today()), None);
    }

    #[test]
    fn what_could_not_be_read_is_said() {
        let line = parse("check the interface logs", today());
        assert_eq!(line.owner, None);
        assert_eq!(line.task, "check the interface logs");
        assert_eq!(line.missing(), ["owner", "due date"]);

        let line = parse("Ana to ring the supplier by next week", today());
        assert_eq!(line.owner.as_deref(), Some("Ana"));
        assert_eq!(line.due, None);
        assert_eq!(line.missing(), ["due date (“next week” not understood)"]);

        let line = parse("We need to agree a go-live date", today());
        assert_eq!(line.owner, None, "a sentence, not an owner");
    }

    proptest! {
        /// Nothing typed is lost: the owner, task and date words together hold every word of
        /// the line, and a line never panics.
        #[test]
        fn every_word_is_kept_somewhere(text in "[A-Za-z0-9/ :\\-]{0,60}") {
            let line = parse(&text, today());
            let kept = format!(
                "{} {} {}",
                line.owner.clone().unwrap_or_default(),
                line.task,
                line.due.map(|d| d.format("%d %b %Y").to_string()).or(line.unread_due.clone()).unwrap_or_default(),
            );
            let significant = |w: &&str| {
                !["to", "by", "due", "due:", "before", "-", ":"].contains(&w.to_lowercase().as_str())
            };
            let dated = line.due.is_some();
            for word in text.split_whitespace().filter(significant) {
                prop_assert!(
                    dated || kept.contains(word),
                    "{word:?} of {text:?} is in none of {line:?}"
                );
            }
        }

        #[test]
        fn any_owner_task_and_day_are_read_back(
            owner in "[A-Z][a-z]{1,8}( [A-Z][a-z]{1,8})?",
            task in "[a-z]{2,8}( [a-z]{2,8}){0,4}",
            date in (1u32..=28, 1u32..=12),
        ) {
            prop_assume!(is_owner(&owner));
            prop_assume!(!task.split(' ').any(|w| ["to", "by", "due", "before"].contains(&w)));
            let due = NaiveDate::from_ymd_opt(2027, date.1, date.0).unwrap();
            let dashed = format!("{owner} - {task} - due {}", due.format("%d/%m/%Y"));
            let worded = format!("{owner} to {task} by {}", due.format("%d %b %Y"));
            for text in [dashed, worded] {
                let line = parse(&text, today());
                prop_assert_eq!(line.owner.as_deref(), Some(owner.as_str()), "{}", text);
                prop_assert_eq!(&line.task, &task, "{}", text);
                prop_assert_eq!(line.due, Some(due), "{}", text);
            }
        }
    }
}
