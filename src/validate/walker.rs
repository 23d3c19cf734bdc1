//! The walker: where a walk of one document stands, and the findings so far under each
//! profile it is judged by.
//!
//! A walk has one lane per profile. The document is walked once, whatever the number of
//! lanes: the visitors share the walk (repeated keys, values no rule looks into) and run
//! the rules that depend on a profile once per lane, each reporting into its own lane. A
//! one-wallet check has one lane; `--wallet all` has one per wallet, on a replayed tape.

use std::cell::Cell;

use smallvec::SmallVec;

use super::diagnostic::Rule;
use super::finding::{say, Belongs, Detail, Finding, Findings, Said};
use super::index::{CheckOptions, Panel, ScopeId, ScopeIndex};
use super::path::{Step, Target};
use super::tape::Tape;

/// What a walk finds under one profile.
pub(super) struct Lane<'c> {
    pub index: &'c ScopeIndex,
    pub findings: Findings,
    /// Which kind of document the field being walked belongs to, under this profile.
    belongs: Belongs,
}

/// What each lane's profile says of one name (a scope's id, whether an error code is
/// listed), looked up once for every lane.
#[derive(Debug, Clone, Copy)]
pub(super) enum PerLane<'c, T> {
    /// From a panel of profiles, by lane; `None` when no profile knows the name (each
    /// lane's answer is then `T`'s default: no id, not listed).
    Each(Option<&'c [T]>),
    /// The one lane's.
    One(T),
}

impl<T: Copy + Default> PerLane<'_, T> {
    /// Lane `lane`'s answer.
    #[inline]
    pub(super) fn of(self, lane: usize) -> T {
        match self {
            PerLane::Each(each) => each
                .and_then(|each| each.get(lane).copied())
                .unwrap_or_default(),
            PerLane::One(one) => one,
        }
    }
}

/// A scope name's id under each lane's profile.
pub(super) type LaneIds<'c> = PerLane<'c, Option<ScopeId>>;

/// Whether each lane's profile lists an error code.
pub(super) type LaneCodes<'c> = PerLane<'c, bool>;

/// The state of one check as the visitors walk the document.
pub(super) struct Walker<'c, 'a> {
    lanes: SmallVec<[Lane<'c>; 1]>,
    /// The lane the rules report into; `None` while the walk is shared, when a finding
    /// goes into every lane.
    current: Option<usize>,
    pub options: &'c CheckOptions,
    /// Whether findings keep their path (to be located).
    paths: bool,
    /// Whether findings keep their words (else only their rule, and their path if kept).
    words: bool,
    /// Where the walk stands, when findings keep paths. Changed only through
    /// [`Walker::within`], so it cannot be left unbalanced.
    /// Inline: this format nests a few steps deep.
    path: SmallVec<[Step<'a>; 4]>,
    /// Whether the walk reads the document's text, which can hand a number over as written;
    /// a replay of a tape (`--wallet all`) hands over what serde read.
    pub reads_text: bool,
    /// Whether an object may hold a key twice; false when the tape being replayed was
    /// found to have none.
    pub repeats_keys: bool,
    /// On a replayed tape: the tape and the replay's place, so that a finding is placed
    /// as it is made (an event index, which orders findings as the text does) without
    /// keeping its path.
    tape: Option<(&'c Tape<'a>, &'c Cell<usize>)>,
    /// The place of each step the walk is within, and whether the step is into a member.
    places: SmallVec<[(usize, bool); 8]>,
    /// The lanes' profiles as one panel, where there are several.
    panel: Option<&'c Panel>,
}

impl<'c, 'a> Walker<'c, 'a> {
    /// A walker of the text, under one profile, at the top of a document, with no findings
    /// yet; with `detail` off, findings keep only their rule.
    #[inline]
    pub(super) fn new(
        index: &'c ScopeIndex,
        options: &'c CheckOptions,
        detail: bool,
    ) -> Walker<'c, 'a> {
        Walker::keeping(std::slice::from_ref(index), options, detail, detail)
    }

    /// The findings of lane `lane`, taken out of the walker.
    pub(super) fn take_findings(&mut self, lane: usize) -> Findings {
        std::mem::take(&mut self.lanes[lane].findings)
    }

    /// A walker with a lane for each profile of `indexes`, whose findings keep their paths,
    /// and their words (only with paths), as asked.
    #[inline]
    fn keeping(
        indexes: &'c [ScopeIndex],
        options: &'c CheckOptions,
        paths: bool,
        words: bool,
    ) -> Walker<'c, 'a> {
        Walker {
            lanes: {
                let mut lanes = SmallVec::with_capacity(indexes.len());
                for index in indexes {
                    lanes.push(Lane {
                        index,
                        findings: Findings::default(),
                        belongs: Belongs::Always,
                    });
                }
                lanes
            },
            current: None,
            options,
            paths,
            words: paths && words,
            path: SmallVec::new(),
            reads_text: true,
            repeats_keys: true,
            tape: None,
            places: SmallVec::new(),
            panel: None,
        }
    }

    /// Gives the lanes findings' room from `spare` (emptied findings of an earlier walk).
    pub(super) fn reuse(&mut self, spare: &mut Vec<Findings>) {
        for lane in &mut self.lanes {
            match spare.pop() {
                Some(findings) => lane.findings = findings,
                None => return,
            }
        }
    }

    /// A walker of `tape` under each profile of `panel`, replayed with its place told in
    /// `place`, whose findings are placed on the tape and keep neither path nor words.
    pub(super) fn on_tape(
        panel: &'c Panel,
        options: &'c CheckOptions,
        tape: &'c Tape<'a>,
        place: &'c Cell<usize>,
    ) -> Walker<'c, 'a> {
        Walker {
            reads_text: false,
            repeats_keys: tape.repeats_keys,
            tape: Some((tape, place)),
            panel: Some(panel),
            ..Walker::keeping(&panel.indexes, options, false, false)
        }
    }

    /// How many lanes (profiles) the walk has.
    #[inline]
    pub(super) fn lanes(&self) -> usize {
        self.lanes.len()
    }

    /// The lane the rules report into (the first while the walk is shared).
    #[inline]
    fn lane(&mut self) -> &mut Lane<'c> {
        let at = self.current.unwrap_or(0);
        &mut self.lanes[at]
    }

    /// The profile of the current lane.
    #[inline]
    pub(super) fn index(&self) -> &'c ScopeIndex {
        self.lanes[self.current.unwrap_or(0)].index
    }

    /// The lane the rules report into (the first while the walk is shared).
    #[inline]
    pub(super) fn current_lane(&self) -> usize {
        self.current.unwrap_or(0)
    }

    /// The id of scope `name` under each lane's profile.
    #[inline]
    pub(super) fn scope_ids(&self, name: &str) -> LaneIds<'c> {
        match self.panel {
            Some(panel) => PerLane::Each(panel.ids(name)),
            None => PerLane::One(self.lanes[0].index.id(name)),
        }
    }

