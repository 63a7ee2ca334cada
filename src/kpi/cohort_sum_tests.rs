//! Unit tests of [`Sum`]: a stored summary merged as read is the summary decoded and merged,
//! state for state and error for error.

use super::*;
use crate::kpi::cohort::{Builder, Cohort, Sub};
use crate::numeric::tests::whole::{damage, rng as xorshift};
use crate::summary::Stored;
use crate::time::days_from_civil;

const AS_OF: i64 = 9_000; // in August 2024

/// A matrix of a few customers by month, with money at `scale` (or none).
fn matrix(next: &mut impl FnMut(u64) -> u64, scale: Option<u32>) -> Matrix {
    let mut b = Builder::new(Unit::Month, AS_OF, scale);
    for _ in 0..next(5) {
        let start = AS_OF - next(400) as i64;
        let end = (next(2) == 0).then(|| start + next(300) as i64);
        let mrr = if scale.is_some() {
            next(100_000) as i128
        } else {
            0
        };
        b.add_customer(&mut [Sub { start, end, mrr }]).unwrap();
    }
    b.finish().unwrap()
}

fn same(a: &Sum, b: &Sum) {
    assert_eq!((&a.m, a.summaries, a.scales), (&b.m, b.summaries, b.scales));
}

/// Both ways, from equal states: the decoded summary through [`Sum::step`], the stored one
/// through [`Sum::step_stored`]; the same state after, or the same error.
fn both(decoded: &mut Sum, in_place: &mut Sum, bytes: &[u8], sign: i64) -> Option<String> {
    let a = Matrix::from_stored(bytes).and_then(|m| decoded.step(m, sign));
    let b = in_place.step_stored(bytes, sign);
    match (a, b) {
        (Ok(()), Ok(())) => {
            same(decoded, in_place);
            None
        }
        (Err(a), Err(b)) => {
            assert_eq!(a.message(), b.message());
            Some(b.message().to_string())
        }
        (a, b) => panic!("{a:?} and {b:?}"),
    }
}

#[test]
fn a_stored_summary_merges_as_decoded() {
    let mut next = xorshift(0x2545_F491_4F6C_DD1D);
    for with_mrr in [false, true] {
        let (mut decoded, mut in_place) = (Sum::default(), Sum::default());
        let scale = |next: &mut dyn FnMut(u64) -> u64| with_mrr.then(|| next(4) as u32);
        let summaries: Vec<Vec<u8>> = (0..40)
            .map(|_| {
                let s = scale(&mut next);
                matrix(&mut next, s).to_stored()
            })
            .collect();
        for s in &summaries {
            assert_eq!(both(&mut decoded, &mut in_place, s, 1), None);
        }
        // a moving window's inverse: the scales go back down as their last summaries leave
        for s in summaries.iter().step_by(2) {
            assert_eq!(both(&mut decoded, &mut in_place, s, -1), None);
        }
        assert!(decoded.m.as_ref().is_some_and(|m| !m.first.is_empty()));
    }
}

/// A cohort of one customer, retained, with money `amount` at every offset.
fn one(offsets: usize, amount: i128) -> Cohort {
    let cell = Cell {
        eligible: 1,
        retained: [1; 4],
        initial: amount,
        mrr: amount,
        capped: amount,
    };
    Cohort {
        size: 1,
        cells: vec![cell; offsets],
    }
}

#[test]
fn errors_come_in_the_order_of_decoding_then_merging() {
    let jan = days_from_civil(2024, 1, 1);
    let feb = days_from_civil(2024, 2, 1);
    let mar = days_from_civil(2024, 3, 1);
    let with = |scale, cohorts: &[(i64, i128)]| {
        let mut m = Matrix::new(Unit::Month, AS_OF, scale);
        for &(start, amount) in cohorts {
            m.first.insert(start, one(2, amount));
        }
        m.check().unwrap();
        m.to_stored()
    };
    let (mut decoded, mut in_place) = (Sum::default(), Sum::default());
    let mut err = |bytes: &[u8], sign| both(&mut decoded, &mut in_place, bytes, sign).unwrap();
    // removing from nothing, from bytes cut short or of a broken rule: the bytes' fault
    let small = with(Some(2), &[(jan, 5)]);
    assert!(err(&small, -1).contains("cannot remove"));
    assert!(err(&small[..small.len() - 1], -1).contains("truncated"));
    let mut broken = Matrix::new(Unit::Month, AS_OF, Some(2));
    broken.first.insert(jan + 1, one(1, 5)); // not the first day of a month
    let broken = broken.to_stored();
    assert_eq!(
        err(&broken, -1),
        "invalid cohortsummary bytes: cohort 2024-01-02 is not the first day of a period"
    );
    // a state at scale 2; a summary at scale 0 whose money cannot rise there in its second
    // cohort, its first never added: out of range, not "cannot remove", as when the whole
    // summary was raised before any of it was merged
    assert_eq!(both(&mut decoded, &mut in_place, &small, 1), None);
    let huge = with(Some(0), &[(feb, 1), (mar, i128::MAX / 50)]);
    let mut err = |bytes: &[u8], sign| both(&mut decoded, &mut in_place, bytes, sign).unwrap();
    assert_eq!(
        err(&huge, -1),
        "rollup(cohortsummary) or combine(cohortsummary) mrr does not fit 38 digits"
    );
    let fits = with(Some(0), &[(feb, 1)]);
    assert!(err(&fits, -1).contains("cannot remove"));
    // a summary of another kind, refused once read
    let other = with(None, &[(jan, 0)]);
    assert!(err(&other, 1).contains("must share the period, as_of and mrr"));
}

/// Summaries damaged (cut short, a byte changed, a byte added) or not, added or removed:
/// merged as read or decoded first, the same state or the same error.
#[test]
fn damaged_summaries_fail_alike() {
    let mut next = xorshift(0x8CB9_2BA7_2F3D_8DD7);
    let (mut failed, mut merged) = (0, 0);
    for round in 0..600 {
        let scale = (round % 3 != 0).then(|| next(3) as u32);
        let base = matrix(&mut next, scale).to_stored();
        let other = (round % 5 == 0).then(|| next(3) as u32).or(scale);
        let mut bytes = matrix(&mut next, other).to_stored();
        damage(&mut bytes, &mut next); // or not: added, or removed though never added
        let (mut decoded, mut in_place) = (Sum::default(), Sum::default());
        assert_eq!(both(&mut decoded, &mut in_place, &base, 1), None);
        let sign = [1, -1][next(2) as usize];
        match both(&mut decoded, &mut in_place, &bytes, sign) {
            Some(_) => failed += 1,
            None => merged += 1,
        }
    }
    assert!(
        failed > 300 && merged > 60,
        "{failed} failed, {merged} merged"
    );
}
