//! The customer portal (`/account/profile`): details and notification preferences, a new
//! e-mail address confirmed by a link to it, a new password, the download of everything the
//! shop holds about the customer, and deleting the account. For customers only: staff
//! accounts answer 403 (the back office manages them).

use crate::api::ApiJson;
use crate::auth::session::{self, CurrentUser};
use crate::auth::tokens::hash_token;
use crate::error::AppResult;
use crate::openapi::ACCOUNT;
use crate::state::AppState;
use crate::workflows::privacy;
use crate::workflows::profile::{self as flows, customer};
use axum::extract::State;
use axum::http::{header, HeaderMap, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::Json;
use shared::customers::profile::{
    AccountDeletion, AccountExport, EmailChangeConfirm, EmailChangeRequest, NotificationPrefs,
    PasswordChange, Profile, ProfileUpdate,
};
use shared::ApiError;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

pub fn routes() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(my_profile, update_profile))
        .routes(routes!(my_notifications, set_notifications))
        .routes(routes!(request_email_change))
        .routes(routes!(confirm_email_change))
        .routes(routes!(change_password))
        .routes(routes!(export_my_data))
        .routes(routes!(delete_account))
}

/// The signed-in customer's details: e-mail (and a new one waiting for its link), name,
/// mobile and notification preferences.
#[utoipa::path(get, path = "/account/profile", tag = ACCOUNT, operation_id = "getMyProfile",
    security(("session" = [])),
    responses(
        (status = 200, description = "The customer's details", body = Profile)))]
async fn my_profile(
    State(state): State<AppState>,
    CurrentUser(me): CurrentUser,
) -> AppResult<Json<Profile>> {
    let me = customer(me)?;
    Ok(Json(flows::load(&state.db, me.id.0).await?))
}

/// Change the name and the mobile number (empty removes it). A refusal writes nothing.
#[utoipa::path(put, path = "/account/profile", tag = ACCOUNT, operation_id = "updateMyProfile",
    request_body = ProfileUpdate,
    security(("session" = [], "csrf" = [])),
    responses(
        (status = 200, description = "Saved: the customer's details", body = Profile),
        (status = 422, description = "problem name_missing or invalid_mobile (not an 11-digit mainland mobile number)", body = ApiError)))]
async fn update_profile(
    State(state): State<AppState>,
    CurrentUser(me): CurrentUser,
    ApiJson(req): ApiJson<ProfileUpdate>,
) -> AppResult<Json<Profile>> {
    let me = customer(me)?;
    Ok(Json(flows::update(&state.db, me.id.0, &req).await?))
}

/// Which optional messages the customer wants (order confirmations and security notices
/// always go).
#[utoipa::path(get, path = "/account/notifications", tag = ACCOUNT, operation_id = "getMyNotifications",
    security(("session" = [])),
    responses(
        (status = 200, description = "The customer's notification preferences", body = NotificationPrefs)))]
async fn my_notifications(
    State(state): State<AppState>,
    CurrentUser(me): CurrentUser,
) -> AppResult<Json<NotificationPrefs>> {
    let me = customer(me)?;
    Ok(Json(flows::load(&state.db, me.id.0).await?.notifications))
}

/// Choose the optional messages: order updates (shipped, returns) and marketing e-mails.
#[utoipa::path(put, path = "/account/notifications", tag = ACCOUNT, operation_id = "setMyNotifications",
    request_body = NotificationPrefs,
    security(("session" = [], "csrf" = [])),
    responses(
        (status = 200, description = "Saved: the notification preferences", body = NotificationPrefs)))]
async fn set_notifications(
    State(state): State<AppState>,
    CurrentUser(me): CurrentUser,
    ApiJson(prefs): ApiJson<NotificationPrefs>,
) -> AppResult<Json<NotificationPrefs>> {
    let me = customer(me)?;
    let profile = flows::set_notifications(&state.db, me.id.0, prefs).await?;
    Ok(Json(profile.notifications))
}

/// Sign in with another e-mail address: with the current password, a link goes to the new
/// address, valid for 24 hours; the address changes only when it is opened
/// (`confirmEmailChange`), and the old one is told then.
#[utoipa::path(post, path = "/account/email", tag = ACCOUNT, operation_id = "requestEmailChange",
    request_body = EmailChangeRequest,
    security(("session" = [], "csrf" = [])),
    responses(
        (status = 202, description = "The link is on its way: the details with the address waiting for it", body = Profile),
        (status = 409, description = "problem email_taken (another account signs in with it)", body = ApiError),
        (status = 422, description = "problem invalid_email, email_unchanged or wrong_password", body = ApiError),
        (status = 429, description = "Ten wrong passwords in fifteen minutes, or three links for this account or this address in an hour; see Retry-After", body = ApiError,
            headers(("Retry-After" = u64, description = "Seconds to wait")))))]
