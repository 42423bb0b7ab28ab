//! The standard security handler, for the common case of a file that opens without a password
//! (an empty user password; only the owner password restricts copying or printing): RC4 (R2–R4),
//! AES-128 (AESV2) and AES-256 (AESV3, R5/R6). A file that needs a user password is refused.
//!
//! Only decryption is implemented (plus the AES-128 encryption that the R6 key derivation uses).

use super::lexer::{Dict, Obj};

const PAD: [u8; 32] = [
    0x28, 0xBF, 0x4E, 0x5E, 0x4E, 0x75, 0x8A, 0x41, 0x64, 0x00, 0x4E, 0x56, 0xFF, 0xFA, 0x01, 0x08,
    0x2E, 0x2E, 0x00, 0xB6, 0xD0, 0x68, 0x3E, 0x80, 0x2F, 0x0C, 0xA9, 0xFE, 0x64, 0x53, 0x69, 0x7A,
];

#[derive(Debug, Clone, Copy, PartialEq)]
enum Method {
    Identity,
    Rc4,
    Aes128,
    Aes256,
}

/// Decryption state of a file.
#[derive(Debug, Clone)]
pub struct Crypt {
    key: Vec<u8>,
    strings: Method,
    streams: Method,
    pub encrypt_metadata: bool,
}

/// Why a file cannot be decrypted.
#[derive(Debug, Clone, PartialEq)]
pub enum CryptError {
    /// The user password is not empty.
    NeedsPassword,
    /// A handler or algorithm this reader does not implement.
    Unsupported,
}

fn bytes(o: Option<&Obj>) -> Vec<u8> {
    match o {
        Some(Obj::Str(s)) => s.clone(),
        _ => Vec::new(),
    }
}

impl Crypt {
    /// Sets up decryption with the empty user password. `id0` is the first file identifier.
    pub fn new(enc: &Dict, id0: &[u8]) -> Result<Crypt, CryptError> {
        if !enc.is_name(b"Filter", b"Standard") {
            return Err(CryptError::Unsupported);
        }
        let v = enc.get(b"V").and_then(Obj::as_i64).unwrap_or(0);
        let r = enc.get(b"R").and_then(Obj::as_i64).unwrap_or(0);
        let o = bytes(enc.get(b"O"));
        let u = bytes(enc.get(b"U"));
        let p = enc.get(b"P").and_then(Obj::as_i64).unwrap_or(0) as i32;
        let encrypt_metadata = !matches!(enc.get(b"EncryptMetadata"), Some(Obj::Bool(false)));
        // Crypt filters (V4/V5).
        let cf_method = |name: Option<&Obj>| -> Method {
            let Some(Obj::Name(n)) = name else {
                return if v >= 4 {
                    Method::Identity
                } else {
                    Method::Rc4
                };
            };
            if n == b"Identity" {
                return Method::Identity;
            }
            let cfm = enc
                .get(b"CF")
                .and_then(Obj::as_dict)
                .and_then(|cf| cf.get(n))
                .and_then(Obj::as_dict)
                .and_then(|d| d.get(b"CFM"))
                .and_then(Obj::as_name)
                .map(<[u8]>::to_vec);
            match cfm.as_deref() {
                Some(b"AESV2") => Method::Aes128,
                Some(b"AESV3") => Method::Aes256,
                Some(b"V2") => Method::Rc4,
                Some(b"None") => Method::Identity,
                _ => Method::Rc4,
            }
        };
        let (strings, streams) = if v >= 4 {
            (cf_method(enc.get(b"StrF")), cf_method(enc.get(b"StmF")))
        } else {
            (Method::Rc4, Method::Rc4)
        };
        if r >= 5 {
            // AES-256: the file key is /UE decrypted with a key derived from the password.
            if u.len() < 48 {
                return Err(CryptError::Unsupported);
            }
            let ue = bytes(enc.get(b"UE"));
            if hash_r56(r, b"", &u[32..40])[..] != u[..32] {
                return Err(CryptError::NeedsPassword);
            }
            if ue.len() < 32 {
                return Err(CryptError::Unsupported);
            }
            let ik = hash_r56(r, b"", &u[40..48]);
            let key = aes_cbc_decrypt(&ik, &[0u8; 16], &ue[..32], false);
            return Ok(Crypt {
                key,
                strings,
                streams,
                encrypt_metadata,
            });
        }
        if !(2..=4).contains(&r) || o.len() < 32 || u.len() < 16 {
            return Err(CryptError::Unsupported);
        }
        let n = if r == 2 {
            5
        } else {
            (enc.get(b"Length").and_then(Obj::as_i64).unwrap_or(40) / 8).clamp(5, 16) as usize
        };
        let mut input = PAD.to_vec();
        input.extend_from_slice(&o[..32]);
        input.extend_from_slice(&p.to_le_bytes());
        input.extend_from_slice(id0);
        if r >= 4 && !encrypt_metadata {
            input.extend_from_slice(&[0xFF; 4]);
        }
        let mut h = md5(&input);
        if r >= 3 {
            for _ in 0..50 {
                h = md5(&h[..n]);
            }
        }
        let key = h[..n].to_vec();
        // Check the empty user password.
        let ok = if r == 2 {
            rc4(&key, &PAD) == u[..32.min(u.len())]
        } else {
            let mut x = {
                let mut i = PAD.to_vec();
                i.extend_from_slice(id0);
                rc4(&key, &md5(&i))
            };
            for i in 1..=19u8 {
                let k: Vec<u8> = key.iter().map(|b| b ^ i).collect();
                x = rc4(&k, &x);
            }
            x[..16] == u[..16]
        };
        if !ok {
            return Err(CryptError::NeedsPassword);
        }
        Ok(Crypt {
            key,
            strings,
            streams,
            encrypt_metadata,
        })
    }

