//! Unit tests of the cohort matrices: every cell of every mode against a day-by-day count from
//! the definitions (the Python reference over SQL runs in `make test`:
//! tests/stats/cohort_reference.py).

use super::*;
use crate::time::days_from_civil;

use crate::numeric::tests::whole::rng as xorshift;

/// The subscriptions that started by `as_of` (the aggregate skips later ones), customers left
/// with none dropped.
fn started_by(customers: Vec<Vec<Sub>>, as_of: i64) -> Vec<Vec<Sub>> {
    customers
        .into_iter()
        .map(|c| {
            c.into_iter()
                .filter(|s| s.start <= as_of)
                .collect::<Vec<_>>()
        })
        .filter(|c| !c.is_empty())
        .collect()
}

fn build(unit: Unit, as_of: i64, mrr: bool, customers: &[Vec<Sub>]) -> Matrix {
    let mut b = Builder::new(unit, as_of, mrr.then_some(0));
    for c in customers {
        b.add_customer(&mut c.clone()).unwrap();
    }
    b.finish().unwrap()
}

/// The cells of one mode from the definitions, day by day: `B(k)` found by walking days, a
/// subscription present on the days `start..=end` and active at the start of day `t` when
/// `start < t <= end`.
fn brute(unit: Unit, as_of: i64, customers: &[Vec<Sub>], r: Returning) -> BTreeMap<i64, Cohort> {
    let mut out: BTreeMap<i64, Cohort> = BTreeMap::new();
    for subs in customers {
        let mut subs = subs.clone();
        subs.sort_by_key(|s| s.start);
        let members: Vec<Vec<Sub>> = match r {
            Returning::FirstCohort => vec![subs],
            Returning::NewCohort => {
                // a new membership when a start comes after every earlier end
                let mut m: Vec<Vec<Sub>> = vec![];
                for s in subs {
                    let gap = m
                        .last()
                        .is_none_or(|cur| cur.iter().all(|c| c.end.is_some_and(|e| e < s.start)));
                    if gap {
                        m.push(vec![s]);
                    } else {
                        m.last_mut().unwrap().push(s);
                    }
                }
                m
            }
        };
        for m in members {
            let start = m.iter().map(|s| s.start).min().unwrap();
            let cohort = out.entry(period_start(start, unit)).or_default();
            cohort.size += 1;
            // boundaries B(0), B(1), ... while observed
            let mut bounds = vec![start];
            let mut d = start;
            while d <= as_of + 1 {
                d += 1;
                if whole_periods(start, d, unit) >= bounds.len() as i64 {
                    bounds.push(d);
                }
            }
            let present = |d: i64| {
                m.iter()
                    .any(|s| s.start <= d && s.end.is_none_or(|e| d <= e))
            };
            let at = |t: i64| {
                m.iter()
                    .any(|s| s.start < t && s.end.is_none_or(|e| t <= e))
            };
            let mrr_at = |t: i64| -> i128 {
                m.iter()
                    .filter(|s| s.start < t && s.end.is_none_or(|e| t <= e))
                    .map(|s| s.mrr)
                    .sum()
            };
            let initial: i128 = m.iter().filter(|s| s.start == start).map(|s| s.mrr).sum();
            let observed: Vec<(i64, i64)> = bounds
                .windows(2)
                .map(|w| (w[0], w[1]))
                .filter(|&(_, b)| b <= as_of + 1)
                .collect();
            let end_flags: Vec<bool> = observed.iter().map(|&(_, b)| at(b)).collect();
            let in_flags: Vec<bool> = observed.iter().map(|&(a, b)| (a..b).any(present)).collect();
            if cohort.cells.len() < observed.len() {
                cohort.cells.resize(observed.len(), Cell::default());
            }
            for (k, &(_, b)) in observed.iter().enumerate() {
                let cell = &mut cohort.cells[k];
                cell.eligible += 1;
                for (flags, by) in [
                    (&end_flags, RetainedBy::EndOfPeriod),
                    (&in_flags, RetainedBy::ActiveInPeriod),
                ] {
                    cell.retained[mode_index(by, Horizon::NPeriod)] += i64::from(flags[k]);
                    cell.retained[mode_index(by, Horizon::OnOrAfter)] +=
                        i64::from(flags[k..].iter().any(|&f| f));
                }
                cell.initial += initial;
                cell.mrr += mrr_at(b);
                cell.capped += mrr_at(b).min(initial);
            }
        }
    }
    out
}

