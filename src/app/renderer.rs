//! How the window gets a renderer: which ones to try in which order, how each is set up, and the
//! message shown when none can start. Trust laptops, Remote Desktop, Citrix and VMs often have no
//! usable GPU driver and only OpenGL 1.1, so wgpu is tried first (a GPU, else the system's software
//! adapter), then wgpu on the software adapter alone (WARP on Windows, llvmpipe/lavapipe
//! elsewhere) in case a GPU driver is broken, then glow (OpenGL 2 or later).

use std::fmt;
use std::sync::Arc;

use eframe::egui_wgpu::{WgpuSetup, WgpuSetupCreateNew};
use eframe::wgpu;
use serde::{Deserialize, Serialize};

/// The environment variable that forces one renderer.
pub const ENV_VAR: &str = "HAZARD_WORKSHOP_RENDERER";

/// The renderer setting (`settings.ron`); the environment variable overrides it.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub enum RendererChoice {
    /// Every attempt in turn: wgpu, wgpu on a software adapter, glow.
    #[default]
    Automatic,
    Wgpu,
    /// wgpu on the software adapter only.
    Software,
    Glow,
}

/// One way to start the window.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum StartAttempt {
    /// wgpu on the adapter it prefers: a GPU (Vulkan, DX12, Metal, GL), else a software one.
    Wgpu,
    /// wgpu on a software adapter only: for a GPU whose driver fails.
    WgpuSoftware,
    /// OpenGL 2 or later through glow.
    Glow,
}

impl fmt::Display for StartAttempt {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            StartAttempt::Wgpu => "wgpu",
            StartAttempt::WgpuSoftware => "wgpu on the software adapter (WARP or llvmpipe)",
            StartAttempt::Glow => "glow (OpenGL)",
        })
    }
}

/// The attempts to make, in order: the environment variable wins over the setting; a forced
/// renderer is the only one tried, so a problem with it shows instead of being papered over.
pub fn order(env: Option<&str>, setting: RendererChoice) -> Result<Vec<StartAttempt>, String> {
    let choice = match env.map(|v| v.trim().to_lowercase()) {
        None => setting,
        Some(v) if v.is_empty() || v == "auto" => setting,
        Some(v) if v == "wgpu" => RendererChoice::Wgpu,
        Some(v) if v == "software" || v == "warp" || v == "llvmpipe" => RendererChoice::Software,
        Some(v) if v == "glow" || v == "gl" || v == "opengl" => RendererChoice::Glow,
        Some(other) => {
            return Err(format!(
                "{ENV_VAR}={other} is not a renderer: use wgpu, software or glow (or auto)"
            ));
        }
    };
    Ok(match choice {
        RendererChoice::Automatic => vec![
            StartAttempt::Wgpu,
            StartAttempt::WgpuSoftware,
            StartAttempt::Glow,
        ],
        RendererChoice::Wgpu => vec![StartAttempt::Wgpu],
        RendererChoice::Software => vec![StartAttempt::WgpuSoftware],
        RendererChoice::Glow => vec![StartAttempt::Glow],
    })
}

impl StartAttempt {
    /// Sets `options` up to start with this renderer.
    pub fn configure(self, options: &mut eframe::NativeOptions) {
        options.renderer = match self {
            StartAttempt::Wgpu | StartAttempt::WgpuSoftware => eframe::Renderer::Wgpu,
            StartAttempt::Glow => eframe::Renderer::Glow,
        };
        if self == StartAttempt::WgpuSoftware {
            let mut setup = WgpuSetupCreateNew::without_display_handle();
            setup.native_adapter_selector = Some(Arc::new(software_adapter));
            options.wgpu_options.wgpu_setup = WgpuSetup::CreateNew(setup);
        }
    }
}

