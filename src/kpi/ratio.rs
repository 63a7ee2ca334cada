//! # Percent-of-rows KPIs: `share`, `conversion_rate`, `fcr_rate`
//!
//! - `share(condition boolean) -> numeric`: percent of non-NULL rows where `condition` is true.
//! - `conversion_rate(converted boolean) -> numeric`: percent of non-NULL rows that converted.
//! - `fcr_rate(resolved_on_first_contact boolean) -> numeric`: first-contact resolution, percent of
//!   non-NULL rows that are true.
//! - `fcr_rate(contacts integer) -> numeric`: percent of tickets resolved in exactly one contact;
//!   `contacts < 1` is a 22003 error naming the value.
//! - `share(condition boolean, weight numeric) -> numeric`: the weighted percent,
//!   `100 * sum(weight) FILTER (WHERE condition) / sum(weight)` (e.g. the share of MRR at risk);
//!   exact sums (each weight and sum up to 38 digits); a negative weight is 22003 naming it.
//!   Total weight 0 gives NULL.
//! - The unweighted ones equal `100.0 * count(*) FILTER (WHERE x) / count(x)`. Rows with a NULL
//!   argument are skipped; nothing counted gives NULL. PARALLEL SAFE, with an exact moving
//!   (inverse) form.
//!
//! The state, [`RatioState`] (`hits` out of `total`), and its combine/serialize/deserialize and
//! final functions are shared with the churn and retention aggregates (`ratio_*` in SQL).

use crate::agg::{self, AggState};
use crate::bytes::{Field, Reader, Writer};
use crate::error::KpiError;
use crate::numeric::Scaled;
use crate::numeric_sum::{digits, NumericSum, MAX_VALUES};
use pgrx::pg_sys;

const BYTES_VERSION: u8 = 1;

/// `hits` out of `total`: the numerator and denominator of a percentage.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
#[repr(C)]
pub struct RatioState {
    pub hits: i64,
    pub total: i64,
}

#[cold]
fn overflow(what: &str) -> KpiError {
    KpiError::OutOfRange(format!("{what} count overflows bigint"))
}

impl RatioState {
    /// Count one row, a hit or not.
    #[inline(always)]
    pub fn accum_flag(&mut self, hit: bool) {
        self.total += 1;
        self.hits += i64::from(hit);
    }

    /// Un-count one row (the moving-aggregate inverse).
    #[inline(always)]
    pub fn remove_flag(&mut self, hit: bool) {
        self.total -= 1;
        self.hits -= i64::from(hit);
    }

    /// Add `hits` out of `total` (rows that carry counts); checked.
    #[inline]
    pub fn accum_counts(&mut self, hits: i64, total: i64, what: &str) -> Result<(), KpiError> {
        let h = self.hits.checked_add(hits).ok_or_else(|| overflow(what))?;
        let t = self
            .total
            .checked_add(total)
            .ok_or_else(|| overflow(what))?;
        (self.hits, self.total) = (h, t);
        Ok(())
    }

    /// Remove counts added by [`RatioState::accum_counts`].
    #[inline]
    pub fn remove_counts(&mut self, hits: i64, total: i64) {
        self.hits -= hits;
        self.total -= total;
    }

    /// `Some((hits, total))`, or `None` when the denominator is zero (nothing counted).
    pub fn finish(&self) -> Option<(i64, i64)> {
        (self.total != 0).then_some((self.hits, self.total))
    }

    /// `Some((total - hits, total))`: the complement (retention from churn).
    pub fn finish_complement(&self) -> Option<(i64, i64)> {
        (self.total != 0).then_some((self.total - self.hits, self.total))
    }
}

impl AggState for RatioState {
    fn merge(&mut self, other: &Self) -> Result<(), KpiError> {
        self.accum_counts(other.hits, other.total, "ratio")
    }

    fn to_bytes(&self) -> Vec<u8> {
        Writer::new(BYTES_VERSION)
            .i64(self.hits)
            .i64(self.total)
            .into_vec()
    }

