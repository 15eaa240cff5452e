//! HiGHS's thread count per calling thread.
//!
//! HiGHS keeps one task scheduler per calling thread, started by the first solve on that
//! thread with its `threads` option (0, the default, meaning every core), and refuses a
//! later solve on the same thread that asks for another count ("the scheduler has
//! already been initialized"). So that a user may solve with the default and then with
//! `threads = 1` (or 1 then 2) in one process, the count asked for explicitly is
//! remembered per thread, and the scheduler is restarted before a solve that asks for
//! another one. A solve with the default count runs on whatever scheduler there is.

use std::cell::Cell;

thread_local! {
    /// The count this thread's scheduler was restarted for, `None` before the first
    /// explicit count (the scheduler, if any, then runs the default).
    static STARTED_FOR: Cell<Option<u32>> = const { Cell::new(None) };
}

/// Before a HiGHS solve on this thread that asks for `threads` (`None`: the default):
/// restarts this thread's scheduler when an explicit count differs from the one it was
/// started for.
pub(crate) fn prepare(threads: Option<u32>) {
    let Some(n) = threads else {
        return;
    };
    STARTED_FOR.with(|started| {
        if started.get() != Some(n) {
            // SAFETY: shuts down the calling thread's scheduler (blocking until its
            // workers end); HiGHS solves are synchronous, so none runs on this thread
            // now, and the next solve starts a scheduler with its own option.
            unsafe { highs_sys::Highs_resetGlobalScheduler(1) };
            started.set(Some(n));
        }
    });
}

#[cfg(test)]
mod tests {
    use crate::solve::{solve, Backend, Cmp, LinearProgram, Sense, SolveOptions};

    /// A small MIP solved on one thread with the default count, then 1, 2, the default
    /// and 1 threads: every solve succeeds with the same optimum (HiGHS alone refuses
    /// the second, whatever the machine's cores, or the third).
    #[test]
    fn solves_with_changing_thread_counts_on_one_thread() {
        // max 5a + 4b + 3c, 2a + 3b + c <= 5, 4a + b + 2c <= 11, 3a + 4b + 2c <= 8,
        // integers: optimum 13 at (2, 0, 1).
        let mut lp = LinearProgram::new(Sense::Maximise);
        let a = lp.add_column(0.0, 10.0, 5.0, true);
        let b = lp.add_column(0.0, 10.0, 4.0, true);
        let c = lp.add_column(0.0, 10.0, 3.0, true);
        lp.add_row(vec![(a, 2.0), (b, 3.0), (c, 1.0)], Cmp::Le, 5.0);
        lp.add_row(vec![(a, 4.0), (b, 1.0), (c, 2.0)], Cmp::Le, 11.0);
        lp.add_row(vec![(a, 3.0), (b, 4.0), (c, 2.0)], Cmp::Le, 8.0);
        for threads in [None, Some(1), Some(2), None, Some(1)] {
            let mut o = SolveOptions::new(Backend::Highs);
            o.threads = threads;
            let s = solve(&lp, &o).unwrap_or_else(|e| panic!("threads {threads:?}: {e:?}"));
            assert!((s.objective - 13.0).abs() < 1e-9, "threads {threads:?}");
        }
    }
}
