//! Error codes shared by the server (which sends them) and the UI (which translates them).

use serde::{Deserialize, Serialize};
use std::fmt;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum ErrorCode {
    BadRequest,
    InvalidQuery,
    NotFound,
    Conflict,
    Unauthorized,
    Forbidden,
    PayloadTooLarge,
    /// The address (its query string) is longer than the server reads.
    UriTooLong,
    /// The input is well-formed but breaks a rule (`problem` says which).
    Validation,
    /// Too many attempts: wait `Retry-After` seconds.
    TooManyRequests,
    Unavailable,
    Internal,
    /// The request never reached the server (offline, DNS, …): produced by the client only.
    Network,
}

impl ErrorCode {
    pub fn http_status(self) -> u16 {
        match self {
            ErrorCode::BadRequest | ErrorCode::InvalidQuery => 400,
            ErrorCode::Unauthorized => 401,
            ErrorCode::Forbidden => 403,
            ErrorCode::NotFound => 404,
            ErrorCode::Conflict => 409,
            ErrorCode::PayloadTooLarge => 413,
            ErrorCode::UriTooLong => 414,
            ErrorCode::Validation => 422,
            ErrorCode::TooManyRequests => 429,
            ErrorCode::Unavailable => 503,
            ErrorCode::Internal | ErrorCode::Network => 500,
        }
    }
}

/// The JSON body of every API error: `{"code": "...", "message": "..."}`.
/// `message` is English, for developers and logs; the UI shows its own translation of `code`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ApiError {
    pub code: ErrorCode,
    pub message: String,
    /// A machine-readable reason for `validation` errors (e.g. `password_too_common`),
    /// which the UI translates.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub problem: Option<String>,
    /// The request field at fault (`email`, `lines[0].quantity`), so a form can show the
    /// message next to it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub field: Option<String>,
}

impl ApiError {
    pub fn new(code: ErrorCode, message: impl Into<String>) -> Self {
        Self {
            code,
            message: message.into(),
            problem: None,
            field: None,
        }
    }

    /// The same error naming the rule that was broken.
    pub fn with_problem(mut self, problem: &str) -> Self {
        self.problem = Some(problem.to_string());
        self
    }
}

impl fmt::Display for ApiError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:?}: {}", self.code, self.message)
    }
}

impl std::error::Error for ApiError {}
