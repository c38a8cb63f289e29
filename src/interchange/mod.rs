//! Documents and files exchanged with the world outside the app. No egui here.

pub mod minutes;
