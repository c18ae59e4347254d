"""The registered parameter sets: published values in the papers' own units.

Every number here carries its citation. Grades follow ``shared/REFERENCES.md``:
values read in the paper or its abstract, values taken from open code that
credits the paper (opentiva, stanpumpR, nlmixr2lib), and assumptions of ours,
which the ``notes`` of each set name as such.
"""

from __future__ import annotations

import math
from types import MappingProxyType

from .core import Citation, Compartmental, ParameterSet, Pathway, RouteSpec, Sourced, ke0_from_half_life

__all__ = [
    "CHONG_2009",
    "DEFAULTS",
    "FEMALE_CLEARANCE",
    "HERD_2007",
    "KOPPEL_1990",
    "NORKETAMINE_CL_L_PER_H",
    "ORAL_ABSORPTION_HALF_TIME_MIN",
    "ORAL_BIOAVAILABILITY",
    "PEREZ_RUIXO_2021",
    "QH_AGE_SLOPE",
    "SETS",
    "SIGTERMANS_2009",
    "YANAGIHARA_2003",
]

# --------------------------------------------------------------------------- citations
CLEMENTS_1981 = Citation(
    "Clements JA, Nimmo WS",
    1981,
    "Pharmacokinetics and analgesic effect of ketamine in man",
    "Br J Anaesth 1981;53:27-30",
    doi="10.1093/bja/53.1.27",
    pmid="7459184",
    table="two-compartment fit to 250 ug/kg IV data, as coded in opentiva (Clements250)",
)
DOMINO_1984 = Citation(
    "Domino EF, Domino SE, Smith RE, et al.",
    1984,
    "Ketamine kinetics in unmedicated and diazepam-premedicated subjects",
    "Clin Pharmacol Ther 1984;36:645-653",
    pmid="6488686",
    table="three-compartment micro-constants as coded in StanPump/stanpumpR and opentiva",
)
HIJAZI_2003 = Citation(
    "Hijazi Y, Bodonian C, Bolon M, et al.",
    2003,
    "Pharmacokinetics and haemodynamics of ketamine in intensive care patients with brain or spinal cord injury",
    "Br J Anaesth 2003;90:155-160",
    doi="10.1093/bja/aeg028",
    pmid="12538370",
    table="abstract (CL, t1/2, Vbeta); micro-constants as coded in opentiva",
)
HERD_2007 = Citation(
    "Herd DW, Anderson BJ",
    2007,
    "Ketamine disposition in children presenting for procedural sedation and analgesia in a children's emergency department",
    "Paediatr Anaesth 2007;17:622-629",
    doi="10.1111/j.1460-9592.2006.02145.x",
    pmid="17564643",
    table="abstract: population estimates standardised to 70 kg",
)
HORNIK_2018 = Citation(
    "Hornik CP, Gonzalez D, van den Anker J, et al.",
    2018,
    "Population pharmacokinetics of intramuscular and intravenous ketamine in children",
    "J Clin Pharmacol 2018;58:1092-1104",
    doi="10.1002/jcph.1116",
    pmid="29677389",
    table="abstract (structure, allometry, IM F 41%); V and CL values as coded in opentiva",
)
KAMP_2020 = Citation(
    "Kamp J, Olofsen E, Henthorn TK, et al.",
    2020,
    "Ketamine pharmacokinetics: a systematic review of the literature, meta-analysis, and population analysis",
    "Anesthesiology 2020;133:1192-1213",
    doi="10.1097/ALN.0000000000003577",
    pmid="32997732",
    table="abstract: weighted mean CL 79 L/h (95% CI 69-90) and Vd 252 L (200-304) per 70 kg; raw-data model "
    "(arterial, 3 compartments + 2 venous delay compartments) as coded in opentiva 1.1.2",
)
PEREZ_RUIXO_2021 = Citation(
    "Perez-Ruixo C, Rossenu S, Zannikos P, et al.",
    2021,
    "Population pharmacokinetics of esketamine nasal spray and its metabolite noresketamine in healthy subjects "
    "and patients with treatment-resistant depression",
    "Clin Pharmacokinet 2021;60:501-516",
    doi="10.1007/s40262-020-00953-4",
    table="Table 3 (as transcribed in nlmixr2lib PerezRuixo_2020_esketamine); abstract for F 54%/51%, CL, Vss",
)
OLOFSEN_2012 = Citation(
    "Olofsen E, Noppers I, Niesters M, et al.",
    2012,
    "Estimation of the contribution of norketamine to ketamine-induced acute pain relief and neurocognitive "
    "impairment in healthy volunteers",
    "Anesthesiology 2012;117:353-364",
    doi="10.1097/ALN.0b013e31825b6c91",
    table="abstract: blood-effect-site equilibration half-life 6.1 min averaged over endpoints",
)
SIMONS_2022 = Citation(
    "Simons P, Olofsen E, van Velzen M, et al.",
    2022,
    "S-ketamine oral thin film: population pharmacokinetics of S-ketamine, S-norketamine and S-hydroxynorketamine",
    "Front Pain Res 2022;3:946486",
    doi="10.3389/fpain.2022.946486",
    pmid="35899184",
    table="abstract: 80% of S-ketamine metabolised to S-norketamine",
)
#: Citation of Yanagihara 2003: tablet and nasal spray bioavailability in three volunteers.
YANAGIHARA_2003 = Citation(
    "Yanagihara Y, Ohtani M, Kariya S, et al.",
    2003,
    "Plasma concentration profiles of ketamine and norketamine after administration of various ketamine "
    "preparations to healthy Japanese volunteers",
    "Biopharm Drug Dispos 2003;24:37-43",
    doi="10.1002/bdd.336",
    pmid="12516077",
    table="abstract: bioavailability tablet ~20%, nasal spray ~45% (n = 3)",
)
BRUNETTE_2011 = Citation(
    "Brunette KEJ, Anderson BJ, Thomas J, et al.",
    2011,
    "Exploring the pharmacokinetics of oral ketamine in children undergoing burns procedures",
    "Paediatr Anaesth 2011;21:653-662",
    doi="10.1111/j.1460-9592.2011.03548.x",
    pmid="21355949",
    table="abstract: absorption half-time 59 min (90% CI 29-109)",
)
ROLAN_2014 = Citation(
    "Rolan P, Lim S, Sunderland V, et al.",
    2014,
    "The absolute bioavailability of racemic ketamine from a novel sublingual formulation",
    "Br J Clin Pharmacol 2014;77:1011-1016",
    doi="10.1111/bcp.12264",
    pmid="24977293",
    table="abstract: F 29% (90% CI 27-31), median Tmax 0.75 h",
)
FANTA_2015 = Citation(
    "Fanta S, Kinnunen M, Backman JT, Kalso E",
    2015,
    "Population pharmacokinetics of S-ketamine and norketamine in healthy volunteers after intravenous and oral dosing",
    "Eur J Clin Pharmacol 2015;71:441-447",
    doi="10.1007/s00228-015-1826-y",
    pmid="25724645",
    table="abstract: S-ketamine CL 95 L/h/70 kg with inter-individual variability 13%",
)
CLEMENTS_1982 = Citation(
    "Clements JA, Nimmo WS, Grant IS",
    1982,
    "Bioavailability, pharmacokinetics, and analgesic activity of ketamine in humans",
    "J Pharm Sci 1982;71:539-542",
    doi="10.1002/jps.2600710516",
    table="IM bioavailability 93% (second-hand, via reviews; paper not read)",
)

