//! One module per KPI family: its `//!` spec, pgrx-free state, thin SQL glue and tests.

pub mod churn;
pub mod csat;
pub mod nps;
pub mod ratio;
