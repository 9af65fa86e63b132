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

/// An active delivery method with its zone rates, in one round trip.
pub async fn method(
    conn: &mut AnyConnection,
    code: &str,
) -> Result<Option<ShippingMethod>, sqlx::Error> {
    let rows: Vec<MethodRateRow> =
        sqlx::query_as(&format!("{SELECT} AND m.code = $1 ORDER BY r.position"))
            .bind(code)
            .fetch_all(conn)
            .await?;
    Ok(group(rows).into_iter().next())
}

/// Every active delivery method in display order, with its rates, in one round trip.
pub async fn active_methods(conn: &mut AnyConnection) -> Result<Vec<ShippingMethod>, sqlx::Error> {
    let rows: Vec<MethodRateRow> =
        sqlx::query_as(&format!("{SELECT} ORDER BY m.position, m.id, r.position"))
            .fetch_all(conn)
            .await?;
    Ok(group(rows))
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
