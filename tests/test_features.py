"""bcc_teach.features: known answers on drawn shapes, and the synthetic images' promises."""

from __future__ import annotations

import math

import numpy as np
import pytest
from scipy import ndimage
from skimage.draw import polygon2mask
from skimage.measure import points_in_poly

from bcc_teach import data, features, models

INSIDE, OUTSIDE = 60, 220
PRESET_KINDS = ("benign", "malignant")


def render(radius_at, size=100, antialias=True, inside=INSIDE):
    """Grey image of a shape given by its radius at each angle, centred; dark on light.

    With ``antialias``, each pixel's grey level is the share of it covered by the shape
    (8 × 8 samples per pixel), as a camera would record it; without, a pixel is dark when its
    centre is inside.
    """
    sub = 8 if antialias else 1
    offsets = (np.arange(sub) + 0.5) / sub - 0.5 if antialias else np.zeros(1)
    centre = (size - 1) / 2
    yy, xx = np.mgrid[:size, :size].astype(float)
    cover = np.zeros((size, size))
    for dy in offsets:
        for dx in offsets:
            y, x = yy + dy - centre, xx + dx - centre
            cover += np.hypot(y, x) <= radius_at(np.arctan2(y, x))
    cover /= len(offsets) ** 2
    grey = OUTSIDE - (OUTSIDE - np.asarray(inside, dtype=float)) * cover
    return np.rint(grey).astype(np.uint8)


def circle(r):
    return lambda theta: np.full_like(theta, r)


def ellipse(a, b):
    return lambda theta: a * b / np.hypot(b * np.cos(theta), a * np.sin(theta))


def star(r, arms=5, depth=0.3):
    return lambda theta: r * (1 - depth * np.cos(arms * theta))


def only_nucleus(image):
    found = features.segment(image)
    assert len(found.contours) == 1
    return features.measure_nucleus(found.contours[0], found.image, found.masks[0])


# --------------------------------------------------------------------------------------------
# Known answers
# --------------------------------------------------------------------------------------------


@pytest.mark.parametrize("antialias", [True, False], ids=["anti-aliased", "hard-edged"])
def test_a_digital_circle_measures_as_a_circle(antialias):
    r = 20
    values = only_nucleus(render(circle(r), antialias=antialias))
    assert values["radius"] == pytest.approx(r, rel=0.02)
    assert values["area"] == pytest.approx(math.pi * r**2, rel=0.02)
    assert values["perimeter"] == pytest.approx(2 * math.pi * r, rel=0.02)
    assert values["compactness"] == pytest.approx(0, abs=0.02)
    assert values["concave_points"] == 0


def test_circle_is_most_compact_and_only_the_star_has_dents():
    shapes = {"circle": circle(20), "ellipse": ellipse(28, 14), "star": star(22)}
    values = {name: only_nucleus(render(shape, size=80)) for name, shape in shapes.items()}
    compact = {name: v["compactness"] for name, v in values.items()}
    assert compact["circle"] < compact["ellipse"]
    assert compact["circle"] < compact["star"]
    assert values["circle"]["concave_points"] == 0
    assert values["ellipse"]["concave_points"] == 0
    assert values["circle"]["concavity"] == pytest.approx(0, abs=0.005)
    assert values["star"]["concavity"] > 0.05
    # five arms, five dents between them (concave points = dents per pixel of perimeter)
    assert values["star"]["concave_points"] * values["star"]["perimeter"] == pytest.approx(5)


def test_known_answers_on_exact_outlines():
    angles = np.linspace(0, 2 * np.pi, 720, endpoint=False)
    ring = np.column_stack([20 * np.sin(angles), 20 * np.cos(angles)])
    assert features.radius(ring) == pytest.approx(20, rel=1e-3)
    assert features.area(ring) == pytest.approx(math.pi * 400, rel=1e-3)
    assert features.perimeter(ring) == pytest.approx(40 * math.pi, rel=1e-3)
    assert features.compactness(ring) == pytest.approx(0, abs=1e-3)
    assert features.smoothness(ring) == pytest.approx(0, abs=1e-3)
    assert features.symmetry(ring) == pytest.approx(0, abs=1e-3)
    assert features.concavity(ring) == pytest.approx(0, abs=1e-6)
    square = [[0, 0], [0, 10], [10, 10], [10, 0]]
    assert features.compactness(square) == pytest.approx(4 / math.pi - 1)
    # the same outline, closed (last point = first) or not, measures the same
    closed = np.vstack([ring, ring[:1]])
    assert features.measure_nucleus(closed)["area"] == features.measure_nucleus(ring)["area"]


