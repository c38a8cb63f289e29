//! Compact, immutable text inside the project file: RON deflated and base64-encoded, shared
//! rather than copied when the project is. Baselines and sealed history chunks are stored so.

use std::io::{Read as _, Write as _};
use std::sync::Arc;

use base64::Engine as _;
use base64::engine::general_purpose::STANDARD;
use flate2::Compression;
use flate2::read::DeflateDecoder;
use flate2::write::DeflateEncoder;
use serde::de::DeserializeOwned;
use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// The largest text a packed value may expand to: more is a damaged or hostile file.
const MAX_UNPACKED_BYTES: u64 = 512 * 1024 * 1024;

/// Deflated, base64-encoded text. Cloning shares it.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Packed(Arc<str>);

/// Why packed text could not be read back.
#[derive(Debug, thiserror::Error)]
pub enum UnpackError {
    #[error("the stored text is not valid base64: {0}")]
    Base64(#[from] base64::DecodeError),
    #[error("the stored text does not inflate: {0}")]
    Inflate(std::io::Error),
    #[error("the stored text expands to more than {} MB", MAX_UNPACKED_BYTES / (1024 * 1024))]
    TooLarge,
    #[error("the stored text is not UTF-8")]
    NotUtf8,
    #[error("the stored record does not read: {0}")]
    Ron(#[from] ron::error::SpannedError),
}

impl Packed {
    pub fn pack_text(text: &str) -> Packed {
        let mut encoder = DeflateEncoder::new(Vec::new(), Compression::default());
        encoder
            .write_all(text.as_bytes())
            .expect("writing to memory cannot fail");
        let bytes = encoder.finish().expect("writing to memory cannot fail");
        Packed(STANDARD.encode(bytes).into())
    }

    pub fn unpack_text(&self) -> Result<String, UnpackError> {
        let bytes = STANDARD.decode(self.0.as_bytes())?;
        let mut text = Vec::new();
        DeflateDecoder::new(bytes.as_slice())
            .take(MAX_UNPACKED_BYTES + 1)
            .read_to_end(&mut text)
            .map_err(UnpackError::Inflate)?;
        if text.len() as u64 > MAX_UNPACKED_BYTES {
            return Err(UnpackError::TooLarge);
        }
        String::from_utf8(text).map_err(|_| UnpackError::NotUtf8)
    }

    /// `value` as compact RON, packed.
    pub fn pack<T: Serialize>(value: &T) -> Packed {
        Packed::pack_text(&to_ron(value))
    }

    pub fn unpack<T: DeserializeOwned>(&self) -> Result<T, UnpackError> {
        Ok(ron::from_str(&self.unpack_text()?)?)
    }

    /// The stored (encoded) size in bytes.
    pub fn stored_len(&self) -> usize {
        self.0.len()
    }
}

/// Compact RON: one canonical text per value (fields in declaration order, lists in order).
pub fn to_ron<T: Serialize>(value: &T) -> String {
    ron::to_string(value).expect("model values always serialise")
}

impl Serialize for Packed {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(&self.0)
    }
}

impl<'de> Deserialize<'de> for Packed {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let text = String::deserialize(deserializer)?;
        Ok(Packed(text.into()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_round_trips_and_shrinks() {
        let text = "Wrong patient selected. ".repeat(200);
        let packed = Packed::pack_text(&text);
        assert_eq!(packed.unpack_text().unwrap(), text);
        assert!(
            packed.stored_len() < text.len() / 10,
            "{}",
            packed.stored_len()
        );
    }

    #[test]
    fn damaged_text_is_an_error_not_a_panic() {
        assert!(Packed("not base64 !".into()).unpack_text().is_err());
        assert!(
            Packed(STANDARD.encode(b"not deflate").into())
                .unpack_text()
                .is_err()
        );
    }

    #[test]
    fn values_round_trip_through_ron() {
        let value = vec![("a".to_owned(), 1u32), ("b".to_owned(), 2)];
        let back: Vec<(String, u32)> = Packed::pack(&value).unpack().unwrap();
        assert_eq!(back, value);
    }
}
