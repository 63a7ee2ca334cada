//! `customermodel`'s I/O, equality, order and hashing, and the accessors: the fit's report,
//! the parameters, and each model's predictions.

use super::super::bgnbd::Customer;
use super::super::gammagamma::Horizon;
use super::super::model::{Kind, Model};
use super::{fail, int_arg, tick};
use crate::agg::{self, float, float_arg};
use crate::error::KpiError;
use crate::summary;
use pgrx::pg_sys;

crate::pg_v1_fn!(fn customermodel_in, pg_finfo_customermodel_in, |f| unsafe { summary::input::<Model>(f) });
crate::pg_v1_fn!(fn customermodel_out, pg_finfo_customermodel_out, |f| unsafe { summary::output::<Model>(f) });
crate::pg_v1_fn!(fn customermodel_recv, pg_finfo_customermodel_recv, |f| unsafe { summary::recv::<Model>(f) });
crate::pg_v1_fn!(fn customermodel_send, pg_finfo_customermodel_send, |f| unsafe { summary::send::<Model>(f) });
crate::pg_v1_fn!(fn customermodel_eq, pg_finfo_customermodel_eq, |f| unsafe { summary::compare::<Model>(f, |o| o.is_eq()) });
crate::pg_v1_fn!(fn customermodel_ne, pg_finfo_customermodel_ne, |f| unsafe { summary::compare::<Model>(f, |o| o.is_ne()) });
crate::pg_v1_fn!(fn customermodel_lt, pg_finfo_customermodel_lt, |f| unsafe { summary::compare::<Model>(f, |o| o.is_lt()) });
crate::pg_v1_fn!(fn customermodel_le, pg_finfo_customermodel_le, |f| unsafe { summary::compare::<Model>(f, |o| o.is_le()) });
crate::pg_v1_fn!(fn customermodel_gt, pg_finfo_customermodel_gt, |f| unsafe { summary::compare::<Model>(f, |o| o.is_gt()) });
crate::pg_v1_fn!(fn customermodel_ge, pg_finfo_customermodel_ge, |f| unsafe { summary::compare::<Model>(f, |o| o.is_ge()) });
crate::pg_v1_fn!(fn customermodel_cmp, pg_finfo_customermodel_cmp, |f| unsafe { summary::cmp::<Model>(f) });
crate::pg_v1_fn!(fn customermodel_hash, pg_finfo_customermodel_hash, |f| unsafe { summary::hash::<Model>(f, false) });
crate::pg_v1_fn!(fn customermodel_hash_extended, pg_finfo_customermodel_hash_extended, |f| unsafe { summary::hash::<Model>(f, true) });

/// The model in argument `n`.
unsafe fn model_arg(f: pg_sys::FunctionCallInfo, n: usize) -> Model {
    unsafe { summary::arg::<Model>(agg::arg_datum(f, n)) }
}

/// The model in argument `n`, which must be a `want` model for `function` (else 22023).
unsafe fn kind_arg(f: pg_sys::FunctionCallInfo, n: usize, function: &str, want: &str) -> Kind {
    unsafe { model_arg(f, n) }
        .expect_kind(function, want)
        .unwrap_or_else(|e| fail(e))
}

/// A finite `double precision` argument of at least 0, or with `positive` above 0; else 22023
/// naming it.
unsafe fn number_arg(
    f: pg_sys::FunctionCallInfo,
    n: usize,
    function: &str,
    what: &str,
    positive: bool,
) -> f64 {
    let x = unsafe { float_arg(f, n) };
    if !(x.is_finite() && (x > 0.0 || (!positive && x == 0.0))) {
        let rule = if positive { "above 0" } else { "of at least 0" };
        fail(KpiError::InvalidParameter(format!(
            "{function} {what} must be a finite number {rule}, got {}",
            crate::numeric::float_text(x)
        )));
    }
    x
}

/// A `bigint` argument of at least `min`; else 22023 naming it.
unsafe fn count_arg(
    f: pg_sys::FunctionCallInfo,
    n: usize,
    function: &str,
    what: &str,
    min: i64,
) -> i64 {
    let x = unsafe { int_arg(f, n) };
    if x < min {
        fail(KpiError::InvalidParameter(format!(
            "{function} {what} must be at least {min}, got {x}"
        )));
    }
    x
}

/// A value the model cannot give (a series that does not settle): 22003.
#[cold]
fn no_value(function: &str) -> ! {
    fail(KpiError::OutOfRange(format!(
        "{function} does not converge for these arguments"
    )))
}

crate::pg_v1_fn!(fn customermodel_name, pg_finfo_customermodel_name, |f| unsafe {
    pgrx::IntoDatum::into_datum(model_arg(f, 0).kind.name()).expect("text")
});
crate::pg_v1_fn!(fn customermodel_param, pg_finfo_customermodel_param, |f| unsafe {
    let m = model_arg(f, 0);
    let name = std::str::from_utf8(agg::varlena_bytes(agg::arg_datum(f, 1))).unwrap_or("");
    let names = Kind::names(m.kind.name()).expect("a known model");
    match names.iter().position(|n| *n == name) {
        Some(i) => float(m.kind.params()[i]),
        None => fail(KpiError::InvalidParameter(format!(
            "model_param: a {} model has parameters {}, got \"{name}\"",
            m.kind.name(),
            names.join(", ")
        ))),
    }
});
crate::pg_v1_fn!(fn customermodel_customers, pg_finfo_customermodel_customers, |f| unsafe {
    match model_arg(f, 0).report {
        Some(r) => pg_sys::Datum::from(r.customers),
        None => agg::return_null(f),
    }
});
crate::pg_v1_fn!(fn customermodel_log_likelihood, pg_finfo_customermodel_log_likelihood, |f| unsafe {
    match model_arg(f, 0).report {
        Some(r) => float(r.log_likelihood),
        None => agg::return_null(f),
    }
});
crate::pg_v1_fn!(fn customermodel_iterations, pg_finfo_customermodel_iterations, |f| unsafe {
    match model_arg(f, 0).report {
        Some(r) => pg_sys::Datum::from(r.iterations),
        None => agg::return_null(f),
    }
});

