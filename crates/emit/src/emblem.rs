//! The Garuda emblem the user supplies, checked once before the run and stored as
//! PNG (what a .docx here carries), 1.5 cm high at the top left of the cover.

use std::io::Cursor;
use std::path::Path;

use docx_rs::{DrawingPosition, Pic, RelativeFromHType, RelativeFromVType};

/// The form's emblem height, 1.5 cm, in EMU (360,000 to the centimetre).
const HEIGHT_EMU: u32 = 540_000;
/// A fixed id, so that the same emblem always gives the same bytes.
const PICTURE_ID: &str = "rIdEmblem";

#[derive(Clone, Debug)]
pub struct Emblem {
    png: Vec<u8>,
    width_px: u32,
    height_px: u32,
}

impl Emblem {
    /// Reads a PNG or JPEG; the message says in Thai what is wrong with the file.
    pub fn read(path: &Path) -> Result<Emblem, String> {
        let bytes = std::fs::read(path)
            .map_err(|e| format!("เปิดไฟล์ตราครุฑ {} ไม่ได้ ({e})", path.display()))?;
        let not_an_image = |e: image::ImageError| {
            format!(
                "ไฟล์ตราครุฑ {} ไม่ใช่รูปภาพ PNG หรือ JPEG ที่อ่านได้ ({e})",
                path.display()
            )
        };
        let decoded = image::load_from_memory(&bytes).map_err(not_an_image)?;
        let png = if bytes.starts_with(b"\x89PNG") {
            bytes
        } else {
            let mut out = Cursor::new(Vec::new());
            decoded
                .write_to(&mut out, image::ImageFormat::Png)
                .map_err(not_an_image)?;
            out.into_inner()
        };
        Ok(Emblem {
            png,
            width_px: decoded.width(),
            height_px: decoded.height(),
        })
    }

    /// The emblem floating at the top left of the text area, 1.5 cm high.
    pub fn picture(&self) -> Pic {
        let width = (u64::from(HEIGHT_EMU) * u64::from(self.width_px)
            / u64::from(self.height_px.max(1))) as u32;
        Pic::new_with_dimensions(self.png.clone(), self.width_px, self.height_px)
            .id(PICTURE_ID)
            .size(width, HEIGHT_EMU)
            .floating()
            .relative_from_h(RelativeFromHType::Margin)
            .relative_from_v(RelativeFromVType::Paragraph)
            .position_h(DrawingPosition::Offset(0))
            .position_v(DrawingPosition::Offset(0))
    }
}
