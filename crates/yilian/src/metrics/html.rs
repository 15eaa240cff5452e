//! A self-contained HTML report: headline tables and an SVG map of the consortium.

use super::Report;
use std::collections::HashMap;
use std::fmt::Write;

fn esc(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            _ => out.push(c),
        }
    }
    out
}

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
fn map(r: &Report) -> String {
    let pts: Vec<(f64, f64)> = r
        .institutions
        .iter()
        .filter_map(|i| Some((i.lon?, i.lat?)))
        .collect();
    if pts.is_empty() {
        return "<p>No coordinates: no map.</p>".into();
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
    let mut svg = String::new();
    let _ = write!(
        svg,
        r##"<svg xmlns="http://www.w3.org/2000/svg" width="{w:.0}" height="{h:.0}" viewBox="0 0 {w:.0} {h:.0}" role="img" aria-label="map"><rect width="100%" height="100%" fill="#fbfaf6"/>"##
    );
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
    for a in &r.arcs {
        if let (Some(&(ax, ay)), Some(&(bx, by))) = (at.get(a.from.as_str()), at.get(a.to.as_str()))
        {
            let width = 0.5 + 3.5 * (a.amount / max_amount).sqrt();
            let _ = write!(
                svg,
                r##"<line x1="{ax:.1}" y1="{ay:.1}" x2="{bx:.1}" y2="{by:.1}" stroke="{colour}" stroke-opacity="0.45" stroke-width="{width:.2}"><title>{} → {}: {:.1}</title></line>"##,
                esc(&a.from),
                esc(&a.to),
                a.amount
            );
        }
    }
    for i in &r.institutions {
        if let Some(&(x, y)) = at.get(i.id.as_str()) {
            let (fill, radius) = tier_style(&i.tier);
            let _ = write!(
                svg,
                r##"<circle cx="{x:.1}" cy="{y:.1}" r="{radius}" fill="{fill}" stroke="white" stroke-width="0.6"><title>{} ({}), population {:.0}, access {:.3} → {:.3}</title></circle>"##,
                esc(&i.id),
                esc(&i.tier),
                i.population,
                i.access_before,
                i.access_after
            );
        }
    }
    if r.model == "scanners" {
        for u in &r.utilisation {
            let site = u.resource.split(' ').next().unwrap_or("");
            if let Some(&(x, y)) = at.get(site) {
                let _ = write!(
                    svg,
                    r##"<rect x="{:.1}" y="{:.1}" width="9" height="9" fill="none" stroke="{colour}" stroke-width="2"><title>{}: {:.0} of {:.0} exams</title></rect>"##,
                    x - 4.5,
                    y - 4.5,
                    esc(&u.resource),
                    u.used,
                    u.capacity
                );
            }
        }
    }
    svg.push_str("</svg>");
    svg
}

/// The report as one self-contained HTML page (no external files or scripts).
pub fn to_html(r: &Report) -> String {
    let mut h = String::new();
    let _ = write!(
        h,
        "<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>{} – {} plan</title>\
         <style>body{{font-family:sans-serif;margin:2em;color:#222}}table{{border-collapse:collapse;margin:1em 0}}\
         td,th{{border:1px solid #ccc;padding:3px 8px;text-align:right}}th{{background:#eee}}td:first-child{{text-align:left}}\
         .legend span{{display:inline-block;margin-right:1em}}.dot{{display:inline-block;width:10px;height:10px;border-radius:50%;margin-right:4px}}</style></head><body>",
        esc(&r.scenario),
        esc(&r.model)
    );
    let _ = write!(
        h,
        "<h1>{} – {} plan</h1><p>Accessibility: {} ({}, catchment {} minutes).</p>",
        esc(&r.scenario),
        esc(&r.model),
        esc(&r.access_unit),
        esc(r.settings.decay.name()),
        r.settings.catchment_minutes
    );
    h.push_str(
        "<h2>Headline measures</h2><table><tr><th>measure</th><th>before</th><th>after</th></tr>",
    );
    for m in &r.measures {
        let _ = write!(
            h,
            "<tr><td>{}</td><td>{}</td><td>{}</td></tr>",
            esc(&m.measure),
            num(m.before),
            num(m.after)
        );
    }
    h.push_str("</table><h2>Map</h2><div class=\"legend\">");
    for tier in [
        "tertiary",
        "secondary",
        "community_health_centre",
        "township_health_centre",
        "village_clinic",
        "other",
    ] {
        let (fill, _) = tier_style(tier);
        let _ = write!(
            h,
            "<span><i class=\"dot\" style=\"background:{fill}\"></i>{tier}</span>"
        );
    }
    let what = if r.model == "rotation" {
        "specialist-days sent"
    } else {
        "exams sent to a scanner site (squares)"
    };
    let _ = write!(h, "<span>lines: {what}</span></div>");
    h.push_str(&map(r));
    h.push_str("<h2>Population within reach</h2><table><tr><th>service</th><th>minutes</th><th>population</th><th>covered before</th><th>covered after</th></tr>");
    for c in &r.coverage {
        let _ = write!(
            h,
            "<tr><td>{}</td><td>{}</td><td>{:.0}</td><td>{:.0}</td><td>{:.0}</td></tr>",
            esc(&c.service),
            c.minutes,
            c.population,
            c.covered_before,
            c.covered_after
        );
    }
    h.push_str("</table><h2>By tier</h2><table><tr><th>tier</th><th>institutions</th><th>population</th><th>access before</th><th>access after</th></tr>");
    for g in &r.by_tier {
        let _ = write!(
            h,
            "<tr><td>{}</td><td>{}</td><td>{:.0}</td><td>{:.3}</td><td>{:.3}</td></tr>",
            esc(&g.group),
            g.institutions,
            g.population,
            g.access_before,
            g.access_after
        );
    }
    h.push_str("</table><h2>Utilisation and shadow prices</h2><table><tr><th>resource</th><th>kind</th><th>capacity</th><th>used</th><th>shadow price</th></tr>");
    for u in &r.utilisation {
        let _ = write!(
            h,
            "<tr><td>{}</td><td>{}</td><td>{:.1}</td><td>{:.1}</td><td>{}</td></tr>",
            esc(&u.resource),
            esc(&u.kind),
            u.capacity,
            u.used,
            num(u.shadow_price)
        );
    }
    h.push_str("</table></body></html>\n");
    h
}
