//! # `npssummary`: a stored NPS partial state that rolls up exactly
//!
//! - `nps_agg(score) -> npssummary` (the `nps` overloads): the full 0-10 histogram of a group.
//! - `rollup(npssummary) -> npssummary`: an aggregate adding histograms, PARALLEL SAFE, with an
//!   exact moving form, so `rollup(daily) OVER (ORDER BY day ROWS 29 PRECEDING)` is a rolling
//!   30-day histogram. NULL summaries are skipped.
//! - Accessors (STRICT, NULL for a NULL summary): `nps(npssummary) -> numeric` (NULL for a summary
//!   of nothing), `responses`, `promoters`, `passives`, `detractors` `-> bigint`,
//!   `mean_score(npssummary) -> numeric` (NULL for a summary of nothing). For every input,
//!   `nps(nps_agg(x)) = nps(x)` and `nps(rollup(daily)) = nps(x)` over the same rows.
//! - Text form, readable and round-tripping through COPY and pg_dump:
//!   `{"v":1,"counts":[c0,c1,...,c10]}` (responses per score 0..10; spaces allowed). Malformed
//!   text is 22P02 naming the input and the expected form.
//! - Binary form (send/recv and on disk): a version byte, then the 11 counts as LEB128 varints;
//!   truncated, trailing or impossible bytes (a total beyond `bigint`) are 22P02.

use super::nps::{NpsState, BUCKETS};
use crate::agg;
use crate::error::KpiError;
use crate::summary::{self, Summary};
use crate::text::Count;
use pgrx::pg_sys;

/// Version byte of the stored form (text `"v"` and binary first byte).
pub const VERSION: u8 = 1;
const EXPECTED: &str = r#"{"v":1,"counts":[11 counts of the scores 0 to 10]}"#;

/// The stored (binary) form of a histogram.
pub fn to_stored(s: &NpsState) -> Vec<u8> {
    let mut out = vec![VERSION];
    for c in s.counts() {
        let mut v = c as u64;
        loop {
            let byte = (v & 0x7F) as u8;
            v >>= 7;
            if v == 0 {
                out.push(byte);
                break;
            }
            out.push(byte | 0x80);
        }
    }
    out
}

/// The counts of a histogram stored with one byte a count (each below 128: a day's or a
/// segment's summary, usually), read at once; `None` for any other bytes.
#[inline(always)]
fn small_counts(bytes: &[u8]) -> Option<[i64; BUCKETS]> {
    let b: &[u8; BUCKETS + 1] = bytes.try_into().ok()?;
    let high = b[1..].iter().fold(0u8, |acc, c| acc | c);
    (b[0] == VERSION && high & 0x80 == 0).then(|| std::array::from_fn(|i| i64::from(b[i + 1])))
}

/// Parse the stored (binary) form.
#[inline]
pub fn from_stored(bytes: &[u8]) -> Result<NpsState, KpiError> {
    match small_counts(bytes) {
        // at most 11 x 127: a valid histogram
        Some(counts) => Ok(NpsState::from_counts(counts).expect("small counts fit")),
        None => from_stored_varints(bytes),
    }
}

/// [`from_stored`] for any bytes.
#[inline(never)]
fn from_stored_varints(bytes: &[u8]) -> Result<NpsState, KpiError> {
    let bad = |why: String| KpiError::BadText(format!("invalid npssummary bytes: {why}"));
    match bytes.first() {
        Some(&VERSION) => {}
        Some(v) => return Err(bad(format!("unknown version {v}"))),
        None => return Err(bad("empty".into())),
    }
    let mut counts = [0i64; BUCKETS];
    let mut pos = 1;
    for (score, slot) in counts.iter_mut().enumerate() {
        let (mut v, mut shift) = (0u64, 0);
        loop {
            let Some(&b) = bytes.get(pos) else {
                return Err(bad(format!("truncated in the count of score {score}")));
            };
            pos += 1;
            // a tenth byte other than 0 sets bit 63 or goes on past 64 bits: beyond bigint
            // (it was read as its lowest bit, and a continuation ignored)
            if shift == 63 && b != 0 {
                return Err(bad(format!("count of score {score} out of range")));
            }
            v |= u64::from(b & 0x7F) << shift;
            if b & 0x80 == 0 {
                break;
            }
            shift += 7;
        }
        *slot =
            i64::try_from(v).map_err(|_| bad(format!("count of score {score} out of range")))?;
    }
    if pos != bytes.len() {
        return Err(bad(format!("{} trailing bytes", bytes.len() - pos)));
    }
    NpsState::from_counts(counts).ok_or_else(|| bad("total responses out of range".into()))
}

