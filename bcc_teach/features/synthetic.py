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
    """One nucleus to draw: centre (row, col), radius at each angle, chromatin spread."""

    centre: tuple[float, float]
    angles: np.ndarray
    radii: np.ndarray
    texture: float


def _vary(rng: np.random.Generator, value: float, pleomorphism: float) -> float:
    """``value`` varied between nuclei by a relative standard deviation ``pleomorphism``."""
    return value * float(np.clip(1 + pleomorphism * rng.normal(), 0.5, 1.6))


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
    spread = _vary(rng, settings.texture, settings.pleomorphism)
    return angles, radii, spread


def _draw(
    settings: ImageSettings, rng: np.random.Generator, shape: tuple[int, int], nuclei: list
) -> np.ndarray:
    """Render the nuclei on a light, slightly grainy background; return uint8 grey levels."""
    rows, cols = shape
    background = settings.background_grey + rng.normal(0, 3.0, shape)
    picture = ndimage.gaussian_filter(background, 1.0)
    for nucleus in nuclei:
        cy, cx = nucleus.centre
        reach = int(math.ceil(nucleus.radii.max())) + 2
        r0, r1 = max(0, int(cy) - reach), min(rows, int(cy) + reach + 2)
        c0, c1 = max(0, int(cx) - reach), min(cols, int(cx) + reach + 2)
        yy, xx = np.mgrid[r0:r1, c0:c1]
        dy, dx = yy - cy, xx - cx
        rho, theta = np.hypot(dy, dx), np.mod(np.arctan2(dy, dx), 2 * math.pi)
        edge = np.interp(theta, nucleus.angles, nucleus.radii, period=2 * math.pi)
        coverage = np.clip(edge - rho + 0.5, 0.0, 1.0)  # anti-aliased edge
        grain = ndimage.gaussian_filter(rng.normal(size=coverage.shape), settings.coarseness)
        grain /= max(float(grain.std()), 1e-12)
        inside = settings.nucleus_grey + nucleus.texture * grain
        window = picture[r0:r1, c0:c1]
        picture[r0:r1, c0:c1] = window * (1 - coverage) + inside * coverage
    picture = ndimage.gaussian_filter(picture, 0.5)  # a touch of optical blur
    return np.clip(np.rint(picture), 0, 255).astype(np.uint8)


def _outline(nucleus: _Nucleus) -> np.ndarray:
    cy, cx = nucleus.centre
    radii, angles = nucleus.radii, nucleus.angles
    points = np.column_stack([cy + radii * np.sin(angles), cx + radii * np.cos(angles)])
    return np.vstack([points, points[:1]])


def _synthetic(nuclei: list[_Nucleus], pixels, settings: ImageSettings, seed) -> SyntheticImage:
    outlines = tuple(_outline(n) for n in nuclei)
    centres = tuple((float(n.centre[0]), float(n.centre[1])) for n in nuclei)
    return SyntheticImage(pixels, outlines, centres, settings, int(seed))


def synthetic_image(
    settings: str | ImageSettings = "benign", seed: int = 0, **changes
) -> SyntheticImage:
    """Draw a SYNTHETIC grey-scale FNA-like image: dark nuclei on a light background.

    ``settings`` is ``"benign"`` (small, round, smooth nuclei with fine chromatin),
    ``"malignant"`` (larger, irregular, dented nuclei with coarse chromatin) or an
    ``ImageSettings``; any setting can be changed by name, e.g. ``radius=20``. The same
    ``seed`` always gives the same image. Nuclei never overlap and never touch the border
    (they are kept at least 6 pixels apart and 4 pixels from the edge).

    This is not a patient image and its measurements are not calibrated to the real
    Wisconsin images (see ``SYNTHETIC_NOTE``).

    >>> picture = synthetic_image("malignant", seed=3, n_nuclei=5)
    >>> picture
    SyntheticImage(256×256 pixels, 5 nuclei, malignant-like (changed), seed=3; SYNTHETIC, ...)
    >>> picture.pixels.dtype, picture.pixels.shape
    (dtype('uint8'), (256, 256))
    """
    settings = _settings(settings, changes)
    rng = _rng(seed)
    rows, cols = settings.size
    margin, gap = 4.0, 6.0
    nuclei: list[_Nucleus] = []
    for _ in range(settings.n_nuclei):
        radius = _vary(rng, settings.radius, settings.pleomorphism)
        angles, radii, spread = _make_nucleus(rng, settings, radius)
        reach = float(radii.max())
        for _attempt in range(500):
            cy = rng.uniform(reach + margin, rows - 1 - reach - margin)
            cx = rng.uniform(reach + margin, cols - 1 - reach - margin)
            if all(
                math.hypot(cy - n.centre[0], cx - n.centre[1]) > reach + n.radii.max() + gap
                for n in nuclei
            ):
                break
        else:
            raise CrowdedImageError(
                f"Could not fit {settings.n_nuclei} nuclei of radius {settings.radius:g} into a "
                f"{rows}×{cols} image without overlap; use fewer nuclei, a smaller radius or a "
                "larger size."
            )
        nuclei.append(_Nucleus((cy, cx), angles, radii, spread))
    return _synthetic(nuclei, _draw(settings, rng, (rows, cols), nuclei), settings, seed)


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
    rng = _rng(seed)
    angles, radii, spread = _make_nucleus(rng, settings, settings.radius)
    side = max(32, 2 * int(math.ceil(radii.max())) + 12)
    centre = ((side - 1) / 2, (side - 1) / 2)
    settings = replace(settings, n_nuclei=1, size=(side, side))
    nuclei = [_Nucleus(centre, angles, radii, spread)]
    return _synthetic(nuclei, _draw(settings, rng, (side, side), nuclei), settings, seed)
