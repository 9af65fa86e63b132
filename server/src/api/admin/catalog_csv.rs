//! Products as CSV: the export (the list's filters apply) and the import (a dry run by
//! default; `apply=true` writes, all or nothing). The import answers as it works: one JSON
//! line of progress after another, then the report (`application/x-ndjson`), so the back
//! office can show how far it got.

use super::catalog::filter_of;
use crate::api::{ApiBytes, ApiQuery};
use crate::auth::staff::Staff;
use crate::error::{AppError, AppResult};
use crate::openapi::ADMIN;
use crate::state::AppState;
use crate::workflows::catalog_csv as flows;
use axum::body::{Body, Bytes};
use axum::extract::State;
use axum::http::header;
use axum::response::{IntoResponse, Response};
use futures_util::StreamExt;
use shared::catalog::admin::{ProductListQuery, ProductStatus, StockFilter};
use shared::catalog::csv::ImportEvent;
use shared::staff::Permission;
use shared::ApiError;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

/// The largest file the import takes (10,000 rows with long descriptions fit easily).
const MAX_FILE: usize = 32 * 1024 * 1024;

pub fn routes() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(export))
        .routes(routes!(import))
}

/// Every product the filters match, one row per variant: UTF-8 with a BOM (spreadsheets
/// then read Chinese correctly), cells that would run as formulas prefixed with `'`.
#[utoipa::path(get, path = "/products/export", tag = ADMIN, operation_id = "adminExportProducts",
    params(ExportParams),
    security(("session" = [])),
    responses((status = 200, description = "The CSV file", content_type = "text/csv", body = String)))]
async fn export(
    State(state): State<AppState>,
    staff: Staff,
    ApiQuery(params): ApiQuery<ExportParams>,
) -> AppResult<Response> {
    staff.require(Permission::ViewCatalog)?;
    let q = ProductListQuery {
        q: params.q,
        category: params.category,
        brand: params.brand,
        status: params.status,
        stock: params.stock,
        ..ProductListQuery::default()
    };
    let filter = {
        let mut conn = state.db.pool.acquire().await?;
        filter_of(&mut conn, &q).await?
    };
    let bytes = flows::export(&state.db, &filter).await?;
    let day = shared::reports::format_day(shared::reports::shop_day(crate::db::now_millis()));
    Ok((
        [
            (header::CONTENT_TYPE, "text/csv; charset=utf-8".to_string()),
            (
                header::CONTENT_DISPOSITION,
                format!("attachment; filename=\"products-{day}.csv\""),
            ),
        ],
        bytes,
    )
        .into_response())
}

/// A CSV file as the request's body: bytes (its rows are checked by the import itself, and
/// their errors reported line by line).
#[derive(utoipa::ToSchema)]
#[schema(value_type = String, format = Binary)]
#[allow(dead_code)]
struct CsvFile(Vec<u8>);

/// The product list's filters (its sort and pages do not apply to a file).
#[derive(Debug, serde::Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
struct ExportParams {
    /// Part of a name (either language), the slug or a SKU.
    #[param(max_length = 100)]
    q: Option<String>,
    /// The category, its sub-categories included.
    category: Option<i64>,
    brand: Option<i64>,
    #[param(inline)]
    status: Option<ProductStatus>,
    #[param(inline)]
    stock: Option<StockFilter>,
}

#[derive(Debug, serde::Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
struct ImportParams {
    /// Write the changes (all or nothing). Without it the import is a dry run: the same
    /// checks, nothing written.
    apply: Option<bool>,
}

/// Creates and updates products and variants from a CSV file (matched by SKU). The answer
/// is a stream of JSON lines: `{"event":"progress","done":…,"total":…}` while it works,
/// then `{"event":"done","report":…}` with the new / changed / unchanged counts and every
/// row error (line, column, reason) — or `{"event":"failed",…}` if the server broke off.
#[utoipa::path(post, path = "/products/import", tag = ADMIN, operation_id = "adminImportProducts",
    params(ImportParams),
    request_body(content = inline(CsvFile), content_type = "text/csv", description = "The CSV file, UTF-8"),
    security(("session" = [], "csrf" = [])),
    responses(
        (status = 200, description = "Progress lines, then the report", content_type = "application/x-ndjson", body = ImportEvent),
        (status = 422, description = "No file was sent (problem `empty`)", body = ApiError),
        (status = 413, description = "Larger than 32 MB", body = ApiError)))]
async fn import(
    State(state): State<AppState>,
    staff: Staff,
    ApiQuery(params): ApiQuery<ImportParams>,
    ApiBytes(body): ApiBytes<MAX_FILE>,
) -> AppResult<Response> {
    staff.require(Permission::ManageCatalog)?;
    if body.is_empty() {
        return Err(AppError::Validation {
            problem: "empty".into(),
            message: "No file was sent: the body is the CSV file.".into(),
            field: None,
        });
    }
    let dry_run = !params.apply.unwrap_or(false);
    let (tx, rx) = tokio::sync::mpsc::unbounded_channel::<ImportEvent>();
    let db = state.db.clone();
    let actor = staff.actor.clone();
    tokio::spawn(async move {
        let progress = {
            let tx = tx.clone();
            move |done, total| {
                let _ = tx.send(ImportEvent::Progress { done, total });
            }
        };
        let failed = || ImportEvent::Failed {
            error: ApiError::new(
                shared::ErrorCode::Internal,
                "The import failed; nothing was written.",
            ),
        };
        // a panic inside the import still ends the stream with a `failed` line
        let run =
            std::panic::AssertUnwindSafe(flows::import(&db, &actor, &body, dry_run, progress));
        let last = match futures_util::FutureExt::catch_unwind(run).await {
            Ok(Ok(report)) => ImportEvent::Done { report },
            Ok(Err(e)) => {
                tracing::error!(error = %e, "a product import failed");
                failed()
            }
            Err(_) => {
                tracing::error!("a product import panicked");
                failed()
            }
        };
        let _ = tx.send(last);
    });
    let lines = futures_util::stream::unfold(rx, |mut rx| async move {
        let event = rx.recv().await?;
        let mut line = serde_json::to_vec(&event).unwrap_or_default();
        line.push(b'\n');
        Some((Ok::<_, std::convert::Infallible>(Bytes::from(line)), rx))
    })
    // a body may be polled again after its end (a compressor flushing)
    .fuse();
    Ok((
        [(header::CONTENT_TYPE, "application/x-ndjson")],
        Body::from_stream(lines),
    )
        .into_response())
}
