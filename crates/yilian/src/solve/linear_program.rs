//! A solver-neutral sparse linear program.
//!
//! Models write their rows here once (only travel-feasible pairs get columns);
//! the chosen backend then receives it. Keeping our own sparse form gives model
//! sizes for reports, cheap building, and one place to translate to solvers.

/// Direction of the objective.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Sense {
    /// Minimise the objective.
    Minimise,
    /// Maximise the objective.
    Maximise,
}

/// Comparison of a row with its right-hand side.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Cmp {
    /// `row <= rhs`
    Le,
    /// `row >= rhs`
    Ge,
    /// `row == rhs`
    Eq,
}

/// One column (variable).
#[derive(Debug, Clone, PartialEq)]
pub struct Column {
    /// Lower bound (may be `-inf`).
    pub lower: f64,
    /// Upper bound (may be `inf`).
    pub upper: f64,
    /// Objective coefficient.
    pub cost: f64,
    /// Whether the variable must take an integer value.
    pub integer: bool,
}

/// One row (constraint), stored sparse.
#[derive(Debug, Clone, PartialEq)]
pub struct Row {
    /// (column, coefficient) pairs.
    pub terms: Vec<(usize, f64)>,
    /// Comparison.
    pub cmp: Cmp,
    /// Right-hand side.
    pub rhs: f64,
}

/// A linear or mixed-integer program in sparse form.
///
/// ```
/// use yilian::solve::{Cmp, LinearProgram, Sense};
/// let mut lp = LinearProgram::new(Sense::Maximise);
/// let x = lp.add_column(0.0, f64::INFINITY, 1.0, false);
/// let y = lp.add_column(0.0, f64::INFINITY, 2.0, false);
/// lp.add_row(vec![(x, 1.0), (y, 1.0)], Cmp::Le, 4.0);
/// assert_eq!((lp.column_count(), lp.row_count(), lp.nonzero_count()), (2, 1, 2));
/// ```
#[derive(Debug, Clone, PartialEq)]
pub struct LinearProgram {
    /// Objective direction.
    pub sense: Sense,
    /// Constant added to the objective.
    pub offset: f64,
    /// Columns.
    pub columns: Vec<Column>,
    /// Rows.
    pub rows: Vec<Row>,
    /// Names of columns and rows, recorded only when the program is built inside
    /// [`super::named`] (for writing it to a file); `None` otherwise.
    pub names: Option<super::Names>,
}

impl LinearProgram {
    /// An empty program (recording names inside [`super::named`]).
    pub fn new(sense: Sense) -> Self {
        Self {
            sense,
            offset: 0.0,
            columns: Vec::new(),
            rows: Vec::new(),
            names: super::export::naming().then(super::Names::default),
        }
    }

    /// Adds a column and returns its index.
    pub fn add_column(&mut self, lower: f64, upper: f64, cost: f64, integer: bool) -> usize {
        self.columns.push(Column {
            lower,
            upper,
            cost,
            integer,
        });
        self.columns.len() - 1
    }

    /// Adds a row and returns its index.
    pub fn add_row(&mut self, terms: Vec<(usize, f64)>, cmp: Cmp, rhs: f64) -> usize {
        self.rows.push(Row { terms, cmp, rhs });
        self.rows.len() - 1
    }

    /// Number of columns.
    pub fn column_count(&self) -> usize {
        self.columns.len()
    }

    /// Number of rows.
    pub fn row_count(&self) -> usize {
        self.rows.len()
    }

    /// Number of non-zero coefficients in the rows.
    pub fn nonzero_count(&self) -> usize {
        self.rows.iter().map(|r| r.terms.len()).sum()
    }

    /// Whether any column is integer.
    pub fn has_integers(&self) -> bool {
        self.columns.iter().any(|c| c.integer)
    }

    /// Objective value of `x` (including the offset).
    pub fn objective_of(&self, x: &[f64]) -> f64 {
        self.offset
            + self
                .columns
                .iter()
                .zip(x)
                .map(|(c, v)| c.cost * v)
                .sum::<f64>()
    }

    /// The largest amount by which `x` breaks a row or a column bound, relative to the
    /// largest of 1, `|rhs|` and the row's terms `|a x|` (0 when every row and bound
    /// holds; a missing or NaN value breaks it without limit).
    ///
    /// ```
    /// use yilian::solve::{Cmp, LinearProgram, Sense};
    /// let mut lp = LinearProgram::new(Sense::Minimise);
    /// let x = lp.add_column(0.0, 10.0, 1.0, false);
    /// lp.add_row(vec![(x, 1.0)], Cmp::Ge, 4.0);
    /// assert_eq!(lp.worst_violation(&[5.0]), 0.0);
    /// assert_eq!(lp.worst_violation(&[2.0]), 0.5);
    /// ```
    pub fn worst_violation(&self, x: &[f64]) -> f64 {
        let mut worst: f64 = 0.0;
        for (c, col) in self.columns.iter().enumerate() {
            let v = x.get(c).copied().unwrap_or(f64::NAN);
            let by = (col.lower - v).max(v - col.upper).max(0.0);
            worst = worst.max(if v.is_nan() {
                f64::INFINITY
            } else {
                by / v.abs().max(1.0)
            });
        }
        for r in &self.rows {
            let (mut lhs, mut largest) = (0.0, r.rhs.abs().max(1.0));
            for &(c, a) in &r.terms {
                let term = a * x.get(c).copied().unwrap_or(f64::NAN);
                lhs += term;
                largest = largest.max(term.abs());
            }
            let by = match r.cmp {
                Cmp::Le => lhs - r.rhs,
                Cmp::Ge => r.rhs - lhs,
                Cmp::Eq => (lhs - r.rhs).abs(),
            };
            let by = if by.is_nan() {
                f64::INFINITY
            } else {
                by.max(0.0)
            };
            worst = worst.max(by / largest);
        }
        worst
    }
}
