//! The catalogue as the shop front sees it: categories, brands, products, variants,
//! and the listing query (filters, sort, pagination) with its parser.

use crate::ids::{BrandId, CategoryId, ProductId, VariantId};
use crate::money::{Currency, Money};
use crate::Locale;
use serde::{Deserialize, Serialize};
use std::fmt;

pub mod admin;
pub mod csv;
pub mod editable;
pub mod facets;
pub mod query;
pub mod spelling;
pub use facets::{price_bands, FacetCount, Facets, PriceBand, SearchResult};
pub use query::{ProductQuery, ProductSort, QueryError, SearchText};

/// A description as HTML: stored descriptions are sanitised HTML; older plain texts are
/// escaped and put in a paragraph.
pub fn description_html(text: &str) -> String {
    let t = text.trim();
    if t.starts_with('<') {
        t.to_string()
    } else {
        let escaped = t
            .replace('&', "&amp;")
            .replace('<', "&lt;")
            .replace('>', "&gt;");
        format!("<p>{escaped}</p>")
    }
}

/// The words of an HTML fragment (a description): tags dropped, the common entities
/// decoded, runs of spaces collapsed.
pub fn plain_text(html: &str) -> String {
    let mut out = String::with_capacity(html.len());
    let mut in_tag = false;
    for c in html.chars() {
        match c {
            '<' => {
                in_tag = true;
                out.push(' ');
            }
            '>' if in_tag => in_tag = false,
            _ if !in_tag => out.push(c),
            _ => {}
        }
    }
    let decoded = out
        .replace("&nbsp;", " ")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&#39;", "'")
        .replace("&amp;", "&");
    decoded.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// A text in both shop languages.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Localized {
    pub zh: String,
    pub en: String,
}

impl Localized {
    pub fn new(zh: impl Into<String>, en: impl Into<String>) -> Self {
        Self {
            zh: zh.into(),
            en: en.into(),
        }
    }

