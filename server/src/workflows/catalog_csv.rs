//! Products as CSV (the columns and rules are in `shared::catalog::csv`): the export, one
//! row per variant in UTF-8 with a BOM and formula cells neutralised; and the import, which
//! reads the whole file, checks every row (the dry run lists every error with its line and
//! column), then writes everything in one transaction or nothing. A dry run goes through
//! exactly the same steps and rolls back.

use crate::db::audit::ActorRef;
use crate::db::catalog_admin::{self as repo, ProductFilter, VariantKey};
use crate::db::{search, Db};
use crate::error::{AppError, AppResult};
use crate::workflows::catalog::{sanitized, save_product_in};
use shared::audit::AuditAction;
use shared::catalog::admin::{
    default_options, parse_sku, ImageDraft, ProductDraft, ProductStatus, Seo, VariantDraft,
};
use shared::catalog::csv::{
    format_price, format_time, is_product_column, neutralize, parse_price, parse_time,
    unneutralize, CsvProblem, ImageCell, ImportReport, RowError, Tally, COLUMNS, MAX_CELL,
    MAX_ROWS, REQUIRED,
};
use shared::catalog::Localized;
use shared::ids::{BrandId, CategoryId, ProductId};
use shared::money::Currency;
use std::collections::HashMap;

const CURRENCY: Currency = Currency::CNY;
/// The most errors a report lists.
const LISTED_ERRORS: usize = 1_000;

// export -------------------------------------------------------------------------------

/// Every product `filter` matches, as CSV bytes.
pub async fn export(db: &Db, filter: &ProductFilter) -> AppResult<Vec<u8>> {
    let mut conn = db.pool.acquire().await?;
    let categories: HashMap<i64, String> = repo::categories(&mut conn)
        .await?
        .into_iter()
        .map(|c| (c.id.0, c.draft.slug))
        .collect();
    let brands: HashMap<i64, String> = repo::brands(&mut conn)
        .await?
        .into_iter()
        .map(|b| (b.id.0, b.draft.slug))
        .collect();
    let mut out = csv::WriterBuilder::new().from_writer(b"\xEF\xBB\xBF".to_vec());
    out.write_record(COLUMNS).map_err(csv_failed)?;
    for id in repo::matching_ids(&mut conn, filter).await? {
        let Some(editor) = repo::editor(&mut conn, ProductId(id)).await? else {
            continue;
        };
        let d = &editor.draft;
        let images: Vec<ImageCell> = d
            .images
            .iter()
            .map(|i| ImageCell {
                url: i.url.clone(),
                alt: i.alt.clone(),
                color_en: i.color_en.clone(),
            })
            .collect();
        let images = if images.is_empty() {
            String::new()
        } else {
            serde_json::to_string(&images).unwrap_or_default()
        };
        let product = [
            d.slug.clone(),
            d.status.code().to_string(),
            categories
                .get(&d.category_id.0)
                .cloned()
                .unwrap_or_default(),
            brands.get(&d.brand_id.0).cloned().unwrap_or_default(),
            d.name.zh.clone(),
            d.name.en.clone(),
            d.description.zh.clone(),
            d.description.en.clone(),
            d.option1.zh.clone(),
            d.option1.en.clone(),
            d.option2.zh.clone(),
            d.option2.en.clone(),
            d.seo.title.zh.clone(),
            d.seo.title.en.clone(),
            d.seo.description.zh.clone(),
            d.seo.description.en.clone(),
            d.featured.to_string(),
            d.publish_at.map(format_time).unwrap_or_default(),
            images,
        ];
        for v in &d.variants {
            let variant = [
                v.sku.clone(),
                v.barcode.clone().unwrap_or_default(),
                v.color.as_ref().map(|c| c.zh.clone()).unwrap_or_default(),
                v.color.as_ref().map(|c| c.en.clone()).unwrap_or_default(),
                v.size.clone().unwrap_or_default(),
                format_price(v.price, CURRENCY),
                v.compare_at
                    .map(|m| format_price(m, CURRENCY))
                    .unwrap_or_default(),
                v.cost
                    .map(|m| format_price(m, CURRENCY))
                    .unwrap_or_default(),
                v.weight_grams.to_string(),
            ];
            out.write_record(product.iter().chain(&variant).map(|c| neutralize(c)))
                .map_err(csv_failed)?;
        }
    }
    out.into_inner()
        .map_err(|e| AppError::Internal(anyhow::anyhow!("writing CSV: {e}")))
}