    fn object_key(&self, method: Method, num: u32, gen: u16) -> Vec<u8> {
        if method == Method::Aes256 {
            return self.key.clone();
        }
        let mut k = self.key.clone();
        k.extend_from_slice(&num.to_le_bytes()[..3]);
        k.extend_from_slice(&gen.to_le_bytes());
        if method == Method::Aes128 {
            k.extend_from_slice(b"sAlT");
        }
        let h = md5(&k);
        h[..(self.key.len() + 5).min(16)].to_vec()
    }

    fn decrypt(&self, method: Method, num: u32, gen: u16, data: &[u8]) -> Vec<u8> {
        match method {
            Method::Identity => data.to_vec(),
            Method::Rc4 => rc4(&self.object_key(method, num, gen), data),
            Method::Aes128 | Method::Aes256 => {
                if data.len() < 16 {
                    return Vec::new();
                }
                aes_cbc_decrypt(
                    &self.object_key(method, num, gen),
                    &data[..16],
                    &data[16..],
                    true,
                )
            }
        }
    }

    /// Decrypts a stream's raw bytes.
    pub fn stream(&self, num: u32, gen: u16, data: &[u8]) -> Vec<u8> {
        self.decrypt(self.streams, num, gen, data)
    }

    /// Decrypts every string inside `o` (in place).
    pub fn strings(&self, num: u32, gen: u16, o: &mut Obj) {
        let mut stack: Vec<&mut Obj> = vec![o];
        while let Some(cur) = stack.pop() {
            match cur {
                Obj::Str(s) => *s = self.decrypt(self.strings, num, gen, s),
                Obj::Array(a) => stack.extend(a.iter_mut()),
                Obj::Dict(d) => stack.extend(d.0.iter_mut().map(|(_, v)| v)),
                _ => {}
            }
        }
    }
}

// ------------------------------------------------------------------ R5/R6 password hash

fn hash_r56(r: i64, password: &[u8], salt: &[u8]) -> Vec<u8> {
    let mut input = password.to_vec();
    input.extend_from_slice(salt);
    let mut k = sha256(&input).to_vec();
    if r == 5 {
        return k;
    }
    let mut i = 0u32;
    loop {
        let mut k1 = Vec::with_capacity(64 * (password.len() + k.len()));
        for _ in 0..64 {
            k1.extend_from_slice(password);
            k1.extend_from_slice(&k);
        }
        let e = aes128_cbc_encrypt(&k[..16], &k[16..32], &k1);
        let m = e[..16].iter().map(|&b| b as u32).sum::<u32>() % 3;
        k = match m {
            0 => sha256(&e).to_vec(),
            1 => sha512(&e, true),
            _ => sha512(&e, false),
        };
        i += 1;
        if i >= 64 && (*e.last().unwrap_or(&0) as u32) <= i - 32 {
            break;
        }
        if i > 10_000 {
            break;
        }
    }
    k.truncate(32);
    k
}

