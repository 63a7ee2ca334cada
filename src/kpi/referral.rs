//! # `referralsummary`: the value of customer referrals
//!
//! Seed 000: "quantify the dollar value of new business obtained through referrals", next to the
//! percent of customers who refer (or serve as references).
//!
//! - `referral_agg(referred boolean, value numeric, referrals bigint) -> referralsummary`: a
//!   customer per row: whether it came referred by another customer, its value (revenue, or a
//!   predicted CLV such as `predicted_clv(...)`) and how many customers it referred. Rows with a
//!   NULL argument are skipped; a negative value or referral count is 22003.
//! - `combine(referralsummary)` (and `rollup`): adds summaries exactly; PARALLEL SAFE, moving form.
//! - Accessors: `customers`, `referred_customers`, `referred_value`, `referred_value_share`
//!   (= `share(referred, value)`), `value_per_referred` and `value_per_other` (= `avg(value)
//!   FILTER (WHERE referred)` and `NOT referred`), `referral_lift` (their ratio),
//!   `referring_share` (= `share(referrals > 0)`), `referrals`.
//! - Text form `{"v":1,"referred":2,"others":3,"referred_value":120.50,"other_value":80.00,
//!   "referring":1,"referrals":2}`; stored form: a version byte, then the counts (8 bytes each)
//!   and the two value sums (16 bytes and a scale byte) in that order. Impossible states
//!   (negative, value without customers, more referring customers than customers, fewer
//!   referrals than referring customers) are 22P02.

use crate::agg::AggState;
use crate::bytes::{Field, Reader, Writer};
use crate::error::KpiError;
use crate::numeric::Scaled;
use crate::summary::{self, Summary};
use crate::text::{Count, Decimal, Number};

const VERSION: u8 = 1;
const EXPECTED: &str = r#"{"v":1,"referred":<customers>,"others":<customers>,"referred_value":<sum>,"other_value":<sum>,"referring":<customers>,"referrals":<count>}"#;

/// Referred customers and the others, their values, and who referred how many.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct ReferralState {
    pub referred: i64,
    pub others: i64,
    pub referred_value: Scaled,
    pub other_value: Scaled,
    pub referring: i64,
    pub referrals: i64,
}

#[cold]
fn cannot_remove() -> KpiError {
    KpiError::InvalidParameter("referral_agg cannot remove a customer it did not add".into())
}

#[cold]
fn overflow() -> KpiError {
    KpiError::OutOfRange("referral_agg count or value sum is out of range".into())
}

impl ReferralState {
    /// One customer; a negative value or referral count is 22003.
    pub fn customer(referred: bool, value: Scaled, referrals: i64) -> Result<Self, KpiError> {
        let mut s = ReferralState::default();
        s.step(referred, value, referrals, 1)?;
        Ok(s)
    }

    /// Add (`sign` 1) or remove (-1) one customer in place (the per-row path): a negative value
    /// or referral count is 22003, a sum out of range 22003, the removal of a customer not in
    /// the state 22023; the state is unchanged on error.
    #[inline]
    pub fn step(
        &mut self,
        referred: bool,
        value: Scaled,
        referrals: i64,
        sign: i64,
    ) -> Result<(), KpiError> {
        if value.is_negative() {
            return Err(KpiError::OutOfRange(format!(
                "referral_agg value must not be negative, got {value}"
            )));
        }
        if referrals < 0 {
            return Err(KpiError::OutOfRange(format!(
                "referral_agg referrals must not be negative, got {referrals}"
            )));
        }
        let mut s = *self;
        let next = (|| {
            if referred {
                s.referred = s.referred.checked_add(sign)?;
                s.referred_value = s
                    .referred_value
                    .add(value.mantissa * i128::from(sign), value.scale)?;
            } else {
                s.others = s.others.checked_add(sign)?;
                s.other_value = s
                    .other_value
                    .add(value.mantissa * i128::from(sign), value.scale)?;
            }
            s.referring = s.referring.checked_add(sign * i64::from(referrals > 0))?;
            s.referrals = s.referrals.checked_add(sign.checked_mul(referrals)?)?;
            s.referred.checked_add(s.others)?;
            s.referred_value
                .add(s.other_value.mantissa, s.other_value.scale)?;
            Some(())
        })();
        match (next, sign) {
            (None, 1) => Err(overflow()),
            (None, _) => Err(cannot_remove()),
            (Some(()), 1) => {
                *self = s;
                Ok(())
            }
            (Some(()), _) if s.check().is_ok() => {
                *self = s;
                Ok(())
            }
            _ => Err(cannot_remove()),
        }
    }

