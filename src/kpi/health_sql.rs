//! SQL glue of the customer health score ([`super::health`]): `measure_score`, `health_score`
//! and `health_tier`, scalar functions (IMMUTABLE, STRICT, PARALLEL SAFE) declared in
//! `health.sql`.

use super::health::{self, Value};
use crate::agg;
use crate::error::{raise, KpiError};
use crate::numeric::Scaled;
use pgrx::pg_sys;

/// A `numeric` argument, exact: NaN, infinities and values past 38 digits are 22003.
unsafe fn number(f: pg_sys::FunctionCallInfo, n: usize, kpi: &str, role: &str) -> Scaled {
    unsafe { agg::scaled_arg(agg::arg_datum(f, n), kpi, role) }
}

/// A `numeric[]` argument, exact, NULL elements `None`.
unsafe fn numbers(
    f: pg_sys::FunctionCallInfo,
    n: usize,
    kpi: &str,
    role: &str,
) -> Vec<Option<Scaled>> {
    unsafe {
        agg::varlena_array(agg::arg_datum(f, n), pg_sys::NUMERICOID)
            .into_iter()
            .map(|d| d.map(|d| agg::scaled_arg(d, kpi, role)))
            .collect()
    }
}

/// A [`Value`] as `numeric`: fractions divided by PostgreSQL's numeric division.
unsafe fn numeric(v: Value) -> pg_sys::Datum {
    unsafe {
        pg_sys::Datum::from(match v {
            Value::Exact(x) => agg::numeric_from_scaled(x),
            Value::Fraction(n, d) => {
                agg::numeric_div(agg::numeric_from_scaled(n), agg::numeric_from_scaled(d))
            }
        })
    }
}

fn or_raise<T>(r: Result<T, KpiError>) -> T {
    r.unwrap_or_else(|e| raise(e))
}

crate::pg_v1_fn!(fn measure_score_linear, pg_finfo_measure_score_linear, |f| unsafe {
    const KPI: &str = "measure_score";
    let (v, worst, best) = (number(f, 0, KPI, "value"), number(f, 1, KPI, "worst"), number(f, 2, KPI, "best"));
    numeric(or_raise(health::linear(v, worst, best)))
});

crate::pg_v1_fn!(fn measure_score_banded, pg_finfo_measure_score_banded, |f| unsafe {
    const KPI: &str = "measure_score";
    let v = number(f, 0, KPI, "value");
    let (t, s) = (numbers(f, 1, KPI, "threshold"), numbers(f, 2, KPI, "score"));
    pg_sys::Datum::from(agg::numeric_from_scaled(or_raise(health::banded(v, &t, &s))))
});

crate::pg_v1_fn!(fn health_score_arrays, pg_finfo_health_score_arrays, |f| unsafe {
    const KPI: &str = "health_score";
    let scores = numbers(f, 0, KPI, "score");
    let weights: Vec<Scaled> = numbers(f, 1, KPI, "weight")
        .into_iter()
        .enumerate()
        .map(|(i, w)| {
            w.unwrap_or_else(|| {
                raise(KpiError::InvalidParameter(format!("{KPI} weights must not contain NULL, got one at {}", i + 1)))
            })
        })
        .collect();
    match or_raise(health::score(&scores, &weights, |i| format!("measure {}", i + 1))) {
        Some(v) => numeric(v),
        None => agg::return_null(f),
    }
});

/// The text of a `jsonb` argument.
unsafe fn jsonb_text(f: pg_sys::FunctionCallInfo, n: usize) -> String {
    unsafe {
        let out = pgrx::fcinfo::direct_function_call_as_datum(
            pg_sys::jsonb_out,
            &[Some(agg::arg_datum(f, n))],
        )
        .expect("jsonb_out returns a value");
        std::ffi::CStr::from_ptr(out.cast_mut_ptr::<std::ffi::c_char>())
            .to_string_lossy()
            .into_owned()
    }
}

crate::pg_v1_fn!(fn health_score_named, pg_finfo_health_score_named, |f| unsafe {
    let (scores, weights, names) = or_raise(health::named(&jsonb_text(f, 0), &jsonb_text(f, 1)));
    match or_raise(health::score(&scores, &weights, |i| format!("\"{}\"", names[i]))) {
        Some(v) => numeric(v),
        None => agg::return_null(f),
    }
});

crate::pg_v1_fn!(fn health_tier, pg_finfo_health_tier, |f| unsafe {
    const KPI: &str = "health_tier";
    let score = number(f, 0, KPI, "score");
    let thresholds = numbers(f, 1, KPI, "threshold");
    let tiers: Vec<Option<String>> = agg::varlena_array(agg::arg_datum(f, 2), pg_sys::TEXTOID)
        .into_iter()
        .map(|d| d.map(|d| agg::text_arg(d)))
        .collect();
    let tier = or_raise(health::tier(score, &thresholds, &tiers));
    pgrx::IntoDatum::into_datum(tier).expect("text")
});

