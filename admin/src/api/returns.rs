//! The back office's calls for returns (退货): the queue, one return, and its steps.

use super::*;
use shared::after_sales::returns::{
    InspectReturn, ReceiveReturn, RefundReturn, ReturnDecision, ReturnStatus, ReturnView,
};

fn return_path(id: i64, step: &str) -> String {
    format!("/api/v1/admin/returns/{id}{step}")
}

/// The returns, newest first, only those in `status` when given.
pub fn returns(
    status: Option<ReturnStatus>,
    page: Option<u32>,
) -> impl Future<Output = ApiResult<Paged<ReturnView>>> {
    let mut s = QueryString::default();
    push(&mut s, "status", status.map(ReturnStatus::as_str));
    push(&mut s, "page", page);
    get(with_query("/api/v1/admin/returns", s))
}

pub fn return_detail(id: i64) -> impl Future<Output = ApiResult<ReturnView>> {
    get(return_path(id, ""))
}

/// Approves (`approve`) or rejects (`reject`) a requested return with the note the
/// customer reads.
pub fn decide_return(
    id: i64,
    step: &str,
    note: &str,
) -> impl Future<Output = ApiResult<ReturnView>> {
    send(
        Method::Post,
        return_path(id, &format!("/{step}")),
        json(&ReturnDecision {
            note: note.to_string(),
        }),
    )
}

/// Closes a return without a refund, with the reason the customer reads.
pub fn close_return(id: i64, note: &str) -> impl Future<Output = ApiResult<()>> {
    send(
        Method::Post,
        return_path(id, "/close"),
        json(&ReturnDecision {
            note: note.to_string(),
        }),
    )
}

pub fn receive_return(
    id: i64,
    warehouse: WarehouseId,
) -> impl Future<Output = ApiResult<ReturnView>> {
    send(
        Method::Post,
        return_path(id, "/receive"),
        json(&ReceiveReturn { warehouse }),
    )
}

pub fn inspect_return(id: i64, req: &InspectReturn) -> impl Future<Output = ApiResult<ReturnView>> {
    send(Method::Post, return_path(id, "/inspect"), json(req))
}

/// Refunds `amount` (in fen; none: the whole share) of an inspected return.
pub fn exchange_return(id: i64) -> impl Future<Output = ApiResult<ReturnView>> {
    send(Method::Post, return_path(id, "/exchange"), None)
}

pub fn refund_return(id: i64, amount: Option<i64>) -> impl Future<Output = ApiResult<ReturnView>> {
    send(
        Method::Post,
        return_path(id, "/refund"),
        json(&RefundReturn { amount }),
    )
}
