//! The seeded property tests of `summary_tests.rs` for the health family's stored types:
//! `tiersummary` and `referralsummary`.

use super::unit_tests::{check_type, count, decimal, Rng};
use crate::kpi::referral::ReferralState;
use crate::kpi::tiers::{Cell, Tiers};
use crate::numeric::Scaled;

/// A small MRR (sums stay in range), sometimes an extreme one.
fn money(next: Rng) -> Scaled {
    match next(5) {
        0 => decimal(next, true),
        _ => Scaled {
            mantissa: next(1_000_000) as i128,
            scale: next(5) as u32,
        },
    }
}

/// Tier summaries of one snapshot or of moves, with or without MRR, names of any text.
fn tiers(next: Rng) -> Tiers {
    const NAMES: [&str; 6] = [
        "At-risk",
        "Healthy",
        "",
        "Ünhealthy \"q\"",
        "High-value",
        "\\t",
    ];
    loop {
        let mut t = Tiers::new(next(2) == 1, next(2) == 1);
        for _ in 0..next(7) {
            let name = |next: Rng| Some(NAMES[next(NAMES.len() as u64) as usize].to_string());
            let before = if t.moves && next(3) > 0 {
                name(next)
            } else {
                None
            };
            let after = if !t.moves || next(4) > 0 || before.is_none() {
                name(next)
            } else {
                None
            };
            let mrr = if t.with_mrr {
                money(next)
            } else {
                Scaled::default()
            };
            let customers = 1 + count(next, i64::MAX / 8 - 1);
            t.cells.insert((before, after), Cell { customers, mrr });
        }
        if t.check().is_ok() {
            return t;
        }
    }
}

/// Referral summaries: any counts and value sums that can be.
pub(super) fn referral(next: Rng) -> ReferralState {
    loop {
        let referred = count(next, i64::MAX / 4);
        let others = count(next, i64::MAX / 4);
        let referring = count(next, referred + others);
        let s = ReferralState {
            referred,
            others,
            referred_value: if referred > 0 {
                money(next)
            } else {
                Scaled::default()
            },
            other_value: if others > 0 {
                money(next)
            } else {
                Scaled::default()
            },
            referring,
            referrals: referring + count(next, i64::MAX / 4),
        };
        if s.check().is_ok() {
            return s;
        }
    }
}

#[test]
fn tiersummary_inputs_round_trip() {
    check_type(0x3c6e_f372_fe94_f82b, tiers);
}

#[test]
fn referralsummary_inputs_round_trip() {
    check_type(0xa54f_f53a_5f1d_36f1, referral);
}
