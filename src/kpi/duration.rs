//! # Service times: `avg_response_time` and `avg_resolution_time`
//!
//! - `avg_response_time(requested_at, responded_at) -> interval` and
//!   `avg_resolution_time(opened_at, resolved_at) -> interval`, for `timestamptz` and `timestamp`
//!   pairs: the mean of `end - start` over the rows where both are non-NULL. A NULL end (not yet
//!   answered or resolved) skips the row. Equal to `avg(end - start)` (to the microsecond).
//! - The result has days and a time of day, as `end - start` does (`1 day 02:30:00`); chart it in
//!   hours with `extract(epoch FROM avg_response_time(a, b)) / 3600`.
//! - An end before its start is a 22023 error naming both; an infinite timestamp is 22003.
//! - Nothing counted gives NULL. PARALLEL SAFE; exact moving (inverse) form on integer
//!   microsecond sums. The state is `ces`'s `MeanState<i128>` (sum of microseconds, count),
//!   sharing its `mean_*` combine, serialize and deserialize functions.

use super::ces::MeanState;
use crate::agg;
use crate::error::KpiError;
use crate::time::{Kind, Moment};
use pgrx::pg_sys;

const USECS_PER_DAY: i128 = 86_400_000_000;

/// The duration of one row in microseconds, validated.
#[inline(always)]
pub fn duration(kpi: &str, kind: Kind, start: i64, end: i64) -> Result<i128, KpiError> {
    if kind.infinite(start) || kind.infinite(end) {
        let bad = if kind.infinite(start) { start } else { end };
        return Err(KpiError::OutOfRange(format!(
            "{kpi} timestamps must be finite, got {}",
            Moment(kind, bad)
        )));
    }
    if end < start {
        return Err(KpiError::InvalidParameter(format!(
            "{kpi} end ({}) is before start ({})",
            Moment(kind, end),
            Moment(kind, start)
        )));
    }
    Ok(i128::from(end) - i128::from(start))
}

/// The mean duration `(days, microseconds within the day)`, rounded half away from zero to the
/// microsecond; `None` when nothing was counted.
pub fn mean_duration(s: &MeanState<i128>) -> Option<(i128, i128)> {
    s.finish().map(|(sum, n)| {
        let n = i128::from(n);
        let mean = (2 * sum + n) / (2 * n); // sum >= 0
        (mean / USECS_PER_DAY, mean % USECS_PER_DAY)
    })
}

// ---------------------------------------------------------------------------------------------
// SQL glue

#[inline(always)]
unsafe fn step(f: pg_sys::FunctionCallInfo, kpi: &str, kind: Kind, inverse: bool) -> pg_sys::Datum {
    unsafe {
        let pair =
            agg::args_not_null::<2>(f).map(|[a, b]| (kind.value(a.value()), kind.value(b.value())));
        agg::transition::<MeanState<i128>>(
            f,
            #[inline(always)]
            |s| match pair {
                None => Ok(()),
                Some((a, b)) => {
                    let d = duration(kpi, kind, a, b)?;
                    if inverse {
                        s.remove(d, kpi)
                    } else {
                        s.accum(d, kpi)
                    }
                }
            },
        )
    }
}

crate::pg_v1_fn!(fn response_time_accum_tstz, pg_finfo_response_time_accum_tstz, |f| unsafe { step(f, "avg_response_time", Kind::Timestamptz, false) });
crate::pg_v1_fn!(fn response_time_inv_tstz, pg_finfo_response_time_inv_tstz, |f| unsafe { step(f, "avg_response_time", Kind::Timestamptz, true) });
crate::pg_v1_fn!(fn response_time_accum_ts, pg_finfo_response_time_accum_ts, |f| unsafe { step(f, "avg_response_time", Kind::Timestamp, false) });
crate::pg_v1_fn!(fn response_time_inv_ts, pg_finfo_response_time_inv_ts, |f| unsafe { step(f, "avg_response_time", Kind::Timestamp, true) });
crate::pg_v1_fn!(fn resolution_time_accum_tstz, pg_finfo_resolution_time_accum_tstz, |f| unsafe { step(f, "avg_resolution_time", Kind::Timestamptz, false) });
crate::pg_v1_fn!(fn resolution_time_inv_tstz, pg_finfo_resolution_time_inv_tstz, |f| unsafe { step(f, "avg_resolution_time", Kind::Timestamptz, true) });
crate::pg_v1_fn!(fn resolution_time_accum_ts, pg_finfo_resolution_time_accum_ts, |f| unsafe { step(f, "avg_resolution_time", Kind::Timestamp, false) });
crate::pg_v1_fn!(fn resolution_time_inv_ts, pg_finfo_resolution_time_inv_ts, |f| unsafe { step(f, "avg_resolution_time", Kind::Timestamp, true) });
crate::pg_v1_fn!(fn mean_duration_final, pg_finfo_mean_duration_final, |f| unsafe {
    agg::finish::<MeanState<i128>>(f, |s| {
        mean_duration(s).map(|(days, micros)| {
            let out = pg_sys::palloc(std::mem::size_of::<pg_sys::Interval>()).cast::<pg_sys::Interval>();
            // days fit in i32: a mean of finite timestamp differences is under 300,000 years
            out.write(pg_sys::Interval { time: micros as i64, day: days as i32, month: 0 });
            pg_sys::Datum::from(out)
        })
    })
});

