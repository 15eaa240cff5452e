//! A 3-player cost game solved by hand, through `Game::from_values`.
//!
//! Players A = 0, B = 1, C = 2. Costs: v(A) = 4, v(B) = v(C) = 10, v(AB) = v(AC) = 12,
//! v(BC) = 15, v(ABC) = 18 (savings 24 - 18 = 6).
//!
//! Shapley, by the 6 orders (a player's marginal cost when it joins):
//! * A: first 4 (twice), after B 12-10 = 2, after C 2, last 18-15 = 3 (twice):
//!   (8 + 2 + 2 + 6) / 6 = 3.
//! * B: first 10 (twice), after A 12-4 = 8, after C 15-10 = 5, last 18-12 = 6 (twice):
//!   (20 + 8 + 5 + 12) / 6 = 7.5; C the same by symmetry. 3 + 7.5 + 7.5 = 18.
//!
//! Nucleolus, with excesses e(S) = v(S) - x(S) and x(N) = 18: singles 4 - xA,
//! 10 - xB, 10 - xC; pairs e(BC) = 15 - (18 - xA) = xA - 3, e(AC) = xB - 6,
//! e(AB) = xC - 6.
//! * Round 1, max t: A needs xA - 3 >= t and 4 - xA >= t, so t <= 0.5 (at xA = 3.5);
//!   B and C allow more (xB, xC >= 6 + t with xB + xC = 14.5 - ... holds for t <= 1.25).
//!   t1 = 0.5: {A} and {B, C} are fixed (xA = 3.5); least-core epsilon = -0.5.
//! * Round 2, xB + xC = 14.5: max t with xB - 6 >= t, xC - 6 >= t, 10 - xB >= t,
//!   10 - xC >= t: 12 + 2t <= 14.5, t2 = 1.25 at xB = xC = 7.25.
//!
//! Nucleolus (3.5, 7.25, 7.25), levels (0.5, 1.25). Both are in the core (the Shapley
//! value on its boundary: x(BC) = 15 = v(BC)).

use yilian::game::{Coalition, Game};
use yilian::{Backend, SolveOptions};

fn game() -> Game {
    // Index = bitmask: (), A, B, AB, C, AC, BC, ABC.
    Game::from_values(3, vec![0.0, 4.0, 10.0, 12.0, 10.0, 12.0, 15.0, 18.0]).unwrap()
}

fn close(a: &[f64], b: &[f64], tol: f64) -> bool {
    a.len() == b.len() && a.iter().zip(b).all(|(x, y)| (x - y).abs() <= tol)
}

#[test]
fn shapley_by_hand() {
    let phi = game().shapley();
    assert!(close(&phi, &[3.0, 7.5, 7.5], 1e-12), "{phi:?}");
    assert!(game().in_core(&phi));
    // On the boundary: B and C together pay exactly their own cost.
    let c = game().core_check(&phi).unwrap();
    assert_eq!(c.worst.unwrap().0, Coalition::from_players([1, 2]));
    assert!(c.worst.unwrap().1.abs() < 1e-12);
}

#[test]
fn nucleolus_by_hand_on_every_lp_backend() {
    let mut backends = vec![Backend::Microlp];
    if Backend::Highs.is_available() {
        backends.push(Backend::Highs);
    }
    if Backend::Clarabel.is_available() {
        backends.push(Backend::Clarabel);
    }
    for b in backends {
        // HiGHS gives duals (tight rows fixed by them), microlp none (probed by LPs).
        let nu = game().nucleolus(&SolveOptions::new(b)).unwrap();
        let tol = if b == Backend::Clarabel { 1e-5 } else { 1e-7 };
        assert!(
            close(&nu.allocation, &[3.5, 7.25, 7.25], tol),
            "{b}: {nu:?}"
        );
        assert!(close(&nu.levels, &[0.5, 1.25], tol), "{b}: {nu:?}");
        assert!((nu.epsilon + 0.5).abs() < tol, "{b}");
        // In the core, with room: every coalition pays at least 0.5 below its own cost
        // (round 1's level), so the largest overpayment x(S) - v(S) is -0.5, to the
        // backend's accuracy; and the shares add up to v(N).
        let c = game().core_check(&nu.allocation).unwrap();
        assert!(c.efficiency_gap.abs() <= tol, "{b}: {c:?}");
        let (_, over) = c.worst.unwrap();
        assert!((over + 0.5).abs() <= tol, "{b}: {c:?}");
        if b != Backend::Clarabel {
            assert!(game().in_core(&nu.allocation), "{b}");
        }
    }
}

#[test]
fn least_core_by_hand() {
    let lc = game().least_core(&SolveOptions::default()).unwrap();
    assert!((lc.epsilon + 0.5).abs() < 1e-7);
    // Every point of the least core has xA = 3.5 and keeps every excess >= 0.5.
    assert!((lc.allocation[0] - 3.5).abs() < 1e-7, "{lc:?}");
    let g = game();
    for s in Coalition::all(3).skip(1).take(6) {
        let xs: f64 = s.players().map(|i| lc.allocation[i]).sum();
        assert!(g.value(s) - xs >= 0.5 - 1e-7, "{s}: {lc:?}");
    }
}

#[test]
fn proportional_baselines() {
    let g = game();
    // By stand-alone cost 4 : 10 : 10 of 18.
    let x = g.proportional_to_stand_alone().unwrap();
    assert!(close(&x, &[3.0, 7.5, 7.5], 1e-12));
    // By population 1 : 1 : 1: A pays 6 > 4 alone, so it is not in the core.
    let y = g.proportional(&[1.0, 1.0, 1.0]).unwrap();
    let c = g.core_check(&y).unwrap();
    assert!(!c.in_core);
    assert_eq!(c.worst, Some((Coalition::single(0), 2.0)));
}

#[test]
fn bad_values_name_the_coalition() {
    let e = Game::from_values(3, vec![0.0; 7]).unwrap_err().to_string();
    assert!(e.starts_with("values: has 7 entries"), "{e}");
    let mut v = vec![0.0; 8];
    v[6] = f64::INFINITY;
    let e = Game::from_values(3, v).unwrap_err().to_string();
    assert_eq!(e, "values[(1, 2)]: inf is not a finite number");
    let e = Game::from_values(21, vec![]).unwrap_err().to_string();
    assert!(e.starts_with("players: 21 must be between 1 and 20"), "{e}");
    let e = game().core_check(&[1.0, 2.0]).unwrap_err().to_string();
    assert!(e.starts_with("allocation: has 2 entries"), "{e}");
}
