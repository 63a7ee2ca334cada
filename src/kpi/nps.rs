//! # `nps(score)`: Net Promoter Score
//!
//! - Signatures: `nps(score smallint | integer | bigint | numeric) -> numeric`.
//! - Scores are answers on the 0-10 "how likely are you to recommend us" scale. Promoters answer
//!   9-10, passives 7-8, detractors 0-6. `nps = 100 * (promoters - detractors) / n`, where `n`
//!   counts the non-NULL scores. The result is `numeric` in [-100, 100], equal to the
//!   hand-written `100.0 * (count(*) FILTER (WHERE s >= 9) - count(*) FILTER (WHERE s <= 6)) /
//!   count(s)`.
//! - NULL scores are skipped. No non-NULL score in the group (no rows, all NULL) gives NULL.
//! - A score outside 0..10 is an ERROR with SQLSTATE 22003 naming the value
//!   (`nps score must be between 0 and 10, got 11`); a `numeric` score must also be a whole
//!   number (`9.0` is 9; `9.5`, `NaN` and `Infinity` are 22003 errors).
//! - PARALLEL SAFE (combine, serialize, deserialize). As a window aggregate it has an exact
//!   moving form (inverse transition on integer counters), so a sliding frame costs O(1) per
//!   row whatever its width.
//!
//! The state is the full 0-10 histogram, so it can answer any question a raw scan could.

use crate::agg::{self, AggState};
use crate::bytes::{Reader, Writer};
use crate::error::KpiError;
use crate::numeric::{self, WholeNumber};
use pgrx::pg_sys;

/// The highest score of the 0-10 scale.
pub const MAX_SCORE: i64 = 10;
/// The number of scores on the scale, 0..=10.
pub const BUCKETS: usize = MAX_SCORE as usize + 1;
/// Version byte of the serialized state.
const BYTES_VERSION: u8 = 1;

/// How many responses gave each score 0..=10.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct NpsState {
    counts: [i64; BUCKETS],
}

#[cold]
fn score_out_of_range(score: impl std::fmt::Display) -> KpiError {
    KpiError::OutOfRange(format!("nps score must be between 0 and 10, got {score}"))
}

/// The error for a `numeric` score that is not a whole number 0..10 (its text is `shown`).
#[cold]
pub fn score_not_whole(shown: &str) -> KpiError {
    KpiError::OutOfRange(format!(
        "nps score must be a whole number between 0 and 10, got {shown}"
    ))
}

impl NpsState {
    /// Count one response.
    #[inline(always)]
    pub fn accum(&mut self, score: i64) -> Result<(), KpiError> {
        if self.try_accum(score) {
            Ok(())
        } else {
            Err(score_out_of_range(score))
        }
    }

    /// [`NpsState::accum`] without the error: false, changing nothing, outside 0..10.
    #[inline(always)]
    pub fn try_accum(&mut self, score: i64) -> bool {
        let Some(count) = self.counts.get_mut(score as u64 as usize) else {
            return false;
        };
        *count += 1;
        true
    }

    /// Un-count one response previously counted (the moving-aggregate inverse).
    #[inline(always)]
    pub fn remove(&mut self, score: i64) -> Result<(), KpiError> {
        if (score as u64) <= MAX_SCORE as u64 && self.counts[score as usize] > 0 {
            self.counts[score as usize] -= 1;
            Ok(())
        } else {
            Err(score_out_of_range(score))
        }
    }

    /// The histogram: responses per score 0..=10.
    pub fn counts(&self) -> [i64; BUCKETS] {
        self.counts
    }

    /// A state from a histogram; negative counts or a total beyond `bigint` are impossible.
    pub fn from_counts(counts: [i64; BUCKETS]) -> Option<Self> {
        let total = counts.iter().try_fold(0i64, |acc, c| {
            (*c >= 0).then(|| acc.checked_add(*c)).flatten()
        });
        total.map(|_| NpsState { counts })
    }

    /// Remove a whole histogram (the inverse of merging it in); `None` if it was not there.
    pub fn unmerge(&mut self, other: &Self) -> Option<()> {
        let mut out = self.counts;
        for (mine, theirs) in out.iter_mut().zip(other.counts) {
            *mine = mine.checked_sub(theirs).filter(|c| *c >= 0)?;
        }
        self.counts = out;
        Some(())
    }

    /// Sum of score x responses, for the mean score.
    pub fn score_sum(&self) -> i128 {
        self.counts
            .iter()
            .enumerate()
            .map(|(s, c)| s as i128 * i128::from(*c))
            .sum()
    }

    /// Responses that gave `score`.
    pub fn count(&self, score: usize) -> i64 {
        self.counts.get(score).copied().unwrap_or(0)
    }

