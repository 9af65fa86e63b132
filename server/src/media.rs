//! Uploaded pictures: JPEG, PNG or WebP up to 10 MB, decoded with limits (no decompression
//! bombs: at most 8,000 pixels a side and 40 megapixels), resized to web widths and stored
//! as WebP under the media directory with content-derived names — so they are served with
//! a year-long, immutable cache. The image crate encodes WebP losslessly only; the widths
//! keep the files reasonable.

use image::{DynamicImage, ImageFormat, ImageReader, Limits};
use shared::catalog::admin::CatalogProblem;
use std::io::Cursor;
use std::path::Path;

/// The largest upload accepted.
pub const MAX_BYTES: usize = 10 * 1024 * 1024;
const MAX_SIDE: u32 = 8_000;
const MAX_PIXELS: u64 = 40_000_000;
/// The widths written (only those not wider than the original, and at least the smallest).
pub const WIDTHS: [u32; 3] = [320, 640, 1280];
/// The width a plain `src` points at.
const DEFAULT_WIDTH: u32 = 640;

/// A picture ready to be stored: its key, size and the files to write.
pub struct Processed {
    pub key: String,
    pub width: u32,
    pub height: u32,
    pub files: Vec<(String, Vec<u8>)>,
}

impl Processed {
    /// The bytes of every file written for it.
    pub fn bytes(&self) -> i64 {
        self.files
            .iter()
            .map(|(_, b)| i64::try_from(b.len()).unwrap_or(i64::MAX))
            .sum()
    }
}

/// Decodes, checks and resizes an upload. Pure: nothing is written.
pub fn process(bytes: &[u8]) -> Result<Processed, CatalogProblem> {
    if bytes.len() > MAX_BYTES {
        return Err(CatalogProblem::ImageTooLarge);
    }
    let format = image::guess_format(bytes).map_err(|_| CatalogProblem::NotAnImage)?;
    if !matches!(
        format,
        ImageFormat::Jpeg | ImageFormat::Png | ImageFormat::WebP
    ) {
        return Err(CatalogProblem::NotAnImage);
    }
    let mut reader = ImageReader::with_format(Cursor::new(bytes), format);
    let mut limits = Limits::default();
    limits.max_image_width = Some(MAX_SIDE);
    limits.max_image_height = Some(MAX_SIDE);
    limits.max_alloc = Some(MAX_PIXELS * 4 + 16 * 1024 * 1024);
    reader.limits(limits);
    let (w, h) = reader.into_dimensions().map_err(|e| too_large_or_not(&e))?;
    if u64::from(w) * u64::from(h) > MAX_PIXELS {
        return Err(CatalogProblem::ImageTooLarge);
    }
    let mut reader = ImageReader::with_format(Cursor::new(bytes), format);
    let mut limits = Limits::default();
    limits.max_image_width = Some(MAX_SIDE);
    limits.max_image_height = Some(MAX_SIDE);
    limits.max_alloc = Some(MAX_PIXELS * 4 + 16 * 1024 * 1024);
    reader.limits(limits);
    let img = reader.decode().map_err(|e| too_large_or_not(&e))?;
    let key = content_key(bytes);
    let mut files = Vec::new();
    for width in widths_for(img.width()) {
        let resized = if width < img.width() {
            img.resize(width, u32::MAX, image::imageops::FilterType::Lanczos3)
        } else {
            img.clone()
        };
        files.push((file_name(&key, width), encode_webp(&resized)?));
    }
    Ok(Processed {
        key,
        width: img.width(),
        height: img.height(),
        files,
    })
}

fn too_large_or_not(e: &image::ImageError) -> CatalogProblem {
    match e {
        image::ImageError::Limits(_) => CatalogProblem::ImageTooLarge,
        _ => CatalogProblem::NotAnImage,
    }
}

fn encode_webp(img: &DynamicImage) -> Result<Vec<u8>, CatalogProblem> {
    let rgba = img.to_rgba8();
    let mut out = Vec::new();
    image::codecs::webp::WebPEncoder::new_lossless(&mut out)
        .encode(
            rgba.as_raw(),
            rgba.width(),
            rgba.height(),
            image::ExtendedColorType::Rgba8,
        )
        .map_err(|_| CatalogProblem::NotAnImage)?;
    Ok(out)
}

/// The widths to write for a picture `original` pixels wide.
pub fn widths_for(original: u32) -> Vec<u32> {
    let mut out: Vec<u32> = WIDTHS.iter().copied().filter(|w| *w <= original).collect();
    if out.is_empty() {
        out.push(original.max(1));
    }
    out
}

