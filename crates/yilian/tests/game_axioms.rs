//! Axioms of the allocation rules on games with known structure.

use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;
use yilian::game::{Coalition, Game};
use yilian::{Backend, SolveOptions};

/// A concave (submodular) cost game: a fixed cost per coalition plus the square root of
/// its members' demand. Concave cost games have a non-empty core holding the Shapley
/// value.
fn concave(weights: &[f64]) -> Game {
    Game::from_fn(weights.len(), |s| {
        if s.is_empty() {
            0.0
        } else {
            10.0 + s.players().map(|i| weights[i]).sum::<f64>().sqrt() * 7.0
        }
    })
    .unwrap()
}

/// A game with random values (rounded costs of random size), core possibly empty.
fn random_game(n: usize, seed: u64) -> Game {
    let mut rng = ChaCha8Rng::seed_from_u64(seed);
    let w: Vec<f64> = (0..n).map(|_| rng.gen_range(1.0..20.0)).collect();
    Game::from_fn(n, |s| {
        if s.is_empty() {
            return 0.0;
        }
        let total: f64 = s.players().map(|i| w[i]).sum();
        total.powf(0.8) * rng.gen_range(0.9..1.1) * 1000.0
    })
    .unwrap()
}

fn relative(a: f64, b: f64) -> f64 {
    (a - b).abs() / b.abs().max(1.0)
}

#[test]
fn efficiency() {
    for seed in 0..5 {
        let g = random_game(8, seed);
        let total = g.value(g.grand());
        let phi: f64 = g.shapley().iter().sum();
        assert!(relative(phi, total) < 1e-9, "shapley {phi} vs {total}");
        let nu = g.nucleolus(&SolveOptions::default()).unwrap();
        let sum: f64 = nu.allocation.iter().sum();
        assert!(relative(sum, total) < 1e-9, "nucleolus {sum} vs {total}");
        let lc = g.least_core(&SolveOptions::default()).unwrap();
        let sum: f64 = lc.allocation.iter().sum();
        assert!(relative(sum, total) < 1e-9, "least core {sum} vs {total}");
    }
}

#[test]
fn symmetric_players_get_equal_shares() {
    // Players 1 and 3 have the same weight: swapping them changes no value.
    let g = concave(&[3.0, 5.0, 8.0, 5.0, 13.0]);
    let phi = g.shapley();
    assert!((phi[1] - phi[3]).abs() < 1e-12, "{phi:?}");
    let nu = g.nucleolus(&SolveOptions::default()).unwrap();
    assert!((nu.allocation[1] - nu.allocation[3]).abs() < 1e-7, "{nu:?}");
    assert!((nu.allocation[0] - nu.allocation[2]).abs() > 1e-3);
}

#[test]
fn null_player_pays_its_stand_alone_cost() {
    // Player 3 adds exactly 42 to every coalition (it shares nothing with anyone).
    let base = concave(&[3.0, 5.0, 8.0]);
    let g = Game::from_fn(4, |s| {
        base.value(s.without(3)) + if s.contains(3) { 42.0 } else { 0.0 }
    })
    .unwrap();
    assert!((g.shapley()[3] - 42.0).abs() < 1e-12);
    let nu = g.nucleolus(&SolveOptions::default()).unwrap();
    assert!((nu.allocation[3] - 42.0).abs() < 1e-6, "{nu:?}");
    // And the others share as in the game without it.
    let nu3 = base.nucleolus(&SolveOptions::default()).unwrap();
    for i in 0..3 {
        assert!((nu.allocation[i] - nu3.allocation[i]).abs() < 1e-6);
        assert!((g.shapley()[i] - base.shapley()[i]).abs() < 1e-9);
    }
}

#[test]
fn nucleolus_is_in_a_non_empty_core() {
    for n in [4, 7, 10] {
        let w: Vec<f64> = (0..n).map(|i| 2.0 + (i * i % 7) as f64).collect();
        let g = concave(&w);
        let nu = g.nucleolus(&SolveOptions::default()).unwrap();
        assert!(nu.epsilon <= 0.0, "{n}: {nu:?}");
        assert!(
            g.in_core(&nu.allocation),
            "{n}: {:?}",
            g.core_check(&nu.allocation)
        );
        // Concave cost games: the Shapley value is in the core too.
        assert!(g.in_core(&g.shapley()), "{n}");
    }
}

