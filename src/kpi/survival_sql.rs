//! SQL glue of survival ([`super::survival`]): `survival_agg(...) -> survivalsummary`,
//! `combine(survivalsummary)` (and `rollup`, the same aggregate) and the type's I/O; the
//! accessors are in [`super::survival_access`]. The aggregate's state is a [`Tally`] in the aggregate's memory context
//! ([`PgAlloc`]); it travels between parallel workers (and Citus workers) in the stored form.
//!
//! - `survival_agg(duration, churned [, entry])`, durations `integer` or `bigint` in the user's
//!   unit (days, months, ...): a NULL duration or `churned` skips the row, a NULL entry is 0. A
//!   negative duration or entry is 22003; an entry not before the duration (but both 0) is 22023.
//! - `survival_agg(started_on, ended_on, as_of [, observed_from])` over dates, in days: a
//!   customer who ended on or before `as_of` churned after `ended_on - started_on` days, others
//!   are censored at `as_of`; with `observed_from`, a customer who started before it enters at
//!   `observed_from - started_on` (late entry) and one who ended on or before it is not in the
//!   data. A row starting after `as_of` is skipped; NULL `started_on` or `as_of` skips the row;
//!   `ended_on` before `started_on`, or an infinite `started_on`, `as_of` or `observed_from`, is
//!   22023 (an `ended_on` of infinity never comes: censored at `as_of`).
//! - Both have an exact moving form (customers are un-counted).

use super::survival::{Exit, LifeTable, Tally};
use super::survival_summary::to_stored;
use crate::agg;
use crate::error::{raise, KpiError};
use crate::palloc::PgAlloc;
use crate::summary;
use allocator_api2::alloc::Global;
use pgrx::pg_sys;

const KPI: &str = "survival_agg";
type State = Tally<PgAlloc>;

unsafe fn state_of(f: pg_sys::FunctionCallInfo) -> *mut State {
    unsafe {
        match agg::state_arg::<State>(f) {
            Some(s) => s,
            None => {
                let context = agg::aggregate_context(f);
                agg::place_in(context, Tally::new_in(PgAlloc(context)))
            }
        }
    }
}

/// Count (or with `inverse`, un-count) one customer.
unsafe fn count(
    f: pg_sys::FunctionCallInfo,
    customer: Option<(i64, i64, Exit)>,
    inverse: bool,
) -> pg_sys::Datum {
    unsafe {
        let state = state_of(f);
        if let Some((entry, exit, how)) = customer {
            if let Err(e) = LifeTable::<Global>::check_customer(KPI, entry, exit) {
                raise(e)
            }
            if !inverse {
                if let Err(e) = (*state).add(entry, exit, how) {
                    raise(e)
                }
            } else if !(*state).remove(entry, exit, how) {
                raise(KpiError::InvalidParameter(format!(
                    "{KPI} cannot remove a customer it did not add"
                )));
            }
        }
        agg::return_state(state)
    }
}

/// `(duration, churned [, entry])` of integer type: argument `n` as i64.
unsafe fn durations(
    f: pg_sys::FunctionCallInfo,
    bigint: bool,
    with_entry: bool,
) -> Option<(i64, i64, Exit)> {
    unsafe {
        if agg::arg_is_null(f, 1) || agg::arg_is_null(f, 2) {
            return None;
        }
        let int = |n| {
            let d = agg::arg_datum(f, n).value();
            if bigint {
                d as i64
            } else {
                i64::from(d as i32)
            }
        };
        let entry = if with_entry && !agg::arg_is_null(f, 3) {
            int(3)
        } else {
            0
        };
        let how = if agg::arg_datum(f, 2).value() != 0 {
            Exit::Churned
        } else {
            Exit::Censored
        };
        Some((entry, int(1), how))
    }
}

/// A customer's exit in days since `started` (not after `as_of`): churned on `ended` if that
/// is on or before `as_of`, else censored at `as_of`.
#[inline(always)]
fn exit_of(started: i64, ended: Option<i64>, as_of: i64) -> (i64, Exit) {
    match ended {
        Some(e) if e <= as_of => (e - started, Exit::Churned),
        _ => (as_of - started, Exit::Censored),
    }
}