/// The first 24 hex digits of the BLAKE2s hash of the upload: the same picture uploaded
/// twice is stored once.
fn content_key(bytes: &[u8]) -> String {
    use blake2::{Blake2s256, Digest};
    let digest = Blake2s256::digest(bytes);
    digest.iter().take(12).map(|b| format!("{b:02x}")).collect()
}

fn file_name(key: &str, width: u32) -> String {
    format!("{key}-{width}.webp")
}

/// The address of a stored picture at its default width.
pub fn url(key: &str, original_width: i64) -> String {
    let widths = widths_for(u32::try_from(original_width).unwrap_or(1));
    let w = widths
        .iter()
        .copied()
        .filter(|w| *w <= DEFAULT_WIDTH)
        .max()
        .unwrap_or(widths[0]);
    format!("/media/{}", file_name(key, w))
}

/// `srcset` of a stored picture.
pub fn srcset(key: &str, original_width: i64) -> String {
    widths_for(u32::try_from(original_width).unwrap_or(1))
        .iter()
        .map(|w| format!("/media/{} {w}w", file_name(key, *w)))
        .collect::<Vec<_>>()
        .join(", ")
}

/// The key of a `/media/<key>-<width>.webp` address.
pub fn key_of(url: &str) -> Option<String> {
    let name = url.strip_prefix("/media/")?;
    let (key, rest) = name.split_once('-')?;
    (key.len() == 24 && key.bytes().all(|b| b.is_ascii_hexdigit()) && rest.ends_with(".webp"))
        .then(|| key.to_string())
}

/// Writes the files (once: an existing file of the same name is the same picture).
pub async fn store(dir: &Path, processed: &Processed) -> std::io::Result<()> {
    tokio::fs::create_dir_all(dir).await?;
    for (name, bytes) in &processed.files {
        let path = dir.join(name);
        if tokio::fs::try_exists(&path).await.unwrap_or(false) {
            continue;
        }
        // write beside, then rename: a reader never sees half a file
        let tmp = dir.join(format!(".{name}.part"));
        tokio::fs::write(&tmp, bytes).await?;
        tokio::fs::rename(&tmp, &path).await?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn png(w: u32, h: u32) -> Vec<u8> {
        let img = image::RgbImage::from_pixel(w, h, image::Rgb([200, 60, 20]));
        let mut out = Vec::new();
        DynamicImage::ImageRgb8(img)
            .write_to(&mut Cursor::new(&mut out), ImageFormat::Png)
            .unwrap();
        out
    }

    #[test]
    fn uploads_are_resized_to_web_widths() {
        let p = process(&png(1000, 500)).unwrap();
        assert_eq!((p.width, p.height), (1000, 500));
        let names: Vec<&str> = p.files.iter().map(|(n, _)| n.as_str()).collect();
        assert_eq!(
            names,
            [format!("{}-320.webp", p.key), format!("{}-640.webp", p.key)]
        );
        assert_eq!(url(&p.key, 1000), format!("/media/{}-640.webp", p.key));
        assert_eq!(key_of(&url(&p.key, 1000)), Some(p.key.clone()));
        let small = process(&png(100, 80)).unwrap();
        assert_eq!(small.files.len(), 1, "a small picture keeps its size");
        assert!(srcset(&small.key, 100).ends_with(" 100w"));
    }

    /// PNG's CRC-32 (of a chunk's type and data).
    fn crc32(bytes: &[u8]) -> u32 {
        let mut crc = 0xFFFF_FFFF_u32;
        for b in bytes {
            crc ^= u32::from(*b);
            for _ in 0..8 {
                crc = if crc & 1 == 1 {
                    (crc >> 1) ^ 0xEDB8_8320
                } else {
                    crc >> 1
                };
            }
        }
        !crc
    }

    #[test]
    fn not_pictures_and_bombs_are_refused() {
        assert_eq!(
            process(b"GIF89a....").err(),
            Some(CatalogProblem::NotAnImage)
        );
        assert_eq!(process(b"hello").err(), Some(CatalogProblem::NotAnImage));
        let big = vec![0_u8; MAX_BYTES + 1];
        assert_eq!(process(&big).err(), Some(CatalogProblem::ImageTooLarge));
        // a PNG that claims 20,000 × 20,000 pixels: refused from its header, nothing decoded
        let mut bomb = png(1, 1);
        bomb[16..20].copy_from_slice(&20_000_u32.to_be_bytes());
        bomb[20..24].copy_from_slice(&20_000_u32.to_be_bytes());
        // with the header's checksum made right, as a crafted file would have it
        let crc = crc32(&bomb[12..29]);
        bomb[29..33].copy_from_slice(&crc.to_be_bytes());
        assert_eq!(process(&bomb).err(), Some(CatalogProblem::ImageTooLarge));
        assert_eq!(key_of("/img/demo/x.svg"), None);
    }
}
