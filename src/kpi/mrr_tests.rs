//! Unit and property tests of the MRR movements (`mrr.rs`) and `mrrsummary`'s text form.

use super::*;
use crate::kpi::mrr_customers::Customers;
use crate::numeric::tests::whole::rng;
use crate::summary::Summary;
use crate::time::days_from_civil;
use allocator_api2::alloc::Global;

fn d(text: &str) -> Scaled {
    text.parse().unwrap()
}

fn of(customers: &[(&str, &str, bool)]) -> MrrSummary {
    let mut s = MrrSummary::empty(None);
    for (start, end, paid) in customers {
        s.merge(&MrrSummary::customer(d(start), d(end), *paid).unwrap())
            .unwrap();
    }
    s
}

fn show(s: &MrrSummary) -> Vec<String> {
    s.amounts.iter().map(|a| a.to_string()).collect()
}

fn date_period(from: (i64, i64, i64), to: (i64, i64, i64)) -> Period {
    Period {
        kind: Kind::Date,
        lower: days_from_civil(from.0, from.1, from.2),
        upper: days_from_civil(to.0, to.1, to.2),
        lower_inc: true,
        upper_inc: false,
    }
}

#[test]
fn chartmogul_worked_example() {
    // 100 at start: 10 churned, 10 contraction, 10 expansion, 40 flat
    let s = of(&[
        ("10", "0", true),
        ("20", "10", true),
        ("30", "40", true),
        ("40", "40", true),
    ]);
    assert_eq!(show(&s), ["100", "90", "0", "0", "10", "10", "10"]);
    assert_eq!(s.counts, [4, 3, 0, 0, 1, 1, 1]);
    let pct = |x: Scaled| x.to_string();
    // NRR 90, GRR 80, gross MRR churn 20, net MRR churn 10 (before the division by 100)
    assert_eq!(
        pct(s
            .combination(&[STARTING, EXPANSION], &[CONTRACTION, CHURN])
            .unwrap()),
        "90"
    );
    assert_eq!(
        pct(s.combination(&[STARTING], &[CONTRACTION, CHURN]).unwrap()),
        "80"
    );
    assert_eq!(
        pct(s.combination(&[CHURN, CONTRACTION], &[]).unwrap()),
        "20"
    );
    assert_eq!(
        pct(s
            .combination(&[CHURN, CONTRACTION], &[EXPANSION, REACTIVATION])
            .unwrap()),
        "10"
    );
    assert!(s.check_stored().is_ok());
}

#[test]
fn each_movement_and_its_scale() {
    for ((start, end, paid), k, amount) in [
        (("0", "49.00", false), Some(NEW), "49.00"),
        (("0", "49", true), Some(REACTIVATION), "49"),
        (("10.5", "20", true), Some(EXPANSION), "9.5"),
        (("20", "10.50", true), Some(CONTRACTION), "9.50"),
        (("20.0", "0", true), Some(CHURN), "20.0"),
        (("20.0", "0.00", false), Some(CHURN), "20.0"),
        (("20", "20.00", true), None, ""),
        (("0.00", "0", true), None, ""),
    ] {
        let s = MrrSummary::customer(d(start), d(end), paid).unwrap();
        for i in NEW..=CHURN {
            let want = if Some(i) == k { amount } else { "0" };
            assert_eq!(
                s.amounts[i].to_string(),
                want,
                "{start} -> {end}, amount {i}"
            );
            assert_eq!(s.counts[i], i64::from(Some(i) == k));
        }
        assert_eq!(s.amounts[STARTING].to_string(), start);
        assert_eq!(s.amounts[ENDING].to_string(), end);
        assert!(s.check_stored().is_ok());
    }
}

