"""Synthetic FNA-like images: dark "stained nuclei" on a light background, drawn from a seed.

**No patient image is shipped with this course.** ``synthetic_image`` draws a whole image and
``synthetic_nucleus`` one nucleus, with settings (``ImageSettings``, ``PRESETS``) for size,
outline irregularity, dents and chromatin texture. They look a little like an FNA smear; they
are not one (``SYNTHETIC_NOTE``).

    >>> from bcc_teach.features import synthetic_image
    >>> synthetic_image("benign", seed=0).note.startswith("SYNTHETIC")
    True
"""

from __future__ import annotations

import functools
import math
import numbers
from dataclasses import dataclass, field, fields, replace

import numpy as np
from scipy import ndimage

#: Said by every generated image: what it is, and what it is not.
SYNTHETIC_NOTE = (
    "SYNTHETIC image drawn by bcc_teach.features from random numbers: not a patient image, "
    "and its measurements are not calibrated to the Wisconsin (WDBC) images."
)


class CrowdedImageError(ValueError):
    """The nuclei asked for do not fit into the image without overlapping."""


@dataclass(frozen=True)
class ImageSettings:
    """How a synthetic FNA-like image is drawn. Lengths in pixels, grey levels 0–255.

    - ``n_nuclei``: how many nuclei; ``size``: image (rows, columns).
    - ``radius``: typical nucleus radius (before wobble and dents).
    - ``pleomorphism``: how much the nuclei of one image differ from one another: each
      nucleus's radius, irregularity, dent depth and texture vary by this relative standard
      deviation (0 = all alike).
    - ``elongation``: long axis / short axis of the basic oval (1 = round).
    - ``irregularity``: how wobbly the outline is (relative standard deviation of the radius
      around the oval; 0 = a smooth oval).
    - ``concavity``: depth of the inward dents, as a fraction of the radius (0 = no dents);
      ``dents``: how many dents each nucleus gets when ``concavity`` > 0.
    - ``texture``: grey-level spread (standard deviation) of the chromatin;
      ``coarseness``: size of the chromatin clumps (pixels; 1 = fine, 3 = coarse).
    - ``nucleus_grey``, ``background_grey``: average grey levels (dark nuclei, light slide).

    >>> ImageSettings(radius=15).radius
    15.0
    """

    name: str = "custom"
    n_nuclei: int = 8
    radius: float = 12.0
    pleomorphism: float = 0.1
    elongation: float = 1.15
    irregularity: float = 0.05
    concavity: float = 0.0
    dents: int = 2
    texture: float = 14.0
    coarseness: float = 1.0
    nucleus_grey: float = 95.0
    background_grey: float = 215.0
    size: tuple[int, int] = (256, 256)

    def __post_init__(self):
        limits = {
            "radius": (3.0, 60.0),
            "pleomorphism": (0.0, 0.4),
            "elongation": (1.0, 2.0),
            "irregularity": (0.0, 0.15),
            "concavity": (0.0, 0.5),
            "texture": (0.0, 60.0),
            "coarseness": (0.3, 6.0),
            "nucleus_grey": (0.0, 255.0),
            "background_grey": (0.0, 255.0),
        }
        for name, (low, high) in limits.items():
            value = getattr(self, name)
            if isinstance(value, bool) or not isinstance(value, numbers.Real):
                raise ValueError(f"{name} must be a number between {low:g} and {high:g}.")
            if not low <= value <= high:
                raise ValueError(f"{name}={value!r} is outside {low:g} to {high:g}.")
            object.__setattr__(self, name, float(value))
        for name, low in (("n_nuclei", 1), ("dents", 0)):
            value = getattr(self, name)
            if isinstance(value, bool) or not isinstance(value, numbers.Integral) or value < low:
                raise ValueError(f"{name} must be a whole number, at least {low}.")
            object.__setattr__(self, name, int(value))
        if self.background_grey - self.nucleus_grey < 40:
            raise ValueError(
                "nucleus_grey must be at least 40 grey levels darker than background_grey, "
                "or no nucleus can be seen."
            )
        size = tuple(self.size)
        if len(size) != 2 or not all(
            isinstance(s, numbers.Integral) and not isinstance(s, bool) and 32 <= s <= 2048
            for s in size
        ):
            raise ValueError("size must be (rows, columns), each a whole number 32 to 2048.")
        object.__setattr__(self, "size", (int(size[0]), int(size[1])))


