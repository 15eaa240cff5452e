//! Measures a policy researcher publishes about a plan: population within reach,
//! accessibility (2SFCA, E2SFCA), equity (Gini, Theil with its decomposition by tier),
//! the smallest served share, utilisation and shadow prices; and comparisons.

mod accessibility;
mod html;
mod inequality;
mod referral_report;
mod report;

pub use accessibility::{accessibility, Decay};
pub use html::to_html;
pub use inequality::{gini, theil, Theil};
pub use referral_report::referral_report;
pub use report::{
    compare, rotation_report, scanners_report, Arc, ComparisonLine, CoverageLine, GroupLine,
    InstitutionMetrics, Measure, ReferralLine, Report, ReportSettings, TargetMeasure,
    UtilisationLine,
};
