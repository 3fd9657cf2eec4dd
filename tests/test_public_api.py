import newsevents


def test_public_api_all_names_resolve() -> None:
    for name in newsevents.__all__:
        assert getattr(newsevents, name) is not None


def test_public_api_unknown_name_raises_attribute_error() -> None:
    import pytest

    with pytest.raises(AttributeError):
        newsevents.no_such_thing  # noqa: B018
