//! The Hazard Workshop desktop app, and its command line (see `hazard_workshop::cli`).

// A GUI app on Windows: no console window. The command-line subcommands attach to the console
// of the shell that started them, so their output still shows there.
#![cfg_attr(windows, windows_subsystem = "windows")]

use std::path::PathBuf;
use std::process::ExitCode;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};

use hazard_workshop::app::{AppOptions, HazardWorkshopApp, renderer, settings};
use hazard_workshop::cli::{self, Invocation};

fn main() -> ExitCode {
    attach_to_parent_console();
    env_logger::Builder::from_env(env_logger::Env::default().default_filter_or("info")).init();
    match cli::parse(std::env::args_os().skip(1)) {
        Ok(Invocation::Gui { open_path }) => match run_app(open_path) {
            Ok(()) => ExitCode::SUCCESS,
            Err(message) => {
                report_start_failure(&message);
                ExitCode::FAILURE
            }
        },
        Ok(invocation) => {
            cli::run_command_line(invocation, &mut std::io::stdout(), &mut std::io::stderr())
        }
        Err(usage) => {
            eprintln!("hazard-workshop: {usage}");
            ExitCode::from(2)
        }
    }
}

/// Runs the window with the first renderer that starts (see `renderer`); the error is the message
/// for the user.
fn run_app(open_path: Option<PathBuf>) -> Result<(), String> {
    let settings_path = settings::default_path();
    let setting = settings_path
        .as_deref()
        .map(|path| settings::SettingsFile::load(path).settings.renderer)
        .unwrap_or_default();
    let env = std::env::var(renderer::ENV_VAR).ok();
    let attempts = renderer::order(env.as_deref(), setting)?;
    renderer::start_first(&attempts, |attempt| {
        let app_had_started = Arc::new(AtomicBool::new(false));
        let started = Arc::clone(&app_had_started);
        let open_path = open_path.clone();
        let settings_path = settings_path.clone();
        eframe::run_native(
            "Hazard Workshop",
            native_options(attempt),
            Box::new(move |cc| {
                log::info!("running with {attempt}");
                started.store(true, Ordering::Relaxed);
                Ok(Box::new(HazardWorkshopApp::new(
                    cc,
                    AppOptions {
                        open_path,
                        settings_path,
                        ..Default::default()
                    },
                )))
            }),
        )
        .map_err(|error| renderer::AttemptError {
            app_had_started: app_had_started.load(Ordering::Relaxed),
            error: error.to_string(),
        })
    })
    .map(|_| ())
    .map_err(|failure| failure.message())
}

fn native_options(attempt: renderer::StartAttempt) -> eframe::NativeOptions {
    let icon = eframe::icon_data::from_png_bytes(include_bytes!("../assets/icon-256.png"))
        .expect("the bundled icon is a valid PNG");
    let mut options = eframe::NativeOptions {
        viewport: egui::ViewportBuilder::default()
            .with_title("Hazard Workshop")
            .with_app_id("hazard-workshop")
            .with_icon(icon)
            .with_inner_size([1280.0, 800.0])
            .with_min_inner_size([640.0, 480.0]),
        ..Default::default()
    };
    attempt.configure(&mut options);
    options
}

/// Never a silent exit: stderr and the log everywhere, and a message box on Windows, where a GUI
/// program started from Explorer or the Start menu has no console to print to.
fn report_start_failure(message: &str) {
    log::error!("{message}");
    eprintln!("hazard-workshop: {message}");
    #[cfg(windows)]
    rfd::MessageDialog::new()
        .set_level(rfd::MessageLevel::Error)
        .set_title("Hazard Workshop could not start")
        .set_description(message)
        .set_buttons(rfd::MessageButtons::Ok)
        .show();
}

#[cfg(windows)]
fn attach_to_parent_console() {
    use windows_sys::Win32::System::Console::{ATTACH_PARENT_PROCESS, AttachConsole};
    // Fails harmlessly when started from Explorer (no parent console).
    unsafe {
        AttachConsole(ATTACH_PARENT_PROCESS);
    }
}

#[cfg(not(windows))]
fn attach_to_parent_console() {}
