//! Configuration: defaults in code, then an optional TOML file, then `STOREKEEP_*`
//! environment variables (and `DATABASE_URL`). Passed around as a value, never a global.

use anyhow::{bail, Context};
use serde::Deserialize;
use std::path::PathBuf;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Environment {
    Development,
    Production,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum LogFormat {
    Pretty,
    Json,
}

#[derive(Clone, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Config {
    pub host: String,
    /// 0 picks a free port (tests).
    pub port: u16,
    /// `sqlite://path/to/file.db` (the default) or `postgres://user@host/db`.
    pub database_url: String,
    pub max_connections: u32,
    /// Where the built site lives: `pkg/` (WASM, JS, CSS) and the public files.
    pub site_root: PathBuf,
    /// The address shoppers use, for canonical links, the sitemap and e-mails; empty (the
    /// default) means the address the server listens on, `http://<host>:<port>`.
    pub public_url: String,
    pub environment: Environment,
    pub log_format: LogFormat,
    /// Fill an empty database with the demo shop at start-up.
    pub seed_demo_data: bool,
    /// Minutes a card payment may take before the order is cancelled and its stock released.
    pub card_payment_minutes: i64,
    /// Hours a bank transfer may take before the order is cancelled.
    pub bank_transfer_hours: i64,
    /// The secret the sandbox card gateway signs its webhooks with.
    pub sandbox_pay_secret: String,
    /// The secret carriers sign their delivery webhooks with (one per shop, given to each
    /// carrier's integration).
    pub carrier_webhook_secret: String,
    /// Days after delivery an order becomes completed (the window for a return opens with
    /// delivery and the order is closed after it).
    pub complete_after_days: i64,
    /// Days after delivery a customer may ask for a return (七天无理由退货: 7).
    pub return_window_days: i64,
    /// The tax rate contained in the prices, in basis points (1300 = 13 %); 0 by default,
    /// as for CNY sales at home. Shown as "tax included" on orders; never added on top.
    pub tax_basis_points: u32,
    /// Where uploaded pictures are stored (served under `/media/`).
    pub media_dir: PathBuf,
    /// Keep the shop front's catalogue reads in memory (on by default; off only to measure
    /// what the database costs).
    pub catalog_cache: bool,
}

impl std::fmt::Debug for Config {
    // The database URL may carry a password: never print it.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Config")
            .field("host", &self.host)
            .field("port", &self.port)
            .field(
                "database",
                &crate::db::Backend::from_url(&self.database_url),
            )
            .field("site_root", &self.site_root)
            .field("public_url", &self.public_url)
            .field("environment", &self.environment)
            .finish_non_exhaustive()
    }
}

impl Default for Config {
    fn default() -> Self {
        Self {
            host: "127.0.0.1".into(),
            port: 3000,
            database_url: "sqlite://data/storekeep.db".into(),
            max_connections: 16,
            site_root: PathBuf::from("target/site"),
            public_url: String::new(),
            environment: Environment::Development,
            log_format: LogFormat::Pretty,
            seed_demo_data: true,
            card_payment_minutes: 30,
            bank_transfer_hours: 72,
            sandbox_pay_secret: "storekeep-sandbox-secret-for-development".into(),
            carrier_webhook_secret: "storekeep-carrier-secret-for-development".into(),
            complete_after_days: 7,
            return_window_days: shared::after_sales::returns::DEFAULT_WINDOW_DAYS,
            tax_basis_points: 0,
            media_dir: PathBuf::from("data/media"),
            catalog_cache: true,
        }
    }
}

impl Config {
    /// Loads `STOREKEEP_CONFIG` (or `storekeep.toml` when present), then the environment.
    pub fn load() -> anyhow::Result<Config> {
        let path = std::env::var("STOREKEEP_CONFIG").ok().map(PathBuf::from);
        let mut config = match path {
            Some(p) => Self::from_file(&p)?,
            None if std::path::Path::new("storekeep.toml").exists() => {
                Self::from_file(std::path::Path::new("storekeep.toml"))?
            }
            None => Config::default(),
        };
        config.apply_env(|k| std::env::var(k).ok())?;
        Ok(config)
    }

    pub fn from_file(path: &std::path::Path) -> anyhow::Result<Config> {
        let text = std::fs::read_to_string(path)
            .with_context(|| format!("reading config file {}", path.display()))?;
        toml::from_str(&text).with_context(|| format!("parsing config file {}", path.display()))
    }

    /// The public address once the server listens on `port`: the configured one, else
    /// where it is served.
    pub fn public_url_at(&self, port: u16) -> String {
        if self.public_url.is_empty() {
            format!("http://{}:{port}", display_host(&self.host))
        } else {
            self.public_url.clone()
        }
    }

