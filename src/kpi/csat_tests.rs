//! Unit tests of the top-box states (pure Rust).

use super::*;

#[test]
fn top_box_share_and_boundaries() {
    let mut s = ThresholdState::<i64>::default();
    for r in [5, 4, 3, 1] {
        s.accum("csat", r, 4).unwrap();
    }
    assert_eq!(
        s.ratio.finish(),
        Some((2, 4)),
        "4 is in the top box, 3 is not"
    );
    s.remove("csat", 4, 4).unwrap();
    assert_eq!(s.ratio.finish(), Some((1, 3)));
    assert_eq!(ThresholdState::<i64>::default().ratio.finish(), None);
}

#[test]
fn threshold_must_not_change() {
    let mut s = ThresholdState::<i64>::default();
    s.accum("csat", 5, 4).unwrap();
    let e = s.accum("csat", 5, 3).unwrap_err();
    assert_eq!(
        (e.sqlstate(), e.message()),
        (
            "22023",
            "csat threshold must be the same on every row of a group, got 3 after 4"
        )
    );
    let before = s;
    assert!(
        !s.try_accum(5, 3),
        "the fast path leaves a changed threshold to accum"
    );
    assert_eq!(s, before);
    assert!(s.try_accum(3, 4));
    assert_eq!(s.ratio, RatioState { hits: 1, total: 2 });
    let mut other = ThresholdState::<i64>::default();
    assert!(
        !other.try_accum(1, 5),
        "the first row records the threshold through accum"
    );
    other.accum("csat", 1, 5).unwrap();
    assert_eq!(s.merge(&other).unwrap_err().sqlstate(), "22023");
    let mut empty = ThresholdState::<i64>::default();
    empty.merge(&s).unwrap();
    assert_eq!(empty, s);
}

/// A `numeric` value `mantissa / 10^scale`, compared by value.
fn v(mantissa: i128, scale: u32) -> ByValue {
    ByValue(Scaled { mantissa, scale })
}

#[test]
fn numeric_thresholds() {
    let mut s = ThresholdState::<ByValue>::default();
    let t = v(45, 1); // 4.5
    for r in [v(45, 1), v(449, 2), v(5, 0)] {
        s.accum("ces", r, t).unwrap();
    }
    assert_eq!(s.ratio.finish(), Some((2, 3)));
    // 4.50 equals 4.5
    s.accum("ces", v(5, 0), v(450, 2)).unwrap();
    let e = s.accum("ces", v(5, 0), v(5, 0)).unwrap_err();
    assert_eq!(
        e.message(),
        "ces threshold must be the same on every row of a group, got 5 after 4.5"
    );
}

#[test]
fn bytes_round_trip() {
    let mut s = ThresholdState::<ByValue>::default();
    assert_eq!(
        ThresholdState::<ByValue>::from_bytes(&s.to_bytes()).unwrap(),
        s
    );
    s.accum("csat", v(35, 1), v(3, 0)).unwrap();
    assert_eq!(
        ThresholdState::<ByValue>::from_bytes(&s.to_bytes()).unwrap(),
        s
    );
    let mut i = ThresholdState::<i64>::default();
    i.accum("csat", 9, 7).unwrap();
    let b = i.to_bytes();
    assert_eq!(ThresholdState::<i64>::from_bytes(&b).unwrap(), i);
    assert!(ThresholdState::<i64>::from_bytes(&b[..b.len() - 1]).is_err());
    let mut flag = b.clone();
    flag[17] = 7;
    assert!(ThresholdState::<i64>::from_bytes(&flag)
        .unwrap_err()
        .message()
        .contains("threshold flag 7"));
}
