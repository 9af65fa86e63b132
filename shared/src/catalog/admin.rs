//! The catalogue as staff manage it: products with their variants, pictures and SEO fields,
//! categories, brands — the shapes the back office sends and receives, and the rules a
//! draft must pass before the server writes it (the server checks them again).

pub use super::{display_width, ProductImage, Seo};
use super::{Localized, Slug};
use crate::ids::{BrandId, CategoryId, ProductId, VariantId};
use crate::list::SortDir;
use crate::money::Money;
use serde::{Deserialize, Serialize};
use std::collections::BTreeSet;
use std::fmt;

/// Where a product stands. `Active` is what the shop front shows (上架, "published").
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum ProductStatus {
    Draft,
    Active,
    Archived,
}

impl ProductStatus {
    pub const ALL: [ProductStatus; 3] = [
        ProductStatus::Draft,
        ProductStatus::Active,
        ProductStatus::Archived,
    ];

    pub fn code(self) -> &'static str {
        match self {
            ProductStatus::Draft => "draft",
            ProductStatus::Active => "active",
            ProductStatus::Archived => "archived",
        }
    }

    pub fn parse(text: &str) -> Option<ProductStatus> {
        Self::ALL.into_iter().find(|s| s.code() == text)
    }
}

/// A variant in the editor: `id` is `None` for a new one.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct VariantDraft {
    pub id: Option<VariantId>,
    #[cfg_attr(feature = "openapi", schema(max_length = 64))]
    pub sku: String,
    /// EAN-13, checked by its check digit; empty for none.
    #[serde(default)]
    #[cfg_attr(feature = "openapi", schema(max_length = 13))]
    pub barcode: Option<String>,
    /// Option 1's value (e.g. a colour), in both languages.
    pub color: Option<Localized>,
    /// Option 2's value (e.g. a size).
    #[cfg_attr(feature = "openapi", schema(max_length = 40))]
    pub size: Option<String>,
    /// Minor units.
    #[cfg_attr(
        feature = "openapi",
        schema(minimum = 0, maximum = 100_000_000_000_i64)
    )]
    pub price: i64,
    #[cfg_attr(
        feature = "openapi",
        schema(minimum = 0, maximum = 100_000_000_000_i64)
    )]
    pub compare_at: Option<i64>,
    #[cfg_attr(
        feature = "openapi",
        schema(minimum = 0, maximum = 100_000_000_000_i64)
    )]
    pub cost: Option<i64>,
    #[cfg_attr(feature = "openapi", schema(minimum = 0, maximum = 1_000_000))]
    pub weight_grams: u32,
}

/// A picture in the editor: an upload (`media` key) or a picture already there (`url`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ImageDraft {
    #[cfg_attr(feature = "openapi", schema(max_length = 300))]
    pub url: String,
    pub alt: Localized,
    #[cfg_attr(feature = "openapi", schema(max_length = 60))]
    pub color_en: Option<String>,
}

/// The product editor's form: `POST /api/v1/admin/products` and `PUT …/{id}`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ProductDraft {
    #[cfg_attr(feature = "openapi", schema(max_length = 80))]
    pub slug: String,
    pub name: Localized,
    /// A small rich-text subset (paragraphs, lists, bold, italics, links) as HTML; anything
    /// else is removed when saved.
    pub description: Localized,
    pub category_id: CategoryId,
    pub brand_id: BrandId,
    pub status: ProductStatus,
    /// A draft with a time is published then (milliseconds, UTC).
    pub publish_at: Option<i64>,
    #[serde(default)]
    pub featured: bool,
    /// Finished goods (成品) are sold; raw materials (原材料) are stocked and bought but never
    /// shown on the shop front.
    #[serde(default)]
    pub kind: crate::stock::ItemKind,
    /// How long after delivery a repair is covered (保修期), 0 to 3,650 days.
    #[serde(default = "default_warranty_days")]
    #[cfg_attr(feature = "openapi", schema(maximum = 3650))]
    pub warranty_days: u32,
    /// The names of the two option types the variants differ by (e.g. 颜色 / 规格).
    pub option1: Localized,
    pub option2: Localized,
    #[cfg_attr(feature = "openapi", schema(max_items = 200))]
    pub variants: Vec<VariantDraft>,
    #[cfg_attr(feature = "openapi", schema(max_items = 20))]
    pub images: Vec<ImageDraft>,
    #[serde(default)]
    pub seo: Seo,
}

