//! The Benders master program kept alive in one HiGHS instance: opening columns `y_j`
//! (`0..sites`), one cost column `theta_i` per weighted client, the row
//! `sum_j y_j = p`, and the cuts added so far (see `benders`).
//!
//! Cuts are appended between solves; HiGHS keeps the last basis, so each LP re-solve
//! is a dual simplex from it. The same instance then becomes the MIP (the free `y`
//! integer) for phase 2.
//!
//! The `highs` crate cannot add a row to a model by column index from outside, so this
//! module calls HiGHS's C API (`highs-sys`) directly; all unsafe code is here.

use std::ffi::{c_void, CString};

/// One Benders cut `theta_i + sum_j a_j y_j >= rhs` (`a_j > 0`).
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Cut {
    /// The client.
    pub(crate) client: usize,
    /// Right-hand side (the radius of the cut).
    pub(crate) rhs: f64,
    /// (site, coefficient) pairs.
    pub(crate) terms: Vec<(u32, f64)>,
}

/// A HiGHS instance holding the master program.
pub(crate) struct Master {
    /// The live HiGHS instance (created in [`Master::new`], destroyed on drop).
    ptr: *mut c_void,
    /// Number of opening columns.
    sites: usize,
    /// Per client, its `theta` column (`None` for a client of weight 0).
    theta: Vec<Option<usize>>,
    /// Rows (the cardinality row and the cuts).
    rows: usize,
    /// Nonzeros in the rows.
    nonzeros: usize,
    /// Per cut row (from row 1 on), its client and right-hand side.
    cut_rows: Vec<(usize, f64)>,
}

/// A failed call of HiGHS's C API.
pub(crate) type HighsError = String;

fn check(status: highs_sys::HighsInt, call: &str) -> Result<(), HighsError> {
    if status == highs_sys::kHighsStatusOk || status == highs_sys::kHighsStatusWarning {
        Ok(())
    } else {
        Err(format!("highs: {call} returned status {status}"))
    }
}

fn int(v: usize) -> Result<highs_sys::HighsInt, HighsError> {
    highs_sys::HighsInt::try_from(v).map_err(|_| format!("highs: index {v} out of range"))
}

/// What HiGHS reported after a run.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum RunStatus {
    /// Solved to optimality (for a MIP: within its gap tolerances).
    Optimal,
    /// Stopped at the time limit.
    TimeLimit,
    /// No point satisfies the rows and bounds.
    Infeasible,
    /// Any other model status (HiGHS's code).
    Other(i64),
}

impl Master {
    /// The master with `sites` opening columns bounded by `y_bounds`, a `theta` column
    /// of cost `weight[i]` and lower bound `lower[i]` for every client of positive
    /// weight, and the row `sum_j y_j = p`. Quiet unless `log`.
    pub(crate) fn new(
        y_bounds: &[(f64, f64)],
        weight: &[f64],
        lower: &[f64],
        p: usize,
        log: bool,
    ) -> Result<Self, HighsError> {
        // SAFETY: Highs_create has no preconditions; a null pointer is checked below.
        let ptr = unsafe { highs_sys::Highs_create() };
        if ptr.is_null() {
            return Err("highs: Highs_create returned null".into());
        }
        let mut master = Self {
            ptr,
            sites: y_bounds.len(),
            theta: Vec::with_capacity(weight.len()),
            rows: 0,
            nonzeros: 0,
            cut_rows: Vec::new(),
        };
        master.set_bool("output_flag", log)?;
        master.set_bool("log_to_console", log)?;
        let mut cost = vec![0.0; y_bounds.len()];
        let mut lo: Vec<f64> = y_bounds.iter().map(|b| b.0).collect();
        let mut hi: Vec<f64> = y_bounds.iter().map(|b| b.1).collect();
        let mut next = y_bounds.len();
        for (i, &w) in weight.iter().enumerate() {
            if w > 0.0 {
                master.theta.push(Some(next));
                next += 1;
                cost.push(w);
                lo.push(lower[i]);
                hi.push(f64::INFINITY);
            } else {
                master.theta.push(None);
            }
        }
        let n = int(cost.len())?;
        // SAFETY: `ptr` is live; the three arrays have `n` entries; no matrix entries
        // are passed (null starts/indices/values with 0 nonzeros are allowed).
        let status = unsafe {
            highs_sys::Highs_addCols(
                ptr,
                n,
                cost.as_ptr(),
                lo.as_ptr(),
                hi.as_ptr(),
                0,
                std::ptr::null(),
                std::ptr::null(),
                std::ptr::null(),
            )
        };
        check(status, "Highs_addCols")?;
        let index: Vec<highs_sys::HighsInt> =
            (0..y_bounds.len()).map(int).collect::<Result<_, _>>()?;
        let ones = vec![1.0; y_bounds.len()];
        let start = [0 as highs_sys::HighsInt];
        let rhs = [p as f64];
        // SAFETY: `ptr` is live; one row with `index.len()` entries in `index`/`ones`.
        let status = unsafe {
            highs_sys::Highs_addRows(
                ptr,
                1,
                rhs.as_ptr(),
                rhs.as_ptr(),
                int(index.len())?,
                start.as_ptr(),
                index.as_ptr(),
                ones.as_ptr(),
            )
        };
        check(status, "Highs_addRows")?;
        master.rows = 1;
        master.nonzeros = index.len();
        Ok(master)
    }

