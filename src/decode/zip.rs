//! ZIP archive bytes → named entries, inflated on demand (the container of .docx and other OOXML).
//!
//! A deliberately small reader: the end-of-central-directory record (searched in the last 64 KB),
//! the central directory, local headers, and entries that are stored or deflated. Zip64 and
//! multi-disk archives are refused ([`ErrorCode::UnsupportedFormat`]); encrypted entries give
//! [`ErrorCode::EncryptedFile`]; a broken structure gives [`ErrorCode::CorruptFile`]. Untrusted
//! input is bounded: at most [`MAX_CONTAINER_ENTRIES`] entries, and at most
//! [`MAX_EXPANDED_BYTES`] inflated in total over the life of an [`Archive`] (a zip bomb gets
//! [`ErrorCode::InputTooLarge`]). CRC-32 is checked on every entry read.
//!
//! Entry names are compared exactly (case-sensitively), as OOXML requires.

use std::collections::HashMap;

use crate::limits::{MAX_CONTAINER_ENTRIES, MAX_EXPANDED_BYTES};
use crate::{Error, ErrorCode, Result};

/// Bounds applied while reading an archive.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Limits {
    /// Most entries accepted in the central directory.
    pub max_entries: usize,
    /// Most bytes inflated in total, over every entry read from the archive.
    pub max_expanded: usize,
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            max_entries: MAX_CONTAINER_ENTRIES,
            max_expanded: MAX_EXPANDED_BYTES,
        }
    }
}

/// One entry of the central directory.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entry {
    /// Name as stored (UTF-8 when the archive says so, else read as Latin-1).
    pub name: String,
    /// Compression method: 0 stored, 8 deflate.
    pub method: u16,
    /// General-purpose flags (bit 0: encrypted).
    pub flags: u16,
    /// CRC-32 of the uncompressed data.
    pub crc32: u32,
    /// Size of the stored (compressed) data.
    pub compressed_size: u32,
    /// Size once inflated, as declared.
    pub size: u32,
    /// Offset of the local header from the start of the archive.
    local_offset: usize,
}

impl Entry {
    /// True when the entry is encrypted (traditional PKWARE, strong or AES encryption).
    pub fn is_encrypted(&self) -> bool {
        self.flags & 0x0001 != 0 || self.flags & 0x0040 != 0 || self.method == 99
    }
}

/// A ZIP archive opened over borrowed bytes.
#[derive(Debug)]
pub struct Archive<'a> {
    data: &'a [u8],
    entries: Vec<Entry>,
    /// Name → index of its first entry.
    index: HashMap<String, usize>,
    limits: Limits,
    expanded: usize,
}

const EOCD_SIG: u32 = 0x0605_4b50;
const ZIP64_LOCATOR_SIG: u32 = 0x0706_4b50;
const CENTRAL_SIG: u32 = 0x0201_4b50;
const LOCAL_SIG: u32 = 0x0403_4b50;
const EOCD_LEN: usize = 22;
const CENTRAL_LEN: usize = 46;
const LOCAL_LEN: usize = 30;
/// The EOCD record may be followed by a comment of at most 65,535 bytes.
const EOCD_SEARCH: usize = EOCD_LEN + 0xFFFF;

fn corrupt(what: &str) -> Error {
    Error::new(
        ErrorCode::CorruptFile,
        format!("Tệp nén ZIP bị hỏng: {what} (corrupt zip)"),
    )
}

fn u16_at(b: &[u8], at: usize) -> Option<u16> {
    let s = b.get(at..at.checked_add(2)?)?;
    Some(u16::from_le_bytes([s[0], s[1]]))
}

fn u32_at(b: &[u8], at: usize) -> Option<u32> {
    let s = b.get(at..at.checked_add(4)?)?;
    Some(u32::from_le_bytes([s[0], s[1], s[2], s[3]]))
}

impl<'a> Archive<'a> {
    /// Opens an archive with the default [`Limits`].
    ///
    /// # Errors
    /// [`ErrorCode::CorruptFile`] when no valid central directory is found,
    /// [`ErrorCode::UnsupportedFormat`] for zip64 or multi-disk archives,
    /// [`ErrorCode::InputTooLarge`] past [`MAX_CONTAINER_ENTRIES`] entries.
    pub fn open(data: &'a [u8]) -> Result<Self> {
        Self::open_with_limits(data, Limits::default())
    }

