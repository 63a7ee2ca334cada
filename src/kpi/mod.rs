//! One module per KPI family: its `//!` spec, pgrx-free state, thin SQL glue and tests.

pub mod ces;
pub mod ces_agg;
pub mod ces_summary;
pub mod churn;
pub mod churn_period;
pub mod churn_summary;
pub mod clv;
pub mod clv_summary;
pub mod confidence;
pub mod confidence_sql;
pub mod csat;
pub mod csat_summary;
pub mod duration;
pub mod from_counts;
pub mod mrr;
pub mod mrr_customers;
pub mod mrr_subscriptions;
pub mod mrr_summary;
pub mod nps;
pub mod nps_summary;
pub mod ratio;
pub mod share_summary;
pub mod share_weighted;
pub mod survival;
pub mod survival_sql;
pub mod survival_summary;
