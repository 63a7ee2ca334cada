//! SQL glue of purchase histories ([`super::history`]): `purchase_history(ordered_on, [amount,]
//! as_of, period)`, an aggregate over one customer's orders (`GROUP BY customer`) giving the
//! `purchasehistory` row that `bgnbd_fit()`, `gammagamma_fit()` and the predictions read.
//!
//! A row with a NULL `ordered_on` (or `amount`) is skipped; no order by `as_of` gives NULL. A
//! NULL or infinite `as_of`, an infinite `ordered_on`, a NULL or unknown period, or `as_of` or
//! the period changing within a group is 22023; a non-finite amount is 22003. The state is the
//! orders (16 bytes each, in the aggregate's memory context); parallel workers' orders travel
//! as bytes.

use super::history::{period_index, summarize};
use crate::agg::{self, float_arg};
use crate::error::{raise, KpiError};
use crate::palloc::PgAlloc;
use crate::time::{Kind, Unit};
use allocator_api2::vec::Vec as AVec;
use pgrx::pg_sys;

const KPI: &str = "purchase_history";

/// The orders of one customer, with the `as_of` period and unit every row must share.
struct State {
    orders: AVec<(i64, f64), PgAlloc>,
    setting: Option<(Unit, i64)>,
}

#[cold]
#[inline(never)]
fn invalid(message: String) -> ! {
    raise(KpiError::InvalidParameter(message))
}

fn unit_code(u: Unit) -> u8 {
    [
        Unit::Day,
        Unit::Week,
        Unit::Month,
        Unit::Quarter,
        Unit::Year,
    ]
    .iter()
    .position(|x| *x == u)
    .expect("a unit") as u8
}

fn unit_of(code: u8) -> Option<Unit> {
    [
        Unit::Day,
        Unit::Week,
        Unit::Month,
        Unit::Quarter,
        Unit::Year,
    ]
    .get(code as usize)
    .copied()
}

unsafe fn new_state(context: pg_sys::MemoryContext) -> *mut State {
    unsafe {
        agg::place_in(
            context,
            State {
                orders: AVec::new_in(PgAlloc(context)),
                setting: None,
            },
        )
    }
}

/// Set (or check) the group's unit and `as_of` period.
fn settle(s: &mut State, setting: (Unit, i64)) {
    match s.setting {
        None => s.setting = Some(setting),
        Some(had) if had == setting => {}
        Some(_) => invalid(format!(
            "{KPI} as_of and period must be the same in every row of a group"
        )),
    }
}

/// One order; `with_amount` shifts `as_of` and period by one argument.
unsafe fn step(f: pg_sys::FunctionCallInfo, with_amount: bool) -> pg_sys::Datum {
    unsafe {
        let at = usize::from(with_amount);
        let (as_of_n, period_n) = (2 + at, 3 + at);
        if agg::arg_is_null(f, as_of_n) {
            invalid(format!("{KPI} as_of must not be NULL"));
        }
        if agg::arg_is_null(f, period_n) {
            invalid(format!("{KPI} period must not be NULL"));
        }
        let day = |n: usize, what: &str| {
            let d = i64::from(agg::arg_datum(f, n).value() as i32);
            if Kind::Date.infinite(d) {
                invalid(format!(
                    "{KPI} {what} must be a finite date, got {}",
                    if d > 0 { "infinity" } else { "-infinity" }
                ));
            }
            d
        };
        let as_of = day(as_of_n, "as_of");
        let text =
            std::str::from_utf8(agg::varlena_bytes(agg::arg_datum(f, period_n))).unwrap_or("");
        let unit = Unit::parse(KPI, text).unwrap_or_else(|e| raise(e));
        let state = match agg::state_arg::<State>(f) {
            Some(s) => s,
            None => new_state(agg::aggregate_context(f)),
        };
        let s = &mut *state;
        settle(s, (unit, period_index(as_of, unit)));
        let skipped = agg::arg_is_null(f, 1) || (with_amount && agg::arg_is_null(f, 2));
        if !skipped {
            let amount = if with_amount { float_arg(f, 2) } else { 0.0 };
            if !amount.is_finite() {
                raise(KpiError::OutOfRange(format!(
                    "{KPI} amount must be a finite number, got {}",
                    crate::numeric::float_text(amount)
                )));
            }
            s.orders
                .push((period_index(day(1, "ordered_on"), unit), amount));
        }
        agg::return_state(state)
    }
}

