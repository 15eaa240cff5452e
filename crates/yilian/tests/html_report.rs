//! The HTML report opens in headless Chromium without errors and shows the map: a
//! screenshot is taken and must not be blank.
//!
//! Needs Debian's `chromium`. Without it the test only says so, unless
//! `YILIAN_REQUIRE_CHROMIUM=1` (set by `scripts/test.sh`, which installs it), when
//! its absence fails the test.

use std::process::Command;
use yilian::metrics::{rotation_report, scanners_report, to_html, ReportSettings};
use yilian::{generate, Consortium, RotationModel, ScannerModel, SolveOptions};

fn chromium() -> Option<&'static str> {
    ["chromium", "chromium-browser", "google-chrome"]
        .into_iter()
        .find(|b| {
            Command::new(b)
                .arg("--version")
                .output()
                .is_ok_and(|o| o.status.success())
        })
}

/// (share of pixels that differ from the page background, distinct colours).
fn ink(png_path: &std::path::Path) -> (f64, usize) {
    let decoder = png::Decoder::new(std::io::BufReader::new(
        std::fs::File::open(png_path).unwrap(),
    ));
    let mut reader = decoder.read_info().unwrap();
    let mut buf = vec![0; reader.output_buffer_size().unwrap()];
    let info = reader.next_frame(&mut buf).unwrap();
    let channels = info.color_type.samples();
    let px: Vec<&[u8]> = buf[..info.buffer_size()].chunks(channels).collect();
    let background = px[0];
    let inked = px.iter().filter(|p| p[..3] != background[..3]).count();
    let mut colours: Vec<[u8; 3]> = px.iter().map(|p| [p[0], p[1], p[2]]).collect();
    colours.sort_unstable();
    colours.dedup();
    (inked as f64 / px.len() as f64, colours.len())
}

#[test]
fn html_report_renders_in_headless_chromium() {
    let Some(browser) = chromium() else {
        assert!(
            std::env::var("YILIAN_REQUIRE_CHROMIUM").as_deref() != Ok("1"),
            "chromium is required (YILIAN_REQUIRE_CHROMIUM=1) but was not found"
        );
        eprintln!("chromium not found: screenshot test not run");
        return;
    };
    let c = Consortium::new(generate::county(1)).unwrap();
    let settings = ReportSettings::default();
    let rotation = RotationModel::new(&c)
        .solve(&SolveOptions::default())
        .unwrap();
    let scanners = ScannerModel::new(&c)
        .solve(&SolveOptions::default().time_limit(60.0))
        .unwrap();
    let dir = std::env::temp_dir().join(format!("yilian-html-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    for (name, report) in [
        ("rotation", rotation_report(&c, &rotation, &settings)),
        ("scanners", scanners_report(&c, &scanners, &settings)),
    ] {
        let html = dir.join(format!("{name}.html"));
        let shot = dir.join(format!("{name}.png"));
        std::fs::write(&html, to_html(&report)).unwrap();
        let out = Command::new(browser)
            .args([
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                "--hide-scrollbars",
                "--window-size=1100,1400",
                &format!("--screenshot={}", shot.display()),
                &format!("file://{}", html.display()),
            ])
            .output()
            .unwrap();
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        let (share, colours) = ink(&shot);
        // A page with the tables and the map: well over 3 % of pixels inked, and the
        // tier and arc colours present.
        assert!(
            share > 0.03,
            "{name}: only {share} of the screenshot is inked"
        );
        assert!(
            colours > 50,
            "{name}: only {colours} colours in the screenshot"
        );
    }
    std::fs::remove_dir_all(&dir).ok();
}
