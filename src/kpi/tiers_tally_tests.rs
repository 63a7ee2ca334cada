//! Unit tests of [`super::Tally`].

use super::*;
use crate::summary::Stored;

/// One customer of MRR `mantissa / 10^scale` in (`sign` 1) or out (-1).
fn one(
    t: &mut Tally,
    before: Option<&[u8]>,
    after: &[u8],
    mantissa: i128,
    scale: u32,
    sign: i64,
) -> Result<bool, KpiError> {
    match t.step(
        before,
        Some(after),
        1,
        Mrr::Sum(Scaled { mantissa, scale }),
        sign,
    ) {
        Ok(k) => Ok(k),
        Err(StepError::Kpi(e)) => Err(e),
        Err(StepError::Mrr(r)) => panic!("refused {r:?}"),
    }
}

#[test]
fn many_tiers_in_and_out() {
    // the table grows past its first 16 slots and is rebuilt as cells leave
    let mut t = Tally {
        kind: Some((true, true)),
        ..Default::default()
    };
    let names: Vec<String> = (0..40).map(|i| format!("tier {i}")).collect();
    for round in 0..3 {
        for (i, n) in names.iter().enumerate() {
            let before = (i % 3 != 0).then_some(n.as_bytes());
            assert!(one(&mut t, before, n.as_bytes(), i as i128 + round, 2, 1).unwrap());
        }
    }
    let s = t.to_tiers().unwrap();
    assert_eq!(s.cells.len(), 40);
    assert_eq!(
        s.tier("tier 7").0,
        Cell {
            customers: 3,
            mrr: Scaled {
                mantissa: 24,
                scale: 2
            }
        }
    );
    for (i, n) in names.iter().enumerate().filter(|(i, _)| i % 2 == 0) {
        let before = (i % 3 != 0).then_some(n.as_bytes());
        for round in 0..3 {
            one(&mut t, before, n.as_bytes(), i as i128 + round, 2, -1).unwrap();
        }
    }
    let s = t.to_tiers().unwrap();
    assert_eq!(s.cells.len(), 20);
    assert_eq!(s.tier("tier 7").0.customers, 3);
    assert_eq!(s.tier("tier 8").0, Cell::default());
    let e = one(&mut t, Some(b"nope"), b"nope", 1, 0, -1).unwrap_err();
    assert_eq!(
        e.message(),
        "combine(tiersummary) cannot remove a summary it did not add"
    );
}

#[test]
fn names_are_found_by_key_then_bytes() {
    // every length class of Key (none, up to 3, 4-7, 8-16, longer with the same first and
    // last eight bytes), NULL apart from empty: each pair of names its own cell
    let long = |middle: &str| format!("customers-{middle}-at-risk-now");
    let names: Vec<Option<String>> = [
        None,
        Some(""),
        Some("a"),
        Some("ab"),
        Some("abc"),
        Some("aXc"),
        Some("abcd"),
        Some("abcX"),
        Some("Xbcd"),
        Some("At-risk"),
        Some("At-riskk"),
        Some("Healthy"),
        Some("High-value"),
        Some("High-valuf"),
        Some("0123456789abcdef"),
        Some("0123456789Xbcdef"),
    ]
    .into_iter()
    .map(|n| n.map(String::from))
    .chain([Some(long("A")), Some(long("B")), Some(long("AA"))])
    .collect();
    let all: Vec<_> = names
        .iter()
        .flat_map(|b| names.iter().flatten().map(move |a| (b, a)))
        .collect();
    // a few cells (keys that are equal for different names share a probe), then all pairs
    // (the table grown several times)
    for pairs in [&all[names.len() + 9..][..8], &all[..]] {
        let mut t = Tally {
            kind: Some((true, false)),
            ..Default::default()
        };
        for round in 0..2 {
            for (i, (b, a)) in pairs.iter().enumerate() {
                let b = b.as_deref().map(str::as_bytes);
                assert_eq!(t.find(b, Some(a.as_bytes())), (round > 0).then_some(i));
                t.step(b, Some(a.as_bytes()), 1, Mrr::None, 1).unwrap();
            }
        }
        assert_eq!(t.cells.len(), pairs.len());
        if pairs.len() <= SPREAD_CELLS {
            // a few cells: each with a key of its own in a slot of its own (one probe)
            let mask = t.slots.len() - 1;
            for (i, k) in t.keys.iter().enumerate() {
                if t.keys.iter().filter(|&o| o == k).count() == 1 {
                    assert_eq!(t.slots[slot_of(k, mask)] as usize, i + 1, "{:?}", pairs[i]);
                }
            }
        }
        if pairs.len() == 8 {
            assert_eq!(pairs[7].1.len(), long("AA").len(), "the long names are in");
        }
        assert!(t.cells.iter().all(|(_, c)| c.customers == 2));
    }
}