pgrx::extension_sql_file!("health.sql", name = "health");

#[cfg(any(test, feature = "pg_test"))]
#[pgrx::pg_schema]
mod tests {
    use crate::testing::{assert_errors, text};
    use pgrx::prelude::*;

    #[pg_test]
    fn health_score_values() {
        let q = "SELECT concat_ws(' ', health_score(ARRAY[47, 59, 21], ARRAY[20, 15, 22]),
                     round(health_score(ARRAY[47, 59, 21], ARRAY[20, 15, 22])),
                     health_score(ARRAY[47, NULL, 21], ARRAY[20, 15, 22]),
                     health_score('{\"usage\": 47, \"support\": 59, \"tickets\": 21}'::jsonb, '{\"usage\": 20, \"support\": 15, \"tickets\": 22}'),
                     health_score(ARRAY[NULL, 80]::numeric[], ARRAY[3, 0]) IS NULL,
                     measure_score(50, 0, 200), measure_score(12, 10, 0), measure_score(8, ARRAY[7, 9], ARRAY[0, 50, 100]),
                     health_tier(24.99), health_tier(25), health_tier(74), health_tier(75),
                     health_tier(60, ARRAY[60], ARRAY['red', 'green']))";
        assert_eq!(
            text(q).as_deref(),
            Some("40.1228070175438596 40 33.3809523809523810 40.1228070175438596 t 25.0000000000000000 0 50 At-risk Unhealthy Healthy High-value green")
        );
    }

    #[pg_test]
    fn health_score_errors() {
        use PgSqlErrorCode::*;
        assert_errors(&[
            (
                "SELECT health_score(ARRAY[1, 2], ARRAY[1, -5])",
                ERRCODE_INVALID_PARAMETER_VALUE,
                "health_score weight of measure 2 must not be negative, got -5",
            ),
            (
                "SELECT health_score(ARRAY[1, 2], ARRAY[0, 0])",
                ERRCODE_INVALID_PARAMETER_VALUE,
                "health_score weights must not all be zero, got 0, 0",
            ),
            (
                "SELECT health_score(ARRAY[1, 2], ARRAY[1, NULL])",
                ERRCODE_INVALID_PARAMETER_VALUE,
                "health_score weights must not contain NULL, got one at 2",
            ),
            (
                "SELECT health_score(ARRAY[1], ARRAY[1, 2])",
                ERRCODE_INVALID_PARAMETER_VALUE,
                "health_score needs a weight per score, got 1 scores and 2 weights",
            ),
            (
                "SELECT health_score(ARRAY[101], ARRAY[1])",
                ERRCODE_NUMERIC_VALUE_OUT_OF_RANGE,
                "health_score score of measure 1 must be within 0..100, got 101",
            ),
            (
                "SELECT health_score(ARRAY['NaN']::numeric[], ARRAY[1])",
                ERRCODE_NUMERIC_VALUE_OUT_OF_RANGE,
                "health_score score must be a finite number of at most 38 digits, got NaN",
            ),
            (
                "SELECT health_score('{\"a\": 1}'::jsonb, '{\"a\": -1}')",
                ERRCODE_INVALID_PARAMETER_VALUE,
                "health_score weight of \"a\" must not be negative, got -1",
            ),
            (
                "SELECT health_score('{\"b\": 1}'::jsonb, '{\"a\": 1}')",
                ERRCODE_INVALID_PARAMETER_VALUE,
                "health_score measure \"b\" has no weight",
            ),
            (
                "SELECT measure_score(1, 5, 5)",
                ERRCODE_INVALID_PARAMETER_VALUE,
                "measure_score worst and best must differ, got 5 and 5",
            ),
            (
                "SELECT measure_score(1, ARRAY[9, 7], ARRAY[0, 50, 100])",
                ERRCODE_INVALID_PARAMETER_VALUE,
                "measure_score thresholds must increase, got 9 then 7 at 2",
            ),
            (
                "SELECT measure_score(1, ARRAY[7], ARRAY[0, 500])",
                ERRCODE_INVALID_PARAMETER_VALUE,
                "measure_score scores must be within 0..100, got 500 at 2",
            ),
            (
                "SELECT health_tier(100.5)",
                ERRCODE_NUMERIC_VALUE_OUT_OF_RANGE,
                "health_tier score must be within 0..100, got 100.5",
            ),
            (
                "SELECT health_tier(50, ARRAY[50], ARRAY['a', 'a'])",
                ERRCODE_INVALID_PARAMETER_VALUE,
                "health_tier tiers must differ, got \"a\" twice",
            ),
            (
                "SELECT health_tier(50, ARRAY[50], ARRAY['a'])",
                ERRCODE_INVALID_PARAMETER_VALUE,
                "health_tier needs one tier more than thresholds, got 1 thresholds and 1 tiers",
            ),
        ]);
    }
}
