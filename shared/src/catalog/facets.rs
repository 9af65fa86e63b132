//! Search facets: how many matching products fall in each category, brand, price band.

use crate::catalog::{Localized, ProductList};
use crate::money::{Currency, Money};
use serde::{Deserialize, Serialize};

/// How many of the matching products fall in each category, brand, price band, and how many
/// are in stock — for the filters beside search results.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Facets {
    pub categories: Vec<FacetCount>,
    pub brands: Vec<FacetCount>,
    pub price_bands: Vec<PriceBand>,
    pub in_stock: i64,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct FacetCount {
    pub slug: String,
    pub name: Localized,
    pub count: i64,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PriceBand {
    pub min: Money,
    /// `None` for the open-ended top band.
    pub max: Option<Money>,
    pub count: i64,
}

/// The price bands of search facets, in yuan: under 100, 100–300, 300–1000, 1000–3000, 3000+.
pub fn price_bands(prices: &[Money], currency: Currency) -> Vec<PriceBand> {
    const EDGES: [i64; 4] = [10_000, 30_000, 100_000, 300_000];
    let mut bands = Vec::new();
    let mut low = 0;
    for high in EDGES.iter().copied().map(Some).chain(std::iter::once(None)) {
        let count = prices
            .iter()
            .filter(|p| p.minor >= low && high.is_none_or(|h| p.minor < h))
            .count();
        bands.push(PriceBand {
            min: Money::new(low, currency),
            max: high.map(|h| Money::new(h, currency)),
            count: i64::try_from(count).unwrap_or(i64::MAX),
        });
        low = high.unwrap_or(low);
    }
    bands
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct SearchResult {
    pub list: ProductList,
    pub facets: Facets,
    /// When nothing matched the words as typed: the corrected words these results are for.
    #[serde(default)]
    pub corrected: Option<String>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bands_cover_every_price_once() {
        let prices: Vec<Money> = [500, 10_000, 29_999, 30_000, 500_000]
            .map(Money::cny)
            .to_vec();
        let bands = price_bands(&prices, Currency::CNY);
        assert_eq!(
            bands.iter().map(|b| b.count).collect::<Vec<_>>(),
            vec![1, 2, 1, 0, 1]
        );
        assert_eq!(bands.last().unwrap().max, None);
    }
}
