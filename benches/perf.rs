//! Performance benchmarks: frame cost of the whole UI at 100, 1,000 and 10,000 hazards (idle,
//! scrolling the list, typing in a field), project open/save, xlsx export/import beside Python's
//! openpyxl doing the same work, and peak memory. Timings live here, never in tests.
//!
//! `cargo bench --bench perf` prints a table and writes `target/benchmarks.json`.

mod coverage_bench;
mod merge_bench;
mod synthetic;

use std::path::Path;
use std::time::{Duration, Instant};

use hazard_workshop::app::{AppOptions, HazardWorkshopApp};
use hazard_workshop::storage::project_file;

struct Row {
    name: String,
    median_ms: f64,
    p99_ms: f64,
    extra: String,
    /// Ours divided by the reference's time, where the row has a reference (openpyxl).
    ratio: Option<f64>,
}

fn stats(mut samples: Vec<Duration>) -> (f64, f64) {
    samples.sort();
    let ms = |d: Duration| d.as_secs_f64() * 1000.0;
    let median = ms(samples[samples.len() / 2]);
    let p99 = ms(samples[((samples.len() as f64 * 0.99) as usize).min(samples.len() - 1)]);
    (median, p99)
}

/// The real app on a headless egui context: a frame is the app's logic and UI passes plus
/// tessellation (no GPU), as eframe runs it. AccessKit is off, as it is until a screen reader
/// asks for it.
struct Headless {
    ctx: egui::Context,
    app: HazardWorkshopApp,
    frame: eframe::Frame,
    size: egui::Vec2,
}

impl Headless {
    fn new(project_path: &Path) -> Headless {
        let ctx = egui::Context::default();
        let cc = eframe::CreationContext::_new_kittest(ctx.clone());
        let app = HazardWorkshopApp::new(
            &cc,
            AppOptions {
                open_path: Some(project_path.to_path_buf()),
                settings_path: None,
                // The benchmark leaves the user's data folder alone.
                recovery_dir: None,
                backups: hazard_workshop::storage::backup::BackupPolicy::none(),
                install_panic_hook: false,
                ..Default::default()
            },
        );
        let mut headless = Headless {
            ctx,
            app,
            frame: eframe::Frame::_new_kittest(),
            size: egui::vec2(1600.0, 1000.0),
        };
        // Wait for the background open to finish.
        for _ in 0..10_000 {
            headless.frame_with(Vec::new());
            if !headless.app.is_busy() {
                break;
            }
            std::thread::sleep(Duration::from_millis(2));
        }
        for _ in 0..10 {
            headless.frame_with(Vec::new());
        }
        headless
    }

    /// One frame with these input events; returns how long it took.
    fn frame_with(&mut self, events: Vec<egui::Event>) -> Duration {
        let input = egui::RawInput {
            screen_rect: Some(egui::Rect::from_min_size(egui::Pos2::ZERO, self.size)),
            events,
            ..Default::default()
        };
        let start = Instant::now();
        let (app, frame) = (&mut self.app, &mut self.frame);
        let mut output = self.ctx.run_ui(input, |ui| {
            eframe::App::logic(app, ui.ctx(), frame);
            eframe::App::ui(app, ui, frame);
        });
        // No GPU takes the textures; said explicitly so a debug build's check is satisfied.
        output.textures_delta.clear();
        let primitives = self.ctx.tessellate(output.shapes, output.pixels_per_point);
        std::hint::black_box(primitives);
        start.elapsed()
    }
}

/// A wheel notch of `delta` lines, as a mouse sends it.
fn wheel(delta: egui::Vec2) -> egui::Event {
    egui::Event::MouseWheel {
        unit: egui::MouseWheelUnit::Line,
        delta,
        phase: egui::TouchPhase::Move,
        modifiers: egui::Modifiers::NONE,
        source: egui::MouseWheelSource::Wheel,
    }
}

