use super::*;
use crate::numeric::tests::whole::rng as xorshift;

/// The published CDNOW estimates (Fader, Hardie & Lee 2005).
const CDNOW: BgNbd = BgNbd {
    r: 0.243,
    alpha: 4.414,
    a: 0.793,
    b: 2.426,
};

fn customer(x: i64, t_x: f64, t: f64) -> Customer {
    Customer::new("test", x, t_x, t).unwrap()
}

/// A uniform number in (0, 1).
fn uniform(next: &mut impl FnMut(u64) -> u64) -> f64 {
    (next(1 << 53) as f64 + 0.5) / (1u64 << 53) as f64
}

/// A Gamma(shape, 1) number (Marsaglia & Tsang 2000; shape < 1 by Stuart's power).
fn gamma(next: &mut impl FnMut(u64) -> u64, shape: f64) -> f64 {
    if shape < 1.0 {
        return gamma(next, shape + 1.0) * uniform(next).powf(1.0 / shape);
    }
    let d = shape - 1.0 / 3.0;
    loop {
        // a standard normal by Box-Muller
        let z = (-2.0 * uniform(next).ln()).sqrt() * (std::f64::consts::TAU * uniform(next)).cos();
        let v = (1.0 + z / (9.0 * d).sqrt()).powi(3);
        if v > 0.0 && uniform(next).ln() < z * z / 2.0 + d - d * v + d * v.ln() {
            return d * v;
        }
    }
}

/// `n` customers drawn from the BG/NBD model `m`, ages up to 39 (the model's own story: buy at
/// Poisson times while alive, die after a purchase with probability p).
fn random_data(seed: u64, n: usize, m: &BgNbd) -> Data {
    let mut next = xorshift(seed);
    let mut customers: Vec<Customer> = (0..n)
        .map(|_| {
            let t = 1.0 + next(3800) as f64 / 100.0;
            let lambda = gamma(&mut next, m.r) / m.alpha;
            let (ga, gb) = (gamma(&mut next, m.a), gamma(&mut next, m.b));
            let p = ga / (ga + gb);
            let (mut x, mut last, mut now) = (0, 0.0, 0.0);
            loop {
                now += -uniform(&mut next).ln() / lambda;
                if now > t {
                    break;
                }
                (x, last) = (x + 1, now);
                if uniform(&mut next) < p {
                    break;
                }
            }
            customer(x, last, t)
        })
        .collect();
    Data::from_customers(&mut customers)
}

#[test]
fn predictions_equal_lifetimes() {
    // lifetimes 0.11.3 BetaGeoFitter with params_ set to CDNOW's published estimates
    for (t, x, t_x, age, purchases, alive) in [
        (39.0, 2, 30.43, 38.86, 1.226028174767135, 0.726578570080673),
        (10.0, 0, 0.0, 38.86, 0.05429984838044943, 1.0),
        (52.0, 7, 35.0, 38.5, 5.608088206448996, 0.8515792338703856),
        (1000.0, 3, 10.0, 20.0, 12.06575133944958, 0.5026268397756551),
    ] {
        let c = customer(x, t_x, age);
        let got = CDNOW.expected_purchases(t, &c, &|| {}).unwrap();
        assert!(
            (got / purchases - 1.0).abs() < 1e-12,
            "{t} {x}: {got} {purchases}"
        );
        assert!((CDNOW.probability_alive(&c) / alive - 1.0).abs() < 1e-13);
    }
    let got = CDNOW.expected_purchases_new(39.0, &|| {}).unwrap();
    assert!((got / 1.1967231933207985 - 1.0).abs() < 1e-12, "{got}");
}

#[test]
fn gradient_is_the_derivative() {
    super::fit::assert_gradient(&random_data(7, 500, &CDNOW), &[0.4, 3.0, 0.9, 2.1]);
}

#[test]
fn fit_is_a_maximum_and_patterns_count_customers() {
    let data = random_data(11, 20_000, &CDNOW);
    assert_eq!(data.customers(), 20_000.0);
    let (m, f) = fit(&data, &|| {}).unwrap();
    // near the parameters the data came from
    assert!(
        (m.r / CDNOW.r - 1.0).abs() < 0.2 && (m.a / CDNOW.a - 1.0).abs() < 0.3,
        "{m:?}"
    );
    let at = [m.r, m.alpha, m.a, m.b];
    let (ll, g) = data.mean_log_likelihood(&at).unwrap();
    assert!((ll - f.mean_log_likelihood).abs() < 1e-12);
    // a stationary point in the data's own time unit (the fit ran in scaled time)
    for (gi, pi) in g.iter().zip(at) {
        assert!((gi * pi).abs() < 1e-7, "{g:?}");
    }
    for i in 0..4 {
        for s in [0.99, 1.01] {
            let mut q = at;
            q[i] *= s;
            assert!(data.mean_log_likelihood(&q).unwrap().0 < ll);
        }
    }
    // the same customers twice: the same fit
    let mut twice = data.clone();
    twice.patterns.iter_mut().for_each(|(_, n)| *n *= 2.0);
    assert_eq!(twice.customers(), 40_000.0);
    let (m2, _) = fit(&twice, &|| {}).unwrap();
    assert!((m2.r / m.r - 1.0).abs() < 1e-6 && (m2.b / m.b - 1.0).abs() < 1e-6);
}

#[test]
fn checks_and_unidentified_data() {
    // recency spread evenly over the age: nobody seems to die, a and b run off to infinity
    let mut next = xorshift(3);
    let mut even: Vec<Customer> = (0..3000)
        .map(|_| {
            let t = 1.0 + next(3800) as f64 / 100.0;
            let x = [0, 1, 2, 3, 5][next(5) as usize];
            customer(
                x,
                if x == 0 {
                    0.0
                } else {
                    t * next(101) as f64 / 100.0
                },
                t,
            )
        })
        .collect();
    let err = fit(&Data::from_customers(&mut even), &|| {}).unwrap_err();
    assert!(
        err.message().starts_with("bgnbd_fit did not converge ("),
        "{err}"
    );
    let e = |x, t_x, t| Customer::new("bgnbd_fit", x, t_x, t).unwrap_err();
    assert_eq!(
        e(-1, 0.0, 1.0).message(),
        "bgnbd_fit frequency must not be negative, got -1"
    );
    assert_eq!(e(-1, 0.0, 1.0).sqlstate(), "22003");
    assert_eq!(
        e(1, -2.0, 1.0).message(),
        "bgnbd_fit recency must be a finite number of at least 0, got -2"
    );
    assert_eq!(
        e(1, 1.0, f64::INFINITY).message(),
        "bgnbd_fit age must be a finite number of at least 0, got inf"
    );
    assert_eq!(
        e(1, 3.0, 2.0).message(),
        "bgnbd_fit recency must not exceed the age, got recency 3 and age 2"
    );
    assert_eq!(e(1, 3.0, 2.0).sqlstate(), "22023");
    assert_eq!(
        e(0, 1.0, 2.0).message(),
        "bgnbd_fit recency must be 0 for a customer with no repeat purchase, got 1"
    );
    let mut none = vec![customer(0, 0.0, 5.0), customer(0, 0.0, 9.0)];
    let err = fit(&Data::from_customers(&mut none), &|| {}).unwrap_err();
    assert_eq!(err.sqlstate(), "22023");
    assert_eq!(err.message(), "bgnbd_fit needs a customer with a repeat purchase (frequency above 0), got 2 customers with none");
}
