//! Which files a run reads: everything under the folders given, in a stable order.

use std::path::{Path, PathBuf};

/// Endings calamine reads (compared without regard to case: `.ODS` is `.ods`).
const SPREADSHEET_ENDINGS: [&str; 6] = ["xlsx", "xlsm", "xlsb", "xls", "ods", "csv"];

#[derive(Clone, Debug)]
pub struct Input {
    pub path: PathBuf,
    /// How the user sees it: relative to the folder they gave, or as they gave it.
    pub display: String,
    /// Why it is not read, when it is not.
    pub skip: Option<String>,
}

pub fn collect_inputs(paths: &[PathBuf]) -> Vec<Input> {
    let mut inputs = Vec::new();
    for root in paths {
        if root.is_dir() {
            let mut found = Vec::new();
            walk_dir(root, &mut found, &mut inputs);
            found.sort();
            for path in found {
                let shown = path.strip_prefix(root).unwrap_or(&path).to_path_buf();
                inputs.push(classify(path, shown.display().to_string()));
            }
        } else if root.exists() {
            inputs.push(classify(root.clone(), root.display().to_string()));
        } else {
            inputs.push(Input {
                path: root.clone(),
                display: root.display().to_string(),
                skip: Some("ไม่พบไฟล์หรือโฟลเดอร์นี้".to_string()),
            });
        }
    }
    inputs
}

fn walk_dir(dir: &Path, found: &mut Vec<PathBuf>, inputs: &mut Vec<Input>) {
    let entries = match std::fs::read_dir(dir) {
        Ok(entries) => entries,
        Err(err) => {
            inputs.push(Input {
                path: dir.to_path_buf(),
                display: dir.display().to_string(),
                skip: Some(format!("เปิดโฟลเดอร์ไม่ได้ ({err})")),
            });
            return;
        }
    };
    for entry in entries.flatten() {
        let path = entry.path();
        if path.is_dir() {
            walk_dir(&path, found, inputs);
        } else {
            found.push(path);
        }
    }
}

fn classify(path: PathBuf, display: String) -> Input {
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().to_string())
        .unwrap_or_default();
    let ending = extension_lowercase(&path);
    let skip = if name.starts_with("~$") || name.starts_with(".~lock") {
        Some("ไฟล์ล็อกชั่วคราวของโปรแกรมตารางคำนวณ ไม่ใช่ข้อมูล".to_string())
    } else if !SPREADSHEET_ENDINGS.contains(&ending.as_str()) {
        Some("ไม่ใช่ไฟล์ตารางคำนวณ (.xlsx .xls .ods .csv)".to_string())
    } else {
        None
    };
    Input {
        path,
        display,
        skip,
    }
}

pub(crate) fn extension_lowercase(path: &Path) -> String {
    path.extension()
        .map(|e| e.to_string_lossy().to_lowercase())
        .unwrap_or_default()
}