/// Three lines down a frame for 10 frames, then up for 10, and so on: a swing that stays
/// inside even the 100-hazard list, so every size scrolls as far (a list that has hit its end
/// stops moving, and a still frame is cheaper than a scrolling one).
fn list_wheel(frame: usize) -> egui::Event {
    let down = if (frame / 10).is_multiple_of(2) {
        -1.0
    } else {
        1.0
    };
    wheel(egui::vec2(0.0, down * 3.0))
}

/// Idle, scrolling and typing frames of the default layout with logs of each of `sizes` open.
/// The logs' frames are taken in turn (a frame of each size, then the next round), so that a
/// change in the machine's speed during the run (a shared VM's neighbours) touches every size
/// alike and the ratios between sizes hold.
fn size_benchmarks(rows: &mut Vec<Row>, dir: &Path, frames: usize, sizes: &[usize]) {
    let mut apps: Vec<(usize, Headless)> = sizes
        .iter()
        .map(|&n| {
            let path = dir.join(format!("synthetic-{n}.hazlog"));
            project_file::save(&synthetic::project(n), &path).unwrap();
            let ui = Headless::new(&path);
            assert_eq!(ui.app.doc.project().hazards.len(), n, "the project opened");
            (n, ui)
        })
        .collect();
    let mut in_turn = |apps: &mut [(usize, Headless)],
                       scenario: &str,
                       events: &dyn Fn(usize) -> Vec<egui::Event>| {
        let mut samples = vec![Vec::with_capacity(frames); apps.len()];
        for frame in 0..frames {
            for ((_, ui), samples) in apps.iter_mut().zip(&mut samples) {
                samples.push(ui.frame_with(events(frame)));
            }
        }
        for ((n, _), samples) in apps.iter().zip(samples) {
            let name = format!("frame, {scenario}, {} hazards", thousands(*n));
            push(rows, name, samples, "");
        }
    };
    in_turn(&mut apps, "idle", &|_| Vec::new());

    // Scroll the hazard list: the pointer over it and a wheel notch every frame.
    for (_, ui) in &mut apps {
        ui.frame_with(vec![egui::Event::PointerMoved(egui::pos2(300.0, 400.0))]);
    }
    in_turn(&mut apps, "scrolling the list", &|frame| {
        vec![list_wheel(frame)]
    });

    // Type into the capture line: a key a frame, as a fast typist does.
    for (_, ui) in &mut apps {
        ui.app.view.focus_capture = true;
        ui.frame_with(Vec::new());
        ui.frame_with(Vec::new());
    }
    in_turn(&mut apps, "typing", &|frame| {
        vec![egui::Event::Text(
            ((b'a' + (frame % 26) as u8) as char).to_string(),
        )]
    });
    for (_, ui) in &apps {
        assert!(
            !ui.app.view.capture_text.is_empty(),
            "the typing reached the field"
        );
    }
}

/// Each role layout on a 1024x768 projector with 10,000 hazards: idle, and scrolling the list.
fn layout_benchmarks(rows: &mut Vec<Row>, dir: &Path, frames: usize) {
    use hazard_workshop::ui::layouts::RoleLayout;
    let n = 10_000;
    let path = dir.join(format!("synthetic-{n}.hazlog"));
    project_file::save(&synthetic::project(n), &path).unwrap();
    let mut ui = Headless::new(&path);
    ui.size = egui::vec2(1024.0, 768.0);
    for layout in RoleLayout::ALL {
        ui.app.set_layout(layout);
        for _ in 0..10 {
            ui.frame_with(Vec::new());
        }
        let idle: Vec<Duration> = (0..frames).map(|_| ui.frame_with(Vec::new())).collect();
        let name = format!(
            "frame, {} layout 1024x768, idle, {} hazards",
            layout.label(),
            thousands(n)
        );
        push(rows, name, idle, "");
        // The list is on the left in every layout but the note-taker's (on the right).
        let over_list = match layout {
            RoleLayout::NoteTaker => egui::pos2(800.0, 250.0),
            _ => egui::pos2(200.0, 400.0),
        };
        ui.frame_with(vec![egui::Event::PointerMoved(over_list)]);
        let scrolling: Vec<Duration> = (0..frames)
            .map(|i| ui.frame_with(vec![list_wheel(i)]))
            .collect();
        let name = format!(
            "frame, {} layout 1024x768, scrolling, {} hazards",
            layout.label(),
            thousands(n)
        );
        push(rows, name, scrolling, "");
    }
}

