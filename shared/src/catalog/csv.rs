//! The product CSV: one row per variant, the product's own fields repeated on each of its
//! rows. What the columns are, how prices and cells are written so that a spreadsheet
//! neither misreads Chinese nor runs a formula, and what an import reports.
//!
//! Import rules: rows are matched to variants by SKU (a new SKU adds a variant; a product is
//! the product of its SKUs, else the one with its `product_slug`, else a new one). A
//! product's fields come from its first row; on its later rows a blank product cell means
//! "the same", a filled one must agree. A column missing from the file leaves that field as
//! it is; a blank optional variant cell clears it. Variants not in the file are kept. The
//! file is checked whole first (the dry run), then applied all or nothing.

use super::Localized;
use crate::money::Currency;
use serde::{Deserialize, Serialize};
use std::fmt;

/// The columns, in the order an export writes them.
pub const COLUMNS: [&str; 28] = [
    "product_slug",
    "status",
    "category",
    "brand",
    "name_zh",
    "name_en",
    "description_zh",
    "description_en",
    "option1_zh",
    "option1_en",
    "option2_zh",
    "option2_en",
    "seo_title_zh",
    "seo_title_en",
    "seo_description_zh",
    "seo_description_en",
    "featured",
    "publish_at",
    "images",
    "sku",
    "barcode",
    "color_zh",
    "color_en",
    "size",
    "price",
    "compare_at",
    "cost",
    "weight_grams",
];

/// The columns every import needs.
pub const REQUIRED: [&str; 3] = ["product_slug", "sku", "price"];

/// The columns that belong to the product (the rest belong to the variant).
pub fn is_product_column(name: &str) -> bool {
    COLUMNS
        .iter()
        .position(|c| *c == name)
        .is_some_and(|i| i < 19)
}

/// The most a cell may hold (characters).
pub const MAX_CELL: usize = 20_000;
/// The most rows an import takes.
pub const MAX_ROWS: usize = 50_000;

/// A cell that a spreadsheet would run as a formula (`=`, `+`, `-`, `@`, or a tab or
/// carriage return before one) gets a leading apostrophe, which spreadsheets show as text.
pub fn neutralize(cell: &str) -> String {
    if cell.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        format!("'{cell}")
    } else {
        cell.to_string()
    }
}

/// The cell as written before [`neutralize`]: a leading apostrophe before a formula
/// character is dropped.
pub fn unneutralize(cell: &str) -> &str {
    match cell.strip_prefix('\'') {
        Some(rest) if rest.starts_with(['=', '+', '-', '@', '\t', '\r']) => rest,
        _ => cell,
    }
}

/// `19900` → `199.00`.
pub fn format_price(minor: i64, currency: Currency) -> String {
    let per = currency.minor_per_major();
    let digits = per.to_string().len() - 1;
    let sign = if minor < 0 { "-" } else { "" };
    let m = minor.unsigned_abs();
    let per = per.unsigned_abs();
    if digits == 0 {
        format!("{sign}{m}")
    } else {
        format!("{sign}{}.{:0digits$}", m / per, m % per)
    }
}

/// `199`, `199.5`, `199.00`, `1,299.00` → minor units; `None` for anything else (a
/// negative price, more decimals than the currency has, letters).
pub fn parse_price(text: &str, currency: Currency) -> Option<i64> {
    let t = text.trim().replace(',', "");
    let t = t.strip_prefix(currency.symbol()).unwrap_or(&t);
    let (whole, frac) = t.split_once('.').unwrap_or((t, ""));
    let per = currency.minor_per_major();
    let digits = per.to_string().len() - 1;
    if whole.is_empty()
        || !whole.bytes().all(|b| b.is_ascii_digit())
        || !frac.bytes().all(|b| b.is_ascii_digit())
        || frac.len() > digits
        || whole.len() > 12
    {
        return None;
    }
    let w: i64 = whole.parse().ok()?;
    let f: i64 = if frac.is_empty() {
        0
    } else {
        format!("{frac:0<digits$}").parse().ok()?
    };
    w.checked_mul(per)?.checked_add(f)
}

