//! Writing a [`LinearProgram`] as an MPS or LP file for other solvers (Gurobi, CPLEX,
//! SCIP, HiGHS).
//!
//! The program is written from yilian's own sparse form (the rows and columns every
//! backend receives), not through a backend: good_lp writes no model files, and this
//! way every build can export, with or without HiGHS. Names come from
//! [`LinearProgram::names`] when the model recorded them (built inside [`named`]):
//! in MPS as they are but for blanks and control characters (see [`mps_name`]), in LP
//! restricted to the characters that format allows (see [`safe_name`]); unnamed
//! columns and rows are `x<k>` and `r<k>`.
//!
//! MPS is written in free format with an `OBJSENSE` section and explicit bounds on
//! every column (so that no reader's default bound for integer columns applies); the
//! objective's constant is the negated right-hand side of the objective row, as MPS
//! readers expect. LP is the CPLEX LP format, with the constant in the objective.

use super::{Cmp, LinearProgram, Sense};
use crate::error::{Error, Result};
use std::cell::Cell;
use std::collections::HashSet;
use std::fmt::Write;
use std::path::Path;

/// The names of a program's columns and rows (empty strings where none was given).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Names {
    /// One name per column (may be shorter than the columns: the rest are unnamed).
    pub columns: Vec<String>,
    /// One name per row (may be shorter than the rows).
    pub rows: Vec<String>,
}

/// A file format for a written program.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ModelFormat {
    /// Free-format MPS.
    Mps,
    /// CPLEX LP.
    Lp,
}

impl ModelFormat {
    /// The format a path's suffix names: `.mps` or `.lp` (any case); another suffix is
    /// an [`Error::InvalidOption`] naming `path`.
    ///
    /// ```
    /// use yilian::solve::ModelFormat;
    /// assert_eq!(ModelFormat::from_path("m.MPS".as_ref()).unwrap(), ModelFormat::Mps);
    /// assert!(ModelFormat::from_path("m.txt".as_ref()).is_err());
    /// ```
    pub fn from_path(path: &Path) -> Result<Self> {
        match path
            .extension()
            .and_then(|e| e.to_str())
            .map(str::to_ascii_lowercase)
            .as_deref()
        {
            Some("mps") => Ok(Self::Mps),
            Some("lp") => Ok(Self::Lp),
            _ => Err(Error::InvalidOption {
                field: "path".into(),
                message: format!(
                    "\"{}\" does not end in .mps or .lp (the suffix picks the format)",
                    path.display()
                ),
            }),
        }
    }
}

thread_local! {
    static NAMING: Cell<bool> = const { Cell::new(false) };
}

/// Runs `f` with naming on: every [`LinearProgram::new`] inside it (on this thread)
/// records the names its model gives its columns and rows. Models build without names
/// otherwise, so that solving pays nothing for them.
///
/// ```
/// use yilian::solve::{named, LinearProgram, Sense};
/// let lp = named(|| {
///     let mut lp = LinearProgram::new(Sense::Minimise);
///     let x = lp.add_column(0.0, 1.0, 1.0, false);
///     lp.name_column(x, || "open(A)".into());
///     lp
/// });
/// assert_eq!(lp.names.unwrap().columns, ["open(A)"]);
/// ```
pub fn named<T>(f: impl FnOnce() -> T) -> T {
    struct Reset(bool);
    impl Drop for Reset {
        fn drop(&mut self) {
            NAMING.with(|n| n.set(self.0));
        }
    }
    let _reset = Reset(NAMING.with(|n| n.replace(true)));
    f()
}

/// Whether [`named`] is in force on this thread.
pub(crate) fn naming() -> bool {
    NAMING.with(Cell::get)
}

