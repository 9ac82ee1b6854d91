"""The closed lists of the model format: the values an element's field may take.

Part of the format :mod:`pathways.model.schema` defines; the JSON Schema lists each as an ``enum``.
The schema's fields take them as ``Annotated[Status, Closed]``: each checked as the literal of
its strings (:class:`_Closed`).
"""

from enum import Enum
from typing import Any

from pydantic import GetCoreSchemaHandler, GetJsonSchemaHandler
from pydantic.json_schema import GenerateJsonSchema
from pydantic_core import CoreSchema, core_schema


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


class _Closed:
    """A field of one of these enums, validated as the literal of its values.

    With ``use_enum_values`` pydantic finds the enum member and then reads its ``value``
    (``Enum.value`` is a Python property: 170,000 calls at national scale, a tenth of the
    validation). A literal of the same strings accepts what the enum accepts and gives the
    same string; its errors are raised as the enum's (type ``enum``, the same ``expected``),
    and its JSON Schema is the enum's own (:class:`ModelJsonSchema`), so ``pathways schema``
    and the messages of :mod:`pathways.model.pydantic_errors` are those of the enums."""

    def __get_pydantic_core_schema__(self, source: type[Enum], handler: GetCoreSchemaHandler) -> CoreSchema:
        values = [member.value for member in source]
        expected = ", ".join(map(repr, values[:-1])) + f" or {values[-1]!r}"
        return core_schema.custom_error_schema(
            core_schema.literal_schema(values),
            "enum",
            custom_error_context={"expected": expected},
            metadata={"enum_schema": handler(source)},
        )

    def __get_pydantic_json_schema__(self, schema: CoreSchema, handler: GetJsonSchemaHandler) -> dict[str, Any]:
        return handler(schema["metadata"]["enum_schema"])


class ModelJsonSchema(GenerateJsonSchema):
    """The JSON Schema of the model format: a closed value's field, like an enum's, takes its
    title from the enum (``$ref``), not from the field's name."""

    def field_title_should_be_set(self, schema: Any) -> bool:
        inner = schema.get("schema", {}) if schema.get("type") in ("model-field", "default", "nullable") else schema
        if isinstance(inner, dict) and "enum_schema" in inner.get("metadata", {}):
            return False
        return super().field_title_should_be_set(schema)


Closed = _Closed()
