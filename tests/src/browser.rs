//! A headless Chromium driven through ChromeDriver (WebDriver), from a plain `cargo test`.

use fantoccini::{Client, ClientBuilder, Locator};
use serde_json::json;
use std::net::TcpStream;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

pub struct Browser {
    pub client: Client,
    driver: Child,
    profile: std::path::PathBuf,
}

fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .map(|a| a.port())
        .expect("a free port")
}

impl Browser {
    /// Starts ChromeDriver and a headless Chromium whose preferred language is `lang`.
    pub async fn start(lang: &str) -> Browser {
        let port = free_port();
        let driver = Command::new("chromedriver")
            .arg(format!("--port={port}"))
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("chromedriver is installed (cargo xtask setup --browser)");
        let started = Instant::now();
        while TcpStream::connect(("127.0.0.1", port)).is_err() {
            assert!(
                started.elapsed() < Duration::from_secs(20),
                "chromedriver did not start"
            );
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
        let profile = std::env::temp_dir().join(format!(
            "storekeep-chromium-{port}-{}",
            rand::random::<u32>()
        ));
        let binary = ["/usr/bin/chromium", "/usr/bin/chromium-browser"]
            .into_iter()
            .find(|p| std::path::Path::new(p).exists())
            .unwrap_or("/usr/bin/chromium");
        let caps = json!({
            "browserName": "chrome",
            "goog:chromeOptions": {
                "binary": binary,
                "args": [
                    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                    "--disable-background-networking", "--disable-component-update", "--disable-sync",
                    "--disable-dev-shm-usage", "--window-size=1280,900",
                    format!("--lang={lang}"),
                    format!("--user-data-dir={}", profile.display()),
                ],
                "prefs": {"intl.accept_languages": lang}
            }
        });
        let serde_json::Value::Object(caps) = caps else {
            unreachable!()
        };
        let client = ClientBuilder::new(hyper_util::client::legacy::connect::HttpConnector::new())
            .capabilities(caps)
            .connect(&format!("http://127.0.0.1:{port}"))
            .await
            .expect("a WebDriver session");
        Browser {
            client,
            driver,
            profile,
        }
    }

    pub async fn goto(&self, url: &str) {
        self.client.goto(url).await.expect("navigate");
    }

    /// Runs a script and returns its value.
    pub async fn eval(&self, script: &str) -> serde_json::Value {
        self.client.execute(script, vec![]).await.expect("script")
    }

    pub async fn text(&self, css: &str) -> String {
        self.client
            .wait()
            .at_most(Duration::from_secs(15))
            .for_element(Locator::Css(css))
            .await
            .unwrap_or_else(|e| panic!("no element {css}: {e}"))
            .text()
            .await
            .expect("text")
    }

    /// Clicks an element, scrolled to the middle of the window first (so that a bar kept at
    /// the top or bottom of the page does not cover it).
    pub async fn click(&self, locator: Locator<'_>) {
        let element = self
            .client
            .wait()
            .at_most(Duration::from_secs(15))
            .for_element(locator)
            .await
            .unwrap_or_else(|e| panic!("no element {locator:?}: {e}"));
        let _ = self
            .client
            .execute(
                "arguments[0].scrollIntoView({block: 'center', inline: 'nearest'})",
                vec![serde_json::to_value(&element).expect("an element")],
            )
            .await;
        element.click().await.expect("click");
    }

    pub async fn path(&self) -> String {
        self.client
            .current_url()
            .await
            .expect("url")
            .path()
            .to_string()
    }

    /// Waits until the page's path satisfies `pred`.
    pub async fn wait_for_path(&self, pred: impl Fn(&str) -> bool, what: &str) -> String {
        let started = Instant::now();
        loop {
            let path = self.path().await;
            if pred(&path) {
                return path;
            }
            assert!(
                started.elapsed() < Duration::from_secs(15),
                "waited for {what}, still at {path}"
            );
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
    }

    /// Clears a field and types into it.
    pub async fn type_into(&self, css: &str, text: &str) {
        let field = self
            .client
            .wait()
            .at_most(Duration::from_secs(15))
            .for_element(Locator::Css(css))
            .await
            .unwrap_or_else(|e| panic!("no field {css}: {e}"));
        field.clear().await.expect("clear");
        field.send_keys(text).await.expect("type");
    }

    /// Picks `value` in a `<select>`, waiting until the option exists (options that load).
    pub async fn select(&self, css: &str, value: &str) {
        let option = format!("{css} option[value='{value}']");
        self.client
            .wait()
            .at_most(Duration::from_secs(15))
            .for_element(Locator::Css(&option))
            .await
            .unwrap_or_else(|e| panic!("no option {option}: {e}"));
        let select = self.client.find(Locator::Css(css)).await.expect("select");
        select.select_by_value(value).await.expect("select option");
    }

    /// Waits until the text of `css` satisfies `pred`; returns it.
    pub async fn wait_text(&self, css: &str, pred: impl Fn(&str) -> bool, what: &str) -> String {
        let started = Instant::now();
        loop {
            if let Ok(el) = self.client.find(Locator::Css(css)).await {
                if let Ok(text) = el.text().await {
                    if pred(&text) {
                        return text;
                    }
                }
            }
            assert!(
                started.elapsed() < Duration::from_secs(20),
                "waited for {what} ({css})"
            );
            tokio::time::sleep(Duration::from_millis(150)).await;
        }
    }

    /// Clicks `css` (again, every 700 ms: clicks before hydration do nothing) until `done`.
    pub async fn click_until<F, Fut>(&self, css: &str, done: F, what: &str)
    where
        F: Fn() -> Fut,
        Fut: std::future::Future<Output = bool>,
    {
        let started = Instant::now();
        loop {
            if let Ok(el) = self.client.find(Locator::Css(css)).await {
                let _ = el.click().await;
            }
            tokio::time::sleep(Duration::from_millis(700)).await;
            if done().await {
                return;
            }
            if started.elapsed() > Duration::from_secs(30) {
                self.screenshot("failed").await;
                let errors = self
                    .eval("return Array.from(document.querySelectorAll('.form-error')).map(e => e.textContent).join(' | ')")
                    .await;
                panic!("clicked {css}, but never {what} (errors on the page: {errors})");
            }
        }
    }

    /// Fills a form's `input[name=…]` fields and submits it, again until the page moves to
    /// `path` (a submit before hydration does nothing; the fields are filled anew each time).
    pub async fn submit_form_until(&self, fields: &[(&str, &str)], path: &str) {
        let started = Instant::now();
        loop {
            for (name, value) in fields {
                self.type_into(&format!("input[name={name}]"), value).await;
            }
            if let Ok(el) = self.client.find(Locator::Css("[data-testid=submit]")).await {
                let _ = el.click().await;
            }
            tokio::time::sleep(Duration::from_millis(900)).await;
            if self.path().await == path {
                return;
            }
            assert!(
                started.elapsed() < Duration::from_secs(30),
                "the form never led to {path}"
            );
        }
    }

    /// Chooses the file at `path` in the file input `css` (as a person picking it would).
    pub async fn choose_file(&self, css: &str, path: &std::path::Path) {
        let input = self
            .client
            .wait()
            .at_most(Duration::from_secs(15))
            .for_element(Locator::Css(css))
            .await
            .unwrap_or_else(|e| panic!("no file input {css}: {e}"));
        input
            .send_keys(&path.display().to_string())
            .await
            .expect("choosing a file");
    }

    /// Whether an element matching `css` is on the page now.
    pub async fn has(&self, css: &str) -> bool {
        self.client.find(Locator::Css(css)).await.is_ok()
    }

    /// Saves a screenshot as `$STOREKEEP_SCREENSHOTS/<name>.png` when that variable is set
    /// (for people to look at the pages; tests never compare pixels).
    pub async fn screenshot(&self, name: &str) {
        let Ok(dir) = std::env::var("STOREKEEP_SCREENSHOTS") else {
            return;
        };
        let _ = std::fs::create_dir_all(&dir);
        if let Ok(png) = self.client.screenshot().await {
            let _ = std::fs::write(std::path::Path::new(&dir).join(format!("{name}.png")), png);
        }
    }

    /// Resizes the window (e.g. 390 × 844 for a phone).
    pub async fn resize(&self, width: u32, height: u32) {
        self.client
            .set_window_size(width, height)
            .await
            .expect("window size");
    }

    pub async fn lang(&self) -> String {
        self.eval("return document.documentElement.lang")
            .await
            .as_str()
            .unwrap_or_default()
            .to_string()
    }

    pub async fn close(mut self) {
        let _ = self.client.clone().close().await;
        let _ = self.driver.kill();
        let _ = self.driver.wait();
        let _ = std::fs::remove_dir_all(&self.profile);
    }
}
