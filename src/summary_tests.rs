//! Seeded property tests of every summary type's stored and text forms: the rule that any value
//! an input path accepts can be output, and output then input gives the identical stored bytes.
//!
//! For each type, random states (extremes included) round-trip through bytes and text; then
//! thousands of truncated, extended and mutated byte strings and texts, and hostile ones, are
//! fed to both inputs: each is a 22P02 error or a value that round-trips like the others.

use crate::kpi::ces_summary::CesSummary;
use crate::kpi::churn_period::{Period, PeriodState};
use crate::kpi::clv::ClvState;
use crate::kpi::cohort::{period_start, whole_periods, Cell, Cohort, Matrix, Returning, Unit};
use crate::kpi::csat_summary::CsatState;
use crate::kpi::model::{Kind as ModelKind, Model, Report};
use crate::kpi::mrr::MrrSummary;
use crate::kpi::nps::NpsState;
use crate::kpi::ratio::RatioState;
use crate::kpi::share_summary::ShareState;
use crate::kpi::survival::{LifeTable, Row};
use crate::numeric::tests::whole::rng;
use crate::numeric::Scaled;
use crate::summary::Summary;
use crate::time::{Kind, END_DATE, END_TIMESTAMP, MIN_DATE, MIN_TIMESTAMP};

pub(super) type Rng<'a> = &'a mut dyn FnMut(u64) -> u64;

/// Cases per type and property.
const CASES: usize = 3000;

/// A count, often an extreme one.
pub(super) fn count(next: Rng, max: i64) -> i64 {
    match next(6) {
        0 => 0,
        1 => max,
        2 => (next(10) as i64).min(max),
        _ => (next(u64::MAX) % (max as u64).max(1)) as i64,
    }
}

/// A decimal in the stored domain (|mantissa| <= i128::MAX, scale <= 38), often extreme.
pub(super) fn decimal(next: Rng, non_negative: bool) -> Scaled {
    let magnitude: i128 = match next(6) {
        0 => 0,
        1 => i128::MAX,
        2 => next(1000) as i128,
        _ => {
            ((u128::from(next(u64::MAX)) << 64 | u128::from(next(u64::MAX))) >> (1 + next(127)))
                as i128
        }
    };
    let negative = !non_negative && next(2) == 1;
    Scaled {
        mantissa: if negative { -magnitude } else { magnitude },
        scale: next(39) as u32,
    }
}

pub(super) fn nps(next: Rng) -> NpsState {
    let mut counts = [0i64; 11];
    let mut left = i64::MAX;
    for c in counts.iter_mut() {
        *c = count(next, left);
        left -= *c;
    }
    NpsState::from_counts(counts).unwrap()
}

pub(super) fn ces(next: Rng) -> CesSummary {
    let count = count(next, i64::MAX);
    let mut sum = decimal(next, false);
    if count == 0 {
        sum.mantissa = 0;
    }
    let mut s = CesSummary {
        sum,
        count,
        squares: None,
    };
    if next(3) != 0 {
        let valid = |s: &CesSummary| CesSummary::from_stored(&s.to_stored()).is_ok();
        let mut q = decimal(next, true);
        if count == 0 {
            q.mantissa = 0;
        }
        s.squares = Some(q);
        if !valid(&s) {
            // the least the sum allows: sum^2 / count rounded up, at twice the sum's scale
            let n = i128::from(count.max(1));
            s.squares = sum
                .mantissa
                .checked_mul(sum.mantissa)
                .filter(|_| 2 * sum.scale <= crate::numeric::MAX_SCALE)
                .map(|m2| Scaled {
                    mantissa: m2 / n + i128::from(m2 % n != 0),
                    scale: 2 * sum.scale,
                });
        }
        if !valid(&s) {
            s.squares = None;
        }
    }
    s
}

pub(super) fn csat(next: Rng) -> CsatState {
    let responses = count(next, i64::MAX);
    let satisfied = count(next, responses);
    let mut sum = decimal(next, false);
    if responses == 0 {
        sum.mantissa = 0;
    }
    let threshold = (responses > 0 || next(2) == 1).then(|| decimal(next, false));
    CsatState {
        satisfied,
        responses,
        sum,
        threshold,
    }
}