    /// Opens an archive with the given limits.
    ///
    /// # Errors
    /// As [`Archive::open`].
    pub fn open_with_limits(data: &'a [u8], limits: Limits) -> Result<Self> {
        let eocd = find_eocd(data).ok_or_else(|| {
            corrupt("không tìm thấy thư mục trung tâm, tệp có thể bị cắt cụt (no end of central directory; truncated?)")
        })?;
        let field16 = |off: usize| u16_at(data, eocd + off).unwrap_or(0);
        let disk = field16(4);
        let cd_disk = field16(6);
        let count_here = field16(8);
        let count = field16(10);
        let cd_size = u32_at(data, eocd + 12).unwrap_or(0);
        let cd_offset = u32_at(data, eocd + 16).unwrap_or(0);
        let zip64_locator = eocd >= 20 && u32_at(data, eocd - 20) == Some(ZIP64_LOCATOR_SIG);
        if zip64_locator || count == 0xFFFF || cd_size == 0xFFFF_FFFF || cd_offset == 0xFFFF_FFFF {
            return Err(Error::new(
                ErrorCode::UnsupportedFormat,
                "Chưa hỗ trợ tệp nén ZIP64 (unsupported format: zip64)",
            ));
        }
        if disk != 0 || cd_disk != 0 || count_here != count {
            return Err(Error::new(
                ErrorCode::UnsupportedFormat,
                "Chưa hỗ trợ tệp nén chia nhiều phần (unsupported format: multi-disk zip)",
            ));
        }
        let count = usize::from(count);
        if count > limits.max_entries {
            return Err(Error::new(
                ErrorCode::InputTooLarge,
                format!(
                    "Tệp nén có {count} mục, vượt giới hạn {} mục (input too large: too many zip entries)",
                    limits.max_entries
                ),
            ));
        }
        // Data prepended to the archive (self-extractors) shifts every offset by the same amount.
        let cd_size = cd_size as usize;
        let cd_start = eocd
            .checked_sub(cd_size)
            .ok_or_else(|| corrupt("thư mục trung tâm vượt ra ngoài tệp"))?;
        let shift = cd_start.checked_sub(cd_offset as usize).ok_or_else(|| {
            corrupt("vị trí thư mục trung tâm sai (bad central directory offset)")
        })?;

        let mut entries = Vec::with_capacity(count.min(4096));
        let mut pos = cd_start;
        for _ in 0..count {
            if u32_at(data, pos) != Some(CENTRAL_SIG) || pos + CENTRAL_LEN > eocd {
                return Err(corrupt(
                    "mục thư mục trung tâm hỏng (bad central directory entry)",
                ));
            }
            let f16 = |off: usize| u16_at(data, pos + off).unwrap_or(0);
            let f32 = |off: usize| u32_at(data, pos + off).unwrap_or(0);
            let flags = f16(8);
            let method = f16(10);
            let crc32 = f32(16);
            let compressed_size = f32(20);
            let size = f32(24);
            let name_len = usize::from(f16(28));
            let extra_len = usize::from(f16(30));
            let comment_len = usize::from(f16(32));
            let start_disk = f16(34);
            let local = f32(42);
            if start_disk != 0 && start_disk != 0xFFFF {
                return Err(Error::new(
                    ErrorCode::UnsupportedFormat,
                    "Chưa hỗ trợ tệp nén chia nhiều phần (unsupported format: multi-disk zip)",
                ));
            }
            if compressed_size == 0xFFFF_FFFF || size == 0xFFFF_FFFF || local == 0xFFFF_FFFF {
                return Err(Error::new(
                    ErrorCode::UnsupportedFormat,
                    "Chưa hỗ trợ tệp nén ZIP64 (unsupported format: zip64)",
                ));
            }
            let name_start = pos + CENTRAL_LEN;
            let name_bytes = data
                .get(name_start..name_start + name_len)
                .ok_or_else(|| corrupt("tên mục vượt ra ngoài tệp"))?;
            let name = if flags & 0x0800 != 0 {
                String::from_utf8_lossy(name_bytes).into_owned()
            } else {
                name_bytes.iter().map(|&b| char::from(b)).collect()
            };
            entries.push(Entry {
                name,
                method,
                flags,
                crc32,
                compressed_size,
                size,
                local_offset: (local as usize).saturating_add(shift),
            });
            pos = name_start + name_len + extra_len + comment_len;
        }
        let mut index = HashMap::with_capacity(entries.len());
        for (i, e) in entries.iter().enumerate() {
            index.entry(e.name.clone()).or_insert(i);
        }
        Ok(Archive {
            data,
            entries,
            index,
            limits,
            expanded: 0,
        })
    }

