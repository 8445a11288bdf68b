//! Embeds every framework file in data/frameworks, so that shipping a new
//! fiscal year is adding one TOML file (no list to keep by hand).

use std::fmt::Write;

fn main() {
    let dir = std::path::Path::new("data/frameworks");
    println!("cargo:rerun-if-changed={}", dir.display());
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .expect("data/frameworks is readable")
        .map(|entry| entry.expect("a folder entry").file_name())
        .map(|name| name.to_string_lossy().to_string())
        .filter(|name| name.ends_with(".toml"))
        .collect();
    names.sort();
    let mut code =
        String::from("/// The framework files shipped inside the program, by file name.\n");
    writeln!(
        code,
        "pub const EMBEDDED: [(&str, &str); {}] = [",
        names.len()
    )
    .unwrap();
    for name in &names {
        println!("cargo:rerun-if-changed={}", dir.join(name).display());
        writeln!(
            code,
            "    ({name:?}, include_str!(concat!(env!(\"CARGO_MANIFEST_DIR\"), \"/data/frameworks/{name}\"))),"
        )
        .unwrap();
    }
    code.push_str("];\n");
    let out = std::path::PathBuf::from(std::env::var("OUT_DIR").expect("cargo sets OUT_DIR"));
    std::fs::write(out.join("embedded_frameworks.rs"), code).expect("OUT_DIR is writable");
}
