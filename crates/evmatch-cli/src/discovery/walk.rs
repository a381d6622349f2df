//! The directory walk of `evmatch validate <DIR>`.
//!
//! Job: list the files under a directory that may hold patterns.
//!
//! Invariants: entries are visited in sorted order, a directory's files and subdirectories
//! interleaved as they sort (depth first); names starting with a dot are skipped, files and
//! directories alike; only `*.json`, `*.jsonl`, `*.ndjson`, `*.yaml` and `*.yml` (any case) are
//! listed. The walk keeps one sorted listing per open directory on an explicit stack, not on the
//! call stack. The first directory that cannot be read ends the walk with its error.
//!
//! Costs: one `read_dir` per directory and one sort of its entries; memory for the listings of
//! the directories on the current path.

use std::path::{Path, PathBuf};

/// The files `evmatch validate` checks under `dir`: every `*.json`, `*.jsonl`, `*.ndjson`,
/// `*.yaml` and `*.yml`, recursively, in sorted order, skipping entries whose name starts with
/// a dot.
pub fn pattern_files(dir: &Path) -> std::io::Result<Vec<PathBuf>> {
    let mut out = Vec::new();
    let mut open = vec![sorted_entries(dir)?.into_iter()];
    while let Some(entries) = open.last_mut() {
        let Some(path) = entries.next() else {
            open.pop();
            continue;
        };
        let name = path.file_name().and_then(|n| n.to_str()).unwrap_or("");
        if name.starts_with('.') {
            continue;
        }
        if path.is_dir() {
            open.push(sorted_entries(&path)?.into_iter());
        } else if let Some(ext) = path.extension().and_then(|e| e.to_str())
            && matches!(
                ext.to_ascii_lowercase().as_str(),
                "json" | "jsonl" | "ndjson" | "yaml" | "yml"
            )
        {
            out.push(path);
        }
    }
    Ok(out)
}

fn sorted_entries(dir: &Path) -> std::io::Result<Vec<PathBuf>> {
    let mut entries = std::fs::read_dir(dir)?
        .map(|e| e.map(|e| e.path()))
        .collect::<Result<Vec<_>, _>>()?;
    entries.sort();
    Ok(entries)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn deep_directory_trees_are_walked_without_recursion() {
        let root = std::env::temp_dir().join(format!("evmatch-walk-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&root);
        // Deep enough to matter, short enough for every file system's path limit.
        let mut dir = root.clone();
        for i in 0..50 {
            dir.push(format!("d{i}"));
        }
        std::fs::create_dir_all(&dir).unwrap();
        std::fs::write(dir.join("p.JSON"), "{}").unwrap();
        std::fs::write(root.join("a.yml"), "").unwrap();
        std::fs::write(root.join("z.txt"), "").unwrap();
        std::fs::write(root.join(".hidden.json"), "").unwrap();
        let files = pattern_files(&root).unwrap();
        assert_eq!(files, vec![root.join("a.yml"), dir.join("p.JSON")]);
        std::fs::remove_dir_all(&root).unwrap();
    }
}
