//! Shared instances for yilian's benchmarks.
//!
//! Sizes: `county` (the county example, about 200 institutions), `city` (the city
//! example), `province-10` and `province-70` (10 or 70 counties side by side, about
//! 2,000 and 14,000 institutions).

use yilian::{generate, Consortium};

/// A named benchmark instance.
pub struct Instance {
    /// Size name used in reports.
    pub name: &'static str,
    /// The consortium.
    pub consortium: Consortium,
}

/// The rotation instances, smallest first. `large` adds the 70-county province.
pub fn rotation_instances(large: bool) -> Vec<Instance> {
    let mut out = vec![
        ("county", generate::county(1)),
        ("city", generate::city(1)),
        ("province-10", generate::province(1, 10)),
    ];
    if large {
        out.push(("province-70", generate::province(1, 70)));
    }
    out.into_iter()
        .map(|(name, s)| Instance {
            name,
            consortium: Consortium::new(s).expect("generated scenarios are valid"),
        })
        .collect()
}

/// The scanner instances: the county example (CT 45 / MRI 60 minutes) and a 10-county
/// province with both travel limits set to 60 minutes.
pub fn scanner_instances() -> Vec<Instance> {
    let mut province = generate::province(1, 10);
    if let Some(im) = province.imaging.as_mut() {
        for m in im.modalities.values_mut() {
            m.max_travel_minutes = 60.0;
        }
    }
    [("county", generate::county(1)), ("province-10", province)]
        .into_iter()
        .map(|(name, s)| Instance {
            name,
            consortium: Consortium::new(s).expect("generated scenarios are valid"),
        })
        .collect()
}

/// Peak resident memory of this process in MiB since the last [`reset_peak_memory`]
/// (Linux; `None` elsewhere).
pub fn peak_memory_mib() -> Option<f64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    let kb: f64 = line.split_whitespace().nth(1)?.parse().ok()?;
    Some(kb / 1024.0)
}

/// CPU seconds (user + system, every thread) this process has used so far, as
/// getrusage(RUSAGE_SELF) counts them (Linux: `/proc/self/stat`, in clock ticks of
/// 1/100 s; `None` elsewhere).
pub fn cpu_seconds() -> Option<f64> {
    let stat = std::fs::read_to_string("/proc/self/stat").ok()?;
    // Fields after the command name (which is in parentheses and may hold spaces):
    // state is field 3, utime field 14 and stime field 15.
    let rest = &stat[stat.rfind(')')? + 2..];
    let fields: Vec<&str> = rest.split_whitespace().collect();
    let ticks = |k: usize| fields.get(k - 3)?.parse::<f64>().ok();
    Some((ticks(14)? + ticks(15)?) / 100.0)
}

/// Resets the peak resident memory counter (Linux; ignored elsewhere).
pub fn reset_peak_memory() {
    let _ = std::fs::write("/proc/self/clear_refs", "5");
}

/// A random Euclidean p-median cost matrix: `clients` points and `sites` points drawn
/// uniformly in the square [0, 1000] x [0, 1000] (clients first, then sites, x then y),
/// cost = Euclidean distance. The generator is SplitMix64 seeded with `seed`, each
/// coordinate `(next >> 11) / 2^53 * 1000`, so the instance is the same on every
/// machine and every version of the dependencies.
pub fn euclidean_pmedian(
    clients: usize,
    sites: usize,
    seed: u64,
) -> yilian::models::location::CostMatrix {
    let mut state = seed;
    let mut next = move || {
        state = state.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = state;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^= z >> 31;
        (z >> 11) as f64 / (1u64 << 53) as f64 * 1000.0
    };
    let mut point = || (next(), next());
    let c: Vec<(f64, f64)> = (0..clients).map(|_| point()).collect();
    let s: Vec<(f64, f64)> = (0..sites).map(|_| point()).collect();
    let data = c
        .iter()
        .flat_map(|a| {
            s.iter()
                .map(move |b| ((a.0 - b.0).powi(2) + (a.1 - b.1).powi(2)).sqrt())
        })
        .collect();
    yilian::models::location::CostMatrix::new(clients, sites, data)
        .expect("generated costs are finite and >= 0")
}

/// A TSPLIB-like point set (every point a client and a candidate site): `n` points with
/// integer coordinates drawn uniformly in [0, side) x [0, side), x then y, each
/// coordinate `floor((next >> 11) / 2^53 * side)` from SplitMix64 seeded with `seed`
/// (the generator of [`euclidean_pmedian`]). With the TSPLIB convention (distance the
/// Euclidean distance rounded down, `Metric::EuclideanFloor`) it stands in for
/// usa13509 (13,509 points, not in this repository) at `n = 13509`.
pub fn uniform_points(n: usize, side: f64, seed: u64) -> Vec<[f64; 2]> {
    let mut state = seed;
    let mut next = move || {
        state = state.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = state;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^= z >> 31;
        ((z >> 11) as f64 / (1u64 << 53) as f64 * side).floor()
    };
    (0..n).map(|_| [next(), next()]).collect()
}

/// Runs this bench binary again as a child with `args` (one case), reads the line it
/// prints starting `RESULT\t`, and returns that line's fields; kills the child 120 s past
/// `limit` (seconds). None if the child failed, printed no result or was killed (`label`
/// names the case in the message). Each case in its own process gives it its own peak
/// memory and a clean solver state.
pub fn run_case_in_child(args: &[String], label: &str, limit: f64) -> Option<Vec<String>> {
    use std::io::{BufRead, BufReader};
    use std::process::{Command, Stdio};
    use std::time::{Duration, Instant};
    let exe = std::env::current_exe().ok()?;
    let mut child = Command::new(exe)
        .args(args)
        .stdout(Stdio::piped())
        .spawn()
        .ok()?;
    let out = child.stdout.take()?;
    let reader = std::thread::spawn(move || {
        BufReader::new(out)
            .lines()
            .map_while(Result::ok)
            .find(|l| l.starts_with("RESULT\t"))
    });
    let deadline = Instant::now() + Duration::from_secs_f64(limit + 120.0);
    loop {
        match child.try_wait() {
            Ok(Some(_)) => break,
            Ok(None) if Instant::now() > deadline => {
                let _ = child.kill();
                let _ = child.wait();
                eprintln!("{label}: killed 120 s past the time limit");
                break;
            }
            Ok(None) => std::thread::sleep(Duration::from_millis(20)),
            Err(_) => break,
        }
    }
    let line = reader.join().ok()??;
    Some(line.split('\t').skip(1).map(str::to_string).collect())
}
