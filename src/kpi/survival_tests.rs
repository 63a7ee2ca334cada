//! Unit tests of the life table and the Kaplan-Meier estimates (the lifelines reference runs in
//! `make test`: tests/stats/survival_reference.py).

use super::*;
use crate::summary::Stored;

/// How a customer's observation ends.
fn how(churned: bool) -> Exit {
    if churned {
        Exit::Churned
    } else {
        Exit::Censored
    }
}

/// A table of (entry, duration, churned) customers.
fn table(customers: &[(i64, i64, bool)]) -> LifeTable {
    let mut t = LifeTable::default();
    for &(entry, exit, churned) in customers {
        LifeTable::<Global>::check_customer("t", entry, exit).unwrap();
        t.add(entry, exit, how(churned));
    }
    t
}

/// Freireich's 6-MP arm (Klein & Moeschberger, table 4.1A): 21 patients, 9 relapses.
fn six_mp() -> LifeTable {
    let churned = [6, 6, 6, 7, 10, 13, 16, 22, 23];
    let censored = [6, 9, 10, 11, 17, 19, 20, 25, 32, 32, 34, 35];
    let rows: Vec<(i64, i64, bool)> = churned
        .iter()
        .map(|&t| (0, t, true))
        .chain(censored.iter().map(|&t| (0, t, false)))
        .collect();
    table(&rows)
}

/// A seeded xorshift generator: `next(m)` is a number below `m`.
use crate::numeric::tests::whole::rng as xorshift;

/// `n` random customers (entry, duration below `top`, churned), a third of them entering late.
fn random_customers(next: &mut impl FnMut(u64) -> u64, n: u64, top: u64) -> Vec<(i64, i64, bool)> {
    (0..n)
        .map(|_| {
            let exit = next(top) as i64;
            let entry = if exit > 0 && next(3) == 0 {
                next(exit as u64) as i64
            } else {
                0
            };
            (entry, exit, next(2) == 0)
        })
        .collect()
}

fn close(a: f64, b: f64, tol: f64) -> bool {
    (a - b).abs() <= tol
}

#[test]
fn kaplan_meier_of_the_textbook_example() {
    let t = six_mp();
    t.check().unwrap();
    assert_eq!((t.customers(), t.churned()), (21, 9));
    // Klein & Moeschberger, table 4.1B: S(t) and Greenwood standard errors
    let expected = [
        (6, 0.857, 0.076),
        (7, 0.807, 0.087),
        (10, 0.753, 0.096),
        (13, 0.690, 0.107),
        (16, 0.627, 0.114),
        (22, 0.538, 0.128),
        (23, 0.448, 0.135),
    ];
    for (time, s, se) in expected {
        let p = t.at(time as f64).unwrap();
        assert!(close(p.survival, s, 5e-4), "S({time}) = {}", p.survival);
        assert!(
            close(p.std_error(), se, 5e-4),
            "se({time}) = {}",
            p.std_error()
        );
    }
    assert_eq!(t.survival(5.9), Some(1.0));
    assert!(close(t.survival(100.0).unwrap(), 0.448179, 1e-6));
    assert_eq!(t.at(6.0).unwrap().at_risk, 21);
    assert_eq!(t.at(7.0).unwrap().at_risk, 17);
    assert_eq!(t.median(MedianRule::First), Some(23.0));
    // the interval contains the estimate and stays within [0, 1]
    for p in t.curve() {
        let (lo, hi) = p.interval(1.959963984540054);
        assert!(
            0.0 <= lo && lo <= p.survival && p.survival <= hi && hi <= 1.0,
            "{p:?}"
        );
    }
}

#[test]
fn a_curve_exactly_at_one_half_has_three_medians() {
    // S(1) = 5/6, S(5) = 5/6 * 3/5 = 1/2 exactly, S(9) = 1/3
    let t = table(&[
        (0, 1, true),
        (0, 5, true),
        (0, 5, true),
        (0, 9, true),
        (0, 12, false),
        (0, 12, false),
    ]);
    assert_eq!(t.at(5.0).unwrap().survival, 0.5);
    assert_eq!(t.median(MedianRule::First), Some(5.0));
    assert_eq!(t.median(MedianRule::Midpoint), Some(7.0));
    // nobody below one half: no median
    assert_eq!(
        table(&[(0, 3, true), (0, 4, false), (0, 5, false)]).median(MedianRule::First),
        None
    );
    assert!(MedianRule::parse("median_lifetime", "R").is_err());
}

