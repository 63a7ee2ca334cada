//! The summaries' text forms: strict JSON read and written with serde and serde_json. Pure Rust.
//!
//! Numbers are read from their JSON text (serde_json's `RawValue`), never through `f64`, so a
//! sum keeps every digit and its scale (`12.50` is not `12.5`). A count is a JSON integer
//! without sign; a decimal is a JSON number without exponent, and no negative zero. Keys come in
//! any order; an unknown, missing or repeated key is an error naming it. Every error is 22P02
//! `malformed <type> "<text>": <why> (text form: <form>)`.

use crate::error::KpiError;
use crate::numeric::{Scaled, MAX_SCALE};
use serde::de::{Deserialize, DeserializeOwned, Deserializer, Error as _};
use serde_json::value::RawValue;

/// The JSON text of one value, for the number types below.
fn raw<'de, D: Deserializer<'de>>(d: D) -> Result<&'de str, D::Error> {
    <&RawValue>::deserialize(d).map(RawValue::get)
}

/// A count: a JSON integer without sign, at most `i64::MAX`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Count(pub i64);

/// Parse a count's text (`0` or digits without a leading zero).
pub fn parse_count(text: &str) -> Option<i64> {
    let digits_ok = text.bytes().all(|b| b.is_ascii_digit())
        && !text.is_empty()
        && (text == "0" || !text.starts_with('0'));
    digits_ok.then(|| text.parse::<i64>().ok()).flatten()
}

impl<'de> Deserialize<'de> for Count {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let text = raw(d)?;
        parse_count(text).map(Count).ok_or_else(|| {
            D::Error::custom(format!(
                "{text} is not a count (a whole number from 0 to 9223372036854775807)"
            ))
        })
    }
}

/// An exact decimal: a JSON number without exponent, at most 38 decimals, its digits within
/// `i128` (`-12.50`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Decimal(pub Scaled);

/// Parse a decimal's text; the scale is the number of decimals written.
pub fn parse_decimal(text: &str) -> Option<Scaled> {
    let (negative, body) = match text.strip_prefix('-') {
        Some(rest) => (true, rest),
        None => (false, text),
    };
    let (int, frac) = match body.split_once('.') {
        Some((i, f)) if !f.is_empty() => (i, f),
        Some(_) => return None,
        None => (body, ""),
    };
    let all_digits = |s: &str| s.bytes().all(|b| b.is_ascii_digit());
    let int_ok = !int.is_empty() && (int == "0" || !int.starts_with('0'));
    if !int_ok || !all_digits(int) || !all_digits(frac) || frac.len() > MAX_SCALE as usize {
        return None;
    }
    let magnitude: u128 = format!("{int}{frac}").parse().ok()?;
    let magnitude = i128::try_from(magnitude).ok()?;
    if negative && magnitude == 0 {
        return None; // -0, -0.00: no value prints so
    }
    Some(Scaled {
        mantissa: if negative { -magnitude } else { magnitude },
        scale: frac.len() as u32,
    })
}

impl<'de> Deserialize<'de> for Decimal {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let text = raw(d)?;
        parse_decimal(text).map(Decimal).ok_or_else(|| {
            D::Error::custom(format!(
                "{text} is not an exact decimal (no exponent, at most 38 decimals and 39 digits)"
            ))
        })
    }
}

/// A value or `null`, whose key must be present all the same (serde lets a missing key stand
/// for `None` in a plain `Option` field).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Nullable<T>(pub Option<T>);

impl<'de, T: Deserialize<'de>> Deserialize<'de> for Nullable<T> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        // through the raw text: a missing key then fails as missing instead of reading as None
        match raw(d)? {
            "null" => Ok(Nullable(None)),
            text => serde_json::from_str(text)
                .map(|t| Nullable(Some(t)))
                .map_err(D::Error::custom),
        }
    }
}

/// The parser of one version of a text form: the whole text into a checked state, or the reason.
pub type ParseVersion<T> = fn(&str) -> Result<T, String>;

/// Only the version key of a text form, the other keys ignored: read first to pick the form.
#[derive(serde::Deserialize)]
struct Versioned {
    v: Count,
}

/// Read the text form `text` of summary type `type_name`: its `"v"` must be one of `versions`,
/// each with its parser (`parse` deserializes the whole text into that version's struct, which
/// denies unknown keys). `expected` describes the current form, for messages.
pub fn read<T>(
    text: &str,
    type_name: &str,
    expected: &str,
    versions: &[(i64, ParseVersion<T>)],
) -> Result<T, KpiError> {
    let bad = |why: &str| {
        KpiError::BadText(format!(
            "malformed {type_name} \"{text}\": {why} (text form: {expected})"
        ))
    };
    let Versioned { v: Count(v) } = from_json(text).map_err(|e| bad(&e))?;
    let Some((_, parse)) = versions.iter().find(|(n, _)| *n == v) else {
        return Err(KpiError::BadText(format!(
            "{type_name} version {v} is not supported, expected {expected}"
        )));
    };
    parse(text).map_err(|e| bad(&e))
}

/// Strict JSON into `T`; the error without serde_json's position suffix.
pub fn from_json<T: DeserializeOwned>(text: &str) -> Result<T, String> {
    serde_json::from_str(text).map_err(|e| {
        let message = e.to_string();
        match message.rfind(" at line ") {
            Some(at) => message[..at].to_string(),
            None => message,
        }
    })
}

