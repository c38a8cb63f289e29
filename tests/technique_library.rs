//! Issue 16: the starter hazard library in the app: searched, grouped by area, and an added item
//! becomes a New for triage, unscored hazard with its causes, its controls as suggestions and
//! its provenance recorded.

mod common;

use common::{CTRL, app};
use egui::Key;
use egui_kittest::kittest::Queryable;
use hazard_workshop::domain::library::starter_library;
use hazard_workshop::domain::technique::Origin;
use hazard_workshop::domain::{Assessment, HazardStatus};

#[test]
fn a_library_item_is_found_by_search_and_added_for_triage_with_its_suggestions() {
    let mut app = app();
    app.harness.get_by_label("Workshop").click();
    app.settle();
    app.click_menu_item("Add hazards from the starter library…");

    let library = starter_library();
    let area = &library.areas[1];
    let item = area
        .items
        .iter()
        .find(|i| !i.controls.is_empty() && !i.causes.is_empty())
        .expect("an item with causes and controls");
    let other = &library.areas[0].items[0];
    let add = |name: &str| format!("Add “{name}”");

    // Grouped by area: each area is a heading with its count.
    app.harness
        .get_by_label(&format!("{} ({})", area.name, area.items.len()));

    // Search narrows to the matching items, and opens their areas.
    app.harness.get_by_label("Search the library").focus();
    app.harness
        .get_by_label("Search the library")
        .type_text(&item.name);
    app.settle();
    assert!(app.harness.query_by_label(&add(&item.name)).is_some());
    assert!(
        other.name == item.name || app.harness.query_by_label(&add(&other.name)).is_none(),
        "an item that does not match is not listed"
    );

    let before = app.state().doc.project().hazards.len();
    app.click(&add(&item.name));
    let project = app.state().doc.project();
    assert_eq!(project.hazards.len(), before + 1);
    let hazard = project.hazards.last().unwrap();
    assert_eq!(hazard.name, item.name);
    assert_eq!(hazard.description, item.description);
    assert_eq!(hazard.causes, item.causes);
    assert_eq!(hazard.status, HazardStatus::NewForTriage);
    assert_eq!(
        hazard.initial,
        Assessment::default(),
        "a library never scores"
    );
    assert_eq!(hazard.residual, Assessment::default());
    assert!(hazard.additional_controls.is_empty(), "suggestions only");
    let record = project
        .technique
        .provenance_of(hazard.key)
        .expect("provenance");
    assert!(matches!(&record.origin, Origin::Library { item: id, .. } if *id == item.id));
    assert_eq!(record.suggested_controls.len(), item.controls.len());
    assert_eq!(app.state().view.selected, Some(hazard.key));
    let key = hazard.key;

    // The details pane says where it came from and offers the suggestions.
    app.harness
        .get_by_label(&format!("Starter library: {} ({})", item.name, item.source));
    app.click("Adopt suggestion 1");
    let project = app.state().doc.project();
    let hazard = project.hazard(key).unwrap();
    assert_eq!(hazard.additional_controls.len(), 1);
    assert_eq!(hazard.additional_controls[0].text, item.controls[0].1);
    assert_eq!(
        project
            .technique
            .provenance_of(key)
            .unwrap()
            .suggested_controls
            .len(),
        item.controls.len() - 1
    );

    // Undo takes the adoption back, then the added hazard.
    app.press(CTRL, Key::Z);
    assert!(
        app.state()
            .doc
            .project()
            .hazard(key)
            .unwrap()
            .additional_controls
            .is_empty()
    );
    app.press(CTRL, Key::Z);
    assert!(app.state().doc.project().hazard(key).is_none());
    assert!(
        app.state()
            .doc
            .project()
            .technique
            .provenance_of(key)
            .is_none()
    );
}

