//! The product listing query: filters, sort and pagination, parsed from a URL query
//! string (the API's and the category page's) and written back to one.

use crate::catalog::Slug;
use crate::money::{Currency, Money};
pub use crate::url::{decode_component, encode_component, parse_pairs, QueryString};
use std::fmt;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum ProductSort {
    /// Featured products first, then newest.
    #[default]
    Featured,
    Newest,
    PriceAsc,
    PriceDesc,
}

impl ProductSort {
    pub const ALL: [ProductSort; 4] = [
        ProductSort::Featured,
        ProductSort::Newest,
        ProductSort::PriceAsc,
        ProductSort::PriceDesc,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            ProductSort::Featured => "featured",
            ProductSort::Newest => "newest",
            ProductSort::PriceAsc => "price_asc",
            ProductSort::PriceDesc => "price_desc",
        }
    }

    pub fn parse(text: &str) -> Option<ProductSort> {
        Self::ALL.into_iter().find(|s| s.as_str() == text)
    }
}

/// Prices in a query string: minor units (the API: `min_price=9900`) or major units
/// (the category page, for people: `price_from=99`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PriceUnits {
    Minor,
    Major,
}

/// What a shopper typed into the search box: trimmed, lower-cased, split into at most
/// [`SearchText::MAX_TERMS`] terms (every term must match), LIKE wildcards removed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SearchText {
    text: String,
}

impl SearchText {
    pub const MAX_CHARS: usize = 100;
    pub const MAX_TERMS: usize = 8;

    /// At most [`Self::MAX_CHARS`] characters as typed; words past the eighth are left out
    /// (every word is one more condition, and eight are plenty to find a product).
    pub fn parse(raw: &str) -> Result<Option<SearchText>, QueryError> {
        if raw.chars().count() > Self::MAX_CHARS {
            return Err(bad("q", format!("at most {} characters", Self::MAX_CHARS)));
        }
        let text: String = raw
            .trim()
            .to_lowercase()
            .chars()
            .filter(|c| !matches!(c, '%' | '_' | '\\'))
            .collect();
        let terms: Vec<&str> = text.split_whitespace().take(Self::MAX_TERMS).collect();
        Ok((!terms.is_empty()).then(|| SearchText {
            text: terms.join(" "),
        }))
    }

    pub fn terms(&self) -> impl Iterator<Item = &str> {
        self.text.split(' ')
    }

