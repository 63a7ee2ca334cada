use super::*;
use crate::text::assert_malformed;

fn fitted() -> Model {
    Model {
        kind: Kind::BgNbd(BgNbd {
            r: 0.2425929074529243,
            alpha: 4.413531571906689,
            a: 0.7928861765567058,
            b: 2.4257535518895943,
        }),
        report: Some(Report {
            customers: 2357,
            log_likelihood: -9582.425560567342,
            iterations: 35,
        }),
    }
}

#[test]
fn both_forms_round_trip() {
    let given = Model {
        kind: Kind::GammaGamma(GammaGamma {
            p: 6.25,
            q: 3.74,
            v: 15.44,
        }),
        report: None,
    };
    let sbg = Model {
        kind: Kind::Sbg(Sbg {
            alpha: 0.1 + 0.2,
            beta: 1e-300,
        }),
        report: None,
    };
    for m in [fitted(), given, sbg] {
        let text = m.to_text();
        assert_eq!(Model::from_text(&text).unwrap(), m, "{text}");
        assert_eq!(Model::from_text(&text).unwrap().to_text(), text);
        let bytes = m.to_stored();
        assert_eq!(Model::from_stored(&bytes).unwrap(), m);
        assert_eq!(Model::from_stored(&bytes).unwrap().to_stored(), bytes);
    }
    assert_eq!(
        fitted().to_text(),
        r#"{"v":1,"model":"bgnbd","r":0.2425929074529243,"alpha":4.413531571906689,"a":0.7928861765567058,"b":2.4257535518895943,"customers":2357,"log_likelihood":-9582.425560567342,"iterations":35}"#
    );
    assert_eq!(
        given.to_text(),
        r#"{"v":1,"model":"gammagamma","p":6.25,"q":3.74,"gamma":15.44}"#
    );
    assert_eq!(given.to_stored().len(), 2 + 24 + 1);
    // keys in any order
    let m = Model::from_text(r#"{"beta":2,"model":"sbg","alpha":1,"v":1}"#).unwrap();
    assert_eq!(
        m.kind,
        Kind::Sbg(Sbg {
            alpha: 1.0,
            beta: 2.0
        })
    );
}

#[test]
fn bad_text_is_22p02_naming_why() {
    for (bad, why) in [
        (
            r#"{"v":1,"model":"pareto","r":1}"#,
            r#"unknown model "pareto""#,
        ),
        (
            r#"{"v":1,"model":"sbg","alpha":1}"#,
            "model sbg needs parameter beta",
        ),
        (
            r#"{"v":1,"model":"sbg","alpha":1,"beta":2,"r":3}"#,
            "model sbg has no parameter r",
        ),
        (
            r#"{"v":1,"model":"sbg","alpha":0,"beta":2}"#,
            "sbg parameter alpha must be a finite number above 0, got 0",
        ),
        (
            r#"{"v":1,"model":"sbg","alpha":-1,"beta":2}"#,
            "sbg parameter alpha must be a finite number above 0, got -1",
        ),
        (
            r#"{"v":1,"model":"sbg","alpha":1,"beta":2,"customers":3}"#,
            "customers, log_likelihood and iterations come together",
        ),
        (
            r#"{"v":1,"model":"sbg","alpha":1,"beta":2,"customers":0,"log_likelihood":-1,"iterations":1}"#,
            "a fit of 0 customers, log-likelihood -1 and 1 iterations is impossible",
        ),
        (
            r#"{"v":1,"model":"sbg","alpha":1e999,"beta":2}"#,
            "number out of range",
        ),
        (
            r#"{"v":1,"model":"sbg","alpha":1,"beta":2,"extra":1}"#,
            "unknown field `extra`",
        ),
    ] {
        assert_malformed(
            &Model::from_text(bad).unwrap_err(),
            "customermodel",
            bad,
            EXPECTED,
            why,
        );
    }
    let e = Model::from_text(r#"{"v":2,"model":"sbg"}"#).unwrap_err();
    assert_eq!(e.sqlstate(), "22P02");
    assert!(e
        .message()
        .starts_with("customermodel version 2 is not supported"));
}

#[test]
fn bad_bytes_are_22p02() {
    let good = fitted().to_stored();
    for cut in 0..good.len() {
        assert_eq!(
            Model::from_stored(&good[..cut]).unwrap_err().sqlstate(),
            "22P02",
            "{cut}"
        );
    }
    let mut long = good.clone();
    long.push(0);
    assert_eq!(Model::from_stored(&long).unwrap_err().sqlstate(), "22P02");
    let mut kind = good.clone();
    kind[1] = 9;
    assert_eq!(
        Model::from_stored(&kind).unwrap_err().message(),
        "invalid customermodel state: unknown model 9"
    );
    let mut nan = good.clone();
    nan[2..10].copy_from_slice(&f64::NAN.to_le_bytes());
    assert_eq!(
        Model::from_stored(&nan).unwrap_err().message(),
        "invalid customermodel bytes: bgnbd parameter r must be a finite number above 0, got NaN"
    );
    let mut flag = good;
    flag[34] = 7;
    assert_eq!(
        Model::from_stored(&flag).unwrap_err().message(),
        "invalid customermodel state: unknown report flag 7"
    );
}

#[test]
fn expect_kind_names_both_models() {
    let e = fitted()
        .expect_kind("expected_spend", "gammagamma")
        .unwrap_err();
    assert_eq!(e.sqlstate(), "22023");
    assert_eq!(
        e.message(),
        "expected_spend needs a gammagamma model, got a bgnbd model"
    );
}