/// `name` made safe for MPS and LP files alike: characters other than ASCII letters,
/// digits and `_ ( ) , . ! # $ % & / ; ? @ { } | ~ '` become `_`, and a name that
/// starts with a digit, a period or `e`/`E` (LP reads those as numbers) or is empty gets
/// a leading `_`. At most 255 characters (LP's limit).
///
/// ```
/// use yilian::solve::safe_name;
/// assert_eq!(safe_name("days(H-card,B 2)"), "days(H_card,B_2)");
/// assert_eq!(safe_name("2026-03-02"), "_2026_03_02");
/// ```
pub fn safe_name(name: &str) -> String {
    let mut out: String = name
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || "_(),.!#$%&/;?@{}|~'".contains(c) {
                c
            } else {
                '_'
            }
        })
        .collect();
    if out
        .chars()
        .next()
        .is_none_or(|c| c.is_ascii_digit() || matches!(c, '.' | 'e' | 'E'))
    {
        out.insert(0, '_');
    }
    if out.len() > 255 {
        out.truncate(255);
    }
    out
}

/// `name` as an MPS name: blanks and control characters (which end a field) become
/// `_`, and an empty name is `_`; at most 255 bytes. Ids such as `H-card` or dates
/// stay as they are.
///
/// ```
/// use yilian::solve::mps_name;
/// assert_eq!(mps_name("days(H-card,B 2)"), "days(H-card,B_2)");
/// ```
pub fn mps_name(name: &str) -> String {
    let mut out: String = name
        .chars()
        .map(|c| {
            if c.is_whitespace() || c.is_control() {
                '_'
            } else {
                c
            }
        })
        .collect();
    if out.is_empty() {
        out.push('_');
    }
    while out.len() > 255 {
        out.pop();
    }
    out
}

impl LinearProgram {
    /// Names column `k` with `name()` when names are recorded (inside [`named`]);
    /// otherwise `name` is not called.
    pub fn name_column(&mut self, k: usize, name: impl FnOnce() -> String) {
        if let Some(n) = &mut self.names {
            if n.columns.len() <= k {
                n.columns.resize(k + 1, String::new());
            }
            n.columns[k] = name();
        }
    }

    /// Names row `r` with `name()` when names are recorded (inside [`named`]).
    pub fn name_row(&mut self, r: usize, name: impl FnOnce() -> String) {
        if let Some(n) = &mut self.names {
            if n.rows.len() <= r {
                n.rows.resize(r + 1, String::new());
            }
            n.rows[r] = name();
        }
    }

    /// Names the last row added (see [`LinearProgram::name_row`]).
    pub fn name_last_row(&mut self, name: impl FnOnce() -> String) {
        if let Some(r) = self.rows.len().checked_sub(1) {
            self.name_row(r, name);
        }
    }

    /// The names written to a file of `format`: the recorded names made safe for it
    /// ([`mps_name`], [`safe_name`]) and unique (a repeated name gets `_2`, `_3`,
    /// ...), `x<k>` and `r<k>` where none was given. The objective row is `obj`.
    pub fn file_names(&self, format: ModelFormat) -> (Vec<String>, Vec<String>) {
        let safe = match format {
            ModelFormat::Mps => mps_name,
            ModelFormat::Lp => safe_name,
        };
        let mut taken: HashSet<String> = HashSet::from(["obj".to_string()]);
        let empty = Names::default();
        let given = self.names.as_ref().unwrap_or(&empty);
        let mut pick = |name: Option<&String>, fallback: String| {
            let base = match name.filter(|n| !n.is_empty()) {
                Some(n) => safe(n),
                None => fallback,
            };
            let mut name = base.clone();
            let mut k = 2;
            while !taken.insert(name.clone()) {
                name = format!("{base}_{k}");
                k += 1;
            }
            name
        };
        let columns = (0..self.columns.len())
            .map(|k| pick(given.columns.get(k), format!("x{k}")))
            .collect();
        let rows = (0..self.rows.len())
            .map(|r| pick(given.rows.get(r), format!("r{r}")))
            .collect();
        (columns, rows)
    }