    /// Non-NULL responses counted.
    pub fn responses(&self) -> i64 {
        self.counts.iter().sum()
    }

    /// Responses scoring 9 or 10.
    pub fn promoters(&self) -> i64 {
        self.counts[9] + self.counts[10]
    }

    /// Responses scoring 7 or 8.
    pub fn passives(&self) -> i64 {
        self.counts[7] + self.counts[8]
    }

    /// Responses scoring 0 to 6.
    pub fn detractors(&self) -> i64 {
        self.counts[..7].iter().sum()
    }

    /// `Some((promoters - detractors, responses))`, the NPS being `100 * net / responses`;
    /// `None` when nothing was counted.
    pub fn finish(&self) -> Option<(i64, i64)> {
        let n = self.responses();
        (n > 0).then(|| (self.promoters() - self.detractors(), n))
    }

    /// The NPS as a float, for tests and diagnostics (SQL gets an exact `numeric`).
    pub fn nps_f64(&self) -> Option<f64> {
        self.finish().map(|(net, n)| 100.0 * net as f64 / n as f64)
    }
}

impl AggState for NpsState {
    #[inline(always)] // into rollup(npssummary)'s transition: one call a summary fewer
    fn merge(&mut self, other: &Self) -> Result<(), KpiError> {
        let mut out = self.counts;
        for (mine, theirs) in out.iter_mut().zip(other.counts) {
            *mine = mine.checked_add(theirs).ok_or_else(|| {
                KpiError::OutOfRange("nps response count overflows bigint".into())
            })?;
        }
        out.iter()
            .try_fold(0i64, |acc, c| acc.checked_add(*c))
            .ok_or_else(|| KpiError::OutOfRange("nps response count overflows bigint".into()))?;
        self.counts = out;
        Ok(())
    }

    fn to_bytes(&self) -> Vec<u8> {
        self.counts
            .iter()
            .fold(Writer::new(BYTES_VERSION), |w, c| w.i64(*c))
            .into_vec()
    }

    fn from_bytes(bytes: &[u8]) -> Result<Self, KpiError> {
        let mut r = Reader::new(bytes, "nps", BYTES_VERSION)?;
        let mut state = NpsState::default();
        for slot in state.counts.iter_mut() {
            *slot = r.count()?;
        }
        r.end()?;
        if state
            .counts
            .iter()
            .try_fold(0i64, |acc, c| acc.checked_add(*c))
            .is_none()
        {
            return Err(KpiError::BadText(
                "invalid nps state: total overflows bigint".into(),
            ));
        }
        Ok(state)
    }
}

// ---------------------------------------------------------------------------------------------
// SQL glue: adapt datums, find the state, map errors. Declared in nps.sql.

/// The score of a `numeric` datum, read in place; non-whole values raise 22003.
#[inline(always)]
unsafe fn numeric_score(datum: pg_sys::Datum) -> i64 {
    unsafe {
        match numeric::classify(agg::varlena_bytes(datum)) {
            WholeNumber::Int(v) => v,
            _ => crate::error::raise(score_not_whole(&agg::numeric_text(datum))),
        }
    }
}

/// Count (or with `inverse`, un-count) the score in argument 1. The state exists from the first
/// row on, NULL or not: as a moving aggregate's msfunc this must never return NULL.
#[inline(always)]
unsafe fn step(
    fcinfo: pg_sys::FunctionCallInfo,
    score: unsafe fn(pg_sys::Datum) -> i64,
    inverse: bool,
) -> pg_sys::Datum {
    unsafe {
        let score = (!agg::arg_is_null(fcinfo, 1)).then(|| score(agg::arg_datum(fcinfo, 1)));
        agg::transition::<NpsState>(
            fcinfo,
            #[inline(always)]
            |s| match score {
                None => Ok(()),
                Some(x) if inverse => s.remove(x),
                Some(x) => s.accum(x),
            },
        )
    }
}

/// `x` when it is a whole number below 1e15 in magnitude, else `None`. `x as i64` back to
/// `f64` equals `x` exactly when `x` is whole (NaN and infinities never): no call to libm's
/// `trunc`, which `x.fract()` is without SSE4.1.
#[inline(always)]
fn whole_score(x: f64) -> Option<i64> {
    let whole = x as i64;
    (whole as f64 == x && x.abs() < 1e15).then_some(whole)
}