    /// Whether each lane's profile lists the error code `code` (none lists no code).
    pub(super) fn error_codes(&self, code: Option<&str>) -> LaneCodes<'c> {
        let Some(code) = code else {
            return PerLane::One(false);
        };
        match self.panel {
            Some(panel) => PerLane::Each(panel.codes(code)),
            None => PerLane::One(self.lanes[0].index.knows_error(code)),
        }
    }

    /// The findings of the current lane.
    pub(super) fn findings(&mut self) -> &mut Findings {
        &mut self.lane().findings
    }

    /// Runs `f` with lane `lane` current: what it reports goes into that lane alone.
    #[inline]
    pub(super) fn on_lane<R>(&mut self, lane: usize, f: impl FnOnce(&mut Self) -> R) -> R {
        let before = self.current.replace(lane);
        let out = f(self);
        self.current = before;
        out
    }

    /// Runs `f` one step further down the document.
    pub(super) fn within<R>(&mut self, step: Step<'a>, f: impl FnOnce(&mut Self) -> R) -> R {
        if let Some((_, place)) = self.tape {
            // A member's key is read before its step is taken, an element's value after:
            // either way, the replay stands at the value.
            self.places
                .push((place.get(), matches!(step, Step::Key { .. })));
            let out = f(self);
            self.places.pop();
            return out;
        }
        if !self.paths {
            return f(self);
        }
        self.path.push(step);
        let out = f(self);
        self.path.pop();
        out
    }

    /// Says that the top-level field about to be walked belongs to `belongs` under the
    /// current lane's profile, until [`Walker::out_of_field`].
    #[inline]
    pub(super) fn enter_field(&mut self, belongs: Belongs) {
        self.lane().belongs = belongs;
    }

    /// Runs `f` as if inside a top-level field that belongs to `belongs`, in the current
    /// lane.
    pub(super) fn in_field<R>(&mut self, belongs: Belongs, f: impl FnOnce(&mut Self) -> R) -> R {
        let before = std::mem::replace(&mut self.lane().belongs, belongs);
        let out = f(self);
        self.lane().belongs = before;
        out
    }

    /// The walk is out of the top-level field, in every lane.
    pub(super) fn out_of_field(&mut self) {
        for lane in &mut self.lanes {
            lane.belongs = Belongs::Always;
        }
    }

    /// Records a finding at the current place; `said` is called only when words are wanted.
    pub(super) fn report(&mut self, rule: Rule, target: Target, said: impl FnOnce() -> Said) {
        self.report_at(&[], rule, target, said);
    }

    /// Records a finding at `steps` below the current place, in the current lane (in every
    /// lane while the walk is shared).
    pub(super) fn report_at(
        &mut self,
        steps: &[Step<'a>],
        rule: Rule,
        target: Target,
        said: impl FnOnce() -> Said,
    ) {
        let at = match self.tape {
            // Where `Tape::locate` would find the path: the current place (a member's key,
            // the event before its value, for a key), or the steps from it.
            Some((tape, _)) => {
                let (here, member) = self.places.last().copied().unwrap_or((0, false));
                match (steps.is_empty(), target) {
                    (true, Target::Key) if member => here - 1,
                    (true, _) => here,
                    (false, _) => tape.locate_from(here, steps, target),
                }
            }
            None => 0,
        };
        let detail = |said: Said, path: Vec<Step<'static>>| Some(Box::new(Detail { said, path }));
        let detail = if self.paths {
            let path = self
                .path
                .iter()
                .chain(steps)
                .map(Step::to_owned_step)
                .collect();
            detail(if self.words { said() } else { say("") }, path)
        } else {
            None
        };
        let finding = |lane: &Lane<'c>, detail: Option<Box<Detail>>| Finding {
            rule,
            target,
            // A repeated key is a fault of the text, whatever the field.
            belongs: if rule == Rule::DuplicateKey {
                Belongs::Always
            } else {
                lane.belongs
            },
            at,
            detail,
        };
        match self.current {
            Some(at) => {
                let lane = &mut self.lanes[at];
                lane.findings.push(finding(lane, detail));
            }
            None => {
                let last = self.lanes.len().saturating_sub(1);
                for lane in &mut self.lanes[..last] {
                    lane.findings.push(finding(lane, detail.clone()));
                }
                if let Some(lane) = self.lanes.last_mut() {
                    lane.findings.push(finding(lane, detail));
                }
            }
        }
    }
}
