//! # Churn and retention from counts and flags: `churn_rate`, `retention_rate`
//!
//! - `churn_rate(customers_at_start, customers_lost)` (`integer` or `bigint` pairs): one row per
//!   period and segment holding counts; `100 * sum(lost) / sum(at_start)`. A negative count is
//!   22003; a row whose `customers_lost` exceeds its `customers_at_start` is 22023 naming both.
//! - `churn_rate(active_at_start boolean, lost boolean)`: one row per customer. The cohort is the
//!   rows with `active_at_start` true; churn is the percent of them with `lost` true. Rows with
//!   `active_at_start` false (joined during the period) are outside the cohort.
//! - `retention_rate(...)` with the same two shapes: 100 minus the churn rate of the same cohort.
//! - `retention_rate(customers_at_start, customers_at_end, new_customers)` (`integer` or
//!   `bigint`): the classic `100 * (sum(end) - sum(new)) / sum(start)`. Negative counts are 22003;
//!   `new_customers > customers_at_end`, or more retained customers (`end - new`) than
//!   `customers_at_start`, is 22023 naming the values.
//! - A row with a NULL argument is skipped. An empty cohort (sum of at-start = 0) gives NULL.
//! - PARALLEL SAFE; exact moving (inverse) form. The state is [`RatioState`] (hits = lost or
//!   retained customers, total = customers at start), sharing the `ratio_*` support functions.
//!
//! The per-customer shape over start and end dates and a period is in `churn_period`.

use super::ratio::RatioState;
use crate::agg;
use crate::error::KpiError;
use pgrx::pg_sys;

#[cold]
fn negative(kpi: &str, what: &str, value: i64) -> KpiError {
    KpiError::OutOfRange(format!("{kpi} {what} must not be negative, got {value}"))
}

/// `(lost, at_start)` of a counts row, validated.
#[inline(always)]
pub fn churn_counts(kpi: &str, at_start: i64, lost: i64) -> Result<(i64, i64), KpiError> {
    if at_start < 0 {
        return Err(negative(kpi, "customers_at_start", at_start));
    }
    if lost < 0 {
        return Err(negative(kpi, "customers_lost", lost));
    }
    if lost > at_start {
        return Err(KpiError::InvalidParameter(format!(
            "{kpi} customers_lost ({lost}) exceeds customers_at_start ({at_start})"
        )));
    }
    Ok((lost, at_start))
}

/// [`churn_counts`] without the error: `None` for a row it rejects.
#[inline(always)]
pub fn valid_churn_counts(at_start: i64, lost: i64) -> Option<(i64, i64)> {
    (0 <= lost && lost <= at_start).then_some((lost, at_start))
}

/// [`retention_counts`] without the error: `None` for a row it rejects.
#[inline(always)]
pub fn valid_retention_counts(at_start: i64, at_end: i64, new: i64) -> Option<(i64, i64)> {
    (at_start >= 0 && 0 <= new && new <= at_end && at_end - new <= at_start)
        .then(|| (at_end - new, at_start))
}

/// `(retained, at_start)` of a classic retention row, validated.
#[inline(always)]
pub fn retention_counts(at_start: i64, at_end: i64, new: i64) -> Result<(i64, i64), KpiError> {
    for (what, v) in [
        ("customers_at_start", at_start),
        ("customers_at_end", at_end),
        ("new_customers", new),
    ] {
        if v < 0 {
            return Err(negative("retention_rate", what, v));
        }
    }
    if new > at_end {
        return Err(KpiError::InvalidParameter(format!(
            "retention_rate new_customers ({new}) exceeds customers_at_end ({at_end})"
        )));
    }
    let retained = at_end - new;
    if retained > at_start {
        return Err(KpiError::InvalidParameter(format!(
            "retention_rate retained customers (customers_at_end {at_end} - new_customers {new} = {retained}) exceed customers_at_start ({at_start})"
        )));
    }
    Ok((retained, at_start))
}

/// `Some(lost)` for a cohort member, `None` for a row outside the cohort.
#[inline(always)]
pub fn churn_flag(active_at_start: bool, lost: bool) -> Option<bool> {
    active_at_start.then_some(lost)
}

// ---------------------------------------------------------------------------------------------
// SQL glue: every function adapts datums to the checks above and updates a RatioState.