/// A scheduled time as the CSV writes it: `YYYY-MM-DD HH:MM` in the shop's time zone.
pub fn format_time(millis: i64) -> String {
    let offset = crate::time::SHOP_UTC_OFFSET_HOURS * 3_600_000;
    let day = crate::reports::shop_day(millis);
    let minutes = (millis + offset).rem_euclid(86_400_000) / 60_000;
    format!(
        "{} {:02}:{:02}",
        crate::reports::format_day(day),
        minutes / 60,
        minutes % 60
    )
}

/// [`format_time`] read back (also `YYYY-MM-DDTHH:MM`).
pub fn parse_time(text: &str) -> Option<i64> {
    let t = text.trim();
    let (day, clock) = t.split_once([' ', 'T'])?;
    let day = crate::reports::parse_day(day)?;
    let (h, m) = clock.trim().split_once(':')?;
    let (h, m): (i64, i64) = (h.parse().ok()?, m.get(..2).unwrap_or(m).parse().ok()?);
    if !(0..24).contains(&h) || !(0..60).contains(&m) {
        return None;
    }
    Some(crate::reports::day_start(day) + (h * 60 + m) * 60_000)
}

/// Why a row (or the file) cannot be imported.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum CsvProblem {
    /// Not UTF-8 (e.g. saved as GBK): save it as "CSV UTF-8".
    NotUtf8,
    /// Not a CSV file the reader understands (unbalanced quotes, ragged rows).
    Malformed,
    /// The file has no rows after its header.
    Empty,
    /// More than [`MAX_ROWS`] rows.
    TooManyRows,
    ColumnUnknown,
    ColumnMissing,
    ColumnRepeated,
    CellTooLong,
    /// The SKU is on an earlier row of the file too.
    SkuRepeated,
    /// The SKUs of one `product_slug` belong to different products.
    SkusOfOtherProducts,
    /// A product's later row disagrees with its first row on a product field.
    ProductCellDiffers,
    PriceInvalid,
    NumberInvalid,
    StatusUnknown,
    CategoryUnknown,
    BrandUnknown,
    /// `featured` is not true/false.
    FlagInvalid,
    /// `publish_at` is not `YYYY-MM-DD HH:MM` (shop time).
    TimeInvalid,
    /// `images` is not the JSON list the export writes.
    ImagesInvalid,
    /// A new product without a name, category or brand.
    Required,
    /// One of the catalogue's own rules (`CatalogProblem`), named in `rule`.
    Rule,
}

impl fmt::Display for CsvProblem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            CsvProblem::NotUtf8 => "the file is not UTF-8: save it as “CSV UTF-8”",
            CsvProblem::Malformed => "this line is not well-formed CSV",
            CsvProblem::Empty => "the file has no rows",
            CsvProblem::TooManyRows => "the file has more than 50,000 rows",
            CsvProblem::ColumnUnknown => "this column is not one the import knows",
            CsvProblem::ColumnMissing => "this column is needed",
            CsvProblem::ColumnRepeated => "this column appears twice",
            CsvProblem::CellTooLong => "this cell is longer than 20,000 characters",
            CsvProblem::SkuRepeated => "this SKU is on an earlier line too",
            CsvProblem::SkusOfOtherProducts => "these SKUs belong to different products",
            CsvProblem::ProductCellDiffers => "this differs from the product's first line",
            CsvProblem::PriceInvalid => "not a price (e.g. 199.00, at least 0)",
            CsvProblem::NumberInvalid => "not a whole number of at least 0",
            CsvProblem::StatusUnknown => "the status is draft, active or archived",
            CsvProblem::CategoryUnknown => "there is no category with this slug",
            CsvProblem::BrandUnknown => "there is no brand with this slug",
            CsvProblem::FlagInvalid => "write true or false",
            CsvProblem::TimeInvalid => "write the time as YYYY-MM-DD HH:MM",
            CsvProblem::ImagesInvalid => "the pictures are not in the form the export writes",
            CsvProblem::Required => "a new product needs this",
            CsvProblem::Rule => "this breaks a rule of the catalogue",
        })
    }
}

