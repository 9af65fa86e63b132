//! Card payments: start one for an order, and receive the gateway's signed webhook.

use crate::api::{ApiJson, ApiPath};
use crate::auth::session::OptionalUser;
use crate::db::status::{self, Move, Refused};
use crate::db::{now_millis, payments as repo};
use crate::error::{AppError, AppResult};
use crate::openapi::PAYMENTS;
use crate::payments::sandbox::{self, SIGNATURE_HEADER};
use crate::state::AppState;
use axum::body::Bytes;
use axum::extract::State;
use axum::http::HeaderMap;
use axum::Json;
use serde::Deserialize;
use shared::orders::note::Note;
use shared::orders::OrderStatus;
use shared::ApiError;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

/// Nested under `/api/v1/store`.
pub fn store_routes() -> OpenApiRouter<AppState> {
    OpenApiRouter::new().routes(routes!(start))
}

/// Nested under `/api/v1/payments`.
pub fn routes() -> OpenApiRouter<AppState> {
    OpenApiRouter::new().routes(routes!(webhook))
}

#[derive(Deserialize, Default, utoipa::ToSchema)]
struct StartPayment {
    /// The order's access token (from placing it); not needed by its signed-in owner.
    #[serde(default)]
    access_token: String,
}

/// Where to send the shopper to pay (documentation of `start`'s answer).
#[derive(utoipa::ToSchema)]
#[allow(dead_code)]
struct PaymentRedirect {
    /// The gateway's payment page.
    redirect_url: String,
}

/// Open a payment session at the card gateway for an unpaid card order.
///
/// Opens a gateway session for an unpaid card order and answers where to send the shopper.
/// Only the buyer may: the signed-in owner, or whoever sends the order's access token. An
/// order someone else placed is "not found", whether it exists or not.
#[utoipa::path(post, path = "/orders/{number}/payments", tag = PAYMENTS, operation_id = "startCardPayment",
    params(("number" = String, Path, description = "The order number", max_length = 20)),
    request_body = StartPayment,
    security(("csrf" = [])),
    responses(
        (status = 200, description = "Go to redirect_url", body = PaymentRedirect),
        (status = 404, description = "No unpaid card order of yours has this number", body = ApiError)))]
async fn start(
    State(state): State<AppState>,
    OptionalUser(user): OptionalUser,
    ApiPath(number): ApiPath<String>,
    ApiJson(req): ApiJson<StartPayment>,
) -> AppResult<Json<serde_json::Value>> {
    let number = shared::orders::OrderNumber::parse(&number).ok_or(AppError::NotFound("order"))?;
    let mut conn = state.db.pool.acquire().await?;
    let token_hash = crate::auth::tokens::hash_token(req.access_token.trim());
    let owner = user.map(|u| u.id.0);
    let Some((order, amount, currency)) =
        repo::payable_order(&mut conn, number.as_str(), owner, &token_hash).await?
    else {
        return Err(AppError::NotFound("unpaid card order"));
    };
    // the gateway sends the shopper back to the order page, which the token opens
    let token = req.access_token.trim();
    let return_url = if token.is_empty() {
        format!("/orders/{number}")
    } else {
        format!(
            "/orders/{number}?token={}",
            shared::url::encode_component(token)
        )
    };
    let session =
        sandbox::open_session(&state, number.as_str(), amount, &currency, &return_url).await?;
    repo::insert_payment(&mut conn, order, &session, amount, &currency).await?;
    Ok(Json(
        serde_json::json!({ "redirect_url": format!("/sandbox-pay/{session}") }),
    ))
}

/// A payment event of the sandbox gateway.
#[derive(Deserialize, utoipa::ToSchema)]
#[schema(as = SandboxEvent)]
struct Event {
    /// The event's id: an id seen before is not processed again.
    id: String,
    /// `payment.succeeded`, `payment.declined`, `refund.succeeded` or `refund.failed`;
    /// other types are ignored.
    #[serde(rename = "type")]
    kind: String,
    /// The payment session (from `startCardPayment`); for refund events the refund's
    /// reference.
    session: String,
    /// The amount paid, in minor units: must be the payment's.
    amount: i64,
    /// Must be the payment's.
    currency: String,
}

/// The sandbox gateway's payment events.
///
/// The gateway's word on a payment. Authenticated by its signature (not a session or CSRF
/// token); replays are refused by timestamp (more than 5 minutes off) and made harmless by
/// event id.
#[utoipa::path(post, path = "/sandbox/webhook", tag = PAYMENTS, operation_id = "sandboxWebhook",
    params(("Sandbox-Signature" = String, Header,
        description = "`t=<unix seconds>,v1=<hex HMAC-SHA256 of \"<t>.<body>\">`")),
    request_body = Event,
    responses(
        (status = 200, description = "Processed, already processed, ignored (another event type), no pending payment or refund: the body says which",
            body = String, content_type = "text/plain"),
        (status = 401, description = "The signature is missing, malformed or wrong", body = ApiError)))]
async fn webhook(
    State(state): State<AppState>,
    headers: HeaderMap,
    body: Bytes,
) -> AppResult<&'static str> {
    let event: Event = super::signed_event(
        &state.config.sandbox_pay_secret,
        &headers,
        SIGNATURE_HEADER,
        &body,
        "a payment event",
    )?;
    let (succeeded, refund) = match event.kind.as_str() {
        "payment.succeeded" => (true, false),
        "payment.declined" => (false, false),
        "refund.succeeded" => (true, true),
        "refund.failed" => (false, true),
        _ => return Ok("ignored"),
    };
    let mut tx = state.db.begin_write().await?;
    if !repo::first_sight_of_event(&mut tx, "sandbox", &event.id).await? {
        tx.rollback().await?;
        return Ok("already processed");
    }
    if refund {
        let answer = crate::workflows::refund::settle(
            &mut tx,
            &event.session,
            event.amount,
            &event.currency,
            succeeded,
        )
        .await?;
        tx.commit().await?;
        return Ok(answer);
    }
    let Some((payment, order, amount, currency)) =
        repo::pending_payment(&mut tx, &event.session).await?
    else {
        tx.commit().await?;
        return Ok("no pending payment");
    };
    if amount != event.amount || currency != event.currency {
        return Err(AppError::InvalidInput {
            field: None,
            message: "The amount does not match the payment".into(),
        });
    }
    repo::settle_payment(&mut tx, payment, succeeded).await?;
    if succeeded {
        let now = now_millis();
        let step = Move {
            to: OrderStatus::Paid,
            only_from: &[],
            actor: "payment:sandbox",
            reason: &Note::CardPaid.stored(),
            at: now,
        };
        match status::change(&mut tx, order, step).await {
            Ok(_) => {}
            // paid after the order was cancelled, or paid twice: the money must go back
            Err(Refused::Illegal { from, .. }) => {
                let note = if from == OrderStatus::Cancelled {
                    Note::PaidAfterCancel
                } else {
                    Note::PaidTwice
                }
                .stored();
                status::record(
                    &mut tx,
                    order,
                    Some(from),
                    from,
                    "payment:sandbox",
                    &note,
                    now,
                )
                .await?;
            }
            Err(refused) => return Err(refused.into()),
        }
    }
    tx.commit().await?;
    Ok("ok")
}