pgrx::extension_sql_file!("duration.sql", name = "duration", requires = ["ces"]);

#[cfg(test)]
mod unit_tests {
    use super::*;

    const H: i64 = 3_600_000_000;

    #[test]
    fn durations_and_errors() {
        assert_eq!(
            duration("avg_response_time", Kind::Timestamptz, 0, 2 * H),
            Ok(2 * H as i128)
        );
        assert_eq!(
            duration("avg_response_time", Kind::Timestamptz, 5, 5),
            Ok(0)
        );
        let e = duration("avg_response_time", Kind::Timestamptz, H, 0).unwrap_err();
        assert_eq!(
            (e.sqlstate(), e.message()),
            ("22023", "avg_response_time end (2000-01-01 00:00:00+00) is before start (2000-01-01 01:00:00+00)")
        );
        let e = duration("avg_resolution_time", Kind::Timestamp, 0, i64::MAX).unwrap_err();
        assert_eq!(
            (e.sqlstate(), e.message()),
            (
                "22003",
                "avg_resolution_time timestamps must be finite, got infinity"
            )
        );
    }

    #[test]
    fn mean_in_days_and_time() {
        let mut s = MeanState::<i128>::default();
        assert_eq!(mean_duration(&s), None);
        s.accum(i128::from(26 * H), "x").unwrap();
        s.accum(i128::from(51 * H), "x").unwrap();
        // (26 h + 51 h) / 2 = 38.5 h = 1 day 14:30
        assert_eq!(mean_duration(&s), Some((1, i128::from(14 * H + H / 2))));
        s.accum(0, "x").unwrap();
        s.remove(0, "x").unwrap();
        s.accum(1, "x").unwrap();
        // 77 h + 1 us over 3 rows: 25 h 40 min + 1/3 us, rounded to the microsecond
        assert_eq!(
            mean_duration(&s),
            Some((1, i128::from(H + 40 * 60_000_000)))
        );
    }
}

#[cfg(any(test, feature = "pg_test"))]
#[pgrx::pg_schema]
mod tests {
    use crate::testing::{assert_errors, text};
    use pgrx::prelude::*;

    #[pg_test]
    fn durations_equal_avg_of_differences() {
        let q = "SELECT concat_ws(' | ', avg_response_time(a, b), avg_resolution_time(a::timestamp, b::timestamp), avg_response_time(a, b) = avg(b - a))
                 FROM (VALUES ('2025-01-01 10:00+00'::timestamptz, '2025-01-02 12:00+00'::timestamptz),
                              ('2025-01-01 10:00+00', '2025-01-03 13:00+00'), ('2025-01-01 00:00+00', NULL)) v(a, b)";
        assert_eq!(
            text(q).as_deref(),
            Some("1 day 14:30:00 | 1 day 14:30:00 | t")
        );
        assert_eq!(text("SELECT avg_response_time(now(), NULL)::text"), None);
    }

    #[pg_test]
    fn duration_errors() {
        use PgSqlErrorCode::*;
        assert_errors(&[
            ("SET LOCAL timezone = 'UTC'; SELECT avg_response_time('2025-01-02 12:00+00'::timestamptz, '2025-01-01 10:00+00'::timestamptz)", ERRCODE_INVALID_PARAMETER_VALUE, "avg_response_time end (2025-01-01 10:00:00+00) is before start (2025-01-02 12:00:00+00)"),
            ("SELECT avg_resolution_time('2025-01-02 12:00'::timestamp, '2025-01-01 10:00:00.5'::timestamp)", ERRCODE_INVALID_PARAMETER_VALUE, "avg_resolution_time end (2025-01-01 10:00:00.5) is before start (2025-01-02 12:00:00)"),
            ("SELECT avg_resolution_time('2025-01-02'::timestamp, 'infinity')", ERRCODE_NUMERIC_VALUE_OUT_OF_RANGE, "avg_resolution_time timestamps must be finite, got infinity"),
        ]);
    }
}
