//! The editable form of a catalogue text: a description typed into a plain text area
//! (paragraphs between blank lines, `- ` lines as a list, inline HTML) and the small HTML
//! subset the server keeps; and slugs made from names. The back office's editors use these;
//! the server sanitises whatever arrives.

/// A slug made from a name (usually the English one): lower-case ASCII letters and digits,
/// anything else a single hyphen, at most 80 characters.
pub fn slugify(text: &str) -> String {
    let mut out = String::new();
    for c in text.trim().chars().flat_map(char::to_lowercase) {
        if c.is_ascii_alphanumeric() {
            if out.len() >= 80 {
                break;
            }
            out.push(c);
        } else if !out.is_empty() && !out.ends_with('-') {
            out.push('-');
        }
    }
    while out.ends_with('-') {
        out.pop();
    }
    out
}

/// Whether a block of the description is already the server's block markup (a paragraph
/// or a list).
fn starts_with_block(text: &str) -> bool {
    let lower = text.trim_start().to_ascii_lowercase();
    ["<p>", "<p ", "<ul", "<ol"]
        .iter()
        .any(|b| lower.starts_with(b))
}

/// One block of lines between blank lines, as HTML.
fn block(lines: &[&str]) -> String {
    if lines.first().is_some_and(|l| starts_with_block(l)) {
        lines.join("\n")
    } else if lines.iter().all(|l| l.trim_start().starts_with("- ")) {
        let items: Vec<String> = lines
            .iter()
            .map(|l| {
                format!(
                    "<li>{}</li>",
                    l.trim_start().trim_start_matches("- ").trim()
                )
            })
            .collect();
        format!("<ul>{}</ul>", items.concat())
    } else {
        format!("<p>{}</p>", lines.join("<br>"))
    }
}

/// A description as typed into a plain text area, as the HTML the server keeps: each run
/// of lines between blank lines becomes a paragraph, its line breaks `<br>`, unless it is a
/// paragraph or a list in HTML already. Inline markup (`<strong>`, `<em>`, `<a>`) stays;
/// the server removes anything outside the subset.
pub fn editable_to_html(text: &str) -> String {
    let mut blocks: Vec<String> = Vec::new();
    let mut lines: Vec<&str> = Vec::new();
    for line in text.trim().lines() {
        let line = line.trim_end();
        if line.trim().is_empty() {
            if !lines.is_empty() {
                blocks.push(block(&lines));
                lines.clear();
            }
        } else {
            lines.push(line);
        }
    }
    if !lines.is_empty() {
        blocks.push(block(&lines));
    }
    blocks.join("\n")
}

/// Where the list opening `html` ends (just after its closing tag), nested lists counted.
fn list_end(html: &str, tag: &str) -> Option<usize> {
    let open = format!("<{tag}");
    let close = format!("</{tag}>");
    let mut depth = 0_usize;
    let mut i = 0;
    while i < html.len() {
        let rest = html.get(i..)?;
        if rest.starts_with(&open) {
            depth += 1;
            i += open.len();
        } else if rest.starts_with(&close) {
            depth = depth.checked_sub(1)?;
            i += close.len();
            if depth == 0 {
                return Some(i);
            }
        } else {
            i += rest.chars().next()?.len_utf8();
        }
    }
    None
}

/// A flat `<ul>` of one-line items as `- ` lines (anything else stays HTML).
fn simple_list(html: &str) -> Option<String> {
    let inner = html.strip_prefix("<ul>")?.strip_suffix("</ul>")?;
    if inner.contains("<ul") || inner.contains("<ol") {
        return None;
    }
    let mut items = Vec::new();
    for part in inner.split("</li>") {
        let part = part.trim();
        if part.is_empty() {
            continue;
        }
        let item = part.strip_prefix("<li>")?;
        if item.contains("<li") || item.contains('\n') || item.trim().is_empty() {
            return None;
        }
        items.push(format!("- {}", item.trim().replace("&amp;", "&")));
    }
    (!items.is_empty()).then(|| items.join("\n"))
}

