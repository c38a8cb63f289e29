//! A hazard's initial and residual assessments: severity and likelihood read from their
//! columns, and the sheet's risk rating checked against the project's matrix.

use super::columns::Role;
use super::hazard::GroupCells;
use super::headers::Kind;
use super::report::ImportReport;
use super::table::Table;
use crate::domain::summary::Stage;
use crate::domain::{Assessment, Likelihood, RiskMatrix, RiskRating, Severity};
use crate::interchange::layout::cell_address;

/// One stage's assessment of a hazard. A risk rating in the sheet that disagrees with the
/// matrix, or that cannot be checked, is reported and noted on the hazard.
pub(super) fn read_assessment(
    table: &Table,
    cells: &GroupCells,
    stage: Stage,
    matrix: &RiskMatrix,
    title: &str,
    notes: &mut Vec<String>,
    report: &mut ImportReport,
) -> Assessment {
    let stage_word = stage.label().to_lowercase();
    let of = |kind: Kind| move |r: &Role| *r == Role::Field(kind, Some(stage));
    let severity = read_category(
        table,
        &cells.matching(of(Kind::Severity)),
        Severity::parse,
        &format!("{stage_word} severity"),
        "Minor, Significant, Considerable, Major, Catastrophic",
        title,
        notes,
        report,
    );
    let likelihood = read_category(
        table,
        &cells.matching(of(Kind::Likelihood)),
        Likelihood::parse,
        &format!("{stage_word} likelihood"),
        "Very Low, Low, Medium, High, Very High",
        title,
        notes,
        report,
    );
    let assessment = Assessment {
        severity,
        likelihood,
    };
    if let Some((row, col, given)) = cells.matching(of(Kind::Risk)).first() {
        let address = cell_address(table.sheet, *row, *col);
        check_risk(
            &assessment,
            stage,
            given.trim(),
            &address,
            matrix,
            title,
            notes,
            report,
        );
    }
    assessment
}

/// Reports a risk rating `given` in the sheet (at `address`) that is not what the matrix makes
/// of the assessment, or that cannot be checked for want of a score.
#[allow(clippy::too_many_arguments)]
fn check_risk(
    assessment: &Assessment,
    stage: Stage,
    given: &str,
    address: &str,
    matrix: &RiskMatrix,
    title: &str,
    notes: &mut Vec<String>,
    report: &mut ImportReport,
) {
    let stage_word = stage.label().to_lowercase();
    match (assessment.rating(matrix), rating_of(given)) {
        (Some(rating), Some(found)) if rating == found => {}
        (Some(rating), found) => {
            let (s, l) = (
                assessment.severity.unwrap_or(Severity::Minor),
                assessment.likelihood.unwrap_or(Likelihood::VeryLow),
            );
            let given_text = match found {
                Some(found) => found.to_string(),
                None => format!("“{given}”"),
            };
            report.warn(
                Some(address.to_owned()),
                format!(
                    "{stage_word} risk given as {given_text} but {} x {} is {rating} in the {} \
                     matrix; {title} has {rating}",
                    s.label(),
                    l.label(),
                    matrix.name
                ),
            );
            notes.push(format!(
                "{} risk was {given_text} in the spreadsheet ({address}); {} x {} is {rating} \
                 in the {} matrix, so it is {rating} here.",
                stage.label(),
                s.label(),
                l.label(),
                matrix.name
            ));
        }
        (None, _) => {
            report.warn(
                Some(address.to_owned()),
                format!(
                    "{stage_word} risk given as “{given}” for {title} without both a severity \
                     and a likelihood; it cannot be checked and was not kept as a score"
                ),
            );
            notes.push(format!(
                "{} risk was “{given}” in the spreadsheet ({address}) without both a severity \
                 and a likelihood.",
                stage.label()
            ));
        }
    }
}

/// The first value of a severity or likelihood column in a group, parsed; problems reported.
#[allow(clippy::too_many_arguments)]
fn read_category<T: Copy + PartialEq>(
    table: &Table,
    cells: &[(u32, u32, String)],
    parse: fn(&str) -> Option<T>,
    what: &str,
    allowed: &str,
    title: &str,
    notes: &mut Vec<String>,
    report: &mut ImportReport,
) -> Option<T> {
    let (row, col, first) = cells.first()?;
    let first = first.trim();
    let parsed = parse(first);
    if parsed.is_none() {
        let address = cell_address(table.sheet, *row, *col);
        report.warn(
            Some(address.clone()),
            format!("{what} “{first}” of {title} is not one of {allowed}; left unscored"),
        );
        notes.push(format!(
            "The {what} was “{first}” in the spreadsheet ({address}), which is not one of \
             {allowed}."
        ));
        return None;
    }
    let others: Vec<&str> = cells
        .iter()
        .map(|(_, _, t)| t.trim())
        .filter(|t| parse(t) != parsed)
        .collect();
    if !others.is_empty() {
        report.warn(
            Some(cell_address(table.sheet, *row, *col)),
            format!(
                "the rows of {title} disagree on the {what} ({first}, {}); {first} was used",
                others.join(", ")
            ),
        );
        notes.push(format!(
            "The spreadsheet rows gave different values for the {what}: {first}, {}.",
            others.join(", ")
        ));
    }
    parsed
}

/// A rating written in a cell: `3`, `3.0`, `3 - Undesirable`.
pub(super) fn rating_of(text: &str) -> Option<RiskRating> {
    let text = text.trim();
    let digits: String = text.chars().take_while(char::is_ascii_digit).collect();
    let rest = &text[digits.len()..];
    if !(rest.is_empty() || rest.starts_with(|c: char| !c.is_ascii_digit())) {
        return None;
    }
    let rest = rest.trim_start();
    if rest.starts_with('.') && !rest[1..].chars().all(|c| c == '0') {
        return None;
    }
    RiskRating::new(digits.parse().ok()?)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ratings_are_read_from_numbers_and_text() {
        assert_eq!(rating_of("3"), RiskRating::new(3));
        assert_eq!(rating_of(" 2.0 "), RiskRating::new(2));
        assert_eq!(rating_of("4 - Mandatory elimination"), RiskRating::new(4));
        assert_eq!(rating_of("12"), None);
        assert_eq!(rating_of("2.5"), None);
        assert_eq!(rating_of("High"), None);
    }
}
