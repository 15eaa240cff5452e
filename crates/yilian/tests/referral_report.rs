//! The report of a referral plan (`yilian report`, `yilian.report`): every figure
//! against a hand solution and against the same figure recomputed here from the plan's
//! flows and the scenario.

mod common;

use common::{backends, close, tol};
use std::collections::BTreeMap;
use yilian::check::check_referral;
use yilian::metrics::{referral_report, ReportSettings};
use yilian::scenario::{care_level, is_grassroots};
use yilian::{Backend, Consortium, ReferralModel, ReferralPlan, Scenario};

/// The hand-solved case of `referral_hand_solved.rs` with a grassroots target of 50 %:
/// V (village clinic) -10- T (township centre) -20- H (county hospital). V has 10
/// acute patients (only H treats them, 8 slots: 8 treated, 2 unmet; half of the 8
/// recover, within 15 minutes of V: only at T); T has 4 rehab patients of its own and
/// 6 rehab slots, so T treats its own 4 and 2 of V's recovery episodes.
///
/// Episodes 10 + 4 + 0.5 x 10 = 19; treated 8 + 6 = 14; grassroots 6 (T): 6/19; every
/// institution in one county: within-county 14/19. Referred up 8 (V to H), down 2 (H
/// to T). Busiest hospital class: H acute, 8/8. The target asks 0.5 x 19 = 9.5
/// grassroots episodes; no other grassroots place exists, so 3.5 are short, the
/// shortfall column is basic and the row's dual is the penalty 5,000: one more point
/// costs 5,000 x 19 x 0.01 = 950. Care objective 21,460 + 3.5 x 5,000 = 38,960;
/// without the target (the baseline) 21,460 with the same shares.
fn scenario() -> Scenario {
    // The hand case of referral_hand_solved.rs (tests/data/referral_hand.json) with the
    // grassroots target of one half.
    let mut v: serde_json::Value =
        serde_json::from_str(include_str!("data/referral_hand.json")).unwrap();
    v["care"]["targets"] = serde_json::json!({"min_grassroots_share": {"share": 0.5}});
    Scenario::from_json_str(&v.to_string()).unwrap()
}

/// The figures of the report recomputed from the plan's flows alone.
struct Recomputed {
    grassroots: f64,
    county: f64,
    up: BTreeMap<(String, String), f64>,
    down: BTreeMap<(String, String), f64>,
    busiest: f64,
}

fn recompute(c: &Consortium, plan: &ReferralPlan) -> Recomputed {
    let s = c.scenario();
    let inst = |id: &str| &s.institutions[c.index_of(id).unwrap()];
    let care = s.care.as_ref().unwrap();
    let mut episodes = 0.0;
    for by_class in care.demand.values() {
        for (k, &d) in by_class {
            episodes += d
                * (1.0
                    + care
                        .class(k)
                        .unwrap()
                        .recovery
                        .as_ref()
                        .map_or(0.0, |r| r.share));
        }
    }
    let mut grassroots = 0.0;
    let mut county = 0.0;
    let mut load: BTreeMap<(String, String), f64> = BTreeMap::new();
    let mut up = BTreeMap::new();
    for f in &plan.flows {
        if is_grassroots(inst(&f.site).tier) {
            grassroots += f.patients;
        }
        if inst(&f.site).consortium == inst(&f.origin).consortium {
            county += f.patients;
        }
        *load.entry((f.site.clone(), f.class.clone())).or_default() += f.patients;
        if is_grassroots(inst(&f.origin).tier)
            && care_level(inst(&f.site).tier) > care_level(inst(&f.origin).tier)
        {
            *up.entry((f.origin.clone(), f.site.clone())).or_default() += f.patients;
        }
    }
    let mut down = BTreeMap::new();
    for r in &plan.recovery {
        if is_grassroots(inst(&r.site).tier) {
            grassroots += r.patients;
        }
        if inst(&r.site).consortium == inst(&r.origin).consortium {
            county += r.patients;
        }
        *load
            .entry((r.site.clone(), r.recovery_class.clone()))
            .or_default() += r.patients;
        if care_level(inst(&r.site).tier) < care_level(inst(&r.acute_site).tier) {
            *down
                .entry((r.acute_site.clone(), r.site.clone()))
                .or_default() += r.patients;
        }
    }
    let mut busiest: f64 = 0.0;
    for (site, by_class) in &care.capacity {
        if care_level(inst(site).tier) < 3 {
            continue;
        }
        for (k, cap) in by_class {
            let patients = cap.patients(care.class(k).unwrap(), s.period_days);
            let l = load.get(&(site.clone(), k.clone())).copied().unwrap_or(0.0);
            if patients > 0.0 {
                busiest = busiest.max(l / patients);
            }
        }
    }
    Recomputed {
        grassroots: grassroots / episodes,
        county: county / episodes,
        up,
        down,
        busiest,
    }
}

