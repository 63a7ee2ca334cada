//! Unit tests of [`super::NumericSum`] and [`super::Digits`].

use super::*;
use crate::numeric::tests::whole::{encode, long, random_numeric, rng, short};
use crate::numeric::to_scaled;

fn sum_of(values: &[Vec<u8>]) -> Option<Scaled> {
    let mut s = NumericSum::default();
    for v in values {
        s.add(&digits(v).unwrap(), false);
    }
    s.to_scaled()
}

#[test]
fn sums_at_the_largest_scale() {
    // 12.50 + 0.5 + 3 = 16.00
    let s = sum_of(&[
        short(false, 0, 2, &[12, 5000]),
        short(false, -1, 1, &[5000]),
        short(false, 0, 0, &[3]),
    ]);
    assert_eq!(
        s,
        Some(Scaled {
            mantissa: 1600,
            scale: 2
        })
    );
    // -1.234 + 10000 = 9998.766
    let s = sum_of(&[short(true, 0, 3, &[1, 2340]), short(false, 1, 0, &[1])]);
    assert_eq!(
        s,
        Some(Scaled {
            mantissa: 9_998_766,
            scale: 3
        })
    );
    assert_eq!(sum_of(&[]), Some(Scaled::default()));
    assert_eq!(
        sum_of(&[short(false, 0, 2, &[])]),
        Some(Scaled {
            mantissa: 0,
            scale: 2
        })
    );
}

#[test]
fn carries_across_positions() {
    // 9999.9999 added 10,000 times = 99,999,999 exactly
    let v = short(false, 0, 4, &[9999, 9999]);
    let values = vec![v; 10_000];
    assert_eq!(
        sum_of(&values),
        Some(Scaled {
            mantissa: 999_999_990_000,
            scale: 4
        })
    );
}

#[test]
fn inverse_and_merge_are_exact() {
    let a = short(false, 0, 2, &[12, 5000]);
    let b = short(false, 2, 1, &[7, 0, 3, 1000]);
    let mut s = NumericSum::default();
    s.add(&digits(&a).unwrap(), false);
    s.add(&digits(&b).unwrap(), false);
    s.add(&digits(&a).unwrap(), true);
    assert_eq!(
        s.to_scaled(),
        Some(Scaled {
            mantissa: 70_000_000_310,
            scale: 2
        })
    );
    let mut t = NumericSum::default();
    t.add(&digits(&a).unwrap(), false);
    t.merge(&s, false).unwrap();
    assert_eq!(
        t.to_scaled(),
        Some(Scaled {
            mantissa: 70_000_001_560,
            scale: 2
        })
    );
    t.merge(&s, true).unwrap();
    assert_eq!(
        t.to_scaled(),
        Some(Scaled {
            mantissa: 1250,
            scale: 2
        })
    );
    let mut full = NumericSum::default();
    full.positions[0] = i64::MAX;
    assert_eq!(full.merge(&full.clone(), false), None);
}

#[test]
fn accepts_what_to_scaled_accepts() {
    let mut next = rng(0x2545_f491_4f6c_dd1d);
    // Well-formed values of 0-39 digits at scales 0-45, both signs, summed in pairs.
    for _ in 0..100_000 {
        let a = random_numeric(&mut next, 40, 46);
        let b = random_numeric(&mut next, 40, 46);
        match (digits(&a), digits(&b)) {
            (Ok(da), Ok(db)) => {
                let (sa, sb) = (to_scaled(&a).unwrap(), to_scaled(&b).unwrap());
                let want = Scaled::default()
                    .add(sa.0, sa.1)
                    .and_then(|s| s.add(sb.0, sb.1));
                let mut s = NumericSum::default();
                s.add(&da, false);
                s.add(&db, false);
                assert_eq!(s.to_scaled(), want, "{a:?} {b:?}");
            }
            (da, db) => {
                assert_eq!(da.map(|_| ()), to_scaled(&a).map(|_| ()));
                assert_eq!(db.map(|_| ()), to_scaled(&b).map(|_| ()));
            }
        }
    }
}

#[test]
fn short_path_equals_general_path() {
    let mut next = rng(0x1234_5678_9abc_def1);
    // wide values, then ratings and amounts (numeric_small's path)
    for i in 0..200_000 {
        let bytes = match i % 2 {
            0 => random_numeric(&mut next, 40, 46),
            _ => random_numeric(&mut next, 9, 5),
        };
        let negate = next(2) == 1;
        let (mut fast, mut general) = (NumericSum::default(), NumericSum::default());
        if fast.add_short(&bytes, negate) {
            let d = digits(&bytes).expect("the short path accepts only valid values");
            assert!(!d.negative);
            general.add(&d, negate);
            assert_eq!(fast, general, "{bytes:?}");
        } else {
            assert_eq!(fast, NumericSum::default(), "unchanged when declined");
            if let Ok(d) = digits(&bytes) {
                assert!(d.negative || 4 * (d.top as i32 + LOW) + 4 + d.dscale as i32 > 38);
            }
        }
    }
}