// ------------------------------------------------------------------ RC4

fn rc4(key: &[u8], data: &[u8]) -> Vec<u8> {
    if key.is_empty() {
        return data.to_vec();
    }
    let mut s: [u8; 256] = std::array::from_fn(|i| i as u8);
    let mut j = 0u8;
    for i in 0..256 {
        j = j.wrapping_add(s[i]).wrapping_add(key[i % key.len()]);
        s.swap(i, j as usize);
    }
    let (mut i, mut j) = (0u8, 0u8);
    data.iter()
        .map(|&b| {
            i = i.wrapping_add(1);
            j = j.wrapping_add(s[i as usize]);
            s.swap(i as usize, j as usize);
            b ^ s[s[i as usize].wrapping_add(s[j as usize]) as usize]
        })
        .collect()
}

// ------------------------------------------------------------------ MD5

fn md5(data: &[u8]) -> [u8; 16] {
    const S: [u32; 64] = [
        7, 12, 17, 22, 7, 12, 17, 22, 7, 12, 17, 22, 7, 12, 17, 22, 5, 9, 14, 20, 5, 9, 14, 20, 5,
        9, 14, 20, 5, 9, 14, 20, 4, 11, 16, 23, 4, 11, 16, 23, 4, 11, 16, 23, 4, 11, 16, 23, 6, 10,
        15, 21, 6, 10, 15, 21, 6, 10, 15, 21, 6, 10, 15, 21,
    ];
    let k: [u32; 64] =
        std::array::from_fn(|i| ((i as f64 + 1.0).sin().abs() * 4294967296.0) as u32);
    let mut h: [u32; 4] = [0x67452301, 0xefcdab89, 0x98badcfe, 0x10325476];
    let mut msg = data.to_vec();
    let bits = (data.len() as u64).wrapping_mul(8);
    msg.push(0x80);
    while msg.len() % 64 != 56 {
        msg.push(0);
    }
    msg.extend_from_slice(&bits.to_le_bytes());
    for chunk in msg.chunks_exact(64) {
        let m: [u32; 16] = std::array::from_fn(|i| {
            u32::from_le_bytes([
                chunk[4 * i],
                chunk[4 * i + 1],
                chunk[4 * i + 2],
                chunk[4 * i + 3],
            ])
        });
        let [mut a, mut b, mut c, mut d] = h;
        for i in 0..64 {
            let (f, g) = match i / 16 {
                0 => ((b & c) | (!b & d), i),
                1 => ((d & b) | (!d & c), (5 * i + 1) % 16),
                2 => (b ^ c ^ d, (3 * i + 5) % 16),
                _ => (c ^ (b | !d), (7 * i) % 16),
            };
            let f2 = f.wrapping_add(a).wrapping_add(k[i]).wrapping_add(m[g]);
            a = d;
            d = c;
            c = b;
            b = b.wrapping_add(f2.rotate_left(S[i]));
        }
        h[0] = h[0].wrapping_add(a);
        h[1] = h[1].wrapping_add(b);
        h[2] = h[2].wrapping_add(c);
        h[3] = h[3].wrapping_add(d);
    }
    let mut out = [0u8; 16];
    for (i, v) in h.iter().enumerate() {
        out[4 * i..4 * i + 4].copy_from_slice(&v.to_le_bytes());
    }
    out
}

// ------------------------------------------------------------------ SHA-256 / SHA-384 / SHA-512

