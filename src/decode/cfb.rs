//! OLE2 compound file ([MS-CFB]) bytes → named streams (`WordDocument`, `1Table`, `Data`…).
//!
//! A compound file is a small FAT file system: a 512-byte header, sectors of 512 (version 3) or
//! 4096 (version 4) bytes, a FAT of sector chains located through the DIFAT, a directory of
//! 128-byte entries (a red-black tree of siblings per storage), and a "mini stream" of 64-byte
//! sectors (chained by the mini FAT) holding every stream smaller than the cutoff (4096 bytes).
//!
//! Untrusted input: every chain walk is bounded by the number of sectors in the file (a cycle is
//! a [`ErrorCode::CorruptFile`]), every offset is checked, directory trees are walked with an
//! explicit stack and a visited set, and entry counts are capped by
//! [`MAX_CONTAINER_ENTRIES`].

use crate::limits::{MAX_CONTAINER_ENTRIES, MAX_EXPANDED_BYTES};
use crate::{Error, ErrorCode, Result};

/// The 8-byte signature every compound file starts with.
pub const CFB_MAGIC: [u8; 8] = [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];

/// Sector numbers at or above this are special values (free, end of chain, FAT/DIFAT sector).
const MAXREGSECT: u32 = 0xFFFF_FFFA;
/// End of a sector chain.
const ENDOFCHAIN: u32 = 0xFFFF_FFFE;
/// "No sibling/child" in a directory entry.
const NOSTREAM: u32 = 0xFFFF_FFFF;

/// True when `bytes` start with the compound-file signature.
pub fn is_cfb(bytes: &[u8]) -> bool {
    bytes.starts_with(&CFB_MAGIC)
}

/// Kind of a directory entry.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum EntryKind {
    /// Unallocated slot.
    Empty,
    /// A storage (directory).
    Storage,
    /// A stream (file).
    Stream,
    /// The root storage (entry 0).
    Root,
}

/// One directory entry.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DirEntry {
    /// Name as stored (UTF-16, up to 31 characters).
    pub name: String,
    /// Storage, stream, root or empty.
    pub kind: EntryKind,
    left: u32,
    right: u32,
    child: u32,
    /// First sector of the stream (in the mini stream when `size` is below the cutoff).
    pub start: u32,
    /// Stream size in bytes.
    pub size: u64,
}

/// A parsed compound file borrowing the input bytes.
#[derive(Debug)]
pub struct Cfb<'a> {
    data: &'a [u8],
    sector_shift: u32,
    mini_cutoff: u64,
    fat: Vec<u32>,
    minifat: Vec<u32>,
    entries: Vec<DirEntry>,
    mini_stream: Vec<u8>,
}

fn corrupt(what: impl AsRef<str>) -> Error {
    Error::new(
        ErrorCode::CorruptFile,
        format!(
            "Tệp OLE (.doc) bị hỏng: {} (corrupt compound file)",
            what.as_ref()
        ),
    )
}

fn u16_at(b: &[u8], off: usize) -> Option<u16> {
    b.get(off..off.checked_add(2)?)
        .map(|s| u16::from_le_bytes([s[0], s[1]]))
}

fn u32_at(b: &[u8], off: usize) -> Option<u32> {
    b.get(off..off.checked_add(4)?)
        .map(|s| u32::from_le_bytes([s[0], s[1], s[2], s[3]]))
}