#: Citation of Koppel 1990: steady-state ketamine and norketamine after 3 days of infusion in ICU patients.
KOPPEL_1990 = Citation(
    "Koppel C, Arndt I, Ibe K",
    1990,
    "Effects of enzyme induction, renal and cardiac function on ketamine plasma kinetics in patients with ketamine "
    "long-term analgosedation",
    "Eur J Drug Metab Pharmacokinet (year, volume and pages as usually cited, 1990;15:259-263: not verified)",
    doi="10.1007/BF03190213",
    table="abstract: 9 ICU patients with normal liver and kidney function, 1.1-1.3 mg/kg/h for 3 days: ketamine "
    "1.2 +/- 0.3, norketamine 1.0 +/- 0.6, dehydronorketamine 2.6 +/- 1.0 ug/mL",
)
#: Citation of Chong 2009: adult oral bioavailability and the norketamine/ketamine AUC ratio.
CHONG_2009 = Citation(
    "Chong C, Schug SA, Page-Sharp M, Jenkins B, Ilett KF",
    2009,
    "Development of a sublingual/oral formulation of ketamine for use in neuropathic pain: preliminary findings "
    "from a three-way randomized, crossover study",
    "Clin Drug Investig 2009;29:317-324",
    doi="10.2165/00044011-200929050-00004",
    pmid="19366273",
    table="abstract: 25 mg oral, F 24% (IQR 17-27%), norketamine/ketamine AUC(0-8 h) ratio 5 (n = 6)",
)