    fn option_name(key: &str) -> Result<CString, HighsError> {
        CString::new(key).map_err(|_| format!("highs: option name {key:?}"))
    }

    /// Sets a boolean option.
    pub(crate) fn set_bool(&mut self, key: &str, value: bool) -> Result<(), HighsError> {
        let k = Self::option_name(key)?;
        // SAFETY: `ptr` is live and `k` a NUL-terminated string outliving the call.
        let s = unsafe { highs_sys::Highs_setBoolOptionValue(self.ptr, k.as_ptr(), value.into()) };
        check(s, key)
    }

    /// Sets an integer option.
    pub(crate) fn set_int(&mut self, key: &str, value: i32) -> Result<(), HighsError> {
        let k = Self::option_name(key)?;
        // SAFETY: as in `set_bool`.
        let s = unsafe {
            highs_sys::Highs_setIntOptionValue(self.ptr, k.as_ptr(), value as highs_sys::HighsInt)
        };
        check(s, key)
    }

    /// Sets a floating-point option.
    pub(crate) fn set_double(&mut self, key: &str, value: f64) -> Result<(), HighsError> {
        let k = Self::option_name(key)?;
        // SAFETY: as in `set_bool`.
        let s = unsafe { highs_sys::Highs_setDoubleOptionValue(self.ptr, k.as_ptr(), value) };
        check(s, key)
    }

    /// The `theta` column of client `i`.
    pub(crate) fn theta(&self, i: usize) -> Option<usize> {
        self.theta[i]
    }

    /// (columns, rows, nonzeros) of the program now.
    pub(crate) fn size(&self) -> (usize, usize, usize) {
        let cols = self.sites + self.theta.iter().flatten().count();
        (cols, self.rows, self.nonzeros + self.rows - 1)
    }

    /// Appends `cuts` (clients of weight 0 have no `theta` and must have no cut).
    pub(crate) fn add_cuts(&mut self, cuts: &[Cut]) -> Result<(), HighsError> {
        if cuts.is_empty() {
            return Ok(());
        }
        let mut lower = Vec::with_capacity(cuts.len());
        let mut starts = Vec::with_capacity(cuts.len());
        let mut index = Vec::new();
        let mut value = Vec::new();
        for cut in cuts {
            let theta = self.theta[cut.client]
                .ok_or_else(|| format!("highs: a cut for client {} of weight 0", cut.client))?;
            starts.push(int(index.len())?);
            lower.push(cut.rhs);
            index.push(int(theta)?);
            value.push(1.0);
            for &(j, a) in &cut.terms {
                index.push(int(j as usize)?);
                value.push(a);
            }
        }
        let upper = vec![f64::INFINITY; cuts.len()];
        // SAFETY: `ptr` is live; `lower`, `upper`, `starts` have one entry per cut and
        // `index`/`value` the `index.len()` entries the starts point into; every column
        // index is below the number of columns (sites and theta columns).
        let status = unsafe {
            highs_sys::Highs_addRows(
                self.ptr,
                int(cuts.len())?,
                lower.as_ptr(),
                upper.as_ptr(),
                int(index.len())?,
                starts.as_ptr(),
                index.as_ptr(),
                value.as_ptr(),
            )
        };
        check(status, "Highs_addRows")?;
        self.rows += cuts.len();
        self.nonzeros += index.len() - cuts.len();
        self.cut_rows.extend(cuts.iter().map(|c| (c.client, c.rhs)));
        Ok(())
    }

