//! Shared plumbing of the summary types (`npssummary`, `cessummary`, ...): a KPI's partial state
//! stored as a value, re-aggregated exactly with `rollup()`. Each family implements [`Summary`]
//! for its pgrx-free state (stored bytes with a version byte, a readable text form, and the
//! inverse of `merge` for rollup's moving form); the SQL type I/O, `rollup()` steps, final
//! functions and accessors here are generic.

use crate::agg::{self, AggState};
use crate::error::{raise, KpiError};
use crate::numeric::MaxScale;
use pgrx::pg_sys;

/// The most exact decimals a summary holds whose scales a moving aggregate tracks (`mrrsummary`'s
/// seven amounts).
pub const DECIMALS: usize = 7;

/// `scales` padded with zeros to [`DECIMALS`], for summaries holding fewer decimals.
pub fn pad_scales<const N: usize>(scales: [u32; N]) -> [u32; DECIMALS] {
    let mut out = [0; DECIMALS];
    out[..N].copy_from_slice(&scales);
    out
}

/// A KPI state that is also a stored SQL value.
pub trait Summary: AggState {
    /// The SQL type name, for messages.
    const TYPE: &'static str;
    /// The version bytes [`Summary::to_stored`] writes (the current stored forms).
    const VERSIONS: &'static [u8];
    /// The stored (binary) form, starting with a version byte.
    fn to_stored(&self) -> Vec<u8>;
    /// Parse the stored form; truncated, trailing or impossible bytes are 22P02.
    fn from_stored(bytes: &[u8]) -> Result<Self, KpiError>;
    /// [`Summary::from_stored`] into `out`, whatever it held before (left unspecified on an
    /// error): for a summary of hundreds of bytes, parsed in place rather than moved from
    /// result to result (`rollup()` reads every summary: `mrrsummary`'s moves were `memcpy`
    /// calls, BENCHMARKS.md, issue 26).
    #[inline(always)]
    fn read_stored(bytes: &[u8], out: &mut Self) -> Result<(), KpiError> {
        *out = Self::from_stored(bytes)?;
        Ok(())
    }
    /// The text form.
    fn to_text(&self) -> String;
    /// Parse the text form; anything else is 22P02 showing the expected form.
    fn from_text(text: &str) -> Result<Self, KpiError>;
    /// Remove `other`, previously merged in (rollup's inverse); `None` if it was not there.
    fn unmerge(&mut self, other: &Self) -> Option<()>;
    /// The display scales of the exact decimals this summary holds whose scale follows the
    /// largest scale merged in (sums, a threshold); 0 for the others. NPS and churn hold none.
    fn scales(&self) -> [u32; DECIMALS] {
        [0; DECIMALS]
    }
    /// How many of [`Summary::scales`] can be above 0 (the others are padding): `rollup` counts
    /// only those, none for NPS and churn (a scale of 0 is always known, so counting the padding
    /// changes nothing; it cost every step a read and a write of each of the seven counts).
    const DECIMALS_HELD: usize;
    /// False when a removal ([`Summary::unmerge`]) left the state short of what the inputs
    /// still in it would give (`cessummary`'s sum of squares, once an input had none): a moving
    /// aggregate's inverse then returns NULL and PostgreSQL recomputes the frame.
    fn exact(&self) -> bool {
        true
    }
}

/// The state of a moving aggregate over summaries (or a summary built row by row): the summary
/// first (`repr(C)`), so the combine, serialize and final functions read it as `S`, then the
/// largest scale of each of its decimals with how many inputs have it. When an inverse step
/// removes the last input at a decimal's scale, the inverse returns NULL and PostgreSQL
/// recomputes the frame, so a window's result never depends on values that left it.
#[derive(Debug, Clone, Copy, Default)]
#[repr(C)]
pub struct Moving<S> {
    pub state: S,
    pub scales: [MaxScale; DECIMALS],
}

impl<S> Moving<S> {
    /// Count the first `held` scales of one input (the others are 0: see
    /// [`Summary::DECIMALS_HELD`]).
    #[inline(always)]
    pub fn add_scales(&mut self, scales: [u32; DECIMALS], held: usize) {
        debug_assert!(scales[held..].iter().all(|&s| s == 0));
        for (m, s) in self.scales.iter_mut().zip(scales).take(held) {
            m.add(s);
        }
    }

    /// Un-count the first `held` scales of one input; false when a decimal's scale is no longer
    /// known.
    #[inline(always)]
    pub fn remove_scales(&mut self, scales: [u32; DECIMALS], held: usize) -> bool {
        debug_assert!(scales[held..].iter().all(|&s| s == 0));
        for (m, s) in self.scales.iter_mut().zip(scales).take(held) {
            m.remove(s);
        }
        self.scales.iter().all(MaxScale::known)
    }
}