#[test]
fn at_least_whole_is_the_comparison() {
    // the digit-group comparison (csat's per-row path) against the values' own comparison
    let mut next = rng(0x5eed_0fc5_a7c5_a7e1);
    let mut answered = 0;
    for _ in 0..100_000 {
        let bytes = random_numeric(&mut next, 12, 8);
        let (Ok(d), Ok((m, scale))) = (digits(&bytes), to_scaled(&bytes)) else {
            continue;
        };
        let value = Scaled { mantissa: m, scale };
        for t in [0u16, 1, 4, 5, 9_999] {
            let Some(hit) = d.at_least_whole(t) else {
                assert!(d.negative, "{bytes:?}");
                continue;
            };
            answered += 1;
            let want = value.cmp_value(Scaled::from(i64::from(t))).is_ge();
            assert_eq!(hit, want, "{value:?} >= {t}");
        }
    }
    assert!(answered > 100_000, "only {answered} comparisons answered");
    // zero, and an unnormalised value (a leading zero group) left to the general path
    let zero = short(false, 0, 0, &[]);
    assert_eq!(digits(&zero).unwrap().at_least_whole(0), Some(true));
    assert_eq!(digits(&zero).unwrap().at_least_whole(1), Some(false));
    let padded = short(false, 1, 0, &[0, 5]);
    assert_eq!(digits(&padded).unwrap().at_least_whole(4), None);
}

#[test]
fn long_format_takes_the_general_path() {
    // 10011 and -3 in the long (pre-9.1, 4-byte header) format
    let (a, b) = (long(false, 1, &[1, 11]), long(true, 0, &[3]));
    let mut s = NumericSum::default();
    assert!(!s.add_short(&a, false), "declined by the short path");
    s.add(&digits(&a).unwrap(), false);
    s.add(&digits(&b).unwrap(), false);
    assert_eq!(
        s.to_scaled(),
        Some(Scaled {
            mantissa: 10_008,
            scale: 0
        })
    );
}

#[test]
fn add_bytes_refuses_without_changing_the_sum() {
    let mut s = NumericSum::default();
    s.add_bytes(&encode(false, 125, 1), false, false).unwrap();
    let before = s;
    let nan = 0xC000u16.to_ne_bytes();
    assert_eq!(s.add_bytes(&nan, false, true), Err(Refused::NotExact));
    let minus = encode(true, 5, 0);
    assert_eq!(s.add_bytes(&minus, false, false), Err(Refused::Negative));
    assert_eq!(s, before);
    s.add_bytes(&minus, false, true).unwrap();
    assert_eq!(
        s.to_scaled(),
        Some(Scaled {
            mantissa: 75,
            scale: 1
        }),
        "12.5 - 5"
    );
}

#[test]
fn scaled_values_add_as_the_numeric_of_the_same_value() {
    let mut next = rng(0x5eed_f10a_7000_0001);
    // wide values, then ratings and scores (add_scaled's short path: below 65,536 units,
    // at most two decimals, and the values next to it)
    for (width, max_scale) in [(40, 46), (6, 4)] {
        for _ in 0..50_000 {
            let bytes = random_numeric(&mut next, width, max_scale);
            let Ok((m, scale)) = to_scaled(&bytes) else {
                continue;
            };
            let (mut by_bytes, mut by_value) = (NumericSum::default(), NumericSum::default());
            let negate = next(2) == 1;
            let a = by_bytes.add_bytes(&bytes, negate, true);
            let b = by_value.add_scaled(Scaled { mantissa: m, scale }, negate, true);
            assert_eq!(a, b, "{bytes:?}");
            assert_eq!(by_bytes, by_value, "{m} {scale}");
        }
    }
}

#[test]
fn special_values_and_overflow() {
    let nan = 0xC000u16.to_ne_bytes().to_vec();
    assert_eq!(digits(&nan).map(|_| ()), Err(NotDecimal::Special));
    // 10^40 is past 38 digits
    assert_eq!(
        digits(&short(false, 10, 0, &[1])).map(|_| ()),
        Err(NotDecimal::TooLarge)
    );
    // 10^37 twice fits; 10^37 x 20 does not
    let big = short(false, 9, 0, &[10]);
    assert!(sum_of(&vec![big.clone(); 2]).is_some());
    assert_eq!(sum_of(&vec![big; 20]), None);
}
