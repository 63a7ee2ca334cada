//! SQL glue of the customer models ([`super::sbg`], [`super::bgnbd`], [`super::gammagamma`],
//! stored as [`Model`]): the fits as aggregates, `customermodel`'s I/O and the accessors.
//!
//! - `sbg_fit(renewals, churned)`, `bgnbd_fit(frequency, recency, age)` and
//!   `gammagamma_fit(frequency, monetary_value)` collect their customers' rows (16 or 24 bytes
//!   each, in the aggregate's memory context; parallel workers' rows travel as bytes) and fit in
//!   the final function, checking for interrupts at every evaluation of the likelihood. A row
//!   with a NULL is skipped; no row gives NULL. No moving form: each window frame would refit.
//! - `gammagamma_fit` reads repeat buyers only: a row of frequency 0 counts for nothing (but is
//!   a row: the fit then needs repeat buyers, 22023).
//! - Every model estimate is `double precision`: it comes from a floating-point fit, and a
//!   `numeric` would claim digits it does not have.

use super::bgnbd::{self, Customer};
use super::gammagamma;
use super::model::{Kind, Model, Report};
use super::sbg::{self, Counts};
use super::survival::LifeTable;
use crate::agg::{self, float_arg};
use crate::error::{raise, KpiError};
use crate::palloc::PgAlloc;
use crate::summary;
use allocator_api2::vec::Vec as AVec;
use pgrx::pg_sys;

/// A fit's state: one row of `N` numbers per customer.
type Rows<const N: usize> = AVec<[f64; N], PgAlloc>;

/// The version byte of a fit state's bytes (between parallel workers only, never stored).
const STATE_VERSION: u8 = 1;

fn tick() {
    pgrx::check_for_interrupts!();
}

#[cold]
#[inline(never)]
fn fail(e: KpiError) -> ! {
    raise(e)
}

/// Add `row` to the group's state (made on its first row); `None` skips the row.
unsafe fn step<const N: usize>(
    f: pg_sys::FunctionCallInfo,
    row: Option<[f64; N]>,
) -> pg_sys::Datum {
    unsafe {
        let state = match agg::state_arg::<Rows<N>>(f) {
            Some(s) => s,
            None if row.is_none() => return agg::return_null(f),
            None => {
                let context = agg::aggregate_context(f);
                agg::place_in(context, Rows::<N>::new_in(PgAlloc(context)))
            }
        };
        if let Some(row) = row.filter(|r| !r[0].is_nan()) {
            (*state).push(row);
        }
        agg::return_state(state)
    }
}

/// The combine function: the rows of both.
unsafe fn combine<const N: usize>(f: pg_sys::FunctionCallInfo) -> pg_sys::Datum {
    unsafe {
        let other =
            (!agg::arg_is_null(f, 1)).then(|| &*agg::arg_datum(f, 1).cast_mut_ptr::<Rows<N>>());
        match (agg::state_arg::<Rows<N>>(f), other) {
            (Some(s), Some(o)) => {
                (*s).extend_from_slice(o);
                agg::return_state(s)
            }
            (Some(s), None) => agg::return_state(s),
            (None, Some(o)) => {
                let context = agg::aggregate_context(f);
                let mut rows = Rows::<N>::new_in(PgAlloc(context));
                rows.extend_from_slice(o);
                agg::return_state(agg::place_in(context, rows))
            }
            (None, None) => agg::return_null(f),
        }
    }
}

unsafe fn serialize<const N: usize>(f: pg_sys::FunctionCallInfo) -> pg_sys::Datum {
    unsafe {
        let rows = &*agg::arg_datum(f, 0).cast_mut_ptr::<Rows<N>>();
        let mut bytes = Vec::with_capacity(1 + rows.len() * N * 8);
        bytes.push(STATE_VERSION);
        for x in rows.iter().flatten() {
            bytes.extend_from_slice(&x.to_le_bytes());
        }
        agg::bytea_datum(&bytes)
    }
}

unsafe fn deserialize<const N: usize>(f: pg_sys::FunctionCallInfo) -> pg_sys::Datum {
    unsafe {
        let bytes = agg::bytea_bytes(agg::arg_datum(f, 0));
        let body = match bytes.split_first() {
            Some((&STATE_VERSION, body)) if body.len() % (N * 8) == 0 => body,
            _ => fail(KpiError::BadText(
                "invalid customer model fit state bytes".into(),
            )),
        };
        let mut rows = Rows::<N>::new_in(PgAlloc(pg_sys::CurrentMemoryContext));
        for chunk in body.chunks_exact(N * 8) {
            let mut row = [0.0; N];
            for (x, b) in row.iter_mut().zip(chunk.chunks_exact(8)) {
                *x = f64::from_le_bytes(b.try_into().expect("8 bytes"));
            }
            rows.push(row);
        }
        agg::return_state(agg::place_in(pg_sys::CurrentMemoryContext, rows))
    }
}

