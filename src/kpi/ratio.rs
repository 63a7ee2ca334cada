//! # Percent-of-rows KPIs: `share`, `conversion_rate`, `fcr_rate`
//!
//! - `share(condition boolean) -> numeric`: percent of non-NULL rows where `condition` is true.
//! - `conversion_rate(converted boolean) -> numeric`: percent of non-NULL rows that converted.
//! - `fcr_rate(resolved_on_first_contact boolean) -> numeric`: first-contact resolution, percent of
//!   non-NULL rows that are true.
//! - `fcr_rate(contacts integer) -> numeric`: percent of tickets resolved in exactly one contact;
//!   `contacts < 1` is a 22003 error naming the value.
//! - The weighted `share(condition, weight)` is in `share_weighted`.
//! - The unweighted ones equal `100.0 * count(*) FILTER (WHERE x) / count(x)`. Rows with a NULL
//!   argument are skipped; nothing counted gives NULL. PARALLEL SAFE, with an exact moving
//!   (inverse) form.
//!
//! The state, [`RatioState`] (`hits` out of `total`), and its combine/serialize/deserialize and
//! final functions are shared with the churn and retention aggregates (`ratio_*` in SQL).

use crate::agg::{self, AggState};
use crate::bytes::{Reader, Writer};
use crate::error::KpiError;
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
    #[inline(always)]
    pub fn accum_counts(&mut self, hits: i64, total: i64, what: &str) -> Result<(), KpiError> {
        if self.try_add_counts(hits, total) {
            Ok(())
        } else {
            Err(overflow(what))
        }
    }

    /// [`RatioState::accum_counts`] without the error: false, changing nothing, on overflow.
    #[inline(always)]
    pub fn try_add_counts(&mut self, hits: i64, total: i64) -> bool {
        match (self.hits.checked_add(hits), self.total.checked_add(total)) {
            (Some(h), Some(t)) => {
                (self.hits, self.total) = (h, t);
                true
            }
            _ => false,
        }
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
pub fn contacts_out_of_range(contacts: i64) -> KpiError {
    KpiError::OutOfRange(format!(
        "fcr_rate contacts must be at least 1, got {contacts}"
    ))
}

/// Is a ticket with `contacts` contacts a first-contact resolution?
#[inline(always)]
pub fn first_contact(contacts: i64) -> Result<bool, KpiError> {
    first_contact_flag(contacts).ok_or_else(|| contacts_out_of_range(contacts))
}

/// [`first_contact`] without the error: `None` when `contacts < 1`.
#[inline(always)]
pub fn first_contact_flag(contacts: i64) -> Option<bool> {
    (contacts >= 1).then_some(contacts == 1)
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
unsafe fn contacts(fcinfo: pg_sys::FunctionCallInfo, wide: bool, inverse: bool) -> pg_sys::Datum {
    unsafe {
        let arg = agg::args_not_null::<1>(fcinfo);
        agg::transition::<RatioState>(
            fcinfo,
            #[inline(always)]
            |s| {
                if let Some([d]) = arg {
                    let hit = first_contact(contacts_of(d, wide))?;
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

crate::pg_v1_fn!(fn share_accum, pg_finfo_share_accum,
    fast |f| unsafe { agg::fast_step::<RatioState, 1>(f, |s, [d]| { s.accum_flag(d.value() != 0); true }) },
    |fcinfo| unsafe { flag(fcinfo, false) });
crate::pg_v1_fn!(fn share_inv, pg_finfo_share_inv, |fcinfo| unsafe { flag(fcinfo, true) });
/// The contacts of an `integer` (or with `wide`, a `bigint`) datum.
#[inline(always)]
fn contacts_of(d: pg_sys::Datum, wide: bool) -> i64 {
    if wide {
        d.value() as i64
    } else {
        i64::from(d.value() as i32)
    }
}

crate::pg_v1_fn!(fn fcr_contacts_accum, pg_finfo_fcr_contacts_accum,
    fast |f| unsafe {
        agg::fast_step::<RatioState, 1>(f, |s, [d]| first_contact_flag(contacts_of(d, false)).map(|hit| s.accum_flag(hit)).is_some())
    },
    |fcinfo| unsafe { contacts(fcinfo, false, false) });
crate::pg_v1_fn!(fn fcr_contacts_inv, pg_finfo_fcr_contacts_inv, |fcinfo| unsafe { contacts(fcinfo, false, true) });
crate::pg_v1_fn!(fn fcr_contacts_accum_int8, pg_finfo_fcr_contacts_accum_int8,
    fast |f| unsafe {
        agg::fast_step::<RatioState, 1>(f, |s, [d]| first_contact_flag(contacts_of(d, true)).map(|hit| s.accum_flag(hit)).is_some())
    },
    |fcinfo| unsafe { contacts(fcinfo, true, false) });
crate::pg_v1_fn!(fn fcr_contacts_inv_int8, pg_finfo_fcr_contacts_inv_int8, |fcinfo| unsafe { contacts(fcinfo, true, true) });
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
        assert_eq!(first_contact(i64::MAX), Ok(false));
        for bad in [0, -1, i64::from(i32::MIN), i64::MIN] {
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
                "SELECT fcr_rate(c) FROM (VALUES (1::bigint), (-9223372036854775808)) v(c)",
                ERRCODE_NUMERIC_VALUE_OUT_OF_RANGE,
                "fcr_rate contacts must be at least 1, got -9223372036854775808",
            ),
        ]);
    }
}