SIGTERMANS_2009 = Citation(
    "Sigtermans M, Dahan A, Mooren R, et al.",
    2009,
    "S(+)-ketamine effect on experimental pain and cardiac output: a population pharmacokinetic-pharmacodynamic "
    "modeling study in healthy volunteers",
    "Anesthesiology 2009;111:892-903",
    doi="10.1097/ALN.0b013e3181b437b1",
    pmid="19741495",
    table="abstract: elimination clearance of S-ketamine and S-norketamine 20% greater in women (10 men, 10 women)",
)

#: Women clear S-ketamine and S-norketamine 20% faster (Sigtermans 2009). Applied to parent and metabolite
#: clearance of the racemic sets: an extrapolation from S-ketamine. Perez-Ruixo 2021 tested sex and did not keep it.
FEMALE_CLEARANCE = Sourced(1.2, "factor", SIGTERMANS_2009, "S-ketamine value assumed for racemic ketamine")
#: Perez-Ruixo 2021 Table 3: hepatic blood flow Qh falls by 2.19 L/h per year of age above 60.
QH_AGE_SLOPE = Sourced(-2.19, "L/h per year above 60", PEREZ_RUIXO_2021, "esketamine set only")

# --------------------------------------------------------------------------- shared pieces
#: Blood-effect-site equilibration for the sub-anaesthetic endpoints: Olofsen 2012 report t1/2ke0 = 6.1 min for
#: S-ketamine averaged over endpoints (pain relief, cognition; range 0-11.8 min). No racemic set publishes a ke0.
#: Used for the metabolite, and by ``Result.effect_site(endpoint="analgesia")``.
KE0 = Sourced(
    ke0_from_half_life(6.1),
    "1/min",
    OLOFSEN_2012,
    "ln 2 / 6.1 min; S-ketamine value assumed for racemic ketamine and for the metabolite",
)
HERD_2008 = Citation(
    "Herd DW, Anderson BJ, Keene NA, Holford NHG",
    2008,
    "Investigating the pharmacodynamics of ketamine in children",
    "Paediatr Anaesth 2008;18:36-42",
    doi="10.1111/j.1460-9592.2007.02384.x",
    table="abstract (grade A; DOI not verified): equilibration half-time 11 s (95% CI 0.07-20 s) for arousal "
    "(sedation) in children; EC50 for arousal 0.52 mg/L; adult awakening concentration 0.74 (SD 0.24) mg/L cited",
)
#: Brain equilibration of the parent: the hypnotic effect (arousal) equilibrates with a half-time of 11 s
#: (Herd 2008, children; an assumption for adults and for NMDA block). Anaesthesia within 30 s of an IV dose
#: (Ketalar label) needs a fast site: with Olofsen's 6.1 min, 2 mg/kg reached the awakening level (2.7 umol/L,
#: Idvall 1979) only after 10 min. What the receptor model and the acute links read (the links add their delays).
KE0_BRAIN = Sourced(
    ke0_from_half_life(11.0 / 60.0),
    "1/min",
    HERD_2008,
    "ln 2 / 11 s: the arousal (hypnosis) half-time in children, assumed for adults, for esketamine and for NMDA block",
)

