use super::*;

/// Fader & Hardie (2007), table 1: survivors of 1,000 customers after 0-7 years.
const REGULAR: [i64; 8] = [1000, 631, 468, 382, 326, 289, 262, 241];
const HIGH_END: [i64; 8] = [1000, 869, 743, 653, 593, 551, 517, 491];

fn fitted(survivors: &[i64]) -> (Sbg, Fitted) {
    fit(&Counts::from_survivors(survivors).unwrap(), &|| {}).unwrap()
}

#[test]
fn reproduces_fader_hardie_2007() {
    // their estimates and their projections for years 8-12, per 1,000
    for (data, alpha, beta, projected) in [
        (REGULAR, 0.704, 1.182, [220, 204, 191, 180, 170]),
        (HIGH_END, 0.668, 3.806, [460, 436, 414, 395, 378]),
    ] {
        let (m, f) = fitted(&data);
        assert!(
            (m.alpha - alpha).abs() < 5e-4 && (m.beta - beta).abs() < 5e-4,
            "{m:?}"
        );
        for (t, want) in (8..=12).zip(projected) {
            assert_eq!((m.survival(t) * 1000.0).round(), want as f64, "{t}");
        }
        assert!(f.iterations > 0 && f.mean_log_likelihood < 0.0);
    }
    // the log-likelihood at the optimum (scipy's Nelder-Mead over the same formula: -1680.2652)
    let (_, f) = fitted(&REGULAR);
    assert!((f.mean_log_likelihood * 1000.0 + 1_680.265_188_463).abs() < 1e-6);
}

#[test]
fn gradient_is_the_derivative() {
    super::fit::assert_gradient(&Counts::from_survivors(&HIGH_END).unwrap(), &[0.9, 2.3]);
}

#[test]
fn survival_and_retention_agree() {
    let m = Sbg {
        alpha: 0.704,
        beta: 1.182,
    };
    assert_eq!(m.survival(0), 1.0);
    for t in 1..20 {
        let r = m.survival(t) / m.survival(t - 1);
        assert!((r / m.retention(t) - 1.0).abs() < 1e-12);
        assert!(m.retention(t + 1) > m.retention(t));
    }
}

/// DERL by its definition: the sum of the survival ratios, the next payment undiscounted.
fn derl_by_sum(m: &Sbg, n: u64, d: f64) -> f64 {
    (n + 1..n + 20_000)
        .map(|t| m.survival(t) / m.survival(n) / (1.0 + d).powi((t - n - 1) as i32))
        .sum()
}

#[test]
fn residual_lifetime_both_readings() {
    let m = Sbg {
        alpha: 0.668,
        beta: 3.806,
    };
    let d = 0.1;
    for n in [0, 1, 4, 10] {
        let closed = m.residual_lifetime(n, d, &|| {}).unwrap();
        assert!((closed / derl_by_sum(&m, n, d) - 1.0).abs() < 1e-9, "{n}");
        // Fader & Hardie's DERL(d | n - 1 renewals) for a customer in period n = n renewals + 1:
        // (beta + n - 1) / (alpha + beta + n - 1) 2F1(1, beta + n; alpha + beta + n; 1 / (1 + d))
        let period = n + 1;
        let (a, b, p) = (m.alpha, m.beta, period as f64);
        let fh = (b + p - 1.0) / (a + b + p - 1.0)
            * hyp2f1(1.0, b + p, a + b + p, 1.0 / (1.0 + d), &|| {}).unwrap();
        assert!((closed / fh - 1.0).abs() < 1e-12, "{n}");
        // reading n as periods instead of renewals is one period later: a different number
        let off = m.residual_lifetime(period, d, &|| {}).unwrap();
        assert!((off - closed).abs() > 1e-3, "{n}");
    }
    // DEL: the first payment and the discounted rest; equal to 2F1(1, beta; alpha + beta; 1/(1+d))
    let del = 1.0 + m.residual_lifetime(0, d, &|| {}).unwrap() / (1.0 + d);
    let want = hyp2f1(1.0, m.beta, m.alpha + m.beta, 1.0 / (1.0 + d), &|| {}).unwrap();
    assert!((del / want - 1.0).abs() < 1e-12);
}