#[test]
fn the_usual_tiers_have_slots_of_their_own() {
    let mut t = Tally {
        kind: Some((false, false)),
        ..Default::default()
    };
    let tiers: [&[u8]; 4] = [b"At-risk", b"Healthy", b"High-value", b"Unhealthy"];
    for tier in tiers {
        t.step(None, Some(tier), 1, Mrr::None, 1).unwrap();
    }
    let mask = t.slots.len() - 1;
    for (i, k) in t.keys.iter().enumerate() {
        assert_eq!(t.slots[slot_of(k, mask)] as usize, i + 1);
    }
}

#[test]
fn a_row_in_place_is_the_step() {
    use crate::numeric::tests::whole::encode;
    let mrr = |m: u128, scale: u16| encode(false, m, scale);
    let (mut fast, mut slow) = (Tally::default(), Tally::default());
    for t in [&mut fast, &mut slow] {
        t.kind = Some((true, true));
        t.step(Some(b"a"), Some(b"b"), 1, Mrr::Bytes(&mrr(1, 0)), 1)
            .unwrap();
    }
    for (m, scale) in [(1250, 2), (7, 0), (0, 0), (99_999, 3)] {
        let b = mrr(m, scale);
        assert!(fast.try_add_row(Some(b"a"), b"b", Some(&b)));
        slow.step(Some(b"a"), Some(b"b"), 1, Mrr::Bytes(&b), 1)
            .unwrap();
    }
    assert_eq!(fast.to_tiers().unwrap(), slow.to_tiers().unwrap());
    let before = fast.to_tiers().unwrap();
    // a new cell, a negative MRR, a count at its limit: left to step, nothing changed
    assert!(!fast.try_add_row(None, b"b", Some(&mrr(1, 0))));
    assert!(!fast.try_add_row(Some(b"a"), b"b", Some(&encode(true, 1, 0))));
    fast.cells[0].1.customers = i64::MAX;
    assert!(!fast.try_add_row(Some(b"a"), b"b", Some(&mrr(1, 0))));
    fast.cells[0].1.customers = before.cells.values().next().unwrap().customers;
    assert_eq!(fast.to_tiers().unwrap(), before);
}

#[test]
fn names_not_utf8_read_lossily() {
    // two SQL_ASCII names that read the same once lossy: one cell
    let mut t = Tally {
        kind: Some((false, false)),
        ..Default::default()
    };
    t.step(None, Some(b"a\xff"), 1, Mrr::None, 1).unwrap();
    t.step(None, Some(b"a\xfe"), 1, Mrr::None, 1).unwrap();
    let s = t.to_tiers().unwrap();
    assert_eq!(s.cells.len(), 1);
    assert_eq!(s.tier("a\u{fffd}").0.customers, 2);
}

#[test]
fn scales_for_the_moving_inverse() {
    let mut t = Tally {
        kind: Some((false, true)),
        ..Default::default()
    };
    one(&mut t, None, b"a", 150, 2, 1).unwrap();
    one(&mut t, None, b"a", 2, 0, 1).unwrap();
    assert!(
        one(&mut t, None, b"a", 2, 0, -1).unwrap(),
        "a value below the largest scale left"
    );
    one(&mut t, None, b"a", 3, 0, 1).unwrap();
    assert!(
        !one(&mut t, None, b"a", 150, 2, -1).unwrap(),
        "the last value at scale 2 left: recompute"
    );
    // totals past a summary's range: 22003 when the summary is made
    let mut big = Tally {
        kind: Some((false, false)),
        ..Default::default()
    };
    big.step(None, Some(b"a"), i64::MAX, Mrr::None, 1).unwrap();
    big.step(None, Some(b"b"), 1, Mrr::None, 1).unwrap();
    assert_eq!(big.to_tiers().unwrap_err().sqlstate(), "22003");
    let e = big.step(None, Some(b"a"), 1, Mrr::None, 1).unwrap_err();
    assert!(
        matches!(e, StepError::Kpi(ref e) if e.sqlstate() == "22003"),
        "{e:?}"
    );
    // a negative MRR is refused, the cell unchanged
    let neg = crate::numeric::tests::whole::encode(true, 5, 0);
    let e = t
        .step(None, Some(b"a"), 1, Mrr::Bytes(&neg), 1)
        .unwrap_err();
    assert!(matches!(e, StepError::Mrr(Refused::Negative)));
}