    fn from_bytes(bytes: &[u8]) -> Result<Self, KpiError> {
        let mut r = Reader::new(bytes, "ratio", BYTES_VERSION)?;
        let (hits, total) = (r.count()?, r.count()?);
        if hits > total {
            return Err(r.error(&format!("{hits} hits out of {total}")));
        }
        r.end()?;
        Ok(RatioState { hits, total })
    }
}

/// The error for `fcr_rate(contacts)` below 1.
#[cold]
pub fn contacts_out_of_range(contacts: i32) -> KpiError {
    KpiError::OutOfRange(format!(
        "fcr_rate contacts must be at least 1, got {contacts}"
    ))
}

/// Is a ticket with `contacts` contacts a first-contact resolution?
#[inline(always)]
pub fn first_contact(contacts: i32) -> Result<bool, KpiError> {
    if contacts < 1 {
        return Err(contacts_out_of_range(contacts));
    }
    Ok(contacts == 1)
}

/// Weighted share: the weight of the rows where the condition holds, out of all the weight,
/// summed exactly per digit position ([`NumericSum`]); `n` counts the rows, bounding the sums.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct WeightedState {
    pub hits: NumericSum,
    pub total: NumericSum,
    pub n: i64,
}

/// Why a row's weight was refused; the glue names the value in the message.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BadWeight {
    Negative,
    /// `NaN`, infinite, or past 38 digits.
    NotExact,
    /// More rows than a sum can hold ([`MAX_VALUES`]).
    TooMany,
}

#[cold]
fn weight_overflow() -> KpiError {
    KpiError::OutOfRange("share weight sum is out of range".into())
}

impl WeightedState {
    /// Count (or with `inverse`, un-count) one row whose weight is the `numeric` with data bytes
    /// `weight`.
    #[inline(always)]
    pub fn step(&mut self, hit: bool, weight: &[u8], inverse: bool) -> Result<(), BadWeight> {
        if self.n >= MAX_VALUES {
            return Err(BadWeight::TooMany);
        }
        if self.total.add_short(weight, inverse) {
            if hit {
                self.hits.add_short(weight, inverse);
            }
        } else {
            let d = digits(weight).map_err(|_| BadWeight::NotExact)?;
            if d.negative {
                return Err(BadWeight::Negative);
            }
            self.total.add(&d, inverse);
            if hit {
                self.hits.add(&d, inverse);
            }
        }
        self.n += if inverse { -1 } else { 1 };
        Ok(())
    }

    /// The exact `(hits, total)` weights; a sum past 38 digits is 22003.
    pub fn sums(&self) -> Result<(Scaled, Scaled), KpiError> {
        let hits = self.hits.to_scaled().ok_or_else(weight_overflow)?;
        let total = self.total.to_scaled().ok_or_else(weight_overflow)?;
        Ok((hits, total))
    }

    /// `Some((hits, total))`, or `None` when the total weight is 0.
    pub fn finish(&self) -> Result<Option<(Scaled, Scaled)>, KpiError> {
        let (hits, total) = self.sums()?;
        Ok((total.mantissa != 0).then_some((hits, total)))
    }
}

impl AggState for WeightedState {
    fn merge(&mut self, other: &Self) -> Result<(), KpiError> {
        let mut out = *self;
        out.hits
            .merge(&other.hits, false)
            .ok_or_else(weight_overflow)?;
        out.total
            .merge(&other.total, false)
            .ok_or_else(weight_overflow)?;
        out.n = self.n.checked_add(other.n).ok_or_else(weight_overflow)?;
        *self = out;
        Ok(())
    }

    fn to_bytes(&self) -> Vec<u8> {
        let w = self.hits.put(Writer::new(BYTES_VERSION));
        self.total.put(w).i64(self.n).into_vec()
    }

    fn from_bytes(bytes: &[u8]) -> Result<Self, KpiError> {
        let mut r = Reader::new(bytes, "weighted share", BYTES_VERSION)?;
        let (hits, total) = (NumericSum::get(&mut r)?, NumericSum::get(&mut r)?);
        let n = r.count()?;
        let s = WeightedState { hits, total, n };
        let possible = s
            .sums()
            .is_ok_and(|(h, t)| !h.is_negative() && h.cmp_value(t) != std::cmp::Ordering::Greater);
        if !possible {
            return Err(r.error("impossible weights"));
        }
        r.end()?;
        Ok(s)
    }
}