/// The score of a `double precision` datum, read as `float8::numeric` reads it; a value that is
/// not a whole number raises 22003 (outside 0..10, the transition does).
#[inline(always)]
unsafe fn float8_score(d: pg_sys::Datum) -> i64 {
    let x = f64::from_bits(d.value() as u64);
    if let Some(score) = whole_score(x) {
        return score; // the common case, no decimal conversion
    }
    match numeric::scaled_from_f64(x) {
        Ok(s) if s.scale == 0 => i64::try_from(s.mantissa)
            .unwrap_or_else(|_| crate::error::raise(score_out_of_range(numeric::float_text(x)))),
        _ => crate::error::raise(score_not_whole(&numeric::float_text(x))),
    }
}

unsafe fn int2_score(d: pg_sys::Datum) -> i64 {
    i64::from(d.value() as i16)
}
unsafe fn int4_score(d: pg_sys::Datum) -> i64 {
    i64::from(d.value() as i32)
}
unsafe fn int8_score(d: pg_sys::Datum) -> i64 {
    d.value() as i64
}

/// The fast path of an integer transition: a valid score counted in an existing state.
#[inline(always)]
unsafe fn fast(
    fcinfo: pg_sys::FunctionCallInfo,
    score: unsafe fn(pg_sys::Datum) -> i64,
) -> Option<pg_sys::Datum> {
    unsafe { agg::fast_step::<NpsState, 1>(fcinfo, |s, [d]| s.try_accum(score(d))) }
}

crate::pg_v1_fn!(fn nps_accum_int2, pg_finfo_nps_accum_int2, fast |f| unsafe { fast(f, int2_score) }, |fcinfo| unsafe { step(fcinfo, int2_score, false) });
crate::pg_v1_fn!(fn nps_accum_int4, pg_finfo_nps_accum_int4, fast |f| unsafe { fast(f, int4_score) }, |fcinfo| unsafe { step(fcinfo, int4_score, false) });
crate::pg_v1_fn!(fn nps_accum_int8, pg_finfo_nps_accum_int8, fast |f| unsafe { fast(f, int8_score) }, |fcinfo| unsafe { step(fcinfo, int8_score, false) });
crate::pg_v1_fn!(fn nps_accum_numeric, pg_finfo_nps_accum_numeric, |fcinfo| unsafe { step(fcinfo, numeric_score, false) });
crate::pg_v1_fn!(fn nps_accum_float8, pg_finfo_nps_accum_float8, |fcinfo| unsafe { step(fcinfo, float8_score, false) });
crate::pg_v1_fn!(fn nps_inv_float8, pg_finfo_nps_inv_float8, |fcinfo| unsafe { step(fcinfo, float8_score, true) });
crate::pg_v1_fn!(fn nps_inv_int2, pg_finfo_nps_inv_int2, |fcinfo| unsafe { step(fcinfo, int2_score, true) });
crate::pg_v1_fn!(fn nps_inv_int4, pg_finfo_nps_inv_int4, |fcinfo| unsafe { step(fcinfo, int4_score, true) });
crate::pg_v1_fn!(fn nps_inv_int8, pg_finfo_nps_inv_int8, |fcinfo| unsafe { step(fcinfo, int8_score, true) });
crate::pg_v1_fn!(fn nps_inv_numeric, pg_finfo_nps_inv_numeric, |fcinfo| unsafe { step(fcinfo, numeric_score, true) });
crate::pg_v1_fn!(fn nps_combine, pg_finfo_nps_combine, |fcinfo| unsafe { agg::combine::<NpsState>(fcinfo) });
crate::pg_v1_fn!(fn nps_serialize, pg_finfo_nps_serialize, |fcinfo| unsafe { agg::serialize::<NpsState>(fcinfo) });
crate::pg_v1_fn!(fn nps_deserialize, pg_finfo_nps_deserialize, |fcinfo| unsafe { agg::deserialize::<NpsState>(fcinfo) });
crate::pg_v1_fn!(fn nps_final, pg_finfo_nps_final, |fcinfo| unsafe {
    let state = &*agg::arg_datum(fcinfo, 0).cast_mut_ptr::<NpsState>();
    match state.finish() {
        Some((net, n)) => agg::numeric_percent(net, n),
        None => agg::return_null(fcinfo),
    }
});

pgrx::extension_sql_file!("nps.sql", name = "nps");

#[cfg(test)]
#[path = "nps_tests.rs"]
mod unit_tests;

#[cfg(any(test, feature = "pg_test"))]
#[pgrx::pg_schema]
mod tests {
    use crate::testing::sql_error;
    use pgrx::prelude::*;

    fn value(query: &str) -> Option<String> {
        Spi::get_one::<String>(query).expect("query failed")
    }

    #[pg_test]
    fn nps_formula_and_nulls() {
        let q = "SELECT nps(s)::text FROM (VALUES (10), (9), (7), (3), (NULL)) v(s)";
        assert_eq!(value(q).as_deref(), Some("25.0000000000000000"));
    }

