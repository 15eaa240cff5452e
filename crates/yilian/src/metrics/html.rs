//! A self-contained HTML report: headline tables and an SVG map of the consortium.
//!
//! The page is written with maud's `html!` templates: every id, name and number
//! spliced in is escaped by maud (ids are the user's strings), and the markup's
//! structure is checked when the crate compiles.

use super::Report;
use maud::{html, Markup, PreEscaped, DOCTYPE};
use std::collections::HashMap;

/// The page's style sheet (no external files).
const STYLE: &str = "body{font-family:sans-serif;margin:2em;color:#222}\
table{border-collapse:collapse;margin:1em 0}\
td,th{border:1px solid #ccc;padding:3px 8px;text-align:right}th{background:#eee}\
td:first-child{text-align:left}.legend span{display:inline-block;margin-right:1em}\
.dot{display:inline-block;width:10px;height:10px;border-radius:50%;margin-right:4px}";

/// The tiers of the map's legend, in order.
const TIERS: [&str; 6] = [
    "tertiary",
    "secondary",
    "community_health_centre",
    "township_health_centre",
    "village_clinic",
    "other",
];

fn num(x: Option<f64>) -> String {
    match x {
        None => "-".into(),
        Some(v) if v.abs() >= 1000.0 => format!("{v:.0}"),
        Some(v) => format!("{v:.4}"),
    }
}

fn tier_style(tier: &str) -> (&'static str, f64) {
    match tier {
        "tertiary" => ("#b2182b", 9.0),
        "secondary" => ("#ef8a62", 7.0),
        "community_health_centre" => ("#2166ac", 5.0),
        "township_health_centre" => ("#67a9cf", 5.0),
        "village_clinic" => ("#4d9221", 2.5),
        _ => ("#999999", 6.0),
    }
}

/// The SVG map: institutions by tier, arcs of the plan (rotations or exam flows) and,
/// for scanners, the sites with units after the plan.
fn map(r: &Report) -> Markup {
    let pts: Vec<(f64, f64)> = r
        .institutions
        .iter()
        .filter_map(|i| Some((i.lon?, i.lat?)))
        .collect();
    if pts.is_empty() {
        return html! { p { "No coordinates: no map." } };
    }
    let (mut x0, mut x1, mut y0, mut y1) = (f64::MAX, f64::MIN, f64::MAX, f64::MIN);
    for &(x, y) in &pts {
        x0 = x0.min(x);
        x1 = x1.max(x);
        y0 = y0.min(y);
        y1 = y1.max(y);
    }
    let kx = ((y0 + y1) / 2.0).to_radians().cos();
    let (w, margin) = (900.0, 20.0);
    let span_x = ((x1 - x0) * kx).max(1e-9);
    let span_y = (y1 - y0).max(1e-9);
    let scale = (w - 2.0 * margin) / span_x.max(span_y);
    let h = span_y * scale + 2.0 * margin;
    let project = |lon: f64, lat: f64| {
        (
            margin + (lon - x0) * kx * scale,
            margin + (y1 - lat) * scale,
        )
    };
    let at: HashMap<&str, (f64, f64)> = r
        .institutions
        .iter()
        .filter_map(|i| Some((i.id.as_str(), project(i.lon?, i.lat?))))
        .collect();
    let max_amount = r
        .arcs
        .iter()
        .map(|a| a.amount)
        .fold(0.0, f64::max)
        .max(1e-9);
    let colour = if r.model == "rotation" {
        "#7b3294"
    } else {
        "#e66101"
    };
    html! {
        svg xmlns="http://www.w3.org/2000/svg" width=(format_args!("{w:.0}"))
            height=(format_args!("{h:.0}")) viewBox=(format_args!("0 0 {w:.0} {h:.0}"))
            role="img" aria-label="map" {
            rect width="100%" height="100%" fill="#fbfaf6" {}
            @for a in &r.arcs {
                @if let (Some(&(ax, ay)), Some(&(bx, by))) =
                    (at.get(a.from.as_str()), at.get(a.to.as_str())) {
                    line x1=(format_args!("{ax:.1}")) y1=(format_args!("{ay:.1}"))
                        x2=(format_args!("{bx:.1}")) y2=(format_args!("{by:.1}"))
                        stroke=(colour) stroke-opacity="0.45"
                        stroke-width=(format_args!("{:.2}", 0.5 + 3.5 * (a.amount / max_amount).sqrt())) {
                        title { (a.from) " → " (a.to) ": " (format_args!("{:.1}", a.amount)) }
                    }
                }
            }
            @for i in &r.institutions {
                @if let Some(&(x, y)) = at.get(i.id.as_str()) {
                    @let (fill, radius) = tier_style(&i.tier);
                    circle cx=(format_args!("{x:.1}")) cy=(format_args!("{y:.1}")) r=(radius)
                        fill=(fill) stroke="white" stroke-width="0.6" {
                        title {
                            (i.id) " (" (i.tier) "), population "
                            (format_args!("{:.0}, access {:.3} → {:.3}", i.population, i.access_before, i.access_after))
                        }
                    }
                }
            }
            @if r.model == "scanners" {
                @for u in &r.utilisation {
                    @if let Some(&(x, y)) = at.get(u.resource.split(' ').next().unwrap_or("")) {
                        rect x=(format_args!("{:.1}", x - 4.5)) y=(format_args!("{:.1}", y - 4.5))
                            width="9" height="9" fill="none" stroke=(colour) stroke-width="2" {
                            title {
                                (u.resource) ": "
                                (format_args!("{:.0} of {:.0} exams", u.used, u.capacity))
                            }
                        }
                    }
                }
            }
        }
    }
}