// ---------------------------------------------------------------------------------------------
// SQL glue

/// `100 * hits / total` as numeric, or NULL.
pub(crate) unsafe fn percent(part: Option<(i64, i64)>) -> Option<pg_sys::Datum> {
    part.map(|(hits, total)| unsafe { agg::numeric_percent(hits, total) })
}

#[inline(always)]
unsafe fn flag(fcinfo: pg_sys::FunctionCallInfo, inverse: bool) -> pg_sys::Datum {
    unsafe {
        let arg = agg::args_not_null::<1>(fcinfo);
        agg::transition::<RatioState>(
            fcinfo,
            #[inline(always)]
            |s| {
                if let Some([d]) = arg {
                    if inverse {
                        s.remove_flag(d.value() != 0)
                    } else {
                        s.accum_flag(d.value() != 0)
                    }
                }
                Ok(())
            },
        )
    }
}

#[inline(always)]
unsafe fn contacts(fcinfo: pg_sys::FunctionCallInfo, inverse: bool) -> pg_sys::Datum {
    unsafe {
        let arg = agg::args_not_null::<1>(fcinfo);
        agg::transition::<RatioState>(
            fcinfo,
            #[inline(always)]
            |s| {
                if let Some([d]) = arg {
                    let hit = first_contact(d.value() as i32)?;
                    if inverse {
                        s.remove_flag(hit)
                    } else {
                        s.accum_flag(hit)
                    }
                }
                Ok(())
            },
        )
    }
}

#[inline(always)]
unsafe fn weighted(fcinfo: pg_sys::FunctionCallInfo, inverse: bool) -> pg_sys::Datum {
    unsafe {
        let state = agg::state_or_new::<WeightedState>(fcinfo);
        if let Some([c, w]) = agg::args_not_null::<2>(fcinfo) {
            if let Err(bad) = (*state).step(c.value() != 0, agg::varlena_bytes(w), inverse) {
                bad_weight(bad, w);
            }
        }
        agg::return_state(state)
    }
}

#[cold]
#[inline(never)]
unsafe fn bad_weight(bad: BadWeight, weight: pg_sys::Datum) -> ! {
    let shown = unsafe { agg::numeric_text(weight) };
    crate::error::raise(match bad {
        BadWeight::Negative => {
            KpiError::OutOfRange(format!("share weight must not be negative, got {shown}"))
        }
        BadWeight::NotExact => KpiError::OutOfRange(format!(
            "share weight must be a finite number of at most 38 digits, got {shown}"
        )),
        BadWeight::TooMany => weight_overflow(),
    })
}

crate::pg_v1_fn!(fn share_weighted_accum, pg_finfo_share_weighted_accum, |f| unsafe { weighted(f, false) });
crate::pg_v1_fn!(fn share_weighted_inv, pg_finfo_share_weighted_inv, |f| unsafe { weighted(f, true) });
crate::pg_v1_fn!(fn share_weighted_combine, pg_finfo_share_weighted_combine, |f| unsafe { agg::combine::<WeightedState>(f) });
crate::pg_v1_fn!(fn share_weighted_serialize, pg_finfo_share_weighted_serialize, |f| unsafe { agg::serialize::<WeightedState>(f) });
crate::pg_v1_fn!(fn share_weighted_deserialize, pg_finfo_share_weighted_deserialize, |f| unsafe { agg::deserialize::<WeightedState>(f) });
crate::pg_v1_fn!(fn share_weighted_final, pg_finfo_share_weighted_final, |f| unsafe {
    agg::finish::<WeightedState>(f, |s| {
        s.finish().unwrap_or_else(|e| crate::error::raise(e)).map(|(hits, total)| {
            let num = agg::numeric_mul(agg::numeric_from_scaled(hits), pg_sys::int64_to_numeric(100));
            pg_sys::Datum::from(agg::numeric_div(num, agg::numeric_from_scaled(total)))
        })
    })
});
crate::pg_v1_fn!(fn share_accum, pg_finfo_share_accum, |fcinfo| unsafe { flag(fcinfo, false) });
crate::pg_v1_fn!(fn share_inv, pg_finfo_share_inv, |fcinfo| unsafe { flag(fcinfo, true) });
crate::pg_v1_fn!(fn fcr_contacts_accum, pg_finfo_fcr_contacts_accum, |fcinfo| unsafe { contacts(fcinfo, false) });
crate::pg_v1_fn!(fn fcr_contacts_inv, pg_finfo_fcr_contacts_inv, |fcinfo| unsafe { contacts(fcinfo, true) });
crate::pg_v1_fn!(fn ratio_combine, pg_finfo_ratio_combine, |fcinfo| unsafe { agg::combine::<RatioState>(fcinfo) });
crate::pg_v1_fn!(fn ratio_serialize, pg_finfo_ratio_serialize, |fcinfo| unsafe { agg::serialize::<RatioState>(fcinfo) });
crate::pg_v1_fn!(fn ratio_deserialize, pg_finfo_ratio_deserialize, |fcinfo| unsafe { agg::deserialize::<RatioState>(fcinfo) });
crate::pg_v1_fn!(fn ratio_final, pg_finfo_ratio_final, |fcinfo| unsafe {
    agg::finish::<RatioState>(fcinfo, |s| percent(s.finish()))
});
crate::pg_v1_fn!(fn ratio_complement_final, pg_finfo_ratio_complement_final, |fcinfo| unsafe {
    agg::finish::<RatioState>(fcinfo, |s| percent(s.finish_complement()))
});

