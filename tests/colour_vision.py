"""Colour-science helpers for checking that plotted series stay distinguishable to colour-blind viewers.

Figure tests use :func:`difference_under` to ask "how far apart do these two line colours look to a viewer
with deuteranopia / protanopia / tritanopia?" as a CIEDE2000 colour difference. Everything is plain numpy:
sRGB decoding, the Machado, Oliveira & Fernandes (2009) dichromacy simulation, sRGB -> CIELAB (D65) and
the CIEDE2000 formula of Sharma, Wu & Dalal (2005). The helpers are proven against published data in
``tests/test_colour_vision.py``.
"""

import numpy as np
from matplotlib.colors import to_rgb

# Machado, G. M., Oliveira, M. M. & Fernandes, L. A. F. (2009). A physiologically-based model for simulation
# of color vision deficiency. IEEE TVCG 15(6):1291-1298, doi:10.1109/TVCG.2009.113. Severity-1.0 matrices from
# the authors' supplementary page https://www.inf.ufrgs.br/~oliveira/pubs_files/CVD_Simulation/CVD_Simulation.html,
# as transcribed in njsmith/colorspacious (colorspacious/cvd.py, MACHADO_ET_AL_MATRICES[...][100]) and
# cross-checked against DaltonLens/DaltonLens-Python (daltonlens/simulate.py, machado_2009_matrices[...][10]);
# the two transcriptions agree digit for digit. They act on LINEAR sRGB column vectors.
MACHADO_2009 = {
    "protanopia": np.array(
        [
            [0.152286, 1.052583, -0.204868],
            [0.114503, 0.786281, 0.099216],
            [-0.003882, -0.048116, 1.051998],
        ]
    ),
    "deuteranopia": np.array(
        [
            [0.367322, 0.860646, -0.227968],
            [0.280085, 0.672501, 0.047413],
            [-0.011820, 0.042940, 0.968881],
        ]
    ),
    "tritanopia": np.array(
        [
            [1.255528, -0.076749, -0.178779],
            [-0.078411, 0.930809, 0.147602],
            [0.004733, 0.691367, 0.303900],
        ]
    ),
}
for _matrix in MACHADO_2009.values():
    _matrix.flags.writeable = False

# Linear sRGB -> CIE XYZ: the IEC 61966-2-1 matrix at full precision, i.e. derived from the sRGB primaries and
# the D65 white (Lindbloom, http://www.brucelindbloom.com/index.html?Eqn_RGB_XYZ_Matrix.html); it rounds to the
# standard's 4-decimal matrix and, unlike that rounding, maps sRGB white exactly onto D65_WHITE (L* = 100, a* = b* = 0).
SRGB_TO_XYZ = np.array(
    [
        [0.4124564, 0.3575761, 0.1804375],
        [0.2126729, 0.7151522, 0.0721750],
        [0.0193339, 0.1191920, 0.9503041],
    ]
)
SRGB_TO_XYZ.flags.writeable = False
D65_WHITE = np.array([0.95047, 1.0, 1.08883])
D65_WHITE.flags.writeable = False


def hex_to_rgb(colour):
    """Convert a colour to an sRGB triple in [0, 1].

    Parameters
    ----------
    colour : str or sequence of float
        ``"#rrggbb"`` (or any other colour matplotlib understands) or an ``(r, g, b)`` tuple in [0, 1].

    Returns
    -------
    numpy.ndarray
        Shape ``(3,)`` gamma-encoded sRGB values.

    Examples
    --------
    >>> hex_to_rgb("#ff8000").round(4).tolist()
    [1.0, 0.502, 0.0]
    """
    return np.asarray(to_rgb(colour), dtype=float)


def srgb_to_linear(rgb):
    """Decode gamma-encoded sRGB in [0, 1] to linear light (IEC 61966-2-1 transfer function)."""
    rgb = np.asarray(rgb, dtype=float)
    return np.where(rgb <= 0.04045, rgb / 12.92, ((np.maximum(rgb, 0.04045) + 0.055) / 1.055) ** 2.4)


def linear_to_srgb(linear):
    """Encode linear-light sRGB in [0, 1] with the sRGB transfer function (inverse of :func:`srgb_to_linear`)."""
    linear = np.asarray(linear, dtype=float)
    return np.where(linear <= 0.0031308, 12.92 * linear, 1.055 * np.maximum(linear, 0.0031308) ** (1 / 2.4) - 0.055)


def simulate_cvd(rgb, kind):
    """Simulate how a dichromat sees sRGB colours (Machado et al. 2009, severity 1.0).

    Parameters
    ----------
    rgb : array_like
        Gamma-encoded sRGB in [0, 1], shape ``(..., 3)``.
    kind : {"deuteranopia", "protanopia", "tritanopia"}
        The deficiency to simulate.

    Returns
    -------
    numpy.ndarray
        Simulated gamma-encoded sRGB, same shape as `rgb`. The matrix is applied in linear sRGB and the result
        clipped to [0, 1] before re-encoding.
    """
    if kind not in MACHADO_2009:
        raise ValueError(f"unknown colour-vision deficiency {kind!r}; expected one of {sorted(MACHADO_2009)}")
    linear = srgb_to_linear(rgb) @ MACHADO_2009[kind].T
    return linear_to_srgb(np.clip(linear, 0.0, 1.0))