/// The coverage grid pane in front, 50 steps x 200 prompts over 10,000 hazards: idle, scrolling
/// the grid (a wheel notch every frame, down then right), and walking (Alt+Right every frame).
fn coverage_benchmarks(rows: &mut Vec<Row>, dir: &Path, frames: usize) {
    let (steps, prompts, hazards) = (50, 200, 10_000);
    let path = dir.join("synthetic-coverage.hazlog");
    let project = coverage_bench::with_technique(synthetic::project(hazards), steps, prompts);
    project_file::save(&project, &path).unwrap();
    let mut ui = Headless::new(&path);
    let label = format!(
        "{steps} steps x {prompts} prompts, {} hazards",
        thousands(hazards)
    );
    // The same project with the minutes in front of the grid: the frame without the grid.
    ui.app.show_pane(hazard_workshop::ui::Pane::Minutes);
    ui.frame_with(Vec::new());
    let hidden: Vec<Duration> = (0..frames).map(|_| ui.frame_with(Vec::new())).collect();
    push(
        rows,
        format!("frame, idle, grid hidden, {label}"),
        hidden,
        "baseline",
    );
    ui.app.show_pane(hazard_workshop::ui::Pane::Coverage);
    ui.frame_with(Vec::new());

    let idle: Vec<Duration> = (0..frames).map(|_| ui.frame_with(Vec::new())).collect();
    push(
        rows,
        format!("frame, coverage grid idle, {label}"),
        idle,
        "",
    );

    // The grid sits in the lower right tab group at this window size.
    let over_grid = egui::pos2(1200.0, 800.0);
    ui.frame_with(vec![egui::Event::PointerMoved(over_grid)]);
    let scrolling: Vec<Duration> = (0..frames)
        .map(|i| {
            let delta = match (i / 100) % 4 {
                0 => egui::vec2(0.0, -3.0),
                1 => egui::vec2(-3.0, 0.0),
                2 => egui::vec2(0.0, 3.0),
                _ => egui::vec2(3.0, 0.0),
            };
            ui.frame_with(vec![wheel(delta)])
        })
        .collect();
    push(
        rows,
        format!("frame, scrolling the coverage grid, {label}"),
        scrolling,
        "target: p99 under 4 ms",
    );

    let key = |pressed| egui::Event::Key {
        key: egui::Key::ArrowRight,
        physical_key: None,
        pressed,
        repeat: false,
        modifiers: egui::Modifiers::ALT,
    };
    let walking: Vec<Duration> = (0..frames)
        .map(|_| ui.frame_with(vec![key(true), key(false)]))
        .collect();
    assert!(ui.app.view.walk.current.is_some(), "the walk moved");
    push(
        rows,
        format!("frame, walking prompt by prompt, {label}"),
        walking,
        "target: p99 under 4 ms",
    );
}

