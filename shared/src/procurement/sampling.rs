//! Inspection on receipt (来料检验): how many units of a delivered lot to inspect and how
//! many defective ones it may hold and still pass — single sampling for normal inspection
//! at general inspection level II, as ISO 2859-1 (GB/T 2828.1) tabulates it — or every unit.

use serde::{Deserialize, Serialize};

/// The acceptance quality limits the tables offer, in hundredths of a per cent of
/// defective units (`Aql(250)` is AQL 2.5).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Aql(pub u32);

impl Aql {
    /// The preferred series, 0.10 to 6.5 (each about 1.6 times the one before).
    pub const SERIES: [u32; 10] = [10, 15, 25, 40, 65, 100, 150, 250, 400, 650];

    /// Its place in [`Aql::SERIES`]; none for a value the tables do not have.
    fn index(self) -> Option<usize> {
        Self::SERIES.iter().position(|a| *a == self.0)
    }
}

/// How a product's deliveries are inspected.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum InspectionPlan {
    /// Every unit (全检).
    Full,
    /// A sample by lot size at this AQL (抽检).
    Sampled { aql: Aql },
}

/// What to inspect of one lot, and what it may hold.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Sample {
    /// Units to inspect (the whole lot when the table's sample would be as large).
    pub size: u32,
    /// The lot passes with this many defective units or fewer (Ac)…
    pub accept: u32,
    /// …and fails with this many or more (Re).
    pub reject: u32,
}

/// The sample sizes of code letters A to R.
const SIZES: [u32; 16] = [
    2, 3, 5, 8, 13, 20, 32, 50, 80, 125, 200, 315, 500, 800, 1250, 2000,
];

/// The largest lot of code letters A to Q at general inspection level II (R is not used
/// at level II: lots above 500,000 are Q).
const LOTS: [u32; 15] = [
    8,
    15,
    25,
    50,
    90,
    150,
    280,
    500,
    1200,
    3200,
    10_000,
    35_000,
    150_000,
    500_000,
    u32::MAX,
];

/// The code letter's place (A = 0) for a lot of `lot` units (at least 2).
fn code_letter(lot: u32) -> usize {
    LOTS.iter()
        .position(|max| lot <= *max)
        .unwrap_or(LOTS.len() - 1)
}

/// The table's diagonal: at sample place `k` and AQL place `a` (both from 0) the plan is
/// read at `d = k + a`. The first plan, Ac 0 / Re 1, is at `d = 9` (letter A at AQL 6.5,
/// letter E at AQL 1.0); the acceptance numbers climb along the diagonal 0, 1, 2, 3, 5, 7,
/// 10, 14, 21. Where the table has an arrow there is no plan: `d` below 9 and `d = 11`
/// point down (a larger sample), `d = 10` and above 19 point up (a smaller one).
fn plan_at(d: usize) -> Option<(u32, u32)> {
    match d {
        9 => Some((0, 1)),
        12 => Some((1, 2)),
        13 => Some((2, 3)),
        14 => Some((3, 4)),
        15 => Some((5, 6)),
        16 => Some((7, 8)),
        17 => Some((10, 11)),
        18 => Some((14, 15)),
        19 => Some((21, 22)),
        _ => None,
    }
}

/// The sample of a lot of `lot` units under `plan`; `None` for an AQL the tables do not
/// have. A lot of 0 or 1 unit is inspected whole.
pub fn sample(plan: InspectionPlan, lot: u32) -> Option<Sample> {
    let aql = match plan {
        InspectionPlan::Full => {
            // every unit is judged on its own: the lot itself is not accepted or rejected
            return Some(Sample {
                size: lot,
                accept: lot,
                reject: lot.saturating_add(1),
            });
        }
        InspectionPlan::Sampled { aql } => aql.index()?,
    };
    let mut k = code_letter(lot.max(2));
    // follow the arrows to the first plan below or above
    loop {
        let d = k + aql;
        if let Some((accept, reject)) = plan_at(d) {
            let size = SIZES[k].min(lot);
            return Some(Sample {
                size,
                accept,
                reject,
            });
        }
        if d < 9 || d == 11 {
            k += 1;
        } else {
            k -= 1;
        }
    }
}

/// What inspection decided for a lot (检验结论).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum Verdict {
    Accepted,
    Rejected,
}

/// The verdict on a sample with `defective` units found.
pub fn verdict(sample: Sample, defective: u32) -> Verdict {
    if defective <= sample.accept {
        Verdict::Accepted
    } else {
        Verdict::Rejected
    }
}