#: Noresketamine apparent disposition from Perez-Ruixo 2021 Table 3 (Vcn/F,
#: CLn/F, Vpn/F, Q3/F). Borrowed for racemic norketamine: no complete adult
#: racemic norketamine set could be read (an assumption; enantiomers ignored).
NORESKETAMINE = Compartmental(
    values={"V1": 70.0, "CL": 38.0, "V2": 115.0, "Q2": 26.1},
    units={"V1": "L", "CL": "L/h", "V2": "L", "Q2": "L/h"},
    scaling="none",
)
#: Racemic norketamine: the noresketamine volumes and distribution clearance of Perez-Ruixo 2021, scaled
#: allometrically to weight (an assumption), with the elimination clearance *calibrated* to 60 L/h/70 kg so
#: that 1.2 mg/kg/h for 3 days gives norketamine near the mean Koppel 1990 measured at steady state
#: (1.0 +/- 0.6 ug/mL; the borrowed 38 L/h gave 1.66). 60 L/h also puts the oral norketamine/ketamine
#: AUC ratio at 4.1, inside the adult 3.9-5 (Chong 2006, 2009); tests/test_literature.py checks both.
NORKETAMINE_CL_L_PER_H = Sourced(
    60.0, "L/h per 70 kg", KOPPEL_1990, "calibrated to the steady-state norketamine of Koppel 1990 group 1 (derived)"
)
NORKETAMINE_BORROWED = Compartmental(
    values={**NORESKETAMINE.values, "CL": NORKETAMINE_CL_L_PER_H.value}, units=dict(NORESKETAMINE.units), scaling="allometric"
)
FRACTION_TO_NORKETAMINE = Sourced(0.8, "fraction", SIMONS_2022, "S-ketamine value assumed for racemic ketamine")

#: Adult racemic oral absorption half-time, minutes, calibrated: no adult racemic oral study reports an absorption rate. F 0.24
#: is the median of Chong 2009 (IQR 17-27%) and inside Chong 2006 (23 +/- 9%) and Yanagihara 2003 (~20%).
#: ka = ln 2 / 25 min puts the default set's 25 mg peak (19 ng/mL at 0.7 h) inside Chong 2006 (22.8 +/- 12.8
#: ng/mL at 0.96 +/- 0.8 h) and its norketamine peak inside 82 +/- 34 ng/mL at 1.6 +/- 0.9 h. Slower values
#: (Perez-Ruixo 2021 esketamine solution 43 min; Brunette 2011 children 59 min) leave the 0.5 mg/kg peak
#: further below Grant 1981 (45 +/- 10 ng/mL). docs/literature_checks_oral_bolus_kamp.md has the table.
ORAL_ABSORPTION_HALF_TIME_MIN = 25.0
#: Adult racemic oral bioavailability: Chong 2009 median.
ORAL_BIOAVAILABILITY = Sourced(0.24, "fraction", CHONG_2009, "median, IQR 0.17-0.27; 25 mg oral in 6 adults")
_ORAL_KA = math.log(2.0) / ORAL_ABSORPTION_HALF_TIME_MIN
_ORAL = Pathway(
    fraction=1.0, ka_per_min=_ORAL_KA, bioavailability=ORAL_BIOAVAILABILITY.value, presystemic_metabolite_fraction=0.8
)
#: Racemic intranasal: Yanagihara 2003 report F ~45%. Split as for esketamine
#: (Perez-Ruixo 2021): a nasal part absorbed at ka,n = 2.93 /h and a swallowed
#: part that behaves like an oral dose. Nasal fraction f solves f + (1 - f) * F_oral = 0.45.
_NASAL_FRACTION = (0.45 - ORAL_BIOAVAILABILITY.value) / (1.0 - ORAL_BIOAVAILABILITY.value)