/// One thing wrong with the file: where (1-based line of the file, the header being line
/// 1; the column's name) and why.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct RowError {
    pub line: u64,
    pub column: Option<String>,
    pub problem: CsvProblem,
    /// For `rule`: the catalogue rule's code (e.g. `barcode_invalid`).
    pub rule: Option<String>,
    /// In English; the back office shows its own words for `problem`/`rule`.
    pub message: String,
}

/// New, changed and unchanged counts.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Tally {
    pub new: u64,
    pub changed: u64,
    pub unchanged: u64,
}

/// What an import found (a dry run) or did.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ImportReport {
    /// Rows after the header.
    pub rows: u64,
    /// By row: a new variant, a changed one (or its product changed), an unchanged one.
    pub variants: Tally,
    pub products: Tally,
    /// Every error, in file order (at most 1,000 are listed).
    pub errors: Vec<RowError>,
    /// How many errors there were in all.
    pub error_count: u64,
    /// Whether the changes were written (never for a dry run, never with an error).
    pub applied: bool,
    pub dry_run: bool,
}

/// A line of the import's answer (`application/x-ndjson`): progress while it works, then
/// the report.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(tag = "event", rename_all = "snake_case")]
pub enum ImportEvent {
    Progress {
        done: u64,
        total: u64,
    },
    Done {
        report: ImportReport,
    },
    /// Something broke on the server's side; nothing was written.
    Failed {
        error: crate::ApiError,
    },
}

/// A picture in the `images` cell.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ImageCell {
    pub url: String,
    #[serde(default)]
    pub alt: Localized,
    #[serde(default)]
    pub color_en: Option<String>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn prices_round_trip_and_refuse_nonsense() {
        let cny = Currency::CNY;
        assert_eq!(format_price(19_900, cny), "199.00");
        assert_eq!(format_price(5, cny), "0.05");
        for (text, minor) in [
            ("199", 19_900),
            ("199.5", 19_950),
            ("199.00", 19_900),
            ("1,299.00", 129_900),
            ("¥8.8", 880),
            ("0", 0),
        ] {
            assert_eq!(parse_price(text, cny), Some(minor), "{text}");
        }
        for bad in ["-1", "1.234", "abc", "", ".5", "1e3", "99999999999999"] {
            assert_eq!(parse_price(bad, cny), None, "{bad}");
        }
        for minor in [0, 1, 99, 100, 123_456_789] {
            assert_eq!(parse_price(&format_price(minor, cny), cny), Some(minor));
        }
    }

    #[test]
    fn times_are_written_in_shop_time() {
        // 2026-12-01 02:00 UTC is 10:00 in Shanghai
        assert_eq!(format_time(1_796_090_400_000), "2026-12-01 10:00");
        assert_eq!(parse_time("2026-12-01 10:00"), Some(1_796_090_400_000));
        assert_eq!(parse_time("2026-12-01T10:00"), Some(1_796_090_400_000));
        for bad in [
            "2026-12-01",
            "2026-12-01 25:00",
            "tomorrow",
            "2026-13-01 10:00",
        ] {
            assert_eq!(parse_time(bad), None, "{bad}");
        }
    }

    #[test]
    fn formulas_are_neutralised_and_restored() {
        for cell in ["=SUM(A1)", "+86 138", "-5", "@cmd", "\t=1"] {
            let safe = neutralize(cell);
            assert!(safe.starts_with('\''), "{cell}");
            assert_eq!(unneutralize(&safe), cell);
        }
        assert_eq!(neutralize("羽绒服"), "羽绒服");
        assert_eq!(unneutralize("'quoted"), "'quoted");
        assert!(is_product_column("images") && !is_product_column("sku"));
    }
}
