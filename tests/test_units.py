"""simulator.units on its own: molar masses, salt/base fraction and concentration units against closed forms.

Teaching model: illustrative, not for dosing.

Every expected value is computed here: molar masses from the molecular formulas and the IUPAC 2021 standard
atomic weights, conversions from the definitions of the units (1 mg/L = 1000 ng/mL; 1 ng/mL = 1 ug/L, which
divided by g/mol is umol/L). Round trips mg/L -> unit -> mg/L and the error cases already fuzzed in
test_fuzz.py are not repeated.
"""

import re

import numpy as np
import pytest

from simulator import units
from simulator.literature.chemistry import HCL_G_PER_MOL, IUPAC_2021

#: IUPAC 2021 standard atomic weights (Prohaska 2022, Table 1; abridged values), g/mol.
ATOMIC_WEIGHTS = {"C": 12.011, "H": 1.008, "N": 14.007, "O": 15.999, "Cl": 35.45}
#: Molecular formulas of the free bases (PubChem), written here independently of the package.
FORMULAS = {
    "ketamine": "C13H16ClNO",
    "norketamine": "C12H14ClNO",
    "hydroxynorketamine": "C12H14ClNO2",
    "dehydronorketamine": "C12H12ClNO",
    "memantine": "C12H21N",
    "mk801": "C16H15N",
}
KETAMINE_HCL = "C13H17Cl2NO"
#: The package rounds molar masses to 0.01 g/mol: a relative error of at most 0.005 / 179 g/mol.
ROUNDING = 0.005 / 179.0


def formula_mass(formula: str) -> float:
    """Sum of the atomic weights over a formula such as "C13H16ClNO" (element symbols, optional counts)."""
    terms = re.findall(r"([A-Z][a-z]?)(\d*)", formula)
    assert "".join(f"{e}{n}" for e, n in terms) == formula, formula
    return sum(ATOMIC_WEIGHTS[element] * int(count or 1) for element, count in terms)


def test_the_atomic_weights_used_here_are_the_ones_the_citation_states():
    stated = dict(re.findall(r"([A-Z][a-z]?) (\d+\.\d+)", IUPAC_2021.table))
    assert {element: float(value) for element, value in stated.items()} == ATOMIC_WEIGHTS


@pytest.mark.parametrize("species", sorted(FORMULAS))
def test_molar_mass_is_the_formula_mass_rounded_to_0_01(species):
    assert set(units.MOLAR_MASS_G_PER_MOL) == set(FORMULAS)
    assert units.MOLAR_MASS_G_PER_MOL[species] == pytest.approx(formula_mass(FORMULAS[species]), abs=0.005 + 1e-9)


def test_ketamine_hydrochloride_is_the_base_plus_hcl():
    assert HCL_G_PER_MOL == pytest.approx(formula_mass("HCl"), abs=0.005 + 1e-9)
    assert formula_mass("C13H16ClNO") + formula_mass("HCl") == pytest.approx(formula_mass(KETAMINE_HCL), rel=1e-14)
    assert units.KETAMINE_HCL_G_PER_MOL == pytest.approx(formula_mass(KETAMINE_HCL), abs=0.01 + 1e-9)


def test_base_fraction_of_the_hydrochloride_from_the_formula_masses():
    expected = formula_mass("C13H16ClNO") / formula_mass(KETAMINE_HCL)  # 0.867: mg base per mg salt
    assert units.base_fraction("hcl") == pytest.approx(expected, rel=2 * ROUNDING)
    assert units.base_fraction("base") == 1.0
    assert units.SALTS == ("base", "hcl")
    # 100 mg of the salt holds the base of 100 x M(base)/M(salt) mg; the rest is HCl
    base_mg = 100.0 * units.base_fraction("hcl")
    assert 100.0 - base_mg == pytest.approx(100.0 * formula_mass("HCl") / formula_mass(KETAMINE_HCL), rel=1e-3)


@pytest.mark.parametrize("salt", ["sulfate", "HCl", "", "base "])
def test_base_fraction_rejects_an_unknown_salt_naming_it(salt):
    with pytest.raises(ValueError, match=r"salt must be one of \['base', 'hcl'\]"):
        units.base_fraction(salt)


@pytest.mark.parametrize("salt", [None, 1, ("hcl",)])
def test_base_fraction_rejects_a_salt_that_is_not_a_string(salt):
    with pytest.raises(TypeError, match="salt must be a string"):
        units.base_fraction(salt)


C_MG_PER_L = np.array([0.0, 1e-6, 0.05, 0.1857, 1.0, 42.0])


def test_ng_per_ml_is_1000_times_mg_per_l():
    # 1 mg/L = 1e6 ng / 1e3 mL
    np.testing.assert_allclose(units.convert_concentration(C_MG_PER_L, "ng/mL"), C_MG_PER_L * 1e6 / 1e3, rtol=1e-15, atol=0)
    np.testing.assert_array_equal(units.convert_concentration(C_MG_PER_L, "mg/L"), C_MG_PER_L)


