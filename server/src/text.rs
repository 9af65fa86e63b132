//! Escaping text for HTML and XML written by hand (dev mailbox, sandbox gateway, sitemap).

/// Escapes `&`, `<`, `>` and `"` — safe in element text and double-quoted attributes.
pub fn escape_html(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

#[cfg(test)]
mod tests {
    #[test]
    fn escapes() {
        assert_eq!(
            super::escape_html(r#"<a href="x?a=1&b=2">"#),
            "&lt;a href=&quot;x?a=1&amp;b=2&quot;&gt;"
        );
    }
}