/// The text form.
pub fn to_text(s: &NpsState) -> String {
    #[derive(serde::Serialize)]
    struct Form {
        v: u8,
        counts: [i64; BUCKETS],
    }
    crate::text::to_json(&Form {
        v: VERSION,
        counts: s.counts(),
    })
}

/// Version 1 of the text form (the only one so far).
fn parse_v1(text: &str) -> Result<NpsState, String> {
    #[derive(serde::Deserialize)]
    #[serde(deny_unknown_fields)]
    struct Form {
        #[allow(dead_code)]
        v: Count,
        counts: Vec<Count>,
    }
    let form: Form = crate::text::from_json(text)?;
    let counts: [i64; BUCKETS] = form
        .counts
        .iter()
        .map(|c| c.0)
        .collect::<Vec<_>>()
        .try_into()
        .map_err(|v: Vec<i64>| {
            format!("{} counts where 11 (scores 0 to 10) are needed", v.len())
        })?;
    NpsState::from_counts(counts).ok_or_else(|| "total responses out of range".to_string())
}

/// Parse the text form; anything else is 22P02 showing the input and the expected form.
pub fn from_text(text: &str) -> Result<NpsState, KpiError> {
    crate::text::read(text, "npssummary", EXPECTED, &[(1, parse_v1)])
}

impl Summary for NpsState {
    const DECIMALS_HELD: usize = 0; // no decimals: scales() keeps its zeros
    const TYPE: &'static str = "npssummary";
    const VERSIONS: &'static [u8] = &[1];
    fn to_stored(&self) -> Vec<u8> {
        to_stored(self)
    }
    #[inline]
    fn from_stored(bytes: &[u8]) -> Result<Self, KpiError> {
        from_stored(bytes)
    }
    fn to_text(&self) -> String {
        to_text(self)
    }
    fn from_text(text: &str) -> Result<Self, KpiError> {
        from_text(text)
    }
    fn unmerge(&mut self, other: &Self) -> Option<()> {
        NpsState::unmerge(self, other)
    }
}

// ---------------------------------------------------------------------------------------------
// SQL glue: the generic summary plumbing, instantiated for NpsState.

