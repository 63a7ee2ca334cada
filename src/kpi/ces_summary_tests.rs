//! Unit tests of `cessummary` (`ces_summary.rs`): both versions of the text and stored forms,
//! the checks, the exact spread, moments, merge and unmerge.

use super::*;

fn x(mantissa: i128, scale: u32) -> Scaled {
    Scaled { mantissa, scale }
}

/// A version 1 summary (no sum of squares).
fn st(m: i128, scale: u32, count: i64) -> CesSummary {
    CesSummary {
        sum: x(m, scale),
        count,
        squares: None,
    }
}

fn v2(sum: Scaled, count: i64, squares: Scaled) -> CesSummary {
    CesSummary {
        sum,
        count,
        squares: Some(squares),
    }
}

#[test]
fn text_and_stored_round_trip() {
    for s in [
        st(0, 0, 0),
        st(1250, 2, 3),
        st(-5, 1, 1),
        st(i128::MAX, 38, i64::MAX),
        v2(x(0, 0), 0, x(0, 0)),
        v2(x(1250, 2), 3, x(522_500, 4)),
        v2(x(-5, 1), 1, x(25, 2)),
        v2(x(10i128.pow(19), 0), i64::MAX, x(i128::MAX, 0)),
        v2(x(i128::MAX, 38), 2, x(i128::MAX, 0)),
    ] {
        assert_eq!(
            CesSummary::from_text(&s.to_text()).unwrap(),
            s,
            "{}",
            s.to_text()
        );
        assert_eq!(CesSummary::from_stored(&s.to_stored()).unwrap(), s);
    }
    assert_eq!(st(1250, 2, 3).to_text(), r#"{"v":1,"count":3,"sum":12.50}"#);
    let s = CesSummary::of(&[x(15, 1), x(7, 0), x(3, 0)]).unwrap();
    assert_eq!(
        s.to_text(),
        r#"{"v":2,"count":3,"sum":11.5,"sum_squares":60.25}"#
    );
    assert_eq!(
        CesSummary::from_text(r#" { "v": 1, "count": 2, "sum": -0.5 } "#).unwrap(),
        st(-5, 1, 2)
    );
    // version 1 bytes as 0.1.0 wrote them, version 2 with the squares after the count
    assert_eq!(st(7, 0, 2).to_stored()[0], 1);
    assert_eq!(st(7, 0, 2).to_stored().len(), 1 + 17 + 8);
    assert_eq!(s.to_stored()[0], 2);
    assert_eq!(s.to_stored().len(), 1 + 17 + 8 + 17);
}

#[test]
fn malformed_is_22p02() {
    for (bad, why) in [
        ("", "EOF while parsing"),
        ("x", "expected value"),
        (r#"{"v":1,"count":-1,"sum":0}"#, "-1 is not a count"),
        (
            r#"{"v":1,"count":1,"sum":1e3}"#,
            "1e3 is not an exact decimal",
        ),
        (r#"{"v":1,"count":0,"sum":5}"#, "a sum without responses"),
        (r#"{"v":1,"count":1}"#, "missing field `sum`"),
        (
            r#"{"v":1,"count":1,"sum":5,"mean":5}"#,
            "unknown field `mean`",
        ),
        (
            r#"{"v":1,"count":1,"sum":5,"sum_squares":25}"#,
            "unknown field `sum_squares`",
        ),
        (
            r#"{"v":2,"count":1,"sum":5}"#,
            "missing field `sum_squares`",
        ),
        (
            r#"{"v":2,"count":2,"sum":5,"sum_squares":-1}"#,
            "a negative sum of squares",
        ),
        (
            r#"{"v":2,"count":0,"sum":0,"sum_squares":1}"#,
            "a sum of squares without responses",
        ),
        (
            r#"{"v":2,"count":2,"sum":6,"sum_squares":17}"#,
            "sum_squares is below sum^2 / count",
        ),
        (
            r#"{"v":2,"count":1,"sum":5,"sum_squares":26}"#,
            "sum_squares is not sum^2 for 1 responses",
        ),
        (
            r#"{"v":2,"count":1,"sum":0.5,"sum_squares":0.24}"#,
            "sum_squares is below sum^2 / count",
        ),
    ] {
        let e = CesSummary::from_text(bad).unwrap_err();
        crate::text::assert_malformed(&e, "cessummary", bad, EXPECTED, why);
    }
    // keys in any order, as jsonb prints them
    assert_eq!(
        CesSummary::from_text(r#"{"v":1,"sum":5,"count":1}"#).unwrap(),
        st(5, 0, 1)
    );
    assert_eq!(
        CesSummary::from_text(r#"{"sum_squares":18,"v":2,"sum":6,"count":2}"#).unwrap(),
        v2(x(6, 0), 2, x(18, 0))
    );
    let e = CesSummary::from_text(r#"{"v":3,"count":0,"sum":0}"#).unwrap_err();
    assert!(e
        .message()
        .starts_with("cessummary version 3 is not supported"));
    let e = CesSummary::from_stored(&st(5, 0, 0).to_bytes()).unwrap_err();
    assert_eq!(
        (e.sqlstate(), e.message()),
        ("22P02", "invalid cessummary bytes: a sum without responses")
    );
    let e = CesSummary::from_stored(&v2(x(6, 0), 2, x(17, 0)).to_bytes()).unwrap_err();
    assert_eq!(
        e.message(),
        "invalid cessummary bytes: sum_squares is below sum^2 / count"
    );
    assert!(CesSummary::from_stored(&st(5, 0, 1).to_bytes()[..10]).is_err());
    let mut three = v2(x(6, 0), 2, x(18, 0)).to_bytes();
    three[0] = 3;
    assert!(CesSummary::from_stored(&three)
        .unwrap_err()
        .message()
        .contains("unknown version 3"));
    // a version 2 body under a version 1 byte has trailing bytes
    three[0] = 1;
    assert!(CesSummary::from_stored(&three).is_err());
}

#[test]
fn spread_is_exact_past_128_bits() {
    // 10^6 responses of 10^16: n Q = S^2 = 10^44, past i128: computed exactly in a BigInt
    let (sum, n, q) = (x(10i128.pow(22), 0), 1_000_000, 10i128.pow(38));
    assert_eq!(v2(sum, n, x(q, 0)).spread(), Some((Ordering::Equal, 0.0)));
    assert_eq!(
        v2(sum, n, x(q + 1, 0)).spread(),
        Some((Ordering::Greater, 1e6))
    );
    assert_eq!(v2(sum, n, x(q - 1, 0)).spread().unwrap().0, Ordering::Less);
    // and in i128: (a - b)^2 for two responses
    let (a, b) = (10i128.pow(18) - 1, 10i128.pow(18) + 1);
    let two = v2(x(a + b, 0), 2, x(a * a + b * b, 0));
    assert_eq!(two.spread(), Some((Ordering::Greater, 4.0)));
    let wide = v2(x(i128::MAX / 2, 20), 3, x(i128::MAX, 0)); // 10^40 past i128
    assert_eq!(wide.spread().unwrap().0, Ordering::Greater);
    let too_small = v2(x(i128::MAX / 2, 0), 3, x(i128::MAX, 0));
    assert_eq!(too_small.spread().unwrap().0, Ordering::Less);
    assert_eq!(too_small.to_text(), too_small.to_text()); // printable, but refused on input
    assert!(CesSummary::from_text(&too_small.to_text()).is_err());
    // the sign alone (the stored form's check) is the spread's, in i128 and past it
    for s in [
        v2(sum, n, x(q, 0)),
        v2(sum, n, x(q + 1, 0)),
        v2(sum, n, x(q - 1, 0)),
        two,
        wide,
        too_small,
        st(6, 0, 2),
    ] {
        assert_eq!(s.spread_sign(), s.spread().map(|(o, _)| o), "{s:?}");
    }
}

#[test]
fn spread_fast_path_is_the_checked_one() {
    let big = i128::from(i64::MAX);
    let edges = [0, 1, -1, 7, 10i128.pow(9), big, big + 1, -big - 1, -big - 2];
    for (sm, qm, n) in edges
        .iter()
        .flat_map(|s| edges.iter().map(move |q| (*s, *q)))
        .flat_map(|(s, q)| [0, 1, 3, i64::MAX].map(|n| (s, q, n)))
    {
        for (s_scale, q_scale) in [(0, 0), (1, 2), (2, 4), (1, 1), (0, 3), (12, 24)] {
            let c = v2(x(sm, s_scale), n, x(qm.max(0), q_scale));
            let scale = q_scale.max(2 * s_scale);
            let q = c.squares.unwrap();
            assert_eq!(c.spread_fast(q, scale), c.spread_checked(q, scale), "{c:?}");
        }
    }
}

#[test]
fn moments_are_the_sample_mean_and_variance() {
    let s = CesSummary::of(&[
        x(2, 0),
        x(4, 0),
        x(4, 0),
        x(4, 0),
        x(5, 0),
        x(5, 0),
        x(7, 0),
        x(9, 0),
    ])
    .unwrap();
    let (mean, var) = s.moments().unwrap();
    assert_eq!(mean, 5.0);
    assert!((var - 32.0 / 7.0).abs() < 1e-12);
    assert_eq!(CesSummary::of(&[x(3, 0)]).unwrap().moments(), None);
    assert_eq!(st(6, 0, 2).moments(), None);
    // all equal: exactly 0, never a rounding error below it
    let same = CesSummary::of(&[x(33, 1); 5]).unwrap();
    assert_eq!(same.moments(), Some((3.3, 0.0)));
}

#[test]
fn merge_and_unmerge() {
    let (a, b) = (
        CesSummary::of(&[x(1250, 2)]).unwrap(),
        CesSummary::of(&[x(3, 0), x(4, 0)]).unwrap(),
    );
    let mut s = a;
    s.merge(&b).unwrap();
    assert_eq!(s, CesSummary::of(&[x(1250, 2), x(3, 0), x(4, 0)]).unwrap());
    s.unmerge(&b).unwrap();
    assert_eq!(s, v2(x(1250, 2), 1, x(1_562_500, 4)));
    assert!(s.exact());
    assert_eq!(s.unmerge(&st(0, 0, 4)), None);
    // a version 1 summary in a rollup: version 1 out, and no exact removal
    let mut t = b;
    t.merge(&st(7, 0, 1)).unwrap();
    assert_eq!(t, st(14, 0, 3));
    t.unmerge(&st(7, 0, 1)).unwrap();
    assert!(!t.exact());
    let mut u = st(7, 0, 1);
    u.merge(&b).unwrap();
    assert_eq!(u, st(14, 0, 3));
    // squares rounded to 24 decimals may fall short of sum^2 / count by the rounding, and
    // still read: 8 scores of 1 + 5e-37
    let x37 = x(10i128.pow(37) + 5, 37);
    let eight = CesSummary::of(&[x37; 8]).unwrap();
    assert_eq!(eight.squares, Some(x(8 * 10i128.pow(24), 24)));
    assert_eq!(eight.spread().unwrap().0, Ordering::Less);
    assert_eq!(CesSummary::from_text(&eight.to_text()).unwrap(), eight);
    assert_eq!(CesSummary::from_stored(&eight.to_stored()).unwrap(), eight);
    assert_eq!(eight.moments().unwrap().1, 0.0);
    let mut short = eight;
    short.squares = Some(x(8 * 10i128.pow(24) - 100, 24)); // past 8 * 8 / 2 units
    assert!(CesSummary::from_stored(&short.to_stored()).is_err());
    // a rollup starts from the summary of nothing, which has a sum of squares
    let mut r = CesSummary::default();
    r.merge(&b).unwrap();
    assert_eq!(r, b);
    // squares past 38 digits: none kept, not an error
    let mut big = v2(x(10i128.pow(19), 0), 1, x(10i128.pow(38), 0));
    big.merge(&big.clone()).unwrap();
    assert_eq!(big.squares, None);
}

#[test]
fn squares_on_both_paths_agree() {
    // the 64-bit path and the 128-bit path meet at 2^63
    let edge = 1i128 << 63;
    assert_eq!(square(-edge, 0), Some(x(1i128 << 126, 0))); // i64::MIN: the 64-bit path
    assert_eq!(square(edge, 0), Some(x(1i128 << 126, 0))); // just past it: the 128-bit path
    assert_eq!(square(edge - 1, 12), Some(x((edge - 1) * (edge - 1), 24)));
    assert_eq!(square(-7, 13), Some(x(0, 24))); // 4.9e-25 rounds to 0
    assert_eq!(square(-8, 13), Some(x(1, 24))); // 6.4e-25 rounds to 1e-24
}