    /// Applies `STOREKEEP_*` variables (and `DATABASE_URL`) from `get`.
    pub fn apply_env(&mut self, get: impl Fn(&str) -> Option<String>) -> anyhow::Result<()> {
        if let Some(v) = get("STOREKEEP_HOST") {
            self.host = v;
        }
        if let Some(v) = get("STOREKEEP_PORT").or_else(|| get("PORT")) {
            self.port = v.parse().context("STOREKEEP_PORT must be a port number")?;
        }
        if let Some(v) = get("STOREKEEP_DATABASE_URL").or_else(|| get("DATABASE_URL")) {
            self.database_url = v;
        }
        if let Some(v) = get("STOREKEEP_MAX_CONNECTIONS") {
            self.max_connections = v
                .parse()
                .context("STOREKEEP_MAX_CONNECTIONS must be a number")?;
        }
        if let Some(v) = get("STOREKEEP_SITE_ROOT") {
            self.site_root = PathBuf::from(v);
        }
        if let Some(v) = get("STOREKEEP_PUBLIC_URL") {
            self.public_url = v;
        }
        if let Some(v) = get("STOREKEEP_ENV") {
            self.environment = match v.as_str() {
                "development" | "dev" => Environment::Development,
                "production" | "prod" => Environment::Production,
                _ => bail!("STOREKEEP_ENV must be development or production"),
            };
        }
        if let Some(v) = get("STOREKEEP_LOG_FORMAT") {
            self.log_format = match v.as_str() {
                "pretty" => LogFormat::Pretty,
                "json" => LogFormat::Json,
                _ => bail!("STOREKEEP_LOG_FORMAT must be pretty or json"),
            };
        }
        if let Some(v) = get("STOREKEEP_CARD_PAYMENT_MINUTES") {
            self.card_payment_minutes = v
                .parse()
                .context("STOREKEEP_CARD_PAYMENT_MINUTES must be a number")?;
        }
        if let Some(v) = get("STOREKEEP_BANK_TRANSFER_HOURS") {
            self.bank_transfer_hours = v
                .parse()
                .context("STOREKEEP_BANK_TRANSFER_HOURS must be a number")?;
        }
        if let Some(v) = get("STOREKEEP_SANDBOX_PAY_SECRET") {
            self.sandbox_pay_secret = v;
        }
        if let Some(v) = get("STOREKEEP_CARRIER_WEBHOOK_SECRET") {
            self.carrier_webhook_secret = v;
        }
        if let Some(v) = get("STOREKEEP_RETURN_WINDOW_DAYS") {
            self.return_window_days = v
                .parse()
                .ok()
                .filter(|d| (0..=365).contains(d))
                .context("STOREKEEP_RETURN_WINDOW_DAYS must be 0 to 365")?;
        }
        if let Some(v) = get("STOREKEEP_COMPLETE_AFTER_DAYS") {
            self.complete_after_days = v
                .parse()
                .ok()
                .filter(|d| (0..=365).contains(d))
                .context("STOREKEEP_COMPLETE_AFTER_DAYS must be 0 to 365")?;
        }
        if let Some(v) = get("STOREKEEP_TAX_BASIS_POINTS") {
            self.tax_basis_points = v
                .parse()
                .ok()
                .filter(|bp| *bp <= 10_000)
                .context("STOREKEEP_TAX_BASIS_POINTS must be 0 to 10000 (1300 = 13 %)")?;
        }
        if let Some(v) = get("STOREKEEP_MEDIA_DIR") {
            self.media_dir = PathBuf::from(v);
        }
        if let Some(v) = get("STOREKEEP_CATALOG_CACHE") {
            self.catalog_cache = !matches!(v.as_str(), "0" | "false" | "no" | "off");
        }
        if let Some(v) = get("STOREKEEP_SEED_DEMO_DATA") {
            self.seed_demo_data = matches!(v.as_str(), "1" | "true" | "yes");
        }
        self.public_url = self.public_url.trim_end_matches('/').to_string();
        Ok(())
    }
}

/// A host to put in an address: "all interfaces" is reached at the loopback address.
pub fn display_host(host: &str) -> &str {
    match host {
        "0.0.0.0" => "127.0.0.1",
        "::" => "[::1]",
        other => other,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_public_address_defaults_to_where_the_shop_is_served() {
        let mut c = Config::default();
        c.apply_env(|k| (k == "STOREKEEP_PORT").then(|| "8080".into()))
            .unwrap();
        assert_eq!(c.public_url_at(8080), "http://127.0.0.1:8080");
        c.host = "0.0.0.0".into();
        assert_eq!(c.public_url_at(4000), "http://127.0.0.1:4000");
        c.apply_env(|k| (k == "STOREKEEP_PUBLIC_URL").then(|| "https://shop.example/".into()))
            .unwrap();
        assert_eq!(c.public_url_at(8080), "https://shop.example");
    }

    #[test]
    fn env_overrides_file_and_defaults() {
        let mut c: Config =
            toml::from_str("port = 8080\npublic_url = \"https://shop.example/\"").unwrap();
        assert_eq!(c.port, 8080);
        c.apply_env(|k| match k {
            "DATABASE_URL" => Some("postgres://db/shop".into()),
            "STOREKEEP_HOST" => Some("0.0.0.0".into()),
            _ => None,
        })
        .unwrap();
        assert_eq!(c.host, "0.0.0.0");
        assert_eq!(c.database_url, "postgres://db/shop");
        assert_eq!(c.public_url, "https://shop.example");
        assert!(c
            .apply_env(|k| (k == "STOREKEEP_PORT").then(|| "x".into()))
            .is_err());
        assert!(
            toml::from_str::<Config>("prot = 1").is_err(),
            "typos are refused"
        );
    }

    #[test]
    fn debug_hides_the_database_password() {
        let c = Config {
            database_url: "postgres://u:secret@h/db".into(),
            ..Config::default()
        };
        assert!(!format!("{c:?}").contains("secret"));
    }
}
