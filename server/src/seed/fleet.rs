//! The demo shop's own fleet: each warehouse's district, a delivery zone per city with a
//! morning and an afternoon slot, and vans (the demo warehouse operator drives one in
//! Shanghai).

use crate::db::WriteTx;

/// Warehouse code and its district.
const PLACES: [(&str, &str); 2] = [("SH-01", "310118"), ("GZ-01", "440111")];

/// Warehouse, names, divisions, slots (minutes after midnight).
type Zone = (
    &'static str,
    &'static str,
    &'static str,
    &'static str,
    [(i64, i64); 2],
);
const ZONES: [Zone; 2] = [
    (
        "SH-01",
        "上海市区",
        "Shanghai city",
        "3101",
        [(9 * 60, 12 * 60), (13 * 60, 18 * 60)],
    ),
    (
        "GZ-01",
        "广州市区",
        "Guangzhou city",
        "4401",
        [(9 * 60, 12 * 60), (14 * 60, 19 * 60)],
    ),
];

/// Warehouse, plate, capacity in grams and parcels, driven by the demo warehouse operator.
const VANS: [(&str, &str, i64, i64, bool); 4] = [
    ("SH-01", "沪A·D1001", 800_000, 120, true),
    ("SH-01", "沪A·D1002", 300_000, 60, false),
    ("GZ-01", "粤A·D2001", 800_000, 120, false),
    ("GZ-01", "粤A·D2002", 300_000, 60, false),
];

pub async fn seed_fleet(tx: &mut WriteTx, driver_email: &str) -> anyhow::Result<()> {
    for (code, division) in PLACES {
        sqlx::query(
            "UPDATE warehouses SET division_code = $1 WHERE code = $2 AND division_code = ''",
        )
        .bind(division)
        .bind(code)
        .execute(&mut **tx)
        .await?;
    }
    let zones: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM delivery_zones")
        .fetch_one(&mut **tx)
        .await?;
    if zones == 0 {
        for (warehouse, zh, en, divisions, slots) in ZONES {
            let id: i64 = sqlx::query_scalar(
                "INSERT INTO delivery_zones (warehouse_id, name_zh, name_en, divisions) \
                 SELECT id, $2, $3, $4 FROM warehouses WHERE code = $1 RETURNING id",
            )
            .bind(warehouse)
            .bind(zh)
            .bind(en)
            .bind(divisions)
            .fetch_one(&mut **tx)
            .await?;
            for (starts, ends) in slots {
                sqlx::query(
                    "INSERT INTO delivery_slots (zone_id, starts, ends) VALUES ($1, $2, $3)",
                )
                .bind(id)
                .bind(starts)
                .bind(ends)
                .execute(&mut **tx)
                .await?;
            }
        }
    }
    for (warehouse, plate, grams, parcels, demo_driver) in VANS {
        sqlx::query(
            "INSERT INTO vehicles (warehouse_id, plate, max_weight_grams, max_parcels, driver_id) \
             SELECT w.id, $2, $3, $4, (SELECT id FROM users WHERE email = $5 AND $6 = 1) FROM warehouses w WHERE w.code = $1 \
             ON CONFLICT (plate) DO NOTHING",
        )
        .bind(warehouse)
        .bind(plate)
        .bind(grams)
        .bind(parcels)
        .bind(driver_email)
        .bind(i64::from(demo_driver))
        .execute(&mut **tx)
        .await?;
    }
    Ok(())
}