    pub fn as_str(&self) -> &str {
        &self.text
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ProductQuery {
    /// Full-text search over names, brands, categories and descriptions in both languages.
    pub q: Option<SearchText>,
    /// Only products with at least one variant in stock.
    pub in_stock: Option<bool>,
    pub category: Option<Slug>,
    pub brands: Vec<Slug>,
    pub min_price: Option<Money>,
    pub max_price: Option<Money>,
    pub featured: Option<bool>,
    pub sort: ProductSort,
    /// 1-based.
    pub page: u32,
    pub page_size: u32,
}

impl Default for ProductQuery {
    fn default() -> Self {
        Self {
            q: None,
            in_stock: None,
            category: None,
            brands: Vec::new(),
            min_price: None,
            max_price: None,
            featured: None,
            sort: ProductSort::default(),
            page: 1,
            page_size: Self::DEFAULT_PAGE_SIZE,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct QueryError {
    pub field: String,
    pub problem: String,
    /// Well-formed values that break a rule together (a price range that ends before it
    /// starts), rather than a value that does not parse.
    pub rule: bool,
}

impl fmt::Display for QueryError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.field, self.problem)
    }
}

impl std::error::Error for QueryError {}

fn bad(field: &str, problem: impl Into<String>) -> QueryError {
    QueryError {
        field: field.to_string(),
        problem: problem.into(),
        rule: false,
    }
}

impl ProductQuery {
    pub const DEFAULT_PAGE_SIZE: u32 = 24;
    pub const MAX_PAGE_SIZE: u32 = 100;
    pub const MAX_PAGE: u32 = 10_000;
    pub const MAX_BRANDS: usize = 20;
    /// Longer query strings are refused outright.
    pub const MAX_QUERY_LEN: usize = 2048;

    /// Parses a raw (still percent-encoded) query string. Unknown parameters are ignored.
    pub fn parse(raw: &str, units: PriceUnits) -> Result<ProductQuery, QueryError> {
        if raw.len() > Self::MAX_QUERY_LEN {
            return Err(bad(
                "query",
                format!("is longer than {} characters", Self::MAX_QUERY_LEN),
            ));
        }
        let (min_key, max_key) = match units {
            PriceUnits::Minor => ("min_price", "max_price"),
            PriceUnits::Major => ("price_from", "price_to"),
        };
        let mut q = ProductQuery::default();
        for (key, value) in parse_pairs(raw) {
            if value.trim().is_empty() {
                continue; // an empty form field means "no filter"
            }
            // people type into the pages' forms (spaces forgiven); the API takes values
            // exactly as its document describes them
            let value = match units {
                PriceUnits::Major => value.trim(),
                PriceUnits::Minor => value.as_str(),
            };
            match key.as_str() {
                "category" => {
                    q.category =
                        Some(Slug::parse(value).map_err(|e| bad("category", e.to_string()))?)
                }
                "brand" => {
                    for part in value.split(',').filter(|p| !p.is_empty()) {
                        let slug = Slug::parse(part).map_err(|e| bad("brand", e.to_string()))?;
                        if !q.brands.contains(&slug) {
                            q.brands.push(slug);
                        }
                    }
                    if q.brands.len() > Self::MAX_BRANDS {
                        return Err(bad("brand", format!("at most {} brands", Self::MAX_BRANDS)));
                    }
                }
                k if k == min_key => q.min_price = Some(parse_price(k, value, units)?),
                k if k == max_key => q.max_price = Some(parse_price(k, value, units)?),
                "featured" => q.featured = Some(parse_bool("featured", value)?),
                "in_stock" => q.in_stock = Some(parse_bool("in_stock", value)?),
                "q" => q.q = SearchText::parse(value)?,
                "sort" => {
                    q.sort = ProductSort::parse(value).ok_or_else(|| {
                        bad(
                            "sort",
                            "must be one of featured, newest, price_asc, price_desc",
                        )
                    })?
                }
                "page" => q.page = parse_bounded("page", value, 1, Self::MAX_PAGE)?,
                "page_size" => {
                    q.page_size = parse_bounded("page_size", value, 1, Self::MAX_PAGE_SIZE)?
                }
                _ => {}
            }
        }
        if let (Some(min), Some(max)) = (q.min_price, q.max_price) {
            if min.minor > max.minor {
                return Err(QueryError {
                    rule: true,
                    ..bad(min_key, format!("must not be greater than {max_key}"))
                });
            }
        }
        Ok(q)
    }

    /// Writes the query back as a query string (without `?`), in the given units,
    /// leaving out defaults. `parse(to_query_string(q)) == q`.
    pub fn to_query_string(&self, units: PriceUnits) -> String {
        let mut out = QueryString::default();
        if let Some(q) = &self.q {
            out.push("q", q.as_str());
        }
        if let Some(s) = self.in_stock {
            out.push("in_stock", if s { "true" } else { "false" });
        }
        if let Some(c) = &self.category {
            out.push("category", c.as_str());
        }
        if !self.brands.is_empty() {
            let joined: Vec<&str> = self.brands.iter().map(Slug::as_str).collect();
            out.push("brand", &joined.join(","));
        }
        let (min_key, max_key) = match units {
            PriceUnits::Minor => ("min_price", "max_price"),
            PriceUnits::Major => ("price_from", "price_to"),
        };
        for (key, price) in [(min_key, self.min_price), (max_key, self.max_price)] {
            if let Some(p) = price {
                let text = match units {
                    PriceUnits::Minor => p.minor.to_string(),
                    PriceUnits::Major => p.format_amount().replace(',', ""),
                };
                out.push(key, &text);
            }
        }
        if let Some(f) = self.featured {
            out.push("featured", if f { "true" } else { "false" });
        }
        if self.sort != ProductSort::default() {
            out.push("sort", self.sort.as_str());
        }
        if self.page != 1 {
            out.push("page", &self.page.to_string());
        }
        if self.page_size != Self::DEFAULT_PAGE_SIZE {
            out.push("page_size", &self.page_size.to_string());
        }
        out.finish()
    }

    /// Zero-based row offset of the first item of the page.
    pub fn offset(&self) -> i64 {
        i64::from(self.page.saturating_sub(1)) * i64::from(self.page_size)
    }
}

fn parse_bool(field: &str, value: &str) -> Result<bool, QueryError> {
    match value {
        "true" | "1" => Ok(true),
        "false" | "0" => Ok(false),
        _ => Err(bad(field, "must be true or false")),
    }
}

fn parse_bounded(field: &str, value: &str, min: u32, max: u32) -> Result<u32, QueryError> {
    let n: u64 = value
        .parse()
        .map_err(|_| bad(field, format!("must be a whole number from {min} to {max}")))?;
    u32::try_from(n)
        .ok()
        .filter(|n| (min..=max).contains(n))
        .ok_or_else(|| bad(field, format!("must be from {min} to {max}")))
}

fn parse_price(field: &str, value: &str, units: PriceUnits) -> Result<Money, QueryError> {
    let money = match units {
        PriceUnits::Minor => value
            .parse::<i64>()
            .map(Money::cny)
            .map_err(|_| bad(field, "must be a whole number of fen"))?,
        PriceUnits::Major => Money::parse_major(value, Currency::CNY)
            .map_err(|_| bad(field, "must be an amount such as 99 or 99.50"))?,
    };
    if money.minor < 0 {
        return Err(bad(field, "must not be negative"));
    }
    if money.minor > 100_000_000_000 {
        return Err(bad(field, "is too large"));
    }
    Ok(money)
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn api(raw: &str) -> Result<ProductQuery, QueryError> {
        ProductQuery::parse(raw, PriceUnits::Minor)
    }

    #[test]
    fn defaults() {
        let q = api("").unwrap();
        assert_eq!(q, ProductQuery::default());
        assert_eq!(q.page_size, 24);
        assert_eq!(q.offset(), 0);
    }

    #[test]
    fn parses_filters() {
        let q = api("category=phones&brand=xiaomi,huawei&brand=xiaomi&min_price=100&max_price=5000&sort=price_desc&page=3&page_size=10&featured=true&utm_source=x")
            .unwrap();
        assert_eq!(q.category.as_ref().map(Slug::as_str), Some("phones"));
        assert_eq!(q.brands.len(), 2);
        assert_eq!(q.min_price, Some(Money::cny(100)));
        assert_eq!(q.max_price, Some(Money::cny(5000)));
        assert_eq!(q.sort, ProductSort::PriceDesc);
        assert_eq!((q.page, q.page_size), (3, 10));
        assert_eq!(q.offset(), 20);
        assert_eq!(q.featured, Some(true));
    }

    #[test]
    fn page_units_are_yuan() {
        let q = ProductQuery::parse("price_from=99.5&price_to=200", PriceUnits::Major).unwrap();
        assert_eq!(q.min_price, Some(Money::cny(9950)));
        assert_eq!(q.max_price, Some(Money::cny(20000)));
        // and the API's names mean nothing on the page
        assert_eq!(
            ProductQuery::parse("min_price=1", PriceUnits::Major)
                .unwrap()
                .min_price,
            None
        );
    }

    #[test]
    fn rejects_bad_input_with_a_field_and_reason() {
        for (raw, field) in [
            ("page_size=0", "page_size"),
            ("page_size=10000", "page_size"),
            ("page_size=abc", "page_size"),
            ("page=0", "page"),
            ("page=-1", "page"),
            ("page=99999999999999999999", "page"),
            ("min_price=-5", "min_price"),
            ("max_price=1.5", "max_price"),
            ("min_price=500&max_price=100", "min_price"),
            ("sort=cheapest", "sort"),
            ("category=Not%20A%20Slug", "category"),
            ("brand=a,,B", "brand"),
            ("featured=maybe", "featured"),
        ] {
            let err = api(raw).unwrap_err();
            assert_eq!(err.field, field, "{raw}");
            assert!(!err.problem.is_empty());
        }
        let long = format!("category={}", "a".repeat(10 * 1024));
        assert_eq!(api(&long).unwrap_err().field, "query");
    }

    #[test]
    fn search_text() {
        let q = api("q=%20Moshi%20%20%E6%89%8B%E6%9C%BA%25_%20&in_stock=true").unwrap();
        let text = q.q.unwrap();
        assert_eq!(text.terms().collect::<Vec<_>>(), vec!["moshi", "手机"]);
        assert_eq!(q.in_stock, Some(true));
        assert_eq!(api("q=%20%20").unwrap().q, None);
        assert_eq!(
            api(&format!("q={}", "a".repeat(101))).unwrap_err().field,
            "q"
        );
        // words past the eighth are left out
        let nine = api("q=a b c d e f g h i").unwrap().q.unwrap();
        assert_eq!(nine.as_str(), "a b c d e f g h");
        // the limit counts what was typed, spaces included
        assert!(api(&format!("q=%20{}", "a".repeat(100))).is_err());
    }

    #[test]
    fn empty_values_mean_no_filter() {
        let q = ProductQuery::parse("price_from=&price_to=&brand=", PriceUnits::Major).unwrap();
        assert_eq!(q, ProductQuery::default());
    }

    fn slug() -> impl Strategy<Value = Slug> {
        "[a-z][a-z0-9]{0,10}".prop_map(|s| Slug::parse(&s).unwrap())
    }

    proptest! {
        #[test]
        fn round_trips(
            category in proptest::option::of(slug()),
            brands in proptest::collection::vec(slug(), 0..4),
            min in proptest::option::of(0_i64..1_000_000),
            extra in proptest::option::of(0_i64..1_000_000),
            sort in 0_usize..4,
            page in 1_u32..100,
            page_size in 1_u32..=100,
            major in any::<bool>(),
            text in "[a-z\u{4e00}-\u{4e10} ]{0,20}",
            in_stock in proptest::option::of(any::<bool>()),
        ) {
            let mut brands_dedup: Vec<Slug> = Vec::new();
            for b in brands { if !brands_dedup.contains(&b) { brands_dedup.push(b); } }
            let units = if major { PriceUnits::Major } else { PriceUnits::Minor };
            let q = ProductQuery {
                q: SearchText::parse(&text).unwrap(),
                in_stock,
                category,
                brands: brands_dedup,
                min_price: min.map(Money::cny),
                max_price: extra.map(|e| Money::cny(min.unwrap_or(0) + e)),
                featured: None,
                sort: ProductSort::ALL[sort],
                page,
                page_size,
            };
            let text = q.to_query_string(units);
            prop_assert_eq!(ProductQuery::parse(&text, units), Ok(q));
        }
    }
}