impl<'a> Cfb<'a> {
    /// Parses the header, DIFAT, FAT, directory, mini FAT and mini stream.
    ///
    /// # Errors
    /// [`ErrorCode::CorruptFile`] for a bad signature, header, chain (cycle, out of range) or
    /// directory; [`ErrorCode::InputTooLarge`] past [`MAX_CONTAINER_ENTRIES`] directory entries.
    pub fn parse(data: &'a [u8]) -> Result<Self> {
        if !is_cfb(data) {
            return Err(corrupt("thiếu chữ ký D0CF11E0 (bad signature)"));
        }
        if data.len() < 512 {
            return Err(corrupt("tệp ngắn hơn phần đầu 512 byte (truncated header)"));
        }
        let h = |off| u32_at(data, off).unwrap_or(0);
        let major = u16_at(data, 0x1A).unwrap_or(0);
        let byte_order = u16_at(data, 0x1C).unwrap_or(0);
        let sector_shift = u32::from(u16_at(data, 0x1E).unwrap_or(0));
        let mini_shift = u16_at(data, 0x20).unwrap_or(0);
        if byte_order != 0xFFFE {
            return Err(corrupt("thứ tự byte không phải FFFE (bad byte order mark)"));
        }
        if !(sector_shift == 9 || sector_shift == 12) {
            return Err(corrupt(format!(
                "kích thước sector 2^{sector_shift} không hợp lệ (bad sector shift)"
            )));
        }
        if mini_shift != 6 {
            return Err(corrupt(format!(
                "kích thước mini sector 2^{mini_shift} không hợp lệ (bad mini sector shift)"
            )));
        }
        let sector_size = 1usize << sector_shift;
        // Sectors that exist in the file (the last one may be partial).
        let n_sectors = (data.len().saturating_sub(sector_size)).div_ceil(sector_size);
        let num_fat = h(0x2C) as usize;
        let first_dir = h(0x30);
        let mini_cutoff = u64::from(h(0x38));
        let first_minifat = h(0x3C);
        let num_minifat = h(0x40) as usize;
        let first_difat = h(0x44);
        let num_difat = h(0x48) as usize;
        if num_fat > n_sectors || num_difat > n_sectors || num_minifat > n_sectors {
            return Err(corrupt(
                "số sector FAT/DIFAT vượt quá kích thước tệp (sector counts exceed file)",
            ));
        }
        let mut cfb = Cfb {
            data,
            sector_shift,
            mini_cutoff: if mini_cutoff == 0 { 4096 } else { mini_cutoff },
            fat: Vec::new(),
            minifat: Vec::new(),
            entries: Vec::new(),
            mini_stream: Vec::new(),
        };

        // DIFAT: 109 entries in the header, then a chain of DIFAT sectors.
        let mut fat_sectors: Vec<u32> = Vec::with_capacity(num_fat.min(109 + n_sectors));
        for i in 0..109 {
            let s = h(0x4C + 4 * i);
            if s < MAXREGSECT && fat_sectors.len() < num_fat {
                fat_sectors.push(s);
            }
        }
        let per_difat = sector_size / 4 - 1;
        let mut next = first_difat;
        let mut steps = 0usize;
        while next < MAXREGSECT && fat_sectors.len() < num_fat {
            steps += 1;
            if steps > num_difat.max(1) || steps > n_sectors {
                return Err(corrupt("chuỗi DIFAT lặp hoặc quá dài (DIFAT chain loops)"));
            }
            let sec = cfb
                .sector(next)
                .ok_or_else(|| corrupt("sector DIFAT ngoài tệp (DIFAT sector out of range)"))?;
            for i in 0..per_difat {
                let s = u32_at(&sec, 4 * i).unwrap_or(NOSTREAM);
                if s < MAXREGSECT && fat_sectors.len() < num_fat {
                    fat_sectors.push(s);
                }
            }
            next = u32_at(&sec, 4 * per_difat).unwrap_or(ENDOFCHAIN);
        }
        if fat_sectors.is_empty() {
            return Err(corrupt("không có sector FAT (no FAT sectors)"));
        }
        // FAT: only entries for sectors that exist matter.
        let mut fat = Vec::with_capacity((fat_sectors.len() * sector_size / 4).min(n_sectors + 1));
        for &s in &fat_sectors {
            let sec = cfb.sector(s).ok_or_else(|| {
                corrupt(format!(
                    "sector FAT {s} ngoài tệp (FAT sector out of range)"
                ))
            })?;
            for i in 0..sector_size / 4 {
                fat.push(u32_at(&sec, 4 * i).unwrap_or(NOSTREAM));
            }
            if fat.len() >= n_sectors {
                break;
            }
        }
        fat.truncate(n_sectors);
        cfb.fat = fat;

        // Directory.
        let dir = cfb.read_chain(first_dir, None)?;
        let max_entries = MAX_CONTAINER_ENTRIES;
        if dir.len() / 128 > max_entries {
            return Err(Error::new(
                ErrorCode::InputTooLarge,
                format!(
                    "Tệp OLE có quá nhiều mục thư mục (more than {max_entries} directory entries)"
                ),
            ));
        }
        for raw in dir.chunks_exact(128) {
            cfb.entries.push(parse_entry(raw, major));
        }
        match cfb.entries.first() {
            Some(e) if e.kind == EntryKind::Root => {}
            _ => {
                return Err(corrupt(
                    "mục gốc của thư mục không hợp lệ (bad root directory entry)",
                ))
            }
        }

        // Mini FAT and mini stream (only needed when some stream is small).
        if first_minifat < MAXREGSECT {
            let raw = cfb.read_chain(first_minifat, None)?;
            cfb.minifat = raw
                .chunks_exact(4)
                .map(|c| u32::from_le_bytes([c[0], c[1], c[2], c[3]]))
                .collect();
            let root = cfb.entries[0].clone();
            if root.start < MAXREGSECT && root.size > 0 {
                let size = usize::try_from(root.size)
                    .map_err(|_| corrupt("mini stream quá lớn (mini stream too large)"))?;
                cfb.mini_stream = cfb.read_chain(root.start, Some(size))?;
            }
        }
        Ok(cfb)
    }