fn csv_failed(e: csv::Error) -> AppError {
    AppError::Internal(anyhow::anyhow!("writing CSV: {e}"))
}

// import: reading ----------------------------------------------------------------------

/// A row of the file, read but not yet checked against the catalogue.
struct Row {
    line: u64,
    /// Column name → cell (formula neutralising undone, trimmed).
    cells: HashMap<&'static str, String>,
}

impl Row {
    fn get(&self, column: &str) -> Option<&str> {
        self.cells.get(column).map(String::as_str)
    }
}

/// The errors found so far.
#[derive(Default)]
struct Errors(Vec<RowError>);

impl Errors {
    fn add(&mut self, line: u64, column: Option<&str>, problem: CsvProblem) {
        self.0.push(RowError {
            line,
            column: column.map(str::to_string),
            problem,
            rule: None,
            message: problem.to_string(),
        });
    }

    fn rule(&mut self, line: u64, column: Option<&str>, e: &AppError) {
        self.0.push(RowError {
            line,
            column: column.map(str::to_string),
            problem: CsvProblem::Rule,
            rule: e.problem().map(str::to_string),
            message: e.to_string(),
        });
    }
}

/// The file's rows, or the errors that stop it being read at all. Cell-level problems
/// (too long) are added to `errors`.
fn read(bytes: &[u8], errors: &mut Errors) -> Option<(Vec<&'static str>, Vec<Row>)> {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    if let Err(e) = std::str::from_utf8(bytes) {
        let line = 1 + bytes[..e.valid_up_to()]
            .iter()
            .filter(|b| **b == b'\n')
            .count() as u64;
        errors.add(line, None, CsvProblem::NotUtf8);
        return None;
    }
    let mut reader = csv::ReaderBuilder::new().flexible(false).from_reader(bytes);
    let header = match reader.headers() {
        Ok(h) => h.clone(),
        Err(_) => {
            errors.add(1, None, CsvProblem::Malformed);
            return None;
        }
    };
    let mut columns: Vec<&'static str> = Vec::new();
    let mut positions: Vec<Option<&'static str>> = Vec::new();
    for name in header.iter() {
        let name = name.trim().to_lowercase();
        match COLUMNS.iter().find(|c| **c == name) {
            Some(c) if columns.contains(c) => {
                errors.add(1, Some(c), CsvProblem::ColumnRepeated);
                positions.push(None);
            }
            Some(c) => {
                columns.push(c);
                positions.push(Some(c));
            }
            None => {
                errors.0.push(RowError {
                    line: 1,
                    column: Some(name.chars().take(60).collect()),
                    problem: CsvProblem::ColumnUnknown,
                    rule: None,
                    message: CsvProblem::ColumnUnknown.to_string(),
                });
                positions.push(None);
            }
        }
    }
    for required in REQUIRED {
        if !columns.contains(&required) {
            errors.add(1, Some(required), CsvProblem::ColumnMissing);
        }
    }
    if !errors.0.is_empty() {
        return None;
    }
    let mut rows = Vec::new();
    for record in reader.records() {
        let record = match record {
            Ok(r) => r,
            Err(e) => {
                let line = e.position().map_or(0, |p| p.line());
                errors.add(line, None, CsvProblem::Malformed);
                return None;
            }
        };
        let line = record.position().map_or(0, |p| p.line());
        if rows.len() >= MAX_ROWS {
            errors.add(line, None, CsvProblem::TooManyRows);
            return None;
        }
        let mut cells = HashMap::with_capacity(columns.len());
        for (cell, column) in record.iter().zip(&positions) {
            let Some(column) = column else { continue };
            if cell.chars().count() > MAX_CELL {
                errors.add(line, Some(column), CsvProblem::CellTooLong);
                continue;
            }
            cells.insert(*column, unneutralize(cell.trim()).to_string());
        }
        rows.push(Row { line, cells });
    }
    if rows.is_empty() && errors.0.is_empty() {
        errors.add(2, None, CsvProblem::Empty);
        return None;
    }
    Some((columns, rows))
}

// import: a product's rows -------------------------------------------------------------

/// The rows of one `product_slug`, in file order.
struct Group<'a> {
    slug: String,
    rows: Vec<&'a Row>,
}