#: The two ready-made kinds of image. Loosely modelled on the WDBC medians, not calibrated.
PRESETS = {
    "benign": ImageSettings(
        name="benign-like",
        n_nuclei=10,
        radius=12.0,
        pleomorphism=0.08,
        elongation=1.15,
        irregularity=0.05,
        concavity=0.03,
        dents=1,
        texture=13.0,
        coarseness=1.0,
        nucleus_grey=100.0,
    ),
    "malignant": ImageSettings(
        name="malignant-like",
        n_nuclei=8,
        radius=17.5,
        pleomorphism=0.2,
        elongation=1.3,
        irregularity=0.08,
        concavity=0.22,
        dents=4,
        texture=20.0,
        coarseness=2.5,
        nucleus_grey=80.0,
    ),
}


@dataclass(frozen=True, repr=False)
class SyntheticImage:
    """A generated image and the truth about it: SYNTHETIC, never a patient's.

    ``pixels`` (2-D uint8 array, grey levels 0–255), ``outlines`` (the true outline of each
    nucleus, an N×2 array of (row, column) pixel coordinates, closed: last point = first),
    ``centres`` ((row, column) per nucleus), ``settings``, ``seed`` and ``note``.

    >>> synthetic_nucleus(seed=0).note.startswith("SYNTHETIC")
    True
    """

    pixels: np.ndarray
    outlines: tuple[np.ndarray, ...]
    centres: tuple[tuple[float, float], ...]
    settings: ImageSettings
    seed: int
    note: str = field(default=SYNTHETIC_NOTE)

    def __repr__(self) -> str:
        rows, cols = self.pixels.shape
        return (
            f"SyntheticImage({rows}×{cols} pixels, {len(self.outlines)} nuclei, "
            f"{self.settings.name}, seed={self.seed}; SYNTHETIC, not a patient image)"
        )


def _settings(settings: str | ImageSettings, changes: dict) -> ImageSettings:
    if isinstance(settings, str):
        if settings not in PRESETS:
            raise ValueError(
                f"No preset called {settings!r}; choose 'benign' or 'malignant', or pass "
                "ImageSettings(...)."
            )
        settings = PRESETS[settings]
    elif not isinstance(settings, ImageSettings):
        raise TypeError("settings must be 'benign', 'malignant' or an ImageSettings(...).")
    names = {f.name for f in fields(ImageSettings)}
    unknown = sorted(set(changes) - names)
    if unknown:
        raise TypeError(
            f"Unknown setting(s) {', '.join(unknown)}; choose from {', '.join(sorted(names))}."
        )
    if changes and "name" not in changes:
        changes = {**changes, "name": f"{settings.name} (changed)"}
    return replace(settings, **changes)


def _rng(seed) -> np.random.Generator:
    if isinstance(seed, bool) or not isinstance(seed, int | np.integer) or seed < 0:
        raise ValueError(
            f"seed must be a whole number (0 or more), e.g. seed=0, got {seed!r}: the same "
            "seed always gives the same image."
        )
    return np.random.default_rng(int(seed))


# Wobble spectrum: harmonics 2 .. one per _WOBBLE_WAVELENGTH pixels of circumference, with
# amplitudes falling as k ** -_WOBBLE_DECAY (0 = all bump sizes alike). The random numbers are
# always drawn for _MAX_HARMONIC harmonics, so that changing the radius (say, with a slider)
# keeps the same seed's shape instead of drawing a new one.
_WOBBLE_WAVELENGTH = 6.0
_WOBBLE_DECAY = 0.5
_MAX_HARMONIC = 64