/// The units of a lot of `lot` that pass into stock under `plan` when inspection found
/// `defective` ones: every unit inspected, the defective ones go back and the rest pass;
/// sampled, a lot that passes keeps all but the defective units found, and a lot that fails
/// goes back whole (unless accepted with a concession, a person's decision).
pub fn accepted_units(plan: InspectionPlan, lot: u32, defective: u32) -> Option<u32> {
    let defective = defective.min(lot);
    match plan {
        InspectionPlan::Full => Some(lot - defective),
        InspectionPlan::Sampled { .. } => {
            let s = sample(plan, lot)?;
            Some(match verdict(s, defective) {
                Verdict::Accepted => lot - defective,
                Verdict::Rejected => 0,
            })
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(aql: u32, lot: u32) -> (u32, u32, u32) {
        let s = sample(InspectionPlan::Sampled { aql: Aql(aql) }, lot).unwrap();
        (s.size, s.accept, s.reject)
    }

    #[test]
    fn the_table_reads_as_published() {
        // AQL 2.5, level II: lots of 91–150 (F), 151–280 (G), 281–500 (H), 501–1200 (J)
        assert_eq!(at(250, 100), (20, 1, 2));
        assert_eq!(at(250, 200), (32, 2, 3));
        assert_eq!(at(250, 500), (50, 3, 4));
        assert_eq!(at(250, 1000), (80, 5, 6));
        // D at AQL 2.5 points up to C's plan; E points down to F's
        assert_eq!(at(250, 50), (5, 0, 1));
        assert_eq!(at(250, 60), (20, 1, 2));
        // AQL 1.0: J, K, L, Q
        assert_eq!(at(100, 1000), (80, 2, 3));
        assert_eq!(at(100, 3000), (125, 3, 4));
        assert_eq!(at(100, 5000), (200, 5, 6));
        assert_eq!(at(100, 600_000), (1250, 21, 22));
        // AQL 6.5 at the smallest lots: A is a plan of its own
        assert_eq!(at(650, 5), (2, 0, 1));
        // a sample as large as the lot: the whole lot
        assert_eq!(at(100, 10), (10, 0, 1));
        assert_eq!(sample(InspectionPlan::Sampled { aql: Aql(123) }, 100), None);
    }

    #[test]
    fn every_lot_and_aql_finds_a_plan_within_the_lot() {
        for aql in Aql::SERIES {
            for lot in [
                0,
                1,
                2,
                7,
                8,
                9,
                50,
                51,
                500,
                1201,
                35_000,
                150_001,
                u32::MAX,
            ] {
                let s = sample(InspectionPlan::Sampled { aql: Aql(aql) }, lot).unwrap();
                assert!(s.size <= lot, "{aql} {lot}: {s:?}");
                assert_eq!(s.reject, s.accept + 1);
            }
        }
    }

    #[test]
    fn a_larger_aql_never_asks_more_of_a_lot() {
        for lot in [10, 100, 1000, 10_000, 100_000] {
            let plans: Vec<Sample> = Aql::SERIES
                .iter()
                .map(|a| sample(InspectionPlan::Sampled { aql: Aql(*a) }, lot).unwrap())
                .collect();
            for pair in plans.windows(2) {
                // a looser limit tolerates at least the same share of defective units
                let (a, b) = (pair[0], pair[1]);
                assert!(
                    u64::from(b.accept) * u64::from(a.size.max(1))
                        >= u64::from(a.accept) * u64::from(b.size.max(1)),
                    "{lot}: {a:?} then {b:?}"
                );
            }
        }
    }

    #[test]
    fn a_lot_passes_up_to_its_acceptance_number() {
        let s = sample(InspectionPlan::Sampled { aql: Aql(250) }, 500).unwrap();
        assert_eq!(verdict(s, 3), Verdict::Accepted);
        assert_eq!(verdict(s, 4), Verdict::Rejected);
        let sampled = InspectionPlan::Sampled { aql: Aql(250) };
        assert_eq!(accepted_units(sampled, 500, 3), Some(497));
        assert_eq!(
            accepted_units(sampled, 500, 4),
            Some(0),
            "the lot goes back"
        );
        assert_eq!(
            accepted_units(InspectionPlan::Full, 40, 3),
            Some(37),
            "each bad unit goes back, the rest pass"
        );
        assert_eq!(sample(InspectionPlan::Full, 40).map(|s| s.size), Some(40));
    }
}