RACEMIC_ROUTES = MappingProxyType(
    {
        "oral": RouteSpec(
            (_ORAL,),
            CHONG_2009,
            "F 0.24 (Chong 2009 median; Chong 2006 23 +/- 9%; Yanagihara 2003 ~20%); ka = ln2/25 min calibrated to "
            "the adult oral peaks (no adult racemic oral ka is published; Perez-Ruixo 2021 esketamine 43 min, "
            "Brunette 2011 children 59 min); of the first-pass loss, 0.8 reaches the circulation as norketamine "
            "(assumed equal to the systemic fraction; Fanta 2015 report presystemic norketamine formation)",
            also=(YANAGIHARA_2003, BRUNETTE_2011, FANTA_2015, PEREZ_RUIXO_2021),
        ),
        "sublingual": RouteSpec(
            (Pathway(fraction=1.0, ka_per_min=0.024, bioavailability=0.29, presystemic_metabolite_fraction=0.8),),
            ROLAN_2014,
            "F 0.29 (Rolan 2014); ka 0.024 /min chosen so that the default set peaks at about 0.75 h, the median "
            "Tmax Rolan 2014 report (checked in tests/test_literature.py); first-pass norketamine as for oral",
        ),
        "intramuscular": RouteSpec(
            (Pathway(fraction=1.0, ka_per_min=0.1, bioavailability=0.93),),
            CLEMENTS_1982,
            "F 0.93 (Clements, Nimmo & Grant 1982, second-hand); ka 0.1 /min (absorption half-time 7 min) is an "
            "illustrative assumption: no adult IM absorption rate could be verified",
        ),
        "intranasal": RouteSpec(
            (
                Pathway(fraction=_NASAL_FRACTION, ka_per_min=2.93 / 60.0, bioavailability=1.0),
                Pathway(
                    fraction=1.0 - _NASAL_FRACTION,
                    ka_per_min=_ORAL_KA,
                    bioavailability=ORAL_BIOAVAILABILITY.value,
                    presystemic_metabolite_fraction=0.8,
                ),
            ),
            YANAGIHARA_2003,
            "total F 0.45 (Yanagihara 2003, n = 3; a 2022 study found 11-17%, doi:10.1002/phar.2669: "
            "formulation-dependent); nasal ka 2.93 /h borrowed from Perez-Ruixo 2021; swallowed part as oral",
            also=(PEREZ_RUIXO_2021, BRUNETTE_2011),
        ),
    }
)

_BORROWED_NOTE = (
    "norketamine volumes and distribution clearance borrowed from the noresketamine model of Perez-Ruixo 2021 "
    "(apparent values), elimination clearance 60 L/h/70 kg calibrated to Koppel 1990's steady state, scaled "
    "allometrically to weight, with 80% of ketamine elimination forming norketamine (Simons 2022): "
    "assumptions, not data for racemic norketamine"
)
_KE0_NOTE = (
    "brain equilibration of the parent t1/2ke0 11 s (Herd 2008, hypnosis in children), of the metabolite 6.1 min "
    "(Olofsen 2012, S-ketamine, sub-anaesthetic endpoints): assumptions for this set"
)


