//! Writing a location model's program as an MPS or LP file, named from the ids of its
//! clients and sites.
//!
//! Every location program starts with one opening column `y_j` per site; the models
//! say where their other columns lie ([`Columns`]), and the rows are named by what they
//! hold: `open_count` (`sum y = p`), `link(client,site)` (`x_ij <= y_j`),
//! `assign(client)` (`sum_j x_ij = 1`), `capacity(site)`, `cover(client)` (LSCP and
//! MCLP), `radius(client)` (p-center) and `capacity_covers_demand` (CFLP's cut).

use crate::error::{Error, Result};
use crate::solve::{Cmp, LinearProgram, Names};
use std::path::Path;

/// The ids of a location model's clients and sites, for the names in a written file.
///
/// ```
/// use yilian::models::location::LocationIds;
/// let ids = LocationIds::numbered(2, 3);
/// assert_eq!((ids.clients[1].as_str(), ids.sites[2].as_str()), ("c1", "s2"));
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LocationIds {
    /// One id per client (row of the cost matrix).
    pub clients: Vec<String>,
    /// One id per site (column of the cost matrix).
    pub sites: Vec<String>,
}

impl LocationIds {
    /// Clients `c0, c1, ...` and sites `s0, s1, ...`.
    pub fn numbered(clients: usize, sites: usize) -> Self {
        Self {
            clients: (0..clients).map(|i| format!("c{i}")).collect(),
            sites: (0..sites).map(|j| format!("s{j}")).collect(),
        }
    }
}

/// Where a location program's columns after the `sites` opening columns lie.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Columns {
    /// Only the opening columns are named (others are `x<k>`).
    Sites,
    /// `x_ij` at `first + i * sites + j`.
    Assign { first: usize },
    /// `z_i` (client covered) at `first + i`.
    Covered { first: usize },
}

#[derive(Clone, Copy, PartialEq)]
enum Role {
    Open(usize),
    Assign(usize, usize),
    Covered(usize),
    Radius,
    Other,
}

/// Names a model's own columns and rows (those [`Columns`] does not describe): given the
/// ids, it fills the empty entries of the names.
pub(crate) type MoreNames<'a> = &'a dyn Fn(&LocationIds, &mut Names);

/// Names `lp` from `ids` (or numbered ids), then with `more`, and writes it to `path`.
#[allow(clippy::too_many_arguments)]
pub(crate) fn write(
    mut lp: LinearProgram,
    path: &Path,
    model: &str,
    clients: usize,
    sites: usize,
    ids: Option<&LocationIds>,
    columns: Columns,
    radius_column: Option<usize>,
    more: Option<MoreNames<'_>>,
) -> Result<()> {
    let numbered;
    let ids = match ids {
        Some(ids) => {
            for (field, have, want) in [
                ("clients", ids.clients.len(), clients),
                ("sites", ids.sites.len(), sites),
            ] {
                if have != want {
                    return Err(Error::InvalidOption {
                        field: field.into(),
                        message: format!("{have} ids given for {want} {field}"),
                    });
                }
            }
            ids
        }
        None => {
            numbered = LocationIds::numbered(clients, sites);
            &numbered
        }
    };
    let mut role = vec![Role::Other; lp.column_count()];
    for (j, r) in role.iter_mut().enumerate().take(sites) {
        *r = Role::Open(j);
    }
    match columns {
        Columns::Sites => {}
        Columns::Assign { first } => {
            for i in 0..clients {
                for j in 0..sites {
                    if let Some(r) = role.get_mut(first + i * sites + j) {
                        *r = Role::Assign(i, j);
                    }
                }
            }
        }
        Columns::Covered { first } => {
            for i in 0..clients {
                if let Some(r) = role.get_mut(first + i) {
                    *r = Role::Covered(i);
                }
            }
        }
    }
    if let Some(k) = radius_column {
        role[k] = Role::Radius;
    }
    let (c, s) = (&ids.clients, &ids.sites);
    let mut names = Names {
        columns: role
            .iter()
            .map(|r| match *r {
                Role::Open(j) => format!("open({})", s[j]),
                Role::Assign(i, j) => format!("assign({},{})", c[i], s[j]),
                Role::Covered(i) => format!("covered({})", c[i]),
                Role::Radius => "radius".into(),
                Role::Other => String::new(),
            })
            .collect(),
        rows: Vec::with_capacity(lp.row_count()),
    };
    let mut covers = 0;
    for row in &lp.rows {
        let roles: Vec<Role> = row.terms.iter().map(|&(k, _)| role[k]).collect();
        let opens = roles.iter().all(|r| matches!(r, Role::Open(_)));
        let unit = row.terms.iter().all(|&(_, a)| a == 1.0);
        let one_client = |i: usize| {
            roles
                .iter()
                .all(|r| matches!(*r, Role::Assign(a, _) if a == i))
        };
        let name = match (roles.as_slice(), row.cmp) {
            (_, Cmp::Eq) if opens && !roles.is_empty() => "open_count".to_string(),
            (_, Cmp::Ge) if opens && unit && row.rhs == 1.0 => {
                covers += 1;
                format!("cover({})", c.get(covers - 1).map_or("?", |x| x.as_str()))
            }
            (_, Cmp::Ge) if opens => "capacity_covers_demand".into(),
            ([Role::Assign(i, j), Role::Open(k)], Cmp::Le) if j == k => {
                format!("link({},{})", c[*i], s[*j])
            }
            ([Role::Assign(i, _), ..], Cmp::Eq) if one_client(*i) => format!("assign({})", c[*i]),
            ([Role::Covered(i), rest @ ..], Cmp::Le)
                if rest.iter().all(|r| matches!(r, Role::Open(_))) =>
            {
                format!("cover({})", c[*i])
            }
            ([Role::Radius, Role::Assign(i, _), ..], Cmp::Ge) => format!("radius({})", c[*i]),
            _ => match roles.last() {
                Some(Role::Open(j))
                    if roles[..roles.len() - 1]
                        .iter()
                        .all(|r| matches!(*r, Role::Assign(_, b) if b == *j)) =>
                {
                    format!("capacity({})", s[*j])
                }
                _ => String::new(),
            },
        };
        names.rows.push(name);
    }
    if let Some(more) = more {
        more(ids, &mut names);
    }
    lp.names = Some(names);
    lp.write(path, model)
}
