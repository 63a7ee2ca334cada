//! Shared aggregate plumbing: the one place that touches `FunctionCallInfo`, allocates states in
//! the aggregate memory context, converts states to and from `bytea`, and builds `numeric`
//! results (those and the exact reading of `numeric` arguments in `agg_values.rs`, re-exported
//! here). KPI modules keep their math pgrx-free and call these helpers from thin glue.
//!
//! Support functions are plain V1 functions declared with [`pg_v1_fn!`](crate::pg_v1_fn) (see
//! [`crate::v1`]). The SQL declarations live in a `.sql` file beside each module, included with
//! `extension_sql_file!`.

use crate::error::{raise, KpiError};
use pgrx::pg_sys;
use std::ptr;

#[path = "agg_values.rs"]
mod values;
pub(crate) use values::*;

/// A KPI state that can travel between parallel workers: merged by the combine function and
/// carried as `bytea` by serialize/deserialize. Implemented by each family's pgrx-free state.
pub trait AggState: Copy + Default {
    /// Add `other` into `self` (the combine step).
    fn merge(&mut self, other: &Self) -> Result<(), KpiError>;
    /// The serialized form, starting with a version byte.
    fn to_bytes(&self) -> Vec<u8>;
    /// Parse [`AggState::to_bytes`] output; malformed or impossible bytes are an error.
    fn from_bytes(bytes: &[u8]) -> Result<Self, KpiError>;
}

/// Is argument `n` SQL NULL?
#[inline(always)]
pub(crate) unsafe fn arg_is_null(fcinfo: pg_sys::FunctionCallInfo, n: usize) -> bool {
    unsafe { (*(*fcinfo).args.as_ptr().add(n)).isnull }
}

/// The raw datum of argument `n` (check [`arg_is_null`] first).
#[inline(always)]
pub(crate) unsafe fn arg_datum(fcinfo: pg_sys::FunctionCallInfo, n: usize) -> pg_sys::Datum {
    unsafe { (*(*fcinfo).args.as_ptr().add(n)).value }
}

/// Return SQL NULL from a V1 function.
#[inline(always)]
pub(crate) unsafe fn return_null(fcinfo: pg_sys::FunctionCallInfo) -> pg_sys::Datum {
    unsafe { (*fcinfo).isnull = true };
    pg_sys::Datum::from(0usize)
}

/// The state passed as argument 0 of a transition, inverse, combine or final function, or
/// `None` when it is still NULL (no row seen yet in this group).
#[inline(always)]
pub(crate) unsafe fn state_arg<S>(fcinfo: pg_sys::FunctionCallInfo) -> Option<*mut S> {
    unsafe {
        if arg_is_null(fcinfo, 0) {
            None
        } else {
            Some(arg_datum(fcinfo, 0).cast_mut_ptr::<S>())
        }
    }
}

/// The state of this group: argument 0, or on the group's first row a zeroed `S` allocated
/// once in the aggregate memory context (so it lives as long as the group, not the row).
#[inline(always)]
pub(crate) unsafe fn state_or_new<S: Default>(fcinfo: pg_sys::FunctionCallInfo) -> *mut S {
    unsafe {
        match state_arg::<S>(fcinfo) {
            Some(state) => state,
            None => alloc_state(fcinfo, S::default()),
        }
    }
}

#[cold]
#[inline(never)]
unsafe fn alloc_state<S>(fcinfo: pg_sys::FunctionCallInfo, value: S) -> *mut S {
    unsafe { place_in(aggregate_context(fcinfo), value) }
}

/// The memory context of the aggregate calling this support function (the group's lifetime).
pub(crate) unsafe fn aggregate_context(fcinfo: pg_sys::FunctionCallInfo) -> pg_sys::MemoryContext {
    unsafe {
        let mut aggcontext: pg_sys::MemoryContext = ptr::null_mut();
        if pg_sys::AggCheckCallContext(fcinfo, &mut aggcontext) == 0 {
            pgrx::error!("pg_kpi aggregate support function called in a non-aggregate context");
        }
        aggcontext
    }
}