def srgb_to_lab(rgb):
    """Convert gamma-encoded sRGB in [0, 1] to CIELAB (D65 white, via CIE XYZ).

    Parameters
    ----------
    rgb : array_like
        Shape ``(..., 3)``.

    Returns
    -------
    numpy.ndarray
        ``(L*, a*, b*)`` with the same leading shape.
    """
    xyz = srgb_to_linear(rgb) @ SRGB_TO_XYZ.T
    t = xyz / D65_WHITE
    delta = 6 / 29
    f = np.where(t > delta**3, np.cbrt(t), t / (3 * delta**2) + 4 / 29)
    fx, fy, fz = f[..., 0], f[..., 1], f[..., 2]
    return np.stack([116 * fy - 16, 500 * (fx - fy), 200 * (fy - fz)], axis=-1)


def ciede2000(lab1, lab2):
    """CIEDE2000 colour difference (Sharma, Wu & Dalal 2005, Color Res. Appl. 30:21-30), kL = kC = kH = 1.

    Parameters
    ----------
    lab1, lab2 : array_like
        CIELAB colours, shape ``(..., 3)``; broadcast against each other.

    Returns
    -------
    numpy.ndarray or float
        ΔE00 with the broadcast leading shape.
    """
    lab1, lab2 = np.broadcast_arrays(np.asarray(lab1, dtype=float), np.asarray(lab2, dtype=float))
    L1, a1, b1 = np.moveaxis(lab1, -1, 0)
    L2, a2, b2 = np.moveaxis(lab2, -1, 0)

    # Eqs. 2-7: modified a*, chroma and hue angle.
    c_bar7 = ((np.hypot(a1, b1) + np.hypot(a2, b2)) / 2) ** 7
    g = 0.5 * (1 - np.sqrt(c_bar7 / (c_bar7 + 25.0**7)))
    a1p, a2p = (1 + g) * a1, (1 + g) * a2
    c1p, c2p = np.hypot(a1p, b1), np.hypot(a2p, b2)
    h1p = np.degrees(np.arctan2(b1, a1p)) % 360
    h2p = np.degrees(np.arctan2(b2, a2p)) % 360

    # Eqs. 8-11: differences; the hue difference is zero when either chroma is zero.
    chroma_product_zero = c1p * c2p == 0
    dh = h2p - h1p
    dh = np.where(dh > 180, dh - 360, np.where(dh < -180, dh + 360, dh))
    dh = np.where(chroma_product_zero, 0.0, dh)
    dL = L2 - L1
    dC = c2p - c1p
    dH = 2 * np.sqrt(c1p * c2p) * np.sin(np.radians(dh) / 2)

    # Eqs. 12-22: means and weighting functions.
    L_bar = (L1 + L2) / 2
    c_bar_p = (c1p + c2p) / 2
    h_sum = h1p + h2p
    h_bar = np.where(np.abs(h1p - h2p) <= 180, h_sum / 2, np.where(h_sum < 360, (h_sum + 360) / 2, (h_sum - 360) / 2))
    h_bar = np.where(chroma_product_zero, h_sum, h_bar)
    t = (
        1
        - 0.17 * np.cos(np.radians(h_bar - 30))
        + 0.24 * np.cos(np.radians(2 * h_bar))
        + 0.32 * np.cos(np.radians(3 * h_bar + 6))
        - 0.20 * np.cos(np.radians(4 * h_bar - 63))
    )
    d_theta = 30 * np.exp(-(((h_bar - 275) / 25) ** 2))
    r_c = 2 * np.sqrt(c_bar_p**7 / (c_bar_p**7 + 25.0**7))
    s_l = 1 + 0.015 * (L_bar - 50) ** 2 / np.sqrt(20 + (L_bar - 50) ** 2)
    s_c = 1 + 0.045 * c_bar_p
    s_h = 1 + 0.015 * c_bar_p * t
    r_t = -np.sin(np.radians(2 * d_theta)) * r_c

    l_term, c_term, h_term = dL / s_l, dC / s_c, dH / s_h
    return np.sqrt(l_term**2 + c_term**2 + h_term**2 + r_t * c_term * h_term)


def difference_under(c1, c2, kind):
    """CIEDE2000 difference between two colours as seen with a given colour vision.

    Parameters
    ----------
    c1, c2 : str or sequence of float
        Colours accepted by :func:`hex_to_rgb`.
    kind : {"normal", "deuteranopia", "protanopia", "tritanopia"}
        ``"normal"`` compares the colours as given; the others simulate the deficiency first.

    Returns
    -------
    float
        ΔE00 (about 1 is a just-noticeable difference; above about 10 is clearly distinct).

    Examples
    --------
    >>> round(difference_under("#0072B2", "#0072B2", "deuteranopia"), 6)
    0.0
    """
    rgb1, rgb2 = hex_to_rgb(c1), hex_to_rgb(c2)
    if kind != "normal":
        rgb1, rgb2 = simulate_cvd(rgb1, kind), simulate_cvd(rgb2, kind)
    return float(ciede2000(srgb_to_lab(rgb1), srgb_to_lab(rgb2)))
