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

    fn long(negative: bool, weight: i16, digits: &[u16]) -> Vec<u8> {
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
    use std::str::FromStr;

    fn d(s: &str) -> Decimal {
        Decimal::from_str(s).unwrap()
    }

    #[test]
    fn exact_values_with_display_scale() {
        assert_eq!(
            to_decimal(&short(false, 0, 0, &[])).unwrap().to_string(),
            "0"
        );
        assert_eq!(
            to_decimal(&short(false, 0, 2, &[])).unwrap().to_string(),
            "0.00"
        );
        assert_eq!(
            to_decimal(&short(false, 0, 2, &[12, 5000]))
                .unwrap()
                .to_string(),
            "12.50"
        );
        assert_eq!(
            to_decimal(&short(true, 0, 1, &[9, 5000])).unwrap(),
            d("-9.5")
        );
        assert_eq!(
            to_decimal(&short(false, -1, 4, &[1])).unwrap().to_string(),
            "0.0001"
        );
        assert_eq!(
            to_decimal(&short(false, -2, 6, &[0, 1200][1..]))
                .unwrap()
                .to_string(),
            "0.000012"
        );
        assert_eq!(
            to_decimal(&short(false, 1, 0, &[1, 5])).unwrap(),
            d("10005")
        );
        assert_eq!(
            to_decimal(&short(false, 2, 0, &[3])).unwrap(),
            d("300000000")
        );
        assert_eq!(
            to_decimal(&short(false, 0, 3, &[1, 2340]))
                .unwrap()
                .to_string(),
            "1.234"
        );
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
    fn beyond_decimal_is_an_error() {
        assert_eq!(
            to_decimal(&0xC000u16.to_ne_bytes()),
            Err(NotDecimal::Special)
        );
        // 10^32 has 33 digits
        assert_eq!(
            to_decimal(&short(false, 8, 0, &[1])),
            Err(NotDecimal::TooLarge)
        );
        // scale 30
        assert_eq!(
            to_decimal(&short(false, -8, 30, &[1])),
            Err(NotDecimal::TooLarge)
        );
    }
}
