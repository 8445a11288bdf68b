//! The few file system calls the walk and the readers make, working also on paths
//! longer than the system takes in one call (PATH_MAX, 4,096 bytes on Linux: a
//! folder of Thai names nested some thirty deep on a shared drive). Such a path is
//! opened piece by piece, each piece relative to the folder before it (openat).
//! Windows needs none of this: Rust's std lengthens long paths there itself.

use std::ffi::OsString;
use std::fs::File;
use std::io;
use std::path::{Path, PathBuf};

/// What a name on disk is, links followed (Windows knows only files and folders).
#[cfg_attr(not(unix), allow(dead_code))]
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    File,
    Dir,
    Fifo,
    CharDevice,
    BlockDevice,
    Socket,
    Other,
}

/// Where a file lives, whatever it is called: two names with one identity are
/// one file.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum FileId {
    #[cfg(unix)]
    Inode { device: u64, inode: u64 },
    #[cfg(not(unix))]
    Canonical(PathBuf),
}

pub struct Meta {
    pub kind: Kind,
    pub id: FileId,
}

#[cfg(unix)]
mod imp {
    /// Below this many bytes a path goes to the system whole.
    const WHOLE_UP_TO: usize = 3_000;

    use std::os::fd::OwnedFd;
    use std::os::unix::ffi::OsStrExt;
    use std::os::unix::fs::{FileTypeExt, MetadataExt, OpenOptionsExt};
    use std::path::Component;

    use rustix::fs::{openat, statat, AtFlags, Dir, FileType, Mode, OFlags, CWD};

    use super::*;

    fn kind_of_type(t: std::fs::FileType) -> Kind {
        if t.is_file() {
            Kind::File
        } else if t.is_dir() {
            Kind::Dir
        } else if t.is_fifo() {
            Kind::Fifo
        } else if t.is_char_device() {
            Kind::CharDevice
        } else if t.is_block_device() {
            Kind::BlockDevice
        } else if t.is_socket() {
            Kind::Socket
        } else {
            Kind::Other
        }
    }

    fn kind_of_mode(mode: u32) -> Kind {
        match FileType::from_raw_mode(mode as _) {
            FileType::RegularFile => Kind::File,
            FileType::Directory => Kind::Dir,
            FileType::Fifo => Kind::Fifo,
            FileType::CharacterDevice => Kind::CharDevice,
            FileType::BlockDevice => Kind::BlockDevice,
            FileType::Socket => Kind::Socket,
            _ => Kind::Other,
        }
    }

    fn long(path: &Path) -> bool {
        path.as_os_str().len() > WHOLE_UP_TO
    }

    /// The folder holding the last pieces of a long `path`, opened piece by piece,
    /// and those last pieces (relative to it).
    fn near_end(path: &Path) -> io::Result<(OwnedFd, PathBuf)> {
        let dir_flags = OFlags::RDONLY | OFlags::DIRECTORY | OFlags::CLOEXEC;
        let start = if path.is_absolute() { "/" } else { "." };
        let mut fd = openat(CWD, start, dir_flags, Mode::empty())?;
        let mut piece = PathBuf::new();
        for component in path.components() {
            let name = match component {
                Component::RootDir | Component::CurDir | Component::Prefix(_) => continue,
                Component::ParentDir => std::ffi::OsStr::new(".."),
                Component::Normal(name) => name,
            };
            if !piece.as_os_str().is_empty()
                && piece.as_os_str().len() + name.len() + 1 > WHOLE_UP_TO
            {
                fd = openat(&fd, &piece, dir_flags, Mode::empty())?;
                piece = PathBuf::new();
            }
            piece.push(name);
        }
        Ok((fd, piece))
    }