/// Move `value` into memory of `context`, aligned for `S`. PostgreSQL's allocator aligns to 8
/// bytes; states holding `i128` need 16, so those get room to align the pointer up.
pub(crate) unsafe fn place_in<S>(context: pg_sys::MemoryContext, value: S) -> *mut S {
    let align = std::mem::align_of::<S>();
    let extra = if align > 8 { align } else { 0 };
    unsafe {
        let raw = pg_sys::MemoryContextAlloc(context, std::mem::size_of::<S>() + extra) as usize;
        let state = ((raw + align - 1) & !(align - 1)) as *mut S;
        state.write(value);
        state
    }
}

/// [`place_in`] for a value that owns memory outside `context` (Rust collections of the global
/// allocator): it is dropped when `context` is reset or deleted (a memory context callback),
/// so nothing leaks when a group ends or a query fails.
pub(crate) unsafe fn place_owned<S>(context: pg_sys::MemoryContext, value: S) -> *mut S {
    unsafe extern "C-unwind" fn drop_it<S>(arg: *mut std::ffi::c_void) {
        unsafe { ptr::drop_in_place(arg.cast::<S>()) }
    }
    unsafe {
        let state = place_in(context, value);
        let cb = place_in(
            context,
            pg_sys::MemoryContextCallback {
                func: Some(drop_it::<S>),
                arg: state.cast(),
                next: ptr::null_mut(),
            },
        );
        pg_sys::MemoryContextRegisterResetCallback(context, cb);
        state
    }
}

/// The SQL type of a customer id argument (`mrr_agg` and `cohort_agg` over subscriptions).
#[derive(Clone, Copy)]
pub(crate) enum Id {
    Bigint,
    Text,
    Uuid,
}

/// The bytes of a customer id datum, read in place: a `bigint`'s 8 bytes (written into `word`),
/// a `uuid`'s 16, a `text`'s bytes (detoasted only when needed). Ids compare byte for byte, as
/// under a deterministic collation.
#[inline(always)]
pub(crate) unsafe fn id_bytes(datum: pg_sys::Datum, id: Id, word: &mut [u8; 8]) -> &[u8] {
    match id {
        Id::Bigint => {
            *word = (datum.value() as i64).to_ne_bytes();
            word
        }
        Id::Uuid => unsafe { std::slice::from_raw_parts(datum.cast_mut_ptr::<u8>(), 16) },
        Id::Text => unsafe { varlena_bytes(datum) },
    }
}

/// `double precision` argument `n` (check [`arg_is_null`] first).
#[inline(always)]
pub(crate) unsafe fn float_arg(fcinfo: pg_sys::FunctionCallInfo, n: usize) -> f64 {
    f64::from_bits(unsafe { arg_datum(fcinfo, n) }.value() as u64)
}

/// A `double precision` result.
#[inline(always)]
pub(crate) fn float(x: f64) -> pg_sys::Datum {
    pg_sys::Datum::from(x.to_bits())
}

/// Return a state pointer as the `internal` result.
#[inline(always)]
pub(crate) fn return_state<S>(state: *mut S) -> pg_sys::Datum {
    pg_sys::Datum::from(state)
}

/// The combine function shared by every family: `state1 := state1 + state2`, copying `state2`
/// into the aggregate context when `state1` is still NULL.
pub(crate) unsafe fn combine<S: AggState>(fcinfo: pg_sys::FunctionCallInfo) -> pg_sys::Datum {
    unsafe {
        let Some(other) =
            (!arg_is_null(fcinfo, 1)).then(|| arg_datum(fcinfo, 1).cast_mut_ptr::<S>())
        else {
            return match state_arg::<S>(fcinfo) {
                Some(state) => return_state(state),
                None => return_null(fcinfo),
            };
        };
        match state_arg::<S>(fcinfo) {
            Some(state) => {
                if let Err(e) = (*state).merge(&*other) {
                    raise(name_the_aggregate(fcinfo, e))
                }
                return_state(state)
            }
            None => return_state(alloc_state(fcinfo, *other)),
        }
    }
}