@dataclass(frozen=True)
class _Nucleus:
    """One nucleus to draw: centre (row, col), radius at each angle, and how its chromatin
    spread differs from the setting's (``texture_factor``: the spread is texture × factor)."""

    centre: tuple[float, float]
    angles: np.ndarray
    radii: np.ndarray
    texture_factor: float


def _variation(rng: np.random.Generator, pleomorphism: float) -> float:
    """The factor by which one nucleus's setting differs from the image's: around 1, with a
    relative standard deviation ``pleomorphism``."""
    return float(np.clip(1 + pleomorphism * rng.normal(), 0.5, 1.6))


def _vary(rng: np.random.Generator, value: float, pleomorphism: float) -> float:
    """``value`` varied between nuclei by a relative standard deviation ``pleomorphism``."""
    return value * _variation(rng, pleomorphism)


def _radius_profile(
    rng: np.random.Generator, settings: ImageSettings, radius: float
) -> tuple[np.ndarray, np.ndarray]:
    """Angles and the nucleus radius at each: an oval, a random wobble and Gaussian dents."""
    angles = np.linspace(0, 2 * math.pi, max(64, int(8 * math.pi * radius)), endpoint=False)
    e = settings.elongation
    long_axis, short_axis = radius * math.sqrt(e), radius / math.sqrt(e)
    tilt = rng.uniform(0, math.pi)
    c, s = np.cos(angles - tilt), np.sin(angles - tilt)
    r = long_axis * short_axis / np.sqrt((short_axis * c) ** 2 + (long_axis * s) ** 2)
    k = np.arange(2, _MAX_HARMONIC + 1)
    phases = rng.uniform(0, 2 * math.pi, k.size)
    weights = rng.normal(size=k.size) * k ** (-_WOBBLE_DECAY)
    top = max(4, int(2 * math.pi * radius / _WOBBLE_WAVELENGTH))
    k, phases, weights = k[: top - 1], phases[: top - 1], weights[: top - 1]
    wobble = (weights[:, None] * np.cos(k[:, None] * angles[None, :] + phases[:, None])).sum(0)
    wobble /= max(float(wobble.std()), 1e-12)
    irregularity = _vary(rng, settings.irregularity, settings.pleomorphism)
    r = r * (1 + irregularity * wobble)
    if settings.concavity > 0 and settings.dents > 0:
        start = rng.uniform(0, 2 * math.pi)
        for i in range(settings.dents):
            centre = start + 2 * math.pi * (i + rng.uniform(-0.25, 0.25)) / settings.dents
            width = rng.uniform(0.18, 0.32)
            depth = min(0.6, _vary(rng, settings.concavity, settings.pleomorphism))
            gap = np.angle(np.exp(1j * (angles - centre)))
            r = r * (1 - depth * rng.uniform(0.7, 1.3) * np.exp(-0.5 * (gap / width) ** 2))
    return angles, np.maximum(r, 0.3 * radius)


def _make_nucleus(
    rng: np.random.Generator, settings: ImageSettings, radius: float
) -> tuple[np.ndarray, np.ndarray, float]:
    angles, radii = _radius_profile(rng, settings, radius)
    return angles, radii, _variation(rng, settings.pleomorphism)


@dataclass(frozen=True)
class _Canvas:
    """What an image's pixels are made of, apart from the chromatin texture: the background
    (light, slightly grainy) and, for each nucleus, where it lies (``windows``), how much of
    each pixel it covers (``coverage``) and its chromatin grain (``grains``, spread 1)."""

    background: np.ndarray
    windows: tuple[tuple[slice, slice], ...]
    coverage: tuple[np.ndarray, ...]
    grains: tuple[np.ndarray, ...]