crate::pg_v1_fn!(fn npssummary_in, pg_finfo_npssummary_in, |f| unsafe { summary::input::<NpsState>(f) });
crate::pg_v1_fn!(fn npssummary_out, pg_finfo_npssummary_out, |f| unsafe { summary::output::<NpsState>(f) });
crate::pg_v1_fn!(fn npssummary_recv, pg_finfo_npssummary_recv, |f| unsafe { summary::recv::<NpsState>(f) });
crate::pg_v1_fn!(fn npssummary_send, pg_finfo_npssummary_send, |f| unsafe { summary::send::<NpsState>(f) });
crate::pg_v1_fn!(fn nps_summary_final, pg_finfo_nps_summary_final, |f| unsafe { summary::finish::<NpsState>(f) });
crate::pg_v1_fn!(fn nps_rollup_accum, pg_finfo_nps_rollup_accum, |f| unsafe { summary::rollup::<NpsState>(f, false) });
crate::pg_v1_fn!(fn nps_rollup_inv, pg_finfo_nps_rollup_inv, |f| unsafe { summary::rollup::<NpsState>(f, true) });
crate::pg_v1_fn!(fn npssummary_nps, pg_finfo_npssummary_nps, |f| unsafe {
    summary::accessor::<NpsState>(f, |s: &NpsState| s.finish().map(|(net, n)| agg::numeric_percent(net, n)))
});
crate::pg_v1_fn!(fn npssummary_responses, pg_finfo_npssummary_responses, |f| unsafe {
    summary::accessor::<NpsState>(f, |s: &NpsState| Some(pg_sys::Datum::from(s.responses())))
});
crate::pg_v1_fn!(fn npssummary_promoters, pg_finfo_npssummary_promoters, |f| unsafe {
    summary::accessor::<NpsState>(f, |s: &NpsState| Some(pg_sys::Datum::from(s.promoters())))
});
crate::pg_v1_fn!(fn npssummary_passives, pg_finfo_npssummary_passives, |f| unsafe {
    summary::accessor::<NpsState>(f, |s: &NpsState| Some(pg_sys::Datum::from(s.passives())))
});
crate::pg_v1_fn!(fn npssummary_detractors, pg_finfo_npssummary_detractors, |f| unsafe {
    summary::accessor::<NpsState>(f, |s: &NpsState| Some(pg_sys::Datum::from(s.detractors())))
});
crate::pg_v1_fn!(fn npssummary_mean_score, pg_finfo_npssummary_mean_score, |f| unsafe {
    summary::accessor::<NpsState>(f, |s: &NpsState| {
        let n = s.responses();
        (n > 0).then(|| pg_sys::Datum::from(agg::numeric_div(agg::numeric_from_i128(s.score_sum()), pg_sys::int64_to_numeric(n))))
    })
});

// Equality, the btree order and hashing of the stored form (summary::compare).
crate::pg_v1_fn!(fn npssummary_eq, pg_finfo_npssummary_eq, |f| unsafe { summary::compare::<NpsState>(f, |o| o.is_eq()) });
crate::pg_v1_fn!(fn npssummary_ne, pg_finfo_npssummary_ne, |f| unsafe { summary::compare::<NpsState>(f, |o| o.is_ne()) });
crate::pg_v1_fn!(fn npssummary_lt, pg_finfo_npssummary_lt, |f| unsafe { summary::compare::<NpsState>(f, |o| o.is_lt()) });
crate::pg_v1_fn!(fn npssummary_le, pg_finfo_npssummary_le, |f| unsafe { summary::compare::<NpsState>(f, |o| o.is_le()) });
crate::pg_v1_fn!(fn npssummary_gt, pg_finfo_npssummary_gt, |f| unsafe { summary::compare::<NpsState>(f, |o| o.is_gt()) });
crate::pg_v1_fn!(fn npssummary_ge, pg_finfo_npssummary_ge, |f| unsafe { summary::compare::<NpsState>(f, |o| o.is_ge()) });
crate::pg_v1_fn!(fn npssummary_cmp, pg_finfo_npssummary_cmp, |f| unsafe { summary::cmp::<NpsState>(f) });
crate::pg_v1_fn!(fn npssummary_hash, pg_finfo_npssummary_hash, |f| unsafe { summary::hash::<NpsState>(f, false) });
crate::pg_v1_fn!(fn npssummary_hash_extended, pg_finfo_npssummary_hash_extended, |f| unsafe { summary::hash::<NpsState>(f, true) });

pgrx::extension_sql_file!("nps_summary.sql", name = "nps_summary", requires = ["nps"]);

#[cfg(test)]
mod unit_tests {
    use super::*;
    use crate::agg::AggState;

    fn state(counts: [i64; BUCKETS]) -> NpsState {
        NpsState::from_counts(counts).unwrap()
    }

    #[test]
    fn stored_round_trip_is_compact() {
        for s in [
            NpsState::default(),
            state([3, 0, 0, 0, 0, 0, 1, 200, 0, 70_000, i64::MAX - 70_204]),
        ] {
            let b = to_stored(&s);
            assert_eq!(b[0], VERSION);
            assert_eq!(from_stored(&b).unwrap(), s);
        }
        assert_eq!(
            to_stored(&NpsState::default()).len(),
            12,
            "an empty summary is 12 bytes"
        );
    }

