//! Every formulation against brute force on small random matrices (ties, zero weights
//! and forced sites included).

use super::{PCenter, PCenterFormulation};
use crate::models::location::CostMatrix;
use crate::{Backend, SolveOptions, Status};

/// A small deterministic generator (xorshift), enough for test data.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }

    fn below(&mut self, k: u64) -> u64 {
        self.next() % k
    }
}

/// The best radius over all `p`-subsets of sites containing `forced`.
fn brute_force(c: &CostMatrix, w: &[f64], p: usize, forced: &[usize]) -> f64 {
    let m = c.sites();
    let mut best = f64::INFINITY;
    for mask in 0u32..(1 << m) {
        if mask.count_ones() as usize != p || forced.iter().any(|&j| mask & (1 << j) == 0) {
            continue;
        }
        let r = (0..c.clients())
            .map(|i| {
                (0..m)
                    .filter(|&j| mask & (1 << j) != 0)
                    .map(|j| w[i] * c.get(i, j))
                    .fold(f64::INFINITY, f64::min)
            })
            .fold(0.0, f64::max);
        best = best.min(r);
    }
    best
}

fn backends() -> Vec<SolveOptions> {
    let mut v = vec![SolveOptions::new(Backend::Microlp).time_limit(30.0)];
    for b in [Backend::Highs, Backend::CoinCbc] {
        if b.is_available() {
            v.push(SolveOptions::new(b).mip_gap(0.0).time_limit(30.0));
        }
    }
    v
}

#[test]
fn all_formulations_match_brute_force_on_random_matrices() {
    let mut rng = Rng(0x9e37_79b9_7f4a_7c15);
    for case in 0..40 {
        let n = 2 + rng.below(7) as usize;
        let m = 1 + rng.below(7) as usize;
        let p = 1 + rng.below(m as u64) as usize;
        // Few distinct values: many ties.
        let data: Vec<f64> = (0..n * m).map(|_| rng.below(6) as f64).collect();
        let c = CostMatrix::new(n, m, data).unwrap();
        let w: Vec<f64> = (0..n)
            .map(|_| [0.0, 1.0, 1.0, 2.5][rng.below(4) as usize])
            .collect();
        let forced: Vec<usize> = if case % 3 == 0 {
            vec![rng.below(m as u64) as usize]
        } else {
            Vec::new()
        };
        let want = brute_force(&c, &w, p, &forced);
        for o in backends() {
            for f in [
                PCenterFormulation::Covering,
                PCenterFormulation::Elloumi,
                PCenterFormulation::Textbook,
            ] {
                let s = PCenter::new(&c, p)
                    .weights(&w)
                    .forced_open(forced.clone())
                    .formulation(f)
                    .solve(&o)
                    .unwrap();
                let what = format!("case {case} {f:?} {:?}: {n}x{m} p={p}", o.backend);
                assert!(
                    (s.objective - want).abs() < 1e-9,
                    "{what}: {} != {want}",
                    s.objective
                );
                assert_eq!(s.open.len(), p, "{what}");
                assert!(forced.iter().all(|j| s.open.contains(j)), "{what}");
                if f != PCenterFormulation::Textbook {
                    assert_eq!(s.status, Status::Optimal, "{what}");
                    assert_eq!(s.bound, Some(want), "{what}");
                    assert_eq!(s.gap, Some(0.0), "{what}");
                }
            }
        }
    }
}

#[test]
fn forced_sites_beyond_p_are_an_option_error() {
    let c = CostMatrix::from_rows(&[vec![1.0, 2.0], vec![2.0, 1.0]]).unwrap();
    for f in [PCenterFormulation::Covering, PCenterFormulation::Textbook] {
        let e = PCenter::new(&c, 1)
            .forced_open(vec![0, 1, 1])
            .formulation(f)
            .solve(&SolveOptions::new(Backend::Microlp))
            .unwrap_err();
        assert_eq!(
            e.to_string(),
            "forced_open: 2 sites forced open exceed p (1)"
        );
    }
}

#[test]
fn build_gives_the_elloumi_program_between_the_bounds() {
    // One client per site on a line 0, 1, 2, 6, 7, 10; p = 2. Trivial bound 0, the
    // greedy plan has radius 3: candidate radii 1, 2, 3 get indicators.
    let pos = [0.0, 1.0, 2.0, 6.0, 7.0, 10.0];
    let rows: Vec<Vec<f64>> = pos
        .iter()
        .map(|a: &f64| pos.iter().map(|b| (a - b).abs()).collect())
        .collect();
    let c = CostMatrix::from_rows(&rows).unwrap();
    let lp = PCenter::new(&c, 2).build().unwrap();
    assert_eq!(lp.column_count(), 6 + 3);
    let lp = PCenter::new(&c, 2)
        .formulation(PCenterFormulation::Textbook)
        .build()
        .unwrap();
    assert_eq!(lp.column_count(), 6 + 1 + 36);
}