#[inline(always)]
fn apply(
    s: &mut RatioState,
    (hits, total): (i64, i64),
    inverse: bool,
    kpi: &str,
) -> Result<(), KpiError> {
    if inverse {
        s.remove_counts(hits, total);
        Ok(())
    } else {
        s.accum_counts(hits, total, kpi)
    }
}

#[inline(always)]
unsafe fn counts2(
    fcinfo: pg_sys::FunctionCallInfo,
    kpi: &str,
    wide: bool,
    inverse: bool,
) -> pg_sys::Datum {
    unsafe {
        let args = agg::args_not_null::<2>(fcinfo);
        agg::transition::<RatioState>(
            fcinfo,
            #[inline(always)]
            |s| match args {
                None => Ok(()),
                Some([a, b]) => {
                    let (a, b) = if wide {
                        (a.value() as i64, b.value() as i64)
                    } else {
                        (a.value() as i32 as i64, b.value() as i32 as i64)
                    };
                    apply(s, churn_counts(kpi, a, b)?, inverse, kpi)
                }
            },
        )
    }
}

#[inline(always)]
unsafe fn counts3(fcinfo: pg_sys::FunctionCallInfo, wide: bool, inverse: bool) -> pg_sys::Datum {
    unsafe {
        let args = agg::args_not_null::<3>(fcinfo);
        agg::transition::<RatioState>(
            fcinfo,
            #[inline(always)]
            |s| match args {
                None => Ok(()),
                Some(d) => {
                    let v = d.map(|x| {
                        if wide {
                            x.value() as i64
                        } else {
                            x.value() as i32 as i64
                        }
                    });
                    apply(
                        s,
                        retention_counts(v[0], v[1], v[2])?,
                        inverse,
                        "retention_rate",
                    )
                }
            },
        )
    }
}

/// The fast path of [`counts2`] (churn or retention over `(at_start, lost)` rows).
#[inline(always)]
unsafe fn counts2_fast(fcinfo: pg_sys::FunctionCallInfo, wide: bool) -> Option<pg_sys::Datum> {
    unsafe { counts_fast::<2>(fcinfo, wide, |[a, l]| valid_churn_counts(a, l)) }
}

/// The fast path of a counts transition: a valid row added without overflow.
#[inline(always)]
unsafe fn counts_fast<const N: usize>(
    fcinfo: pg_sys::FunctionCallInfo,
    wide: bool,
    valid: impl Fn([i64; N]) -> Option<(i64, i64)>,
) -> Option<pg_sys::Datum> {
    unsafe {
        agg::fast_step::<RatioState, N>(fcinfo, |s, d| {
            let v = d.map(|x| {
                if wide {
                    x.value() as i64
                } else {
                    x.value() as i32 as i64
                }
            });
            valid(v).is_some_and(|(hits, total)| s.try_add_counts(hits, total))
        })
    }
}

#[inline(always)]
unsafe fn flags(fcinfo: pg_sys::FunctionCallInfo, inverse: bool) -> pg_sys::Datum {
    unsafe {
        let args = agg::args_not_null::<2>(fcinfo);
        agg::transition::<RatioState>(
            fcinfo,
            #[inline(always)]
            |s| {
                if let Some(lost) =
                    args.and_then(|[a, l]| churn_flag(a.value() != 0, l.value() != 0))
                {
                    if inverse {
                        s.remove_flag(lost)
                    } else {
                        s.accum_flag(lost)
                    }
                }
                Ok(())
            },
        )
    }
}

crate::pg_v1_fn!(fn churn_counts_accum_int4, pg_finfo_churn_counts_accum_int4,
    fast |f| unsafe { counts2_fast(f, false) },
    |f| unsafe { counts2(f, "churn_rate", false, false) });
crate::pg_v1_fn!(fn churn_counts_accum_int8, pg_finfo_churn_counts_accum_int8,
    fast |f| unsafe { counts2_fast(f, true) },
    |f| unsafe { counts2(f, "churn_rate", true, false) });
crate::pg_v1_fn!(fn churn_counts_inv_int4, pg_finfo_churn_counts_inv_int4, |f| unsafe { counts2(f, "churn_rate", false, true) });
crate::pg_v1_fn!(fn churn_counts_inv_int8, pg_finfo_churn_counts_inv_int8, |f| unsafe { counts2(f, "churn_rate", true, true) });
crate::pg_v1_fn!(fn retention_lost_accum_int4, pg_finfo_retention_lost_accum_int4,
    fast |f| unsafe { counts2_fast(f, false) },
    |f| unsafe { counts2(f, "retention_rate", false, false) });
