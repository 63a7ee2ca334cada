//! # `sharesummary`: a stored percent-of-rows partial state that rolls up exactly
//!
//! - `share_agg(condition boolean) -> sharesummary` and `share_agg(condition boolean, weight
//!   numeric) -> sharesummary`: the (weighted) count of rows where the condition holds and of all
//!   rows, with the NULL rules and errors of `share()`. It serves every percent-of-rows KPI:
//!   `share(share_agg(converted))` is the conversion rate, `share(share_agg(contacts = 1))` the
//!   first-contact resolution rate, `share(share_agg(health < 40, mrr))` the revenue at risk.
//! - `rollup(sharesummary) -> sharesummary`: adds summaries exactly; PARALLEL SAFE, moving form.
//! - Accessors: `share(sharesummary) -> numeric` (NULL when the total is 0), `matching(...)` and
//!   `total(...) -> numeric` (the weights, or the row counts).
//! - Text form `{"v":1,"hits":3,"total":4}`; stored form: a version byte and two scaled 128-bit
//!   sums with their scales. Malformed text or impossible bytes (negative, hits > total) are 22P02.

use super::ratio::RatioState;
use super::share_weighted::WeightedState;
use crate::agg::{self, AggState};
use crate::bytes::{Field, Reader, Writer};
use crate::error::KpiError;
use crate::numeric::Scaled;
use crate::summary::{self, Summary};
use crate::text::{Count, Decimal, Number};
use pgrx::pg_sys;

const VERSION: u8 = 1;
const EXPECTED: &str = r#"{"v":1,"hits":<weight where true>,"total":<all weight>}"#;

/// The weight (or count) of the rows where the condition holds, out of all rows.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct ShareState {
    pub hits: Scaled,
    pub total: Scaled,
}

#[cold]
fn overflow() -> KpiError {
    KpiError::OutOfRange("share sum is out of range".into())
}

#[cold]
#[inline(never)]
fn bad_state(why: &str) -> KpiError {
    KpiError::BadText(format!("invalid sharesummary state: {why}"))
}

#[cold]
#[inline(never)]
fn negative_hits(hits: Scaled) -> String {
    format!("negative matching sum {hits}")
}

#[cold]
#[inline(never)]
fn hits_above_total(hits: Scaled, total: Scaled) -> String {
    format!("matching sum {hits} above the total {total}")
}

impl ShareState {
    /// The rules every stored share summary meets, whichever way it came in. Inlined into
    /// `rollup()`, the messages built out of line (BENCHMARKS.md, issue 26).
    #[inline(always)]
    pub fn check(&self) -> Result<(), String> {
        if self.hits.is_negative() {
            return Err(negative_hits(self.hits));
        }
        if self.hits.cmp_value(self.total) == std::cmp::Ordering::Greater {
            return Err(hits_above_total(self.hits, self.total));
        }
        Ok(())
    }

    fn possible(&self) -> bool {
        self.check().is_ok()
    }
}

/// Version 1 of the text form.
fn parse_v1(text: &str) -> Result<ShareState, String> {
    #[derive(serde::Deserialize)]
    #[serde(deny_unknown_fields)]
    struct Form {
        #[allow(dead_code)]
        v: Count,
        hits: Decimal,
        total: Decimal,
    }
    let f: Form = crate::text::from_json(text)?;
    let s = ShareState {
        hits: f.hits.0,
        total: f.total.0,
    };
    s.check().map(|()| s)
}

impl AggState for ShareState {
    #[inline(always)] // into rollup()'s transition, one call a summary fewer
    fn merge(&mut self, other: &Self) -> Result<(), KpiError> {
        let hits = self
            .hits
            .add(other.hits.mantissa, other.hits.scale)
            .ok_or_else(overflow)?;
        let total = self
            .total
            .add(other.total.mantissa, other.total.scale)
            .ok_or_else(overflow)?;
        (self.hits, self.total) = (hits, total);
        Ok(())
    }

    fn to_bytes(&self) -> Vec<u8> {
        self.total
            .put(self.hits.put(Writer::new(VERSION)))
            .into_vec()
    }

    // inlined into rollup(): its Result, returned through memory, stalled store forwarding
    #[inline(always)]
    fn from_bytes(bytes: &[u8]) -> Result<Self, KpiError> {
        let mut r = Reader::new(bytes, "sharesummary", VERSION)?;
        let s = ShareState {
            hits: Scaled::get(&mut r)?,
            total: Scaled::get(&mut r)?,
        };
        r.end()?;
        s.check().map_err(|why| bad_state(&why))?;
        Ok(s)
    }
}