def _racemic(name, citation, population, ages, weights, parent, routes, reported, notes, sampling="not stated"):
    return ParameterSet(
        name=name,
        drug="racemic",
        citation=citation,
        population=population,
        age_range_y=ages,
        weight_range_kg=weights,
        parent=parent,
        metabolite=NORKETAMINE_BORROWED,
        metabolite_citation=PEREZ_RUIXO_2021,
        fraction_metabolized=FRACTION_TO_NORKETAMINE,
        ke0=KE0_BRAIN,
        ke0_metabolite=KE0,
        routes=routes,
        reported=reported,
        notes=(*notes, _BORROWED_NOTE, _KE0_NOTE),
        female_clearance=FEMALE_CLEARANCE,
        sampling=sampling,
    )


CLEMENTS = _racemic(
    "clements_1981",
    CLEMENTS_1981,
    "adult volunteers, sub-anaesthetic IV doses (population details not verified)",
    (18.0, 65.0),
    (50.0, 100.0),
    Compartmental(
        values={"V1": 1.7522, "k10": 0.0109, "k12": 0.0186, "k21": 0.0137},
        units={"V1": "L/kg", "k10": "1/min", "k12": "1/min", "k21": "1/min"},
    ),
    RACEMIC_ROUTES,
    {"clearance_l_per_h_70kg": (80.0, "L/h"), "terminal_half_life_h": (3.0, "h")},
    (
        "teaching default for racemic ketamine in adults because it was fitted in adult volunteers at "
        "sub-anaesthetic doses, its clearance (80 L/h) and Vss (289 L) lie inside Kamp 2020's meta-analysis, its "
        "half-life is 2-3 h and 0.5 mg/kg over 40 min peaks at 177 ng/mL against 185 (Zarate 2006; Zanos 2018 "
        "Table 1); other sets meet some of these too (tests/test_literature.py)",
        "validity range (adults 18-65 y, 50-100 kg) is our reading of a volunteer study; the paper's own ranges were not read",
        "absorption routes from other sources (see routes); the large central volume (123 L at 70 kg) "
        "underestimates the first 15 minutes after a fast bolus: 10 mg gives 78 ng/mL at 2 min against 296 "
        "published (doi:10.1002/phar.2669); kamp_2020 (arterial) gives 292",
    ),
)

DOMINO = _racemic(
    "domino_1984",
    DOMINO_1984,
    "surgical patients / volunteers, with and without diazepam premedication (not verified)",
    (18.0, 65.0),
    (50.0, 100.0),
    Compartmental(
        values={"V1": 0.063, "k10": 0.438, "k12": 0.592, "k13": 0.590, "k21": 0.247, "k31": 0.0146},
        units={"V1": "L/kg", "k10": "1/min", "k12": "1/min", "k13": "1/min", "k21": "1/min", "k31": "1/min"},
    ),
    {},
    {"clearance_l_per_h_70kg": (115.9, "L/h (derived from the coded constants, V1*k10)")},
    (
        "origin unresolved: stanpumpR cites Clin Pharmacol Ther 1984;36:645 (PMID 6488686), opentiva PMID "
        "7198883; the population was not verified",
        "tiny V1 (4.4 L at 70 kg): early arterial sampling; peaks after a bolus are very high",
    ),
)

HIJAZI = _racemic(
    "hijazi_2003",
    HIJAZI_2003,
    "12 adult ICU patients with brain or spinal cord injury, sedation by continuous infusion",
    (18.0, 80.0),
    (45.0, 120.0),
    Compartmental(
        values={"V1": 1.08, "k10": 0.0333, "k12": 0.0088, "k21": 0.0030},
        units={"V1": "L/kg", "k10": "1/min", "k12": "1/min", "k21": "1/min"},
    ),
    {},
    {"clearance_ml_per_min_per_kg": (36.0, "mL/min/kg"), "terminal_half_life_h": (4.9, "h")},
    ("ICU patients, not healthy adults; age and weight ranges not in the abstract (our reading: adults)",),
)