    /// All entries, in central-directory order.
    pub fn entries(&self) -> &[Entry] {
        &self.entries
    }

    /// The entry with exactly this name (no leading '/').
    pub fn entry(&self, name: &str) -> Option<&Entry> {
        self.index.get(name).map(|&i| &self.entries[i])
    }

    /// True when an entry of this exact name exists.
    pub fn contains(&self, name: &str) -> bool {
        self.entry(name).is_some()
    }

    /// Bytes inflated so far (counted against [`Limits::max_expanded`]).
    pub fn expanded(&self) -> usize {
        self.expanded
    }

    /// Reads and inflates the entry of this exact name; `Ok(None)` when there is none.
    ///
    /// # Errors
    /// [`ErrorCode::EncryptedFile`] for an encrypted entry, [`ErrorCode::InputTooLarge`] when the
    /// archive's expansion budget would be exceeded, [`ErrorCode::UnsupportedFormat`] for a
    /// compression method other than stored/deflate, [`ErrorCode::CorruptFile`] for bad data.
    pub fn read(&mut self, name: &str) -> Result<Option<Vec<u8>>> {
        let Some(&index) = self.index.get(name) else {
            return Ok(None);
        };
        self.read_index(index).map(Some)
    }

    fn read_index(&mut self, index: usize) -> Result<Vec<u8>> {
        let entry = self.entries[index].clone();
        if entry.is_encrypted() {
            return Err(Error::new(
                ErrorCode::EncryptedFile,
                format!(
                    "Tệp được mã hóa / có mật khẩu: mục '{}' (encrypted file)",
                    entry.name
                ),
            ));
        }
        let remaining = self.limits.max_expanded.saturating_sub(self.expanded);
        let too_large = || {
            Error::new(
                ErrorCode::InputTooLarge,
                format!(
                    "Tệp nén giải nén ra quá {} byte, có thể là \"bom zip\" (input too large: zip expands past the limit)",
                    self.limits.max_expanded
                ),
            )
        };
        if entry.size as usize > remaining {
            return Err(too_large());
        }
        let data = self.data;
        let lo = entry.local_offset;
        if u32_at(data, lo) != Some(LOCAL_SIG) {
            return Err(corrupt(&format!(
                "đầu mục '{}' hỏng (bad local header)",
                entry.name
            )));
        }
        let name_len = usize::from(u16_at(data, lo + 26).unwrap_or(0));
        let extra_len = usize::from(u16_at(data, lo + 28).unwrap_or(0));
        let start = lo + LOCAL_LEN + name_len + extra_len;
        let end = start.saturating_add(entry.compressed_size as usize);
        let raw = data.get(start..end).ok_or_else(|| {
            corrupt(&format!(
                "dữ liệu mục '{}' bị cắt cụt (truncated entry)",
                entry.name
            ))
        })?;
        let out = match entry.method {
            0 => raw.to_vec(),
            8 => match miniz_oxide::inflate::decompress_to_vec_with_limit(raw, remaining) {
                Ok(v) => v,
                Err(e) if e.status == miniz_oxide::inflate::TINFLStatus::HasMoreOutput => {
                    return Err(too_large());
                }
                Err(_) => {
                    return Err(corrupt(&format!(
                        "không giải nén được mục '{}' (bad deflate data)",
                        entry.name
                    )));
                }
            },
            m => {
                return Err(Error::new(
                    ErrorCode::UnsupportedFormat,
                    format!(
                        "Chưa hỗ trợ kiểu nén {m} của mục '{}' (unsupported zip compression)",
                        entry.name
                    ),
                ));
            }
        };
        if out.len() > remaining {
            return Err(too_large());
        }
        self.expanded += out.len();
        if out.len() != entry.size as usize {
            return Err(corrupt(&format!(
                "kích thước mục '{}' không khớp (size mismatch)",
                entry.name
            )));
        }
        if crc32(&out) != entry.crc32 {
            return Err(corrupt(&format!(
                "mã kiểm tra CRC của mục '{}' sai (CRC mismatch)",
                entry.name
            )));
        }
        Ok(out)
    }
}