crate::pg_v1_fn!(fn retention_lost_accum_int8, pg_finfo_retention_lost_accum_int8,
    fast |f| unsafe { counts2_fast(f, true) },
    |f| unsafe { counts2(f, "retention_rate", true, false) });
crate::pg_v1_fn!(fn retention_lost_inv_int4, pg_finfo_retention_lost_inv_int4, |f| unsafe { counts2(f, "retention_rate", false, true) });
crate::pg_v1_fn!(fn retention_lost_inv_int8, pg_finfo_retention_lost_inv_int8, |f| unsafe { counts2(f, "retention_rate", true, true) });
crate::pg_v1_fn!(fn retention_counts_accum_int4, pg_finfo_retention_counts_accum_int4,
    fast |f| unsafe { counts_fast::<3>(f, false, |[a, e, n]| valid_retention_counts(a, e, n)) },
    |f| unsafe { counts3(f, false, false) });
crate::pg_v1_fn!(fn retention_counts_accum_int8, pg_finfo_retention_counts_accum_int8,
    fast |f| unsafe { counts_fast::<3>(f, true, |[a, e, n]| valid_retention_counts(a, e, n)) },
    |f| unsafe { counts3(f, true, false) });
crate::pg_v1_fn!(fn retention_counts_inv_int4, pg_finfo_retention_counts_inv_int4, |f| unsafe { counts3(f, false, true) });
crate::pg_v1_fn!(fn retention_counts_inv_int8, pg_finfo_retention_counts_inv_int8, |f| unsafe { counts3(f, true, true) });
crate::pg_v1_fn!(fn churn_flags_accum, pg_finfo_churn_flags_accum,
    fast |f| unsafe {
        agg::fast_step::<RatioState, 2>(f, |s, [a, l]| {
            if let Some(lost) = churn_flag(a.value() != 0, l.value() != 0) {
                s.accum_flag(lost);
            }
            true
        })
    },
    |f| unsafe { flags(f, false) });
crate::pg_v1_fn!(fn churn_flags_inv, pg_finfo_churn_flags_inv, |f| unsafe { flags(f, true) });

pgrx::extension_sql_file!("churn.sql", name = "churn", requires = ["ratio"]);

#[cfg(test)]
mod unit_tests {
    use super::*;

    #[test]
    fn count_rows() {
        assert_eq!(churn_counts("churn_rate", 10, 3), Ok((3, 10)));
        assert_eq!(churn_counts("churn_rate", 0, 0), Ok((0, 0)));
        let e = churn_counts("churn_rate", 10, 12).unwrap_err();
        assert_eq!(
            (e.sqlstate(), e.message()),
            (
                "22023",
                "churn_rate customers_lost (12) exceeds customers_at_start (10)"
            )
        );
        let e = churn_counts("churn_rate", -1, 0).unwrap_err();
        assert_eq!(
            (e.sqlstate(), e.message()),
            (
                "22003",
                "churn_rate customers_at_start must not be negative, got -1"
            )
        );
        let e = churn_counts("retention_rate", 5, -2).unwrap_err();
        assert_eq!(
            e.message(),
            "retention_rate customers_lost must not be negative, got -2"
        );
    }

    #[test]
    fn classic_retention_rows() {
        assert_eq!(retention_counts(100, 95, 10), Ok((85, 100)));
        assert_eq!(retention_counts(0, 4, 4), Ok((0, 0)));
        let e = retention_counts(100, 5, 10).unwrap_err();
        assert_eq!(
            (e.sqlstate(), e.message()),
            (
                "22023",
                "retention_rate new_customers (10) exceeds customers_at_end (5)"
            )
        );
        let e = retention_counts(10, 30, 5).unwrap_err();
        assert_eq!(e.sqlstate(), "22023");
        assert!(
            e.message().contains("= 25) exceed customers_at_start (10)"),
            "{}",
            e.message()
        );
        for (s, e_, n, what) in [
            (-1, 0, 0, "customers_at_start"),
            (0, -1, 0, "customers_at_end"),
            (0, 0, -1, "new_customers"),
        ] {
            let e = retention_counts(s, e_, n).unwrap_err();
            assert_eq!(
                e.message(),
                format!("retention_rate {what} must not be negative, got -1")
            );
        }
    }

