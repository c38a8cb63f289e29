//! The menu bar: File, Edit, Hazard, Workshop, View and Help, built from the command table, each
//! item greyed out when its command cannot run now.

#[allow(unused_imports)]
use super::*;

pub(super) fn command_button(
    ui: &mut egui::Ui,
    shell: &Shell<'_>,
    command: Command,
    text: &str,
) -> bool {
    let button = egui::Button::new(text).shortcut_text(command.shortcut_text(ui.ctx()));
    ui.add_enabled(shell.enabled.contains(&command), button)
        .clicked()
}

pub(super) fn menu_bar_ui(ui: &mut egui::Ui, shell: &Shell<'_>, actions: &mut Vec<Action>) {
    let run = |ui: &mut egui::Ui, actions: &mut Vec<Action>, command: Command, text: &str| {
        if command_button(ui, shell, command, text) {
            actions.push(Action::Command(command));
        }
    };
    egui::MenuBar::new().ui(ui, |ui| {
        ui.ctx().accesskit_node_builder(ui.unique_id(), |node| {
            node.set_role(egui::accesskit::Role::MenuBar);
            node.set_label("Menu bar");
        });
        // F10 moves the keyboard to the menu bar, as in most desktop apps.
        let to_menu = ui.input_mut(|i| i.consume_key(egui::Modifiers::NONE, egui::Key::F10));
        let file = ui.menu_button("File", |ui| {
            for command in [Command::NewProject, Command::OpenProject] {
                run(ui, actions, command, command.text());
            }
            let recent = ui.menu_button("Open recent", |ui| {
                if shell.recent_files.is_empty() {
                    ui.label("No recent files");
                }
                for path in shell.recent_files {
                    let name = path
                        .file_name()
                        .map(|n| n.to_string_lossy().into_owned())
                        .unwrap_or_else(|| path.display().to_string());
                    if ui
                        .button(name)
                        .on_hover_text(path.display().to_string())
                        .clicked()
                    {
                        actions.push(Action::OpenRecent(path.clone()));
                    }
                }
            });
            // A submenu, said as one ("Open recent, menu") rather than as a plain item.
            ui.ctx().accesskit_node_builder(recent.response.id, |node| {
                node.set_has_popup(egui::accesskit::HasPopup::Menu);
            });
            if ui
                .add_enabled(
                    shell.doc.path().is_some(),
                    egui::Button::new("Open a backup…"),
                )
                .on_hover_text("Earlier versions of this file, kept each time it was saved over")
                .clicked()
            {
                actions.push(Action::Safety(SafetyAnswer::ListBackups));
            }
            ui.separator();
            for command in [Command::SaveProject, Command::SaveProjectAs] {
                run(ui, actions, command, command.text());
            }
            ui.separator();
            for command in [
                Command::ExportWorkbook,
                Command::ExportWorkbookWithWithdrawn,
                Command::ExportWorkbookLayoutA,
                Command::ImportAsNewProject,
                Command::ImportIntoProject,
                Command::InheritFromSupplier,
                Command::UpdateFromSupplier,
                Command::SendActionPacks,
                Command::ImportActionPack,
                Command::MergeCopy,
                Command::ShowMergeConflicts,
            ] {
                run(ui, actions, command, command.text());
            }
            ui.separator();
            for command in [
                Command::IssueVersion,
                Command::ShowVersions,
                Command::BackToCurrentLog,
            ] {
                run(ui, actions, command, command.text());
            }
            ui.separator();
            for command in [
                Command::DocumentDetails,
                Command::ExportSafetyCaseReport,
                Command::ExportHandoverPack,
            ] {
                run(ui, actions, command, command.text());
            }
            ui.separator();
            run(ui, actions, Command::Quit, Command::Quit.text());
        });
        if to_menu {
            file.response.request_focus();
        }
        ui.menu_button("Edit", |ui| {
            let undo = match shell.doc.undo_label() {
                Some(label) => format!("Undo: {label}"),
                None => "Undo".to_owned(),
            };
            run(ui, actions, Command::Undo, &undo);
            let redo = match shell.doc.redo_label() {
                Some(label) => format!("Redo: {label}"),
                None => "Redo".to_owned(),
            };
            run(ui, actions, Command::Redo, &redo);
            ui.separator();
            run(
                ui,
                actions,
                Command::SetUserName,
                Command::SetUserName.text(),
            );
        });
        ui.menu_button("Hazard", |ui| {
            run(
                ui,
                actions,
                Command::CaptureHazard,
                Command::CaptureHazard.text(),
            );
            run(ui, actions, Command::FindHazard, Command::FindHazard.text());
            run(
                ui,
                actions,
                Command::DuplicateHazard,
                Command::DuplicateHazard.text(),
            );
            run(
                ui,
                actions,
                Command::WithdrawHazard,
                Command::WithdrawHazard.text(),
            );
        });
        ui.menu_button("Workshop", |ui| workshop_menu_ui(ui, shell, actions));
        ui.menu_button("View", |ui| view_menu_ui(ui, shell, actions));
        ui.menu_button("Help", |ui| {
            if command_button(
                ui,
                shell,
                Command::ShowShortcuts,
                Command::ShowShortcuts.text(),
            ) {
                actions.push(Action::Command(Command::ShowShortcuts));
            }
        });
    });
}

