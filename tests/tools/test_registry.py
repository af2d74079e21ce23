"""What the model is shown of each tool: compact schemas that still validate what it sends."""

from tests.support import principal
from tools import registry
from tools.runtime import ToolRuntime


def test_optional_fields_are_plain_types_outside_required():
    schema = registry.get("record_payment").parameters()
    reference = schema["properties"]["reference"]
    assert reference == {
        "description": "Card slip or transfer reference.",
        "type": "string",
        "maxLength": 120,  # the column's: clients and models see the bound the schema enforces
    }
    assert "reference" not in schema["required"]
    assert schema["properties"]["amount"]["type"] == "number"
    assert "description" not in schema  # the tool description is not repeated


def test_no_schema_carries_null_unions_or_null_defaults():
    for tool in registry.all_tools():
        for name, field in tool.parameters()["properties"].items():
            assert {"type": "null"} not in field.get("anyOf", []), (tool.name, name)
            assert field.get("default", "set") is not None, (tool.name, name)


def test_amounts_given_as_strings_are_still_accepted(db):
    outcome = ToolRuntime(db).call(
        "record_payment",
        {"confirmation_code": "HV1005", "amount": "25.00", "method": "cash"},
        principal("front_desk", "leo.martins"),
    )
    assert outcome.ok and outcome.result["line"]["amount"] == "25.00"


def test_every_write_declares_its_idempotency_key_with_its_bound():
    schema = registry.get("record_payment").parameters(with_idempotency_key=True)
    assert schema["properties"]["idempotency_key"]["maxLength"] == 200
