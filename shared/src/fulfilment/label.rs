//! The barcode on a shipping label and a pick list: Code 128 (the symbology Chinese carriers
//! print), as bars a page draws as SVG rectangles.

/// A barcode: its bars (`x`, `width`, in modules) and its whole width with the quiet zones.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Barcode {
    pub bars: Vec<(u32, u8)>,
    pub width: u32,
}

/// Code 128 of `text` (printable ASCII), or `None` for anything else.
pub fn code128(text: &str) -> Option<Barcode> {
    if text.is_empty() || !text.bytes().all(|b| (0x20..0x7f).contains(&b)) {
        return None;
    }
    let code = code128::Code128::encode(text.as_bytes());
    Some(Barcode {
        bars: code.bar_coordinates().map(|b| (b.x, b.width)).collect(),
        width: u32::try_from(code.len()).ok()?,
    })
}

/// The SVG of a barcode, `height` modules tall (a page scales it with CSS).
pub fn svg(code: &Barcode, height: u32) -> String {
    let mut out = format!(
        "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {} {height}\" preserveAspectRatio=\"none\" shape-rendering=\"crispEdges\"><rect width=\"{}\" height=\"{height}\" fill=\"#fff\"/>",
        code.width, code.width
    );
    for (x, w) in &code.bars {
        out.push_str(&format!(
            "<rect x=\"{x}\" width=\"{w}\" height=\"{height}\" fill=\"#000\"/>"
        ));
    }
    out.push_str("</svg>");
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_tracking_number_round_trips_through_its_bars() {
        let code = code128("SF123456789012").unwrap();
        // read the bars back: widths of bars and the spaces between them
        let mut bars = Vec::new();
        for pair in code.bars.windows(2) {
            let (x, w) = pair[0];
            let space = pair[1].0 - x - u32::from(w);
            bars.push(code128::Bar {
                width: w,
                space: u8::try_from(space).unwrap(),
            });
        }
        let (_, w) = *code.bars.last().unwrap();
        bars.push(code128::Bar { width: w, space: 0 });
        assert_eq!(code128::decode(&bars).unwrap(), b"SF123456789012");
        assert!(svg(&code, 40).starts_with("<svg"));
        assert_eq!(code128("运单"), None);
    }
}