/// The longest warranty a product may have, in days (ten years).
pub const MAX_WARRANTY_DAYS: u32 = 3650;

/// A new product's warranty: one year.
pub fn default_warranty_days() -> u32 {
    u32::try_from(crate::after_sales::repairs::DEFAULT_WARRANTY_DAYS).unwrap_or(365)
}

/// Whether `days` is a warranty a product may have.
pub fn check_warranty_days(days: u32) -> Result<(), Faulty> {
    if days <= MAX_WARRANTY_DAYS {
        Ok(())
    } else {
        Err(at(CatalogProblem::WarrantyInvalid, "warranty_days"))
    }
}

/// The option names a new product starts with: colour and size.
pub fn default_options() -> (Localized, Localized) {
    (
        Localized::new("颜色", "Colour"),
        Localized::new("规格", "Size"),
    )
}

/// A variant as the editor shows it: the draft plus what is sellable now.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct VariantInfo {
    pub draft: VariantDraft,
    pub available: i64,
}

/// `GET /api/v1/admin/products/{id}`: a product for the editor.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ProductEditor {
    pub id: ProductId,
    pub draft: ProductDraft,
    pub variants: Vec<VariantInfo>,
    pub images: Vec<ProductImage>,
    pub created_at: i64,
    pub updated_at: i64,
}

/// A row of the staff's product list.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ProductRow {
    pub id: ProductId,
    pub slug: String,
    pub name: Localized,
    pub brand: Localized,
    pub category: Localized,
    pub status: ProductStatus,
    pub publish_at: Option<i64>,
    pub price_min: Money,
    pub price_max: Money,
    pub variants: i64,
    /// Units sellable now over every variant and warehouse.
    pub available: i64,
    pub image: Option<String>,
    pub updated_at: i64,
}

/// What the product list can be sorted by.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum ProductSortKey {
    #[default]
    UpdatedAt,
    Name,
    Price,
    Available,
}

/// A stock filter of the product list.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum StockFilter {
    InStock,
    /// At most `StockStatus::LOW_THRESHOLD` units, but some.
    Low,
    OutOfStock,
}

/// The product list's filters, sort and page, as they travel in the URL.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::IntoParams))]
#[cfg_attr(feature = "openapi", into_params(parameter_in = Query))]
pub struct ProductListQuery {
    /// Part of a name (either language), the slug or a SKU.
    #[cfg_attr(feature = "openapi", param(max_length = 100))]
    pub q: Option<String>,
    /// The category, its sub-categories included.
    pub category: Option<i64>,
    pub brand: Option<i64>,
    #[cfg_attr(feature = "openapi", param(inline))]
    pub status: Option<ProductStatus>,
    #[cfg_attr(feature = "openapi", param(inline))]
    pub stock: Option<StockFilter>,
    #[cfg_attr(feature = "openapi", param(inline))]
    pub sort: Option<ProductSortKey>,
    #[cfg_attr(feature = "openapi", param(inline))]
    pub dir: Option<SortDir>,
    #[cfg_attr(feature = "openapi", param(minimum = 1, maximum = 10000))]
    pub page: Option<u32>,
    #[cfg_attr(feature = "openapi", param(minimum = 1, maximum = 100))]
    pub page_size: Option<u32>,
}

/// A bulk action of the product list.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(tag = "action", rename_all = "snake_case")]
pub enum BulkProductAction {
    Publish,
    Unpublish,
    MoveToCategory {
        category_id: CategoryId,
    },
    /// Every variant's price changes by this many hundredths of a percent (−2500 = −25 %),
    /// rounded to the fen.
    ChangePrice {
        #[cfg_attr(feature = "openapi", schema(minimum = -9000, maximum = 100000))]
        basis_points: i32,
    },
}

/// `POST /api/v1/admin/products/bulk`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct BulkProducts {
    #[cfg_attr(feature = "openapi", schema(max_items = 500))]
    pub ids: Vec<ProductId>,
    #[serde(flatten)]
    pub action: BulkProductAction,
}