/// The report as one self-contained HTML page (no external files or scripts).
pub fn to_html(r: &Report) -> String {
    let title = format!("{} – {} plan", r.scenario, r.model);
    let what = if r.model == "rotation" {
        "specialist-days sent"
    } else {
        "exams sent to a scanner site (squares)"
    };
    let page = html! {
        (DOCTYPE)
        html lang="en" {
            head {
                meta charset="utf-8";
                title { (title) }
                style { (PreEscaped(STYLE)) }
            }
            body {
                h1 { (title) }
                p {
                    "Accessibility: " (r.access_unit) " (" (r.settings.decay.name())
                    ", catchment " (r.settings.catchment_minutes) " minutes)."
                }
                h2 { "Headline measures" }
                table {
                    tr { th { "measure" } th { "before" } th { "after" } }
                    @for m in &r.measures {
                        tr { td { (m.measure) } td { (num(m.before)) } td { (num(m.after)) } }
                    }
                }
                h2 { "Map" }
                div class="legend" {
                    @for tier in TIERS {
                        span { i class="dot" style={ "background:" (tier_style(tier).0) } {} (tier) }
                    }
                    span { "lines: " (what) }
                }
                (map(r))
                h2 { "Population within reach" }
                table {
                    tr {
                        th { "service" } th { "minutes" } th { "population" }
                        th { "covered before" } th { "covered after" }
                    }
                    @for c in &r.coverage {
                        tr {
                            td { (c.service) } td { (c.minutes) }
                            td { (format_args!("{:.0}", c.population)) }
                            td { (format_args!("{:.0}", c.covered_before)) }
                            td { (format_args!("{:.0}", c.covered_after)) }
                        }
                    }
                }
                h2 { "By tier" }
                table {
                    tr {
                        th { "tier" } th { "institutions" } th { "population" }
                        th { "access before" } th { "access after" }
                    }
                    @for g in &r.by_tier {
                        tr {
                            td { (g.group) } td { (g.institutions) }
                            td { (format_args!("{:.0}", g.population)) }
                            td { (format_args!("{:.3}", g.access_before)) }
                            td { (format_args!("{:.3}", g.access_after)) }
                        }
                    }
                }
                h2 { "Utilisation and shadow prices" }
                table {
                    tr {
                        th { "resource" } th { "kind" } th { "capacity" } th { "used" }
                        th { "shadow price" }
                    }
                    @for u in &r.utilisation {
                        tr {
                            td { (u.resource) } td { (u.kind) }
                            td { (format_args!("{:.1}", u.capacity)) }
                            td { (format_args!("{:.1}", u.used)) }
                            td { (num(u.shadow_price)) }
                        }
                    }
                }
            }
        }
    };
    let mut out = page.into_string();
    out.push('\n');
    out
}

#[cfg(test)]
mod tests {
    use super::to_html;
    use crate::metrics::{rotation_report, ReportSettings};
    use crate::{generate, Consortium, RotationModel, SolveOptions};

    /// Ids are the user's strings: markup in them is shown, never run; and the page
    /// holds one circle per institution, one line per arc and one table row per line
    /// of the report.
    #[test]
    fn user_ids_are_escaped_and_every_line_is_drawn() {
        let c = Consortium::new(generate::county(1)).unwrap();
        let plan = RotationModel::new(&c)
            .solve(&SolveOptions::default())
            .unwrap();
        let mut r = rotation_report(&c, &plan, &ReportSettings::default());
        let hostile = "<script>alert('x')</script> & \"y\"";
        r.scenario = "<b>county</b>".into();
        // The first institution renamed, in the arcs too.
        let old = std::mem::replace(&mut r.institutions[0].id, hostile.into());
        let mut touching = 0;
        for a in &mut r.arcs {
            for end in [&mut a.from, &mut a.to] {
                if *end == old {
                    *end = hostile.into();
                    touching += 1;
                }
            }
        }
        assert!(touching > 0, "the test needs arcs of the first institution");
        let page = to_html(&r);
        assert!(!page.contains("<script") && !page.contains("<b>"));
        let shown = "&lt;script&gt;alert('x')&lt;/script&gt; &amp; &quot;y&quot;";
        // In the institution's circle and in each of its arcs' lines.
        assert_eq!(page.matches(shown).count(), 1 + touching);
        assert_eq!(
            page.matches("<title>&lt;b&gt;county&lt;/b&gt; – rotation plan</title>")
                .count(),
            1
        );
        assert_eq!(page.matches("<circle ").count(), r.institutions.len());
        assert_eq!(page.matches("<line ").count(), r.arcs.len());
        let rows = 4 + r.measures.len() + r.coverage.len() + r.by_tier.len() + r.utilisation.len();
        assert_eq!(page.matches("<tr>").count(), rows);
        assert!(
            page.starts_with("<!DOCTYPE html><html lang=\"en\">") && page.ends_with("</html>\n")
        );
    }
}
