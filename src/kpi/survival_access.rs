//! The accessors of `survivalsummary` ([`super::survival`]'s life table; the aggregate and the
//! type's I/O are in [`super::survival_sql`]): `customers`, `churned_customers`, `survival_at`,
//! `survival_std_error`, `survival_lower`/`survival_upper`, `median_lifetime`, `rmst`,
//! `lifetime_value`, `logrank_test`, `whole_periods`, `survival_curve`. Each is STRICT: NULL
//! for a NULL summary.

use super::survival::{LifeTable, MedianRule, Point};
use super::survival_sql::infinite_date;
use crate::agg::{self, float, float_arg};
use crate::error::{raise, KpiError};
use crate::summary;
use pgrx::pg_sys;

/// A duration argument: finite; else 22023 naming it.
unsafe fn time_arg(f: pg_sys::FunctionCallInfo, n: usize, what: &str) -> f64 {
    let t = unsafe { float_arg(f, n) };
    if !t.is_finite() {
        raise(KpiError::InvalidParameter(format!(
            "{what} must be a finite number, got {}",
            crate::numeric::float_text(t)
        )));
    }
    t
}

/// The normal quantile of a two-sided `confidence` (argument `n`): 22023 outside (0, 1).
unsafe fn z_arg(f: pg_sys::FunctionCallInfo, n: usize, kpi: &str) -> f64 {
    super::confidence::z(unsafe { super::confidence_sql::confidence_arg(f, n, kpi) })
}

unsafe fn point_at(f: pg_sys::FunctionCallInfo, kpi: &str) -> Option<(LifeTable, Option<Point>)> {
    unsafe {
        let t = summary::arg::<LifeTable>(agg::arg_datum(f, 0));
        let at = time_arg(f, 1, &format!("{kpi} duration"));
        if t.rows.is_empty() {
            return None;
        }
        let p = t.at(at);
        Some((t, p))
    }
}

crate::pg_v1_fn!(fn survivalsummary_customers, pg_finfo_survivalsummary_customers, |f| unsafe {
    summary::accessor::<LifeTable>(f, |t| Some(pg_sys::Datum::from(t.customers())))
});
crate::pg_v1_fn!(fn survivalsummary_churned, pg_finfo_survivalsummary_churned, |f| unsafe {
    summary::accessor::<LifeTable>(f, |t| Some(pg_sys::Datum::from(t.churned())))
});
crate::pg_v1_fn!(fn survival_at, pg_finfo_survival_at, |f| unsafe {
    match point_at(f, "survival_at") {
        Some((_, p)) => float(p.map_or(1.0, |p| p.survival)),
        None => agg::return_null(f),
    }
});
crate::pg_v1_fn!(fn survival_std_error, pg_finfo_survival_std_error, |f| unsafe {
    match point_at(f, "survival_std_error") {
        Some((_, p)) => float(p.map_or(0.0, |p| p.std_error())),
        None => agg::return_null(f),
    }
});
unsafe fn bound(
    f: pg_sys::FunctionCallInfo,
    kpi: &str,
    upper: bool,
    with_confidence: bool,
) -> pg_sys::Datum {
    unsafe {
        let z = if with_confidence {
            z_arg(f, 2, kpi)
        } else {
            super::confidence::z(0.95)
        };
        match point_at(f, kpi) {
            Some((_, p)) => {
                let (lo, hi) = p.map_or((1.0, 1.0), |p| p.interval(z));
                float(if upper { hi } else { lo })
            }
            None => agg::return_null(f),
        }
    }
}
crate::pg_v1_fn!(fn survival_lower, pg_finfo_survival_lower, |f| unsafe { bound(f, "survival_lower", false, false) });
crate::pg_v1_fn!(fn survival_lower_confidence, pg_finfo_survival_lower_confidence, |f| unsafe { bound(f, "survival_lower", false, true) });
crate::pg_v1_fn!(fn survival_upper, pg_finfo_survival_upper, |f| unsafe { bound(f, "survival_upper", true, false) });
crate::pg_v1_fn!(fn survival_upper_confidence, pg_finfo_survival_upper_confidence, |f| unsafe { bound(f, "survival_upper", true, true) });

unsafe fn median(f: pg_sys::FunctionCallInfo, rule: MedianRule) -> pg_sys::Datum {
    unsafe { summary::accessor::<LifeTable>(f, |t| t.median(rule).map(float)) }
}
crate::pg_v1_fn!(fn median_lifetime, pg_finfo_median_lifetime, |f| unsafe { median(f, MedianRule::First) });
crate::pg_v1_fn!(fn median_lifetime_rule, pg_finfo_median_lifetime_rule, |f| unsafe {
    let text = pgrx::text_to_rust_str(agg::arg_datum(f, 1).cast_mut_ptr()).unwrap_or("");
    let rule = MedianRule::parse("median_lifetime", text).unwrap_or_else(|e| raise(e));
    median(f, rule)
});