fn referrals(report: &yilian::metrics::Report, direction: &str) -> BTreeMap<(String, String), f64> {
    report
        .referrals
        .iter()
        .filter(|r| r.direction == direction)
        .map(|r| ((r.from.clone(), r.to.clone()), r.patients))
        .collect()
}

fn same_tables(a: &BTreeMap<(String, String), f64>, b: &BTreeMap<(String, String), f64>, t: f64) {
    assert_eq!(a.keys().collect::<Vec<_>>(), b.keys().collect::<Vec<_>>());
    for (k, v) in a {
        close(*v, b[k], t);
    }
}

#[test]
fn the_report_of_the_hand_solved_case_has_its_hand_figures() {
    let c = Consortium::new(scenario()).unwrap();
    for options in backends() {
        let t = tol(options.backend);
        let plan = ReferralModel::new(&c)
            .baseline(true)
            .solve(&options)
            .unwrap();
        assert_eq!(check_referral(&c, &plan), vec![]);
        let r = referral_report(&c, &plan, &ReportSettings::default());
        let after = |m: &str| r.after(m).unwrap_or_else(|| panic!("{m}: no after"));
        let before = |m: &str| r.before(m).unwrap_or_else(|| panic!("{m}: no before"));
        close(after("grassroots share of episodes"), 6.0 / 19.0, t);
        close(before("grassroots share of episodes"), 6.0 / 19.0, t);
        close(after("within-county share of episodes"), 14.0 / 19.0, t);
        close(after("busiest hospital class utilisation"), 1.0, t);
        close(after("care objective"), 38_960.0, t * 40.0);
        close(before("care objective"), 21_460.0, t * 20.0);
        close(after("episodes"), 19.0, t);
        close(after("episodes treated in the consortium"), 14.0, t);
        close(after("patients referred up"), 8.0, t);
        close(after("recovery episodes referred down"), 2.0, t);
        close(after("unmet patients"), 2.0, t);
        let up = referrals(&r, "up");
        assert_eq!(up.len(), 1);
        close(up[&("V".into(), "H".into())], 8.0, t);
        let down = referrals(&r, "down");
        assert_eq!(down.len(), 1);
        close(down[&("H".into(), "T".into())], 2.0, t);
        // Busiest first: H's acute slots are full.
        assert_eq!(
            (
                r.utilisation[0].resource.as_str(),
                r.utilisation[0].kind.as_str()
            ),
            ("H", "care: acute")
        );
        let g = &r.targets[0];
        assert_eq!(g.target, "min_grassroots_share");
        assert!(g.binding);
        close(g.shortfall_episodes, 3.5, t);
        if options.backend.gives_duals() {
            close(g.marginal_cost_per_point.unwrap(), 950.0, t * 10.0);
            close(
                r.after("min_grassroots_share: marginal cost per point")
                    .unwrap(),
                950.0,
                t * 10.0,
            );
        }
    }
}

/// On the generated county (seven classes, telemedicine, three targets) every share,
/// referral table and the busiest class equal the figures recomputed from the flows,
/// and the target lines are the plan's.
#[test]
fn the_report_of_a_generated_county_matches_its_flows() {
    let c = Consortium::new(yilian::generate::county(1)).unwrap();
    let options = backends()
        .into_iter()
        .find(|o| o.backend == Backend::Highs)
        .unwrap_or_else(|| backends().remove(0));
    let plan = ReferralModel::new(&c)
        .baseline(true)
        .solve(&options)
        .unwrap();
    assert_eq!(check_referral(&c, &plan), vec![]);
    let r = referral_report(&c, &plan, &ReportSettings::default());
    let want = recompute(&c, &plan);
    close(
        r.after("grassroots share of episodes").unwrap(),
        want.grassroots,
        1e-9,
    );
    close(
        r.after("within-county share of episodes").unwrap(),
        want.county,
        1e-9,
    );
    close(
        r.after("busiest hospital class utilisation").unwrap(),
        want.busiest,
        1e-9,
    );
    same_tables(&referrals(&r, "up"), &want.up, 1e-9);
    same_tables(&referrals(&r, "down"), &want.down, 1e-9);
    assert!(
        !want.up.is_empty() && !want.down.is_empty(),
        "the county refers both ways"
    );
    let base = plan.baseline.as_ref().unwrap();
    close(
        r.before("grassroots share of episodes").unwrap(),
        base.grassroots_share,
        1e-12,
    );
    assert_eq!(r.targets.len(), plan.targets.len());
    for (a, b) in r.targets.iter().zip(&plan.targets) {
        assert_eq!(a.target, b.target);
        assert_eq!(a.marginal_cost_per_point, b.marginal_cost_per_point);
        assert_eq!(a.binding, b.binding);
    }
    // Sorted busiest first.
    let u: Vec<f64> = r
        .utilisation
        .iter()
        .map(|l| {
            if l.capacity > 0.0 {
                l.used / l.capacity
            } else {
                0.0
            }
        })
        .collect();
    assert!(u.windows(2).all(|w| w[0] >= w[1] - 1e-9));
    assert_eq!(r.utilisation.len(), plan.loads.len());
}