/// Position of the end-of-central-directory record: the last signature in the final 64 KB whose
/// comment length reaches exactly to the end of the data (or, failing that, the last signature).
fn find_eocd(data: &[u8]) -> Option<usize> {
    if data.len() < EOCD_LEN {
        return None;
    }
    let lowest = data.len().saturating_sub(EOCD_SEARCH);
    let mut fallback = None;
    let mut pos = data.len() - EOCD_LEN;
    loop {
        if u32_at(data, pos) == Some(EOCD_SIG) {
            let comment = usize::from(u16_at(data, pos + 20).unwrap_or(0));
            if pos + EOCD_LEN + comment == data.len() {
                return Some(pos);
            }
            fallback.get_or_insert(pos);
        }
        if pos == lowest {
            return fallback;
        }
        pos -= 1;
    }
}

/// Tables for CRC-32 "slicing by 8": `t[0]` is the classic byte table, `t[k][b]` the CRC of byte
/// `b` followed by `k` zero bytes, so eight bytes are folded in per step instead of one. Built on
/// first use rather than shipped: 8 KB of tables in the module would cost more than computing them.
fn crc_tables() -> &'static [[u32; 256]; 8] {
    static TABLES: std::sync::OnceLock<Box<[[u32; 256]; 8]>> = std::sync::OnceLock::new();
    TABLES.get_or_init(|| {
        let mut t = Box::new([[0u32; 256]; 8]);
        for i in 0..256 {
            let mut c = i as u32;
            for _ in 0..8 {
                c = if c & 1 != 0 { 0xEDB8_8320 ^ (c >> 1) } else { c >> 1 };
            }
            t[0][i] = c;
        }
        for i in 0..256 {
            for k in 1..8 {
                let prev = t[k - 1][i];
                t[k][i] = (prev >> 8) ^ t[0][(prev & 0xFF) as usize];
            }
        }
        t
    })
}