fn sha256(data: &[u8]) -> [u8; 32] {
    const K: [u32; 64] = [
        0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4,
        0xab1c5ed5, 0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe,
        0x9bdc06a7, 0xc19bf174, 0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f,
        0x4a7484aa, 0x5cb0a9dc, 0x76f988da, 0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7,
        0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967, 0x27b70a85, 0x2e1b2138, 0x4d2c6dfc,
        0x53380d13, 0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85, 0xa2bfe8a1, 0xa81a664b,
        0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070, 0x19a4c116,
        0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3,
        0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7,
        0xc67178f2,
    ];
    let mut h: [u32; 8] = [
        0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a, 0x510e527f, 0x9b05688c, 0x1f83d9ab,
        0x5be0cd19,
    ];
    let mut msg = data.to_vec();
    let bits = (data.len() as u64).wrapping_mul(8);
    msg.push(0x80);
    while msg.len() % 64 != 56 {
        msg.push(0);
    }
    msg.extend_from_slice(&bits.to_be_bytes());
    for chunk in msg.chunks_exact(64) {
        let mut w = [0u32; 64];
        for i in 0..16 {
            w[i] = u32::from_be_bytes([
                chunk[4 * i],
                chunk[4 * i + 1],
                chunk[4 * i + 2],
                chunk[4 * i + 3],
            ]);
        }
        for i in 16..64 {
            let s0 = w[i - 15].rotate_right(7) ^ w[i - 15].rotate_right(18) ^ (w[i - 15] >> 3);
            let s1 = w[i - 2].rotate_right(17) ^ w[i - 2].rotate_right(19) ^ (w[i - 2] >> 10);
            w[i] = w[i - 16]
                .wrapping_add(s0)
                .wrapping_add(w[i - 7])
                .wrapping_add(s1);
        }
        let mut v = h;
        for i in 0..64 {
            let s1 = v[4].rotate_right(6) ^ v[4].rotate_right(11) ^ v[4].rotate_right(25);
            let ch = (v[4] & v[5]) ^ (!v[4] & v[6]);
            let t1 = v[7]
                .wrapping_add(s1)
                .wrapping_add(ch)
                .wrapping_add(K[i])
                .wrapping_add(w[i]);
            let s0 = v[0].rotate_right(2) ^ v[0].rotate_right(13) ^ v[0].rotate_right(22);
            let maj = (v[0] & v[1]) ^ (v[0] & v[2]) ^ (v[1] & v[2]);
            let t2 = s0.wrapping_add(maj);
            v = [
                t1.wrapping_add(t2),
                v[0],
                v[1],
                v[2],
                v[3].wrapping_add(t1),
                v[4],
                v[5],
                v[6],
            ];
        }
        for i in 0..8 {
            h[i] = h[i].wrapping_add(v[i]);
        }
    }
    let mut out = [0u8; 32];
    for (i, x) in h.iter().enumerate() {
        out[4 * i..4 * i + 4].copy_from_slice(&x.to_be_bytes());
    }
    out
}

