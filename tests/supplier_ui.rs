//! Issue 18, the deployer's side in the app: inherit hazards from a supplier's log, assess one
//! locally, and take in the supplier's next version, accepting one change, through the window by
//! label.

mod common;

use std::path::Path;

use common::{TestApp, app_opening};
use egui_kittest::kittest::{NodeT, Queryable};
use hazard_workshop::domain::inheritance::LocalState;
use hazard_workshop::domain::{Assessment, Likelihood, Project, Severity};
use hazard_workshop::storage::project_file;

fn example() -> Project {
    project_file::load(
        &Path::new(env!("CARGO_MANIFEST_DIR")).join("assets/example-workshop.hazlog"),
    )
    .unwrap()
}

fn menu(app: &mut TestApp, item: &str) {
    app.click("File");
    app.click_menu_item(item);
}

fn supplier_log(version: &str) -> Project {
    let mut log = example();
    log.metadata.organisation = "Acme EPR Ltd".into();
    log.metadata.document_version = version.into();
    log
}

fn click_row(app: &mut TestApp, starts: &str) {
    let row = app
        .harness
        .query_all_by_label_contains(starts)
        .find(|n| n.accesskit_node().role() == egui::accesskit::Role::Row)
        .unwrap_or_else(|| panic!("no row {starts}"));
    row.click();
    app.settle();
}

#[test]
fn inherit_assess_locally_and_take_in_the_next_version() {
    let dir = tempfile::tempdir().unwrap();
    let ours = dir.path().join("deployment.hazlog");
    project_file::save(&Project::default(), &ours).unwrap();
    let theirs = dir.path().join("supplier.hazlog");
    let v1 = supplier_log("1.0");
    project_file::save(&v1, &theirs).unwrap();

    let mut app = app_opening(Some(ours));
    menu(&mut app, "Inherit hazards from a supplier's log…");
    app.dialogs.answer(Some(theirs.clone()));
    app.click("Open the supplier's project (.hazlog)…");
    app.click("Select all shown");
    let count = v1.hazards.len();
    app.click(&format!("Inherit {count} hazards"));
    let project = app.state().doc.project();
    assert_eq!(project.hazards.len(), count);
    assert_eq!(project.inherited.len(), count);
    assert!(
        project
            .inherited
            .iter()
            .all(|i| i.supplier == "Acme EPR Ltd"
                && i.supplier_version == "1.0"
                && i.state == LocalState::AcceptedAsIs)
    );

    // The editor says where H001 came from; the deployer assesses it locally.
    click_row(&mut app, "H001: ");
    assert!(
        app.harness
            .query_by_label_contains("Inherited from Acme EPR Ltd: their H001, version 1.0")
            .is_some()
    );
    app.click("Locally assessed");
    let key = app.state().doc.project().hazards[0].key;
    assert_eq!(
        app.state().doc.project().inherited(key).unwrap().state,
        LocalState::LocallyAssessed
    );

    // Version 2.0 rewords H002 and rescores H001: take the rewording only.
    let mut v2 = supplier_log("2.0");
    v2.hazards[0].residual = Assessment::new(Severity::Catastrophic, Likelihood::High);
    v2.hazards[1].description = "Reworded in version 2.0".into();
    project_file::save(&v2, &theirs).unwrap();
    let local_residual = app.state().doc.project().hazards[0].residual;
    menu(&mut app, "Take in a supplier's next version…");
    app.dialogs.answer(Some(theirs));
    app.click("Open the supplier's project (.hazlog)…");
    app.click("H002: description");
    app.click("Apply 1 accepted");
    let project = app.state().doc.project();
    assert_eq!(project.hazards[1].description, "Reworded in version 2.0");
    assert_eq!(project.inherited[1].supplier_version, "2.0");
    assert_eq!(project.hazards[0].residual, local_residual, "not taken");
    assert_eq!(project.inherited[0].supplier_version, "1.0");
}