async fn request_email_change(
    State(state): State<AppState>,
    CurrentUser(me): CurrentUser,
    ApiJson(req): ApiJson<EmailChangeRequest>,
) -> AppResult<(StatusCode, Json<Profile>)> {
    let me = customer(me)?;
    let profile = flows::request_email_change(&state, &me, &req).await?;
    Ok((StatusCode::ACCEPTED, Json(profile)))
}

/// Open the link sent to the new address (its token): from now on the account signs in
/// with it. Works once, within 24 hours, signed in or not.
#[utoipa::path(post, path = "/account/email/confirm", tag = ACCOUNT, operation_id = "confirmEmailChange",
    request_body = EmailChangeConfirm,
    security(("csrf" = [])),
    responses(
        (status = 204, description = "The e-mail address is changed"),
        (status = 409, description = "problem email_taken (another account took the address meanwhile)", body = ApiError),
        (status = 422, description = "problem email_link_invalid (unknown, used, or older than a day)", body = ApiError)))]
async fn confirm_email_change(
    State(state): State<AppState>,
    ApiJson(req): ApiJson<EmailChangeConfirm>,
) -> AppResult<StatusCode> {
    flows::confirm_email_change(&state.db, &req.token).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// Choose a new password with the current one (registration's rules): every other session
/// of the account ends, this one stays.
#[utoipa::path(post, path = "/account/password", tag = ACCOUNT, operation_id = "changeMyPassword",
    request_body = PasswordChange,
    security(("session" = [], "csrf" = [])),
    responses(
        (status = 204, description = "Changed; other sessions signed out"),
        (status = 422, description = "problem wrong_password, password_too_short, password_too_long, password_too_common or password_unchanged", body = ApiError),
        (status = 429, description = "Ten wrong passwords in fifteen minutes; see Retry-After", body = ApiError,
            headers(("Retry-After" = u64, description = "Seconds to wait")))))]
async fn change_password(
    State(state): State<AppState>,
    CurrentUser(me): CurrentUser,
    headers: HeaderMap,
    ApiJson(req): ApiJson<PasswordChange>,
) -> AppResult<StatusCode> {
    let me = customer(me)?;
    let keep = session::cookie_value(&headers, session::COOKIE)
        .map(|token| hash_token(&token))
        .unwrap_or_default();
    flows::change_password(&state, &me, &keep, &req).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// Download everything the shop holds about the customer as one JSON document (a file:
/// `Content-Disposition: attachment`): details, saved addresses, orders with their lines,
/// returns, reviews, consultations with their messages, and the wishlist.
#[utoipa::path(get, path = "/account/export", tag = ACCOUNT, operation_id = "exportMyData",
    security(("session" = [])),
    responses(
        (status = 200, description = "The customer's data", body = AccountExport,
            headers(("Content-Disposition" = String, description = "attachment; filename=\"storekeep-account-<id>.json\"")))))]
async fn export_my_data(
    State(state): State<AppState>,
    CurrentUser(me): CurrentUser,
) -> AppResult<Response> {
    let me = customer(me)?;
    let export = privacy::export(&state.db, me.id.0).await?;
    let mut res = Json(export).into_response();
    let disposition = format!(
        "attachment; filename=\"storekeep-account-{}.json\"",
        me.id.0
    );
    if let Ok(v) = HeaderValue::from_str(&disposition) {
        res.headers_mut().insert(header::CONTENT_DISPOSITION, v);
    }
    res.headers_mut()
        .insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    Ok(res)
}

/// Delete the account, with the current password: the name, e-mail, mobile, password,
/// saved addresses, cart and wishlist go and every session ends; orders stay in the shop's
/// books (under the anonymised account) and reviews stay, shown with their masked name.
#[utoipa::path(post, path = "/account/delete", tag = ACCOUNT, operation_id = "deleteMyAccount",
    request_body = AccountDeletion,
    security(("session" = [], "csrf" = [])),
    responses(
        (status = 204, description = "Deleted and signed out (the session cookie is cleared)"),
        (status = 422, description = "problem wrong_password", body = ApiError),
        (status = 429, description = "Ten wrong passwords in fifteen minutes; see Retry-After", body = ApiError,
            headers(("Retry-After" = u64, description = "Seconds to wait")))))]
async fn delete_account(
    State(state): State<AppState>,
    CurrentUser(me): CurrentUser,
    headers: HeaderMap,
    ApiJson(req): ApiJson<AccountDeletion>,
) -> AppResult<Response> {
    let me = customer(me)?;
    privacy::delete(&state, &me, req.current_password).await?;
    let cookie = session::end(&state.db, &headers, state.secure_cookies()).await?;
    let mut res = StatusCode::NO_CONTENT.into_response();
    if let Ok(v) = cookie.parse() {
        res.headers_mut().append(header::SET_COOKIE, v);
    }
    Ok(res)
}
