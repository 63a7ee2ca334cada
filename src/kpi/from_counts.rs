//! # KPIs from counts a BI tool has summed: `nps_from_counts(...)` and its kin
//!
//! A BI tool that averages a stored daily KPI over a month shows a wrong month (the mean of
//! ratios). The right shape for a BI tool is a materialized view with plain count columns, which
//! the tool may SUM over any period or segment, and one function call in the tool's formula that
//! makes the KPI from the summed counts. `SUM(bigint)` is `numeric`, so the counts are `numeric`.
//!
//! - `nps_from_counts(promoters, passives, detractors)`,
//!   `csat_from_counts(satisfied, responses)`, `churn_rate_from_counts(lost, at_start)`,
//!   `retention_rate_from_counts(lost, at_start)`: counts must be whole numbers `>= 0` (22003
//!   naming the count otherwise); a part larger than its whole is 22023.
//! - `share_from_counts(matching, total)`: counts or weights (revenue), any `numeric >= 0`; also
//!   conversion and first-contact resolution rates.
//! - Each equals, digit for digit, the summary accessor over the same counts
//!   (`nps_from_counts(promoters(s), passives(s), detractors(s)) = nps(s)`). Counts of nothing
//!   (all 0) give NULL; a NULL count gives NULL (STRICT).

use crate::agg;
use crate::error::{raise, KpiError};
use crate::numeric::{self, WholeNumber};
use pgrx::pg_sys;

/// A whole count `>= 0` from its classification, or the 22003 error naming it.
pub fn count(
    kpi: &str,
    role: &str,
    value: WholeNumber,
    shown: impl FnOnce() -> String,
) -> Result<i64, KpiError> {
    match value {
        WholeNumber::Int(c) if c >= 0 => Ok(c),
        _ => Err(KpiError::OutOfRange(format!(
            "{kpi} {role} must be a whole number of at least 0, got {}",
            shown()
        ))),
    }
}

/// `(net, n)` of an NPS from its three counts (the NPS being `100 * net / n`); `None` for none.
pub fn nps(promoters: i64, passives: i64, detractors: i64) -> Result<Option<(i64, i64)>, KpiError> {
    let n = promoters
        .checked_add(passives)
        .and_then(|x| x.checked_add(detractors))
        .ok_or_else(|| {
            KpiError::OutOfRange("nps_from_counts total responses overflow bigint".into())
        })?;
    Ok((n > 0).then_some((promoters - detractors, n)))
}

/// `(part, whole)` checked: a part larger than its whole is 22023 naming both; `None` for none.
pub fn part_of(
    kpi: &str,
    names: (&str, &str),
    part: i64,
    whole: i64,
) -> Result<Option<(i64, i64)>, KpiError> {
    if part > whole {
        return Err(KpiError::InvalidParameter(format!(
            "{kpi} {} ({part}) exceeds {} ({whole})",
            names.0, names.1
        )));
    }
    Ok((whole > 0).then_some((part, whole)))
}

// ---------------------------------------------------------------------------------------------
// SQL glue (STRICT functions of numeric counts)

/// The whole count in argument `n`, or raise.
unsafe fn count_arg(f: pg_sys::FunctionCallInfo, n: usize, kpi: &str, role: &str) -> i64 {
    unsafe {
        let d = agg::arg_datum(f, n);
        let class = numeric::classify(agg::varlena_bytes(d));
        count(kpi, role, class, || agg::numeric_text(d)).unwrap_or_else(|e| raise(e))
    }
}

unsafe fn ratio(
    f: pg_sys::FunctionCallInfo,
    kpi: &str,
    names: (&str, &str),
    complement: bool,
) -> pg_sys::Datum {
    unsafe {
        let part = count_arg(f, 0, kpi, names.0);
        let whole = count_arg(f, 1, kpi, names.1);
        match part_of(kpi, names, part, whole).unwrap_or_else(|e| raise(e)) {
            Some((p, w)) => agg::numeric_percent(if complement { w - p } else { p }, w),
            None => agg::return_null(f),
        }
    }
}