HERD = _racemic(
    "herd_2007",
    HERD_2007,
    "54 children 1-14 y (age 8.3 +/- 3.5 y, weight 32.5 +/- 15.6 kg) in an emergency department",
    (1.0, 14.0),
    (10.0, 75.0),
    Compartmental(
        values={"V1": 38.7, "V2": 102.0, "CL": 90.0, "Q2": 215.0},
        units={"V1": "L", "V2": "L", "CL": "L/h", "Q2": "L/h"},
        scaling="allometric",
    ),
    {},
    {"clearance_l_per_h_70kg": (90.0, "L/h")},
    (
        "allometric exponent 0.75 on clearances as coded in opentiva (the abstract says only 'allometric')",
        "samples only to 152 min: the terminal phase is poorly defined",
    ),
)

HORNIK = _racemic(
    "hornik_2018",
    HORNIK_2018,
    "113 children, median age 3.3 y (0.02-17.6), median weight 14 kg (2.4-176)",
    (0.02, 17.6),
    (2.4, 176.1),
    Compartmental(
        values={"V1": 32.8, "V2": 152.0, "CL": 38.9, "Q2": 54.9},
        units={"V1": "L", "V2": "L", "CL": "L/h", "Q2": "L/h"},
        scaling="allometric",
    ),
    {
        "intramuscular": RouteSpec(
            (Pathway(fraction=1.0, ka_per_min=0.1, bioavailability=0.41),),
            HORNIK_2018,
            "IM F 0.41 (Hornik 2018 abstract); ka 0.1 /min is an illustrative assumption (the paper's ka was not read)",
        )
    },
    {"im_bioavailability": (0.41, "fraction")},
    ("V and CL values as coded in opentiva; the abstract confirms structure and allometry",),
)

#: Kamp 2020 fit their own model to 14 raw data sets: one central *arterial*
#: compartment, two peripheral compartments and two venous delay compartments
#: (abstract). The paper's table of estimates could not be read here; the three
#: arterial compartments are registered as opentiva 1.1.2 codes them (class
#: ``Klamp``, PMID 32997732): V 25/56/157 L, CL 84 L/h, Q 161 and 79 L/h per
#: 70 kg, all scaled linearly to weight. One other open implementation carries
#: the same values with clearances x (WT/70)^0.75. The venous delay
#: compartments are not included, so curves are arterial.
KAMP = _racemic(
    "kamp_2020",
    KAMP_2020,
    "raw-data population model from 14 studies (the meta-analysis covered 18: 11 healthy adult, 3 adult "
    "patient, 5 paediatric); arterial sampling",
    (18.0, 65.0),
    (50.0, 100.0),
    Compartmental(
        values={"V1": 25.0, "V2": 56.0, "V3": 157.0, "CL": 84.0, "Q2": 161.0, "Q3": 79.0},
        units={"V1": "L", "V2": "L", "V3": "L", "CL": "L/h", "Q2": "L/h", "Q3": "L/h"},
        scaling="linear",
    ),
    RACEMIC_ROUTES,
    {"clearance_l_per_h_70kg": (79.0, "L/h (meta-analysis)"), "vss_l_70kg": (252.0, "L (meta-analysis)")},
    (
        "the arterial part of Kamp 2020's raw-data model, values as coded in opentiva 1.1.2 (Klamp); the "
        "paper's own table was not read, so these are grade B; its two venous delay compartments are left out",
        "weight scaling linear as opentiva codes it (another open implementation scales clearances with "
        "(WT/70)^0.75; which the paper uses is unresolved)",
        "validity range (adults 18-65 y, 50-100 kg) is our assumption for a pooled adult analysis",
    ),
    sampling="arterial",
)

