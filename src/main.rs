//! The Hazard Workshop desktop app, and its command line (see `hazard_workshop::cli`).

// A GUI app on Windows: no console window. The command-line subcommands attach to the console
// of the shell that started them, so their output still shows there.
#![cfg_attr(windows, windows_subsystem = "windows")]

use std::path::PathBuf;
use std::process::ExitCode;

use hazard_workshop::app::{AppOptions, HazardWorkshopApp, renderer, settings};
use hazard_workshop::cli::{self, Invocation};

fn main() -> ExitCode {
    attach_to_parent_console();
    env_logger::Builder::from_env(env_logger::Env::default().default_filter_or("info")).init();
    match cli::parse(std::env::args_os().skip(1)) {
        Ok(Invocation::Gui { open_path }) => match run_app(open_path) {
            Ok(()) => ExitCode::SUCCESS,
            Err(error) => {
                log::error!("{error}");
                eprintln!("hazard-workshop: {error}");
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

/// Starts the window with the first renderer that works.
fn run_app(open_path: Option<PathBuf>) -> Result<(), String> {
    let settings_path = settings::default_path();
    let setting = settings_path
        .as_deref()
        .map(|path| settings::SettingsFile::load(path).settings.renderer)
        .unwrap_or_default();
    let env = std::env::var(renderer::ENV_VAR).ok();
    let order = renderer::order(env.as_deref(), setting)?;
    let mut failures = Vec::new();
    for renderer in order {
        log::info!("starting with the {renderer} renderer");
        let options = native_options(renderer);
        let open_path = open_path.clone();
        let settings_path = settings_path.clone();
        match eframe::run_native(
            "Hazard Workshop",
            options,
            Box::new(move |cc| {
                log::info!("running with the {renderer} renderer");
                Ok(Box::new(HazardWorkshopApp::new(
                    cc,
                    AppOptions {
                        open_path,
                        settings_path,
                        ..Default::default()
                    },
                )))
            }),
        ) {
            Ok(()) => return Ok(()),
            Err(error) => {
                log::warn!("the {renderer} renderer could not start: {error}");
                failures.push(format!("{renderer}: {error}"));
            }
        }
    }
    Err(format!("no renderer could start ({})", failures.join("; ")))
}

fn native_options(renderer: eframe::Renderer) -> eframe::NativeOptions {
    let icon = eframe::icon_data::from_png_bytes(include_bytes!("../assets/icon-256.png"))
        .expect("the bundled icon is a valid PNG");
    eframe::NativeOptions {
        renderer,
        viewport: egui::ViewportBuilder::default()
            .with_title("Hazard Workshop")
            .with_app_id("hazard-workshop")
            .with_icon(icon)
            .with_inner_size([1280.0, 800.0])
            .with_min_inner_size([640.0, 480.0]),
        ..Default::default()
    }
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