    pub fn metadata(path: &Path) -> io::Result<Meta> {
        if !long(path) {
            let meta = std::fs::metadata(path)?;
            return Ok(Meta {
                kind: kind_of_type(meta.file_type()),
                id: FileId::Inode {
                    device: meta.dev(),
                    inode: meta.ino(),
                },
            });
        }
        let (fd, rest) = near_end(path)?;
        let stat = statat(&fd, &rest, AtFlags::empty())?;
        Ok(Meta {
            kind: kind_of_mode(stat.st_mode as u32),
            id: FileId::Inode {
                device: stat.st_dev as u64,
                inode: stat.st_ino as u64,
            },
        })
    }

    pub fn is_link(path: &Path) -> bool {
        if !long(path) {
            return std::fs::symlink_metadata(path).is_ok_and(|m| m.file_type().is_symlink());
        }
        near_end(path)
            .and_then(|(fd, rest)| Ok(statat(&fd, &rest, AtFlags::SYMLINK_NOFOLLOW)?))
            .is_ok_and(|s| FileType::from_raw_mode(s.st_mode as _) == FileType::Symlink)
    }

    pub fn read_dir(path: &Path) -> io::Result<Vec<OsString>> {
        let mut names = Vec::new();
        if !long(path) {
            for entry in std::fs::read_dir(path)? {
                names.push(entry?.file_name());
            }
        } else {
            let (fd, rest) = near_end(path)?;
            let dir = openat(
                &fd,
                &rest,
                OFlags::RDONLY | OFlags::DIRECTORY | OFlags::CLOEXEC,
                Mode::empty(),
            )?;
            for entry in Dir::new(dir)? {
                let name = entry?.file_name().to_bytes().to_vec();
                if name != b"." && name != b".." {
                    names.push(std::ffi::OsStr::from_bytes(&name).to_os_string());
                }
            }
        }
        names.sort();
        Ok(names)
    }

    /// Opens a file to read without waiting: a FIFO put in its place after the walk
    /// does not block the open (the reader then refuses it by its kind).
    pub fn open(path: &Path) -> io::Result<File> {
        if !long(path) {
            return std::fs::OpenOptions::new()
                .read(true)
                .custom_flags(OFlags::NONBLOCK.bits() as i32)
                .open(path);
        }
        let (fd, rest) = near_end(path)?;
        let file = openat(
            &fd,
            &rest,
            OFlags::RDONLY | OFlags::CLOEXEC | OFlags::NONBLOCK,
            Mode::empty(),
        )?;
        Ok(File::from(file))
    }

    pub fn kind_of(file: &File) -> io::Result<Kind> {
        Ok(kind_of_type(file.metadata()?.file_type()))
    }
}

#[cfg(not(unix))]
mod imp {
    use super::*;

    fn kind_of_type(t: std::fs::FileType) -> Kind {
        if t.is_file() {
            Kind::File
        } else if t.is_dir() {
            Kind::Dir
        } else {
            Kind::Other
        }
    }

    pub fn metadata(path: &Path) -> io::Result<Meta> {
        let meta = std::fs::metadata(path)?;
        Ok(Meta {
            kind: kind_of_type(meta.file_type()),
            id: FileId::Canonical(std::fs::canonicalize(path)?),
        })
    }

    pub fn is_link(path: &Path) -> bool {
        std::fs::symlink_metadata(path).is_ok_and(|m| m.file_type().is_symlink())
    }

    pub fn read_dir(path: &Path) -> io::Result<Vec<OsString>> {
        let mut names = Vec::new();
        for entry in std::fs::read_dir(path)? {
            names.push(entry?.file_name());
        }
        names.sort();
        Ok(names)
    }

    pub fn open(path: &Path) -> io::Result<File> {
        File::open(path)
    }

    pub fn kind_of(file: &File) -> io::Result<Kind> {
        Ok(kind_of_type(file.metadata()?.file_type()))
    }
}

pub use imp::{is_link, kind_of, metadata, open, read_dir};

/// The path with links resolved, where the system can say (not for long paths,
/// which only the links up from a root need, and a root is short).
pub fn canonical(path: &Path) -> Option<PathBuf> {
    std::fs::canonicalize(path).ok()
}
