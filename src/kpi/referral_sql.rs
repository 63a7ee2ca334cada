//! SQL glue of the referral summary ([`super::referral`]): `referral_agg(...)`,
//! `combine(referralsummary)` (and `rollup`), the type's I/O, equality, order and hashing, and
//! the accessors, percentages and means computed as `share()` and `avg()` compute them.

use super::referral::ReferralState;
use crate::agg;
use crate::error::raise;
use crate::numeric::Scaled;
use crate::summary::{self, Moving};
use pgrx::pg_sys;

const KPI: &str = "referral_agg";

/// One customer (or, with `inverse`, the moving inverse removing one): updated in place, the
/// scale of the one value sum it touches tracked for the moving inverse.
unsafe fn row(f: pg_sys::FunctionCallInfo, inverse: bool) -> pg_sys::Datum {
    unsafe {
        let m = &mut *agg::state_or_new::<Moving<ReferralState>>(f);
        if let Some([referred, value, referrals]) = agg::args_not_null::<3>(f) {
            let value = agg::scaled_arg(value, KPI, "value");
            let referred = referred.value() != 0;
            let sign = if inverse { -1 } else { 1 };
            if let Err(e) = m
                .state
                .step(referred, value, referrals.value() as i64, sign)
            {
                raise(e)
            }
            // the decimals' order of ReferralState::scales(): referred value, other value
            let scale = &mut m.scales[usize::from(!referred)];
            if inverse {
                scale.remove(value.scale);
                if !scale.known() {
                    return agg::return_null(f); // recompute the frame
                }
            } else {
                scale.add(value.scale);
            }
        }
        agg::return_state(m as *mut Moving<ReferralState>)
    }
}

/// The fast path of the transition (no guard): a row of three values into an existing state;
/// anything else, or a row refused (the state unchanged), goes to [`row`].
#[inline(always)]
unsafe fn row_fast(f: pg_sys::FunctionCallInfo) -> Option<pg_sys::Datum> {
    unsafe {
        agg::fast_step::<Moving<ReferralState>, 3>(f, |m, [referred, value, referrals]| {
            // read in place only: detoasting can raise an error, which needs the guard
            let Some(bytes) = agg::plain_bytes(value) else {
                return false;
            };
            let referred = referred.value() != 0;
            let referrals = referrals.value() as i64;
            // an amount of a numeric(p, s) column once the sums are at its scale: no Scaled
            let small = crate::numeric_small::small(bytes);
            if let Some(x) = small {
                if !x.negative
                    && m.state
                        .try_add_small(referred, x.magnitude, x.dscale, referrals)
                {
                    m.scales[usize::from(!referred)].add(x.dscale);
                    return true;
                }
            }
            // the value already read is not read again
            let (mantissa, scale) = match small {
                Some(x) => x.to_scaled(),
                None => match crate::numeric::to_scaled(bytes) {
                    Ok(v) => v,
                    Err(_) => return false,
                },
            };
            let value = Scaled { mantissa, scale };
            if !m.state.try_add(referred, value, referrals)
                && m.state.step(referred, value, referrals, 1).is_err()
            {
                return false;
            }
            m.scales[usize::from(!referred)].add(scale);
            true
        })
    }
}

crate::pg_v1_fn!(fn referral_accum, pg_finfo_referral_accum, fast |f| unsafe { row_fast(f) }, |f| unsafe { row(f, false) });
crate::pg_v1_fn!(fn referral_inv, pg_finfo_referral_inv, |f| unsafe { row(f, true) });
crate::pg_v1_fn!(fn referral_final, pg_finfo_referral_final, |f| unsafe { summary::finish::<ReferralState>(f) });
crate::pg_v1_fn!(fn referral_rollup_accum, pg_finfo_referral_rollup_accum, |f| unsafe { summary::rollup::<ReferralState>(f, false) });
crate::pg_v1_fn!(fn referral_rollup_inv, pg_finfo_referral_rollup_inv, |f| unsafe { summary::rollup::<ReferralState>(f, true) });
crate::pg_v1_fn!(fn referral_combine, pg_finfo_referral_combine, |f| unsafe { agg::combine::<ReferralState>(f) });
crate::pg_v1_fn!(fn referral_serialize, pg_finfo_referral_serialize, |f| unsafe { agg::serialize::<ReferralState>(f) });
crate::pg_v1_fn!(fn referral_deserialize, pg_finfo_referral_deserialize, |f| unsafe { agg::deserialize::<ReferralState>(f) });

