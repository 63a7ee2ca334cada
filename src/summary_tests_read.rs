//! [`Summary::read_stored`], which `rollup()` parses each summary with, against
//! [`Summary::from_stored`]: into a state that held anything before (a new one, or another
//! summary), the same value or the same error, for every summary type of a fixed size, over
//! random summaries and their damaged bytes. The types that read in place (`churnsummary`,
//! `mrrsummary`) set every field themselves, those a state's `Debug` shows but its equality
//! leaves out (`churnsummary`'s period cache and shape) included. And the scales `rollup()` does
//! not count ([`Summary::DECIMALS_HELD`]) are 0 in every summary read.

use super::health_unit_tests::referral;
use super::unit_tests::{ces, churn, clv, csat, mrr, mutate, nps, share, Rng};
use crate::numeric::tests::whole::rng;
use crate::summary::Summary;

/// Summaries per type.
const CASES: usize = 2000;

fn check_reads<S: Summary + std::fmt::Debug>(seed: u64, make: fn(Rng) -> S) {
    let mut next = rng(seed);
    let mut refused = 0;
    for i in 0..CASES {
        let stored = make(&mut next).to_stored();
        let bytes = if i % 2 == 0 {
            stored
        } else {
            mutate(&mut next, &stored, &[])
        };
        let want = S::from_stored(&bytes).map(|s| {
            // rollup() counts the scales of the first DECIMALS_HELD decimals only
            let padding = &s.scales()[S::DECIMALS_HELD..];
            assert!(padding.iter().all(|&x| x == 0), "{} {s:?}", S::TYPE);
            format!("{s:?}")
        });
        refused += usize::from(want.is_err());
        for mut out in [S::default(), make(&mut next)] {
            let got = S::read_stored(&bytes, &mut out).map(|()| format!("{out:?}"));
            match (&got, &want) {
                (Ok(g), Ok(w)) => assert_eq!(g, w, "{} {bytes:?}", S::TYPE),
                (Err(g), Err(w)) => assert_eq!(g.message(), w.message(), "{bytes:?}"),
                _ => panic!("{} {bytes:?}: {got:?} against {want:?}", S::TYPE),
            }
        }
    }
    // damaged bytes reach both outcomes, so the test can fail either way
    assert!(refused > 0 && refused < CASES / 2, "{} {refused}", S::TYPE);
}

#[test]
fn a_summary_reads_in_place_as_decoded() {
    check_reads(0x2f1d_7c45_91b3_a6e9, nps);
    check_reads(0x6a09_e667_f3bc_c908, ces);
    check_reads(0xbb67_ae85_84ca_a73b, csat);
    check_reads(0x3c6e_f372_fe94_f82b, clv);
    check_reads(0xa54f_f53a_5f1d_36f1, share);
    check_reads(0x510e_527f_ade6_82d1, churn);
    check_reads(0x9b05_688c_2b3e_6c1f, mrr);
    check_reads(0x1f83_d9ab_fb41_bd6b, referral);
}
