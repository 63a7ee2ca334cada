use super::*;

fn state_of(scores: &[i64]) -> NpsState {
    let mut s = NpsState::default();
    scores.iter().for_each(|&x| s.accum(x).unwrap());
    s
}

#[test]
fn bucket_boundaries() {
    for (score, (p, pa, d)) in [
        (0, (0, 0, 1)),
        (6, (0, 0, 1)),
        (7, (0, 1, 0)),
        (8, (0, 1, 0)),
        (9, (1, 0, 0)),
        (10, (1, 0, 0)),
    ] {
        let s = state_of(&[score]);
        assert_eq!(
            (s.promoters(), s.passives(), s.detractors()),
            (p, pa, d),
            "score {score}"
        );
    }
}

#[test]
fn out_of_range_scores_are_22003_naming_the_value() {
    let mut s = NpsState::default();
    for bad in [-1, 11, i64::MIN, i64::MAX] {
        let e = s.accum(bad).unwrap_err();
        assert_eq!(e.sqlstate(), "22003");
        assert_eq!(
            e.message(),
            format!("nps score must be between 0 and 10, got {bad}")
        );
    }
    assert_eq!(s, NpsState::default(), "a rejected score leaves no trace");
}

#[test]
fn formula() {
    // 2 promoters, 1 passive, 1 detractor: 100 * (2 - 1) / 4 = 25
    let s = state_of(&[10, 9, 7, 3]);
    assert_eq!(s.finish(), Some((1, 4)));
    assert_eq!(s.nps_f64(), Some(25.0));
    assert_eq!(state_of(&[0, 0]).nps_f64(), Some(-100.0));
    assert_eq!(state_of(&[9, 10]).nps_f64(), Some(100.0));
    assert_eq!(state_of(&[7, 8]).nps_f64(), Some(0.0));
}

#[test]
fn empty_state_has_no_nps() {
    assert_eq!(NpsState::default().finish(), None);
    assert_eq!(NpsState::default().responses(), 0);
}

#[test]
fn merge_equals_accumulating_everything() {
    let all: Vec<i64> = (0..1000).map(|i| (i * 7 + 3) % 11).collect();
    let (a, b) = all.split_at(377);
    let mut left = state_of(a);
    left.merge(&state_of(b)).unwrap();
    assert_eq!(left, state_of(&all));
    let mut empty = NpsState::default();
    empty.merge(&state_of(&all)).unwrap();
    assert_eq!(empty, state_of(&all));
}

#[test]
fn merge_overflow_is_an_error_and_leaves_state_unchanged() {
    let mut big = NpsState::default();
    big.counts[10] = i64::MAX;
    let mut other = NpsState::default();
    other.counts[0] = 1;
    let before = big;
    assert_eq!(big.merge(&other).unwrap_err().sqlstate(), "22003");
    assert_eq!(big, before);
    // the same score's count overflowing, and the total reaching exactly i64::MAX
    assert_eq!(big.merge(&before).unwrap_err().sqlstate(), "22003");
    assert_eq!(big, before);
    let mut half = NpsState::default();
    (half.counts[3], half.counts[9]) = (i64::MAX / 2, i64::MAX / 2);
    let mut one = NpsState::default();
    one.counts[9] = 1;
    half.merge(&one).unwrap();
    assert_eq!(half.counts[3] + half.counts[9], i64::MAX);
    assert!(half.merge(&one).is_err());
}

#[test]
fn remove_undoes_accum() {
    let mut s = state_of(&[1, 9, 9, 7]);
    s.remove(9).unwrap();
    s.remove(1).unwrap();
    assert_eq!(s, state_of(&[9, 7]));
    assert!(s.remove(0).is_err(), "cannot remove a score never counted");
}

#[test]
fn byte_round_trip() {
    for s in [
        NpsState::default(),
        state_of(&[0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 10]),
    ] {
        let bytes = s.to_bytes();
        assert_eq!(bytes.len(), 1 + 8 * BUCKETS);
        assert_eq!(bytes[0], BYTES_VERSION);
        assert_eq!(NpsState::from_bytes(&bytes).unwrap(), s);
    }
}

#[test]
fn malformed_bytes_are_rejected() {
    let good = state_of(&[9]).to_bytes();
    assert!(NpsState::from_bytes(&[]).is_err());
    assert!(NpsState::from_bytes(&good[..good.len() - 1]).is_err());
    let mut wrong_version = good.clone();
    wrong_version[0] = 99;
    assert!(NpsState::from_bytes(&wrong_version)
        .unwrap_err()
        .message()
        .contains("version 99"));
    let mut negative = good.clone();
    negative[1..9].copy_from_slice(&(-1i64).to_le_bytes());
    assert_eq!(
        NpsState::from_bytes(&negative).unwrap_err().sqlstate(),
        "22P02"
    );
    let mut overflow = good;
    overflow[1..9].copy_from_slice(&i64::MAX.to_le_bytes());
    assert!(NpsState::from_bytes(&overflow).is_err());
}

#[test]
fn whole_float8_scores_read_without_a_decimal_conversion() {
    // whole values, negative zero and the largest whole values below 1e15 in magnitude
    for (x, want) in [
        (0.0, 0),
        (-0.0, 0),
        (7.0, 7),
        (10.0, 10),
        (-3.0, -3),
        (1e15 - 1.0, 999_999_999_999_999),
        (-(1e15 - 1.0), -999_999_999_999_999),
    ] {
        assert_eq!(whole_score(x), Some(want), "{x}");
    }
    // the rest go to the decimal conversion (and its errors)
    for x in [
        9.5,
        -0.5,
        1e-300,
        1e15,
        1e20,
        f64::NAN,
        f64::INFINITY,
        f64::NEG_INFINITY,
    ] {
        assert_eq!(whole_score(x), None, "{x}");
    }
}
