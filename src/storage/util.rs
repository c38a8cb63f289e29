//! Small helpers shared by the storage modules.

use std::path::{Path, PathBuf};

use sha2::{Digest, Sha256};

/// SHA-256 of `bytes`.
pub(crate) fn sha256(bytes: &[u8]) -> [u8; 32] {
    Sha256::digest(bytes).into()
}

pub(crate) fn hex(bytes: &[u8]) -> String {
    use std::fmt::Write as _;
    bytes.iter().fold(String::new(), |mut out, b| {
        let _ = write!(out, "{b:02x}");
        out
    })
}

/// The path made absolute and, where it exists, with links resolved, so that two spellings of
/// one file give one answer.
pub(crate) fn normalised(path: &Path) -> PathBuf {
    if let Ok(canonical) = std::fs::canonicalize(path) {
        return canonical;
    }
    // A file not yet saved: resolve its folder, keep its name.
    if let (Some(parent), Some(name)) = (path.parent(), path.file_name())
        && let Ok(folder) = std::fs::canonicalize(if parent.as_os_str().is_empty() {
            Path::new(".")
        } else {
            parent
        })
    {
        return folder.join(name);
    }
    std::path::absolute(path).unwrap_or_else(|_| path.to_path_buf())
}

/// A short, stable, file-name-safe hash of a file's location (the first 16 hex digits of the
/// SHA-256 of its normalised path).
pub(crate) fn path_hash(path: &Path) -> String {
    let normal = normalised(path);
    let hash = sha256(normal.as_os_str().as_encoded_bytes());
    hex(&hash[..8])
}

/// Removes our temporary files (`.hazard-workshop-….tmp`) older than `older_than` from a folder:
/// what a write killed half-way leaves behind. Younger ones may be another save in progress (on a
/// shared drive, someone else's), so they stay.
pub(crate) fn remove_stale_temp_files(folder: &Path, older_than: std::time::Duration) {
    let Ok(listing) = std::fs::read_dir(folder) else {
        return;
    };
    for entry in listing.filter_map(Result::ok) {
        let name = entry.file_name();
        let Some(name) = name.to_str() else { continue };
        if !(name.starts_with(".hazard-workshop-") && name.ends_with(".tmp")) {
            continue;
        }
        let old = entry
            .metadata()
            .and_then(|m| m.modified())
            .ok()
            .and_then(|t| t.elapsed().ok())
            .is_some_and(|age| age > older_than);
        if old {
            let _ = std::fs::remove_file(entry.path());
        }
    }
}

/// The user's login name, from the environment (`USERNAME` on Windows, `USER`/`LOGNAME`
/// elsewhere).
pub(crate) fn user_name() -> String {
    ["USERNAME", "USER", "LOGNAME"]
        .iter()
        .find_map(|var| std::env::var(var).ok().filter(|v| !v.trim().is_empty()))
        .unwrap_or_else(|| "unknown user".to_owned())
}

/// This computer's name: `COMPUTERNAME` on Windows; `HOSTNAME`, `gethostname()` or
/// `/etc/hostname` elsewhere.
pub(crate) fn machine_name() -> String {
    if let Some(name) = ["COMPUTERNAME", "HOSTNAME"]
        .iter()
        .find_map(|var| std::env::var(var).ok().filter(|v| !v.trim().is_empty()))
    {
        return name.trim().to_owned();
    }
    #[cfg(unix)]
    {
        let mut buffer = [0u8; 256];
        // SAFETY: the buffer is valid for its length; gethostname writes at most that many bytes.
        let result = unsafe { libc::gethostname(buffer.as_mut_ptr().cast(), buffer.len()) };
        if result == 0 {
            let end = buffer.iter().position(|&b| b == 0).unwrap_or(buffer.len());
            let name = String::from_utf8_lossy(&buffer[..end]).trim().to_owned();
            if !name.is_empty() {
                return name;
            }
        }
    }
    std::fs::read_to_string("/etc/hostname")
        .ok()
        .map(|s| s.trim().to_owned())
        .filter(|s| !s.is_empty())
        .unwrap_or_else(|| "unknown computer".to_owned())
}