def _canvas(
    settings: ImageSettings, rng: np.random.Generator, shape: tuple[int, int], nuclei: list
) -> _Canvas:
    """Draw the background and each nucleus's coverage and grain (the random numbers after the
    nuclei's), for ``_paint`` to put together with the chromatin texture."""
    rows, cols = shape
    background = settings.background_grey + rng.normal(0, 3.0, shape)
    windows, coverages, grains = [], [], []
    for nucleus in nuclei:
        cy, cx = nucleus.centre
        reach = int(math.ceil(nucleus.radii.max())) + 2
        r0, r1 = max(0, int(cy) - reach), min(rows, int(cy) + reach + 2)
        c0, c1 = max(0, int(cx) - reach), min(cols, int(cx) + reach + 2)
        dy, dx = np.arange(r0, r1)[:, None] - cy, np.arange(c0, c1)[None, :] - cx
        rho, theta = np.hypot(dy, dx), np.mod(np.arctan2(dy, dx), 2 * math.pi)
        edge = np.interp(theta, nucleus.angles, nucleus.radii, period=2 * math.pi)
        coverage = np.clip(edge - rho + 0.5, 0.0, 1.0)  # anti-aliased edge
        grain = ndimage.gaussian_filter(rng.normal(size=coverage.shape), settings.coarseness)
        grain /= max(float(grain.std()), 1e-12)
        windows.append((slice(r0, r1), slice(c0, c1)))
        coverages.append(coverage)
        grains.append(grain)
    picture = ndimage.gaussian_filter(background, 1.0)
    return _Canvas(picture, tuple(windows), tuple(coverages), tuple(grains))


def _paint(canvas: _Canvas, nuclei: list, settings: ImageSettings) -> np.ndarray:
    """The nuclei, stained with ``settings.texture``, on the canvas's background: uint8 grey
    levels."""
    picture = canvas.background.copy()
    parts = zip(nuclei, canvas.windows, canvas.coverage, canvas.grains, strict=True)
    for nucleus, window, coverage, grain in parts:
        spread = settings.texture * nucleus.texture_factor
        inside = settings.nucleus_grey + spread * grain
        picture[window] = picture[window] * (1 - coverage) + inside * coverage
    picture = ndimage.gaussian_filter(picture, 0.5)  # a touch of optical blur
    np.rint(picture, out=picture)
    return np.clip(picture, 0, 255, out=picture).astype(np.uint8)


def _outline(nucleus: _Nucleus) -> np.ndarray:
    cy, cx = nucleus.centre
    radii, angles = nucleus.radii, nucleus.angles
    points = np.column_stack([cy + radii * np.sin(angles), cx + radii * np.cos(angles)])
    return np.vstack([points, points[:1]])


def _synthetic(nuclei: list[_Nucleus], pixels, settings: ImageSettings, seed) -> SyntheticImage:
    outlines = tuple(_outline(n) for n in nuclei)
    centres = tuple((float(n.centre[0]), float(n.centre[1])) for n in nuclei)
    return SyntheticImage(pixels, outlines, centres, settings, int(seed))


#: Random places tried for each nucleus before the image counts as too crowded (the first few
#: one by one, the others screened together); and how far apart (pixels) nuclei are kept,
#: and how far from the edge.
_ATTEMPTS = 500
_FIRST_ATTEMPTS = 8
_GAP, _MARGIN = 6.0, 4.0