def test_a_rougher_boundary_has_a_higher_fractal_dimension():
    def bumpy(amplitude):
        return lambda theta: 30 + amplitude * np.sin(20 * theta)

    dimensions = [only_nucleus(render(bumpy(a)))["fractal_dimension"] for a in (0.0, 1.0, 2.5)]
    assert dimensions[0] < dimensions[1] < dimensions[2]
    assert dimensions[0] == pytest.approx(0, abs=0.02)


def test_texture_is_the_grey_level_spread_inside_the_outline():
    # A disc of chromatin in a checkerboard of grey levels 40 and 100: standard deviation 30.
    yy, xx = np.mgrid[:100, :100]
    inside = np.where((yy + xx) % 2 == 0, 40, 100)
    image = render(circle(20), antialias=False, inside=inside)
    found = features.segment(image)
    table = features.nucleus_table(found)
    contour = found.contours[0]
    pixels = image[polygon2mask(image.shape, contour[:-1])].astype(float)
    expected = math.sqrt(((pixels - pixels.mean()) ** 2).mean())
    assert table.loc[1, "texture"] == pytest.approx(expected, rel=1e-12)
    assert table.loc[1, "texture"] == pytest.approx(30, abs=1.5)


def test_texture_on_a_synthetic_image_is_the_sd_of_each_nucleus_pixels():
    picture = features.synthetic_image("malignant", seed=2)
    found = features.segment(picture)
    table = features.nucleus_table(found)
    for number, contour in enumerate(found.contours, start=1):
        pixels = picture.pixels[polygon2mask(picture.pixels.shape, contour[:-1])]
        assert table.loc[number, "texture"] == pytest.approx(np.std(pixels.astype(float)))


# --------------------------------------------------------------------------------------------
# Per-image summaries
# --------------------------------------------------------------------------------------------


@pytest.mark.parametrize("kind", ["benign", "malignant"])
def test_image_row_has_the_wdbc_columns_and_worst_is_at_least_mean(kind):
    found = features.segment(features.synthetic_image(kind, seed=4))
    table = features.nucleus_table(found)
    row = features.image_features(found)
    assert list(table.columns) == list(data.BASE_FEATURES)
    assert list(row.columns) == list(data.FEATURES)
    assert row.shape == (1, 30)
    assert np.isfinite(row.to_numpy()).all()
    for base in data.BASE_FEATURES:
        values = table[base].to_numpy()
        mean, se, worst = (row[f"{base}_{stat}"].iloc[0] for stat in ("mean", "se", "worst"))
        assert worst >= mean
        assert mean == pytest.approx(values.mean())
        assert se == pytest.approx(values.std(ddof=1) / math.sqrt(len(values)))
        assert worst == pytest.approx(np.sort(values)[-3:].mean())


def test_summary_of_one_or_two_nuclei():
    table = features.nucleus_table(features.synthetic_nucleus("malignant", seed=5))
    row = features.summarise(table)
    assert len(table) == 1
    assert (row.filter(like="_se") == 0).all(axis=None)
    for base in data.BASE_FEATURES:
        assert row[f"{base}_worst"].iloc[0] == row[f"{base}_mean"].iloc[0] == table[base].iloc[0]
    with pytest.raises(ValueError, match="BASE_FEATURES"):
        features.summarise(table.drop(columns="symmetry"))


def test_an_image_row_goes_straight_into_the_reference_model():
    X, y = data.load_wdbc_xy()
    model = models.reference_model().fit(X, y)
    rows = [features.image_features(features.synthetic_image(k, seed=0)) for k in PRESET_KINDS]
    p = [models.probability_malignant(model, row)[0] for row in rows]
    assert all(0 <= value <= 1 for value in p)


# --------------------------------------------------------------------------------------------
# The synthetic images
# --------------------------------------------------------------------------------------------


