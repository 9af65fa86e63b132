//! The back office's calls for inventory: stock, transfers, stocktakes, valuation.

use super::*;

// inventory ----------------------------------------------------------------------------

pub fn stock(q: &StockQuery) -> impl Future<Output = ApiResult<Paged<StockRow>>> {
    let mut s = QueryString::default();
    push(&mut s, "warehouse", q.warehouse.map(|w| w.0));
    push(&mut s, "kind", q.kind.as_ref().and_then(code));
    push(&mut s, "low", q.low);
    push(&mut s, "q", q.q.clone());
    push(&mut s, "page", q.page);
    push(&mut s, "page_size", q.page_size);
    get(with_query("/api/v1/admin/stock", s))
}

pub fn set_reorder_point(
    warehouse: WarehouseId,
    variant: VariantId,
    point: Option<i64>,
) -> impl Future<Output = ApiResult<()>> {
    send(
        Method::Put,
        format!("/api/v1/admin/stock/{warehouse}/{variant}/reorder-point"),
        json(&SetReorderPoint {
            reorder_point: point,
        }),
    )
}

pub fn transfers(page: Option<u32>) -> impl Future<Output = ApiResult<Paged<TransferView>>> {
    let mut s = QueryString::default();
    push(&mut s, "page", page);
    get(with_query("/api/v1/admin/transfers", s))
}

pub fn transfer(id: i64) -> impl Future<Output = ApiResult<TransferView>> {
    get(format!("/api/v1/admin/transfers/{id}"))
}

pub fn create_transfer(req: &NewTransfer) -> impl Future<Output = ApiResult<TransferView>> {
    send(Method::Post, "/api/v1/admin/transfers".into(), json(req))
}

/// `ship`, `receive` (everything arrived unless `received` says otherwise) or `cancel`.
pub fn transfer_step(
    id: i64,
    step: &str,
    received: Option<ReceiveTransfer>,
) -> impl Future<Output = ApiResult<TransferView>> {
    send(
        Method::Post,
        format!("/api/v1/admin/transfers/{id}/{step}"),
        received.and_then(|r| json(&r)),
    )
}

pub fn stocktakes(page: Option<u32>) -> impl Future<Output = ApiResult<Paged<StocktakeView>>> {
    let mut s = QueryString::default();
    push(&mut s, "page", page);
    get(with_query("/api/v1/admin/stocktakes", s))
}

pub fn stocktake(id: i64) -> impl Future<Output = ApiResult<StocktakeView>> {
    get(format!("/api/v1/admin/stocktakes/{id}"))
}

pub fn create_stocktake(req: &NewStocktake) -> impl Future<Output = ApiResult<StocktakeView>> {
    send(Method::Post, "/api/v1/admin/stocktakes".into(), json(req))
}

pub fn count_line(
    id: i64,
    variant: VariantId,
    counted: i64,
) -> impl Future<Output = ApiResult<StocktakeView>> {
    send(
        Method::Put,
        format!("/api/v1/admin/stocktakes/{id}/lines/{variant}"),
        json(&CountLine { counted }),
    )
}

/// `submit`, `recount` or `approve`.
pub fn stocktake_step(id: i64, step: &str) -> impl Future<Output = ApiResult<StocktakeView>> {
    send(
        Method::Post,
        format!("/api/v1/admin/stocktakes/{id}/{step}"),
        None,
    )
}

pub fn valuation() -> impl Future<Output = ApiResult<Vec<ValuationRow>>> {
    get("/api/v1/admin/reports/valuation".into())
}