def _free_spot(
    rng: np.random.Generator, reach: float, nuclei: list[_Nucleus], shape: tuple[int, int]
) -> tuple[float, float] | None:
    """The first of up to ``_ATTEMPTS`` random centres, drawn from ``rng`` one after another,
    where a nucleus reaching ``reach`` pixels from its centre stays clear of the edge and of
    ``nuclei``; None if none of them is. ``rng`` is left just after the centre it returns (as
    if the attempts had all been made one by one)."""
    rows, cols = shape
    low_y, high_y = reach + _MARGIN, rows - 1 - reach - _MARGIN
    low_x, high_x = reach + _MARGIN, cols - 1 - reach - _MARGIN
    clear = [reach + n.radii.max() + _GAP for n in nuclei]

    def attempt() -> tuple[float, float] | None:
        cy = rng.uniform(low_y, high_y)
        cx = rng.uniform(low_x, high_x)
        if all(
            math.hypot(cy - n.centre[0], cx - n.centre[1]) > far
            for n, far in zip(nuclei, clear, strict=True)
        ):
            return cy, cx
        return None

    for _ in range(_FIRST_ATTEMPTS):  # in an uncrowded image, a place is found at once
        if (spot := attempt()) is not None:
            return spot
    # Crowded: screen the other attempts together first (the same random numbers, drawn ahead
    # and put back), and check only those that may succeed one by one, as above.
    rest = _ATTEMPTS - _FIRST_ATTEMPTS
    state = rng.bit_generator.state
    u = rng.random(2 * rest).reshape(rest, 2)  # each attempt's (cy, cx) draws
    rng.bit_generator.state = state
    centres = np.array([n.centre for n in nuclei])
    dy = low_y + (high_y - low_y) * u[:, :1] - centres[:, 0]
    dx = low_x + (high_x - low_x) * u[:, 1:] - centres[:, 1]
    # Clearly too close to a nucleus (by more than rounding could explain): no need to check.
    maybe = (np.hypot(dy, dx) > np.array(clear) - 1e-6).all(axis=1)
    if not maybe.any():
        return None
    for hopeful in maybe[: np.flatnonzero(maybe)[-1] + 1]:
        if not hopeful:  # clearly too close: draw its random numbers, as the attempt would
            rng.uniform(low_y, high_y)
            rng.uniform(low_x, high_x)
        elif (spot := attempt()) is not None:
            return spot
    return None


def _place(settings: ImageSettings, rng: np.random.Generator, fewer: bool) -> list[_Nucleus]:
    """Draw ``settings.n_nuclei`` nuclei and place them apart; when one does not fit, raise
    ``CrowdedImageError`` or (``fewer``) keep those placed so far, ``rng`` as it was after
    them: the same nuclei, and the same image, as asking for only that many."""
    nuclei: list[_Nucleus] = []
    for _ in range(settings.n_nuclei):
        before = rng.bit_generator.state if fewer else None
        radius = _vary(rng, settings.radius, settings.pleomorphism)
        angles, radii, factor = _make_nucleus(rng, settings, radius)
        spot = _free_spot(rng, float(radii.max()), nuclei, settings.size)
        if spot is None:
            if fewer and nuclei:
                rng.bit_generator.state = before
                break
            rows, cols = settings.size
            raise CrowdedImageError(
                f"Could not fit {settings.n_nuclei} nuclei of radius {settings.radius:g} into a "
                f"{rows}×{cols} image without overlap; use fewer nuclei, a smaller radius or a "
                "larger size."
            )
        nuclei.append(_Nucleus(spot, angles, radii, factor))
    return nuclei


