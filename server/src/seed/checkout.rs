//! Demo delivery methods and coupons.

use crate::db::WriteTx;

/// Shanghai, Jiangsu, Zhejiang, Anhui: the zone nearest the Shanghai warehouse.
const NEAR: &str = "31,32,33,34";
/// 2026-01-01 and 2028-01-01 (UTC), in milliseconds.
const FROM: i64 = 1_767_225_600_000;
const UNTIL: i64 = 1_830_297_600_000;

type Rate = (&'static str, &'static str, i64, i64, Option<i64>);

const METHODS: [(&str, &str, &str, [Rate; 3]); 2] = [
    (
        "standard",
        "标准快递",
        "Standard delivery",
        [
            ("provinces", NEAR, 800, 200, Some(9_900)),
            ("rest_of_china", "", 1_200, 500, Some(19_900)),
            ("international", "", 15_000, 6_000, None),
        ],
    ),
    (
        "express",
        "顺丰次日达",
        "SF Express next day",
        [
            ("provinces", NEAR, 1_800, 600, Some(49_900)),
            ("rest_of_china", "", 2_500, 1_000, Some(49_900)),
            ("international", "", 30_000, 8_000, None),
        ],
    ),
];

struct DemoCoupon {
    code: &'static str,
    kind: &'static str,
    basis_points: Option<i64>,
    amount: Option<i64>,
    threshold: Option<i64>,
    max_off: Option<i64>,
    repeat: bool,
    min_spend: Option<i64>,
    per_customer: Option<i64>,
}

const NONE: DemoCoupon = DemoCoupon {
    code: "",
    kind: "",
    basis_points: None,
    amount: None,
    threshold: None,
    max_off: None,
    repeat: false,
    min_spend: None,
    per_customer: None,
};

const COUPONS: [DemoCoupon; 3] = [
    // 10 % off your first order, at most ¥50
    DemoCoupon {
        code: "WELCOME10",
        kind: "percentage",
        basis_points: Some(1_000),
        max_off: Some(5_000),
        per_customer: Some(1),
        ..NONE
    },
    // ¥30 off from ¥199
    DemoCoupon {
        code: "SAVE30",
        kind: "fixed",
        amount: Some(3_000),
        min_spend: Some(19_900),
        ..NONE
    },
    // 每满 ¥300 减 ¥50
    DemoCoupon {
        code: "MJ300-50",
        kind: "spend_and_save",
        amount: Some(5_000),
        threshold: Some(30_000),
        repeat: true,
        ..NONE
    },
];

pub async fn seed_checkout(tx: &mut WriteTx) -> anyhow::Result<()> {
    for (position, (code, zh, en, rates)) in METHODS.iter().enumerate() {
        sqlx::query(
            "INSERT INTO shipping_methods (code, name_zh, name_en, position) VALUES ($1, $2, $3, $4) \
             ON CONFLICT (code) DO NOTHING",
        )
        .bind(*code)
        .bind(*zh)
        .bind(*en)
        .bind(i64::try_from(position).unwrap_or(0))
        .execute(&mut **tx)
        .await?;
        let id: i64 = sqlx::query_scalar("SELECT id FROM shipping_methods WHERE code = $1")
            .bind(*code)
            .fetch_one(&mut **tx)
            .await?;
        for (i, (kind, provinces, first, extra, free)) in rates.iter().enumerate() {
            sqlx::query(
                "INSERT INTO shipping_rates (method_id, position, zone_kind, province_codes, first_kg, extra_kg, free_over) \
                 VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT (method_id, position) DO NOTHING",
            )
            .bind(id)
            .bind(i64::try_from(i).unwrap_or(0))
            .bind(*kind)
            .bind(*provinces)
            .bind(*first)
            .bind(*extra)
            .bind(*free)
            .execute(&mut **tx)
            .await?;
        }
    }
    for c in COUPONS {
        sqlx::query(
            "INSERT INTO coupons (code, kind, basis_points, amount, threshold, max_off, repeat_each, starts_at, ends_at, \
             min_spend, usage_limit_per_customer) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11) \
             ON CONFLICT (code) DO NOTHING",
        )
        .bind(c.code)
        .bind(c.kind)
        .bind(c.basis_points)
        .bind(c.amount)
        .bind(c.threshold)
        .bind(c.max_off)
        .bind(i64::from(c.repeat))
        .bind(FROM)
        .bind(UNTIL)
        .bind(c.min_spend)
        .bind(c.per_customer)
        .execute(&mut **tx)
        .await?;
    }
    Ok(())
}
