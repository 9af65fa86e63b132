//! The passwords people pick most: 41,641 of at least 8 characters, from the npm package
//! `popular-passwords` (MIT, data from zxcvbn) plus common Chinese-pattern ones.

use std::collections::HashSet;
use std::sync::OnceLock;

const LIST: &str = include_str!("../../data/common-passwords.txt");

fn list() -> &'static HashSet<&'static str> {
    static SET: OnceLock<HashSet<&'static str>> = OnceLock::new();
    SET.get_or_init(|| LIST.lines().filter(|l| !l.is_empty()).collect())
}

/// Is this password on the list (ignoring case)?
pub fn is_common(password: &str) -> bool {
    list().contains(password.to_lowercase().as_str())
}

#[cfg(test)]
mod tests {
    #[test]
    fn knows_the_usual_suspects() {
        assert!(super::list().len() >= 1_000);
        for p in [
            "password",
            "12345678",
            "Password1",
            "qwertyuiop",
            "woaini1314",
            "88888888",
        ] {
            assert!(super::is_common(p), "{p}");
        }
        assert!(!super::is_common("correct horse battery staple"));
    }
}
