//! SQL glue of the confidence functions ([`super::confidence`]): `ci_lower`, `ci_upper`,
//! `margin_of_error`, `std_error` on `npssummary`, on the proportion summaries
//! (`csatsummary`, `sharesummary`, `churnsummary`, `mrrsummary`'s customer churn) and on
//! `cessummary` (the t interval of the mean, in score units), `nps_test`,
//! `nps_diff_ci_lower/upper`, `proportion_test`, `nps_sample_size`, `proportion_sample_size`.
//! Results are `double precision` in the KPI's units (NPS points, percent); NULL for an empty
//! summary. A confidence outside (0, 1) or an unknown method is 22023.

use super::ces_summary::CesSummary;
use super::churn_period::PeriodState;
use super::confidence::{self as stats, Interval, MEAN_METHODS, NPS_METHODS, PROPORTION_METHODS};
use super::csat_summary::CsatState;
use super::mrr::{MrrSummary, CHURN, STARTING};
use super::nps::NpsState;
use super::share_summary::ShareState;
use crate::agg;
use crate::error::{raise, KpiError};
use crate::summary::{self, Summary};
use pgrx::pg_sys;

/// A summary whose KPI is a proportion: its successes and observations.
trait Proportion: Summary {
    fn counts(&self) -> Result<(f64, f64), KpiError>;
}

impl Proportion for CsatState {
    fn counts(&self) -> Result<(f64, f64), KpiError> {
        Ok((self.satisfied as f64, self.responses as f64))
    }
}

impl Proportion for PeriodState {
    fn counts(&self) -> Result<(f64, f64), KpiError> {
        Ok((self.ratio.hits as f64, self.ratio.total as f64))
    }
}

impl Proportion for MrrSummary {
    fn counts(&self) -> Result<(f64, f64), KpiError> {
        Ok((self.counts[CHURN] as f64, self.counts[STARTING] as f64))
    }
}

impl Proportion for ShareState {
    /// Rows of `share_agg(condition)`; a weighted share counts only when its sums are whole.
    fn counts(&self) -> Result<(f64, f64), KpiError> {
        let whole = |x: crate::numeric::Scaled| {
            let p = 10i128.checked_pow(x.scale)?;
            (x.mantissa % p == 0).then(|| (x.mantissa / p) as f64)
        };
        match (whole(self.hits), whole(self.total)) {
            (Some(h), Some(t)) => Ok((h, t)),
            _ => Err(KpiError::InvalidParameter(format!(
                "a share interval needs counts, got a weighted share of {} in {}",
                self.hits, self.total
            ))),
        }
    }
}

/// `confidence` (argument `n`): in (0, 1), else 22023 naming the function.
pub(crate) unsafe fn confidence_arg(f: pg_sys::FunctionCallInfo, n: usize, kpi: &str) -> f64 {
    let c = f64::from_bits(unsafe { agg::arg_datum(f, n) }.value() as u64);
    if !(c > 0.0 && c < 1.0) {
        raise(KpiError::InvalidParameter(format!(
            "{kpi} confidence must be between 0 and 1 (exclusive), got {}",
            crate::numeric::float_text(c)
        )));
    }
    c
}

/// `method` (argument `n`): one of `known`, else 22023 listing them.
unsafe fn method_arg(
    f: pg_sys::FunctionCallInfo,
    n: usize,
    kpi: &str,
    known: &[&'static str],
) -> &'static str {
    let text =
        String::from_utf8_lossy(unsafe { agg::varlena_bytes(agg::arg_datum(f, n)) }).into_owned();
    match known.iter().find(|m| **m == text) {
        Some(m) => m,
        None => raise(KpiError::InvalidParameter(format!(
            "{kpi} method must be one of {}, got \"{text}\"",
            known.join(", ")
        ))),
    }
}

fn float(x: Option<f64>) -> Option<pg_sys::Datum> {
    x.map(|x| pg_sys::Datum::from(x.to_bits()))
}

/// Which end of an interval a function returns.
#[derive(Clone, Copy)]
enum End {
    Lower,
    Upper,
    Margin,
}

fn pick(i: Interval, end: End) -> f64 {
    match end {
        End::Lower => i.lower,
        End::Upper => i.upper,
        End::Margin => i.margin(),
    }
}

/// `ci_lower/ci_upper/margin_of_error(npssummary, confidence, method)`, in NPS points.
unsafe fn nps_ci(f: pg_sys::FunctionCallInfo, kpi: &str, end: End) -> pg_sys::Datum {
    unsafe {
        let z = stats::z(confidence_arg(f, 1, kpi));
        let adjusted = method_arg(f, 2, kpi, &NPS_METHODS) == "adjusted_wald";
        summary::accessor::<NpsState>(f, |s| {
            let i = stats::nps_interval(s.promoters(), s.detractors(), s.responses(), z, adjusted);
            float(i.map(|i| pick(i.times(100.0), end)))
        })
    }
}