@pytest.mark.parametrize("species", sorted(FORMULAS))
def test_micromolar_from_the_molar_mass(species):
    # mg/L x 1e-3 g/mg / (g/mol) x 1e6 umol/mol = umol/L
    tabulated = units.MOLAR_MASS_G_PER_MOL[species]
    got = units.convert_concentration(C_MG_PER_L, "uM", species)
    np.testing.assert_allclose(got, C_MG_PER_L * 1e-3 / tabulated * 1e6, rtol=1e-14, atol=0)
    np.testing.assert_allclose(got, C_MG_PER_L * 1e3 / formula_mass(FORMULAS[species]), rtol=2 * ROUNDING, atol=0)
    # ng/mL = ug/L, so ng/mL / (g/mol) = umol/L: the two conversions agree through mg/L
    ng = units.convert_concentration(C_MG_PER_L, "ng/mL", species)
    np.testing.assert_allclose(got, ng / tabulated, rtol=1e-14, atol=0)


def test_species_only_matters_for_micromolar():
    for unit in ("mg/L", "ng/mL"):
        assert units.convert_concentration(0.3, unit, "memantine") == units.convert_concentration(0.3, unit, "ketamine")
    ratio = units.convert_concentration(1.0, "uM", "norketamine") / units.convert_concentration(1.0, "uM", "ketamine")
    assert ratio == pytest.approx(formula_mass(FORMULAS["ketamine"]) / formula_mass(FORMULAS["norketamine"]), rel=2 * ROUNDING)


@pytest.mark.parametrize("unit", units.CONCENTRATION_UNITS)
def test_unit_to_mg_per_l_and_back_is_the_identity(unit):
    values = np.array([0.0, 3e-4, 2.5, 185.0, 1e4])
    back = units.convert_concentration(units.to_mg_per_l(values, unit, "norketamine"), unit, "norketamine")
    np.testing.assert_allclose(back, values, rtol=1e-14, atol=0)


@pytest.mark.parametrize("unit", units.CONCENTRATION_UNITS)
def test_both_conversions_are_linear(unit):
    rng = np.random.default_rng(0)
    x, y = rng.uniform(0, 5, 20), rng.uniform(0, 5, 20)
    a, b = 0.3, 7.0
    for convert in (units.convert_concentration, units.to_mg_per_l):
        np.testing.assert_allclose(convert(a * x + b * y, unit), a * convert(x, unit) + b * convert(y, unit), rtol=1e-13)
        assert convert(0.0, unit) == 0.0


def test_to_mg_per_l_from_published_units():
    # 185 ng/mL (a peak after 0.5 mg/kg over 40 min) is 0.185 mg/L; 1 uM ketamine is M(ketamine) ug/L
    assert units.to_mg_per_l(185.0, "ng/mL") == pytest.approx(0.185, rel=1e-15)
    assert units.to_mg_per_l(1.0, "uM") == pytest.approx(formula_mass(FORMULAS["ketamine"]) / 1000.0, rel=2 * ROUNDING)
    assert units.to_mg_per_l(2.0, "mg/L") == 2.0


def test_shapes_and_types_are_kept():
    assert isinstance(units.convert_concentration(1, "ng/mL"), float)  # an int scalar in, a float out
    assert isinstance(units.to_mg_per_l(np.float64(5.0), "uM"), float)
    assert isinstance(units.convert_concentration(np.array(2.0), "uM"), float)  # 0-d array: a float
    grid = [[0.1, 0.2, 0.3], [1.0, 2.0, 3.0]]
    for unit in units.CONCENTRATION_UNITS:
        out = units.convert_concentration(grid, unit)
        assert isinstance(out, np.ndarray) and out.shape == (2, 3) and out.dtype == float
        assert units.to_mg_per_l(out, unit).shape == (2, 3)


@pytest.mark.parametrize(
    ("call", "error", "field"),
    [
        (lambda: units.to_mg_per_l(1.0, "uM", "dhnk"), ValueError, r"species must be one of"),
        (lambda: units.to_mg_per_l(1.0, "uM", 3), TypeError, r"species must be a string"),
        (lambda: units.to_mg_per_l(True, "ng/mL"), TypeError, r"values must be a number"),
        (lambda: units.to_mg_per_l([[1.0], [1.0, 2.0]], "ng/mL"), TypeError, r"values must be a number"),
        (lambda: units.to_mg_per_l(np.array([1.0, -2.0]), "ng/mL"), ValueError, r"values must be finite and >= 0"),
        (lambda: units.convert_concentration(1.0, "mmol/L"), ValueError, r"unit must be one of \['mg/L', 'ng/mL', 'uM'\]"),
    ],
    ids=["to_mg_per_l species", "species not a string", "bool value", "ragged", "negative", "unknown unit"],
)
def test_bad_input_raises_naming_the_field(call, error, field):
    with pytest.raises(error, match=field):
        call()


def test_every_unit_returns_a_new_array_never_the_input():
    values = np.array([1.0, 2.0])
    for unit in ("mg/L", "ng/mL", "uM"):
        out = units.convert_concentration(values, unit)
        out[0] = 99.0
        assert values[0] == 1.0, unit