/// States shared by several aggregates name their family generically in merge errors ("ratio",
/// "top-box"); a combine function knows which aggregate it serves, so the message names it.
#[cold]
unsafe fn name_the_aggregate(fcinfo: pg_sys::FunctionCallInfo, e: KpiError) -> KpiError {
    const GENERIC: [&str; 2] = ["ratio ", "top-box "];
    let Some(rest) = GENERIC.iter().find_map(|g| e.message().strip_prefix(g)) else {
        return e;
    };
    let name = unsafe {
        let Some((aggregate, _)) = calling_aggregate(fcinfo) else {
            return e;
        };
        let name = pg_sys::get_func_name(aggregate);
        if name.is_null() {
            return e;
        }
        std::ffi::CStr::from_ptr(name)
            .to_string_lossy()
            .into_owned()
    };
    let message = format!("{name} {rest}");
    match e {
        KpiError::OutOfRange(_) => KpiError::OutOfRange(message),
        KpiError::InvalidParameter(_) => KpiError::InvalidParameter(message),
        KpiError::BadText(_) => KpiError::BadText(message),
    }
}

/// The serialize function shared by every family: `internal -> bytea` (declared STRICT).
pub(crate) unsafe fn serialize<S: AggState>(fcinfo: pg_sys::FunctionCallInfo) -> pg_sys::Datum {
    unsafe {
        let state = &*arg_datum(fcinfo, 0).cast_mut_ptr::<S>();
        bytea_datum(&state.to_bytes())
    }
}

/// The deserialize function shared by every family: `(bytea, internal) -> internal` (declared
/// STRICT); the state is allocated in the current memory context, as PostgreSQL expects.
pub(crate) unsafe fn deserialize<S: AggState>(fcinfo: pg_sys::FunctionCallInfo) -> pg_sys::Datum {
    unsafe {
        let state = match S::from_bytes(bytea_bytes(arg_datum(fcinfo, 0))) {
            Ok(s) => s,
            Err(e) => raise(e),
        };
        return_state(place_in(pg_sys::CurrentMemoryContext, state))
    }
}

/// A new `bytea` in the current memory context holding `bytes`.
pub(crate) unsafe fn bytea_datum(bytes: &[u8]) -> pg_sys::Datum {
    unsafe {
        let total = bytes.len() + pg_sys::VARHDRSZ;
        let out = pg_sys::palloc(total).cast::<pg_sys::varlena>();
        pgrx::varlena::set_varsize_4b(out, total as i32);
        ptr::copy_nonoverlapping(
            bytes.as_ptr(),
            pgrx::varlena::vardata_4b(out).cast_mut().cast::<u8>(),
            bytes.len(),
        );
        pg_sys::Datum::from(out)
    }
}

/// The bytes of a varlena datum (`bytea`, `numeric`, ...), detoasting only when the value is
/// compressed or stored out of line, as PostgreSQL's `pg_detoast_datum_packed` decides. Plain
/// inline values (a 4-byte header, or a 1-byte header straight from a heap tuple) are read in
/// place: no allocation on the per-row path. A TOAST pointer also starts with a 1-byte header
/// (its length byte is 1), so the short form is read in place only when it is not external.
#[inline(always)]
pub(crate) unsafe fn varlena_bytes<'a>(datum: pg_sys::Datum) -> &'a [u8] {
    unsafe {
        match plain_bytes(datum) {
            Some(bytes) => bytes,
            None => {
                let v = pg_sys::pg_detoast_datum_packed(datum.cast_mut_ptr::<pg_sys::varlena>());
                std::slice::from_raw_parts(
                    pgrx::varlena::vardata_any(v).cast::<u8>(),
                    pgrx::varlena::varsize_any_exhdr(v),
                )
            }
        }
    }
}

/// The data bytes of a varlena datum read in place, or `None` when it would need detoasting
/// (which may raise an error, so the unguarded fast paths leave it to the guarded step).
#[inline(always)]
pub(crate) unsafe fn plain_bytes<'a>(datum: pg_sys::Datum) -> Option<&'a [u8]> {
    unsafe {
        let v = datum.cast_mut_ptr::<pg_sys::varlena>();
        is_plain_varlena(v).then(|| {
            std::slice::from_raw_parts(
                pgrx::varlena::vardata_any(v).cast::<u8>(),
                pgrx::varlena::varsize_any_exhdr(v),
            )
        })
    }
}

