//! Which GPU renderer to start with, and which to fall back to. Trust laptops and virtual
//! desktops often have no usable GPU driver: wgpu (Vulkan, Metal, DX12 with its WARP software
//! rasteriser) is tried first, and glow (OpenGL) if wgpu cannot start, or the other way round.

use serde::{Deserialize, Serialize};

/// The environment variable that forces one renderer.
pub const ENV_VAR: &str = "HAZARD_WORKSHOP_RENDERER";

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub enum RendererChoice {
    /// wgpu, then glow.
    #[default]
    Automatic,
    Wgpu,
    Glow,
}

/// The renderers to try, in order: the environment variable wins over the setting; a forced
/// renderer is the only one tried, so a problem with it shows instead of being papered over.
pub fn order(env: Option<&str>, setting: RendererChoice) -> Result<Vec<eframe::Renderer>, String> {
    let choice = match env.map(|v| v.trim().to_lowercase()) {
        None => setting,
        Some(v) if v.is_empty() || v == "auto" => setting,
        Some(v) if v == "wgpu" => RendererChoice::Wgpu,
        Some(v) if v == "glow" || v == "gl" || v == "opengl" => RendererChoice::Glow,
        Some(other) => {
            return Err(format!(
                "{ENV_VAR}={other} is not a renderer: use glow or wgpu"
            ));
        }
    };
    Ok(match choice {
        RendererChoice::Automatic => vec![eframe::Renderer::Wgpu, eframe::Renderer::Glow],
        RendererChoice::Wgpu => vec![eframe::Renderer::Wgpu],
        RendererChoice::Glow => vec![eframe::Renderer::Glow],
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use eframe::Renderer::{Glow, Wgpu};

    #[test]
    fn automatic_tries_wgpu_then_glow_and_the_environment_forces_one() {
        assert_eq!(
            order(None, RendererChoice::Automatic).unwrap(),
            [Wgpu, Glow]
        );
        assert_eq!(
            order(Some("glow"), RendererChoice::Automatic).unwrap(),
            [Glow]
        );
        assert_eq!(order(Some(" WGPU "), RendererChoice::Glow).unwrap(), [Wgpu]);
        assert_eq!(order(None, RendererChoice::Glow).unwrap(), [Glow]);
        assert_eq!(order(Some(""), RendererChoice::Wgpu).unwrap(), [Wgpu]);
        assert!(
            order(Some("vulkan"), RendererChoice::Automatic)
                .unwrap_err()
                .contains(ENV_VAR)
        );
    }
}