pgrx::extension_sql_file!("ratio.sql", name = "ratio");

#[cfg(test)]
mod unit_tests {
    use super::*;

    #[test]
    fn flags_and_counts() {
        let mut s = RatioState::default();
        assert_eq!(s.finish(), None);
        [true, false, true, true]
            .into_iter()
            .for_each(|h| s.accum_flag(h));
        assert_eq!(s.finish(), Some((3, 4)));
        assert_eq!(s.finish_complement(), Some((1, 4)));
        s.remove_flag(true);
        assert_eq!(s.finish(), Some((2, 3)));
        s.accum_counts(5, 10, "x").unwrap();
        assert_eq!(s, RatioState { hits: 7, total: 13 });
        s.remove_counts(5, 10);
        assert_eq!(s, RatioState { hits: 2, total: 3 });
        assert_eq!(
            s.accum_counts(0, i64::MAX, "churn").unwrap_err().message(),
            "churn count overflows bigint"
        );
        assert_eq!(
            s,
            RatioState { hits: 2, total: 3 },
            "an overflow leaves the state as it was"
        );
    }

    #[test]
    fn contacts_bounds() {
        assert_eq!(first_contact(1), Ok(true));
        assert_eq!(first_contact(2), Ok(false));
        assert_eq!(first_contact(i32::MAX), Ok(false));
        for bad in [0, -1, i32::MIN] {
            let e = first_contact(bad).unwrap_err();
            assert_eq!(
                (e.sqlstate(), e.message()),
                (
                    "22003",
                    format!("fcr_rate contacts must be at least 1, got {bad}").as_str()
                )
            );
        }
    }

    #[test]
    fn weighted_share() {
        use crate::numeric::tests::whole::encode;
        let w = |m: u128, scale: u16| encode(false, m, scale);
        let x = |mantissa, scale| Scaled { mantissa, scale };
        let mut s = WeightedState::default();
        assert_eq!(s.finish().unwrap(), None);
        s.step(true, &w(4990, 2), false).unwrap();
        s.step(false, &w(150, 0), false).unwrap();
        s.step(true, &w(0, 0), false).unwrap();
        assert_eq!(s.finish().unwrap(), Some((x(4990, 2), x(19990, 2))));
        assert_eq!(
            s.step(true, &encode(true, 1, 0), false),
            Err(BadWeight::Negative)
        );
        let nan = 0xC000u16.to_ne_bytes();
        assert_eq!(s.step(true, &nan, false), Err(BadWeight::NotExact));
        s.step(true, &w(4990, 2), true).unwrap();
        assert_eq!(s.finish().unwrap(), Some((x(0, 2), x(15000, 2))));
        let mut zero = WeightedState::default();
        zero.step(true, &w(0, 3), false).unwrap();
        assert_eq!(zero.finish().unwrap(), None, "all weight zero: no share");
        assert_eq!(WeightedState::from_bytes(&s.to_bytes()).unwrap(), s);
        let mut bad = WeightedState::default();
        bad.step(true, &w(10, 0), false).unwrap();
        bad.step(false, &w(1, 0), true).unwrap();
        assert_eq!(
            WeightedState::from_bytes(&bad.to_bytes())
                .unwrap_err()
                .sqlstate(),
            "22P02",
            "hits above total"
        );
        let mut m = s;
        m.merge(&s).unwrap();
        assert_eq!(m.sums().unwrap().1, x(30000, 2));
        assert_eq!(m.n, 4);
        // 32 digits at scale 4, summed exactly
        let mut wide = WeightedState::default();
        let big = 12_345_678_901_234_567_890_123_456_789_012u128;
        wide.step(true, &w(big, 4), false).unwrap();
        wide.step(false, &w(big, 4), false).unwrap();
        assert_eq!(
            wide.finish().unwrap(),
            Some((x(big as i128, 4), x(2 * big as i128, 4)))
        );
    }