pub(super) fn clv(next: Rng) -> ClvState<Scaled> {
    let n = count(next, i64::MAX);
    let mut sums = [0; 3].map(|_| decimal(next, true));
    if n == 0 {
        sums.iter_mut().for_each(|s| s.mantissa = 0);
    }
    ClvState { sums, n }
}

pub(super) fn share(next: Rng) -> ShareState {
    let (a, b) = (decimal(next, true), decimal(next, true));
    let (hits, total) = if a.cmp_value(b).is_le() {
        (a, b)
    } else {
        (b, a)
    };
    ShareState { hits, total }
}

pub(super) fn churn(next: Rng) -> PeriodState {
    let total = count(next, i64::MAX);
    let hits = count(next, total);
    let period = (next(3) != 0).then(|| {
        let (kind, min, end) = if next(2) == 0 {
            (Kind::Date, MIN_DATE, END_DATE)
        } else {
            (Kind::Timestamptz, MIN_TIMESTAMP, END_TIMESTAMP)
        };
        let mut pick = || match next(4) {
            0 => min,
            1 => end - 1,
            _ => {
                (i128::from(min) + i128::from(next(u64::MAX)) % (i128::from(end) - i128::from(min)))
                    as i64
            }
        };
        let (a, b) = (pick(), pick());
        Period {
            kind,
            lower: a.min(b),
            upper: a.max(b),
            lower_inc: next(2) == 1,
            upper_inc: next(2) == 1,
        }
    });
    PeriodState::new(RatioState { hits, total }, period)
}

/// MRR movements that add up: `base` is what the customers at start who stay keep, so
/// start = base + contraction + churn and end = base + expansion + new + reactivation.
pub(super) fn mrr(next: Rng) -> MrrSummary {
    let mut s = MrrSummary::empty(churn(next).period);
    let amount = |next: Rng, positive: bool| -> Scaled {
        if !positive {
            return Scaled::default();
        }
        Scaled {
            mantissa: 1 + (next(1 << 50) as i128),
            scale: next(21) as u32,
        }
    };
    let mut c = [0i64; 7];
    for x in c.iter_mut().skip(2) {
        *x = count(next, i64::MAX / 8);
    }
    let flat = count(next, i64::MAX / 8);
    let base = amount(next, c[4] + c[5] + flat > 0);
    for (a, n) in s.amounts.iter_mut().zip(c).skip(2) {
        *a = amount(next, n > 0);
    }
    let add = |a: Scaled, b: Scaled| a.add(b.mantissa, b.scale).unwrap();
    s.amounts[0] = add(add(base, s.amounts[5]), s.amounts[6]);
    s.amounts[1] = add(add(add(base, s.amounts[4]), s.amounts[2]), s.amounts[3]);
    c[0] = c[4] + c[5] + c[6] + flat;
    c[1] = c[4] + c[5] + flat + c[2] + c[3];
    s.counts = c;
    s
}

/// A life table: rows from time 0 with gaps up to 2^63, counts up to the extremes, no one leaving
/// who is not at risk.
fn survival(next: Rng) -> LifeTable {
    let mut t = LifeTable::default();
    let (mut time, mut entered_total, mut after) = (0i64, 0i64, 0i64);
    for i in 0..next(12) {
        if i > 0 {
            let gap = 1 + (next(u64::MAX) >> (1 + next(63))) as i64;
            match time.checked_add(gap) {
                Some(x) => time = x,
                None => break,
            }
        }
        let entered = count(next, i64::MAX - entered_total);
        let at_risk = after + if time == 0 { entered } else { 0 };
        let churned = count(next, at_risk);
        let censored = count(next, at_risk - churned);
        if entered == 0 && churned == 0 && censored == 0 {
            continue;
        }
        t.rows.push(Row {
            time,
            entered,
            churned,
            censored,
        });
        entered_total += entered;
        after = at_risk - churned - censored + if time == 0 { 0 } else { entered };
    }
    t
}

