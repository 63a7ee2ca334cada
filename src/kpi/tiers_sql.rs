//! SQL glue of the tier summary ([`super::tiers`]): `tier_agg(...)`, `tier_moves(...)` and
//! `combine(tiersummary)` (and `rollup`), the type's I/O, equality, order and hashing, and the
//! accessors (`tier_table()` and `tier_transitions()` are SQL functions over flattened arrays,
//! in tiers.sql).
//!
//! The state of every aggregate is a [`State`]: the cells being counted ([`Tally`]: found by
//! the tier's bytes read in place, no allocation a row; with the largest MRR scale of each cell
//! and how many inputs have it, so that a moving inverse that removes the last input at a cell's
//! scale returns NULL and PostgreSQL recomputes the frame), and the number of inputs (NULL when a
//! window frame holds none, as the one-step aggregate over no rows). Parallel workers' states
//! travel as the input count and the summary's stored form.

use super::tiers::Tiers;
use super::tiers_tally::{Mrr, StepError, Tally};
use crate::agg;
use crate::error::{raise, KpiError};
use crate::summary::{self, Stored};
use pgrx::pg_sys;

#[derive(Default)]
struct State {
    tally: Tally,
    inputs: i64,
}

unsafe fn state(f: pg_sys::FunctionCallInfo) -> *mut State {
    unsafe {
        match agg::state_arg::<State>(f) {
            Some(s) => s,
            None => agg::place_owned(agg::aggregate_context(f), State::default()),
        }
    }
}

/// A tier argument's bytes, read in place.
unsafe fn tier_name<'a>(f: pg_sys::FunctionCallInfo, n: usize) -> Option<&'a [u8]> {
    unsafe { (!agg::arg_is_null(f, n)).then(|| agg::varlena_bytes(agg::arg_datum(f, n))) }
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
        s.tally.kind = Some((moves, with_mrr));
        s.inputs += sign;
        let kpi = if moves { "tier_moves" } else { "tier_agg" };
        let (before, after) = match moves {
            true => (tier_name(f, 1), tier_name(f, 2)),
            false => (None, tier_name(f, 1)),
        };
        let mrr_n = if moves { 3 } else { 2 };
        if (before.is_none() && after.is_none()) || (with_mrr && agg::arg_is_null(f, mrr_n)) {
            return agg::return_state(s as *mut State);
        }
        let mrr = match with_mrr {
            true => Mrr::Bytes(agg::varlena_bytes(agg::arg_datum(f, mrr_n))),
            false => Mrr::None,
        };
        match s.tally.step(before, after, 1, mrr, sign) {
            Ok(true) => agg::return_state(s as *mut State),
            Ok(false) => agg::return_null(f), // recompute the frame
            Err(StepError::Kpi(e)) => raise(e),
            Err(StepError::Mrr(why)) => {
                let too_many =
                    KpiError::OutOfRange(format!("{kpi} holds too many rows in one tier"));
                agg::raise_refused(why, agg::arg_datum(f, mrr_n), kpi, "mrr", too_many)
            }
        }
    }
}

/// The fast path of a transition (no guard): a row of tiers and MRR all present, into an existing
/// state; `N` arguments, the last the MRR when `with_mrr`. Anything else, or a row the tally
/// refuses (the state unchanged), goes to [`row_step`].
#[inline(always)]
unsafe fn row_fast<const N: usize>(
    f: pg_sys::FunctionCallInfo,
    with_mrr: bool,
) -> Option<pg_sys::Datum> {
    unsafe {
        // inline(always): otherwise LLVM calls this closure out of line, a second frame a row
        agg::fast_step::<State, N>(
            f,
            #[inline(always)]
            |s, args| {
                // values read in place only: detoasting can raise an error, which needs the guard
                let (names, mrr) = if with_mrr {
                    let Some(mrr) = agg::plain_bytes(args[N - 1]) else {
                        return false;
                    };
                    (&args[..N - 1], Some(mrr))
                } else {
                    (&args[..], None)
                };
                let (before, after) = match names {
                    [b, a] => match (agg::plain_bytes(*b), agg::plain_bytes(*a)) {
                        (Some(b), Some(a)) => (Some(b), a),
                        _ => return false,
                    },
                    [a] => match agg::plain_bytes(*a) {
                        Some(a) => (None, a),
                        None => return false,
                    },
                    _ => return false, // one or two tiers, by the SQL declarations
                };
                let ok = s.tally.try_add_row(before, after, mrr);
                s.inputs += i64::from(ok);
                ok
            },
        )
    }
}