/// CRC-32 (IEEE, as in ZIP). Every part of a .docx is checked, and a byte-at-a-time loop was
/// the largest single cost of reading one (15 % of a docx parse in the profile of the peers
/// bench): eight bytes per step.
pub fn crc32(bytes: &[u8]) -> u32 {
    let t = crc_tables();
    let mut c = 0xFFFF_FFFFu32;
    let mut chunks = bytes.chunks_exact(8);
    for ch in &mut chunks {
        let lo = c ^ u32::from_le_bytes([ch[0], ch[1], ch[2], ch[3]]);
        let hi = u32::from_le_bytes([ch[4], ch[5], ch[6], ch[7]]);
        c = t[7][(lo & 0xFF) as usize]
            ^ t[6][((lo >> 8) & 0xFF) as usize]
            ^ t[5][((lo >> 16) & 0xFF) as usize]
            ^ t[4][(lo >> 24) as usize]
            ^ t[3][(hi & 0xFF) as usize]
            ^ t[2][((hi >> 8) & 0xFF) as usize]
            ^ t[1][((hi >> 16) & 0xFF) as usize]
            ^ t[0][(hi >> 24) as usize];
    }
    for &b in chunks.remainder() {
        c = t[0][((c ^ u32::from(b)) & 0xFF) as usize] ^ (c >> 8);
    }
    c ^ 0xFFFF_FFFF
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;

    /// Builds a zip of stored or deflated entries (method 8 uses miniz_oxide's deflate).
    pub(crate) fn build(entries: &[(&str, &[u8], bool)]) -> Vec<u8> {
        let mut out = Vec::new();
        let mut central = Vec::new();
        for (name, data, deflate) in entries {
            let stored = if *deflate {
                miniz_oxide::deflate::compress_to_vec(data, 6)
            } else {
                data.to_vec()
            };
            let offset = out.len() as u32;
            let method: u16 = if *deflate { 8 } else { 0 };
            let crc = crc32(data);
            let mut header = Vec::new();
            header.extend(LOCAL_SIG.to_le_bytes());
            header.extend(20u16.to_le_bytes());
            header.extend(0u16.to_le_bytes());
            header.extend(method.to_le_bytes());
            header.extend([0u8; 4]);
            header.extend(crc.to_le_bytes());
            header.extend((stored.len() as u32).to_le_bytes());
            header.extend((data.len() as u32).to_le_bytes());
            header.extend((name.len() as u16).to_le_bytes());
            header.extend(0u16.to_le_bytes());
            out.extend(&header);
            out.extend(name.as_bytes());
            out.extend(&stored);
            central.extend(CENTRAL_SIG.to_le_bytes());
            central.extend(20u16.to_le_bytes());
            central.extend(&header[4..]);
            central.extend(0u16.to_le_bytes()); // comment
            central.extend(0u16.to_le_bytes()); // disk
            central.extend(0u16.to_le_bytes()); // internal attrs
            central.extend(0u32.to_le_bytes()); // external attrs
            central.extend(offset.to_le_bytes());
            central.extend(name.as_bytes());
        }
        let cd_offset = out.len() as u32;
        out.extend(&central);
        out.extend(EOCD_SIG.to_le_bytes());
        out.extend([0u8; 4]);
        out.extend((entries.len() as u16).to_le_bytes());
        out.extend((entries.len() as u16).to_le_bytes());
        out.extend((central.len() as u32).to_le_bytes());
        out.extend(cd_offset.to_le_bytes());
        out.extend(0u16.to_le_bytes());
        out
    }

    #[test]
    fn crc32_khớp_giá_trị_chuẩn() {
        assert_eq!(crc32(b"123456789"), 0xCBF4_3926);
        assert_eq!(crc32(b""), 0);
        // Lengths around the 8-byte step against the bitwise definition.
        let bitwise = |bytes: &[u8]| {
            let mut c = 0xFFFF_FFFFu32;
            for &b in bytes {
                c ^= u32::from(b);
                for _ in 0..8 {
                    c = if c & 1 != 0 { 0xEDB8_8320 ^ (c >> 1) } else { c >> 1 };
                }
            }
            c ^ 0xFFFF_FFFF
        };
        let data: Vec<u8> = (0..100u32).map(|i| (i.wrapping_mul(2_654_435_761) >> 13) as u8).collect();
        for n in 0..data.len() {
            assert_eq!(crc32(&data[..n]), bitwise(&data[..n]), "length {n}");
        }
    }

    #[test]
    fn đọc_mục_lưu_và_nén() {
        let zip = build(&[
            ("a.txt", b"xin chao", false),
            (
                "word/document.xml",
                "<w:document>Báo cáo</w:document>".as_bytes(),
                true,
            ),
        ]);
        let mut a = Archive::open(&zip).unwrap();
        assert_eq!(a.entries().len(), 2);
        assert_eq!(a.read("a.txt").unwrap().unwrap(), b"xin chao");
        assert_eq!(
            a.read("word/document.xml").unwrap().unwrap(),
            "<w:document>Báo cáo</w:document>".as_bytes()
        );
        assert!(
            a.read("Word/Document.xml").unwrap().is_none(),
            "names are case-sensitive"
        );
        assert!(a.read("missing").unwrap().is_none());
    }

    #[test]
    fn dữ_liệu_đứng_trước_và_chú_thích_cuối() {
        let mut zip = b"MZ self-extractor stub".to_vec();
        zip.extend(build(&[("a.txt", b"abc", true)]));
        // Give the EOCD a comment.
        let n = zip.len();
        zip[n - 2..].copy_from_slice(&5u16.to_le_bytes());
        zip.extend(b"hello");
        let mut a = Archive::open(&zip).unwrap();
        assert_eq!(a.read("a.txt").unwrap().unwrap(), b"abc");
    }

    #[test]
    fn tệp_cắt_cụt_và_rác() {
        let zip = build(&[("a.txt", b"abc abc abc abc", true)]);
        for cut in [0, 10, zip.len() / 2, zip.len() - 1] {
            let e = Archive::open(&zip[..cut]).unwrap_err();
            assert_eq!(e.code(), ErrorCode::CorruptFile, "cut at {cut}");
        }
        assert_eq!(
            Archive::open(b"PK\x03\x04 garbage").unwrap_err().code(),
            ErrorCode::CorruptFile
        );
        // Every prefix and every single-byte corruption: an error or a result, never a panic.
        for i in 0..zip.len() {
            let mut z = zip.clone();
            z[i] ^= 0xFF;
            if let Ok(mut a) = Archive::open(&z) {
                let names: Vec<String> = a.entries().iter().map(|e| e.name.clone()).collect();
                for n in names {
                    let _ = a.read(&n);
                }
            }
        }
    }

    #[test]
    fn crc_sai_báo_hỏng() {
        let mut zip = build(&[("a.txt", b"abc", false)]);
        let pos = zip.windows(3).position(|w| w == b"abc").unwrap();
        zip[pos] = b'x';
        let mut a = Archive::open(&zip).unwrap();
        assert_eq!(a.read("a.txt").unwrap_err().code(), ErrorCode::CorruptFile);
    }

    #[test]
    fn mục_mã_hóa() {
        let mut zip = build(&[("word/document.xml", b"secret", false)]);
        // Set the encryption flag in the local and central headers.
        zip[6] |= 1;
        let cpos = zip
            .windows(4)
            .position(|w| w == CENTRAL_SIG.to_le_bytes())
            .unwrap();
        zip[cpos + 8] |= 1;
        let mut a = Archive::open(&zip).unwrap();
        assert_eq!(
            a.read("word/document.xml").unwrap_err().code(),
            ErrorCode::EncryptedFile
        );
    }

    #[test]
    fn bom_zip_bị_chặn_theo_giới_hạn() {
        let big = vec![b' '; 2_000_000];
        let zip = build(&[("word/document.xml", &big, true)]);
        assert!(zip.len() < 10_000);
        let limits = Limits {
            max_entries: 10,
            max_expanded: 1_000_000,
        };
        let mut a = Archive::open_with_limits(&zip, limits).unwrap();
        let e = a.read("word/document.xml").unwrap_err();
        assert_eq!(e.code(), ErrorCode::InputTooLarge);
        assert!(e.message().contains("bom zip"), "{}", e.message());

        // A lying header (declares 10 bytes) is caught while inflating.
        let mut lying = zip.clone();
        lying[22..26].copy_from_slice(&10u32.to_le_bytes());
        let cpos = lying
            .windows(4)
            .position(|w| w == CENTRAL_SIG.to_le_bytes())
            .unwrap();
        lying[cpos + 24..cpos + 28].copy_from_slice(&10u32.to_le_bytes());
        let mut a = Archive::open_with_limits(&lying, limits).unwrap();
        assert_eq!(
            a.read("word/document.xml").unwrap_err().code(),
            ErrorCode::InputTooLarge
        );

        // The budget is shared by all entries of the archive.
        let zip = build(&[("a", &big[..600_000], true), ("b", &big[..600_000], true)]);
        let mut a = Archive::open_with_limits(&zip, limits).unwrap();
        assert!(a.read("a").is_ok());
        assert_eq!(a.read("b").unwrap_err().code(), ErrorCode::InputTooLarge);
    }

    #[test]
    fn quá_nhiều_mục() {
        let zip = build(&[("a", b"1", false), ("b", b"2", false), ("c", b"3", false)]);
        let e = Archive::open_with_limits(
            &zip,
            Limits {
                max_entries: 2,
                max_expanded: 100,
            },
        )
        .unwrap_err();
        assert_eq!(e.code(), ErrorCode::InputTooLarge);
    }

    #[test]
    fn zip64_bị_từ_chối() {
        let mut zip = build(&[("a", b"1", false)]);
        let n = zip.len();
        zip[n - 12..n - 10].copy_from_slice(&0xFFFFu16.to_le_bytes());
        zip[n - 14..n - 12].copy_from_slice(&0xFFFFu16.to_le_bytes());
        assert_eq!(
            Archive::open(&zip).unwrap_err().code(),
            ErrorCode::UnsupportedFormat
        );
    }
}
