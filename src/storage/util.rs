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

/// What all our temporary files are named with: `.hazard-workshop-<kind>-<computer>-<pid>-<random>.tmp`.
const TEMP_PREFIX: &str = ".hazard-workshop-";
const TEMP_SUFFIX: &str = ".tmp";

/// Eight hex digits standing for this computer's name, to tell our temporary files from those
/// of another computer writing to the same shared folder.
fn machine_tag() -> String {
    hex(&sha256(machine_name().to_lowercase().as_bytes())[..4])
}

/// A new temporary file in `folder` for a write that renames it into place: named as ours, with
/// this computer and process in the name so a later clean-up can tell when its writer is gone.
/// On Unix it gets the permissions a new file normally gets (`0666` less the umask), not
/// `0600`.
pub(crate) fn temp_file_in(folder: &Path, kind: &str) -> std::io::Result<tempfile::NamedTempFile> {
    let prefix = format!(
        "{TEMP_PREFIX}{kind}-{}-{}-",
        machine_tag(),
        std::process::id()
    );
    let mut builder = tempfile::Builder::new();
    builder.prefix(&prefix).suffix(TEMP_SUFFIX);
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt as _;
        builder.permissions(std::fs::Permissions::from_mode(0o666));
    }
    builder.tempfile_in(folder)
}

/// Whether a file name is one of our temporary files, and whether its writer is known to be
/// gone: `Some(true)` when it was written on this computer by a process that no longer runs,
/// `Some(false)` when that process still runs, `None` when it cannot be told (another computer,
/// or a name from an older version).
fn temp_writer_gone(name: &str, modified: Option<std::time::SystemTime>) -> Option<bool> {
    let rest = name.strip_prefix(TEMP_PREFIX)?.strip_suffix(TEMP_SUFFIX)?;
    let mut parts = rest.split('-');
    let (_kind, machine, pid) = (parts.next()?, parts.next()?, parts.next()?);
    if machine != machine_tag() {
        return None;
    }
    let pid: u32 = pid.parse().ok()?;
    match process_alive(pid)? {
        false => Some(true),
        // The id may have been reused by a process started after the file was written.
        true => Some(
            process_started(pid)
                .zip(modified)
                .is_some_and(|(started, written)| {
                    started > written + std::time::Duration::from_secs(2)
                }),
        ),
    }
}

