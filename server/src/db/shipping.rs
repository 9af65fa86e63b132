//! Delivery methods and their zone rates, read in one query (with the rates joined).

use shared::catalog::Localized;
use shared::money::Money;
use shared::shipping::{ShippingMethod, Zone, ZoneRate};
use sqlx::AnyConnection;

#[derive(sqlx::FromRow)]
struct MethodRateRow {
    code: String,
    name_zh: String,
    name_en: String,
    zone_kind: Option<String>,
    province_codes: Option<String>,
    first_kg: Option<i64>,
    extra_kg: Option<i64>,
    free_over: Option<i64>,
}

const SELECT: &str = "SELECT m.code, m.name_zh, m.name_en, r.zone_kind, r.province_codes, \
     r.first_kg, r.extra_kg, r.free_over \
     FROM shipping_methods m LEFT JOIN shipping_rates r ON r.method_id = m.id \
     WHERE m.active = 1";

/// Every active delivery method in display order, with its rates, in one round trip.
pub async fn active_methods(conn: &mut AnyConnection) -> Result<Vec<ShippingMethod>, sqlx::Error> {
    let rows: Vec<MethodRateRow> =
        sqlx::query_as(&format!("{SELECT} ORDER BY m.position, m.id, r.position"))
            .fetch_all(conn)
            .await?;
    Ok(group(rows))
}

/// Every active delivery method, from the catalogue cache (staff changes to methods and rates
/// change the catalogue's version, migration 0017), as of a quarter of a second ago at most:
/// a changed rate applies to the orders placed from then on.
pub async fn active_methods_cached(
    cache: &crate::catalog_cache::CatalogCache,
    db: &crate::db::Db,
) -> Result<std::sync::Arc<Vec<ShippingMethod>>, sqlx::Error> {
    cache
        .get_or_load_recent(
            "shipping:methods",
            |m: &Vec<ShippingMethod>| m.iter().map(|m| 256 + m.rates.len() * 128).sum(),
            || async {
                let mut conn = db.pool.acquire().await?;
                active_methods(&mut conn).await
            },
        )
        .await
}

/// Rows ordered by method, then rate, into methods with their rates.
fn group(rows: Vec<MethodRateRow>) -> Vec<ShippingMethod> {
    let mut methods: Vec<ShippingMethod> = Vec::new();
    for r in rows {
        if methods.last().is_none_or(|m| m.code != r.code) {
            methods.push(ShippingMethod {
                code: r.code.clone(),
                name: Localized::new(r.name_zh.clone(), r.name_en.clone()),
                rates: Vec::new(),
            });
        }
        if let (Some(method), Some(rate)) = (methods.last_mut(), rate(r)) {
            method.rates.push(rate);
        }
    }
    methods
}

fn rate(r: MethodRateRow) -> Option<ZoneRate> {
    let zone = match r.zone_kind?.as_str() {
        "provinces" => Zone::Provinces {
            codes: r
                .province_codes
                .unwrap_or_default()
                .split(',')
                .map(str::trim)
                .filter(|c| !c.is_empty())
                .map(String::from)
                .collect(),
        },
        "international" => Zone::International,
        _ => Zone::RestOfChina,
    };
    Some(ZoneRate {
        zone,
        first_kg: Money::cny(r.first_kg?),
        extra_kg: Money::cny(r.extra_kg?),
        free_over: r.free_over.map(Money::cny),
    })
}