@pytest.mark.parametrize("seed", [0, 1, 2])
def test_malignant_like_nuclei_are_larger_and_more_dented(seed):
    benign = features.image_features(features.synthetic_image("benign", seed=seed)).iloc[0]
    malignant = features.image_features(features.synthetic_image("malignant", seed=seed)).iloc[0]
    for feature in ("radius_mean", "area_mean", "concavity_mean", "texture_mean"):
        assert malignant[feature] > benign[feature], feature
    assert malignant["concavity_mean"] > 2 * benign["concavity_mean"]


def test_the_generator_is_deterministic_for_a_seed():
    first = features.synthetic_image("malignant", seed=7)
    again = features.synthetic_image("malignant", seed=7)
    other = features.synthetic_image("malignant", seed=8)
    np.testing.assert_array_equal(first.pixels, again.pixels)
    for a, b in zip(first.outlines, again.outlines, strict=True):
        np.testing.assert_array_equal(a, b)
    assert not np.array_equal(first.pixels, other.pixels)
    assert first.seed == 7 and first.settings == features.PRESETS["malignant"]
    one, one_again = features.synthetic_nucleus(seed=3), features.synthetic_nucleus(seed=3)
    np.testing.assert_array_equal(one.pixels, one_again.pixels)
    assert not np.array_equal(one.pixels, features.synthetic_nucleus(seed=4).pixels)


def test_generated_images_say_they_are_synthetic():
    picture = features.synthetic_image("benign", seed=0)
    assert "SYNTHETIC" in picture.note and "not a patient image" in picture.note
    assert "SYNTHETIC" in repr(picture)
    assert "synthetic" in features.__doc__.lower()
    assert picture.pixels.dtype == np.uint8 and picture.pixels.ndim == 2


@pytest.mark.parametrize("kind", PRESET_KINDS)
@pytest.mark.parametrize("seed", [0, 11])
def test_nuclei_neither_overlap_nor_touch_the_border(kind, seed):
    picture = features.synthetic_image(kind, seed=seed)
    shape = picture.pixels.shape
    masks = [polygon2mask(shape, outline[:-1]) for outline in picture.outlines]
    assert len(masks) == picture.settings.n_nuclei
    # grown by 2 pixels, no two nuclei meet: they do not even touch
    grown = [ndimage.binary_dilation(mask, iterations=2) for mask in masks]
    assert np.sum(grown, axis=0).max() == 1
    for outline in picture.outlines:
        assert outline.min() >= 3 and outline[:, 0].max() <= shape[0] - 4
        assert outline[:, 1].max() <= shape[1] - 4
    # and the segmentation finds every one of them, in the right place
    found = features.segment(picture)
    assert len(found.contours) == len(picture.outlines)
    true_centres = np.array([outline[:-1].mean(axis=0) for outline in picture.outlines])
    for contour in found.contours:
        assert np.hypot(*(true_centres - contour[:-1].mean(axis=0)).T).min() < 2


@pytest.mark.parametrize("kind", PRESET_KINDS)
def test_segmented_outline_matches_the_true_outline(kind):
    one = features.synthetic_nucleus(kind, seed=1, radius=20)
    found = features.segment(one)
    measured = features.measure_nucleus(found.contours[0])
    truth = features.measure_nucleus(one.outlines[0])
    assert measured["radius"] == pytest.approx(truth["radius"], rel=0.02)
    assert measured["area"] == pytest.approx(truth["area"], rel=0.02)
    # the image's blur hides the finest wiggles of the drawn outline: a slightly shorter trace
    assert 0.85 * truth["perimeter"] < measured["perimeter"] <= truth["perimeter"]


def test_settings_can_be_changed_by_name_and_are_checked():
    picture = features.synthetic_image("benign", seed=0, n_nuclei=3, radius=15)
    assert len(picture.outlines) == 3 and picture.settings.radius == 15
    assert features.synthetic_nucleus(seed=0, radius=25).pixels.shape[0] > 50
    with pytest.raises(TypeError, match="Unknown setting"):
        features.synthetic_image("benign", colour="pink")
    with pytest.raises(ValueError, match="No preset called"):
        features.synthetic_image("atypical")
    with pytest.raises(ValueError, match="radius"):
        features.ImageSettings(radius=-1)
    with pytest.raises(ValueError, match="seed must be a whole number"):
        features.synthetic_image("benign", seed=None)
    with pytest.raises(ValueError, match="Could not fit 40 nuclei"):
        features.synthetic_image("malignant", seed=0, n_nuclei=40)


