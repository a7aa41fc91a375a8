//! Read-ahead: asks the kernel to start reading the next files into its
//! page cache while the current ones are being understood.
//!
//! A folder of documents read cold costs one disk request per small file,
//! each waited for by the worker that needs it, while the core it runs on
//! idles. Told about a run of files at once (`posix_fadvise(WILLNEED)`, one
//! call per file, from a thread of its own), the kernel queues their reads
//! together and merges the neighbours: on the 100,000-file generated corpus
//! (1.2 GB, cold page cache, a virtio disk) reading every file took 14.7 s
//! and 8.0 s of kernel CPU one after another, and 4.5 s and 4.0 s with the
//! whole list advised first (`bench/RESULTS.md`).
//!
//! Must never: read a file's contents itself, open anything but a regular
//! file within the size limit (opening a FIFO blocks), hold up the workers
//! (they never wait for it), or report an error: the real read reports it.

use std::path::{Path, PathBuf};
use std::sync::mpsc;

/// A thread that advises the kernel of files about to be read, in the order
/// given. Dropping the handle lets the thread finish what it was given and
/// end; nobody waits for it (a file on a hung mount must not hold up the run).
struct ReadAhead {
    files: Option<mpsc::Sender<Vec<PathBuf>>>,
}

impl ReadAhead {
    /// Starts the thread. Files larger than `max_file_size` are not
    /// advised (they are refused unread). Where the platform has no
    /// `posix_fadvise`, or no thread can be started, advice is a no-op.
    fn start(max_file_size: u64) -> ReadAhead {
        if !SUPPORTED {
            return ReadAhead { files: None };
        }
        let (tx, rx) = mpsc::channel::<Vec<PathBuf>>();
        let spawned = std::thread::Builder::new().name("vanban-readahead".into()).spawn(move || {
            for run in rx {
                for path in &run {
                    advise_file(path, max_file_size);
                }
            }
        });
        ReadAhead { files: spawned.ok().map(|_| tx) }
    }

    /// Queues `paths` for advice, after those queued before; returns at once.
    fn advise<'a>(&self, paths: impl IntoIterator<Item = &'a Path>) {
        if let Some(tx) = &self.files {
            // A closed channel means the thread is gone: advice is only a hint.
            let _ = tx.send(paths.into_iter().map(Path::to_path_buf).collect());
        }
    }
}

/// `chunks` in order, the kernel advised of each chunk's files (`paths`)
/// when the chunk before it is handed out (of the first chunk's at once): while
/// one chunk is read and understood, the next is on its way into the page
/// cache. Dropping the iterator lets the advising thread finish what it
/// was given and end.
pub fn ahead_of<C>(
    chunks: impl Iterator<Item = C>,
    max_file_size: u64,
    paths: impl Fn(&C) -> Vec<&Path>,
) -> impl Iterator<Item = C> {
    let readahead = ReadAhead::start(max_file_size);
    let mut chunks = chunks.peekable();
    if let Some(first) = chunks.peek() {
        readahead.advise(paths(first));
    }
    std::iter::from_fn(move || {
        let chunk = chunks.next()?;
        if let Some(next) = chunks.peek() {
            readahead.advise(paths(next));
        }
        Some(chunk)
    })
}

/// Whether this platform can advise the kernel of reads to come.
const SUPPORTED: bool = cfg!(any(target_os = "linux", target_os = "android", target_os = "freebsd"));

/// Asks the kernel to read `path` into its page cache, if it is a regular
/// file of at most `max_file_size` bytes; returns whether advice was given.
/// Errors are ignored: the file's real read names them.
pub fn advise_file(path: &Path, max_file_size: u64) -> bool {
    match std::fs::metadata(path) {
        Ok(meta) if meta.is_file() && meta.len() <= max_file_size && meta.len() > 0 => fadvise_willneed(path),
        _ => false,
    }
}

#[cfg(any(target_os = "linux", target_os = "android", target_os = "freebsd"))]
fn fadvise_willneed(path: &Path) -> bool {
    use std::os::fd::AsRawFd;
    use std::os::unix::fs::OpenOptionsExt;
    // O_NONBLOCK: should the file have become a FIFO since it was looked at,
    // opening it must not wait for a writer.
    let Ok(file) = std::fs::OpenOptions::new().read(true).custom_flags(libc::O_NONBLOCK).open(path) else {
        return false;
    };
    // SAFETY: the descriptor is open for the duration of the call (`file`
    // owns it); offset 0 and length 0 mean the whole file.
    unsafe { libc::posix_fadvise(file.as_raw_fd(), 0, 0, libc::POSIX_FADV_WILLNEED) == 0 }
}

#[cfg(not(any(target_os = "linux", target_os = "android", target_os = "freebsd")))]
fn fadvise_willneed(_path: &Path) -> bool {
    false
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn advises_regular_files_within_the_limit_only() {
        let dir = tempfile::tempdir().unwrap();
        let small = dir.path().join("a.txt");
        std::fs::write(&small, "Thủ tướng Chính phủ").unwrap();
        let empty = dir.path().join("empty.txt");
        std::fs::write(&empty, "").unwrap();
        assert_eq!(advise_file(&small, 1 << 20), SUPPORTED);
        assert!(!advise_file(&small, 4), "a file over the limit is refused unread, so it is not advised");
        assert!(!advise_file(&empty, 1 << 20));
        assert!(!advise_file(dir.path(), 1 << 20), "a folder is not a file");
        assert!(!advise_file(&dir.path().join("missing.txt"), 1 << 20));
    }

    #[cfg(target_os = "linux")]
    #[test]
    fn never_opens_a_fifo() {
        let dir = tempfile::tempdir().unwrap();
        let fifo = dir.path().join("pipe");
        let name = std::ffi::CString::new(fifo.as_os_str().as_encoded_bytes()).unwrap();
        // SAFETY: a valid NUL-terminated path.
        assert_eq!(unsafe { libc::mkfifo(name.as_ptr(), 0o600) }, 0);
        // Opening a FIFO for reading without a writer would block forever.
        assert!(!advise_file(&fifo, 1 << 20));
    }

    #[test]
    fn hands_out_every_chunk_in_order_and_asks_for_each_chunks_paths() {
        let dir = tempfile::tempdir().unwrap();
        let files: Vec<PathBuf> = (0..5).map(|i| dir.path().join(format!("{i}.txt"))).collect();
        for f in &files[..4] {
            std::fs::write(f, "Bộ Tài chính").unwrap();
        }
        // Missing files (the last) are skipped by the advice, not by the chunks.
        let chunks: Vec<Vec<PathBuf>> = files.chunks(2).map(<[PathBuf]>::to_vec).collect();
        let asked = std::cell::RefCell::new(Vec::new());
        let out: Vec<Vec<PathBuf>> = ahead_of(chunks.clone().into_iter(), 1 << 20, |c: &Vec<PathBuf>| {
            asked.borrow_mut().push(c[0].clone());
            c.iter().map(PathBuf::as_path).collect()
        })
        .collect();
        assert_eq!(out, chunks);
        let firsts: Vec<PathBuf> = chunks.iter().map(|c| c[0].clone()).collect();
        assert_eq!(*asked.borrow(), firsts, "each chunk advised once, in order");
        assert_eq!(ahead_of(std::iter::empty::<Vec<PathBuf>>(), 1, |_| Vec::new()).count(), 0);
    }
}
