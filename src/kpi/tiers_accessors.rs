//! The accessors of `tiersummary` (STRICT unless said): counts as `bigint`, MRR and percentages
//! as exact `numeric` computed as `share()` computes them, so `tier_share(s, t)` equals
//! `share(tier = t)` and `tier_mrr_share(s, t)` equals `share(tier = t, mrr)` digit for digit.

use super::super::tiers::{Cell, Tiers};
use crate::agg;
use crate::summary;
use pgrx::pg_sys;

unsafe fn tier_arg(f: pg_sys::FunctionCallInfo, n: usize) -> Option<String> {
    unsafe { (!agg::arg_is_null(f, n)).then(|| agg::text_arg(agg::arg_datum(f, n))) }
}

/// The text of a `numeric`, as `numeric_out` writes it (reads back to the same value and scale).
unsafe fn numeric_plain(n: pg_sys::Numeric) -> String {
    unsafe {
        let d = pgrx::fcinfo::direct_function_call_as_datum(
            pg_sys::numeric_out,
            &[Some(pg_sys::Datum::from(n))],
        )
        .expect("numeric_out returns a value");
        std::ffi::CStr::from_ptr(d.cast_mut_ptr::<std::ffi::c_char>())
            .to_string_lossy()
            .into_owned()
    }
}

crate::pg_v1_fn!(fn tiersummary_customers, pg_finfo_tiersummary_customers, |f| unsafe {
    summary::accessor::<Tiers>(f, |t| Some(pg_sys::Datum::from(t.tier("").1.customers)))
});

crate::pg_v1_fn!(fn tier_customers, pg_finfo_tier_customers, |f| unsafe {
    let tier = agg::text_arg(agg::arg_datum(f, 1));
    summary::accessor::<Tiers>(f, |t| Some(pg_sys::Datum::from(t.tier(&tier).0.customers)))
});

crate::pg_v1_fn!(fn tier_share, pg_finfo_tier_share, |f| unsafe {
    let tier = agg::text_arg(agg::arg_datum(f, 1));
    summary::accessor::<Tiers>(f, |t| {
        let (part, all) = t.tier(&tier);
        (all.customers > 0).then(|| agg::numeric_percent(part.customers, all.customers))
    })
});

crate::pg_v1_fn!(fn tier_mrr, pg_finfo_tier_mrr, |f| unsafe {
    let tier = agg::text_arg(agg::arg_datum(f, 1));
    summary::accessor::<Tiers>(f, |t| t.with_mrr.then(|| pg_sys::Datum::from(agg::numeric_from_scaled(t.tier(&tier).0.mrr))))
});

crate::pg_v1_fn!(fn tier_mrr_share, pg_finfo_tier_mrr_share, |f| unsafe {
    let tier = agg::text_arg(agg::arg_datum(f, 1));
    summary::accessor::<Tiers>(f, |t| {
        let (part, all) = t.tier(&tier);
        t.with_mrr.then(|| agg::numeric_percent_scaled(part.mrr, all.mrr)).flatten().map(pg_sys::Datum::from)
    })
});

/// The moves accessors take NULL tiers (new, gone): not STRICT.
unsafe fn moved(f: pg_sys::FunctionCallInfo) -> Option<(Cell, Cell)> {
    unsafe {
        if agg::arg_is_null(f, 0) {
            return None;
        }
        let t = summary::arg::<Tiers>(agg::arg_datum(f, 0));
        let (before, after) = (tier_arg(f, 1), tier_arg(f, 2));
        if before.is_none() && after.is_none() {
            return None;
        }
        t.moved(before.as_deref(), after.as_deref())
    }
}

crate::pg_v1_fn!(fn tier_moved, pg_finfo_tier_moved, |f| unsafe {
    match moved(f) {
        Some((m, _)) => pg_sys::Datum::from(m.customers),
        None => agg::return_null(f),
    }
});

crate::pg_v1_fn!(fn tier_move_share, pg_finfo_tier_move_share, |f| unsafe {
    match moved(f) {
        Some((m, from)) if from.customers > 0 => agg::numeric_percent(m.customers, from.customers),
        _ => agg::return_null(f),
    }
});

// Every tier (after the move) with customers, share, MRR and MRR share, flattened as `text[]`
// (5 a tier, MRR NULL without), for `tier_table()`.
crate::pg_v1_fn!(fn tier_rows, pg_finfo_tier_rows, |f| unsafe {
    let t = summary::arg::<Tiers>(agg::arg_datum(f, 0));
    let all = t.tier("").1;
    let mut flat: Vec<Option<String>> = Vec::new();
    for (name, c) in t.rows() {
        let share = numeric_plain(agg::numeric_percent(c.customers, all.customers).cast_mut_ptr());
        flat.extend([Some(name.to_string()), Some(c.customers.to_string()), Some(share)]);
        match t.with_mrr {
            true => flat.extend([Some(c.mrr.to_string()), agg::numeric_percent_scaled(c.mrr, all.mrr).map(|n| numeric_plain(n))]),
            false => flat.extend([None, None]),
        }
    }
    pgrx::IntoDatum::into_datum(flat).expect("an array is a value")
});

// Every move (before, after, customers, percent of the before tier's customers, MRR),
// flattened as `text[]` (5 a cell), for `tier_transitions()`; empty for one snapshot.
crate::pg_v1_fn!(fn tier_move_rows, pg_finfo_tier_move_rows, |f| unsafe {
    let t = summary::arg::<Tiers>(agg::arg_datum(f, 0));
    let mut flat: Vec<Option<String>> = Vec::new();
    if t.moves {
        for ((before, after), c) in &t.cells {
            let (_, from) = t.moved(before.as_deref(), after.as_deref()).expect("moves");
            let share = numeric_plain(agg::numeric_percent(c.customers, from.customers).cast_mut_ptr());
            let mrr = t.with_mrr.then(|| c.mrr.to_string());
            flat.extend([before.clone(), after.clone(), Some(c.customers.to_string()), Some(share), mrr]);
        }
    }
    pgrx::IntoDatum::into_datum(flat).expect("an array is a value")
});