/// The horizon argument (`n`): finite and not negative; else 22023.
unsafe fn horizon_arg(f: pg_sys::FunctionCallInfo, n: usize, kpi: &str) -> f64 {
    let h = unsafe { time_arg(f, n, &format!("{kpi} horizon")) };
    if h < 0.0 {
        raise(KpiError::InvalidParameter(format!(
            "{kpi} horizon must not be negative, got {}",
            crate::numeric::float_text(h)
        )));
    }
    h
}
crate::pg_v1_fn!(fn survival_rmst, pg_finfo_survival_rmst, |f| unsafe {
    let h = horizon_arg(f, 1, "rmst");
    summary::accessor::<LifeTable>(f, |t| t.rmst(h).map(float))
});
crate::pg_v1_fn!(fn survival_lifetime_value, pg_finfo_survival_lifetime_value, |f| unsafe {
    let h = horizon_arg(f, 2, "lifetime_value");
    let arpa_datum = agg::arg_datum(f, 1);
    let arpa = agg::scaled_arg(arpa_datum, "lifetime_value", "arpa");
    if arpa.is_negative() {
        raise(KpiError::OutOfRange(format!("lifetime_value arpa must not be negative, got {}", agg::numeric_text(arpa_datum))));
    }
    summary::accessor::<LifeTable>(f, |t| {
        t.rmst(h).map(|m| pg_sys::Datum::from(agg::numeric_mul(agg::numeric_from_f64(m), arpa_datum.cast_mut_ptr())))
    })
});
crate::pg_v1_fn!(fn survival_logrank, pg_finfo_survival_logrank, |f| unsafe {
    let a = summary::arg::<LifeTable>(agg::arg_datum(f, 0));
    let b = summary::arg::<LifeTable>(agg::arg_datum(f, 1));
    match super::survival::logrank(&a, &b) {
        Some((_, p)) => float(p),
        None => agg::return_null(f),
    }
});

crate::pg_v1_fn!(fn survival_whole_periods, pg_finfo_survival_whole_periods, |f| unsafe {
    const WHAT: &str = "whole_periods";
    let day = |n: usize, what: &str| {
        let d = i64::from(agg::arg_datum(f, n).value() as i32);
        if crate::time::Kind::Date.infinite(d) {
            infinite_date(WHAT, what, d)
        }
        d
    };
    let (from, to) = (day(0, "from_date"), day(1, "to_date"));
    if to < from {
        let date = |d| crate::time::Moment(crate::time::Kind::Date, d);
        raise(KpiError::InvalidParameter(format!("{WHAT} to_date ({}) is before from_date ({})", date(to), date(from))));
    }
    let text = pgrx::text_to_rust_str(agg::arg_datum(f, 2).cast_mut_ptr()).unwrap_or("");
    let unit = super::survival::Unit::parse(WHAT, text).unwrap_or_else(|e| raise(e));
    pg_sys::Datum::from(super::survival::whole_periods(from, to, unit))
});

// The curve's counts (time, at risk, churned, censored, entered per point) as `bigint[]`, for
// `survival_curve()`.
crate::pg_v1_fn!(fn survival_curve_counts, pg_finfo_survival_curve_counts, |f| unsafe {
    let t = summary::arg::<LifeTable>(agg::arg_datum(f, 0));
    let flat: Vec<i64> = t.curve().iter().flat_map(|p| [p.time, p.at_risk, p.churned, p.censored, p.entered]).collect();
    pgrx::IntoDatum::into_datum(flat).expect("an array is a value")
});
// The curve's estimates (survival, standard error, lower, upper per point) as
// `double precision[]`, for `survival_curve()`.
crate::pg_v1_fn!(fn survival_curve_estimates, pg_finfo_survival_curve_estimates, |f| unsafe {
    let z = z_arg(f, 1, "survival_curve");
    let t = summary::arg::<LifeTable>(agg::arg_datum(f, 0));
    let flat: Vec<f64> = t
        .curve()
        .iter()
        .flat_map(|p| {
            let (lo, hi) = p.interval(z);
            [p.survival, p.std_error(), lo, hi]
        })
        .collect();
    pgrx::IntoDatum::into_datum(flat).expect("an array is a value")
});
