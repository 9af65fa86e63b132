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
    /// The request clashes with the current state (e.g. stock ran out); `problem` names it.
    #[error("{message}")]
    Conflict { problem: String, message: String },
    #[error("not signed in")]
    Unauthorized,
    #[error("{0}")]
    Forbidden(&'static str),
    /// A body or query that does not parse: `field` names where, `message` what is wrong.
    #[error("{message}")]
    InvalidInput {
        field: Option<String>,
        message: String,
    },
    /// Well-formed input that breaks a rule; `problem` is the code the UI translates and
    /// `field` the request field it concerns, when there is one.
    #[error("{message}")]
    Validation {
        problem: String,
        message: String,
        field: Option<String>,
    },
    /// The shop requires this owner to turn on two-factor sign-in first.
    #[error("two-factor sign-in must be turned on first")]
    TwoFactorSetupRequired,
    #[error("too many attempts")]
    TooManyRequests { retry_after_secs: u64 },
    #[error("the database is not answering")]
    Unavailable,
    /// A body larger than the route takes.
    #[error("the body is larger than {max} bytes")]
    PayloadTooLarge { max: usize },
    /// The query string is longer than the server reads.
    #[error("the address is too long")]
    UriTooLong { max: usize },
    #[error("database error: {0}")]
    Database(#[from] sqlx::Error),
    #[error(transparent)]
    Internal(#[from] anyhow::Error),
}

pub type AppResult<T> = Result<T, AppError>;

/// The snake_case name a rule enum serialises to: the `problem` code the UI translates.
fn code_of<P: serde::Serialize>(p: &P) -> String {
    serde_json::to_value(p)
        .ok()
        .and_then(|v| v.as_str().map(str::to_string))
        .unwrap_or_default()
}

impl AppError {
    /// A validation error from a rule enum that serialises to its snake_case name.
    pub fn rule<P: serde::Serialize + std::fmt::Display>(p: P) -> AppError {
        AppError::Validation {
            problem: code_of(&p),
            message: p.to_string(),
            field: None,
        }
    }

    /// A rule enum's error by its nature: a conflict (409) when `conflict` — the state of
    /// things refuses it — else a validation error (422); the code is its snake_case name.
    pub fn rule_or_conflict<P: serde::Serialize + std::fmt::Display>(
        p: P,
        conflict: bool,
    ) -> AppError {
        if conflict {
            AppError::conflict(&code_of(&p), p.to_string())
        } else {
            AppError::rule(p)
        }
    }

    /// The rule a validation or conflict error names.
    pub fn problem(&self) -> Option<&str> {
        match self {
            AppError::Validation { problem, .. } | AppError::Conflict { problem, .. } => {
                Some(problem)
            }
            _ => None,
        }
    }

    /// The same error, naming the request field it concerns.
    pub fn at(mut self, at: &str) -> AppError {
        if let AppError::Validation { field, .. } | AppError::InvalidInput { field, .. } = &mut self
        {
            *field = Some(at.to_string());
        }
        self
    }

    /// A clash with the current state: `problem` for the UI, `message` for people.
    pub fn conflict(problem: &str, message: impl Into<String>) -> AppError {
        AppError::Conflict {
            problem: problem.into(),
            message: message.into(),
        }
    }

    pub fn validation(problem: &str, message: impl Into<String>) -> AppError {
        AppError::Validation {
            problem: problem.into(),
            message: message.into(),
            field: None,
        }
    }
}

impl From<shared::customers::AccountProblem> for AppError {
    fn from(p: shared::customers::AccountProblem) -> AppError {
        AppError::rule(p).at(p.field())
    }
}

impl From<shared::staff::StaffProblem> for AppError {
    fn from(p: shared::staff::StaffProblem) -> AppError {
        AppError::rule(p)
    }
}

impl From<shared::staff::TwoFactorProblem> for AppError {
    fn from(p: shared::staff::TwoFactorProblem) -> AppError {
        if p.is_conflict() {
            AppError::Conflict {
                problem: code_of(&p),
                message: p.to_string(),
            }
        } else {
            AppError::rule(p)
        }
    }
}

impl From<shared::list::ListProblem> for AppError {
    fn from(p: shared::list::ListProblem) -> AppError {
        AppError::InvalidInput {
            field: Some(p.field().to_string()),
            message: format!("{}: {p}", p.field()),
        }
    }
}

impl From<shared::checkout::AddressProblem> for AppError {
    fn from(p: shared::checkout::AddressProblem) -> AppError {
        AppError::rule(p).at(p.field())
    }
}

impl AppError {
    fn code_and_message(&self) -> (ErrorCode, String) {
        match self {
            AppError::Unauthorized => (ErrorCode::Unauthorized, "Please sign in first".into()),
            AppError::Forbidden(m) => (ErrorCode::Forbidden, (*m).to_string()),
            AppError::TwoFactorSetupRequired => (
                ErrorCode::Forbidden,
                "Turn on two-factor sign-in first: the shop requires it of owners".into(),
            ),
            AppError::InvalidInput { message, .. } => (ErrorCode::BadRequest, message.clone()),
            AppError::Validation { message, .. } => (ErrorCode::Validation, message.clone()),
            AppError::TooManyRequests { retry_after_secs } => (
                ErrorCode::TooManyRequests,
                format!("Too many attempts; try again in {retry_after_secs} seconds"),
            ),
            AppError::BadRequest(m) => (ErrorCode::BadRequest, m.clone()),
            AppError::InvalidQuery(e) if e.rule => {
                (ErrorCode::Validation, format!("Parameter {e}"))
            }
            AppError::InvalidQuery(e) => (ErrorCode::InvalidQuery, format!("Parameter {e}")),
            AppError::NotFound(what) => (ErrorCode::NotFound, format!("The {what} was not found")),
            AppError::Conflict { message, .. } => (ErrorCode::Conflict, message.clone()),
            AppError::Unavailable => (ErrorCode::Unavailable, "Service unavailable".into()),
            AppError::PayloadTooLarge { max } => (
                ErrorCode::PayloadTooLarge,
                format!("The body is larger than {} MB", max / (1024 * 1024)),
            ),
            AppError::UriTooLong { max } => (
                ErrorCode::UriTooLong,
                format!("The query string is longer than {max} characters"),
            ),
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

/// A status move refused: 404 for no such row, 409 with the reason for a move the rule does
/// not allow or one that lost a race.
impl<S: crate::db::status::Recorded> From<crate::db::status::Refused<S>> for AppError {
    fn from(refused: crate::db::status::Refused<S>) -> Self {
        use crate::db::status::Refused;
        match refused {
            Refused::Missing => AppError::NotFound(S::NOUN),
            Refused::Illegal { from, to } => AppError::Conflict {
                problem: "illegal_transition".into(),
                message: format!(
                    "The {} is {}: it cannot become {}",
                    S::NOUN,
                    from.as_str().replace('_', " "),
                    to.as_str().replace('_', " ")
                ),
            },
            Refused::Raced => AppError::Conflict {
                problem: "status_changed".into(),
                message: format!("The {} changed meanwhile. Reload it and try again", S::NOUN),
            },
            Refused::Db(e) => AppError::Database(e),
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
        let mut body = ApiError::new(code, message);
        match &self {
            AppError::Validation { problem, field, .. } => {
                body.problem = Some(problem.clone());
                body.field = field.clone();
            }
            AppError::Conflict { problem, .. } => body.problem = Some(problem.clone()),
            AppError::InvalidInput { field, .. } => {
                body.problem = Some("invalid_input".into());
                body.field = field.clone();
            }
            AppError::TwoFactorSetupRequired => {
                body.problem = Some("two_factor_setup_required".into());
            }
            AppError::InvalidQuery(e) => {
                body.problem = Some(
                    if e.rule {
                        "query_rule"
                    } else {
                        "invalid_query"
                    }
                    .into(),
                );
                body.field = Some(e.field.clone());
            }
            _ => {}
        }
        let mut res = (status, Json(body)).into_response();
        if let AppError::TooManyRequests { retry_after_secs } = self {
            if let Ok(v) = axum::http::HeaderValue::from_str(&retry_after_secs.to_string()) {
                res.headers_mut().insert(axum::http::header::RETRY_AFTER, v);
            }
        }
        res
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
