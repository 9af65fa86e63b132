//! Coupons: percentage, fixed amount and 满减 (spend X, get Y off), with a validity window,
//! a minimum spend and usage limits. The browser shows what these rules compute; the server
//! recomputes them and ignores any discount a client sends.

use crate::money::Money;
use serde::{Deserialize, Serialize};
use std::fmt;

/// A coupon code as a shopper types it: letters, digits and hyphens, case-insensitive,
/// stored upper-case.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(transparent)]
pub struct CouponCode(String);

impl CouponCode {
    pub fn parse(text: &str) -> Option<CouponCode> {
        let code = text.trim().to_ascii_uppercase();
        let ok = (3..=32).contains(&code.len())
            && code
                .bytes()
                .all(|b| b.is_ascii_uppercase() || b.is_ascii_digit() || b == b'-');
        ok.then_some(CouponCode(code))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum CouponKind {
    /// `basis_points` off (1500 = 15 % off), optionally capped.
    Percentage {
        basis_points: u32,
        max_off: Option<Money>,
    },
    /// A fixed amount off (never more than the items cost).
    Fixed { off: Money },
    /// 满减: spend `threshold`, get `off` off — once, or for every full `threshold` (每满减).
    SpendAndSave {
        threshold: Money,
        off: Money,
        repeat: bool,
    },
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Coupon {
    pub code: CouponCode,
    pub kind: CouponKind,
    /// Milliseconds since the epoch (UTC).
    pub starts_at: i64,
    pub ends_at: Option<i64>,
    pub min_spend: Option<Money>,
    pub usage_limit_total: Option<u32>,
    pub usage_limit_per_customer: Option<u32>,
    /// A personal coupon (issued to one customer account): nobody else may use it.
    #[serde(default)]
    pub for_customer: Option<i64>,
}

/// How often a coupon has been used, overall and by the shopper at hand, and who that
/// shopper is (their account, when signed in).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct CouponUsage {
    pub total: u32,
    pub by_customer: u32,
    pub customer: Option<i64>,
}

/// Why a coupon does not apply — shown to the shopper in their language.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(tag = "reason", rename_all = "snake_case")]
pub enum CouponRejection {
    NotStarted,
    Expired,
    BelowMinimumSpend {
        missing: Money,
    },
    UsedUp,
    AlreadyUsed,
    /// A personal coupon of another account (or the shopper is not signed in).
    NotYours,
    /// The items do not reach a 满减 threshold.
    BelowThreshold {
        missing: Money,
    },
}

impl fmt::Display for CouponRejection {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            CouponRejection::NotStarted => f.write_str("the coupon is not valid yet"),
            CouponRejection::Expired => f.write_str("the coupon has expired"),
            CouponRejection::BelowMinimumSpend { missing } => {
                write!(f, "spend {missing} more to use this coupon")
            }
            CouponRejection::UsedUp => f.write_str("the coupon has been used up"),
            CouponRejection::AlreadyUsed => f.write_str("you have already used this coupon"),
            CouponRejection::NotYours => {
                f.write_str("this coupon belongs to another account (log in to use yours)")
            }
            CouponRejection::BelowThreshold { missing } => {
                write!(f, "spend {missing} more to reach the discount")
            }
        }
    }
}

