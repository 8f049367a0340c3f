import dis
import os

counter = 0


def test_constant_extracted_from_code_object():
    def sample():
        global counter, other
        counter = 1
        other = counter
        os.environ["SAMPLE"] = "1"

    names = {i.argval for i in dis.get_instructions(sample.__code__)}
    assert "counter" in names


def test_nested_function_that_is_called():
    def bump():
        global counter
        counter += 1  # error: FXS020
        os.environ["SAMPLE"] = "1"  # error: FXS020

    bump()


def test_nested_function_passed_on(request):
    def bump():
        global counter
        counter += 1  # error: FXS020

    request.addfinalizer(print)
    list(map(lambda f: f(), [bump]))
