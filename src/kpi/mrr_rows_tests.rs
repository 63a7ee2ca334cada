//! Tests of `mrr_agg(starting_mrr, ...)`'s pending rows (`mrr_rows.rs`).

use super::*;
use crate::kpi::mrr::EXPANSION;
use crate::numeric::tests::whole::rng;
use crate::numeric::Scaled;

/// `add_customer` with the scale counts, row by row: what every row did before pending rows.
fn by_row(m: &mut Moving<MrrSummary>, start: Scaled, end: Scaled, paid: bool) {
    for (k, s) in m.state.add_customer(start, end, paid, false).unwrap() {
        m.scales[k].add(s);
    }
}

/// Random rows, mostly cents, now and then whole amounts, mills or two scales in one row, as
/// the transition takes them (pending when both amounts have the pending rows' scale, else
/// straight to the summary), settled at random points: the same summary and scale counts,
/// compared by `Debug`, as adding each row to the summary.
#[test]
fn pending_rows_settle_to_the_rows_added_one_by_one() {
    let mut next = rng(0x7065_6e64_696e_6731);
    let (mut pending_rows, mut direct_rows) = (0, 0);
    for _ in 0..300 {
        let (mut got, mut want) = (RowsState::default(), RowsState::default().moving);
        let scales: &[u32] = [&[2][..], &[0], &[2, 2, 2, 0], &[2, 2, 3, 1, 0]][next(4) as usize];
        for _ in 0..next(200) {
            let mut amount = || {
                let scale = scales[next(scales.len() as u64) as usize];
                let m = if next(4) == 0 { 0 } else { next(100_000) };
                (m, scale)
            };
            let ((s, ss), (e, es), paid) = (amount(), amount(), next(2) == 1);
            let x = |m: u64, scale| Scaled {
                mantissa: i128::from(m),
                scale,
            };
            by_row(&mut want, x(s, ss), x(e, es), paid);
            if ss == es && got.pending.add(s, e, ss, paid) {
                pending_rows += 1;
            } else {
                by_row(&mut got.moving, x(s, ss), x(e, es), paid);
                direct_rows += 1;
            }
            if next(50) == 0 {
                got.settle().unwrap();
                assert_eq!(got.pending, Pending::default());
            }
        }
        got.settle().unwrap();
        assert_eq!(format!("{:?}", got.moving), format!("{want:?}"));
        // settling again changes nothing
        let before = format!("{got:?}");
        got.settle().unwrap();
        assert_eq!(format!("{got:?}"), before);
    }
    assert!(
        pending_rows > 10_000 && direct_rows > 1_000,
        "{pending_rows} {direct_rows}"
    );
}

/// Rows of another scale than the pending rows' are refused, changing nothing.
#[test]
fn pending_rows_keep_one_scale() {
    let mut p = Pending::default();
    assert!(p.add(500, 700, 2, false));
    let before = p;
    assert!(!p.add(5, 7, 0, false));
    assert!(!p.add(5000, 7000, 3, true));
    assert_eq!(p, before);
    // settled, they take any scale again
    let mut s = RowsState {
        pending: p,
        ..Default::default()
    };
    s.settle().unwrap();
    assert!(s.pending.add(5, 7, 0, false));
    assert_eq!(s.moving.state.amounts[EXPANSION].to_string(), "2.00");
}

/// A sum that does not fit is error 22003 when the pending rows are settled, as it is row by
/// row; a movement's count past `bigint` too.
#[test]
fn settling_a_sum_that_does_not_fit_is_an_error() {
    let mut s = RowsState::default();
    s.moving.state.amounts[EXPANSION] = Scaled {
        mantissa: i128::MAX - 1,
        scale: 2,
    };
    assert!(s.pending.add(500, 700, 2, false));
    let e = s.settle().unwrap_err();
    assert_eq!(e.message(), "mrr_agg amount does not fit 38 digits");
    let mut s = RowsState::default();
    s.pending.sums[ENDING] = u128::MAX;
    s.pending.rows = 1;
    assert!(s.settle().is_err());
    let mut s = RowsState::default();
    s.moving.state.counts[EXPANSION] = i64::MAX;
    assert!(s.pending.add(500, 700, 2, false));
    assert_eq!(
        s.settle().unwrap_err().message(),
        "mrr_agg customer count out of range"
    );
}
