//! `storekeep serve | migrate | seed [--orders N --customers M …]` — a thin entry point over
//! the library.

use anyhow::{bail, Context};
use server::db::{now_millis, Db};
use server::seed::history::{self, HistoryOptions};
use server::{seed, telemetry, Application, Config};

const USAGE: &str = "usage: storekeep [serve | migrate | seed [--products N] [--orders N --customers M [--months 12] [--seed 7]]]\n\
  serve    migrate, seed the demo shop when empty (unless STOREKEEP_SEED_DEMO_DATA=false) and serve (default)\n\
  migrate  bring the database schema up to date and exit\n\
  seed     migrate, then fill the database with the demo shop (idempotent) and exit\n\
           with --products: also generate a large catalogue of N products (e.g. 100000,\n\
           5 to 10 variants each, in the demo's categories); done once per database\n\
           with --orders: also generate an order history on top: N orders (e.g. 100000) by\n\
           M customer accounts (default N/5) over the last --months months (default 12),\n\
           reproducible by --seed (default 7); done once per database (app_settings\n\
           history_seed_orders), later runs add nothing";

#[tokio::main]
async fn main() -> anyhow::Result<()> {
    let args: Vec<String> = std::env::args().collect();
    let command = args.get(1).cloned().unwrap_or_else(|| "serve".into());
    let config = Config::load()?;
    telemetry::init(config.log_format);
    match command.as_str() {
        "serve" => {
            let app = Application::build(config.clone()).await?;
            if config.seed_demo_data {
                seed::orders::place_demo_orders(app.state()).await?;
            }
            tracing::info!(port = app.port(), ?config, "Storekeep is listening");
            println!(
                "\nStorekeep is running at http://{}:{}/  (English: /en, back office: /admin)",
                server::config::display_host(&config.host),
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
                let s = &seed::DEMO_SUPPLIER;
                println!("Supplier portal (/supplier):");
                println!("  {:<20} {:<28} {}", s.role, s.email, s.password);
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
            let (products, rest) = products_option(args.get(2..).unwrap_or_default())?;
            let history_options = history_options(&rest)?;
            let db = Db::connect(&config.database_url, 2).await?;
            db.migrate().await?;
            seed::seed_demo(&db).await?;
            println!("Demo shop data is in place.");
            if let Some(products) = products {
                seed_catalogue(&db, products).await?;
            }
            if let Some(opts) = history_options {
                seed_history(&db, opts).await?;
            }
        }
        "-h" | "--help" | "help" => println!("{USAGE}"),
        other => bail!("unknown command {other:?}\n{USAGE}"),
    }
    Ok(())
}

/// `--products N` (also `--products=N`) out of the options of `seed`, and the others.
fn products_option(args: &[String]) -> anyhow::Result<(Option<u64>, Vec<String>)> {
    let mut products = None;
    let mut rest = Vec::new();
    let mut args = args.iter();
    while let Some(arg) = args.next() {
        let value = if arg == "--products" {
            args.next()
                .with_context(|| format!("--products needs a number\n{USAGE}"))?
                .clone()
        } else if let Some(v) = arg.strip_prefix("--products=") {
            v.to_string()
        } else {
            rest.push(arg.clone());
            continue;
        };
        let n: u64 = value
            .replace('_', "")
            .parse()
            .with_context(|| format!("--products takes a whole number, not {value:?}"))?;
        products = Some(n);
    }
    Ok((products, rest))
}

async fn seed_catalogue(db: &Db, products: u64) -> anyhow::Result<()> {
    println!("Generating a catalogue of {products} products…");
    let report =
        seed::catalogue::seed_catalogue(db, seed::catalogue::CatalogueOptions::new(products))
            .await?;
    if report.skipped {
        println!(
            "A generated catalogue is already in place ({} products, app_settings {}): nothing added.",
            report.products,
            seed::catalogue::MARKER_KEY
        );
    } else {
        println!(
            "Catalogue is in place: {} products with {} variants, in {:.1} s.",
            report.products,
            report.variants,
            report.elapsed.as_secs_f64()
        );
    }
    Ok(())
}

/// The options of `seed` after the command: `None` without any (the demo shop only).
/// `--orders N --customers M [--months K] [--seed S]`, also as `--orders=N`; numbers may be
/// written `100_000`.
fn history_options(args: &[String]) -> anyhow::Result<Option<HistoryOptions>> {
    let (mut orders, mut customers, mut months, mut seed) = (None, None, None, None);
    let mut rest = args.iter();
    while let Some(arg) = rest.next() {
        let (flag, inline) = match arg.split_once('=') {
            Some((flag, value)) => (flag, Some(value.to_string())),
            None => (arg.as_str(), None),
        };
        if !matches!(flag, "--orders" | "--customers" | "--months" | "--seed") {
            bail!("unknown option {arg:?} for seed\n{USAGE}");
        }
        let value = match inline {
            Some(value) => value,
            None => match rest.next() {
                Some(value) => value.clone(),
                None => bail!("{flag} needs a number\n{USAGE}"),
            },
        };
        let number: u64 = value
            .replace('_', "")
            .parse()
            .with_context(|| format!("{flag} takes a whole number, not {value:?}"))?;
        match flag {
            "--orders" => orders = Some(number),
            "--customers" => customers = Some(number),
            "--months" => {
                months = Some(
                    u32::try_from(number)
                        .ok()
                        .filter(|m| (1..=120).contains(m))
                        .with_context(|| format!("--months takes 1 to 120, not {number}"))?,
                );
            }
            _ => seed = Some(number),
        }
    }
    let Some(orders) = orders else {
        if customers.is_some() || months.is_some() || seed.is_some() {
            bail!("seed: --customers, --months and --seed go with --orders\n{USAGE}");
        }
        return Ok(None);
    };
    Ok(Some(HistoryOptions {
        orders,
        customers: customers.unwrap_or((orders / 5).max(1)),
        months: months.unwrap_or(12),
        seed: seed.unwrap_or(7),
        now_ms: now_millis(),
    }))
}

async fn seed_history(db: &Db, opts: HistoryOptions) -> anyhow::Result<()> {
    println!(
        "Generating an order history: {} orders by {} customers over {} months (seed {})…",
        opts.orders, opts.customers, opts.months, opts.seed
    );
    let report = history::seed_history(db, opts).await?;
    if report.skipped {
        println!(
            "An order history is already in place ({} orders, app_settings {}): nothing added.",
            report.orders,
            history::MARKER_KEY
        );
        return Ok(());
    }
    let percent = |part: u64| {
        if report.orders == 0 {
            0.0
        } else {
            part as f64 * 100.0 / report.orders as f64
        }
    };
    let day = |at: Option<i64>| at.map_or_else(|| "-".to_string(), shared::time::iso_date);
    println!(
        "Order history is in place: {} orders ({} to {}), {:.0} % by returning customers, \
         {:.0} % by guests; {} order lines, {} order events; {} customer accounts ({} with orders).",
        report.orders,
        day(report.first_order_at),
        day(report.last_order_at),
        percent(report.returning_orders),
        percent(report.guest_orders),
        report.lines,
        report.events,
        report.customers,
        report.customers_with_orders,
    );
    println!("Took {:.1} s.", report.elapsed.as_secs_f64());
    Ok(())
}
