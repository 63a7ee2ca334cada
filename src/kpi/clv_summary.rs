//! # `clvsummary`: a stored CLV partial state (three exact sums and a count) that rolls up exactly
//!
//! - `clv_agg(value, freq, lifespan) -> clvsummary` (`integer`, `bigint`, `numeric` triples): the
//!   exact sums of the three inputs over the complete rows and their count. Same NULL rules and
//!   errors as `clv()`. There is no `double precision` overload: a summary is exact.
//! - `rollup(clvsummary) -> clvsummary`: adds summaries exactly; PARALLEL SAFE, moving form.
//! - Accessors: `clv(clvsummary) -> numeric` (equal to `clv()` over the same rows; NULL for a
//!   summary of nothing), `customers(clvsummary) -> bigint` (the complete rows counted).
//! - Text form `{"v":1,"n":2,"value":150,"freq":6.0,"lifespan":4}`; stored form: a version byte,
//!   three scaled 128-bit sums with their scales, the count. Malformed text or impossible bytes
//!   are 22P02.

use super::clv::ClvState;
use crate::agg::{self, AggState};
use crate::error::KpiError;
use crate::numeric::Scaled;
use crate::numeric_sum::NumericSum;
use crate::summary::{self, Summary};
use crate::text::{Count, Decimal, Number};
use pgrx::pg_sys;

const VERSION: u8 = 1;
const FIELDS: [&str; 3] = ["value", "freq", "lifespan"];
const EXPECTED: &str = r#"{"v":1,"n":<customers>,"value":<sum>,"freq":<sum>,"lifespan":<sum>}"#;

/// The rules every stored CLV summary meets, whichever way it came in.
// Inlined into rollup(): given &self out of line, the summary was stored to the stack and read
// back wider than written, stalling store forwarding. The tests are on the three sums' fields,
// the negative one named out of line: a search over the sums zipped with their names had the zip
// built on the stack for every summary, its names copied from constants (BENCHMARKS.md, issue 26).
#[inline(always)]
fn check(s: &ClvState<Scaled>) -> Result<(), String> {
    let [a, b, c] = s.sums;
    if a.is_negative() | b.is_negative() | c.is_negative() {
        return Err(negative_sum(s.sums));
    }
    if s.n == 0 && (a.mantissa | b.mantissa | c.mantissa) != 0 {
        return Err(without_customers());
    }
    Ok(())
}

#[cold]
#[inline(never)]
fn negative_sum(sums: [Scaled; 3]) -> String {
    let (x, name) = sums
        .iter()
        .zip(FIELDS)
        .find(|(x, _)| x.is_negative())
        .expect("a negative sum");
    format!("negative {name} sum {x}")
}

#[cold]
#[inline(never)]
fn without_customers() -> String {
    "sums without customers".into()
}

/// Version 1 of the text form.
fn parse_v1(text: &str) -> Result<ClvState<Scaled>, String> {
    #[derive(serde::Deserialize)]
    #[serde(deny_unknown_fields)]
    struct Form {
        #[allow(dead_code)]
        v: Count,
        n: Count,
        value: Decimal,
        freq: Decimal,
        lifespan: Decimal,
    }
    let f: Form = crate::text::from_json(text)?;
    let s = ClvState {
        sums: [f.value.0, f.freq.0, f.lifespan.0],
        n: f.n.0,
    };
    check(&s).map(|()| s)
}

impl Summary for ClvState<Scaled> {
    const TYPE: &'static str = "clvsummary";
    const VERSIONS: &'static [u8] = &[1];
    const DECIMALS_HELD: usize = 3; // the three sums

    fn to_stored(&self) -> Vec<u8> {
        self.to_bytes()
    }

    // inlined into rollup(): its Result, returned through memory, stalled store forwarding
    #[inline(always)]
    fn from_stored(bytes: &[u8]) -> Result<Self, KpiError> {
        let bad = |why: &str| KpiError::BadText(format!("invalid clvsummary bytes: {why}"));
        let s = Self::from_bytes(bytes).map_err(|e| bad(e.message()))?;
        check(&s).map_err(|why| bad(&why))?;
        Ok(s)
    }

    fn to_text(&self) -> String {
        #[derive(serde::Serialize)]
        struct Form {
            v: u8,
            n: i64,
            value: Number,
            freq: Number,
            lifespan: Number,
        }
        let [v, f, l] = self.sums;
        crate::text::to_json(&Form {
            v: VERSION,
            n: self.n,
            value: v.into(),
            freq: f.into(),
            lifespan: l.into(),
        })
    }

    fn from_text(text: &str) -> Result<Self, KpiError> {
        crate::text::read(text, Self::TYPE, EXPECTED, &[(1, parse_v1)])
    }

    fn scales(&self) -> [u32; summary::DECIMALS] {
        summary::pad_scales(self.sums.map(|x| x.scale))
    }

    fn unmerge(&mut self, other: &Self) -> Option<()> {
        let mut sums = self.sums;
        for (s, o) in sums.iter_mut().zip(other.sums) {
            *s = s
                .add(o.mantissa.checked_neg()?, o.scale)
                .filter(|x| !x.is_negative())?;
        }
        let n = self.n.checked_sub(other.n).filter(|n| *n >= 0)?;
        (self.sums, self.n) = (sums, n);
        Some(())
    }
}