#[test]
fn hazards_are_picked_from_another_hazard_log_with_new_ids_and_left_unscored() {
    let mut app = app();
    // The other hazard log: the bundled example as it stands, written to a file.
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("other.hazlog");
    let other = app.state().doc.project().clone();
    hazard_workshop::storage::project_file::save(&other, &path).unwrap();
    let theirs = other
        .live_hazards()
        .find(|h| h.initial_rating(&other.matrix).is_some())
        .expect("a scored hazard in the example")
        .clone();
    let unpicked = other
        .live_hazards()
        .find(|h| h.key != theirs.key && !h.name.contains(&theirs.name))
        .unwrap()
        .clone();

    app.dialogs.answer(Some(path));
    app.harness.get_by_label("Workshop").click();
    app.settle();
    app.click_menu_item("Import hazards from another hazard log…");
    app.harness.get_by_label("Import hazards from other.hazlog");

    let row = |h: &hazard_workshop::domain::Hazard| {
        let rating = h.initial_rating(&other.matrix).map_or_else(
            || "unscored".to_owned(),
            |r| format!("rating {}", r.value()),
        );
        format!("{} {} ({rating})", h.display_id, h.name)
    };
    assert!(app.harness.query_by_label(&row(&unpicked)).is_some());
    app.harness.get_by_label("Search their hazards").focus();
    app.harness
        .get_by_label("Search their hazards")
        .type_text(&theirs.name);
    app.settle();
    assert!(
        app.harness.query_by_label(&row(&unpicked)).is_none(),
        "the search hides hazards that do not match"
    );
    app.click(&row(&theirs));
    let before = app.state().doc.project().hazards.len();
    app.click("Import 1 hazard");

    let project = app.state().doc.project();
    assert_eq!(project.hazards.len(), before + 1);
    let ours = project.hazards.last().unwrap();
    assert_eq!(ours.name, theirs.name);
    assert_ne!(ours.display_id, theirs.display_id, "a new id");
    assert_ne!(ours.key, theirs.key);
    assert_eq!(ours.status, HazardStatus::NewForTriage);
    assert_eq!(ours.initial, Assessment::default(), "unscored unless kept");
    let origin = &project.technique.provenance_of(ours.key).unwrap().origin;
    assert!(
        matches!(origin, Origin::Project { display_id, file, .. }
            if *display_id == theirs.display_id && file == "other.hazlog"),
        "{origin:?}"
    );
    // What was not kept as it was is said in the window.
    app.harness
        .get_by_label("Imported 1 hazard (one undo step).");
    app.harness.get_by_label(&format!(
        "{}: its scores and justifications were left behind (unscored here).",
        theirs.display_id
    ));

    // Keeping the scores, the next pick keeps them.
    app.click(&row(&theirs));
    app.click("Keep their scores and justifications");
    app.click("Import 1 hazard");
    let project = app.state().doc.project();
    let kept = project.hazards.last().unwrap();
    assert_eq!(kept.initial, theirs.initial);
    assert_eq!(project.hazards.len(), before + 2);
}

#[test]
fn merging_our_own_export_into_the_open_project_says_the_coverage_stays_behind() {
    let mut app = app();
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("ours.xlsx");
    let bytes = hazard_workshop::interchange::export_workbook(
        app.state().doc.project(),
        &hazard_workshop::interchange::ExportOptions {
            include_withdrawn: false,
            layout: hazard_workshop::interchange::ExportLayout::NhsV36,
        },
    )
    .unwrap();
    std::fs::write(&path, bytes).unwrap();
    app.dialogs.answer(Some(path));
    app.press(common::CTRL_SHIFT, Key::I);
    let review = app
        .state()
        .import_review
        .as_ref()
        .expect("the import review");
    assert!(review.plan.is_some(), "a merge");
    assert!(
        review.report.contains("Not merged into the open project: "),
        "{}",
        review.report
    );
    assert!(
        review
            .report
            .contains("the Coverage sheet (steps, decks and coverage)"),
        "{}",
        review.report
    );
    assert!(review.problems > 0, "counted among what was not kept");
}