    pub fn get(&self, locale: Locale) -> &str {
        match locale {
            Locale::ZhCn => &self.zh,
            Locale::En => &self.en,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Category {
    pub id: CategoryId,
    pub slug: String,
    pub parent_id: Option<CategoryId>,
    pub name: Localized,
    pub image: Option<String>,
    /// Products in this category and its sub-categories.
    pub product_count: i64,
    pub seo: Seo,
}

/// Children of `parent` (top-level categories for `None`), in the order given.
pub fn child_categories(all: &[Category], parent: Option<CategoryId>) -> Vec<&Category> {
    all.iter().filter(|c| c.parent_id == parent).collect()
}

/// The path from the top-level category down to `id`, for breadcrumbs.
pub fn category_path(all: &[Category], id: CategoryId) -> Vec<&Category> {
    let mut path = Vec::new();
    let mut current = all.iter().find(|c| c.id == id);
    while let Some(c) = current {
        if path.len() > all.len() {
            break; // a cycle in bad data must not hang the page
        }
        path.push(c);
        current = c.parent_id.and_then(|p| all.iter().find(|x| x.id == p));
    }
    path.reverse();
    path
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Brand {
    pub id: BrandId,
    pub slug: String,
    pub name: Localized,
}

/// A brand's store page (品牌店铺): the brand, its story and logo.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct BrandPage {
    pub brand: Brand,
    /// Sanitised HTML; empty when the brand has none.
    pub description: Localized,
    pub logo: Option<String>,
    pub seo: Seo,
}

/// The kinds of page whose slug staff can change; an old slug keeps leading to its page.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum SlugOwner {
    Product,
    Category,
    Brand,
}

impl SlugOwner {
    /// The stored code.
    pub fn code(self) -> &'static str {
        match self {
            SlugOwner::Product => "product",
            SlugOwner::Category => "category",
            SlugOwner::Brand => "brand",
        }
    }
}

/// Where an old address leads now.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Moved {
    pub slug: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct CategoryRef {
    pub slug: String,
    pub name: Localized,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ProductSummary {
    pub id: ProductId,
    pub slug: String,
    pub name: Localized,
    pub brand: Brand,
    pub category: CategoryRef,
    /// The lowest variant price ("from ¥99.00").
    pub price: Money,
    /// The highest variant price, when it differs.
    pub price_max: Money,
    pub image: String,
    pub in_stock: bool,
    pub featured: bool,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ProductList {
    pub items: Vec<ProductSummary>,
    pub total: i64,
    pub page: u32,
    pub page_size: u32,
}

impl ProductList {
    pub fn page_count(&self) -> u32 {
        let size = i64::from(self.page_size.max(1));
        u32::try_from((self.total + size - 1) / size).unwrap_or(u32::MAX)
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Variant {
    pub id: VariantId,
    pub sku: String,
    pub color: Option<Localized>,
    pub size: Option<String>,
    pub price: Money,
    /// The list price before a markdown, shown struck through.
    pub compare_at: Option<Money>,
    /// Units that can be sold now (on hand minus reserved, over all warehouses), counted up
    /// to [`Variant::SHOWN_MAX`]: six means "six or more". The shop says "only 3 left" from
    /// five down and otherwise just "in stock"; a well-stocked item's exact count is not
    /// published (nor does every sale have to refresh the cached catalogue).
    pub available: i64,
}

impl Variant {
    /// The highest `available` the shop front is told.
    pub const SHOWN_MAX: i64 = StockStatus::LOW_THRESHOLD + 1;

    pub fn stock_status(&self) -> StockStatus {
        StockStatus::from_available(self.available)
    }

    /// What the shop front may show of `available` units.
    pub fn shown(available: i64) -> i64 {
        available.clamp(0, Self::SHOWN_MAX)
    }

    /// The most units of this variant a shopper can pick at once: what is left when few are,
    /// else as many as one cart line holds (the cart's check against the stock is exact).
    pub fn max_quantity(&self) -> u32 {
        match self.stock_status() {
            StockStatus::OutOfStock => 0,
            StockStatus::Low(n) => u32::try_from(n).unwrap_or(0),
            StockStatus::InStock => crate::pricing::Quantity::MAX,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum StockStatus {
    InStock,
    /// Few left: the number is shown to create honest urgency.
    Low(i64),
    OutOfStock,
}

impl StockStatus {
    pub const LOW_THRESHOLD: i64 = 5;

    pub fn from_available(available: i64) -> StockStatus {
        match available {
            n if n <= 0 => StockStatus::OutOfStock,
            n if n <= Self::LOW_THRESHOLD => StockStatus::Low(n),
            _ => StockStatus::InStock,
        }
    }
}

/// Search-engine texts of a page; empty means "use the name and description".
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Seo {
    pub title: Localized,
    pub description: Localized,
}

impl Seo {
    /// What search engines show of a title before they cut it (characters; a Chinese
    /// character counts as two).
    pub const TITLE_ROOM: usize = 60;
    pub const DESCRIPTION_ROOM: usize = 160;
    /// The most the fields may hold.
    pub const TITLE_MAX: usize = 120;
    pub const DESCRIPTION_MAX: usize = 320;
}

/// How wide a text runs in a search result: CJK characters take two columns.
pub fn display_width(text: &str) -> usize {
    text.chars()
        .map(|c| if (c as u32) >= 0x2E80 { 2 } else { 1 })
        .sum()
}

/// A picture of a product, as stored.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ProductImage {
    /// The picture at its default size.
    pub url: String,
    /// `url 320w, url 640w, …` for uploads; empty for single-size pictures.
    pub srcset: String,
    pub alt: Localized,
    pub width: Option<u32>,
    pub height: Option<u32>,
    /// The colour (option 1's English value) the picture shows; `None`: every colour.
    pub color_en: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ProductDetail {
    pub id: ProductId,
    pub slug: String,
    pub name: Localized,
    /// A small rich-text subset as sanitised HTML (paragraphs, lists, bold, links).
    pub description: Localized,
    pub brand: Brand,
    /// From the top-level category down to the product's own.
    pub breadcrumbs: Vec<CategoryRef>,
    pub images: Vec<ProductImage>,
    pub variants: Vec<Variant>,
    pub currency: Currency,
    /// The names of the two options the variants differ by (colour and size by default).
    pub option1: Localized,
    pub option2: Localized,
    pub seo: Seo,
}

impl ProductDetail {
    /// What the product page's island is given (the page carries it as JSON): without the
    /// texts only the server renders — the description, the search-engine texts, the
    /// breadcrumbs.
    pub fn for_island(mut self) -> ProductDetail {
        self.description = Localized::default();
        self.breadcrumbs.clear();
        self.seo = Seo {
            title: Localized::default(),
            description: Localized::default(),
        };
        self
    }

    /// The picture to show first for `variant`: the first one of its colour, else the first.
    pub fn image_for(&self, variant: Option<&Variant>) -> Option<&ProductImage> {
        let color = variant
            .and_then(|v| v.color.as_ref())
            .map(|c| c.en.as_str());
        self.images
            .iter()
            .find(|i| color.is_some() && i.color_en.as_deref() == color)
            .or_else(|| self.images.first())
    }

    /// The distinct colours, in variant order.
    pub fn colors(&self) -> Vec<&Localized> {
        let mut out: Vec<&Localized> = Vec::new();
        for c in self.variants.iter().filter_map(|v| v.color.as_ref()) {
            if !out.contains(&c) {
                out.push(c);
            }
        }
        out
    }

    /// The distinct sizes, in variant order.
    pub fn sizes(&self) -> Vec<&str> {
        let mut out: Vec<&str> = Vec::new();
        for s in self.variants.iter().filter_map(|v| v.size.as_deref()) {
            if !out.contains(&s) {
                out.push(s);
            }
        }
        out
    }

    /// The variant to show when the shopper picks a colour while `current` is shown: the same
    /// size in that colour when it exists, else the first variant of that colour.
    pub fn pick_color(&self, current: Option<&Variant>, color_en: &str) -> Option<&Variant> {
        let size = current.and_then(|v| v.size.as_deref());
        let has_color = |v: &&Variant| v.color.as_ref().is_some_and(|c| c.en == color_en);
        self.variants
            .iter()
            .filter(has_color)
            .find(|v| v.size.as_deref() == size)
            .or_else(|| self.variants.iter().find(has_color))
    }

    /// The variant to show when the shopper picks a size: the same colour in that size when
    /// it exists, else the first variant of that size.
    pub fn pick_size(&self, current: Option<&Variant>, size: &str) -> Option<&Variant> {
        let color = current
            .and_then(|v| v.color.as_ref())
            .map(|c| c.en.as_str());
        let has_size = |v: &&Variant| v.size.as_deref() == Some(size);
        self.variants
            .iter()
            .filter(has_size)
            .find(|v| v.color.as_ref().map(|c| c.en.as_str()) == color)
            .or_else(|| self.variants.iter().find(has_size))
    }

    /// Is `size` sold out in the colour of `current` (in every colour when there is none)?
    pub fn size_sold_out(&self, current: Option<&Variant>, size: &str) -> bool {
        let color = current
            .and_then(|v| v.color.as_ref())
            .map(|c| c.en.as_str());
        self.variants
            .iter()
            .filter(|v| v.size.as_deref() == Some(size))
            .filter(|v| color.is_none() || v.color.as_ref().map(|c| c.en.as_str()) == color)
            .all(|v| v.available <= 0)
    }

    /// The variant shown first: the first one in stock, else the first.
    pub fn default_variant(&self) -> Option<&Variant> {
        self.variants
            .iter()
            .find(|v| v.available > 0)
            .or_else(|| self.variants.first())
    }
}

/// A slug: lower-case ASCII letters, digits and single hyphens, 1–80 characters.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Slug(String);

impl Slug {
    pub fn parse(text: &str) -> Result<Slug, SlugError> {
        let ok = !text.is_empty()
            && text.len() <= 80
            && text
                .bytes()
                .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
            && !text.starts_with('-')
            && !text.ends_with('-')
            && !text.contains("--");
        if ok {
            Ok(Slug(text.to_string()))
        } else {
            Err(SlugError)
        }
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for Slug {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SlugError;

impl fmt::Display for SlugError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("must be 1-80 lower-case letters, digits and hyphens")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn descriptions_as_plain_text() {
        assert_eq!(
            plain_text("<p>Warm <strong>down</strong></p><ul><li>90% &amp; light</li></ul>"),
            "Warm down 90% & light"
        );
        assert_eq!(plain_text("plain words"), "plain words");
    }

    fn cat(id: i64, parent: Option<i64>, slug: &str) -> Category {
        Category {
            id: CategoryId(id),
            slug: slug.into(),
            parent_id: parent.map(CategoryId),
            name: Localized::new(slug, slug),
            image: None,
            seo: Seo::default(),
            product_count: 0,
        }
    }

    #[test]
    fn category_tree_helpers() {
        let all = vec![cat(1, None, "a"), cat(2, Some(1), "a-b"), cat(3, None, "c")];
        let top: Vec<_> = child_categories(&all, None)
            .iter()
            .map(|c| c.id.0)
            .collect();
        assert_eq!(top, vec![1, 3]);
        let path: Vec<_> = category_path(&all, CategoryId(2))
            .iter()
            .map(|c| c.slug.clone())
            .collect();
        assert_eq!(path, vec!["a", "a-b"]);
        let cyclic = vec![cat(1, Some(2), "x"), cat(2, Some(1), "y")];
        assert!(category_path(&cyclic, CategoryId(1)).len() <= 3);
    }

    fn product(variants: &[(&str, &str, i64, i64)]) -> ProductDetail {
        ProductDetail {
            id: ProductId(1),
            slug: "p".into(),
            name: Localized::new("p", "p"),
            description: Localized::default(),
            brand: Brand {
                id: BrandId(1),
                slug: "b".into(),
                name: Localized::new("b", "b"),
            },
            breadcrumbs: vec![],
            images: vec![],
            currency: Currency::CNY,
            option1: Localized::default(),
            option2: Localized::default(),
            seo: Seo::default(),
            variants: variants
                .iter()
                .enumerate()
                .map(|(i, (color, size, price, available))| Variant {
                    id: VariantId(i as i64 + 1),
                    sku: format!("S{i}"),
                    color: Some(Localized::new(*color, *color)),
                    size: Some((*size).to_string()),
                    price: Money::cny(*price),
                    compare_at: None,
                    available: *available,
                })
                .collect(),
        }
    }

    #[test]
    fn variant_picking_keeps_the_other_choice() {
        let p = product(&[
            ("Black", "S", 100, 0),
            ("Black", "M", 100, 3),
            ("White", "M", 120, 9),
            ("White", "L", 130, 0),
        ]);
        // the first in-stock variant is shown first
        assert_eq!(p.default_variant().map(|v| v.id), Some(VariantId(2)));
        let black_m = p.variants.get(1);
        // colour change keeps size M
        assert_eq!(
            p.pick_color(black_m, "White").map(|v| v.id),
            Some(VariantId(3))
        );
        // no white S: falls back to the first white
        assert_eq!(
            p.pick_color(p.variants.first(), "White").map(|v| v.id),
            Some(VariantId(3))
        );
        // size change keeps the colour
        assert_eq!(
            p.pick_size(p.variants.get(2), "L").map(|v| v.id),
            Some(VariantId(4))
        );
        assert_eq!(p.pick_size(black_m, "L").map(|v| v.id), Some(VariantId(4)));
        assert!(p.pick_size(black_m, "XXL").is_none());
        assert!(p.size_sold_out(black_m, "S"));
        assert!(!p.size_sold_out(black_m, "M"));
        assert_eq!(p.colors().len(), 2);
        assert_eq!(p.sizes(), vec!["S", "M", "L"]);
    }

    #[test]
    fn slugs() {
        assert!(Slug::parse("running-shoes-2").is_ok());
        for bad in ["", "A", "a b", "-a", "a-", "a--b", "é", &"a".repeat(81)] {
            assert!(Slug::parse(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn shown_stock_and_the_quantity_a_shopper_can_pick() {
        assert_eq!(Variant::SHOWN_MAX, 6);
        assert_eq!(Variant::shown(-2), 0);
        assert_eq!(Variant::shown(4), 4);
        assert_eq!(Variant::shown(500), 6);
        let mut v = product(&[("Black", "S", 100, 6)]).variants[0].clone();
        v.available = 6;
        assert_eq!(v.max_quantity(), 99);
        v.available = 3;
        assert_eq!(v.max_quantity(), 3);
        v.available = 0;
        assert_eq!(v.max_quantity(), 0);
    }

    #[test]
    fn stock_status() {
        assert_eq!(StockStatus::from_available(0), StockStatus::OutOfStock);
        assert_eq!(StockStatus::from_available(-1), StockStatus::OutOfStock);
        assert_eq!(StockStatus::from_available(3), StockStatus::Low(3));
        assert_eq!(StockStatus::from_available(50), StockStatus::InStock);
    }

    #[test]
    fn page_count() {
        let list = |total| ProductList {
            items: vec![],
            total,
            page: 1,
            page_size: 24,
        };
        assert_eq!(list(0).page_count(), 0);
        assert_eq!(list(24).page_count(), 1);
        assert_eq!(list(25).page_count(), 2);
    }
}