#[test]
fn time_limit_zero_returns_the_first_plan_with_an_honest_bound() {
    let mut rng = Rng(7);
    let data: Vec<f64> = (0..30 * 30).map(|_| 1.0 + rng.below(100) as f64).collect();
    let c = CostMatrix::new(30, 30, data).unwrap();
    let o = SolveOptions::new(Backend::Microlp).time_limit(0.0);
    let s = PCenter::new(&c, 3).solve(&o).unwrap();
    let exact = PCenter::new(&c, 3)
        .solve(&SolveOptions::new(Backend::Microlp).time_limit(60.0))
        .unwrap();
    assert_eq!(exact.status, Status::Optimal);
    assert!(s.bound.unwrap() <= exact.objective && exact.objective <= s.objective);
    if s.status == Status::Optimal {
        assert_eq!(s.objective, exact.objective);
    } else {
        assert_eq!(s.status, Status::TimeLimit);
    }
}

/// Points at 0, 0.1, 0.2, 0.6, 0.7, 1.0 on a line, each a client and a site: with
/// p = 2 the optimum is 0.3 (centres at 0.1 and 0.7), and the trivial bound is 0.
fn small_line() -> CostMatrix {
    let pos = [0.0, 0.1, 0.2, 0.6, 0.7, 1.0];
    let rows: Vec<Vec<f64>> = pos
        .iter()
        .map(|a: &f64| pos.iter().map(|b| (a - b).abs()).collect())
        .collect();
    CostMatrix::from_rows(&rows).unwrap()
}

#[test]
fn the_gap_is_that_of_every_model_for_radii_below_one() {
    // docs/status.md: gap = (objective - bound) / max(|objective|, 1). The search used
    // its own (objective - bound) / objective, 1 here against the trivial bound 0, so
    // it went on to the optimum; by the common gap the first plan is already within
    // the 0.99 asked for: gap_limit, bound 0, gap = the plan's radius.
    let c = small_line();
    let o = SolveOptions::new(Backend::Microlp).mip_gap(0.99);
    let s = PCenter::new(&c, 2).solve(&o).unwrap();
    assert_eq!(s.status, Status::GapLimit);
    assert_eq!(s.bound, Some(0.0));
    assert!(s.objective >= 0.3 - 1e-12 && s.objective < 0.99);
    assert_eq!(s.gap, Some(s.objective));
    // Without a gap asked: the proven optimum.
    let exact = PCenter::new(&c, 2)
        .solve(&SolveOptions::new(Backend::Microlp))
        .unwrap();
    assert_eq!((exact.status, exact.gap), (Status::Optimal, Some(0.0)));
    assert!((exact.objective - 0.3).abs() < 1e-12);
}

#[test]
fn a_backend_bound_above_the_plan_is_an_error_not_clipped() {
    // The MIP formulations took the backend's bound, rounded up to a candidate radius,
    // and clipped it to the plan's radius (`bound.min(radius)`): a wrong bound read as
    // a proof (`optimal`). Now it is an error naming the bound.
    let c = small_line();
    let model = PCenter::new(&c, 2);
    let radii = super::Radii::new(&c, None);
    let o = SolveOptions::new(Backend::Microlp);
    // Centres at 0.1 and 0.7: radius 0.3 (up to rounding of the differences).
    let radius = radii.radius_of(&[1, 4]);
    let e = model
        .judged_plan(&radii, vec![1, 4], Some(0.55), false, &o)
        .unwrap_err()
        .to_string();
    assert!(e.contains("p-center") && e.contains("lies above"), "{e}");
    // A bound between two candidates proves the next one: 0.25 -> the plan's 0.3.
    let s = model
        .judged_plan(&radii, vec![1, 4], Some(0.25), false, &o)
        .unwrap();
    assert_eq!(
        (s.status, s.bound, s.gap),
        (Status::Optimal, Some(radius), Some(0.0))
    );
    // A weaker bound at a time limit: time_limit with the common gap.
    let s = model
        .judged_plan(&radii, vec![0, 3], Some(0.15), true, &o)
        .unwrap();
    let at = radii.values[radii.index_of(0.15 - 1e-9)];
    assert!((at - 0.2).abs() < 1e-12);
    assert_eq!((s.status, s.bound), (Status::TimeLimit, Some(at)));
    assert!((s.objective - 0.4).abs() < 1e-12);
    assert!((s.gap.unwrap() - (s.objective - at)).abs() < 1e-15);
}
