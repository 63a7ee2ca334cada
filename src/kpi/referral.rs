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

    /// The rules every stored summary meets.
    pub fn check(&self) -> Result<(), String> {
        let counts = [self.referred, self.others, self.referring, self.referrals];
        if counts.iter().any(|&c| c < 0)
            || self.referred_value.is_negative()
            || self.other_value.is_negative()
        {
            return Err("a negative count or value".into());
        }
        if (self.referred == 0 && self.referred_value.mantissa != 0)
            || (self.others == 0 && self.other_value.mantissa != 0)
        {
            return Err("a value without customers".into());
        }
        let customers = self
            .referred
            .checked_add(self.others)
            .ok_or("customers out of range")?;
        if self.referring > customers {
            return Err(format!(
                "{} referring of {customers} customers",
                self.referring
            ));
        }
        if self.referrals < self.referring {
            return Err(format!(
                "{} referrals by {} referring customers",
                self.referrals, self.referring
            ));
        }
        let (a, b) = (self.referred_value, self.other_value);
        a.add(b.mantissa, b.scale).ok_or("value out of range")?;
        Ok(())
    }

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
        s.check()
            .map_err(|why| KpiError::BadText(format!("invalid referralsummary state: {why}")))?;
        Ok(s)
    }
}

impl Summary for ReferralState {
    const TYPE: &'static str = "referralsummary";
    const VERSIONS: &'static [u8] = &[1];

    fn to_stored(&self) -> Vec<u8> {
        self.to_bytes()
    }

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
mod tests {
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
}
