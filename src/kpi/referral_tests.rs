//! Unit tests of [`super`]: the referral state, its fast paths and its stored form.

use super::*;

fn v(mantissa: i128, scale: u32) -> Scaled {
    Scaled { mantissa, scale }
}

#[test]
fn the_common_case_adds_as_step_does() {
    let x = |mantissa, scale| Scaled { mantissa, scale };
    let mut state = ReferralState::default();
    // scales not settled yet: step decides
    assert!(!state.try_add(true, x(1250, 2), 1));
    state.step(true, x(1250, 2), 1, 1).unwrap();
    assert!(!state.try_add(false, x(500, 2), 0));
    state.step(false, x(500, 2), 0, 1).unwrap();
    for (referred, value, referrals) in [(true, 999, 0), (false, 1, 3), (false, 0, 0)] {
        let mut by_step = state;
        by_step.step(referred, x(value, 2), referrals, 1).unwrap();
        assert!(state.try_add(referred, x(value, 2), referrals));
        assert_eq!(state, by_step);
    }
    // anything else changes nothing
    let before = state;
    assert!(!state.try_add(true, x(-1, 2), 0));
    assert!(!state.try_add(true, x(1, 3), 0));
    assert!(!state.try_add(true, x(1, 2), -1));
    assert!(!state.try_add(true, x(1 << 125, 2), 0));
    state.referrals = 1 << 61;
    let big = state;
    assert!(!state.try_add(true, x(1, 2), 0));
    assert_eq!(state, big);
    assert_eq!(
        ReferralState {
            referrals: before.referrals,
            ..state
        },
        before
    );
}

#[test]
fn a_small_value_adds_as_step_does() {
    let x = |mantissa, scale| Scaled { mantissa, scale };
    let mut state = ReferralState::default();
    // scales not settled yet: step decides
    assert!(!state.try_add_small(true, 1250, 2, 1));
    state.step(true, x(1250, 2), 1, 1).unwrap();
    assert!(!state.try_add_small(false, 500, 2, 0));
    state.step(false, x(500, 2), 0, 1).unwrap();
    for (referred, value, referrals) in [
        (true, 999, 0),
        (false, 1, 3),
        (false, 0, 0),
        (true, u64::MAX, 1 << 60),
    ] {
        let mut by_step = state;
        by_step
            .step(referred, x(value.into(), 2), referrals, 1)
            .unwrap();
        assert!(state.try_add_small(referred, value, 2, referrals));
        assert_eq!(state, by_step);
    }
    // anything else changes nothing
    let before = state;
    assert!(!state.try_add_small(true, 1, 3, 0));
    assert!(!state.try_add_small(false, 1, 1, 0));
    assert!(!state.try_add_small(true, 1, 2, -1));
    assert!(!state.try_add_small(true, 1, 2, 1 << 61));
    assert_eq!(state, before);
    for big in [1 << 125, -1] {
        let mut s = ReferralState {
            other_value: x(big, 2),
            ..before
        };
        let was = s;
        assert!(!s.try_add_small(true, 1, 2, 0));
        assert_eq!(s, was);
    }
    state.others = 1 << 61;
    let full = state;
    assert!(!state.try_add_small(true, 1, 2, 0));
    assert_eq!(state, full);
}

#[test]
fn customers_add_and_leave() {
    let mut s = ReferralState::default();
    for (referred, value, referrals) in [
        (true, v(12050, 2), 0),
        (false, v(80, 0), 2),
        (false, v(5, 1), 1),
    ] {
        s.merge(&ReferralState::customer(referred, value, referrals).unwrap())
            .unwrap();
    }
    assert_eq!(
        (s.referred, s.others, s.referring, s.referrals),
        (1, 2, 2, 3)
    );
    assert_eq!((s.referred_value, s.other_value), (v(12050, 2), v(805, 1)));
    assert_eq!(s.value(), v(20100, 2));
    assert_eq!(s.customers(), 3);
    let gone = ReferralState::customer(false, v(80, 0), 2).unwrap();
    let mut less = s;
    less.unmerge(&gone).unwrap();
    assert_eq!(
        (
            less.others,
            less.other_value,
            less.referring,
            less.referrals
        ),
        (1, v(5, 1), 1, 1)
    );
    assert_eq!(less.unmerge(&gone), None, "not in it");
    let e = ReferralState::default()
        .step(true, v(1, 0), 0, -1)
        .unwrap_err();
    assert_eq!(
        (e.sqlstate(), e.message()),
        (
            "22023",
            "referral_agg cannot remove a customer it did not add"
        )
    );
    let mut one = ReferralState::customer(false, v(5, 1), 3).unwrap();
    one.step(false, v(5, 1), 3, -1).unwrap();
    assert_eq!(
        one,
        ReferralState {
            other_value: v(0, 1),
            ..Default::default()
        },
        "scale kept; the caller tracks it"
    );
    let e = ReferralState::customer(true, v(-1, 0), 0).unwrap_err();
    assert_eq!(
        (e.sqlstate(), e.message()),
        ("22003", "referral_agg value must not be negative, got -1")
    );
    let e = ReferralState::customer(true, v(1, 0), -2).unwrap_err();
    assert_eq!(
        e.message(),
        "referral_agg referrals must not be negative, got -2"
    );
    let mut big = ReferralState {
        referrals: i64::MAX,
        referring: 1,
        others: 1,
        ..Default::default()
    };
    assert_eq!(big.merge(&gone).unwrap_err().sqlstate(), "22003");
}

#[test]
fn text_and_bytes_round_trip() {
    let s = ReferralState {
        referred: 2,
        others: 3,
        referred_value: v(12050, 2),
        other_value: v(8000, 2),
        referring: 1,
        referrals: 2,
    };
    let text = s.to_text();
    assert_eq!(
        text,
        r#"{"v":1,"referred":2,"others":3,"referred_value":120.50,"other_value":80.00,"referring":1,"referrals":2}"#
    );
    assert_eq!(ReferralState::from_text(&text).unwrap(), s);
    assert_eq!(ReferralState::from_stored(&s.to_stored()).unwrap(), s);
    let bad = |text: &str, why: &str| {
        let e = ReferralState::from_text(text).unwrap_err();
        crate::text::assert_malformed(&e, "referralsummary", text, EXPECTED, why);
    };
    bad(
        r#"{"v":1,"referred":0,"others":3,"referred_value":1,"other_value":0,"referring":0,"referrals":0}"#,
        "a value without customers",
    );
    bad(
        r#"{"v":1,"referred":1,"others":1,"referred_value":1,"other_value":0,"referring":3,"referrals":3}"#,
        "3 referring of 2 customers",
    );
    bad(
        r#"{"v":1,"referred":1,"others":1,"referred_value":1,"other_value":0,"referring":2,"referrals":1}"#,
        "1 referrals by 2 referring customers",
    );
    bad(
        r#"{"v":1,"referred":1,"others":1,"referred_value":-1,"other_value":0,"referring":0,"referrals":0}"#,
        "a negative count or value",
    );
    bad(r#"{"v":1,"referred":1}"#, "missing field");
    let mut bytes = s.to_stored();
    bytes.pop();
    assert_eq!(
        ReferralState::from_stored(&bytes).unwrap_err().sqlstate(),
        "22P02"
    );
}