crate::pg_v1_fn!(fn tier_accum, pg_finfo_tier_accum, fast |f| unsafe { row_fast::<1>(f, false) }, |f| unsafe { row_step(f, false, false, 1) });
crate::pg_v1_fn!(fn tier_inv, pg_finfo_tier_inv, |f| unsafe { row_step(f, false, false, -1) });
crate::pg_v1_fn!(fn tier_mrr_accum, pg_finfo_tier_mrr_accum, fast |f| unsafe { row_fast::<2>(f, true) }, |f| unsafe { row_step(f, false, true, 1) });
crate::pg_v1_fn!(fn tier_mrr_inv, pg_finfo_tier_mrr_inv, |f| unsafe { row_step(f, false, true, -1) });
crate::pg_v1_fn!(fn tier_moves_accum, pg_finfo_tier_moves_accum, fast |f| unsafe { row_fast::<2>(f, false) }, |f| unsafe { row_step(f, true, false, 1) });
crate::pg_v1_fn!(fn tier_moves_inv, pg_finfo_tier_moves_inv, |f| unsafe { row_step(f, true, false, -1) });
crate::pg_v1_fn!(fn tier_moves_mrr_accum, pg_finfo_tier_moves_mrr_accum, fast |f| unsafe { row_fast::<3>(f, true) }, |f| unsafe { row_step(f, true, true, 1) });
crate::pg_v1_fn!(fn tier_moves_mrr_inv, pg_finfo_tier_moves_mrr_inv, |f| unsafe { row_step(f, true, true, -1) });

