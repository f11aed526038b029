"""`@record`: the frozen, checked records the whole model is made of."""

from __future__ import annotations

import dataclasses

import pytest

from bridges_tui.core.model import field_checks as checks
from bridges_tui.core.model.field_checks import ModelError
from bridges_tui.core.model.records import field, record


@record
class Pair:
    """Two names and how long they talked; checks of its own and of the whole."""

    first: str = field(check=checks.text)
    second: str = field(default="Alex", convert=str.strip, check=checks.text)
    minutes: float = field(default=10.0, check=checks.seconds(positive=True))
    said: tuple[str, ...] = field(factory=tuple, convert=tuple)

    def _check_record(self) -> None:
        if self.first == self.second:
            raise ModelError("second", "must differ from first")


def test_values_by_name_by_position_and_by_default() -> None:
    assert Pair("Sam") == Pair(first="Sam", second="Alex", minutes=10.0, said=())
    assert Pair("Sam", "Kit", 5).minutes == 5
    assert Pair(first="Sam", said=["hi"]).said == ("hi",)


def test_each_record_gets_its_own_fresh_default() -> None:
    assert Pair("Sam").said is not None
    assert Pair("Sam").said == Pair("Kim").said == ()


def test_values_are_converted_then_checked_then_the_whole_is_checked() -> None:
    assert Pair("Sam", "  Kit ").second == "Kit"
    with pytest.raises(ModelError, match="second: must be non-empty text"):
        Pair("Sam", "   ")
    with pytest.raises(ModelError, match="minutes: must be greater than zero"):
        Pair("Sam", minutes=0)
    with pytest.raises(ModelError, match="second: must differ"):
        Pair("Sam", " Sam")


@pytest.mark.parametrize(
    ("args", "kwargs", "message"),
    [
        ((), {}, "needs a value for 'first'"),
        (("Sam",), {"first": "Kim"}, "got two values for 'first'"),
        (("Sam",), {"nickname": "S"}, "has no field 'nickname'"),
        (("Sam", "Kit", 5, (), "extra"), {}, "takes 4 values, not 5"),
    ],
)
def test_wrong_arguments_are_a_type_error_that_says_which(args, kwargs, message) -> None:
    with pytest.raises(TypeError, match=message):
        Pair(*args, **kwargs)


def test_a_record_is_frozen() -> None:
    pair = Pair("Sam")
    with pytest.raises(dataclasses.FrozenInstanceError):
        pair.first = "Kim"  # type: ignore[misc]
    with pytest.raises(dataclasses.FrozenInstanceError):
        del pair.first
    with pytest.raises((AttributeError, TypeError)):
        pair.nickname = "S"  # type: ignore[attr-defined]
    assert pair.first == "Sam"


def test_replace_makes_a_new_record_and_checks_it_again() -> None:
    pair = Pair("Sam")
    assert dataclasses.replace(pair, minutes=3) == Pair("Sam", minutes=3)
    assert pair.minutes == 10.0
    with pytest.raises(ModelError, match="second: must differ"):
        dataclasses.replace(pair, second="Sam")


def test_equality_repr_hash_and_matching_follow_the_fields() -> None:
    pair = Pair("Sam", said=["hi"])
    assert pair == Pair("Sam", said=("hi",))
    assert pair != Pair("Kim", said=("hi",))
    assert pair != ("Sam", "Alex", 10.0, ("hi",))
    assert hash(pair) == hash(Pair("Sam", said=("hi",)))
    assert repr(pair) == "Pair(first='Sam', second='Alex', minutes=10.0, said=('hi',))"
    match pair:
        case Pair(first, second):
            assert (first, second) == ("Sam", "Alex")
        case _:
            pytest.fail("a record matches by position")
    assert [item.name for item in dataclasses.fields(Pair)] == ["first", "second", "minutes", "said"]
    assert dataclasses.asdict(pair)["said"] == ("hi",)
    assert not hasattr(pair, "__dict__")


def test_a_record_may_not_bring_methods_it_makes_itself() -> None:
    with pytest.raises(TypeError, match="_check_record"):

        @record
        class Early:
            name: str = field(check=checks.text)

            def __post_init__(self) -> None:
                pass
