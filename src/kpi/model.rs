//! `customermodel`: a fitted (or given) customer model stored as a value: sBG ([`Sbg`]), BG/NBD
//! ([`BgNbd`]) or Gamma-Gamma ([`GammaGamma`]), with its fit's report. Pure Rust.
//!
//! - Stored form, version 1: the version byte, the model byte (1 sBG, 2 BG/NBD, 3 Gamma-Gamma),
//!   its parameters as little-endian IEEE doubles (2, 4 or 3), then a byte 1 and the fit's
//!   customers (LEB128), log-likelihood (double) and iterations (LEB128), or a byte 0 for a model
//!   made from given parameters.
//! - Text form, version 1: `{"v":1,"model":"bgnbd","r":..,"alpha":..,"a":..,"b":..,
//!   "customers":2357,"log_likelihood":-9582.43,"iterations":35}`, the parameters as the
//!   shortest decimals that read back to the same doubles; the three fit keys absent for a model
//!   of given parameters. `"model"` is `"sbg"` (`alpha`, `beta`), `"bgnbd"` (`r`, `alpha`, `a`,
//!   `b`) or `"gammagamma"` (`p`, `q`, `gamma`).
//! - Parameters are finite and above 0, customers at least 1, the log-likelihood finite and not
//!   above 0 (it is a log of probabilities; with densities, BG/NBD's and Gamma-Gamma's can be
//!   positive: any finite value): else 22P02.

use super::bgnbd::BgNbd;
use super::gammagamma::GammaGamma;
use super::sbg::Sbg;
use crate::bytes::{Reader, Writer};
use crate::error::KpiError;
use crate::summary::Stored;

pub const VERSION: u8 = 1;
const TYPE: &str = "customermodel";
const EXPECTED: &str = r#"{"v":1,"model":<"sbg", "bgnbd" or "gammagamma">,<its parameters>[,"customers":<n>,"log_likelihood":<ll>,"iterations":<n>]}"#;

/// The model.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Kind {
    Sbg(Sbg),
    BgNbd(BgNbd),
    GammaGamma(GammaGamma),
}

/// What a fit reports.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Report {
    pub customers: i64,
    pub log_likelihood: f64,
    pub iterations: i64,
}

#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Model {
    pub kind: Kind,
    pub report: Option<Report>,
}

impl Kind {
    pub fn name(&self) -> &'static str {
        match self {
            Kind::Sbg(_) => "sbg",
            Kind::BgNbd(_) => "bgnbd",
            Kind::GammaGamma(_) => "gammagamma",
        }
    }

    fn tag(&self) -> u8 {
        match self {
            Kind::Sbg(_) => 1,
            Kind::BgNbd(_) => 2,
            Kind::GammaGamma(_) => 3,
        }
    }

    /// The parameter names of a model.
    pub fn names(name: &str) -> Option<&'static [&'static str]> {
        match name {
            "sbg" => Some(&["alpha", "beta"]),
            "bgnbd" => Some(&["r", "alpha", "a", "b"]),
            "gammagamma" => Some(&["p", "q", "gamma"]),
            _ => None,
        }
    }

    /// The parameters, in the order of [`Kind::names`].
    pub fn params(&self) -> Vec<f64> {
        match *self {
            Kind::Sbg(m) => vec![m.alpha, m.beta],
            Kind::BgNbd(m) => vec![m.r, m.alpha, m.a, m.b],
            Kind::GammaGamma(m) => vec![m.p, m.q, m.v],
        }
    }

    /// The model `name` of parameters `p` (as many as it has, each finite and above 0), or why
    /// not.
    pub fn from_params(name: &str, p: &[f64]) -> Result<Self, String> {
        let names = Kind::names(name).ok_or_else(|| format!("unknown model \"{name}\""))?;
        if p.len() != names.len() {
            return Err(format!(
                "model {name} has {} parameters, got {}",
                names.len(),
                p.len()
            ));
        }
        for (n, v) in names.iter().zip(p) {
            if !(v.is_finite() && *v > 0.0) {
                return Err(format!(
                    "{name} parameter {n} must be a finite number above 0, got {v}"
                ));
            }
        }
        Ok(match name {
            "sbg" => Kind::Sbg(Sbg {
                alpha: p[0],
                beta: p[1],
            }),
            "bgnbd" => Kind::BgNbd(BgNbd {
                r: p[0],
                alpha: p[1],
                a: p[2],
                b: p[3],
            }),
            _ => Kind::GammaGamma(GammaGamma {
                p: p[0],
                q: p[1],
                v: p[2],
            }),
        })
    }
}

impl Report {
    fn check(&self) -> Result<(), String> {
        if self.customers < 1 || self.iterations < 0 || !self.log_likelihood.is_finite() {
            return Err(format!(
                "a fit of {} customers, log-likelihood {} and {} iterations is impossible",
                self.customers, self.log_likelihood, self.iterations
            ));
        }
        Ok(())
    }
}

impl Model {
    /// The named model's parameters or a 22023 error naming `function` and the model it needs.
    pub fn expect_kind(&self, function: &str, want: &str) -> Result<Kind, KpiError> {
        if self.kind.name() == want {
            Ok(self.kind)
        } else {
            Err(KpiError::InvalidParameter(format!(
                "{function} needs a {want} model, got a {} model",
                self.kind.name()
            )))
        }
    }
}

