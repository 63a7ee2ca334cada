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
