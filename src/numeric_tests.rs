pub(crate) mod whole {
    use super::super::*;

    /// Bytes of a short-format numeric, as PostgreSQL stores small values.
    pub(crate) fn short(negative: bool, weight: i32, dscale: u16, digits: &[u16]) -> Vec<u8> {
        let w = if weight < 0 {
            (weight + 64) as u16 | SHORT_WEIGHT_SIGN_MASK
        } else {
            weight as u16
        };
        let header = SHORT | if negative { SHORT_SIGN_MASK } else { 0 } | (dscale << 7) | w;
        let mut out = header.to_ne_bytes().to_vec();
        digits.iter().for_each(|d| out.extend(d.to_ne_bytes()));
        out
    }

    /// A well-formed short-format numeric for `mantissa / 10^dscale`, grouped as PostgreSQL
    /// groups it: base-10000 digits aligned on the decimal point, leading and trailing zero
    /// groups stripped.
    pub(crate) fn encode(negative: bool, mantissa: u128, dscale: u16) -> Vec<u8> {
        let text = format!("{mantissa:0>width$}", width = dscale as usize + 1);
        let (int, frac) = text.split_at(text.len() - dscale as usize);
        let int = format!("{int:0>width$}", width = int.len().div_ceil(4) * 4);
        let frac = format!("{frac:0<width$}", width = frac.len().div_ceil(4) * 4);
        let group = |s: &str| -> Vec<u16> {
            s.as_bytes()
                .chunks(4)
                .map(|c| std::str::from_utf8(c).unwrap().parse().unwrap())
                .collect()
        };
        let mut groups = group(&int);
        let mut weight = groups.len() as i32 - 1;
        groups.extend(group(&frac));
        while groups.first() == Some(&0) {
            groups.remove(0);
            weight -= 1;
        }
        while groups.last() == Some(&0) {
            groups.pop();
        }
        if groups.is_empty() {
            weight = 0;
        }
        short(negative && mantissa != 0, weight, dscale, &groups)
    }

    /// A small deterministic generator for property tests: `next(bound)` is in `0..bound`.
    pub(crate) fn rng(mut seed: u64) -> impl FnMut(u64) -> u64 {
        move |bound| {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            seed % bound
        }
    }

    /// A stored value as damage may leave it: cut short, a byte changed or a byte added; or, a
    /// quarter of the time, as it was (for property tests of the stored forms' readers).
    pub(crate) fn damage(bytes: &mut Vec<u8>, next: &mut impl FnMut(u64) -> u64) {
        let at = next(bytes.len() as u64) as usize;
        match next(4) {
            0 => bytes.truncate(at),
            1 => bytes[at] = next(256) as u8,
            2 => bytes.push(next(256) as u8),
            _ => {}
        }
    }

    /// 0 to `max - 1` random base-10000 digit groups, zeros and 9999s often (the edges).
    pub(crate) fn random_groups(next: &mut impl FnMut(u64) -> u64, max: u64) -> Vec<u16> {
        let groups = next(max);
        (0..groups)
            .map(|_| match next(4) {
                0 => 0,
                1 => 9999,
                _ => next(10_000) as u16,
            })
            .collect()
    }

    /// A well-formed random `numeric` of 0 to `max_width - 1` digits (wrapping past `u128`),
    /// either sign, display scale below `max_scale`.
    pub(crate) fn random_numeric(
        next: &mut impl FnMut(u64) -> u64,
        max_width: u64,
        max_scale: u64,
    ) -> Vec<u8> {
        let width = next(max_width);
        let m = (0..width).fold(0u128, |m, _| {
            m.wrapping_mul(10).wrapping_add(u128::from(next(10)))
        });
        encode(next(2) == 1, m, next(max_scale) as u16)
    }

    pub(crate) fn long(negative: bool, weight: i16, digits: &[u16]) -> Vec<u8> {
        let mut out = (if negative { NEG } else { 0 }).to_ne_bytes().to_vec();
        out.extend(weight.to_ne_bytes());
        digits.iter().for_each(|d| out.extend(d.to_ne_bytes()));
        out
    }

    #[test]
    fn small_integers() {
        assert_eq!(classify(&short(false, 0, 0, &[])), WholeNumber::Int(0));
        assert_eq!(classify(&short(false, 0, 0, &[9])), WholeNumber::Int(9));
        assert_eq!(classify(&short(false, 0, 0, &[10])), WholeNumber::Int(10));
        assert_eq!(classify(&short(true, 0, 0, &[1])), WholeNumber::Int(-1));
        // 9.0: dscale 1, same digits
        assert_eq!(classify(&short(false, 0, 1, &[9])), WholeNumber::Int(9));
        // 20000 = 2 * 10000^1
        assert_eq!(
            classify(&short(false, 1, 0, &[2])),
            WholeNumber::Int(20_000)
        );
        assert_eq!(
            classify(&short(false, 1, 0, &[1, 5])),
            WholeNumber::Int(10_005)
        );
    }

    #[test]
    fn fractions() {
        // 9.5 = 9 + 5000 * 10000^-1
        assert_eq!(
            classify(&short(false, 0, 1, &[9, 5000])),
            WholeNumber::Fraction
        );
        // 0.5
        assert_eq!(
            classify(&short(false, -1, 1, &[5000])),
            WholeNumber::Fraction
        );
        assert_eq!(
            classify(&short(true, -1, 1, &[5000])),
            WholeNumber::Fraction
        );
        // a zero fractional digit is still integral
        assert_eq!(classify(&short(false, 0, 4, &[7, 0])), WholeNumber::Int(7));
    }

    #[test]
    fn long_format_and_limits() {
        assert_eq!(classify(&long(false, 0, &[11])), WholeNumber::Int(11));
        assert_eq!(classify(&long(true, 0, &[11])), WholeNumber::Int(-11));
        // i64::MAX = 922 3372 0368 5477 5807
        assert_eq!(
            classify(&long(false, 4, &[922, 3372, 368, 5477, 5807])),
            WholeNumber::Int(i64::MAX)
        );
        assert_eq!(
            classify(&long(false, 4, &[922, 3372, 368, 5477, 5808])),
            WholeNumber::TooLarge
        );
        assert_eq!(
            classify(&long(true, 4, &[922, 3372, 368, 5477, 5808])),
            WholeNumber::Int(i64::MIN)
        );
        assert_eq!(classify(&long(false, 5, &[1])), WholeNumber::TooLarge);
        assert_eq!(classify(&long(false, 300, &[1])), WholeNumber::TooLarge);
    }

    #[test]
    fn specials_and_truncated() {
        assert_eq!(classify(&0xC000u16.to_ne_bytes()), WholeNumber::Special); // NaN
        assert_eq!(classify(&0xD000u16.to_ne_bytes()), WholeNumber::Special); // +Inf
        assert_eq!(classify(&0xF000u16.to_ne_bytes()), WholeNumber::Special); // -Inf
        assert_eq!(classify(&[]), WholeNumber::Special);
        assert_eq!(classify(&[0]), WholeNumber::Special);
        assert_eq!(classify(&0u16.to_ne_bytes()), WholeNumber::Special); // long header cut short
    }
}

