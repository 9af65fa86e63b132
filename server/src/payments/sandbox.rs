//! The sandbox card gateway, served by this binary as if it were someone else's: its own
//! page where the shopper approves or declines, its own records, and a webhook signed with
//! HMAC-SHA256 sent to the shop's API (handed to the API router in-process; a real gateway
//! would POST it over the internet, and the shop checks it exactly the same way).

use crate::auth::tokens::new_token;
use crate::db::{now_millis, payments as repo};
use crate::error::{AppError, AppResult};
use crate::payments::signature;
use crate::state::AppState;
use axum::body::Body;
use axum::extract::{Path, State};
use axum::http::{Request, StatusCode};
use axum::response::Html;
use axum::routing::{get, post};
use axum::Router;
use shared::money::{Currency, Money};
use tower::ServiceExt;

pub const WEBHOOK_PATH: &str = "/api/v1/payments/sandbox/webhook";
pub const SIGNATURE_HEADER: &str = "sandbox-signature";

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/sandbox-pay/{session}", get(page))
        .route("/sandbox-pay/{session}/approve", post(approve))
        .route("/sandbox-pay/{session}/decline", post(decline))
}

/// Opens a gateway session for an order; returns the page the shopper is sent to.
pub async fn open_session(
    state: &AppState,
    order_number: &str,
    amount: i64,
    currency: &str,
    return_url: &str,
) -> AppResult<String> {
    let id = format!("sbx_{}", new_token());
    let mut conn = state.db.pool.acquire().await?;
    repo::open_sandbox_session(&mut conn, &id, order_number, amount, currency, return_url).await?;
    Ok(id)
}

fn shell(state: &AppState, body: &str) -> Html<String> {
    Html(format!(
        "<!DOCTYPE html><html lang=\"zh-CN\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\
         <title>沙箱支付 · Sandbox Pay</title><link rel=\"stylesheet\" href=\"{css}\"></head>\
         <body><main class=\"container\"><section class=\"auth-card\" data-testid=\"sandbox\">\
         <p class=\"muted small\">沙箱支付网关 · Sandbox payment gateway — 不会真实扣款 / no real money moves</p>{body}</section></main></body></html>",
        css = state.assets.shop_css
    ))
}

async fn page(
    State(state): State<AppState>,
    Path(session): Path<String>,
) -> AppResult<Html<String>> {
    let mut conn = state.db.pool.acquire().await?;
    let Some((number, amount, currency, status, return_url)) =
        repo::sandbox_session(&mut conn, &session).await?
    else {
        return Err(AppError::NotFound("payment session"));
    };
    let money = Money::new(amount, Currency::parse(&currency).unwrap_or_default());
    if status != "open" {
        return Ok(shell(
            &state,
            &format!("<h1>{}</h1>{}", outcome(&status), back_link(&return_url)),
        ));
    }
    Ok(shell(&state, &format!(
        "<h1>Storekeep 良仓</h1><p>订单 Order <strong>{number}</strong></p><p class=\"price price--big\"><span class=\"price__now\" data-testid=\"amount\">{money}</span></p>\
         <form method=\"post\" action=\"/sandbox-pay/{session}/approve\"><button class=\"button button--wide\" data-testid=\"approve\">确认支付 · Approve</button></form>\
         <form method=\"post\" action=\"/sandbox-pay/{session}/decline\" style=\"margin-top:10px\"><button class=\"button button--ghost button--wide\" data-testid=\"decline\">拒绝 · Decline</button></form>"
    )))
}

/// The merchant's return address, as the gateway's "back" button.
fn back_link(url: &str) -> String {
    let url = crate::text::escape_html(url);
    format!("<p><a class=\"button\" href=\"{url}\" data-testid=\"return\">返回商店 · Back to the shop</a></p>")
}

fn outcome(state: &str) -> &'static str {
    if state == "approved" {
        "支付成功 · Payment approved"
    } else {
        "支付已拒绝 · Payment declined"
    }
}

async fn approve(state: State<AppState>, session: Path<String>) -> AppResult<Html<String>> {
    decide(state, session, true).await
}

async fn decline(state: State<AppState>, session: Path<String>) -> AppResult<Html<String>> {
    decide(state, session, false).await
}

/// The shopper's decision: close the session, tell the shop by signed webhook, show the result.
async fn decide(
    State(state): State<AppState>,
    Path(session): Path<String>,
    approved: bool,
) -> AppResult<Html<String>> {
    let mut conn = state.db.pool.acquire().await?;
    let Some((number, amount, currency, _, return_url)) =
        repo::sandbox_session(&mut conn, &session).await?
    else {
        return Err(AppError::NotFound("payment session"));
    };
    if repo::close_sandbox_session(&mut conn, &session, approved).await? {
        drop(conn);
        let event = serde_json::json!({
            "id": format!("evt_{}", new_token()),
            "type": if approved { "payment.succeeded" } else { "payment.declined" },
            "session": session,
            "order_number": number,
            "amount": amount,
            "currency": currency,
        })
        .to_string();
        let status = deliver_webhook(&state, &event).await;
        if status != StatusCode::OK {
            tracing::warn!(%status, "the shop refused a sandbox webhook");
        }
    }
    let state_now = if approved { "approved" } else { "declined" };
    Ok(shell(
        &state,
        &format!(
            "<h1 data-testid=\"outcome\">{}</h1><p>订单 Order {number}</p>{}",
            outcome(state_now),
            back_link(&return_url)
        ),
    ))
}

/// A refund the shop asks for: the sandbox gateway returns the money to the card at once and
/// tells the shop by signed webhook, like a payment.
pub async fn refund(
    state: &AppState,
    reference: &str,
    order_number: &str,
    amount: i64,
    currency: &str,
) {
    let event = serde_json::json!({
        "id": format!("evt_{}", new_token()),
        "type": "refund.succeeded",
        "session": reference,
        "order_number": order_number,
        "amount": amount,
        "currency": currency,
    })
    .to_string();
    let status = deliver_webhook(state, &event).await;
    if status != StatusCode::OK {
        tracing::warn!(%status, "the shop refused a sandbox refund webhook");
    }
}

/// Signs and sends an event to the shop's webhook endpoint; returns the shop's answer.
pub async fn deliver_webhook(state: &AppState, event: &str) -> StatusCode {
    let header = signature::sign(
        &state.config.sandbox_pay_secret,
        now_millis() / 1000,
        event.as_bytes(),
    );
    let Ok(req) = Request::post(WEBHOOK_PATH)
        .header("content-type", "application/json")
        .header(SIGNATURE_HEADER, header)
        .body(Body::from(event.to_string()))
    else {
        return StatusCode::INTERNAL_SERVER_ERROR;
    };
    let Ok(res) = crate::api::router(state.clone()).oneshot(req).await;
    res.status()
}