/// `combine(tiersummary)`'s transition (`sign` 1) and moving inverse (-1); NULLs skipped.
unsafe fn sum_step(f: pg_sys::FunctionCallInfo, sign: i64) -> pg_sys::Datum {
    unsafe {
        let s = &mut *state(f);
        if !agg::arg_is_null(f, 1) {
            // read in place: the cells stepped as read, not decoded into a `Tiers`
            let bytes = agg::varlena_bytes(agg::arg_datum(f, 1));
            s.inputs += sign;
            match s.tally.step_stored(bytes, sign) {
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
    if let Some(o) = theirs {
        if o.tally.kind.is_some() {
            if let Err(e) = s.tally.step_summary(&o.tally.to_tiers().unwrap_or_else(|e| raise(e)), 1) {
                raise(e)
            }
        }
        s.inputs += o.inputs;
    }
    agg::return_state(s as *mut State)
});

crate::pg_v1_fn!(fn tier_serialize, pg_finfo_tier_serialize, |f| unsafe {
    let s = &*agg::arg_datum(f, 0).cast_mut_ptr::<State>();
    let mut bytes = s.inputs.to_le_bytes().to_vec();
    if s.tally.kind.is_some() {
        bytes.extend(s.tally.to_tiers().unwrap_or_else(|e| raise(e)).to_stored());
    }
    agg::bytea_datum(&bytes)
});

crate::pg_v1_fn!(fn tier_deserialize, pg_finfo_tier_deserialize, |f| unsafe {
    let bytes = agg::bytea_bytes(agg::arg_datum(f, 0));
    let mut s = State::default();
    let (inputs, stored) = bytes.split_at(8.min(bytes.len()));
    s.inputs = i64::from_le_bytes(inputs.try_into().unwrap_or_else(|_| raise(KpiError::BadText("tier state truncated".into()))));
    if !stored.is_empty() {
        s.tally.step_stored(stored, 1).unwrap_or_else(|e| raise(e));
    }
    agg::return_state(agg::place_owned(pg_sys::CurrentMemoryContext, s))
});

// NULL when no input is in the state (a window frame that every row left), as over no rows.
crate::pg_v1_fn!(fn tier_final, pg_finfo_tier_final, |f| unsafe {
    match &*agg::arg_datum(f, 0).cast_mut_ptr::<State>() {
        State { tally, inputs } if *inputs > 0 && tally.kind.is_some() => summary::datum(&tally.to_tiers().unwrap_or_else(|e| raise(e))),
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

#[cfg(any(test, feature = "pg_test"))]
#[pgrx::pg_schema]
mod tests {
    use crate::testing::{assert_errors, text};
    use pgrx::prelude::*;

    #[pg_test]
    fn tiers_and_referrals() {
        let q = "WITH v(t, m) AS (VALUES ('a', 1.50), ('b', 2), ('a', 0.255), (NULL, 3))
                 SELECT concat_ws(' ', tier_share(s, 'a'), tier_mrr_share(s, 'a'), tier_mrr(s, 'b'), customers(s),
                                   tier_share(s, 'a') = (SELECT share(t = 'a') FROM v), tier_mrr_share(s, 'a') = (SELECT share(t = 'a', m) FROM v))
                 FROM (SELECT tier_agg(t, m) AS s FROM v) x";
        assert_eq!(
            text(q).as_deref(),
            Some("66.6666666666666667 46.7376830892143808 2 3 t t")
        );
        let q = "SELECT concat_ws(' ', tier_moved(s, 'a', 'b'), tier_move_share(s, 'a', 'b'), tier_moved(s, 'a', NULL), tier_moved(s, NULL, 'b'))
                 FROM (SELECT tier_moves(b, a) AS s FROM (VALUES ('a', 'b'), ('a', NULL), ('a', 'a'), (NULL, 'b')) v(b, a)) x";
        assert_eq!(text(q).as_deref(), Some("1 33.3333333333333333 1 1"));
        let q = "SELECT concat_ws(' ', referred_customers(r), referred_value(r), referred_value_share(r), value_per_referred(r),
                                   value_per_other(r), referral_lift(r), referring_share(r), referrals(r), customers(r))
                 FROM (SELECT referral_agg(r, v, n) AS r FROM (VALUES (true, 30.00, 0), (false, 10, 2), (false, 20, 0)) t(r, v, n)) x";
        assert_eq!(
            text(q).as_deref(),
            Some("1 30.00 50.0000000000000000 30.0000000000000000 15.0000000000000000 2.0000000000000000 33.3333333333333333 2 3")
        );
        use PgSqlErrorCode::*;
        assert_errors(&[
            ("SELECT tier_agg('a', -1)", ERRCODE_NUMERIC_VALUE_OUT_OF_RANGE, "tier_agg mrr must not be negative, got -1"),
            ("SELECT tier_moves('a', 'b', 'NaN')", ERRCODE_NUMERIC_VALUE_OUT_OF_RANGE, "tier_moves mrr must be a finite number of at most 38 digits, got NaN"),
            (
                "SELECT combine(s) FROM (SELECT tier_agg('a') UNION ALL SELECT tier_agg('a', 1)) v(s)",
                ERRCODE_INVALID_PARAMETER_VALUE,
                "combine(tiersummary) summaries must be of one kind, got tier_agg without mrr and tier_agg with mrr",
            ),
            ("SELECT '{\"v\":1,\"moves\":false,\"mrr\":false,\"cells\":[[null,null,1]]}'::tiersummary", ERRCODE_INVALID_TEXT_REPRESENTATION,
             "malformed tiersummary \"{\"v\":1,\"moves\":false,\"mrr\":false,\"cells\":[[null,null,1]]}\": a cell without tiers (text form: {\"v\":1,\"moves\":<boolean>,\"mrr\":<boolean>,\"cells\":[[<before tier or null>,<after tier or null>,<customers>(,<mrr>)],...]})"),
            ("SELECT referral_agg(true, -2.5, 0)", ERRCODE_NUMERIC_VALUE_OUT_OF_RANGE, "referral_agg value must not be negative, got -2.5"),
            ("SELECT referral_agg(true, 1, -1)", ERRCODE_NUMERIC_VALUE_OUT_OF_RANGE, "referral_agg referrals must not be negative, got -1"),
        ]);
    }
}
