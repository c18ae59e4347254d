"""Prove the colour-vision helper against independently published data (never against its own output)."""

import numpy as np
import pytest
from colour_vision import MACHADO_2009, ciede2000, difference_under, hex_to_rgb, simulate_cvd, srgb_to_lab

# Sharma, Wu & Dalal (2005), Color Res. Appl. 30:21-30, supplementary test data (all 34 pairs):
# http://www2.ece.rochester.edu/~gsharma/ciede2000/dataNprograms/ciede2000testdata.txt, transcribed from
# sumtype/CIEDE2000 (tests.py) and checked against a second independent copy of the table.
# Columns: L1, a1, b1, L2, a2, b2, ΔE00 (4 decimals).
SHARMA_2005 = [
    (50.0000, 2.6772, -79.7751, 50.0000, 0.0000, -82.7485, 2.0425),
    (50.0000, 3.1571, -77.2803, 50.0000, 0.0000, -82.7485, 2.8615),
    (50.0000, 2.8361, -74.0200, 50.0000, 0.0000, -82.7485, 3.4412),
    (50.0000, -1.3802, -84.2814, 50.0000, 0.0000, -82.7485, 1.0000),
    (50.0000, -1.1848, -84.8006, 50.0000, 0.0000, -82.7485, 1.0000),
    (50.0000, -0.9009, -85.5211, 50.0000, 0.0000, -82.7485, 1.0000),
    (50.0000, 0.0000, 0.0000, 50.0000, -1.0000, 2.0000, 2.3669),
    (50.0000, -1.0000, 2.0000, 50.0000, 0.0000, 0.0000, 2.3669),
    (50.0000, 2.4900, -0.0010, 50.0000, -2.4900, 0.0009, 7.1792),
    (50.0000, 2.4900, -0.0010, 50.0000, -2.4900, 0.0010, 7.1792),
    (50.0000, 2.4900, -0.0010, 50.0000, -2.4900, 0.0011, 7.2195),
    (50.0000, 2.4900, -0.0010, 50.0000, -2.4900, 0.0012, 7.2195),
    (50.0000, -0.0010, 2.4900, 50.0000, 0.0009, -2.4900, 4.8045),
    (50.0000, -0.0010, 2.4900, 50.0000, 0.0010, -2.4900, 4.8045),
    (50.0000, -0.0010, 2.4900, 50.0000, 0.0011, -2.4900, 4.7461),
    (50.0000, 2.5000, 0.0000, 50.0000, 0.0000, -2.5000, 4.3065),
    (50.0000, 2.5000, 0.0000, 73.0000, 25.0000, -18.0000, 27.1492),
    (50.0000, 2.5000, 0.0000, 61.0000, -5.0000, 29.0000, 22.8977),
    (50.0000, 2.5000, 0.0000, 56.0000, -27.0000, -3.0000, 31.9030),
    (50.0000, 2.5000, 0.0000, 58.0000, 24.0000, 15.0000, 19.4535),
    (50.0000, 2.5000, 0.0000, 50.0000, 3.1736, 0.5854, 1.0000),
    (50.0000, 2.5000, 0.0000, 50.0000, 3.2972, 0.0000, 1.0000),
    (50.0000, 2.5000, 0.0000, 50.0000, 1.8634, 0.5757, 1.0000),
    (50.0000, 2.5000, 0.0000, 50.0000, 3.2592, 0.3350, 1.0000),
    (60.2574, -34.0099, 36.2677, 60.4626, -34.1751, 39.4387, 1.2644),
    (63.0109, -31.0961, -5.8663, 62.8187, -29.7946, -4.0864, 1.2630),
    (61.2901, 3.7196, -5.3901, 61.4292, 2.2480, -4.9620, 1.8731),
    (35.0831, -44.1164, 3.7933, 35.0232, -40.0716, 1.5901, 1.8645),
    (22.7233, 20.0904, -46.6940, 23.0331, 14.9730, -42.5619, 2.0373),
    (36.4612, 47.8580, 18.3852, 36.2715, 50.5065, 21.2231, 1.4146),
    (90.8027, -2.0831, 1.4410, 91.1528, -1.6435, 0.0447, 1.4441),
    (90.9257, -0.5406, -0.9208, 88.6381, -0.8985, -0.7239, 1.5381),
    (6.7747, -0.2908, -2.4247, 5.8714, -0.0985, -2.2286, 0.6377),
    (2.0776, 0.0795, -1.1350, 0.9033, -0.0636, -0.5514, 0.9082),
]

# Machado, Oliveira & Fernandes (2009) severity-1.0 matrices, transcribed from the authors' supplementary page
# (https://www.inf.ufrgs.br/~oliveira/pubs_files/CVD_Simulation/CVD_Simulation.html) as carried by
# njsmith/colorspacious, colorspacious/cvd.py (MACHADO_ET_AL_MATRICES[...][100]).
PUBLISHED_MACHADO = {
    "protanopia": [[0.152286, 1.052583, -0.204868], [0.114503, 0.786281, 0.099216], [-0.003882, -0.048116, 1.051998]],
    "deuteranopia": [[0.367322, 0.860646, -0.227968], [0.280085, 0.672501, 0.047413], [-0.011820, 0.042940, 0.968881]],
    "tritanopia": [[1.255528, -0.076749, -0.178779], [-0.078411, 0.930809, 0.147602], [0.004733, 0.691367, 0.303900]],
}

