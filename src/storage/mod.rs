//! Everything that touches the disk: the project file, settings and the standard folders.

pub mod paths;
pub mod project_file;
