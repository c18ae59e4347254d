"""Constants of the disinhibition sketch (:mod:`simulator.circuit`): all ILLUSTRATIVE.

None of these is a measurement. Each was chosen by hand so that the sketch shows one qualitative, published
fact about NMDA block in the rat prefrontal cortex, named in ``tuned_to`` with its citation. Real firing rates
change within milliseconds; the sketch's time constants are minutes so that the order of causes can be seen
on a time axis of hours. Teaching model: illustrative, not for dosing.
"""

from __future__ import annotations

from types import MappingProxyType

from .core import Citation
from .plasticity_constants import MOGHADDAM_1997, Illustrative

__all__ = ["CONSTANTS", "HOMAYOUN_2007"]

HOMAYOUN_2007 = Citation(
    "Homayoun H, Moghaddam B",
    2007,
    "NMDA receptor hypofunction produces opposite effects on prefrontal cortex interneurons and pyramidal neurons",
    "J Neurosci 2007;27:11496-11500",
    doi="10.1523/JNEUROSCI.2213-07.2007",
    pmid="17959792",
    table="abstract (PMC2954603): in the prefrontal cortex of awake rats, use-dependent inhibition of NMDA receptors "
    "predominantly decreased the firing of putative GABA interneurons and, at a delayed rate, increased the firing of "
    "most pyramidal neurons; the drug, doses and the length of the delay are not in the abstract (not verified here)",
)

#: Name -> :class:`~simulator.literature.plasticity_constants.Illustrative` constant of the disinhibition sketch,
#: each with the qualitative fact it was tuned to (times in hours).
CONSTANTS = MappingProxyType(
    {
        "interneuron_time_h": Illustrative(
            2.0 / 60.0,
            "h",
            "INVENTED: interneuron firing follows NMDA block within minutes (slowed from milliseconds so that the "
            "order of causes shows); interneuron firing falls first after NMDA block (rat)",
            HOMAYOUN_2007,
        ),
        "inhibition_time_h": Illustrative(
            4.0 / 60.0,
            "h",
            "INVENTED: the inhibition (GABA) onto pyramidal cells follows interneuron firing with its own lag, so that "
            "pyramidal firing rises after interneuron firing falls ('at a delayed rate', rat)",
            HOMAYOUN_2007,
        ),
        "pyramidal_time_h": Illustrative(
            2.0 / 60.0,
            "h",
            "INVENTED: pyramidal firing follows its excitation and inhibition within minutes; pyramidal firing rises "
            "at a delayed rate after NMDA block (rat)",
            HOMAYOUN_2007,
        ),
        "glutamate_clearance_time_h": Illustrative(
            10.0 / 60.0,
            "h",
            "INVENTED: extracellular glutamate, as a microdialysis probe sees it, follows pyramidal firing over "
            "minutes (release and clearance); glutamate outflow rose after sub-anaesthetic ketamine (rat)",
            MOGHADDAM_1997,
        ),
        "interneuron_silencing_block": Illustrative(
            0.5,
            "occupancy",
            "INVENTED: interneurons depend on NMDA excitation more than pyramidal cells do, so that they fall silent "
            "at this block (NMDA receptors preferentially drive interneurons, rat)",
            HOMAYOUN_2007,
        ),
        "inhibition_weight": Illustrative(
            0.75,
            "baseline excitation",
            "INVENTED: the inhibition onto pyramidal cells at baseline, as a share of their net drive, sets how much "
            "disinhibition can raise their firing (most pyramidal neurons fired more after NMDA block, rat)",
            HOMAYOUN_2007,
        ),
        "pyramidal_nmda_share": Illustrative(
            0.55,
            "fraction",
            "INVENTED: the share of the pyramidal cells' own excitation carried by NMDA receptors, so that held block "
            "raises glutamate up to about 78% block and lowers it above (sub-anaesthetic ketamine raised prefrontal "
            "glutamate outflow, 50 mg/kg did not change it, an anaesthetic 200 mg/kg lowered it, rat)",
            MOGHADDAM_1997,
        ),
    }
)
