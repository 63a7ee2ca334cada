use super::*;
use crate::kpi::period::{RANGE_EMPTY, RANGE_LB_INC, RANGE_LB_INF, RANGE_UB_INF};
use crate::time::{Kind, Moment};

fn date(y: i64, m: i64, d: i64) -> i64 {
    crate::time::days_from_civil(y, m, d)
}

fn january() -> Period {
    Period {
        kind: Kind::Date,
        lower: date(2025, 1, 1),
        upper: date(2025, 2, 1),
        lower_inc: true,
        upper_inc: false,
    }
}

#[test]
fn moments_display_like_postgres_iso() {
    assert_eq!(Moment(Kind::Date, 0).to_string(), "2000-01-01");
    assert_eq!(
        Moment(Kind::Date, date(2025, 3, 1)).to_string(),
        "2025-03-01"
    );
    assert_eq!(Moment(Kind::Date, -1).to_string(), "1999-12-31");
    assert_eq!(
        Moment(Kind::Date, date(2024, 2, 29)).to_string(),
        "2024-02-29"
    );
    assert_eq!(
        Moment(Kind::Date, i64::from(i32::MAX)).to_string(),
        "infinity"
    );
    assert_eq!(
        Moment(Kind::Timestamptz, 90_061_000_001).to_string(),
        "2000-01-02 01:01:01.000001+00"
    );
    assert_eq!(
        Moment(Kind::Timestamptz, -1_000_000).to_string(),
        "1999-12-31 23:59:59+00"
    );
    assert_eq!(january().to_string(), "[2025-01-01,2025-02-01)");
}

#[test]
fn cohort_and_loss_boundaries() {
    let p = january();
    let c = |s, e| PeriodState::classify("churn_rate", &p, s, e).unwrap();
    let (dec15, jan1, jan31, feb1) = (
        date(2024, 12, 15),
        date(2025, 1, 1),
        date(2025, 1, 31),
        date(2025, 2, 1),
    );
    assert_eq!(c(dec15, None), Some(false), "active, still a customer");
    assert_eq!(
        c(dec15, Some(jan1)),
        Some(true),
        "ended on the first day: lost"
    );
    assert_eq!(c(dec15, Some(jan31)), Some(true));
    assert_eq!(
        c(dec15, Some(feb1)),
        Some(false),
        "ended after the period: retained"
    );
    assert_eq!(
        c(dec15, Some(date(2024, 12, 31))),
        None,
        "ended before the period: not in the cohort"
    );
    assert_eq!(
        c(jan1, None),
        None,
        "started on the first day: joined during the period"
    );
    assert_eq!(
        c(date(2025, 1, 10), Some(jan31)),
        None,
        "joined and left during the period"
    );
    let e = PeriodState::classify("churn_rate", &p, jan31, Some(jan1)).unwrap_err();
    assert_eq!(
        (e.sqlstate(), e.message()),
        (
            "22023",
            "churn_rate end (2025-01-01) is before start (2025-01-31)"
        )
    );
}

#[test]
fn period_must_not_change() {
    let mut s = PeriodState::default();
    s.step(
        "churn_rate",
        january(),
        date(2024, 1, 1),
        Some(date(2025, 1, 5)),
        false,
    )
    .unwrap();
    s.step("churn_rate", january(), date(2024, 1, 1), None, false)
        .unwrap();
    assert_eq!(s.ratio.finish(), Some((1, 2)));
    let feb = Period {
        lower: date(2025, 2, 1),
        upper: date(2025, 3, 1),
        ..january()
    };
    let e = s
        .step("churn_rate", feb, date(2024, 1, 1), None, false)
        .unwrap_err();
    assert_eq!(e.message(), "churn_rate period must be the same on every row of a group, got [2025-02-01,2025-03-01) after [2025-01-01,2025-02-01)");
    s.step(
        "churn_rate",
        january(),
        date(2024, 1, 1),
        Some(date(2025, 1, 5)),
        true,
    )
    .unwrap();
    assert_eq!(s.ratio.finish(), Some((0, 1)));
    let mut other = PeriodState::default();
    other.check("churn_rate", feb).unwrap();
    assert_eq!(s.merge(&other).unwrap_err().sqlstate(), "22023");
}

