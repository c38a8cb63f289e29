//! The Hazard Workshop desktop app.

fn main() -> eframe::Result {
    env_logger::Builder::from_env(env_logger::Env::default().default_filter_or("info")).init();
    let open_path = std::env::args_os().nth(1).map(std::path::PathBuf::from);
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