#[test]
fn empty_core_is_reported_with_its_epsilon() {
    // Any two of three share a cost of 10, all three pay 18: x(S) <= v(S) needs each
    // pair to pay at most 10, so x(N) <= 15 < 18. Least core: pairs pay 10 + e with
    // 3 (10 + e) >= 2 * 18, e = 2; each pays 6.
    let g = Game::from_fn(3, |s| [0.0, 10.0, 10.0, 18.0][s.len()]).unwrap();
    let lc = g.least_core(&SolveOptions::default()).unwrap();
    assert!((lc.epsilon - 2.0).abs() < 1e-7, "{lc:?}");
    let nu = g.nucleolus(&SolveOptions::default()).unwrap();
    assert!(nu.allocation.iter().all(|x| (x - 6.0).abs() < 1e-7));
    let c = g.core_check(&nu.allocation).unwrap();
    assert!(!c.in_core);
    assert!((c.worst.unwrap().1 - 2.0).abs() < 1e-7);
    assert!(!g.in_core(&g.shapley()));
}

#[test]
fn row_generation_gives_the_nucleolus_of_all_rows() {
    for seed in [3, 11] {
        let g = random_game(9, seed);
        let o = SolveOptions::default();
        let full = g.nucleolus(&o).unwrap();
        let generated = g.nucleolus_by_generation(&o).unwrap();
        for (a, b) in full.allocation.iter().zip(&generated.allocation) {
            assert!(relative(*a, *b) < 1e-6, "{full:?} vs {generated:?}");
        }
        assert!(relative(full.epsilon, generated.epsilon) < 1e-6);
    }
}

#[test]
fn microlp_probes_give_the_nucleolus_highs_gives() {
    if !Backend::Highs.is_available() {
        return;
    }
    let g = random_game(6, 5);
    let a = g.nucleolus(&SolveOptions::new(Backend::Highs)).unwrap();
    let b = g.nucleolus(&SolveOptions::new(Backend::Microlp)).unwrap();
    for (x, y) in a.allocation.iter().zip(&b.allocation) {
        assert!(relative(*x, *y) < 1e-6, "{a:?} vs {b:?}");
    }
}

#[test]
fn nucleolus_beyond_twelve_players_by_generation() {
    // 14 players (16,384 coalitions), a concave game: in the core, symmetric where the
    // weights are.
    let w: Vec<f64> = (0..14).map(|i| [2.0, 3.0, 5.0][i % 3]).collect();
    let g = concave(&w);
    let nu = g.nucleolus(&SolveOptions::default()).unwrap();
    assert!(g.in_core(&nu.allocation));
    assert!((nu.allocation[0] - nu.allocation[3]).abs() < 1e-6);
    assert!((nu.allocation[1] - nu.allocation[13]).abs() < 1e-6);
}

#[test]
fn sampled_shapley_on_ten_players_within_three_standard_errors() {
    let g = random_game(10, 9);
    let exact = g.shapley();
    let est = g.sampled_shapley(2000, 42).unwrap();
    assert_eq!(est.samples, 2000);
    let total: f64 = est.values.iter().sum();
    assert!(relative(total, g.value(g.grand())) < 1e-9);
    for (i, x) in exact.iter().enumerate() {
        let se = est.standard_errors[i];
        assert!(se > 0.0);
        assert!(
            (est.values[i] - x).abs() <= 3.0 * se,
            "player {i}: {} vs {x} (se {se})",
            est.values[i],
        );
    }
    // The same seed, the same estimate; another seed, another one.
    assert_eq!(g.sampled_shapley(2000, 42).unwrap(), est);
    assert_ne!(g.sampled_shapley(2000, 43).unwrap().values, est.values);
    // Standard errors shrink as 1 / sqrt(samples).
    let small = g.sampled_shapley(500, 42).unwrap();
    let ratio = small.standard_errors[0] / est.standard_errors[0];
    assert!((1.5..2.6).contains(&ratio), "{ratio}");
}

#[test]
fn coalition_bits() {
    let s = Coalition::from_players([1, 4]);
    assert_eq!(s.players().collect::<Vec<_>>(), vec![1, 4]);
    assert_eq!(s.without(4), Coalition::single(1));
    assert_eq!(Coalition::grand(3).bits(), 7);
    assert_eq!(Coalition::all(3).count(), 8);
}