impl Coupon {
    /// The discount on items worth `subtotal` at `now`, or why there is none.
    ///
    /// Always between zero and `subtotal`, so the intermediate sums saturate instead of
    /// failing: whatever they reach, the clamp brings the result back into range.
    pub fn discount(
        &self,
        subtotal: Money,
        now: i64,
        usage: CouponUsage,
    ) -> Result<Money, CouponRejection> {
        if self
            .for_customer
            .is_some_and(|owner| usage.customer != Some(owner))
        {
            return Err(CouponRejection::NotYours);
        }
        if now < self.starts_at {
            return Err(CouponRejection::NotStarted);
        }
        if self.ends_at.is_some_and(|end| now >= end) {
            return Err(CouponRejection::Expired);
        }
        if self
            .usage_limit_total
            .is_some_and(|limit| usage.total >= limit)
        {
            return Err(CouponRejection::UsedUp);
        }
        if self
            .usage_limit_per_customer
            .is_some_and(|limit| usage.by_customer >= limit)
        {
            return Err(CouponRejection::AlreadyUsed);
        }
        let missing = |target: Money| {
            Money::new(
                target.minor.saturating_sub(subtotal.minor),
                subtotal.currency,
            )
        };
        if let Some(min) = self.min_spend {
            if subtotal.minor < min.minor {
                return Err(CouponRejection::BelowMinimumSpend {
                    missing: missing(min),
                });
            }
        }
        let off = match &self.kind {
            CouponKind::Percentage {
                basis_points,
                max_off,
            } => {
                // |subtotal × bp / 10000| ≤ |subtotal|: cannot overflow
                let off = subtotal
                    .mul_ratio(i64::from(*basis_points), 10_000)
                    .map_or(subtotal.minor, |m| m.minor);
                match max_off {
                    Some(cap) => off.min(cap.minor),
                    None => off,
                }
            }
            CouponKind::Fixed { off } => off.minor,
            CouponKind::SpendAndSave {
                threshold,
                off,
                repeat,
            } => {
                if threshold.minor <= 0 || subtotal.minor < threshold.minor {
                    return Err(CouponRejection::BelowThreshold {
                        missing: missing(*threshold),
                    });
                }
                let times = if *repeat {
                    subtotal.minor / threshold.minor
                } else {
                    1
                };
                off.minor.saturating_mul(times)
            }
        };
        Ok(Money::new(
            off.clamp(0, subtotal.minor.max(0)),
            subtotal.currency,
        ))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn coupon(kind: CouponKind) -> Coupon {
        Coupon {
            code: CouponCode::parse("WINTER-15").unwrap(),
            kind,
            starts_at: 1_000,
            ends_at: Some(2_000),
            min_spend: None,
            usage_limit_total: None,
            usage_limit_per_customer: None,
            for_customer: None,
        }
    }

    #[test]
    fn personal_coupons_are_only_for_their_owner() {
        let mut c = coupon(CouponKind::Fixed {
            off: Money::cny(500),
        });
        c.for_customer = Some(7);
        let as_who = |customer| CouponUsage {
            customer,
            ..CouponUsage::default()
        };
        assert_eq!(
            c.discount(Money::cny(10_000), 1_500, as_who(Some(7))),
            Ok(Money::cny(500))
        );
        assert_eq!(
            c.discount(Money::cny(10_000), 1_500, as_who(Some(8))),
            Err(CouponRejection::NotYours)
        );
        assert_eq!(
            c.discount(Money::cny(10_000), 1_500, as_who(None)),
            Err(CouponRejection::NotYours)
        );
    }

    fn off(c: &Coupon, subtotal: i64) -> Result<i64, CouponRejection> {
        c.discount(Money::cny(subtotal), 1_500, CouponUsage::default())
            .map(|m| m.minor)
    }

    #[test]
    fn codes() {
        assert_eq!(
            CouponCode::parse(" winter-15 ").unwrap().as_str(),
            "WINTER-15"
        );
        for bad in ["", "ab", "has space", "中文码", &"A".repeat(33)] {
            assert!(CouponCode::parse(bad).is_none(), "{bad}");
        }
    }

    #[test]
    fn percentage_rounds_once_and_caps() {
        let c = coupon(CouponKind::Percentage {
            basis_points: 1500,
            max_off: None,
        });
        assert_eq!(off(&c, 9_999), Ok(1_500)); // 1499.85 fen rounds half away from zero
        let capped = coupon(CouponKind::Percentage {
            basis_points: 5000,
            max_off: Some(Money::cny(2_000)),
        });
        assert_eq!(off(&capped, 100_000), Ok(2_000));
    }

    #[test]
    fn fixed_never_exceeds_the_items() {
        let c = coupon(CouponKind::Fixed {
            off: Money::cny(5_000),
        });
        assert_eq!(off(&c, 20_000), Ok(5_000));
        assert_eq!(off(&c, 3_000), Ok(3_000));
    }

    #[test]
    fn spend_and_save() {
        let once = coupon(CouponKind::SpendAndSave {
            threshold: Money::cny(30_000),
            off: Money::cny(5_000),
            repeat: false,
        });
        assert_eq!(
            off(&once, 29_999),
            Err(CouponRejection::BelowThreshold {
                missing: Money::cny(1)
            })
        );
        assert_eq!(off(&once, 30_000), Ok(5_000));
        assert_eq!(off(&once, 90_000), Ok(5_000));
        let every = coupon(CouponKind::SpendAndSave {
            threshold: Money::cny(30_000),
            off: Money::cny(5_000),
            repeat: true,
        });
        assert_eq!(off(&every, 90_000), Ok(15_000));
        assert_eq!(off(&every, 89_999), Ok(10_000));
    }

    #[test]
    fn window_minimum_and_limits() {
        let mut c = coupon(CouponKind::Fixed {
            off: Money::cny(100),
        });
        let at = |c: &Coupon, now, usage| c.discount(Money::cny(10_000), now, usage);
        assert_eq!(
            at(&c, 999, CouponUsage::default()),
            Err(CouponRejection::NotStarted)
        );
        assert_eq!(
            at(&c, 2_000, CouponUsage::default()),
            Err(CouponRejection::Expired)
        );
        c.min_spend = Some(Money::cny(20_000));
        assert_eq!(
            at(&c, 1_500, CouponUsage::default()),
            Err(CouponRejection::BelowMinimumSpend {
                missing: Money::cny(10_000)
            })
        );
        c.min_spend = None;
        c.usage_limit_total = Some(100);
        c.usage_limit_per_customer = Some(1);
        assert_eq!(
            at(
                &c,
                1_500,
                CouponUsage {
                    total: 100,
                    by_customer: 0,
                    customer: None
                }
            ),
            Err(CouponRejection::UsedUp)
        );
        assert_eq!(
            at(
                &c,
                1_500,
                CouponUsage {
                    total: 5,
                    by_customer: 1,
                    customer: None
                }
            ),
            Err(CouponRejection::AlreadyUsed)
        );
        assert_eq!(
            at(
                &c,
                1_500,
                CouponUsage {
                    total: 5,
                    by_customer: 0,
                    customer: None
                }
            ),
            Ok(Money::cny(100))
        );
    }

    proptest! {
        #[test]
        fn a_discount_is_never_negative_nor_above_the_subtotal(
            subtotal in 0_i64..10_000_000,
            bp in 0_u32..=10_000,
            fixed in 0_i64..10_000_000,
            threshold in 1_i64..1_000_000,
            repeat in any::<bool>(),
        ) {
            for kind in [
                CouponKind::Percentage { basis_points: bp, max_off: None },
                CouponKind::Fixed { off: Money::cny(fixed) },
                CouponKind::SpendAndSave { threshold: Money::cny(threshold), off: Money::cny(fixed), repeat },
            ] {
                if let Ok(d) = coupon(kind).discount(Money::cny(subtotal), 1_500, CouponUsage::default()) {
                    prop_assert!(d.minor >= 0 && d.minor <= subtotal);
                }
            }
        }
    }
}
