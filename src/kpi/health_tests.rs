use super::*;

fn d(mantissa: i128, scale: u32) -> Scaled {
    Scaled { mantissa, scale }
}

fn n(x: i128) -> Scaled {
    d(x, 0)
}

fn some(xs: &[i128]) -> Vec<Option<Scaled>> {
    xs.iter().map(|&x| Some(n(x))).collect()
}

fn measure(i: usize) -> String {
    format!("measure {}", i + 1)
}

#[test]
fn gainsight_worked_example() {
    // Gainsight, "Calculation of Measure Group Scores and Overall Score": weights 20, 15, 22 and
    // scores 47, 59, 21 give (940 + 885 + 462) / 57 = 40.122, shown as 40.
    let v = score(&some(&[47, 59, 21]), &[n(20), n(15), n(22)], measure)
        .unwrap()
        .unwrap();
    assert_eq!(v, Value::Fraction(n(2287), n(57)));
    assert_eq!((v.approx() * 1000.0).floor(), 40122.0);
    assert_eq!(v.approx().round(), 40.0);
}

#[test]
fn missing_measures_are_reweighted() {
    // the second measure missing: (20 * 47 + 22 * 21) / (20 + 22), as if it were not configured
    let scores = vec![Some(n(47)), None, Some(n(21))];
    let w = [n(20), n(15), n(22)];
    let v = score(&scores, &w, measure).unwrap().unwrap();
    assert_eq!(v, Value::Fraction(n(1402), n(42)));
    let without = score(&some(&[47, 21]), &[n(20), n(22)], measure).unwrap();
    assert_eq!(without.unwrap().approx(), v.approx());
    // nothing present, or only weight-0 measures present: no score (NULL), never 0
    assert_eq!(score(&[None, None], &[n(1), n(2)], measure).unwrap(), None);
    assert_eq!(
        score(&[Some(n(80)), None], &[n(0), n(2)], measure).unwrap(),
        None
    );
    // percentages as weights, decimals exact
    let v = score(
        &[Some(d(505, 1)), Some(n(100))],
        &[d(25, 2), d(75, 2)],
        measure,
    )
    .unwrap();
    assert_eq!(v, Some(Value::Fraction(d(87625, 3), d(100, 2))));
    assert_eq!(v.unwrap().approx(), 87.625);
}

#[test]
fn health_score_errors() {
    let err = |s: &[Option<Scaled>], w: &[Scaled]| score(s, w, measure).unwrap_err();
    let e = err(&some(&[1, 2]), &[n(1)]);
    assert_eq!(e.sqlstate(), "22023");
    assert_eq!(
        e.message(),
        "health_score needs a weight per score, got 2 scores and 1 weights"
    );
    let e = err(&some(&[1, 2]), &[n(1), n(-5)]);
    assert_eq!(
        e.message(),
        "health_score weight of measure 2 must not be negative, got -5"
    );
    assert_eq!(e.sqlstate(), "22023");
    let e = err(&some(&[1, 2]), &[n(0), d(0, 2)]);
    assert_eq!(
        e.message(),
        "health_score weights must not all be zero, got 0, 0.00"
    );
    let e = err(&[], &[]);
    assert_eq!(
        e.message(),
        "health_score needs at least one measure, got none"
    );
    assert_eq!(e.sqlstate(), "22023");
    let e = err(&[Some(d(1005, 1))], &[n(1)]);
    assert_eq!(e.sqlstate(), "22003");
    assert_eq!(
        e.message(),
        "health_score score of measure 1 must be within 0..100, got 100.5"
    );
    let e = err(&[Some(n(-1))], &[n(1)]);
    assert_eq!(e.sqlstate(), "22003");
    // a product past 38 decimals
    let e = err(&[Some(d(1, 30))], &[d(1, 20)]);
    assert_eq!(e.sqlstate(), "22003");
}

