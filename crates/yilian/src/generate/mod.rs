//! Realistic generated consortia, deterministic by seed.
//!
//! * [`county`]: a county medical community (县域医共体): 1-3 county hospitals,
//!   11-20 township health centres, 130-200 village clinics, about 300,000 people.
//! * [`city`]: a city medical group (城市医疗集团): 1-2 tertiary hospitals, 2-4
//!   secondary hospitals and 20-40 community health centres.
//!
//! Proportions follow public figures (see `design.md`, section 3): Deqing county,
//! Zhejiang, has 3 county hospitals, 19 township centres and 135 village clinics.
//! The same seed gives the same scenario on every platform (ChaCha8).

mod care;
mod city;
mod county;
mod layout;
mod province;
mod specialties;

pub use city::city;
pub use county::county;
pub use province::province;
pub use specialties::{Specialty, SPECIALTIES};