/// `n` random customers of up to 4 subscriptions from day `from` over `span` days; some
/// subscriptions are one-day events, some still running.
fn random_customers(
    next: &mut impl FnMut(u64) -> u64,
    n: u64,
    from: i64,
    span: u64,
) -> Vec<Vec<Sub>> {
    (0..n)
        .map(|_| {
            (0..1 + next(4))
                .map(|_| {
                    let start = from + next(span) as i64;
                    let end = match next(4) {
                        0 => None,
                        1 => Some(start),
                        _ => Some(start + next(span / 2 + 1) as i64),
                    };
                    Sub {
                        start,
                        end,
                        mrr: next(5) as i128 * 50,
                    }
                })
                .collect()
        })
        .collect()
}

#[test]
fn every_cell_of_every_mode_equals_the_day_by_day_count() {
    let mut next = xorshift(0x2545F4914F6CDD1D);
    for round in 0..60 {
        let unit = [
            Unit::Day,
            Unit::Week,
            Unit::Month,
            Unit::Quarter,
            Unit::Year,
        ][round % 5];
        let span = [40, 120, 700, 1500, 3000][round % 5];
        let from = days_from_civil(2023, 1, 1) + next(40) as i64 - 20;
        let n = 1 + next(40);
        let customers = random_customers(&mut next, n, from, span);
        let as_of = from + next(span + 30) as i64;
        let customers = started_by(customers, as_of);
        let m = build(unit, as_of, true, &customers);
        m.check().unwrap();
        for r in [Returning::FirstCohort, Returning::NewCohort] {
            assert_eq!(
                m.cohorts(r),
                &brute(unit, as_of, &customers, r),
                "round {round} {unit:?} {r:?}"
            );
        }
    }
}

/// PostHog's example: three users start on day 0; one comes back on day 1, one on day 5, one
/// never (events as one-day subscriptions), observed through day 6.
#[test]
fn posthog_example() {
    let day0 = days_from_civil(2025, 3, 3);
    let ev = |d: i64| Sub {
        start: day0 + d,
        end: Some(day0 + d),
        mrr: 0,
    };
    let customers = vec![vec![ev(0), ev(1)], vec![ev(0), ev(5)], vec![ev(0)]];
    let m = build(Unit::Day, day0 + 6, false, &customers);
    let c = &m.first[&day0];
    assert_eq!(c.size, 3);
    let pct = |h: Horizon| -> Vec<String> {
        let i = mode_index(RetainedBy::ActiveInPeriod, h);
        c.cells
            .iter()
            .map(|x| format!("{:.1}", 100.0 * x.retained[i] as f64 / x.eligible as f64))
            .collect()
    };
    assert_eq!(
        pct(Horizon::NPeriod),
        ["100.0", "33.3", "0.0", "0.0", "0.0", "33.3", "0.0"]
    );
    assert_eq!(
        pct(Horizon::OnOrAfter),
        ["100.0", "66.7", "33.3", "33.3", "33.3", "33.3", "0.0"]
    );
    // not yet observed: day 6 is the last offset
    assert_eq!(c.cells.len(), 7);
    // under the new-cohort rule every return is a new member, of the day of its return
    assert_eq!(m.new[&day0].size, 3);
    assert_eq!(m.new[&(day0 + 1)].size, 1);
    assert_eq!(m.new[&(day0 + 5)].size, 1);
}

#[test]
fn months_are_whole_as_age_counts_them_and_young_cohorts_are_not_yet() {
    // started 31 January: offset 1 starts 1 March (age() says 0 months on 28 February)
    let jan31 = days_from_civil(2025, 1, 31);
    let sub = Sub {
        start: jan31,
        end: Some(days_from_civil(2025, 2, 28)),
        mrr: 100,
    };
    let m = build(
        Unit::Month,
        days_from_civil(2025, 6, 30),
        true,
        &[vec![sub]],
    );
    let c = &m.first[&days_from_civil(2025, 1, 1)];
    // offsets 0..=3 observed (offset 4 ends 1 July, the day after as_of + 1? no: on it)
    assert_eq!(c.cells.len(), 5);
    let end = mode_index(RetainedBy::EndOfPeriod, Horizon::NPeriod);
    // active at the start of 1 March? It ended 28 February: no
    assert_eq!(
        c.cells.iter().map(|x| x.retained[end]).collect::<Vec<_>>(),
        [0, 0, 0, 0, 0]
    );
    let active = mode_index(RetainedBy::ActiveInPeriod, Horizon::NPeriod);
    assert_eq!(
        c.cells
            .iter()
            .map(|x| x.retained[active])
            .collect::<Vec<_>>(),
        [1, 0, 0, 0, 0]
    );
    // a cohort younger than a period has members but no observed cell
    let young = build(
        Unit::Month,
        days_from_civil(2025, 6, 30),
        false,
        &[vec![Sub {
            start: days_from_civil(2025, 6, 15),
            end: None,
            mrr: 0,
        }]],
    );
    let c = &young.first[&days_from_civil(2025, 6, 1)];
    assert_eq!((c.size, c.cells.len()), (1, 0));
}