/// A category as staff edit it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct CategoryDraft {
    #[cfg_attr(feature = "openapi", schema(max_length = 80))]
    pub slug: String,
    pub name: Localized,
    pub parent_id: Option<CategoryId>,
    #[cfg_attr(feature = "openapi", schema(max_length = 300))]
    pub image: Option<String>,
    #[serde(default)]
    pub seo: Seo,
}

/// A category in the staff's tree.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct CategoryNode {
    pub id: CategoryId,
    pub draft: CategoryDraft,
    pub position: i64,
    /// Products directly in it.
    pub products: i64,
}

/// Where a category goes: under `parent_id` (top level for `None`) at `position` among its
/// new siblings (0 = first; past the end = last; at most [`CategoryMove::MAX_POSITION`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct CategoryMove {
    pub parent_id: Option<CategoryId>,
    #[cfg_attr(feature = "openapi", schema(minimum = 0, maximum = 10000))]
    pub position: u32,
}

impl CategoryMove {
    pub const MAX_POSITION: u32 = 10_000;
}

/// A brand as staff edit it; its store page is `/brands/{slug}`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct BrandDraft {
    #[cfg_attr(feature = "openapi", schema(max_length = 80))]
    pub slug: String,
    pub name: Localized,
    pub description: Localized,
    #[cfg_attr(feature = "openapi", schema(max_length = 300))]
    pub logo: Option<String>,
    #[serde(default)]
    pub seo: Seo,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct BrandRow {
    pub id: BrandId,
    pub draft: BrandDraft,
    pub products: i64,
}

/// An uploaded picture, ready to be put on a product (or used as a logo).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Uploaded {
    pub url: String,
    pub srcset: String,
    pub width: u32,
    pub height: u32,
}

/// Rules of the catalogue, each with the code the back office translates. The request
/// field concerned travels beside it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum CatalogProblem {
    SlugInvalid,
    SlugTaken,
    TextMissing,
    TooLong,
    NoVariants,
    SkuInvalid,
    SkuTaken,
    BarcodeInvalid,
    BarcodeTaken,
    CompareAtNotAbovePrice,
    /// Two variants with the same options.
    VariantsRepeat,
    /// A variant lacks a value of an option the others have.
    OptionMissing,
    CategoryUnknown,
    BrandUnknown,
    /// A category cannot move under itself or one of its own sub-categories.
    CategoryCycle,
    /// Only empty categories (no products, no sub-categories) can be deleted.
    CategoryNotEmpty,
    ImageUnknown,
    /// Customers ordered this variant: it stays (their orders point at it).
    VariantOrdered,
    /// The variant has stock in a warehouse: it stays until the stock is gone.
    VariantInStock,
    PublishAtPast,
    /// A price below zero or above ¥1,000,000,000.
    PriceInvalid,
    /// A weight above 1 t.
    WeightInvalid,
    /// A warranty longer than ten years.
    WarrantyInvalid,
    /// A price change that would make a price negative or absurd.
    PriceOutOfRange,
    /// An upload that is not a JPEG, PNG or WebP picture.
    NotAnImage,
    /// An upload over 10 MB, or a picture whose pixels would take too much memory.
    ImageTooLarge,
}

