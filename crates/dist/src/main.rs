//! `just dist` (`cargo run -p itamemo-dist`): builds itamemo with the `dist` profile
//! (LTO, stripped) for Windows and Linux and packs each into
//! `dist/itamemo-VERSION-PLATFORM.zip`: the program, the Thai quick-start
//! อ่านก่อน.txt, the default catalog (written by the program itself, `itamemo
//! catalog`) and the example exports.

mod pack;

use std::path::{Path, PathBuf};
use std::process::Command;

use anyhow::{bail, Context, Result};

use pack::{Package, Platform};

/// The program officers download must stay small enough to mail and to fetch on a
/// slow district line.
const MAX_PROGRAM_BYTES: u64 = 10 * 1024 * 1024;

const WINDOWS: Platform = Platform {
    name: "windows-x64",
    target: "x86_64-pc-windows-gnu",
    program: "itamemo.exe",
    start: include_str!("../../../packaging/start-windows.th.txt"),
    crlf: true,
};

const LINUX: Platform = Platform {
    name: "linux-x64",
    target: "x86_64-unknown-linux-gnu",
    program: "itamemo",
    start: include_str!("../../../packaging/start-linux.th.txt"),
    crlf: false,
};

fn main() -> Result<()> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
    let root = root.canonicalize().context("the repository's root")?;
    let out = root.join("dist");
    std::fs::create_dir_all(&out)?;
    let version = env!("CARGO_PKG_VERSION");

    let programs: Vec<PathBuf> = [&LINUX, &WINDOWS]
        .iter()
        .map(|platform| build(&root, platform))
        .collect::<Result<_>>()?;
    // The catalog as the program writes it; the Linux build runs here.
    let catalog = default_catalog(&programs[0])?;
    for (platform, program) in [&LINUX, &WINDOWS].into_iter().zip(&programs) {
        let size = std::fs::metadata(program)?.len();
        if size > MAX_PROGRAM_BYTES {
            bail!(
                "{} is {size} bytes, over the {MAX_PROGRAM_BYTES} the download may weigh",
                program.display()
            );
        }
        let package = Package {
            version,
            platform,
            program: std::fs::read(program)?,
            catalog: catalog.clone(),
            examples: root.join("fixtures"),
        };
        let zip = out.join(format!("{}.zip", package.name()));
        package.write(&zip)?;
        println!(
            "{}: {} ({:.1} MB)",
            zip.display(),
            platform.program,
            size as f64 / 1e6
        );
    }
    Ok(())
}

/// `cargo build --profile dist` for one platform; the program's path.
fn build(root: &Path, platform: &Platform) -> Result<PathBuf> {
    let cargo = std::env::var_os("CARGO").unwrap_or_else(|| "cargo".into());
    let status = Command::new(cargo)
        .current_dir(root)
        .args(["build", "--profile", "dist", "--bin", "itamemo", "--target"])
        .arg(platform.target)
        .status()
        .context("running cargo")?;
    if !status.success() {
        bail!(
            "the {} build failed (for Windows: rustup target add {} and Debian's gcc-mingw-w64-x86-64)",
            platform.name,
            platform.target
        );
    }
    let target_dir = std::env::var_os("CARGO_TARGET_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| root.join("target"));
    Ok(root
        .join(target_dir)
        .join(platform.target)
        .join("dist")
        .join(platform.program))
}

/// `itamemo catalog FILE`, read back.
fn default_catalog(program: &Path) -> Result<String> {
    let dir = std::env::temp_dir().join(format!("itamemo-dist-{}", std::process::id()));
    std::fs::create_dir_all(&dir)?;
    let file = dir.join(pack::CATALOG);
    let _ = std::fs::remove_file(&file);
    let output = Command::new(program).arg("catalog").arg(&file).output()?;
    if !output.status.success() {
        bail!(
            "itamemo catalog failed: {}",
            String::from_utf8_lossy(&output.stderr)
        );
    }
    let catalog = std::fs::read_to_string(&file)?;
    std::fs::remove_dir_all(&dir)?;
    Ok(catalog)
}
