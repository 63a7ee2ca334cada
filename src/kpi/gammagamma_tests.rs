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
    let p = [4.0, 3.0, 20.0];
    let (_, g) = data.mean_log_likelihood(&p).unwrap();
    for i in 0..3 {
        let h = 1e-6;
        let (mut lo, mut hi) = (p, p);
        lo[i] -= h;
        hi[i] += h;
        let d = (data.mean_log_likelihood(&hi).unwrap().0
            - data.mean_log_likelihood(&lo).unwrap().0)
            / (2.0 * h);
        assert!((d - g[i]).abs() < 1e-7, "{i}: {d} {}", g[i]);
    }
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
