//! Development aids: `/dev/mailbox` shows the outbox (password-reset links and the like)
//! when running in development mode. In production it does not exist (404).

use crate::config::Environment;
use crate::db::messages;
use crate::error::{AppError, AppResult};
use crate::state::AppState;
use crate::text::escape_html as escape;
use axum::extract::State;
use axum::response::Html;
use std::fmt::Write;

/// Turns the `http(s)://…` words of a message into links.
fn linkify(text: &str) -> String {
    text.split_inclusive(char::is_whitespace)
        .map(|w| {
            let trimmed = w.trim_end();
            if trimmed.starts_with("http://") || trimmed.starts_with("https://") {
                format!(
                    "<a href=\"{0}\">{0}</a>{1}",
                    escape(trimmed),
                    &w[trimmed.len()..]
                )
            } else {
                escape(w)
            }
        })
        .collect()
}

pub async fn mailbox(State(state): State<AppState>) -> AppResult<Html<String>> {
    if state.config.environment != Environment::Development {
        return Err(AppError::NotFound("page"));
    }
    let mut html = format!(
        "<!DOCTYPE html><html lang=\"zh-CN\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\
         <title>开发邮箱 · Dev mailbox</title><link rel=\"stylesheet\" href=\"{}\"></head>\
         <body><main class=\"container\"><h1>开发邮箱 · Development mailbox</h1>\
         <p class=\"muted\">仅开发模式可见：系统发出的邮件在此显示。 Only in development mode: messages the shop sends appear here.</p>",
        state.assets.shop_css
    );
    let list = messages::latest(&state.db, 50).await?;
    if list.is_empty() {
        html.push_str("<p class=\"notice\">（空）(empty)</p>");
    }
    for m in list {
        let _ = write!(
            html,
            "<article class=\"notice\" data-testid=\"message\"><p class=\"muted small\">#{} · {} · {} · {}</p><h2>{}</h2><pre style=\"white-space:pre-wrap\">{}</pre></article>",
            m.id,
            escape(&m.kind),
            escape(&m.recipient),
            escape(&m.status),
            escape(&m.subject),
            linkify(&m.body)
        );
    }
    html.push_str("</main></body></html>");
    Ok(Html(html))
}

#[cfg(test)]
mod tests {
    #[test]
    fn links_and_escapes() {
        assert_eq!(
            super::linkify("open http://x.test/a?b=1&c=2 <now>"),
            "open <a href=\"http://x.test/a?b=1&amp;c=2\">http://x.test/a?b=1&amp;c=2</a> &lt;now&gt;"
        );
    }
}
