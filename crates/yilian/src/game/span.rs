//! The linear span of coalitions' incidence vectors (for the nucleolus's fixed rows).

use super::Coalition;

/// Tolerance of the elimination on 0/1 incidence vectors.
const TOL: f64 = 1e-9;

/// A basis of incidence vectors of coalitions, kept in echelon form.
#[derive(Debug, Clone)]
pub(crate) struct Span {
    players: usize,
    /// Reduced rows and their pivot column.
    rows: Vec<(Vec<f64>, usize)>,
    /// The coalitions of the basis, in the order added.
    pub members: Vec<Coalition>,
}

impl Span {
    pub fn new(players: usize) -> Self {
        Self {
            players,
            rows: Vec::new(),
            members: Vec::new(),
        }
    }

    /// Dimension of the span.
    pub fn rank(&self) -> usize {
        self.rows.len()
    }

    fn reduce(&self, s: Coalition) -> Vec<f64> {
        let mut v: Vec<f64> = (0..self.players)
            .map(|i| if s.contains(i) { 1.0 } else { 0.0 })
            .collect();
        for (row, pivot) in &self.rows {
            let f = v[*pivot];
            if f.abs() > TOL {
                for (a, b) in v.iter_mut().zip(row) {
                    *a -= f * b;
                }
            }
        }
        v
    }

    /// Whether the incidence vector of `s` is a combination of the basis.
    pub fn contains(&self, s: Coalition) -> bool {
        self.reduce(s).iter().all(|a| a.abs() <= TOL)
    }

    /// Adds `s` when independent of the basis; returns whether it was added.
    pub fn add(&mut self, s: Coalition) -> bool {
        let mut v = self.reduce(s);
        let Some(pivot) = (0..self.players).max_by(|&a, &b| v[a].abs().total_cmp(&v[b].abs()))
        else {
            return false;
        };
        let p = v[pivot];
        if p.abs() <= TOL {
            return false;
        }
        v.iter_mut().for_each(|a| *a /= p);
        // Keep the rows reduced against the new pivot.
        for (row, _) in &mut self.rows {
            let f = row[pivot];
            if f.abs() > TOL {
                for (a, b) in row.iter_mut().zip(&v) {
                    *a -= f * b;
                }
            }
        }
        self.rows.push((v, pivot));
        self.members.push(s);
        true
    }
}

/// Solves the square system `sum_{i in S_k} x_i = b_k` (one row per coalition) by
/// Gaussian elimination with partial pivoting; `None` when singular.
pub(crate) fn solve_incidence(players: usize, rows: &[(Coalition, f64)]) -> Option<Vec<f64>> {
    let n = players;
    if rows.len() != n {
        return None;
    }
    let mut a: Vec<Vec<f64>> = rows
        .iter()
        .map(|&(s, b)| {
            let mut r: Vec<f64> = (0..n)
                .map(|i| if s.contains(i) { 1.0 } else { 0.0 })
                .collect();
            r.push(b);
            r
        })
        .collect();
    for col in 0..n {
        let pivot = (col..n).max_by(|&p, &q| a[p][col].abs().total_cmp(&a[q][col].abs()))?;
        if a[pivot][col].abs() <= TOL {
            return None;
        }
        a.swap(col, pivot);
        let pivot_row = a[col].clone();
        for (r, row) in a.iter_mut().enumerate() {
            if r != col {
                let f = row[col] / pivot_row[col];
                if f != 0.0 {
                    for (x, p) in row.iter_mut().zip(&pivot_row).skip(col) {
                        *x -= f * p;
                    }
                }
            }
        }
    }
    Some((0..n).map(|i| a[i][n] / a[i][i]).collect())
}