/// Cohort matrices: any period, `as_of` anywhere in the date range, with or without MRR, cohorts
/// on their period's first day, counts and amounts up to the extremes within the rules.
fn cohort(next: Rng) -> Matrix {
    let unit = [
        Unit::Day,
        Unit::Week,
        Unit::Month,
        Unit::Quarter,
        Unit::Year,
    ][next(5) as usize];
    let as_of = match next(4) {
        0 => MIN_DATE + next(800) as i64,
        1 => END_DATE - 2 - next(800) as i64,
        _ => next(40_000) as i64 - 10_000,
    };
    let scale = (next(3) > 0).then(|| next(39) as u32);
    let mut m = Matrix::new(unit, as_of, scale);
    for r in [Returning::FirstCohort, Returning::NewCohort] {
        for _ in 0..next(4) {
            let back = 1 + next(3000);
            let start = period_start(as_of - next(back) as i64, unit);
            if !Kind::Date.valid(start) {
                continue;
            }
            let size = 1 + count(next, i64::MAX - 1);
            let mut cells = vec![];
            let mut before = Cell {
                eligible: size,
                retained: [size; 4],
                ..Cell::default()
            };
            let cells_len = next(1 + whole_periods(start, as_of + 1, unit).min(6) as u64);
            for _ in 0..cells_len {
                let eligible = 1 + count(next, before.eligible - 1);
                let mut cell = Cell {
                    eligible,
                    ..Cell::default()
                };
                for (n, u) in [(0, 1), (2, 3)] {
                    cell.retained[n] = count(next, eligible);
                    let top = eligible.min(before.retained[u]);
                    if cell.retained[n] > top {
                        cell.retained[n] = top;
                    }
                    cell.retained[u] = cell.retained[n] + count(next, top - cell.retained[n]);
                }
                if scale.is_some() {
                    cell.initial = decimal(next, true).mantissa;
                    cell.mrr = decimal(next, true).mantissa;
                    let top = cell.initial.min(cell.mrr);
                    cell.capped = if next(2) == 0 {
                        top
                    } else {
                        decimal(next, true).mantissa.min(top)
                    };
                }
                cells.push(cell);
                before = cell;
            }
            m.cohorts_mut(r).insert(start, Cohort { size, cells });
        }
    }
    m.check().unwrap_or_else(|e| panic!("{e}: {m:?}"));
    m
}

/// `s` round-trips: stored bytes -> state, text -> state, and text -> the same stored bytes.
fn assert_round_trips<S: crate::summary::Stored + std::fmt::Debug + PartialEq>(s: &S) {
    let bytes = s.to_stored();
    let back = S::from_stored(&bytes).unwrap_or_else(|e| panic!("{s:?}: {}", e.message()));
    assert_eq!(&back, s);
    let text = s.to_text();
    let read = S::from_text(&text).unwrap_or_else(|e| panic!("{text}: {}", e.message()));
    assert_eq!(&read, s, "{text}");
    assert_eq!(read.to_stored(), bytes, "{text}");
}

/// What an input accepted round-trips; what it refused is 22P02.
fn accepted_round_trips<S: crate::summary::Stored + std::fmt::Debug + PartialEq>(
    got: Result<S, crate::error::KpiError>,
) -> bool {
    match got {
        Ok(s) => {
            assert_round_trips(&s);
            true
        }
        Err(e) => {
            assert_eq!(e.sqlstate(), "22P02", "{}", e.message());
            false
        }
    }
}

/// Mutate `input`: truncate, extend, flip, insert or delete at random places.
pub(super) fn mutate(next: Rng, input: &[u8], alphabet: &[u8]) -> Vec<u8> {
    let mut out = input.to_vec();
    for _ in 0..=next(3) {
        let at = next(out.len() as u64 + 1) as usize;
        let byte = if alphabet.is_empty() {
            next(256) as u8
        } else {
            alphabet[next(alphabet.len() as u64) as usize]
        };
        match next(5) {
            0 => out.truncate(at),
            1 => out.insert(at, byte),
            2 if at < out.len() => {
                out.remove(at);
            }
            _ if at < out.len() => out[at] = byte,
            _ => out.push(byte),
        }
    }
    out
}

/// Characters a mutated text form is made of: JSON's, digits, and date and range syntax.
const TEXT_ALPHABET: &[u8] = b"{}[]():,.\"-+ 0123456789eEvBCnul\\x";

