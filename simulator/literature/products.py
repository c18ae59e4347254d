"""Facts about marketed products that the dose events use, with their sources."""

from __future__ import annotations

from .core import Citation, Sourced

__all__ = ["ESKETAMINE_DEVICE_INTERVAL", "ESKETAMINE_DEVICE_MG", "SPRAVATO_LABEL"]

SPRAVATO_LABEL = Citation(
    "Janssen Pharmaceuticals",
    2019,
    "SPRAVATO (esketamine) nasal spray, CIII: full prescribing information",
    "US Food and Drug Administration, initial approval 2019",
    document="US prescribing information, NDA 211243",
    table="section 2 (dosage and administration): 28 mg per device, 5 minutes between devices; section 12.3: "
    "plasma protein binding 43-45%",
)

#: One esketamine nasal spray device delivers 28 mg esketamine (base).
ESKETAMINE_DEVICE_MG = Sourced(28.0, "mg", SPRAVATO_LABEL, "esketamine base per device (two sprays)")
#: Rest between devices of one dose.
ESKETAMINE_DEVICE_INTERVAL = Sourced(5.0, "min", SPRAVATO_LABEL, "5 minutes' rest between devices")