fn bad_bytes(why: &str) -> KpiError {
    KpiError::BadText(format!("invalid {TYPE} bytes: {why}"))
}

impl Stored for Model {
    const TYPE: &'static str = TYPE;
    const VERSIONS: &'static [u8] = &[VERSION];

    fn to_stored(&self) -> Vec<u8> {
        let mut w = Writer::new(VERSION).u8(self.kind.tag());
        for p in self.kind.params() {
            w = w.bytes(&p.to_le_bytes());
        }
        match self.report {
            None => w.u8(0),
            Some(r) => w
                .u8(1)
                .varint(r.customers as u64)
                .bytes(&r.log_likelihood.to_le_bytes())
                .varint(r.iterations as u64),
        }
        .into_vec()
    }

    fn from_stored(bytes: &[u8]) -> Result<Self, KpiError> {
        let mut r = Reader::new(bytes, TYPE, VERSION)?;
        let name = match r.u8()? {
            1 => "sbg",
            2 => "bgnbd",
            3 => "gammagamma",
            t => return Err(r.error(&format!("unknown model {t}"))),
        };
        let n = Kind::names(name).expect("a known model").len();
        let mut p = Vec::with_capacity(n);
        for _ in 0..n {
            p.push(f64::from_le_bytes(r.array::<8>()?));
        }
        let kind = Kind::from_params(name, &p).map_err(|why| bad_bytes(&why))?;
        let report = match r.u8()? {
            0 => None,
            1 => {
                let count = |r: &mut Reader| -> Result<i64, KpiError> {
                    let x = r.varint()?;
                    i64::try_from(x).map_err(|_| r.error(&format!("count {x} out of range")))
                };
                let customers = count(&mut r)?;
                let log_likelihood = f64::from_le_bytes(r.array::<8>()?);
                let report = Report {
                    customers,
                    log_likelihood,
                    iterations: count(&mut r)?,
                };
                report.check().map_err(|why| bad_bytes(&why))?;
                Some(report)
            }
            f => return Err(r.error(&format!("unknown report flag {f}"))),
        };
        r.end()?;
        Ok(Model { kind, report })
    }

    fn to_text(&self) -> String {
        let number = |v: f64| serde_json::to_string(&v).expect("a finite double");
        let mut text = format!(r#"{{"v":{VERSION},"model":"{}""#, self.kind.name());
        let names = Kind::names(self.kind.name()).expect("a known model");
        for (n, v) in names.iter().zip(self.kind.params()) {
            text += &format!(r#","{n}":{}"#, number(v));
        }
        if let Some(r) = self.report {
            text += &format!(
                r#","customers":{},"log_likelihood":{},"iterations":{}"#,
                r.customers,
                number(r.log_likelihood),
                r.iterations
            );
        }
        text + "}"
    }

    fn from_text(text: &str) -> Result<Self, KpiError> {
        crate::text::read(text, TYPE, EXPECTED, &[(1, parse_v1)])
    }
}

/// Version 1 of the text form.
fn parse_v1(text: &str) -> Result<Model, String> {
    use crate::text::Count;
    #[derive(serde::Deserialize)]
    #[serde(deny_unknown_fields)]
    struct Form {
        #[allow(dead_code)]
        v: Count,
        model: String,
        r: Option<f64>,
        alpha: Option<f64>,
        beta: Option<f64>,
        a: Option<f64>,
        b: Option<f64>,
        p: Option<f64>,
        q: Option<f64>,
        gamma: Option<f64>,
        customers: Option<Count>,
        log_likelihood: Option<f64>,
        iterations: Option<Count>,
    }
    let f: Form = crate::text::from_json(text)?;
    let names = Kind::names(&f.model).ok_or_else(|| format!("unknown model \"{}\"", f.model))?;
    let given = [
        ("r", f.r),
        ("alpha", f.alpha),
        ("beta", f.beta),
        ("a", f.a),
        ("b", f.b),
        ("p", f.p),
        ("q", f.q),
        ("gamma", f.gamma),
    ];
    let mut p = Vec::new();
    for name in names {
        let v = given.iter().find(|(n, _)| n == name).and_then(|(_, v)| *v);
        p.push(v.ok_or_else(|| format!("model {} needs parameter {name}", f.model))?);
    }
    if let Some((n, _)) = given
        .iter()
        .find(|(n, v)| v.is_some() && !names.contains(n))
    {
        return Err(format!("model {} has no parameter {n}", f.model));
    }
    let kind = Kind::from_params(&f.model, &p)?;
    let report = match (f.customers, f.log_likelihood, f.iterations) {
        (None, None, None) => None,
        (Some(Count(customers)), Some(log_likelihood), Some(Count(iterations))) => {
            let r = Report {
                customers,
                log_likelihood,
                iterations,
            };
            r.check()?;
            Some(r)
        }
        _ => return Err("customers, log_likelihood and iterations come together".into()),
    };
    Ok(Model { kind, report })
}

#[cfg(test)]
#[path = "model_tests.rs"]
mod tests;