    #[test]
    fn merge_and_bytes() {
        let mut a = RatioState { hits: 1, total: 2 };
        a.merge(&RatioState { hits: 3, total: 5 }).unwrap();
        assert_eq!(a, RatioState { hits: 4, total: 7 });
        assert_eq!(RatioState::from_bytes(&a.to_bytes()).unwrap(), a);
        assert_eq!(
            RatioState::from_bytes(&RatioState::default().to_bytes()).unwrap(),
            RatioState::default()
        );
        let bad = RatioState { hits: 3, total: 2 }.to_bytes();
        assert_eq!(
            RatioState::from_bytes(&bad).unwrap_err().sqlstate(),
            "22P02"
        );
        assert!(RatioState::from_bytes(&a.to_bytes()[..9]).is_err());
        let mut big = RatioState {
            hits: 0,
            total: i64::MAX,
        };
        assert!(big.merge(&RatioState { hits: 0, total: 1 }).is_err());
    }
}

#[cfg(any(test, feature = "pg_test"))]
#[pgrx::pg_schema]
mod tests {
    use crate::testing::{assert_errors, text};
    use pgrx::prelude::*;

    #[pg_test]
    fn ratio_values_nulls_and_empty() {
        let q = "SELECT concat_ws(' ', share(x > 2), conversion_rate(x > 2), fcr_rate(x = 1), fcr_rate(x))
                 FROM (VALUES (1), (2), (3), (4), (NULL)) v(x)";
        assert_eq!(
            text(q).as_deref(),
            Some("50.0000000000000000 50.0000000000000000 25.0000000000000000 25.0000000000000000")
        );
        assert_eq!(
            text("SELECT share(x)::text FROM (VALUES (NULL::boolean)) v(x)"),
            None
        );
        assert_eq!(
            text("SELECT share(true, w)::text FROM (VALUES (0::numeric)) v(w)"),
            None
        );
        assert_eq!(text("SELECT round(share(h < 40, w), 2)::text FROM (VALUES (30, 100.50), (50, 200)) v(h, w)").as_deref(), Some("33.44"));
    }

    #[pg_test]
    fn ratio_errors() {
        use PgSqlErrorCode::*;
        assert_errors(&[
            (
                "SELECT fcr_rate(c) FROM (VALUES (1), (0)) v(c)",
                ERRCODE_NUMERIC_VALUE_OUT_OF_RANGE,
                "fcr_rate contacts must be at least 1, got 0",
            ),
            (
                "SELECT fcr_rate(-3)",
                ERRCODE_NUMERIC_VALUE_OUT_OF_RANGE,
                "fcr_rate contacts must be at least 1, got -3",
            ),
            (
                "SELECT share(true, -2.5)",
                ERRCODE_NUMERIC_VALUE_OUT_OF_RANGE,
                "share weight must not be negative, got -2.5",
            ),
            (
                "SELECT share(true, 'NaN')",
                ERRCODE_NUMERIC_VALUE_OUT_OF_RANGE,
                "share weight must be a finite number of at most 38 digits, got NaN",
            ),
        ]);
    }
}