/// The unguarded fast path of `survival_agg(started_on, ended_on, as_of)`: a row of finite
/// dates in order, into a state whose array already holds its duration, counted as [`dates`]
/// and [`count`] count it; `None`, changing nothing, for anything else (a NULL, an error to
/// raise, the array to grow), which the guarded step then takes.
#[inline(always)]
unsafe fn dates_fast(f: pg_sys::FunctionCallInfo) -> Option<pg_sys::Datum> {
    unsafe {
        let state = agg::state_arg::<State>(f)?;
        if agg::arg_is_null(f, 1) || agg::arg_is_null(f, 3) {
            return None;
        }
        let day = |n| i64::from(agg::arg_datum(f, n).value() as i32);
        let (started, as_of) = (day(1), day(3));
        let date = crate::time::Kind::Date;
        if date.infinite(started) || date.infinite(as_of) {
            return None;
        }
        let ended = (!agg::arg_is_null(f, 2)).then(|| day(2));
        if ended.is_some_and(|e| e < started) {
            return None;
        }
        if started <= as_of {
            let (exit, how) = exit_of(started, ended, as_of);
            // entry 0 and exit >= 0: check_customer accepts every such customer
            if !(*state).try_add(0, exit, how) {
                return None;
            }
        }
        Some(agg::return_state(state))
    }
}

/// The error for an infinite date where a finite one is needed (cold: off the per-row path).
#[cold]
#[inline(never)]
pub(super) fn infinite_date(kpi: &str, what: &str, d: i64) -> ! {
    raise(KpiError::InvalidParameter(format!(
        "{kpi} {what} must be a finite date, got {}",
        if d > 0 { "infinity" } else { "-infinity" }
    )))
}

/// `(started_on, ended_on, as_of [, observed_from])` of dates, in days.
unsafe fn dates(f: pg_sys::FunctionCallInfo, with_window: bool) -> Option<(i64, i64, Exit)> {
    unsafe {
        if agg::arg_is_null(f, 1) || agg::arg_is_null(f, 3) {
            return None;
        }
        let day = |n| i64::from(agg::arg_datum(f, n).value() as i32);
        // an infinite end is a customer who never ends (censored at as_of); the other dates
        // measure durations and must be finite
        let finite = |n: usize, what: &str| {
            let d = day(n);
            if crate::time::Kind::Date.infinite(d) {
                infinite_date(KPI, what, d)
            }
            d
        };
        let (started, as_of) = (finite(1, "started_on"), finite(3, "as_of"));
        let ended = (!agg::arg_is_null(f, 2)).then(|| day(2));
        if let Err(e) =
            super::churn_period::check_order(KPI, crate::time::Kind::Date, started, ended)
        {
            raise(e)
        }
        if started > as_of {
            return None;
        }
        let (exit, how) = exit_of(started, ended, as_of);
        let entry = if with_window && !agg::arg_is_null(f, 4) {
            let from = finite(4, "observed_from");
            if ended.is_some_and(|e| e <= from) {
                return None; // left before the window: not in the data
            }
            (from - started).max(0)
        } else {
            0
        };
        if entry > 0 && entry >= exit {
            return None; // observed from as_of or later: no time in the window
        }
        Some((entry, exit, how))
    }
}

crate::pg_v1_fn!(fn survival_accum_int4, pg_finfo_survival_accum_int4, |f| unsafe { count(f, durations(f, false, false), false) });
crate::pg_v1_fn!(fn survival_inv_int4, pg_finfo_survival_inv_int4, |f| unsafe { count(f, durations(f, false, false), true) });
crate::pg_v1_fn!(fn survival_accum_int8, pg_finfo_survival_accum_int8, |f| unsafe { count(f, durations(f, true, false), false) });
crate::pg_v1_fn!(fn survival_inv_int8, pg_finfo_survival_inv_int8, |f| unsafe { count(f, durations(f, true, false), true) });
crate::pg_v1_fn!(fn survival_entry_accum_int4, pg_finfo_survival_entry_accum_int4, |f| unsafe { count(f, durations(f, false, true), false) });
crate::pg_v1_fn!(fn survival_entry_inv_int4, pg_finfo_survival_entry_inv_int4, |f| unsafe { count(f, durations(f, false, true), true) });
crate::pg_v1_fn!(fn survival_entry_accum_int8, pg_finfo_survival_entry_accum_int8, |f| unsafe { count(f, durations(f, true, true), false) });
crate::pg_v1_fn!(fn survival_entry_inv_int8, pg_finfo_survival_entry_inv_int8, |f| unsafe { count(f, durations(f, true, true), true) });
crate::pg_v1_fn!(fn survival_dates_accum, pg_finfo_survival_dates_accum, fast |f| unsafe { dates_fast(f) }, |f| unsafe { count(f, dates(f, false), false) });
crate::pg_v1_fn!(fn survival_dates_inv, pg_finfo_survival_dates_inv, |f| unsafe { count(f, dates(f, false), true) });
crate::pg_v1_fn!(fn survival_window_accum, pg_finfo_survival_window_accum, |f| unsafe { count(f, dates(f, true), false) });
crate::pg_v1_fn!(fn survival_window_inv, pg_finfo_survival_window_inv, |f| unsafe { count(f, dates(f, true), true) });

