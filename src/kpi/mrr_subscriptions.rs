//! SQL glue of `mrr_agg(customer_id, mrr, started_at, ended_at, period) -> mrrsummary`: one row
//! per subscription, classified against the period's two endpoints into the per-customer map
//! ([`super::mrr_customers`]), allocated in the aggregate's memory context ([`PgAlloc`]).
//!
//! - A row with a NULL `customer_id`, `mrr` or `started_at` is skipped; a NULL `ended_at` means
//!   still running. Negative `mrr`, `NaN` or past 38 digits is 22003; `ended_at < started_at`
//!   is 22023 naming both; a NULL, empty, unbounded, infinite or changing period is 22023.
//! - PARALLEL SAFE: workers' maps travel as bytes and are merged by customer. No moving form (a
//!   customer's flag "paid before" has no exact inverse).

use super::churn_period::{active_at, check_order, read_period, write_period, PeriodState};
use super::mrr::MrrSummary;
use super::mrr_customers::Customers;
use crate::agg::{self, Id};
use crate::bytes::{Reader, Writer};
use crate::error::{raise, KpiError};
use crate::palloc::PgAlloc;
use crate::time::Kind;
use pgrx::pg_sys;

const KPI: &str = "mrr_agg";
const BYTES_VERSION: u8 = 1;

/// The aggregate's state: the customers and the group's period (with `churn_rate`'s checks and
/// cache of the last range parsed).
struct State {
    customers: Customers<PgAlloc>,
    period: PeriodState,
}

/// A new state in `context`.
unsafe fn new_state(context: pg_sys::MemoryContext) -> *mut State {
    unsafe {
        agg::place_in(
            context,
            State {
                customers: Customers::new(PgAlloc(context)),
                period: PeriodState::default(),
            },
        )
    }
}

unsafe fn step(f: pg_sys::FunctionCallInfo, id: Id, kind: Kind) -> pg_sys::Datum {
    unsafe {
        if agg::arg_is_null(f, 5) {
            raise(KpiError::InvalidParameter(format!(
                "{KPI} period must not be NULL"
            )));
        }
        let state = match agg::state_arg::<State>(f) {
            Some(s) => s,
            None => {
                let s = new_state(agg::aggregate_context(f));
                (*s).period.constant = agg::aggregate_arg_is_const(f, 4);
                s
            }
        };
        let s = &mut *state;
        let p = match s.period.period {
            Some(p) if s.period.constant => p,
            _ => s
                .period
                .period_of(KPI, kind, agg::varlena_bytes(agg::arg_datum(f, 5)))
                .unwrap_or_else(|e| raise(e)),
        };
        if [1, 2, 3].iter().any(|&n| agg::arg_is_null(f, n)) {
            return agg::return_state(state);
        }
        let mrr_datum = agg::arg_datum(f, 2);
        let mrr = agg::scaled_arg(mrr_datum, KPI, "mrr");
        if mrr.is_negative() {
            raise(KpiError::OutOfRange(format!(
                "{KPI} mrr must not be negative, got {}",
                agg::numeric_text(mrr_datum)
            )));
        }
        let at = |n| kind.value(agg::arg_datum(f, n).value());
        let started = at(3);
        let ended = (!agg::arg_is_null(f, 4)).then(|| at(4));
        if let Err(e) = check_order(KPI, kind, started, ended) {
            raise(e)
        }
        let (at_start, at_end) = (
            active_at(started, ended, p.lower),
            active_at(started, ended, p.upper),
        );
        let paid = mrr.mantissa > 0 && started < p.lower;
        if at_start || at_end || paid {
            let d = agg::arg_datum(f, 1);
            let mut word = [0u8; 8];
            let key = agg::id_bytes(d, id, &mut word);
            if let Err(e) =
                s.customers
                    .add(key, at_start.then_some(mrr), at_end.then_some(mrr), paid)
            {
                raise(e)
            }
        }
        agg::return_state(state)
    }
}