impl Summary for ShareState {
    const TYPE: &'static str = "sharesummary";
    const VERSIONS: &'static [u8] = &[1];
    const DECIMALS_HELD: usize = 2; // hits, total

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
            hits: Number,
            total: Number,
        }
        crate::text::to_json(&Form {
            v: VERSION,
            hits: self.hits.into(),
            total: self.total.into(),
        })
    }

    fn from_text(text: &str) -> Result<Self, KpiError> {
        crate::text::read(text, Self::TYPE, EXPECTED, &[(1, parse_v1)])
    }

    fn scales(&self) -> [u32; summary::DECIMALS] {
        summary::pad_scales([self.hits.scale, self.total.scale])
    }

    fn unmerge(&mut self, other: &Self) -> Option<()> {
        let hits = self
            .hits
            .add(other.hits.mantissa.checked_neg()?, other.hits.scale)?;
        let total = self
            .total
            .add(other.total.mantissa.checked_neg()?, other.total.scale)?;
        let s = ShareState { hits, total };
        s.possible().then(|| *self = s)
    }
}

// ---------------------------------------------------------------------------------------------
// SQL glue. share_agg reuses share()'s transition functions and states; its finals convert the
// counts or per-digit weight sums to the summary's scaled sums.

crate::pg_v1_fn!(fn sharesummary_in, pg_finfo_sharesummary_in, |f| unsafe { summary::input::<ShareState>(f) });
crate::pg_v1_fn!(fn sharesummary_out, pg_finfo_sharesummary_out, |f| unsafe { summary::output::<ShareState>(f) });
crate::pg_v1_fn!(fn sharesummary_recv, pg_finfo_sharesummary_recv, |f| unsafe { summary::recv::<ShareState>(f) });
crate::pg_v1_fn!(fn sharesummary_send, pg_finfo_sharesummary_send, |f| unsafe { summary::send::<ShareState>(f) });
crate::pg_v1_fn!(fn share_summary_final_count, pg_finfo_share_summary_final_count, |f| unsafe {
    agg::finish::<RatioState>(f, |s| {
        Some(summary::datum(&ShareState { hits: Scaled::from(s.hits), total: Scaled::from(s.total) }))
    })
});
crate::pg_v1_fn!(fn share_summary_final_weighted, pg_finfo_share_summary_final_weighted, |f| unsafe {
    agg::finish::<WeightedState>(f, |s| {
        let (hits, total) = s.sums().unwrap_or_else(|e| crate::error::raise(e));
        Some(summary::datum(&ShareState { hits, total }))
    })
});
crate::pg_v1_fn!(fn share_summary_final, pg_finfo_share_summary_final, |f| unsafe { summary::finish::<ShareState>(f) });
crate::pg_v1_fn!(fn share_rollup_accum, pg_finfo_share_rollup_accum, |f| unsafe { summary::rollup::<ShareState>(f, false) });
crate::pg_v1_fn!(fn share_rollup_inv, pg_finfo_share_rollup_inv, |f| unsafe { summary::rollup::<ShareState>(f, true) });
crate::pg_v1_fn!(fn share_rollup_combine, pg_finfo_share_rollup_combine, |f| unsafe { agg::combine::<ShareState>(f) });
crate::pg_v1_fn!(fn share_rollup_serialize, pg_finfo_share_rollup_serialize, |f| unsafe { agg::serialize::<ShareState>(f) });
crate::pg_v1_fn!(fn share_rollup_deserialize, pg_finfo_share_rollup_deserialize, |f| unsafe { agg::deserialize::<ShareState>(f) });
crate::pg_v1_fn!(fn sharesummary_share, pg_finfo_sharesummary_share, |f| unsafe {
    summary::accessor::<ShareState>(f, |s| agg::numeric_percent_scaled(s.hits, s.total).map(pg_sys::Datum::from))
});
crate::pg_v1_fn!(fn sharesummary_matching, pg_finfo_sharesummary_matching, |f| unsafe {
    summary::accessor::<ShareState>(f, |s| Some(pg_sys::Datum::from(agg::numeric_from_scaled(s.hits))))
});
crate::pg_v1_fn!(fn sharesummary_total, pg_finfo_sharesummary_total, |f| unsafe {
    summary::accessor::<ShareState>(f, |s| Some(pg_sys::Datum::from(agg::numeric_from_scaled(s.total))))
});

// Equality, the btree order and hashing of the stored form (summary::compare).
crate::pg_v1_fn!(fn sharesummary_eq, pg_finfo_sharesummary_eq, |f| unsafe { summary::compare::<ShareState>(f, |o| o.is_eq()) });
crate::pg_v1_fn!(fn sharesummary_ne, pg_finfo_sharesummary_ne, |f| unsafe { summary::compare::<ShareState>(f, |o| o.is_ne()) });
crate::pg_v1_fn!(fn sharesummary_lt, pg_finfo_sharesummary_lt, |f| unsafe { summary::compare::<ShareState>(f, |o| o.is_lt()) });
crate::pg_v1_fn!(fn sharesummary_le, pg_finfo_sharesummary_le, |f| unsafe { summary::compare::<ShareState>(f, |o| o.is_le()) });
crate::pg_v1_fn!(fn sharesummary_gt, pg_finfo_sharesummary_gt, |f| unsafe { summary::compare::<ShareState>(f, |o| o.is_gt()) });
crate::pg_v1_fn!(fn sharesummary_ge, pg_finfo_sharesummary_ge, |f| unsafe { summary::compare::<ShareState>(f, |o| o.is_ge()) });
crate::pg_v1_fn!(fn sharesummary_cmp, pg_finfo_sharesummary_cmp, |f| unsafe { summary::cmp::<ShareState>(f) });
crate::pg_v1_fn!(fn sharesummary_hash, pg_finfo_sharesummary_hash, |f| unsafe { summary::hash::<ShareState>(f, false) });
crate::pg_v1_fn!(fn sharesummary_hash_extended, pg_finfo_sharesummary_hash_extended, |f| unsafe { summary::hash::<ShareState>(f, true) });

