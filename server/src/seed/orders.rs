//! Today's demo orders, placed through the shop's own checkout (stock reserved, ledger rows
//! written): a few paid bank transfers and cash-on-delivery orders from around the country,
//! waiting to be allocated, picked, packed and shipped, and one transfer still awaited. Only
//! `storekeep serve` places them, once; tests start from an empty order book.

use crate::db::now_millis;
use crate::db::status::{self, Move};
use crate::state::AppState;
use crate::workflows::place_order::place_order;
use shared::checkout::{Address, OrderLineRequest, PaymentMethod, PlaceOrder};
use shared::ids::VariantId;
use shared::orders::OrderStatus;
use shared::pricing::Quantity;

const DONE_KEY: &str = "demo_orders_version";

/// Recipient, phone, district, street, payment method, how many variants.
const BUYERS: [(&str, &str, &str, &str, PaymentMethod, usize); 8] = [
    (
        "王芳",
        "13800138001",
        "310115",
        "世纪大道 100 号 2 号楼 1201 室",
        PaymentMethod::BankTransfer,
        2,
    ),
    (
        "李娜",
        "13900139002",
        "440106",
        "天河路 385 号 18 楼",
        PaymentMethod::BankTransfer,
        1,
    ),
    (
        "张伟",
        "13700137003",
        "110105",
        "建国路 93 号院 7 号楼 502",
        PaymentMethod::CashOnDelivery,
        3,
    ),
    (
        "刘洋",
        "13600136004",
        "510104",
        "春熙路 8 号 3 单元 301",
        PaymentMethod::BankTransfer,
        2,
    ),
    (
        "陈静",
        "13500135005",
        "330106",
        "文三路 259 号 A 座 904",
        PaymentMethod::BankTransfer,
        1,
    ),
    (
        "杨磊",
        "13400134006",
        "420106",
        "中南路 99 号 11 楼",
        PaymentMethod::CashOnDelivery,
        2,
    ),
    (
        "赵敏",
        "13300133007",
        "310104",
        "漕溪北路 88 号 1603 室",
        PaymentMethod::BankTransfer,
        4,
    ),
    (
        "黄强",
        "13200132008",
        "440305",
        "科技园南区 12 栋 6 楼",
        PaymentMethod::BankTransfer,
        1,
    ),
];

pub async fn place_demo_orders(state: &AppState) -> anyhow::Result<()> {
    let done: Option<String> = sqlx::query_scalar("SELECT value FROM app_settings WHERE key = $1")
        .bind(DONE_KEY)
        .fetch_optional(&state.db.pool)
        .await?;
    if done.is_some() {
        return Ok(());
    }
    // the best-stocked variants of active products
    let variants: Vec<i64> = sqlx::query_scalar(
        "SELECT v.id FROM product_variants v JOIN products p ON p.id = v.product_id \
         JOIN stock_levels s ON s.variant_id = v.id WHERE p.status = 'active' \
         GROUP BY v.id ORDER BY SUM(s.on_hand - s.reserved) DESC, v.id LIMIT 16",
    )
    .fetch_all(&state.db.pool)
    .await?;
    if variants.len() < 4 {
        return Ok(());
    }
    let mut next = 0;
    for (n, (recipient, phone, district, street, method, lines)) in BUYERS.into_iter().enumerate() {
        // one or two of each
        let lines = (0..lines)
            .map(|i| {
                let v = variants[(next + i) % variants.len()];
                let units = if (n + i) % 2 == 0 { 1 } else { 2 };
                Ok(OrderLineRequest {
                    variant_id: VariantId(v),
                    quantity: Quantity::new(units)?,
                })
            })
            .collect::<Result<Vec<_>, shared::pricing::QuantityError>>()
            .map_err(|e| anyhow::anyhow!("{e}"))?;
        next += 3;
        let req = PlaceOrder {
            lines,
            email: format!("buyer{}@example.cn", n + 1),
            address: Address::China {
                recipient: recipient.into(),
                phone: phone.into(),
                division_code: district.into(),
                detail: street.into(),
            },
            shipping_method: "standard".into(),
            payment_method: method,
            coupon_code: None,
            save_address: false,
        };
        let answer = place_order(
            &state.db,
            &state.catalog,
            &state.config,
            None,
            &format!("demo-order-{n}"),
            &req,
        )
        .await;
        let number = match answer {
            Ok(a) if a.status == 201 => serde_json::from_str::<serde_json::Value>(&a.body)?
                ["number"]
                .as_str()
                .unwrap_or_default()
                .to_string(),
            Ok(_) | Err(_) => continue,
        };
        // all transfers but the last have arrived
        if method == PaymentMethod::BankTransfer && n + 1 < BUYERS.len() {
            let mut tx = state.db.begin_write().await?;
            let id: i64 = sqlx::query_scalar("SELECT id FROM orders WHERE number = $1")
                .bind(&number)
                .fetch_one(&mut *tx)
                .await?;
            let step = Move {
                to: OrderStatus::Paid,
                only_from: &[OrderStatus::PendingPayment],
                actor: "system",
                reason: &shared::orders::note::Note::TransferReceived.stored(),
                at: now_millis(),
            };
            if status::change(&mut tx, id, step).await.is_ok() {
                tx.commit().await?;
            }
        }
    }
    sqlx::query(
        "INSERT INTO app_settings (key, value) VALUES ($1, '1') ON CONFLICT (key) DO NOTHING",
    )
    .bind(DONE_KEY)
    .execute(&state.db.pool)
    .await?;
    state.db.commits.note();
    tracing::info!("demo orders placed");
    Ok(())
}