#[test]
fn edge_cases_have_defined_answers() {
    // everyone censored: S = 1, no median, RMST = the horizon, interval [1, 1]
    let t = table(&[(0, 3, false), (0, 7, false)]);
    assert_eq!(t.survival(10.0), Some(1.0));
    assert_eq!(t.median(MedianRule::First), None);
    assert_eq!(t.rmst(12.0), Some(12.0));
    assert_eq!(t.at(7.0).unwrap().interval(1.96), (1.0, 1.0));
    // everyone churned at once: S drops to 0, interval [0, 0], standard error 0
    let t = table(&[(0, 4, true), (0, 4, true), (0, 4, true)]);
    let p = t.at(4.0).unwrap();
    assert_eq!(
        (p.survival, p.std_error(), p.interval(1.96)),
        (0.0, 0.0, (0.0, 0.0))
    );
    assert_eq!(t.median(MedianRule::First), Some(4.0));
    assert_eq!(t.rmst(10.0), Some(4.0));
    // churn at duration 0 counts everyone who entered at 0
    let t = table(&[(0, 0, true), (0, 2, false)]);
    assert_eq!(t.at(0.0).unwrap().at_risk, 2);
    assert_eq!(t.survival(0.0), Some(0.5));
    // an empty table has no estimates
    let t = LifeTable::default();
    assert_eq!(
        (t.survival(1.0), t.rmst(1.0), t.median(MedianRule::First)),
        (None, None, None)
    );
    // customers who cannot be counted
    for (entry, exit) in [(0, -1), (-1, 3), (3, 3), (4, 3)] {
        assert!(
            LifeTable::<Global>::check_customer("t", entry, exit).is_err(),
            "{entry} {exit}"
        );
    }
    assert!(LifeTable::<Global>::check_customer("t", 0, 0).is_ok());
}

#[test]
fn rmst_is_the_area_under_the_steps() {
    // S = 1 until 5, 1/2 until 10, then 0
    let t = table(&[(0, 5, true), (0, 10, true)]);
    assert_eq!(t.rmst(10.0), Some(7.5));
    assert_eq!(t.rmst(4.0), Some(4.0));
    assert_eq!(t.rmst(20.0), Some(7.5));
    assert_eq!(t.rmst(0.0), Some(0.0));
}

#[test]
fn late_entry_joins_the_risk_set_after_its_time() {
    // one customer from 0 churns at 4; one enters at 4 (after the churn) and is censored at 9;
    // one enters at 2 and churns at 6
    let t = table(&[(0, 4, true), (4, 9, false), (2, 6, true), (0, 8, false)]);
    t.check().unwrap();
    let at = |x: f64| t.at(x).unwrap();
    assert_eq!(at(4.0).at_risk, 3); // the one from 0 to 4, the one from 2, the one to 8
    assert_eq!(at(6.0).at_risk, 3); // from 2 to 6, from 4 to 9, to 8
    assert!(close(at(6.0).survival, (2.0 / 3.0) * (2.0 / 3.0), 1e-15));
}

#[test]
fn merge_adds_and_unmerge_removes() {
    let mut next = xorshift(0x2545F4914F6CDD1D);
    for _ in 0..300 {
        let n = next(40);
        let customers = random_customers(&mut next, n, 30);
        let split = customers.len() / 2;
        let (a, b, all) = (
            table(&customers[..split]),
            table(&customers[split..]),
            table(&customers),
        );
        let mut merged = a.clone();
        merged.merge(&b).unwrap();
        assert_eq!(merged, all);
        all.check().unwrap();
        merged.unmerge(&b).unwrap();
        assert_eq!(merged, a);
        // removing the customers one by one empties the table
        let mut t = all.clone();
        for &(entry, exit, churned) in &customers {
            assert!(t.remove(entry, exit, how(churned)));
        }
        assert!(t.rows.is_empty());
        // both forms round trip, byte for byte
        let bytes = Stored::to_stored(&all);
        assert_eq!(
            Stored::to_stored(&<LifeTable as Stored>::from_stored(&bytes).unwrap()),
            bytes
        );
        assert_eq!(
            <LifeTable as Stored>::from_text(&Stored::to_text(&all)).unwrap(),
            all
        );
    }
    let mut t = table(&[(0, 3, true)]);
    assert!(!t.remove(0, 3, Exit::Censored));
    assert!(t.unmerge(&table(&[(0, 4, true)])).is_none());
}