# --------------------------------------------------------------------------------------------
# Bad input gets a clear message
# --------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("image", "message"),
    [
        (np.empty((0, 0)), r"The image is empty .*expected a 2-D array of grey levels 0–255"),
        (np.array([["dark", "light"]]), r"type <U5 .*expected a 2-D array of grey levels 0–255"),
        (np.full((8, 8), True), r"type bool .*expected a 2-D array of grey levels"),
        (np.zeros((64, 64, 3)), r"3 dimension.*expected a 2-D array of grey levels.*colour"),
        (np.zeros(64), r"1 dimension.*expected a 2-D array of grey levels"),
        (np.full((64, 64), 300.0), r"run from 300 to 300; expected a 2-D array"),
        (np.full((64, 64), np.nan), r"missing \(NaN\)"),
        (np.full((64, 64), 220, dtype=np.uint8), r"No nucleus found in the image.*uniform"),
        (np.full((64, 64), 0.5), r"No nucleus found.*Multiply by 255"),
    ],
    ids=["empty", "strings", "booleans", "3-D", "1-D", "out of range", "NaN", "blank", "0-1"],
)
def test_bad_images_get_a_clear_message(image, message):
    with pytest.raises(ValueError, match=message):
        features.segment(image)


def test_background_without_nuclei_is_refused():
    rng = np.random.default_rng(0)
    grainy = np.clip(rng.normal(215, 6, (96, 96)), 0, 255).astype(np.uint8)
    with pytest.raises(ValueError, match="No nucleus found in the image"):
        features.segment(grainy)
    # a nucleus cut by the border is left out, and the message says why
    cut = render(circle(20))[:, 35:]  # the circle's centre is 15 pixels from the left edge
    with pytest.raises(ValueError, match="1 touching the border"):
        features.segment(cut)


def test_bad_outlines_get_a_clear_message():
    with pytest.raises(ValueError, match="N×2 array"):
        features.perimeter([1, 2, 3])
    with pytest.raises(ValueError, match="encloses no area"):
        features.area([[0, 0], [1, 1], [2, 2]])


# --------------------------------------------------------------------------------------------
# The geometry the lesson draws agrees with the numbers it explains
# --------------------------------------------------------------------------------------------


def exact(shape, points=600):
    angles = np.linspace(0, 2 * np.pi, points, endpoint=False)
    r = shape(angles)
    return np.column_stack([r * np.sin(angles), r * np.cos(angles)]) + 50


@pytest.mark.parametrize("seed", range(4))
def test_drawn_dents_are_the_counted_dents(seed):
    for contour in features.segment(features.synthetic_image("malignant", seed=seed)).contours:
        count = features.concave_points(contour) * features.perimeter(contour)
        dents = features.dent_points(contour)
        assert len(dents) == round(count)
        # every dent's deepest point lies inside the rubber band, not on it
        assert points_in_poly(dents, features.convex_hull(contour)).all()
        on_outline = np.hypot(*(contour[:, None] - dents[None]).T).min(axis=1)
        assert (on_outline < 1.0).all()
    assert len(features.dent_points(exact(circle(20)))) == 0
    assert len(features.dent_points(exact(star(20, arms=7)))) == 7


def test_radius_lines_average_to_the_radius_and_start_at_the_centre():
    outline = exact(ellipse(30, 15))
    lines = features.radius_lines(outline, count=200)
    assert np.allclose(lines[:, 0], features.centre(outline))
    lengths = np.hypot(*(lines[:, 1] - lines[:, 0]).T)
    assert lengths.mean() == pytest.approx(features.radius(outline), rel=0.01)


def test_hull_area_gives_the_concavity():
    outline = exact(star(20, arms=5, depth=0.3))
    hull = features.convex_hull(outline)
    assert np.allclose(hull[0], hull[-1])
    ratio = features.area(hull) / features.area(outline) - 1
    assert ratio == pytest.approx(features.concavity(outline), rel=1e-9)
    assert features.area(features.convex_hull(exact(circle(20)))) == pytest.approx(
        features.area(exact(circle(20))), rel=1e-3
    )


