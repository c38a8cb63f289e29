//! Shared helpers for the UI tests: the real app in a kittest harness, with file dialogs that
//! answer from a queue instead of opening a window.

#![allow(dead_code)]

use std::collections::VecDeque;
use std::path::PathBuf;
use std::sync::{Arc, Mutex};

use egui_kittest::Harness;
use hazard_workshop::app::{AppOptions, FileDialogs, FileKind, HazardWorkshopApp};

/// Answers file dialogs with canned paths, in order; `None` is a cancelled dialog.
#[derive(Default)]
pub struct ScriptedDialogs {
    pub answers: Mutex<VecDeque<Option<PathBuf>>>,
    /// Behave as Linux without a desktop portal or zenity: no save dialog can be shown.
    pub no_save_dialog: std::sync::atomic::AtomicBool,
}

impl ScriptedDialogs {
    pub fn answer(&self, path: Option<PathBuf>) {
        self.answers.lock().unwrap().push_back(path);
    }

    fn next(&self) -> Option<PathBuf> {
        self.answers
            .lock()
            .unwrap()
            .pop_front()
            .expect("the test did not expect a file dialog here")
    }
}

impl FileDialogs for ScriptedDialogs {
    fn pick_open(&self, _kind: FileKind, _title: &str) -> Option<PathBuf> {
        self.next()
    }

    fn pick_save(&self, _kind: FileKind, _title: &str, _suggested_name: &str) -> Option<PathBuf> {
        self.next()
    }

    fn can_show_save(&self) -> bool {
        !self
            .no_save_dialog
            .load(std::sync::atomic::Ordering::Relaxed)
    }
}

pub struct TestApp {
    pub harness: Harness<'static, HazardWorkshopApp>,
    pub dialogs: Arc<ScriptedDialogs>,
}

/// The real app, started as on a first run (on the bundled example), at a laptop window size.
pub fn app() -> TestApp {
    app_opening(None)
}

pub fn app_opening(open_path: Option<PathBuf>) -> TestApp {
    app_with(open_path, None)
}

/// The app with its settings kept in `settings_path` (a restart reads them back).
pub fn app_with(open_path: Option<PathBuf>, settings_path: Option<PathBuf>) -> TestApp {
    app_with_options(AppOptions {
        open_path,
        settings_path,
        ..quiet_options()
    })
}

/// Options for tests: no settings, recovery or backups on disk, no panic hook, unless a test
/// asks for them.
pub fn quiet_options() -> AppOptions {
    AppOptions {
        dialogs: Arc::new(ScriptedDialogs::default()),
        open_path: None,
        settings_path: None,
        recovery_dir: None,
        backups: hazard_workshop::storage::backup::BackupPolicy::none(),
        install_panic_hook: false,
    }
}

/// The app with these options (its dialogs are replaced by scripted ones).
pub fn app_with_options(options: AppOptions) -> TestApp {
    let dialogs = Arc::new(ScriptedDialogs::default());
    let for_app = dialogs.clone();
    let harness = Harness::builder()
        .with_size([1366.0, 900.0])
        .build_eframe(move |cc| {
            HazardWorkshopApp::new(
                cc,
                AppOptions {
                    dialogs: for_app,
                    ..options
                },
            )
        });
    let mut app = TestApp { harness, dialogs };
    app.settle();
    app
}

impl TestApp {
    /// Runs frames until background file work has finished and the UI is still.
    pub fn settle(&mut self) {
        for _ in 0..500 {
            // Step (not run) while busy: the busy spinner repaints on purpose.
            self.harness.step();
            if !self.harness.state().is_busy() {
                self.harness.run();
                return;
            }
            std::thread::sleep(std::time::Duration::from_millis(2));
        }
        panic!("background work did not finish");
    }

    pub fn state(&self) -> &HazardWorkshopApp {
        self.harness.state()
    }

    /// Clicks the widget named `label`, scrolling it into view first, as a person would.
    pub fn click(&mut self, label: &str) {
        use egui_kittest::kittest::Queryable;
        self.harness.get_by_label(label).scroll_to_me();
        self.settle();
        self.harness.get_by_label(label).click();
        self.settle();
    }

    /// Clicks a menu item: its accessible name also carries its shortcut ("Save Ctrl+S").
    pub fn click_menu_item(&mut self, text: &str) {
        use egui_kittest::kittest::Queryable;
        self.harness.get_by_label_contains(text).click();
        self.settle();
    }

    pub fn press(&mut self, modifiers: egui::Modifiers, key: egui::Key) {
        self.harness.key_press_modifiers(modifiers, key);
        self.settle();
    }
}

pub const CTRL: egui::Modifiers = egui::Modifiers::COMMAND;
pub const CTRL_SHIFT: egui::Modifiers = egui::Modifiers {
    shift: true,
    ..egui::Modifiers::COMMAND
};