/// Random customers, split in two at random: the identity holds, the parts merge to the whole,
/// and removing a part gives the other back (rollup's inverse).
#[test]
fn random_customers_add_up_merge_and_unmerge() {
    let mut next = rng(0x6d72_725f_7465_7374);
    for _ in 0..2000 {
        let n = next(12) as usize;
        let (mut whole, mut a, mut b) = (
            MrrSummary::empty(None),
            MrrSummary::empty(None),
            MrrSummary::empty(None),
        );
        let mut map = Customers::new(Global);
        for id in 0..n {
            let mut amount = || match next(3) {
                0 => Scaled::default(),
                _ => Scaled {
                    mantissa: next(10_000) as i128,
                    scale: next(4) as u32,
                },
            };
            let (start, end, paid) = (amount(), amount(), next(2) == 1);
            let one = MrrSummary::customer(start, end, paid).unwrap();
            // the in-place per-row path adds the same, and removing the row takes it back
            let mut in_place = whole;
            let touched = in_place.add_customer(start, end, paid, false).unwrap();
            // the rows' fast path, where the scales agree, is the same step
            let mut fast = whole;
            match fast.add_customer_same_scale(start, end, paid) {
                Some(t) => {
                    assert_eq!(t, touched, "{start:?} {end:?} {paid}");
                    assert_eq!(
                        (fast.amounts, fast.counts),
                        (in_place.amounts, in_place.counts)
                    );
                }
                None => assert_ne!(start.scale, end.scale),
            }
            whole.merge(&one).unwrap();
            assert_eq!(in_place, whole);
            in_place.add_customer(start, end, paid, true).unwrap();
            let mut back = whole;
            back.unmerge(&one).unwrap();
            assert_eq!(in_place.counts, back.counts);
            if next(2) == 0 {
                a.merge(&one).unwrap()
            } else {
                b.merge(&one).unwrap()
            }
            map.add(&(id as i64).to_ne_bytes(), Some(start), Some(end), paid)
                .unwrap();
        }
        assert!(whole.check_stored().is_ok(), "{whole:?}");
        assert_eq!(map.summary().unwrap(), whole);
        let mut merged = a;
        merged.merge(&b).unwrap();
        assert_eq!(merged.counts, whole.counts);
        for (x, y) in merged.amounts.iter().zip(whole.amounts) {
            assert_eq!(x.cmp_value(y), std::cmp::Ordering::Equal);
        }
        let mut back = whole;
        back.unmerge(&a).unwrap();
        assert_eq!(back.counts, b.counts);
        for (x, y) in back.amounts.iter().zip(b.amounts) {
            assert_eq!(x.cmp_value(y), std::cmp::Ordering::Equal);
        }
    }
}

#[test]
fn periods_must_agree() {
    let jan = date_period((2025, 1, 1), (2025, 2, 1));
    let feb = date_period((2025, 2, 1), (2025, 3, 1));
    let mut s = MrrSummary::empty(Some(jan));
    assert!(s.merge(&MrrSummary::empty(Some(jan))).is_ok());
    let e = s.merge(&MrrSummary::empty(Some(feb))).unwrap_err();
    assert_eq!(
        e.message(),
        "mrr_agg period must be the same in every summary of a group, got [2025-02-01,2025-03-01) after [2025-01-01,2025-02-01)"
    );
    let e = s.merge(&MrrSummary::empty(None)).unwrap_err();
    assert_eq!(
        e.message(),
        "mrr summaries with and without a period cannot be combined, got no period after [2025-01-01,2025-02-01)"
    );
    // a new rollup state takes the first summary's period
    let mut r = MrrSummary::default();
    r.merge(&MrrSummary::empty(Some(feb))).unwrap();
    assert_eq!(r.period, Some(feb));
}

