//! Fixed cases of the summary types' stored and text forms beside the seeded properties of
//! `summary_tests.rs`: what 0.1.0 wrote still reads, and what it accepted but could not print
//! is refused.

use crate::kpi::ces_summary::CesSummary;
use crate::kpi::churn_period::{Period, PeriodState};
use crate::kpi::clv::ClvState;
use crate::kpi::csat_summary::CsatState;
use crate::kpi::nps::NpsState;
use crate::kpi::ratio::RatioState;
use crate::kpi::share_summary::ShareState;
use crate::numeric::Scaled;
use crate::summary::Summary;
use crate::time::Kind;

/// The values 0.1.0 was known to accept in binary but could not print (issue 9): refused now.
#[test]
fn binary_values_without_a_text_form_are_refused() {
    let min_sum = CesSummary {
        sum: Scaled {
            mantissa: i128::MIN,
            scale: 0,
        },
        count: 1,
        squares: None,
    };
    let e = CesSummary::from_stored(&crate::agg::AggState::to_bytes(&min_sum)).unwrap_err();
    assert_eq!(e.sqlstate(), "22P02");
    let infinite = PeriodState::new(
        RatioState { hits: 0, total: 1 },
        Some(Period {
            kind: Kind::Date,
            lower: 0,
            upper: i64::from(i32::MAX),
            lower_inc: true,
            upper_inc: false,
        }),
    );
    let e = PeriodState::from_stored(&infinite.to_stored()).unwrap_err();
    assert_eq!(
        (e.sqlstate(), e.message()),
        (
            "22P02",
            "invalid churnsummary bytes: invalid churn period state: malformed period"
        )
    );
    let csat_without_threshold = CsatState {
        satisfied: 0,
        responses: 2,
        sum: Scaled::default(),
        threshold: None,
    };
    assert!(CsatState::from_stored(&csat_without_threshold.to_stored()).is_err());
}