/// `ci_lower/ci_upper/margin_of_error(<proportion summary>, confidence, method)`, in percent.
unsafe fn proportion_ci<S: Proportion>(
    f: pg_sys::FunctionCallInfo,
    kpi: &str,
    end: End,
) -> pg_sys::Datum {
    unsafe {
        let z = stats::z(confidence_arg(f, 1, kpi));
        let method = method_arg(f, 2, kpi, &PROPORTION_METHODS);
        summary::accessor::<S>(f, |s| {
            let (x, n) = s.counts().unwrap_or_else(|e| raise(e));
            float(stats::proportion_interval(x, n, z, method).map(|i| pick(i.times(100.0), end)))
        })
    }
}

/// `ci_lower/ci_upper/margin_of_error(cessummary, confidence, method)`: the t interval of the
/// mean score; NULL with fewer than two responses or without a sum of squares (version 1).
unsafe fn ces_ci(f: pg_sys::FunctionCallInfo, kpi: &str, end: End) -> pg_sys::Datum {
    unsafe {
        let confidence = confidence_arg(f, 1, kpi);
        method_arg(f, 2, kpi, &MEAN_METHODS);
        summary::accessor::<CesSummary>(f, |s| {
            let (mean, variance) = s.moments()?;
            float(stats::mean_interval(mean, variance, s.count, confidence).map(|i| pick(i, end)))
        })
    }
}

unsafe fn proportion_se<S: Proportion>(f: pg_sys::FunctionCallInfo) -> pg_sys::Datum {
    unsafe {
        summary::accessor::<S>(f, |s| {
            let (x, n) = s.counts().unwrap_or_else(|e| raise(e));
            float(stats::proportion_std_error(x, n).map(|se| se * 100.0))
        })
    }
}

unsafe fn proportion_test<S: Proportion>(f: pg_sys::FunctionCallInfo) -> pg_sys::Datum {
    unsafe {
        let a = summary::arg::<S>(agg::arg_datum(f, 0))
            .counts()
            .unwrap_or_else(|e| raise(e));
        let b = summary::arg::<S>(agg::arg_datum(f, 1))
            .counts()
            .unwrap_or_else(|e| raise(e));
        match stats::proportion_test(a.0, a.1, b.0, b.1) {
            Some(p) => pg_sys::Datum::from(p.to_bits()),
            None => agg::return_null(f),
        }
    }
}

/// Promoters, detractors and answers of the `npssummary` in argument `n`.
unsafe fn nps_counts(f: pg_sys::FunctionCallInfo, n: usize) -> (i64, i64, i64) {
    let s = unsafe { summary::arg::<NpsState>(agg::arg_datum(f, n)) };
    (s.promoters(), s.detractors(), s.responses())
}

unsafe fn nps_diff(f: pg_sys::FunctionCallInfo, kpi: &str, end: End) -> pg_sys::Datum {
    unsafe {
        let z = stats::z(confidence_arg(f, 2, kpi));
        match stats::nps_diff_interval(nps_counts(f, 0), nps_counts(f, 1), z) {
            Some(i) => pg_sys::Datum::from(pick(i.times(100.0), end).to_bits()),
            None => agg::return_null(f),
        }
    }
}

unsafe fn sample_size(
    f: pg_sys::FunctionCallInfo,
    kpi: &str,
    size: fn(f64, f64) -> f64,
) -> pg_sys::Datum {
    unsafe {
        let margin = f64::from_bits(agg::arg_datum(f, 0).value() as u64);
        if !(margin > 0.0 && margin <= 100.0) {
            raise(KpiError::InvalidParameter(format!(
                "{kpi} margin must be above 0 and at most 100, got {}",
                crate::numeric::float_text(margin)
            )));
        }
        let z = stats::z(confidence_arg(f, 1, kpi));
        pg_sys::Datum::from(size(margin, z) as i64)
    }
}

