//! What the operating system said, in Thai: one sentence a user can act on, with
//! the system's own words after it for whoever helps them. Callers name the file
//! the user knows (the memo, the report), never a temporary one.

use std::io::{Error, ErrorKind};

/// "ดิสก์เต็ม", "ไม่มีสิทธิ์เขียน", ... then the system's words in brackets, with
/// any path they carry left out (it may be a temporary file the user never made).
pub fn thai(err: &Error) -> String {
    let what = match err.kind() {
        ErrorKind::NotFound => "ไม่พบไฟล์หรือโฟลเดอร์",
        ErrorKind::PermissionDenied => "ไม่มีสิทธิ์เข้าถึง (ตรวจสิทธิ์ของโฟลเดอร์หรือไฟล์นี้)",
        ErrorKind::StorageFull => "ดิสก์เต็ม (ลบไฟล์ที่ไม่ใช้หรือเลือกโฟลเดอร์ผลลัพธ์บนดิสก์อื่น)",
        ErrorKind::QuotaExceeded => "เกินโควตาพื้นที่ที่ได้รับ",
        ErrorKind::ReadOnlyFilesystem => "ดิสก์นี้เขียนไม่ได้ (อ่านได้อย่างเดียว)",
        ErrorKind::AlreadyExists => "มีไฟล์ชื่อนี้อยู่แล้ว",
        ErrorKind::NotADirectory => "มีไฟล์ชื่อเดียวกันอยู่ในที่ที่ต้องเป็นโฟลเดอร์",
        ErrorKind::IsADirectory => "เป็นโฟลเดอร์ ไม่ใช่ไฟล์",
        ErrorKind::InvalidFilename => "ชื่อหรือที่อยู่ยาวเกินหรือมีอักขระที่ระบบไม่รับ",
        ErrorKind::FileTooLarge => "ไฟล์ใหญ่เกินที่ดิสก์นี้รับได้",
        ErrorKind::ResourceBusy => "ไฟล์กำลังถูกโปรแกรมอื่นใช้อยู่",
        ErrorKind::StaleNetworkFileHandle | ErrorKind::NetworkDown | ErrorKind::TimedOut => {
            "ติดต่อไดรฟ์เครือข่ายไม่ได้"
        }
        ErrorKind::Interrupted => "ถูกขัดจังหวะ",
        ErrorKind::UnexpectedEof => "ไฟล์จบก่อนที่ควร",
        _ => "ระบบปฏิบัติการแจ้งข้อผิดพลาด",
    };
    match err.raw_os_error() {
        // The system's own words: std puts " (os error N)" after them.
        Some(_) => format!("{what}: {}", system_words(err)),
        None => format!("{what}: {}", path_free(&err.to_string())),
    }
}

/// The system's sentence for an error, without the path that tempfile puts after it.
fn system_words(err: &Error) -> String {
    Error::from_raw_os_error(err.raw_os_error().unwrap_or(0)).to_string()
}

/// "No space left on device at path /x/.itamemo-1.tmp" -> "No space left on device".
fn path_free(text: &str) -> String {
    match text.find(" at path ") {
        Some(at) => text[..at].to_string(),
        None => text.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_full_disk_says_so_in_thai_without_the_temporary_file() {
        let inner = Error::from_raw_os_error(28);
        let err = Error::new(
            inner.kind(),
            format!("{inner} at path \"/out/.itamemo-Xy12.tmp\""),
        );
        let text = thai(&err);
        assert!(text.starts_with("ดิสก์เต็ม"), "{text}");
        assert!(!text.contains(".itamemo-"), "{text}");
        let raw = thai(&Error::from_raw_os_error(28));
        assert!(raw.starts_with("ดิสก์เต็ม"), "{raw}");
    }

    #[test]
    fn no_permission_says_so_in_thai() {
        let text = thai(&Error::from_raw_os_error(13));
        assert!(text.starts_with("ไม่มีสิทธิ์"), "{text}");
    }
}
