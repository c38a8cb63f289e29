//! Embeds the app icon and version information in the Windows executable.

fn main() {
    println!("cargo::rerun-if-changed=packaging/hazard-workshop.ico");
    if std::env::var("CARGO_CFG_TARGET_OS").as_deref() != Ok("windows") {
        return;
    }
    let mut resource = winresource::WindowsResource::new();
    resource
        .set_icon("packaging/hazard-workshop.ico")
        .set("ProductName", "Hazard Workshop")
        .set(
            "FileDescription",
            "Hazard Workshop: clinical-safety hazard workshops",
        )
        .set("CompanyName", "Hazard Workshop developers")
        .set("OriginalFilename", "hazard-workshop.exe");
    if let Err(error) = resource.compile() {
        // Without windres the exe still works, just without its icon: say so, don't fail.
        println!("cargo::warning=could not embed the Windows icon and version info: {error}");
    }
}