/// `10000` -> `10,000`, as the rows and docs/benchmarks.md write counts.
fn thousands(n: usize) -> String {
    let digits = n.to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

fn push(rows: &mut Vec<Row>, name: String, samples: Vec<Duration>, extra: &str) {
    let (median_ms, p99_ms) = stats(samples);
    rows.push(Row {
        name,
        median_ms,
        p99_ms,
        extra: extra.to_owned(),
        ratio: None,
    });
}

/// The issues' targets, each checked against the rows it names: one line per target with the
/// measured figure beside it, marked MISSED where it is not met. Targets whose rows were not run
/// are left out.
fn target_lines(rows: &[Row]) -> Vec<String> {
    let mut lines = Vec::new();
    let mut check = |target: String, measured: f64, limit: f64, unit: &str| {
        let mark = if measured <= limit {
            "met   "
        } else {
            "MISSED"
        };
        lines.push(format!(
            "{mark} {target}: {measured:.3}{unit} (target <= {limit}{unit})"
        ));
    };
    for row in rows {
        if row.name.starts_with("frame")
            && (row.name.contains(" 10,000 hazards") || row.name.contains("100,000 hazards"))
        {
            check(format!("p99 of {}", row.name), row.p99_ms, 4.0, " ms");
        }
        if row.name.starts_with("merge") {
            check(
                format!("median of {}", row.name),
                row.median_ms,
                1000.0,
                " ms",
            );
        }
        if let Some(ratio) = row.ratio {
            let limit = if row.name.contains("import") {
                0.1
            } else {
                0.2
            };
            check(format!("{} / openpyxl", row.name), ratio, limit, "x");
        }
    }
    let median = |name: &str| rows.iter().find(|r| r.name == name).map(|r| r.median_ms);
    for size in ["10,000", "100,000"] {
        for kind in ["idle", "scrolling the list", "typing"] {
            let small = median(&format!("frame, {kind}, 100 hazards"));
            let large = median(&format!("frame, {kind}, {size} hazards"));
            if let (Some(small), Some(large)) = (small, large) {
                check(
                    format!("frame {kind}, {size} hazards / 100 hazards (median)"),
                    large / small,
                    1.1,
                    "x",
                );
            }
        }
    }
    lines
}

fn time<T>(runs: usize, mut work: impl FnMut() -> T) -> Vec<Duration> {
    (0..runs)
        .map(|_| {
            let start = Instant::now();
            std::hint::black_box(work());
            start.elapsed()
        })
        .collect()
}

fn file_benchmarks(rows: &mut Vec<Row>, dir: &Path, runs: usize) {
    let project = synthetic::project(10_000);
    edit_benchmarks(rows, &project, runs.max(20));
    let path = dir.join("file-10000.hazlog");
    let save = time(runs, || project_file::save(&project, &path).unwrap());
    let size = std::fs::metadata(&path).map(|m| m.len()).unwrap_or(0);
    push(
        rows,
        "project save, 10,000 hazards".into(),
        save,
        &format!("{:.1} MB", size as f64 / 1e6),
    );
    let open = time(runs, || project_file::load(&path).unwrap());
    push(rows, "project open, 10,000 hazards".into(), open, "");
    xlsx::benchmarks(rows, dir, &project, runs);
}

/// A keystroke's edit, with and without a journal snapshot of the previous state still being
/// written: the snapshot is shared, so the edit copies the project only in the second case.
fn edit_benchmarks(rows: &mut Vec<Row>, project: &hazard_workshop::domain::Project, runs: usize) {
    use hazard_workshop::edit::{Document, ops};
    let mut doc = Document::new(project.clone(), None);
    let rename = |doc: &mut Document, i: usize| {
        let mut hazard = doc.project().hazards[5_000].clone();
        hazard.name = format!("Renamed {i}");
        let edit = ops::update_hazard(doc.project(), hazard, "name", chrono::Utc::now());
        doc.apply(edit).unwrap();
    };
    let alone = (0..runs)
        .map(|i| {
            let start = Instant::now();
            rename(&mut doc, i);
            start.elapsed()
        })
        .collect();
    push(rows, "edit (a keystroke), 10,000 hazards".into(), alone, "");
    let during = (0..runs)
        .map(|i| {
            let snapshot = doc.snapshot();
            let start = Instant::now();
            rename(&mut doc, i);
            let took = start.elapsed();
            drop(snapshot);
            took
        })
        .collect();
    push(
        rows,
        "edit while a journal snapshot is written, 10,000 hazards".into(),
        during,
        "worst case: the snapshot is still held by the writer",
    );
}

#[path = "xlsx_bench.rs"]
mod xlsx;

/// Peak resident memory of this process so far, from the kernel.
fn peak_rss_mb() -> Option<f64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    let kb: f64 = line.split_whitespace().nth(1)?.parse().ok()?;
    Some(kb / 1024.0)
}