#[test]
fn counts_from_rows_equal_the_series_and_merge() {
    let mut rows = Counts::default();
    for (t, w) in REGULAR.windows(2).enumerate() {
        rows.add(t as u64, true, (w[0] - w[1]) as u64).unwrap();
    }
    rows.add(7, false, 241).unwrap();
    assert_eq!(rows, Counts::from_survivors(&REGULAR).unwrap());
    assert_eq!(rows.customers(), 1000);
    let mut twice = rows.clone();
    twice.merge(&rows).unwrap();
    assert_eq!(twice.customers(), 2000);
    let (m1, _) = fit(&rows, &|| {}).unwrap();
    let (m2, _) = fit(&twice, &|| {}).unwrap();
    assert!((m1.alpha - m2.alpha).abs() < 1e-7 && (m1.beta - m2.beta).abs() < 1e-7);
}

#[test]
fn unidentified_data_and_bad_series_are_errors() {
    let one_period = Counts::from_survivors(&[1000, 600]).unwrap();
    let e = fit(&one_period, &|| {}).unwrap_err();
    assert_eq!(e.sqlstate(), "22023");
    assert_eq!(e.message(), "sbg_fit needs customers who churned and customers observed through at least 2 renewals, got 400 churned of 1000 customers over 1 renewals");
    let e = fit(&Counts::from_survivors(&[10, 10, 10]).unwrap(), &|| {}).unwrap_err();
    assert!(e.message().contains("got 0 churned of 10 customers"), "{e}");
    let e = Counts::from_survivors(&[10, 4, 5]).unwrap_err();
    assert_eq!(
        e.message(),
        "sbg_fit survivors must not rise nor be negative, got 4 then 5 after 2 renewals"
    );
    assert_eq!(
        Counts::from_survivors(&[-1]).unwrap_err().sqlstate(),
        "22023"
    );
    // nobody renews a second time: no spread to fit, the fit runs off
    let e = fit(&Counts::from_survivors(&[100, 50, 0]).unwrap(), &|| {});
    assert!(e.is_ok() || e.unwrap_err().sqlstate() == "22023");
}

#[test]
fn a_long_ridge_converges() {
    // ten cohorts' worth of renewals whose churn falls with tenure (Citus test rows): alpha and
    // beta run along a ridge of nearly equal likelihood, where L-BFGS stops short and Newton's
    // steps finish
    let mut c = Counts::default();
    for (r, churned, n) in [
        (0, false, 1718),
        (0, true, 1139),
        (1, false, 2278),
        (1, true, 580),
        (2, false, 2488),
        (2, true, 369),
        (3, false, 2572),
        (3, true, 285),
        (4, false, 2625),
        (4, true, 232),
        (5, false, 2689),
        (5, true, 168),
        (6, false, 2712),
        (6, true, 145),
    ] {
        c.add(r, churned, n).unwrap();
    }
    let (m, f) = fit(&c, &|| {}).unwrap();
    assert!(
        (m.alpha - 3.056).abs() < 1e-3 && (m.beta - 61.2).abs() < 0.1,
        "{m:?}"
    );
    let (_, g) = c.mean_log_likelihood(&[m.alpha, m.beta]).unwrap();
    assert!(
        (g[0] * m.alpha).abs() < 1e-9 && (g[1] * m.beta).abs() < 1e-9,
        "{g:?} {f:?}"
    );
}

#[test]
fn late_entrants_are_conditional_on_their_entry() {
    let base = Counts::from_survivors(&HIGH_END).unwrap();
    let p = [0.9, 2.3];
    let total = |c: &Counts| c.mean_log_likelihood(&p).unwrap().0 * c.customers() as f64;
    let m = Sbg {
        alpha: p[0],
        beta: p[1],
    };
    // one customer first seen after 3 renewals who churns at T = 5: ln P(T = 5) - ln S(3)
    let mut late = base.clone();
    late.add(4, true, 1).unwrap();
    late.enter(3, 1).unwrap();
    let p5 = m.survival(4) - m.survival(5);
    assert!((total(&late) - total(&base) - (p5 / m.survival(3)).ln()).abs() < 1e-9);
    // ... one still a customer after 6: ln S(6) - ln S(3)
    let mut alive = base.clone();
    alive.add(6, false, 1).unwrap();
    alive.enter(3, 1).unwrap();
    assert!((total(&alive) - total(&base) - (m.survival(6) / m.survival(3)).ln()).abs() < 1e-9);
    // entry at 0 is no condition; merging keeps the entries
    let mut zero = base.clone();
    zero.enter(0, 5).unwrap();
    assert_eq!(zero, base);
    let mut merged = Counts::default();
    merged.merge(&late).unwrap();
    assert_eq!(merged, late);
    super::fit::assert_gradient(&late, &p);
}