#[test]
fn stored_and_text_forms_refuse_impossible_tables() {
    let ok = r#"{"v":1,"times":[[0,3,0,0],[2,0,1,1],[5,0,1,0]]}"#;
    let t = <LifeTable as Stored>::from_text(ok).unwrap();
    assert_eq!(Stored::to_text(&t), ok);
    assert_eq!(
        Stored::to_stored(&t),
        vec![1, 3, 0, 3, 0, 0, 2, 0, 1, 1, 3, 0, 1, 0]
    );
    for (bad, why) in [
        (r#"{"v":1,"times":[[0,1,0,0],[0,0,1,0]]}"#, "not after"),
        (
            r#"{"v":1,"times":[[0,1,0,0],[3,0,2,0]]}"#,
            "2 customers leave at time 3 but 1 are at risk",
        ),
        (r#"{"v":1,"times":[[0,1,0,0],[3,0,0,0]]}"#, "counts no one"),
        (r#"{"v":1,"times":[[2,1,0,0],[2,0,1,0]]}"#, "not after"),
        (
            r#"{"v":1,"times":[[3,1,1,0]]}"#,
            "1 customers leave at time 3 but 0 are at risk",
        ),
        (r#"{"v":1,"times":[[-1,1,0,0]]}"#, "not a count"),
        (r#"{"v":1,"times":[[0,1,0]]}"#, "invalid length"),
        (r#"{"v":1,"times":[],"x":1}"#, "unknown field"),
        (r#"{"v":2,"times":[]}"#, "version 2 is not supported"),
    ] {
        let e = <LifeTable as Stored>::from_text(bad).unwrap_err();
        assert_eq!(e.sqlstate(), "22P02");
        assert!(e.message().contains(why), "{bad}: {}", e.message());
    }
    for (bad, why) in [
        (&[1u8, 1, 0, 1, 1][..], "truncated"),
        (&[1, 2, 0, 1, 0, 0, 0, 0, 1, 0], "a time repeated"),
        (&[1, 1, 3, 0, 1, 0], "at risk"),
        (&[1, 1, 0, 1, 0, 0, 9], "expected"),
        (&[2, 0], "unknown version"),
    ] {
        let e = <LifeTable as Stored>::from_stored(bad).unwrap_err();
        assert_eq!(e.sqlstate(), "22P02");
        assert!(e.message().contains(why), "{bad:?}: {}", e.message());
    }
    assert_eq!(
        <LifeTable as Stored>::from_stored(&[1, 0]).unwrap(),
        LifeTable::default()
    );
}

#[test]
fn logrank_compares_two_tables() {
    let a = six_mp();
    // the placebo arm of the same trial: 21 relapses, no censoring
    let placebo = [
        1, 1, 2, 2, 3, 4, 4, 5, 5, 8, 8, 8, 8, 11, 11, 12, 12, 15, 17, 22, 23,
    ];
    let b = table(&placebo.iter().map(|&t| (0, t, true)).collect::<Vec<_>>());
    let (chi2, p) = logrank(&a, &b).unwrap();
    // Klein & Moeschberger example 7.2: chi-square 16.79, p < 0.0001
    assert!(close(chi2, 16.79, 0.01), "{chi2}");
    assert!(p < 1e-4);
    let (chi2, p) = logrank(&a, &a.clone()).unwrap();
    assert!(close(chi2, 0.0, 1e-12) && close(p, 1.0, 1e-12));
    assert!(logrank(&table(&[(0, 3, false)]), &table(&[(0, 4, false)])).is_none());
}

#[test]
fn the_running_tally_equals_the_life_table() {
    let mut next = xorshift(0x9E3779B97F4A7C15);
    for round in 0..200 {
        // durations on both sides of the array's end, and far past it
        let top = [10, DENSE as u64 + 50, 3 * DENSE as u64, 1 << 40][round % 4];
        let n = next(60);
        let customers = random_customers(&mut next, n, top);
        let split = customers.len() / 3;
        let (mut a, mut b) = (Tally::new_in(Global), Tally::new_in(Global));
        for &(entry, exit, churned) in &customers[..split] {
            // the per-row fast path where it takes the customer, else the step
            if !a.try_add(entry, exit, how(churned)) {
                a.add(entry, exit, how(churned)).unwrap();
            }
        }
        for &(entry, exit, churned) in &customers[split..] {
            b.add(entry, exit, how(churned)).unwrap();
        }
        let all = table(&customers);
        let mut merged = Tally::new_in(Global);
        merged.merge(&a).unwrap();
        merged.merge(&b).unwrap();
        assert_eq!(merged.table(), all);
        merged.unmerge_table(&b.table()).unwrap();
        assert_eq!(merged.table(), a.table());
        // rollup()'s path: stored summaries read into the rows the tally keeps, in and out
        let mut stored = Tally::new_in(Global);
        for t in [a.table(), b.table(), all.clone()] {
            assert_eq!(stored.step_stored(&t.to_stored(), false), Ok(Some(())));
        }
        assert_eq!(stored.step_stored(&all.to_stored(), true), Ok(Some(())));
        assert_eq!(stored.table(), all);
        let mut c = Tally::new_in(Global);
        c.merge_table(&all).unwrap();
        for &(entry, exit, churned) in &customers {
            assert!(c.remove(entry, exit, how(churned)));
        }
        assert!(c.table().rows.is_empty());
        assert!(!c.remove(0, 1, Exit::Churned));
    }
    let mut t = Tally::new_in(Global);
    assert!(
        !t.try_add(0, 5, Exit::Churned),
        "no array yet: the step grows it"
    );
    t.add(0, 5, Exit::Churned).unwrap();
    assert!(t.try_add(0, 5, Exit::Censored));
    assert!(!t.try_add(0, DENSE, Exit::Churned) && !t.try_add(-1, 5, Exit::Churned));
    assert_eq!(t.table(), table(&[(0, 5, true), (0, 5, false)]));
    assert!(t
        .unmerge_table(&table(&[(0, 5, false), (0, 5, false)]))
        .is_none());
    let twice = table(&[(0, 5, false), (0, 5, false)]).to_stored();
    assert_eq!(t.step_stored(&twice, true), Ok(None));
    let e = t.step_stored(&twice[..twice.len() - 1], true).unwrap_err();
    assert!(e
        .message()
        .starts_with("invalid survivalsummary state: truncated"));
    assert_eq!(t.table(), table(&[(0, 5, true), (0, 5, false)]));
}

#[test]
fn whole_periods_count_as_age_does() {
    let day = |y, m, d| crate::time::days_from_civil(y, m, d);
    let months = |a: (i64, i64, i64), b: (i64, i64, i64)| {
        whole_periods(day(a.0, a.1, a.2), day(b.0, b.1, b.2), Unit::Month)
    };
    // PostgreSQL's age(): 1 mon 1 day, 28 days, 1 year 1 day, 1 year 1 mon 2 days
    assert_eq!(months((2025, 1, 31), (2025, 3, 1)), 1);
    assert_eq!(months((2025, 1, 31), (2025, 2, 28)), 0);
    assert_eq!(months((2023, 2, 28), (2024, 2, 29)), 12);
    assert_eq!(months((2024, 2, 29), (2025, 3, 31)), 13);
    // no wrap at 12: 26 months
    assert_eq!(months((2023, 1, 15), (2025, 3, 15)), 26);
    let (a, b) = (day(2023, 1, 15), day(2025, 3, 14));
    assert_eq!(whole_periods(a, b, Unit::Quarter), 8);
    assert_eq!(whole_periods(a, b, Unit::Year), 2);
    assert_eq!(whole_periods(a, b, Unit::Day), b - a);
    assert_eq!(whole_periods(a, a + 13, Unit::Week), 1);
    assert_eq!(whole_periods(a, a, Unit::Month), 0);
    assert!(Unit::parse("whole_periods", "months").is_err());
}

/// The log-rank statistic computed the slow way: every customer's risk interval scanned at every
/// churn time.
fn naive_logrank(a: &[(i64, i64, bool)], b: &[(i64, i64, bool)]) -> Option<f64> {
    let at = |g: &[(i64, i64, bool)], t: i64| {
        let n = g
            .iter()
            .filter(|&&(e, x, _)| (e < t || (e == 0 && t == 0)) && x >= t)
            .count() as f64;
        let d = g.iter().filter(|&&(_, x, c)| c && x == t).count() as f64;
        (n, d)
    };
    let mut times: Vec<i64> = a.iter().chain(b).filter(|c| c.2).map(|c| c.1).collect();
    times.sort_unstable();
    times.dedup();
    let (mut o, mut v) = (0.0, 0.0);
    for t in times {
        let ((n1, d1), (n2, d2)) = (at(a, t), at(b, t));
        let (n, d) = (n1 + n2, d1 + d2);
        o += d1 - d * n1 / n;
        v += n1 * n2 * d * if n > 1.0 { (n - d) / (n - 1.0) } else { 1.0 } / (n * n);
    }
    (v > 0.0).then(|| o * o / v)
}

#[test]
fn logrank_equals_the_slow_way_with_late_entry() {
    let mut next = xorshift(0xD1B54A32D192ED03);
    for _ in 0..300 {
        let (n, m) = (1 + next(40), 1 + next(40));
        let a = random_customers(&mut next, n, 60);
        let b = random_customers(&mut next, m, 60);
        let got = logrank(&table(&a), &table(&b)).map(|r| r.0);
        let want = naive_logrank(&a, &b);
        match (got, want) {
            (Some(g), Some(w)) => assert!(close(g, w, 1e-9 * w.max(1.0)), "{g} {w}"),
            (g, w) => assert_eq!(g.is_some(), w.is_some(), "{a:?} {b:?}"),
        }
        let swapped = logrank(&table(&b), &table(&a)).map(|r| r.0);
        assert_eq!(
            got.map(|x| (x * 1e6).round()),
            swapped.map(|x| (x * 1e6).round())
        );
    }
}