crate::pg_v1_fn!(fn referralsummary_in, pg_finfo_referralsummary_in, |f| unsafe { summary::input::<ReferralState>(f) });
crate::pg_v1_fn!(fn referralsummary_out, pg_finfo_referralsummary_out, |f| unsafe { summary::output::<ReferralState>(f) });
crate::pg_v1_fn!(fn referralsummary_recv, pg_finfo_referralsummary_recv, |f| unsafe { summary::recv::<ReferralState>(f) });
crate::pg_v1_fn!(fn referralsummary_send, pg_finfo_referralsummary_send, |f| unsafe { summary::send::<ReferralState>(f) });
crate::pg_v1_fn!(fn referralsummary_eq, pg_finfo_referralsummary_eq, |f| unsafe { summary::compare::<ReferralState>(f, |o| o.is_eq()) });
crate::pg_v1_fn!(fn referralsummary_ne, pg_finfo_referralsummary_ne, |f| unsafe { summary::compare::<ReferralState>(f, |o| o.is_ne()) });
crate::pg_v1_fn!(fn referralsummary_lt, pg_finfo_referralsummary_lt, |f| unsafe { summary::compare::<ReferralState>(f, |o| o.is_lt()) });
crate::pg_v1_fn!(fn referralsummary_le, pg_finfo_referralsummary_le, |f| unsafe { summary::compare::<ReferralState>(f, |o| o.is_le()) });
crate::pg_v1_fn!(fn referralsummary_gt, pg_finfo_referralsummary_gt, |f| unsafe { summary::compare::<ReferralState>(f, |o| o.is_gt()) });
crate::pg_v1_fn!(fn referralsummary_ge, pg_finfo_referralsummary_ge, |f| unsafe { summary::compare::<ReferralState>(f, |o| o.is_ge()) });
crate::pg_v1_fn!(fn referralsummary_cmp, pg_finfo_referralsummary_cmp, |f| unsafe { summary::cmp::<ReferralState>(f) });
crate::pg_v1_fn!(fn referralsummary_hash, pg_finfo_referralsummary_hash, |f| unsafe { summary::hash::<ReferralState>(f, false) });
crate::pg_v1_fn!(fn referralsummary_hash_extended, pg_finfo_referralsummary_hash_extended, |f| unsafe { summary::hash::<ReferralState>(f, true) });

unsafe fn access(
    f: pg_sys::FunctionCallInfo,
    get: impl FnOnce(&ReferralState) -> Option<pg_sys::Datum>,
) -> pg_sys::Datum {
    unsafe { summary::accessor::<ReferralState>(f, get) }
}

/// `a / b` (`b` not zero) as `avg()` and `share()` divide: PostgreSQL's numeric division.
unsafe fn div(a: pg_sys::Numeric, b: Scaled) -> pg_sys::Datum {
    unsafe { pg_sys::Datum::from(agg::numeric_div(a, agg::numeric_from_scaled(b))) }
}

crate::pg_v1_fn!(fn referralsummary_customers, pg_finfo_referralsummary_customers, |f| unsafe {
    access(f, |s| Some(pg_sys::Datum::from(s.customers())))
});
crate::pg_v1_fn!(fn referred_customers, pg_finfo_referred_customers, |f| unsafe {
    access(f, |s| Some(pg_sys::Datum::from(s.referred)))
});
crate::pg_v1_fn!(fn referred_value, pg_finfo_referred_value, |f| unsafe {
    access(f, |s| Some(pg_sys::Datum::from(agg::numeric_from_scaled(s.referred_value))))
});
crate::pg_v1_fn!(fn referred_value_share, pg_finfo_referred_value_share, |f| unsafe {
    access(f, |s| agg::numeric_percent_scaled(s.referred_value, s.value()).map(pg_sys::Datum::from))
});
crate::pg_v1_fn!(fn value_per_referred, pg_finfo_value_per_referred, |f| unsafe {
    access(f, |s| (s.referred > 0).then(|| div(agg::numeric_from_scaled(s.referred_value), Scaled::from(s.referred))))
});
crate::pg_v1_fn!(fn value_per_other, pg_finfo_value_per_other, |f| unsafe {
    access(f, |s| (s.others > 0).then(|| div(agg::numeric_from_scaled(s.other_value), Scaled::from(s.others))))
});
// (referred value / referred) / (other value / others), in one exact division
crate::pg_v1_fn!(fn referral_lift, pg_finfo_referral_lift, |f| unsafe {
    access(f, |s| {
        (s.referred > 0 && s.others > 0 && s.other_value.mantissa != 0).then(|| {
            let num = agg::numeric_mul(agg::numeric_from_scaled(s.referred_value), pg_sys::int64_to_numeric(s.others));
            let den = agg::numeric_mul(agg::numeric_from_scaled(s.other_value), pg_sys::int64_to_numeric(s.referred));
            pg_sys::Datum::from(agg::numeric_div(num, den))
        })
    })
});
crate::pg_v1_fn!(fn referring_share, pg_finfo_referring_share, |f| unsafe {
    access(f, |s| (s.customers() > 0).then(|| agg::numeric_percent(s.referring, s.customers())))
});
crate::pg_v1_fn!(fn referralsummary_referrals, pg_finfo_referralsummary_referrals, |f| unsafe {
    access(f, |s| Some(pg_sys::Datum::from(s.referrals)))
});

pgrx::extension_sql_file!(
    "referral.sql",
    name = "referral",
    requires = ["summary_ops"]
);
