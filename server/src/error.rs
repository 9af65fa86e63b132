//! One error type for the whole server, mapped to HTTP in one place.

use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::Json;
use shared::catalog::QueryError;
use shared::{ApiError, ErrorCode};

#[derive(Debug, thiserror::Error)]
pub enum AppError {
    #[error("{0}")]
    BadRequest(String),
    #[error("invalid query: {0}")]
    InvalidQuery(#[from] QueryError),
    #[error("{0} not found")]
    NotFound(&'static str),
    #[error("{0}")]
    Conflict(String),
    #[error("the database is not answering")]
    Unavailable,
    #[error("database error: {0}")]
    Database(#[from] sqlx::Error),
    #[error(transparent)]
    Internal(#[from] anyhow::Error),
}

pub type AppResult<T> = Result<T, AppError>;

impl AppError {
    fn code_and_message(&self) -> (ErrorCode, String) {
        match self {
            AppError::BadRequest(m) => (ErrorCode::BadRequest, m.clone()),
            AppError::InvalidQuery(e) => (ErrorCode::InvalidQuery, format!("Parameter {e}")),
            AppError::NotFound(what) => (ErrorCode::NotFound, format!("The {what} was not found")),
            AppError::Conflict(m) => (ErrorCode::Conflict, m.clone()),
            AppError::Unavailable => (ErrorCode::Unavailable, "Service unavailable".into()),
            AppError::Database(sqlx::Error::Database(db)) if db.is_unique_violation() => (
                ErrorCode::Conflict,
                "This conflicts with an existing record".into(),
            ),
            AppError::Database(sqlx::Error::PoolTimedOut) => (
                ErrorCode::Unavailable,
                "Service unavailable, try again".into(),
            ),
            // Never show internal detail to a client; the log has it.
            AppError::Database(_) | AppError::Internal(_) => {
                (ErrorCode::Internal, "Internal server error".into())
            }
        }
    }
}

impl IntoResponse for AppError {
    fn into_response(self) -> Response {
        let (code, message) = self.code_and_message();
        let status =
            StatusCode::from_u16(code.http_status()).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
        if status.is_server_error() {
            tracing::error!(error = %self, "request failed");
        } else {
            tracing::debug!(error = %self, "request refused");
        }
        (status, Json(ApiError::new(code, message))).into_response()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn internal_errors_carry_no_detail() {
        let (code, message) =
            AppError::Internal(anyhow::anyhow!("secret table xyz")).code_and_message();
        assert_eq!(code, ErrorCode::Internal);
        assert!(!message.contains("xyz"));
        let (code, _) = AppError::Database(sqlx::Error::RowNotFound).code_and_message();
        assert_eq!(code.http_status(), 500);
    }
}
