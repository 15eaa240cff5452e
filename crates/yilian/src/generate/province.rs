//! A generated province: many county medical communities side by side.

use super::county::county_around;
use crate::scenario::Scenario;

/// A province of `counties` county medical communities (see [`super::county`]) laid
/// out on a grid of about 50 x 40 km cells. Ids are prefixed with the county
/// (`C07-THC03`), and every institution is a member of its county's consortium, so
/// pools only visit their own county. 70 counties give about 14,000 institutions.
/// Imaging is merged: every county's units and candidates, and the sum of their
/// budgets as one provincial budget (patients may cross county borders). Care is merged
/// the same way: every county's demand, capacity and telemedicine links, one set of
/// classes and targets (patients may be treated in another county).
///
/// ```
/// let s = yilian::generate::province(1, 3);
/// assert!(s.institutions.iter().all(|i| i.consortium.is_some()));
/// assert_eq!(s.institutions[0].id, "C01-CH1");
/// ```
pub fn province(seed: u64, counties: usize) -> Scenario {
    let cols = (counties as f64).sqrt().ceil().max(1.0) as usize;
    let mut s = Scenario::new(format!("province-{seed}-{counties}"));
    s.description = Some(format!(
        "Generated province (seed {seed}): {counties} county medical communities"
    ));
    for c in 0..counties {
        let (row, col) = (c / cols, c % cols);
        // About 50 km between county centres east-west and 42 km north-south.
        let centre = (110.0 + col as f64 * 0.52, 26.0 + row as f64 * 0.38);
        let county = county_around(
            seed.wrapping_mul(1_000).wrapping_add(c as u64),
            Some(centre),
        );
        let prefix = format!("C{:02}-", c + 1);
        let consortium = format!("county {:02}", c + 1);
        if c == 0 {
            s.period_days = county.period_days;
            s.travel = county.travel.clone();
            s.policy = county.policy.clone();
        }
        if let Some(im) = county.imaging {
            let target = s.imaging.get_or_insert_with(|| {
                let mut first = im.clone();
                first.scanners.clear();
                first.candidates.clear();
                first.budget = Some(0.0);
                first
            });
            for mut sc in im.scanners {
                sc.id = format!("{prefix}{}", sc.id);
                sc.site = format!("{prefix}{}", sc.site);
                target.scanners.push(sc);
            }
            for mut cand in im.candidates {
                cand.site = format!("{prefix}{}", cand.site);
                target.candidates.push(cand);
            }
            target.budget = Some(target.budget.unwrap_or(0.0) + im.budget.unwrap_or(0.0));
        }
        if let Some(care) = county.care {
            let target = s.care.get_or_insert_with(|| {
                let mut first = care.clone();
                first.demand.clear();
                first.capacity.clear();
                first.telemedicine.clear();
                first
            });
            for (origin, d) in care.demand {
                target.demand.insert(format!("{prefix}{origin}"), d);
            }
            for (site, cap) in care.capacity {
                target.capacity.insert(format!("{prefix}{site}"), cap);
            }
            for mut link in care.telemedicine {
                link.hub = format!("{prefix}{}", link.hub);
                link.spoke = format!("{prefix}{}", link.spoke);
                target.telemedicine.push(link);
            }
        }
        for mut inst in county.institutions {
            inst.id = format!("{prefix}{}", inst.id);
            inst.district = inst.district.map(|d| format!("{prefix}{d}"));
            inst.consortium = Some(consortium.clone());
            s.institutions.push(inst);
        }
        for mut pool in county.pools {
            pool.id = format!("{prefix}{}", pool.id);
            pool.home = format!("{prefix}{}", pool.home);
            s.pools.push(pool);
        }
    }
    s
}