    /// The program as free-format MPS text.
    ///
    /// ```
    /// use yilian::solve::{Cmp, LinearProgram, Sense};
    /// let mut lp = LinearProgram::new(Sense::Maximise);
    /// let x = lp.add_column(0.0, 3.0, 1.0, true);
    /// lp.add_row(vec![(x, 2.0)], Cmp::Le, 5.0);
    /// let mps = lp.to_mps("tiny");
    /// assert!(mps.contains("OBJSENSE\n    MAX\n") && mps.contains(" UP BND x0 3\n"));
    /// ```
    pub fn to_mps(&self, name: &str) -> String {
        let (cols, rows) = self.file_names(ModelFormat::Mps);
        let mut by_column: Vec<Vec<(usize, f64)>> = vec![Vec::new(); self.columns.len()];
        for (r, row) in self.rows.iter().enumerate() {
            for &(c, a) in &row.terms {
                by_column[c].push((r, a));
            }
        }
        let mut out = String::new();
        let _ = writeln!(out, "NAME {}", mps_name(name));
        out.push_str("OBJSENSE\n");
        out.push_str(match self.sense {
            Sense::Minimise => "    MIN\n",
            Sense::Maximise => "    MAX\n",
        });
        out.push_str("ROWS\n N obj\n");
        for (r, row) in self.rows.iter().enumerate() {
            let kind = match row.cmp {
                Cmp::Le => "L",
                Cmp::Ge => "G",
                Cmp::Eq => "E",
            };
            let _ = writeln!(out, " {kind} {}", rows[r]);
        }
        out.push_str("COLUMNS\n");
        let mut in_integers = false;
        for (c, col) in self.columns.iter().enumerate() {
            if col.integer != in_integers {
                let marker = if col.integer { "INTORG" } else { "INTEND" };
                let _ = writeln!(out, " MARKER 'MARKER' '{marker}'");
                in_integers = col.integer;
            }
            // Every column appears once, even without a cost or a row.
            if col.cost != 0.0 || by_column[c].is_empty() {
                let _ = writeln!(out, " {} obj {}", cols[c], num(col.cost));
            }
            for &(r, a) in &by_column[c] {
                let _ = writeln!(out, " {} {} {}", cols[c], rows[r], num(a));
            }
        }
        if in_integers {
            out.push_str(" MARKER 'MARKER' 'INTEND'\n");
        }
        out.push_str("RHS\n");
        if self.offset != 0.0 {
            let _ = writeln!(out, " RHS obj {}", num(-self.offset));
        }
        for (r, row) in self.rows.iter().enumerate() {
            if row.rhs != 0.0 {
                let _ = writeln!(out, " RHS {} {}", rows[r], num(row.rhs));
            }
        }
        out.push_str("BOUNDS\n");
        for (c, col) in self.columns.iter().enumerate() {
            let n = &cols[c];
            if col.lower == col.upper {
                let _ = writeln!(out, " FX BND {n} {}", num(col.lower));
                continue;
            }
            if col.lower == f64::NEG_INFINITY {
                let _ = writeln!(out, " MI BND {n}");
            } else {
                let _ = writeln!(out, " LO BND {n} {}", num(col.lower));
            }
            if col.upper == f64::INFINITY {
                let _ = writeln!(out, " PL BND {n}");
            } else {
                let _ = writeln!(out, " UP BND {n} {}", num(col.upper));
            }
        }
        out.push_str("ENDATA\n");
        out
    }