crate::pg_v1_fn!(fn mrr_subs_accum_bigint_date, pg_finfo_mrr_subs_accum_bigint_date, |f| unsafe { step(f, Id::Bigint, Kind::Date) });
crate::pg_v1_fn!(fn mrr_subs_accum_text_date, pg_finfo_mrr_subs_accum_text_date, |f| unsafe { step(f, Id::Text, Kind::Date) });
crate::pg_v1_fn!(fn mrr_subs_accum_uuid_date, pg_finfo_mrr_subs_accum_uuid_date, |f| unsafe { step(f, Id::Uuid, Kind::Date) });
crate::pg_v1_fn!(fn mrr_subs_accum_bigint_tstz, pg_finfo_mrr_subs_accum_bigint_tstz, |f| unsafe { step(f, Id::Bigint, Kind::Timestamptz) });
crate::pg_v1_fn!(fn mrr_subs_accum_text_tstz, pg_finfo_mrr_subs_accum_text_tstz, |f| unsafe { step(f, Id::Text, Kind::Timestamptz) });
crate::pg_v1_fn!(fn mrr_subs_accum_uuid_tstz, pg_finfo_mrr_subs_accum_uuid_tstz, |f| unsafe { step(f, Id::Uuid, Kind::Timestamptz) });

/// Merge `other` into `s`: the periods must agree; customers add up by id.
fn merge(s: &mut State, other: &mut State) -> Result<(), KpiError> {
    if let Some(p) = other.period.period {
        s.period.check(KPI, p)?;
    }
    s.customers.merge(&mut other.customers)
}

crate::pg_v1_fn!(fn mrr_subs_combine, pg_finfo_mrr_subs_combine, |f| unsafe {
    let Some(other) = (!agg::arg_is_null(f, 1)).then(|| &mut *agg::arg_datum(f, 1).cast_mut_ptr::<State>()) else {
        return match agg::state_arg::<State>(f) {
            Some(s) => agg::return_state(s),
            None => agg::return_null(f),
        };
    };
    // a deserialized state lives in a per-row context: the first one is copied in, not kept
    let state = agg::state_arg::<State>(f).unwrap_or_else(|| new_state(agg::aggregate_context(f)));
    if let Err(e) = merge(&mut *state, other) {
        raise(e)
    }
    agg::return_state(state)
});

crate::pg_v1_fn!(fn mrr_subs_serialize, pg_finfo_mrr_subs_serialize, |f| unsafe {
    let s = &mut *agg::arg_datum(f, 0).cast_mut_ptr::<State>();
    let w = write_period(Writer::new(BYTES_VERSION), s.period.period);
    match s.customers.write(w) {
        Ok(w) => agg::bytea_datum(&w.into_vec()),
        Err(e) => raise(e),
    }
});

crate::pg_v1_fn!(fn mrr_subs_deserialize, pg_finfo_mrr_subs_deserialize, |f| unsafe {
    let state = new_state(pg_sys::CurrentMemoryContext);
    let read = |s: &mut State| -> Result<(), KpiError> {
        let mut r = Reader::new(agg::bytea_bytes(agg::arg_datum(f, 0)), "mrr_agg", BYTES_VERSION)?;
        if let Some(p) = read_period(&mut r)? {
            s.period.check(KPI, p)?;
        }
        s.customers.read(&mut r)?;
        r.end()
    };
    if let Err(e) = read(&mut *state) {
        raise(e)
    }
    agg::return_state(state)
});

crate::pg_v1_fn!(fn mrr_subs_final, pg_finfo_mrr_subs_final, |f| unsafe {
    // applying the rows still queued changes how the state is held, not what it holds
    let s = &mut *agg::arg_datum(f, 0).cast_mut_ptr::<State>();
    let mut summary = match s.customers.summary() {
        Ok(x) => x,
        Err(e) => raise(e),
    };
    summary.period = s.period.period;
    crate::summary::datum::<MrrSummary>(&summary)
});