    #[test]
    fn fast_checks_accept_exactly_what_the_checked_forms_accept() {
        let values = [i64::MIN, -2, -1, 0, 1, 2, 3, 5, 8, i64::MAX - 1, i64::MAX];
        for a in values {
            for b in values {
                assert_eq!(
                    valid_churn_counts(a, b),
                    churn_counts("churn_rate", a, b).ok(),
                    "churn ({a}, {b})"
                );
                for c in values {
                    assert_eq!(
                        valid_retention_counts(a, b, c),
                        retention_counts(a, b, c).ok(),
                        "retention ({a}, {b}, {c})"
                    );
                }
            }
        }
    }

    #[test]
    fn flag_cohort() {
        assert_eq!(churn_flag(true, true), Some(true));
        assert_eq!(churn_flag(true, false), Some(false));
        assert_eq!(
            churn_flag(false, true),
            None,
            "joined during the period: outside the cohort"
        );
        let mut s = RatioState::default();
        for (a, l) in [(true, true), (true, false), (false, true), (true, false)] {
            if let Some(lost) = churn_flag(a, l) {
                s.accum_flag(lost);
            }
        }
        assert_eq!(s.finish(), Some((1, 3)));
        assert_eq!(s.finish_complement(), Some((2, 3)));
    }
}

#[cfg(any(test, feature = "pg_test"))]
#[pgrx::pg_schema]
mod tests {
    use crate::testing::{assert_errors, text};
    use pgrx::prelude::*;

    #[pg_test]
    fn churn_counts_and_flags() {
        let q = "SELECT concat_ws(' ', churn_rate(s, l), retention_rate(s, l), churn_rate(s::bigint, l::bigint))
                 FROM (VALUES (100, 5), (50, 10), (NULL, 3)) v(s, l)";
        assert_eq!(
            text(q).as_deref(),
            Some("10.0000000000000000 90.0000000000000000 10.0000000000000000")
        );
        let q = "SELECT concat_ws(' ', churn_rate(a, l), retention_rate(a, l))
                 FROM (VALUES (true, true), (true, false), (false, true), (true, NULL)) v(a, l)";
        assert_eq!(
            text(q).as_deref(),
            Some("50.0000000000000000 50.0000000000000000")
        );
        assert_eq!(text("SELECT churn_rate(0, 0)::text"), None);
        assert_eq!(
            text("SELECT retention_rate(100, 95, 10)::text").as_deref(),
            Some("85.0000000000000000")
        );
    }

    #[pg_test]
    fn churn_errors() {
        use PgSqlErrorCode::*;
        assert_errors(&[
            ("SELECT churn_rate(10, 12)", ERRCODE_INVALID_PARAMETER_VALUE, "churn_rate customers_lost (12) exceeds customers_at_start (10)"),
            ("SELECT churn_rate(-1, 0)", ERRCODE_NUMERIC_VALUE_OUT_OF_RANGE, "churn_rate customers_at_start must not be negative, got -1"),
            ("SELECT churn_rate(5::bigint, -2::bigint)", ERRCODE_NUMERIC_VALUE_OUT_OF_RANGE, "churn_rate customers_lost must not be negative, got -2"),
            ("SELECT retention_rate(10, 12)", ERRCODE_INVALID_PARAMETER_VALUE, "retention_rate customers_lost (12) exceeds customers_at_start (10)"),
            ("SELECT retention_rate(100, 5, 10)", ERRCODE_INVALID_PARAMETER_VALUE, "retention_rate new_customers (10) exceeds customers_at_end (5)"),
            ("SELECT retention_rate(10, 30, 5)", ERRCODE_INVALID_PARAMETER_VALUE, "retention_rate retained customers (customers_at_end 30 - new_customers 5 = 25) exceed customers_at_start (10)"),
            ("SELECT retention_rate(10, -1, 0)", ERRCODE_NUMERIC_VALUE_OUT_OF_RANGE, "retention_rate customers_at_end must not be negative, got -1"),
            ("SELECT churn_rate(9223372036854775807, 0), churn_rate(s, 0) FROM (VALUES (9223372036854775807), (1)) v(s)", ERRCODE_NUMERIC_VALUE_OUT_OF_RANGE, "churn_rate count overflows bigint"),
        ]);
    }
}
