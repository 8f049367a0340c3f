from app import factories
from app.factories import factory, made, tuned


def test_values_the_object_already_has():
    factory.validate_properties = True
    factories.factory.validate_properties = True
    tuned.validate_properties = True
    factory.strict = False


def test_a_different_value():
    factory.validate_properties = False  # error: FXS020


def test_same_value_of_another_type():
    factory.validate_properties = 1  # error: FXS020


def test_an_attribute_another_method_changes():
    factory.retries = 3  # error: FXS020


def test_an_attribute_set_under_a_condition():
    factory.cache = True  # error: FXS020


def test_an_attribute_from_a_parameter():
    factory.name = "default"  # error: FXS020


def test_an_object_a_function_made_and_changed():
    made.validate_properties = True  # error: FXS020
