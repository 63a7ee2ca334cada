//! The rules every stored `mrrsummary` meets ([`MrrSummary::check_stored`]), checked inline
//! and described out of line: `rollup()` checks every summary it reads.

use super::{MrrSummary, AMOUNTS, COUNTS};
use crate::kpi::churn_period::valid_period;

/// The first rule of [`MrrSummary::check_stored`] a summary breaks.
#[derive(Debug, Clone, Copy)]
enum Fault {
    NegativeAmount(usize),
    NegativeCount(usize),
    Unpaired(usize),
    NotBridged,
    Counts,
    Period,
}

impl MrrSummary {
    /// The rules every stored summary meets, whichever way it came in. The rules are checked
    /// inline and the message built out of line: `rollup()` checks every summary it reads, and
    /// the messages' code in its path spilled the summary to the stack and copied it
    /// (BENCHMARKS.md, issue 26).
    #[inline(always)]
    pub fn check_stored(&self) -> Result<(), String> {
        match self.fault() {
            None => Ok(()),
            Some(fault) => Err(self.describe(fault)),
        }
    }

    /// The first rule of [`MrrSummary::check_stored`] this summary breaks, if any.
    #[inline(always)]
    fn fault(&self) -> Option<Fault> {
        if let Some(k) = self.amounts.iter().position(|a| a.is_negative()) {
            return Some(Fault::NegativeAmount(k));
        }
        if let Some(k) = self.counts.iter().position(|c| *c < 0) {
            return Some(Fault::NegativeCount(k));
        }
        if let Some(k) = (0..7).find(|&k| (self.amounts[k].mantissa == 0) != (self.counts[k] == 0))
        {
            return Some(Fault::Unpaired(k));
        }
        let [start, end, new, react, exp, con, churn] = self.amounts;
        let bridged = [new, react, exp]
            .iter()
            .try_fold(start, |s, x| s.add(x.mantissa, x.scale))
            .and_then(|s| {
                [con, churn]
                    .iter()
                    .try_fold(s, |s, x| s.add(x.mantissa.checked_neg()?, x.scale))
            });
        if bridged.is_none_or(|b| b.cmp_value(end).is_ne()) {
            return Some(Fault::NotBridged);
        }
        let [at_start, at_end, new, react, exp, con, churn] = self.counts.map(i128::from);
        if at_start + new + react - churn != at_end || exp + con + churn > at_start {
            return Some(Fault::Counts);
        }
        if self.period.is_some_and(|p| !valid_period(&p)) {
            return Some(Fault::Period);
        }
        None
    }

    /// The message of [`MrrSummary::check_stored`] for `fault`.
    #[cold]
    #[inline(never)]
    fn describe(&self, fault: Fault) -> String {
        let [start, end, new, react, exp, con, churn] = self.amounts;
        let [at_start, at_end, new_c, react_c, exp_c, con_c, churn_c] = self.counts;
        match fault {
            Fault::NegativeAmount(k) => format!("negative {} {}", AMOUNTS[k], self.amounts[k]),
            Fault::NegativeCount(k) => format!("negative {} {}", COUNTS[k], self.counts[k]),
            Fault::Unpaired(k) => format!(
                "{} {} with {} {}",
                AMOUNTS[k], self.amounts[k], COUNTS[k], self.counts[k]
            ),
            Fault::NotBridged => format!(
                "starting_mrr {start} + new {new} + reactivation {react} + expansion {exp} - \
                 contraction {con} - churned {churn} is not ending_mrr {end}"
            ),
            Fault::Counts => format!(
                "customer counts do not add up: {at_start} at start, {new_c} new, {react_c} \
                 reactivated, {exp_c} expanded, {con_c} contracted, {churn_c} churned, {at_end} at end"
            ),
            Fault::Period => "malformed period".into(),
        }
    }
}
