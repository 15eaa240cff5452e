//! What `yilian location` prints, and the assignments CSV it writes.

use super::args::Solver;
use super::cost_csv::NamedCosts;
use yilian::models::location::LocationSolution;

/// Writes `client,site,fraction` rows of `s` to `path`, with the names of `costs`.
fn write_assignments(
    path: &std::path::Path,
    s: &LocationSolution,
    costs: Option<&NamedCosts>,
) -> Result<(), String> {
    let err = |e: csv::Error| format!("{}: {e}", path.display());
    let mut w = csv::Writer::from_path(path).map_err(err)?;
    w.write_record(["client", "site", "fraction"])
        .map_err(err)?;
    for (i, sites) in s.assignment.iter().enumerate() {
        for &(j, fraction) in sites {
            let (client, site) = match costs {
                Some(c) => (c.clients[i].clone(), c.sites[j].clone()),
                None => (i.to_string(), j.to_string()),
            };
            w.write_record([client, site, fraction.to_string()])
                .map_err(err)?;
        }
    }
    w.flush().map_err(|e| format!("{}: {e}", path.display()))
}

/// Prints the solution `s` of the model described by `what`, and writes its assignments
/// when `--assignments` asks for them.
pub(super) fn print(
    what: &str,
    s: &LocationSolution,
    read_seconds: f64,
    costs: Option<&NamedCosts>,
    solver: &Solver,
) -> Result<(), String> {
    let sites = costs.map(|c| c.sites.as_slice());
    println!("{what}");
    println!("objective {}", s.objective);
    println!(
        "bound     {}",
        s.bound.map_or("unknown".into(), |b| b.to_string())
    );
    println!(
        "gap       {}",
        s.gap
            .map_or("unknown".into(), |g| format!("{:.4}%", 100.0 * g))
    );
    println!("status    {}", s.status);
    match sites {
        Some(names) => {
            let open: Vec<&str> = s.open.iter().map(|&j| names[j].as_str()).collect();
            println!("open      {}", open.join(" "));
        }
        None => println!("open      {:?}", s.open),
    }
    println!(
        "time      read {read_seconds:.3} s, build {:.3} s, solve {:.3} s",
        s.build_seconds, s.solve_seconds
    );
    println!(
        "size      {} columns, {} rows, {} nonzeros",
        s.size.0, s.size.1, s.size.2
    );
    if let Some(path) = &solver.assignments {
        write_assignments(path, s, costs)?;
        println!("assignments written to {}", path.display());
    }
    Ok(())
}
