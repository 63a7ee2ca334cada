//! Unit tests of the CLV states and their arithmetic (pure Rust).

use super::*;

#[test]
fn float_clv_past_the_range_is_22003() {
    assert_eq!(float_clv([100.0, 2.0, 3.0], 1), Ok(600.0));
    let e = float_clv([1e308; 3], 1).unwrap_err();
    assert_eq!(
        (e.sqlstate(), e.message()),
        ("22003", "clv is out of range for double precision: avg(value) 1e308 x avg(freq) 1e308 x avg(lifespan) 1e308")
    );
}

#[test]
fn seeds_example_and_inverse() {
    let mut s = ClvState::<i128>::default();
    assert_eq!(s.finish(), None);
    s.accum([100, 2, 3]).unwrap();
    assert_eq!(s.finish(), Some(([100, 2, 3], 1)), "100 x 2 x 3 = 600");
    s.accum([50, 4, 1]).unwrap();
    assert_eq!(
        s.finish(),
        Some(([150, 6, 4], 2)),
        "75 x 3 x 2 = 450 = 150*6*4/8"
    );
    s.remove([100, 2, 3]).unwrap();
    assert_eq!(s.finish(), Some(([50, 4, 1], 1)));
}

#[test]
fn negative_and_nan_inputs_are_22003() {
    let e = non_negative([1i64, -2, 3]).unwrap_err();
    assert_eq!(
        (e.sqlstate(), e.message()),
        ("22003", "clv freq must not be negative, got -2")
    );
    let e = non_negative([1.0, 2.0, f64::NAN]).unwrap_err();
    assert_eq!(e.message(), "clv lifespan must be a number, got NaN");
    let x = |mantissa, scale| crate::numeric::ByValue(Scaled { mantissa, scale });
    let e = non_negative([x(-5, 1), x(1, 0), x(1, 0)]).unwrap_err();
    assert_eq!(e.message(), "clv value must not be negative, got -0.5");
    assert!(non_negative([0i64, 0, 0]).is_ok());
}

#[test]
fn numeric_rows_report_the_refused_input() {
    use crate::numeric::tests::whole::encode;
    let (v, f, l) = (
        encode(false, 10000, 2),
        encode(false, 2, 0),
        encode(false, 3, 0),
    );
    let mut s = ClvState::<NumericSum>::default();
    s.step_numeric([&v, &f, &l], false).unwrap();
    let minus = encode(true, 1, 0);
    assert_eq!(
        s.step_numeric([&v, &minus, &l], false),
        Err((1, Refused::Negative))
    );
    let nan = 0xC000u16.to_ne_bytes();
    assert_eq!(
        s.step_numeric([&v, &f, &nan], false),
        Err((2, Refused::NotExact))
    );
    assert_eq!(s.to_scaled().unwrap().n, 1, "refused rows are not counted");
    s.step_numeric([&v, &f, &l], true).unwrap();
    assert_eq!(s.to_scaled().unwrap().n, 0);
}

#[test]
fn the_fast_row_adds_all_three_or_none() {
    use crate::numeric::tests::whole::encode;
    let (v, f, l) = (
        encode(false, 1999, 2),
        encode(false, 15, 1),
        encode(false, 2, 0),
    );
    let (mut fast, mut slow) = (ClvState::<NumericSum>::default(), ClvState::default());
    assert!(fast.try_add_short([&v, &f, &l]));
    slow.step_numeric([&v, &f, &l], false).unwrap();
    assert_eq!(fast, slow);
    // a negative or special third value: the first two are not added either
    let minus = encode(true, 1, 0);
    let nan = 0xC000u16.to_ne_bytes();
    assert!(!fast.try_add_short([&v, &f, &minus]));
    assert!(!fast.try_add_short([&v, &f, &nan]));
    assert_eq!(fast, slow, "a refused row changes nothing");
    fast.n = MAX_VALUES;
    assert!(!fast.try_add_short([&v, &f, &l]));
    assert_eq!(fast.n, MAX_VALUES);
}