    #[pg_test]
    fn nps_empty_and_all_null_are_null() {
        assert_eq!(
            value("SELECT nps(s)::text FROM (SELECT 1 WHERE false) v(s)"),
            None
        );
        assert_eq!(
            value("SELECT nps(NULL::int)::text FROM generate_series(1, 3)"),
            None
        );
    }

    #[pg_test]
    fn nps_out_of_range_is_22003() {
        for (query, shown) in [
            ("SELECT nps(s) FROM (VALUES (1), (11)) v(s)", "11"),
            ("SELECT nps(s) FROM (VALUES (-1::smallint)) v(s)", "-1"),
            (
                "SELECT nps(s) FROM (VALUES (9223372036854775807)) v(s)",
                "9223372036854775807",
            ),
        ] {
            let (code, msg) = sql_error(query);
            assert_eq!(
                code,
                PgSqlErrorCode::ERRCODE_NUMERIC_VALUE_OUT_OF_RANGE,
                "{query}"
            );
            assert_eq!(
                msg,
                format!("nps score must be between 0 and 10, got {shown}")
            );
        }
    }

    #[pg_test]
    fn nps_numeric_must_be_whole_0_to_10() {
        for (input, shown) in [
            ("9.5", "9.5"),
            ("'NaN'", "NaN"),
            ("'Infinity'", "Infinity"),
            ("-0.5", "-0.5"),
            ("1e30", "1000000000000000000000000000000"),
        ] {
            let (code, msg) = sql_error(&format!(
                "SELECT nps(s) FROM (VALUES ({input}::numeric)) v(s)"
            ));
            assert_eq!(
                code,
                PgSqlErrorCode::ERRCODE_NUMERIC_VALUE_OUT_OF_RANGE,
                "{input}"
            );
            assert_eq!(
                msg,
                format!("nps score must be a whole number between 0 and 10, got {shown}")
            );
        }
        let (_, msg) = sql_error("SELECT nps(s) FROM (VALUES (11.0::numeric)) v(s)");
        assert_eq!(msg, "nps score must be between 0 and 10, got 11");
        assert_eq!(
            value("SELECT nps(s)::text FROM (VALUES (9.0::numeric), (0.00)) v(s)").as_deref(),
            Some("0.00000000000000000000")
        );
    }

    #[pg_test]
    fn nps_double_precision_follows_the_numeric_rules() {
        assert_eq!(
            value("SELECT (nps(s::float8) = nps(s::numeric))::text FROM generate_series(0, 10) s")
                .as_deref(),
            Some("true")
        );
        for (input, message) in [
            (
                "9.5",
                "nps score must be a whole number between 0 and 10, got 9.5",
            ),
            (
                "'NaN'",
                "nps score must be a whole number between 0 and 10, got NaN",
            ),
            ("11", "nps score must be between 0 and 10, got 11"),
            (
                "1e20",
                "nps score must be between 0 and 10, got 100000000000000000000",
            ),
        ] {
            let (code, msg) = sql_error(&format!("SELECT nps({input}::float8)"));
            assert_eq!(
                code,
                PgSqlErrorCode::ERRCODE_NUMERIC_VALUE_OUT_OF_RANGE,
                "{input}"
            );
            assert_eq!(msg, message);
        }
    }

    #[pg_test]
    fn nps_parallel_plan_equals_serial() {
        Spi::run(
            "CREATE TABLE tests.nps_par AS SELECT (i % 11)::int AS s FROM generate_series(1, 200000) i;
             ANALYZE tests.nps_par;
             SET LOCAL parallel_setup_cost = 0; SET LOCAL parallel_tuple_cost = 0;
             SET LOCAL min_parallel_table_scan_size = 0; SET LOCAL max_parallel_workers_per_gather = 2;",
        )
        .unwrap();
        let explain: Vec<String> = Spi::connect(|c| {
            c.select("EXPLAIN SELECT nps(s) FROM tests.nps_par", None, &[])
                .unwrap()
                .map(|row| row.get::<String>(1).unwrap().unwrap_or_default())
                .collect()
        });
        assert!(
            explain.iter().any(|l| l.contains("Partial Aggregate")),
            "{explain:?}"
        );
        let parallel = value("SELECT nps(s)::text FROM tests.nps_par");
        Spi::run("SET LOCAL max_parallel_workers_per_gather = 0").unwrap();
        let serial = value("SELECT nps(s)::text FROM tests.nps_par");
        assert_eq!(parallel, serial);
        assert!(parallel.is_some());
    }
}
