//! The back office's calls for consultations (咨询): the queue, the badge's unread count,
//! the CSAT report, the service levels, one consultation and what staff do with it —
//! answer, assign, resolve, close.

use super::*;
use shared::service::consultations::{
    ConsultationQuery, ConsultationRow, ConsultationStatus, ConsultationView, CsatRow, NewMessage,
    ServiceLevels,
};

fn consultation_path(id: i64, step: &str) -> String {
    format!("/api/v1/admin/consultations/{id}{step}")
}

/// The queue: open ones first, oldest first, filtered by status, assignee (`me`,
/// `unassigned` or a staff id) and whether a service level is breached.
pub fn consultations(
    q: &ConsultationQuery,
) -> impl Future<Output = ApiResult<Paged<ConsultationRow>>> {
    let mut s = QueryString::default();
    push(&mut s, "status", q.status.map(ConsultationStatus::as_str));
    push(&mut s, "assignee", q.assignee.map(|a| a.to_string()));
    push(&mut s, "breached", q.breached);
    push(&mut s, "page", q.page);
    get(with_query("/api/v1/admin/consultations", s))
}

#[derive(Debug, Clone, Copy, serde::Deserialize)]
struct UnreadCount {
    count: i64,
}

/// How many open questions wait with words from the customer nobody read yet (the
/// navigation's badge). Asked in the background: polling does not keep an idle session
/// alive.
pub fn unread_consultations() -> impl Future<Output = ApiResult<i64>> {
    let call = ui::api::get_with::<UnreadCount>(
        "/api/v1/admin/consultations/unread".into(),
        vec![("X-Background-Request", "1".to_string())],
    );
    async move { watch(call.await).map(|u| u.count) }
}

/// Customer satisfaction per staff member and ISO week, newest week first.
pub fn consultation_csat() -> impl Future<Output = ApiResult<Vec<CsatRow>>> {
    get("/api/v1/admin/consultations/csat".into())
}

pub fn service_levels() -> impl Future<Output = ApiResult<ServiceLevels>> {
    get("/api/v1/admin/consultations/service-levels".into())
}

/// Sets the service levels (owners only).
pub fn set_service_levels(levels: ServiceLevels) -> impl Future<Output = ApiResult<ServiceLevels>> {
    send(
        Method::Put,
        "/api/v1/admin/consultations/service-levels".into(),
        json(&levels),
    )
}

/// One consultation with its thread; reading it marks the customer's words read.
pub fn consultation(id: i64) -> impl Future<Output = ApiResult<ConsultationView>> {
    get(consultation_path(id, ""))
}

/// Answers the customer.
pub fn answer_consultation(
    id: i64,
    body: &str,
) -> impl Future<Output = ApiResult<ConsultationView>> {
    send(
        Method::Post,
        consultation_path(id, "/messages"),
        json(&NewMessage {
            body: body.to_string(),
        }),
    )
}

/// Gives the consultation to staff member `staff`, or back to nobody.
pub fn assign_consultation(
    id: i64,
    staff: Option<i64>,
) -> impl Future<Output = ApiResult<ConsultationView>> {
    send(
        Method::Post,
        consultation_path(id, "/assign"),
        Some(serde_json::json!({ "staff": staff })),
    )
}

pub fn resolve_consultation(id: i64) -> impl Future<Output = ApiResult<ConsultationView>> {
    send(Method::Post, consultation_path(id, "/resolve"), None)
}

pub fn close_consultation(id: i64) -> impl Future<Output = ApiResult<ConsultationView>> {
    send(Method::Post, consultation_path(id, "/close"), None)
}