#[test]
fn parse_range_bytes() {
    let range = |flags: u8, bounds: &[i32]| {
        let mut b = 3912u32.to_ne_bytes().to_vec();
        bounds.iter().for_each(|x| b.extend(x.to_ne_bytes()));
        b.push(flags);
        b
    };
    let (lo, hi) = (date(2025, 1, 1) as i32, date(2025, 2, 1) as i32);
    assert_eq!(
        parse_period("churn_rate", Kind::Date, &range(RANGE_LB_INC, &[lo, hi])).unwrap(),
        january()
    );
    let e = parse_period("churn_rate", Kind::Date, &range(RANGE_EMPTY, &[])).unwrap_err();
    assert_eq!(
        (e.sqlstate(), e.message()),
        ("22023", "churn_rate period must be non-empty, got empty")
    );
    let e = parse_period(
        "churn_rate",
        Kind::Date,
        &range(RANGE_LB_INC | RANGE_UB_INF, &[lo]),
    )
    .unwrap_err();
    assert_eq!(
        e.message(),
        "churn_rate period must be bounded, got [2025-01-01,)"
    );
    let e = parse_period("churn_rate", Kind::Date, &range(RANGE_LB_INF, &[hi])).unwrap_err();
    assert_eq!(
        e.message(),
        "churn_rate period must be bounded, got (,2025-02-01)"
    );
    let e = parse_period(
        "churn_rate",
        Kind::Date,
        &range(RANGE_LB_INF | RANGE_UB_INF, &[]),
    )
    .unwrap_err();
    assert_eq!(e.message(), "churn_rate period must be bounded, got (,)");
    let e = parse_period(
        "churn_rate",
        Kind::Date,
        &range(RANGE_LB_INC, &[lo, i32::MAX]),
    )
    .unwrap_err();
    assert_eq!(
        e.message(),
        "churn_rate period must be bounded, got [2025-01-01,infinity)"
    );
    assert!(parse_period("churn_rate", Kind::Date, &[]).is_err());
    assert!(
        parse_period("churn_rate", Kind::Timestamptz, &range(0, &[lo, hi])).is_err(),
        "too short for timestamps"
    );
}

#[test]
fn period_cache_checks_changed_bytes() {
    let range = |lo: i64, hi: i64| {
        let mut b = 3912u32.to_ne_bytes().to_vec();
        b.extend((lo as i32).to_ne_bytes());
        b.extend((hi as i32).to_ne_bytes());
        b.push(RANGE_LB_INC);
        b
    };
    let jan = range(date(2025, 1, 1), date(2025, 2, 1));
    let mut s = PeriodState::default();
    assert_eq!(
        s.period_of("churn_rate", Kind::Date, &jan).unwrap(),
        january()
    );
    assert_eq!(
        s.period_of("churn_rate", Kind::Date, &jan).unwrap(),
        january(),
        "cached"
    );
    let feb = range(date(2025, 2, 1), date(2025, 3, 1));
    assert_eq!(
        s.period_of("churn_rate", Kind::Date, &feb)
            .unwrap_err()
            .sqlstate(),
        "22023"
    );
    assert_eq!(
        s.period_of("churn_rate", Kind::Date, &jan).unwrap(),
        january()
    );
}

#[test]
fn bytes_round_trip() {
    let mut s = PeriodState::default();
    assert_eq!(PeriodState::from_bytes(&s.to_bytes()).unwrap(), s);
    s.step(
        "churn_rate",
        january(),
        date(2024, 1, 1),
        Some(date(2025, 1, 5)),
        false,
    )
    .unwrap();
    let b = s.to_bytes();
    assert_eq!(PeriodState::from_bytes(&b).unwrap(), s);
    assert!(PeriodState::from_bytes(&b[..b.len() - 1]).is_err());
    let mut kind = b.clone();
    kind[17] = 9;
    assert!(PeriodState::from_bytes(&kind)
        .unwrap_err()
        .message()
        .contains("unknown period kind 9"));
}
