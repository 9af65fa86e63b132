//! `storekeep serve | migrate | seed` — a thin entry point over the library.

use anyhow::bail;
use server::db::Db;
use server::{seed, telemetry, Application, Config};

const USAGE: &str = "usage: storekeep [serve | migrate | seed]\n\
  serve    migrate, seed the demo shop when empty (unless STOREKEEP_SEED_DEMO_DATA=false) and serve (default)\n\
  migrate  bring the database schema up to date and exit\n\
  seed     migrate, then fill the database with the demo shop (idempotent) and exit";

#[tokio::main]
async fn main() -> anyhow::Result<()> {
    let command = std::env::args().nth(1).unwrap_or_else(|| "serve".into());
    let config = Config::load()?;
    telemetry::init(config.log_format);
    match command.as_str() {
        "serve" => {
            let app = Application::build(config.clone()).await?;
            tracing::info!(port = app.port(), ?config, "Storekeep is listening");
            println!(
                "\nStorekeep is running at http://{}:{}/  (English: /en, back office: /admin)",
                display_host(&config.host),
                app.port()
            );
            if config.seed_demo_data {
                println!("Demo logins (shop: /account/login, back office: /admin):");
                let staff = seed::DEMO_STAFF.iter().map(|(login, _, _)| login);
                for login in std::iter::once(&seed::DEMO_CUSTOMER).chain(staff) {
                    println!(
                        "  {:<20} {:<28} {}",
                        login.role, login.email, login.password
                    );
                }
            }
            println!("Press Ctrl-C to stop.\n");
            app.run_until_stopped().await?;
        }
        "migrate" => {
            let db = Db::connect(&config.database_url, 2).await?;
            db.migrate().await?;
            println!("Database schema is up to date.");
        }
        "seed" => {
            let db = Db::connect(&config.database_url, 2).await?;
            db.migrate().await?;
            seed::seed_demo(&db).await?;
            println!("Demo shop data is in place.");
        }
        "-h" | "--help" | "help" => println!("{USAGE}"),
        other => bail!("unknown command {other:?}\n{USAGE}"),
    }
    Ok(())
}

fn display_host(host: &str) -> &str {
    if host == "0.0.0.0" {
        "127.0.0.1"
    } else {
        host
    }
}