#[cfg(any(test, feature = "pg_test"))]
#[pgrx::pg_schema]
mod tests {
    use crate::testing::{assert_errors, text};
    use pgrx::prelude::*;

    #[pg_test]
    fn mrr_over_subscriptions() {
        // an upgrade, a downgrade, a cancellation, a win-back, a new customer, and skipped rows
        let q = "SELECT concat_ws(' ', starting_mrr(m), ending_mrr(m), new_mrr(m), reactivation_mrr(m), expansion_mrr(m),
                                       contraction_mrr(m), churned_mrr(m), customers_at_start(m), customers_at_end(m))
                 FROM (SELECT mrr_agg(c, mrr, s, e, daterange('2025-01-01', '2025-02-01')) AS m
                       FROM (VALUES (1, 10.00, '2024-06-01'::date, '2025-01-15'::date), (1, 25, '2025-01-15', NULL),
                                    (2, 40, '2024-06-01', '2025-01-10'), (2, 30.5, '2025-01-10', NULL),
                                    (3, 20, '2024-01-01', '2025-01-20'), (4, 15, '2023-01-01', '2024-03-01'),
                                    (4, 15, '2025-01-07', NULL), (5, 99, '2025-01-05', NULL), (NULL, 7, '2024-01-01', NULL),
                                    (6, NULL, '2024-01-01', NULL), (7, 8, NULL, NULL)) AS v(c, mrr, s, e)) AS t";
        assert_eq!(
            text(q).as_deref(),
            Some("70.00 169.5 99 15 15.00 9.5 20 3 4")
        );
    }

    #[pg_test]
    fn mrr_subscription_errors() {
        use PgSqlErrorCode::*;
        let jan = "daterange('2025-01-01', '2025-02-01')";
        assert_errors(&[
            (&format!("SELECT mrr_agg(1, -5::numeric, '2024-01-01'::date, NULL, {jan})"), ERRCODE_NUMERIC_VALUE_OUT_OF_RANGE, "mrr_agg mrr must not be negative, got -5"),
            (&format!("SELECT mrr_agg('a'::text, 'NaN'::numeric, '2024-01-01'::date, NULL, {jan})"), ERRCODE_NUMERIC_VALUE_OUT_OF_RANGE, "mrr_agg mrr must be a finite number of at most 38 digits, got NaN"),
            (&format!("SELECT mrr_agg(1, 5::numeric, '2025-01-10'::date, '2025-01-05', {jan})"), ERRCODE_INVALID_PARAMETER_VALUE, "mrr_agg end (2025-01-05) is before start (2025-01-10)"),
            ("SELECT mrr_agg(1, 5::numeric, '2025-01-10'::date, NULL, NULL::daterange)", ERRCODE_INVALID_PARAMETER_VALUE, "mrr_agg period must not be NULL"),
            ("SELECT mrr_agg(1, 5::numeric, '2025-01-10'::date, NULL, 'empty'::daterange)", ERRCODE_INVALID_PARAMETER_VALUE, "mrr_agg period must be non-empty, got empty"),
            ("SELECT mrr_agg(gen_random_uuid(), 5::numeric, '2025-01-10'::timestamptz, NULL, tstzrange('2025-01-01 00:00+00', 'infinity'))", ERRCODE_INVALID_PARAMETER_VALUE, r#"mrr_agg period must be bounded, got ["2025-01-01 00:00:00+00",infinity)"#),
            ("SELECT mrr_agg(1, 5::numeric, '2024-01-10'::date, NULL, p) FROM (VALUES (daterange('2025-01-01', '2025-02-01')), (daterange('2025-02-01', '2025-03-01'))) v(p)",
             ERRCODE_INVALID_PARAMETER_VALUE, "mrr_agg period must be the same on every row of a group, got [2025-02-01,2025-03-01) after [2025-01-01,2025-02-01)"),
        ]);
    }
}
