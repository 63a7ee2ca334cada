//! # Customer retention cost (seed 004)
//!
//! "Add all of the expenses incurred in keeping (and obtaining!) customers and divide that figure
//! by the number of customers in your database. If your CRC is higher than your MRR, ..., it's
//! time to make some changes."
//!
//! - `retention_cost(expenses numeric, customers bigint) -> numeric`: `expenses / customers`.
//! - `retention_cost(expenses numeric, summary mrrsummary) -> numeric`: the customers are the
//!   period's customers at its end (`customers_at_end(s)`, the base of `arpa(s)`).
//! - `retention_cost_ratio(expenses numeric, summary mrrsummary) -> numeric`: the retention cost
//!   per customer over the revenue per customer, `retention_cost(e, s) / arpa(s)`, in one exact
//!   division (`expenses / ending_mrr`): above 1, keeping a customer costs more than it brings.
//! - NULL without customers (or MRR); a negative (or NaN, infinite) expense or a negative
//!   customer count is 22003.

use crate::agg;
use crate::error::{raise, KpiError};
use crate::numeric::Scaled;
use crate::summary;
use pgrx::pg_sys;

const KPI: &str = "retention_cost";

/// The divisor of a retention cost, `None` when it is 0: expenses and the count or amount, both
/// not negative.
pub fn divisor(
    expenses: Scaled,
    by: Scaled,
    kpi: &str,
    what: &str,
) -> Result<Option<Scaled>, KpiError> {
    if expenses.is_negative() {
        return Err(KpiError::OutOfRange(format!(
            "{kpi} expenses must not be negative, got {expenses}"
        )));
    }
    if by.is_negative() {
        return Err(KpiError::OutOfRange(format!(
            "{kpi} {what} must not be negative, got {by}"
        )));
    }
    Ok((by.mantissa != 0).then_some(by))
}

unsafe fn divided(f: pg_sys::FunctionCallInfo, kpi: &str, what: &str, by: Scaled) -> pg_sys::Datum {
    unsafe {
        let expenses = agg::scaled_arg(agg::arg_datum(f, 0), kpi, "expenses");
        match divisor(expenses, by, kpi, what).unwrap_or_else(|e| raise(e)) {
            Some(by) => pg_sys::Datum::from(agg::numeric_div(
                agg::numeric_from_scaled(expenses),
                agg::numeric_from_scaled(by),
            )),
            None => agg::return_null(f),
        }
    }
}

crate::pg_v1_fn!(fn retention_cost_count, pg_finfo_retention_cost_count, |f| unsafe {
    let customers = agg::arg_datum(f, 1).value() as i64;
    divided(f, KPI, "customers", Scaled::from(customers))
});

crate::pg_v1_fn!(fn retention_cost_mrr, pg_finfo_retention_cost_mrr, |f| unsafe {
    let s = summary::arg::<super::mrr::MrrSummary>(agg::arg_datum(f, 1));
    divided(f, KPI, "customers", Scaled::from(s.counts[super::mrr::ENDING]))
});

crate::pg_v1_fn!(fn retention_cost_ratio, pg_finfo_retention_cost_ratio, |f| unsafe {
    let s = summary::arg::<super::mrr::MrrSummary>(agg::arg_datum(f, 1));
    divided(f, "retention_cost_ratio", "mrr", s.amounts[super::mrr::ENDING])
});

pgrx::extension_sql_file!(
    "retention_cost.sql",
    name = "retention_cost",
    requires = ["mrr"]
);

#[cfg(test)]
mod unit_tests {
    use super::*;

    #[test]
    fn divisors() {
        let x = |m| Scaled {
            mantissa: m,
            scale: 0,
        };
        assert_eq!(divisor(x(500), x(4), KPI, "customers").unwrap(), Some(x(4)));
        assert_eq!(
            divisor(x(500), x(0), KPI, "customers").unwrap(),
            None,
            "no customers: NULL"
        );
        let e = divisor(x(-1), x(4), KPI, "customers").unwrap_err();
        assert_eq!(
            (e.sqlstate(), e.message()),
            (
                "22003",
                "retention_cost expenses must not be negative, got -1"
            )
        );
        let e = divisor(x(1), x(-4), KPI, "customers").unwrap_err();
        assert_eq!(
            e.message(),
            "retention_cost customers must not be negative, got -4"
        );
    }
}

#[cfg(any(test, feature = "pg_test"))]
#[pgrx::pg_schema]
mod tests {
    use crate::testing::{assert_errors, text};
    use pgrx::prelude::*;

    #[pg_test]
    fn retention_cost_values() {
        let q = "SELECT concat_ws(' ', retention_cost(1000, 8), retention_cost(1000.50, 3), retention_cost(10, 0) IS NULL,
                                   retention_cost(90, m), retention_cost_ratio(90, m), retention_cost(90, m) / arpa(m))
                 FROM (SELECT mrr_agg(s, e) AS m FROM (VALUES (10::numeric, 0::numeric), (20, 10), (30, 40), (40, 40)) v(s, e)) t";
        assert_eq!(
            text(q).as_deref(),
            Some("125.0000000000000000 333.5000000000000000 t 30.0000000000000000 1.00000000000000000000 1.00000000000000000000")
        );
        assert_errors(&[
            (
                "SELECT retention_cost(-5, 3)",
                PgSqlErrorCode::ERRCODE_NUMERIC_VALUE_OUT_OF_RANGE,
                "retention_cost expenses must not be negative, got -5",
            ),
            (
                "SELECT retention_cost(5, -3)",
                PgSqlErrorCode::ERRCODE_NUMERIC_VALUE_OUT_OF_RANGE,
                "retention_cost customers must not be negative, got -3",
            ),
            (
                "SELECT retention_cost('NaN', 3)",
                PgSqlErrorCode::ERRCODE_NUMERIC_VALUE_OUT_OF_RANGE,
                "retention_cost expenses must be a finite number of at most 38 digits, got NaN",
            ),
        ]);
    }
}
