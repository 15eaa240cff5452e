//! Coalitions of players as bitmasks.

use std::fmt;

/// A set of players, as a bitmask: player `i` is in the coalition when bit `i` is set.
///
/// Players are numbered from 0; a coalition holds at most 64 of them.
///
/// ```
/// use yilian::game::Coalition;
/// let s = Coalition::from_players([0, 2]);
/// assert_eq!(s.bits(), 0b101);
/// assert!(s.contains(2) && !s.contains(1));
/// assert_eq!(s.len(), 2);
/// assert_eq!(s.to_string(), "(0, 2)");
/// assert_eq!(Coalition::EMPTY.to_string(), "()");
/// assert_eq!(Coalition::single(3).to_string(), "(3,)");
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Default)]
pub struct Coalition(u64);

impl Coalition {
    /// The empty coalition.
    pub const EMPTY: Coalition = Coalition(0);

    /// The coalition of the bitmask `bits`.
    pub fn from_bits(bits: u64) -> Self {
        Self(bits)
    }

    /// The coalition of these players (each below 64).
    pub fn from_players(players: impl IntoIterator<Item = usize>) -> Self {
        Self(players.into_iter().fold(0, |b, i| b | (1u64 << i)))
    }

    /// The coalition of player `i` alone.
    pub fn single(i: usize) -> Self {
        Self(1u64 << i)
    }

    /// All `n` players.
    pub fn grand(n: usize) -> Self {
        if n >= 64 {
            Self(u64::MAX)
        } else {
            Self((1u64 << n) - 1)
        }
    }

    /// The bitmask.
    pub fn bits(self) -> u64 {
        self.0
    }

    /// The bitmask as an index into a table of `2^n` values.
    pub fn index(self) -> usize {
        self.0 as usize
    }

    /// Whether player `i` is a member.
    pub fn contains(self, i: usize) -> bool {
        i < 64 && (self.0 >> i) & 1 == 1
    }

    /// Number of members.
    pub fn len(self) -> usize {
        self.0.count_ones() as usize
    }

    /// Whether the coalition has no member.
    pub fn is_empty(self) -> bool {
        self.0 == 0
    }

    /// The coalition with player `i` added.
    pub fn with(self, i: usize) -> Self {
        Self(self.0 | 1u64 << i)
    }

    /// The coalition with player `i` removed.
    pub fn without(self, i: usize) -> Self {
        Self(self.0 & !(1u64 << i))
    }

    /// The members, in increasing order.
    pub fn players(self) -> impl Iterator<Item = usize> {
        let mut bits = self.0;
        std::iter::from_fn(move || {
            (bits != 0).then(|| {
                let i = bits.trailing_zeros() as usize;
                bits &= bits - 1;
                i
            })
        })
    }

    /// Every coalition of `n` players (`2^n` of them, the empty one first), in bitmask
    /// order; `n` at most 63.
    pub fn all(n: usize) -> impl Iterator<Item = Coalition> {
        (0..1u64 << n).map(Coalition)
    }
}

impl fmt::Display for Coalition {
    /// Python's notation of a tuple: `()`, `(3,)`, `(0, 2)`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let members: Vec<String> = self.players().map(|i| i.to_string()).collect();
        match members.len() {
            0 => f.write_str("()"),
            1 => write!(f, "({},)", members[0]),
            _ => write!(f, "({})", members.join(", ")),
        }
    }
}
