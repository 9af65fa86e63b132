//! Carriers' delivery events: a carrier's system tells the shop a parcel was delivered (or
//! is on its way, or could not be delivered) by a webhook signed like the card gateway's
//! (`Carrier-Signature: t=…,v1=…`, HMAC-SHA256 with the shop's carrier secret). A delivered
//! parcel's shipment becomes delivered, and its order once all its parcels are.

use crate::db::{now_millis, payments};
use crate::error::AppResult;
use crate::openapi::CARRIERS;
use crate::state::AppState;
use crate::workflows::shipping;
use axum::body::Bytes;
use axum::extract::State;
use axum::http::HeaderMap;
use serde::Deserialize;
use shared::fulfilment::{Carrier, ShipmentStatus};
use shared::orders::note::Note;
use shared::ApiError;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

pub const SIGNATURE_HEADER: &str = "carrier-signature";

/// Nested under `/api/v1/carriers`.
pub fn routes() -> OpenApiRouter<AppState> {
    OpenApiRouter::new().routes(routes!(webhook))
}

/// What happened to a parcel.
#[derive(Debug, Clone, Copy, Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "snake_case")]
enum Happened {
    /// 已签收
    Delivered,
    /// 运输中
    InTransit,
    /// 派送失败
    Failed,
}

/// A carrier's event about a parcel.
#[derive(Deserialize, utoipa::ToSchema)]
#[schema(as = CarrierEvent)]
struct Event {
    /// The event's id: an id seen before is not processed again.
    #[schema(max_length = 100)]
    id: String,
    carrier: Carrier,
    #[schema(max_length = 40)]
    tracking_number: String,
    event: Happened,
    /// Who signed for it, or why it failed.
    #[serde(default)]
    #[schema(max_length = 200)]
    detail: String,
}

/// A carrier's signed event about a parcel (delivered, in transit, failed).
#[utoipa::path(post, path = "/webhook", tag = CARRIERS, operation_id = "carrierWebhook",
    params(("Carrier-Signature" = String, Header,
        description = "`t=<unix seconds>,v1=<hex HMAC-SHA256 of \"<t>.<body>\">`")),
    request_body = Event,
    responses(
        (status = 200, description = "Processed, already processed, or no such parcel: the body says which",
            body = String, content_type = "text/plain"),
        (status = 401, description = "The signature is missing, malformed or wrong", body = ApiError)))]
async fn webhook(
    State(state): State<AppState>,
    headers: HeaderMap,
    body: Bytes,
) -> AppResult<&'static str> {
    let event: Event = super::signed_event(
        &state.config.carrier_webhook_secret,
        &headers,
        SIGNATURE_HEADER,
        &body,
        "a carrier event",
    )?;
    let provider = format!("carrier:{}", event.carrier.as_str());
    let mut tx = state.db.begin_write().await?;
    if !payments::first_sight_of_event(&mut tx, &provider, &event.id).await? {
        tx.rollback().await?;
        return Ok("already processed");
    }
    let found: Option<(i64, String)> = sqlx::query_as(
        "SELECT id, status FROM shipments WHERE carrier = $1 AND tracking_number = $2",
    )
    .bind(event.carrier.as_str())
    .bind(event.tracking_number.trim().to_ascii_uppercase())
    .fetch_optional(&mut *tx)
    .await?;
    let Some((shipment, status)) = found else {
        tx.commit().await?;
        return Ok("no such parcel");
    };
    let detail: String = event.detail.chars().take(200).collect();
    let at = now_millis();
    let answer = match event.event {
        Happened::Delivered if ShipmentStatus::parse(&status) == Some(ShipmentStatus::Shipped) => {
            let note = Note::Delivered {
                shipment,
                signed_by: detail,
                own_fleet: false,
            }
            .stored();
            shipping::deliver_in(&mut tx, shipment, &provider, &note, at).await?;
            "ok"
        }
        Happened::Delivered => "not on its way",
        Happened::InTransit | Happened::Failed => {
            let current = ShipmentStatus::parse(&status).unwrap_or(ShipmentStatus::Shipped);
            let note = if matches!(event.event, Happened::Failed) {
                Note::DeliveryFailed {
                    shipment,
                    reason: detail,
                }
            } else {
                Note::InTransit { shipment, detail }
            }
            .stored();
            crate::db::status::record(
                &mut tx,
                shipment,
                Some(current),
                current,
                &provider,
                &note,
                at,
            )
            .await?;
            "ok"
        }
    };
    tx.commit().await?;
    Ok(answer)
}