// ---------------------------------------------------------------------------------------------
// SQL glue. clv_agg reuses clv()'s transition functions and states; the integer final converts
// the i128 sums to scaled sums.

crate::pg_v1_fn!(fn clvsummary_in, pg_finfo_clvsummary_in, |f| unsafe { summary::input::<ClvState<Scaled>>(f) });
crate::pg_v1_fn!(fn clvsummary_out, pg_finfo_clvsummary_out, |f| unsafe { summary::output::<ClvState<Scaled>>(f) });
crate::pg_v1_fn!(fn clvsummary_recv, pg_finfo_clvsummary_recv, |f| unsafe { summary::recv::<ClvState<Scaled>>(f) });
crate::pg_v1_fn!(fn clvsummary_send, pg_finfo_clvsummary_send, |f| unsafe { summary::send::<ClvState<Scaled>>(f) });
crate::pg_v1_fn!(fn clv_summary_final_int, pg_finfo_clv_summary_final_int, |f| unsafe {
    agg::finish::<ClvState<i128>>(f, |s| {
        let sums = s.sums.map(|m| Scaled { mantissa: m, scale: 0 });
        Some(summary::datum(&ClvState { sums, n: s.n }))
    })
});
crate::pg_v1_fn!(fn clv_summary_final_numeric, pg_finfo_clv_summary_final_numeric, |f| unsafe {
    agg::finish::<ClvState<NumericSum>>(f, |s| {
        let s = s.to_scaled().unwrap_or_else(|e| crate::error::raise(e));
        Some(summary::datum(&s))
    })
});
crate::pg_v1_fn!(fn clv_summary_final, pg_finfo_clv_summary_final, |f| unsafe { summary::finish::<ClvState<Scaled>>(f) });
crate::pg_v1_fn!(fn clv_rollup_combine, pg_finfo_clv_rollup_combine, |f| unsafe { agg::combine::<ClvState<Scaled>>(f) });
crate::pg_v1_fn!(fn clv_rollup_serialize, pg_finfo_clv_rollup_serialize, |f| unsafe { agg::serialize::<ClvState<Scaled>>(f) });
crate::pg_v1_fn!(fn clv_rollup_deserialize, pg_finfo_clv_rollup_deserialize, |f| unsafe { agg::deserialize::<ClvState<Scaled>>(f) });
crate::pg_v1_fn!(fn clv_rollup_accum, pg_finfo_clv_rollup_accum, |f| unsafe { summary::rollup::<ClvState<Scaled>>(f, false) });
crate::pg_v1_fn!(fn clv_rollup_inv, pg_finfo_clv_rollup_inv, |f| unsafe { summary::rollup::<ClvState<Scaled>>(f, true) });
crate::pg_v1_fn!(fn clvsummary_clv, pg_finfo_clvsummary_clv, |f| unsafe {
    summary::accessor::<ClvState<Scaled>>(f, |s| {
        s.finish().map(|(sums, n)| super::clv::clv_numeric(sums.map(|x| agg::numeric_from_scaled(x)), n))
    })
});
crate::pg_v1_fn!(fn clvsummary_customers, pg_finfo_clvsummary_customers, |f| unsafe {
    summary::accessor::<ClvState<Scaled>>(f, |s| Some(pg_sys::Datum::from(s.n)))
});

// Equality, the btree order and hashing of the stored form (summary::compare).
crate::pg_v1_fn!(fn clvsummary_eq, pg_finfo_clvsummary_eq, |f| unsafe { summary::compare::<ClvState<Scaled>>(f, |o| o.is_eq()) });
crate::pg_v1_fn!(fn clvsummary_ne, pg_finfo_clvsummary_ne, |f| unsafe { summary::compare::<ClvState<Scaled>>(f, |o| o.is_ne()) });
crate::pg_v1_fn!(fn clvsummary_lt, pg_finfo_clvsummary_lt, |f| unsafe { summary::compare::<ClvState<Scaled>>(f, |o| o.is_lt()) });
crate::pg_v1_fn!(fn clvsummary_le, pg_finfo_clvsummary_le, |f| unsafe { summary::compare::<ClvState<Scaled>>(f, |o| o.is_le()) });
crate::pg_v1_fn!(fn clvsummary_gt, pg_finfo_clvsummary_gt, |f| unsafe { summary::compare::<ClvState<Scaled>>(f, |o| o.is_gt()) });
crate::pg_v1_fn!(fn clvsummary_ge, pg_finfo_clvsummary_ge, |f| unsafe { summary::compare::<ClvState<Scaled>>(f, |o| o.is_ge()) });
crate::pg_v1_fn!(fn clvsummary_cmp, pg_finfo_clvsummary_cmp, |f| unsafe { summary::cmp::<ClvState<Scaled>>(f) });
crate::pg_v1_fn!(fn clvsummary_hash, pg_finfo_clvsummary_hash, |f| unsafe { summary::hash::<ClvState<Scaled>>(f, false) });
crate::pg_v1_fn!(fn clvsummary_hash_extended, pg_finfo_clvsummary_hash_extended, |f| unsafe { summary::hash::<ClvState<Scaled>>(f, true) });