    /// All directory entries, index 0 being the root.
    pub fn entries(&self) -> &[DirEntry] {
        &self.entries
    }

    /// Indices of the direct children of the storage at `parent` (tree order, bounded).
    pub fn children(&self, parent: usize) -> Vec<usize> {
        let mut out = Vec::new();
        let Some(p) = self.entries.get(parent) else {
            return out;
        };
        let mut visited = vec![false; self.entries.len()];
        let mut stack = vec![p.child];
        while let Some(id) = stack.pop() {
            let i = id as usize;
            if id == NOSTREAM || i >= self.entries.len() || visited[i] {
                continue;
            }
            visited[i] = true;
            let e = &self.entries[i];
            out.push(i);
            stack.push(e.left);
            stack.push(e.right);
        }
        crate::sort::sort(&mut out);
        out
    }

    /// Index of the top-level stream called `name` (case-insensitive, as [MS-CFB] compares).
    pub fn find(&self, name: &str) -> Option<usize> {
        self.children(0).into_iter().find(|&i| {
            let e = &self.entries[i];
            e.kind == EntryKind::Stream && e.name.to_lowercase() == name.to_lowercase()
        })
    }

    /// True when a top-level stream or storage called `name` exists.
    pub fn has(&self, name: &str) -> bool {
        self.children(0)
            .into_iter()
            .any(|i| self.entries[i].name.eq_ignore_ascii_case(name))
    }

    /// Reads the top-level stream `name`, or `None` when there is no such stream.
    ///
    /// # Errors
    /// [`ErrorCode::CorruptFile`] when its chain is broken or shorter than its size.
    pub fn open(&self, name: &str) -> Result<Option<Vec<u8>>> {
        match self.find(name) {
            Some(i) => self.read_entry(i).map(Some),
            None => Ok(None),
        }
    }