mod scaled {
    use super::super::*;
    use super::whole::short;

    #[test]
    fn exact_values_with_display_scale() {
        let text = |b: Vec<u8>| {
            let (mantissa, scale) = to_scaled(&b).unwrap();
            Scaled { mantissa, scale }.to_string()
        };
        assert_eq!(text(short(false, 0, 0, &[])), "0");
        assert_eq!(text(short(false, 0, 2, &[])), "0.00");
        assert_eq!(text(short(false, 0, 2, &[12, 5000])), "12.50");
        assert_eq!(text(short(true, 0, 1, &[9, 5000])), "-9.5");
        assert_eq!(text(short(false, -1, 4, &[1])), "0.0001");
        assert_eq!(text(short(false, -2, 6, &[1200])), "0.000012");
        assert_eq!(text(short(false, 1, 0, &[1, 5])), "10005");
        assert_eq!(text(short(false, 2, 0, &[3])), "300000000");
        assert_eq!(text(short(false, 0, 3, &[1, 2340])), "1.234");
    }

    #[test]
    fn scaled_values_and_sums() {
        assert_eq!(to_scaled(&short(false, 0, 2, &[12, 5000])), Ok((1250, 2)));
        assert_eq!(to_scaled(&short(false, 0, 3, &[1, 2340])), Ok((1234, 3)));
        assert_eq!(
            to_scaled(&short(true, 1, 1, &[1, 5, 1000])),
            Ok((-100051, 1))
        );
        assert_eq!(to_scaled(&short(false, 2, 0, &[3])), Ok((300_000_000, 0)));
        assert_eq!(to_scaled(&short(false, 0, 6, &[])), Ok((0, 6)));
        assert_eq!(to_scaled(&short(false, -2, 6, &[1200])), Ok((12, 6)));
        assert_eq!(
            to_scaled(&short(false, 0, 8, &[7, 1234, 5678])),
            Ok((712_345_678, 8))
        );
        // past u64: the i128 path
        assert_eq!(
            to_scaled(&short(false, 8, 0, &[1])),
            Ok((10i128.pow(32), 0))
        );
        assert_eq!(
            to_scaled(&short(false, 5, 2, &[1, 2, 3, 4, 5, 6, 5000])),
            Ok((10_002_000_300_040_005_000_650, 2))
        );
        assert_eq!(
            to_scaled(&short(false, 10, 0, &[1])),
            Err(NotDecimal::TooLarge),
            "10^40"
        );
        let s = Scaled::default()
            .add(1250, 2)
            .unwrap()
            .add(5, 1)
            .unwrap()
            .add(-3, 0)
            .unwrap();
        assert_eq!(
            (s, s.to_string()),
            (
                Scaled {
                    mantissa: 1000,
                    scale: 2
                },
                "10.00".into()
            )
        );
        assert_eq!(
            Scaled {
                mantissa: -5,
                scale: 3
            }
            .to_string(),
            "-0.005"
        );
        assert_eq!(
            Scaled {
                mantissa: 42,
                scale: 0
            }
            .to_string(),
            "42"
        );
        assert_eq!(
            Scaled {
                mantissa: i128::MAX,
                scale: 0
            }
            .add(1, 0),
            None
        );
        assert_eq!(
            Scaled {
                mantissa: 1,
                scale: 0
            }
            .add(1, 38)
            .map(|s| s.scale),
            Some(38)
        );
        assert_eq!(
            Scaled {
                mantissa: 10,
                scale: 0
            }
            .add(1, 38),
            None,
            "10 at scale 38 overflows"
        );
    }