# Perez-Ruixo 2021, Table 3 (units as in the paper: L, L/h, 1/h, h).
_FRN = 0.54  # fraction of a device absorbed through the nasal mucosa
_FRN_LATER = _FRN * 0.62  # second and later devices of one dose: FRn x 0.62 (Table 3 "dose on FRn")
_FGUT = 0.64  # fraction of swallowed drug escaping gut-wall metabolism
PEREZ_RUIXO = ParameterSet(
    name="perez_ruixo_2021",
    drug="esketamine",
    citation=PEREZ_RUIXO_2021,
    population="820 subjects (256 healthy, 564 with treatment-resistant depression), 18-86 y, 39-170 kg",
    age_range_y=(18.0, 86.0),
    weight_range_kg=(39.0, 170.0),
    parent=Compartmental(
        values={
            "V1": 192.0,
            "V2": 143.0,
            "Q2": 84.3,
            "V3": 417.0,
            "Q3": 37.6,
            "Vh": 101.0,
            "Qh": 151.0,
            "kel": 1.11,
            "kmet": 2.77,
        },
        units={"V1": "L", "V2": "L", "Q2": "L/h", "V3": "L", "Q3": "L/h", "Vh": "L", "Qh": "L/h", "kel": "1/h", "kmet": "1/h"},
        scaling="none",
    ),
    metabolite=NORESKETAMINE,
    metabolite_citation=PEREZ_RUIXO_2021,
    fraction_metabolized=Sourced(2.77 / (1.11 + 2.77), "fraction", PEREZ_RUIXO_2021, "kmet / (kel + kmet)"),
    ke0=KE0_BRAIN,
    ke0_metabolite=KE0,
    routes={
        "intranasal": RouteSpec(
            (
                Pathway(fraction=_FRN, fraction_later=_FRN_LATER, ka_per_min=2.93 / 60.0, bioavailability=1.0),
                Pathway(
                    fraction=1.0 - _FRN,
                    fraction_later=1.0 - _FRN_LATER,
                    ka_per_min=1.45 / 60.0,
                    bioavailability=_FGUT,
                    input_duration_min=0.53 * 60.0,
                    target=3,
                ),
            ),
            PEREZ_RUIXO_2021,
            "nasal part FRn 0.54 (x0.62 for later devices), ka,n 2.93 /h into plasma; swallowed part released over "
            "Dsw 0.53 h, ka,sw 1.45 /h, Fgut 0.64, into the hepato-portal compartment (first pass emerges there)",
        ),
        "oral": RouteSpec(
            (Pathway(fraction=1.0, ka_per_min=0.97 / 60.0, bioavailability=_FGUT, input_duration_min=0.32 * 60.0, target=3),),
            PEREZ_RUIXO_2021,
            "oral solution: released over Dpo 0.32 h, ka,po 0.97 /h, Fgut 0.64, into the hepato-portal compartment",
        ),
    },
    hepatic_flow_age_slope=QH_AGE_SLOPE,
    reported={
        "clearance_l_per_h": (114.0, "L/h"),
        "vss_l": (752.0, "L (Vc + Vp1 + Vp2)"),
        "nasal_bioavailability_56mg": (0.54, "fraction"),
        "nasal_bioavailability_84mg": (0.51, "fraction"),
        "cmax_56mg_ng_per_ml": (72.5, "ng/mL (Table 4, Caucasian 18-60 y)"),
        "auc24_56mg_ng_h_per_ml": (255.0, "ng h/mL (Table 4)"),
    },
    notes=(
        "values from Table 3 as transcribed and checked in nlmixr2lib; typical values give CL 109 L/h against "
        "the abstract's 114 L/h",
        "covariates (Asian race, Japanese race, age > 60 on Qh) and variability are not applied here",
        "noresketamine parameters are apparent (scaled by the unidentified fraction formed); the metabolite "
        "is formed at the molar ratio 223.7/237.7 per mg esketamine",
        _KE0_NOTE,
    ),
)

SETS = MappingProxyType({s.name: s for s in (CLEMENTS, DOMINO, HIJAZI, HERD, HORNIK, KAMP, PEREZ_RUIXO)})
DEFAULTS = MappingProxyType({"racemic": "clements_1981", "esketamine": "perez_ruixo_2021"})
