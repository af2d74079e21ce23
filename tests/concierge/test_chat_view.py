"""`concierge chat` shows the reply as it streams: typed out token by token, tool steps dimmed."""

import pytest
from click.testing import CliRunner

from agent.reply import Reply
from agent.streaming import ApprovalPending, Done, Token, ToolCall, ToolResult
from concierge.chat_view import TurnView
from concierge.cli import main
from concierge.settings import get_settings


def test_each_token_is_written_when_it_arrives(capsys):
    view = TurnView()
    view.show(Token("Let me "))
    assert capsys.readouterr().out == "concierge: Let me "
    view.show(Token("check."))
    assert capsys.readouterr().out == "check."  # the same line, as if typed
    view.show(ToolCall("get_reservation", {"confirmation_code": "HV1005"}, "c1"))
    assert capsys.readouterr().out == '\n  · get_reservation {"confirmation_code": "HV1005"}\n'
    view.show(ToolResult("get_reservation", "c1", True, None, '{"guest_name": "Daniel Okafor"}'))
    assert capsys.readouterr().out == '    ↳ ok {"guest_name": "Daniel Okafor"}\n'
    view.show(Token("It is "))
    view.show(Token("Mr Okafor."))
    assert capsys.readouterr().out == "concierge: It is Mr Okafor."
    view.show(Done(Reply("It is Mr Okafor.")))
    assert capsys.readouterr().out == "\n"


def test_refusals_and_approval_pauses_get_lines_of_their_own(capsys):
    view = TurnView()
    view.show(ToolCall("refund_payment", {"amount": "50"}, "c1"))
    error = {"type": "not_permitted", "message": "Refunds need a manager."}
    view.show(ToolResult("refund_payment", "c1", False, error, ""))
    view.show(ApprovalPending({"approval_id": 7, "tool": "refund_payment"}))
    view.show(Done(Reply("", pending_approval={"approval_id": 7})))
    assert capsys.readouterr().out.splitlines() == [
        '  · refund_payment {"amount": "50"}',
        "    ↳ not_permitted: Refunds need a manager.",
        "  … waiting for a manager to approve refund_payment (request 7)",
    ]


@pytest.fixture
def settings_env(tmp_path, monkeypatch):
    monkeypatch.setenv("CONCIERGE_CONVERSATIONS_URL", f"sqlite:///{tmp_path / 'talk.db'}")
    get_settings.cache_clear()
    yield tmp_path
    get_settings.cache_clear()


def test_chat_streams_tool_steps_then_the_answer(settings_env):
    db = f"sqlite:///{settings_env / 'demo.db'}"
    assert CliRunner().invoke(main, ["seed", "--db", db, "--today", "2027-03-01"]).exit_code == 0
    result = CliRunner().invoke(
        main,
        ["chat", "--hotel", "harbor-view", "--model", "offline", "--db", db, "--thread", "t1"],
        input="Is there a room free from March 10 to 12 2027 for 2 adults?\n\n",
    )
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    called = next(i for i, line in enumerate(lines) if "· check_availability" in line)
    assert lines[called + 1].startswith("    ↳ ok {")
    answer = lines[called + 2]
    assert answer.startswith("concierge: For 2027-03-10 to 2027-03-12: Standard Queen")
    assert answer.endswith("Would you like to book?")
