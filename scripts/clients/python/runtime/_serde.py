"""Conversions between JSON values and models, used by the generated models and operations."""

from typing import Any, Callable, Dict, List, Mapping, Sequence, Tuple


def to_json(value: Any) -> Any:
    """A model, a list, a mapping or a plain value as JSON-ready data (models through `to_dict`)."""
    to_dict = getattr(value, "to_dict", None)
    if callable(to_dict):
        return to_dict()
    if isinstance(value, Mapping):
        return {str(k): to_json(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [to_json(v) for v in value]
    return value


def as_str(value: Any) -> str:
    if not isinstance(value, str):
        raise TypeError(f"expected a string, got {type(value).__name__}")
    return value


def as_int(value: Any) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        raise TypeError(f"expected an integer, got {type(value).__name__}")
    return value


def as_float(value: Any) -> float:
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        raise TypeError(f"expected a number, got {type(value).__name__}")
    return value


def as_bool(value: Any) -> bool:
    if not isinstance(value, bool):
        raise TypeError(f"expected a boolean, got {type(value).__name__}")
    return value


def as_none(value: Any) -> None:
    if value is not None:
        raise TypeError(f"expected null, got {type(value).__name__}")
    return None


def as_literal(value: Any, allowed: Tuple[Any, ...]) -> Any:
    if not any(value == a and type(value) is type(a) for a in allowed):
        raise ValueError(f"expected one of {allowed!r}, got {value!r}")
    return value


def as_list(value: Any) -> List[Any]:
    if not isinstance(value, list):
        raise TypeError(f"expected a list, got {type(value).__name__}")
    return value


def as_dict(value: Any) -> Dict[str, Any]:
    """A copy of a JSON object (the caller pops the fields it knows)."""
    if not isinstance(value, Mapping):
        raise TypeError(f"expected an object, got {type(value).__name__}")
    return dict(value)


def parse_union(value: Any, parsers: Sequence[Callable[[Any], Any]]) -> Any:
    """The first alternative that parses `value` (a union without a discriminator)."""
    failures: List[str] = []
    for parse in parsers:
        try:
            return parse(value)
        except (KeyError, TypeError, ValueError) as error:
            failures.append(f"{type(error).__name__}: {error}")
    raise ValueError("no alternative of the union matches: " + "; ".join(failures))


def parse_discriminated(value: Any, prop: str, parsers: Mapping[str, Callable[[Any], Any]]) -> Any:
    """The alternative that `value[prop]` names (a union with a discriminator)."""
    tag = as_dict(value).get(prop)
    if not isinstance(tag, str) or tag not in parsers:
        raise ValueError(f"{prop}={tag!r} is none of {sorted(parsers)!r}")
    return parsers[tag](value)


def check_no_extra(name: str, rest: Mapping[str, Any]) -> None:
    """A closed object (additionalProperties: false) takes no field beyond its own."""
    if rest:
        raise ValueError(f"{name} has no field {', '.join(sorted(rest))}")