impl fmt::Display for CatalogProblem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            CatalogProblem::SlugInvalid => {
                "a slug has lower-case letters, digits and single hyphens, at most 80"
            }
            CatalogProblem::SlugTaken => "another one has this slug",
            CatalogProblem::TextMissing => "this text is missing in one of the languages",
            CatalogProblem::TooLong => "this text is too long",
            CatalogProblem::NoVariants => "a product needs at least one variant",
            CatalogProblem::SkuInvalid => {
                "a SKU has 1 to 64 letters, digits, hyphens, dots or underscores"
            }
            CatalogProblem::SkuTaken => "another variant has this SKU",
            CatalogProblem::BarcodeInvalid => {
                "this is not an EAN-13 barcode (13 digits, check digit)"
            }
            CatalogProblem::BarcodeTaken => "another variant has this barcode",
            CatalogProblem::CompareAtNotAbovePrice => {
                "the compare-at price must be above the price"
            }
            CatalogProblem::VariantsRepeat => "two variants have the same options",
            CatalogProblem::OptionMissing => "every variant needs a value for each option in use",
            CatalogProblem::CategoryUnknown => "there is no such category",
            CatalogProblem::BrandUnknown => "there is no such brand",
            CatalogProblem::CategoryCycle => {
                "a category cannot move under itself or one of its sub-categories"
            }
            CatalogProblem::CategoryNotEmpty => {
                "only a category without products and sub-categories can be deleted"
            }
            CatalogProblem::ImageUnknown => "this picture is not in the media library",
            CatalogProblem::VariantOrdered => "a variant customers have ordered cannot be removed",
            CatalogProblem::VariantInStock => {
                "a variant with stock in a warehouse cannot be removed"
            }
            CatalogProblem::PublishAtPast => "a scheduled publishing time must be in the future",
            CatalogProblem::PriceInvalid => "a price is at least 0 and at most ¥1,000,000,000",
            CatalogProblem::WeightInvalid => "a weight is at most 1,000,000 g",
            CatalogProblem::WarrantyInvalid => "a warranty is 0 to 3,650 days",
            CatalogProblem::PriceOutOfRange => "the new price would be below zero or too large",
            CatalogProblem::NotAnImage => "this is not a JPEG, PNG or WebP picture",
            CatalogProblem::ImageTooLarge => {
                "the picture is too large (at most 10 MB and 40 megapixels)"
            }
        })
    }
}

/// A problem and the request field it is about.
pub type Faulty = (CatalogProblem, String);

fn at(p: CatalogProblem, field: impl Into<String>) -> Faulty {
    (p, field.into())
}

/// A required text in both languages, each at most `max` characters.
pub fn check_localized(text: &Localized, max: usize, field: &str) -> Result<(), Faulty> {
    for (value, lang) in [(&text.zh, "zh"), (&text.en, "en")] {
        let n = value.trim().chars().count();
        if n == 0 {
            return Err(at(CatalogProblem::TextMissing, format!("{field}.{lang}")));
        }
        if n > max {
            return Err(at(CatalogProblem::TooLong, format!("{field}.{lang}")));
        }
    }
    Ok(())
}

/// An optional text in both languages, each at most `max` characters.
pub fn check_optional(text: &Localized, max: usize, field: &str) -> Result<(), Faulty> {
    for (value, lang) in [(&text.zh, "zh"), (&text.en, "en")] {
        if value.chars().count() > max {
            return Err(at(CatalogProblem::TooLong, format!("{field}.{lang}")));
        }
    }
    Ok(())
}

pub fn check_slug(text: &str, field: &str) -> Result<Slug, Faulty> {
    Slug::parse(text.trim()).map_err(|_| at(CatalogProblem::SlugInvalid, field))
}

/// A SKU: 1–64 ASCII letters, digits, `-`, `.` or `_` (kept as typed, upper-cased).
pub fn parse_sku(text: &str) -> Option<String> {
    let sku = text.trim().to_ascii_uppercase();
    let ok = (1..=64).contains(&sku.len())
        && sku
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'-' | b'.' | b'_'));
    ok.then_some(sku)
}

/// Whether `code` is an EAN-13: 13 digits whose last is the check digit (weights 1 and 3).
pub fn ean13_valid(code: &str) -> bool {
    let digits: Vec<u32> = code.chars().filter_map(|c| c.to_digit(10)).collect();
    if code.len() != 13 || digits.len() != 13 {
        return false;
    }
    let sum: u32 = digits[..12]
        .iter()
        .enumerate()
        .map(|(i, d)| if i % 2 == 0 { *d } else { d * 3 })
        .sum();
    (10 - sum % 10) % 10 == digits[12]
}

/// The variants a grid of option values makes: every colour with every size (either list
/// may be empty, for products with one option or none).
pub fn variant_grid(
    colors: &[Localized],
    sizes: &[String],
) -> Vec<(Option<Localized>, Option<String>)> {
    let colors: Vec<Option<Localized>> = if colors.is_empty() {
        vec![None]
    } else {
        colors.iter().cloned().map(Some).collect()
    };
    let sizes: Vec<Option<String>> = if sizes.is_empty() {
        vec![None]
    } else {
        sizes.iter().cloned().map(Some).collect()
    };
    colors
        .iter()
        .flat_map(|c| sizes.iter().map(move |s| (c.clone(), s.clone())))
        .collect()
}