/// `combine(survivalsummary)`'s transition, or with `inverse` its moving inverse; NULLs skipped.
unsafe fn combine_step(f: pg_sys::FunctionCallInfo, inverse: bool) -> pg_sys::Datum {
    unsafe {
        let state = state_of(f);
        if !agg::arg_is_null(f, 1) {
            // read into the rows the state keeps for it: nothing allocated a summary
            match (*state).step_stored(agg::varlena_bytes(agg::arg_datum(f, 1)), inverse) {
                Ok(Some(())) => {}
                Ok(None) => raise(KpiError::InvalidParameter(
                    "rollup(survivalsummary) or combine(survivalsummary) cannot remove a summary it did not add".into(),
                )),
                Err(e) => raise(e),
            }
        }
        agg::return_state(state)
    }
}
crate::pg_v1_fn!(fn survival_combine_accum, pg_finfo_survival_combine_accum, |f| unsafe { combine_step(f, false) });
crate::pg_v1_fn!(fn survival_combine_inv, pg_finfo_survival_combine_inv, |f| unsafe { combine_step(f, true) });

crate::pg_v1_fn!(fn survival_combine, pg_finfo_survival_combine, |f| unsafe {
    if agg::arg_is_null(f, 1) {
        return match agg::state_arg::<State>(f) {
            Some(s) => agg::return_state(s),
            None => agg::return_null(f),
        };
    }
    // the other state may live in a per-row context: its rows are copied in, never kept
    let other = &*agg::arg_datum(f, 1).cast_mut_ptr::<State>();
    let state = state_of(f);
    if let Err(e) = (*state).merge(other) {
        raise(e)
    }
    agg::return_state(state)
});

/// The stored form of the state (argument 0): the counts may have grown past what a stored table
/// holds (more than 2^63 - 1 customers in all, after combining): 22003, never a value that
/// could not be read back.
unsafe fn stored_state(f: pg_sys::FunctionCallInfo) -> pg_sys::Datum {
    unsafe {
        let t = (*agg::arg_datum(f, 0).cast_mut_ptr::<State>()).table();
        if let Err(why) = t.check() {
            raise(KpiError::OutOfRange(format!(
                "{KPI} cannot hold the life table: {why}"
            )));
        }
        agg::bytea_datum(&to_stored(&t))
    }
}

crate::pg_v1_fn!(fn survival_serialize, pg_finfo_survival_serialize, |f| unsafe { stored_state(f) });

crate::pg_v1_fn!(fn survival_deserialize, pg_finfo_survival_deserialize, |f| unsafe {
    let context = pg_sys::CurrentMemoryContext;
    let mut tally = Tally::new_in(PgAlloc(context));
    if let Err(e) = tally.step_stored(agg::bytea_bytes(agg::arg_datum(f, 0)), false) {
        raise(e)
    }
    agg::return_state(agg::place_in(context, tally))
});

crate::pg_v1_fn!(fn survival_final, pg_finfo_survival_final, |f| unsafe { stored_state(f) });

// The type's I/O, equality, order and hashing: the shared summary functions.
crate::pg_v1_fn!(fn survivalsummary_in, pg_finfo_survivalsummary_in, |f| unsafe { summary::input::<LifeTable>(f) });
crate::pg_v1_fn!(fn survivalsummary_out, pg_finfo_survivalsummary_out, |f| unsafe { summary::output::<LifeTable>(f) });
crate::pg_v1_fn!(fn survivalsummary_recv, pg_finfo_survivalsummary_recv, |f| unsafe { summary::recv::<LifeTable>(f) });
crate::pg_v1_fn!(fn survivalsummary_send, pg_finfo_survivalsummary_send, |f| unsafe { summary::send::<LifeTable>(f) });
crate::pg_v1_fn!(fn survivalsummary_eq, pg_finfo_survivalsummary_eq, |f| unsafe { summary::compare::<LifeTable>(f, |o| o.is_eq()) });
crate::pg_v1_fn!(fn survivalsummary_ne, pg_finfo_survivalsummary_ne, |f| unsafe { summary::compare::<LifeTable>(f, |o| o.is_ne()) });
crate::pg_v1_fn!(fn survivalsummary_lt, pg_finfo_survivalsummary_lt, |f| unsafe { summary::compare::<LifeTable>(f, |o| o.is_lt()) });
crate::pg_v1_fn!(fn survivalsummary_le, pg_finfo_survivalsummary_le, |f| unsafe { summary::compare::<LifeTable>(f, |o| o.is_le()) });
crate::pg_v1_fn!(fn survivalsummary_gt, pg_finfo_survivalsummary_gt, |f| unsafe { summary::compare::<LifeTable>(f, |o| o.is_gt()) });
crate::pg_v1_fn!(fn survivalsummary_ge, pg_finfo_survivalsummary_ge, |f| unsafe { summary::compare::<LifeTable>(f, |o| o.is_ge()) });
crate::pg_v1_fn!(fn survivalsummary_cmp, pg_finfo_survivalsummary_cmp, |f| unsafe { summary::cmp::<LifeTable>(f) });
crate::pg_v1_fn!(fn survivalsummary_hash, pg_finfo_survivalsummary_hash, |f| unsafe { summary::hash::<LifeTable>(f, false) });
crate::pg_v1_fn!(fn survivalsummary_hash_extended, pg_finfo_survivalsummary_hash_extended, |f| unsafe { summary::hash::<LifeTable>(f, true) });

