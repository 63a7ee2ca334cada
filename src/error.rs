//! The one error type of pg_kpi and the one place that raises it as a PostgreSQL ERROR.
//!
//! KPI math returns `Result<_, KpiError>` and knows nothing of pgrx; the SQL glue calls
//! [`raise`] to turn an error into an `ereport(ERROR)` with a real SQLSTATE. Messages follow
//! PostgreSQL style: lowercase, no trailing period, the offending value shown, the KPI named.

use std::fmt;

/// A user-facing failure of a KPI computation. The variant picks the SQLSTATE; the text is
/// the complete primary message.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum KpiError {
    /// 22003 `numeric_value_out_of_range`: an input outside the KPI's domain, or a count
    /// that would overflow.
    OutOfRange(String),
    /// 22023 `invalid_parameter_value`: a parameter that is missing or inconsistent.
    InvalidParameter(String),
    /// 22P02 `invalid_text_representation`: malformed text or bytes of a stored value.
    BadText(String),
}

impl KpiError {
    /// The five-character SQLSTATE this error is raised with.
    pub fn sqlstate(&self) -> &'static str {
        match self {
            KpiError::OutOfRange(_) => "22003",
            KpiError::InvalidParameter(_) => "22023",
            KpiError::BadText(_) => "22P02",
        }
    }

    /// The primary message.
    pub fn message(&self) -> &str {
        match self {
            KpiError::OutOfRange(m) | KpiError::InvalidParameter(m) | KpiError::BadText(m) => m,
        }
    }
}

impl fmt::Display for KpiError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.message())
    }
}

impl std::error::Error for KpiError {}

/// Raise `err` as a PostgreSQL ERROR. Never returns.
#[cold]
#[inline(never)]
pub fn raise(err: KpiError) -> ! {
    use pgrx::pg_sys::errcodes::PgSqlErrorCode as C;
    use pgrx::pg_sys::panic::ErrorReport;
    let code = match err {
        KpiError::OutOfRange(_) => C::ERRCODE_NUMERIC_VALUE_OUT_OF_RANGE,
        KpiError::InvalidParameter(_) => C::ERRCODE_INVALID_PARAMETER_VALUE,
        KpiError::BadText(_) => C::ERRCODE_INVALID_TEXT_REPRESENTATION,
    };
    let message = match err {
        KpiError::OutOfRange(m) | KpiError::InvalidParameter(m) | KpiError::BadText(m) => m,
    };
    ErrorReport::new(code, message, "pg_kpi").report(pgrx::PgLogLevel::ERROR);
    unreachable!("an ERROR report returned")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sqlstates_match_variants() {
        assert_eq!(KpiError::OutOfRange("x".into()).sqlstate(), "22003");
        assert_eq!(KpiError::InvalidParameter("x".into()).sqlstate(), "22023");
        assert_eq!(KpiError::BadText("x".into()).sqlstate(), "22P02");
        assert_eq!(
            KpiError::OutOfRange("nps score".into()).to_string(),
            "nps score"
        );
    }
}