/// The HTML the server keeps, for a plain text area: paragraphs become runs of lines
/// between blank lines again (their `<br>`s line breaks), lists stay HTML blocks of their
/// own; anything else is shown as it is. The reverse of [`editable_to_html`].
pub fn html_to_editable(html: &str) -> String {
    let whole = html.trim();
    let mut blocks: Vec<String> = Vec::new();
    let mut rest = whole;
    loop {
        rest = rest.trim_start();
        if rest.is_empty() {
            break;
        }
        if let Some(body) = rest.strip_prefix("<p>") {
            let Some(end) = body.find("</p>") else {
                return whole.to_string();
            };
            let inner = body.get(..end).unwrap_or_default();
            if inner.contains("<p") || inner.contains("<ul") || inner.contains("<ol") {
                return whole.to_string();
            }
            blocks.push(
                inner
                    .replace("<br />", "\n")
                    .replace("<br/>", "\n")
                    .replace("<br>", "\n")
                    .replace("&amp;", "&"),
            );
            rest = body.get(end + "</p>".len()..).unwrap_or_default();
        } else if let Some(tag) = ["ul", "ol"]
            .into_iter()
            .find(|t| rest.starts_with(&format!("<{t}>")))
        {
            let Some(end) = list_end(rest, tag) else {
                return whole.to_string();
            };
            let list = rest.get(..end).unwrap_or_default();
            blocks.push(simple_list(list).unwrap_or_else(|| list.to_string()));
            rest = rest.get(end..).unwrap_or_default();
        } else {
            return whole.to_string();
        }
    }
    blocks.join("\n\n")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slugs_from_names() {
        assert_eq!(slugify("Down Jackets & Coats"), "down-jackets-coats");
        assert_eq!(slugify("  -Hello--World- "), "hello-world");
        assert_eq!(slugify("羽绒服"), "");
        assert_eq!(slugify(&"a".repeat(100)).len(), 80);
    }

    #[test]
    fn descriptions_round_trip() {
        let typed = "First line\nsecond line\n\n\nA <strong>bold</strong> one";
        let html = editable_to_html(typed);
        assert_eq!(
            html,
            "<p>First line<br>second line</p>\n<p>A <strong>bold</strong> one</p>"
        );
        assert_eq!(
            html_to_editable(&html),
            "First line\nsecond line\n\nA <strong>bold</strong> one"
        );
        let list = "<ul><li>one</li></ul>";
        assert_eq!(editable_to_html(list), list);
        assert_eq!(html_to_editable(list), "- one");
        // `- ` lines are a list, and come back as such
        let typed = "Soft.\n\n- 100% wool\n- Fish & chips";
        let html = editable_to_html(typed);
        assert_eq!(
            html,
            "<p>Soft.</p>\n<ul><li>100% wool</li><li>Fish & chips</li></ul>"
        );
        assert_eq!(
            html_to_editable("<p>Soft.</p>\n<ul><li>100% wool</li><li>Fish &amp; chips</li></ul>"),
            typed
        );
        let mixed = "Intro\n\n<ul>\n<li>a<ul><li>b</li></ul></li>\n</ul>\n\nEnd";
        let html = editable_to_html(mixed);
        assert_eq!(
            html,
            "<p>Intro</p>\n<ul>\n<li>a<ul><li>b</li></ul></li>\n</ul>\n<p>End</p>"
        );
        assert_eq!(html_to_editable(&html), mixed);
        assert_eq!(html_to_editable("<p>Fish &amp; chips</p>"), "Fish & chips");
        assert_eq!(editable_to_html(""), "");
        assert_eq!(html_to_editable("plain old text"), "plain old text");
        assert_eq!(html_to_editable("<p>open"), "<p>open");
    }
}