    /// [`ReferralState::step`] adding one customer, in the common case only: a non-negative
    /// value at the scale both sums already have, and sums and counts far from their bounds, so
    /// no check can fail. False, changing nothing, otherwise ([`ReferralState::step`] decides).
    #[inline(always)]
    pub fn try_add(&mut self, referred: bool, value: Scaled, referrals: i64) -> bool {
        const SUM: u128 = 1 << 125; // three such below 2^127: every sum and the total fit
        const COUNT: u64 = 1 << 61;
        let small = |x: Scaled| x.mantissa.unsigned_abs() < SUM && x.scale == value.scale;
        if value.mantissa < 0
            || !(small(value) && small(self.referred_value) && small(self.other_value))
            || !(0..COUNT as i64).contains(&referrals)
            || (self.referred | self.others | self.referring | self.referrals) as u64 >= COUNT
        {
            return false;
        }
        let (count, sum) = if referred {
            (&mut self.referred, &mut self.referred_value)
        } else {
            (&mut self.others, &mut self.other_value)
        };
        *count += 1;
        sum.mantissa += value.mantissa;
        self.referring += i64::from(referrals > 0);
        self.referrals += referrals;
        true
    }

    /// [`ReferralState::try_add`] for a value read by [`crate::numeric_small`]: a non-negative
    /// `magnitude` at display scale `scale`, with no branch on whether the customer came
    /// referred (rows of both in any order would mispredict one). The same conditions: both sums
    /// at `scale` and below 2^125 (never negative, so their bits together tell), the counts and
    /// `referrals` below 2^61; false, changing nothing, otherwise.
    #[inline(always)]
    pub fn try_add_small(
        &mut self,
        referred: bool,
        magnitude: u64,
        scale: u32,
        referrals: i64,
    ) -> bool {
        const SUM: u128 = 1 << 125; // a u64 more: every sum and the total still fit
        const COUNT: u64 = 1 << 61;
        let (a, b) = (self.referred_value, self.other_value);
        if (a.mantissa | b.mantissa) as u128 >= SUM
            || (a.scale ^ scale) | (b.scale ^ scale) != 0
            || (self.referred | self.others | self.referring | self.referrals | referrals) as u64
                >= COUNT
        {
            return false;
        }
        let r = i64::from(referred);
        let mask = -i128::from(referred);
        let value = i128::from(magnitude);
        self.referred += r;
        self.others += 1 - r;
        self.referred_value.mantissa += value & mask;
        self.other_value.mantissa += value & !mask;
        self.referring += i64::from(referrals > 0);
        self.referrals += referrals;
        true
    }

    pub fn customers(&self) -> i64 {
        self.referred + self.others // bounded: check()
    }

    /// All the value, at the larger scale.
    pub fn value(&self) -> Scaled {
        let (a, b) = (self.referred_value, self.other_value);
        a.add(b.mantissa, b.scale).expect("bounded: check()")
    }

    /// The rules every stored summary meets. Inlined into `rollup()`, the messages built out
    /// of line (BENCHMARKS.md, issue 26).
    #[inline(always)]
    pub fn check(&self) -> Result<(), String> {
        let counts = [self.referred, self.others, self.referring, self.referrals];
        if counts.iter().any(|&c| c < 0)
            || self.referred_value.is_negative()
            || self.other_value.is_negative()
        {
            return Err(why("a negative count or value"));
        }
        if (self.referred == 0 && self.referred_value.mantissa != 0)
            || (self.others == 0 && self.other_value.mantissa != 0)
        {
            return Err(why("a value without customers"));
        }
        let Some(customers) = self.referred.checked_add(self.others) else {
            return Err(why("customers out of range"));
        };
        if self.referring > customers {
            return Err(too_many_referring(self.referring, customers));
        }
        if self.referrals < self.referring {
            return Err(too_few_referrals(self.referrals, self.referring));
        }
        let (a, b) = (self.referred_value, self.other_value);
        if a.add(b.mantissa, b.scale).is_none() {
            return Err(why("value out of range"));
        }
        Ok(())
    }

    #[inline(always)]
    fn combined(&self, other: &Self, sign: i64) -> Option<Self> {
        let count = |a: i64, b: i64| a.checked_add(b.checked_mul(sign)?);
        let value =
            |a: Scaled, b: Scaled| a.add(b.mantissa.checked_mul(i128::from(sign))?, b.scale);
        Some(ReferralState {
            referred: count(self.referred, other.referred)?,
            others: count(self.others, other.others)?,
            referred_value: value(self.referred_value, other.referred_value)?,
            other_value: value(self.other_value, other.other_value)?,
            referring: count(self.referring, other.referring)?,
            referrals: count(self.referrals, other.referrals)?,
        })
    }
}

