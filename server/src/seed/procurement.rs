//! The demo shop's suppliers: one per kind of goods (two for bedding, a cheap slow one and
//! a dearer quick one), each selling its kind at what the shop paid for it, and a portal
//! account for the home-goods supplier's manager. Items sold out
//! across the warehouses then show in the purchase suggestions. Only written into a shop
//! that has no suppliers yet, so staff's own records are never touched.

use crate::db::WriteTx;

/// Code, name, contact, e-mail, phone, address, payment days, lead days.
type Supplier = (
    &'static str,
    &'static str,
    &'static str,
    &'static str,
    &'static str,
    &'static str,
    i64,
    i64,
);

const SUPPLIERS: [Supplier; 5] = [
    (
        "SUP-001",
        "杭州暖衣纺织有限公司",
        "王经理",
        "sales@nuanyi.example.cn",
        "0571-8765 4321",
        "浙江省杭州市萧山区纺织路 88 号",
        30,
        10,
    ),
    (
        "SUP-002",
        "温州步履鞋业有限公司",
        "陈小姐",
        "orders@bulv.example.cn",
        "0577-8866 1200",
        "浙江省温州市鹿城区鞋都大道 6 号",
        30,
        14,
    ),
    (
        "SUP-003",
        "深圳悦声电子有限公司",
        "李工",
        "b2b@yuesheng.example.cn",
        "0755-2345 6789",
        "广东省深圳市宝安区福海街道 18 号",
        45,
        7,
    ),
    (
        "SUP-004",
        "宁波家居用品有限公司",
        "赵经理",
        "trade@nbhome.example.cn",
        "0574-8712 3456",
        "浙江省宁波市鄞州区工业园 3 号",
        60,
        21,
    ),
    (
        "SUP-005",
        "南通快捷家纺有限公司",
        "孙小姐",
        "service@ntfast.example.cn",
        "0513-8555 0101",
        "江苏省南通市海门区家纺城 12 号",
        15,
        5,
    ),
];

/// Supplier, SKU prefix, price per cent of what the shop paid, minimum order, pack.
const OFFERS: [(&str, &str, i64, i64, i64); 9] = [
    ("SUP-001", "TS", 100, 20, 10),
    ("SUP-001", "JK", 100, 10, 5),
    ("SUP-002", "RS", 100, 12, 6),
    ("SUP-002", "SN", 100, 12, 6),
    ("SUP-003", "PH", 100, 5, 1),
    ("SUP-003", "HP", 100, 10, 5),
    ("SUP-004", "KT", 100, 24, 12),
    ("SUP-004", "BD", 100, 10, 2),
    ("SUP-005", "BD", 115, 4, 1),
];

pub async fn seed_procurement(
    tx: &mut WriteTx,
    now: i64,
    login: &super::DemoLogin,
    hash: &str,
) -> anyhow::Result<()> {
    let suppliers: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM suppliers")
        .fetch_one(&mut **tx)
        .await?;
    if suppliers > 0 {
        return Ok(());
    }
    for (code, name, contact, email, phone, address, pay, lead) in SUPPLIERS {
        sqlx::query(
            "INSERT INTO suppliers (code, name, contact_name, email, phone, address, payment_terms_days, lead_time_days, currency, active, created_at, updated_at) \
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, 'CNY', 1, $9, $9)",
        )
        .bind(code)
        .bind(name)
        .bind(contact)
        .bind(email)
        .bind(phone)
        .bind(address)
        .bind(pay)
        .bind(lead)
        .bind(now)
        .execute(&mut **tx)
        .await?;
    }
    for (code, prefix, percent, min_order, pack) in OFFERS {
        sqlx::query(
            "INSERT INTO supplier_offers (supplier_id, variant_id, unit_cost, min_order, pack) \
             SELECT s.id, v.id, COALESCE(v.cost, v.price / 2) * $3 / 100, $4, $5 \
             FROM suppliers s, product_variants v WHERE s.code = $1 AND v.sku LIKE $2 \
             AND COALESCE(v.cost, v.price / 2) * $3 / 100 > 0",
        )
        .bind(code)
        .bind(format!("{prefix}-%"))
        .bind(percent)
        .bind(min_order)
        .bind(pack)
        .execute(&mut **tx)
        .await?;
    }
    // the home-goods supplier's sales manager signs in to the portal
    sqlx::query(
        "INSERT INTO supplier_accounts (supplier_id, email, display_name, password_hash, active, created_at) \
         SELECT id, $1, '赵经理', $2, 1, $3 FROM suppliers WHERE code = 'SUP-004' ON CONFLICT (email) DO NOTHING",
    )
    .bind(login.email)
    .bind(hash)
    .bind(now)
    .execute(&mut **tx)
    .await?;
    Ok(())
}