    /// Reads the stream of entry `index`.
    ///
    /// # Errors
    /// [`ErrorCode::CorruptFile`] when its chain is broken or shorter than its size.
    pub fn read_entry(&self, index: usize) -> Result<Vec<u8>> {
        let e = self
            .entries
            .get(index)
            .ok_or_else(|| corrupt("không có mục thư mục này (no such entry)"))?;
        if e.kind != EntryKind::Stream {
            return Err(corrupt(format!(
                "'{}' không phải luồng dữ liệu (not a stream)",
                e.name
            )));
        }
        let size = usize::try_from(e.size)
            .ok()
            .filter(|&s| s <= MAX_EXPANDED_BYTES.min(self.data.len() + (1 << self.sector_shift)));
        let size = size.ok_or_else(|| {
            corrupt(format!(
                "luồng '{}' có kích thước vô lý {} (impossible stream size)",
                e.name, e.size
            ))
        })?;
        if size == 0 {
            return Ok(Vec::new());
        }
        if e.size < self.mini_cutoff {
            self.read_mini(e.start, size)
                .map_err(|err| corrupt(format!("luồng '{}': {}", e.name, err.message())))
        } else {
            self.read_chain(e.start, Some(size))
                .map_err(|err| corrupt(format!("luồng '{}': {}", e.name, err.message())))
        }
    }

    /// Sector `n` (a partial last sector is zero-padded), or `None` when it lies outside the file.
    fn sector(&self, n: u32) -> Option<Vec<u8>> {
        let size = 1usize << self.sector_shift;
        let start = (n as usize).checked_add(1)?.checked_mul(size)?;
        if start >= self.data.len() {
            return None;
        }
        let end = start.saturating_add(size).min(self.data.len());
        let mut v = self.data.get(start..end)?.to_vec();
        v.resize(size, 0);
        Some(v)
    }

    /// Follows a FAT chain from `start`; with `size`, reads exactly that many bytes.
    fn read_chain(&self, start: u32, size: Option<usize>) -> Result<Vec<u8>> {
        let ss = 1usize << self.sector_shift;
        let mut out = Vec::with_capacity(size.unwrap_or(ss).min(self.data.len()));
        let mut visited = vec![false; self.fat.len()];
        let mut s = start;
        while s < MAXREGSECT {
            if let Some(want) = size {
                if out.len() >= want {
                    break;
                }
            }
            let i = s as usize;
            if i >= self.fat.len() {
                return Err(corrupt(format!(
                    "sector {s} ngoài tệp (sector out of range)"
                )));
            }
            if visited[i] {
                return Err(corrupt("chuỗi sector lặp vòng (sector chain loops)"));
            }
            visited[i] = true;
            let sec = self
                .sector(s)
                .ok_or_else(|| corrupt(format!("sector {s} ngoài tệp (sector out of range)")))?;
            out.extend_from_slice(&sec);
            s = self.fat[i];
        }
        if let Some(want) = size {
            if out.len() < want {
                return Err(corrupt(format!(
                    "chuỗi sector ngắn hơn kích thước khai báo ({} < {want} byte) (chain shorter than stream)",
                    out.len()
                )));
            }
            out.truncate(want);
        }
        Ok(out)
    }

    /// Follows a mini FAT chain from `start` in the mini stream.
    fn read_mini(&self, start: u32, size: usize) -> Result<Vec<u8>> {
        let mut out = Vec::with_capacity(size);
        let mut visited = vec![false; self.minifat.len()];
        let mut s = start;
        while s < MAXREGSECT && out.len() < size {
            let i = s as usize;
            if i >= self.minifat.len() {
                return Err(corrupt(format!(
                    "mini sector {s} ngoài bảng (mini sector out of range)"
                )));
            }
            if visited[i] {
                return Err(corrupt("chuỗi mini sector lặp vòng (mini chain loops)"));
            }
            visited[i] = true;
            let off = i * 64;
            let chunk = self.mini_stream.get(off..off + 64).ok_or_else(|| {
                corrupt(format!(
                    "mini sector {s} ngoài mini stream (mini sector out of range)"
                ))
            })?;
            out.extend_from_slice(chunk);
            s = self.minifat[i];
        }
        if out.len() < size {
            return Err(corrupt(
                "chuỗi mini sector ngắn hơn kích thước khai báo (mini chain shorter than stream)",
            ));
        }
        out.truncate(size);
        Ok(out)
    }
}

