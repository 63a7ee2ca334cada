//! SQL glue of the tier summary ([`super::tiers`]): `tier_agg(...)`, `tier_moves(...)` and
//! `combine(tiersummary)` (and `rollup`), the type's I/O, equality, order and hashing, and the
//! accessors (`tier_table()` and `tier_transitions()` are SQL functions over flattened arrays,
//! in tiers.sql).
//!
//! The state of every aggregate is a [`State`]: the summary, the largest MRR scale of each cell
//! with how many inputs have it (a moving inverse that removes the last input at a cell's scale
//! returns NULL, and PostgreSQL recomputes the frame), and the number of inputs (NULL when a
//! window frame holds none, as the one-step aggregate over no rows). Parallel workers' states
//! travel as the summary's stored form.

use super::tiers::{Cell, Key, Tiers};
use crate::agg;
use crate::error::{raise, KpiError};
use crate::numeric::{MaxScale, Scaled};
use crate::summary::{self, Stored};
use pgrx::pg_sys;
use std::collections::BTreeMap;

#[derive(Default)]
struct State {
    tiers: Option<Tiers>,
    scales: BTreeMap<Key, MaxScale>,
    inputs: i64,
}

impl State {
    /// Add (`sign` 1) or remove (-1) one cell; false when a removal left the cell's MRR scale
    /// unknown.
    fn step_cell(&mut self, key: &Key, c: Cell, sign: i64) -> Result<bool, KpiError> {
        let t = self.tiers.as_mut().expect("a summary");
        t.add_cell(key, c, sign)?;
        if !t.with_mrr {
            return Ok(true);
        }
        if !t.cells.contains_key(key) {
            self.scales.remove(key);
            return Ok(true);
        }
        let s = self.scales.entry(key.clone()).or_default();
        if sign > 0 {
            s.add(c.mrr.scale);
        } else {
            s.remove(c.mrr.scale);
        }
        Ok(s.known())
    }

    /// Add or remove a summary, cell by cell.
    fn step(&mut self, other: &Tiers, sign: i64) -> Result<bool, KpiError> {
        match &mut self.tiers {
            None if sign > 0 => self.tiers = Some(Tiers::new(other.moves, other.with_mrr)),
            None => return Err(cannot_remove()),
            Some(t) => t.merge(&Tiers::new(other.moves, other.with_mrr), 1)?, // kinds match
        }
        let mut known = true;
        for (key, c) in &other.cells {
            known &= self.step_cell(key, *c, sign)?;
        }
        self.inputs += sign;
        Ok(known)
    }
}

fn cannot_remove() -> KpiError {
    KpiError::InvalidParameter("combine(tiersummary) cannot remove a summary it did not add".into())
}

unsafe fn state(f: pg_sys::FunctionCallInfo) -> *mut State {
    unsafe {
        match agg::state_arg::<State>(f) {
            Some(s) => s,
            None => agg::place_owned(agg::aggregate_context(f), State::default()),
        }
    }
}

unsafe fn tier_name(f: pg_sys::FunctionCallInfo, n: usize) -> Option<String> {
    unsafe { (!agg::arg_is_null(f, n)).then(|| agg::text_arg(agg::arg_datum(f, n))) }
}

/// One customer row of `tier_agg` (`moves` false) or `tier_moves`, with or without MRR.
unsafe fn row_step(
    f: pg_sys::FunctionCallInfo,
    moves: bool,
    with_mrr: bool,
    sign: i64,
) -> pg_sys::Datum {
    unsafe {
        let s = &mut *state(f);
        if s.tiers.is_none() {
            s.tiers = Some(Tiers::new(moves, with_mrr));
        }
        s.inputs += sign;
        let kpi = if moves { "tier_moves" } else { "tier_agg" };
        let key = match moves {
            true => (tier_name(f, 1), tier_name(f, 2)),
            false => (None, tier_name(f, 1)),
        };
        let mrr_n = if moves { 3 } else { 2 };
        if key == (None, None) || (with_mrr && agg::arg_is_null(f, mrr_n)) {
            return agg::return_state(s as *mut State);
        }
        let mut c = Cell {
            customers: 1,
            mrr: Scaled::default(),
        };
        if with_mrr {
            let datum = agg::arg_datum(f, mrr_n);
            c.mrr = agg::scaled_arg(datum, kpi, "mrr");
            if c.mrr.is_negative() {
                raise(KpiError::OutOfRange(format!(
                    "{kpi} mrr must not be negative, got {}",
                    c.mrr
                )));
            }
        }
        match s.step_cell(&key, c, sign) {
            Ok(true) => agg::return_state(s as *mut State),
            Ok(false) => agg::return_null(f), // recompute the frame
            Err(e) => raise(e),
        }
    }
}

crate::pg_v1_fn!(fn tier_accum, pg_finfo_tier_accum, |f| unsafe { row_step(f, false, false, 1) });
crate::pg_v1_fn!(fn tier_inv, pg_finfo_tier_inv, |f| unsafe { row_step(f, false, false, -1) });
crate::pg_v1_fn!(fn tier_mrr_accum, pg_finfo_tier_mrr_accum, |f| unsafe { row_step(f, false, true, 1) });
crate::pg_v1_fn!(fn tier_mrr_inv, pg_finfo_tier_mrr_inv, |f| unsafe { row_step(f, false, true, -1) });
crate::pg_v1_fn!(fn tier_moves_accum, pg_finfo_tier_moves_accum, |f| unsafe { row_step(f, true, false, 1) });
crate::pg_v1_fn!(fn tier_moves_inv, pg_finfo_tier_moves_inv, |f| unsafe { row_step(f, true, false, -1) });
crate::pg_v1_fn!(fn tier_moves_mrr_accum, pg_finfo_tier_moves_mrr_accum, |f| unsafe { row_step(f, true, true, 1) });
crate::pg_v1_fn!(fn tier_moves_mrr_inv, pg_finfo_tier_moves_mrr_inv, |f| unsafe { row_step(f, true, true, -1) });

