//! # The accessors of `mrrsummary`: the amounts and counts, net new MRR, NRR, GRR, churn rates,
//! quick ratio, ARPA and LTV (see [`super::mrr_summary`] for the type and the aggregates)

use super::mrr::{
    self, MrrSummary, CHURN, CONTRACTION, ENDING, EXPANSION, NEW, REACTIVATION, STARTING,
};
use crate::agg;
use crate::error::{raise, KpiError};
use crate::numeric::Scaled;
use crate::summary;
use pgrx::pg_sys;

unsafe fn amount(x: Option<Scaled>) -> Option<pg_sys::Datum> {
    match x {
        Some(x) => Some(pg_sys::Datum::from(unsafe { agg::numeric_from_scaled(x) })),
        None => raise(KpiError::OutOfRange(
            "mrr amount does not fit 38 digits".into(),
        )),
    }
}

/// `factor * numerator / denominator` in PostgreSQL's numeric arithmetic (`100 * a / b` for a
/// percentage, as the hand-written SQL computes it); NULL when the denominator is 0.
unsafe fn ratio(
    numerator: Option<Scaled>,
    denominator: Option<Scaled>,
    factor: i64,
) -> Option<pg_sys::Datum> {
    let (Some(n), Some(d)) = (numerator, denominator) else {
        raise(KpiError::OutOfRange(
            "mrr amount does not fit 38 digits".into(),
        ))
    };
    if d.mantissa == 0 {
        return None;
    }
    unsafe {
        let mut n = agg::numeric_from_scaled(n);
        if factor != 1 {
            n = agg::numeric_mul(pg_sys::int64_to_numeric(factor), n);
        }
        Some(pg_sys::Datum::from(agg::numeric_div(
            n,
            agg::numeric_from_scaled(d),
        )))
    }
}

unsafe fn access(
    f: pg_sys::FunctionCallInfo,
    get: impl FnOnce(&MrrSummary) -> Option<pg_sys::Datum>,
) -> pg_sys::Datum {
    unsafe { summary::accessor::<MrrSummary>(f, get) }
}

macro_rules! amount_accessor {
    ($name:ident, $finfo:ident, $k:expr) => {
        crate::pg_v1_fn!(fn $name, $finfo, |f| unsafe { access(f, |s| amount(Some(s.amounts[$k]))) });
    };
}
macro_rules! count_accessor {
    ($name:ident, $finfo:ident, $k:expr) => {
        crate::pg_v1_fn!(fn $name, $finfo, |f| unsafe { access(f, |s| Some(pg_sys::Datum::from(s.counts[$k]))) });
    };
}
amount_accessor!(
    mrrsummary_starting_mrr,
    pg_finfo_mrrsummary_starting_mrr,
    STARTING
);
amount_accessor!(
    mrrsummary_ending_mrr,
    pg_finfo_mrrsummary_ending_mrr,
    ENDING
);
amount_accessor!(mrrsummary_new_mrr, pg_finfo_mrrsummary_new_mrr, NEW);
amount_accessor!(
    mrrsummary_reactivation_mrr,
    pg_finfo_mrrsummary_reactivation_mrr,
    REACTIVATION
);
amount_accessor!(
    mrrsummary_expansion_mrr,
    pg_finfo_mrrsummary_expansion_mrr,
    EXPANSION
);
amount_accessor!(
    mrrsummary_contraction_mrr,
    pg_finfo_mrrsummary_contraction_mrr,
    CONTRACTION
);
amount_accessor!(
    mrrsummary_churned_mrr,
    pg_finfo_mrrsummary_churned_mrr,
    CHURN
);
count_accessor!(
    mrrsummary_customers_at_start,
    pg_finfo_mrrsummary_customers_at_start,
    STARTING
);
count_accessor!(
    mrrsummary_customers_at_end,
    pg_finfo_mrrsummary_customers_at_end,
    ENDING
);
count_accessor!(
    mrrsummary_new_customers,
    pg_finfo_mrrsummary_new_customers,
    NEW
);
count_accessor!(
    mrrsummary_reactivated_customers,
    pg_finfo_mrrsummary_reactivated_customers,
    REACTIVATION
);
count_accessor!(
    mrrsummary_expanded_customers,
    pg_finfo_mrrsummary_expanded_customers,
    EXPANSION
);
count_accessor!(
    mrrsummary_contracted_customers,
    pg_finfo_mrrsummary_contracted_customers,
    CONTRACTION
);
count_accessor!(
    mrrsummary_churned_customers,
    pg_finfo_mrrsummary_churned_customers,
    CHURN
);
crate::pg_v1_fn!(fn mrrsummary_net_new_mrr, pg_finfo_mrrsummary_net_new_mrr, |f| unsafe { access(f, |s| amount(s.net_new())) });
crate::pg_v1_fn!(fn mrrsummary_nrr, pg_finfo_mrrsummary_nrr, |f| unsafe {
    access(f, |s| ratio(s.combination(&[STARTING, EXPANSION], &[CONTRACTION, CHURN]), Some(s.amounts[STARTING]), 100))
});
crate::pg_v1_fn!(fn mrrsummary_grr, pg_finfo_mrrsummary_grr, |f| unsafe {
    access(f, |s| ratio(s.combination(&[STARTING], &[CONTRACTION, CHURN]), Some(s.amounts[STARTING]), 100))
});
crate::pg_v1_fn!(fn mrrsummary_gross_churn, pg_finfo_mrrsummary_gross_churn, |f| unsafe {
    access(f, |s| ratio(s.combination(&[CHURN, CONTRACTION], &[]), Some(s.amounts[STARTING]), 100))
});
crate::pg_v1_fn!(fn mrrsummary_net_churn, pg_finfo_mrrsummary_net_churn, |f| unsafe {
    access(f, |s| ratio(s.combination(&[CHURN, CONTRACTION], &[EXPANSION, REACTIVATION]), Some(s.amounts[STARTING]), 100))
});
crate::pg_v1_fn!(fn mrrsummary_customer_churn, pg_finfo_mrrsummary_customer_churn, |f| unsafe {
    access(f, |s| (s.counts[STARTING] > 0).then(|| agg::numeric_percent(s.counts[CHURN], s.counts[STARTING])))
});
crate::pg_v1_fn!(fn mrrsummary_quick_ratio, pg_finfo_mrrsummary_quick_ratio, |f| unsafe {
    access(f, |s| ratio(s.combination(&[NEW, REACTIVATION, EXPANSION], &[]), s.combination(&[CHURN, CONTRACTION], &[]), 1))
});
crate::pg_v1_fn!(fn mrrsummary_arpa, pg_finfo_mrrsummary_arpa, |f| unsafe {
    access(f, |s| ratio(Some(s.amounts[ENDING]), Some(Scaled::from(s.counts[ENDING])), 1))
});
crate::pg_v1_fn!(fn mrrsummary_ltv, pg_finfo_mrrsummary_ltv, |f| unsafe { access(f, |s| ltv(s, None)) });
crate::pg_v1_fn!(fn mrrsummary_ltv_margin, pg_finfo_mrrsummary_ltv_margin, |f| unsafe {
    let margin = gross_margin(f);
    access(f, |s| ltv(s, margin))
});

