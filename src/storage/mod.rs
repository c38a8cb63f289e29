//! Everything that touches the disk: the project file, settings and the standard folders, and
//! the safety net around them (recovery journal, rolling backups, safe save, lock files).

pub mod backup;
pub mod lock;
pub mod migrate;
pub mod paths;
pub mod project_file;
pub mod recovery;
pub mod ron_tree;
pub mod save;
mod util;