def synthetic_image(
    settings: str | ImageSettings = "benign",
    seed: int = 0,
    *,
    fewer_if_crowded: bool = False,
    **changes,
) -> SyntheticImage:
    """Draw a SYNTHETIC grey-scale FNA-like image: dark nuclei on a light background.

    ``settings`` is ``"benign"`` (small, round, smooth nuclei with fine chromatin),
    ``"malignant"`` (larger, irregular, dented nuclei with coarse chromatin) or an
    ``ImageSettings``; any setting can be changed by name, e.g. ``radius=20``. The same
    ``seed`` always gives the same image. Nuclei never overlap and never touch the border
    (they are kept at least 6 pixels apart and 4 pixels from the edge).

    When the nuclei asked for do not all fit, a ``CrowdedImageError`` says so; with
    ``fewer_if_crowded=True`` the image holds as many as fit instead (exactly the image asked
    for with ``n_nuclei`` set to that number, which its ``settings`` say).

    This is not a patient image and its measurements are not calibrated to the real
    Wisconsin images (see ``SYNTHETIC_NOTE``).

    >>> picture = synthetic_image("malignant", seed=3, n_nuclei=5)
    >>> picture
    SyntheticImage(256×256 pixels, 5 nuclei, malignant-like (changed), seed=3; SYNTHETIC, ...)
    >>> picture.pixels.dtype, picture.pixels.shape
    (dtype('uint8'), (256, 256))
    >>> synthetic_image("malignant", radius=24, n_nuclei=20, fewer_if_crowded=True)
    SyntheticImage(256×256 pixels, 8 nuclei, malignant-like (changed), seed=0; SYNTHETIC, ...)
    """
    settings = _settings(settings, changes)
    _rng(seed)  # a clear message for a seed that is not one
    nuclei, canvas = _image_layout(_untextured(settings), int(seed), bool(fewer_if_crowded))
    if len(nuclei) < settings.n_nuclei:
        settings = replace(settings, n_nuclei=len(nuclei))
    return _synthetic(list(nuclei), _paint(canvas, nuclei, settings), settings, seed)


def _untextured(settings: ImageSettings) -> ImageSettings:
    """The settings that decide where the nuclei go and what they look like, apart from the
    chromatin texture (which only makes their grain stronger or fainter)."""
    return replace(settings, texture=0.0, name="")


# The last image and the last single nucleus drawn, without their texture: moving only the
# texture slider of the nucleus explorer draws the same nuclei in the same places again, so
# only the staining is painted anew (the same pixels as drawing everything again).
@functools.lru_cache(maxsize=1)
def _image_layout(
    settings: ImageSettings, seed: int, fewer: bool
) -> tuple[tuple[_Nucleus, ...], _Canvas]:
    rng = np.random.default_rng(seed)
    nuclei = _place(settings, rng, fewer)
    return tuple(nuclei), _canvas(settings, rng, settings.size, nuclei)


@functools.lru_cache(maxsize=1)
def _nucleus_layout(settings: ImageSettings, seed: int) -> tuple[_Nucleus, _Canvas, int]:
    rng = np.random.default_rng(seed)
    angles, radii, factor = _make_nucleus(rng, settings, settings.radius)
    side = max(32, 2 * int(math.ceil(radii.max())) + 12)
    centre = ((side - 1) / 2, (side - 1) / 2)
    nucleus = _Nucleus(centre, angles, radii, factor)
    return nucleus, _canvas(settings, rng, (side, side), [nucleus]), side


def synthetic_nucleus(
    settings: str | ImageSettings = "benign", seed: int = 0, **changes
) -> SyntheticImage:
    """Draw ONE synthetic nucleus, centred in a small image just big enough to hold it.

    Same settings as ``synthetic_image``; ``n_nuclei``, ``size`` and ``pleomorphism`` are
    ignored (the nucleus has exactly the ``radius``, ``irregularity``, ``concavity`` and
    ``texture`` asked for, before the random wobble and dents). Made for an interactive
    widget: move a slider, draw again, measure again. SYNTHETIC, not a patient's nucleus.

    >>> one = synthetic_nucleus("benign", seed=0, radius=15)
    >>> len(one.outlines), one.pixels.shape
    (1, (48, 48))
    """
    settings = _settings(settings, changes)
    settings = replace(settings, pleomorphism=0.0)
    _rng(seed)  # a clear message for a seed that is not one
    # n_nuclei and size do not change the one nucleus: fixed, so the last one drawn is found
    untextured = replace(_untextured(settings), n_nuclei=1, size=(32, 32))
    nucleus, canvas, side = _nucleus_layout(untextured, int(seed))
    settings = replace(settings, n_nuclei=1, size=(side, side))
    return _synthetic([nucleus], _paint(canvas, [nucleus], settings), settings, seed)