/// A value with a stored (binary) form and a text form: every summary type. The summaries of a
/// fixed size implement [`Summary`], which gives this; a summary whose size varies (a life
/// table) implements it directly, and shares the type I/O, accessors, equality, order and
/// hashing below.
pub trait Stored: Sized {
    /// The SQL type name, for messages.
    const TYPE: &'static str;
    /// The version bytes [`Stored::to_stored`] writes (`cessummary` writes 1 for a state without
    /// its sum of squares, 2 with): a stored value starting with one of them is in a current
    /// form, and is that form's only encoding of its value (every value reaches a table through
    /// `to_stored`: the input, receive and final functions all re-encode).
    const VERSIONS: &'static [u8];
    fn to_stored(&self) -> Vec<u8>;
    fn from_stored(bytes: &[u8]) -> Result<Self, KpiError>;
    fn to_text(&self) -> String;
    fn from_text(text: &str) -> Result<Self, KpiError>;
}

impl<S: Summary> Stored for S {
    const TYPE: &'static str = <S as Summary>::TYPE;
    const VERSIONS: &'static [u8] = <S as Summary>::VERSIONS;
    fn to_stored(&self) -> Vec<u8> {
        Summary::to_stored(self)
    }
    #[inline]
    fn from_stored(bytes: &[u8]) -> Result<Self, KpiError> {
        <S as Summary>::from_stored(bytes)
    }
    fn to_text(&self) -> String {
        Summary::to_text(self)
    }
    fn from_text(text: &str) -> Result<Self, KpiError> {
        <S as Summary>::from_text(text)
    }
}

/// The summary in a datum.
#[inline(always)]
pub(crate) unsafe fn arg<S: Stored>(datum: pg_sys::Datum) -> S {
    match S::from_stored(unsafe { agg::varlena_bytes(datum) }) {
        Ok(s) => s,
        Err(e) => raise(e),
    }
}

/// A summary datum (a varlena of the stored form) in the current memory context.
pub(crate) unsafe fn datum<S: Stored>(s: &S) -> pg_sys::Datum {
    unsafe { agg::bytea_datum(&s.to_stored()) }
}

/// The type's input function: `cstring -> summary`.
pub(crate) unsafe fn input<S: Stored>(fcinfo: pg_sys::FunctionCallInfo) -> pg_sys::Datum {
    unsafe {
        let text =
            std::ffi::CStr::from_ptr(agg::arg_datum(fcinfo, 0).cast_mut_ptr::<std::ffi::c_char>());
        match S::from_text(&text.to_string_lossy()) {
            Ok(s) => datum(&s),
            Err(e) => raise(e),
        }
    }
}

/// The type's output function: `summary -> cstring`.
pub(crate) unsafe fn output<S: Stored>(fcinfo: pg_sys::FunctionCallInfo) -> pg_sys::Datum {
    unsafe {
        let text = arg::<S>(agg::arg_datum(fcinfo, 0)).to_text();
        let text = std::ffi::CString::new(text).expect("a summary's text has no NUL");
        pg_sys::Datum::from(pg_sys::pstrdup(text.as_ptr()))
    }
}

/// The type's receive function: the rest of the message is the stored form.
pub(crate) unsafe fn recv<S: Stored>(fcinfo: pg_sys::FunctionCallInfo) -> pg_sys::Datum {
    unsafe {
        let buf = &mut *agg::arg_datum(fcinfo, 0).cast_mut_ptr::<pg_sys::StringInfoData>();
        let (start, len) = (buf.cursor.max(0) as usize, buf.len.max(0) as usize);
        let bytes = std::slice::from_raw_parts(
            buf.data.cast::<u8>().add(start.min(len)),
            len.saturating_sub(start),
        );
        buf.cursor = buf.len;
        match S::from_stored(bytes) {
            Ok(s) => datum(&s),
            Err(e) => raise(e),
        }
    }
}

/// The type's send function: the stored form as `bytea`.
pub(crate) unsafe fn send<S: Stored>(fcinfo: pg_sys::FunctionCallInfo) -> pg_sys::Datum {
    unsafe { agg::bytea_datum(&arg::<S>(agg::arg_datum(fcinfo, 0)).to_stored()) }
}

/// A final function turning the aggregate's state (argument 0, STRICT) into a summary.
pub(crate) unsafe fn finish<S: Summary>(fcinfo: pg_sys::FunctionCallInfo) -> pg_sys::Datum {
    unsafe { agg::finish::<S>(fcinfo, |s| Some(datum(s))) }
}