crate::pg_v1_fn!(fn nps_from_counts, pg_finfo_nps_from_counts, |f| unsafe {
    let kpi = "nps_from_counts";
    let (p, pa, d) = (count_arg(f, 0, kpi, "promoters"), count_arg(f, 1, kpi, "passives"), count_arg(f, 2, kpi, "detractors"));
    match nps(p, pa, d).unwrap_or_else(|e| raise(e)) {
        Some((net, n)) => agg::numeric_percent(net, n),
        None => agg::return_null(f),
    }
});
crate::pg_v1_fn!(fn csat_from_counts, pg_finfo_csat_from_counts, |f| unsafe { ratio(f, "csat_from_counts", ("satisfied", "responses"), false) });
crate::pg_v1_fn!(fn churn_rate_from_counts, pg_finfo_churn_rate_from_counts, |f| unsafe { ratio(f, "churn_rate_from_counts", ("lost", "at_start"), false) });
crate::pg_v1_fn!(fn retention_rate_from_counts, pg_finfo_retention_rate_from_counts, |f| unsafe { ratio(f, "retention_rate_from_counts", ("lost", "at_start"), true) });
crate::pg_v1_fn!(fn share_from_counts, pg_finfo_share_from_counts, |f| unsafe {
    let (m, t) = (agg::arg_datum(f, 0), agg::arg_datum(f, 1));
    let (matching, total) = (agg::scaled_arg(m, "share_from_counts", "matching"), agg::scaled_arg(t, "share_from_counts", "total"));
    for (x, d, role) in [(matching, m, "matching"), (total, t, "total")] {
        if x.is_negative() {
            raise(KpiError::OutOfRange(format!("share_from_counts {role} must not be negative, got {}", agg::numeric_text(d))));
        }
    }
    if matching.cmp_value(total).is_gt() {
        raise(KpiError::InvalidParameter(format!(
            "share_from_counts matching ({}) exceeds total ({})", agg::numeric_text(m), agg::numeric_text(t)
        )));
    }
    // as share(sharesummary) computes it: 100 * matching / total in numeric arithmetic
    match agg::numeric_percent_scaled(matching, total) {
        Some(n) => pg_sys::Datum::from(n),
        None => agg::return_null(f),
    }
});

pgrx::extension_sql_file!("from_counts.sql", name = "from_counts");

#[cfg(test)]
mod unit_tests {
    use super::*;

    #[test]
    fn counts_and_parts() {
        assert_eq!(nps(90, 70, 40), Ok(Some((50, 200))));
        assert_eq!(nps(0, 0, 0), Ok(None));
        assert_eq!(nps(i64::MAX, 1, 0).unwrap_err().sqlstate(), "22003");
        assert_eq!(
            part_of("csat_from_counts", ("satisfied", "responses"), 3, 4),
            Ok(Some((3, 4)))
        );
        assert_eq!(
            part_of("csat_from_counts", ("satisfied", "responses"), 0, 0),
            Ok(None)
        );
        let e = part_of("csat_from_counts", ("satisfied", "responses"), 5, 4).unwrap_err();
        assert_eq!(
            (e.sqlstate(), e.message()),
            (
                "22023",
                "csat_from_counts satisfied (5) exceeds responses (4)"
            )
        );
        let e = count("nps_from_counts", "passives", WholeNumber::Int(-1), || {
            "-1".into()
        })
        .unwrap_err();
        assert_eq!(
            (e.sqlstate(), e.message()),
            (
                "22003",
                "nps_from_counts passives must be a whole number of at least 0, got -1"
            )
        );
        assert!(count("x", "y", WholeNumber::Fraction, || "1.5".into()).is_err());
        assert_eq!(count("x", "y", WholeNumber::Int(7), String::new), Ok(7));
    }
}

#[cfg(any(test, feature = "pg_test"))]
#[pgrx::pg_schema]
mod tests {
    use crate::testing::{assert_errors, text};
    use pgrx::prelude::*;

    #[pg_test]
    fn from_counts_equal_the_accessors() {
        let q = "SELECT concat_ws(' ', nps_from_counts(promoters(s), passives(s), detractors(s)) = nps(s),
                                      nps_from_counts(90, 70, 40), nps_from_counts(0, 0, 0) IS NULL)
                 FROM (SELECT nps_agg(x) s FROM generate_series(0, 10) x) t";
        assert_eq!(text(q).as_deref(), Some("t 25.0000000000000000 t"));
        assert_eq!(
            text("SELECT concat_ws(' ', csat_from_counts(3, 4), churn_rate_from_counts(1, 4), retention_rate_from_counts(1, 4), share_from_counts(7.5, 30))")
                .as_deref(),
            Some("75.0000000000000000 25.0000000000000000 75.0000000000000000 25.0000000000000000")
        );
    }

    #[pg_test]
    fn from_counts_errors() {
        use PgSqlErrorCode::*;
        assert_errors(&[
            (
                "SELECT nps_from_counts(1, -2, 3)",
                ERRCODE_NUMERIC_VALUE_OUT_OF_RANGE,
                "nps_from_counts passives must be a whole number of at least 0, got -2",
            ),
            (
                "SELECT csat_from_counts(1.5, 3)",
                ERRCODE_NUMERIC_VALUE_OUT_OF_RANGE,
                "csat_from_counts satisfied must be a whole number of at least 0, got 1.5",
            ),
            (
                "SELECT csat_from_counts(5, 4)",
                ERRCODE_INVALID_PARAMETER_VALUE,
                "csat_from_counts satisfied (5) exceeds responses (4)",
            ),
            (
                "SELECT share_from_counts(-1, 4)",
                ERRCODE_NUMERIC_VALUE_OUT_OF_RANGE,
                "share_from_counts matching must not be negative, got -1",
            ),
            (
                "SELECT share_from_counts(5, 4.5)",
                ERRCODE_INVALID_PARAMETER_VALUE,
                "share_from_counts matching (5) exceeds total (4.5)",
            ),
        ]);
    }
}
