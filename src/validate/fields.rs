//! What the visitors hand the rules: the top-level object's fields, scope arrays and the
//! `authErrorScopes` map as read in the one pass (the types only; `visit.rs` fills them).

use std::borrow::Cow;

use smallvec::SmallVec;

use super::index::ScopeId;
use super::walk::Shape;

/// The top level of a document: an object, whose fields the visitor wrote into the
/// [`Fields`] it was given (so that they are not moved from call to call), or the shape of
/// what stands instead.
#[derive(Clone)]
pub(super) enum Document<'a> {
    Object,
    Other(Shape<'a>),
}

/// What the top-level object holds, as far as the document rules need it.
#[derive(Default)]
pub(super) struct Fields<'a> {
    /// A request's `scopes` (the last one when repeated), or `None` when absent.
    pub scopes: Option<ScopeList>,
    pub auth_code: Option<Shape<'a>>,
    pub success: Option<ScopeList>,
    pub errors: Option<ErrorMap<'a>>,
    /// Whether the object has `error`.
    pub error: bool,
    /// The profile's fields the object has, by their index in `Profile::fields` (a
    /// misspelled key is taken for the field it misspells).
    pub known: SmallVec<[usize; 8]>,
    /// The misspelled keys among `known`: the field's index and the key as written.
    pub misspelled: Vec<(usize, Cow<'a, str>)>,
    /// Top-level members the profile does not name (first occurrences).
    pub unknown: SmallVec<[Cow<'a, str>; 2]>,
}

/// A scope of a scope array that the profile knows.
#[derive(Debug, Clone, Copy)]
pub(super) struct Listed {
    pub id: ScopeId,
    /// Its index in the array.
    pub index: usize,
}

/// The known scopes of a scope array, each once.
#[derive(Debug, Default)]
pub(super) struct ScopeList {
    pub listed: SmallVec<[Listed; 4]>,
}

/// A known scope of `authErrorScopes`.
#[derive(Debug, Clone)]
pub(super) struct Failed<'a> {
    pub id: ScopeId,
    /// Its key as written (first occurrence).
    pub key: Cow<'a, str>,
}

/// The known scopes of `authErrorScopes`, and how many members it has.
#[derive(Debug, Default)]
pub(super) struct ErrorMap<'a> {
    pub failed: SmallVec<[Failed<'a>; 2]>,
    pub len: usize,
    pub is_object: bool,
}

/// A scope array as read: the known scopes and the array's length, or the value found
/// instead of an array.
pub(super) enum ScopeArray<'a> {
    List(ScopeList, usize),
    Other(Shape<'a>),
}

/// The scopes seen in one scope array: a bit set for profiles of up to 64 scopes.
pub(super) enum ScopeSet {
    Bits(u64),
    Flags(Vec<bool>),
}

impl ScopeSet {
    pub(super) fn new(scopes: usize) -> ScopeSet {
        if scopes <= 64 {
            ScopeSet::Bits(0)
        } else {
            ScopeSet::Flags(vec![false; scopes])
        }
    }

    pub(super) fn contains(&self, id: ScopeId) -> bool {
        match self {
            ScopeSet::Bits(bits) => bits & (1u64 << id) != 0,
            ScopeSet::Flags(flags) => flags[id as usize],
        }
    }

    pub(super) fn insert(&mut self, id: ScopeId) {
        match self {
            ScopeSet::Bits(bits) => *bits |= 1u64 << id,
            ScopeSet::Flags(flags) => flags[id as usize] = true,
        }
    }
}