/// A stored summary stepped in place ([`Tally::step_stored`], `rollup()`'s path) is the summary
/// decoded and stepped ([`Tally::step_summary`]): in and out, with a summary of the other kind
/// refused the same way.
#[test]
fn a_stored_summary_steps_as_decoded() {
    let summary = |i: usize| {
        let mut t = Tally {
            kind: Some((true, true)),
            ..Default::default()
        };
        for j in 0..(i % 5) {
            let (b, a) = (
                format!("t{}", (i + j) % 4),
                format!("tier number {}", j * 7 % 3),
            );
            let before = (j % 2 == 0).then_some(b.as_bytes());
            one(
                &mut t,
                before,
                a.as_bytes(),
                (i * j) as i128,
                (j % 3) as u32,
                1,
            )
            .unwrap();
        }
        t.to_tiers().unwrap()
    };
    let (mut decoded, mut in_place) = (Tally::default(), Tally::default());
    for (i, sign) in (0..30)
        .map(|i| (i, 1))
        .chain((0..30).step_by(3).map(|i| (i, -1)))
    {
        let bytes = summary(i).to_stored();
        let a = decoded.step_summary(&Tiers::from_stored(&bytes).unwrap(), sign);
        let b = in_place.step_stored(&bytes, sign);
        assert_eq!(a.unwrap(), b.unwrap());
        assert_eq!(decoded.to_tiers().unwrap(), in_place.to_tiers().unwrap());
    }
    assert!(!decoded.to_tiers().unwrap().cells.is_empty());
    let other = Tiers::new(false, true).to_stored();
    let a = decoded.step_summary(&Tiers::from_stored(&other).unwrap(), 1);
    let b = in_place.step_stored(&other, 1);
    assert_eq!(a.unwrap_err().message(), b.unwrap_err().message());
    // a summary's own fault comes before what the tally refuses: the removal of cells never
    // added, from bytes cut short, with a byte too many, or with a rule broken, names the bytes
    let mut never = Tiers::new(true, true);
    let c = Cell {
        customers: 2,
        mrr: Scaled::default(),
    };
    never
        .cells
        .insert((Some("zz".into()), Some("never".into())), c);
    let absent = never.to_stored();
    let mut refused = |b: &[u8]| {
        in_place
            .step_stored(b, -1)
            .unwrap_err()
            .message()
            .to_string()
    };
    assert!(refused(&absent).contains("cannot remove"));
    assert!(refused(&absent[..absent.len() - 1]).contains("truncated"));
    assert!(refused(&[&absent[..], &[0]].concat()).contains("expected"));
    never.cells.values_mut().for_each(|c| c.customers = 0);
    assert_eq!(
        refused(&never.to_stored()),
        "invalid tiersummary bytes: a cell of 0 customers"
    );
}

/// Summaries damaged (cut short, a byte changed, a byte added) or not, added or removed:
/// stepped as read or decoded first, the same tally or the same error.
#[test]
fn damaged_summaries_fail_alike() {
    use crate::numeric::tests::whole::{damage, rng};
    let mut next = rng(0x5DEE_CE66_D1CE_4E5B);
    let (mut failed, mut stepped) = (0, 0);
    for round in 0..600 {
        let (moves, with_mrr) = (round % 2 == 0, round % 3 != 0);
        let summary = |next: &mut dyn FnMut(u64) -> u64| {
            let mut t = Tiers::new(moves, with_mrr);
            for _ in 0..next(4) {
                let name = |i: u64| ["a", "bb", "At-risk", "Ünïcode tier", "t"][i as usize];
                let after = Some(name(next(5)).to_string());
                let before = moves.then(|| name(next(5)).to_string());
                let mrr = Scaled {
                    mantissa: if with_mrr { next(10_000) as i128 } else { 0 },
                    scale: if with_mrr { next(3) as u32 } else { 0 },
                };
                let c = Cell {
                    customers: 1 + next(3) as i64,
                    mrr,
                };
                t.add_cell(&(before, after), c, 1).unwrap();
            }
            t.to_stored()
        };
        let base = summary(&mut next);
        let mut bytes = summary(&mut next);
        damage(&mut bytes, &mut next); // or not: added, or removed though never added
        let (mut decoded, mut in_place) = (Tally::default(), Tally::default());
        let ok = in_place.step_stored(&base, 1).unwrap();
        assert_eq!(
            decoded
                .step_summary(&Tiers::from_stored(&base).unwrap(), 1)
                .unwrap(),
            ok
        );
        let sign = [1, -1][next(2) as usize];
        let a = Tiers::from_stored(&bytes).and_then(|t| decoded.step_summary(&t, sign));
        match (a, in_place.step_stored(&bytes, sign)) {
            (Ok(a), Ok(b)) => {
                assert_eq!(a, b);
                assert_eq!(decoded.to_tiers().unwrap(), in_place.to_tiers().unwrap());
                stepped += 1;
            }
            (Err(a), Err(b)) => {
                assert_eq!(a.message(), b.message());
                failed += 1;
            }
            (a, b) => panic!("{a:?} and {b:?}"),
        }
    }
    assert!(
        failed > 300 && stepped > 20,
        "{failed} failed, {stepped} stepped"
    );
}