/// `ltv(s, gross_margin)`'s margin (STRICT): a number from 0 to 1; else 22023 naming it.
unsafe fn gross_margin(f: pg_sys::FunctionCallInfo) -> Option<Scaled> {
    unsafe {
        let d = agg::arg_datum(f, 1);
        let m = agg::scaled_arg(d, "ltv", "gross_margin");
        if m.is_negative()
            || m.cmp_value(Scaled {
                mantissa: 1,
                scale: 0,
            })
            .is_gt()
        {
            raise(KpiError::InvalidParameter(format!(
                "ltv gross_margin must be between 0 and 1, got {}",
                agg::numeric_text(d)
            )));
        }
        Some(m)
    }
}

/// ARPA (times the margin) over the monthly customer churn rate `1 - (1 - c)^(1 / months)`,
/// `c` the period's churned customers over customers at start; NULL when no customer churned
/// or none is left to average over.
unsafe fn ltv(s: &MrrSummary, margin: Option<Scaled>) -> Option<pg_sys::Datum> {
    let (churned, at_start, at_end) = (s.counts[CHURN], s.counts[STARTING], s.counts[ENDING]);
    if churned == 0 || at_end == 0 {
        return None;
    }
    unsafe {
        use pgrx::fcinfo::direct_function_call_as_datum as call;
        let num = |x: i128| agg::numeric_from_i128(x);
        let c = agg::numeric_div(num(churned.into()), num(at_start.into()));
        let monthly = match mrr::months(s.period) {
            (n, d) if n == d => c,
            (n, d) => {
                let one = num(1);
                let kept = pg_sys::numeric_sub_opt_error(one, c, std::ptr::null_mut());
                let exponent = agg::numeric_div(num(d), num(n));
                let kept = call(
                    pg_sys::numeric_power,
                    &[Some(kept.into()), Some(exponent.into())],
                )
                .expect("power returns a value");
                pg_sys::numeric_sub_opt_error(one, kept.cast_mut_ptr(), std::ptr::null_mut())
            }
        };
        let zero = call(
            pg_sys::numeric_eq,
            &[Some(monthly.into()), Some(num(0).into())],
        )
        .is_some_and(|d| d.value() != 0);
        if zero {
            return None;
        }
        let mut value = agg::numeric_div(
            agg::numeric_from_scaled(s.amounts[ENDING]),
            num(at_end.into()),
        );
        if let Some(m) = margin {
            value = agg::numeric_mul(value, agg::numeric_from_scaled(m));
        }
        Some(pg_sys::Datum::from(agg::numeric_div(value, monthly)))
    }
}