crate::pg_v1_fn!(fn nps_ci_lower, pg_finfo_nps_ci_lower, |f| unsafe { nps_ci(f, "ci_lower", End::Lower) });
crate::pg_v1_fn!(fn nps_ci_upper, pg_finfo_nps_ci_upper, |f| unsafe { nps_ci(f, "ci_upper", End::Upper) });
crate::pg_v1_fn!(fn nps_margin_of_error, pg_finfo_nps_margin_of_error, |f| unsafe { nps_ci(f, "margin_of_error", End::Margin) });
crate::pg_v1_fn!(fn nps_std_error, pg_finfo_nps_std_error, |f| unsafe {
    summary::accessor::<NpsState>(f, |s| float(stats::nps_std_error(s.promoters(), s.detractors(), s.responses()).map(|se| se * 100.0)))
});
crate::pg_v1_fn!(fn nps_test, pg_finfo_nps_test, |f| unsafe {
    match stats::nps_test(nps_counts(f, 0), nps_counts(f, 1)) {
        Some(p) => pg_sys::Datum::from(p.to_bits()),
        None => agg::return_null(f),
    }
});
crate::pg_v1_fn!(fn nps_diff_ci_lower, pg_finfo_nps_diff_ci_lower, |f| unsafe { nps_diff(f, "nps_diff_ci_lower", End::Lower) });
crate::pg_v1_fn!(fn nps_diff_ci_upper, pg_finfo_nps_diff_ci_upper, |f| unsafe { nps_diff(f, "nps_diff_ci_upper", End::Upper) });
crate::pg_v1_fn!(fn nps_sample_size, pg_finfo_nps_sample_size, |f| unsafe { sample_size(f, "nps_sample_size", stats::nps_sample_size) });
crate::pg_v1_fn!(fn proportion_sample_size, pg_finfo_proportion_sample_size, |f| unsafe {
    sample_size(f, "proportion_sample_size", stats::proportion_sample_size)
});

crate::pg_v1_fn!(fn ces_ci_lower, pg_finfo_ces_ci_lower, |f| unsafe { ces_ci(f, "ci_lower", End::Lower) });
crate::pg_v1_fn!(fn ces_ci_upper, pg_finfo_ces_ci_upper, |f| unsafe { ces_ci(f, "ci_upper", End::Upper) });
crate::pg_v1_fn!(fn ces_margin_of_error, pg_finfo_ces_margin_of_error, |f| unsafe { ces_ci(f, "margin_of_error", End::Margin) });
crate::pg_v1_fn!(fn ces_std_error, pg_finfo_ces_std_error, |f| unsafe {
    summary::accessor::<CesSummary>(f, |s| {
        let (_, variance) = s.moments()?;
        float(stats::mean_std_error(variance, s.count))
    })
});

macro_rules! proportion_functions {
    ($state:ty, $lower:ident, $flower:ident, $upper:ident, $fupper:ident, $margin:ident, $fmargin:ident,
     $se:ident, $fse:ident, $test:ident, $ftest:ident) => {
        crate::pg_v1_fn!(fn $lower, $flower, |f| unsafe { proportion_ci::<$state>(f, "ci_lower", End::Lower) });
        crate::pg_v1_fn!(fn $upper, $fupper, |f| unsafe { proportion_ci::<$state>(f, "ci_upper", End::Upper) });
        crate::pg_v1_fn!(fn $margin, $fmargin, |f| unsafe { proportion_ci::<$state>(f, "margin_of_error", End::Margin) });
        crate::pg_v1_fn!(fn $se, $fse, |f| unsafe { proportion_se::<$state>(f) });
        crate::pg_v1_fn!(fn $test, $ftest, |f| unsafe { proportion_test::<$state>(f) });
    };
}
proportion_functions!(
    CsatState,
    csat_ci_lower,
    pg_finfo_csat_ci_lower,
    csat_ci_upper,
    pg_finfo_csat_ci_upper,
    csat_margin_of_error,
    pg_finfo_csat_margin_of_error,
    csat_std_error,
    pg_finfo_csat_std_error,
    csat_proportion_test,
    pg_finfo_csat_proportion_test
);
proportion_functions!(
    ShareState,
    share_ci_lower,
    pg_finfo_share_ci_lower,
    share_ci_upper,
    pg_finfo_share_ci_upper,
    share_margin_of_error,
    pg_finfo_share_margin_of_error,
    share_std_error,
    pg_finfo_share_std_error,
    share_proportion_test,
    pg_finfo_share_proportion_test
);
proportion_functions!(
    PeriodState,
    churn_ci_lower,
    pg_finfo_churn_ci_lower,
    churn_ci_upper,
    pg_finfo_churn_ci_upper,
    churn_margin_of_error,
    pg_finfo_churn_margin_of_error,
    churn_std_error,
    pg_finfo_churn_std_error,
    churn_proportion_test,
    pg_finfo_churn_proportion_test
);
proportion_functions!(
    MrrSummary,
    mrr_ci_lower,
    pg_finfo_mrr_ci_lower,
    mrr_ci_upper,
    pg_finfo_mrr_ci_upper,
    mrr_margin_of_error,
    pg_finfo_mrr_margin_of_error,
    mrr_std_error,
    pg_finfo_mrr_std_error,
    mrr_proportion_test,
    pg_finfo_mrr_proportion_test
);

