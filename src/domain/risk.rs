//! The DCB0129 risk model: severity and likelihood categories, the 5x5 lookup matrix and the
//! rating texts and colours, exactly as the NHS Digital hazard log workbooks give them.

use serde::{Deserialize, Serialize};

/// How bad the harm would be ("Consequence" in some NHS sheets). Ordered from least to most severe.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub enum Severity {
    Minor,
    Significant,
    Considerable,
    Major,
    Catastrophic,
}

/// One qualifying consequence of a severity category, with the number of patients it applies to.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct SeverityDefinition {
    pub interpretation: &'static str,
    pub patients: &'static str,
}

const PERMANENT_INCAPACITY: &str = "Permanent life-changing incapacity and any condition for which the prognosis is death or permanent life-changing incapacity; severe injury or severe incapacity from which recovery is not expected in the short term";

const fn def(interpretation: &'static str, patients: &'static str) -> SeverityDefinition {
    SeverityDefinition {
        interpretation,
        patients,
    }
}

const SEVERE_SHORT_TERM: &str =
    "Severe injury or severe incapacity from which recovery is expected in the short term";

const CATASTROPHIC: &[SeverityDefinition] = &[
    def("Death", "Multiple"),
    def(PERMANENT_INCAPACITY, "Multiple"),
];
const MAJOR: &[SeverityDefinition] = &[
    def("Death", "Single"),
    def(PERMANENT_INCAPACITY, "Single"),
    def(SEVERE_SHORT_TERM, "Multiple"),
    def("Severe psychological trauma", "Multiple"),
];
const CONSIDERABLE: &[SeverityDefinition] = &[
    def(SEVERE_SHORT_TERM, "Single"),
    def("Severe psychological trauma", "Single"),
    def(
        "Minor injury or injuries from which recovery is not expected in the short term.",
        "Multiple",
    ),
    def("Significant psychological trauma", "Multiple"),
];
const SIGNIFICANT: &[SeverityDefinition] = &[
    def(
        "Minor injury or injuries from which recovery is not expected in the short term",
        "Single",
    ),
    def("Significant psychological trauma", "Single"),
    def(
        "Minor injury from which recovery is expected in the short term",
        "Multiple",
    ),
    def("Minor psychological upset; inconvenience", "Multiple"),
];
const MINOR: &[SeverityDefinition] = &[def(
    "Minor injury from which recovery is expected in the short term; minor psychological upset; inconvenience; any negligible severity",
    "Single",
)];

impl Severity {
    /// Left to right, as the matrix columns run.
    pub const ALL: [Severity; 5] = [
        Severity::Minor,
        Severity::Significant,
        Severity::Considerable,
        Severity::Major,
        Severity::Catastrophic,
    ];

    pub fn label(self) -> &'static str {
        match self {
            Severity::Minor => "Minor",
            Severity::Significant => "Significant",
            Severity::Considerable => "Considerable",
            Severity::Major => "Major",
            Severity::Catastrophic => "Catastrophic",
        }
    }

    /// Column index in the matrix (0 = Minor).
    pub fn index(self) -> usize {
        self as usize
    }

    /// The NHS definitions: each category has several alternative qualifying consequences.
    pub fn definitions(self) -> &'static [SeverityDefinition] {
        match self {
            Severity::Catastrophic => CATASTROPHIC,
            Severity::Major => MAJOR,
            Severity::Considerable => CONSIDERABLE,
            Severity::Significant => SIGNIFICANT,
            Severity::Minor => MINOR,
        }
    }

    /// The definitions as one readable paragraph, for tooltips and pickers.
    pub fn definition_text(self) -> String {
        self.definitions()
            .iter()
            .map(|d| {
                format!(
                    "{} ({} patient{})",
                    d.interpretation,
                    d.patients,
                    plural(d.patients)
                )
            })
            .collect::<Vec<_>>()
            .join("; or\n")
    }

    /// Case-insensitive, whitespace-tolerant parse of a category label (spreadsheets vary).
    pub fn parse(text: &str) -> Option<Severity> {
        let wanted = normalise(text);
        Severity::ALL
            .into_iter()
            .find(|s| normalise(s.label()) == wanted)
    }
}

fn plural(patients: &str) -> &'static str {
    if patients == "Multiple" { "s" } else { "" }
}

/// How likely the harm is to occur. Ordered from least to most likely.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub enum Likelihood {
    VeryLow,
    Low,
    Medium,
    High,
    VeryHigh,
}

impl Likelihood {
    /// Least likely first. The matrix draws them the other way up (Very High at the top).
    pub const ALL: [Likelihood; 5] = [
        Likelihood::VeryLow,
        Likelihood::Low,
        Likelihood::Medium,
        Likelihood::High,
        Likelihood::VeryHigh,
    ];