fn group<'a>(rows: &'a [Row], errors: &mut Errors) -> Vec<Group<'a>> {
    let mut groups: Vec<Group<'a>> = Vec::new();
    let mut at: HashMap<String, usize> = HashMap::new();
    let mut skus: HashMap<String, u64> = HashMap::new();
    for row in rows {
        let sku = row.get("sku").unwrap_or("").to_uppercase();
        if !sku.is_empty() {
            if skus.contains_key(&sku) {
                errors.add(row.line, Some("sku"), CsvProblem::SkuRepeated);
                continue;
            }
            skus.insert(sku, row.line);
        }
        let slug = row.get("product_slug").unwrap_or("").to_string();
        match at.get(&slug) {
            Some(i) => groups[*i].rows.push(row),
            None => {
                at.insert(slug.clone(), groups.len());
                groups.push(Group {
                    slug,
                    rows: vec![row],
                });
            }
        }
    }
    groups
}

/// Slugs of categories and brands.
struct Names {
    categories: HashMap<String, i64>,
    brands: HashMap<String, i64>,
}

/// Where each product field lands in the file, for errors the catalogue's rules raise.
fn column_of(field: &str) -> &'static str {
    let f = field.split('[').next().unwrap_or(field);
    match f {
        "slug" => "product_slug",
        "name.zh" => "name_zh",
        "name.en" => "name_en",
        "description.zh" => "description_zh",
        "description.en" => "description_en",
        "option1.zh" => "option1_zh",
        "option1.en" => "option1_en",
        "option2.zh" => "option2_zh",
        "option2.en" => "option2_en",
        "seo.title.zh" => "seo_title_zh",
        "seo.title.en" => "seo_title_en",
        "seo.description.zh" => "seo_description_zh",
        "seo.description.en" => "seo_description_en",
        "category_id" => "category",
        "brand_id" => "brand",
        "publish_at" => "publish_at",
        "images" => "images",
        "status" => "status",
        _ => "product_slug",
    }
}

/// A variant field (`variants[2].barcode`) as its column (`barcode`).
fn variant_column(field: &str) -> &'static str {
    match field.rsplit('.').next().unwrap_or("") {
        "sku" => "sku",
        "barcode" => "barcode",
        "color" | "zh" if field.contains("color") => "color_zh",
        "en" if field.contains("color") => "color_en",
        "size" => "size",
        "price" => "price",
        "compare_at" => "compare_at",
        "cost" => "cost",
        "weight_grams" => "weight_grams",
        _ => "sku",
    }
}