    #[test]
    fn beyond_38_digits_is_an_error() {
        assert_eq!(
            to_scaled(&0xC000u16.to_ne_bytes()),
            Err(NotDecimal::Special)
        );
        // 10^40 has 41 digits
        assert_eq!(
            to_scaled(&short(false, 10, 0, &[1])),
            Err(NotDecimal::TooLarge)
        );
        // scale 39
        assert_eq!(
            to_scaled(&short(false, -8, 39, &[1])),
            Err(NotDecimal::TooLarge)
        );
    }

    /// The fast path of `to_scaled` agrees with the general decoder on every shape it takes:
    /// 0-6 digit groups, weights -6..12, display scales 0-45, both signs, digits past the
    /// display scale included (truncated the same way by both).
    #[test]
    fn fast_path_equals_general_decoder() {
        let mut next = super::whole::rng(0x9e37_79b9_7f4a_7c15);
        for _ in 0..200_000 {
            let digits = super::whole::random_groups(&mut next, 7);
            let bytes = short(next(2) == 1, next(19) as i32 - 6, next(46) as u16, &digits);
            assert_eq!(
                to_scaled(&bytes),
                to_scaled_wide(&bytes),
                "{digits:?} {bytes:?}"
            );
        }
    }

    /// Well-formed values of every width round-trip through `to_scaled` exactly; past 38 digits
    /// (beyond `i128`) they are `TooLarge`.
    #[test]
    fn well_formed_values_decode_exactly() {
        use super::whole::encode;
        let mut next = super::whole::rng(0x853c_49e6_748f_ea9b);
        for _ in 0..100_000 {
            let width = next(41) as u32;
            let mantissa = (0..width).fold(0u128, |m, _| m.wrapping_mul(10) + u128::from(next(10)));
            let mantissa = mantissa % 10u128.pow(width.min(38));
            let dscale = next(39) as u16;
            let negative = next(2) == 1;
            let bytes = encode(negative, mantissa, dscale);
            let want = i128::try_from(mantissa).unwrap();
            let want = if negative { -want } else { want };
            assert_eq!(
                to_scaled(&bytes),
                Ok((want, u32::from(dscale))),
                "{mantissa} {dscale}"
            );
            assert_eq!(to_scaled(&bytes), to_scaled_wide(&bytes));
        }
        assert_eq!(
            to_scaled(&encode(false, u128::MAX / 2 + 1, 0)),
            Err(NotDecimal::TooLarge)
        );
    }