    pub fn label(self) -> &'static str {
        match self {
            Likelihood::VeryLow => "Very Low",
            Likelihood::Low => "Low",
            Likelihood::Medium => "Medium",
            Likelihood::High => "High",
            Likelihood::VeryHigh => "Very High",
        }
    }

    /// Row index counted from Very Low = 0.
    pub fn index(self) -> usize {
        self as usize
    }

    pub fn definition(self) -> &'static str {
        match self {
            Likelihood::VeryHigh => "Certain or almost certain; highly likely to occur",
            Likelihood::High => {
                "Not certain but very possible; reasonably expected to occur in the majority of cases"
            }
            Likelihood::Medium => "Possible",
            Likelihood::Low => "Could occur but in the great majority of occasions will not",
            Likelihood::VeryLow => "Negligible or nearly negligible possibility of occurring",
        }
    }

    pub fn parse(text: &str) -> Option<Likelihood> {
        let wanted = normalise(text);
        Likelihood::ALL
            .into_iter()
            .find(|l| normalise(l.label()) == wanted)
    }
}

/// Trimmed, whitespace-collapsed, lower-case: how labels from spreadsheets are compared.
pub fn normalise(text: &str) -> String {
    text.split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase()
}

/// A clinical risk rating, 1 (acceptable) to 5 (unacceptable).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(try_from = "u8", into = "u8")]
pub struct RiskRating(u8);

/// An sRGB colour, kept free of any UI library.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Rgb(pub u8, pub u8, pub u8);

impl Rgb {
    /// `RRGGBB`, as spreadsheets write fills.
    pub fn hex(self) -> String {
        format!("{:02X}{:02X}{:02X}", self.0, self.1, self.2)
    }
}

impl RiskRating {
    pub const ALL: [RiskRating; 5] = [
        RiskRating(1),
        RiskRating(2),
        RiskRating(3),
        RiskRating(4),
        RiskRating(5),
    ];

    pub fn new(value: u8) -> Option<RiskRating> {
        (1..=5).contains(&value).then_some(RiskRating(value))
    }

    pub fn value(self) -> u8 {
        self.0
    }

    /// The NHS Digital acceptability wording for this rating.
    pub fn acceptability(self) -> &'static str {
        match self.0 {
            5 => "Unacceptable level of risk",
            4 => {
                "Mandatory elimination of hazard or addition of control measure to reduce risk to an acceptable level"
            }
            3 => {
                "Undesirable level of risk. Attempts should be made to eliminate the hazard or implement control measures to reduce risk to an acceptable level. Shall only be acceptable when further risk reduction is impractical"
            }
            2 => {
                "Acceptable where cost of further reduction outweighs benefits gained or where further risk reduction is impractical"
            }
            _ => "Acceptable, no further action required",
        }
    }

    /// Short label for chips and legends.
    pub fn short_label(self) -> &'static str {
        match self.0 {
            5 => "Unacceptable",
            4 => "Mandatory elimination",
            3 => "Undesirable",
            2 => "Acceptable (conditionally)",
            _ => "Acceptable",
        }
    }

    /// The fixed fill of the NHS Risk Matrix sheet (never a theme colour).
    pub fn colour(self) -> Rgb {
        match self.0 {
            5 => Rgb(0xE3, 0x6C, 0x0A),
            4 => Rgb(0xD9, 0x95, 0x94),
            3 => Rgb(0xFA, 0xBF, 0x8F),
            2 => Rgb(0xFF, 0xFF, 0x66),
            _ => Rgb(0x9E, 0xFE, 0xB5),
        }
    }

    /// Text drawn on the rating's fill. Black reads best on all five NHS fills: the darkest,
    /// E36C0A, gives 6.3:1 with black and only 3.3:1 with white.
    pub fn text_colour(self) -> Rgb {
        Rgb(0, 0, 0)
    }
}

impl TryFrom<u8> for RiskRating {
    type Error = String;
    fn try_from(value: u8) -> Result<Self, Self::Error> {
        RiskRating::new(value).ok_or_else(|| format!("risk rating {value} is not between 1 and 5"))
    }
}

impl From<RiskRating> for u8 {
    fn from(rating: RiskRating) -> u8 {
        rating.0
    }
}

impl std::fmt::Display for RiskRating {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}", self.0)
    }
}

/// A severity x likelihood lookup table. Stored in each project; the DCB0129 one is the default.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct RiskMatrix {
    pub name: String,
    /// `ratings[likelihood.index()][severity.index()]`.
    pub ratings: [[RiskRating; 5]; 5],
}

impl Default for RiskMatrix {
    fn default() -> Self {
        RiskMatrix::dcb0129()
    }
}