#[test]
fn the_fast_row_adds_every_shape_as_the_step_does() {
    use crate::numeric::tests::whole::encode;
    // zero, one and two digit groups (numeric_small), three and more (short_digits), in every
    // position of the row
    let shapes = [
        encode(false, 0, 2),
        encode(false, 7, 0),
        encode(false, 1999, 2),
        encode(false, 123_456_789_012, 2),
        encode(false, 5, 8),
    ];
    let (mut fast, mut slow) = (ClvState::<NumericSum>::default(), ClvState::default());
    for a in &shapes {
        for b in &shapes {
            for c in &shapes {
                assert!(fast.try_add_short([a, b, c]));
                slow.step_numeric([a, b, c], false).unwrap();
                assert_eq!(fast, slow);
            }
        }
    }
    assert_eq!(fast.to_scaled().unwrap(), slow.to_scaled().unwrap());
}

#[test]
fn exact_scaled_sums_or_error() {
    let x = |mantissa, scale| Scaled { mantissa, scale };
    let mut s = ClvState::<Scaled>::default();
    s.accum([x(1999, 2), x(15, 1), x(2, 0)]).unwrap();
    s.accum([x(1, 2), x(5, 1), x(1, 0)]).unwrap();
    assert_eq!(
        s.sums.map(|d| d.to_string()),
        ["20.00".to_string(), "2.0".into(), "3".into()]
    );
    let before = s;
    assert_eq!(
        s.accum([x(i128::MAX, 0), x(1, 0), x(1, 0)])
            .unwrap_err()
            .sqlstate(),
        "22003"
    );
    assert_eq!(s, before);
    let mut f = ClvState::<f64>::default();
    f.accum([f64::MAX, 1.0, 1.0]).unwrap();
    assert!(
        f.accum([f64::MAX, 1.0, 1.0]).is_err(),
        "a float sum overflowing to infinity is an error"
    );
}

#[test]
fn scaled_numeric_sums() {
    let mut s = ClvState::<Scaled>::default();
    let x = |m, scale| Scaled { mantissa: m, scale };
    s.accum([x(1999, 2), x(15, 1), x(2, 0)]).unwrap();
    s.accum([x(1, 2), x(5, 1), x(1, 0)]).unwrap();
    assert_eq!(
        s.sums.map(|d| d.to_string()),
        ["20.00".to_string(), "2.0".into(), "3".into()]
    );
    s.remove([x(1, 2), x(5, 1), x(1, 0)]).unwrap();
    assert_eq!(
        s.sums.map(|d| d.to_string()),
        ["19.99".to_string(), "1.5".into(), "2".into()]
    );
    let before = s;
    assert_eq!(
        s.accum([x(i128::MAX, 0), x(0, 0), x(0, 0)])
            .unwrap_err()
            .sqlstate(),
        "22003"
    );
    assert_eq!(s, before, "a failed step leaves the state as it was");
    assert_eq!(ClvState::<Scaled>::from_bytes(&s.to_bytes()).unwrap(), s);
}

#[test]
fn merge_and_bytes() {
    let mut a = ClvState::<i128> {
        sums: [1, 2, 3],
        n: 1,
    };
    a.merge(&ClvState {
        sums: [4, 5, 6],
        n: 2,
    })
    .unwrap();
    assert_eq!(
        a,
        ClvState {
            sums: [5, 7, 9],
            n: 3
        }
    );
    assert_eq!(ClvState::<i128>::from_bytes(&a.to_bytes()).unwrap(), a);
    let x = |mantissa, scale| Scaled { mantissa, scale };
    let d = ClvState::<Scaled> {
        sums: [x(12345, 2), x(1, 0), x(10, 0)],
        n: 4,
    };
    assert_eq!(ClvState::<Scaled>::from_bytes(&d.to_bytes()).unwrap(), d);
    let f = ClvState::<f64> {
        sums: [1.5, 2.5, 0.25],
        n: 2,
    };
    assert_eq!(ClvState::<f64>::from_bytes(&f.to_bytes()).unwrap(), f);
    assert!(ClvState::<i128>::from_bytes(&f.to_bytes()).is_err());
}