/// `combine(tiersummary)`'s transition (`sign` 1) and moving inverse (-1); NULLs skipped.
unsafe fn sum_step(f: pg_sys::FunctionCallInfo, sign: i64) -> pg_sys::Datum {
    unsafe {
        let s = &mut *state(f);
        if !agg::arg_is_null(f, 1) {
            let other = summary::arg::<Tiers>(agg::arg_datum(f, 1));
            match s.step(&other, sign) {
                Ok(true) => {}
                Ok(false) => return agg::return_null(f),
                Err(e) => raise(e),
            }
        }
        agg::return_state(s as *mut State)
    }
}
crate::pg_v1_fn!(fn tier_combine_accum, pg_finfo_tier_combine_accum, |f| unsafe { sum_step(f, 1) });
crate::pg_v1_fn!(fn tier_combine_inv, pg_finfo_tier_combine_inv, |f| unsafe { sum_step(f, -1) });

// Parallel partial states (never inverted): the summaries add.
crate::pg_v1_fn!(fn tier_combine, pg_finfo_tier_combine, |f| unsafe {
    let theirs = if agg::arg_is_null(f, 1) { None } else { Some(&*agg::arg_datum(f, 1).cast_mut_ptr::<State>()) };
    let s = &mut *state(f);
    if let Some(State { tiers: Some(t), inputs, .. }) = theirs {
        if let Err(e) = s.step(t, 1) {
            raise(e)
        }
        s.inputs += inputs - 1;
    }
    agg::return_state(s as *mut State)
});

crate::pg_v1_fn!(fn tier_serialize, pg_finfo_tier_serialize, |f| unsafe {
    let s = &*agg::arg_datum(f, 0).cast_mut_ptr::<State>();
    let bytes = match &s.tiers {
        None => vec![],
        Some(t) => {
            let mut b = t.to_stored();
            b.extend(s.inputs.to_le_bytes());
            b
        }
    };
    agg::bytea_datum(&bytes)
});

crate::pg_v1_fn!(fn tier_deserialize, pg_finfo_tier_deserialize, |f| unsafe {
    let bytes = agg::bytea_bytes(agg::arg_datum(f, 0));
    let mut s = State::default();
    if bytes.len() > 8 {
        let (stored, inputs) = bytes.split_at(bytes.len() - 8);
        s.tiers = Some(Tiers::from_stored(stored).unwrap_or_else(|e| raise(e)));
        s.inputs = i64::from_le_bytes(inputs.try_into().expect("8 bytes"));
    }
    agg::return_state(agg::place_owned(pg_sys::CurrentMemoryContext, s))
});

// NULL when no input is in the state (a window frame that every row left), as over no rows.
crate::pg_v1_fn!(fn tier_final, pg_finfo_tier_final, |f| unsafe {
    match &*agg::arg_datum(f, 0).cast_mut_ptr::<State>() {
        State { tiers: Some(t), inputs, .. } if *inputs > 0 => summary::datum(t),
        _ => agg::return_null(f),
    }
});

// The type's I/O, equality, order and hashing: the shared summary functions.
crate::pg_v1_fn!(fn tiersummary_in, pg_finfo_tiersummary_in, |f| unsafe { summary::input::<Tiers>(f) });
crate::pg_v1_fn!(fn tiersummary_out, pg_finfo_tiersummary_out, |f| unsafe { summary::output::<Tiers>(f) });
crate::pg_v1_fn!(fn tiersummary_recv, pg_finfo_tiersummary_recv, |f| unsafe { summary::recv::<Tiers>(f) });
crate::pg_v1_fn!(fn tiersummary_send, pg_finfo_tiersummary_send, |f| unsafe { summary::send::<Tiers>(f) });
crate::pg_v1_fn!(fn tiersummary_eq, pg_finfo_tiersummary_eq, |f| unsafe { summary::compare::<Tiers>(f, |o| o.is_eq()) });
crate::pg_v1_fn!(fn tiersummary_ne, pg_finfo_tiersummary_ne, |f| unsafe { summary::compare::<Tiers>(f, |o| o.is_ne()) });
crate::pg_v1_fn!(fn tiersummary_lt, pg_finfo_tiersummary_lt, |f| unsafe { summary::compare::<Tiers>(f, |o| o.is_lt()) });
crate::pg_v1_fn!(fn tiersummary_le, pg_finfo_tiersummary_le, |f| unsafe { summary::compare::<Tiers>(f, |o| o.is_le()) });
crate::pg_v1_fn!(fn tiersummary_gt, pg_finfo_tiersummary_gt, |f| unsafe { summary::compare::<Tiers>(f, |o| o.is_gt()) });
crate::pg_v1_fn!(fn tiersummary_ge, pg_finfo_tiersummary_ge, |f| unsafe { summary::compare::<Tiers>(f, |o| o.is_ge()) });
crate::pg_v1_fn!(fn tiersummary_cmp, pg_finfo_tiersummary_cmp, |f| unsafe { summary::cmp::<Tiers>(f) });
crate::pg_v1_fn!(fn tiersummary_hash, pg_finfo_tiersummary_hash, |f| unsafe { summary::hash::<Tiers>(f, false) });
crate::pg_v1_fn!(fn tiersummary_hash_extended, pg_finfo_tiersummary_hash_extended, |f| unsafe { summary::hash::<Tiers>(f, true) });

#[path = "tiers_accessors.rs"]
mod accessors;

pgrx::extension_sql_file!("tiers.sql", name = "tiers", requires = ["summary_ops"]);