fn main() {
    let quick =
        std::env::args().any(|a| a == "--quick") || std::env::var_os("BENCH_QUICK").is_some();
    let (frames, runs) = if quick { (60, 2) } else { (600, 5) };
    let dir = tempfile::tempdir().unwrap();
    let mut rows = Vec::new();
    // `--merge`, `--coverage`, `--layouts` and `--large` run only the merge, the coverage grid's
    // frames, the role layouts' frames or the 100,000-hazard frames beside the 100-hazard ones
    // (for profiling one of them).
    let only = |flag: &str| std::env::args().any(|a| a == flag);
    let rss_after_ui = if only("--merge") {
        merge_bench::merge_benchmarks(&mut rows, runs);
        None
    } else if only("--coverage") {
        coverage_benchmarks(&mut rows, dir.path(), frames);
        None
    } else if only("--layouts") {
        layout_benchmarks(&mut rows, dir.path(), frames);
        None
    } else if only("--large") {
        size_benchmarks(&mut rows, dir.path(), frames, &[100, 100_000]);
        None
    } else {
        layout_benchmarks(&mut rows, dir.path(), frames);
        coverage_benchmarks(&mut rows, dir.path(), frames);
        // The memory figure is of the 10,000-hazard logs of the layouts and the coverage grid.
        let rss = peak_rss_mb();
        size_benchmarks(
            &mut rows,
            dir.path(),
            frames,
            &[100, 1_000, 10_000, 100_000],
        );
        file_benchmarks(&mut rows, dir.path(), runs);
        merge_bench::merge_benchmarks(&mut rows, runs);
        rss
    };

    println!(
        "{:<48} {:>12} {:>12}  notes",
        "benchmark", "median ms", "p99 ms"
    );
    for row in &rows {
        println!(
            "{:<48} {:>12.3} {:>12.3}  {}",
            row.name, row.median_ms, row.p99_ms, row.extra
        );
    }
    if let Some(mb) = rss_after_ui {
        println!("peak RSS with 10,000 hazards open in the UI: {mb:.0} MB");
    }
    println!("\ntargets:");
    for line in target_lines(&rows) {
        println!("  {line}");
    }
    let machine = format!(
        "{} cores, {}",
        std::thread::available_parallelism().map_or(0, |n| n.get()),
        std::fs::read_to_string("/proc/cpuinfo")
            .ok()
            .and_then(
                |c| c.lines().find(|l| l.starts_with("model name")).map(|l| l
                    .split(':')
                    .nth(1)
                    .unwrap_or("")
                    .trim()
                    .to_owned())
            )
            .unwrap_or_default()
    );
    let json_rows: Vec<String> = rows
        .iter()
        .map(|r| {
            format!(
                "    {{\"name\": {:?}, \"median_ms\": {:.4}, \"p99_ms\": {:.4}, \"notes\": {:?}}}",
                r.name, r.median_ms, r.p99_ms, r.extra
            )
        })
        .collect();
    let json = format!(
        "{{\n  \"machine\": {:?},\n  \"quick\": {quick},\n  \"peak_rss_mb\": {},\n  \"results\": [\n{}\n  ]\n}}\n",
        machine,
        rss_after_ui.map_or("null".into(), |m| format!("{m:.1}")),
        json_rows.join(",\n")
    );
    let out = Path::new(env!("CARGO_MANIFEST_DIR")).join("target/benchmarks.json");
    std::fs::write(&out, json).unwrap();
    println!("written to {}", out.display());
}