    /// Sets the bounds of column `col`.
    pub(crate) fn set_bounds(&mut self, col: usize, lo: f64, hi: f64) -> Result<(), HighsError> {
        // SAFETY: `ptr` is live; HiGHS rejects an index out of range with an error status.
        let s = unsafe { highs_sys::Highs_changeColBounds(self.ptr, int(col)?, lo, hi) };
        check(s, "Highs_changeColBounds")
    }

    /// Sets the bounds of every opening column (`lo[j]`, `hi[j]` for site `j`).
    pub(crate) fn set_site_bounds(&mut self, lo: &[f64], hi: &[f64]) -> Result<(), HighsError> {
        if lo.len() != self.sites || hi.len() != self.sites {
            return Err(format!(
                "highs: {} and {} site bounds for {} sites",
                lo.len(),
                hi.len(),
                self.sites
            ));
        }
        if self.sites == 0 {
            return Ok(());
        }
        // SAFETY: `ptr` is live; both arrays have one entry per opening column, the
        // columns 0..sites.
        let s = unsafe {
            highs_sys::Highs_changeColsBoundsByRange(
                self.ptr,
                0,
                int(self.sites - 1)?,
                lo.as_ptr(),
                hi.as_ptr(),
            )
        };
        check(s, "Highs_changeColsBoundsByRange")
    }

    /// Makes column `col` integer (or continuous again).
    pub(crate) fn set_integer(&mut self, col: usize, integer: bool) -> Result<(), HighsError> {
        let kind = if integer {
            highs_sys::kHighsVarTypeInteger
        } else {
            highs_sys::kHighsVarTypeContinuous
        };
        // SAFETY: as in `set_bounds`.
        let s = unsafe { highs_sys::Highs_changeColIntegrality(self.ptr, int(col)?, kind) };
        check(s, "Highs_changeColIntegrality")
    }

    /// Solves (LP or MIP, as the columns are) with the `threads` asked for; the option
    /// `time_limit` counts from this call.
    pub(crate) fn run(&mut self, threads: Option<u32>) -> Result<RunStatus, HighsError> {
        if let Some(t) = threads {
            self.set_int("threads", t.min(i32::MAX as u32) as i32)?;
        }
        crate::solve::highs_threads::prepare(threads);
        // HiGHS's run clock accumulates over runs and its time limit is checked against
        // it: without this, a limit of the seconds left would stop a late run early.
        // SAFETY: `ptr` is live.
        check(
            unsafe { highs_sys::Highs_zeroAllClocks(self.ptr) },
            "Highs_zeroAllClocks",
        )?;
        // SAFETY: `ptr` is live.
        let s = unsafe { highs_sys::Highs_run(self.ptr) };
        check(s, "Highs_run")?;
        // SAFETY: `ptr` is live.
        let status = unsafe { highs_sys::Highs_getModelStatus(self.ptr) };
        Ok(match status {
            highs_sys::kHighsModelStatusOptimal => RunStatus::Optimal,
            highs_sys::kHighsModelStatusTimeLimit => RunStatus::TimeLimit,
            highs_sys::kHighsModelStatusInfeasible => RunStatus::Infeasible,
            other => RunStatus::Other(i64::from(other)),
        })
    }

