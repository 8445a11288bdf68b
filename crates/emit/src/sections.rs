//! The memo's two sections: the cover memo (numbered from its second page) and
//! the attachment (its own numbers from 1, none on its title page). docx-rs
//! writes the last section's properties (and the finishing pass its numbering);
//! the cover ends with a paragraph that carries its own.

/// A4 in twentieths of a point, and the form's margins (left 3 cm, right 2 cm,
/// top and bottom 2 cm).
pub const A4: (u32, u32) = (11906, 16838);
pub const MARGIN_LEFT: i32 = 1701;
pub const MARGIN_RIGHT: i32 = 1134;
pub const MARGIN_TOP_BOTTOM: i32 = 1134;

/// The headers docx-rs writes for the default and first-page header, by the
/// relationship ids it gives them (checked by the tests that render the memo).
const HEADER_DEFAULT: &str = "rIdHeader1";
const HEADER_FIRST: &str = "rIdHeader2";

/// The paragraph that ends the cover's section (no number on its first page,
/// "- ๒ -" from its second), with its properties in schema order.
pub fn write_cover_end(out: &mut String) {
    out.push_str(&format!(
        concat!(
            r#"<w:p><w:pPr><w:sectPr>"#,
            r#"<w:headerReference w:type="default" r:id="{default}"/>"#,
            r#"<w:headerReference w:type="first" r:id="{first}"/>"#,
            r#"<w:pgSz w:w="{w}" w:h="{h}"/>"#,
            r#"<w:pgMar w:top="{tb}" w:right="{right}" w:bottom="{tb}" w:left="{left}" w:header="851" w:footer="992" w:gutter="0"/>"#,
            r#"<w:pgNumType w:fmt="thaiNumbers"/>"#,
            r#"<w:titlePg/>"#,
            r#"</w:sectPr></w:pPr></w:p>"#
        ),
        default = HEADER_DEFAULT,
        first = HEADER_FIRST,
        w = A4.0,
        h = A4.1,
        tb = MARGIN_TOP_BOTTOM,
        right = MARGIN_RIGHT,
        left = MARGIN_LEFT,
    ));
}