/// Removes our temporary files from a folder that a write killed half-way left behind: those
/// whose writer is known to be gone (written on this computer by a process that no longer
/// runs), and any older than `older_than` (no write takes that long; on a shared drive that is
/// how another computer's left-overs are told from a save in progress). Other programs' files,
/// and ours whose writer still runs, stay. Returns how many were removed.
pub(crate) fn remove_stale_temp_files(folder: &Path, older_than: std::time::Duration) -> usize {
    let Ok(listing) = std::fs::read_dir(folder) else {
        return 0;
    };
    let mut removed = 0;
    for entry in listing.filter_map(Result::ok) {
        let name = entry.file_name();
        let Some(name) = name.to_str() else { continue };
        if !(name.starts_with(TEMP_PREFIX) && name.ends_with(TEMP_SUFFIX)) {
            continue;
        }
        let modified = entry.metadata().and_then(|m| m.modified()).ok();
        let old = modified
            .and_then(|t| t.elapsed().ok())
            .is_some_and(|age| age > older_than);
        let stale = old || temp_writer_gone(name, modified) == Some(true);
        if stale && std::fs::remove_file(entry.path()).is_ok() {
            removed += 1;
        }
    }
    removed
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
            // A process that has ended but not been reaped yet still takes signals.
            #[cfg(target_os = "linux")]
            if linux_proc_stat(pid as u32).is_some_and(|stat| stat.state == 'Z') {
                return Some(false);
            }
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

/// When the process with this id started, where the system says (Linux); `None` elsewhere.
pub(crate) fn process_started(pid: u32) -> Option<std::time::SystemTime> {
    #[cfg(target_os = "linux")]
    {
        let start_ticks = linux_proc_stat(pid)?.start_ticks;
        let boot_secs: u64 = std::fs::read_to_string("/proc/stat")
            .ok()?
            .lines()
            .find_map(|line| line.strip_prefix("btime ")?.trim().parse().ok())?;
        // SAFETY: sysconf has no preconditions.
        let ticks_per_sec = u64::try_from(unsafe { libc::sysconf(libc::_SC_CLK_TCK) })
            .ok()
            .filter(|&t| t > 0)?;
        let since_boot = std::time::Duration::from_millis(start_ticks * 1000 / ticks_per_sec);
        Some(std::time::UNIX_EPOCH + std::time::Duration::from_secs(boot_secs) + since_boot)
    }
    #[cfg(not(target_os = "linux"))]
    {
        let _ = pid;
        None
    }
}

#[cfg(target_os = "linux")]
pub(crate) struct ProcStat {
    /// `R` running, `S` sleeping, `Z` ended but not yet reaped (a zombie), …
    pub(crate) state: char,
    start_ticks: u64,
}

/// The state and start time (clock ticks after boot) from `/proc/<pid>/stat`.
#[cfg(target_os = "linux")]
pub(crate) fn linux_proc_stat(pid: u32) -> Option<ProcStat> {
    let text = std::fs::read_to_string(format!("/proc/{pid}/stat")).ok()?;
    // The command name is in parentheses and may hold spaces: the fields follow the last ')'.
    let after = &text[text.rfind(')')? + 1..];
    let mut fields = after.split_whitespace();
    let state = fields.next()?.chars().next()?;
    // Field 22 of the whole line is the start time; the state was field 3.
    let start_ticks = fields.nth(22 - 4)?.parse().ok()?;
    Some(ProcStat { state, start_ticks })
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

    #[cfg(unix)]
    #[test]
    fn temporary_files_of_a_process_that_is_gone_are_removed_at_once() {
        let dir = tempfile::tempdir().unwrap();
        let mut child = std::process::Command::new("true").spawn().unwrap();
        let dead = child.id();
        child.wait().unwrap();
        let name = |machine: &str, pid: u32| {
            dir.path()
                .join(format!(".hazard-workshop-save-{machine}-{pid}-AbC123.tmp"))
        };
        let of_dead = name(&machine_tag(), dead);
        let of_ours = name(&machine_tag(), std::process::id());
        let other_computer = name("0badf00d", dead);
        for path in [&of_dead, &of_ours, &other_computer] {
            std::fs::write(path, "x").unwrap();
        }
        let live = temp_file_in(dir.path(), "save").unwrap();
        assert_eq!(
            remove_stale_temp_files(dir.path(), std::time::Duration::from_secs(3600)),
            1
        );
        assert!(!of_dead.exists(), "its writer is gone");
        assert!(
            of_ours.exists(),
            "a write of this process may be in progress"
        );
        assert!(other_computer.exists(), "another computer's: only by age");
        assert!(live.path().exists());
    }

    #[cfg(unix)]
    #[test]
    fn a_new_temporary_file_gets_ordinary_permissions() {
        use std::os::unix::fs::PermissionsExt as _;
        let dir = tempfile::tempdir().unwrap();
        let file = temp_file_in(dir.path(), "save").unwrap();
        // SAFETY: umask has no preconditions; set back at once.
        let umask = unsafe {
            let old = libc::umask(0o022);
            libc::umask(old);
            old
        };
        let mode = file.as_file().metadata().unwrap().permissions().mode() & 0o777;
        assert_eq!(mode, 0o666 & !(umask as u32), "umask {umask:o}");
    }

    #[test]
    fn names_are_never_empty() {
        assert!(!user_name().is_empty());
        assert!(!machine_name().is_empty());
    }
}
