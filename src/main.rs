//! The Hazard Workshop desktop app, and its command line (see `hazard_workshop::cli`).

use std::process::ExitCode;

use hazard_workshop::cli::{self, Invocation};

fn main() -> ExitCode {
    env_logger::Builder::from_env(env_logger::Env::default().default_filter_or("info")).init();
    match cli::parse(std::env::args_os().skip(1)) {
        Ok(Invocation::Gui { open_path }) => match run_app(open_path) {
            Ok(()) => ExitCode::SUCCESS,
            Err(error) => {
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

fn run_app(open_path: Option<std::path::PathBuf>) -> eframe::Result {
    let options = eframe::NativeOptions {
        viewport: egui::ViewportBuilder::default()
            .with_title("Hazard Workshop")
            .with_app_id("hazard-workshop")
            .with_inner_size([1280.0, 800.0])
            .with_min_inner_size([640.0, 480.0]),
        ..Default::default()
    };
    eframe::run_native(
        "Hazard Workshop",
        options,
        Box::new(move |cc| {
            Ok(Box::new(hazard_workshop::app::HazardWorkshopApp::new(
                cc,
                hazard_workshop::app::AppOptions {
                    open_path,
                    ..Default::default()
                },
            )))
        }),
    )
}