/// A double above 0 of any magnitude: random bits (sign cleared), kept when finite and not 0.
fn positive(next: Rng) -> f64 {
    loop {
        let x = match next(4) {
            0 => f64::from_bits(next(u64::MAX) & !(1 << 63)),
            1 => f64::MIN_POSITIVE * (1 + next(100)) as f64,
            2 => f64::MAX / (1 + next(100)) as f64,
            _ => (1 + next(1_000_000)) as f64 / (1 + next(1000)) as f64,
        };
        if x.is_finite() && x > 0.0 {
            return x;
        }
    }
}

fn model(next: Rng) -> Model {
    let name = ["sbg", "bgnbd", "gammagamma"][next(3) as usize];
    let n = ModelKind::names(name).expect("a model").len();
    let params: Vec<f64> = (0..n).map(|_| positive(next)).collect();
    let kind = ModelKind::from_params(name, &params).expect("valid parameters");
    let report = (next(3) > 0).then(|| Report {
        customers: 1 + count(next, i64::MAX - 1),
        log_likelihood: if next(2) == 0 {
            -positive(next)
        } else {
            positive(next)
        },
        iterations: count(next, i64::MAX),
    });
    Model { kind, report }
}

pub(super) fn check_type<S: crate::summary::Stored + std::fmt::Debug + PartialEq>(
    seed: u64,
    make: fn(Rng) -> S,
) {
    let mut next = rng(seed);
    let (mut bytes_ok, mut text_ok) = (0, 0);
    for _ in 0..CASES {
        let s = make(&mut next);
        assert_round_trips(&s);
        // equality and hashing read a stored value of a current version as it is
        assert!(
            S::VERSIONS.contains(&s.to_stored()[0]),
            "{} writes one of its VERSIONS",
            S::TYPE
        );
        let mutated = mutate(&mut next, &s.to_stored(), &[]);
        bytes_ok += usize::from(accepted_round_trips(S::from_stored(&mutated)));
        let text = mutate(&mut next, s.to_text().as_bytes(), TEXT_ALPHABET);
        if let Ok(text) = String::from_utf8(text) {
            text_ok += usize::from(accepted_round_trips(S::from_text(&text)));
        }
        // hostile: random bytes and random short texts
        let len = next(64) as usize;
        let junk: Vec<u8> = (0..len).map(|_| next(256) as u8).collect();
        accepted_round_trips(S::from_stored(&junk));
        accepted_round_trips(S::from_text(&String::from_utf8_lossy(&junk)));
    }
    // the mutations reach both outcomes, so the test can fail either way
    assert!(
        bytes_ok > 0 && bytes_ok < CASES,
        "{} bytes {bytes_ok}",
        S::TYPE
    );
    assert!(text_ok > 0 && text_ok < CASES, "{} text {text_ok}", S::TYPE);
}

#[test]
fn npssummary_inputs_round_trip() {
    check_type(0x9e37_79b9_7f4a_7c15, nps);
}

#[test]
fn cessummary_inputs_round_trip() {
    check_type(0xbf58_476d_1ce4_e5b9, ces);
}

#[test]
fn csatsummary_inputs_round_trip() {
    check_type(0x94d0_49bb_1331_11eb, csat);
}

#[test]
fn clvsummary_inputs_round_trip() {
    check_type(0x2545_f491_4f6c_dd1d, clv);
}

#[test]
fn sharesummary_inputs_round_trip() {
    check_type(0xd6e8_feb8_6659_fd93, share);
}

#[test]
fn churnsummary_inputs_round_trip() {
    check_type(0xa076_1d64_78bd_642f, churn);
}

#[test]
fn mrrsummary_inputs_round_trip() {
    check_type(0xe703_7ed1_a0b4_28db, mrr);
}

#[test]
fn survivalsummary_inputs_round_trip() {
    check_type(0x8ebc_6af0_9c88_c6e3, survival);
}

#[test]
fn cohortsummary_inputs_round_trip() {
    check_type(0x5851_f42d_4c95_7f2d, cohort);
}

#[test]
fn customermodel_inputs_round_trip() {
    check_type(0x1f83_d9ab_fb41_bd6b, model);
}
