"""Writes python.json: events in the layout of the Python bedrock-agentcore SDK v1.22 session manager.

The payloads are produced with Python's own json.dumps, following the SDK's write path: the SessionMessage
envelope with bytes as {"__bytes_encoded__": true, "data": base64}, blank text blocks removed after encoding,
a conversational item while len(text) + len(role) < 100000, else a blob json.dumps([text, role]), and agent
state as json.dumps(SessionAgent.to_dict()). Run it with python3 from this folder to regenerate the file.
"""

import base64
import json
from datetime import datetime, timezone

AGENT_ID = "agent-a"
NOW_MS = 1735787045678  # 2025-01-02T03:04:05.678Z, used as created_at and updated_at
LIMIT = 100000


def iso(ms):
    return datetime.fromtimestamp(ms / 1000, tz=timezone.utc).isoformat()


def encode_bytes(value):
    if isinstance(value, bytes):
        return {"__bytes_encoded__": True, "data": base64.b64encode(value).decode()}
    if isinstance(value, dict):
        return {key: encode_bytes(item) for key, item in value.items()}
    if isinstance(value, list):
        return [encode_bytes(item) for item in value]
    return value


def drop_blank_text(message):
    content = [block for block in message["content"] if "text" not in block or block.get("text", "").strip() != ""]
    return {**message, "content": content}


def message_item(message):
    envelope = encode_bytes(
        {"message": message, "message_id": 0, "redact_message": None, "created_at": iso(NOW_MS), "updated_at": iso(NOW_MS)}
    )
    envelope["message"] = drop_blank_text(envelope["message"])
    if not envelope["message"]["content"]:
        return None
    text = json.dumps(envelope)
    role = envelope["message"]["role"]
    if len(text) + len(role) < LIMIT:
        return {"conversational": {"content": {"text": text}, "role": role.upper()}}
    return {"blob": json.dumps([text, role])}


def state_blob(state, model_state, conversation_manager_state, interrupt_state):
    agent = {
        "agent_id": AGENT_ID,
        "state": state,
        "conversation_manager_state": conversation_manager_state,
        "_internal_state": {"interrupt_state": interrupt_state, "model_state": model_state},
        "created_at": iso(NOW_MS),
        "updated_at": iso(NOW_MS),
    }
    return json.dumps(agent)


def event(ms, suffix, payload, metadata=None):
    result = {
        "memoryId": "TestMemory-abcdefghij",
        "actorId": "user-1",
        "sessionId": "session-1",
        "eventId": f"{ms:019d}#{suffix}",
        "eventTimestamp": ms / 1000,
        "payload": payload,
        "branch": {"name": "main"},
    }
    if metadata:
        result["metadata"] = {key: {"stringValue": value} for key, value in metadata.items()}
    return result


PNG = b"\x89PNG\r\n\x1a\n\x00\xff"
# 8400 code points, but json.dumps escapes each emoji as a surrogate pair of 12 characters, so the envelope is
# over 100000 characters and the message goes to the blob path.
LONG_TEXT = "\U0001f326" * 8400

MESSAGES = [
    (
        "u1",
        {
            "role": "user",
            "content": [{"text": "Wie ist das Wetter in Z\u00fcrich? \u2600\ufe0f \U0001f326"}, {"cachePoint": {"type": "default"}}],
        },
    ),
    (
        "a1",
        {
            "role": "assistant",
            "content": [
                {"text": ""},
                {"reasoningContent": {"reasoningText": {"text": "Use the weather tool.", "signature": "sig-1"}}},
                {"toolUse": {"toolUseId": "t1", "name": "weather", "input": {"city": "Z\u00fcrich", "days": 2, "ratio": 0.5}}},
            ],
        },
    ),
    (
        "r1",
        {
            "role": "user",
            "content": [
                {"text": " "},
                {
                    "toolResult": {
                        "toolUseId": "t1",
                        "status": "success",
                        "content": [{"text": "21 \u00b0C"}, {"image": {"format": "png", "source": {"bytes": PNG}}}],
                    }
                },
            ],
        },
    ),
    ("a2", {"role": "assistant", "content": [{"text": 'It is 21 \u00b0C.\nTabs\tand "quotes" and \\ backslash </tag>'}]}),
    ("a3", {"role": "assistant", "content": [{"text": LONG_TEXT}, {"reasoningContent": {"redactedContent": b"\x01\x02\x03"}}]}),
    ("blank", {"role": "user", "content": [{"text": "  \n"}]}),
]

