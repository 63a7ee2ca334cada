//! Lower bounds for `make bench` (issue 26), built only with the `bench_floor` feature (which
//! `make bench` turns on, and nothing shipped does): for a KPI that reads `numeric` arguments
//! exactly, a transition that does only what the KPI cannot avoid on the bench's rows (read each
//! value with the project's fastest reader for its column, add it, find the row's cell) and none
//! of the checks a correct KPI needs (counts at their limit, sums past 38 digits, scales, whether
//! two names that hash alike are the same). A value the reader does not take is skipped. If the
//! lower bound is above 1.10x of the no-op, no correct KPI is within it; what a KPI spends above
//! its lower bound is what its checks and its own design cost. `scripts/bench_sql.py` binds them
//! as `bench_lower_*` aggregates in the bench database.

use crate::agg;
use crate::numeric_small::{small, Small};
use crate::numeric_sum::{short_digits, NumericSum};
use pgrx::pg_sys;

/// Every lower bound's state: sums by display scale (or digit position), and cells.
#[derive(Default)]
pub struct Bound {
    by_scale: [[u128; 16]; 2],
    sums: [NumericSum; 3],
    cells: [u128; 16],
    count: u64,
}

/// A `numeric` argument as [`crate::numeric_small`] reads it (ratings, amounts).
#[inline(always)]
unsafe fn read(d: pg_sys::Datum) -> Option<Small> {
    unsafe { small(agg::plain_bytes(d)?) }
}

/// `x` into `sums` at its display scale, unchecked.
#[inline(always)]
fn add(sums: &mut [u128; 16], x: &Small, v: u128) {
    let slot = &mut sums[(x.dscale & 15) as usize];
    *slot = slot.wrapping_add(v);
}

/// A step that takes every row the fast path does not: it skips it (a NULL or a value the
/// reader does not take), allocating the state on the first row.
unsafe fn skip(f: pg_sys::FunctionCallInfo) -> pg_sys::Datum {
    unsafe { agg::transition::<Bound>(f, |_| Ok(())) }
}

// ces_agg(numeric): one value, its sum and the sum of its squares
crate::pg_v1_fn!(fn bench_lower_ces_agg, pg_finfo_bench_lower_ces_agg, fast |f| unsafe {
    agg::fast_step::<Bound, 1>(f, |s, [d]| {
        let Some(x) = read(d) else { return false };
        let m = u128::from(x.magnitude);
        add(&mut s.by_scale[0], &x, m);
        add(&mut s.by_scale[1], &x, m * m);
        s.count += 1;
        true
    })
}, |f| unsafe { skip(f) });

// clv(numeric, numeric, numeric): three values read as clv reads them (digit groups added per
// position), three sums
crate::pg_v1_fn!(fn bench_lower_clv, pg_finfo_bench_lower_clv, fast |f| unsafe {
    agg::fast_step::<Bound, 3>(f, |s, ds| {
        let [Some(a), Some(b), Some(c)] = ds.map(|d| agg::plain_bytes(d).and_then(short_digits)) else {
            return false;
        };
        s.sums[0].add(&a, false);
        s.sums[1].add(&b, false);
        s.sums[2].add(&c, false);
        s.count += 1;
        true
    })
}, |f| unsafe { skip(f) });

// mrr_agg(start, end, paid): two amounts, their sums, and the change into its movement's cell
crate::pg_v1_fn!(fn bench_lower_mrr, pg_finfo_bench_lower_mrr, fast |f| unsafe {
    agg::fast_step::<Bound, 3>(f, |s, [a, b, p]| {
        let (Some(x), Some(y)) = (read(a), read(b)) else { return false };
        add(&mut s.by_scale[0], &x, u128::from(x.magnitude));
        add(&mut s.by_scale[1], &y, u128::from(y.magnitude));
        let (ms, me) = (x.magnitude, y.magnitude);
        let cell = usize::from(ms == 0) * 2
            + usize::from(me == 0)
            + 4 * usize::from(me > ms)
            + 8 * usize::from(p.value() != 0);
        s.cells[cell] = s.cells[cell].wrapping_add(u128::from(me.abs_diff(ms)));
        s.count += 1;
        true
    })
}, |f| unsafe { skip(f) });

// tier_agg(tier, mrr): the tier's cell from a hash of its length and first and last four
// bytes (names of at least four), never compared with the cell's name, and the amount's sum
crate::pg_v1_fn!(fn bench_lower_tier, pg_finfo_bench_lower_tier, fast |f| unsafe {
    agg::fast_step::<Bound, 2>(f, |s, [t, m]| {
        let (Some(name), Some(x)) = (agg::plain_bytes(t), read(m)) else { return false };
        let n = name.len();
        if n < 4 {
            return false;
        }
        let at = |i: usize| u64::from(u32::from_ne_bytes(name.as_ptr().add(i).cast::<[u8; 4]>().read()));
        let key = (n as u64) ^ at(0) << 8 ^ at(n - 4) << 32;
        let cell = (key.wrapping_mul(0x9E37_79B9_7F4A_7C15) >> 60) as usize;
        s.cells[cell] = s.cells[cell].wrapping_add(u128::from(x.magnitude));
        s.count += 1;
        true
    })
}, |f| unsafe { skip(f) });

// rollup(summary) over any summary type: every byte of the stored summary read once (8 bytes at
// a time, folded into one word), nothing decoded, checked or added: what any reader of the
// summary pays that the no-op, which never dereferences the datum, does not
crate::pg_v1_fn!(fn bench_lower_bytes, pg_finfo_bench_lower_bytes, fast |f| unsafe {
    agg::fast_step::<Bound, 1>(f, |s, [d]| {
        let Some(bytes) = agg::plain_bytes(d) else { return false };
        let (words, tail) = bytes.as_chunks::<8>();
        let mut folded = words.iter().fold(0u64, |a, w| a.rotate_left(5) ^ u64::from_ne_bytes(*w));
        for &b in tail {
            folded = folded.rotate_left(5) ^ u64::from(b);
        }
        s.cells[0] ^= u128::from(folded);
        s.count += 1;
        true
    })
}, |f| unsafe { skip(f) });

// the rows taken, so that nothing above is dead code
crate::pg_v1_fn!(fn bench_lower_final, pg_finfo_bench_lower_final, |f| unsafe {
    agg::finish::<Bound>(f, |s| {
        let mixed = s.by_scale.iter().flatten().chain(&s.cells).fold(0, |a: u128, b| a ^ b)
            ^ s.sums.iter().filter_map(NumericSum::to_scaled).fold(0, |a, b| a ^ b.mantissa as u128);
        Some(pg_sys::Datum::from(s.count as i64 + i64::from(mixed == 42)))
    })
});