pgrx::extension_sql_file!(
    "clv_summary.sql",
    name = "clv_summary",
    requires = ["clv", "nps_summary"]
);

#[cfg(test)]
mod unit_tests {
    use super::*;

    fn st(v: (i128, u32), f: (i128, u32), l: (i128, u32), n: i64) -> ClvState<Scaled> {
        let x = |(mantissa, scale)| Scaled { mantissa, scale };
        ClvState {
            sums: [x(v), x(f), x(l)],
            n,
        }
    }

    #[test]
    fn text_and_stored_round_trip() {
        for s in [
            st((0, 0), (0, 0), (0, 0), 0),
            st((15000, 2), (60, 1), (4, 0), 2),
        ] {
            assert_eq!(
                ClvState::<Scaled>::from_text(&s.to_text()).unwrap(),
                s,
                "{}",
                s.to_text()
            );
            assert_eq!(ClvState::<Scaled>::from_stored(&s.to_stored()).unwrap(), s);
        }
        assert_eq!(
            st((15000, 2), (60, 1), (4, 0), 2).to_text(),
            r#"{"v":1,"n":2,"value":150.00,"freq":6.0,"lifespan":4}"#
        );
    }

    #[test]
    fn malformed_is_22p02() {
        for (bad, why) in [
            ("", "EOF while parsing"),
            (
                r#"{"v":1,"n":1,"value":1,"freq":1}"#,
                "missing field `lifespan`",
            ),
            (
                r#"{"v":1,"n":1,"value":-1,"freq":1,"lifespan":1}"#,
                "negative value sum -1",
            ),
            (
                r#"{"v":1,"n":0,"value":1,"freq":0,"lifespan":0}"#,
                "sums without customers",
            ),
            // the first negative sum is named, and before sums without customers
            (
                r#"{"v":1,"n":1,"value":1,"freq":-2,"lifespan":-3}"#,
                "negative freq sum -2",
            ),
            (
                r#"{"v":1,"n":0,"value":0,"freq":0,"lifespan":-1}"#,
                "negative lifespan sum -1",
            ),
        ] {
            let e = ClvState::<Scaled>::from_text(bad).unwrap_err();
            crate::text::assert_malformed(&e, "clvsummary", bad, EXPECTED, why);
        }
        assert_eq!(
            ClvState::<Scaled>::from_text(r#"{"v":1,"n":1,"freq":1,"value":1,"lifespan":1}"#)
                .unwrap(),
            st((1, 0), (1, 0), (1, 0), 1)
        );
        let e = ClvState::<Scaled>::from_stored(&st((-1, 0), (0, 0), (0, 0), 1).to_bytes())
            .unwrap_err();
        assert_eq!(
            e.message(),
            "invalid clvsummary bytes: negative value sum -1"
        );
    }

    #[test]
    fn merge_and_unmerge() {
        let (a, b) = (
            st((100, 0), (2, 0), (3, 0), 1),
            st((505, 1), (4, 0), (1, 0), 1),
        );
        let mut s = a;
        s.merge(&b).unwrap();
        assert_eq!(
            s.to_text(),
            r#"{"v":1,"n":2,"value":150.5,"freq":6,"lifespan":4}"#
        );
        s.unmerge(&b).unwrap();
        assert_eq!(
            s.to_text(),
            r#"{"v":1,"n":1,"value":100.0,"freq":2,"lifespan":3}"#
        );
        assert_eq!(s.unmerge(&st((0, 0), (0, 0), (0, 0), 2)), None);
    }
}

#[cfg(any(test, feature = "pg_test"))]
#[pgrx::pg_schema]
mod tests {
    use crate::testing::{assert_errors, text};
    use pgrx::prelude::*;

    #[pg_test]
    fn clvsummary_accessors() {
        let q = "SELECT concat_ws(' ', clv(clv_agg(v, f, l)) = clv(v, f, l), customers(clv_agg(v, f, l)), clv_agg(v, f, l)::text)
                 FROM (VALUES (100, 2, 3), (50, 4, 1), (NULL, 1, 1)) x(v, f, l)";
        assert_eq!(
            text(q).as_deref(),
            Some(r#"t 2 {"v":1,"n":2,"value":150,"freq":6,"lifespan":4}"#)
        );
    }

    #[pg_test]
    fn clvsummary_errors() {
        use PgSqlErrorCode::*;
        assert_errors(&[
            (
                "SELECT 'x'::clvsummary",
                ERRCODE_INVALID_TEXT_REPRESENTATION,
                r#"malformed clvsummary "x": expected value (text form: {"v":1,"n":<customers>,"value":<sum>,"freq":<sum>,"lifespan":<sum>})"#,
            ),
            (
                "SELECT clv_agg(-1, 2, 3)",
                ERRCODE_NUMERIC_VALUE_OUT_OF_RANGE,
                "clv value must not be negative, got -1",
            ),
        ]);
    }
}