def test_coastline_shrinks_faster_for_a_crinkly_outline():
    smooth = exact(circle(30), points=800)
    wavy = exact(lambda t: 30 * (1 + 0.05 * np.sin(15 * t)), points=800)
    for outline in (smooth, wavy):
        assert features.perimeter(features.coastline(outline, 1)) == pytest.approx(
            features.perimeter(outline), rel=0.01
        )

    def shrink(outline):
        return features.perimeter(features.coastline(outline, 8)) / features.perimeter(
            features.coastline(outline, 1)
        )

    assert shrink(wavy) < shrink(smooth) < 1.0
    with pytest.raises(ValueError, match="whole number"):
        features.coastline(smooth, 0)
    with pytest.raises(ValueError, match="too long"):
        features.coastline(smooth, 10_000)


def test_major_axis_is_the_long_axis_through_the_centre():
    ends = features.major_axis(exact(ellipse(30, 12)))
    assert np.hypot(*(ends[0] - ends[1])) == pytest.approx(60, rel=0.01)
    assert np.allclose(ends.mean(axis=0), 50, atol=0.5)


def test_the_mirror_of_an_outline_symmetric_about_its_long_axis_is_itself():
    oval = exact(ellipse(30, 12))  # long axis along the columns, through (50, 50)
    mirrored = features.mirror(oval)
    assert np.allclose(mirrored[0], mirrored[-1])  # closed, ready to draw
    assert np.allclose(mirrored[:-1], oval * [-1, 1] + [100, 0])  # (r, c) -> (100 - r, c)


def test_the_mirror_of_an_asymmetric_outline_strays_from_it():
    # a kite on the chord from (0, 0) to (0, 60): 12 px tall on one side, 3 px on the other
    kite = np.array([[0, 0], [12, 10], [0, 60], [-3, 30]], dtype=float)
    mirrored = features.mirror(kite)[:-1]
    assert features.area(mirrored) == pytest.approx(60 * 12 / 2 + 60 * 3 / 2)  # folding keeps it
    strays = np.hypot(*(mirrored[:, None] - kite[None]).T).min(axis=0)
    assert strays.max() > 5  # the tall side folds over to where the short side was
    assert features.symmetry(kite) > 0.2


# --------------------------------------------------------------------------------------------
# Quick, and the same numbers: the routines made fast for the nucleus explorer, against
# straightforward reference computations (each feature on its own, pandas, scikit-image)
# --------------------------------------------------------------------------------------------


def _ref_resample(points, spacing=1.0):
    closed = np.vstack([points, points[:1]])
    arc = np.concatenate([[0.0], np.cumsum(np.hypot(*np.diff(closed, axis=0).T))])
    at = np.linspace(0, arc[-1], max(16, int(round(arc[-1] / spacing))), endpoint=False)
    return np.column_stack([np.interp(at, arc, closed[:, 0]), np.interp(at, arc, closed[:, 1])])


def _ref_centre(points):
    y, x = points[:, 0], points[:, 1]
    y1, x1 = np.roll(y, -1), np.roll(x, -1)
    cross = x * y1 - x1 * y
    return np.array([((y + y1) * cross).sum(), ((x + x1) * cross).sum()]) / (3 * cross.sum())


def _ref_crossings(rel, along, across, places):
    """For each direction (columns of ``along``/``across``) and place along it: the farthest
    crossings of the polygon ``rel`` with the line there, on either side (every edge tried)."""
    nxt = np.roll(rel, -1, axis=0)
    f0, f1 = rel @ across - places, nxt @ across - places
    t0, t1 = rel @ along, nxt @ along
    crosses = (f0 <= 0) != (f1 <= 0)
    with np.errstate(divide="ignore", invalid="ignore"):
        t = t0 + (t1 - t0) * f0 / (f0 - f1)
    return np.where(crosses, t, -np.inf).max(axis=0), np.where(crosses, t, np.inf).min(axis=0)