#[test]
fn mrr_initial_net_and_gross() {
    let d = |m: u32, day: i64| days_from_civil(2025, i64::from(m), day);
    // starts at 100, expands to 150 in month 2, contracts to 40 in month 4
    let c = vec![
        Sub {
            start: d(1, 10),
            end: Some(d(4, 10)),
            mrr: 100,
        },
        Sub {
            start: d(3, 1),
            end: Some(d(4, 10)),
            mrr: 50,
        },
        Sub {
            start: d(4, 10),
            end: None,
            mrr: 40,
        },
    ];
    let m = build(Unit::Month, d(6, 30), true, &[c]);
    let cells = &m.first[&d(1, 1)].cells;
    let mrr: Vec<i128> = cells.iter().map(|x| x.mrr).collect();
    let capped: Vec<i128> = cells.iter().map(|x| x.capped).collect();
    // ends of offsets: 10 Feb, 10 Mar, 10 Apr, 10 May, 10 Jun (10 Jul not observed)
    assert_eq!(mrr, [100, 150, 150, 40, 40]);
    assert_eq!(capped, [100, 100, 100, 40, 40]);
    assert!(cells.iter().all(|x| x.initial == 100));
}

#[test]
fn merge_adds_disjoint_customers_and_removal_undoes_it() {
    let mut next = xorshift(0x9E3779B97F4A7C15);
    for round in 0..30 {
        let unit = [Unit::Day, Unit::Week, Unit::Month][round % 3];
        let from = days_from_civil(2024, 1, 1);
        let customers = random_customers(&mut next, 30, from, 400);
        let as_of = from + 300;
        let customers = started_by(customers, as_of);
        let cut = next(customers.len() as u64 + 1) as usize;
        let all = build(unit, as_of, true, &customers);
        let (a, b) = (
            build(unit, as_of, true, &customers[..cut]),
            build(unit, as_of, true, &customers[cut..]),
        );
        let mut sum = a.clone();
        sum.merge(&b, 1).unwrap();
        assert_eq!(sum, all);
        sum.merge(&b, -1).unwrap();
        assert_eq!(sum, a);
        // removing what was never added fails
        if !customers[cut..].is_empty() {
            assert!(a
                .clone()
                .merge(&build(unit, as_of, true, &customers), -1)
                .is_none());
        }
    }
}

/// A merge checks only the cohorts it changes (the others keep their rules): whatever it
/// accepts, adding or removing any two valid matrices, every rule of the whole matrix holds.
#[test]
fn a_merge_accepts_only_matrices_that_keep_every_rule() {
    let mut next = xorshift(0xD1B5_4A32_D192_ED03);
    let (mut kept, mut refused) = (0, 0);
    for round in 0..60 {
        let unit = [Unit::Day, Unit::Week, Unit::Month][round % 3];
        let from = days_from_civil(2024, 1, 1);
        let as_of = from + 300;
        let one = started_by(random_customers(&mut next, 20, from, 400), as_of);
        // some of one's customers, and in every other round a few of another set: removing
        // them from one's matrix is then refused, or kept where no cohort goes wrong
        let cut = next(one.len() as u64 + 1) as usize;
        let mut two = one[..cut].to_vec();
        if round % 2 == 1 {
            two.extend(started_by(random_customers(&mut next, 3, from, 400), as_of));
        }
        let (a, b) = (
            build(unit, as_of, true, &one),
            build(unit, as_of, true, &two),
        );
        for sign in [1, -1] {
            let mut m = a.clone();
            match m.merge(&b, sign) {
                Some(()) => {
                    m.check().unwrap();
                    kept += 1;
                }
                None => refused += 1,
            }
        }
    }
    assert!(kept > 60 && refused > 0, "{kept} kept, {refused} refused");
}

#[test]
fn choices_parse_and_name_the_bad_value() {
    assert_eq!(
        RetainedBy::parse("k", "active_in_period").unwrap(),
        RetainedBy::ActiveInPeriod
    );
    assert_eq!(
        Horizon::parse("k", "on_or_after").unwrap(),
        Horizon::OnOrAfter
    );
    assert_eq!(
        Returning::parse("k", "new_cohort").unwrap(),
        Returning::NewCohort
    );
    let e = Horizon::parse("retention_matrix", "unbounded").unwrap_err();
    assert_eq!(e.sqlstate(), "22023");
    assert_eq!(
        e.message(),
        "retention_matrix horizon must be 'n_period' or 'on_or_after', got 'unbounded'"
    );
}

