//! Hard errors → a code and a message. Only unreadable input is an error; everything the analysis
//! cannot find is a `null` plus a diagnostic in the Report.

use std::fmt;

/// Machine-readable reason, stable across versions (crosses to JS as `error.code`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum ErrorCode {
    /// A container this version cannot read (e.g. .docx before its reader lands).
    UnsupportedFormat,
    /// Bytes that are not text in any supported encoding (an image, an executable…).
    BinaryInput,
    /// Larger than [`crate::limits::MAX_INPUT_BYTES`], or a container that would expand past
    /// its limits (zip bomb, too many objects).
    InputTooLarge,
    /// A container whose structure is broken (truncated zip, bad PDF cross-reference, bad CFB).
    CorruptFile,
    /// A password-protected / encrypted document.
    EncryptedFile,
    /// Options that are not an object of known keys with the right types.
    InvalidOptions,
    /// Input of the wrong type (JS: neither a string nor a Uint8Array).
    InvalidInput,
    /// A bug: a panic inside the parser, caught at the boundary.
    Internal,
}

impl ErrorCode {
    /// The code string: `UNSUPPORTED_FORMAT`, `BINARY_INPUT`…
    pub fn as_str(self) -> &'static str {
        match self {
            ErrorCode::UnsupportedFormat => "UNSUPPORTED_FORMAT",
            ErrorCode::BinaryInput => "BINARY_INPUT",
            ErrorCode::InputTooLarge => "INPUT_TOO_LARGE",
            ErrorCode::CorruptFile => "CORRUPT_FILE",
            ErrorCode::EncryptedFile => "ENCRYPTED_FILE",
            ErrorCode::InvalidOptions => "INVALID_OPTIONS",
            ErrorCode::InvalidInput => "INVALID_INPUT",
            ErrorCode::Internal => "INTERNAL",
        }
    }
}

/// Why the input could not be parsed at all.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Error {
    code: ErrorCode,
    message: String,
}

impl Error {
    /// A new error.
    pub fn new(code: ErrorCode, message: impl Into<String>) -> Self {
        Error { code, message: message.into() }
    }

    /// The machine-readable code.
    pub fn code(&self) -> ErrorCode {
        self.code
    }

    /// The human message (Vietnamese, then English in parentheses).
    pub fn message(&self) -> &str {
        &self.message
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.message)
    }
}

impl std::error::Error for Error {}

/// Result with [`Error`].
pub type Result<T> = std::result::Result<T, Error>;