// The messages of ReferralState::check, out of line.
#[cold]
#[inline(never)]
fn why(text: &str) -> String {
    text.into()
}

#[cold]
#[inline(never)]
fn too_many_referring(referring: i64, customers: i64) -> String {
    format!("{referring} referring of {customers} customers")
}

#[cold]
#[inline(never)]
fn too_few_referrals(referrals: i64, referring: i64) -> String {
    format!("{referrals} referrals by {referring} referring customers")
}

#[cold]
#[inline(never)]
fn bad_state(why: &str) -> KpiError {
    KpiError::BadText(format!("invalid referralsummary state: {why}"))
}

/// Version 1 of the text form.
fn parse_v1(text: &str) -> Result<ReferralState, String> {
    #[derive(serde::Deserialize)]
    #[serde(deny_unknown_fields)]
    struct Form {
        #[allow(dead_code)]
        v: Count,
        referred: Count,
        others: Count,
        referred_value: Decimal,
        other_value: Decimal,
        referring: Count,
        referrals: Count,
    }
    let f: Form = crate::text::from_json(text)?;
    let s = ReferralState {
        referred: f.referred.0,
        others: f.others.0,
        referred_value: f.referred_value.0,
        other_value: f.other_value.0,
        referring: f.referring.0,
        referrals: f.referrals.0,
    };
    s.check().map(|()| s)
}

impl AggState for ReferralState {
    #[inline(always)] // into rollup()'s transition, one call a summary fewer
    fn merge(&mut self, other: &Self) -> Result<(), KpiError> {
        let s = self.combined(other, 1).ok_or_else(overflow)?;
        s.check().map_err(|_| overflow())?;
        *self = s;
        Ok(())
    }

    fn to_bytes(&self) -> Vec<u8> {
        let w = self.others.put(self.referred.put(Writer::new(VERSION)));
        let w = self.other_value.put(self.referred_value.put(w));
        self.referrals.put(self.referring.put(w)).into_vec()
    }

    // inlined into rollup(): its Result, returned through memory, stalled store forwarding
    #[inline(always)]
    fn from_bytes(bytes: &[u8]) -> Result<Self, KpiError> {
        let mut r = Reader::new(bytes, "referralsummary", VERSION)?;
        let s = ReferralState {
            referred: i64::get(&mut r)?,
            others: i64::get(&mut r)?,
            referred_value: Scaled::get(&mut r)?,
            other_value: Scaled::get(&mut r)?,
            referring: i64::get(&mut r)?,
            referrals: i64::get(&mut r)?,
        };
        r.end()?;
        s.check().map_err(|why| bad_state(&why))?;
        Ok(s)
    }
}

impl Summary for ReferralState {
    const TYPE: &'static str = "referralsummary";
    const VERSIONS: &'static [u8] = &[1];
    const DECIMALS_HELD: usize = 2; // the two values

    fn to_stored(&self) -> Vec<u8> {
        self.to_bytes()
    }

    #[inline(always)] // into rollup(), as from_bytes
    fn from_stored(bytes: &[u8]) -> Result<Self, KpiError> {
        Self::from_bytes(bytes)
    }

    fn to_text(&self) -> String {
        #[derive(serde::Serialize)]
        struct Form {
            v: u8,
            referred: i64,
            others: i64,
            referred_value: Number,
            other_value: Number,
            referring: i64,
            referrals: i64,
        }
        crate::text::to_json(&Form {
            v: VERSION,
            referred: self.referred,
            others: self.others,
            referred_value: self.referred_value.into(),
            other_value: self.other_value.into(),
            referring: self.referring,
            referrals: self.referrals,
        })
    }

    fn from_text(text: &str) -> Result<Self, KpiError> {
        crate::text::read(text, Self::TYPE, EXPECTED, &[(1, parse_v1)])
    }

    fn scales(&self) -> [u32; summary::DECIMALS] {
        summary::pad_scales([self.referred_value.scale, self.other_value.scale])
    }

    fn unmerge(&mut self, other: &Self) -> Option<()> {
        let s = self.combined(other, -1)?;
        s.check().is_ok().then(|| *self = s)
    }
}

#[cfg(test)]
#[path = "referral_tests.rs"]
mod tests;
