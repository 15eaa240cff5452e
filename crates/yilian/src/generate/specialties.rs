//! The specialty catalogue used by the generators.

/// A specialty with the rates the generators use.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Specialty {
    /// Name used as the specialty key.
    pub name: &'static str,
    /// Specialist visits per 1,000 people per month wanted at primary level.
    pub visits_per_1000: f64,
    /// Visits a specialist handles in a day at a primary-level host.
    pub visits_per_day: f64,
    /// Whether village clinics see demand for it (chronic-disease follow-up).
    pub at_villages: bool,
}

const fn sp(
    name: &'static str,
    visits_per_1000: f64,
    visits_per_day: f64,
    at_villages: bool,
) -> Specialty {
    Specialty {
        name,
        visits_per_1000,
        visits_per_day,
        at_villages,
    }
}

/// Fourteen specialties commonly sent down in consortium programmes.
pub const SPECIALTIES: [Specialty; 14] = [
    sp("cardiology", 2.0, 16.0, true),
    sp("respiratory", 1.6, 16.0, true),
    sp("endocrinology", 1.5, 18.0, true),
    sp("neurology", 1.0, 14.0, false),
    sp("pediatrics", 1.8, 20.0, false),
    sp("obstetrics_gynecology", 1.5, 16.0, false),
    sp("orthopedics", 1.4, 16.0, false),
    sp("general_surgery", 0.9, 12.0, false),
    sp("ophthalmology", 0.8, 20.0, false),
    sp("otolaryngology", 0.7, 18.0, false),
    sp("dermatology", 0.7, 22.0, false),
    sp("rehabilitation", 1.0, 12.0, true),
    sp("traditional_chinese_medicine", 1.4, 20.0, true),
    sp("psychiatry", 0.5, 10.0, false),
];