// sBG
crate::pg_v1_fn!(fn sbg_projected_survival, pg_finfo_sbg_projected_survival, |f| unsafe {
    let Kind::Sbg(m) = kind_arg(f, 0, "projected_survival", "sbg") else { unreachable!() };
    float(m.survival(count_arg(f, 1, "projected_survival", "renewals", 0) as u64))
});
crate::pg_v1_fn!(fn sbg_projected_retention, pg_finfo_sbg_projected_retention, |f| unsafe {
    let Kind::Sbg(m) = kind_arg(f, 0, "projected_retention", "sbg") else { unreachable!() };
    float(m.retention(count_arg(f, 1, "projected_retention", "renewal", 1) as u64))
});
crate::pg_v1_fn!(fn sbg_residual_lifetime, pg_finfo_sbg_residual_lifetime, |f| unsafe {
    let Kind::Sbg(m) = kind_arg(f, 0, "residual_lifetime", "sbg") else { unreachable!() };
    let n = count_arg(f, 1, "residual_lifetime", "renewals", 0) as u64;
    let d = number_arg(f, 2, "residual_lifetime", "discount_rate", true);
    float(m.residual_lifetime(n, d, &tick).unwrap_or_else(|| no_value("residual_lifetime")))
});

/// `(frequency, recency, age)` in arguments `n..n + 3`, checked as the fit checks them.
unsafe fn customer_args(f: pg_sys::FunctionCallInfo, n: usize, function: &str) -> Customer {
    let c = unsafe {
        Customer::new(
            function,
            int_arg(f, n),
            float_arg(f, n + 1),
            float_arg(f, n + 2),
        )
    };
    c.unwrap_or_else(|e| fail(e))
}

// BG/NBD
crate::pg_v1_fn!(fn bgnbd_expected_purchases, pg_finfo_bgnbd_expected_purchases, |f| unsafe {
    let Kind::BgNbd(m) = kind_arg(f, 0, "expected_purchases", "bgnbd") else { unreachable!() };
    let t = number_arg(f, 1, "expected_purchases", "duration", false);
    let c = customer_args(f, 2, "expected_purchases");
    float(m.expected_purchases(t, &c, &tick).unwrap_or_else(|| no_value("expected_purchases")))
});
crate::pg_v1_fn!(fn bgnbd_expected_purchases_new, pg_finfo_bgnbd_expected_purchases_new, |f| unsafe {
    let Kind::BgNbd(m) = kind_arg(f, 0, "expected_purchases", "bgnbd") else { unreachable!() };
    let t = number_arg(f, 1, "expected_purchases", "duration", false);
    float(m.expected_purchases_new(t, &tick).unwrap_or_else(|| no_value("expected_purchases")))
});
crate::pg_v1_fn!(fn bgnbd_probability_alive, pg_finfo_bgnbd_probability_alive, |f| unsafe {
    let Kind::BgNbd(m) = kind_arg(f, 0, "probability_alive", "bgnbd") else { unreachable!() };
    float(m.probability_alive(&customer_args(f, 1, "probability_alive")))
});

/// A mean spend argument: finite, at least 0, above 0 for a customer with repeat purchases.
unsafe fn spend_arg(f: pg_sys::FunctionCallInfo, n: usize, x: f64, function: &str) -> f64 {
    let m = unsafe { float_arg(f, n) };
    if x > 0.0 {
        super::super::gammagamma::check_spend(function, m).unwrap_or_else(|e| fail(e))
    } else if m.is_finite() && m >= 0.0 {
        m
    } else {
        fail(KpiError::OutOfRange(format!(
            "{function} monetary_value must be a finite number of at least 0, got {}",
            crate::numeric::float_text(m)
        )))
    }
}

// Gamma-Gamma
crate::pg_v1_fn!(fn gammagamma_expected_spend, pg_finfo_gammagamma_expected_spend, |f| unsafe {
    let Kind::GammaGamma(m) = kind_arg(f, 0, "expected_spend", "gammagamma") else { unreachable!() };
    let x = count_arg(f, 1, "expected_spend", "frequency", 0) as f64;
    let spend = spend_arg(f, 2, x, "expected_spend");
    float(m.expected_spend(x, spend).unwrap_or_else(|e| fail(e)))
});
crate::pg_v1_fn!(fn gammagamma_predicted_clv, pg_finfo_gammagamma_predicted_clv, |f| unsafe {
    const F: &str = "predicted_clv";
    let Kind::BgNbd(purchases) = kind_arg(f, 0, F, "bgnbd") else { unreachable!() };
    let Kind::GammaGamma(spend) = kind_arg(f, 1, F, "gammagamma") else { unreachable!() };
    let c = customer_args(f, 2, F);
    let m = spend_arg(f, 5, c.x, F);
    let periods = count_arg(f, 6, F, "periods", 0);
    if periods > 100_000 {
        fail(KpiError::InvalidParameter(format!("{F} periods must be at most 100000, got {periods}")));
    }
    let length = number_arg(f, 7, F, "period_length", true);
    let d = number_arg(f, 8, F, "discount_rate", false);
    let h = Horizon { periods: periods as u32, length, discount_rate: d };
    match spend.customer_value(&purchases, &c, m, &h, &tick) {
        Ok(Some(v)) => float(v),
        Ok(None) => no_value(F),
        Err(e) => fail(e),
    }
});