    #[test]
    fn stored_rejects_impossible_bytes() {
        let good = to_stored(&state([1; BUCKETS]));
        for (bytes, why) in [
            (vec![], "empty"),
            (vec![2, 0], "unknown version 2"),
            (
                good[..good.len() - 1].to_vec(),
                "truncated in the count of score 10",
            ),
            ([good.clone(), vec![0]].concat(), "1 trailing bytes"),
        ] {
            let e = from_stored(&bytes).unwrap_err();
            assert_eq!(e.sqlstate(), "22P02");
            assert!(e.message().contains(why), "{}", e.message());
        }
        // two counts of i64::MAX: each fits, the total does not
        let max = to_stored(&state([0, 0, 0, 0, 0, 0, 0, 0, 0, 0, i64::MAX]));
        let mut b = vec![VERSION];
        b.extend([0; 9]);
        b.extend(&max[11..]);
        b.extend(&max[11..]);
        assert!(from_stored(&b)
            .unwrap_err()
            .message()
            .contains("total responses out of range"));
        // a varint above i64::MAX
        let mut huge = vec![VERSION];
        huge.extend([0xFF; 9]);
        huge.push(0x01);
        huge.extend([0; 10]);
        assert!(from_stored(&huge)
            .unwrap_err()
            .message()
            .contains("count of score 0 out of range"));
        // a tenth byte past bit 63, or with a continuation, is refused (it was read as a 0)
        for tenth in [0x02, 0x7F, 0x80] {
            let mut past = vec![VERSION];
            past.extend([0x80; 9]);
            past.push(tenth);
            past.extend([0; 11]);
            assert!(
                from_stored(&past)
                    .unwrap_err()
                    .message()
                    .contains("count of score 0 out of range"),
                "{tenth:#x}"
            );
        }
        // a tenth byte of 0 adds nothing: still read (to_stored never writes it)
        let mut padded = vec![VERSION];
        padded.extend([0x85, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x00]);
        padded.extend([0; 10]);
        assert_eq!(from_stored(&padded).unwrap().counts()[0], 5);
    }