fn parse_entry(raw: &[u8], major: u16) -> DirEntry {
    let name_len = (u16_at(raw, 0x40).unwrap_or(0) as usize).min(64);
    let units: Vec<u16> = raw[..name_len.saturating_sub(2) & !1]
        .chunks_exact(2)
        .map(|c| u16::from_le_bytes([c[0], c[1]]))
        .take_while(|&u| u != 0)
        .collect();
    let name = String::from_utf16_lossy(&units);
    let kind = match raw[0x42] {
        1 => EntryKind::Storage,
        2 => EntryKind::Stream,
        5 => EntryKind::Root,
        _ => EntryKind::Empty,
    };
    let lo = u64::from(u32_at(raw, 0x78).unwrap_or(0));
    let hi = u64::from(u32_at(raw, 0x7C).unwrap_or(0));
    // Version 3 files must ignore the high half (some writers leave garbage there).
    let size = if major == 4 { lo | (hi << 32) } else { lo };
    DirEntry {
        name,
        kind,
        left: u32_at(raw, 0x44).unwrap_or(NOSTREAM),
        right: u32_at(raw, 0x48).unwrap_or(NOSTREAM),
        child: u32_at(raw, 0x4C).unwrap_or(NOSTREAM),
        start: u32_at(raw, 0x74).unwrap_or(ENDOFCHAIN),
        size,
    }
}

/// A minimal compound-file writer for tests (version 3, 512-byte sectors, everything in the
/// regular FAT except streams below 4096 bytes, which go to the mini stream).
#[cfg(test)]
pub(crate) mod builder {
    const FREE: u32 = 0xFFFF_FFFF;
    const END: u32 = 0xFFFF_FFFE;
    const FATSECT: u32 = 0xFFFF_FFFD;