fn workshop_menu_ui(ui: &mut egui::Ui, shell: &Shell<'_>, actions: &mut Vec<Action>) {
    for command in Command::WORKSHOP_MENU {
        if command_button(ui, shell, command, command.text()) {
            actions.push(Action::Command(command));
        }
    }
}

fn view_menu_ui(ui: &mut egui::Ui, shell: &Shell<'_>, actions: &mut Vec<Action>) {
    let mut run = |ui: &mut egui::Ui, command: Command, text: &str| {
        if command_button(ui, shell, command, text) {
            actions.push(Action::Command(command));
        }
    };
    let presenter = if shell.presenter_open {
        "Close the presenter view"
    } else {
        "Open the presenter view"
    };
    run(ui, Command::ShowChecks, Command::ShowChecks.text());
    for command in [
        Command::LayoutRoom,
        Command::LayoutNoteTaker,
        Command::LayoutEditing,
        Command::LayoutAllPanes,
    ] {
        let chosen = layouts::RoleLayout::of_command(command) == Some(shell.layout);
        let text = format!(
            "{}{}",
            command.text(),
            if chosen { " (current)" } else { "" }
        );
        run(ui, command, &text);
    }
    run(ui, Command::MaximisePane, Command::MaximisePane.text());
    ui.separator();
    run(ui, Command::TogglePresenter, presenter);
    let freeze = if shell.presenter_frozen {
        "Unfreeze the presenter view"
    } else {
        Command::FreezePresenter.text()
    };
    run(ui, Command::FreezePresenter, freeze);
    run(
        ui,
        Command::MovePresenterHere,
        Command::MovePresenterHere.text(),
    );
    for command in [Command::PresenterScrollDown, Command::PresenterScrollUp] {
        run(ui, command, command.text());
    }
    let card = if shell.scoring_card {
        "Hide the scoring card"
    } else {
        Command::ScoreInTheRoom.text()
    };
    run(ui, Command::ScoreInTheRoom, card);
    ui.separator();
    run(ui, Command::ZoomIn, Command::ZoomIn.text());
    run(ui, Command::ZoomOut, Command::ZoomOut.text());
    run(ui, Command::ZoomReset, Command::ZoomReset.text());
    ui.separator();
    run(ui, Command::CycleTheme, Command::CycleTheme.text());
    for theme in ThemeChoice::ALL {
        if ui.radio(shell.theme == theme, theme.label()).clicked() {
            actions.push(Action::SetTheme(theme));
        }
    }
}