/// `T` as compact JSON.
pub fn to_json<T: serde::Serialize>(value: &T) -> String {
    serde_json::to_string(value).expect("a summary's text form is always JSON")
}

/// A JSON number written as the exact text of a [`Scaled`] (`12.50`), for `Serialize`.
pub struct Number(pub String);

impl serde::Serialize for Number {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        RawValue::from_string(self.0.clone())
            .map_err(serde::ser::Error::custom)?
            .serialize(s)
    }
}

impl From<Scaled> for Number {
    fn from(x: Scaled) -> Self {
        Number(x.to_string())
    }
}

/// Test helper: `e` is the 22P02 error of text input `bad` of `type_name` whose form is
/// `expected`, and its reason contains `why`.
#[cfg(test)]
pub fn assert_malformed(e: &KpiError, type_name: &str, bad: &str, expected: &str, why: &str) {
    let m = e.message();
    assert_eq!(e.sqlstate(), "22P02", "{m}");
    assert!(
        m.starts_with(&format!("malformed {type_name} \"{bad}\": "))
            && m.ends_with(&format!(" (text form: {expected})"))
            && m.contains(why),
        "{bad}: {m}"
    );
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_are_plain_unsigned_integers() {
        assert_eq!(parse_count("0"), Some(0));
        assert_eq!(parse_count("42"), Some(42));
        assert_eq!(parse_count("9223372036854775807"), Some(i64::MAX));
        for bad in [
            "",
            "-0",
            "-1",
            "01",
            "1.0",
            "1e3",
            "4 2",
            "+1",
            "9223372036854775808",
            " 1",
        ] {
            assert_eq!(parse_count(bad), None, "{bad}");
        }
    }

    #[test]
    fn decimals_keep_their_scale_and_every_digit() {
        let d = |t| parse_decimal(t).map(|s| (s.mantissa, s.scale));
        assert_eq!(d("12.50"), Some((1250, 2)));
        assert_eq!(d("-0.5"), Some((-5, 1)));
        assert_eq!(d("0"), Some((0, 0)));
        assert_eq!(d("0.000"), Some((0, 3)));
        assert_eq!(
            d("170141183460469231731687303715884105727"),
            Some((i128::MAX, 0))
        );
        assert_eq!(
            d("-1.70141183460469231731687303715884105727"),
            Some((-i128::MAX, 38))
        );
        for bad in [
            "",
            "-",
            "-0",
            "-0.00",
            "01",
            "1.",
            ".5",
            "1e3",
            "1.5E2",
            "+1",
            "170141183460469231731687303715884105728",
            "-170141183460469231731687303715884105728",
            "0.000000000000000000000000000000000000001",
            "NaN",
        ] {
            assert_eq!(d(bad), None, "{bad}");
        }
        // every Scaled in the domain prints as text that reads back to it
        for (m, s) in [(i128::MAX, 38), (-i128::MAX, 0), (-1, 38), (0, 20), (7, 3)] {
            let x = Scaled {
                mantissa: m,
                scale: s,
            };
            assert_eq!(parse_decimal(&x.to_string()), Some(x), "{x}");
        }
    }

    #[derive(serde::Deserialize, Debug, PartialEq)]
    #[serde(deny_unknown_fields)]
    struct Form {
        #[allow(dead_code)]
        v: Count,
        n: Count,
        sum: Decimal,
    }

    fn parse_form(t: &str) -> Result<(i64, Scaled), String> {
        from_json::<Form>(t).map(|f| (f.n.0, f.sum.0))
    }

    #[test]
    fn strict_json_keys_in_any_order() {
        let read = |t: &str| read(t, "testsummary", "{\"v\":1,...}", &[(1, parse_form)]);
        let want = (
            3,
            Scaled {
                mantissa: 125,
                scale: 1,
            },
        );
        assert_eq!(read(r#"{"v":1,"n":3,"sum":12.5}"#).unwrap(), want);
        assert_eq!(read(r#" { "sum" : 12.5 , "n":3, "v":1 } "#).unwrap(), want);
        for (bad, why) in [
            (r#"{"v":1,"n":3,"sum":12.5,"x":1}"#, "unknown field `x`"),
            (r#"{"v":1,"n":3}"#, "missing field `sum`"),
            (r#"{"v":1,"n":3,"n":4,"sum":1}"#, "duplicate field `n`"),
            (r#"{"v":1,"n":4 2,"sum":1}"#, "expected `,` or `}`"),
            (r#"{"v":01,"n":3,"sum":1}"#, "invalid number"),
            (r#"{"v":1,"n":-0,"sum":1}"#, "-0 is not a count"),
            (r#"{"v":1,"n":3,"sum":1e2}"#, "1e2 is not an exact decimal"),
            (r#"{"v":1,"n":3,"sum":1}x"#, "trailing characters"),
            (r#"{"n":3,"sum":1}"#, "missing field `v`"),
            ("", "EOF while parsing a value"),
        ] {
            let e = read(bad).unwrap_err();
            assert_eq!(e.sqlstate(), "22P02");
            assert!(
                e.message()
                    .starts_with(&format!("malformed testsummary \"{bad}\": "))
                    && e.message().contains(why)
                    && e.message().ends_with(" (text form: {\"v\":1,...})"),
                "{bad}: {}",
                e.message()
            );
        }
        let e = read(r#"{"v":2,"n":3,"sum":1}"#).unwrap_err();
        assert_eq!(
            e.message(),
            "testsummary version 2 is not supported, expected {\"v\":1,...}"
        );
    }
}