/// The highest price, compare-at price or cost (minor units: ¥1,000,000,000).
pub const MAX_PRICE: i64 = 100_000_000_000;
/// The heaviest variant (1 t).
pub const MAX_WEIGHT_GRAMS: u32 = 1_000_000;

/// A draft's variants, checked on their own: SKUs and barcodes well-formed and distinct,
/// prices sane, options consistent and not repeated. Returns the normalised SKUs.
pub fn check_variants(variants: &[VariantDraft]) -> Result<Vec<String>, Faulty> {
    if variants.is_empty() {
        return Err(at(CatalogProblem::NoVariants, "variants"));
    }
    let mut skus = BTreeSet::new();
    let mut barcodes = BTreeSet::new();
    let mut combos = BTreeSet::new();
    let mut ids = BTreeSet::new();
    let uses_color = variants.iter().any(|v| v.color.is_some());
    let uses_size = variants
        .iter()
        .any(|v| v.size.as_deref().is_some_and(|s| !s.trim().is_empty()));
    let mut out = Vec::with_capacity(variants.len());
    for (i, v) in variants.iter().enumerate() {
        let field = |f: &str| format!("variants[{i}].{f}");
        if v.id.is_some_and(|id| !ids.insert(id)) {
            return Err(at(CatalogProblem::VariantsRepeat, field("id")));
        }
        let sku = parse_sku(&v.sku).ok_or_else(|| at(CatalogProblem::SkuInvalid, field("sku")))?;
        if !skus.insert(sku.clone()) {
            return Err(at(CatalogProblem::SkuTaken, field("sku")));
        }
        if let Some(code) = v
            .barcode
            .as_deref()
            .map(str::trim)
            .filter(|c| !c.is_empty())
        {
            if !ean13_valid(code) {
                return Err(at(CatalogProblem::BarcodeInvalid, field("barcode")));
            }
            if !barcodes.insert(code.to_string()) {
                return Err(at(CatalogProblem::BarcodeTaken, field("barcode")));
            }
        }
        let sane = |m: i64| (0..=MAX_PRICE).contains(&m);
        if !sane(v.price) {
            return Err(at(CatalogProblem::PriceInvalid, field("price")));
        }
        if v.compare_at.is_some_and(|m| !sane(m)) {
            return Err(at(CatalogProblem::PriceInvalid, field("compare_at")));
        }
        if v.cost.is_some_and(|m| !sane(m)) {
            return Err(at(CatalogProblem::PriceInvalid, field("cost")));
        }
        if v.weight_grams > MAX_WEIGHT_GRAMS {
            return Err(at(CatalogProblem::WeightInvalid, field("weight_grams")));
        }
        if let Some(compare) = v.compare_at {
            if compare <= v.price {
                return Err(at(
                    CatalogProblem::CompareAtNotAbovePrice,
                    field("compare_at"),
                ));
            }
        }
        if let Some(c) = &v.color {
            check_localized(c, 40, &field("color"))?;
        }
        let size = v.size.as_deref().map(str::trim).filter(|s| !s.is_empty());
        if size.is_some_and(|s| s.chars().count() > 40) {
            return Err(at(CatalogProblem::TooLong, field("size")));
        }
        if (uses_color && v.color.is_none()) || (uses_size && size.is_none()) {
            return Err(at(
                CatalogProblem::OptionMissing,
                field(if uses_color && v.color.is_none() {
                    "color"
                } else {
                    "size"
                }),
            ));
        }
        let key = (
            v.color.as_ref().map(|c| c.en.trim().to_lowercase()),
            size.map(str::to_lowercase),
        );
        if !combos.insert(key) {
            return Err(at(CatalogProblem::VariantsRepeat, field("size")));
        }
        out.push(sku);
    }
    Ok(out)
}

/// A bulk price change goes from −90 % to +1000 % (hundredths of a percent).
pub const PRICE_CHANGE_BASIS_POINTS: std::ops::RangeInclusive<i32> = -9_000..=100_000;