def reference_measurements(outline, image=None, mask=None):
    """The ten measurements as the module's help defines them, each worked out on its own from
    the outline, with no shared intermediate results (the code before it was made quick)."""
    from scipy.spatial import ConvexHull

    points = np.asarray(outline, dtype=float)
    if len(points) > 3 and np.allclose(points[0], points[-1]):
        points = points[:-1]
    y, x = points[:, 0], points[:, 1]
    area = abs(0.5 * float(np.dot(x, np.roll(y, -1)) - np.dot(np.roll(x, -1), y)))
    perimeter = float(np.hypot(*np.diff(np.vstack([points, points[:1]]), axis=0).T).sum())
    centre = _ref_centre(points)
    even = _ref_resample(points)
    radii = np.hypot(*(even - centre).T)
    r2 = np.hypot(*(_ref_resample(points, 2.0) - centre).T)
    smoothness = float(np.abs(r2 - (np.roll(r2, 1) + np.roll(r2, -1)) / 2).sum() / perimeter)
    hull = ConvexHull(points[:, ::-1])
    eq = hull.equations
    depth = np.maximum(-(even[:, ::-1] @ eq[:, :2].T + eq[:, 2]).max(axis=1), 0.0)
    deep = depth > max(0.5, 0.04 * float(radii.mean()))
    rolled = np.roll(deep, -int(np.argmin(depth)))
    dents = int((rolled & ~np.roll(rolled, 1)).sum())
    angles = np.deg2rad(np.arange(180))
    along = np.column_stack([np.sin(angles), np.cos(angles)])
    across = np.column_stack([np.cos(angles), -np.sin(angles)])
    high, low = _ref_crossings(points - centre, along.T, across.T, 0.0)
    length = np.where(np.isfinite(high) & np.isfinite(low), high - low, 0.0)
    axis = along[int(np.argmax(length))]
    rel = points - centre
    s0 = rel @ axis
    places = s0.min() + (np.arange(32) + 0.5) / 32 * (s0.max() - s0.min())
    # slices across the axis: "along" the slice is the distance from the axis
    side = np.array([axis[1], -axis[0]])
    high, low = _ref_crossings(rel, side[:, None], axis[:, None], places)
    left, right = np.maximum(high, 0.0), np.maximum(-low, 0.0)
    total = float((left + right).sum())
    symmetry = float(np.abs(left - right).sum() / (total / 2)) if total > 0 else 0.0
    rulers, lengths = [], []
    for k in (1, 2, 4, 8, 16):
        if len(even) / k < 6:
            break
        chord = float(np.hypot(*(np.roll(even, -k, axis=0) - even).T).mean())
        rulers.append(chord)
        lengths.append(len(even) / k * chord)
    if image is None:
        texture = float("nan")
    else:
        pixels = np.asarray(getattr(image, "pixels", image), dtype=float)
        inside = polygon2mask(pixels.shape, points) if mask is None else mask
        texture = float(pixels[inside].std())
    return {
        "radius": float(radii.mean()),
        "texture": texture,
        "perimeter": perimeter,
        "area": area,
        "smoothness": smoothness,
        "compactness": float(perimeter**2 / (4 * math.pi * area) - 1),
        "concavity": float(hull.volume / area - 1),
        "concave_points": dents / perimeter,
        "symmetry": symmetry,
        "fractal_dimension": float(-np.polyfit(np.log(rulers), np.log(lengths), 1)[0]),
    }


def _outlines_to_compare():
    """Traced and drawn outlines of synthetic nuclei, and exact shapes: (outline, image, mask)."""
    cases = []
    for kind in PRESET_KINDS:
        for seed in (0, 3):
            picture = features.synthetic_image(kind, seed=seed)
            found = features.segment(picture)
            cases += [(c, found.image, m) for c, m in zip(found.contours, found.masks, strict=True)]
            cases += [(outline, picture, None) for outline in picture.outlines[:3]]
        one = features.synthetic_nucleus(kind, seed=2, radius=22)
        cases.append((features.segment(one).contours[0], one.pixels, None))
    shapes = [circle(20), ellipse(30, 12), star(20, arms=7), lambda t: 30 + 2 * np.sin(20 * t)]
    cases += [(exact(shape), None, None) for shape in shapes]
    kite = np.array([[0, 0], [12, 10], [0, 60], [-3, 30]], dtype=float)
    square = np.array([[0, 0], [0, 10], [10, 10], [10, 0]], dtype=float)
    return [*cases, (kite, None, None), (square, None, None)]


