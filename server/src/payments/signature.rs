//! Webhook signatures: `t=<unix seconds>,v1=<hex HMAC-SHA256(secret, "<t>.<body>")>`.
//! The timestamp is signed too, so an old message cannot be replayed with a fresh date.

use hmac::{Hmac, Mac};
use sha2::Sha256;

/// Signed messages older (or newer) than this are refused.
pub const TOLERANCE_SECS: i64 = 300;

fn mac(secret: &str, timestamp: i64, body: &[u8]) -> Option<String> {
    let mut m = Hmac::<Sha256>::new_from_slice(secret.as_bytes()).ok()?;
    m.update(timestamp.to_string().as_bytes());
    m.update(b".");
    m.update(body);
    Some(
        m.finalize()
            .into_bytes()
            .iter()
            .map(|b| format!("{b:02x}"))
            .collect(),
    )
}

/// The signature header value for `body` at `timestamp`.
pub fn sign(secret: &str, timestamp: i64, body: &[u8]) -> String {
    format!(
        "t={timestamp},v1={}",
        mac(secret, timestamp, body).unwrap_or_default()
    )
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SignatureError {
    Malformed,
    Stale,
    Mismatch,
}

/// Checks a signature header against `body` at `now` (unix seconds).
pub fn verify(secret: &str, header: &str, body: &[u8], now: i64) -> Result<(), SignatureError> {
    let mut timestamp = None;
    let mut given = None;
    for part in header.split(',') {
        match part.trim().split_once('=') {
            Some(("t", v)) => timestamp = v.parse::<i64>().ok(),
            Some(("v1", v)) => given = Some(v),
            _ => {}
        }
    }
    let (Some(t), Some(given)) = (timestamp, given) else {
        return Err(SignatureError::Malformed);
    };
    if (now - t).abs() > TOLERANCE_SECS {
        return Err(SignatureError::Stale);
    }
    let expected = mac(secret, t, body).ok_or(SignatureError::Malformed)?;
    if crate::auth::tokens::constant_time_eq(&expected, given) {
        Ok(())
    } else {
        Err(SignatureError::Mismatch)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hmac_sha256_known_answer() {
        // RFC 4231 test case 2: key "Jefe", data "what do ya want for nothing?"
        let mut m = Hmac::<Sha256>::new_from_slice(b"Jefe").unwrap();
        m.update(b"what do ya want for nothing?");
        let hex: String = m
            .finalize()
            .into_bytes()
            .iter()
            .map(|b| format!("{b:02x}"))
            .collect();
        assert_eq!(
            hex,
            "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843"
        );
    }

    #[test]
    fn signs_and_verifies() {
        let body = br#"{"id":"evt_1"}"#;
        let header = sign("s3cret", 1_000, body);
        assert_eq!(verify("s3cret", &header, body, 1_100), Ok(()));
        assert_eq!(
            verify("other", &header, body, 1_100),
            Err(SignatureError::Mismatch)
        );
        assert_eq!(
            verify("s3cret", &header, b"{}", 1_100),
            Err(SignatureError::Mismatch)
        );
        assert_eq!(
            verify("s3cret", &header, body, 1_000 + TOLERANCE_SECS + 1),
            Err(SignatureError::Stale)
        );
        assert_eq!(
            verify("s3cret", "v1=abc", body, 1_000),
            Err(SignatureError::Malformed)
        );
        // a re-dated copy of an old signature does not match
        let redated = header.replace("t=1000", "t=1100");
        assert_eq!(
            verify("s3cret", &redated, body, 1_100),
            Err(SignatureError::Mismatch)
        );
    }
}
