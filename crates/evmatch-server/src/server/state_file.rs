//! The state file of `--state FILE`: read once on start, written on shutdown and periodically
//! when the state changed, always atomically.
//!
//! Invariants: a write goes to a temporary file in the same directory (`.<name>.tmp-<pid>`),
//! is flushed to disk, then renamed over the file — a reader (or a crash) sees the old file or
//! the new one, never a half-written one; the text last written is remembered, so an unchanged
//! state is not written again. Costs: one comparison of the state text per check, one write and
//! one fsync per change.

use std::fs;
use std::io::{self, Write};
use std::path::{Path, PathBuf};
use std::sync::Mutex;

/// A state file: where it is and what was last written to (or read from) it.
#[derive(Debug)]
pub struct StateFile {
    path: PathBuf,
    last: Mutex<Option<String>>,
}

impl StateFile {
    /// The state file at `path` (not read yet).
    pub fn new(path: impl Into<PathBuf>) -> Self {
        StateFile {
            path: path.into(),
            last: Mutex::new(None),
        }
    }

    /// Where the file is.
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// The file's text, `None` when there is no file yet.
    pub fn load(&self) -> io::Result<Option<String>> {
        match fs::read_to_string(&self.path) {
            Ok(text) => {
                *self.last.lock().unwrap_or_else(|e| e.into_inner()) = Some(text.clone());
                Ok(Some(text))
            }
            Err(e) if e.kind() == io::ErrorKind::NotFound => Ok(None),
            Err(e) => Err(e),
        }
    }

    /// Writes `text` atomically unless it is what the file already holds; whether it wrote.
    pub fn save_if_changed(&self, text: &str) -> io::Result<bool> {
        let mut last = self.last.lock().unwrap_or_else(|e| e.into_inner());
        if last.as_deref() == Some(text) {
            return Ok(false);
        }
        write_atomically(&self.path, text)?;
        *last = Some(text.to_string());
        Ok(true)
    }
}

/// Writes `text` to a temporary file next to `path`, syncs it and renames it to `path`.
pub fn write_atomically(path: &Path, text: &str) -> io::Result<()> {
    let dir = match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d.to_path_buf(),
        _ => PathBuf::from("."),
    };
    let name = path
        .file_name()
        .ok_or_else(|| io::Error::new(io::ErrorKind::InvalidInput, "the state path names no file"))?
        .to_string_lossy();
    let tmp = dir.join(format!(".{name}.tmp-{}", std::process::id()));
    let result = (|| {
        let mut f = fs::File::create(&tmp)?;
        f.write_all(text.as_bytes())?;
        f.sync_all()?;
        drop(f);
        fs::rename(&tmp, path)?;
        // The rename itself is durable once the directory is synced (best effort: not every
        // platform can open a directory).
        if let Ok(d) = fs::File::open(&dir) {
            let _ = d.sync_all();
        }
        Ok(())
    })();
    if result.is_err() {
        let _ = fs::remove_file(&tmp);
    }
    result
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn writes_only_changes_and_leaves_no_temporary_file() {
        let dir = std::env::temp_dir().join(format!("evmatch-state-{}", std::process::id()));
        fs::create_dir_all(&dir).unwrap();
        let path = dir.join("state.json");
        let _ = fs::remove_file(&path);
        let file = StateFile::new(&path);
        assert_eq!(file.load().unwrap(), None);
        assert!(file.save_if_changed("{\"version\":1}").unwrap());
        assert!(!file.save_if_changed("{\"version\":1}").unwrap());
        assert!(file.save_if_changed("{\"version\":1,\"x\":2}").unwrap());
        assert_eq!(
            fs::read_to_string(&path).unwrap(),
            "{\"version\":1,\"x\":2}"
        );
        let names: Vec<_> = fs::read_dir(&dir)
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        assert_eq!(names, ["state.json"]);
        let again = StateFile::new(&path);
        assert_eq!(
            again.load().unwrap().as_deref(),
            Some("{\"version\":1,\"x\":2}")
        );
        assert!(!again.save_if_changed("{\"version\":1,\"x\":2}").unwrap());
        fs::remove_dir_all(&dir).unwrap();
    }
}