/// `rollup(summary)`'s and `combine(summary)`'s transition (or, with `inverse`, its moving
/// inverse); NULLs skipped. The state is a [`Moving`] summary, read as `S` by the combine and
/// final functions.
pub(crate) unsafe fn rollup<S: Summary>(
    fcinfo: pg_sys::FunctionCallInfo,
    inverse: bool,
) -> pg_sys::Datum {
    unsafe {
        let moving = agg::state_or_new::<Moving<S>>(fcinfo);
        if agg::arg_is_null(fcinfo, 1) {
            return agg::return_state(moving);
        }
        // read straight into a local, not through an Option or a Result: a summary of a few
        // hundred bytes (mrrsummary) was copied each time it moved between them (BENCHMARKS.md,
        // issue 26)
        let mut o = S::default();
        if let Err(e) = S::read_stored(agg::varlena_bytes(agg::arg_datum(fcinfo, 1)), &mut o) {
            raise(e)
        }
        let m = &mut *moving;
        if inverse {
            if m.state.unmerge(&o).is_none() {
                raise(KpiError::InvalidParameter(format!(
                    "rollup({0}) or combine({0}) cannot remove a summary it did not add",
                    S::TYPE
                )));
            }
            if !m.remove_scales(o.scales(), S::DECIMALS_HELD) || !m.state.exact() {
                return agg::return_null(fcinfo); // recompute the frame
            }
        } else {
            if let Err(e) = m.state.merge(&o) {
                raise(e)
            }
            m.add_scales(o.scales(), S::DECIMALS_HELD);
        }
        agg::return_state(moving)
    }
}

/// An accessor (STRICT): `f(summary)`, SQL NULL when `f` gives `None`.
pub(crate) unsafe fn accessor<S: Stored>(
    fcinfo: pg_sys::FunctionCallInfo,
    f: impl FnOnce(&S) -> Option<pg_sys::Datum>,
) -> pg_sys::Datum {
    unsafe {
        match f(&arg::<S>(agg::arg_datum(fcinfo, 0))) {
            Some(d) => d,
            None => agg::return_null(fcinfo),
        }
    }
}

// ---------------------------------------------------------------------------------------------
// Equality, a btree order and hashing, so BI tools can GROUP BY, DISTINCT, ORDER BY and join on a
// summary column. Two summaries are equal when their stored forms in the current version are
// equal; the order is the bytewise order of those forms, consistent but without KPI meaning. A
// value stored in the current version is compared and hashed as it is (its bytes are that form:
// see [`Stored::VERSIONS`]); only a value of an older version is decoded and re-encoded.

/// The stored form of the summary in `datum`, in the current version: its own bytes when it is
/// of that version, else decoded and re-encoded.
unsafe fn canonical<'a, S: Stored>(datum: pg_sys::Datum) -> std::borrow::Cow<'a, [u8]> {
    unsafe {
        let bytes = agg::varlena_bytes(datum);
        match bytes.first() {
            Some(v) if S::VERSIONS.contains(v) => std::borrow::Cow::Borrowed(bytes),
            _ => std::borrow::Cow::Owned(arg::<S>(datum).to_stored()),
        }
    }
}

/// The order of arguments 0 and 1 (both summaries, STRICT).
unsafe fn order<S: Stored>(fcinfo: pg_sys::FunctionCallInfo) -> std::cmp::Ordering {
    unsafe {
        canonical::<S>(agg::arg_datum(fcinfo, 0)).cmp(&canonical::<S>(agg::arg_datum(fcinfo, 1)))
    }
}

/// A comparison operator's function: `test` of the order of its two arguments, as `boolean`.
pub(crate) unsafe fn compare<S: Stored>(
    fcinfo: pg_sys::FunctionCallInfo,
    test: fn(std::cmp::Ordering) -> bool,
) -> pg_sys::Datum {
    pg_sys::Datum::from(test(unsafe { order::<S>(fcinfo) }))
}

/// The btree support function: -1, 0 or 1 as `integer`.
pub(crate) unsafe fn cmp<S: Stored>(fcinfo: pg_sys::FunctionCallInfo) -> pg_sys::Datum {
    pg_sys::Datum::from(unsafe { order::<S>(fcinfo) } as i32)
}

// PostgreSQL's byte hashing (src/common/hashfn.c), which `hashvarlena` and
// `hashvarlenaextended` apply to a varlena's data bytes; pgrx does not bind them (their SQL-level
// wrappers `hash_any` are static inline). Neither can raise an error.
unsafe extern "C" {
    fn hash_bytes(k: *const u8, keylen: std::ffi::c_int) -> u32;
    fn hash_bytes_extended(k: *const u8, keylen: std::ffi::c_int, seed: u64) -> u64;
}