#[test]
fn periods_start_as_date_trunc_says() {
    let d = days_from_civil(2025, 8, 14); // a Thursday
    assert_eq!(period_start(d, Unit::Day), d);
    assert_eq!(period_start(d, Unit::Week), days_from_civil(2025, 8, 11));
    assert_eq!(period_start(d, Unit::Month), days_from_civil(2025, 8, 1));
    assert_eq!(period_start(d, Unit::Quarter), days_from_civil(2025, 7, 1));
    assert_eq!(period_start(d, Unit::Year), days_from_civil(2025, 1, 1));
    // before 2000 and on a Monday
    let monday = days_from_civil(1999, 12, 27);
    assert_eq!(period_start(monday, Unit::Week), monday);
    assert_eq!(period_start(monday + 6, Unit::Week), monday);
    // every day of the date range's ends and of four centuries around 2000: the first day of
    // its month, quarter and year, by the calendar
    let ends = [
        (crate::time::MIN_DATE, 400),
        (-73_000, 146_097),
        (crate::time::END_DATE - 400, 400),
    ];
    for d in ends.into_iter().flat_map(|(from, n)| from..from + n) {
        let (y, m, _) = crate::time::civil(d);
        assert_eq!(period_start(d, Unit::Month), days_from_civil(y, m, 1));
        let q = days_from_civil(y, 3 * ((m - 1) / 3) + 1, 1);
        assert_eq!(period_start(d, Unit::Quarter), q);
        assert_eq!(period_start(d, Unit::Year), days_from_civil(y, 1, 1));
    }
}

#[test]
fn offsets_and_cells_are_bounded() {
    let d = days_from_civil(1900, 1, 1);
    let old = Sub {
        start: d,
        end: None,
        mrr: 0,
    };
    let mut b = Builder::new(Unit::Day, d + MAX_OFFSETS, None);
    let e = b.add_customer(&mut [old]).unwrap_err();
    assert_eq!(e.sqlstate(), "22023");
    assert!(
        e.message()
            .starts_with("cohort_agg sees more than 100000 periods from a start on 1900-01-01"),
        "{}",
        e.message()
    );
    let mut b = Builder::new(Unit::Day, d + MAX_OFFSETS - 1, None);
    b.add_customer(&mut [old]).unwrap();
    // daily cohorts of 274 years: the cells run out first
    let mut b = Builder::new(Unit::Day, d + 60_000, None);
    let e = (0..1000)
        .find_map(|i| {
            b.add_customer(&mut [Sub {
                start: d + i,
                end: None,
                mrr: 0,
            }])
            .err()
        })
        .unwrap();
    assert!(
        e.message()
            .starts_with("cohort_agg matrices would hold more than 4000000 cells"),
        "{}",
        e.message()
    );
}

/// The rules of a cohort's day, each unit: the first day of its period, not after `as_of`, and
/// no more cells than the offsets observed by then (`whole_periods(start, as_of + 1)`).
#[test]
fn a_cohort_keeps_the_calendar() {
    let cell = Cell {
        eligible: 1,
        retained: [1; 4],
        ..Cell::default()
    };
    // a day within a period, and the last of a year (the next starts a month, quarter, year)
    let days = [days_from_civil(2025, 8, 14), days_from_civil(2025, 12, 31)];
    let units = [
        Unit::Day,
        Unit::Week,
        Unit::Month,
        Unit::Quarter,
        Unit::Year,
    ];
    for (as_of, unit) in days.into_iter().flat_map(|d| units.map(|u| (d, u))) {
        let check = |start: i64, cells: usize| {
            let mut m = Matrix::new(unit, as_of, None);
            let cohort = Cohort {
                size: 1,
                cells: vec![cell; cells],
            };
            m.first.insert(start, cohort);
            m.check()
        };
        for back in [0, 1, 40, 400, 4000] {
            let start = period_start(as_of - back, unit);
            let observed = whole_periods(start, as_of + 1, unit) as usize;
            assert_eq!(check(start, observed), Ok(()), "{unit:?} {back}");
            let day = crate::time::Moment(crate::time::Kind::Date, start);
            let too_long = format!("cohort {day} has offsets not yet observed");
            assert_eq!(check(start, observed + 1), Err(too_long));
            if unit != Unit::Day {
                let not_first = format!(
                    "cohort {} is not the first day of a period",
                    crate::time::Moment(crate::time::Kind::Date, start + 1)
                );
                assert_eq!(check(start + 1, 0), Err(not_first));
            }
        }
        let after = period_start(as_of + 400, unit);
        let day = crate::time::Moment(crate::time::Kind::Date, after);
        assert_eq!(check(after, 0), Err(format!("cohort {day} is after as_of")));
    }
}