    /// `cmp_value` orders by value across scales, against lifting both sides (the simple way)
    /// and, where that overflows, against the sign of the side too large to lift.
    #[test]
    fn cmp_value_orders_by_value() {
        use std::cmp::Ordering::*;
        let x = |mantissa, scale| Scaled { mantissa, scale };
        assert_eq!(x(4, 0).cmp_value(x(400, 2)), Equal);
        assert_eq!(x(45, 1).cmp_value(x(449, 2)), Greater);
        assert_eq!(x(-5, 0).cmp_value(x(-49, 1)), Less);
        assert_eq!(x(i128::MAX, 0).cmp_value(x(1, 38)), Greater);
        assert_eq!(x(i128::MIN, 0).cmp_value(x(1, 38)), Less);
        assert_eq!(x(1, 38).cmp_value(x(i128::MAX, 0)), Less);
        let mut next = super::whole::rng(0x5851_f42d_4c95_7f2d);
        for _ in 0..200_000 {
            let mut value = || {
                let m = match next(3) {
                    0 => next(1000) as i128,
                    1 => (next(u64::MAX) as i128) << next(60),
                    _ => next(u64::MAX) as i128,
                };
                x(if next(2) == 1 { -m } else { m }, next(39) as u32)
            };
            let (a, b) = (value(), value());
            let scale = a.scale.max(b.scale);
            let lift = |v: Scaled| v.mantissa.checked_mul(10i128.pow(scale - v.scale));
            let want = match (lift(a), lift(b)) {
                (Some(p), Some(q)) => p.cmp(&q),
                (None, _) => a.mantissa.cmp(&0),
                (_, None) => 0.cmp(&b.mantissa),
            };
            assert_eq!(a.cmp_value(b), want, "{a:?} {b:?}");
            assert_eq!(b.cmp_value(a), want.reverse(), "{a:?} {b:?}");
            // add lifts the side at the smaller scale the same way (the fast lift of a
            // mantissa within i64, or the checked one), or says it does not fit
            let sum = lift(a).zip(lift(b)).and_then(|(p, q)| p.checked_add(q));
            let sum = sum.map(|mantissa| x(mantissa, scale));
            assert_eq!(a.add(b.mantissa, b.scale), sum, "{a:?} + {b:?}");
        }
    }
}

#[test]
fn doubles_read_as_postgresql_reads_float8_as_numeric() {
    let f = |x: f64| super::scaled_from_f64(x).map(|s| s.to_string());
    // the text PostgreSQL's float8::numeric gives for each
    for (x, want) in [
        (0.1, "0.1"),
        (4.5, "4.5"),
        (100.0, "100"),
        (1.0 / 3.0, "0.333333333333333"),
        (2.0 / 3.0, "0.666666666666667"),
        (-0.0, "0"),
        (-12.25, "-12.25"),
        (1.5e-5, "0.000015"),
        (1e20, "100000000000000000000"),
        (123456789012345678.0, "123456789012346000"),
        (9.000000000000002, "9"),
    ] {
        assert_eq!(f(x).as_deref(), Ok(want), "{x}");
    }
    assert_eq!(f(f64::NAN), Err(super::NotDecimal::Special));
    assert_eq!(f(f64::INFINITY), Err(super::NotDecimal::Special));
    assert_eq!(f(1e300), Err(super::NotDecimal::TooLarge));
    assert_eq!(f(1e-300), Err(super::NotDecimal::TooLarge));
}

#[test]
fn doubles_in_messages() {
    use super::float_text;
    assert_eq!(float_text(9.5), "9.5");
    assert_eq!(float_text(11.0), "11");
    assert_eq!(float_text(f64::NAN), "NaN");
    assert_eq!(float_text(f64::NEG_INFINITY), "-Infinity");
    assert_eq!(float_text(1e300), "1e+300");
    assert_eq!(float_text(-2.5e-300), "-2.5e-300");
}

#[test]
fn the_fast_path_for_doubles_equals_printf() {
    use super::tests::whole::rng;
    let mut next = rng(0xf10a_7f10_a7f1_0a7f);
    for i in 0..200_000u64 {
        // short decimals, long ones, integers, tiny and huge values, both signs
        let x = match i % 5 {
            0 => (next(2_000_001) as f64 - 1_000_000.0) / 10f64.powi(next(8) as i32),
            1 => f64::from_bits(next(u64::MAX)),
            2 => (next(1 << 53) as f64) * if next(2) == 0 { 1.0 } else { -1.0 },
            3 => (next(100_000) as f64) / 7.0,
            _ => (next(1000) as f64 + 0.5) * 10f64.powi(next(40) as i32 - 20),
        };
        if !x.is_finite() {
            continue;
        }
        assert_eq!(
            super::scaled_from_f64(x),
            super::scaled_from_f64_text(x),
            "{x:e}"
        );
    }
}
