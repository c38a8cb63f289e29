//! Where the app keeps its own files, in the platform's standard folders (XDG on Linux,
//! `%APPDATA%` on Windows, `~/Library` on macOS).

use std::path::PathBuf;

use directories::ProjectDirs;

/// No organisation or qualifier: the folders are plain `hazard-workshop`, the same folder eframe
/// keeps the window settings in (its app id).
fn dirs() -> Option<ProjectDirs> {
    ProjectDirs::from("", "", "hazard-workshop")
}

/// Settings (recent files, layout, theme).
pub fn config_dir() -> Option<PathBuf> {
    dirs().map(|d| d.config_dir().to_path_buf())
}

/// Recovery journal and backups.
pub fn data_dir() -> Option<PathBuf> {
    dirs().map(|d| d.data_dir().to_path_buf())
}

/// Serde for paths that keeps every path exactly, including one that is not valid Unicode (a
/// Linux file name in another encoding, `x\xff.hazlog`), which serde's own `PathBuf` support
/// refuses to write. A Unicode path is stored as plain text, as before, so existing settings and
/// journals read the same; any other path is stored as the list of its raw units (bytes on
/// Unix, UTF-16 units on Windows), which only the same kind of system reads back.
///
/// Use with `#[serde(with = "…::lossless")]` on a `PathBuf`, `lossless::option` on an
/// `Option<PathBuf>` and `lossless::list` on a `Vec<PathBuf>`.
pub mod lossless {
    use std::ffi::OsString;
    use std::path::{Path, PathBuf};

    use serde::{Deserialize, Deserializer, Serialize, Serializer};

    #[cfg(windows)]
    type RawUnit = u16;
    #[cfg(not(windows))]
    type RawUnit = u8;

    /// How one path is stored: text when it is Unicode, raw units otherwise.
    #[derive(Serialize, Deserialize)]
    #[serde(untagged)]
    enum Stored {
        Text(String),
        Raw(Vec<RawUnit>),
    }

    fn to_stored(path: &Path) -> Stored {
        if let Some(text) = path.to_str() {
            return Stored::Text(text.to_owned());
        }
        #[cfg(unix)]
        {
            use std::os::unix::ffi::OsStrExt as _;
            Stored::Raw(path.as_os_str().as_bytes().to_vec())
        }
        #[cfg(windows)]
        {
            use std::os::windows::ffi::OsStrExt as _;
            Stored::Raw(path.as_os_str().encode_wide().collect())
        }
        #[cfg(not(any(unix, windows)))]
        {
            Stored::Text(path.to_string_lossy().into_owned())
        }
    }

    fn from_stored(stored: Stored) -> PathBuf {
        match stored {
            Stored::Text(text) => PathBuf::from(text),
            #[cfg(unix)]
            Stored::Raw(units) => {
                use std::os::unix::ffi::OsStringExt as _;
                PathBuf::from(OsString::from_vec(units))
            }
            #[cfg(windows)]
            Stored::Raw(units) => {
                use std::os::windows::ffi::OsStringExt as _;
                PathBuf::from(OsString::from_wide(&units))
            }
            #[cfg(not(any(unix, windows)))]
            Stored::Raw(units) => PathBuf::from(String::from_utf8_lossy(&units).into_owned()),
        }
    }

    /// One path, as a field's `serialize_with`/`deserialize_with` pair.
    struct Lossless(PathBuf);

    impl Serialize for Lossless {
        fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
            to_stored(&self.0).serialize(serializer)
        }
    }

    impl<'de> Deserialize<'de> for Lossless {
        fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
            Stored::deserialize(deserializer).map(|stored| Lossless(from_stored(stored)))
        }
    }

    pub fn serialize<S: Serializer>(path: &Path, serializer: S) -> Result<S::Ok, S::Error> {
        to_stored(path).serialize(serializer)
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(deserializer: D) -> Result<PathBuf, D::Error> {
        Lossless::deserialize(deserializer).map(|p| p.0)
    }

    /// For an `Option<PathBuf>`.
    pub mod option {
        use super::*;

        pub fn serialize<S: Serializer>(
            path: &Option<PathBuf>,
            serializer: S,
        ) -> Result<S::Ok, S::Error> {
            path.as_deref()
                .map(|p| Lossless(p.to_path_buf()))
                .serialize(serializer)
        }

        pub fn deserialize<'de, D: Deserializer<'de>>(
            deserializer: D,
        ) -> Result<Option<PathBuf>, D::Error> {
            Ok(Option::<Lossless>::deserialize(deserializer)?.map(|p| p.0))
        }
    }

    /// For a `Vec<PathBuf>`.
    pub mod list {
        use super::*;

        pub fn serialize<S: Serializer>(
            paths: &[PathBuf],
            serializer: S,
        ) -> Result<S::Ok, S::Error> {
            serializer.collect_seq(paths.iter().map(|p| Lossless(p.clone())))
        }

        pub fn deserialize<'de, D: Deserializer<'de>>(
            deserializer: D,
        ) -> Result<Vec<PathBuf>, D::Error> {
            Ok(Vec::<Lossless>::deserialize(deserializer)?
                .into_iter()
                .map(|p| p.0)
                .collect())
        }
    }
}

#[cfg(test)]
mod tests {
    use std::path::PathBuf;

    use serde::{Deserialize, Serialize};

    #[derive(Debug, PartialEq, Serialize, Deserialize)]
    struct Holder {
        #[serde(with = "super::lossless")]
        one: PathBuf,
        #[serde(with = "super::lossless::option", default)]
        maybe: Option<PathBuf>,
        #[serde(with = "super::lossless::list", default)]
        many: Vec<PathBuf>,
    }

    /// A path that is not valid Unicode, as a Linux file system allows.
    #[cfg(unix)]
    pub(crate) fn non_unicode_path() -> PathBuf {
        use std::os::unix::ffi::OsStringExt as _;
        PathBuf::from(std::ffi::OsString::from_vec(b"/tmp/x\xff.hazlog".to_vec()))
    }

    #[cfg(unix)]
    #[test]
    fn a_path_that_is_not_unicode_round_trips_exactly() {
        let holder = Holder {
            one: non_unicode_path(),
            maybe: Some(non_unicode_path()),
            many: vec![PathBuf::from("/logs/a.hazlog"), non_unicode_path()],
        };
        let text = ron::ser::to_string_pretty(&holder, Default::default()).unwrap();
        assert_eq!(ron::from_str::<Holder>(&text).unwrap(), holder, "{text}");
    }

    #[test]
    fn a_unicode_path_is_stored_as_plain_text_as_before() {
        let holder = Holder {
            one: PathBuf::from("/logs/Ward 7 – log.hazlog"),
            maybe: None,
            many: vec![],
        };
        let text = ron::to_string(&holder).unwrap();
        assert!(text.contains("\"/logs/Ward 7 – log.hazlog\""), "{text}");
        // What serde's own PathBuf support wrote reads back the same.
        let old = "(one: \"/a.hazlog\", maybe: Some(\"/b.hazlog\"), many: [\"/c.hazlog\"])";
        let read: Holder = ron::from_str(old).unwrap();
        assert_eq!(read.maybe, Some(PathBuf::from("/b.hazlog")));
        assert_eq!(read.many, [PathBuf::from("/c.hazlog")]);
    }
}
