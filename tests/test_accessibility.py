"""The course's colours stay apart for readers with the common colour-vision deficiencies.

Each colour is simulated as seen with protanopia, deuteranopia and tritanopia (the full-severity
matrices of Machado, Oliveira & Fernandes 2009, "A physiologically-based model for simulation
of color vision deficiency", IEEE TVCG 15(6):1291-8, applied in linear RGB) and the distance
between two colours is measured in CIELAB (ΔE*ab, 1976; about 2.3 is just noticeable, above 10
two colours are told apart at a glance). Keyboard use of every widget is tested in the browser
(``test_browser``); what the course does for screen readers is in docs/accessibility.md.
"""

from __future__ import annotations

import itertools

import numpy as np
import pytest

from bcc_teach import style

DEFICIENCIES = {
    "protanopia": [[0.152286, 1.052583, -0.204868], [0.114503, 0.786281, 0.099216],
                   [-0.003882, -0.048116, 1.051998]],
    "deuteranopia": [[0.367322, 0.860646, -0.227968], [0.280085, 0.672501, 0.047413],
                     [-0.011820, 0.042940, 0.968881]],
    "tritanopia": [[1.255528, -0.076749, -0.178779], [-0.078411, 0.930809, 0.147602],
                   [0.004733, 0.691367, 0.303900]],
}  # fmt: skip
COURSE = {"malignant": style.MALIGNANT, "benign": style.BENIGN, "neutral": style.NEUTRAL,
          "highlight": style.HIGHLIGHT, "outline": style.OUTLINE}  # fmt: skip


def _linear(colour: str) -> np.ndarray:
    srgb = np.array([int(colour[i : i + 2], 16) / 255 for i in (1, 3, 5)])
    return np.where(srgb <= 0.04045, srgb / 12.92, ((srgb + 0.055) / 1.055) ** 2.4)


def _lab(linear: np.ndarray) -> np.ndarray:
    to_xyz = np.array([[0.4124, 0.3576, 0.1805], [0.2126, 0.7152, 0.0722],
                       [0.0193, 0.1192, 0.9505]])  # fmt: skip
    t = to_xyz @ linear / np.array([0.95047, 1.0, 1.08883])  # D65 white
    f = np.where(t > (6 / 29) ** 3, np.cbrt(t), t / (3 * (6 / 29) ** 2) + 4 / 29)
    return np.array([116 * f[1] - 16, 500 * (f[0] - f[1]), 200 * (f[1] - f[2])])


def _seen(colour: str, deficiency: str | None) -> np.ndarray:
    matrix = np.eye(3) if deficiency is None else np.array(DEFICIENCIES[deficiency])
    return _lab(np.clip(matrix @ _linear(colour), 0, 1))


def _distance(a: str, b: str, deficiency: str | None) -> float:
    return float(np.linalg.norm(_seen(a, deficiency) - _seen(b, deficiency)))


def test_the_colour_arithmetic_by_hand():
    assert _seen("#FFFFFF", None) == pytest.approx([100, 0, 0], abs=0.05)
    assert _distance("#000000", "#FFFFFF", None) == pytest.approx(100, abs=0.05)
    # a red and a green that differ to most readers are almost one colour with deuteranopia
    assert _distance("#CC3333", "#669933", None) > 60
    assert _distance("#CC3333", "#669933", "deuteranopia") < 20


@pytest.mark.parametrize("deficiency", [None, *DEFICIENCIES])
def test_malignant_and_benign_stay_far_apart_for_every_reader(deficiency):
    assert _distance(style.MALIGNANT, style.BENIGN, deficiency) > 80


@pytest.mark.parametrize("deficiency", [None, *DEFICIENCIES])
def test_every_two_colours_of_the_course_are_told_apart(deficiency):
    for (name_a, a), (name_b, b) in itertools.combinations(COURSE.items(), 2):
        assert _distance(a, b, deficiency) > 10, (name_a, name_b, deficiency)
    for (name_a, a), (name_b, b) in itertools.combinations(style.MODEL_COLOURS.items(), 2):
        assert _distance(a, b, deficiency) > 15, (name_a, name_b, deficiency)