/// A percentage as typed ("-12.5", "+10 %") as basis points: at most two decimals,
/// within [`PRICE_CHANGE_BASIS_POINTS`] and not zero; `None` otherwise.
pub fn parse_percent(text: &str) -> Option<i32> {
    let t = text.trim().trim_end_matches('%').trim();
    let (negative, digits) = match t.strip_prefix('-') {
        Some(rest) => (true, rest),
        None => (false, t.strip_prefix('+').unwrap_or(t)),
    };
    let (whole, fraction) = digits.split_once('.').unwrap_or((digits, ""));
    if whole.is_empty() && fraction.is_empty()
        || whole.len() > 6
        || fraction.len() > 2
        || !whole
            .chars()
            .chain(fraction.chars())
            .all(|c| c.is_ascii_digit())
    {
        return None;
    }
    let whole: i32 = if whole.is_empty() {
        0
    } else {
        whole.parse().ok()?
    };
    let fraction: i32 = format!("{fraction:0<2}").parse().ok()?;
    let points = whole * 100 + fraction;
    let points = if negative { -points } else { points };
    (points != 0 && PRICE_CHANGE_BASIS_POINTS.contains(&points)).then_some(points)
}

/// A price changed by `basis_points` hundredths of a percent, rounded half away from zero
/// to the minor unit; `None` when the change is outside [`PRICE_CHANGE_BASIS_POINTS`] or
/// the price would leave `0..=MAX_PRICE`.
pub fn change_price(minor: i64, basis_points: i32) -> Option<i64> {
    if !PRICE_CHANGE_BASIS_POINTS.contains(&basis_points) {
        return None;
    }
    let scaled = i128::from(minor) * (10_000 + i128::from(basis_points));
    let (q, r) = (scaled / 10_000, scaled % 10_000);
    let rounded = if r.abs() * 2 >= 10_000 {
        q + scaled.signum()
    } else {
        q
    };
    let price = i64::try_from(rounded).ok()?;
    (0..=MAX_PRICE).contains(&price).then_some(price)
}