def test_measurements_equal_a_straightforward_reference():
    """measure_nucleus works each outline's geometry out once for all ten measurements; the
    numbers are those of working out every measurement on its own."""
    for outline, image, mask in _outlines_to_compare():
        expected = reference_measurements(outline, image, mask)
        together = features.measure_nucleus(outline, image, mask)
        assert list(together) == list(data.BASE_FEATURES)
        for name, value in expected.items():
            alone = getattr(features, name)(outline) if name != "texture" else value
            for got in (together[name], alone):
                assert got == pytest.approx(value, rel=1e-12, abs=1e-12, nan_ok=True), name


def test_segment_masks_are_the_pixels_inside_each_outline():
    """segment's masks (and texture's default mask): exactly skimage's polygon2mask."""
    from bcc_teach.features._common import _polygon_mask

    for kind in PRESET_KINDS:
        found = features.segment(features.synthetic_image(kind, seed=1))
        for contour, mask in zip(found.contours, found.masks, strict=True):
            np.testing.assert_array_equal(mask, polygon2mask(found.image.shape, contour[:-1]))
    rng = np.random.default_rng(0)
    polygons = [
        np.array([[1, 1], [2, 7], [8, 4]], dtype=float),  # skimage's own example
        np.array([[2, 2], [2, 12], [12, 12], [12, 2]], dtype=float),  # edges on pixel centres
        np.array([[5, 0], [10, 5], [5, 10], [0, 5]], dtype=float),  # vertices on pixel centres
        np.array([[5, 0], [10, 5], [5, 10], [0, 5]]) + 1e-13,  # ... or within the tolerance
        np.array([[-5, -5], [-5, 30], [8, 30]], dtype=float),  # partly outside the image
        np.array([[-5, -5], [-5, -1], [-1, -1]], dtype=float),  # wholly outside it
    ]
    polygons += [rng.integers(-3, 25, (int(rng.integers(3, 12)), 2)) * 1.0 for _ in range(150)]
    polygons += [np.round(rng.uniform(-3, 25, (8, 2)) * 2) / 2 for _ in range(150)]
    polygons += [rng.uniform(-5, 30, (int(rng.integers(3, 30)), 2)) for _ in range(150)]
    for polygon in polygons:
        expected = polygon2mask((20, 24), polygon)
        np.testing.assert_array_equal(_polygon_mask((20, 24), polygon), expected)


def test_holes_and_background_as_scipy_and_numpy_find_them():
    from bcc_teach.features._common import _median_grey
    from bcc_teach.features.segmentation import _fill_holes

    rng = np.random.default_rng(1)
    for _ in range(300):
        shape = tuple(int(n) for n in rng.integers(1, 30, 2))
        dark = ndimage.binary_dilation(rng.random(shape) < 0.3, iterations=int(rng.integers(0, 2)))
        np.testing.assert_array_equal(_fill_holes(dark), ndimage.binary_fill_holes(dark))
        pixels = rng.integers(0, 256, shape, dtype=np.uint8) // int(rng.choice([1, 50, 255]))
        where = rng.random(shape) < 0.6
        if where.any():
            expected = np.median(pixels.astype(float)[where])
            assert _median_grey(pixels, pixels.astype(float), where) == expected


def reference_summary(table):
    """The image's row as pandas computes it: mean, SE (sd with ddof=1 / √n) and the mean of
    the three largest values, column by column."""
    import pandas as pd

    n = len(table)
    values = table[list(data.BASE_FEATURES)].astype("float64")
    stats = {
        "mean": values.mean(),
        "se": values.std(ddof=1) / math.sqrt(n) if n > 1 else values.mean() * 0.0,
        "worst": values.apply(lambda column: column.nlargest(3).mean()),
    }
    row = {f"{b}_{s}": float(stats[s][b]) for s in data.STATISTICS for b in data.BASE_FEATURES}
    return pd.DataFrame([row], columns=list(data.FEATURES), index=pd.Index(["image"]))