    /// Column values and column duals (reduced costs; zeros after a MIP).
    pub(crate) fn solution(&self) -> (Vec<f64>, Vec<f64>) {
        let cols = self.size().0;
        let mut x = vec![0.0; cols];
        let mut d = vec![0.0; cols];
        let mut rv = vec![0.0; self.rows];
        let mut rd = vec![0.0; self.rows];
        // SAFETY: `ptr` is live; the arrays have one entry per column and per row.
        unsafe {
            highs_sys::Highs_getSolution(
                self.ptr,
                x.as_mut_ptr(),
                d.as_mut_ptr(),
                rv.as_mut_ptr(),
                rd.as_mut_ptr(),
            );
        }
        (x, d)
    }

    /// Lagrangian multipliers (weighted-cost units) from the LP's row duals: for client
    /// `i`, `u_i = sum_k pi_k D_k + (w_i - sum_k pi_k) D_0` over its cuts `k` (dual
    /// `pi_k >= 0`, radius `D_k`) and its nearest distance `D_0`. The cut at `D` is the
    /// Lagrangian piece at `u = D`, concave in `u`, so `L(u)` is at least the LP value.
    pub(crate) fn multipliers(&self, weight: &[f64], nearest: &[f64]) -> Vec<f64> {
        let mut x = vec![0.0; self.size().0];
        let mut d = vec![0.0; self.size().0];
        let mut rv = vec![0.0; self.rows];
        let mut rd = vec![0.0; self.rows];
        // SAFETY: as in `solution`.
        unsafe {
            highs_sys::Highs_getSolution(
                self.ptr,
                x.as_mut_ptr(),
                d.as_mut_ptr(),
                rv.as_mut_ptr(),
                rd.as_mut_ptr(),
            );
        }
        let mut mass = vec![0.0; weight.len()];
        let mut u = vec![0.0; weight.len()];
        for (k, &(i, rhs)) in self.cut_rows.iter().enumerate() {
            let pi = rd[k + 1].max(0.0);
            mass[i] += pi;
            u[i] += pi * rhs;
        }
        (0..weight.len())
            .map(|i| u[i] + (weight[i] - mass[i]).max(0.0) * nearest[i])
            .collect()
    }

    /// Whether the last run left a primal feasible point (the MIP's incumbent).
    pub(crate) fn has_point(&self) -> bool {
        let mut v: highs_sys::HighsInt = 0;
        let k = c"primal_solution_status";
        // SAFETY: `ptr` is live; `k` is NUL-terminated; `v` outlives the call.
        let s = unsafe { highs_sys::Highs_getIntInfoValue(self.ptr, k.as_ptr(), &mut v) };
        s == highs_sys::kHighsStatusOk && v == 2
    }

    /// Objective value of the last run.
    pub(crate) fn objective(&self) -> f64 {
        // SAFETY: `ptr` is live.
        unsafe { highs_sys::Highs_getObjectiveValue(self.ptr) }
    }

    /// The MIP's dual bound after a MIP run (`None` when HiGHS has none).
    pub(crate) fn mip_bound(&self) -> Option<f64> {
        let mut v = f64::NEG_INFINITY;
        let k = c"mip_dual_bound";
        // SAFETY: as in `has_point`.
        let s = unsafe { highs_sys::Highs_getDoubleInfoValue(self.ptr, k.as_ptr(), &mut v) };
        (s == highs_sys::kHighsStatusOk && v.is_finite()).then_some(v)
    }

    /// Number of branch-and-bound nodes of the last MIP run.
    pub(crate) fn mip_nodes(&self) -> u64 {
        let mut v: i64 = 0;
        let k = c"mip_node_count";
        // SAFETY: as in `has_point`.
        let s = unsafe { highs_sys::Highs_getInt64InfoValue(self.ptr, k.as_ptr(), &mut v) };
        if s == highs_sys::kHighsStatusOk {
            v.max(0) as u64
        } else {
            0
        }
    }
}

impl Drop for Master {
    fn drop(&mut self) {
        // SAFETY: `ptr` was created by Highs_create and is destroyed once, here.
        unsafe { highs_sys::Highs_destroy(self.ptr) };
    }
}