/// Whether a process with this id is running on this computer: `None` when it cannot be told.
pub(crate) fn process_alive(pid: u32) -> Option<bool> {
    if pid == std::process::id() {
        return Some(true);
    }
    #[cfg(unix)]
    {
        let Ok(pid) = libc::pid_t::try_from(pid) else {
            return Some(false);
        };
        if pid <= 0 {
            return Some(false);
        }
        // SAFETY: signal 0 only checks that the process exists and may be signalled.
        let result = unsafe { libc::kill(pid, 0) };
        if result == 0 {
            return Some(true);
        }
        return match std::io::Error::last_os_error().raw_os_error() {
            Some(libc::ESRCH) => Some(false),
            // EPERM: it exists but belongs to someone else.
            Some(libc::EPERM) => Some(true),
            _ => None,
        };
    }
    #[cfg(windows)]
    {
        use windows_sys::Win32::Foundation::{CloseHandle, ERROR_INVALID_PARAMETER, STILL_ACTIVE};
        use windows_sys::Win32::System::Threading::{
            GetExitCodeProcess, OpenProcess, PROCESS_QUERY_LIMITED_INFORMATION,
        };
        // SAFETY: plain Win32 calls; the handle is closed before returning.
        unsafe {
            let handle = OpenProcess(PROCESS_QUERY_LIMITED_INFORMATION, 0, pid);
            if handle.is_null() {
                let code = std::io::Error::last_os_error().raw_os_error();
                return if code == Some(ERROR_INVALID_PARAMETER as i32) {
                    Some(false)
                } else {
                    // Access denied and the like: it exists.
                    Some(true)
                };
            }
            let mut exit_code = 0u32;
            let ok = GetExitCodeProcess(handle, &mut exit_code);
            CloseHandle(handle);
            if ok == 0 {
                return None;
            }
            return Some(exit_code == STILL_ACTIVE as u32);
        }
    }
    #[allow(unreachable_code)]
    None
}

/// Whether the running process is root, for tests that need permissions to bite.
#[cfg(all(test, unix))]
pub(crate) fn is_root() -> bool {
    // SAFETY: geteuid has no preconditions.
    unsafe { libc::geteuid() == 0 }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sha256_matches_the_standard_test_vector() {
        assert_eq!(
            hex(&sha256(b"abc")),
            "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
        );
    }

    #[test]
    fn two_spellings_of_one_path_hash_the_same() {
        let dir = tempfile::tempdir().unwrap();
        let a = dir.path().join("log.hazlog");
        let b = dir.path().join(".").join("log.hazlog");
        assert_eq!(path_hash(&a), path_hash(&b));
        std::fs::write(&a, "x").unwrap();
        assert_eq!(path_hash(&a), path_hash(&b));
        assert_ne!(path_hash(&a), path_hash(&dir.path().join("other.hazlog")));
        assert_eq!(path_hash(&a).len(), 16);
    }

    #[cfg(unix)]
    #[test]
    fn this_process_is_alive_and_a_reaped_child_is_not() {
        assert_eq!(process_alive(std::process::id()), Some(true));
        let mut child = std::process::Command::new("true").spawn().unwrap();
        let pid = child.id();
        child.wait().unwrap();
        assert_eq!(process_alive(pid), Some(false));
    }

    #[test]
    fn only_old_temporary_files_of_ours_are_removed() {
        let dir = tempfile::tempdir().unwrap();
        let old = dir.path().join(".hazard-workshop-abc.tmp");
        let young = dir.path().join(".hazard-workshop-def.tmp");
        let other = dir.path().join(".other-app.tmp");
        for path in [&old, &young, &other] {
            std::fs::write(path, "x").unwrap();
        }
        let an_hour_ago = std::time::SystemTime::now() - std::time::Duration::from_secs(7200);
        for path in [&old, &other] {
            std::fs::File::options()
                .write(true)
                .open(path)
                .unwrap()
                .set_modified(an_hour_ago)
                .unwrap();
        }
        remove_stale_temp_files(dir.path(), std::time::Duration::from_secs(3600));
        assert!(!old.exists());
        assert!(young.exists());
        assert!(other.exists());
    }

    #[test]
    fn names_are_never_empty() {
        assert!(!user_name().is_empty());
        assert!(!machine_name().is_empty());
    }
}
