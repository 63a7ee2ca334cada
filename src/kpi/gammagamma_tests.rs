use super::*;

const CDNOW: GammaGamma = GammaGamma {
    p: 6.25,
    q: 3.74,
    v: 15.44,
};
const CDNOW_BGNBD: BgNbd = BgNbd {
    r: 0.243,
    alpha: 4.414,
    a: 0.793,
    b: 2.426,
};

#[test]
fn predictions_equal_lifetimes() {
    // lifetimes 0.11.3 with params_ set to CDNOW's published estimates; customer_lifetime_value
    // with time=12, discount_rate=0.01, freq="W"
    for (x, t_x, t, m, spend, value) in [
        (
            2,
            30.43,
            38.86,
            22.35,
            24.663713910761157,
            36.28921112559952,
        ),
        (0, 0.0, 38.86, 0.0, 35.21897810218978, 8.369004358920185),
        (7, 35.0, 38.5, 41.0, 40.659281565928154, 215.4454556042569),
    ] {
        let got = CDNOW.expected_spend(x as f64, m).unwrap();
        assert!((got / spend - 1.0).abs() < 1e-13, "{got} {spend}");
        let c = Customer::new("test", x, t_x, t).unwrap();
        let got = CDNOW
            .customer_value(
                &CDNOW_BGNBD,
                &c,
                m,
                &Horizon {
                    periods: 12,
                    length: 4.345,
                    discount_rate: 0.01,
                },
                &|| {},
            )
            .unwrap()
            .unwrap();
        assert!((got / value - 1.0).abs() < 1e-12, "{got} {value}");
    }
    let heavy = GammaGamma { q: 0.9, ..CDNOW };
    let e = heavy.expected_spend(1.0, 10.0).unwrap_err();
    assert_eq!(e.sqlstate(), "22023");
    assert_eq!(e.message(), "expected_spend needs a gammagamma model with q above 1 (else the mean spend is infinite), got q = 0.9");
}

#[test]
fn gradient_is_the_derivative_and_fit_is_a_maximum() {
    let mut customers: Vec<(f64, f64)> = (1..400)
        .map(|i| {
            (
                (1 + i % 7) as f64,
                5.0 + (i * 37 % 101) as f64 * (1.0 + (i % 3) as f64),
            )
        })
        .collect();
    let data = Data::from_customers(&mut customers);
    super::fit::assert_gradient(&data, &[4.0, 3.0, 20.0]);
    let (m, f) = fit(&data, &|| {}).unwrap();
    let at = [m.p, m.q, m.v];
    let (ll, g) = data.mean_log_likelihood(&at).unwrap();
    assert_eq!(ll, f.mean_log_likelihood);
    for (gi, pi) in g.iter().zip(at) {
        assert!((gi * pi).abs() < 1e-8, "{g:?}");
    }
}

#[test]
fn checks_and_unidentified_data() {
    assert_eq!(check_spend("gammagamma_fit", 0.0).unwrap_err().message(), "gammagamma_fit monetary_value of a customer with repeat purchases must be a finite number above 0, got 0");
    assert_eq!(
        check_spend("gammagamma_fit", f64::NAN)
            .unwrap_err()
            .sqlstate(),
        "22003"
    );
    let mut same = vec![(1.0, 10.0), (3.0, 10.0)];
    let e = fit(&Data::from_customers(&mut same), &|| {}).unwrap_err();
    assert_eq!(e.message(), "gammagamma_fit needs repeat buyers (frequency above 0) of at least two different monetary values, got 2 repeat buyers");
    assert_eq!(
        fit(&Data::default(), &|| {}).unwrap_err().sqlstate(),
        "22023"
    );
}

/// The demo's mid-market repeat buyers: L-BFGS's line search steps where the likelihood is not
/// finite and gives up at gradient 0.6; the fit restarts it and reaches lifetimes' fit.
#[test]
fn a_line_search_that_gives_up_restarts() {
    let mut customers = vec![
        (1.0, 598.4),
        (1.0, 394.51),
        (1.0, 202.9),
        (3.0, 594.09),
        (2.0, 515.395),
        (1.0, 461.0),
        (19.0, 273.2363157894737),
        (1.0, 437.26),
        (1.0, 357.03),
        (10.0, 615.2729999999999),
        (29.0, 660.1275862068966),
        (8.0, 789.1725000000001),
        (31.0, 675.0277419354838),
        (4.0, 639.9125),
        (1.0, 407.73),
        (8.0, 437.385),
        (3.0, 530.5233333333334),
        (1.0, 269.16),
        (1.0, 768.21),
        (13.0, 609.6992307692307),
        (8.0, 489.4275),
        (1.0, 180.83),
        (7.0, 540.84),
        (1.0, 486.52),
        (3.0, 554.4933333333333),
        (7.0, 499.92),
        (14.0, 503.0964285714285),
        (6.0, 256.085),
        (3.0, 372.3866666666667),
        (1.0, 372.56),
        (1.0, 930.72),
        (3.0, 529.7566666666667),
        (1.0, 232.43),
        (5.0, 418.052),
        (2.0, 327.965),
        (1.0, 552.75),
        (5.0, 437.95599999999996),
        (2.0, 767.1099999999999),
        (3.0, 753.1466666666666),
        (2.0, 419.31999999999994),
        (2.0, 485.925),
        (1.0, 181.06),
        (3.0, 698.1333333333333),
        (1.0, 158.65),
        (2.0, 291.77),
        (11.0, 586.4490909090908),
        (2.0, 560.835),
        (8.0, 264.05125000000004),
        (1.0, 154.7),
        (2.0, 257.435),
        (4.0, 675.895),
        (2.0, 373.90999999999997),
        (3.0, 638.5033333333333),
        (2.0, 296.12),
        (1.0, 795.92),
        (10.0, 308.228),
        (22.0, 744.5149999999998),
        (1.0, 600.33),
        (8.0, 798.0312500000001),
        (6.0, 457.6933333333333),
        (3.0, 404.8966666666666),
        (6.0, 677.945),
        (5.0, 581.5840000000001),
    ];
    let data = Data::from_customers(&mut customers);
    let (m, _) = fit(&data, &|| {}).unwrap();
    // lifetimes 0.11.3's GammaGammaFitter on the same repeat buyers
    for (got, want) in [
        (m.p, 4.763779828610138),
        (m.q, 14.430310324875235),
        (m.v, 1447.756213625539),
    ] {
        assert!((got / want - 1.0).abs() < 1e-6, "{m:?}");
    }
}
