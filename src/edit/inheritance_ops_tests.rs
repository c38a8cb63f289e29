//! Tests of inheriting a supplier's hazards and taking in its next version.

use super::*;
use crate::domain::{Assessment, Likelihood, Severity};

fn now() -> DateTime<Utc> {
    DateTime::UNIX_EPOCH
}

fn supplier_hazard(key: u64, id: &str, name: &str) -> Hazard {
    let mut h = Hazard::new(HazardKey(key), id.into(), name.into(), now());
    h.description = format!("{name}: as the supplier describes it");
    h.initial = Assessment::new(Severity::Major, Likelihood::Medium);
    h.residual = Assessment::new(Severity::Major, Likelihood::Low);
    h
}

fn supplier_log() -> Project {
    Project {
        hazards: vec![
            supplier_hazard(1, "SUP-1", "Wrong patient on the ward list"),
            supplier_hazard(2, "SUP-2", "Dose unit confusion"),
            supplier_hazard(3, "SUP-3", "Interface down"),
        ]
        .into(),
        ..Project::default()
    }
}

fn acme(version: &str) -> Supplier {
    Supplier {
        name: "Acme EPR Ltd".into(),
        version: version.into(),
    }
}

/// A deployer's project with SUP-1 and SUP-2 inherited from version 1.0.
fn deployer() -> Project {
    let mut project = Project::default();
    let (edit, keys) = inherit(
        &project,
        &supplier_log(),
        &acme("1.0"),
        &[HazardKey(1), HazardKey(2)],
        now(),
    );
    assert_eq!(keys.len(), 2);
    edit.apply(&mut project);
    project
}

#[test]
fn inherited_hazards_get_our_ids_and_keep_the_suppliers_record() {
    let project = deployer();
    assert_eq!(project.hazards.len(), 2);
    assert_eq!(project.hazards[0].display_id, "H001");
    let record = project.inherited(project.hazards[0].key).unwrap();
    assert_eq!(record.supplier_id, "SUP-1");
    assert_eq!(record.supplier_version, "1.0");
    assert_eq!(record.state, LocalState::AcceptedAsIs);
    assert_eq!(record.upstream.name, "Wrong patient on the ward list");
    assert_eq!(project.hazards[0].initial, record.upstream.initial);
}

#[test]
fn undoing_an_inherit_removes_the_hazards_and_their_records() {
    let before = Project::default();
    let (edit, _) = inherit(
        &before,
        &supplier_log(),
        &acme("1.0"),
        &[HazardKey(3)],
        now(),
    );
    let mut project = before.clone();
    edit.apply(&mut project);
    edit.unapply(&mut project);
    assert_eq!(project, before);
}

#[test]
fn not_applicable_needs_a_reason_and_accepting_takes_the_suppliers_assessment_back() {
    let mut project = deployer();
    let key = project.hazards[0].key;
    let refused = set_state(
        &project,
        key,
        LocalState::NotApplicable {
            reason: "  ".into(),
        },
    );
    assert!(refused.is_err());

    set_state(&project, key, LocalState::LocallyAssessed)
        .unwrap()
        .apply(&mut project);
    project.hazards[0].residual = Assessment::new(Severity::Minor, Likelihood::Low);
    set_state(&project, key, LocalState::AcceptedAsIs)
        .unwrap()
        .apply(&mut project);
    assert_eq!(
        project.hazards[0].residual,
        Assessment::new(Severity::Major, Likelihood::Low)
    );
}

fn next_version() -> Project {
    let mut next = supplier_log();
    next.hazards[0].description = "Reworded by the supplier".into();
    next.hazards[1].residual = Assessment::new(Severity::Major, Likelihood::VeryLow);
    next.hazards
        .push(supplier_hazard(4, "SUP-4", "Printer mislabels"));
    next
}

#[test]
fn the_next_version_is_compared_with_what_was_inherited() {
    let project = deployer();
    let plan = plan_upstream(&project, &next_version(), &acme("2.0"));
    assert_eq!(plan.changed.len(), 2);
    assert_eq!(plan.changed[0].supplier_id, "SUP-1");
    assert_eq!(plan.changed[0].fields, vec![HazardField::Description]);
    assert!(!plan.changed[0].assessment_changed);
    assert!(plan.changed[1].assessment_changed);
    // SUP-3 was never inherited, SUP-4 is new: both are offered as new.
    let added: Vec<&str> = plan.added.iter().map(|h| h.display_id.as_str()).collect();
    assert_eq!(added, ["SUP-3", "SUP-4"]);
    assert!(plan.removed.is_empty());

    let mut without_sup1 = next_version();
    without_sup1.hazards.remove(0);
    let plan = plan_upstream(&project, &without_sup1, &acme("2.0"));
    assert_eq!(
        plan.removed,
        vec![(project.hazards[0].key, "SUP-1".to_owned())]
    );
}

#[test]
fn a_local_assessment_is_kept_unless_the_user_takes_the_suppliers() {
    let mut project = deployer();
    let key = project.hazards[1].key;
    set_state(&project, key, LocalState::LocallyAssessed)
        .unwrap()
        .apply(&mut project);
    let local = Assessment::new(Severity::Considerable, Likelihood::Low);
    project.hazards[1].residual = local;

    let plan = plan_upstream(&project, &next_version(), &acme("2.0"));
    let take_all = UpstreamDecision {
        take: vec![0, 1],
        ..UpstreamDecision::default()
    };
    let mut kept = project.clone();
    apply_upstream(&project, &plan, &take_all, now()).apply(&mut kept);
    assert_eq!(
        kept.hazards[1].residual, local,
        "the local assessment stays"
    );
    assert_eq!(kept.hazards[0].description, "Reworded by the supplier");
    let record = kept.inherited(key).unwrap();
    assert_eq!(record.supplier_version, "2.0");
    assert_eq!(
        record.upstream.residual,
        Assessment::new(Severity::Major, Likelihood::VeryLow)
    );

    let take_theirs = UpstreamDecision {
        take: vec![1],
        replace_local_assessment: vec![1],
        add: vec![1],
    };
    let mut replaced = project.clone();
    apply_upstream(&project, &plan, &take_theirs, now()).apply(&mut replaced);
    assert_eq!(
        replaced.hazards[1].residual,
        Assessment::new(Severity::Major, Likelihood::VeryLow)
    );
    assert_eq!(replaced.hazards.len(), 3, "SUP-4 inherited");
    assert_eq!(replaced.inherited.len(), 3);
    // Not taken: SUP-1 keeps the old description and version 1.0.
    assert_ne!(replaced.hazards[0].description, "Reworded by the supplier");
    assert_eq!(replaced.inherited[0].supplier_version, "1.0");
}
