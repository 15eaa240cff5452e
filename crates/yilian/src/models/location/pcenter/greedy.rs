//! Greedy set covering at a radius, and the first p-center plan it gives.

use super::radii::Radii;

/// Sites covering every client within `radius` (weighted), forced sites first, then
/// each time the site covering the most uncovered clients; `None` when that takes more
/// than `p` sites. A heuristic: `None` does not prove that `p` sites cannot cover.
pub(crate) fn greedy_cover(
    radii: &Radii,
    radius: f64,
    p: usize,
    forced: &[usize],
) -> Option<Vec<usize>> {
    let (n, m) = (radii.clients(), radii.sites());
    let mut open: Vec<usize> = forced.to_vec();
    open.sort_unstable();
    open.dedup();
    let mut uncovered: Vec<usize> = (0..n)
        .filter(|&i| {
            let row = radii.row(i);
            !open.iter().any(|&j| row[j] <= radius)
        })
        .collect();
    let mut count = vec![0usize; m];
    while !uncovered.is_empty() {
        if open.len() >= p {
            return None;
        }
        count.iter_mut().for_each(|c| *c = 0);
        for &i in &uncovered {
            for (c, &d) in count.iter_mut().zip(radii.row(i)) {
                if d <= radius {
                    *c += 1;
                }
            }
        }
        let (best, &most) = count.iter().enumerate().max_by_key(|&(j, c)| (*c, m - j))?;
        if most == 0 {
            return None;
        }
        open.push(best);
        uncovered.retain(|&i| radii.row(i)[best] > radius);
    }
    Some(open)
}

/// A first plan: the smallest candidate radius at which [`greedy_cover`] succeeds,
/// found by bisection over `radii.values` from index `from` (greedy is not monotone
/// in the radius, so this is a heuristic), padded to `p` sites. Returns the plan and
/// its true radius.
pub(crate) fn first_plan(
    radii: &Radii,
    p: usize,
    forced: &[usize],
    from: usize,
) -> (Vec<usize>, f64) {
    let top = radii.values.len() - 1;
    // At the largest value any one site covers everyone.
    let mut best = greedy_cover(radii, radii.values[top], p, forced).unwrap_or_default();
    let (mut lo, mut hi) = (from, top);
    while lo < hi {
        let mid = lo + (hi - lo) / 2;
        match greedy_cover(radii, radii.values[mid], p, forced) {
            Some(open) => {
                best = open;
                hi = mid;
            }
            None => lo = mid + 1,
        }
    }
    let open = radii.pad(best, p);
    let r = radii.radius_of(&open);
    (open, r)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::models::location::CostMatrix;

    fn line() -> CostMatrix {
        let pos = [0.0, 1.0, 2.0, 6.0, 7.0, 10.0];
        let rows: Vec<Vec<f64>> = pos
            .iter()
            .map(|a: &f64| pos.iter().map(|b| (a - b).abs()).collect())
            .collect();
        CostMatrix::from_rows(&rows).unwrap()
    }

    #[test]
    fn greedy_covers_the_line() {
        let r = Radii::new(&line(), None);
        // Radius 3: {1} covers 0..2, {7} covers 6, 7, 10.
        let open = greedy_cover(&r, 3.0, 2, &[]).unwrap();
        assert_eq!(r.radius_of(&open), 3.0);
        assert!(greedy_cover(&r, 2.0, 2, &[]).is_none());
        // Forcing site 5 (at 10): its best partner is the site at 2, radius 4 (client 6).
        let (open, radius) = first_plan(&r, 2, &[5], 0);
        assert!(open.contains(&5) && open.len() == 2 && radius >= 4.0);
        assert_eq!(radius, r.radius_of(&open));
        let (open, radius) = first_plan(&r, 2, &[], 0);
        assert_eq!((open.len(), radius), (2, 3.0));
    }
}