/// SHA-384 (`short`) or SHA-512.
fn sha512(data: &[u8], short: bool) -> Vec<u8> {
    const K: [u64; 80] = [
        0x428a2f98d728ae22,
        0x7137449123ef65cd,
        0xb5c0fbcfec4d3b2f,
        0xe9b5dba58189dbbc,
        0x3956c25bf348b538,
        0x59f111f1b605d019,
        0x923f82a4af194f9b,
        0xab1c5ed5da6d8118,
        0xd807aa98a3030242,
        0x12835b0145706fbe,
        0x243185be4ee4b28c,
        0x550c7dc3d5ffb4e2,
        0x72be5d74f27b896f,
        0x80deb1fe3b1696b1,
        0x9bdc06a725c71235,
        0xc19bf174cf692694,
        0xe49b69c19ef14ad2,
        0xefbe4786384f25e3,
        0x0fc19dc68b8cd5b5,
        0x240ca1cc77ac9c65,
        0x2de92c6f592b0275,
        0x4a7484aa6ea6e483,
        0x5cb0a9dcbd41fbd4,
        0x76f988da831153b5,
        0x983e5152ee66dfab,
        0xa831c66d2db43210,
        0xb00327c898fb213f,
        0xbf597fc7beef0ee4,
        0xc6e00bf33da88fc2,
        0xd5a79147930aa725,
        0x06ca6351e003826f,
        0x142929670a0e6e70,
        0x27b70a8546d22ffc,
        0x2e1b21385c26c926,
        0x4d2c6dfc5ac42aed,
        0x53380d139d95b3df,
        0x650a73548baf63de,
        0x766a0abb3c77b2a8,
        0x81c2c92e47edaee6,
        0x92722c851482353b,
        0xa2bfe8a14cf10364,
        0xa81a664bbc423001,
        0xc24b8b70d0f89791,
        0xc76c51a30654be30,
        0xd192e819d6ef5218,
        0xd69906245565a910,
        0xf40e35855771202a,
        0x106aa07032bbd1b8,
        0x19a4c116b8d2d0c8,
        0x1e376c085141ab53,
        0x2748774cdf8eeb99,
        0x34b0bcb5e19b48a8,
        0x391c0cb3c5c95a63,
        0x4ed8aa4ae3418acb,
        0x5b9cca4f7763e373,
        0x682e6ff3d6b2b8a3,
        0x748f82ee5defb2fc,
        0x78a5636f43172f60,
        0x84c87814a1f0ab72,
        0x8cc702081a6439ec,
        0x90befffa23631e28,
        0xa4506cebde82bde9,
        0xbef9a3f7b2c67915,
        0xc67178f2e372532b,
        0xca273eceea26619c,
        0xd186b8c721c0c207,
        0xeada7dd6cde0eb1e,
        0xf57d4f7fee6ed178,
        0x06f067aa72176fba,
        0x0a637dc5a2c898a6,
        0x113f9804bef90dae,
        0x1b710b35131c471b,
        0x28db77f523047d84,
        0x32caab7b40c72493,
        0x3c9ebe0a15c9bebc,
        0x431d67c49c100d4c,
        0x4cc5d4becb3e42b6,
        0x597f299cfc657e2a,
        0x5fcb6fab3ad6faec,
        0x6c44198c4a475817,
    ];
    let mut h: [u64; 8] = if short {
        [
            0xcbbb9d5dc1059ed8,
            0x629a292a367cd507,
            0x9159015a3070dd17,
            0x152fecd8f70e5939,
            0x67332667ffc00b31,
            0x8eb44a8768581511,
            0xdb0c2e0d64f98fa7,
            0x47b5481dbefa4fa4,
        ]
    } else {
        [
            0x6a09e667f3bcc908,
            0xbb67ae8584caa73b,
            0x3c6ef372fe94f82b,
            0xa54ff53a5f1d36f1,
            0x510e527fade682d1,
            0x9b05688c2b3e6c1f,
            0x1f83d9abfb41bd6b,
            0x5be0cd19137e2179,
        ]
    };
    let mut msg = data.to_vec();
    let bits = (data.len() as u128).wrapping_mul(8);
    msg.push(0x80);
    while msg.len() % 128 != 112 {
        msg.push(0);
    }
    msg.extend_from_slice(&bits.to_be_bytes());
    for chunk in msg.chunks_exact(128) {
        let mut w = [0u64; 80];
        for i in 0..16 {
            w[i] = u64::from_be_bytes(chunk[8 * i..8 * i + 8].try_into().unwrap_or([0; 8]));
        }
        for i in 16..80 {
            let s0 = w[i - 15].rotate_right(1) ^ w[i - 15].rotate_right(8) ^ (w[i - 15] >> 7);
            let s1 = w[i - 2].rotate_right(19) ^ w[i - 2].rotate_right(61) ^ (w[i - 2] >> 6);
            w[i] = w[i - 16]
                .wrapping_add(s0)
                .wrapping_add(w[i - 7])
                .wrapping_add(s1);
        }
        let mut v = h;
        for i in 0..80 {
            let s1 = v[4].rotate_right(14) ^ v[4].rotate_right(18) ^ v[4].rotate_right(41);
            let ch = (v[4] & v[5]) ^ (!v[4] & v[6]);
            let t1 = v[7]
                .wrapping_add(s1)
                .wrapping_add(ch)
                .wrapping_add(K[i])
                .wrapping_add(w[i]);
            let s0 = v[0].rotate_right(28) ^ v[0].rotate_right(34) ^ v[0].rotate_right(39);
            let maj = (v[0] & v[1]) ^ (v[0] & v[2]) ^ (v[1] & v[2]);
            let t2 = s0.wrapping_add(maj);
            v = [
                t1.wrapping_add(t2),
                v[0],
                v[1],
                v[2],
                v[3].wrapping_add(t1),
                v[4],
                v[5],
                v[6],
            ];
        }
        for i in 0..8 {
            h[i] = h[i].wrapping_add(v[i]);
        }
    }
    let mut out: Vec<u8> = h.iter().flat_map(|x| x.to_be_bytes()).collect();
    if short {
        out.truncate(48);
    }
    out
}

