//! Unit and property tests of the interval math (`confidence.rs`).

use super::*;
use crate::numeric::tests::whole::rng;

fn round1(x: f64) -> f64 {
    (x * 10.0).round() / 10.0
}

#[test]
fn measuringu_worked_example() {
    // n = 200, 90 promoters, 40 detractors: NPS 25, Wald margin 10.6, adjusted Wald [14.1, 35.2]
    let z = z(0.95);
    assert!((z - 1.959_963_985).abs() < 1e-8, "{z}");
    let wald = nps_interval(90, 40, 200, z, false).unwrap().times(100.0);
    assert_eq!(round1(wald.margin()), 10.6);
    let adjusted = nps_interval(90, 40, 200, z, true).unwrap().times(100.0);
    assert_eq!(
        (round1(adjusted.lower), round1(adjusted.upper)),
        (14.1, 35.2)
    );
    assert_eq!(round1(nps_std_error(90, 40, 200).unwrap() * 100.0), 5.4);
}

#[test]
fn sample_sizes() {
    // +-5 NPS points, worst case: 1.96^2 / 0.05^2; a proportion +-5 points: 385
    assert_eq!(nps_sample_size(5.0, z(0.95)), 1537.0);
    assert_eq!(proportion_sample_size(5.0, z(0.95)), 385.0);
    assert_eq!(proportion_sample_size(3.0, z(0.95)), 1068.0);
}

#[test]
fn tests_of_two_groups() {
    assert!(nps_test((90, 40, 200), (90, 40, 200)).unwrap() > 0.99);
    assert!(nps_test((120, 20, 200), (60, 60, 200)).unwrap() < 1e-6);
    assert_eq!(proportion_test(0.0, 10.0, 0.0, 20.0), Some(1.0));
    assert_eq!(proportion_test(1.0, 0.0, 1.0, 2.0), None);
    let p = proportion_test(45.0, 100.0, 30.0, 100.0).unwrap();
    assert!((p - 0.02846).abs() < 1e-4, "{p}");
}

/// Every method, random counts: the interval contains the estimate, stays in range, and narrows
/// as n grows with the same proportions.
#[test]
fn intervals_contain_the_estimate_stay_in_range_and_narrow() {
    let mut next = rng(0x636f_6e66_6964);
    for _ in 0..20_000 {
        let n = 1 + next(500) as i64;
        let promoters = next(n as u64 + 1) as i64;
        let detractors = next((n - promoters) as u64 + 1) as i64;
        let conf = [0.5, 0.8, 0.9, 0.95, 0.99, 0.999][next(6) as usize];
        let z = z(conf);
        let point = (promoters - detractors) as f64 / n as f64;
        for adjusted in [false, true] {
            let i = nps_interval(promoters, detractors, n, z, adjusted).unwrap();
            assert!(
                i.lower <= point && point <= i.upper && -1.0 <= i.lower && i.upper <= 1.0,
                "{i:?}"
            );
            let wider = nps_interval(promoters * 4, detractors * 4, n * 4, z, adjusted).unwrap();
            assert!(wider.margin() <= i.margin() + 1e-12, "{i:?} {wider:?}");
        }
        let (x, n) = (promoters as f64, n as f64);
        for method in PROPORTION_METHODS {
            let i = proportion_interval(x, n, z, method).unwrap();
            let p = x / n;
            assert!(
                i.lower <= p && p <= i.upper && 0.0 <= i.lower && i.upper <= 1.0,
                "{method} {i:?}"
            );
            let wider = proportion_interval(x * 4.0, n * 4.0, z, method).unwrap();
            assert!(
                wider.margin() <= i.margin() + 1e-12,
                "{method} {i:?} {wider:?}"
            );
        }
    }
}

#[test]
fn t_quantiles_equal_scipy() {
    // scipy.stats.t.ppf(1 - (1 - confidence) / 2, df), on both sides of the switch to the
    // expansion (10^4 degrees of freedom) and far past it
    for (confidence, df, expected) in [
        (0.95, 1.0, 12.706_204_736_174_694),
        (0.99, 1.0, 63.656_741_162_871_526),
        (0.95, 9.0, 2.262_157_162_798_205),
        (0.99, 29.0, 2.756_385_903_670_605),
        (0.95, 1000.0, 1.962_339_080_826_408_3),
        (0.95, 1e4, 1.960_201_239_890_626),
        (0.99, 1e4, 2.576_321_046_668_528_2),
        (0.95, 1e5, 1.959_987_707_534_609_5),
        (0.99, 1e6, 2.575_834_220_105_334_4),
        (0.95, 1e9, 1.959_963_986_912_325),
        (0.99, 1e15, 2.575_829_303_548_905_3),
    ] {
        let got = t(confidence, df);
        assert!(
            (got - expected).abs() < 1e-11,
            "t({confidence}, {df}) = {got}"
        );
    }
    // each side of the switch agrees with the other
    let (below, above) = (t(0.95, T_EXPANSION_DF), t(0.95, T_EXPANSION_DF + 1.0));
    assert!(below > above && below - above < 2e-6, "{below} {above}");
}

#[test]
fn mean_interval_of_a_textbook_sample() {
    // 2, 4, 4, 4, 5, 5, 7, 9: mean 5, s^2 = 32/7, 95 %: 5 ± 2.3646 * sqrt(32/7/8)
    let i = mean_interval(5.0, 32.0 / 7.0, 8, 0.95).unwrap();
    let half = 2.364_624_251_592_785 * (32.0f64 / 7.0 / 8.0).sqrt();
    assert!((i.lower - (5.0 - half)).abs() < 1e-12 && (i.upper - (5.0 + half)).abs() < 1e-12);
    assert_eq!(mean_interval(5.0, 0.0, 1, 0.95), None);
    assert_eq!(mean_std_error(4.0, 1), None);
    assert_eq!(mean_std_error(4.0, 4), Some(1.0));
}

#[test]
fn mean_intervals_contain_the_mean_and_narrow_with_n() {
    let mut next = rng(0x5eed_0c35);
    for _ in 0..20_000 {
        let mean = next(7000) as f64 / 1000.0;
        let variance = next(4000) as f64 / 1000.0;
        let n = 2 + next(5000) as i64;
        let confidence = 0.5 + next(499) as f64 / 1000.0;
        let i = mean_interval(mean, variance, n, confidence).unwrap();
        assert!(i.lower <= mean && mean <= i.upper, "{mean} {i:?}");
        let wider = mean_interval(mean, variance, n * 2, confidence).unwrap();
        assert!(wider.margin() <= i.margin(), "{n} {i:?} {wider:?}");
    }
}