/// Is this varlena read in place: not external (a TOAST pointer, whose 1-byte header has length
/// byte 1) and not compressed? The test of `pg_detoast_datum_packed` (`VARATT_IS_EXTENDED`,
/// allowing the short header).
#[inline(always)]
pub(crate) unsafe fn is_plain_varlena(v: *const pg_sys::varlena) -> bool {
    use pgrx::varlena::{varatt_is_1b, varatt_is_1b_e, varatt_is_4b_u};
    unsafe { varatt_is_4b_u(v) || (varatt_is_1b(v) && !varatt_is_1b_e(v)) }
}

/// The bytes of a `bytea` datum.
pub(crate) unsafe fn bytea_bytes<'a>(datum: pg_sys::Datum) -> &'a [u8] {
    unsafe { varlena_bytes(datum) }
}

/// The fast path of a transition (see [`pg_v1_fn!`]): when the group's state exists and the
/// first `N` aggregate arguments are not NULL, `step` updates the state and answers true, and
/// this returns the state. `None` (first row, a NULL, or `step` answered false because it refused
/// the row and left the state untouched) hands the row to the guarded body, which allocates,
/// skips or raises the error.
#[inline(always)]
pub(crate) unsafe fn fast_step<S, const N: usize>(
    fcinfo: pg_sys::FunctionCallInfo,
    step: impl FnOnce(&mut S, [pg_sys::Datum; N]) -> bool,
) -> Option<pg_sys::Datum> {
    unsafe {
        let state = state_arg::<S>(fcinfo)?;
        let args = args_not_null::<N>(fcinfo)?;
        step(&mut *state, args).then(|| return_state(state))
    }
}

/// Run a transition (or inverse) step on this group's state, allocating it on the first row.
/// The state is returned even when `step` skips the row, so the function never returns NULL
/// (a moving aggregate's transition function must not).
#[inline(always)]
pub(crate) unsafe fn transition<S: Default>(
    fcinfo: pg_sys::FunctionCallInfo,
    step: impl FnOnce(&mut S) -> Result<(), KpiError>,
) -> pg_sys::Datum {
    unsafe {
        let state = state_or_new::<S>(fcinfo);
        if let Err(e) = step(&mut *state) {
            raise(e)
        }
        return_state(state)
    }
}

/// A final function: `finish` maps the state (argument 0, declared STRICT) to a datum, or to
/// `None` for SQL NULL.
#[inline(always)]
pub(crate) unsafe fn finish<S>(
    fcinfo: pg_sys::FunctionCallInfo,
    finish: impl FnOnce(&S) -> Option<pg_sys::Datum>,
) -> pg_sys::Datum {
    unsafe {
        let state = &*arg_datum(fcinfo, 0).cast_mut_ptr::<S>();
        match finish(state) {
            Some(d) => d,
            None => return_null(fcinfo),
        }
    }
}

/// `Some(args)` when none of arguments `1..=n` is NULL (the row counts), else `None`.
#[inline(always)]
pub(crate) unsafe fn args_not_null<const N: usize>(
    fcinfo: pg_sys::FunctionCallInfo,
) -> Option<[pg_sys::Datum; N]> {
    let mut out = [pg_sys::Datum::from(0usize); N];
    for (i, slot) in out.iter_mut().enumerate() {
        if unsafe { arg_is_null(fcinfo, i + 1) } {
            return None;
        }
        *slot = unsafe { arg_datum(fcinfo, i + 1) };
    }
    Some(out)
}

/// Is aggregate argument `n` (0-based, the state not counted) a constant of the query, so that
/// it has the same value on every row? `false` when it is not, or when PostgreSQL does not say
/// (a window aggregate has no `Aggref` to ask). Called once per group, not per row.
#[cold]
pub(crate) unsafe fn aggregate_arg_is_const(fcinfo: pg_sys::FunctionCallInfo, n: usize) -> bool {
    unsafe {
        match calling_aggregate(fcinfo) {
            Some((_, args)) => args
                .get(n)
                .is_some_and(|&expr| !expr.is_null() && (*expr).type_ == pg_sys::NodeTag::T_Const),
            None => false,
        }
    }
}