/// The first software adapter that can draw to the window (`DeviceType::Cpu`: WARP on DX12,
/// lavapipe on Vulkan, llvmpipe on GL).
fn software_adapter(
    adapters: &[wgpu::Adapter],
    surface: Option<&wgpu::Surface<'_>>,
) -> Result<wgpu::Adapter, String> {
    adapters
        .iter()
        .find(|adapter| {
            adapter.get_info().device_type == wgpu::DeviceType::Cpu
                && surface.is_none_or(|surface| adapter.is_surface_supported(surface))
        })
        .cloned()
        .ok_or_else(|| {
            let found: Vec<String> = adapters
                .iter()
                .map(|a| {
                    let info = a.get_info();
                    format!("{} ({:?}, {:?})", info.name, info.backend, info.device_type)
                })
                .collect();
            format!(
                "no software adapter that can draw to the window (adapters found: {})",
                if found.is_empty() {
                    "none".to_owned()
                } else {
                    found.join(", ")
                }
            )
        })
}

/// How one attempt ended without the window running to its normal close.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct AttemptError {
    /// The app had started (its window was up) when the renderer failed: the next renderer is
    /// not tried, as that would reopen a window the user may have seen fail.
    pub app_had_started: bool,
    pub error: String,
}

/// Why the window could not run: each attempt made and how it failed.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct StartFailure {
    pub failures: Vec<(StartAttempt, AttemptError)>,
}

/// Runs the app with each attempt in turn until one starts. `start` runs the whole app with one
/// attempt and returns when its window closes (`Ok`) or the renderer failed (`Err`). Returns the
/// attempt that ran.
pub fn start_first(
    attempts: &[StartAttempt],
    mut start: impl FnMut(StartAttempt) -> Result<(), AttemptError>,
) -> Result<StartAttempt, StartFailure> {
    let mut failures = Vec::new();
    for &attempt in attempts {
        log::info!("starting with {attempt}");
        match start(attempt) {
            Ok(()) => return Ok(attempt),
            Err(error) => {
                log::warn!("{attempt} failed: {}", error.error);
                let stop = error.app_had_started;
                failures.push((attempt, error));
                if stop {
                    break;
                }
            }
        }
    }
    Err(StartFailure { failures })
}

impl StartFailure {
    /// The message for the user: what failed, why it happens, and the switch that chooses a
    /// renderer.
    pub fn message(&self) -> String {
        let stopped = self.failures.iter().any(|(_, e)| e.app_had_started);
        let mut text = if stopped {
            String::from("Hazard Workshop stopped: its renderer failed while it was running.\n\n")
        } else {
            String::from("Hazard Workshop could not open its window: no renderer could start.\n\n")
        };
        for (attempt, error) in &self.failures {
            text.push_str(&format!("- {attempt}: {}\n", error.error));
        }
        text.push_str(&format!(
            "\nThis happens on Remote Desktop, Citrix or virtual machines without 3D support, and \
             with a missing or broken graphics driver. To choose a renderer, set the environment \
             variable {ENV_VAR} to software, glow or wgpu (for example: set {ENV_VAR}=software) \
             and start Hazard Workshop again."
        ));
        if stopped {
            text.push_str(
                " Unsaved work journalled before the failure is offered for recovery at the next \
                 start.",
            );
        }
        text
    }
}

#[cfg(test)]
mod tests {
    use super::StartAttempt::{Glow, Wgpu, WgpuSoftware};
    use super::*;

    #[test]
    fn automatic_tries_each_renderer_and_the_environment_forces_one() {
        let automatic = [Wgpu, WgpuSoftware, Glow];
        assert_eq!(order(None, RendererChoice::Automatic).unwrap(), automatic);
        assert_eq!(
            order(Some("auto"), RendererChoice::Automatic).unwrap(),
            automatic
        );
        assert_eq!(
            order(Some("glow"), RendererChoice::Automatic).unwrap(),
            [Glow]
        );
        assert_eq!(order(Some(" WGPU "), RendererChoice::Glow).unwrap(), [Wgpu]);
        assert_eq!(
            order(Some("software"), RendererChoice::Glow).unwrap(),
            [WgpuSoftware]
        );
        assert_eq!(
            order(Some("warp"), RendererChoice::Glow).unwrap(),
            [WgpuSoftware]
        );
        assert_eq!(order(None, RendererChoice::Glow).unwrap(), [Glow]);
        assert_eq!(
            order(None, RendererChoice::Software).unwrap(),
            [WgpuSoftware]
        );
        assert_eq!(order(Some(""), RendererChoice::Wgpu).unwrap(), [Wgpu]);
        assert!(
            order(Some("vulkan"), RendererChoice::Automatic)
                .unwrap_err()
                .contains(ENV_VAR)
        );
    }