#[test]
fn named_measures() {
    let (s, w, names) = named(
        r#"{"usage": 47, "support": null, "nps": 21.5}"#,
        r#"{"usage": 20, "support": 15, "nps": 22, "csm": 10}"#,
    )
    .unwrap();
    assert_eq!(names, ["csm", "nps", "support", "usage"]);
    assert_eq!(s, vec![None, Some(d(215, 1)), None, Some(n(47))]);
    assert_eq!(w, vec![n(10), n(22), n(15), n(20)]);
    let v = score(&s, &w, |i| format!("\"{}\"", names[i]))
        .unwrap()
        .unwrap();
    assert_eq!(v.approx(), (20.0 * 47.0 + 22.0 * 21.5) / 42.0);
    let e = named(r#"{"usage": 47, "logins": 3}"#, r#"{"usage": 1}"#).unwrap_err();
    assert_eq!(e.message(), "health_score measure \"logins\" has no weight");
    assert_eq!(e.sqlstate(), "22023");
    let e = named(r#"{"usage": "high"}"#, r#"{"usage": 1}"#).unwrap_err();
    assert_eq!(e.sqlstate(), "22023");
    assert!(e
        .message()
        .starts_with("health_score scores must be a JSON object of numbers: "));
    let e = named(r#"{}"#, r#"[1, 2]"#).unwrap_err();
    assert!(
        e.message().starts_with("health_score weights must be"),
        "{e}"
    );
    let (s, w, names) = named("{}", r#"{"a": -2}"#).unwrap();
    let e = score(&s, &w, |i| format!("\"{}\"", names[i])).unwrap_err();
    assert_eq!(
        e.message(),
        "health_score weight of \"a\" must not be negative, got -2"
    );
}

#[test]
fn linear_scores() {
    let f = |v, w, b| linear(n(v), n(w), n(b)).unwrap();
    assert_eq!(f(50, 0, 200), Value::Fraction(n(5000), n(200)));
    assert_eq!(f(50, 0, 200).approx(), 25.0);
    assert_eq!(f(-3, 0, 200), Value::Exact(n(0)));
    assert_eq!(f(0, 0, 200), Value::Exact(n(0)));
    assert_eq!(f(200, 0, 200), Value::Exact(n(100)));
    assert_eq!(f(900, 0, 200), Value::Exact(n(100)));
    // less is better: 10 tickets the worst, 0 the best
    assert_eq!(f(10, 10, 0), Value::Exact(n(0)));
    assert_eq!(f(12, 10, 0), Value::Exact(n(0)));
    assert_eq!(f(0, 10, 0), Value::Exact(n(100)));
    assert_eq!(f(-1, 10, 0), Value::Exact(n(100)));
    assert_eq!(f(4, 10, 0).approx(), 60.0);
    assert_eq!(linear(d(75, 1), n(5), n(10)).unwrap().approx(), 50.0);
    let e = linear(n(1), n(5), d(500, 2)).unwrap_err();
    assert_eq!(e.sqlstate(), "22023");
    assert_eq!(
        e.message(),
        "measure_score worst and best must differ, got 5 and 5.00"
    );
    let huge = d(i128::MAX, 0);
    assert_eq!(
        linear(huge, d(-huge.mantissa, 0), n(0))
            .unwrap_err()
            .sqlstate(),
        "22003"
    );
}

#[test]
fn banded_scores() {
    // NPS answer graded as a rules engine does: 0-6 -> 0, 7-8 -> 50, 9-10 -> 100
    let t = some(&[7, 9]);
    let s = some(&[0, 50, 100]);
    let f = |v| banded(n(v), &t, &s).unwrap();
    assert_eq!(
        [f(0), f(6), f(7), f(8), f(9), f(10)],
        [0, 0, 50, 50, 100, 100].map(n)
    );
    assert_eq!(banded(d(699, 2), &t, &s).unwrap(), n(0));
    assert_eq!(banded(d(700, 2), &t, &s).unwrap(), n(50), "7.00 is 7");
    let e = banded(n(1), &some(&[9, 7]), &s).unwrap_err();
    assert_eq!(e.sqlstate(), "22023");
    assert_eq!(
        e.message(),
        "measure_score thresholds must increase, got 9 then 7 at 2"
    );
    let e = banded(n(1), &some(&[7, 7]), &s).unwrap_err();
    assert_eq!(
        e.message(),
        "measure_score thresholds must increase, got 7 then 7 at 2"
    );
    let e = banded(n(1), &t, &some(&[0, 100])).unwrap_err();
    assert_eq!(
        e.message(),
        "measure_score needs one score more than thresholds, got 2 thresholds and 2 scores"
    );
    let e = banded(n(1), &t, &some(&[0, 50, 101])).unwrap_err();
    assert_eq!(
        e.message(),
        "measure_score scores must be within 0..100, got 101 at 3"
    );
    let e = banded(n(1), &[Some(n(1)), None], &s).unwrap_err();
    assert_eq!(
        e.message(),
        "measure_score thresholds must not contain NULL, got one at 2"
    );
    let e = banded(n(1), &t, &[Some(n(1)), None, Some(n(2))]).unwrap_err();
    assert_eq!(
        e.message(),
        "measure_score scores must not contain NULL, got one at 2"
    );
    // no thresholds: one band
    assert_eq!(banded(n(-40), &[], &some(&[70])).unwrap(), n(70));
}

#[test]
fn tiers_by_default_and_by_thresholds() {
    let t: Vec<_> = DEFAULT_THRESHOLDS.iter().map(|&x| Some(n(x))).collect();
    let names: Vec<_> = DEFAULT_TIERS.iter().map(|s| Some(s.to_string())).collect();
    let f = |s: Scaled| tier(s, &t, &names).unwrap().to_string();
    assert_eq!(f(n(0)), "At-risk");
    assert_eq!(f(d(2499, 2)), "At-risk");
    assert_eq!(f(n(25)), "Unhealthy");
    assert_eq!(f(n(49)), "Unhealthy");
    assert_eq!(f(n(50)), "Healthy");
    assert_eq!(f(n(75)), "High-value");
    assert_eq!(f(n(100)), "High-value");
    let e = tier(d(1001, 1), &t, &names).unwrap_err();
    assert_eq!(e.sqlstate(), "22003");
    assert_eq!(
        e.message(),
        "health_tier score must be within 0..100, got 100.1"
    );
    let two = vec![Some("red".to_string()), Some("green".to_string())];
    assert_eq!(tier(n(60), &some(&[60]), &two).unwrap(), "green");
    assert_eq!(tier(n(59), &some(&[60]), &two).unwrap(), "red");
    let e = tier(n(1), &some(&[60]), &names).unwrap_err();
    assert_eq!(
        e.message(),
        "health_tier needs one tier more than thresholds, got 1 thresholds and 4 tiers"
    );
    let same = vec![Some("a".to_string()), Some("a".to_string())];
    assert_eq!(
        tier(n(1), &some(&[60]), &same).unwrap_err().message(),
        "health_tier tiers must differ, got \"a\" twice"
    );
    let e = tier(n(1), &some(&[60]), &[Some("a".into()), None]).unwrap_err();
    assert_eq!(
        e.message(),
        "health_tier tiers must not contain NULL, got one at 2"
    );
    assert_eq!(e.sqlstate(), "22023");
}