pgrx::extension_sql_file!(
    "confidence.sql",
    name = "confidence",
    requires = [
        "nps_summary",
        "ces_summary",
        "csat_summary",
        "share_summary",
        "churn_summary",
        "mrr"
    ]
);

#[cfg(any(test, feature = "pg_test"))]
#[pgrx::pg_schema]
mod tests {
    use crate::testing::{assert_errors, text};
    use pgrx::prelude::*;

    #[pg_test]
    fn intervals_in_sql() {
        let nps = r#"'{"v":1,"counts":[40,0,0,0,0,0,0,70,0,90,0]}'::npssummary"#;
        let q = format!(
            "SELECT concat_ws(' ', round(ci_lower({nps})::numeric, 1), round(ci_upper({nps})::numeric, 1),
                                   round(margin_of_error({nps}, 0.95, 'wald')::numeric, 1), proportion_sample_size(5),
                                   round(ci_lower(churn_agg(100, 45), 0.95, 'agresti_coull')::numeric, 2))"
        );
        assert_eq!(text(&q).as_deref(), Some("14.1 35.2 10.6 385 35.61"));
    }

    #[pg_test]
    fn ces_t_interval_in_sql() {
        // scipy: t.interval(0.95, 7, loc=5, scale=sem([2, 4, 4, 4, 5, 5, 7, 9]))
        let q = "SELECT concat_ws(' ', round(ci_lower(c)::numeric, 10), round(ci_upper(c)::numeric, 10),
                                   round(std_error(c)::numeric, 10), round(ci_upper(c, 0.9, 't')::numeric, 10))
                 FROM (SELECT ces_agg(s) AS c FROM unnest(array[2, 4, 4, 4, 5, 5, 7, 9, NULL]) s) t";
        assert_eq!(
            text(q).as_deref(),
            Some("3.2125120818 6.7874879182 0.7559289460 6.4321668081")
        );
        // one response, a version 1 summary, a summary of nothing: no interval
        for s in [
            "ces_agg(4)",
            r#"'{"v":1,"count":8,"sum":40}'::cessummary"#,
            r#"'{"v":2,"count":0,"sum":0,"sum_squares":0}'::cessummary"#,
        ] {
            let q = format!("SELECT concat_ws(',', ci_lower({s}), ci_upper({s}), margin_of_error({s}), std_error({s}))");
            assert_eq!(text(&q).as_deref(), Some(""), "{s}");
        }
    }

    #[pg_test]
    fn confidence_errors() {
        use PgSqlErrorCode::*;
        let nps = r#"'{"v":1,"counts":[40,0,0,0,0,0,0,70,0,90,0]}'::npssummary"#;
        assert_errors(&[
            (
                &format!("SELECT ci_lower({nps}, 1.5)"),
                ERRCODE_INVALID_PARAMETER_VALUE,
                "ci_lower confidence must be between 0 and 1 (exclusive), got 1.5",
            ),
            (
                &format!("SELECT margin_of_error({nps}, 'NaN')"),
                ERRCODE_INVALID_PARAMETER_VALUE,
                "margin_of_error confidence must be between 0 and 1 (exclusive), got NaN",
            ),
            (
                &format!("SELECT ci_upper({nps}, 0.9, 'wilson')"),
                ERRCODE_INVALID_PARAMETER_VALUE,
                r#"ci_upper method must be one of adjusted_wald, wald, got "wilson""#,
            ),
            (
                "SELECT ci_lower(churn_agg(10, 2), 0.9, 'exact')",
                ERRCODE_INVALID_PARAMETER_VALUE,
                r#"ci_lower method must be one of wilson, wald, agresti_coull, got "exact""#,
            ),
            (
                "SELECT ci_lower(ces_agg(s), 0.9, 'z') FROM generate_series(1, 3) s",
                ERRCODE_INVALID_PARAMETER_VALUE,
                r#"ci_lower method must be one of t, got "z""#,
            ),
            (
                "SELECT margin_of_error(ces_agg(s), 0) FROM generate_series(1, 3) s",
                ERRCODE_INVALID_PARAMETER_VALUE,
                "margin_of_error confidence must be between 0 and 1 (exclusive), got 0",
            ),
            (
                "SELECT nps_sample_size(0)",
                ERRCODE_INVALID_PARAMETER_VALUE,
                "nps_sample_size margin must be above 0 and at most 100, got 0",
            ),
            (
                "SELECT proportion_sample_size(5, 1)",
                ERRCODE_INVALID_PARAMETER_VALUE,
                "proportion_sample_size confidence must be between 0 and 1 (exclusive), got 1",
            ),
            (
                "SELECT std_error(share_agg(true, 2.5))",
                ERRCODE_INVALID_PARAMETER_VALUE,
                "a share interval needs counts, got a weighted share of 2.5 in 2.5",
            ),
        ]);
    }
}