// ------------------------------------------------------------------ AES

fn sbox() -> [u8; 256] {
    // Computed from the multiplicative inverse in GF(2^8) and the affine map.
    let mut s = [0u8; 256];
    let (mut p, mut q) = (1u8, 1u8);
    loop {
        p = p ^ (p << 1) ^ if p & 0x80 != 0 { 0x1B } else { 0 };
        q ^= q << 1;
        q ^= q << 2;
        q ^= q << 4;
        if q & 0x80 != 0 {
            q ^= 0x09;
        }
        let x = q ^ q.rotate_left(1) ^ q.rotate_left(2) ^ q.rotate_left(3) ^ q.rotate_left(4);
        s[p as usize] = x ^ 0x63;
        if p == 1 {
            break;
        }
    }
    s[0] = 0x63;
    s
}

fn xtime(b: u8) -> u8 {
    (b << 1) ^ if b & 0x80 != 0 { 0x1B } else { 0 }
}

fn gmul(mut a: u8, mut b: u8) -> u8 {
    let mut r = 0;
    while b != 0 {
        if b & 1 != 0 {
            r ^= a;
        }
        a = xtime(a);
        b >>= 1;
    }
    r
}

struct Aes {
    rounds: usize,
    w: Vec<[u8; 16]>,
    s: [u8; 256],
    inv: [u8; 256],
}

impl Aes {
    fn new(key: &[u8]) -> Aes {
        let s = sbox();
        let mut inv = [0u8; 256];
        for (i, &v) in s.iter().enumerate() {
            inv[v as usize] = i as u8;
        }
        let nk = key.len() / 4;
        let rounds = nk + 6;
        let mut words: Vec<[u8; 4]> = key
            .chunks_exact(4)
            .map(|c| [c[0], c[1], c[2], c[3]])
            .collect();
        let mut rcon = 1u8;
        for i in nk..4 * (rounds + 1) {
            let mut t = words[i - 1];
            if i % nk == 0 {
                t = [
                    s[t[1] as usize] ^ rcon,
                    s[t[2] as usize],
                    s[t[3] as usize],
                    s[t[0] as usize],
                ];
                rcon = xtime(rcon);
            } else if nk > 6 && i % nk == 4 {
                t = t.map(|b| s[b as usize]);
            }
            let p = words[i - nk];
            words.push([p[0] ^ t[0], p[1] ^ t[1], p[2] ^ t[2], p[3] ^ t[3]]);
        }
        let w = words
            .chunks_exact(4)
            .map(|c| {
                let mut k = [0u8; 16];
                for (j, word) in c.iter().enumerate() {
                    k[4 * j..4 * j + 4].copy_from_slice(word);
                }
                k
            })
            .collect();
        Aes { rounds, w, s, inv }
    }

    fn encrypt(&self, b: &mut [u8; 16]) {
        xor(b, &self.w[0]);
        for r in 1..=self.rounds {
            for x in b.iter_mut() {
                *x = self.s[*x as usize];
            }
            shift_rows(b, false);
            if r != self.rounds {
                for c in 0..4 {
                    let col = [b[4 * c], b[4 * c + 1], b[4 * c + 2], b[4 * c + 3]];
                    for i in 0..4 {
                        b[4 * c + i] = gmul(col[i], 2)
                            ^ gmul(col[(i + 1) % 4], 3)
                            ^ col[(i + 2) % 4]
                            ^ col[(i + 3) % 4];
                    }
                }
            }
            xor(b, &self.w[r]);
        }
    }