/// The pg_kpi aggregate this support function serves and its argument expressions, from the
/// calling `Aggref`; `None` when PostgreSQL does not say (a window aggregate has no `Aggref`).
/// Citus computes an aggregate on its workers and combines it on its coordinator through
/// aggregates of its own that take the real aggregate's oid as their first argument and its
/// arguments after it, several of them as one `ROW(...)`
/// (`worker_binary_partial_agg('public.csat(integer,integer)'::regprocedure, ROW(rating, 5))`,
/// `coord_binary_combine_agg(oid, partial, NULL::numeric)`): those are looked through, so
/// messages name the user's aggregate and a constant argument is still seen as one. Cold: once
/// per group or per error.
#[cold]
unsafe fn calling_aggregate(
    fcinfo: pg_sys::FunctionCallInfo,
) -> Option<(pg_sys::Oid, Vec<*mut pg_sys::Node>)> {
    unsafe {
        let aggref = pg_sys::AggGetAggref(fcinfo);
        if aggref.is_null() {
            return None;
        }
        let exprs = |list: *mut pg_sys::List| -> Vec<*mut pg_sys::Node> {
            pgrx::PgList::<pg_sys::TargetEntry>::from_pg(list)
                .iter_ptr()
                .map(|te| {
                    if te.is_null() {
                        ptr::null_mut()
                    } else {
                        (*te).expr.cast()
                    }
                })
                .collect()
        };
        let args = exprs((*aggref).args);
        // a wrapper: first argument an oid constant naming an aggregate
        if let Some(&first) = args.first() {
            if !first.is_null() && (*first).type_ == pg_sys::NodeTag::T_Const {
                let c = first.cast::<pg_sys::Const>();
                let inner = pg_sys::Oid::from((*c).constvalue.value() as u32);
                if (*c).consttype == pg_sys::OIDOID
                    && !(*c).constisnull
                    && pg_sys::get_func_prokind(inner)
                        == pg_sys::PROKIND_AGGREGATE as std::ffi::c_char
                {
                    let mut inner_args = args[1..].to_vec();
                    if let [row] = inner_args[..] {
                        if !row.is_null() && (*row).type_ == pg_sys::NodeTag::T_RowExpr {
                            inner_args = pgrx::PgList::<pg_sys::Node>::from_pg(
                                (*row.cast::<pg_sys::RowExpr>()).args,
                            )
                            .iter_ptr()
                            .collect();
                        }
                    }
                    return Some((inner, inner_args));
                }
            }
        }
        Some(((*aggref).aggfnoid, args))
    }
}

/// The elements of a one-dimensional array datum of a varlena type (`numeric[]`, `text[]`),
/// `None` for NULL elements (a multi-dimensional array is read in storage order).
pub(crate) unsafe fn varlena_array(
    datum: pg_sys::Datum,
    element_type: pg_sys::Oid,
) -> Vec<Option<pg_sys::Datum>> {
    unsafe {
        let array = pg_sys::pg_detoast_datum(datum.cast_mut_ptr()).cast::<pg_sys::ArrayType>();
        let (mut elements, mut nulls, mut n) = (ptr::null_mut(), ptr::null_mut(), 0);
        pg_sys::deconstruct_array(
            array,
            element_type,
            -1,
            false,
            pg_sys::TYPALIGN_INT as std::ffi::c_char,
            &mut elements,
            &mut nulls,
            &mut n,
        );
        (0..n.max(0) as usize)
            .map(|i| (!*nulls.add(i)).then(|| *elements.add(i)))
            .collect()
    }
}

/// The text of a `text` datum (lossy outside UTF-8).
pub(crate) unsafe fn text_arg(datum: pg_sys::Datum) -> String {
    unsafe { String::from_utf8_lossy(varlena_bytes(datum)).into_owned() }
}