pgrx::extension_sql_file!(
    "share_summary.sql",
    name = "share_summary",
    requires = ["ratio", "share_weighted", "nps_summary"]
);

#[cfg(test)]
mod unit_tests {
    use super::*;

    fn st(h: (i128, u32), t: (i128, u32)) -> ShareState {
        ShareState {
            hits: Scaled {
                mantissa: h.0,
                scale: h.1,
            },
            total: Scaled {
                mantissa: t.0,
                scale: t.1,
            },
        }
    }

    #[test]
    fn text_and_bytes_round_trip() {
        for s in [
            st((0, 0), (0, 0)),
            st((3, 0), (4, 0)),
            st((15050, 2), (36000, 2)),
        ] {
            assert_eq!(
                ShareState::from_text(&s.to_text()).unwrap(),
                s,
                "{}",
                s.to_text()
            );
            assert_eq!(ShareState::from_stored(&s.to_stored()).unwrap(), s);
        }
        assert_eq!(
            st((15050, 2), (36000, 2)).to_text(),
            r#"{"v":1,"hits":150.50,"total":360.00}"#
        );
    }

    #[test]
    fn impossible_states_are_22p02() {
        for (bad, why) in [
            ("", "EOF while parsing"),
            (
                r#"{"v":1,"hits":5,"total":4}"#,
                "matching sum 5 above the total 4",
            ),
            (r#"{"v":1,"hits":-1,"total":4}"#, "negative matching sum -1"),
            (
                r#"{"v":1,"hits":-0,"total":4}"#,
                "-0 is not an exact decimal",
            ),
        ] {
            let e = ShareState::from_text(bad).unwrap_err();
            crate::text::assert_malformed(&e, "sharesummary", bad, EXPECTED, why);
        }
        assert_eq!(
            ShareState::from_text(r#"{"v":1,"total":4,"hits":1}"#).unwrap(),
            st((1, 0), (4, 0))
        );
        assert_eq!(
            ShareState::from_stored(&st((5, 0), (4, 0)).to_bytes())
                .unwrap_err()
                .sqlstate(),
            "22P02"
        );
    }

    #[test]
    fn merge_and_unmerge() {
        let (a, b) = (st((1, 0), (2, 0)), st((5, 1), (25, 1)));
        let mut s = a;
        s.merge(&b).unwrap();
        assert_eq!(s.to_text(), r#"{"v":1,"hits":1.5,"total":4.5}"#);
        s.unmerge(&b).unwrap();
        assert_eq!(s.to_text(), r#"{"v":1,"hits":1.0,"total":2.0}"#);
        assert_eq!(s.unmerge(&st((0, 0), (3, 0))), None);
    }
}

#[cfg(any(test, feature = "pg_test"))]
#[pgrx::pg_schema]
mod tests {
    use crate::testing::{assert_errors, text};
    use pgrx::prelude::*;

    #[pg_test]
    fn sharesummary_accessors() {
        let q = "SELECT concat_ws(' ', share(share_agg(h < 40, w)) = share(h < 40, w), share(share_agg(h < 40)) = share(h < 40),
                                      share_agg(h < 40, w)::text)
                 FROM (VALUES (30, 100.50), (50, 200), (NULL, 5)) v(h, w)";
        assert_eq!(
            text(q).as_deref(),
            Some(r#"t t {"v":1,"hits":100.50,"total":300.50}"#)
        );
    }

    #[pg_test]
    fn sharesummary_errors() {
        use PgSqlErrorCode::*;
        assert_errors(&[
            (
                r#"SELECT '{"v":1,"hits":5,"total":4}'::sharesummary"#,
                ERRCODE_INVALID_TEXT_REPRESENTATION,
                r#"malformed sharesummary "{"v":1,"hits":5,"total":4}": matching sum 5 above the total 4 (text form: {"v":1,"hits":<weight where true>,"total":<all weight>})"#,
            ),
            (
                "SELECT share_agg(true, -1)",
                ERRCODE_NUMERIC_VALUE_OUT_OF_RANGE,
                "share weight must not be negative, got -1",
            ),
        ]);
    }
}