    fn decrypt(&self, b: &mut [u8; 16]) {
        xor(b, &self.w[self.rounds]);
        for r in (0..self.rounds).rev() {
            shift_rows(b, true);
            for x in b.iter_mut() {
                *x = self.inv[*x as usize];
            }
            xor(b, &self.w[r]);
            if r != 0 {
                for c in 0..4 {
                    let col = [b[4 * c], b[4 * c + 1], b[4 * c + 2], b[4 * c + 3]];
                    for i in 0..4 {
                        b[4 * c + i] = gmul(col[i], 14)
                            ^ gmul(col[(i + 1) % 4], 11)
                            ^ gmul(col[(i + 2) % 4], 13)
                            ^ gmul(col[(i + 3) % 4], 9);
                    }
                }
            }
        }
    }
}

fn xor(b: &mut [u8; 16], k: &[u8; 16]) {
    for i in 0..16 {
        b[i] ^= k[i];
    }
}

fn shift_rows(b: &mut [u8; 16], inverse: bool) {
    let c = *b;
    for row in 1..4 {
        for col in 0..4 {
            let src = if inverse {
                (col + 4 - row) % 4
            } else {
                (col + row) % 4
            };
            b[4 * col + row] = c[4 * src + row];
        }
    }
}

fn aes_cbc_decrypt(key: &[u8], iv: &[u8], data: &[u8], unpad: bool) -> Vec<u8> {
    if !matches!(key.len(), 16 | 24 | 32) || iv.len() < 16 {
        return Vec::new();
    }
    let aes = Aes::new(key);
    let mut prev: [u8; 16] = iv[..16].try_into().unwrap_or([0; 16]);
    let mut out = Vec::with_capacity(data.len());
    for chunk in data.chunks_exact(16) {
        let mut b: [u8; 16] = chunk.try_into().unwrap_or([0; 16]);
        let c = b;
        aes.decrypt(&mut b);
        xor(&mut b, &prev);
        out.extend_from_slice(&b);
        prev = c;
    }
    if unpad {
        if let Some(&n) = out.last() {
            if (1..=16).contains(&n) && out.len() >= n as usize {
                out.truncate(out.len() - n as usize);
            }
        }
    }
    out
}

fn aes128_cbc_encrypt(key: &[u8], iv: &[u8], data: &[u8]) -> Vec<u8> {
    let aes = Aes::new(&key[..16]);
    let mut prev: [u8; 16] = iv[..16].try_into().unwrap_or([0; 16]);
    let mut out = Vec::with_capacity(data.len());
    for chunk in data.chunks_exact(16) {
        let mut b: [u8; 16] = chunk.try_into().unwrap_or([0; 16]);
        xor(&mut b, &prev);
        aes.encrypt(&mut b);
        out.extend_from_slice(&b);
        prev = b;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn hex(s: &str) -> Vec<u8> {
        (0..s.len() / 2)
            .map(|i| u8::from_str_radix(&s[2 * i..2 * i + 2], 16).unwrap())
            .collect()
    }

    #[test]
    fn digests() {
        assert_eq!(
            md5(b"abc").to_vec(),
            hex("900150983cd24fb0d6963f7d28e17f72")
        );
        assert_eq!(
            sha256(b"abc").to_vec(),
            hex("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
        );
        assert_eq!(
            sha512(b"abc", true),
            hex("cb00753f45a35e8bb5a03d699ac65007272c32ab0eded1631a8b605a43ff5bed8086072ba1e7cc2358baeca134c825a7")
        );
        assert_eq!(sha512(b"abc", false)[..8].to_vec(), hex("ddaf35a193617aba"));
    }

    #[test]
    fn aes_fips197() {
        let pt = hex("00112233445566778899aabbccddeeff");
        for (key, ct) in [
            (
                "000102030405060708090a0b0c0d0e0f",
                "69c4e0d86a7b0430d8cdb78070b4c55a",
            ),
            (
                "000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f",
                "8ea2b7ca516745bfeafc49904b496089",
            ),
        ] {
            let aes = Aes::new(&hex(key));
            let mut b: [u8; 16] = pt.clone().try_into().unwrap();
            aes.encrypt(&mut b);
            assert_eq!(b.to_vec(), hex(ct));
            aes.decrypt(&mut b);
            assert_eq!(b.to_vec(), pt);
        }
    }

    #[test]
    fn rc4_vector() {
        assert_eq!(rc4(b"Key", b"Plaintext"), hex("bbf316e8d940af0ad3"));
    }
}