/// The fitted model as a datum.
unsafe fn model_datum(kind: Kind, customers: f64, fitted: &super::fit::Fitted) -> pg_sys::Datum {
    let report = Report {
        customers: customers as i64,
        log_likelihood: fitted.mean_log_likelihood * customers,
        iterations: fitted.iterations as i64,
    };
    unsafe {
        summary::datum(&Model {
            kind,
            report: Some(report),
        })
    }
}

/// The state's rows (final functions are STRICT).
unsafe fn rows_of<'a, const N: usize>(f: pg_sys::FunctionCallInfo) -> &'a mut Rows<N> {
    unsafe { &mut *agg::arg_datum(f, 0).cast_mut_ptr::<Rows<N>>() }
}

/// A `bigint` argument.
unsafe fn int_arg(f: pg_sys::FunctionCallInfo, n: usize) -> i64 {
    unsafe { agg::arg_datum(f, n).value() as i64 }
}

/// `Some` when arguments `1..=n` are all not NULL.
unsafe fn all_given(f: pg_sys::FunctionCallInfo, n: usize) -> bool {
    (1..=n).all(|i| unsafe { !agg::arg_is_null(f, i) })
}

// sbg_fit(renewals bigint, churned boolean): rows [renewals, churned]
crate::pg_v1_fn!(fn sbg_fit_accum, pg_finfo_sbg_fit_accum, |f| unsafe {
    let row = all_given(f, 2).then(|| {
        let renewals = int_arg(f, 1);
        if renewals < 0 {
            fail(KpiError::OutOfRange(format!("sbg_fit renewals must not be negative, got {renewals}")));
        }
        [renewals as f64, if agg::arg_datum(f, 2).value() != 0 { 1.0 } else { 0.0 }]
    });
    step::<2>(f, row)
});
crate::pg_v1_fn!(fn sbg_fit_final, pg_finfo_sbg_fit_final, |f| unsafe {
    let mut counts = Counts::default();
    for &[renewals, churned] in rows_of::<2>(f).iter() {
        counts.add(renewals as u64, churned != 0.0, 1).unwrap_or_else(|e| fail(e));
    }
    let (m, fitted) = sbg::fit(&counts, &tick).unwrap_or_else(|e| fail(e));
    model_datum(Kind::Sbg(m), counts.customers() as f64, &fitted)
});

// bgnbd_fit(frequency bigint, recency float8, age float8): rows [x, t_x, T]
crate::pg_v1_fn!(fn bgnbd_fit_accum, pg_finfo_bgnbd_fit_accum, |f| unsafe {
    let row = all_given(f, 3).then(|| {
        let c = Customer::new("bgnbd_fit", int_arg(f, 1), float_arg(f, 2), float_arg(f, 3));
        let c = c.unwrap_or_else(|e| fail(e));
        [c.x, c.t_x, c.t]
    });
    step::<3>(f, row)
});
crate::pg_v1_fn!(fn bgnbd_fit_final, pg_finfo_bgnbd_fit_final, |f| unsafe {
    let rows = rows_of::<3>(f);
    let mut customers: Vec<Customer> = rows.iter().map(|&[x, t_x, t]| Customer { x, t, t_x }).collect();
    let data = bgnbd::Data::from_customers(&mut customers);
    drop(customers);
    let (m, fitted) = bgnbd::fit(&data, &tick).unwrap_or_else(|e| fail(e));
    model_datum(Kind::BgNbd(m), data.customers(), &fitted)
});

