//! What the Clinical Safety Officer writes for the Clinical Safety Case Report and the DCB0160
//! handover pack, beside what the app computes: the sections of the NHS Digital CSCR template
//! that no hazard log holds (introduction, system definition, the safety statement), each with
//! the template's guidance, kept in the project so the report can be made again at any version.

use serde::{Deserialize, Serialize};

/// A document the report refers to (the template's "Related Documents" table).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct RelatedDocument {
    /// The reference number the organisation files it under.
    pub reference: String,
    pub title: String,
    pub version: String,
}

impl RelatedDocument {
    pub fn is_empty(&self) -> bool {
        self.reference.trim().is_empty()
            && self.title.trim().is_empty()
            && self.version.trim().is_empty()
    }
}

/// The written sections of the safety case report and the handover pack.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct SafetyCaseText {
    pub introduction: String,
    pub system_definition: String,
    /// The intended use and the care settings the system is for (also in the handover pack).
    pub intended_use: String,
    /// Uses and settings the system is not for (also in the handover pack).
    pub exclusions: String,
    pub risk_management_system: String,
    pub summary_safety_statement: String,
    pub quality_assurance: String,
    pub related_documents: Vec<RelatedDocument>,
    /// The organisation deploying the system (DCB0160): controls and actions it owns go into
    /// the handover pack whatever their kind.
    pub deploying_organisation: String,
}

/// A written section: its place in [`SafetyCaseText`], its label and the template's guidance.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SafetyCaseField {
    Introduction,
    SystemDefinition,
    IntendedUse,
    Exclusions,
    RiskManagementSystem,
    SummarySafetyStatement,
    QualityAssurance,
}

impl SafetyCaseField {
    /// In the order of the report.
    pub const ALL: [SafetyCaseField; 7] = [
        SafetyCaseField::Introduction,
        SafetyCaseField::SystemDefinition,
        SafetyCaseField::IntendedUse,
        SafetyCaseField::Exclusions,
        SafetyCaseField::RiskManagementSystem,
        SafetyCaseField::SummarySafetyStatement,
        SafetyCaseField::QualityAssurance,
    ];

    pub fn label(self) -> &'static str {
        match self {
            SafetyCaseField::Introduction => "Introduction",
            SafetyCaseField::SystemDefinition => "System definition",
            SafetyCaseField::IntendedUse => "Intended use",
            SafetyCaseField::Exclusions => "Exclusions",
            SafetyCaseField::RiskManagementSystem => "Clinical risk management system",
            SafetyCaseField::SummarySafetyStatement => "Summary safety statement",
            SafetyCaseField::QualityAssurance => "Quality assurance and approval",
        }
    }

    /// What to write, in the words of the template's guidance (shortened, our own phrasing).
    pub fn guidance(self) -> &'static str {
        match self {
            SafetyCaseField::Introduction => {
                "The purpose and scope of this report: which system and release it covers, \
                 for which organisation, and the standard it meets (DCB0129 or DCB0160)."
            }
            SafetyCaseField::SystemDefinition => {
                "What the system is and does: its version, the clinical environment it is used \
                 in, the systems it interfaces with, and the numbers of users and patients."
            }
            SafetyCaseField::IntendedUse => {
                "Who uses the system, for what clinical purpose, and in which care settings."
            }
            SafetyCaseField::Exclusions => {
                "Uses, users and settings the system is not intended for, and functions out of \
                 scope of this assessment."
            }
            SafetyCaseField::RiskManagementSystem => {
                "A reference to the organisation's clinical risk management system (the \
                 document, its version and where it is filed): this report does not repeat it."
            }
            SafetyCaseField::SummarySafetyStatement => {
                "The Clinical Safety Officer's conclusion: whether the system is safe to deploy \
                 for its intended use with the controls in place, and on what conditions."
            }
            SafetyCaseField::QualityAssurance => {
                "How this report was reviewed and approved, and by whom (the sign-off of the \
                 issued version is listed with it)."
            }
        }
    }

    pub fn get(self, text: &SafetyCaseText) -> &str {
        match self {
            SafetyCaseField::Introduction => &text.introduction,
            SafetyCaseField::SystemDefinition => &text.system_definition,
            SafetyCaseField::IntendedUse => &text.intended_use,
            SafetyCaseField::Exclusions => &text.exclusions,
            SafetyCaseField::RiskManagementSystem => &text.risk_management_system,
            SafetyCaseField::SummarySafetyStatement => &text.summary_safety_statement,
            SafetyCaseField::QualityAssurance => &text.quality_assurance,
        }
    }

    pub fn get_mut(self, text: &mut SafetyCaseText) -> &mut String {
        match self {
            SafetyCaseField::Introduction => &mut text.introduction,
            SafetyCaseField::SystemDefinition => &mut text.system_definition,
            SafetyCaseField::IntendedUse => &mut text.intended_use,
            SafetyCaseField::Exclusions => &mut text.exclusions,
            SafetyCaseField::RiskManagementSystem => &mut text.risk_management_system,
            SafetyCaseField::SummarySafetyStatement => &mut text.summary_safety_statement,
            SafetyCaseField::QualityAssurance => &mut text.quality_assurance,
        }
    }
}

impl SafetyCaseText {
    /// Nothing written: the project file leaves it out, so files and the frozen text of
    /// versions issued before it existed stay byte for byte the same.
    pub fn is_empty(&self) -> bool {
        SafetyCaseField::ALL
            .iter()
            .all(|f| f.get(self).trim().is_empty())
            && self.related_documents.iter().all(RelatedDocument::is_empty)
            && self.deploying_organisation.trim().is_empty()
    }

    /// Whether `owner` (a control's owner, or an action owner's organisation) names the
    /// deploying organisation.
    pub fn owned_by_deployer(&self, owner: &str) -> bool {
        let deployer = self.deploying_organisation.trim().to_lowercase();
        !deployer.is_empty() && owner.to_lowercase().contains(&deployer)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_field_reads_and_writes_its_own_text() {
        let mut text = SafetyCaseText::default();
        assert!(text.is_empty());
        for (i, field) in SafetyCaseField::ALL.into_iter().enumerate() {
            *field.get_mut(&mut text) = format!("text {i}");
        }
        for (i, field) in SafetyCaseField::ALL.into_iter().enumerate() {
            assert_eq!(field.get(&text), format!("text {i}"));
            assert!(!field.guidance().is_empty());
        }
        assert!(!text.is_empty());
    }

    #[test]
    fn a_related_document_alone_is_content() {
        let text = SafetyCaseText {
            related_documents: vec![RelatedDocument {
                title: "Clinical risk management plan".into(),
                ..RelatedDocument::default()
            }],
            ..SafetyCaseText::default()
        };
        assert!(!text.is_empty());
    }
}