/// The draft a group makes of `base` (the product as it is, or an empty one), or `None`
/// when a row has an error (added to `errors`). Also each variant's line.
fn apply(
    group: &Group<'_>,
    columns: &[&'static str],
    base: Option<&ProductDraft>,
    names: &Names,
    errors: &mut Errors,
) -> Option<(ProductDraft, Vec<Option<u64>>)> {
    let before = errors.0.len();
    let first = group.rows[0];
    // later rows: a product cell is blank (the same) or agrees
    for row in &group.rows[1..] {
        for column in columns.iter().filter(|c| is_product_column(c)) {
            let (a, b) = (
                first.get(column).unwrap_or(""),
                row.get(column).unwrap_or(""),
            );
            if !b.is_empty() && a != b {
                errors.add(row.line, Some(column), CsvProblem::ProductCellDiffers);
            }
        }
    }
    let line = first.line;
    let has = |c: &str| columns.contains(&c);
    let cell = |c: &str| first.get(c).unwrap_or("").to_string();
    let (option1, option2) = default_options();
    let mut d = base.cloned().unwrap_or_else(|| ProductDraft {
        slug: group.slug.clone(),
        name: Localized::default(),
        description: Localized::default(),
        category_id: CategoryId(0),
        brand_id: BrandId(0),
        status: ProductStatus::Draft,
        publish_at: None,
        featured: false,
        kind: Default::default(),
        warranty_days: shared::catalog::admin::default_warranty_days(),
        option1,
        option2,
        variants: Vec::new(),
        images: Vec::new(),
        seo: Seo::default(),
    });
    d.slug = group.slug.clone();
    let text = |d: &mut Localized, zh: &str, en: &str| {
        if has(zh) {
            d.zh = cell(zh);
        }
        if has(en) {
            d.en = cell(en);
        }
    };
    text(&mut d.name, "name_zh", "name_en");
    text(&mut d.description, "description_zh", "description_en");
    text(&mut d.option1, "option1_zh", "option1_en");
    text(&mut d.option2, "option2_zh", "option2_en");
    text(&mut d.seo.title, "seo_title_zh", "seo_title_en");
    text(
        &mut d.seo.description,
        "seo_description_zh",
        "seo_description_en",
    );
    if base.is_none() {
        for c in ["name_zh", "name_en", "category", "brand"] {
            if cell(c).is_empty() {
                errors.add(line, Some(c), CsvProblem::Required);
            }
        }
    }
    if has("status") && !cell("status").is_empty() {
        match ProductStatus::parse(&cell("status").to_lowercase()) {
            Some(s) => d.status = s,
            None => errors.add(line, Some("status"), CsvProblem::StatusUnknown),
        }
    }
    if has("category") && !cell("category").is_empty() {
        match names.categories.get(&cell("category")) {
            Some(id) => d.category_id = CategoryId(*id),
            None => errors.add(line, Some("category"), CsvProblem::CategoryUnknown),
        }
    }
    if has("brand") && !cell("brand").is_empty() {
        match names.brands.get(&cell("brand")) {
            Some(id) => d.brand_id = BrandId(*id),
            None => errors.add(line, Some("brand"), CsvProblem::BrandUnknown),
        }
    }
    if has("featured") && !cell("featured").is_empty() {
        match cell("featured").to_lowercase().as_str() {
            "true" | "1" | "yes" => d.featured = true,
            "false" | "0" | "no" => d.featured = false,
            _ => errors.add(line, Some("featured"), CsvProblem::FlagInvalid),
        }
    }
    if has("publish_at") {
        let t = cell("publish_at");
        d.publish_at = if t.is_empty() {
            None
        } else {
            match parse_time(&t) {
                Some(ms) => Some(ms),
                None => {
                    errors.add(line, Some("publish_at"), CsvProblem::TimeInvalid);
                    None
                }
            }
        };
    }
    // an empty pictures cell keeps the pictures
    if has("images") && !cell("images").is_empty() {
        match serde_json::from_str::<Vec<ImageCell>>(&cell("images")) {
            Ok(list) => {
                d.images = list
                    .into_iter()
                    .map(|i| ImageDraft {
                        url: i.url,
                        alt: i.alt,
                        color_en: i.color_en,
                    })
                    .collect();
            }
            Err(_) => errors.add(line, Some("images"), CsvProblem::ImagesInvalid),
        }
    }
    // variants: by SKU
    let mut lines: Vec<Option<u64>> = vec![None; d.variants.len()];
    for row in &group.rows {
        // as stored (upper case), so that a lower-case file compares as unchanged
        let typed = row.get("sku").unwrap_or("");
        let sku = parse_sku(typed).unwrap_or_else(|| typed.to_string());
        let at = d
            .variants
            .iter()
            .position(|v| v.sku.eq_ignore_ascii_case(&sku));
        let mut v = match at {
            Some(i) => d.variants[i].clone(),
            None => VariantDraft {
                id: None,
                sku: sku.clone(),
                barcode: None,
                color: None,
                size: None,
                price: 0,
                compare_at: None,
                cost: None,
                weight_grams: 0,
            },
        };
        v.sku = sku;
        let get = |c: &str| row.get(c).unwrap_or("").to_string();
        let optional = |c: &str| Some(get(c)).filter(|s| !s.is_empty());
        if has("barcode") {
            v.barcode = optional("barcode");
        }
        if has("color_zh") || has("color_en") {
            let (zh, en) = (get("color_zh"), get("color_en"));
            v.color = (!zh.is_empty() || !en.is_empty()).then(|| Localized::new(zh, en));
        }
        if has("size") {
            v.size = optional("size");
        }
        let price = |c: &str, errors: &mut Errors| match optional(c) {
            None => None,
            Some(t) => match parse_price(&t, CURRENCY) {
                Some(m) => Some(m),
                None => {
                    errors.add(row.line, Some(c), CsvProblem::PriceInvalid);
                    None
                }
            },
        };
        match price("price", errors) {
            Some(p) => v.price = p,
            None if get("price").is_empty() => {
                errors.add(row.line, Some("price"), CsvProblem::PriceInvalid)
            }
            None => {}
        }
        if has("compare_at") {
            v.compare_at = price("compare_at", errors);
        }
        if has("cost") {
            v.cost = price("cost", errors);
        }
        if has("weight_grams") {
            match optional("weight_grams").map(|t| t.parse::<u32>()) {
                None => v.weight_grams = 0,
                Some(Ok(w)) => v.weight_grams = w,
                Some(Err(_)) => {
                    errors.add(row.line, Some("weight_grams"), CsvProblem::NumberInvalid)
                }
            }
        }
        match at {
            Some(i) => {
                d.variants[i] = v;
                lines[i] = Some(row.line);
            }
            None => {
                d.variants.push(v);
                lines.push(Some(row.line));
            }
        }
    }
    (errors.0.len() == before).then_some((d, lines))
}

/// Maps an error the catalogue's rules raised for a draft to its line and column.
fn place(e: &AppError, group: &Group<'_>, lines: &[Option<u64>]) -> (u64, Option<&'static str>) {
    let first = group.rows[0].line;
    let field = match e {
        AppError::Validation { field, .. } | AppError::InvalidInput { field, .. } => {
            field.as_deref().unwrap_or("")
        }
        _ => "",
    };
    if let Some(rest) = field.strip_prefix("variants[") {
        let i: Option<usize> = rest.split(']').next().and_then(|n| n.parse().ok());
        let line = i
            .and_then(|i| lines.get(i).copied().flatten())
            .unwrap_or(first);
        return (line, Some(variant_column(field)));
    }
    if field.is_empty() {
        (first, None)
    } else {
        (first, Some(column_of(field)))
    }
}

// import: the whole file ---------------------------------------------------------------

/// Imports `bytes`; `progress(done, total)` is called as products are checked. With
/// `dry_run`, or with any error, nothing is written.
pub async fn import(
    db: &Db,
    actor: &ActorRef,
    bytes: &[u8],
    dry_run: bool,
    progress: impl Fn(u64, u64),
) -> AppResult<ImportReport> {
    let mut errors = Errors::default();
    let mut report = ImportReport {
        dry_run,
        ..ImportReport::default()
    };
    let Some((columns, rows)) = read(bytes, &mut errors) else {
        return Ok(finish(report, errors));
    };
    report.rows = rows.len() as u64;
    let groups = group(&rows, &mut errors);
    let mut tx = db.begin_write().await?;
    let names = Names {
        categories: repo::categories(&mut tx)
            .await?
            .into_iter()
            .map(|c| (c.draft.slug, c.id.0))
            .collect(),
        brands: repo::brands(&mut tx)
            .await?
            .into_iter()
            .map(|b| (b.draft.slug, b.id.0))
            .collect(),
    };
    let total = groups.len() as u64;
    let mut variants = Tally::default();
    let mut products = Tally::default();
    let mut touched = Vec::new();
    for (n, group) in groups.iter().enumerate() {
        if n % 100 == 0 {
            progress(n as u64, total);
        }
        let existing = match owner(&mut tx, group, &mut errors).await? {
            Owner::Conflict => continue,
            Owner::Product(id) => Some(id),
            Owner::None => repo::product_with_slug(&mut tx, group.slug.trim())
                .await?
                .map(ProductId),
        };
        let base = match existing {
            Some(id) => repo::editor(&mut tx, id).await?.map(|e| e.draft),
            None => None,
        };
        let Some((draft, lines)) = apply(group, &columns, base.as_ref(), &names, &mut errors)
        else {
            continue;
        };
        // what would change, compared as stored (descriptions sanitised)
        let normal = ProductDraft {
            description: sanitized(&draft.description),
            ..draft.clone()
        };
        let unchanged_product = base.as_ref().is_some_and(|b| {
            ProductDraft {
                variants: Vec::new(),
                ..b.clone()
            } == ProductDraft {
                variants: Vec::new(),
                ..normal.clone()
            }
        });
        for (i, v) in normal.variants.iter().enumerate() {
            if lines.get(i).copied().flatten().is_none() {
                continue; // kept, not in the file
            }
            let old = base
                .as_ref()
                .and_then(|b| b.variants.iter().find(|o| v.id.is_some() && o.id == v.id));
            match old {
                None => variants.new += 1,
                Some(o) if o == v && unchanged_product => variants.unchanged += 1,
                Some(_) => variants.changed += 1,
            }
        }
        if base.as_ref() == Some(&normal) {
            products.unchanged += 1;
            continue;
        }
        match save_product_in(
            &mut tx,
            actor,
            existing,
            &draft,
            Some(AuditAction::ProductImport),
        )
        .await
        {
            Ok(saved) => {
                touched.push(saved.0);
                if existing.is_some() {
                    products.changed += 1;
                } else {
                    products.new += 1;
                }
            }
            Err(e @ (AppError::Validation { .. } | AppError::InvalidInput { .. })) => {
                let (line, column) = place(&e, group, &lines);
                errors.rule(line, column, &e);
            }
            Err(e) => return Err(e),
        }
    }
    progress(total, total);
    search::reindex(&mut tx, &touched).await?;
    report.variants = variants;
    report.products = products;
    let report = finish(report, errors);
    if report.error_count == 0 && !dry_run {
        tx.commit().await?;
        Ok(ImportReport {
            applied: true,
            ..report
        })
    } else {
        tx.rollback().await?;
        Ok(report)
    }
}

fn finish(mut report: ImportReport, mut errors: Errors) -> ImportReport {
    errors.0.sort_by_key(|e| e.line);
    report.error_count = errors.0.len() as u64;
    errors.0.truncate(LISTED_ERRORS);
    report.errors = errors.0;
    report
}

enum Owner {
    None,
    Product(ProductId),
    /// Its SKUs belong to different products (an error was added).
    Conflict,
}

/// The product the group's SKUs already belong to.
async fn owner(
    tx: &mut sqlx::AnyConnection,
    group: &Group<'_>,
    errors: &mut Errors,
) -> AppResult<Owner> {
    let skus: Vec<(usize, String)> = group
        .rows
        .iter()
        .enumerate()
        .map(|(i, row)| (i, row.get("sku").unwrap_or("").trim().to_uppercase()))
        .filter(|(_, sku)| !sku.is_empty())
        .collect();
    let list: Vec<&str> = skus.iter().map(|(_, s)| s.as_str()).collect();
    let held = repo::variants_with(tx, VariantKey::Sku, &list).await?;
    let mut found: Option<i64> = None;
    for (i, sku) in &skus {
        if let Some((_, product)) = held.iter().find(|(s, _)| s == sku) {
            match found {
                Some(p) if p != *product => {
                    errors.add(
                        group.rows[*i].line,
                        Some("sku"),
                        CsvProblem::SkusOfOtherProducts,
                    );
                    return Ok(Owner::Conflict);
                }
                _ => found = Some(*product),
            }
        }
    }
    Ok(found.map_or(Owner::None, |p| Owner::Product(ProductId(p))))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn files_that_cannot_be_read_say_why() {
        let mut e = Errors::default();
        assert!(read(b"product_slug,sku,price\nx,\xC4\xE3,1\n", &mut e).is_none());
        assert_eq!((e.0[0].line, e.0[0].problem), (2, CsvProblem::NotUtf8));
        let mut e = Errors::default();
        assert!(read("product_slug,sku,colour\n".as_bytes(), &mut e).is_none());
        let problems: Vec<_> =
            e.0.iter()
                .map(|x| (x.column.as_deref(), x.problem))
                .collect();
        assert!(problems.contains(&(Some("colour"), CsvProblem::ColumnUnknown)));
        assert!(problems.contains(&(Some("price"), CsvProblem::ColumnMissing)));
        let mut e = Errors::default();
        let (columns, rows) = read(
            "\u{feff}Product_Slug,SKU,Price\na,'-1,2\n".as_bytes(),
            &mut e,
        )
        .unwrap();
        assert_eq!(columns, ["product_slug", "sku", "price"]);
        assert_eq!(rows[0].get("sku"), Some("-1"));
        assert_eq!(rows[0].line, 2);
        let long = format!("product_slug,sku,price\na,b,{}\n", "9".repeat(MAX_CELL + 1));
        let mut e = Errors::default();
        read(long.as_bytes(), &mut e);
        assert_eq!(e.0[0].problem, CsvProblem::CellTooLong);
    }

    #[test]
    fn fields_map_to_columns() {
        assert_eq!(variant_column("variants[3].barcode"), "barcode");
        assert_eq!(variant_column("variants[0].color.en"), "color_en");
        assert_eq!(column_of("seo.title.zh"), "seo_title_zh");
        assert_eq!(column_of("images[2].url"), "images");
        assert_eq!(column_of("category_id"), "category");
    }
}
