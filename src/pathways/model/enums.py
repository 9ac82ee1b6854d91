"""The closed lists of the model format: the values an element's field may take.

Part of the format :mod:`pathways.model.schema` defines; the JSON Schema lists each as an ``enum``.
"""

from enum import Enum


class Status(str, Enum):
    """How sure the model is of an element."""

    agreement = "agreement"
    law = "law"
    peer_region = "peer_region"
    assumption = "assumption"


class DocKind(str, Enum):
    seed = "seed"
    statute = "statute"
    regulation = "regulation"
    peer_region = "peer_region"
    web = "web"


class PrincipalKind(str, Enum):
    region = "region"
    municipality = "municipality"


class UnitKind(str, Enum):
    inpatient_rehab_ward = "inpatient_rehab_ward"
    inpatient_ward = "inpatient_ward"
    specialist_clinic = "specialist_clinic"
    specialist_home_rehab = "specialist_home_rehab"
    health_centre = "health_centre"
    primary_care_rehab = "primary_care_rehab"
    private_provider = "private_provider"
    home_healthcare = "home_healthcare"
    municipal_rehab_ordinary = "municipal_rehab_ordinary"
    municipal_rehab_special_housing = "municipal_rehab_special_housing"
    habilitation = "habilitation"
    adult_psychiatry = "adult_psychiatry"
    device_centre = "device_centre"
    needs_assessment = "needs_assessment"


class NeedCategory(str, Enum):
    icf = "icf"
    pathway_step = "pathway_step"
    device_step = "device_step"
    coordination = "coordination"
    nursing = "nursing"


class EventPlace(str, Enum):
    units = "units"
    handovers = "handovers"
    sip_points = "sip_points"


class DayUnit(str, Enum):
    calendar = "calendar"
    working = "working"


class Mode(str, Enum):
    written_care_request = "written_care_request"
    referral = "referral"
    guidance = "guidance"
    discharge_notice = "discharge_notice"
    device_order = "device_order"


class Item(str, Enum):
    information = "information"
    rehab_plan = "rehab_plan"
    medical_plan = "medical_plan"
    devices = "devices"
    temporary_prescription_limit = "temporary_prescription_limit"
    follow_up_responsibility = "follow_up_responsibility"
    cost_responsibility = "cost_responsibility"
    sip_plan = "sip_plan"