    /// Builds a compound file holding `streams` (name, bytes) under the root.
    pub fn build(streams: &[(&str, &[u8])]) -> Vec<u8> {
        let ss = 512usize;
        // Lay out: [FAT sectors][dir sectors][minifat sectors][ministream sectors][big streams]
        let mut mini = Vec::<u8>::new();
        let mut minifat = Vec::<u32>::new();
        let mut mini_starts = Vec::new();
        for (_, data) in streams {
            if data.len() < 4096 && !data.is_empty() {
                let start = minifat.len() as u32;
                let n = data.len().div_ceil(64);
                for k in 0..n {
                    minifat.push(if k + 1 == n {
                        END
                    } else {
                        start + k as u32 + 1
                    });
                }
                let mut d = data.to_vec();
                d.resize(n * 64, 0);
                mini.extend_from_slice(&d);
                mini_starts.push(Some(start));
            } else {
                mini_starts.push(None);
            }
        }
        let n_dir = (streams.len() + 1).div_ceil(4);
        let n_minifat = (minifat.len() * 4).div_ceil(ss);
        let n_mini = mini.len().div_ceil(ss);
        let big: Vec<usize> = streams
            .iter()
            .map(|(_, d)| {
                if d.len() >= 4096 {
                    d.len().div_ceil(ss)
                } else {
                    0
                }
            })
            .collect();
        let body = n_dir + n_minifat + n_mini + big.iter().sum::<usize>();
        let mut n_fat = 1;
        while n_fat * (ss / 4) < body + n_fat {
            n_fat += 1;
        }
        let total = n_fat + body;
        let mut fat = vec![FREE; n_fat * ss / 4];
        let mut sector = 0usize;
        let chain = |fat: &mut Vec<u32>, n: usize, sector: &mut usize| -> u32 {
            if n == 0 {
                return END;
            }
            let start = *sector;
            for k in 0..n {
                fat[start + k] = if k + 1 == n {
                    END
                } else {
                    (start + k + 1) as u32
                };
            }
            *sector += n;
            start as u32
        };
        for v in fat.iter_mut().take(n_fat) {
            *v = FATSECT;
        }
        sector += n_fat;
        let dir_start = chain(&mut fat, n_dir, &mut sector);
        let minifat_start = chain(&mut fat, n_minifat, &mut sector);
        let mini_start = chain(&mut fat, n_mini, &mut sector);
        let mut big_starts = Vec::new();
        for &n in &big {
            big_starts.push(chain(&mut fat, n, &mut sector));
        }
        assert_eq!(sector, total);

        let mut out = vec![0u8; 512];
        out[..8].copy_from_slice(&super::CFB_MAGIC);
        out[0x18..0x1A].copy_from_slice(&0x3Eu16.to_le_bytes());
        out[0x1A..0x1C].copy_from_slice(&3u16.to_le_bytes());
        out[0x1C..0x1E].copy_from_slice(&0xFFFEu16.to_le_bytes());
        out[0x1E..0x20].copy_from_slice(&9u16.to_le_bytes());
        out[0x20..0x22].copy_from_slice(&6u16.to_le_bytes());
        out[0x2C..0x30].copy_from_slice(&(n_fat as u32).to_le_bytes());
        out[0x30..0x34].copy_from_slice(&dir_start.to_le_bytes());
        out[0x38..0x3C].copy_from_slice(&4096u32.to_le_bytes());
        out[0x3C..0x40]
            .copy_from_slice(&(if n_minifat > 0 { minifat_start } else { END }).to_le_bytes());
        out[0x40..0x44].copy_from_slice(&(n_minifat as u32).to_le_bytes());
        out[0x44..0x48].copy_from_slice(&END.to_le_bytes());
        for i in 0..109 {
            let v = if i < n_fat { i as u32 } else { FREE };
            out[0x4C + 4 * i..0x50 + 4 * i].copy_from_slice(&v.to_le_bytes());
        }
        for v in &fat {
            out.extend_from_slice(&v.to_le_bytes());
        }
        // Directory: root, then streams as a right-leaning chain of siblings.
        let mut dir = Vec::new();
        let entry =
            |name: &str, kind: u8, left: u32, right: u32, child: u32, start: u32, size: u32| {
                let mut e = vec![0u8; 128];
                let units: Vec<u16> = name.encode_utf16().collect();
                for (k, u) in units.iter().enumerate() {
                    e[2 * k..2 * k + 2].copy_from_slice(&u.to_le_bytes());
                }
                e[0x40..0x42].copy_from_slice(&(((units.len() + 1) * 2) as u16).to_le_bytes());
                e[0x42] = kind;
                e[0x43] = 1;
                e[0x44..0x48].copy_from_slice(&left.to_le_bytes());
                e[0x48..0x4C].copy_from_slice(&right.to_le_bytes());
                e[0x4C..0x50].copy_from_slice(&child.to_le_bytes());
                e[0x74..0x78].copy_from_slice(&start.to_le_bytes());
                e[0x78..0x7C].copy_from_slice(&size.to_le_bytes());
                e
            };
        let child = if streams.is_empty() { FREE } else { 1 };
        dir.extend(entry(
            "Root Entry",
            5,
            FREE,
            FREE,
            child,
            if n_mini > 0 { mini_start } else { END },
            mini.len() as u32,
        ));
        for (k, (name, data)) in streams.iter().enumerate() {
            let right = if k + 1 < streams.len() {
                k as u32 + 2
            } else {
                FREE
            };
            let start = match mini_starts[k] {
                Some(s) => s,
                None => big_starts[k],
            };
            dir.extend(entry(name, 2, FREE, right, FREE, start, data.len() as u32));
        }
        dir.resize(n_dir * ss, 0);
        out.extend_from_slice(&dir);
        let mut mf: Vec<u8> = minifat.iter().flat_map(|v| v.to_le_bytes()).collect();
        mf.resize(n_minifat * ss, 0xFF);
        out.extend_from_slice(&mf);
        let mut m = mini.clone();
        m.resize(n_mini * ss, 0);
        out.extend_from_slice(&m);
        for (k, (_, data)) in streams.iter().enumerate() {
            if big[k] > 0 {
                let mut d = data.to_vec();
                d.resize(big[k] * ss, 0);
                out.extend_from_slice(&d);
            }
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::builder::build;
    use super::*;

    #[test]
    fn đọc_luồng_nhỏ_và_lớn() {
        let small = b"hello mini stream".to_vec();
        let large: Vec<u8> = (0..10_000u32).map(|i| (i % 251) as u8).collect();
        let file = build(&[("WordDocument", &large), ("1Table", &small)]);
        let cfb = Cfb::parse(&file).unwrap();
        assert_eq!(cfb.open("WordDocument").unwrap().unwrap(), large);
        assert_eq!(cfb.open("1table").unwrap().unwrap(), small);
        assert_eq!(cfb.open("0Table").unwrap(), None);
        assert!(cfb.has("WordDocument"));
    }

    #[test]
    fn chữ_ký_sai_và_tệp_cụt() {
        assert_eq!(
            Cfb::parse(b"not a cfb").unwrap_err().code(),
            ErrorCode::CorruptFile
        );
        let file = build(&[("A", &[1u8; 5000][..])]);
        assert_eq!(
            Cfb::parse(&file[..300]).unwrap_err().code(),
            ErrorCode::CorruptFile
        );
        // Truncated in the middle of the big stream: the chain points past the end.
        let cut = &file[..file.len() - 1024];
        let r = Cfb::parse(cut).and_then(|c| c.open("A"));
        assert_eq!(r.unwrap_err().code(), ErrorCode::CorruptFile);
    }

    #[test]
    fn chuỗi_lặp_vòng_bị_phát_hiện() {
        let mut file = build(&[("A", &[7u8; 5000][..])]);
        // FAT is sector 0 (file offset 512); the stream's chain starts after dir (1 sector).
        // Make the stream's second sector point back to its first.
        let cfb = Cfb::parse(&file).unwrap();
        let start = cfb.entries()[cfb.find("A").unwrap()].start as usize;
        let off = 512 + 4 * (start + 1);
        file[off..off + 4].copy_from_slice(&(start as u32).to_le_bytes());
        let err = Cfb::parse(&file).unwrap().open("A").unwrap_err();
        assert_eq!(err.code(), ErrorCode::CorruptFile);
        assert!(err.message().contains("lặp"), "{}", err.message());
    }

    #[test]
    fn cây_thư_mục_lặp_không_treo() {
        let mut file = build(&[("A", b"x"), ("B", b"y")]);
        // Directory is sector 1 (offset 1024); entry 2's right sibling → entry 1 (a cycle).
        let e2 = 1024 + 2 * 128;
        file[e2 + 0x48..e2 + 0x4C].copy_from_slice(&1u32.to_le_bytes());
        let cfb = Cfb::parse(&file).unwrap();
        assert_eq!(cfb.children(0), vec![1, 2]);
    }

    #[test]
    fn đầu_vào_ngẫu_nhiên_không_panic() {
        let base = build(&[
            ("WordDocument", &[3u8; 6000][..]),
            ("1Table", &[4u8; 700][..]),
        ]);
        let mut seed = 0x1234_5678u32;
        for _ in 0..2000 {
            let mut f = base.clone();
            for _ in 0..8 {
                seed ^= seed << 13;
                seed ^= seed >> 17;
                seed ^= seed << 5;
                let i = seed as usize % f.len();
                f[i] = (seed >> 8) as u8;
            }
            if let Ok(c) = Cfb::parse(&f) {
                let _ = c.open("WordDocument");
                let _ = c.open("1Table");
            }
        }
    }
}