# CIELAB (D65) of the sRGB primaries, from the Boost.GIL test suite (boostorg/gil,
# test/extension/toolbox/color_convert_lab.cpp), which match Bruce Lindbloom's colour calculator.
SRGB_PRIMARIES_LAB = [
    ((1.0, 1.0, 1.0), (100.0, 0.0, 0.0)),
    ((1.0, 0.0, 0.0), (53.2408, 80.0925, 67.2032)),
    ((0.0, 1.0, 0.0), (87.7347, -86.1827, 83.1793)),
    ((0.0, 0.0, 1.0), (32.2970, 79.1875, -107.8602)),
    ((0.75, 0.5, 0.25), (58.7767, 18.5851, 43.7975)),
]

KINDS = sorted(PUBLISHED_MACHADO)


@pytest.mark.parametrize(("L1", "a1", "b1", "L2", "a2", "b2", "expected"), SHARMA_2005)
def test_ciede2000_matches_sharma_wu_dalal(L1, a1, b1, L2, a2, b2, expected):
    assert float(ciede2000((L1, a1, b1), (L2, a2, b2))) == pytest.approx(expected, abs=1e-4)
    assert float(ciede2000((L2, a2, b2), (L1, a1, b1))) == pytest.approx(expected, abs=1e-4)


def test_ciede2000_is_vectorised_over_the_whole_table():
    table = np.array(SHARMA_2005)
    result = ciede2000(table[:, 0:3], table[:, 3:6])
    assert result.shape == (len(SHARMA_2005),)
    np.testing.assert_allclose(result, table[:, 6], atol=1e-4)


def test_ciede2000_of_identical_colours_is_zero():
    assert float(ciede2000((50.0, 0.0, 0.0), (50.0, 0.0, 0.0))) == 0.0
    assert float(ciede2000((60.0, 30.0, -20.0), (60.0, 30.0, -20.0))) == 0.0


@pytest.mark.parametrize(("rgb", "lab"), SRGB_PRIMARIES_LAB)
def test_srgb_to_lab_matches_published_values(rgb, lab):
    np.testing.assert_allclose(srgb_to_lab(rgb), lab, atol=0.01)


def test_srgb_to_lab_accepts_arrays_of_colours():
    rgb = np.array([c for c, _ in SRGB_PRIMARIES_LAB])
    np.testing.assert_allclose(srgb_to_lab(rgb), [lab for _, lab in SRGB_PRIMARIES_LAB], atol=0.01)


def test_hex_to_rgb_accepts_hex_strings_and_tuples():
    np.testing.assert_allclose(hex_to_rgb("#ff0000"), [1.0, 0.0, 0.0])
    np.testing.assert_allclose(hex_to_rgb("#0072B2"), [0 / 255, 114 / 255, 178 / 255])
    np.testing.assert_allclose(hex_to_rgb((0.2, 0.4, 0.6)), [0.2, 0.4, 0.6])


@pytest.mark.parametrize("kind", KINDS)
def test_machado_matrices_equal_the_published_severity_one_values(kind):
    np.testing.assert_array_equal(MACHADO_2009[kind], PUBLISHED_MACHADO[kind])


@pytest.mark.parametrize("kind", KINDS)
def test_machado_rows_sum_to_one_so_greys_stay_grey(kind):
    np.testing.assert_allclose(MACHADO_2009[kind].sum(axis=1), 1.0, atol=1e-4)
    for level in (0.0, 0.2, 0.5, 1.0):
        np.testing.assert_allclose(simulate_cvd([level] * 3, kind), level, atol=1e-5)


@pytest.mark.parametrize("kind", KINDS)
def test_simulate_cvd_keeps_shape_and_range(kind):
    rgb = np.random.default_rng(0).random((4, 5, 3))
    out = simulate_cvd(rgb, kind)
    assert out.shape == rgb.shape
    assert out.min() >= 0.0
    assert out.max() <= 1.0


def test_unknown_deficiency_is_rejected():
    with pytest.raises(ValueError, match="unknown colour-vision deficiency"):
        simulate_cvd([0.5, 0.5, 0.5], "achromatopsia")


def test_matplotlib_red_and_green_collapse_under_deuteranopia():
    red, green = "#d62728", "#2ca02c"
    normal = difference_under(red, green, "normal")
    deutan = difference_under(red, green, "deuteranopia")
    assert normal > 40
    assert deutan < normal / 2


@pytest.mark.parametrize("kind", ["deuteranopia", "protanopia"])
def test_okabe_ito_blue_and_orange_stay_distinct(kind):
    assert difference_under("#0072B2", "#E69F00", kind) > 10