    /// The program as CPLEX LP text.
    ///
    /// ```
    /// use yilian::solve::{Cmp, LinearProgram, Sense};
    /// let mut lp = LinearProgram::new(Sense::Minimise);
    /// let x = lp.add_column(0.0, f64::INFINITY, 2.0, false);
    /// lp.add_row(vec![(x, 1.0)], Cmp::Ge, 4.0);
    /// let text = lp.to_lp("tiny");
    /// assert!(text.contains("obj: 2 x0\n") && text.contains("r0: x0 >= 4\n"));
    /// ```
    pub fn to_lp(&self, name: &str) -> String {
        let (cols, rows) = self.file_names(ModelFormat::Lp);
        let mut out = String::new();
        let _ = writeln!(out, "\\ {} (written by yilian)", safe_name(name));
        out.push_str(match self.sense {
            Sense::Minimise => "Minimize\n",
            Sense::Maximise => "Maximize\n",
        });
        let objective: Vec<(usize, f64)> = self
            .columns
            .iter()
            .enumerate()
            .filter(|(_, c)| c.cost != 0.0)
            .map(|(k, c)| (k, c.cost))
            .collect();
        out.push_str(" obj:");
        let written = terms(&mut out, &objective, &cols);
        if self.offset != 0.0 {
            let _ = write!(out, " {} {}", sign(self.offset), num(self.offset.abs()));
        } else if !written {
            out.push_str(" 0");
        }
        out.push('\n');
        out.push_str("Subject To\n");
        for (r, row) in self.rows.iter().enumerate() {
            let _ = write!(out, " {}:", rows[r]);
            if !terms(&mut out, &row.terms, &cols) {
                // A row without terms still needs a variable on its left.
                let _ = write!(out, " 0 {}", cols.first().map_or("x0", |c| c.as_str()));
            }
            let cmp = match row.cmp {
                Cmp::Le => "<=",
                Cmp::Ge => ">=",
                Cmp::Eq => "=",
            };
            let _ = writeln!(out, " {cmp} {}", num(row.rhs));
        }
        out.push_str("Bounds\n");
        for (c, col) in self.columns.iter().enumerate() {
            let n = &cols[c];
            match (col.lower, col.upper) {
                (l, u) if l == u => {
                    let _ = writeln!(out, " {n} = {}", num(l));
                }
                (f64::NEG_INFINITY, f64::INFINITY) => {
                    let _ = writeln!(out, " {n} free");
                }
                (l, u) => {
                    let lower = if l == f64::NEG_INFINITY {
                        "-inf".to_string()
                    } else {
                        num(l)
                    };
                    let upper = if u == f64::INFINITY {
                        "+inf".to_string()
                    } else {
                        num(u)
                    };
                    let _ = writeln!(out, " {lower} <= {n} <= {upper}");
                }
            }
        }
        let integers: Vec<&str> = cols
            .iter()
            .zip(&self.columns)
            .filter(|(_, c)| c.integer)
            .map(|(n, _)| n.as_str())
            .collect();
        if !integers.is_empty() {
            out.push_str("General\n");
            for chunk in integers.chunks(8) {
                let _ = writeln!(out, " {}", chunk.join(" "));
            }
        }
        out.push_str("End\n");
        out
    }

    /// Writes the program to `path` in the format its suffix names (`.mps` or `.lp`,
    /// see [`ModelFormat::from_path`]); `name` is the problem's name in the file.
    pub fn write(&self, path: &Path, name: &str) -> Result<()> {
        let text = match ModelFormat::from_path(path)? {
            ModelFormat::Mps => self.to_mps(name),
            ModelFormat::Lp => self.to_lp(name),
        };
        std::fs::write(path, text).map_err(|e| Error::Io {
            path: path.display().to_string(),
            source: e,
        })
    }
}

/// Writes ` + 2 x - y ...` (a long expression wraps); false when `terms` is empty.
fn terms(out: &mut String, terms: &[(usize, f64)], cols: &[String]) -> bool {
    for (i, &(c, a)) in terms.iter().enumerate() {
        if i > 0 && i % 8 == 0 {
            out.push_str("\n   ");
        }
        if i == 0 && a >= 0.0 {
            out.push(' ');
        } else {
            let _ = write!(out, " {} ", sign(a));
        }
        if a.abs() != 1.0 {
            let _ = write!(out, "{} ", num(a.abs()));
        }
        out.push_str(&cols[c]);
    }
    !terms.is_empty()
}

fn sign(a: f64) -> char {
    if a < 0.0 {
        '-'
    } else {
        '+'
    }
}

/// A number as both formats read it: whole numbers without a fraction, others in the
/// shortest form that reads back to the same f64.
fn num(v: f64) -> String {
    if v.fract() == 0.0 && v.abs() < 1e15 {
        format!("{}", v as i64)
    } else {
        format!("{v:?}")
    }
}