    #[test]
    fn each_attempt_sets_up_its_renderer() {
        let configured = |attempt: StartAttempt| {
            let mut options = eframe::NativeOptions::default();
            attempt.configure(&mut options);
            options
        };
        assert_eq!(configured(Wgpu).renderer, eframe::Renderer::Wgpu);
        assert_eq!(configured(Glow).renderer, eframe::Renderer::Glow);
        let software = configured(WgpuSoftware);
        assert_eq!(software.renderer, eframe::Renderer::Wgpu);
        let WgpuSetup::CreateNew(setup) = &software.wgpu_options.wgpu_setup else {
            panic!("the software attempt creates its own wgpu setup");
        };
        assert!(setup.native_adapter_selector.is_some());
        let WgpuSetup::CreateNew(default_setup) = &configured(Wgpu).wgpu_options.wgpu_setup else {
            panic!("wgpu's default setup creates a new instance");
        };
        assert!(default_setup.native_adapter_selector.is_none());
    }

    fn not_started(error: &str) -> AttemptError {
        AttemptError {
            app_had_started: false,
            error: error.to_owned(),
        }
    }

    #[test]
    fn a_renderer_that_cannot_start_falls_back_to_the_next() {
        let mut tried = Vec::new();
        let ran = start_first(&[Wgpu, WgpuSoftware, Glow], |attempt| {
            tried.push(attempt);
            match attempt {
                Wgpu => Err(not_started("no adapter")),
                _ => Ok(()),
            }
        });
        assert_eq!(ran, Ok(WgpuSoftware));
        assert_eq!(
            tried,
            [Wgpu, WgpuSoftware],
            "glow is not started once one ran"
        );

        let mut tried = Vec::new();
        let ran = start_first(&[Wgpu, WgpuSoftware, Glow], |attempt| {
            tried.push(attempt);
            if attempt == Glow {
                Ok(())
            } else {
                Err(not_started("DX12 device lost"))
            }
        });
        assert_eq!(ran, Ok(Glow));
        assert_eq!(tried, [Wgpu, WgpuSoftware, Glow]);
    }

    #[test]
    fn when_nothing_starts_the_message_names_every_cause_and_the_switch() {
        let failure = start_first(&[Wgpu, WgpuSoftware, Glow], |attempt| {
            Err(not_started(match attempt {
                Wgpu => "no suitable adapter",
                WgpuSoftware => "no software adapter",
                Glow => "OpenGL 2.0 or later is required (found 1.1)",
            }))
        })
        .unwrap_err();
        assert_eq!(failure.failures.len(), 3);
        let message = failure.message();
        assert!(message.starts_with("Hazard Workshop could not open its window"));
        for cause in [
            "wgpu: no suitable adapter",
            "software adapter (WARP or llvmpipe): no software adapter",
            "glow (OpenGL): OpenGL 2.0 or later is required (found 1.1)",
            ENV_VAR,
        ] {
            assert!(message.contains(cause), "{cause:?} missing from {message}");
        }
    }

    #[test]
    fn a_renderer_that_fails_after_the_window_ran_is_not_replaced() {
        let mut tried = Vec::new();
        let failure = start_first(&[Wgpu, WgpuSoftware, Glow], |attempt| {
            tried.push(attempt);
            Err(AttemptError {
                app_had_started: true,
                error: "surface lost".to_owned(),
            })
        })
        .unwrap_err();
        assert_eq!(
            tried,
            [Wgpu],
            "the window is not reopened with another renderer"
        );
        assert!(failure.message().starts_with("Hazard Workshop stopped"));
        assert!(failure.message().contains("wgpu: surface lost"));
    }
}
