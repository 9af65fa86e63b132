//! Bin locations for the demo warehouses: every stock level without one gets its own bin,
//! numbered zone-aisle-shelf-bin in variant order, so a pick list walks the shelves.

use crate::db::WriteTx;
use shared::fulfilment::picking::zone_of;

/// The bin code of the `n`-th shelf position of a warehouse: four zones of five aisles of
/// three shelves of four bins.
pub fn code(n: usize) -> String {
    let zone = ["A", "B", "C", "D"][(n / 60) % 4];
    format!(
        "{zone}-{:02}-{:02}-{:02}",
        (n / 12) % 5 + 1,
        (n / 4) % 3 + 1,
        n % 4 + 1
    )
}

pub async fn assign(tx: &mut WriteTx) -> anyhow::Result<()> {
    let levels: Vec<(i64, i64)> = sqlx::query_as(
        "SELECT warehouse_id, variant_id FROM stock_levels WHERE bin_id IS NULL ORDER BY warehouse_id, variant_id",
    )
    .fetch_all(&mut **tx)
    .await?;
    let mut at = (0_i64, 0_usize);
    for (warehouse, variant) in levels {
        if at.0 != warehouse {
            let used: i64 =
                sqlx::query_scalar("SELECT COUNT(*) FROM warehouse_bins WHERE warehouse_id = $1")
                    .bind(warehouse)
                    .fetch_one(&mut **tx)
                    .await?;
            at = (warehouse, usize::try_from(used).unwrap_or(0));
        }
        let bin = code(at.1);
        at.1 += 1;
        let id: i64 = sqlx::query_scalar(
            "INSERT INTO warehouse_bins (warehouse_id, code, zone) VALUES ($1, $2, $3) \
             ON CONFLICT (warehouse_id, code) DO UPDATE SET zone = excluded.zone RETURNING id",
        )
        .bind(warehouse)
        .bind(&bin)
        .bind(zone_of(&bin))
        .fetch_one(&mut **tx)
        .await?;
        sqlx::query(
            "UPDATE stock_levels SET bin_id = $1 WHERE warehouse_id = $2 AND variant_id = $3",
        )
        .bind(id)
        .bind(warehouse)
        .bind(variant)
        .execute(&mut **tx)
        .await?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    #[test]
    fn bin_codes_walk_zone_aisle_shelf_bin() {
        assert_eq!(super::code(0), "A-01-01-01");
        assert_eq!(super::code(5), "A-01-02-02");
        assert_eq!(super::code(61), "B-01-01-02");
        assert!(shared::fulfilment::picking::parse_bin_code(&super::code(239)).is_some());
    }
}