impl RiskMatrix {
    /// The DCB0129 matrix, as in every NHS Digital hazard log workbook. It is a lookup table, not
    /// a product of the two scales.
    pub fn dcb0129() -> RiskMatrix {
        let r = |values: [u8; 5]| values.map(RiskRating);
        RiskMatrix {
            name: "DCB0129".to_owned(),
            ratings: [
                r([1, 1, 2, 2, 3]), // Very Low
                r([1, 2, 2, 3, 4]), // Low
                r([2, 2, 3, 3, 4]), // Medium
                r([2, 3, 3, 4, 5]), // High
                r([3, 4, 4, 5, 5]), // Very High
            ],
        }
    }

    pub fn rating(&self, severity: Severity, likelihood: Likelihood) -> RiskRating {
        self.ratings[likelihood.index()][severity.index()]
    }
}

/// A severity and likelihood judgement; either may still be unset (not yet scored).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Assessment {
    pub severity: Option<Severity>,
    pub likelihood: Option<Likelihood>,
}

impl Assessment {
    pub fn new(severity: Severity, likelihood: Likelihood) -> Assessment {
        Assessment {
            severity: Some(severity),
            likelihood: Some(likelihood),
        }
    }

    /// The rating, once both halves are scored.
    pub fn rating(&self, matrix: &RiskMatrix) -> Option<RiskRating> {
        Some(matrix.rating(self.severity?, self.likelihood?))
    }

    pub fn is_unscored(&self) -> bool {
        self.severity.is_none() && self.likelihood.is_none()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The reference table of the domain guide, row by row from Very High down.
    const REFERENCE: [(&str, [u8; 5]); 5] = [
        ("Very High", [3, 4, 4, 5, 5]),
        ("High", [2, 3, 3, 4, 5]),
        ("Medium", [2, 2, 3, 3, 4]),
        ("Low", [1, 2, 2, 3, 4]),
        ("Very Low", [1, 1, 2, 2, 3]),
    ];
    const COLUMNS: [&str; 5] = [
        "Minor",
        "Significant",
        "Considerable",
        "Major",
        "Catastrophic",
    ];

    #[test]
    fn all_25_cells_match_the_dcb0129_reference_table() {
        let matrix = RiskMatrix::dcb0129();
        let mut checked = 0;
        for (row_label, expected_row) in REFERENCE {
            let likelihood = Likelihood::parse(row_label).unwrap();
            for (column_label, expected) in COLUMNS.iter().zip(expected_row) {
                let severity = Severity::parse(column_label).unwrap();
                assert_eq!(
                    matrix.rating(severity, likelihood).value(),
                    expected,
                    "{row_label} x {column_label}"
                );
                checked += 1;
            }
        }
        assert_eq!(checked, 25);
    }

    #[test]
    fn labels_parse_case_insensitively_and_trimmed() {
        assert_eq!(Likelihood::parse(" Very low "), Some(Likelihood::VeryLow));
        assert_eq!(Likelihood::parse("very  HIGH"), Some(Likelihood::VeryHigh));
        assert_eq!(
            Severity::parse("catastrophic\n"),
            Some(Severity::Catastrophic)
        );
        assert_eq!(Severity::parse("Severe"), None);
    }

    #[test]
    fn colours_are_the_nhs_fills() {
        let hex: Vec<String> = RiskRating::ALL.iter().map(|r| r.colour().hex()).collect();
        assert_eq!(hex, ["9EFEB5", "FFFF66", "FABF8F", "D99594", "E36C0A"]);
    }

    #[test]
    fn text_on_every_fill_meets_wcag_aa_contrast() {
        fn luminance(c: Rgb) -> f64 {
            let lin = |v: u8| {
                let s = v as f64 / 255.0;
                if s <= 0.03928 {
                    s / 12.92
                } else {
                    ((s + 0.055) / 1.055).powf(2.4)
                }
            };
            0.2126 * lin(c.0) + 0.7152 * lin(c.1) + 0.0722 * lin(c.2)
        }
        for rating in RiskRating::ALL {
            let (a, b) = (luminance(rating.colour()), luminance(rating.text_colour()));
            let contrast = (a.max(b) + 0.05) / (a.min(b) + 0.05);
            assert!(contrast >= 4.5, "rating {rating}: contrast {contrast:.2}");
        }
    }

    #[test]
    fn unscored_and_half_scored_assessments_have_no_rating() {
        let m = RiskMatrix::dcb0129();
        assert_eq!(Assessment::default().rating(&m), None);
        let half = Assessment {
            severity: Some(Severity::Major),
            likelihood: None,
        };
        assert_eq!(half.rating(&m), None);
        assert_eq!(
            Assessment::new(Severity::Major, Likelihood::High).rating(&m),
            RiskRating::new(4)
        );
    }

    #[test]
    fn ratings_outside_one_to_five_are_rejected() {
        assert!(RiskRating::new(0).is_none());
        assert!(RiskRating::new(6).is_none());
        assert!(RiskRating::try_from(3u8).is_ok());
    }
}
