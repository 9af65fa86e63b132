//! Shipping: zone-based rates (by province, the rest of China, abroad), by weight, with a
//! free-shipping threshold. Configured in the database, computed here.

use crate::catalog::Localized;
use crate::money::Money;
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum Zone {
    /// Provinces by their two-digit GB/T 2260 code ("31" Shanghai, "44" Guangdong).
    Provinces {
        codes: Vec<String>,
    },
    /// Anywhere in mainland China not named by an earlier zone.
    RestOfChina,
    International,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ZoneRate {
    pub zone: Zone,
    /// Price of the first kilogram (or less).
    pub first_kg: Money,
    /// Price of every further started kilogram.
    pub extra_kg: Money,
    /// Free when the items (after discounts) cost at least this much.
    pub free_over: Option<Money>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ShippingMethod {
    pub code: String,
    pub name: Localized,
    /// The first zone that matches the destination applies.
    pub rates: Vec<ZoneRate>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum Destination {
    /// A six-digit GB/T 2260 division code (its first two digits name the province).
    China {
        division_code: String,
    },
    International {
        country: String,
    },
}

impl Zone {
    fn matches(&self, destination: &Destination) -> bool {
        match (self, destination) {
            (Zone::Provinces { codes }, Destination::China { division_code }) => {
                codes.iter().any(|c| division_code.starts_with(c.as_str()))
            }
            (Zone::RestOfChina, Destination::China { .. }) => true,
            (Zone::International, Destination::International { .. }) => true,
            _ => false,
        }
    }
}

impl ShippingMethod {
    /// What shipping costs, or `None` when this method does not deliver there.
    pub fn quote(
        &self,
        destination: &Destination,
        weight_grams: i64,
        items: Money,
    ) -> Option<Money> {
        let rate = self.rates.iter().find(|r| r.zone.matches(destination))?;
        if rate.free_over.is_some_and(|t| items.minor >= t.minor) {
            return Some(Money::zero(items.currency));
        }
        let extra_kg = ((weight_grams.max(0) - 1000).max(0) + 999) / 1000;
        let extra = rate.extra_kg.checked_mul(extra_kg).ok()?;
        rate.first_kg.checked_add(extra).ok()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn express() -> ShippingMethod {
        ShippingMethod {
            code: "express".into(),
            name: Localized::new("顺丰速运", "SF Express"),
            rates: vec![
                ZoneRate {
                    zone: Zone::Provinces {
                        codes: vec!["31".into(), "32".into(), "33".into()],
                    },
                    first_kg: Money::cny(1_000),
                    extra_kg: Money::cny(200),
                    free_over: Some(Money::cny(9_900)),
                },
                ZoneRate {
                    zone: Zone::RestOfChina,
                    first_kg: Money::cny(1_800),
                    extra_kg: Money::cny(500),
                    free_over: Some(Money::cny(19_900)),
                },
            ],
        }
    }

    fn china(code: &str) -> Destination {
        Destination::China {
            division_code: code.into(),
        }
    }

    #[test]
    fn zones_weight_and_free_threshold() {
        let m = express();
        // Shanghai, 800 g, small order: first kg only
        assert_eq!(
            m.quote(&china("310115"), 800, Money::cny(5_000)),
            Some(Money::cny(1_000))
        );
        // 2.1 kg: two further started kilograms
        assert_eq!(
            m.quote(&china("310115"), 2_100, Money::cny(5_000)),
            Some(Money::cny(1_400))
        );
        // free over ¥99 in the near zone
        assert_eq!(
            m.quote(&china("320102"), 5_000, Money::cny(9_900)),
            Some(Money::cny(0))
        );
        // Xinjiang falls into the rest of China
        assert_eq!(
            m.quote(&china("650102"), 1_000, Money::cny(9_900)),
            Some(Money::cny(1_800))
        );
        // not delivered abroad
        assert_eq!(
            m.quote(
                &Destination::International {
                    country: "JP".into()
                },
                1_000,
                Money::cny(100)
            ),
            None
        );
    }
}