crate::pg_v1_fn!(fn purchase_history_accum, pg_finfo_purchase_history_accum, |f| unsafe { step(f, true) });
crate::pg_v1_fn!(fn purchase_history_accum_orders, pg_finfo_purchase_history_accum_orders, |f| unsafe { step(f, false) });

crate::pg_v1_fn!(fn purchase_history_combine, pg_finfo_purchase_history_combine, |f| unsafe {
    let other = (!agg::arg_is_null(f, 1)).then(|| &*agg::arg_datum(f, 1).cast_mut_ptr::<State>());
    let state = match (agg::state_arg::<State>(f), other) {
        (s, None) => return s.map_or_else(|| agg::return_null(f), agg::return_state),
        (Some(s), Some(_)) => s,
        (None, Some(_)) => new_state(agg::aggregate_context(f)),
    };
    let (s, o) = (&mut *state, other.expect("checked"));
    if let Some(setting) = o.setting {
        settle(s, setting);
    }
    s.orders.extend_from_slice(&o.orders);
    agg::return_state(state)
});

// Bytes: version 1, unit code (255 for none), `as_of` period, then per order period and amount.
crate::pg_v1_fn!(fn purchase_history_serialize, pg_finfo_purchase_history_serialize, |f| unsafe {
    let s = &*agg::arg_datum(f, 0).cast_mut_ptr::<State>();
    let mut bytes = vec![1, s.setting.map_or(255, |(u, _)| unit_code(u))];
    bytes.extend_from_slice(&s.setting.map_or(0, |(_, a)| a).to_le_bytes());
    for (p, amount) in s.orders.iter() {
        bytes.extend_from_slice(&p.to_le_bytes());
        bytes.extend_from_slice(&amount.to_le_bytes());
    }
    agg::bytea_datum(&bytes)
});

crate::pg_v1_fn!(fn purchase_history_deserialize, pg_finfo_purchase_history_deserialize, |f| unsafe {
    let bytes = agg::bytea_bytes(agg::arg_datum(f, 0));
    let word = |b: &[u8]| <[u8; 8]>::try_from(b).expect("8 bytes");
    let bad = || raise(KpiError::BadText(format!("invalid {KPI} state bytes")));
    if bytes.len() < 10 || bytes[0] != 1 || (bytes.len() - 10) % 16 != 0 {
        bad();
    }
    let state = new_state(pg_sys::CurrentMemoryContext);
    let s = &mut *state;
    s.setting = match bytes[1] {
        255 => None,
        code => Some((unit_of(code).unwrap_or_else(bad), i64::from_le_bytes(word(&bytes[2..10])))),
    };
    for o in bytes[10..].chunks_exact(16) {
        s.orders.push((i64::from_le_bytes(word(&o[..8])), f64::from_le_bytes(word(&o[8..]))));
    }
    agg::return_state(state)
});

crate::pg_v1_fn!(fn purchase_history_final, pg_finfo_purchase_history_final, |f| unsafe {
    let s = &mut *agg::arg_datum(f, 0).cast_mut_ptr::<State>();
    let Some((_, as_of)) = s.setting else { return agg::return_null(f) };
    let Some(h) = summarize(&mut s.orders, as_of) else { return agg::return_null(f) };
    let mut desc: pg_sys::TupleDesc = std::ptr::null_mut();
    if pg_sys::get_call_result_type(f, std::ptr::null_mut(), &mut desc) != pg_sys::TypeFuncClass::TYPEFUNC_COMPOSITE {
        invalid(format!("{KPI} must return the purchasehistory row type"));
    }
    let desc = pg_sys::BlessTupleDesc(desc);
    let mut values = [
        pg_sys::Datum::from(h.frequency),
        pg_sys::Datum::from(h.recency),
        pg_sys::Datum::from(h.age),
        agg::float(h.monetary_value),
    ];
    let mut nulls = [false; 4];
    let tuple = pg_sys::heap_form_tuple(desc, values.as_mut_ptr(), nulls.as_mut_ptr());
    pg_sys::Datum::from((*tuple).t_data)
});