#[test]
fn months_of_a_period() {
    assert_eq!(months(None), (1, 1));
    assert_eq!(
        months(Some(date_period((2025, 1, 1), (2025, 2, 1)))),
        (1, 1)
    );
    assert_eq!(
        months(Some(date_period((2025, 2, 1), (2025, 3, 1)))),
        (1, 1)
    );
    assert_eq!(
        months(Some(date_period((2025, 1, 31), (2025, 3, 31)))),
        (2, 1)
    );
    assert_eq!(
        months(Some(date_period((2024, 1, 1), (2025, 1, 1)))),
        (12, 1)
    );
    // 14 days over 30.436875
    assert_eq!(
        months(Some(date_period((2025, 1, 1), (2025, 1, 15)))),
        (14_000_000, 30_436_875)
    );
    let day = 86_400_000_000i64;
    let ts = |from: i64, to: i64| Period {
        kind: Kind::Timestamptz,
        lower: from,
        upper: to,
        lower_inc: true,
        upper_inc: false,
    };
    let jan = days_from_civil(2025, 1, 1) * day;
    let feb = days_from_civil(2025, 2, 1) * day;
    assert_eq!(months(Some(ts(jan, feb))), (1, 1));
    assert_eq!(
        months(Some(ts(jan + 3_600_000_000, feb))),
        (i128::from(feb - jan - 3_600_000_000), 2_629_746_000_000)
    );
}

#[test]
fn text_form_round_trips_and_refuses_what_does_not_add_up() {
    let mut s = of(&[
        ("10", "0", true),
        ("20", "10", true),
        ("30", "40.5", true),
        ("0", "5", false),
    ]);
    s.period = Some(date_period((2025, 1, 1), (2025, 2, 1)));
    let text = s.to_text();
    assert_eq!(
        text,
        r#"{"v":1,"period":"[2025-01-01,2025-02-01)","starting_mrr":60,"ending_mrr":55.5,"new_mrr":5,"reactivation_mrr":0,"expansion_mrr":10.5,"contraction_mrr":10,"churned_mrr":10,"customers_at_start":3,"customers_at_end":3,"new_customers":1,"reactivated_customers":0,"expanded_customers":1,"contracted_customers":1,"churned_customers":1}"#
    );
    assert_eq!(MrrSummary::from_text(&text).unwrap(), s);
    assert_eq!(MrrSummary::from_stored(&s.to_stored()).unwrap(), s);
    let expected = crate::kpi::mrr_summary::EXPECTED_FORM;
    for (bad, why) in [
        (
            text.replace(r#""ending_mrr":55.5"#, r#""ending_mrr":55"#),
            "is not ending_mrr 55",
        ),
        (
            text.replace(r#""new_customers":1"#, r#""new_customers":2"#),
            "customer counts do not add up",
        ),
        (
            text.replace(r#""new_mrr":5"#, r#""new_mrr":-5"#),
            "negative new_mrr -5",
        ),
        (
            text.replace(r#""churned_customers":1"#, r#""churned_customers":0"#),
            "churned_mrr 10 with churned_customers 0",
        ),
        (
            text.replace(r#","churned_customers":1"#, ""),
            "missing field `churned_customers`",
        ),
        (
            text.replace(
                r#""period":"[2025-01-01,2025-02-01)""#,
                r#""period":"[2025-02-01,2025-01-01)""#,
            ),
            "is not a bounded",
        ),
    ] {
        let e = MrrSummary::from_text(&bad).unwrap_err();
        crate::text::assert_malformed(&e, "mrrsummary", &bad, expected, why);
    }
}

#[test]
fn a_customer_that_does_not_fit_changes_nothing() {
    // the per-row fast path falls back to the guarded step on an error: nothing half-added
    let x = |mantissa, scale| Scaled { mantissa, scale };
    let mut s = MrrSummary::empty(None);
    s.add_customer(x(5, 0), x(7, 0), false, false).unwrap();
    s.amounts[EXPANSION] = x(i128::MAX - 1, 0);
    let before = s;
    // starting and ending fit, the expansion (2) does not
    assert!(s.add_customer(x(5, 0), x(7, 0), false, false).is_err());
    assert!(s.add_customer_same_scale(x(5, 0), x(7, 0), false).is_none());
    assert_eq!(s, before);
    assert_eq!(s.counts, before.counts);
    // ending does not fit: starting is not added either
    s.amounts[ENDING] = x(i128::MAX, 0);
    let before = s;
    assert!(s.add_customer(x(5, 0), x(5, 0), false, false).is_err());
    assert!(s.add_customer_same_scale(x(5, 0), x(5, 0), false).is_none());
    assert_eq!((s.amounts, s.counts), (before.amounts, before.counts));
}