// gammagamma_fit(frequency bigint, monetary_value float8): rows [x, m] of repeat buyers; a row
// of frequency 0 is a row of NaN, counted for nothing
crate::pg_v1_fn!(fn gammagamma_fit_accum, pg_finfo_gammagamma_fit_accum, |f| unsafe {
    let row = all_given(f, 2).then(|| {
        let x = int_arg(f, 1);
        if x < 0 {
            fail(KpiError::OutOfRange(format!("gammagamma_fit frequency must not be negative, got {x}")));
        }
        if x == 0 {
            return [f64::NAN; 2];
        }
        let m = gammagamma::check_spend("gammagamma_fit", float_arg(f, 2)).unwrap_or_else(|e| fail(e));
        [x as f64, m]
    });
    step::<2>(f, row)
});
crate::pg_v1_fn!(fn gammagamma_fit_final, pg_finfo_gammagamma_fit_final, |f| unsafe {
    let mut customers: Vec<(f64, f64)> = rows_of::<2>(f).iter().map(|&[x, m]| (x, m)).collect();
    let data = gammagamma::Data::from_customers(&mut customers);
    let (m, fitted) = gammagamma::fit(&data, &tick).unwrap_or_else(|e| fail(e));
    model_datum(Kind::GammaGamma(m), data.customers(), &fitted)
});

crate::pg_v1_fn!(fn model_fit_combine2, pg_finfo_model_fit_combine2, |f| unsafe { combine::<2>(f) });
crate::pg_v1_fn!(fn model_fit_combine3, pg_finfo_model_fit_combine3, |f| unsafe { combine::<3>(f) });
crate::pg_v1_fn!(fn model_fit_serialize2, pg_finfo_model_fit_serialize2, |f| unsafe { serialize::<2>(f) });
crate::pg_v1_fn!(fn model_fit_serialize3, pg_finfo_model_fit_serialize3, |f| unsafe { serialize::<3>(f) });
crate::pg_v1_fn!(fn model_fit_deserialize2, pg_finfo_model_fit_deserialize2, |f| unsafe { deserialize::<2>(f) });
crate::pg_v1_fn!(fn model_fit_deserialize3, pg_finfo_model_fit_deserialize3, |f| unsafe { deserialize::<3>(f) });

// sbg_fit(survivors bigint[]): a survivor series
crate::pg_v1_fn!(fn sbg_fit_survivors, pg_finfo_sbg_fit_survivors, |f| unsafe {
    let series = <Vec<Option<i64>> as pgrx::FromDatum>::from_datum(agg::arg_datum(f, 0), false)
        .expect("a non-NULL array");
    let Some(survivors) = series.iter().copied().collect::<Option<Vec<i64>>>() else {
        fail(KpiError::InvalidParameter("sbg_fit survivors must not contain NULL".into()))
    };
    let counts = Counts::from_survivors(&survivors).unwrap_or_else(|e| fail(e));
    let (m, fitted) = sbg::fit(&counts, &tick).unwrap_or_else(|e| fail(e));
    model_datum(Kind::Sbg(m), counts.customers() as f64, &fitted)
});

// sbg_fit(survivalsummary): a life table in whole periods (durations = renewals made)
crate::pg_v1_fn!(fn sbg_fit_survival, pg_finfo_sbg_fit_survival, |f| unsafe {
    let table = summary::arg::<LifeTable>(agg::arg_datum(f, 0));
    if table.rows.is_empty() {
        return agg::return_null(f);
    }
    let mut counts = Counts::default();
    for r in table.rows.iter() {
        let t = r.time as u64;
        let added = counts.add(t, true, r.churned as u64).and_then(|_| counts.add(t, false, r.censored as u64));
        added.and_then(|_| counts.enter(t, r.entered as u64)).unwrap_or_else(|e| fail(e));
    }
    let (m, fitted) = sbg::fit(&counts, &tick).unwrap_or_else(|e| fail(e));
    model_datum(Kind::Sbg(m), counts.customers() as f64, &fitted)
});

// customer_model(model text, params float8[]): a model of given parameters
crate::pg_v1_fn!(fn customer_model, pg_finfo_customer_model, |f| unsafe {
    let name = std::str::from_utf8(agg::varlena_bytes(agg::arg_datum(f, 0))).unwrap_or("");
    let params = <Vec<Option<f64>> as pgrx::FromDatum>::from_datum(agg::arg_datum(f, 1), false)
        .expect("a non-NULL array");
    let params: Vec<f64> = params.iter().map(|p| p.unwrap_or(f64::NAN)).collect();
    let kind = Kind::from_params(name, &params)
        .unwrap_or_else(|why| fail(KpiError::InvalidParameter(format!("customer_model: {why}"))));
    summary::datum(&Model { kind, report: None })
});

#[path = "model_accessors.rs"]
mod accessors;

pgrx::extension_sql_file!(
    "model.sql",
    name = "model",
    requires = ["survival", "cohort"]
);

#[cfg(any(test, feature = "pg_test"))]
#[path = "model_sql_tests.rs"]
mod tests;