/// Whether moving `moving` under `new_parent` would put it inside itself. `parents` maps
/// each category to its parent.
pub fn would_cycle(
    parents: &[(CategoryId, Option<CategoryId>)],
    moving: CategoryId,
    new_parent: Option<CategoryId>,
) -> bool {
    let mut current = new_parent;
    let mut steps = 0;
    while let Some(c) = current {
        if c == moving {
            return true;
        }
        steps += 1;
        if steps > parents.len() {
            return true; // a cycle already: refuse rather than loop
        }
        current = parents
            .iter()
            .find(|(id, _)| *id == c)
            .and_then(|(_, p)| *p);
    }
    false
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn percentages_as_typed() {
        assert_eq!(parse_percent("-10"), Some(-1000));
        assert_eq!(parse_percent("+12.5 %"), Some(1250));
        assert_eq!(parse_percent("0.01"), Some(1));
        assert_eq!(parse_percent("1000"), Some(100_000));
        assert_eq!(parse_percent("-90"), Some(-9000));
        for bad in [
            "", "0", "-0.00", "1000.01", "-91", "1.234", "1e3", "ten", "--5", ".",
        ] {
            assert_eq!(parse_percent(bad), None, "{bad}");
        }
    }

    #[test]
    fn a_variant_id_may_appear_once() {
        let v = VariantDraft {
            id: Some(VariantId(7)),
            sku: "A-1".into(),
            barcode: None,
            color: None,
            size: None,
            price: 100,
            compare_at: None,
            cost: None,
            weight_grams: 0,
        };
        let twice = [
            v.clone(),
            VariantDraft {
                sku: "A-2".into(),
                ..v
            },
        ];
        assert_eq!(
            check_variants(&twice).unwrap_err(),
            at(CatalogProblem::VariantsRepeat, "variants[1].id".to_string())
        );
    }

    use proptest::prelude::*;

    fn draft(sku: &str, color: Option<&str>, size: Option<&str>) -> VariantDraft {
        VariantDraft {
            id: None,
            sku: sku.into(),
            barcode: None,
            color: color.map(|c| Localized::new(c, c)),
            size: size.map(str::to_string),
            price: 100,
            compare_at: None,
            cost: None,
            weight_grams: 0,
        }
    }

    #[test]
    fn ean13_check_digits() {
        assert!(ean13_valid("6901234567892"));
        assert!(ean13_valid("4006381333931"));
        assert!(!ean13_valid("4006381333932"), "wrong check digit");
        assert!(!ean13_valid("400638133393"), "12 digits");
        assert!(!ean13_valid("40063813339a1"));
    }

    #[test]
    fn grids_and_variant_rules() {
        let grid = variant_grid(
            &[Localized::new("黑", "Black"), Localized::new("白", "White")],
            &["S".into(), "M".into(), "L".into()],
        );
        assert_eq!(grid.len(), 6);
        assert_eq!(variant_grid(&[], &[]).len(), 1, "one plain variant");
        let ok = [
            draft("a-1", Some("Black"), Some("S")),
            draft("a-2", Some("Black"), Some("M")),
        ];
        assert_eq!(check_variants(&ok).unwrap(), vec!["A-1", "A-2"]);
        let repeat = [
            draft("a-1", Some("Black"), Some("S")),
            draft("a-2", Some("black"), Some("s")),
        ];
        assert_eq!(
            check_variants(&repeat).unwrap_err().0,
            CatalogProblem::VariantsRepeat
        );
        let missing = [draft("a-1", Some("Black"), None), draft("a-2", None, None)];
        assert_eq!(
            check_variants(&missing).unwrap_err(),
            (CatalogProblem::OptionMissing, "variants[1].color".into())
        );
        let same_sku = [draft("a-1", None, Some("y")), draft("A-1", None, Some("x"))];
        assert_eq!(
            check_variants(&same_sku).unwrap_err().0,
            CatalogProblem::SkuTaken
        );
        let mut bad = draft("a 1", None, None);
        assert_eq!(
            check_variants(&[bad.clone()]).unwrap_err().0,
            CatalogProblem::SkuInvalid
        );
        bad.sku = "ok".into();
        bad.compare_at = Some(100);
        assert_eq!(
            check_variants(&[bad.clone()]).unwrap_err().0,
            CatalogProblem::CompareAtNotAbovePrice
        );
        bad.compare_at = None;
        bad.barcode = Some("1234567890123".into());
        assert_eq!(
            check_variants(&[bad]).unwrap_err(),
            (CatalogProblem::BarcodeInvalid, "variants[0].barcode".into())
        );
        assert_eq!(
            check_variants(&[]).unwrap_err().0,
            CatalogProblem::NoVariants
        );
    }

    #[test]
    fn categories_never_move_into_themselves() {
        let (a, b, c) = (CategoryId(1), CategoryId(2), CategoryId(3));
        let tree = [(a, None), (b, Some(a)), (c, Some(b))];
        assert!(would_cycle(&tree, a, Some(c)), "under its grandchild");
        assert!(would_cycle(&tree, b, Some(b)), "under itself");
        assert!(!would_cycle(&tree, c, Some(a)));
        assert!(!would_cycle(&tree, b, None));
    }

    #[test]
    fn texts_and_widths() {
        assert_eq!(display_width("羽绒服"), 6);
        assert_eq!(display_width("Down"), 4);
        assert!(check_localized(&Localized::new("羽绒服", ""), 10, "name").is_err());
        assert_eq!(
            check_localized(&Localized::new("羽绒服", "x".repeat(11)), 10, "name").unwrap_err(),
            (CatalogProblem::TooLong, "name.en".into())
        );
    }

    #[test]
    fn price_changes_stay_within_their_range() {
        assert_eq!(change_price(20_000, -1_000), Some(18_000));
        assert_eq!(change_price(20_000, -9_000), Some(2_000));
        assert_eq!(change_price(20_000, -10_000), None, "not free by accident");
        assert_eq!(change_price(20_000, 100_001), None);
        assert_eq!(change_price(MAX_PRICE, 1), None);
    }

    proptest! {
        #[test]
        fn price_changes_round_once_and_stay_in_range(minor in 0i64..10_000_000_000, bp in -9000i32..100_000) {
            let new = change_price(minor, bp);
            let exact = minor as f64 * (1.0 + f64::from(bp) / 10_000.0);
            if let Some(p) = new {
                prop_assert!((p as f64 - exact).abs() <= 0.5 + exact.abs() * 1e-12);
                prop_assert!(p >= 0);
            }
            prop_assert_eq!(change_price(minor, 0), Some(minor));
        }
    }
}