STATE = {"name": "John", "visits": 3, "score": 0.25, "tags": ["a", "b"], "nested": {"empty": {}, "none": None}}
MODEL_STATE = {"cache": "k-1"}
CONVERSATION_MANAGER_STATE = {"__name__": "SlidingWindowConversationManager", "removed_message_count": 2}
INTERRUPT_STATE = {"interrupts": {}, "context": {}, "activated": False}

items = {message_id: message_item(message) for message_id, message in MESSAGES}
state = state_blob(STATE, MODEL_STATE, CONVERSATION_MANAGER_STATE, INTERRUPT_STATE)
older_state = state_blob({"name": "Jo"}, {}, CONVERSATION_MANAGER_STATE, INTERRUPT_STATE)
session = json.dumps({"session_id": "session-1", "session_type": "AGENT", "created_at": iso(NOW_MS), "updated_at": iso(NOW_MS)})

events = [
    event(1735787045000, "00000001", [{"blob": session}], {"stateType": "SESSION"}),
    event(1735787045001, "00000002", [{"blob": older_state}], {"stateType": "AGENT", "agentId": AGENT_ID}),
    event(1735787045002, "00000003", [items["u1"]]),
    event(1735787045003, "00000004", [items["a1"], items["r1"], items["a2"]]),
    event(1735787045004, "00000005", [items["a3"]]),
    event(1735787045005, "00000006", [{"blob": state}], {"stateType": "AGENT", "agentId": AGENT_ID}),
    event(1735787045006, "00000007", [{"blob": older_state}], {"stateType": "AGENT", "agentId": "agent-b"}),
]



def to_typescript(value):
    """Converts a Python message to the Strands TypeScript shape, with bytes as {"$bytes": base64}."""
    if isinstance(value, bytes):
        return {"$bytes": base64.b64encode(value).decode()}
    if isinstance(value, list):
        return [to_typescript(item) for item in value]
    if not isinstance(value, dict):
        return value
    if list(value) == ["reasoningContent"]:
        reasoning = value["reasoningContent"]
        converted = dict(reasoning.get("reasoningText", {}))
        if "redactedContent" in reasoning:
            converted["redactedContent"] = reasoning["redactedContent"]
        return {"reasoning": to_typescript(converted)}
    if list(value) == ["cachePoint"]:
        return {"cachePoint": {"cacheType": value["cachePoint"]["type"]}}
    return {key: to_typescript(item) for key, item in value.items()}


def decoded(event_index, item_index, message_id):
    message = drop_blank_text(dict(MESSAGES)[message_id])
    source = events[event_index]
    return {
        "id": f"{source['eventId']}/{item_index}",
        "eventId": source["eventId"],
        "timestamp": round(source["eventTimestamp"] * 1000),
        "message": to_typescript(message),
    }


with open("python.json", "w") as file:
    json.dump(
        {
            "description": "Events written by the Python bedrock-agentcore SDK v1.22 session manager, oldest first. "
            "The message events' payload items, in order, are what encodeMessages writes for `input` with format "
            "python; the newest agent-state blob is what encodeAgentState writes for `inputState`.",
            "agentId": AGENT_ID,
            "format": "python",
            "now": NOW_MS,
            "input": [{"id": message_id, "message": to_typescript(message)} for message_id, message in MESSAGES],
            "inputState": {
                "appState": STATE,
                "modelState": MODEL_STATE,
                "interruptState": INTERRUPT_STATE,
                "conversationManagerState": CONVERSATION_MANAGER_STATE,
            },
            "events": events,
            "encodedFrom": [events[2]["eventId"], events[3]["eventId"], events[4]["eventId"]],
            "stateEncodedFrom": events[5]["eventId"],
            "expected": {
                "messages": [decoded(2, 0, "u1"), decoded(3, 0, "a1"), decoded(3, 1, "r1"), decoded(3, 2, "a2"), decoded(4, 0, "a3")],
                "state": {
                    "state": {
                        "appState": STATE,
                        "modelState": MODEL_STATE,
                        "interruptState": INTERRUPT_STATE,
                        "conversationManagerState": CONVERSATION_MANAGER_STATE,
                    },
                    "eventId": events[5]["eventId"],
                    "timestamp": 1735787045005,
                },
                "skipped": [],
                "skippedIds": [message_id for message_id, item in items.items() if item is None],
            },
        },
        file,
        indent=2,
        ensure_ascii=False,
    )
    file.write("\n")
