//! The back office's calls for repairs under warranty (维修): the queue, one repair, and its
//! steps — receive, start, send back, close, reject.

use super::*;
use shared::after_sales::repairs::{
    RepairDecision, RepairQuery, RepairRow, RepairStatus, RepairStep, RepairView,
};

fn repair_path(id: i64, step: &str) -> String {
    format!("/api/v1/admin/repairs/{id}{step}")
}

/// The repairs, newest first, only those in `q.status` when given.
pub fn repairs(q: &RepairQuery) -> impl Future<Output = ApiResult<Paged<RepairRow>>> {
    let mut s = QueryString::default();
    push(&mut s, "status", q.status.map(RepairStatus::as_str));
    push(&mut s, "page", q.page);
    get(with_query("/api/v1/admin/repairs", s))
}

pub fn repair(id: i64) -> impl Future<Output = ApiResult<RepairView>> {
    get(repair_path(id, ""))
}

/// Moves a repair on: `receive`, `start` or `close` with a note the customer reads (may be
/// empty), or `return` (the return parcel) and `reject` (the reason), whose note is needed.
pub fn repair_step(id: i64, step: &str, note: &str) -> impl Future<Output = ApiResult<RepairView>> {
    let body = match step {
        "return" | "reject" => json(&RepairDecision {
            note: note.to_string(),
        }),
        _ => json(&RepairStep {
            note: note.to_string(),
        }),
    };
    send(Method::Post, repair_path(id, &format!("/{step}")), body)
}
