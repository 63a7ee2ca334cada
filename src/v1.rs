//! V1 C functions without `#[pg_extern]`: the [`pg_v1_fn!`] macro that declares them, and the
//! guard that turns a Rust panic (or a PostgreSQL error caught at an FFI call) into a PostgreSQL
//! ERROR. The generated wrapper of `#[pg_extern]` costs 10-20% per row on a transition function,
//! and `#[pg_aggregate]` cannot declare a parallel aggregate with an `internal` state in pgrx
//! 0.18.1 (pgrx issue 2351).

use pgrx::pg_sys;

/// Define a PostgreSQL V1 C function named `$name` (with its `pg_finfo_` record `$finfo`), whose
/// body runs under a guard so Rust panics and PostgreSQL errors unwind correctly, as under
/// `#[pg_guard]`. `CREATE FUNCTION ... AS 'MODULE_PATHNAME', '$name' LANGUAGE C` binds it.
///
/// The guard is `catch_unwind` inlined into the function, free on the path that does not panic;
/// a caught panic (a Rust panic, or a PostgreSQL error that pgrx turned into one at an FFI call)
/// is re-raised inside pgrx's own guard, [`report_panic`], which reports it as `#[pg_guard]`
/// does. pgrx's guard called directly is an out-of-line frame per row (1-2 ns).
///
/// A transition function can name a `fast` path, an `Option<Datum>` expression over `fcinfo`
/// (usually [`crate::agg::fast_step`]) run before the guard: when it answers `Some`, that is the result and
/// the function is a leaf with no stack frame (about 1 ns a row less, the speed of
/// `count(col)`); `None` hands the row to the guarded body. The fast path must not panic nor call
/// into PostgreSQL, as it runs outside the guard.
#[macro_export]
macro_rules! pg_v1_fn {
    // The exported function `$name` with parameter `$fcinfo` and body `$body`, and its
    // `pg_finfo_` record.
    (@shell [$(#[$meta:meta])*] $name:ident, $finfo:ident, $fcinfo:ident, $body:block) => {
        #[doc(hidden)]
        #[unsafe(no_mangle)]
        pub extern "C" fn $finfo() -> &'static ::pgrx::pg_sys::Pg_finfo_record {
            const V1: ::pgrx::pg_sys::Pg_finfo_record =
                ::pgrx::pg_sys::Pg_finfo_record { api_version: 1 };
            &V1
        }

        $(#[$meta])*
        /// # Safety
        /// Called only by PostgreSQL's function manager, with an `fcinfo` matching the SQL
        /// declaration in the module's `.sql` file.
        #[unsafe(no_mangle)]
        pub unsafe extern "C-unwind" fn $name(
            $fcinfo: ::pgrx::pg_sys::FunctionCallInfo,
        ) -> ::pgrx::pg_sys::Datum $body
    };
    ($(#[$meta:meta])* fn $name:ident, $finfo:ident, fast |$ff:ident| $fast:expr, |$fcinfo:ident| $body:expr) => {
        $crate::pg_v1_fn!(@shell [$(#[$meta])*] $name, $finfo, fcinfo, {
            #[inline(never)]
            unsafe extern "C-unwind" fn guarded(
                fcinfo: ::pgrx::pg_sys::FunctionCallInfo,
            ) -> ::pgrx::pg_sys::Datum {
                $crate::v1::guard(fcinfo, move |$fcinfo| $body)
            }
            let $ff = fcinfo;
            if let Some(datum) = $fast {
                return datum;
            }
            unsafe { guarded(fcinfo) }
        });
    };
    ($(#[$meta:meta])* fn $name:ident, $finfo:ident, |$fcinfo:ident| $body:expr) => {
        $crate::pg_v1_fn!(@shell [$(#[$meta])*] $name, $finfo, fcinfo, {
            $crate::v1::guard(fcinfo, move |$fcinfo| $body)
        });
    };
}

/// Run `body` under the guard of [`pg_v1_fn!`]: a panic is caught and re-raised as a
/// PostgreSQL ERROR by [`report_panic`].
#[inline(always)]
pub fn guard(
    fcinfo: pg_sys::FunctionCallInfo,
    body: impl FnOnce(pg_sys::FunctionCallInfo) -> pg_sys::Datum,
) -> pg_sys::Datum {
    match std::panic::catch_unwind(std::panic::AssertUnwindSafe(move || body(fcinfo))) {
        Ok(datum) => datum,
        Err(payload) => report_panic(payload),
    }
}

/// Re-raise a panic caught by a [`pg_v1_fn!`] function inside pgrx's guard, which turns it into
/// a PostgreSQL ERROR (a PostgreSQL error caught at an FFI call is re-thrown as it was). Never
/// returns.
#[cold]
#[inline(never)]
pub fn report_panic(payload: Box<dyn std::any::Any + Send>) -> pg_sys::Datum {
    unsafe {
        pgrx::pg_sys::submodules::panic::pgrx_extern_c_guard(move || -> pg_sys::Datum {
            std::panic::resume_unwind(payload)
        })
    }
}

// A V1 function that lets a PostgreSQL error (division by zero inside `numeric_div`) or a Rust
// panic cross the guard of `pg_v1_fn!`, for the test below. Only in test builds.
#[cfg(any(test, feature = "pg_test"))]
crate::pg_v1_fn!(fn pg_kpi_test_guard, pg_finfo_pg_kpi_test_guard, |f| unsafe {
    if crate::agg::arg_datum(f, 0).value() == 0 {
        let (one, zero) = (pg_sys::int64_to_numeric(1), pg_sys::int64_to_numeric(0));
        pg_sys::Datum::from(crate::agg::numeric_div(one, zero))
    } else {
        panic!("a Rust panic inside a pg_kpi function")
    }
});

#[cfg(any(test, feature = "pg_test"))]
#[pgrx::pg_schema]
mod tests {
    use crate::testing::{assert_errors, text};
    use pgrx::prelude::*;

    #[pg_test]
    fn errors_cross_the_guard_with_their_sqlstate() {
        Spi::run(
            "CREATE FUNCTION kpi_guard_test(integer) RETURNS numeric STRICT LANGUAGE C
             AS '$libdir/pg_kpi', 'pg_kpi_test_guard'",
        )
        .unwrap();
        use PgSqlErrorCode::*;
        assert_errors(&[
            (
                "SELECT kpi_guard_test(0)",
                ERRCODE_DIVISION_BY_ZERO,
                "division by zero",
            ),
            (
                "SELECT kpi_guard_test(1)",
                ERRCODE_INTERNAL_ERROR,
                "a Rust panic inside a pg_kpi function",
            ),
        ]);
        // the backend survived both and still aggregates
        let q = "SELECT (nps(s) = 100)::text FROM (VALUES (10), (9)) v(s)";
        assert_eq!(text(q).as_deref(), Some("true"));
    }
}