def test_the_image_row_equals_the_pandas_summary():
    import pandas as pd

    rng = np.random.default_rng(2)
    tables = [features.nucleus_table(features.synthetic_image(k, seed=s)) for k in PRESET_KINDS
              for s in (0, 5)]  # fmt: skip
    tables.append(features.nucleus_table(features.synthetic_nucleus(seed=1)))  # one nucleus
    for n in (1, 2, 3, 4, 9, 17, 40):
        values = rng.normal(size=(n, 10)) * rng.choice([1e-3, 1.0, 1e3], size=10)
        tables.append(pd.DataFrame(values, columns=list(data.BASE_FEATURES)))
        tables.append(pd.DataFrame(np.round(values, 1), columns=list(data.BASE_FEATURES)))  # ties
        gaps = np.where(rng.random((n, 10)) < 0.25, np.nan, values)  # missing values: left out
        tables.append(pd.DataFrame(gaps, columns=list(data.BASE_FEATURES)))
        tables.append(pd.DataFrame((values * 10).astype(int), columns=list(data.BASE_FEATURES)))
    for table in tables:
        got, expected = features.summarise(table), reference_summary(table)
        assert list(got.columns) == list(expected.columns) and list(got.index) == ["image"]
        np.testing.assert_allclose(got.to_numpy(), expected.to_numpy(), rtol=1e-12, atol=0)
    found = features.segment(features.synthetic_image("malignant", seed=6))
    pd.testing.assert_frame_equal(
        features.image_features(found, name="x"),
        features.summarise(features.nucleus_table(found), name="x"),
    )


def test_crowded_images_hold_as_many_nuclei_as_fit():
    """fewer_if_crowded: the image asked for with n_nuclei set to the most that fit."""
    crowded = dict(radius=24.0, n_nuclei=20)
    with pytest.raises(features.CrowdedImageError, match="Could not fit 20 nuclei"):
        features.synthetic_image("malignant", seed=0, **crowded)
    picture = features.synthetic_image("malignant", seed=0, fewer_if_crowded=True, **crowded)
    fitted = picture.settings.n_nuclei
    assert 1 <= fitted == len(picture.outlines) < 20
    asked = features.synthetic_image("malignant", seed=0, radius=24.0, n_nuclei=fitted)
    np.testing.assert_array_equal(picture.pixels, asked.pixels)
    with pytest.raises(features.CrowdedImageError):
        features.synthetic_image("malignant", seed=0, radius=24.0, n_nuclei=fitted + 1)


def test_quick_placement_and_redrawn_texture_give_the_same_pixels(monkeypatch):
    """The nuclei are placed as by trying random places one at a time (the crowded attempts
    are screened together first), and a change of texture only repaints the staining: the
    pixels are those of drawing everything again, the plain way."""
    from bcc_teach.features import synthetic

    settings = [
        features.PRESETS["benign"],
        features.ImageSettings(radius=24.0, n_nuclei=10, irregularity=0.15, concavity=0.4),
        features.ImageSettings(radius=18.0, n_nuclei=16, pleomorphism=0.4, size=(200, 180)),
    ]
    quick = {}
    for chosen in settings:
        for texture in (4.0, 40.0):  # the second draw of each: the texture repainted
            changed = {"texture": texture}
            quick[chosen, texture] = (
                features.synthetic_image(chosen, seed=1, fewer_if_crowded=True, **changed),
                features.synthetic_nucleus(chosen, seed=1, **changed),
            )
    monkeypatch.setattr(synthetic, "_FIRST_ATTEMPTS", synthetic._ATTEMPTS)  # all one by one
    for (chosen, texture), (picture, one) in quick.items():
        for cached in (synthetic._image_layout, synthetic._nucleus_layout):
            cached.cache_clear()
        plain = features.synthetic_image(chosen, seed=1, fewer_if_crowded=True, texture=texture)
        np.testing.assert_array_equal(picture.pixels, plain.pixels)
        assert picture.centres == plain.centres and picture.settings == plain.settings
        for cached in (synthetic._image_layout, synthetic._nucleus_layout):
            cached.cache_clear()
        np.testing.assert_array_equal(
            one.pixels, features.synthetic_nucleus(chosen, seed=1, texture=texture).pixels
        )