pgrx::extension_sql_file!(
    "survival.sql",
    name = "survival",
    requires = ["summary_ops"]
);

#[cfg(any(test, feature = "pg_test"))]
#[pgrx::pg_schema]
mod tests {
    use crate::testing::{assert_errors, text};
    use pgrx::prelude::*;

    #[pg_test]
    fn survival_of_durations_and_dates() {
        // the textbook 6-MP arm: S(6) = 18/21, median 23, RMST to 35
        let q = "WITH s AS (SELECT survival_agg(t, e) AS s FROM unnest(ARRAY[6,6,6,7,10,13,16,22,23,6,9,10,11,17,19,20,25,32,32,34,35],
                                    ARRAY[true,true,true,true,true,true,true,true,true,false,false,false,false,false,false,false,false,false,false,false,false]) AS v(t, e))
                 SELECT concat_ws(' ', customers(s), churned_customers(s), round(survival_at(s, 6)::numeric, 6), median_lifetime(s),
                                  round(rmst(s, 35)::numeric, 4), (SELECT count(*) FROM survival_curve(s)), s::text LIKE '{\"v\":1,\"times\":[[0,21,0,0],[6,0,3,1]%')
                 FROM s";
        assert_eq!(text(q).as_deref(), Some("21 9 0.857143 23 23.2874 17 t"));
        // dates: churned when the end is on or before as_of; late entry with observed_from
        let q = "SELECT survival_agg(s, e, '2025-03-01', '2025-01-01')::text FROM (VALUES
                   ('2024-12-01'::date, '2025-01-11'::date), ('2025-01-01', NULL), ('2024-06-01', '2024-12-15'),
                   ('2025-02-01', '2025-04-01'), ('2025-04-01', NULL), (NULL, NULL)) AS v(s, e)";
        assert_eq!(
            text(q).as_deref(),
            Some(r#"{"v":1,"times":[[0,2,0,0],[28,0,0,1],[31,1,0,0],[41,0,1,0],[59,0,0,1]]}"#)
        );
        // whole periods: months as age() counts them, never wrapping at 12
        let q = "SELECT concat_ws(' ', whole_periods('2025-01-31', '2025-03-01', 'month'), whole_periods('2025-01-31', '2025-02-28', 'month'),
                                  whole_periods('2023-01-15', '2025-03-15', 'month'), whole_periods('2023-01-15', '2025-03-14', 'quarter'),
                                  whole_periods('2023-01-15', '2025-03-14', 'year'), whole_periods('2025-01-01', '2025-01-15', 'week'),
                                  whole_periods('2025-01-01', '2025-01-15', 'day'), whole_periods(NULL, '2025-01-15', 'day') IS NULL)";
        assert_eq!(text(q).as_deref(), Some("1 0 26 8 2 2 14 t"));
        // an end at infinity never comes: censored at as_of
        let q = "SELECT survival_agg('2025-01-01'::date, 'infinity'::date, '2025-01-31')::text";
        assert_eq!(
            text(q).as_deref(),
            Some(r#"{"v":1,"times":[[0,1,0,0],[30,0,0,1]]}"#)
        );
        // nothing counted: an empty summary, NULL estimates
        let q = "SELECT concat_ws(' ', s::text, customers(s), survival_at(s, 1) IS NULL, median_lifetime(s) IS NULL, rmst(s, 3) IS NULL)
                 FROM (SELECT survival_agg(NULL::integer, true) AS s) AS t";
        assert_eq!(text(q).as_deref(), Some(r#"{"v":1,"times":[]} 0 t t t"#));
    }

    #[pg_test]
    fn survival_errors() {
        use PgSqlErrorCode::*;
        let s = "'{\"v\":1,\"times\":[[0,2,0,0],[3,0,1,1]]}'::survivalsummary";
        assert_errors(&[
            ("SELECT survival_agg(-1, true)", ERRCODE_NUMERIC_VALUE_OUT_OF_RANGE, "survival_agg duration must not be negative, got -1"),
            ("SELECT survival_agg(5::bigint, true, -2::bigint)", ERRCODE_NUMERIC_VALUE_OUT_OF_RANGE, "survival_agg entry must not be negative, got -2"),
            ("SELECT survival_agg(5, false, 5)", ERRCODE_INVALID_PARAMETER_VALUE, "survival_agg entry must be before the end of the observation, got entry 5 and duration 5"),
            ("SELECT survival_agg('2025-01-10'::date, '2025-01-05'::date, '2025-03-01'::date)", ERRCODE_INVALID_PARAMETER_VALUE, "survival_agg end (2025-01-05) is before start (2025-01-10)"),
            ("SELECT survival_agg('2025-01-10'::date, NULL, 'infinity'::date)", ERRCODE_INVALID_PARAMETER_VALUE, "survival_agg as_of must be a finite date, got infinity"),
            ("SELECT survival_agg('-infinity'::date, NULL, '2025-03-01'::date)", ERRCODE_INVALID_PARAMETER_VALUE, "survival_agg started_on must be a finite date, got -infinity"),
            ("SELECT survival_agg('2025-01-10'::date, NULL, '2025-03-01'::date, 'infinity')", ERRCODE_INVALID_PARAMETER_VALUE, "survival_agg observed_from must be a finite date, got infinity"),
            (&format!("SELECT survival_lower({s}, 3, 1.5)"), ERRCODE_INVALID_PARAMETER_VALUE, "survival_lower confidence must be between 0 and 1 (exclusive), got 1.5"),
            (&format!("SELECT survival_at({s}, 'NaN')"), ERRCODE_INVALID_PARAMETER_VALUE, "survival_at duration must be a finite number, got NaN"),
            (&format!("SELECT median_lifetime({s}, 'mean')"), ERRCODE_INVALID_PARAMETER_VALUE, "median_lifetime rule must be 'first' or 'midpoint', got 'mean'"),
            (&format!("SELECT rmst({s}, -1)"), ERRCODE_INVALID_PARAMETER_VALUE, "rmst horizon must not be negative, got -1"),
            (&format!("SELECT rmst({s}, 'Infinity')"), ERRCODE_INVALID_PARAMETER_VALUE, "rmst horizon must be a finite number, got Infinity"),
            (&format!("SELECT lifetime_value({s}, -5, 12)"), ERRCODE_NUMERIC_VALUE_OUT_OF_RANGE, "lifetime_value arpa must not be negative, got -5"),
            ("SELECT combine(s) FROM (VALUES ('{\"v\":1,\"times\":[[0,9223372036854775807,0,0]]}'::survivalsummary), ('{\"v\":1,\"times\":[[1,1,0,0],[2,0,1,0]]}')) AS v(s)",
             ERRCODE_NUMERIC_VALUE_OUT_OF_RANGE, "survival_agg cannot hold the life table: too many customers"),
            ("SELECT whole_periods('2025-01-31', '2025-03-01', 'months')", ERRCODE_INVALID_PARAMETER_VALUE, "whole_periods period must be 'day', 'week', 'month', 'quarter' or 'year', got 'months'"),
            ("SELECT whole_periods('2025-03-01', '2025-01-31', 'month')", ERRCODE_INVALID_PARAMETER_VALUE, "whole_periods to_date (2025-01-31) is before from_date (2025-03-01)"),
            ("SELECT whole_periods('2025-03-01', 'infinity', 'month')", ERRCODE_INVALID_PARAMETER_VALUE, "whole_periods to_date must be a finite date, got infinity"),
            ("SELECT '{\"v\":1,\"times\":[[0,1,0,0],[3,0,2,0]]}'::survivalsummary", ERRCODE_INVALID_TEXT_REPRESENTATION,
             r#"malformed survivalsummary "{"v":1,"times":[[0,1,0,0],[3,0,2,0]]}": 2 customers leave at time 3 but 1 are at risk (text form: {"v":1,"times":[[<time>,<entered>,<churned>,<censored>],...]})"#),
        ]);
    }
}
