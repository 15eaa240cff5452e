//! Measures a policy researcher publishes about a plan: population within reach,
//! accessibility (2SFCA, E2SFCA), equity (Gini, Theil with its decomposition by tier),
//! the smallest served share, utilisation and shadow prices; and comparisons.

mod accessibility;
mod html;
mod inequality;
mod report;

pub use accessibility::{accessibility, Decay};
pub use html::to_html;
pub use inequality::{gini, theil, Theil};
pub use report::{
    compare, rotation_report, scanners_report, Arc, ComparisonLine, CoverageLine, GroupLine,
    InstitutionMetrics, Measure, Report, ReportSettings, UtilisationLine,
};