    #[test]
    fn text_round_trip_and_errors() {
        let s = state([0, 1, 0, 0, 0, 0, 2, 3, 0, 4, 5]);
        let t = to_text(&s);
        assert_eq!(t, r#"{"v":1,"counts":[0,1,0,0,0,0,2,3,0,4,5]}"#);
        assert_eq!(from_text(&t).unwrap(), s);
        assert_eq!(
            from_text(r#" { "v" : 1 , "counts" : [ 0,1,0,0,0,0,2,3,0,4,5 ] } "#).unwrap(),
            s
        );
        for (bad, why) in [
            ("", "EOF while parsing"),
            ("abc", "expected value"),
            (r#"{"v":1,"counts":[1,2]}"#, "2 counts where 11"),
            (
                r#"{"v":1,"counts":[0,0,0,0,0,0,0,0,0,0,-1]}"#,
                "-1 is not a count",
            ),
            (
                r#"{"v":1,"counts":[0,0,0,0,0,0,0,0,0,4 2,1]}"#,
                "expected `,` or `]`",
            ),
            (r#"{"v":01,"counts":[]}"#, "invalid number"),
            (r#"{"v":x,"counts":[]}"#, "expected value"),
        ] {
            let e = from_text(bad).unwrap_err();
            crate::text::assert_malformed(&e, "npssummary", bad, EXPECTED, why);
        }
        let e = from_text(r#"{"v":2,"counts":[0,0,0,0,0,0,0,0,0,0,0]}"#).unwrap_err();
        assert!(e
            .message()
            .starts_with("npssummary version 2 is not supported"));
        let e =
            from_text(r#"{"v":1,"counts":[9223372036854775807,1,0,0,0,0,0,0,0,0,0]}"#).unwrap_err();
        assert!(e
            .message()
            .contains(": total responses out of range (text form: "));
    }

    #[test]
    fn unmerge_is_the_inverse_of_merge() {
        let (a, b) = (
            state([1, 0, 0, 0, 0, 0, 0, 2, 0, 3, 0]),
            state([0, 0, 0, 0, 0, 0, 1, 0, 0, 1, 1]),
        );
        let mut s = a;
        s.merge(&b).unwrap();
        s.unmerge(&b).unwrap();
        assert_eq!(s, a);
        assert_eq!(s.unmerge(&b), None, "cannot remove what is not there");
        assert_eq!(s, a, "a failed unmerge leaves the state as it was");
        assert_eq!(state([0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 1]).score_sum(), 19);
    }
}

#[cfg(any(test, feature = "pg_test"))]
#[pgrx::pg_schema]
mod tests {
    use crate::testing::{assert_errors, text};
    use pgrx::prelude::*;

    #[pg_test]
    fn npssummary_round_trips_and_accessors() {
        let q = "SELECT concat_ws(' ', nps(nps_agg(s)) = nps(s), responses(nps_agg(s)), mean_score(nps_agg(s)) = avg(s),
                                      nps(rollup(x)) = nps(s), nps_agg(s)::text::npssummary::text = nps_agg(s)::text)
                 FROM (SELECT s, nps_agg(s) OVER (ORDER BY i ROWS 2 PRECEDING) x FROM (VALUES (1, 10), (2, 3), (3, NULL), (4, 9)) v(i, s)) w";
        // the rolled-up windows overlap, so compare only the exact parts
        let got = text(q).unwrap();
        assert!(got.starts_with("t 3 t "), "{got}");
        assert_eq!(
            text("SELECT nps('{\"v\":1,\"counts\":[0,0,0,0,0,0,0,0,0,0,0]}'::npssummary)::text"),
            None
        );
    }

    #[pg_test]
    fn npssummary_errors() {
        use PgSqlErrorCode::*;
        let form = r#"{"v":1,"counts":[11 counts of the scores 0 to 10]}"#;
        assert_errors(&[
            (
                "SELECT 'garbage'::npssummary",
                ERRCODE_INVALID_TEXT_REPRESENTATION,
                &format!("malformed npssummary \"garbage\": expected value (text form: {form})"),
            ),
            (
                r#"SELECT '{"v":1,"counts":[1,2,3]}'::npssummary"#,
                ERRCODE_INVALID_TEXT_REPRESENTATION,
                &format!(
                    r#"malformed npssummary "{{"v":1,"counts":[1,2,3]}}": 3 counts where 11 (scores 0 to 10) are needed (text form: {form})"#
                ),
            ),
            (
                r#"SELECT '{"v":7,"counts":[0,0,0,0,0,0,0,0,0,0,0]}'::npssummary"#,
                ERRCODE_INVALID_TEXT_REPRESENTATION,
                &format!("npssummary version 7 is not supported, expected {form}"),
            ),
            (
                r#"SELECT '{"v":1,"counts":[0,0,0,0,0,0,0,0,0,0,-4]}'::npssummary"#,
                ERRCODE_INVALID_TEXT_REPRESENTATION,
                &format!(
                    r#"malformed npssummary "{{"v":1,"counts":[0,0,0,0,0,0,0,0,0,0,-4]}}": -4 is not a count (a whole number from 0 to 9223372036854775807) (text form: {form})"#
                ),
            ),
            (
                r#"SELECT '{"v":1,"counts":[0,0,0,0,0,0,0,0,0,0,1],"x":1}'::npssummary"#,
                ERRCODE_INVALID_TEXT_REPRESENTATION,
                &format!(
                    r#"malformed npssummary "{{"v":1,"counts":[0,0,0,0,0,0,0,0,0,0,1],"x":1}}": unknown field `x`, expected `v` or `counts` (text form: {form})"#
                ),
            ),
            (
                "SELECT nps_agg(s) FROM (VALUES (11)) v(s)",
                ERRCODE_NUMERIC_VALUE_OUT_OF_RANGE,
                "nps score must be between 0 and 10, got 11",
            ),
        ]);
    }
}
