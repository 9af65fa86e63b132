//! Password hashing with argon2id at OWASP's recommended parameters
//! (m = 19456 KiB, t = 2, p = 1), stored as a PHC string. Hashing runs on the blocking pool
//! with a bounded number at once, so a burst of log-ins cannot exhaust memory or starve
//! other requests.

use argon2::password_hash::rand_core::OsRng;
use argon2::password_hash::{PasswordHash, PasswordHasher as _, PasswordVerifier, SaltString};
use argon2::{Algorithm, Argon2, Params, Version};
use std::sync::{Arc, OnceLock};
use tokio::sync::Semaphore;

fn hasher() -> anyhow::Result<Argon2<'static>> {
    let params =
        Params::new(19_456, 2, 1, None).map_err(|e| anyhow::anyhow!("argon2 params: {e}"))?;
    Ok(Argon2::new(Algorithm::Argon2id, Version::V0x13, params))
}

pub fn hash(password: &str) -> anyhow::Result<String> {
    let salt = SaltString::generate(&mut OsRng);
    hasher()?
        .hash_password(password.as_bytes(), &salt)
        .map(|h| h.to_string())
        .map_err(|e| anyhow::anyhow!("hashing a password: {e}"))
}

/// `true` when `password` matches the stored PHC string.
pub fn verify(password: &str, stored: &str) -> bool {
    let Ok(parsed) = PasswordHash::new(stored) else {
        return false;
    };
    hasher().is_ok_and(|h| h.verify_password(password.as_bytes(), &parsed).is_ok())
}

/// A hash to verify against when no account matches, so that "no such user" takes as long
/// as "wrong password" and response times do not reveal which e-mails have accounts.
fn decoy_hash() -> &'static str {
    static DECOY: OnceLock<String> = OnceLock::new();
    DECOY.get_or_init(|| hash("decoy password for timing").unwrap_or_default())
}

/// Hashes and verifies on the blocking pool, at most `permits` at a time.
#[derive(Clone)]
pub struct PasswordHasher {
    permits: Arc<Semaphore>,
}

impl PasswordHasher {
    pub fn new(permits: usize) -> Self {
        Self {
            permits: Arc::new(Semaphore::new(permits.max(1))),
        }
    }

    pub async fn hash(&self, password: String) -> anyhow::Result<String> {
        let _permit = self.permits.acquire().await?;
        tokio::task::spawn_blocking(move || hash(&password)).await?
    }

    /// Verifies against `stored`, or against a decoy when there is no account.
    pub async fn verify(&self, password: String, stored: Option<String>) -> bool {
        let Ok(_permit) = self.permits.acquire().await else {
            return false;
        };
        tokio::task::spawn_blocking(move || match stored {
            Some(stored) => verify(&password, &stored),
            None => {
                let _ = verify(&password, decoy_hash());
                false
            }
        })
        .await
        .unwrap_or(false)
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn hashes_with_argon2id_and_verifies() {
        let h = super::hash("correct horse battery").unwrap();
        assert!(h.starts_with("$argon2id$v=19$m=19456,t=2,p=1$"));
        assert!(super::verify("correct horse battery", &h));
        assert!(!super::verify("wrong", &h));
        assert!(!super::verify("x", "not a hash"));
    }

    #[tokio::test]
    async fn bounded_hasher_verifies_and_uses_a_decoy() {
        let hasher = super::PasswordHasher::new(1);
        let h = hasher.hash("open sesame 123".into()).await.unwrap();
        assert!(hasher.verify("open sesame 123".into(), Some(h)).await);
        assert!(!hasher.verify("open sesame 123".into(), None).await);
    }
}
