//! pg_kpi: customer-experience and revenue KPIs as PostgreSQL aggregates.
//!
//! One module per KPI family (math in plain Rust, thin SQL glue beside it); shared aggregate
//! plumbing in [`agg`], V1 functions and their guard in [`v1`], errors in [`error`]. See
//! README.md for the SQL reference.

::pgrx::pg_module_magic!();

// The extension's own schema for the support functions users never call (transition, inverse,
// combine, serialize, deserialize, final, type I/O), so the user's schema holds only the API.
// Names starting with pg_ are reserved for system schemas.
pgrx::extension_sql!(
    r#"
CREATE SCHEMA kpi_internal;
COMMENT ON SCHEMA kpi_internal IS 'pg_kpi support functions (transition, combine, serialize, final, type I/O): called by PostgreSQL, not by users';
"#,
    name = "kpi_internal_schema",
    bootstrap
);

pub mod agg;
#[cfg(feature = "bench_floor")]
pub mod bench_floor;
pub mod bytes;
pub mod error;
pub mod kpi;
pub mod numeric;
pub mod numeric_float;
pub mod numeric_small;
pub mod numeric_sum;
pub mod palloc;
pub mod summary;
pub mod text;
pub mod time;
pub mod v1;

/// Helpers shared by the `#[pg_test]`s of every module.
#[cfg(any(test, feature = "pg_test"))]
pub mod testing {
    use pgrx::pg_sys::panic::CaughtError;
    use pgrx::prelude::*;

    /// Run `query` in a subtransaction that must fail; return its SQLSTATE and message.
    /// The subtransaction is rolled back, so a test can check several errors in a row.
    pub fn sql_error(query: &str) -> (PgSqlErrorCode, String) {
        unsafe {
            let ctx = pg_sys::CurrentMemoryContext;
            let owner = pg_sys::CurrentResourceOwner;
            pg_sys::BeginInternalSubTransaction(std::ptr::null());
            pg_sys::MemoryContextSwitchTo(ctx);
            let caught = PgTryBuilder::new(|| {
                let _ = Spi::run(query);
                None
            })
            .catch_others(|e| match e {
                CaughtError::PostgresError(r)
                | CaughtError::ErrorReport(r)
                | CaughtError::RustPanic { ereport: r, .. } => {
                    Some((r.sql_error_code(), r.message().to_string()))
                }
            })
            .execute();
            pg_sys::RollbackAndReleaseCurrentSubTransaction();
            pg_sys::MemoryContextSwitchTo(ctx);
            pg_sys::CurrentResourceOwner = owner;
            caught.unwrap_or_else(|| panic!("query did not fail: {query}"))
        }
    }

    /// Each `(query, SQLSTATE, message)` must fail with exactly that SQLSTATE and message.
    pub fn assert_errors(cases: &[(&str, PgSqlErrorCode, &str)]) {
        for (query, code, message) in cases {
            let (got_code, got_message) = sql_error(query);
            assert_eq!(
                (&got_code, got_message.as_str()),
                (code, *message),
                "{query}"
            );
        }
    }

    /// The text of a one-value query.
    pub fn text(query: &str) -> Option<String> {
        Spi::get_one::<String>(query).expect("query failed")
    }
}

// The tests' #[pg_test]s need pgrx-tests, an optional dependency of the `pg_test` feature
// (Cargo.toml): a plain `cargo test` stops here rather than installing a debug build anywhere.
#[cfg(all(test, not(feature = "pg_test")))]
compile_error!(
    "the tests need the pg_test feature: `make unit` runs the unit tests, `make pgtest PG=15` the #[pg_test]s"
);

/// Required by `cargo pgrx test`.
#[cfg(test)]
pub mod pg_test {
    pub fn setup(_options: Vec<&str>) {}

    #[must_use]
    pub fn postgresql_conf_options() -> Vec<&'static str> {
        vec![]
    }
}