/// Stored bytes and text as 0.1.0 (0ff2bd1) wrote them read back to the same values today: the
/// stored writers have not changed since, and these fixtures pin that. Text includes the forms
/// 0.1.0 printed that today's output writes differently (a BC year with a sign, six-digit
/// fractions of a second, spaces), which still read.
#[test]
fn what_0_1_0_stored_and_printed_still_reads() {
    let x = |m, s| Scaled {
        mantissa: m,
        scale: s,
    };
    let bytes = |h: &str| -> Vec<u8> {
        (0..h.len())
            .step_by(2)
            .map(|i| u8::from_str_radix(&h[i..i + 2], 16).unwrap())
            .collect()
    };
    let nps = NpsState::from_counts([3, 0, 0, 0, 0, 0, 1, 200, 0, 70_000, 5]).unwrap();
    assert_eq!(
        NpsState::from_stored(&bytes("0103000000000001c80100f0a20405")).unwrap(),
        nps
    );
    let ces = CesSummary {
        sum: x(1250, 2),
        count: 3,
        squares: None,
    };
    assert_eq!(
        CesSummary::from_stored(&bytes(
            "01e2040000000000000000000000000000020300000000000000"
        ))
        .unwrap(),
        ces
    );
    let csat = CsatState {
        satisfied: 3,
        responses: 4,
        sum: x(155, 1),
        threshold: Some(x(45, 1)),
    };
    assert_eq!(
        CsatState::from_stored(&bytes(
            "01030000000000000004000000000000009b00000000000000000000000000000001012d00000000000000000000000000000001"
        ))
        .unwrap(),
        csat
    );
    let clv = ClvState {
        sums: [x(1505, 1), x(6, 0), x(4000, 3)],
        n: 2,
    };
    assert_eq!(
        ClvState::<Scaled>::from_stored(&bytes(
            "01e1050000000000000000000000000000010600000000000000000000000000000000a00f0000000000000000000000000000030200000000000000"
        ))
        .unwrap(),
        clv
    );
    let share = ShareState {
        hits: x(35, 1),
        total: x(4025, 2),
    };
    assert_eq!(
        ShareState::from_stored(&bytes(
            "012300000000000000000000000000000001b90f000000000000000000000000000002"
        ))
        .unwrap(),
        share
    );
    let day = |t| crate::time::parse_moment(t).unwrap().1;
    let january = Period {
        kind: Kind::Date,
        lower: day("2025-01-01"),
        upper: day("2025-02-01"),
        lower_inc: true,
        upper_inc: false,
    };
    let churn = PeriodState::new(RatioState { hits: 3, total: 40 }, Some(january));
    assert_eq!(
        PeriodState::from_stored(&bytes(
            "010300000000000000280000000000000001ac23000000000000cb2300000000000001"
        ))
        .unwrap(),
        churn
    );
    // 0.1.0's bytes are in versions the types still write, and are those versions' only encoding
    // of their values: equality and hashing compare such bytes as they lie (summary::canonical)
    fn same<S: crate::summary::Stored>(b: &[u8]) {
        assert!(S::VERSIONS.contains(&b[0]), "{}", S::TYPE);
        let again = S::from_stored(b).unwrap_or_else(|e| panic!("{}", e.message()));
        assert_eq!(again.to_stored(), b, "{}", S::TYPE);
    }
    same::<NpsState>(&bytes("0103000000000001c80100f0a20405"));
    same::<CesSummary>(&bytes(
        "01e2040000000000000000000000000000020300000000000000",
    ));
    same::<CsatState>(&bytes(
        "01030000000000000004000000000000009b00000000000000000000000000000001012d00000000000000000000000000000001",
    ));
    same::<ClvState<Scaled>>(&bytes(
        "01e1050000000000000000000000000000010600000000000000000000000000000000a00f0000000000000000000000000000030200000000000000",
    ));
    same::<ShareState>(&bytes(
        "012300000000000000000000000000000001b90f000000000000000000000000000002",
    ));
    same::<PeriodState>(&bytes(
        "010300000000000000280000000000000001ac23000000000000cb2300000000000001",
    ));
    // text as 0.1.0 printed it
    assert_eq!(
        NpsState::from_text(r#"{"v":1,"counts":[3,0,0,0,0,0,1,200,0,70000,5]}"#).unwrap(),
        nps
    );
    assert_eq!(
        CesSummary::from_text(r#"{"v":1,"count":3,"sum":12.50}"#).unwrap(),
        ces
    );
    assert_eq!(
        CsatState::from_text(r#"{"v":1,"threshold":4.5,"satisfied":3,"responses":4,"sum":15.5}"#)
            .unwrap(),
        csat
    );
    assert_eq!(
        ClvState::<Scaled>::from_text(r#"{"v":1,"n":2,"value":150.5,"freq":6,"lifespan":4.000}"#)
            .unwrap(),
        clv
    );
    assert_eq!(
        ShareState::from_text(r#"{"v":1,"hits":3.5,"total":40.25}"#).unwrap(),
        share
    );
    assert_eq!(
        PeriodState::from_text(
            r#"{"v":1,"lost":3,"at_start":40,"period":"[2025-01-01,2025-02-01)"}"#
        )
        .unwrap(),
        churn
    );
    // the forms 0.1.0 printed that today's output writes differently
    let bc = PeriodState::from_text(
        r#"{"v":1,"lost":0,"at_start":1,"period":"[-099-01-01,-098-01-01)"}"#,
    )
    .unwrap();
    assert_eq!(
        bc.to_text(),
        r#"{"v":1,"lost":0,"at_start":1,"period":"[0100-01-01 BC,0099-01-01 BC)"}"#
    );
    let ts = PeriodState::from_text(
        r#"{"v":1,"lost":0,"at_start":5,"period":"(2000-01-01 00:00:00.500000+00,2000-01-02 00:00:00+00]"}"#,
    )
    .unwrap();
    assert_eq!(
        ts.to_text(),
        r#"{"v":1,"lost":0,"at_start":5,"period":"(2000-01-01 00:00:00.5+00,2000-01-02 00:00:00+00]"}"#
    );
    assert_eq!(
        NpsState::from_text(r#" { "v" : 1 , "counts" : [ 3,0,0,0,0,0,1,200,0,70000,5 ] } "#)
            .unwrap(),
        nps
    );
}
