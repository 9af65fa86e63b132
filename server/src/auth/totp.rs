//! Time-based one-time passwords (RFC 6238: SHA-1, six digits, 30-second steps) as the
//! optional second factor of staff sign-in. A code is accepted for the step before and the
//! step after the current one (clock drift), and never twice: the last accepted step is
//! stored, and a code of that step or an earlier one is refused.

use crate::db::staff;
use crate::error::AppError;
use shared::ids::UserId;
use shared::staff::TwoFactorSetup;
use totp_rs::{Algorithm, Secret, TOTP};

const ISSUER: &str = "Storekeep";
const STEP_SECS: u64 = 30;

fn totp(secret_b32: &str, account: &str) -> Option<TOTP> {
    let bytes = Secret::Encoded(secret_b32.to_string()).to_bytes().ok()?;
    TOTP::new(
        Algorithm::SHA1,
        6,
        1,
        STEP_SECS,
        bytes,
        Some(ISSUER.to_string()),
        account.to_string(),
    )
    .ok()
}

/// A new random secret (160 bits), base32.
pub fn new_secret() -> String {
    Secret::generate_secret().to_encoded().to_string()
}

/// What an authenticator app needs: the secret, its `otpauth://` link and that link as a QR
/// code (SVG, drawn on the server so the browser needs no QR code library).
pub fn setup(secret_b32: &str, account: &str) -> Result<TwoFactorSetup, AppError> {
    let totp = totp(secret_b32, account)
        .ok_or_else(|| AppError::Internal(anyhow::anyhow!("an unusable TOTP secret")))?;
    let uri = totp.get_url();
    let svg = qrcode::QrCode::with_error_correction_level(uri.as_bytes(), qrcode::EcLevel::M)
        .map_err(|e| AppError::Internal(anyhow::anyhow!("QR code: {e}")))?
        .render::<qrcode::render::svg::Color>()
        .min_dimensions(200, 200)
        .quiet_zone(true)
        .build();
    // the XML prolog is not wanted inside an HTML page
    let svg = match svg.find("<svg") {
        Some(i) => svg[i..].to_string(),
        None => svg,
    };
    Ok(TwoFactorSetup {
        secret: secret_b32.to_string(),
        otpauth_uri: uri,
        qr_svg: svg,
    })
}

/// The time step whose code `code` is, among the previous, current and next step at
/// `now_secs`; `None` when it is none of them.
pub fn matching_step(secret_b32: &str, code: &str, now_secs: u64) -> Option<i64> {
    let code: String = code.chars().filter(|c| !c.is_whitespace()).collect();
    if code.len() != 6 || !code.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let totp = totp(secret_b32, "")?;
    let current = now_secs / STEP_SECS;
    let mut found = None;
    // compare all three, so the time taken does not say which one matched
    for step in current.saturating_sub(1)..=current + 1 {
        let candidate = totp.generate(step * STEP_SECS);
        if crate::auth::tokens::constant_time_eq(&candidate, &code) && found.is_none() {
            found = i64::try_from(step).ok();
        }
    }
    found
}

/// The rate-limit key of wrong codes for `user` (five in fifteen minutes, then 429, in
/// signing in and in turning two-factor sign-in on or off alike).
pub fn failure_keys(user: UserId) -> [String; 1] {
    [format!("two-factor-user:{user}")]
}

/// Why a code was not accepted.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CodeProblem {
    Wrong,
    /// Right, but a code of this time step was already used.
    Reused,
}

impl From<CodeProblem> for AppError {
    fn from(p: CodeProblem) -> AppError {
        match p {
            CodeProblem::Wrong => AppError::validation(
                "two_factor_code_wrong",
                "The code is not right; check the time on your phone and try again",
            ),
            CodeProblem::Reused => AppError::validation(
                "two_factor_code_reused",
                "This code was used already; wait for the next one",
            ),
        }
        .at("code")
    }
}

/// Checks `code` against `secret_b32` now and claims its time step for `user`, so that
/// neither this code nor an earlier one works again.
pub async fn check_and_claim(
    conn: &mut sqlx::AnyConnection,
    user: UserId,
    secret_b32: &str,
    code: &str,
) -> Result<Result<(), CodeProblem>, sqlx::Error> {
    let now = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs());
    let Some(step) = matching_step(secret_b32, code, now) else {
        return Ok(Err(CodeProblem::Wrong));
    };
    if staff::claim_totp_step(conn, user, step).await? {
        Ok(Ok(()))
    } else {
        Ok(Err(CodeProblem::Reused))
    }
}

/// The code for the moment `unix_secs` (what an authenticator app shows then; the tests
/// use it to sign in).
pub fn code_at(secret_b32: &str, unix_secs: u64) -> Option<String> {
    totp(secret_b32, "").map(|t| t.generate(unix_secs))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rfc_6238_codes_and_drift() {
        // RFC 6238 appendix B's SHA-1 secret "12345678901234567890"
        let secret = "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ";
        let t = totp(secret, "x").unwrap();
        assert_eq!(t.generate(59), "287082");
        assert_eq!(t.generate(1_111_111_109), "081804");
        // the step before and after are accepted, and named
        let now = 1_111_111_109;
        assert_eq!(matching_step(secret, "081804", now), Some(37_037_036));
        assert_eq!(
            matching_step(secret, &t.generate(now - 30), now),
            Some(37_037_035)
        );
        assert_eq!(
            matching_step(secret, &t.generate(now + 30), now),
            Some(37_037_037)
        );
        assert_eq!(matching_step(secret, &t.generate(now - 90), now), None);
        assert_eq!(matching_step(secret, "08 18 04", now), Some(37_037_036));
        assert_eq!(matching_step(secret, "abcdef", now), None);
        assert_eq!(matching_step(secret, "", now), None);
    }

    #[test]
    fn set_up_gives_a_link_and_a_qr_code() {
        let secret = new_secret();
        let s = setup(&secret, "owner@storekeep.test").unwrap();
        assert!(s.otpauth_uri.starts_with("otpauth://totp/Storekeep:"));
        assert!(s.otpauth_uri.contains(&secret));
        assert!(s.qr_svg.starts_with("<svg"));
    }
}