/// The hash support functions: PostgreSQL's hash of the stored form's bytes (what `hashvarlena`
/// gives for them as `bytea`), or with `extended` its 64-bit seeded form (`hashvarlenaextended`,
/// the seed in argument 1). A value of the current version is hashed where it lies; the values
/// are those of every earlier version of pg_kpi, so hash indexes and hash partitions built
/// before stay valid.
pub(crate) unsafe fn hash<S: Stored>(
    fcinfo: pg_sys::FunctionCallInfo,
    extended: bool,
) -> pg_sys::Datum {
    unsafe {
        let bytes = canonical::<S>(agg::arg_datum(fcinfo, 0));
        let len = std::ffi::c_int::try_from(bytes.len()).expect("a varlena is below 1 GB");
        if extended {
            let seed = agg::arg_datum(fcinfo, 1).value() as u64;
            pg_sys::Datum::from(hash_bytes_extended(bytes.as_ptr(), len, seed))
        } else {
            pg_sys::Datum::from(hash_bytes(bytes.as_ptr(), len))
        }
    }
}

pgrx::extension_sql_file!(
    "summary_ops.sql",
    name = "summary_ops",
    requires = [
        "nps_summary",
        "csat_summary",
        "ces_summary",
        "clv_summary",
        "share_summary",
        "churn_summary"
    ]
);

#[cfg(any(test, feature = "pg_test"))]
#[pgrx::pg_schema]
mod tests {
    use crate::testing::{assert_errors, text};
    use pgrx::prelude::*;

    #[pg_test]
    fn summaries_compare_hash_and_take_text() {
        let q = r#"SELECT concat_ws(' ',
                     '{"v":1,"count":2,"sum":7.5}'::cessummary = '{"sum":7.5,"count":2,"v":1}'::cessummary,
                     '{"v":1,"count":2,"sum":7.5}'::cessummary <> '{"v":1,"count":2,"sum":7.50}'::cessummary,
                     (SELECT count(DISTINCT s) FROM (SELECT nps_agg(x) FROM (VALUES (1, 'a'), (1, 'b'), (9, 'c')) v(x, g) GROUP BY g) w(s)),
                     kpi_internal.npssummary_hash(nps_agg(5)) = kpi_internal.npssummary_hash('{"v":1,"counts":[0,0,0,0,0,1,0,0,0,0,0]}'))"#;
        assert_eq!(text(q).as_deref(), Some("t t 2 t"));
        Spi::run("CREATE TABLE tests.kept (s churnsummary); INSERT INTO tests.kept VALUES ('{\"v\":1,\"lost\":1,\"at_start\":2,\"period\":null}'::text)").unwrap();
        assert_eq!(
            text("SELECT churn_rate(s)::text FROM tests.kept").as_deref(),
            Some("50.0000000000000000")
        );
        // hashes are those of the stored form as bytea, as in every earlier version (hash
        // indexes and partitions stay valid), whichever path computes them: PostgreSQL's hash of
        // a one-element bytea[] is 31 + the element's hash (hash_array, hash_array_extended)
        let q = r#"WITH s(h, x, b) AS (
                     SELECT kpi_internal.npssummary_hash(s), kpi_internal.npssummary_hash_extended(s, 7), kpi_internal.npssummary_send(s)
                     FROM (SELECT nps_agg(x) AS s FROM generate_series(0, 10) x GROUP BY x % 3) t
                     UNION ALL
                     SELECT kpi_internal.cessummary_hash(s), kpi_internal.cessummary_hash_extended(s, 7), kpi_internal.cessummary_send(s)
                     FROM (VALUES ('{"v":1,"count":2,"sum":7.5}'::cessummary), ('{"v":2,"count":2,"sum":7.5,"sum_squares":30.25}')) v(s)
                     UNION ALL
                     SELECT kpi_internal.tiersummary_hash(s), kpi_internal.tiersummary_hash_extended(s, 7), kpi_internal.tiersummary_send(s)
                     FROM (SELECT tier_agg(t, 2.5) AS s FROM (VALUES ('a'), ('b')) v(t)) t)
                   SELECT bool_and((hash_array(ARRAY[b])::bigint - 31 - h::bigint) % 4294967296 = 0
                                   AND (hash_array_extended(ARRAY[b], 7)::numeric - 31 - x::numeric) % 18446744073709551616 = 0)::text
                   FROM s"#;
        assert_eq!(text(q).as_deref(), Some("true"));
        assert_errors(&[(
            "INSERT INTO tests.kept VALUES ('nope'::varchar)",
            PgSqlErrorCode::ERRCODE_INVALID_TEXT_REPRESENTATION,
            r#"malformed churnsummary "nope": expected ident (text form: {"v":1,"lost":<customers>,"at_start":<customers>,"period":<"[from,to)" or null>})"#,
        )]);
    }
}

#[cfg(test)]
#[path = "summary_tests.rs"]
mod unit_tests;

#[cfg(test)]
#[path = "summary_tests_health.rs"]
mod health_unit_tests;

#[cfg(test)]
#[path = "summary_tests_compat.rs"]
mod compat_unit_tests;

#[cfg(test)]
#[path = "summary_tests_read.rs"]
mod read_unit_tests;
