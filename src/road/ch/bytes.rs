//! Little-endian encoding of the hierarchy's arrays for the on-disk cache, and a reader
//! that checks every length against what is left, so that a truncated or hostile file is
//! an error, never a panic or a huge allocation.

use crate::road::ArcWeight;

/// Appends numbers to a byte buffer.
#[derive(Default)]
pub(super) struct Writer {
    pub bytes: Vec<u8>,
}

impl Writer {
    pub fn u32(&mut self, x: u32) {
        self.bytes.extend_from_slice(&x.to_le_bytes());
    }

    pub fn u64(&mut self, x: u64) {
        self.bytes.extend_from_slice(&x.to_le_bytes());
    }

    /// A length-prefixed array.
    pub fn u32s(&mut self, xs: &[u32]) {
        self.u64(xs.len() as u64);
        self.bytes.reserve(xs.len() * 4);
        for &x in xs {
            self.u32(x);
        }
    }

    /// A length-prefixed array of weights.
    pub fn weights(&mut self, xs: &[ArcWeight]) {
        self.u64(xs.len() as u64);
        self.bytes.reserve(xs.len() * 16);
        for w in xs {
            self.u64(w.time_ms);
            self.u64(w.length_mm);
        }
    }
}

/// Reads numbers back; every method fails when the bytes run out.
pub(super) struct Reader<'a> {
    rest: &'a [u8],
}

/// The bytes ran out, or a length is impossible.
#[derive(Debug)]
pub(super) struct Truncated;

impl<'a> Reader<'a> {
    pub fn new(bytes: &'a [u8]) -> Reader<'a> {
        Reader { rest: bytes }
    }

    pub fn is_empty(&self) -> bool {
        self.rest.is_empty()
    }

    fn take(&mut self, n: usize) -> Result<&'a [u8], Truncated> {
        if n > self.rest.len() {
            return Err(Truncated);
        }
        let (head, tail) = self.rest.split_at(n);
        self.rest = tail;
        Ok(head)
    }

    pub fn u64(&mut self) -> Result<u64, Truncated> {
        let b = self.take(8)?;
        let mut a = [0u8; 8];
        a.copy_from_slice(b);
        Ok(u64::from_le_bytes(a))
    }

    /// Bytes of a fixed-size field.
    pub fn array<const N: usize>(&mut self) -> Result<[u8; N], Truncated> {
        let b = self.take(N)?;
        let mut a = [0u8; N];
        a.copy_from_slice(b);
        Ok(a)
    }

    /// A length-prefixed array, its length checked against the bytes left before
    /// anything is allocated.
    fn len(&mut self, item_bytes: usize) -> Result<usize, Truncated> {
        let n = usize::try_from(self.u64()?).map_err(|_| Truncated)?;
        match n.checked_mul(item_bytes) {
            Some(total) if total <= self.rest.len() => Ok(n),
            _ => Err(Truncated),
        }
    }

    pub fn u32s(&mut self) -> Result<Vec<u32>, Truncated> {
        let n = self.len(4)?;
        let b = self.take(n * 4)?;
        Ok(b.chunks_exact(4)
            .map(|c| u32::from_le_bytes([c[0], c[1], c[2], c[3]]))
            .collect())
    }

    pub fn weights(&mut self) -> Result<Vec<ArcWeight>, Truncated> {
        let n = self.len(16)?;
        let mut out = Vec::with_capacity(n);
        for _ in 0..n {
            out.push(ArcWeight {
                time_ms: self.u64()?,
                length_mm: self.u64()?,
            });
        }
        Ok(out)
    }
}
